"""Validation of any RDF with the shipped SHACL shapes, through pySHACL, never the network.

The shapes (``provenance/data/shapes.ttl``) enforce the rule catalogue of
:mod:`provenance.check` on RDF, whoever wrote it; each shape carries its rule code, so a
validation returns the same :class:`~provenance.Report` as :func:`~provenance.check`, with
the same codes. There is one function per kind of input:

* :func:`validate` — a :class:`~provenance.ClaimSet`, exported to RDF and validated;
* :func:`validate_graph` — an rdflib Graph (or Dataset: every graph in it is validated);
* :func:`validate_turtle` — a Turtle document held in a string;
* :func:`validate_file` — an RDF file, in the format its name says or the one given.

Files and strings are parsed as strictly as :func:`provenance.read` parses them (errors
name the line and column); nothing is fetched: pySHACL runs without ``owl:imports``,
without inference and on graphs already in memory, and JSON-LD documents that name a
context other than the shipped one are refused rather than resolved. pySHACL is imported
only when a validation runs.

>>> import provenance as pv
>>> report = pv.validate_turtle('''
...     @prefix pc: <https://w3id.org/provenance-claims/vocab#> .
...     <https://example.org/p> a pc:Proposition .
... ''')
>>> for v in report: print(v.code, v.focus)
PV101 https://example.org/p
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import pyoxigraph as ox
import rdflib
from rdflib.namespace import SH

from ._collection import ClaimSet
from ._namespace import DEFAULT_BASE
from .check import Report, Rule, Violation
from .errors import ValidationError
from .rdf import Format, to_graph
from .rdf._jsonld import prepared
from .rdf._rdfxml import refuse_hostile
from .rdf._reading import encoded, parse_document
from .rdf._terms import to_rdflib

if TYPE_CHECKING:
    from rdflib.plugins.sparql.sparql import Query

__all__ = ["shapes", "validate", "validate_file", "validate_graph", "validate_turtle"]

SHAPES = "https://w3id.org/provenance-claims/shapes#"
_CODE = rdflib.URIRef(SHAPES + "code")

_OX_FORMATS = {
    Format.TURTLE: ox.RdfFormat.TURTLE,
    Format.NTRIPLES: ox.RdfFormat.N_TRIPLES,
    Format.TRIG: ox.RdfFormat.TRIG,
    Format.NQUADS: ox.RdfFormat.N_QUADS,
    Format.RDFXML: ox.RdfFormat.RDF_XML,
    Format.JSONLD: ox.RdfFormat.JSON_LD,
}


@functools.cache
def _shapes_text() -> str:
    return (resources.files("provenance") / "data" / "shapes.ttl").read_text(encoding="utf-8")


def shapes() -> rdflib.Graph:
    """The shipped SHACL shapes as a new rdflib Graph, read from inside the package."""
    graph = rdflib.Graph()
    graph.parse(data=_shapes_text(), format="turtle")
    return graph


@functools.cache
def _shared_shapes() -> rdflib.Graph:
    """One parsed copy for validation; pySHACL only reads it."""
    return shapes()


def validate(claims: ClaimSet, *, base: str = DEFAULT_BASE) -> Report:
    """Validate a collection as the RDF :func:`~provenance.to_graph` makes of it.

    The SHACL twin of :func:`~provenance.check`: on the same collection and ``base``, both
    report the same rules for the same records.
    """
    return validate_graph(to_graph(claims, base=base))


def validate_graph(graph: rdflib.Graph) -> Report:
    """Validate an rdflib Graph with the shipped shapes; the graph is left unchanged.

    A Dataset or ConjunctiveGraph is validated as the union of its graphs.
    """
    import pyshacl

    # pySHACL adds the triples the shapes' rules derive to the graph it validates, so it
    # works on a copy of ours, of a class that parses each SPARQL query once.
    data = _PreparedQueries()
    if isinstance(graph, rdflib.ConjunctiveGraph | rdflib.Dataset):
        for s, p, o, *_ in graph.quads((None, None, None, None)):
            data.add((s, p, o))
    else:
        for triple in graph:
            data.add(triple)
    shape_graph = _shared_shapes()
    _, results, _ = pyshacl.validate(
        data,
        shacl_graph=shape_graph,
        advanced=True,
        inference="none",
        inplace=True,
        do_owl_imports=False,
        allow_warnings=True,
        abort_on_first=False,
    )
    assert isinstance(results, rdflib.Graph)
    return _report(results, shape_graph)


class _PreparedQueries(rdflib.Graph):
    """A graph whose SPARQL queries are parsed once per text and kept.

    pySHACL hands rdflib the text of each constraint once per focus node, and rdflib
    parses it every time: parsing, not evaluating, took nine tenths of a validation.
    A parsed query evaluates the same with any initial bindings, which is what
    rdflib's own ``prepareQuery`` is for.
    """

    _prepared: ClassVar[dict[tuple[str, tuple[tuple[str, str], ...]], Query]] = {}

    def query(  # type: ignore[override]  # noqa: PLR0917 - rdflib's signature
        self,
        query_object: str | Query,
        processor: str = "sparql",
        result: str = "sparql",
        initNs: Mapping[str, Any] | None = None,  # noqa: N803 - rdflib's name
        initBindings: Mapping[str, Any] | None = None,  # noqa: N803 - rdflib's name
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> rdflib.query.Result:
        if isinstance(query_object, str) and processor == "sparql":
            from rdflib.plugins.sparql import prepareQuery

            namespaces = dict(self.namespaces()) if initNs is None else dict(initNs)
            key = (query_object, tuple(sorted((k, str(v)) for k, v in namespaces.items())))
            prepared = self._prepared.get(key)
            if prepared is None:
                prepared = prepareQuery(query_object, initNs=namespaces)
                _anchor(prepared.algebra)
                self._prepared[key] = prepared
            query_object = prepared
        return super().query(
            query_object,
            processor,
            result,
            initNs,
            initBindings,
            use_store_provided,
            **kwargs,
        )


_THIS = rdflib.Variable("this")


def _anchor(node: object, known: frozenset[object] = frozenset({_THIS})) -> frozenset[object]:
    """Order every group of triple patterns for evaluation with ``$this`` bound, as
    pySHACL runs the query; return the variables bound once ``node`` has been evaluated.

    rdflib orders a group's patterns by how many of their terms are known when the query
    is parsed, and ``$this`` is not known then: ``?claim pcs:polarity pc:Affirming`` would
    go before ``?claim pcs:claimant $this``, and each focus node would cost a walk over
    every affirming claim in the graph, making validation quadratic. Here the patterns of
    a group come in order of fewest unknown variables, counting as known ``$this`` and
    whatever the patterns evaluated before them bind (a FILTER EXISTS or an OPTIONAL sees
    the variables of its group). The order changes the work, never the answers.
    """
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, list | tuple):
        bound = known
        for item in node:
            bound |= _anchor(item, bound)
        return bound
    if not isinstance(node, CompValue):
        return known
    if node.name == "BGP":
        node["triples"] = _anchored(node["triples"], known)
        return known | {t for pattern in node["triples"] for t in pattern if _is_variable(t)}
    children = {**{k: v for k, v in node.items() if not k.startswith("_")}, **vars(node)}
    first = [children.pop(k) for k in ("p", "p1") if k in children]
    bound = known
    for child in first:
        bound |= _anchor(child, bound)
    for key, child in children.items():
        if not key.startswith("_"):
            bound |= _anchor(child, bound)
    return bound


def _is_variable(term: object) -> bool:
    return isinstance(term, rdflib.Variable | rdflib.BNode)


def _anchored(
    patterns: list[tuple[object, object, object]], known: frozenset[object]
) -> list[tuple[object, object, object]]:
    bound = set(known)
    rest = list(patterns)
    ordered = []

    def cost(pattern: tuple[object, object, object]) -> tuple[int, int]:
        variables = [t for t in pattern if _is_variable(t)]
        unknown = sum(1 for v in variables if v not in bound)
        return (unknown, unknown - len(variables))  # fewest unknowns, then most anchors

    while rest:
        chosen = min(rest, key=cost)
        rest.remove(chosen)
        ordered.append(chosen)
        bound.update(t for t in chosen if _is_variable(t))
    return ordered


def validate_turtle(text: str, *, name: str = "<string>") -> Report:
    """Validate a Turtle document held in a string; ``name`` is what errors call it.

    Raises :class:`~provenance.errors.RDFSyntaxError`, with line and column, for a
    document that is not valid Turtle.
    """
    return validate_graph(_graph(encoded(text, name), Format.TURTLE, name))


def validate_file(
    path: str | os.PathLike[str], *, format: Format | None = None, base_iri: str | None = None
) -> Report:
    """Validate an RDF file in any of the :class:`~provenance.Format` syntaxes.

    Without ``format``, the file's suffix says which (:meth:`Format.for_path`: ``.ttl``,
    ``.nt``, ``.jsonld``, ``.trig``, ``.nq``, ``.rdf``…), and a suffix that says none is a
    :class:`~provenance.errors.ValidationError`. Named graphs are validated together, as
    one graph. Input is read as strictly as :func:`~provenance.read` reads it: a JSON-LD
    ``@context`` other than the shipped one, or an RDF/XML DOCTYPE, is refused rather
    than fetched or expanded. Raises :class:`~provenance.errors.RDFSyntaxError` naming
    the file, line and column for input that does not parse. Relative IRIs are resolved
    against ``base_iri``, as the readers resolve them.
    """
    location = os.fspath(path)
    if format is None:
        format = Format.for_path(location)
    elif not isinstance(format, Format):
        raise ValidationError("validate_file", "format", format, "a provenance.Format")
    return validate_graph(_graph(Path(location).read_bytes(), format, location, base_iri))


def _graph(data: bytes, format: Format, name: str, base_iri: str | None = None) -> rdflib.Graph:
    """The triples of a document as an rdflib Graph, read the way our readers read."""
    if format is Format.JSONLD:
        data = prepared(data, name, base_iri)
    elif format is Format.RDFXML:
        refuse_hostile(data, name)
    graph = rdflib.Graph()
    add = graph.add
    for s, p, o in parse_document(data, _OX_FORMATS[format], name, base_iri=base_iri):
        add((to_rdflib(s), rdflib.URIRef(p), to_rdflib(o)))
    return graph


def _node(term: rdflib.term.Node) -> str:
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    if isinstance(term, rdflib.Literal):
        return term.n3()
    return str(term)


def _report(results: rdflib.Graph, shape_graph: rdflib.Graph) -> Report:
    found: set[Violation] = set()
    for result in results.objects(None, SH.result):
        code = None
        for node in (
            results.value(result, SH.sourceConstraint),
            results.value(result, SH.sourceShape),
        ):
            if node is None:
                continue
            code = results.value(node, _CODE) or shape_graph.value(node, _CODE)
            if code is not None:
                break
        if code is None:  # pragma: no cover - every shipped shape carries a code
            raise AssertionError(f"a SHACL result without a rule code: {result}")
        rule = Rule.from_code(str(code))
        focus = results.value(result, SH.focusNode)
        value = results.value(result, SH.value)
        assert focus is not None
        nodes = [_node(focus)]
        message = str(results.value(result, SH.resultMessage) or rule.title)
        if isinstance(value, rdflib.Literal):
            message += f" (found {value.n3()})"
        elif value is not None and value != focus:
            nodes.append(_node(value))
        path = results.value(result, SH.resultPath)
        if isinstance(path, rdflib.URIRef) and str(path) not in message:
            message += f" [{results.namespace_manager.normalizeUri(path)}]"
        found.add(Violation(rule.code, rule.severity, tuple(nodes), message))
    return Report(found)
