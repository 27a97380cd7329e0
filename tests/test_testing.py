"""How another project tests its own claims: only the public API and the shipped strategies.

This file is written as a downstream project would write it: it imports `provenance`,
`provenance.testing` and `provenance.strategies`, nothing private, no helper of ours.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import provenance as pv
from provenance.strategies import claim_sets
from provenance.testing import assert_consistent

SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def our_claims() -> pv.ClaimSet:
    """The dataset of a project that tracks what officials say about an attack."""
    fars = pv.Outlet(name="Fars", kind="news agency", language="fa")
    reuters = pv.Outlet(name="Reuters", kind="news agency", language="en")
    attack = pv.Proposition("Iran was involved in the attack.", language="en")
    spokesman = pv.Agent(name="Said Khatibzadeh", aliases=["Saeed Khatibzadeh"])
    official = pv.Agent(name="a US official", kind="unnamed")
    accusation = pv.Claim(
        proposition=attack,
        claimant=official,
        source=pv.Source(outlet=reuters, published=dt.date(2021, 2, 16)),
        stance="statement",
        made_at=dt.date(2021, 2, 16),
        confidence=pv.Confidence(term="likely"),
    )
    denial = pv.Claim(
        proposition=attack,
        claimant=spokesman,
        source=pv.Source(outlet=fars, published=dt.date(2021, 2, 17)),
        stance="denial",
        made_at=dt.date(2021, 2, 17),
        contests=[accusation],
    )
    return pv.ClaimSet([accusation, denial])


def test_our_dataset_is_consistent() -> None:
    """The project's own data passes, and the report of a passing check is returned."""
    assert assert_consistent(our_claims()).violations == ()


def test_our_dataset_also_conforms_to_the_shapes() -> None:
    """With `shacl=True` the same data is validated as RDF too."""
    assert assert_consistent(our_claims(), shacl=True).ok


def test_a_mistake_fails_with_every_violation_listed() -> None:
    """A denial dated before the accusation it answers, recorded twice: both are listed,
    each with its code, rule, message and the IRIs of the records involved."""
    claims = our_claims()
    accusation, denial = claims.claims
    early = pv.Claim(
        proposition=denial.proposition,
        claimant=denial.claimant,
        source=denial.source,
        stance="denial",
        made_at=dt.date(2021, 2, 10),
        contests=[accusation],
    )
    claims.add(early)
    with pytest.raises(AssertionError) as failed:
        assert_consistent(claims)
    message = str(failed.value)
    assert message.splitlines()[0] == "2 violations (0 errors, 2 warnings) in 3 claims:"
    assert "PV304 warning: link-to-later-claim" in message
    assert "PV403 warning: duplicate-claim" in message
    assert f"<{pv.iri_of(early)}>" in message


def test_warnings_can_be_allowed_or_a_rule_ignored() -> None:
    """A project can accept warnings, or one rule, and still fail on the rest."""
    claims = our_claims()
    claims.add(pv.Agent(name="SAID KHATIBZADEH", kind="organization"))
    with pytest.raises(AssertionError, match="PV402"):
        assert_consistent(claims)
    assert assert_consistent(claims, allow_warnings=True).codes == {"PV402"}
    assert assert_consistent(claims, ignore=["PV402"]).violations == ()


def test_a_misspelt_rule_code_is_an_error_not_a_pass() -> None:
    """Ignoring a code that does not exist raises, so a typo cannot hide a violation."""
    with pytest.raises(KeyError):
        assert_consistent(our_claims(), ignore=["PV40"])


@SETTINGS
@given(claim_sets(contested=True, chain_depth=3))
def test_generated_collections_are_consistent(claims: pv.ClaimSet) -> None:
    """Collections from the shipped strategies pass, contested and chained ones included."""
    assert_consistent(claims)


@SETTINGS
@given(claim_sets(broken="PV301"))
def test_impossible_dates_are_caught(claims: pv.ClaimSet) -> None:
    """A claim made after the source that reports it fails the assertion, naming PV301."""
    with pytest.raises(AssertionError, match="PV301 error: claim-after-source"):
        assert_consistent(claims)


@SETTINGS
@given(st.from_type(pv.Claim), st.from_type(pv.ClaimSet))
def test_the_model_types_have_strategies_registered(claim: pv.Claim, claims: pv.ClaimSet) -> None:
    """`st.from_type` draws valid claims and collections, through the entry point."""
    assert_consistent([claim])
    assert_consistent(claims)


def test_the_strategies_refuse_to_break_what_a_collection_cannot_hold() -> None:
    """Structure rules cannot be broken in a ClaimSet; the error says to use `graphs`."""
    with pytest.raises(ValueError, match=r"graphs\(broken='PV104'\)"):
        claim_sets(broken="PV104")
