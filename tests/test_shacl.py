"""The shipped SHACL shapes: every rule on RDF, the same codes as the Python checker."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.namespace import SH

import provenance as pv
from _support import load_example
from provenance.shacl import shapes
from provenance.strategies import claim_sets, graphs

SETTINGS = settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PCS = rdflib.Namespace("https://w3id.org/provenance-claims/shapes#")
CATALOGUE = pv.Rule.catalogue()
BOTH = sorted(r.code for r in CATALOGUE if r.python and r.shacl)


def test_every_rule_has_shapes_and_every_shape_a_rule() -> None:
    """The codes the shapes carry are exactly the catalogue's SHACL rules."""
    graph = shapes()
    codes = {str(code) for code in graph.objects(None, PCS.code)}
    assert codes == {r.code for r in CATALOGUE if r.shacl}


def test_shape_severities_follow_the_catalogue() -> None:
    """A shape of a warning rule says sh:Warning; an error rule's shapes report violations."""
    graph = shapes()
    found = {}
    for shape, code in graph.subject_objects(PCS.code):
        helper = any(graph.subjects(SH.node, shape))  # takes the severity of its caller
        if not helper:
            found[shape] = (str(code), graph.value(shape, SH.severity, default=SH.Violation))
    expected = {
        pv.Severity.ERROR: SH.Violation,
        pv.Severity.WARNING: SH.Warning,
    }
    assert {
        code: severity
        for code, severity in found.values()
        if severity != expected[pv.Rule.from_code(code).severity]
    } == {}


def _queries() -> list[str]:
    graph = shapes()
    return sorted(str(q) for p in (SH.select, SH.construct) for q in graph.objects(None, p))


@pytest.mark.parametrize("text", _queries(), ids=lambda t: " ".join(t.split())[:60])
def test_each_query_starts_from_its_focus_node(text: str) -> None:
    """Once prepared for pySHACL, a query's first triple pattern starts from `$this`, so
    validating a node never walks the whole graph (which would make validation quadratic)."""
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    from provenance.shacl import _anchor

    namespaces = {
        "pc": "https://w3id.org/provenance-claims/vocab#",
        "pcs": str(PCS),
        "prov": "http://www.w3.org/ns/prov#",
        "dcat": "http://www.w3.org/ns/dcat#",
        "dcterms": "http://purl.org/dc/terms/",
        "rdfs": str(rdflib.RDFS),
        "skos": str(rdflib.SKOS),
        "xsd": str(rdflib.XSD),
    }
    query = prepareQuery(text, initNs=namespaces)
    _anchor(query.algebra)
    first: tuple[object, ...] = ()
    stack: list[object] = [query.algebra]
    while stack and not first:  # the first group of patterns outside any FILTER
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "BGP" and node["triples"]:
                first = tuple(node["triples"][0])
            else:
                stack += [node[k] for k in ("p2", "p1", "p") if k in node]
    assert not first or rdflib.Variable("this") in first


def test_shapes_import_nothing() -> None:
    """The shapes name no owl:imports, so nothing can be fetched to validate."""
    assert not any(shapes().objects(None, rdflib.OWL.imports))


# ------------------------------------------------------------------ the Erbil example


@pytest.fixture(scope="module")
def erbil() -> pv.ClaimSet:
    claims: pv.ClaimSet = load_example("erbil_attack").build()
    return claims


def test_erbil_validates_as_a_collection_a_graph_and_turtle(erbil: pv.ClaimSet) -> None:
    """The Erbil example conforms however it reaches the shapes."""
    reports = [
        pv.validate(erbil),
        pv.validate_graph(pv.to_graph(erbil, base="https://example.org/erbil/")),
        pv.validate_turtle(pv.serialize_turtle(erbil)),
    ]
    assert [r.violations for r in reports] == [(), (), ()]


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld", ".trig", ".nq", ".rdf"])
def test_erbil_file_validates_in_every_format(
    erbil: pv.ClaimSet, tmp_path: Path, suffix: str
) -> None:
    """A file written in any of our formats validates cleanly, its format told by its name."""
    path = tmp_path / f"erbil{suffix}"
    pv.write(erbil, path, format=pv.Format.for_path(path))
    assert pv.validate_file(path).violations == ()


def test_validation_leaves_the_graph_as_it_was(erbil: pv.ClaimSet) -> None:
    """The triples the shapes' rules derive go to a copy, never into the caller's graph."""
    graph = pv.to_graph(erbil)
    before = set(graph)
    pv.validate_graph(graph)
    assert set(graph) == before


# ------------------------------------------------------------------ every rule, in RDF


@pytest.mark.parametrize("code", [r.code for r in CATALOGUE if r.shacl])
@SETTINGS
@given(data=st.data())
def test_broken_graphs_break_exactly_their_rule(code: str, data: st.DataObject) -> None:
    """A valid collection's graph, broken the way a rule names, reports that code alone."""
    graph = data.draw(graphs(broken=code, max_claims=3))
    report = pv.validate_graph(graph)
    assert report.codes == {code}, str(report)


@pytest.mark.parametrize("code", [None, *BOTH])
@SETTINGS
@given(data=st.data())
def test_python_and_shacl_agree(code: str | None, data: st.DataObject) -> None:
    """On valid and broken collections, both engines report the same rules for the same records."""
    claims = data.draw(claim_sets(broken=code, max_claims=4, contested=code is None))
    python = {(v.code, v.focus) for v in pv.check(claims)}
    shacl = {(v.code, v.focus) for v in pv.validate(claims)}
    assert (python, {c for c, _ in python}) == (shacl, set() if code is None else {code})


# ------------------------------------------------------------------ RDF other tools write

FOREIGN = """\
@prefix pc: <https://w3id.org/provenance-claims/vocab#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/> .

ex:denial a pc:Claim ;
    pc:proposition ex:involved ;
    pc:stance pc:Denial ;
    prov:wasDerivedFrom ex:fars-feb16 ;
    prov:qualifiedAttribution [ prov:agent ex:khatibzadeh ; dcat:hadRole pc:ClaimantRole ] ;
    dcterms:date "2021-02-16"^^xsd:date .
ex:involved a pc:Proposition ; pc:statement "Iran was involved in the attack."@en .
ex:khatibzadeh a prov:Person ; rdfs:label "Said Khatibzadeh" .
ex:fars a pc:Outlet ; rdfs:label "Fars" ; pc:outletKind pc:NewsAgency .
ex:fars-feb16 a pc:Source ; prov:wasAttributedTo ex:fars ; dcterms:date "%s"^^xsd:date .
"""


def test_turtle_another_tool_wrote_is_validated_as_it_stands() -> None:
    """Hand-written Turtle with blank-node attributions and no outlet role conforms, and
    reads into the model, where the Python checker agrees."""
    text = FOREIGN % "2021-02-16"
    assert (pv.validate_turtle(text).violations, pv.check(pv.parse_turtle(text)).violations) == (
        (),
        (),
    )


def test_turtle_another_tool_wrote_is_checked_for_time() -> None:
    """The time rules apply to any RDF, not only ours, naming the nodes as they are."""
    report = pv.validate_turtle(FOREIGN % "2021-02-15")
    assert [(v.code, v.nodes) for v in report] == [
        ("PV301", ("https://example.org/denial", "https://example.org/fars-feb16"))
    ]


def test_results_name_the_literal_found() -> None:
    """A violation about a literal value quotes the value in its message."""
    report = pv.validate_turtle(
        FOREIGN.replace("pc:stance pc:Denial ;", "pc:stance pc:Denial ; pc:confidence 1.5 ;")
        % "2021-02-16"
    )
    (violation,) = report
    assert (violation.code, "1.5" in violation.message) == ("PV104", True)


def test_named_graphs_are_validated_together(tmp_path: Path) -> None:
    """A TriG file whose records sit in different named graphs is validated as one graph."""
    foreign = pv.validate_turtle(FOREIGN % "2021-02-16")
    assert foreign.ok
    path = tmp_path / "split.trig"
    body = (FOREIGN % "2021-02-15").split("\nex:involved", 1)
    prefixes, claim = body[0].rsplit("\n\n", 1)
    path.write_text(
        f"{prefixes}\n\nex:g1 {{ {claim} }}\nex:g2 {{ ex:involved{body[1]} }}\n", encoding="utf-8"
    )
    assert pv.validate_file(path).codes == {"PV301"}


def test_a_file_that_is_not_rdf_names_the_line(tmp_path: Path) -> None:
    """Invalid Turtle raises RDFSyntaxError with the file's line, not a validation report."""
    path = tmp_path / "bad.ttl"
    path.write_text((FOREIGN % "2021-02-16") + "<a b> .\n", encoding="utf-8")
    with pytest.raises(pv.RDFSyntaxError) as caught:
        pv.validate_file(path)
    assert (caught.value.source, caught.value.line) == (str(path), 19)


def test_a_remote_json_ld_context_is_refused_not_fetched(tmp_path: Path) -> None:
    """JSON-LD naming a remote context is an error; the network is never asked."""
    path = tmp_path / "remote.jsonld"
    path.write_text(
        '{"@context": "https://example.org/context.jsonld", "@id": "https://example.org/p"}',
        encoding="utf-8",
    )
    with pytest.raises(pv.RDFSyntaxError):
        pv.validate_file(path)


def test_a_file_format_must_be_known(tmp_path: Path) -> None:
    """A file whose format neither its name nor the caller gives is refused, not guessed."""
    path = tmp_path / "claims.txt"
    path.write_text(FOREIGN % "2021-02-16", encoding="utf-8")
    with pytest.raises(pv.ValidationError, match="suffix"):
        pv.validate_file(path)
    assert pv.validate_file(path, format=pv.Format.TURTLE).ok
