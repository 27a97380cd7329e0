"""Turtle files: a streaming, byte-stable writer; strict parsing through pyoxigraph.

The writer formats the mapping's triples itself, one subject block at a time, straight
to the file: nothing the size of the collection is built, and the text depends on
nothing but the collection (not on a library's version or the hash seed). Collections
are written from per-record templates (:mod:`._fast`), which give exactly the bytes of
:func:`turtle_chunks` over the mapping's triples, the generic path TriG also uses. Prefixes are
declared in alphabetical order, subjects and predicates come in the mapping's stable
order, strings are escaped as canonical N-Triples escapes them (valid Turtle), and
numbers are written bare where the Turtle grammar reads them back unchanged.

rdflib accepts many documents the Turtle grammar forbids, so input is parsed by
pyoxigraph, which follows the grammar, never resolves anything over the network and
reports the line and column of the first error. Writing goes to a temporary file in
the target's folder that replaces the target only once it is complete, so a failed
or interrupted write leaves the previous file as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from .._collection import ClaimSet
from .._namespace import DEFAULT_BASE
from ._output import StrPath, atomic_write
from ._read import read_triples
from ._reading import parse_document, read_document
from ._syntax import Prefixes, turtle_chunks
from ._templates import joined, turtle_pieces, write_pieces
from ._terms import PREFIXES, Triple

__all__ = [
    "Prefixes",
    "atomic_write",
    "parse_turtle",
    "read_turtle",
    "serialize_turtle",
    "turtle_chunks",
    "write_turtle",
]


def _document(source: Iterable[Triple]) -> Iterator[str]:
    """Any triples as a whole Turtle document: the reference the templates are held to."""
    prefixes = Prefixes(PREFIXES)
    yield prefixes.header()
    yield from turtle_chunks(source, prefixes)


def serialize_turtle(claims: ClaimSet, *, base: str = DEFAULT_BASE) -> str:
    """The claims as a Turtle document, the same text for the same claims on every run."""
    return joined(turtle_pieces(claims, base=base))


def write_turtle(claims: ClaimSet, path: StrPath, *, base: str = DEFAULT_BASE) -> None:
    """Write the claims to ``path`` as Turtle, streamed, replacing the file only once complete.

    Records come in a canonical order (by kind, then IRI), so a collection gives the same
    bytes however it was built; :func:`stream_turtle` writes claims in the order they come,
    holding none of them, for collections too large to hold.
    """
    write_pieces(path, turtle_pieces(claims, base=base))


def parse_turtle(text: str, *, name: str = "<string>", base_iri: str | None = None) -> ClaimSet:
    """Read claims from a Turtle document held in a string.

    The document is checked strictly against the Turtle grammar first
    (:class:`~provenance.errors.RDFSyntaxError` with line and column), then its content
    against the vocabulary (:class:`~provenance.errors.RDFContentError` naming the
    document, node and property). ``name`` is what errors call the document.
    ``base_iri`` is the IRI relative IRI references (``<a>``, ``<#x>``) are resolved
    against, as a ``@base`` at the top would be; without one, or a ``@base`` in the
    document, a relative IRI is a syntax error. (It is not the writers' ``base``, the
    namespace IRIs are minted under.)

    >>> parse_turtle('<#s> a <https://w3id.org/provenance-claims/vocab#Proposition> ; '
    ...     '<https://w3id.org/provenance-claims/vocab#statement> "It rained." .',
    ...     base_iri="https://example.org/doc").propositions
    (Proposition(text='It rained.'),)
    """
    return read_triples(parse_document(text, ox.RdfFormat.TURTLE, name, base_iri=base_iri))


def read_turtle(path: StrPath, *, base_iri: str | None = None) -> ClaimSet:
    """Read claims from a Turtle file; errors name the file, line and column.

    The file is parsed as it is read, and its triples go to the reader as they come.
    Relative IRIs are resolved against ``base_iri`` (see :func:`parse_turtle`), never
    against the file's own path.
    """
    return read_triples(read_document(path, ox.RdfFormat.TURTLE, base_iri=base_iri))
