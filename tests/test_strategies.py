"""The shipped strategies as a product: they reach the awkward values, stay valid, and
draw inconsistent data when asked.

The rest of the suite draws from them too; what is tested here is what a user of
`provenance.strategies` relies on: that the values are as wide as promised (the round
trips of the suite find their bugs only if they are), that none is one the model
refuses, and that the options mean what they say.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

import provenance as pv
from provenance import strategies
from provenance.check import Rule

_FIND = settings(
    max_examples=3000,
    database=None,
    phases=[Phase.generate],  # found is enough: no need to shrink it
    suppress_health_check=list(HealthCheck),
)


def _minutes(zone: dt.tzinfo) -> float:
    offset = zone.utcoffset(None)
    assert offset is not None
    return offset.total_seconds() / 60


def _canonical(tag: str) -> str:
    language = pv.Proposition("p", language=tag).language
    assert language is not None
    return language


_AWKWARD: dict[str, tuple[Callable[[], st.SearchStrategy[Any]], Callable[[Any], bool]]] = {
    "the first instant a datetime can write": (
        strategies.times,
        lambda t: isinstance(t, dt.datetime) and t.replace(tzinfo=None) == dt.datetime.min,
    ),
    "the last instant a datetime can write": (
        strategies.times,
        lambda t: isinstance(t, dt.datetime) and t.replace(tzinfo=None) == dt.datetime.max,
    ),
    "the last day": (strategies.times, lambda t: t == dt.date.max),
    "a month": (strategies.times, lambda t: isinstance(t, pv.YearMonth)),
    "a year": (strategies.times, lambda t: isinstance(t, pv.Year)),
    "one minute west of UTC": (strategies.utc_offsets, lambda z: _minutes(z) == -1),
    "+14:00": (strategies.utc_offsets, lambda z: _minutes(z) == 14 * 60),
    "-14:00": (strategies.utc_offsets, lambda z: _minutes(z) == -14 * 60),
    "Tehran's +03:30": (strategies.utc_offsets, lambda z: _minutes(z) == 210),
    "a tag in another case than the model keeps": (
        strategies.languages,
        lambda tag: _canonical(tag) != tag,
    ),
    "a private-use tag": (strategies.languages, lambda tag: tag.lower().startswith("x-")),
    "a grandfathered tag": (strategies.languages, lambda tag: tag.lower() == "i-klingon"),
    "a tag with an extension": (strategies.languages, lambda tag: "-u-" in tag.lower()),
    "a carriage return": (strategies.texts, lambda text: "\r\n" in text),
    "a zero-width non-joiner": (strategies.texts, lambda text: "\u200c" in text),
    "a character beyond the BMP": (strategies.texts, lambda text: max(map(ord, text)) > 0xFFFF),
    "a mixture longer than any one piece": (strategies.texts, lambda text: len(text) > 60),
    "a sample name": (strategies.names, lambda name: name == "سعید خطیب‌زاده"),
    "an http address": (strategies.urls, lambda url: url.startswith("http://")),
    "a punycode host": (strategies.urls, lambda url: "//xn--" in url),
    "a Persian path": (strategies.urls, lambda url: "خبر" in url.split("//", 1)[1]),
    "a withdrawing stance of one's own, of any label": (
        lambda: strategies.stances(builtin=False),
        lambda s: s.polarity is pv.Polarity.WITHDRAWING and s.label != "takedown",
    ),
    "a number at the edge of a band, with its term": (
        strategies.confidences,
        lambda c: c.term is not None and c.value in (c.term.low, c.term.high),
    ),
    "a hedge in words": (strategies.confidences, lambda c: c.wording is not None),
    "a grade until a time": (strategies.reliability_grades, lambda g: g.end is not None),
}


@pytest.mark.parametrize("what", list(_AWKWARD))
def test_the_value_strategies_reach_the_awkward_values(what: str) -> None:
    """Each value strategy draws the awkward cases that round trips need to see."""
    strategy, awkward = _AWKWARD[what]
    assert awkward(find(strategy(), awkward, settings=_FIND))


_OUTLET = pv.Outlet(name="Fars")


@settings(max_examples=200, deadline=None)
@given(
    text=strategies.texts(),
    name=strategies.names(),
    tag=strategies.languages(),
    url=strategies.urls(),
    time=strategies.times(),
    zone=strategies.utc_offsets(),
)
def test_every_value_drawn_is_one_the_model_accepts(
    *, text: str, name: str, tag: str, url: str, time: pv.Time, zone: dt.timezone
) -> None:
    """No value strategy draws a character, a tag, an address, a time or an offset that the
    model refuses: records built from them are made without an error."""
    instant = dt.datetime(2021, 2, 16, 10, 30, tzinfo=zone)
    source = pv.Source(outlet=pv.Outlet(name=name, url=url), published=time, language=tag)
    claim = pv.Claim(
        proposition=pv.Proposition(text, language=tag),
        claimant=pv.Agent(name=name),
        source=source,
        stance=pv.Stance.REPORT,
        made_at=instant,
    )
    assert (claim.made_at, claim.source.published) == (instant, time)


@pytest.mark.parametrize("code", [r.code for r in Rule.catalogue() if r.python])
def test_inconsistent_collections_break_every_rule_a_collection_can_break(code: str) -> None:
    """`consistent=False` draws collections that break each rule `check` raises."""
    found = find(
        strategies.claim_sets(consistent=False),
        lambda claims: code in pv.check(claims).codes,
        settings=_FIND,
    )
    assert code in pv.check(found).codes


def test_inconsistent_single_records_break_the_time_rules() -> None:
    """`claims(consistent=False)` draws a claim made after its source, which the default never
    does."""

    def late(claim: pv.Claim) -> bool:
        return "PV301" in pv.check([claim]).codes

    assert late(find(strategies.claims(consistent=False), late, settings=_FIND))
    with pytest.raises(NoSuchExample):
        find(strategies.claims(), late, settings=settings(_FIND, max_examples=100))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.from_type(pv.ReliabilityGrade), st.from_type(pv.Stance))
def test_grades_and_stances_are_registered(grade: pv.ReliabilityGrade, stance: pv.Stance) -> None:
    """`st.from_type` draws reliability grades and stances through the entry point."""
    assert (type(grade), type(stance)) == (pv.ReliabilityGrade, pv.Stance)


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        (lambda: strategies.claim_sets(broken="PV301", consistent=False), ValueError, "one rule"),
        (lambda: strategies.graphs(broken="PV104", consistent=False), ValueError, "one rule"),
        (lambda: strategies.graphs(colour="red"), TypeError, "colour"),
        (lambda: strategies.stances(builtin=False, custom=False), ValueError, "builtin=True"),
        (lambda: strategies.claim_sets(min_claims=3, max_claims=2), ValueError, "min_claims"),
    ],
    ids=[
        "broken-inconsistent",
        "graph-broken-inconsistent",
        "unknown-option",
        "no-stance",
        "sizes",
    ],
)
def test_options_that_contradict_each_other_are_refused_at_once(
    make: Callable[[], object], error: type[Exception], words: str
) -> None:
    """Options that cannot hold together are refused when the strategy is made, not drawn."""
    with pytest.raises(error, match=words):
        make()
