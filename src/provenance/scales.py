"""The scales analysts grade claims on, kept on separate axes.

Three different things get graded, and tools that fold them into one number lose
what each says:

* how **reliable a source** is — the Admiralty (NATO) scale A–F, a property of an agent
  or an outlet (:class:`Reliability`);
* how **credible a piece of information** is — the Admiralty scale 1–6, a property of a
  claim (:class:`Credibility`);
* how **likely** a judgment is — the seven terms of US Intelligence Community Directive
  203 (ICD 203, *Analytic Standards*, 2015), each standing for a band of probabilities
  (:class:`EstimativeTerm`), and how much **confidence** the analyst has in an assessment
  — low, moderate or high (:class:`AnalyticConfidence`).

Each scale maps to and from the 0–100 ``confidence`` of STIX 2.1 using the tables of
that specification (section 4.14 and appendix A: "None/Low/Med/High", "Admiralty
Credibility", "DNI Scale"). STIX defines no table for source reliability, so
:class:`Reliability` has none. :func:`suggest_term` proposes an estimative term from the
words of a text, with the words it matched, for a person to accept or reject.
"""

from __future__ import annotations

import enum
import re

import attrs

from .errors import ValidationError

__all__ = [
    "AnalyticConfidence",
    "Credibility",
    "EstimativeTerm",
    "Reliability",
    "TermSuggestion",
    "suggest_term",
]


def _check_stix(value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise ValidationError("STIX", "confidence", value, "an integer from 0 to 100")


class EstimativeTerm(enum.Enum):
    """One of the seven ICD 203 expressions of likelihood, with its band.

    >>> EstimativeTerm.LIKELY.low, EstimativeTerm.LIKELY.high
    (0.55, 0.8)
    >>> EstimativeTerm.LIKELY.contains(0.7)
    True
    >>> EstimativeTerm.from_probability(0.7)
    EstimativeTerm.LIKELY
    """

    ALMOST_NO_CHANCE = ("almost no chance", 0.01, 0.05, 5, "remote")
    VERY_UNLIKELY = ("very unlikely", 0.05, 0.20, 15, "highly improbable")
    UNLIKELY = ("unlikely", 0.20, 0.45, 30, "improbable")
    ROUGHLY_EVEN_CHANCE = ("roughly even chance", 0.45, 0.55, 50, "roughly even odds")
    LIKELY = ("likely", 0.55, 0.80, 70, "probable")
    VERY_LIKELY = ("very likely", 0.80, 0.95, 85, "highly probable")
    ALMOST_CERTAIN = ("almost certain", 0.95, 0.99, 95, "nearly certain")

    def __init__(self, label: str, low: float, high: float, stix: int, synonym: str) -> None:
        self.label = label
        self.low = low
        self.high = high
        self.stix = stix
        """The value the STIX 2.1 "DNI Scale" table gives this term."""
        self.synonym = synonym
        """ICD 203's equivalent expression ("probable" for "likely")."""

    def contains(self, probability: float) -> bool:
        """Whether ``probability`` lies in this term's band (both ends included)."""
        return self.low <= probability <= self.high

    @property
    def midpoint(self) -> float:
        """The middle of the band: the number used where a term must stand for one."""
        return round((self.low + self.high) / 2, 3)

    @classmethod
    def from_label(cls, label: str) -> EstimativeTerm:
        """Look a term up by its words or ICD 203's synonym, ignoring case and spacing."""
        wanted = " ".join(label.lower().replace("_", " ").split())
        for term in cls:
            if wanted in (term.label, term.synonym):
                return term
        raise KeyError(label)

    @classmethod
    def from_probability(cls, probability: float) -> EstimativeTerm | None:
        """The term whose band holds ``probability``; ``None`` below 0.01 or above 0.99.

        Bands share their ends (0.55 closes "roughly even chance" and opens "likely"); a
        shared end goes to the higher term, so each number has exactly one answer.
        """
        for term in reversed(list(cls)):
            if term.contains(probability):
                return term
        return None

    @classmethod
    def from_stix(cls, value: int) -> EstimativeTerm:
        """The term the STIX 2.1 "DNI Scale" table gives a 0–100 confidence."""
        _check_stix(value)
        for limit, term in _DNI_RANGES:
            if value <= limit:
                return term
        raise AssertionError("unreachable")  # pragma: no cover

    def __repr__(self) -> str:
        return f"EstimativeTerm.{self.name}"


_DNI_RANGES = (
    (9, EstimativeTerm.ALMOST_NO_CHANCE),
    (19, EstimativeTerm.VERY_UNLIKELY),
    (39, EstimativeTerm.UNLIKELY),
    (59, EstimativeTerm.ROUGHLY_EVEN_CHANCE),
    (79, EstimativeTerm.LIKELY),
    (89, EstimativeTerm.VERY_LIKELY),
    (100, EstimativeTerm.ALMOST_CERTAIN),
)


class Reliability(enum.Enum):
    """Admiralty (NATO) grade of how reliable a source — an agent or outlet — has been.

    >>> Reliability("B").label
    'usually reliable'
    """

    A = ("A", "completely reliable")
    B = ("B", "usually reliable")
    C = ("C", "fairly reliable")
    D = ("D", "not usually reliable")
    E = ("E", "unreliable")
    F = ("F", "reliability cannot be judged")

    def __new__(cls, code: str, label: str) -> Reliability:
        member = object.__new__(cls)
        member._value_ = code
        member.label = label
        return member

    label: str

    @classmethod
    def from_code(cls, code: str) -> Reliability:
        """The grade written ``code`` ("B", or "b"); ``KeyError`` for anything else."""
        for member in cls:
            if member.value == code.strip().upper():
                return member
        raise KeyError(code)

    def __repr__(self) -> str:
        return f"Reliability.{self.name}"


class Credibility(enum.Enum):
    """Admiralty (NATO) grade of how credible one piece of information is.

    >>> Credibility(2).label, Credibility(2).stix
    ('probably true', 70)
    """

    CONFIRMED = (1, "confirmed by other sources", 90)
    PROBABLY_TRUE = (2, "probably true", 70)
    POSSIBLY_TRUE = (3, "possibly true", 50)
    DOUBTFUL = (4, "doubtful", 30)
    IMPROBABLE = (5, "improbable", 10)
    CANNOT_BE_JUDGED = (6, "truth cannot be judged", None)

    def __new__(cls, grade: int, label: str, stix: int | None) -> Credibility:
        member = object.__new__(cls)
        member._value_ = grade
        member.label = label
        member.stix = stix
        return member

    label: str
    stix: int | None
    """The STIX 2.1 "Admiralty Credibility" value; ``None`` for grade 6, which it leaves out."""

    @classmethod
    def from_stix(cls, value: int) -> Credibility:
        """The grade the STIX 2.1 "Admiralty Credibility" table gives a 0–100 confidence."""
        _check_stix(value)
        return cls.from_grade(5 - min(value // 20, 4))

    @classmethod
    def from_grade(cls, grade: int) -> Credibility:
        """The grade numbered ``grade`` (1–6); ``KeyError`` for anything else."""
        for member in cls:
            if member.value == grade and not isinstance(grade, bool):
                return member
        raise KeyError(grade)

    def __repr__(self) -> str:
        return f"Credibility.{self.name}"


class AnalyticConfidence(enum.Enum):
    """How much confidence an analyst has in an assessment: its sourcing and reasoning.

    Not a probability: an assessment can be "likely" with low confidence.

    >>> AnalyticConfidence.from_stix(40)
    AnalyticConfidence.MODERATE
    """

    LOW = ("low", 15)
    MODERATE = ("moderate", 50)
    HIGH = ("high", 85)

    def __new__(cls, label: str, stix: int) -> AnalyticConfidence:
        member = object.__new__(cls)
        member._value_ = label
        member.stix = stix
        return member

    stix: int
    """The STIX 2.1 "None/Low/Med/High" value."""

    @property
    def label(self) -> str:
        return str(self.value)

    @classmethod
    def from_label(cls, label: str) -> AnalyticConfidence:
        """The level called ``label`` ("moderate", any case); ``KeyError`` otherwise."""
        for member in cls:
            if member.value == label.strip().lower():
                return member
        raise KeyError(label)

    @classmethod
    def from_stix(cls, value: int) -> AnalyticConfidence | None:
        """The level the STIX 2.1 "None/Low/Med/High" table gives; ``None`` for 0 ("None")."""
        _check_stix(value)
        if value == 0:
            return None
        if value <= 29:
            return cls.LOW
        if value <= 69:
            return cls.MODERATE
        return cls.HIGH

    def __repr__(self) -> str:
        return f"AnalyticConfidence.{self.name}"


@attrs.frozen
class TermSuggestion:
    """An estimative term proposed from cue words in a text, for a person to accept or reject.

    ``words`` are the words matched, as written; ``start`` and ``end`` their offsets in the
    text; ``note`` says why the term was chosen where the words are not an ICD 203 term.
    """

    term: EstimativeTerm
    words: str
    start: int
    end: int
    note: str | None = None


_JUDGMENT = (
    "a judgment stated with no estimative word: as the writer asserts it, 'likely' is "
    "suggested as the lowest band that asserts anything; check the text"
)
_JUDGMENT_CUES = ("we assess", "we judge")

# Longest phrases first, so "very likely" is not read as "likely".
_CUES: tuple[tuple[str, EstimativeTerm, str | None], ...] = tuple(
    sorted(
        [
            *((t.label, t, None) for t in EstimativeTerm),
            *((t.synonym, t, None) for t in EstimativeTerm if t.synonym != "remote"),
            ("almost certainly", EstimativeTerm.ALMOST_CERTAIN, None),
            ("nearly certainly", EstimativeTerm.ALMOST_CERTAIN, None),
            ("highly likely", EstimativeTerm.VERY_LIKELY, "a common variant of 'very likely'"),
            (
                "highly unlikely",
                EstimativeTerm.VERY_UNLIKELY,
                "a common variant of 'very unlikely'",
            ),
            ("probably not", EstimativeTerm.UNLIKELY, "a negated 'probably'"),
            ("probably", EstimativeTerm.LIKELY, "the adverb of 'probable'"),
            ("improbably", EstimativeTerm.UNLIKELY, "the adverb of 'improbable'"),
            ("even chance", EstimativeTerm.ROUGHLY_EVEN_CHANCE, None),
            ("we assess", EstimativeTerm.LIKELY, _JUDGMENT),
            ("we judge", EstimativeTerm.LIKELY, _JUDGMENT),
            ("not likely", EstimativeTerm.UNLIKELY, "a negated 'likely'"),
            ("remote chance", EstimativeTerm.ALMOST_NO_CHANCE, None),
            ("remote possibility", EstimativeTerm.ALMOST_NO_CHANCE, None),
            (
                "may",
                EstimativeTerm.ROUGHLY_EVEN_CHANCE,
                "a hedge that asserts a possibility; "
                "ICD 203 has no term for it, so the middle band is suggested",
            ),
            (
                "might",
                EstimativeTerm.ROUGHLY_EVEN_CHANCE,
                "a hedge that asserts a possibility; "
                "ICD 203 has no term for it, so the middle band is suggested",
            ),
            (
                "could",
                EstimativeTerm.ROUGHLY_EVEN_CHANCE,
                "a hedge that asserts a possibility; "
                "ICD 203 has no term for it, so the middle band is suggested",
            ),
            (
                "possibly",
                EstimativeTerm.ROUGHLY_EVEN_CHANCE,
                "a hedge that asserts a possibility; "
                "ICD 203 has no term for it, so the middle band is suggested",
            ),
        ],
        key=lambda cue: -len(cue[0]),
    )
)
_CUE_PATTERN = re.compile(
    r"\b(" + "|".join(re.escape(c[0]).replace(r"\ ", r"\s+") for c in _CUES) + r")\b",
    re.IGNORECASE,
)
_CUE_BY_WORDS = {cue[0]: cue for cue in _CUES}
# "May" next to a day number or a year is the month, not a hedge.
_MONTH = re.compile(r"\d\s+May\b|\bMay\s+\d")


def _cue(words: str) -> tuple[str, EstimativeTerm, str | None]:
    """The cue a matched phrase stands for.

    The match ignores case the way the regular expression does, which also folds a few
    letters ``str.lower`` keeps (dotless ı, long ſ); those are looked up by matching.
    """
    key = " ".join(words.lower().split())
    found = _CUE_BY_WORDS.get(key)
    if found is None:
        found = next(
            cue
            for cue in _CUES
            if re.fullmatch(re.escape(cue[0]).replace(r"\ ", r"\s+"), words, re.IGNORECASE)
        )
    return found


def suggest_term(text: str) -> TermSuggestion | None:
    """Propose the estimative term a text's words express, or ``None`` if none is found.

    The first cue in the text wins; longer phrases win over their parts ("very likely"
    over "likely", "probably not" over "probably").

    >>> s = suggest_term("The group is likely linked to a Shia militia.")
    >>> s.term, s.words
    (EstimativeTerm.LIKELY, 'likely')
    >>> suggest_term("The attack may signal a new game.").term
    EstimativeTerm.ROUGHLY_EVEN_CHANCE
    >>> suggest_term("We assess that the group is very likely behind it.").words
    'We assess that the group is very likely'
    """
    match = _CUE_PATTERN.search(text)
    while match is not None and _is_month(text, match):
        match = _CUE_PATTERN.search(text, match.end())
    if match is None:
        return None
    cue = _cue(match.group(1))
    if cue[0] in _JUDGMENT_CUES:
        # "we assess that X is very likely": the estimative word later in the sentence wins
        sentence_end = re.search(r"[.!?;]", text[match.end(1) :])
        limit = match.end(1) + (sentence_end.start() if sentence_end else len(text))
        inner = _CUE_PATTERN.search(text, match.end(1), limit)
        if inner is not None:
            inner_cue = _cue(inner.group(1))
            if inner_cue[0] not in _JUDGMENT_CUES:
                start, end = match.start(1), inner.end(1)
                return TermSuggestion(inner_cue[1], text[start:end], start, end, inner_cue[2])
    return TermSuggestion(cue[1], match.group(1), match.start(1), match.end(1), cue[2])


def _is_month(text: str, match: re.Match[str]) -> bool:
    if match.group(1) != "May":
        return False
    around = text[max(0, match.start(1) - 3) : match.end(1) + 3]
    return _MONTH.search(around) is not None
