"""ClaimSet gathers what claims refer to, looks claims up, and refuses conflicting records."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance import (
    Agent,
    Claim,
    ClaimSet,
    ConflictError,
    Contest,
    Derivation,
    Outlet,
    Polarity,
    Proposition,
    Source,
    Stance,
    UnknownStanceError,
    YearMonth,
)
from provenance.errors import shown

MINISTRY = Agent(name="Ministry of Foreign Affairs of Iran", kind="organization")
SPOKESMAN = Agent(name="Said Khatibzadeh", on_behalf_of=MINISTRY)
UNNAMED = Agent(name="foreign intelligence sources", kind="unnamed")
KATAIB = Agent(name="Kata'ib Hezbollah", kind="organization")

SPUTNIK = Outlet(name="Sputnik", kind="news agency")
ISNA = Outlet(name="ISNA", kind="news agency")
DIGEST = Outlet(name="Iran Digest", kind="publisher")
TELEGRAM = Outlet(name="Saraya Awliya al-Dam", kind="Telegram channel")

INTERVIEW = Source(outlet=SPUTNIK, published=dt.date(2021, 2, 15), title="Interview")
ISNA_REPORT = Source(
    outlet=ISNA,
    published=dt.date(2021, 2, 16),
    derived_from=[Derivation(INTERVIEW, "quoted")],
)
DIGEST_ISSUE = Source(outlet=DIGEST, published=YearMonth(2021, 2), derived_from=[ISNA_REPORT])
POST = Source(outlet=TELEGRAM, published=dt.date(2021, 2, 15))

INVOLVED = Proposition("Iran was involved in the attack on Erbil.")
REJECTS = Proposition("Iran rejects any attack on Iraqi soil.")
RESPONSIBLE = Proposition("Saraya Awliya al-Dam carried out the attack.")

REPORT = Claim(proposition=INVOLVED, claimant=UNNAMED, source=POST, stance="report")
STATEMENT = Claim(proposition=REJECTS, claimant=SPOKESMAN, source=INTERVIEW, stance="statement")
DENIAL = Claim(
    proposition=INVOLVED,
    claimant=SPOKESMAN,
    source=DIGEST_ISSUE,
    stance="denial",
    supports=[STATEMENT],
    contests=[REPORT],
)
RESPONSIBILITY = Claim(
    proposition=RESPONSIBLE,
    claimant=KATAIB,
    source=POST,
    stance="claim of responsibility",
    confidence=0.3,
)

Record = Proposition | Agent | Outlet | Source | Claim

NEUTRAL = Stance("https://example.org/stance#Noted", "noted", Polarity.NEUTRAL)
RUMOUR = Stance("https://example.org/stance#Rumour", "rumour", Polarity.AFFIRMING)


def _contents(claims: ClaimSet) -> dict[str, set[Any]]:
    return {
        "claims": set(claims.claims),
        "propositions": set(claims.propositions),
        "agents": set(claims.agents),
        "outlets": set(claims.outlets),
        "sources": set(claims.sources),
    }


def test_adding_a_claim_brings_in_everything_it_refers_to() -> None:
    """One claim brings its proposition, claimant and principal, sources, outlets, linked claims."""
    claims = ClaimSet([DENIAL])

    assert _contents(claims) == {
        "claims": {DENIAL, STATEMENT, REPORT},
        "propositions": {INVOLVED, REJECTS},
        "agents": {SPOKESMAN, MINISTRY, UNNAMED},
        "outlets": {DIGEST, ISNA, SPUTNIK, TELEGRAM},
        "sources": {DIGEST_ISSUE, ISNA_REPORT, INTERVIEW, POST},
    }


def test_parts_are_held_before_the_claims_that_refer_to_them() -> None:
    """Each record in ``records`` comes after every record it refers to."""
    records = ClaimSet([DENIAL]).records
    position = {record: index for index, record in enumerate(records)}
    late = [
        (record, part)
        for record in records
        for part in _refers_to(record)
        if position[part] > position[record]
    ]

    assert late == []


def _refers_to(record: Record) -> list[Record]:
    if isinstance(record, Claim):
        return [
            record.proposition,
            record.claimant,
            record.source,
            *record.supports,
            *record.contests,
        ]
    if isinstance(record, Source):
        return [record.outlet, *(d.source for d in record.derived_from)]
    if isinstance(record, Agent) and record.on_behalf_of is not None:
        return [record.on_behalf_of]
    return []


def test_look_ups() -> None:
    """Claims are found by proposition, claimant, outlet and stance, given or named."""
    claims = ClaimSet([DENIAL, RESPONSIBILITY])

    found = {
        "by proposition": claims.by_proposition(INVOLVED),
        "by other proposition": claims.by_proposition(RESPONSIBLE),
        "by unknown proposition": claims.by_proposition(Proposition("Something else.")),
        "by claimant": claims.by_claimant(SPOKESMAN),
        "by principal": claims.by_claimant(MINISTRY),
        "by outlet": claims.by_outlet(TELEGRAM),
        "by upstream outlet": claims.by_outlet(ISNA),
        "by stance": claims.by_stance(Stance.DENIAL),
        "by stance name": claims.by_stance("claim of responsibility"),
        "by constant name": claims.by_stance("CLAIM_OF_RESPONSIBILITY"),
        "by unused stance": claims.by_stance(Stance.RETRACTION),
    }

    assert {key: set(value) for key, value in found.items()} == {
        "by proposition": {REPORT, DENIAL},
        "by other proposition": {RESPONSIBILITY},
        "by unknown proposition": set(),
        "by claimant": {STATEMENT, DENIAL},
        "by principal": set(),
        "by outlet": {REPORT, RESPONSIBILITY},
        "by upstream outlet": set(),
        "by stance": {DENIAL},
        "by stance name": {RESPONSIBILITY},
        "by constant name": {RESPONSIBILITY},
        "by unused stance": set(),
    }


def test_look_up_by_custom_stance() -> None:
    """A project's own stance is looked up by the Stance itself."""
    rumour = Claim(proposition=INVOLVED, claimant=UNNAMED, source=POST, stance=RUMOUR)

    assert ClaimSet([rumour, REPORT]).by_stance(RUMOUR) == (rumour,)


@pytest.mark.parametrize("name", ["rumour", "denials"])
def test_look_up_by_unknown_stance_name(name: str) -> None:
    """Naming a stance the vocabulary does not define raises UnknownStanceError."""
    with pytest.raises(UnknownStanceError) as info:
        ClaimSet([REPORT]).by_stance(name)

    assert info.value.value == name


def _on(proposition: Proposition, stance: Stance, claimant: str) -> Claim:
    return Claim(
        proposition=proposition,
        claimant=Agent(name=claimant),
        source=POST,
        stance=stance,
    )


def test_contested_lists_each_side() -> None:
    """Only a proposition both affirmed and denied is contested, each claim on its side."""
    report = _on(INVOLVED, Stance.REPORT, "a")
    denial = _on(INVOLVED, Stance.DENIAL, "b")
    speculation = _on(INVOLVED, Stance.SPECULATION, "c")
    retraction = _on(INVOLVED, Stance.RETRACTION, "d")
    noted = _on(INVOLVED, NEUTRAL, "e")
    claims = ClaimSet(
        [
            report,
            denial,
            _on(REJECTS, Stance.STATEMENT, "a"),
            _on(REJECTS, Stance.CONFIRMATION, "b"),
            speculation,
            _on(RESPONSIBLE, Stance.DENIAL, "a"),
            _on(RESPONSIBLE, Stance.RETRACTION, "b"),
            retraction,
            noted,
        ]
    )

    assert claims.contested() == (
        Contest(
            INVOLVED,
            affirming=(report, speculation),
            denying=(denial,),
            other=(retraction, noted),
        ),
    )


_STANCES = st.sampled_from([*Stance.builtins(), NEUTRAL, RUMOUR])
_PROPOSITIONS = (INVOLVED, REJECTS, RESPONSIBLE)


@given(st.lists(st.tuples(st.sampled_from(_PROPOSITIONS), _STANCES), max_size=12))
def test_contested_iff_both_polarities(stances: list[tuple[Proposition, Stance]]) -> None:
    """For any stances on any propositions, exactly those both affirmed and denied are contested."""
    claims = [_on(p, stance, f"claimant {i}") for i, (p, stance) in enumerate(stances)]
    expected: list[tuple[Proposition, tuple[Claim, ...], tuple[Claim, ...], set[Claim]]] = []
    for proposition in dict.fromkeys(p for p, _ in stances):
        on = [c for c in claims if c.proposition == proposition]
        affirming, denying, other = (
            tuple(c for c in on if c.stance.polarity in side)
            for side in (
                {Polarity.AFFIRMING},
                {Polarity.DENYING},
                {Polarity.WITHDRAWING, Polarity.NEUTRAL},
            )
        )
        if affirming and denying:
            expected.append((proposition, affirming, denying, set(other)))

    # the order within ``other`` (withdrawing and neutral claims) is not specified
    found = ClaimSet(claims).contested()
    assert [(c.proposition, c.affirming, c.denying, set(c.other)) for c in found] == expected


def test_adding_equal_records_again_changes_nothing() -> None:
    """Adding equal records again, even fresh copies, leaves the set exactly as it was."""
    once = ClaimSet([DENIAL, RESPONSIBILITY])
    again = ClaimSet([DENIAL, RESPONSIBILITY])
    again.update(
        [
            attrs.evolve(DENIAL),
            RESPONSIBILITY,
            attrs.evolve(SPOKESMAN),
            Proposition(INVOLVED.text),
            DIGEST_ISSUE,
            TELEGRAM,
        ]
    )

    assert (again.records, len(again), again == once) == (once.records, len(once), True)


_KHAJI = Agent(name="Ali-Asghar Khaji", aliases=["Ali-Asghan Khaji"])
_SPOKESMAN_ALIAS = attrs.evolve(SPOKESMAN, aliases=["Saeed Khatibzadeh"])

CONFLICTS = [
    pytest.param(
        RESPONSIBILITY,
        attrs.evolve(RESPONSIBILITY, confidence=0.7),
        RESPONSIBILITY,
        attrs.evolve(RESPONSIBILITY, confidence=0.7),
        ("confidence",),
        id="claim-confidence",
    ),
    pytest.param(
        DENIAL,
        attrs.evolve(DENIAL, supports=[]),
        DENIAL,
        attrs.evolve(DENIAL, supports=[]),
        ("supports",),
        id="claim-supports",
    ),
    pytest.param(
        _KHAJI,
        Agent(name="Ali-Asghar Khaji"),
        _KHAJI,
        Agent(name="Ali-Asghar Khaji"),
        ("aliases",),
        id="agent-aliases",
    ),
    pytest.param(
        STATEMENT,
        attrs.evolve(REPORT, claimant=_SPOKESMAN_ALIAS),
        SPOKESMAN,
        _SPOKESMAN_ALIAS,
        ("aliases",),
        id="claimant-aliases-through-claims",
    ),
    pytest.param(
        Outlet(name="Fars", kind="news agency"),
        Outlet(name="Fars", kind="website", url="https://www.farsnews.ir/"),
        Outlet(name="Fars", kind="news agency"),
        Outlet(name="Fars", kind="website", url="https://www.farsnews.ir/"),
        ("kind", "url"),
        id="outlet-kind-and-url",
    ),
]


@pytest.mark.parametrize(("added", "added_later", "first", "second", "fields"), CONFLICTS)
def test_different_records_with_one_identity_conflict(
    added: Record, added_later: Record, first: Record, second: Record, fields: tuple[str, ...]
) -> None:
    """Two different records with one identity raise ConflictError naming both and their fields."""
    claims = ClaimSet([added])

    with pytest.raises(ConflictError) as info:
        claims.add(added_later)

    error = info.value
    message = str(error)
    named = [
        (name, shown(getattr(first, name)) in message, shown(getattr(second, name)) in message)
        for name in error.fields
    ]
    assert (error.first, error.second, error.fields, named, f"<{error.iri}>" in message) == (
        first,
        second,
        fields,
        [(name, True, True) for name in fields],
        True,
    )


def test_equality_ignores_insertion_order() -> None:
    """Sets holding the same records are equal whatever the order they were added in."""
    forward = ClaimSet([DENIAL, RESPONSIBILITY, MINISTRY])
    backward = ClaimSet([MINISTRY, RESPONSIBILITY, DENIAL])

    assert (
        forward == backward,
        forward.claims == backward.claims,
        forward == ClaimSet([DENIAL]),
        forward == ClaimSet([DENIAL, RESPONSIBILITY, Proposition("Unclaimed.")]),
    ) == (True, False, False, False)
