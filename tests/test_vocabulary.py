"""The shipped ontology against the Python namespace, the model and the mapping."""

from __future__ import annotations

import inspect
from importlib import resources
from importlib.resources.abc import Traversable

import pyoxigraph
import pytest
import rdflib
from rdflib.namespace import OWL

import provenance as pv
from provenance import vocabulary
from provenance._namespace import VOCABULARY
from provenance.rdf import _terms
from provenance.rdf._literals import decimal_lexical
from provenance.rdf._mapping import (
    ANALYTIC_CONFIDENCE,
    CREDIBILITY,
    ESTIMATIVE_TERMS,
    OUTLET_KINDS,
    POLARITIES,
    RELIABILITY,
)
from provenance.scales import AnalyticConfidence, Credibility, EstimativeTerm, Reliability
from provenance.vocabulary import PC, RDF, RDFS, SKOS, XSD

ONTOLOGY = rdflib.URIRef("https://w3id.org/provenance-claims/vocab")


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    """The shipped ontology, parsed once for the module."""
    return vocabulary.ontology()


def _resource() -> Traversable:
    return resources.files("provenance") / "data" / "vocabulary.ttl"


def _defined(graph: rdflib.Graph) -> set[str]:
    """The terms of our namespace that the ontology gives a type, that is, defines."""
    return {str(s) for s in graph.subjects(RDF.type) if str(s).startswith(VOCABULARY)}


def test_namespace_lists_exactly_the_defined_terms(graph: rdflib.Graph) -> None:
    """`PC` names every term vocabulary.ttl defines and no other."""
    names = {str(PC[name]) for name in inspect.get_annotations(PC)}
    assert names == _defined(graph)


def test_namespace_is_closed() -> None:
    """A term the vocabulary does not define is refused, not minted."""
    with pytest.raises(AttributeError, match="Denail"):
        PC.Denail  # noqa: B018 - the attribute access is what is tested


def test_every_term_the_mapping_uses_is_defined(graph: rdflib.Graph) -> None:
    """Every pc: IRI the RDF mapping writes or reads is defined in vocabulary.ttl."""
    constants = {
        value
        for value in vars(_terms).values()
        if isinstance(value, str) and value.startswith(VOCABULARY) and value != VOCABULARY
    }
    used = (
        constants
        | set(OUTLET_KINDS.values())
        | set(POLARITIES.values())
        | set(ESTIMATIVE_TERMS.values())
        | set(RELIABILITY.values())
        | set(CREDIBILITY.values())
        | set(ANALYTIC_CONFIDENCE.values())
        | {stance.iri for stance in pv.Stance.builtins()}
    )
    assert sorted(used - _defined(graph)) == []


def test_every_term_has_an_english_label_and_comment(graph: rdflib.Graph) -> None:
    """Each defined term carries an rdfs:label and an rdfs:comment in English."""

    def english(term: str, prop: rdflib.URIRef) -> bool:
        return any(
            isinstance(o, rdflib.Literal) and o.language == "en" and str(o).strip()
            for o in graph.objects(rdflib.URIRef(term), prop)
        )

    lacking = sorted(
        term
        for term in _defined(graph)
        if not (english(term, RDFS.label) and english(term, RDFS.comment))
    )
    assert lacking == []


def test_builtin_stances_agree_with_the_model(graph: rdflib.Graph) -> None:
    """The stances in vocabulary.ttl are the built-ins, with their labels (@en) and polarities."""
    found = {
        (str(stance), str(label), label.language, str(polarity))
        for stance in graph.subjects(RDF.type, PC.Stance)
        for label in graph.objects(stance, SKOS.prefLabel)
        if isinstance(label, rdflib.Literal)
        for polarity in graph.objects(stance, PC.polarity)
    }
    expected = {
        (stance.iri, stance.label, "en", POLARITIES[stance.polarity])
        for stance in pv.Stance.builtins()
    }
    assert found == expected


def test_estimative_bounds_are_the_icd_203_bands(graph: rdflib.Graph) -> None:
    """Each estimative term's bounds are the band in `scales`, as canonical xsd:decimals."""
    found = set()
    for term in graph.subjects(RDF.type, PC.EstimativeTerm):
        for low in graph.objects(term, PC.lowerBound):
            for high in graph.objects(term, PC.upperBound):
                assert isinstance(low, rdflib.Literal)
                assert isinstance(high, rdflib.Literal)
                found.add((str(term), str(low), low.datatype, str(high), high.datatype))
    expected = {
        (
            ESTIMATIVE_TERMS[term],
            decimal_lexical(term.low),
            XSD.decimal,
            decimal_lexical(term.high),
            XSD.decimal,
        )
        for term in EstimativeTerm
    }
    assert found == expected


_GRADING = {  # scheme → class of its concepts
    PC.ReliabilityScheme: PC.Reliability,
    PC.CredibilityScheme: PC.Credibility,
    PC.AnalyticConfidenceScheme: PC.AnalyticConfidence,
}


def _concepts(graph: rdflib.Graph, scheme: rdflib.URIRef) -> set[rdflib.URIRef]:
    return {s for s in graph.subjects(SKOS.inScheme, scheme) if isinstance(s, rdflib.URIRef)}


def _literal(graph: rdflib.Graph, subject: rdflib.URIRef, prop: rdflib.URIRef) -> rdflib.Literal:
    (value,) = graph.objects(subject, prop)
    assert isinstance(value, rdflib.Literal)
    return value


def _notation(graph: rdflib.Graph, concept: rdflib.URIRef) -> object:
    if (concept, SKOS.notation, None) not in graph:
        return None
    return _literal(graph, concept, SKOS.notation).value


def test_grading_schemes_agree_with_scales(graph: rdflib.Graph) -> None:
    """The grading schemes hold exactly the `scales` members, typed, labelled and notated."""
    concepts = {
        c
        for scheme, cls in _GRADING.items()
        for c in _concepts(graph, scheme) | set(graph.subjects(RDF.type, cls))
        if isinstance(c, rdflib.URIRef)
    }
    found = {
        (
            str(c),
            frozenset(graph.objects(c, SKOS.inScheme)),
            frozenset(graph.objects(c, RDF.type)) & set(_GRADING.values()),
            str(_literal(graph, c, SKOS.prefLabel)),
            _notation(graph, c),
        )
        for c in concepts
    }

    def row(iri: str, scheme: rdflib.URIRef, label: str, notation: object) -> tuple[object, ...]:
        return (iri, frozenset({scheme}), frozenset({_GRADING[scheme]}), label, notation)

    expected = (
        {row(RELIABILITY[r], PC.ReliabilityScheme, r.label, r.value) for r in Reliability}
        | {row(CREDIBILITY[c], PC.CredibilityScheme, c.label, c.value) for c in Credibility}
        | {
            row(ANALYTIC_CONFIDENCE[a], PC.AnalyticConfidenceScheme, a.label, None)
            for a in AnalyticConfidence
        }
    )
    assert found == expected


def test_credibility_notations_are_integers(graph: rdflib.Graph) -> None:
    """Credibility grades are notated as xsd:integer 1–6, reliability grades as the strings A–F."""
    datatypes = {
        str(c): _literal(graph, c, SKOS.notation).datatype
        for c in _concepts(graph, PC.ReliabilityScheme) | _concepts(graph, PC.CredibilityScheme)
    }
    expected = {CREDIBILITY[c]: XSD.integer for c in Credibility} | {
        RELIABILITY[r]: None for r in Reliability
    }
    assert datatypes == expected


def test_stix_values_agree_with_scales(graph: rdflib.Graph) -> None:
    """pc:stixValue is given, as an xsd:integer, exactly where `scales` has a STIX 2.1 value."""
    found = set()
    for subject, value in graph.subject_objects(PC.stixValue):
        assert isinstance(value, rdflib.Literal)
        found.add((str(subject), value.value, value.datatype))
    expected = (
        {(ESTIMATIVE_TERMS[t], t.stix, XSD.integer) for t in EstimativeTerm}
        | {(CREDIBILITY[c], c.stix, XSD.integer) for c in Credibility if c.stix is not None}
        | {(ANALYTIC_CONFIDENCE[a], a.stix, XSD.integer) for a in AnalyticConfidence}
    )
    assert found == expected


def test_parses_strictly_with_pyoxigraph(graph: rdflib.Graph) -> None:
    """Oxigraph's strict Turtle parser accepts the file and reads the triples rdflib reads."""
    data = _resource().read_bytes()
    triples = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) == len(graph)


def test_is_shipped_in_the_installed_package() -> None:
    """vocabulary.ttl is a resource of the installed package, with its ontology header."""
    assert _resource().is_file()
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in vocabulary.ontology()


def test_data_merged_with_the_ontology_reads_the_same(graph: rdflib.Graph) -> None:
    """Claims read from their graph merged with the ontology are the claims written."""
    claims = pv.ClaimSet(
        [
            pv.Claim(
                proposition=pv.Proposition("The convoy was hit by a drone.", language="en"),
                claimant=pv.Agent(name="a security official", kind="unnamed"),
                source=pv.Source(outlet=pv.Outlet(name="Example Wire", kind="news agency")),
                stance=stance,
                confidence=pv.Confidence(0.6, "likely"),
            )
            for stance in pv.Stance.builtins()
        ]
    )
    assert pv.from_graph(pv.to_graph(claims) + graph) == claims
