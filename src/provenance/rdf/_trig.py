"""TriG and N-Quads: the claims of each source document as a named graph, a PROV bundle.

A bundle is PROV's way to give provenance to provenance: who recorded these claims, and
from which document. Each source that claims were taken from gets one named graph, its
*bundle*, holding those claims' own triples (the claim and its two attribution nodes).
Everything else (propositions, agents, outlets, sources, custom stances) and the
description of each bundle sit in the default graph::

    <{base}bundle/{digest of the source}> a prov:Bundle , prov:Entity ;
        prov:wasAttributedTo <the agent who recorded the claims> ;   # recorded_by
        prov:wasDerivedFrom <{base}source/{digest of the source}> .

    <{base}bundle/{digest of the source}> {
        <{base}claim/…> a prov:Entity , pc:Claim ; … .
    }

``recorded_by`` is an :class:`~provenance.Agent`, described in the default graph like
any other agent; leave it out and bundles carry no attribution. Reading merges all the
graphs, so a document read back holds the collection plus the recording agent.

Output is byte-stable as Turtle and N-Triples are: the default graph first, then the
bundles in IRI order, each claim's triples in the mapping's order.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox

from .._collection import ClaimSet
from .._model import Agent
from .._namespace import DEFAULT_BASE
from ._document import bundles
from ._ntriples import ntriples_chunks
from ._output import StrPath, write_chunks
from ._read import read_triples
from ._reading import parse_document, read_document
from ._terms import PREFIXES
from ._turtle import Prefixes, turtle_chunks

__all__ = [
    "parse_nquads",
    "parse_trig",
    "read_nquads",
    "read_trig",
    "serialize_nquads",
    "serialize_trig",
    "write_nquads",
    "write_trig",
]


def _trig(claims: ClaimSet, base: str, recorded_by: Agent | None) -> Iterator[str]:
    default, named = bundles(claims, base=base, recorded_by=recorded_by)
    prefixes = Prefixes(PREFIXES)
    yield prefixes.header()
    yield from turtle_chunks(default, prefixes)
    for graph, graph_triples in named:
        yield f"{prefixes.iri(graph)} {{\n"
        yield from turtle_chunks(graph_triples, prefixes, indent="\t")
        yield "}\n"


def _nquads(claims: ClaimSet, base: str, recorded_by: Agent | None) -> Iterator[str]:
    default, named = bundles(claims, base=base, recorded_by=recorded_by)
    yield from ntriples_chunks(default)
    for graph, graph_triples in named:
        yield from ntriples_chunks(graph_triples, graph)


def serialize_trig(
    claims: ClaimSet, *, base: str = DEFAULT_BASE, recorded_by: Agent | None = None
) -> str:
    """The claims as TriG, one bundle per source document, the same text on every run.

    ``recorded_by`` is the agent the bundles are attributed to: whoever recorded the claims.
    """
    return "".join(_trig(claims, base, recorded_by))


def write_trig(
    claims: ClaimSet,
    path: StrPath,
    *,
    base: str = DEFAULT_BASE,
    recorded_by: Agent | None = None,
) -> None:
    """Write the claims to ``path`` as TriG, streamed, replacing the file only once complete."""
    write_chunks(path, _trig(claims, base, recorded_by))


def serialize_nquads(
    claims: ClaimSet, *, base: str = DEFAULT_BASE, recorded_by: Agent | None = None
) -> str:
    """The claims as canonical N-Quads, one bundle per source document (see :func:`serialize_trig`)."""  # noqa: E501
    return "".join(_nquads(claims, base, recorded_by))


def write_nquads(
    claims: ClaimSet,
    path: StrPath,
    *,
    base: str = DEFAULT_BASE,
    recorded_by: Agent | None = None,
) -> None:
    """Write the claims to ``path`` as N-Quads, streamed, replacing the file only once complete."""
    write_chunks(path, _nquads(claims, base, recorded_by))


def parse_trig(text: str, *, name: str = "<string>", base_iri: str | None = None) -> ClaimSet:
    """Read claims from a TriG document held in a string, merging all its graphs.

    Relative IRIs are resolved against ``base_iri``, as in :func:`parse_turtle`.
    """
    return read_triples(parse_document(text, ox.RdfFormat.TRIG, name, base_iri=base_iri))


def read_trig(path: StrPath, *, base_iri: str | None = None) -> ClaimSet:
    """Read claims from a TriG file, merging all its graphs; errors name file, line, column."""
    return read_triples(read_document(path, ox.RdfFormat.TRIG, base_iri=base_iri))


def parse_nquads(text: str, *, name: str = "<string>", base_iri: str | None = None) -> ClaimSet:
    """Read claims from an N-Quads document held in a string, merging all its graphs."""
    return read_triples(parse_document(text, ox.RdfFormat.N_QUADS, name, base_iri=base_iri))


def read_nquads(path: StrPath, *, base_iri: str | None = None) -> ClaimSet:
    """Read claims from an N-Quads file, merging all its graphs; errors name file, line, column."""
    return read_triples(read_document(path, ox.RdfFormat.N_QUADS, base_iri=base_iri))
