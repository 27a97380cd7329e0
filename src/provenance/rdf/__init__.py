"""RDF for claims: the PROV-O based mapping, rdflib Graphs, Turtle files.

Everything here is also importable from :mod:`provenance` itself.
"""

from ._graph import from_graph, to_graph
from ._turtle import parse_turtle, read_turtle, serialize_turtle, write_turtle

__all__ = [
    "from_graph",
    "parse_turtle",
    "read_turtle",
    "serialize_turtle",
    "to_graph",
    "write_turtle",
]
