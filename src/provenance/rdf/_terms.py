"""Plain-string IRIs of every term the mapping uses, a tiny neutral triple form, and the
conversions between it and pyoxigraph's and rdflib's terms.

The mapping works on plain strings rather than rdflib or pyoxigraph terms, so the same
code feeds an rdflib Graph, pyoxigraph's serializer or a streaming writer, and reads
from either parser. An IRI is a ``str``; a blank node is a ``str`` starting ``_:``
(no IRI can, since a scheme starts with a letter); a literal is a :class:`Lit`. A plain
string is ``Lit(text)``, never ``Lit(text, XSD_STRING)``: RDF 1.1 makes the two one
literal, and every conversion here gives the first, so terms from any source compare
equal. This module is the only one that converts terms; the others call it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple, TypeAlias

import pyoxigraph as ox
import rdflib

from .._namespace import VOCABULARY


class Lit(NamedTuple):
    """A literal: its lexical form, and a datatype IRI or a language tag."""

    lexical: str
    datatype: str | None = None
    language: str | None = None


Term: TypeAlias = str | Lit
Triple: TypeAlias = tuple[str, str, Term]

PC = VOCABULARY
PROV = "http://www.w3.org/ns/prov#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"

PREFIXES = {
    "pc": PC,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "skos": SKOS,
    "dcat": DCAT,
    "dcterms": DCTERMS,
    "foaf": FOAF,
}

TYPE = RDF + "type"
LABEL = RDFS + "label"
COMMENT = RDFS + "comment"
ALT_LABEL = SKOS + "altLabel"
PREF_LABEL = SKOS + "prefLabel"
LANGUAGE = DCTERMS + "language"
TITLE = DCTERMS + "title"
DATE = DCTERMS + "date"
PAGE = FOAF + "page"
HOMEPAGE = FOAF + "homepage"
HAD_ROLE = DCAT + "hadRole"

ENTITY = PROV + "Entity"
AGENT = PROV + "Agent"
PERSON = PROV + "Person"
ORGANIZATION = PROV + "Organization"
ATTRIBUTION = PROV + "Attribution"
ROLE = PROV + "Role"
GENERATED_AT_TIME = PROV + "generatedAtTime"
WAS_ATTRIBUTED_TO = PROV + "wasAttributedTo"
QUALIFIED_ATTRIBUTION = PROV + "qualifiedAttribution"
PROV_AGENT = PROV + "agent"
ACTED_ON_BEHALF_OF = PROV + "actedOnBehalfOf"
WAS_DERIVED_FROM = PROV + "wasDerivedFrom"
WAS_QUOTED_FROM = PROV + "wasQuotedFrom"
HAD_PRIMARY_SOURCE = PROV + "hadPrimarySource"
VALUE = PROV + "value"
BUNDLE = PROV + "Bundle"
"""``prov:Bundle``: a named graph that is an entity, so it can have provenance of its own."""

CLAIM = PC + "Claim"
PROPOSITION = PC + "Proposition"
SOURCE = PC + "Source"
OUTLET = PC + "Outlet"
STANCE = PC + "Stance"
UNNAMED_AGENT = PC + "UnnamedAgent"
P_PROPOSITION = PC + "proposition"
P_STANCE = PC + "stance"
P_CONFIDENCE = PC + "confidence"
P_ESTIMATIVE_TERM = PC + "estimativeTerm"
P_SUPPORTS = PC + "supports"
P_CONTESTS = PC + "contests"
P_STATEMENT = PC + "statement"
P_POLARITY = PC + "polarity"
P_OUTLET_KIND = PC + "outletKind"
P_WAS_TRANSLATED_FROM = PC + "wasTranslatedFrom"
P_ESTIMATIVE_WORDING = PC + "estimativeWording"
P_CREDIBILITY = PC + "credibility"
P_ANALYTIC_CONFIDENCE = PC + "analyticConfidence"
P_RELIABILITY = PC + "reliability"
P_GRADE = PC + "grade"
P_VALID_FROM = PC + "validFrom"
P_VALID_UNTIL = PC + "validUntil"
RELIABILITY_GRADE = PC + "ReliabilityGrade"
CLAIMANT_ROLE = PC + "ClaimantRole"
OUTLET_ROLE = PC + "OutletRole"

XSD_STRING = XSD + "string"
XSD_DECIMAL = XSD + "decimal"
XSD_DATETIME = XSD + "dateTime"
XSD_DATE = XSD + "date"
XSD_GYEARMONTH = XSD + "gYearMonth"
XSD_GYEAR = XSD + "gYear"
XSD_LANGUAGE = XSD + "language"
RDF_LANG_STRING = RDF + "langString"


# --------------------------------------------------------------------------- conversions


def to_ox(term: Term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A neutral term as a pyoxigraph term."""
    if isinstance(term, Lit):
        if term.language is not None:
            return ox.Literal(term.lexical, language=term.language)
        if term.datatype is not None and term.datatype != XSD_STRING:
            return ox.Literal(term.lexical, datatype=ox.NamedNode(term.datatype))
        return ox.Literal(term.lexical)
    if term.startswith("_:"):
        return ox.BlankNode(term[2:])
    return ox.NamedNode(term)


def from_ox(term: object) -> Term:
    """A pyoxigraph term as a neutral one; ``TypeError`` for an RDF 1.2 triple term."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        if term.language:
            return Lit(term.value, None, term.language)
        datatype = term.datatype.value
        return Lit(term.value, None if datatype == XSD_STRING else datatype, None)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    raise TypeError(f"RDF 1.2 triple terms are not supported: {term}")


def to_ox_triples(triples: Iterable[Triple]) -> Iterator[ox.Triple]:
    """Neutral triples as pyoxigraph triples, for pyoxigraph's serializers."""
    for s, p, o in triples:
        subject = to_ox(s)
        assert not isinstance(subject, ox.Literal)
        yield ox.Triple(subject, ox.NamedNode(p), to_ox(o))


def to_ox_quads(triples: Iterable[Triple], graph: str) -> Iterator[ox.Quad]:
    """Neutral triples as pyoxigraph quads in the named graph ``graph``."""
    name = ox.NamedNode(graph)
    for s, p, o in triples:
        subject = to_ox(s)
        assert not isinstance(subject, ox.Literal)
        yield ox.Quad(subject, ox.NamedNode(p), to_ox(o), name)


def from_ox_triples(triples: Iterable[ox.Triple | ox.Quad]) -> Iterator[Triple]:
    """pyoxigraph triples or quads as neutral triples (the graph name is dropped)."""
    for t in triples:
        subject = from_ox(t.subject)
        assert isinstance(subject, str)
        yield subject, t.predicate.value, from_ox(t.object)


def to_rdflib(term: Term) -> rdflib.term.Identifier:
    """A neutral term as an rdflib term.

    rdflib may respell a value it is given ("Z" as "+00:00"), exactly as it does when it
    parses our Turtle, so a Graph made from our terms equals the one rdflib reads.
    """
    if isinstance(term, Lit):
        if term.language is not None:
            return rdflib.Literal(term.lexical, lang=term.language)
        if term.datatype is None or term.datatype == XSD_STRING:
            return rdflib.Literal(term.lexical)
        return rdflib.Literal(term.lexical, datatype=rdflib.URIRef(term.datatype))
    if term.startswith("_:"):
        return rdflib.BNode(term[2:])
    return rdflib.URIRef(term)


def from_rdflib(term: object) -> Term:
    """An rdflib term as a neutral one."""
    if isinstance(term, rdflib.Literal):
        datatype = None if term.datatype is None else str(term.datatype)
        return Lit(str(term), None if datatype == XSD_STRING else datatype, term.language)
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    return str(term)
