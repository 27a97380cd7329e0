"""The claim-file format, declared once: each section and each nested value, field by field.

A claim file has one section a kind of record (``outlets``, ``agents``, ``sources``,
``propositions``, ``stances``, ``claims``), each a mapping from ids to records. Each
section here lists its fields in the order they are written, one field a model field:
the key in the file, the kind of value, whether it is required, the words errors use
for it, and what the JSON Schema says of it (the words of the declaration are in
:mod:`._kinds`). Values that are mappings of their own (a confidence, a reliability
grading, a derivation) are a shape, declared the same way. What is not a plain value (a
grading in its short and long forms, a derivation with or without its kind, a
confidence as a number, a term or a mapping, a stance named by its label or by an id)
is a named handler among the kinds of value, not a flag on a plain one.

The CSV layout is declared here too (:data:`CSV_LAYOUT`): one row a claim, each column
a field of the claim or of a record it refers to, reached through the reference.

Everything is derived from these tables: the interpreter's checks and conversions
(:mod:`._interpret`), the writer of YAML and JSON (:mod:`._document`, generated as
code), the CSV columns, reader and writer (:mod:`._csv`) and the JSON Schema
(:mod:`._schema`). A model field that is in no table, and not in :data:`NOT_IN_FILES`
(or, for CSV, :data:`NOT_IN_CSV`) with its reason, fails a test.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

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
from ..scales import AnalyticConfidence, Credibility, EstimativeTerm, Reliability
from ._kinds import (
    IRI,
    Column,
    ConfidenceForms,
    CsvLayout,
    Derivations,
    Field,
    Grades,
    Group,
    Label,
    LanguageTag,
    Names,
    OwnStances,
    Part,
    Probability,
    Ref,
    Refs,
    Scale,
    Section,
    Shape,
    ShapeColumns,
    StanceColumns,
    StanceName,
    Term,
    Text,
    Time,
    WebAddress,
    shape_of,
)

__all__ = [
    "AGENTS",
    "AGENT_KIND",
    "ANALYTIC_CONFIDENCE",
    "BUILTIN_STANCES",
    "CLAIMS",
    "CONFIDENCE",
    "CSV_LAYOUT",
    "DERIVATION",
    "DERIVATION_KIND",
    "FORMAT_VERSION",
    "GRADE",
    "GRADE_LETTER",
    "NOT_IN_CSV",
    "NOT_IN_FILES",
    "OUTLETS",
    "OUTLET_KIND",
    "POLARITY",
    "PROPOSITIONS",
    "SECTIONS",
    "SHAPES",
    "SOURCES",
    "STANCES",
    "TERMS",
    "csv_reach",
    "section",
]

FORMAT_VERSION: Final = 1
"""The version of the claim-file format this library reads and writes."""


# --------------------------------------------------------------------------- names


def _labels(members: Iterable[Any], attribute: str) -> dict[str, Any]:
    return {getattr(member, attribute): member for member in members}


OUTLET_KIND: Final = Label(OutletKind, "value")
AGENT_KIND: Final = Label(AgentKind, "value")
DERIVATION_KIND: Final = Label(DerivationKind, "value")
POLARITY: Final = Label(Polarity, "value")
ANALYTIC_CONFIDENCE: Final = Label(AnalyticConfidence, "label")
GRADE_LETTER: Final = Label(Reliability, "value", "an Admiralty reliability grade, ")
TERMS: Final = {**_labels(EstimativeTerm, "label"), **_labels(EstimativeTerm, "synonym")}
BUILTIN_STANCES: Final = _labels(Stance.builtins(), "label")
"""What a file may write for each enumerated field: the label, exactly as the writer writes
it (and ICD 203's synonym for an estimative term; a built-in stance by its label). The
Python API is more forgiving (``"NEWS_AGENCY"``); a file names a value one way, so two
files never spell one value two ways and a misspelling is a problem, never a guess."""


# --------------------------------------------------------------------------- the tables

GRADE = Shape(
    ReliabilityGrade,
    (
        Field("grade", GRADE_LETTER, required=True),
        Field("start", Time()),
        Field("end", Time()),
    ),
    short=("grade",),
)
"""One grading of an outlet or an agent: the grade, and the period it covers if not all time."""

DERIVATION = Shape(
    Derivation,
    (
        Field("source", Ref("sources"), required=True),
        Field("kind", DERIVATION_KIND),
    ),
    short=("source",),
)
"""How a source took its content from another: by default, derived."""

CONFIDENCE = Shape(
    Confidence,
    (Field("value", Probability()), Field("term", Term(TERMS)), Field("wording", Text())),
    short=("value", "term"),
)
"""A claim's confidence: a probability, an estimative term, and the hedge as written."""

_RELIABILITY = Grades(
    GRADE,
    expected="a grade from A to F, or a mapping of grade, start and end",
    example="[C] or [{grade: C, start: 2019}]",
)

OUTLETS = Section(
    "outlets",
    "outlet",
    Outlet,
    "A publishing agent: a news agency, a TV channel, a website, a Telegram channel…",
    (
        Field("name", Text(), required=True),
        Field("kind", OUTLET_KIND),
        Field("aliases", Names()),
        Field("url", WebAddress(), words="URL"),
        Field("language", LanguageTag()),
        Field("reliability", _RELIABILITY),
        Field("description", Text()),
    ),
)

AGENTS = Section(
    "agents",
    "agent",
    Agent,
    "A person, an organization, or an unnamed group that makes claims.",
    (
        Field("name", Text(), required=True),
        Field("kind", AGENT_KIND),
        Field("aliases", Names()),
        Field(
            "on_behalf_of",
            Ref("agents"),
            description="The id of the agent this one speaks for.",
        ),
        Field("description", Text()),
        Field("reliability", _RELIABILITY),
    ),
)

SOURCES = Section(
    "sources",
    "source",
    Source,
    "One dated publication of an outlet.",
    (
        Field("outlet", Ref("outlets"), required=True),
        Field("published", Time(), words="date"),
        Field("title", Text()),
        Field("url", WebAddress(), words="URL"),
        Field("language", LanguageTag()),
        Field(
            "derived_from",
            Derivations(DERIVATION, example="[isna-feb-14, {source: x, kind: quoted}]"),
            description=(
                "The sources this one took its content from: an id (derived), or an id with how."
            ),
        ),
    ),
)

PROPOSITIONS = Section(
    "propositions",
    "proposition",
    Proposition,
    "What is claimed, independent of who claims it.",
    (Field("text", Text(), required=True), Field("language", LanguageTag())),
)

STANCES = Section(
    "stances",
    "stance",
    Stance,
    "A stance of one's own, for claims to name by its id.",
    (
        Field("iri", IRI(), required=True, words="IRI"),
        Field("label", Text(), required=True),
        Field("polarity", POLARITY, required=True),
    ),
    handler=OwnStances(),
)

CLAIMS = Section(
    "claims",
    "claim",
    Claim,
    "One act of claiming: a claimant takes a stance on a proposition, in a source.",
    (
        Field("proposition", Ref("propositions"), required=True),
        Field("claimant", Ref("agents"), required=True),
        Field("source", Ref("sources"), required=True),
        Field("stance", StanceName(), required=True),
        Field("confidence", ConfidenceForms(CONFIDENCE)),
        Field(
            "credibility",
            Scale(Credibility, "an Admiralty credibility, a whole number from 1 to 6 such as 2"),
            description=(
                "Admiralty credibility of the information, a plain whole number from "
                "1 (confirmed) to 6 (cannot be judged)."
            ),
        ),
        Field("analytic_confidence", ANALYTIC_CONFIDENCE),
        Field("made_at", Time(), words="time"),
        Field("text", Text()),
        Field("language", LanguageTag()),
        Field("supports", Refs("claims", "[claim-a, claim-b]")),
        Field("contests", Refs("claims", "[claim-a, claim-b]")),
    ),
)

SECTIONS: Final = (OUTLETS, AGENTS, SOURCES, PROPOSITIONS, STANCES, CLAIMS)
"""The sections in the order a file has them and records are built: each after the
sections it refers to."""

SHAPES: Final = (GRADE, DERIVATION, CONFIDENCE)

_BY_NAME: Final = {s.name: s for s in SECTIONS}


def section(name: str) -> Section:
    """The section called ``name`` (``"agents"``)."""
    return _BY_NAME[name]


NOT_IN_FILES: Final[dict[tuple[type, str], str]] = {}
"""Model fields a claim file does not hold, each with the reason: none. A claim file holds
every field of every record, so writing and reading back never loses one; a new field
goes into a table above or here, with why, or a test fails."""


CSV_LAYOUT: Final = CsvLayout(
    "id",
    (
        Group(
            "proposition",
            (
                Column("proposition", "text", required=True),
                Column("proposition_language", "language"),
            ),
        ),
        Group(
            "claimant",
            (
                Column("claimant", "name", required=True),
                Column("claimant_kind", "kind", default="person"),
                Group(
                    "on_behalf_of",
                    (
                        Column("claimant_for", "name"),
                        Column("claimant_for_kind", "kind", default="organization"),
                    ),
                ),
            ),
        ),
        Group(
            "source",
            (
                Group(
                    "outlet",
                    (
                        Column("outlet", "name", required=True),
                        Column("outlet_kind", "kind", default="other"),
                    ),
                ),
                Column("published", "published"),
                Column("source_title", "title"),
                Column("source_url", "url"),
                Column("source_language", "language"),
            ),
        ),
        StanceColumns(
            "stance",
            label=Column("stance", "label", required=True),
            iri=Column("stance_iri", "iri"),
            polarity=Column("stance_polarity", "polarity", default=" "),
        ),
        ShapeColumns(
            "confidence",
            (
                Column("confidence", "value"),
                Column("estimative_term", "term"),
                Column("estimative_wording", "wording"),
            ),
        ),
        Column("credibility", "credibility"),
        Column("analytic_confidence", "analytic_confidence"),
        Column("made_at", "made_at"),
        Column("text", "text"),
        Column("language", "language"),
        Column("supports", "supports"),
        Column("contests", "contests"),
    ),
)
"""The CSV columns: an agent is reached twice (as the claimant, and as the agent the
claimant speaks for), so its fields have a column for each place."""

_NO_GRADES = "a row has no place for reliability grades, which vary by period"
_NO_DETAIL = "a row names the outlet by name and kind only"

NOT_IN_CSV: Final[dict[tuple[type, str], str]] = {
    (Agent, "aliases"): "a row names an agent by one name",
    (Agent, "description"): "a row holds what an agent says, not a description of it",
    (Agent, "reliability"): _NO_GRADES,
    (Outlet, "aliases"): _NO_DETAIL,
    (Outlet, "url"): _NO_DETAIL,
    (Outlet, "language"): _NO_DETAIL,
    (Outlet, "reliability"): _NO_GRADES,
    (Outlet, "description"): _NO_DETAIL,
    (Source, "derived_from"): "a row holds one source, not the sources it took its content from",
    (ReliabilityGrade, "grade"): _NO_GRADES,
    (ReliabilityGrade, "start"): _NO_GRADES,
    (ReliabilityGrade, "end"): _NO_GRADES,
    (Derivation, "source"): "a row holds no derivations",
    (Derivation, "kind"): "a row holds no derivations",
}
"""Model fields a CSV row cannot hold, each with the reason; YAML and JSON hold them all.
(Nor can CSV hold a record no claim refers to: each row is a claim.)"""


def csv_reach(layout: CsvLayout = CSV_LAYOUT) -> dict[tuple[type, str], list[str]]:
    """The model fields the layout reaches, each with the columns that hold it (a reference
    by the columns of the record it leads to)."""
    found: dict[tuple[type, str], list[str]] = {}

    def of(cls: type, parts: Iterable[Part]) -> list[str]:
        held: list[str] = []
        fields = _fields_of(cls)
        for part in parts:
            if isinstance(part, Column):
                names = [part.name]
            elif isinstance(part, Group):
                value = fields[part.field].value
                assert isinstance(value, Ref)
                names = of(section(value.section).cls, part.columns)
            elif isinstance(part, StanceColumns):
                names = of(Stance, (part.label, part.iri, part.polarity))
            else:
                names = of(shape_of(fields[part.field].value).cls, part.columns)
            found.setdefault((cls, part.field), []).extend(names)
            held.extend(names)
        return held

    of(Claim, layout.parts)
    return found


def _fields_of(cls: type) -> dict[str, Field]:
    for table in (*SECTIONS, *SHAPES):
        if table.cls is cls:
            return {f.field: f for f in table.fields}
    raise KeyError(cls)
