"""Reading a parsed document: the quick reader where it can, the careful one otherwise.

Both build the same collection from the same document (a property test holds them to
it). The quick reader (:mod:`._quick`) takes documents shaped as our writers shape them
and steps aside on anything else; the careful reader (:mod:`._careful`) reads any
document and names the exact node and property of any fault. Here, above both, a
content error gets the name of the document it was found in (and, in N-Triples and
N-Quads, its line), and a document that holds triples but no record of ours is refused.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from .._collection import ClaimSet
from .._gc import collector_paused
from ..errors import RDFContentError
from ._careful import CarefulReader, read_carefully
from ._quick import read_quads
from ._reading import Document
from ._terms import Triple

__all__ = ["read_triples"]


def read_triples(triples: Iterable[Triple]) -> ClaimSet:
    """Build a :class:`ClaimSet` from triples; every typed record is kept, claimed or not.

    A parsed :class:`~provenance.rdf._reading.Document` is first offered to the quick
    reader, which reads documents shaped as we write them several times faster and
    hands anything else back to be read carefully. A document's content errors name it
    (and, in N-Triples and N-Quads, the line); a document that holds triples but no
    record of ours is refused (:meth:`RDFContentError.no_claims`), an empty one is an
    empty collection. The cyclic garbage collector is paused meanwhile: a read builds
    many objects and frees none.
    """
    with collector_paused():
        if not isinstance(triples, Document):
            return read_carefully(CarefulReader(triples))
        try:
            return _read_document(triples)
        except RDFContentError as error:
            if error.source is not None:
                raise
            located = error.located(triples.name, _line_of(triples, error))
            raise located.with_traceback(error.__traceback__) from error.__cause__


def _read_document(document: Document) -> ClaimSet:
    quick = read_quads(document.quads())
    if quick is not None and quick.records:
        return quick
    reader = CarefulReader(document)
    claims = read_carefully(reader)
    if not claims.records and reader.index:
        raise RDFContentError.no_claims(document.name, reader.count)
    return claims


_LINE_FORMATS = (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS)
"""Formats of one statement a line, where the line of a statement is known for certain."""


def _line_of(document: Document, error: RDFContentError) -> int | None:
    """The line of the statement an error is about, in N-Triples or N-Quads; else ``None``.

    The statement is the error's node and property (the first, where there are several);
    an error about a property the node lacks has no line. Lines that spell the node's
    IRI are parsed on their own and compared term by term, so a line is only given
    where it is certain; a node spelt with escapes is not found, and gets no line.
    """
    if document.format not in _LINE_FORMATS or error.node is None or error.property is None:
        return None
    subject = _ox_node(error.node)
    predicate = ox.NamedNode(error.property)
    spelt = error.node.encode("utf-8")
    for number, line in enumerate(document.document().split(b"\n"), start=1):
        if spelt in line:
            try:
                found = list(ox.parse(line, format=document.format))
            except (SyntaxError, ValueError):
                continue
            if any(q.subject == subject and q.predicate == predicate for q in found):
                return number
    return None


def _ox_node(node: str) -> ox.NamedNode | ox.BlankNode:
    return ox.BlankNode(node[2:]) if node.startswith("_:") else ox.NamedNode(node)
