"""The bridge to rdflib: a :class:`ClaimSet` as an rdflib Graph and back.

An rdflib Graph is the convenient form for users who want to query or merge with
other data in Python; it is also the slow, memory-hungry one, so file export and
import go through pyoxigraph instead (see :mod:`provenance.rdf._turtle`).
"""

from __future__ import annotations

from collections.abc import Iterator

import rdflib

from .._collection import ClaimSet
from .._namespace import DEFAULT_BASE
from ._document import triples
from ._read import read_triples
from ._terms import PREFIXES, Triple, from_rdflib, to_rdflib

__all__ = ["from_graph", "to_graph"]


def to_graph(claims: ClaimSet, *, base: str = DEFAULT_BASE) -> rdflib.Graph:
    """The claims as a new rdflib Graph, with the vocabulary's prefixes bound.

    ``base`` is the prefix of the IRIs minted for records (``"https://example.org/erbil/"``
    gives ``https://example.org/erbil/claim/…``).
    """
    graph = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, rdflib.Namespace(namespace), override=True, replace=True)
    for s, p, o in triples(claims, base=base):
        graph.add((to_rdflib(s), rdflib.URIRef(p), to_rdflib(o)))
    return graph


def graph_triples(graph: rdflib.Graph) -> Iterator[Triple]:
    """The graph's triples in the neutral form the reader takes."""
    for s, p, o in graph:
        yield from_rdflib(s), str(p), from_rdflib(o)  # type: ignore[misc]


def from_graph(graph: rdflib.Graph) -> ClaimSet:
    """Read the claims, and every proposition, agent, outlet and source, out of ``graph``.

    Raises :class:`~provenance.errors.RDFContentError` naming the node and property
    when the graph does not describe them as the vocabulary requires.
    """
    return read_triples(graph_triples(graph))
