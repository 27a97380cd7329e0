"""Strategies for the records and grades that stand on their own: propositions, outlets,
stances, confidences, reliability grades.

Agents, sources and claims refer to other records, and are drawn as parts of a whole
collection (:mod:`._collections`), so that what they refer to is consistent too.
"""

from __future__ import annotations

import functools
import string

from hypothesis import strategies as st

from .._model import Confidence, Outlet, OutletKind, Polarity, Proposition, ReliabilityGrade, Stance
from ..errors import ValidationError
from ..scales import EstimativeTerm, Reliability
from ._values import languages, names, optional, texts, times, urls

__all__ = [
    "confidences",
    "grade_sets",
    "outlets",
    "propositions",
    "reliability_grades",
    "stances",
]


@functools.cache
def propositions() -> st.SearchStrategy[Proposition]:
    """What is claimed, with or without a language."""
    return st.builds(Proposition, texts(), language=optional(languages()))


# --------------------------------------------------------------------------- stances

_STANCE_NAMESPACES = (
    "https://example.org/stance#",
    "https://example.org/موضع/",
    "urn:example:stance:",
)
_STANCE_NAMES = ("Rumour", "Leak", "شایعه", "تکذیب", "question", "takedown", "Hint")


@functools.cache
def _custom_stances() -> st.SearchStrategy[Stance]:
    """A stance of a project's own: an IRI outside our vocabulary, any label, any polarity."""
    local = st.one_of(
        st.sampled_from(_STANCE_NAMES), st.text(string.ascii_letters, min_size=1, max_size=8)
    )
    return st.builds(
        Stance,
        st.builds(str.__add__, st.sampled_from(_STANCE_NAMESPACES), local),
        st.one_of(st.sampled_from(_STANCE_NAMES).map(str.lower), texts(max_size=12)),
        st.sampled_from(Polarity),
    )


def stances(*, builtin: bool = True, custom: bool = True) -> st.SearchStrategy[Stance]:
    """A stance the shipped vocabulary defines (``builtin``), or one of a project's own
    (``custom``): an IRI of the project's namespace, any label and any polarity.

    Two custom stances drawn apart may share an IRI and differ in label or polarity,
    which one collection cannot hold; :func:`claim_sets` draws a few custom stances per
    collection, each IRI once.
    """
    if not (builtin or custom):
        raise ValueError("stances() needs builtin=True, custom=True or both")
    return _stances(builtin=builtin, custom=custom)


@functools.cache
def _stances(*, builtin: bool, custom: bool) -> st.SearchStrategy[Stance]:
    drawn = []
    if builtin:
        drawn.append(st.sampled_from(Stance.builtins()))
    if custom:
        drawn.append(_custom_stances())
    return st.one_of(drawn)


# --------------------------------------------------------------------------- grades

_BAND_EDGES = tuple(sorted({edge for term in EstimativeTerm for edge in (term.low, term.high)}))


@functools.cache
def _probabilities() -> st.SearchStrategy[float]:
    return st.one_of(
        st.sampled_from((0.0, 1.0, *_BAND_EDGES)),
        st.floats(min_value=0.0, max_value=1.0),
    )


@st.composite
def _band(draw: st.DrawFn) -> Confidence:
    """A term and a number within its band, its edges often."""
    term = draw(st.sampled_from(EstimativeTerm))
    value = draw(
        st.one_of(
            st.sampled_from((term.low, term.high)),
            st.floats(min_value=term.low, max_value=term.high),
        )
    )
    return Confidence(value, term)


@functools.cache
def confidences() -> st.SearchStrategy[Confidence]:
    """A number only (0, 1, the edges of the ICD 203 bands, any float between), an ICD 203
    term only, both agreeing, or a hedge kept as wording ("may")."""
    return st.one_of(
        st.builds(Confidence, value=_probabilities()),
        st.builds(Confidence, term=st.sampled_from(EstimativeTerm)),
        _band(),
        st.builds(lambda w: Confidence(wording=w), st.sampled_from(("may", "could", "شاید"))),
    )


_GRADES = st.sampled_from(Reliability)


@st.composite
def _reliability_grade(draw: st.DrawFn) -> ReliabilityGrade:
    grade = draw(_GRADES)
    start, end = draw(optional(times())), draw(optional(times()))
    try:
        return ReliabilityGrade(grade, start=start, end=end)
    except ValidationError:  # the end came before the start: keep the grade open-ended
        return ReliabilityGrade(grade, start=start)


@functools.cache
def reliability_grades() -> st.SearchStrategy[ReliabilityGrade]:
    """An Admiralty grade A–F, for all time or from and until times of any precision."""
    return _reliability_grade()


@functools.cache
def grade_sets() -> st.SearchStrategy[frozenset[ReliabilityGrade]]:
    """Up to two grades, as an agent or outlet holds them."""
    return st.frozensets(reliability_grades(), max_size=2)


# --------------------------------------------------------------------------- records


@functools.cache
def outlets() -> st.SearchStrategy[Outlet]:
    """A publisher of any kind, perhaps with aliases, a home page, a language, grades and a
    description."""
    return st.builds(
        Outlet,
        name=names(),
        kind=st.sampled_from(OutletKind),
        aliases=st.frozensets(names(), max_size=2),
        url=optional(urls()),
        language=optional(languages()),
        reliability=grade_sets(),
        description=optional(texts()),
    )
