"""N-Triples: canonical, streamed output; strict, streamed input; the content hash.

The writer emits canonical N-Triples as RDF 1.2 defines it (one space between terms,
``" ."`` and a line feed after each triple, ``\\"``, ``\\\\``, ``\\b``, ``\\t``, ``\\n``,
``\\f``, ``\\r`` as the only escapes besides ``\\uXXXX`` for the other control
characters, U+007F, U+FFFE and U+FFFF, no ``^^xsd:string``, language tags in lower
case), one line per triple in the mapping's stable order, so equal collections give
equal bytes and a diff of two exports shows what changed, line by line. IRIs are
written as they are: the model refuses any IRI with a character N-Triples would need
to escape.

The file is written as it is produced, so memory does not grow with the collection,
and atomically: a failed write leaves the previous file as it was. Collections are
written from per-record templates (:mod:`._templates`), which give exactly the lines
:func:`ntriples_chunks` makes of the mapping's triples, the generic path N-Quads uses.
"""

from __future__ import annotations

import hashlib

import pyoxigraph as ox

from .._collection import ClaimSet
from .._namespace import DEFAULT_BASE
from ._output import StrPath
from ._read import read_triples
from ._reading import parse_document, read_document
from ._syntax import literal, ntriples_chunks, term
from ._templates import encoded, joined, ntriples_pieces, write_pieces

__all__ = [
    "content_hash",
    "literal",
    "ntriples_chunks",
    "parse_ntriples",
    "read_ntriples",
    "serialize_ntriples",
    "term",
    "write_ntriples",
]


def serialize_ntriples(claims: ClaimSet, *, base: str = DEFAULT_BASE) -> str:
    """The claims as canonical N-Triples, the same text for the same claims on every run.

    >>> from provenance import ClaimSet, Proposition
    >>> print(serialize_ntriples(ClaimSet([Proposition("Fars denied it.")]), base="urn:x:"), end="")
    <urn:x:proposition/...> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/prov#Entity> .
    <urn:x:proposition/...> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/provenance-claims/vocab#Proposition> .
    <urn:x:proposition/...> <https://w3id.org/provenance-claims/vocab#statement> "Fars denied it." .
    """  # noqa: E501
    return joined(ntriples_pieces(claims, base=base))


def write_ntriples(claims: ClaimSet, path: StrPath, *, base: str = DEFAULT_BASE) -> None:
    """Write the claims to ``path`` as canonical N-Triples, streamed, replacing it atomically.

    Records come in a canonical order, so a collection gives the same bytes however it
    was built; :func:`stream_ntriples` writes claims in the order they come, holding none
    of them, for collections too large to hold.
    """
    write_pieces(path, ntriples_pieces(claims, base=base))


def parse_ntriples(text: str, *, name: str = "<string>", base_iri: str | None = None) -> ClaimSet:
    """Read claims from an N-Triples document held in a string.

    Syntax errors name the line and column (:class:`~provenance.errors.RDFSyntaxError`),
    content errors the line, node and property (:class:`~provenance.errors.RDFContentError`).
    N-Triples allows absolute IRIs only: ``base_iri`` is taken, like every reader's, and
    changes nothing (a relative IRI is a syntax error all the same).
    """
    return read_triples(parse_document(text, ox.RdfFormat.N_TRIPLES, name, base_iri=base_iri))


def read_ntriples(path: StrPath, *, base_iri: str | None = None) -> ClaimSet:
    """Read claims from an N-Triples file, streamed through pyoxigraph's parser."""
    return read_triples(read_document(path, ox.RdfFormat.N_TRIPLES, base_iri=base_iri))


def content_hash(claims: ClaimSet) -> str:
    """A SHA-256 hex digest of the collection's content, the same wherever it is computed.

    It hashes the canonical N-Triples of the collection (with the default base), so two
    collections have the same hash exactly when they hold the same records, however
    they were built, and the hash can be checked with standard tools::

        python -c "import provenance as pv; pv.write_ntriples(claims, 'c.nt')"
        sha256sum c.nt

    >>> from provenance import ClaimSet, Proposition
    >>> a = ClaimSet([Proposition("Fars denied it."), Proposition("ISNA reported it.")])
    >>> b = ClaimSet([Proposition("ISNA reported it."), Proposition("Fars denied it.")])
    >>> content_hash(a) == content_hash(b) != content_hash(ClaimSet())
    True
    """
    hasher = hashlib.sha256()
    for chunk in encoded(ntriples_pieces(claims, base=DEFAULT_BASE)):
        hasher.update(chunk)
    return hasher.hexdigest()
