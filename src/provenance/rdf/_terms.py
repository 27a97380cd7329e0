"""Plain-string IRIs of every term the mapping uses, and a tiny neutral triple form.

The mapping works on plain strings rather than rdflib or pyoxigraph terms, so the same
code feeds an rdflib Graph, pyoxigraph's serializer or a streaming writer, and reads
from either parser. An IRI is a ``str``; a blank node is a ``str`` starting ``_:``
(no IRI can, since a scheme starts with a letter); a literal is a :class:`Lit`.
"""

from __future__ import annotations

from typing import NamedTuple, TypeAlias

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
