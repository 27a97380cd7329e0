"""Model → triples: the one place that decides how a record is said in RDF.

Every other writer (rdflib Graph, Turtle, later the streaming formats) consumes the
triples produced here, so the mapping documented in ``docs/vocabulary.md`` lives in
exactly one function per record type. Output order is stable: records sorted by IRI,
each record's triples sorted, so the same collection always gives the same document.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from .._collection import ClaimSet
from .._iri import Record, check_base, iri
from .._model import (
    Agent,
    AgentKind,
    Claim,
    DerivationKind,
    Outlet,
    OutletKind,
    Polarity,
    Proposition,
    ReliabilityGrade,
    Source,
    Stance,
)
from .._values import Time, time_lexical
from ..scales import AnalyticConfidence, Credibility, EstimativeTerm, Reliability
from ._literals import decimal_lexical, time_literal
from ._terms import (
    ACTED_ON_BEHALF_OF,
    AGENT,
    ALT_LABEL,
    ATTRIBUTION,
    CLAIM,
    CLAIMANT_ROLE,
    COMMENT,
    DATE,
    ENTITY,
    GENERATED_AT_TIME,
    HAD_PRIMARY_SOURCE,
    HAD_ROLE,
    HOMEPAGE,
    LABEL,
    LANGUAGE,
    ORGANIZATION,
    OUTLET,
    OUTLET_ROLE,
    P_ANALYTIC_CONFIDENCE,
    P_CONFIDENCE,
    P_CONTESTS,
    P_CREDIBILITY,
    P_ESTIMATIVE_TERM,
    P_ESTIMATIVE_WORDING,
    P_GRADE,
    P_OUTLET_KIND,
    P_POLARITY,
    P_PROPOSITION,
    P_RELIABILITY,
    P_STANCE,
    P_STATEMENT,
    P_SUPPORTS,
    P_VALID_FROM,
    P_VALID_UNTIL,
    P_WAS_TRANSLATED_FROM,
    PAGE,
    PC,
    PERSON,
    PREF_LABEL,
    PROPOSITION,
    PROV_AGENT,
    QUALIFIED_ATTRIBUTION,
    RELIABILITY_GRADE,
    SOURCE,
    STANCE,
    TITLE,
    TYPE,
    UNNAMED_AGENT,
    VALUE,
    WAS_ATTRIBUTED_TO,
    WAS_DERIVED_FROM,
    WAS_QUOTED_FROM,
    XSD_DATETIME,
    XSD_DECIMAL,
    XSD_LANGUAGE,
    Lit,
    Triple,
)

AGENT_TYPES = {
    AgentKind.PERSON: PERSON,
    AgentKind.ORGANIZATION: ORGANIZATION,
    AgentKind.UNNAMED: UNNAMED_AGENT,
}
OUTLET_KINDS = {
    OutletKind.NEWS_AGENCY: PC + "NewsAgency",
    OutletKind.NEWSPAPER: PC + "Newspaper",
    OutletKind.TV_CHANNEL: PC + "TVChannel",
    OutletKind.RADIO: PC + "RadioStation",
    OutletKind.WEBSITE: PC + "Website",
    OutletKind.TELEGRAM_CHANNEL: PC + "TelegramChannel",
    OutletKind.SOCIAL_MEDIA: PC + "SocialMediaAccount",
    OutletKind.PUBLISHER: PC + "Publisher",
    OutletKind.OTHER: PC + "OtherOutlet",
}
DERIVATIONS = {
    DerivationKind.DERIVED: WAS_DERIVED_FROM,
    DerivationKind.QUOTED: WAS_QUOTED_FROM,
    DerivationKind.TRANSLATED: P_WAS_TRANSLATED_FROM,
    DerivationKind.PRIMARY_SOURCE: HAD_PRIMARY_SOURCE,
}
POLARITIES = {
    Polarity.AFFIRMING: PC + "Affirming",
    Polarity.DENYING: PC + "Denying",
    Polarity.WITHDRAWING: PC + "Withdrawing",
    Polarity.NEUTRAL: PC + "Neutral",
}
RELIABILITY = {grade: PC + "Reliability" + grade.value for grade in Reliability}
CREDIBILITY = {grade: PC + f"Credibility{grade.value}" for grade in Credibility}
ANALYTIC_CONFIDENCE = {
    level: PC + level.label.capitalize() + "Confidence" for level in AnalyticConfidence
}
ESTIMATIVE_TERMS = {
    term: PC + "".join(word.capitalize() for word in term.label.split()) for term in EstimativeTerm
}


def _text(value: str, language: str | None = None) -> Lit:
    """A string, tagged with its language in lower case: tags are case-insensitive, and
    lower case is what Oxigraph and canonical N-Triples write, so every path agrees.
    The model's own spelling of the tag travels in ``dcterms:language``."""
    return Lit(value, None, None if language is None else language.lower())


def _time(subject: str, value: Time) -> Triple:
    lexical, datatype = time_literal(value)
    predicate = GENERATED_AT_TIME if datatype == XSD_DATETIME else DATE
    return (subject, predicate, Lit(lexical, datatype))


def _grades(subject: str, grades: frozenset[ReliabilityGrade]) -> Iterator[Triple]:
    """Each grade is a node of its own, named after what it says, under its subject."""
    for g in grades:
        name = g.grade.value
        if g.start is not None or g.end is not None:
            start = "" if g.start is None else time_lexical(g.start)
            end = "" if g.end is None else time_lexical(g.end)
            period = f"{start}..{end}"
            name += "/" + hashlib.sha256(period.encode()).hexdigest()[:16]
        node = f"{subject}/reliability/{name}"
        yield subject, P_RELIABILITY, node
        yield node, TYPE, ENTITY  # a grading is a record in its own right, PROV can trace it
        yield node, TYPE, RELIABILITY_GRADE
        yield node, P_GRADE, RELIABILITY[g.grade]
        if g.start is not None:
            yield node, P_VALID_FROM, Lit(*time_literal(g.start))
        if g.end is not None:
            yield node, P_VALID_UNTIL, Lit(*time_literal(g.end))


class _Writer:
    def __init__(self, base: str) -> None:
        self.base = base
        self.cache: dict[Record, str] = {}

    def iri(self, record: Record) -> str:
        return iri(record, self.base, self.cache)

    def proposition(self, p: Proposition) -> Iterator[Triple]:
        s = self.iri(p)
        yield s, TYPE, ENTITY  # a conceptual thing, which PROV's Entity explicitly covers
        yield s, TYPE, PROPOSITION
        yield s, P_STATEMENT, _text(p.text, p.language)
        if p.language is not None:
            yield s, LANGUAGE, Lit(p.language, XSD_LANGUAGE)

    def agent(self, a: Agent) -> Iterator[Triple]:
        s = self.iri(a)
        yield s, TYPE, AGENT
        yield s, TYPE, AGENT_TYPES[a.kind]
        yield s, LABEL, _text(a.name)
        for alias in a.aliases:
            yield s, ALT_LABEL, _text(alias)
        if a.on_behalf_of is not None:
            yield s, ACTED_ON_BEHALF_OF, self.iri(a.on_behalf_of)
        if a.description is not None:
            yield s, COMMENT, _text(a.description)
        yield from _grades(s, a.reliability)

    def outlet(self, o: Outlet) -> Iterator[Triple]:
        s = self.iri(o)
        yield s, TYPE, AGENT
        yield s, TYPE, ORGANIZATION
        yield s, TYPE, OUTLET
        yield s, LABEL, _text(o.name)
        yield s, P_OUTLET_KIND, OUTLET_KINDS[o.kind]
        for alias in o.aliases:
            yield s, ALT_LABEL, _text(alias)
        if o.url is not None:
            yield s, HOMEPAGE, o.url
        if o.language is not None:
            yield s, LANGUAGE, Lit(o.language, XSD_LANGUAGE)
        yield from _grades(s, o.reliability)

    def source(self, src: Source) -> Iterator[Triple]:
        s = self.iri(src)
        yield s, TYPE, ENTITY
        yield s, TYPE, SOURCE
        yield s, WAS_ATTRIBUTED_TO, self.iri(src.outlet)
        if src.published is not None:
            yield _time(s, src.published)
        if src.title is not None:
            yield s, TITLE, _text(src.title, src.language)
        if src.url is not None:
            yield s, PAGE, src.url
        if src.language is not None:
            yield s, LANGUAGE, Lit(src.language, XSD_LANGUAGE)
        for d in src.derived_from:
            yield s, DERIVATIONS[d.kind], self.iri(d.source)

    def stance(self, stance: Stance) -> Iterator[Triple]:
        """A stance the shipped vocabulary does not define travels with the data."""
        yield stance.iri, TYPE, STANCE
        yield stance.iri, PREF_LABEL, _text(stance.label)
        yield stance.iri, P_POLARITY, POLARITIES[stance.polarity]

    def claim(self, c: Claim) -> Iterator[Triple]:
        s = self.iri(c)
        claimant = self.iri(c.claimant)
        outlet = self.iri(c.source.outlet)
        yield s, TYPE, ENTITY
        yield s, TYPE, CLAIM
        yield s, P_PROPOSITION, self.iri(c.proposition)
        yield s, P_STANCE, c.stance.iri
        yield s, WAS_DERIVED_FROM, self.iri(c.source)
        yield s, WAS_ATTRIBUTED_TO, claimant
        yield s, WAS_ATTRIBUTED_TO, outlet
        for role, agent in (("claimant", claimant), ("outlet", outlet)):
            node = f"{s}/attribution/{role}"
            yield s, QUALIFIED_ATTRIBUTION, node
            yield node, TYPE, ATTRIBUTION
            yield node, PROV_AGENT, agent
            yield node, HAD_ROLE, CLAIMANT_ROLE if role == "claimant" else OUTLET_ROLE
        if c.confidence is not None:
            if c.confidence.value is not None:
                yield s, P_CONFIDENCE, Lit(decimal_lexical(c.confidence.value), XSD_DECIMAL)
            if c.confidence.term is not None:
                yield s, P_ESTIMATIVE_TERM, ESTIMATIVE_TERMS[c.confidence.term]
            if c.confidence.wording is not None:
                yield s, P_ESTIMATIVE_WORDING, _text(c.confidence.wording, c.language)
        if c.credibility is not None:
            yield s, P_CREDIBILITY, CREDIBILITY[c.credibility]
        if c.analytic_confidence is not None:
            yield s, P_ANALYTIC_CONFIDENCE, ANALYTIC_CONFIDENCE[c.analytic_confidence]
        if c.made_at is not None:
            yield _time(s, c.made_at)
        if c.text is not None:
            yield s, VALUE, _text(c.text, c.language)
        if c.language is not None:
            yield s, LANGUAGE, Lit(c.language, XSD_LANGUAGE)
        for other in c.supports:
            yield s, P_SUPPORTS, self.iri(other)
        for other in c.contests:
            yield s, P_CONTESTS, self.iri(other)

    def record(self, record: Record) -> Iterator[Triple]:
        if isinstance(record, Claim):
            return self.claim(record)
        if isinstance(record, Proposition):
            return self.proposition(record)
        if isinstance(record, Agent):
            return self.agent(record)
        if isinstance(record, Outlet):
            return self.outlet(record)
        return self.source(record)


def _sort_key(triple: Triple) -> tuple[str, bool, str, int, str, str, str]:
    """Subject, then ``rdf:type`` first, then predicate and object: Turtle reads naturally."""
    s, p, o = triple
    if isinstance(o, Lit):
        return (s, p != TYPE, p, 1, o.lexical, o.datatype or "", o.language or "")
    return (s, p != TYPE, p, 0, o, "", "")


def triples(claims: ClaimSet, *, base: str) -> Iterator[Triple]:
    """Every triple describing ``claims``, records in IRI order, each record's triples sorted.

    Custom stances are described once, after the records that use them.
    """
    check_base(base)
    writer = _Writer(base)
    ordered = sorted(((writer.iri(r), r) for r in claims.records), key=lambda pair: pair[0])
    for _, record in ordered:
        yield from sorted(writer.record(record), key=_sort_key)
    custom = {c.stance.iri: c.stance for c in claims.claims if not c.stance.is_builtin}
    for key in sorted(custom):
        yield from sorted(writer.stance(custom[key]), key=_sort_key)
