"""Counts over a collection: `statistics` and the depth of a chain of sources."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings

import provenance as pv
from _support import load_example
from provenance._statistics import chain_depth
from provenance.strategies import claim_sets

erbil = load_example("erbil_attack")
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_the_erbil_statistics() -> None:
    """The Erbil example's counts, each table most common first and ties by key."""
    assert pv.statistics(erbil.build()) == pv.Statistics(
        claims=5,
        propositions=4,
        agents=5,
        outlets=3,
        sources=3,
        contested=1,
        by_stance=(
            ("assessment", 1),
            ("claim of responsibility", 1),
            ("denial", 1),
            ("report", 1),
            ("speculation", 1),
        ),
        by_outlet=(
            ("Meir Amit Intelligence and Terrorism Information Center", 3),
            ("Fars", 1),
            ("Tabnak", 1),
        ),
        by_claimant=(
            ("Raz Zimmt", 2),
            ("Said Khatibzadeh", 1),
            ("Saraya Awliya al-Dam", 1),
            ("author of a Tabnak commentary", 1),
        ),
        by_chain_depth=((2, 3), (1, 2)),
    )


def _source(name: str, *below: pv.Source) -> pv.Source:
    return pv.Source(outlet=pv.Outlet(name=name), derived_from=list(below))


def test_chain_depth_counts_the_longest_branch() -> None:
    """A source taking from a short and a long branch is as deep as the long one, itself
    included; a source shared by both branches is counted once on each."""
    root = _source("root")
    middle = _source("middle", root)
    top = _source("top", root, middle)
    assert [chain_depth(s) for s in (root, middle, top)] == [1, 2, 3]


def test_chain_depth_measures_a_chain_longer_than_the_recursion_limit() -> None:
    """A chain of five thousand sources is measured without recursing once per source."""
    source = _source("0")
    for n in range(1, 5000):
        source = _source(str(n), source)
    assert chain_depth(source) == 5000


def test_depth_ties_are_ordered_as_numbers() -> None:
    """Depths that count as many claims are listed as numbers order them: 2 before 10."""
    deep = _source("0")
    for n in range(1, 10):
        deep = _source(str(n), deep)
    shallow = _source("a", _source("b"))

    def claim(source: pv.Source) -> pv.Claim:
        return pv.Claim(
            proposition=pv.Proposition("It rained."),
            claimant=pv.Agent(name="Ann"),
            source=source,
            stance="report",
        )

    stats = pv.statistics(pv.ClaimSet([claim(deep), claim(shallow)]))
    assert stats.by_chain_depth == ((2, 1), (10, 1))


def test_statistics_refuses_what_is_not_a_claim_set() -> None:
    """A list of claims is not counted by accident of its length: a ValidationError."""
    with pytest.raises(pv.ValidationError, match="a ClaimSet"):
        pv.statistics(list(erbil.build()))  # type: ignore[arg-type]


@SETTINGS
@given(claim_sets())
def test_every_table_counts_every_claim_once(claims: pv.ClaimSet) -> None:
    """For any collection each table's counts are the claims counted by that key, most
    common first, and add up to the number of claims."""
    stats = pv.statistics(claims)
    for table, key in (
        (stats.by_stance, lambda c: c.stance.label),
        (stats.by_outlet, lambda c: c.outlet.name),
        (stats.by_claimant, lambda c: c.claimant.name),
        (stats.by_chain_depth, lambda c: chain_depth(c.source)),
    ):
        assert dict(table) == Counter(key(c) for c in claims)
        assert [count for _, count in table] == sorted((n for _, n in table), reverse=True)
    assert (stats.claims, stats.sources, stats.contested) == (
        len(claims),
        len(claims.sources),
        len(claims.contested()),
    )
