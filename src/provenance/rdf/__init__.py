"""RDF for claims: the PROV-O based mapping, rdflib Graphs, and files in every RDF syntax.

Turtle, N-Triples, JSON-LD, TriG, N-Quads and RDF/XML are written by streaming writers
(byte-stable: the same collection gives the same bytes on every run and machine) and
read through pyoxigraph's strict parsers, which never fetch anything. Claims too many to
hold as a collection are written as Turtle or N-Triples straight from any iterable
(``stream_turtle``, ``stream_ntriples``), in the order they come. Everything here
is also importable from :mod:`provenance` itself.
"""

from ._formats import Format, parse, read, serialize, write
from ._graph import from_graph, to_graph
from ._jsonld import CONTEXT_IRI, parse_jsonld, read_jsonld, serialize_jsonld, write_jsonld
from ._ntriples import (
    content_hash,
    parse_ntriples,
    read_ntriples,
    serialize_ntriples,
    write_ntriples,
)
from ._rdfxml import parse_rdfxml, read_rdfxml, serialize_rdfxml, write_rdfxml
from ._streaming import stream_ntriples, stream_turtle
from ._trig import (
    parse_nquads,
    parse_trig,
    read_nquads,
    read_trig,
    serialize_nquads,
    serialize_trig,
    write_nquads,
    write_trig,
)
from ._turtle import parse_turtle, read_turtle, serialize_turtle, write_turtle

__all__ = [
    "CONTEXT_IRI",
    "Format",
    "content_hash",
    "from_graph",
    "parse",
    "parse_jsonld",
    "parse_nquads",
    "parse_ntriples",
    "parse_rdfxml",
    "parse_trig",
    "parse_turtle",
    "read",
    "read_jsonld",
    "read_nquads",
    "read_ntriples",
    "read_rdfxml",
    "read_trig",
    "read_turtle",
    "serialize",
    "serialize_jsonld",
    "serialize_nquads",
    "serialize_ntriples",
    "serialize_rdfxml",
    "serialize_trig",
    "serialize_turtle",
    "stream_ntriples",
    "stream_turtle",
    "to_graph",
    "write",
    "write_jsonld",
    "write_nquads",
    "write_ntriples",
    "write_rdfxml",
    "write_trig",
    "write_turtle",
]
