"""The mapping: how each kind of record is said in RDF, declared once, as data.

Each record kind has one :class:`RecordMap`: the types its node always has, and one row
per field — the field, the predicate, the kind of value (:data:`Value`), whether it
may repeat, whether it is required, and the words errors and shapes use for it. What is
not a plain property (a time whose predicate depends on its precision, derivations
whose predicate depends on their kind, reliability grades and attributions that are
nodes of their own, the confidence's three parts) is a named handler row (:data:`Row`)
rather than a flag on a plain one.

Everything else is generated from these tables: the triples a record gives
(:mod:`._triples`), the Turtle and N-Triples templates (:mod:`._templates`, as source
code), the careful reader's checks and messages (:mod:`._careful`), the quick reader's
extraction (:mod:`._quick`), the JSON-LD context and the structural SHACL shapes
(``data/context.jsonld``, ``data/shapes.ttl``, written by ``scripts/generate.py``). A
model field that is in no table, and not in :data:`NOT_WRITTEN` with its reason, fails
a test. ``docs/vocabulary.md`` explains the choice of each term.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from typing import Any, TypeAlias

import attrs

from .._model import (
    Agent,
    AgentKind,
    Claim,
    Confidence,
    Derivation,
    DerivationKind,
    Outlet,
    OutletKind,
    Polarity,
    Proposition,
    ReliabilityGrade,
    Source,
    Stance,
)
from .._values import WEB_ADDRESS
from ..scales import AnalyticConfidence, Credibility, EstimativeTerm, Reliability
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
    UNNAMED_AGENT,
    VALUE,
    WAS_ATTRIBUTED_TO,
    WAS_DERIVED_FROM,
    WAS_QUOTED_FROM,
)

__all__ = [
    "AGENT_MAP",
    "AGENT_TYPES",
    "ALL_MAPS",
    "ANALYTIC_CONFIDENCE",
    "ATTRIBUTION_MAP",
    "CLAIM_MAP",
    "CONFIDENCE_ROWS",
    "CREDIBILITY",
    "DERIVATIONS",
    "ESTIMATIVE_TERMS",
    "GRADE_MAP",
    "MAPS",
    "NOT_WRITTEN",
    "OUTLET_KINDS",
    "OUTLET_MAP",
    "POLARITIES",
    "PROPOSITION_MAP",
    "RELIABILITY",
    "SOURCE_MAP",
    "STANCE_MAP",
    "AnyTime",
    "Attributions",
    "Decimal",
    "Derivations",
    "Grades",
    "Inline",
    "LanguageTag",
    "Prop",
    "RecordMap",
    "Ref",
    "Row",
    "StanceIRI",
    "Text",
    "TimeByPrecision",
    "Value",
    "Vocab",
    "WebAddress",
    "predicates",
    "rows_of",
    "unwritten_fields",
    "written_fields",
]


# --------------------------------------------------------------------------- vocabularies
# Enum members and the IRIs that say them: written once, read back through the same
# table (each reader inverts it).

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


# --------------------------------------------------------------------------- kinds of value


@attrs.frozen
class Ref:
    """The IRI of another record of ``kind`` (its path segment: ``"source"``)."""

    kind: str
    expected: str
    """What a reader expects, in its errors: ``"a pc:Proposition"``."""
    shared: bool = False
    """The predicate also names things that are not records of ``kind`` (a source is
    attributed to its outlet and may be to others): readers take the one of its kind."""


@attrs.frozen
class StanceIRI:
    """The IRI of the claim's stance: a built-in one, or one the document describes."""

    expected: str = "a pc:Stance"


@attrs.frozen
class Vocab:
    """An enum member, said by the IRI a table gives it."""

    table: dict[Any, str] = attrs.field(eq=False, hash=False)
    expected: str
    checked_by: str | None = "PV109"
    """The rule whose shapes hold the value to the table (``None``: any IRI will do)."""


@attrs.frozen
class Text:
    """A string, tagged with the language of the subject's ``language`` field if it has one.

    Tags are written in lower case (they are case-insensitive, and lower case is what
    Oxigraph and canonical N-Triples write); the model's own spelling of the tag travels
    in ``dcterms:language``.
    """

    language: str | None = None
    """The field of the subject's record whose value tags the text, if any."""
    gives_language: bool = False
    """A reader takes the text's tag for that field when the node gives no language."""
    expected: str = "a string literal"


@attrs.frozen
class LanguageTag:
    """A BCP 47 tag as an ``xsd:language`` literal, spelt as the model holds it."""

    expected: str = "an xsd:language literal"


@attrs.frozen
class Decimal:
    """A number in [low, high] as an ``xsd:decimal`` in canonical form."""

    low: float
    high: float
    expected: str


@attrs.frozen
class WebAddress:
    """A web address, as the IRI it is: http or https, with a host."""

    expected: str = WEB_ADDRESS


@attrs.frozen
class AnyTime:
    """A time at any precision, as an XML Schema literal of the matching datatype."""

    expected: str = "an xsd:dateTime with time zone, xsd:date, xsd:gYearMonth or xsd:gYear"


Value: TypeAlias = Ref | StanceIRI | Vocab | Text | LanguageTag | Decimal | WebAddress | AnyTime


# --------------------------------------------------------------------------- rows


@attrs.frozen
class Prop:
    """A plain property: the field's value (or each of its values) under one predicate."""

    field: str
    predicate: str
    value: Value
    words: str
    """The field in the words of errors and shapes: ``"the proposition it is about"``."""
    many: bool = False
    required: bool = False


@attrs.frozen
class TimeByPrecision:
    """A time: an instant under ``prov:generatedAtTime``, a day, month or year under
    ``dcterms:date`` — PROV-O ranges generatedAtTime over xsd:dateTime only."""

    field: str
    words: str
    instant: str = GENERATED_AT_TIME
    coarse: str = DATE
    instant_expected: str = "an xsd:dateTime with a time zone"
    coarse_expected: str = "an xsd:date, xsd:gYearMonth or xsd:gYear"


@attrs.frozen
class Derivations:
    """The sources a source took its content from, each under the predicate of its kind."""

    field: str
    words: str
    table: dict[DerivationKind, str] = attrs.field(factory=lambda: DERIVATIONS, eq=False)
    expected: str = "a source IRI"


@attrs.frozen
class Grades:
    """Reliability grades: each a node of its own (a grading is a record PROV can trace),
    named after what it says, ``{subject}/reliability/{grade}[/{period digest}]``."""

    field: str
    words: str
    predicate: str = P_RELIABILITY
    expected: str = "a pc:ReliabilityGrade node"


@attrs.frozen
class Attributions:
    """A claim's claimant and outlet, each by ``prov:wasAttributedTo`` and by a qualified
    attribution node (``{claim}/attribution/{claimant|outlet}``) that gives its role."""

    field: str
    """The claimant field; the outlet is the publisher of the claim's source."""
    words: str
    roles: tuple[tuple[str, str], ...] = (("claimant", CLAIMANT_ROLE), ("outlet", OUTLET_ROLE))
    expected: str = "a prov:Attribution with dcat:hadRole pc:ClaimantRole"


@attrs.frozen
class Inline:
    """A value object's fields said on the subject itself (a claim's confidence)."""

    field: str
    cls: type
    rows: tuple[Prop, ...]
    words: str
    expected: str
    """What a reader expects of the parts together, in its errors."""


Row: TypeAlias = Prop | TimeByPrecision | Derivations | Grades | Attributions | Inline


@attrs.frozen
class RecordMap:
    """How one kind of record is said: its node's types and one row per field."""

    cls: type
    kind: str
    """The record's name in its IRI and in errors (``"claim"``)."""
    types: tuple[str, ...]
    """Types every node of this kind has, in the order written (they are sorted anyway)."""
    marks: tuple[str, ...]
    """The types a reader recognises the kind by (the others are implied by them)."""
    rows: tuple[Row, ...]
    kind_types: tuple[str, Vocab] | None = None
    """A field whose value adds a type of its own (an agent's kind), and its table."""
    noun: str = ""
    """The record in errors and shapes: ``"a claim"``."""
    reached_by: str | None = None
    """For a node that is part of a record (a grading, an attribution, a stance): the
    predicate that leads to it, by which shapes find it (such nodes need not be typed)."""
    built_in: bool = False
    """Nodes of this kind may be defined by the vocabulary itself and carry no description
    in the data (the built-in stances): their required rows are checked by rule PV106."""


def predicates(row: Row) -> tuple[str, ...]:
    """The predicates a row can write on its subject."""
    if isinstance(row, Prop):
        return (row.predicate,)
    if isinstance(row, TimeByPrecision):
        return (row.instant, row.coarse)
    if isinstance(row, Derivations):
        return tuple(row.table.values())
    if isinstance(row, Grades):
        return (row.predicate,)
    if isinstance(row, Attributions):
        return (WAS_ATTRIBUTED_TO, QUALIFIED_ATTRIBUTION)
    return tuple(p for inner in row.rows for p in predicates(inner))


def rows_of(record_map: RecordMap) -> Iterator[Row]:
    """Every row, inline ones included."""
    for row in record_map.rows:
        yield row
        if isinstance(row, Inline):
            yield from row.rows


# --------------------------------------------------------------------------- the tables

_TEXT_OF = Text(language="language")
_MAIN_TEXT = Text(language="language", gives_language=True)

PROPOSITION_MAP = RecordMap(
    Proposition,
    "proposition",
    types=(ENTITY, PROPOSITION),
    marks=(PROPOSITION,),
    noun="a proposition",
    rows=(
        Prop("text", P_STATEMENT, _MAIN_TEXT, "its text", required=True),
        Prop("language", LANGUAGE, LanguageTag(), "the language of its text"),
    ),
)

GRADE_MAP = RecordMap(
    ReliabilityGrade,
    "grade",
    types=(ENTITY, RELIABILITY_GRADE),
    marks=(RELIABILITY_GRADE,),
    noun="a reliability grading",
    reached_by=P_RELIABILITY,
    rows=(
        Prop(
            "grade",
            P_GRADE,
            Vocab(RELIABILITY, "one of pc:ReliabilityA … F"),
            "its grade",
            required=True,
        ),
        Prop("start", P_VALID_FROM, AnyTime(), "the start of the period it covers"),
        Prop("end", P_VALID_UNTIL, AnyTime(), "the end of the period it covers"),
    ),
)

AGENT_MAP = RecordMap(
    Agent,
    "agent",
    types=(AGENT,),
    marks=(PERSON, ORGANIZATION, UNNAMED_AGENT),
    kind_types=(
        "kind",
        Vocab(AGENT_TYPES, "exactly one of prov:Person, prov:Organization, pc:UnnamedAgent"),
    ),
    noun="an agent",
    rows=(
        Prop("name", LABEL, Text(), "a name", required=True),
        Prop("aliases", ALT_LABEL, Text(), "other names", many=True),
        Prop(
            "on_behalf_of",
            ACTED_ON_BEHALF_OF,
            Ref("agent", "an agent IRI"),
            "the agent it acts on behalf of",
        ),
        Prop("description", COMMENT, Text(), "a description"),
        Grades("reliability", "its reliability grades"),
    ),
)

OUTLET_MAP = RecordMap(
    Outlet,
    "outlet",
    types=(AGENT, ORGANIZATION, OUTLET),
    marks=(OUTLET,),
    noun="an outlet",
    rows=(
        Prop("name", LABEL, Text(), "a name", required=True),
        Prop(
            "kind",
            P_OUTLET_KIND,
            Vocab(OUTLET_KINDS, "one of the pc:OutletKind concepts"),
            "its kind",
            required=True,
        ),
        Prop("aliases", ALT_LABEL, Text(), "other names", many=True),
        Prop("url", HOMEPAGE, WebAddress(), "its home page"),
        Prop("language", LANGUAGE, LanguageTag(), "the language it publishes in"),
        Grades("reliability", "its reliability grades"),
        Prop("description", COMMENT, Text(), "a description"),
    ),
)

SOURCE_MAP = RecordMap(
    Source,
    "source",
    types=(ENTITY, SOURCE),
    marks=(SOURCE,),
    noun="a source",
    rows=(
        Prop(
            "outlet",
            WAS_ATTRIBUTED_TO,
            Ref("outlet", "exactly one pc:Outlet that published the source", shared=True),
            "the outlet that published it",
            required=True,
        ),
        TimeByPrecision("published", "when it was published"),
        Prop("title", TITLE, _TEXT_OF, "its title"),
        Prop("url", PAGE, WebAddress(), "its web page"),
        Prop("language", LANGUAGE, LanguageTag(), "its language"),
        Derivations("derived_from", "the sources it took its content from"),
    ),
)

CONFIDENCE_ROWS = (
    Prop(
        "value",
        P_CONFIDENCE,
        Decimal(
            0.0,
            1.0,
            "an xsd:decimal from 0 to 1 such as 0.8, in plain decimal notation "
            "(a number with an exponent, such as 8e-1, is an xsd:double)",
        ),
        "a confidence",
    ),
    Prop(
        "term",
        P_ESTIMATIVE_TERM,
        Vocab(ESTIMATIVE_TERMS, "one of the pc:EstimativeTerm concepts"),
        "an estimative term",
    ),
    Prop("wording", P_ESTIMATIVE_WORDING, _TEXT_OF, "the estimative wording"),
)
"""A claim's :class:`~provenance.Confidence`, said on the claim: the wording is in the
claim's language."""

CLAIM_MAP = RecordMap(
    Claim,
    "claim",
    types=(ENTITY, CLAIM),
    marks=(CLAIM,),
    noun="a claim",
    rows=(
        Prop(
            "proposition",
            P_PROPOSITION,
            Ref("proposition", "a pc:Proposition"),
            "the proposition it is about",
            required=True,
        ),
        Prop("stance", P_STANCE, StanceIRI(), "the stance its claimant takes", required=True),
        Prop(
            "source",
            WAS_DERIVED_FROM,
            Ref("source", "the pc:Source the claim appears in"),
            "the source it appears in",
            required=True,
        ),
        Attributions("claimant", "its claimant"),
        Inline(
            "confidence",
            Confidence,
            CONFIDENCE_ROWS,
            "its confidence",
            "a number within the band of the estimative term",
        ),
        Prop(
            "credibility",
            P_CREDIBILITY,
            Vocab(CREDIBILITY, "one of pc:Credibility1 … 6"),
            "the credibility of its information",
        ),
        Prop(
            "analytic_confidence",
            P_ANALYTIC_CONFIDENCE,
            Vocab(
                ANALYTIC_CONFIDENCE,
                "one of pc:LowConfidence, pc:ModerateConfidence, pc:HighConfidence",
            ),
            "the analytic confidence in it",
        ),
        TimeByPrecision("made_at", "when it was made"),
        Prop("text", VALUE, _MAIN_TEXT, "its exact words"),
        Prop("language", LANGUAGE, LanguageTag(), "the language of its words"),
        Prop("supports", P_SUPPORTS, Ref("claim", "a claim IRI"), "claims it supports", many=True),
        Prop("contests", P_CONTESTS, Ref("claim", "a claim IRI"), "claims it contests", many=True),
    ),
)

STANCE_MAP = RecordMap(
    Stance,
    "stance",
    types=(STANCE,),
    marks=(STANCE,),
    noun="a stance",
    reached_by=P_STANCE,
    built_in=True,
    rows=(
        Prop("label", PREF_LABEL, Text(), "its label", required=True),
        Prop(
            "polarity",
            P_POLARITY,
            Vocab(
                POLARITIES,
                "one of pc:Affirming, pc:Denying, pc:Withdrawing, pc:Neutral",
                checked_by="PV106",
            ),
            "which way it leans",
            required=True,
        ),
    ),
)
"""A stance the shipped vocabulary does not define; its IRI is its own."""

ATTRIBUTION_MAP = RecordMap(
    type(None),
    "attribution",
    types=(ATTRIBUTION,),
    marks=(ATTRIBUTION,),
    noun="an attribution",
    reached_by=QUALIFIED_ATTRIBUTION,
    rows=(
        Prop("agent", PROV_AGENT, Ref("agent", "the attributed agent"), "its agent", required=True),
        Prop(
            "role",
            HAD_ROLE,
            Vocab(
                {role: role for role in (CLAIMANT_ROLE, OUTLET_ROLE)},
                "pc:ClaimantRole or pc:OutletRole",
                checked_by=None,
            ),
            "the role its agent played",
            required=True,
        ),
    ),
)
"""A claim's qualified attribution node: the agent, and the role in which it is credited."""

MAPS: dict[type, RecordMap] = {
    m.cls: m for m in (PROPOSITION_MAP, AGENT_MAP, OUTLET_MAP, SOURCE_MAP, CLAIM_MAP)
}
"""The record kinds, by model class."""

NOT_WRITTEN: dict[tuple[type, str], str] = {
    (Stance, "iri"): "it is the stance's node itself, not a property of it",
}
"""Model fields that no row writes, each with the reason."""

ALL_MAPS: tuple[RecordMap, ...] = (
    PROPOSITION_MAP,
    AGENT_MAP,
    OUTLET_MAP,
    SOURCE_MAP,
    CLAIM_MAP,
    STANCE_MAP,
    GRADE_MAP,
)
"""Every table that says a model class (the attribution node says no class of its own)."""


def written_fields(maps: Iterable[RecordMap] = ALL_MAPS) -> dict[type, set[str]]:
    """The model fields the tables write, by class: what a completeness test checks."""
    found: dict[type, set[str]] = {}
    for record_map in maps:
        held = found.setdefault(record_map.cls, set())
        if record_map.kind_types is not None:
            held.add(record_map.kind_types[0])
        for row in record_map.rows:
            held.add(row.field)
            if isinstance(row, Inline):
                found.setdefault(row.cls, set()).update(part.field for part in row.rows)
            elif isinstance(row, Derivations):
                found.setdefault(Derivation, set()).update(("source", "kind"))
    return found


def unwritten_fields(maps: Iterable[RecordMap] = ALL_MAPS) -> list[tuple[type, str]]:
    """Model fields no table writes and :data:`NOT_WRITTEN` does not excuse: a missed
    place, which a test turns red."""
    written = written_fields(maps)
    return [
        (cls, field.name)
        for cls, names in written.items()
        for field in attrs.fields(cls)
        if field.init and field.name not in names and (cls, field.name) not in NOT_WRITTEN
    ]


def _enum_classes() -> dict[type[enum.Enum], dict[Any, str]]:
    """Every enum the tables say, with its table: a test holds each table complete."""
    return {
        AgentKind: AGENT_TYPES,
        OutletKind: OUTLET_KINDS,
        DerivationKind: DERIVATIONS,
        Polarity: POLARITIES,
        Reliability: RELIABILITY,
        Credibility: CREDIBILITY,
        AnalyticConfidence: ANALYTIC_CONFIDENCE,
        EstimativeTerm: ESTIMATIVE_TERMS,
    }
