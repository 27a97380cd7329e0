"""Contested views and reporting chains: what an analyst reads off a collection."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import provenance as pv
from _support import load_example
from provenance.strategies import claim_sets

BEHIND = (
    "Iran or forces aligned with it carried out the rocket attack on Erbil "
    "International Airport on 15 February 2021."
)


@pytest.fixture(scope="module")
def erbil() -> pv.ClaimSet:
    claims: pv.ClaimSet = load_example("erbil_attack").build()
    return claims


def _behind(claims: pv.ClaimSet) -> pv.Proposition:
    return next(p for p in claims.propositions if p.text == BEHIND)


def test_erbil_attribution_is_contested_with_the_denial_on_one_side(erbil: pv.ClaimSet) -> None:
    """Iranian involvement is contested: the militia's claim against the spokesman's denial."""
    sides = erbil.sides(_behind(erbil))
    summary = [
        [
            (g.stance.label, [(p.claimant.name, p.outlet.name, p.when) for p in g.positions])
            for g in side
        ]
        for side in (sides.affirming, sides.denying, sides.other)
    ]
    assert (sides.contested, summary) == (
        True,
        [
            [
                (
                    "claim of responsibility",
                    [
                        (
                            "Saraya Awliya al-Dam",
                            "Meir Amit Intelligence and Terrorism Information Center",
                            pv.YearMonth(2021, 2),
                        )
                    ],
                )
            ],
            [("denial", [("Said Khatibzadeh", "Fars", dt.date(2021, 2, 16))])],
            [],
        ],
    )


def test_erbil_contested_propositions_are_the_ones_with_two_sides(erbil: pv.ClaimSet) -> None:
    """Exactly one Erbil proposition is contested, and its sides say so too."""
    contested = [c.proposition for c in erbil.contested()]
    assert contested == [_behind(erbil)]
    assert [p for p in erbil.propositions if erbil.sides(p).contested] == contested


P = pv.Proposition("The attack was a message to Turkey.")
FARS = pv.Outlet(name="Fars", kind="news agency")
RUMOUR = pv.Stance("https://example.org/stance#Rumour", "rumour", pv.Polarity.AFFIRMING)


def _claim(stance: str | pv.Stance, name: str, **fields: object) -> pv.Claim:
    source = fields.pop("source", None) or pv.Source(outlet=FARS)
    return pv.Claim(
        proposition=P,
        claimant=pv.Agent(name=name),
        source=source,  # type: ignore[arg-type]
        stance=stance,
        **fields,  # type: ignore[arg-type]
    )


def test_sides_group_by_stance_and_order_by_time() -> None:
    """Built-in stances come in the vocabulary's order, custom ones after; earliest first."""
    claims = pv.ClaimSet(
        [
            _claim(RUMOUR, "a blogger"),
            _claim("speculation", "a commentator", made_at=dt.date(2021, 2, 18)),
            _claim("report", "Tabnak", made_at=dt.date(2021, 2, 17)),
            _claim("speculation", "an analyst", made_at=dt.date(2021, 2, 16)),
            _claim("speculation", "someone", source=pv.Source(outlet=FARS, title="undated")),
            _claim("retraction", "Tabnak", made_at=dt.date(2021, 2, 20)),
        ]
    )
    sides = claims.sides(P)
    assert (
        [(g.stance.label, [p.claimant.name for p in g.positions]) for g in sides.affirming],
        [g.stance.label for g in sides.other],
        sides.contested,
    ) == (
        [
            ("report", ["Tabnak"]),
            ("speculation", ["an analyst", "a commentator", "someone"]),
            ("rumour", ["a blogger"]),
        ],
        ["retraction"],
        False,
    )


def test_a_position_shows_who_where_when_and_how_sure() -> None:
    """A line of a view names the stance, claimant, outlet, date and confidence."""
    claim = _claim(
        "assessment",
        "Raz Zimmt",
        made_at=dt.date(2021, 2, 21),
        confidence=pv.Confidence(0.7, "likely"),
    )
    assert str(pv.ClaimSet([claim]).sides(P).affirming[0].positions[0]) == (
        "assessment: Raz Zimmt, via Fars, 2021-02-21 [likely, 0.7]"
    )


def test_sides_of_an_unclaimed_proposition_are_empty() -> None:
    """A proposition nobody claims has no sides, and is not contested."""
    sides = pv.ClaimSet([P]).sides(P)
    assert (sides.affirming, sides.denying, sides.other, sides.contested) == ((), (), (), False)


# ------------------------------------------------------------------ reporting chains


def test_erbil_denial_reached_the_digest_through_fars(erbil: pv.ClaimSet) -> None:
    """The denial's chain runs from the digest, through Fars, to the spokesman."""
    denial = next(c for c in erbil if c.stance == pv.Stance.DENIAL)
    assert str(erbil.reporting_chain(denial)) == (
        "Meir Amit Intelligence and Terrorism Information Center (2021-02) → "
        "Fars (2021-02-16) → Said Khatibzadeh"
    )


def test_chain_runs_from_digest_to_outlet_to_speaker_to_anonymous_source() -> None:
    """A digest citing an agency that quotes an interview where a speaker cites unnamed
    sources: every step appears, in order, with how each source took from the next."""
    sputnik = pv.Source(outlet=pv.Outlet(name="Sputnik"), published=dt.date(2021, 2, 8))
    isna = pv.Source(
        outlet=pv.Outlet(name="ISNA"),
        published=dt.date(2021, 2, 9),
        derived_from=[pv.Derivation(sputnik, "translated")],
    )
    digest = pv.Source(
        outlet=pv.Outlet(name="ITIC"), published=pv.YearMonth(2021, 2), derived_from=[isna]
    )
    unnamed = pv.Claim(
        proposition=P,
        claimant=pv.Agent(name="foreign intelligence sources", kind="unnamed"),
        source=sputnik,
        stance="report",
    )
    speaker = pv.Claim(
        proposition=P,
        claimant=pv.Agent(name="Ali-Asghar Khaji"),
        source=isna,
        stance="statement",
        supports=[unnamed],
    )
    chain = pv.ClaimSet([speaker, digest]).reporting_chain(speaker)
    assert (chain.steps, chain.links) == (
        (
            "ITIC (2021-02)",
            "ISNA (2021-02-09)",
            "Sputnik (2021-02-08)",
            "Ali-Asghar Khaji",
            "foreign intelligence sources",
        ),
        (pv.DerivationKind.TRANSLATED,),
    )


def test_chain_stops_at_a_fork_it_cannot_resolve(erbil: pv.ClaimSet) -> None:
    """The militia's claim is in a digest drawn from two outlets, neither carrying it: the
    chain ends at the digest rather than guess."""
    claim = next(c for c in erbil if c.stance == pv.Stance.CLAIM_OF_RESPONSIBILITY)
    chain = erbil.reporting_chain(claim)
    assert ([s.outlet.name for s in chain.sources], chain.reported_in, chain.links) == (
        ["Meir Amit Intelligence and Terrorism Information Center"],
        (),
        (),
    )


def test_chain_follows_the_source_named_as_primary() -> None:
    """Of two sources a report draws on, the one named as primary source is followed."""
    wire = pv.Source(outlet=pv.Outlet(name="a wire"))
    blog = pv.Source(outlet=pv.Outlet(name="a blog"))
    report = pv.Source(
        outlet=FARS, derived_from=[pv.Derivation(wire, "primary source"), pv.Derivation(blog)]
    )
    claim = _claim("report", "Fars", source=report)
    chain = pv.ClaimSet([claim]).reporting_chain(claim)
    assert ([s.outlet.name for s in chain.sources], chain.links) == (
        ["Fars", "a wire"],
        (pv.DerivationKind.PRIMARY_SOURCE,),
    )


def test_chain_of_a_claim_outside_the_collection_is_refused(erbil: pv.ClaimSet) -> None:
    """Asking for the chain of a claim the collection does not hold is a ValidationError."""
    with pytest.raises(pv.ValidationError):
        erbil.reporting_chain(_claim("report", "nobody"))


def test_look_ups_by_source_and_by_derivation(erbil: pv.ClaimSet) -> None:
    """`by_source` gives the claims in a source; `derived_by` the sources drawing on it."""
    fars = next(s for s in erbil.sources if s.outlet.name == "Fars")
    assert (
        [c.stance.label for c in erbil.by_source(fars)],
        [s.outlet.name for s in erbil.derived_by(fars)],
    ) == (["denial"], ["Meir Amit Intelligence and Terrorism Information Center"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(depth=st.integers(min_value=0, max_value=6), data=st.data())
def test_chains_of_any_depth_are_followed_to_the_primary_source(
    depth: int, data: st.DataObject
) -> None:
    """A claim whose source derives through n links has a chain of n + 1 sources."""
    claims = data.draw(claim_sets(chain_depth=depth))
    chain = claims.reporting_chain(claims.claims[-1])
    assert (len(chain.sources), len(chain.links), chain.sources[-1].derived_from) == (
        depth + 1,
        depth,
        frozenset(),
    )
