"""Choosing claims to list: `select`, its filters, and the order listings show claims in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import provenance as pv
from _support import load_example
from provenance._selection import in_listing_order, listing_order
from provenance._values import time_bounds, time_lexical
from provenance.strategies import claim_sets, times

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

erbil = load_example("erbil_attack")
CLAIMS = erbil.build()
WIRE = pv.Outlet(name="Wire Service", aliases=["WS"])
ANN = pv.Agent(name="Ann Lee", aliases=["A. Lee"])
RAINED = pv.Proposition("It rained in Erbil.")
RUMOUR = pv.Stance("https://example.org/stance#Rumour", "rumour", pv.Polarity.AFFIRMING)


def made(
    when: pv.Time | None, *, stance: pv.Stance | str = "report", by: pv.Agent = ANN
) -> pv.Claim:
    """A claim by ``by`` in Wire's undated source, made at ``when``."""
    return pv.Claim(
        proposition=RAINED,
        claimant=by,
        source=pv.Source(outlet=WIRE),
        stance=stance,
        made_at=when,
    )


def names(claims: tuple[pv.Claim, ...]) -> list[tuple[str, str]]:
    return [(c.stance.label, c.claimant.name) for c in claims]


def test_every_claim_in_listing_order_without_filters() -> None:
    """With no filter every claim comes back once, ordered by time as written, stance and
    claimant; claims with no time of their own take their source's."""
    assert [(time_lexical(pv.claim_time(c)), c.stance.label) for c in pv.select(CLAIMS)] == [  # type: ignore[arg-type]
        ("2021-02", "assessment"),
        ("2021-02", "claim of responsibility"),
        ("2021-02-15", "report"),
        ("2021-02-16", "denial"),
        ("2021-02-16", "speculation"),
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"outlet": "tabnak"}, [("speculation", "author of a Tabnak commentary")]),
        (
            {"outlet": "itic"},
            [
                ("assessment", "Raz Zimmt"),
                ("claim of responsibility", "Saraya Awliya al-Dam"),
                ("report", "Raz Zimmt"),
            ],
        ),
        ({"claimant": "SAEED"}, [("denial", "Said Khatibzadeh")]),
        ({"claimant": "guardians of"}, [("claim of responsibility", "Saraya Awliya al-Dam")]),
        (
            {"proposition": "ERBIL INTERNATIONAL"},
            [
                ("claim of responsibility", "Saraya Awliya al-Dam"),
                ("report", "Raz Zimmt"),
                ("denial", "Said Khatibzadeh"),
            ],
        ),
        ({"stance": "denial"}, [("denial", "Said Khatibzadeh")]),
        ({"stance": pv.Stance.REPORT}, [("report", "Raz Zimmt")]),
        (
            {"stance": "CLAIM_OF_RESPONSIBILITY"},
            [("claim of responsibility", "Saraya Awliya al-Dam")],
        ),
        ({"stance": pv.Stance.DENIAL.iri}, [("denial", "Said Khatibzadeh")]),
        ({"outlet": "fars", "stance": "speculation"}, []),
        ({"outlet": "  fars"}, []),
    ],
)
def test_filters_match_a_part_of_a_name_or_alias_whatever_the_case(
    filters: dict[str, object], expected: list[tuple[str, str]]
) -> None:
    """Texts match a part of a name, an alias or a proposition in any case, and nothing
    else (spaces are not set aside); stances by object, label, name or IRI; filters given
    together must all hold."""
    assert names(pv.select(CLAIMS, **filters)) == expected  # type: ignore[arg-type]


def test_a_stance_of_ones_own_is_named_by_its_label_or_iri() -> None:
    """A custom stance the claims take is found by its label and by its IRI."""
    claims = pv.ClaimSet([made(None, stance=RUMOUR), made(None)])
    assert (
        pv.select(claims, stance="rumour")
        == pv.select(claims, stance=RUMOUR.iri)
        == (made(None, stance=RUMOUR),)
    )


def test_an_unknown_stance_is_refused() -> None:
    """A stance name that neither the claims nor the vocabulary know is an error naming it."""
    with pytest.raises(pv.UnknownStanceError, match="'gossip'"):
        pv.select(CLAIMS, stance="gossip")


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        (dt.date(2021, 2, 16), None, ["2021", "2021-02", "2021-02-16"]),
        (None, dt.date(2021, 2, 15), ["2021", "2021-02", "2021-02-15"]),
        (
            pv.YearMonth(2021, 2),
            pv.YearMonth(2021, 2),
            ["2021", "2021-02", "2021-02-15", "2021-02-16"],
        ),
        (pv.Year(2022), None, []),
        (
            dt.datetime(2021, 2, 15, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-3))),
            None,
            ["2021", "2021-02", "2021-02-16"],
        ),
    ],
)
def test_times_match_when_they_may_fall_within_the_bounds(
    since: pv.Time | None, until: pv.Time | None, expected: list[str]
) -> None:
    """A claim known to the year or month is kept while it may fall on or after ``since``
    and on or before ``until``; an instant is compared in UTC; claims with no time are left
    out once a bound is given."""
    claims = [
        made(pv.Year(2021)),
        made(pv.YearMonth(2021, 2), by=pv.Agent(name="Bo")),
        made(dt.date(2021, 2, 15), by=pv.Agent(name="Cy")),
        made(dt.date(2021, 2, 16), by=pv.Agent(name="Di")),
        made(None, by=pv.Agent(name="Ed")),
    ]
    selected = pv.select(claims, since=since, until=until)
    assert [time_lexical(c.made_at) for c in selected if c.made_at] == expected
    assert all(c.made_at is not None for c in selected)


def test_claims_with_no_time_come_first_when_no_bound_is_given() -> None:
    """Without bounds, a claim whose time nobody knows is kept, listed before the dated ones."""
    undated, dated = made(None), made(pv.Year(2021), by=pv.Agent(name="Bo"))
    assert pv.select([dated, undated]) == (undated, dated)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("since", "2021-02"),
        ("until", dt.datetime(2021, 2, 16, 9, 30)),
        ("outlet", 3),
        ("stance", 3),
    ],
)
def test_values_that_are_not_filters_are_refused(field: str, value: object) -> None:
    """A time given as text or without its zone, or a name that is not text, is a
    ValidationError naming the argument, not a TypeError deep inside."""
    with pytest.raises(pv.ValidationError) as raised:
        pv.select(CLAIMS, **{field: value})  # type: ignore[arg-type]
    assert (raised.value.owner, raised.value.field) == ("select", field)


@SETTINGS
@given(claim_sets())
def test_without_filters_select_sorts_every_claim_stably(claims: pv.ClaimSet) -> None:
    """Every claim comes back once, sorted by the listing key, ties in the collection's order."""
    selected = pv.select(claims)
    position = {c: i for i, c in enumerate(claims)}
    assert sorted(selected, key=lambda c: (listing_order(c), position[c])) == list(selected)
    assert sorted(selected, key=position.__getitem__) == list(claims)
    backwards = claims.claims[::-1]
    assert in_listing_order(iter(backwards)) == tuple(sorted(backwards, key=listing_order))


@st.composite
def filtered(draw: st.DrawFn) -> tuple[pv.ClaimSet, dict[str, object]]:
    """A collection and filters drawn from what its claims hold: parts of their names in
    another case, their stances, times near theirs."""
    claims = draw(claim_sets())
    chosen = draw(st.sampled_from(claims.claims)) if len(claims) else None

    def part(text: str) -> str:
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        return draw(st.sampled_from([str.upper, str.lower, str.swapcase]))(text[start:end])

    filters: dict[str, object] = {}
    if chosen is not None:
        if draw(st.booleans()):
            filters["proposition"] = part(chosen.proposition.text)
        if draw(st.booleans()):
            filters["claimant"] = part(
                draw(st.sampled_from([chosen.claimant.name, *sorted(chosen.claimant.aliases)]))
            )
        if draw(st.booleans()):
            filters["outlet"] = part(
                draw(st.sampled_from([chosen.outlet.name, *sorted(chosen.outlet.aliases)]))
            )
        if draw(st.booleans()):
            filters["stance"] = chosen.stance
    if draw(st.booleans()):
        filters["since"] = draw(times())
    if draw(st.booleans()):
        filters["until"] = draw(times())
    return claims, filters


def _holds(claim: pv.Claim, filters: dict[str, object]) -> bool:
    """Whether ``claim`` passes ``filters``, as select's documentation states it."""

    def has(wanted: object, *texts: str) -> bool:
        return any(str(wanted).casefold() in t.casefold() for t in texts)

    when = pv.claim_time(claim)
    checks: dict[str, Callable[[Any], bool]] = {
        "proposition": lambda v: has(v, claim.proposition.text),
        "claimant": lambda v: has(v, claim.claimant.name, *claim.claimant.aliases),
        "outlet": lambda v: has(v, claim.outlet.name, *claim.outlet.aliases),
        "stance": lambda v: claim.stance == v,
        "since": lambda v: when is not None and time_bounds(when)[1] >= time_bounds(v)[0],
        "until": lambda v: when is not None and time_bounds(when)[0] <= time_bounds(v)[1],
    }
    return all(checks[name](value) for name, value in filters.items())


@SETTINGS
@given(filtered())
def test_select_keeps_exactly_the_claims_every_filter_holds_for(
    drawn: tuple[pv.ClaimSet, dict[str, object]],
) -> None:
    """The claims selected are those that pass each filter given, in listing order; the
    claim the filters were drawn from passes its own name, alias and stance filters."""
    claims, filters = drawn
    selected = pv.select(claims, **filters)  # type: ignore[arg-type]
    assert selected == in_listing_order(c for c in claims if _holds(c, filters))
    for name in ("proposition", "claimant", "outlet", "stance"):
        if name in filters:
            assert pv.select(claims, **{name: filters[name]})  # type: ignore[arg-type]
