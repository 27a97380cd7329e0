"""The claim model: what was claimed, by whom, through which source, how, how surely.

Every class is a frozen attrs class validated on construction, so a value that exists
is valid. Records refer to each other directly (a :class:`Claim` holds its
:class:`Proposition`, :class:`Agent` and :class:`Source`), which makes reporting chains
plain data and cycles impossible. Fields that RDF keeps as unordered sets (aliases,
derivations, links between claims) are frozensets, so a round trip through RDF gives
back an equal object.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable
from typing import Any, ClassVar, TypeVar

import attrs

from ._derive import ContentEquality, Fingerprinted, derive, finish
from ._namespace import VOCABULARY
from ._values import (
    Time,
    check_iri,
    check_language,
    check_text,
    check_time,
    check_web_address,
    time_bounds,
    time_lexical,
)
from .errors import UnknownStanceError, ValidationError
from .scales import AnalyticConfidence, Credibility, EstimativeTerm, Reliability

E = TypeVar("E", bound=enum.Enum)

__all__ = [
    "Agent",
    "AgentKind",
    "Claim",
    "Confidence",
    "Derivation",
    "DerivationKind",
    "Outlet",
    "OutletKind",
    "Polarity",
    "Proposition",
    "ReliabilityGrade",
    "Source",
    "Stance",
]


# --------------------------------------------------------------------------- checks


def _text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A piece of text: non-blank, and made of characters every export format can carry
    (see :func:`~provenance._values.check_text`), so a record that exists can be written
    as RDF/XML as well as Turtle."""
    check_text(type(instance).__name__, attribute.name, value)


def _optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _text(instance, attribute, value)


def _optional_web_address(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        check_web_address(type(instance).__name__, attribute.name, value)


def _optional_time(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        check_time(type(instance).__name__, attribute.name, value)


def _to_language(owner: str, value: object) -> str | None:
    return None if value is None else check_language(owner, "language", value)


def _to_enum(owner: str, field: str, cls: type[E], value: object) -> E:
    """Accept an enum member, or its value or name as a string."""
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        for member in cls:
            if value in (member.value, member.name, member.name.lower()):
                return member
    choices = ", ".join(repr(m.value) for m in cls)
    raise ValidationError(owner, field, value, f"one of {choices}")


def _to_aliases(owner: str, value: Iterable[str] | str) -> frozenset[str]:
    if isinstance(value, str):
        raise ValidationError(owner, "aliases", value, "a collection of names, not one string")
    return frozenset(value)


def _each_text(instance: object, attribute: attrs.Attribute[Any], value: frozenset[Any]) -> None:
    for item in value:
        _text(instance, attribute, item)


def _members(kind: type) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: frozenset[Any]) -> None:
        for item in value:
            if not isinstance(item, kind):
                raise ValidationError(
                    type(instance).__name__, attribute.name, item, f"a {kind.__name__}"
                )

    return check


def _instance_of(kind: type | tuple[type, ...], expected: str) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            raise ValidationError(type(instance).__name__, attribute.name, value, expected)

    return check


# --------------------------------------------------------------------------- stance


class Polarity(enum.Enum):
    """Which way a stance leans on its proposition; opposite polarities make a contest."""

    AFFIRMING = "affirming"
    DENYING = "denying"
    WITHDRAWING = "withdrawing"
    NEUTRAL = "neutral"


def _stance_polarity(value: object) -> Polarity:
    return _to_enum("Stance", "polarity", Polarity, value)


_BUILTIN_BY_IRI: dict[str, Stance] = {}
"""Filled once the built-in stances exist; empty while they are being made."""


@derive(globals())
@attrs.frozen(cache_hash=True)
class Stance(Fingerprinted):
    """How a claimant relates to a proposition: reports it, denies it, speculates on it…

    The vocabulary is controlled but open. The built-in stances are class attributes
    (``Stance.DENIAL``) and can be named by their label (``"denial"``) wherever a
    stance is expected. A project that needs another stance defines it with an IRI of
    its own and says which way it leans, so contested views still work::

        RUMOUR = Stance("https://example.org/stance#Rumour", "rumour", Polarity.AFFIRMING)
    """

    iri: str = attrs.field()
    label: str = attrs.field(validator=_text)
    polarity: Polarity = attrs.field(converter=_stance_polarity)
    _fp: bytes = attrs.field(init=False, repr=False, eq=False)

    _LABEL: ClassVar[str] = "label"

    REPORT: ClassVar[Stance]
    STATEMENT: ClassVar[Stance]
    DENIAL: ClassVar[Stance]
    SPECULATION: ClassVar[Stance]
    CLAIM_OF_RESPONSIBILITY: ClassVar[Stance]
    ASSESSMENT: ClassVar[Stance]
    CONFIRMATION: ClassVar[Stance]
    RETRACTION: ClassVar[Stance]

    @iri.validator
    def _check_iri(self, attribute: attrs.Attribute[str], value: str) -> None:
        check_iri("Stance", "iri", value)

    def _check(self) -> None:
        # Our namespace is ours: a stance there must be one the shipped vocabulary defines,
        # or data and vocabulary would describe one IRI in two ways.
        if _BUILTIN_BY_IRI and self.iri.startswith(VOCABULARY):
            builtin = _BUILTIN_BY_IRI.get(self.iri)
            if builtin is None or (builtin.label, builtin.polarity) != (self.label, self.polarity):
                raise ValidationError(
                    "Stance",
                    "iri",
                    self.iri,
                    "an IRI of your own namespace "
                    "(the pc: namespace holds only the built-in stances)",
                )

    @property
    def is_builtin(self) -> bool:
        """Whether this stance is one the shipped vocabulary defines."""
        return _BUILTIN_BY_IRI.get(self.iri) == self

    @classmethod
    def builtins(cls) -> tuple[Stance, ...]:
        """The stances the shipped vocabulary defines, in a stable order."""
        return tuple(_BUILTIN_BY_IRI.values())

    @classmethod
    def named(cls, name: str) -> Stance:
        """Return the built-in stance called ``name`` (``"denial"``, ``"CLAIM_OF_RESPONSIBILITY"``).

        Raises :class:`~provenance.errors.UnknownStanceError` for any other name.
        """
        key = " ".join(name.replace("_", " ").lower().split())
        try:
            return _BUILTIN_BY_LABEL[key]
        except KeyError:
            known = ", ".join(repr(s.label) for s in _BUILTIN_BY_IRI.values())
            raise UnknownStanceError(
                "Claim", "stance", name, f"a Stance or one of {known}"
            ) from None

    @classmethod
    def from_iri(cls, iri: str) -> Stance | None:
        """Return the built-in stance with this IRI, or ``None``."""
        return _BUILTIN_BY_IRI.get(iri)


def _stance(kind: str, label: str, polarity: Polarity) -> Stance:
    return Stance(VOCABULARY + kind, label, polarity)


Stance.REPORT = _stance("Report", "report", Polarity.AFFIRMING)
Stance.STATEMENT = _stance("Statement", "statement", Polarity.AFFIRMING)
Stance.DENIAL = _stance("Denial", "denial", Polarity.DENYING)
Stance.SPECULATION = _stance("Speculation", "speculation", Polarity.AFFIRMING)
Stance.CLAIM_OF_RESPONSIBILITY = _stance(
    "ClaimOfResponsibility", "claim of responsibility", Polarity.AFFIRMING
)
Stance.ASSESSMENT = _stance("Assessment", "assessment", Polarity.AFFIRMING)
Stance.CONFIRMATION = _stance("Confirmation", "confirmation", Polarity.AFFIRMING)
Stance.RETRACTION = _stance("Retraction", "retraction", Polarity.WITHDRAWING)

_BUILTIN_BY_IRI.update(
    {
        s.iri: s
        for s in (
            Stance.REPORT,
            Stance.STATEMENT,
            Stance.DENIAL,
            Stance.SPECULATION,
            Stance.CLAIM_OF_RESPONSIBILITY,
            Stance.ASSESSMENT,
            Stance.CONFIRMATION,
            Stance.RETRACTION,
        )
    }
)
_BUILTIN_BY_LABEL: dict[str, Stance] = {s.label: s for s in _BUILTIN_BY_IRI.values()}


def _to_stance(value: object) -> Stance:
    if isinstance(value, Stance):
        return value
    if isinstance(value, str):
        return Stance.named(value)
    raise ValidationError("Claim", "stance", value, "a Stance or the name of a built-in stance")


# --------------------------------------------------------------------------- confidence


def _probability(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError("Confidence", "value", value, "a number from 0 to 1")
    try:
        number = float(value)
    except OverflowError:
        raise ValidationError("Confidence", "value", value, "a number from 0 to 1") from None
    if math.isnan(number) or not 0.0 <= number <= 1.0:
        raise ValidationError("Confidence", "value", value, "a number from 0 to 1")
    return number + 0.0  # -0.0 becomes 0.0: one zero, one lexical form


def _term(value: object) -> EstimativeTerm | None:
    if value is None or isinstance(value, EstimativeTerm):
        return value
    if isinstance(value, str):
        try:
            return EstimativeTerm.from_label(value)
        except KeyError:
            pass
    terms = ", ".join(repr(t.label) for t in EstimativeTerm)
    raise ValidationError("Confidence", "term", value, f"an EstimativeTerm or one of {terms}")


@derive(globals())
@attrs.frozen
class Confidence(Fingerprinted):
    """How likely the claim, with its stance, is stated or judged to be right: a number
    in [0, 1], an ICD 203 estimative term, and/or the estimative words the source used.

    For an affirming claim that is the likelihood of the proposition; for a denial, the
    likelihood that the proposition is false ("almost certainly not" is a denial with
    "almost certain").

    >>> Confidence(0.7, "likely")
    Confidence(value=0.7, term=EstimativeTerm.LIKELY, wording=None)

    A term and a number that disagree (``Confidence(0.3, "likely")``) are refused: the
    band of "likely" is 0.55–0.80. ``wording`` keeps a hedge that is no ICD 203 term
    ("may") as written, without inventing a number for it;
    :func:`provenance.scales.suggest_term` can propose one for a person to accept.
    """

    value: float | None = attrs.field(default=None, converter=_probability)
    term: EstimativeTerm | None = attrs.field(default=None, converter=_term)
    wording: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)
    _fp: bytes = attrs.field(init=False, repr=False, eq=False)

    def _check(self) -> None:
        if self.value is None and self.term is None and self.wording is None:
            raise ValidationError(
                "Confidence", "value", None, "a number, an estimative term or wording"
            )
        if self.value is not None and self.term is not None and not self.term.contains(self.value):
            raise ValidationError(
                "Confidence",
                "value",
                self.value,
                f"a number within the band of {self.term.label!r} "
                f"({self.term.low}–{self.term.high})",
            )


def _to_confidence(value: object) -> Confidence | None:
    if value is None or isinstance(value, Confidence):
        return value
    if isinstance(value, EstimativeTerm | str):
        return Confidence(term=value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Confidence(value=value)
    raise ValidationError(
        "Claim", "confidence", value, "a Confidence, a number or an estimative term"
    )


def _reliability(value: object) -> Reliability:
    if isinstance(value, Reliability):
        return value
    if isinstance(value, str):
        try:
            return Reliability.from_code(value)
        except KeyError:
            pass
    raise ValidationError("ReliabilityGrade", "grade", value, "one of the grades A to F")


def _time_or_none(value: Time | None) -> str | None:
    return None if value is None else time_lexical(value)


@derive(globals())
@attrs.frozen
class ReliabilityGrade(Fingerprinted):
    """A source's Admiralty reliability grade, optionally for a period only.

    An outlet's record can change: ``ReliabilityGrade("C", start=Year(2019))`` says it has
    been graded C since 2019. Open ends (``None``) mean "before anything we know" and
    "until now".
    """

    grade: Reliability = attrs.field(converter=_reliability)
    # compared by their written form, offset included, as a round trip keeps them
    start: Time | None = attrs.field(
        default=None, kw_only=True, validator=_optional_time, eq=_time_or_none
    )
    end: Time | None = attrs.field(
        default=None, kw_only=True, validator=_optional_time, eq=_time_or_none
    )
    _fp: bytes = attrs.field(init=False, repr=False, eq=False)

    def _check(self) -> None:
        if (
            self.start is not None
            and self.end is not None
            and time_bounds(self.start)[0] > time_bounds(self.end)[1]
        ):
            raise ValidationError(
                "ReliabilityGrade", "end", self.end, f"a time not before start {self.start!r}"
            )

    def covers(self, when: Time) -> bool:
        """Whether this grade applies at ``when`` (any overlap of the two periods counts)."""
        low, high = time_bounds(when)
        if self.start is not None and high < time_bounds(self.start)[0]:
            return False
        return not (self.end is not None and low > time_bounds(self.end)[1])


def _to_grades(owner: str, value: object) -> frozenset[ReliabilityGrade]:
    if value is None:
        return frozenset()
    if isinstance(value, ReliabilityGrade | Reliability | str):
        value = [value]
    if not isinstance(value, Iterable):
        raise ValidationError(owner, "reliability", value, "a grade A–F or ReliabilityGrades")
    try:
        return frozenset(
            v if isinstance(v, ReliabilityGrade) else ReliabilityGrade(v) for v in value
        )
    except ValidationError as error:
        raise ValidationError(
            owner, "reliability", error.value, "a grade A–F or ReliabilityGrades"
        ) from error


def _reliability_at(grades: frozenset[ReliabilityGrade], when: Time | None) -> Reliability | None:
    if when is None:
        timeless = [g.grade for g in grades if g.start is None and g.end is None]
        if len(timeless) == 1:
            return timeless[0]
        return next(iter(grades)).grade if len(grades) == 1 else None
    found = {g.grade for g in grades if g.covers(when)}
    return found.pop() if len(found) == 1 else None


# --------------------------------------------------------------------------- records


def _proposition_language(value: object) -> str | None:
    return _to_language("Proposition", value)


@derive(globals())
@attrs.frozen(eq=False, repr=False)
class Proposition(ContentEquality):
    """What is claimed, independent of who claims it.

    Claims that point at the same proposition stand side by side: one reports it,
    another denies it, a third speculates on it.
    """

    text: str = attrs.field(validator=_text)
    language: str | None = attrs.field(default=None, kw_only=True, converter=_proposition_language)
    _fp: bytes = attrs.field(init=False, repr=False)

    IDENTITY: ClassVar[tuple[str, ...]] = ("text", "language")
    """The fields that identify a proposition, and so make its IRI."""
    _LABEL: ClassVar[str] = "text"


class AgentKind(enum.Enum):
    """What sort of agent makes or carries a claim."""

    PERSON = "person"
    ORGANIZATION = "organization"
    UNNAMED = "unnamed"
    """Someone the source does not name: "foreign intelligence sources", "a commentator"."""


def _agent_kind(value: object) -> AgentKind:
    return _to_enum("Agent", "kind", AgentKind, value)


def _agent_aliases(value: Iterable[str] | str) -> frozenset[str]:
    return _to_aliases("Agent", value)


def _agent_grades(value: object) -> frozenset[ReliabilityGrade]:
    return _to_grades("Agent", value)


@derive(globals())
@attrs.frozen(kw_only=True, eq=False, repr=False)
class Agent(ContentEquality):
    """A person, an organization, or an unnamed group that makes claims.

    ``aliases`` keep other spellings a source uses (the digest writes both
    "Ali-Asghar" and "Ali-Asghan" Khaji); ``on_behalf_of`` is the agent they speak for
    (a spokesman for his ministry).
    """

    name: str = attrs.field(validator=_text)
    kind: AgentKind = attrs.field(default=AgentKind.PERSON, converter=_agent_kind)
    aliases: frozenset[str] = attrs.field(
        factory=frozenset, converter=_agent_aliases, validator=_each_text
    )
    on_behalf_of: Agent | None = attrs.field(default=None)
    description: str | None = attrs.field(default=None, validator=_optional_text)
    reliability: frozenset[ReliabilityGrade] = attrs.field(
        factory=frozenset, converter=_agent_grades
    )
    _fp: bytes = attrs.field(init=False, repr=False)

    IDENTITY: ClassVar[tuple[str, ...]] = ("kind", "name")
    """The fields that identify an agent, and so make its IRI."""
    _LABEL: ClassVar[str] = "name"

    @on_behalf_of.validator
    def _check_principal(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, Agent):
            raise ValidationError("Agent", "on_behalf_of", value, "an Agent or None")

    def reliability_at(self, when: Time | None = None) -> Reliability | None:
        """The grade that applies at ``when``, or the only grade when no time is given.

        ``None`` when no grade, or more than one, applies.
        """
        return _reliability_at(self.reliability, when)


class OutletKind(enum.Enum):
    """What sort of publisher an outlet is."""

    NEWS_AGENCY = "news agency"
    NEWSPAPER = "newspaper"
    TV_CHANNEL = "TV channel"
    RADIO = "radio"
    WEBSITE = "website"
    TELEGRAM_CHANNEL = "Telegram channel"
    SOCIAL_MEDIA = "social media account"
    PUBLISHER = "publisher"
    """A research centre or publisher of digests and reports."""
    OTHER = "other"


def _outlet_kind(value: object) -> OutletKind:
    return _to_enum("Outlet", "kind", OutletKind, value)


def _outlet_aliases(value: Iterable[str] | str) -> frozenset[str]:
    return _to_aliases("Outlet", value)


def _outlet_language(value: object) -> str | None:
    return _to_language("Outlet", value)


def _outlet_grades(value: object) -> frozenset[ReliabilityGrade]:
    return _to_grades("Outlet", value)


@derive(globals())
@attrs.frozen(kw_only=True, eq=False, repr=False)
class Outlet(ContentEquality):
    """A publishing agent: a news agency, a TV channel, a website, a Telegram channel…"""

    name: str = attrs.field(validator=_text)
    kind: OutletKind = attrs.field(default=OutletKind.OTHER, converter=_outlet_kind)
    aliases: frozenset[str] = attrs.field(
        factory=frozenset, converter=_outlet_aliases, validator=_each_text
    )
    url: str | None = attrs.field(default=None, validator=_optional_web_address)
    language: str | None = attrs.field(default=None, converter=_outlet_language)
    reliability: frozenset[ReliabilityGrade] = attrs.field(
        factory=frozenset, converter=_outlet_grades
    )
    description: str | None = attrs.field(default=None, validator=_optional_text)
    """What the outlet is, in a few words: "semi-official", "state-owned", "affiliated
    with the IRGC"."""
    _fp: bytes = attrs.field(init=False, repr=False)

    IDENTITY: ClassVar[tuple[str, ...]] = ("name",)
    """The fields that identify an outlet, and so make its IRI."""
    _LABEL: ClassVar[str] = "name"

    def reliability_at(self, when: Time | None = None) -> Reliability | None:
        """The grade that applies at ``when``, or the only grade when no time is given."""
        return _reliability_at(self.reliability, when)


class DerivationKind(enum.Enum):
    """How one source took its content from another."""

    DERIVED = "derived"
    """Took content from it in some way (PROV ``wasDerivedFrom``)."""
    QUOTED = "quoted"
    """Quotes it (PROV ``wasQuotedFrom``), as ISNA quoted Sputnik's interview."""
    TRANSLATED = "translated"
    """Translates it."""
    PRIMARY_SOURCE = "primary source"
    """Names it as the primary source (PROV ``hadPrimarySource``)."""


def _derivation_kind(value: object) -> DerivationKind:
    return _to_enum("Derivation", "kind", DerivationKind, value)


@derive(globals())
@attrs.frozen(eq=False, repr=False)
class Derivation(ContentEquality):
    """A link from a source to a source it took its content from."""

    source: Source = attrs.field()
    kind: DerivationKind = attrs.field(default=DerivationKind.DERIVED, converter=_derivation_kind)
    _fp: bytes = attrs.field(init=False, repr=False)

    _NOUN: ClassVar[str] = "source"

    @source.validator
    def _check_source(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, Source):
            raise ValidationError("Derivation", "source", value, "a Source")


def _derivations(value: Iterable[Derivation | Source]) -> frozenset[Derivation]:
    """Plain sources become DERIVED links; a DERIVED link is dropped where a more specific
    link to the same source says it already (PROV: a quotation *is* a derivation)."""
    if not value:
        return frozenset()
    links = {d if isinstance(d, Derivation) else Derivation(d) for d in value}
    specific = {d.source for d in links if d.kind is not DerivationKind.DERIVED}
    return frozenset(
        d for d in links if d.kind is not DerivationKind.DERIVED or d.source not in specific
    )


def _source_language(value: object) -> str | None:
    return _to_language("Source", value)


@derive(globals())
@attrs.frozen(kw_only=True, eq=False, repr=False)
class Source(ContentEquality):
    """One dated publication of an outlet: Fars on 16 February 2021, a digest, a tweet.

    ``derived_from`` records where its content came from, so chains such as digest →
    ISNA → Sputnik interview are data. A plain :class:`Source` in ``derived_from``
    means :attr:`DerivationKind.DERIVED`.
    """

    outlet: Outlet = attrs.field(validator=_instance_of(Outlet, "an Outlet"))
    published: Time | None = attrs.field(default=None, validator=_optional_time)
    title: str | None = attrs.field(default=None, validator=_optional_text)
    url: str | None = attrs.field(default=None, validator=_optional_web_address)
    language: str | None = attrs.field(default=None, converter=_source_language)
    derived_from: frozenset[Derivation] = attrs.field(
        factory=frozenset, converter=_derivations, validator=_members(Derivation)
    )
    _fp: bytes = attrs.field(init=False, repr=False)

    IDENTITY: ClassVar[tuple[str, ...]] = ("outlet", "published", "title", "url", "language")
    """The fields that identify a source, and so make its IRI."""


def _claim_language(value: object) -> str | None:
    return _to_language("Claim", value)


def _credibility(value: object) -> Credibility | None:
    if value is None or isinstance(value, Credibility):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 6:
        return Credibility.from_grade(value)
    raise ValidationError("Claim", "credibility", value, "a Credibility or a grade from 1 to 6")


def _analytic_confidence(value: object) -> AnalyticConfidence | None:
    if value is None or isinstance(value, AnalyticConfidence):
        return value
    if isinstance(value, str) and value.strip().lower() in ("low", "moderate", "high"):
        return AnalyticConfidence.from_label(value)
    raise ValidationError(
        "Claim", "analytic_confidence", value, "an AnalyticConfidence: 'low', 'moderate' or 'high'"
    )


def _claims(value: Iterable[Claim]) -> frozenset[Claim]:
    return frozenset(value)


@derive(globals())
@attrs.frozen(kw_only=True, eq=False, repr=False)
class Claim(ContentEquality):
    """One act of claiming: a claimant takes a stance on a proposition, in a source.

    ``made_at`` keeps the precision the source gives (a day, a month, an instant with
    its time zone); ``text`` holds the exact words where they are known, in
    ``language``. ``supports`` and ``contests`` link to earlier claims.
    """

    proposition: Proposition = attrs.field(validator=_instance_of(Proposition, "a Proposition"))
    claimant: Agent = attrs.field(validator=_instance_of(Agent, "an Agent"))
    source: Source = attrs.field(validator=_instance_of(Source, "a Source"))
    stance: Stance = attrs.field(converter=_to_stance)
    confidence: Confidence | None = attrs.field(default=None, converter=_to_confidence)
    made_at: Time | None = attrs.field(default=None, validator=_optional_time)
    text: str | None = attrs.field(default=None, validator=_optional_text)
    language: str | None = attrs.field(default=None, converter=_claim_language)
    credibility: Credibility | None = attrs.field(default=None, converter=_credibility)
    analytic_confidence: AnalyticConfidence | None = attrs.field(
        default=None, converter=_analytic_confidence
    )
    supports: frozenset[Claim] = attrs.field(factory=frozenset, converter=_claims)
    contests: frozenset[Claim] = attrs.field(factory=frozenset, converter=_claims)
    _fp: bytes = attrs.field(init=False, repr=False)

    IDENTITY: ClassVar[tuple[str, ...]] = (
        "proposition",
        "claimant",
        "source",
        "stance",
        "made_at",
        "text",
        "language",
    )
    """The fields that identify a claim, and so make its IRI: what grades or links it
    (confidence, supports, contests) can be corrected without changing the IRI."""

    def _check(self) -> None:
        supports, contests = self.supports, self.contests
        if supports or contests:
            for name, links in (("supports", supports), ("contests", contests)):
                for other in links:
                    if not isinstance(other, Claim):
                        raise ValidationError("Claim", name, other, "a Claim")
            both = supports & contests
            if both:
                raise ValidationError(
                    "Claim", "contests", next(iter(both)), "a claim not also in supports"
                )

    @property
    def outlet(self) -> Outlet:
        """The outlet the claim is attributed to: the publisher of its source."""
        return self.source.outlet


finish()
