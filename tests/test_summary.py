"""The summary of a contested proposition: every grade shown, the pooled figure explained."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import provenance as pv
from _support import load_example

erbil = load_example("erbil_attack")

PROPOSITION = pv.Proposition("The convoy carried weapons.")
OUTLET = pv.Outlet(name="Wire", kind="news agency")

grades = st.sampled_from([None, *pv.Reliability])
credibilities = st.sampled_from([None, *pv.Credibility])
likelihoods = st.one_of(
    st.none(),
    st.floats(0, 1).map(pv.Confidence),
    st.sampled_from(list(pv.EstimativeTerm)).map(lambda t: pv.Confidence(term=t)),
)


@st.composite
def claim_rows(draw: st.DrawFn) -> list[pv.Claim]:
    """Claims on one proposition, each by its own graded agent, affirming or denying."""
    count = draw(st.integers(1, 6))
    out = []
    for i in range(count):
        grade = draw(grades)
        out.append(
            pv.Claim(
                proposition=PROPOSITION,
                claimant=pv.Agent(name=f"agent {i}", reliability=[] if grade is None else grade),
                source=pv.Source(outlet=OUTLET),
                stance=draw(st.sampled_from([pv.Stance.REPORT, pv.Stance.DENIAL])),
                confidence=draw(likelihoods),
                credibility=draw(credibilities),
            )
        )
    return out


def _flip(claim: pv.Claim) -> pv.Claim:
    stance = pv.Stance.DENIAL if claim.stance == pv.Stance.REPORT else pv.Stance.REPORT
    return pv.Claim(
        proposition=claim.proposition,
        claimant=claim.claimant,
        source=claim.source,
        stance=stance,
        confidence=claim.confidence,
        credibility=claim.credibility,
    )


@settings(max_examples=100, deadline=None)
@given(claim_rows())
def test_pooled_probability_stays_within_the_claims(claims: list[pv.Claim]) -> None:
    """The pooled figure is a weighted mean in log-odds: it never leaves the claims' span."""
    summary = pv.summarize(pv.ClaimSet(claims), PROPOSITION, pool=True)
    assert summary.pooled is not None
    ps = [min(max(r.likelihood, 0.01), 0.99) for r in summary.rows if r.likelihood is not None]
    assert min(ps) - 1e-4 <= summary.pooled.probability <= max(ps) + 1e-4


@settings(max_examples=100, deadline=None)
@given(claim_rows())
def test_turning_every_stance_turns_the_figure(claims: list[pv.Claim]) -> None:
    """Swapping affirmations and denials gives one minus the pooled probability."""
    forward = pv.summarize(pv.ClaimSet(claims), PROPOSITION, pool=True).pooled
    backward = pv.summarize(pv.ClaimSet(map(_flip, claims)), PROPOSITION, pool=True).pooled
    assert forward is not None
    assert backward is not None
    assert math.isclose(forward.probability, 1 - backward.probability, abs_tol=2e-4)


@settings(max_examples=100, deadline=None)
@given(claim_rows())
def test_weights_follow_the_stated_tables(claims: list[pv.Claim]) -> None:
    """Each claim's weight is its source grade's weight times its credibility's weight."""
    rows = pv.summarize(pv.ClaimSet(claims), PROPOSITION, pool=True).rows
    reliability = {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.4, "E": 0.2, "F": 0.5}
    credibility = {1: 1.0, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2, 6: 0.5}
    expected = [
        (0.5 if r.claimant_reliability is None else reliability[r.claimant_reliability.value])
        * (0.5 if r.credibility is None else credibility[r.credibility.value])
        for r in rows
    ]
    assert [r.weight for r in rows] == pytest.approx(expected)


def test_wording_alone_takes_no_part() -> None:
    """A claim that only says "may" is listed but not turned into a number."""
    hedge = pv.Claim(
        proposition=PROPOSITION,
        claimant=pv.Agent(name="commentator", kind="unnamed"),
        source=pv.Source(outlet=OUTLET),
        stance=pv.Stance.SPECULATION,
        confidence=pv.Confidence(wording="may"),
    )
    summary = pv.summarize(pv.ClaimSet([hedge]), PROPOSITION, pool=True)
    assert [(r.likelihood, r.weight) for r in summary.rows] == [(None, None)]
    assert summary.pooled is None


def test_no_pooling_unless_asked() -> None:
    """Without ``pool=True`` the summary adds no figure of its own."""
    claims = erbil.build()
    (contest,) = claims.contested()
    assert pv.summarize(claims, contest.proposition).pooled is None


def test_erbil_summary_shows_each_side_with_outlet_grades() -> None:
    """The Erbil proposition's summary puts the Fars denial against the claim of responsibility."""
    claims = erbil.build()
    (contest,) = claims.contested()
    summary = pv.summarize(claims, contest.proposition, pool=True)
    assert [(r.claim.claimant.name, r.outlet_reliability) for r in summary.denying] == [
        ("Said Khatibzadeh", pv.Reliability.C)
    ]
    assert [(r.claim.claimant.name, r.outlet_reliability) for r in summary.affirming] == [
        ("Saraya Awliya al-Dam", pv.Reliability.C)
    ]
    assert summary.pooled is not None
    assert summary.pooled.method == "reliability-weighted log-odds pooling"


def test_default_likelihood_is_validated() -> None:
    """A default likelihood of 0 or 1 would let one claim decide everything, so it is refused."""
    with pytest.raises(pv.ValidationError, match="default_likelihood"):
        pv.summarize(pv.ClaimSet(), PROPOSITION, default_likelihood=1.0)
