"""A synthetic but realistic collection of claims, the same for the same size and seed.

About 200 outlets and 2,000 agents (some speaking for an organization), one proposition for
every four claims, one source (a page of its own) for every two, texts of about a hundred
characters mixing Persian, Arabic and Latin script, and one claim in five supporting or
contesting an earlier one. Every claim's text carries its number, so no two claims share
an identity.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import deque
from collections.abc import Iterator, Sequence

import provenance as pv

__all__ = ["build", "stream"]

_WORDS = (
    "the",
    "attack",
    "airport",
    "rockets",
    "militia",
    "ministry",
    "spokesman",
    "denied",
    "reported",
    "sources",
    "said",
    "Erbil",
    "Baghdad",
    "Tehran",
    "ایران",
    "حمله",
    "فرودگاه",
    "اربیل",
    "سخنگوی",
    "وزارت",
    "خارجه",
    "تکذیب",
    "گزارش",
    "العراق",
    "الهجوم",
    "مصادر",
    "“quoted”",
    "—",
    "é",
    "🚀",
)
_FIRST = ("Said", "Ali", "Zeynab", "Hassan", "Maryam", "سعید", "علی‌اصغر", "زینب", "Raz", "Omar")
_LAST = ("Khatibzadeh", "Khaji", "Zimmt", "Karimi", "خطیب‌زاده", "خاجی", "Al-Amiri", "Rahimi")
_OUTLETS = ("Fars", "ISNA", "Tabnak", "Sputnik", "Rudaw", "خبرگزاری فارس", "تابناک", "Kurdistan24")
_TEHRAN = dt.timezone(dt.timedelta(hours=3, minutes=30))
_STANCES = (
    pv.Stance.REPORT,
    pv.Stance.REPORT,
    pv.Stance.STATEMENT,
    pv.Stance.DENIAL,
    pv.Stance.SPECULATION,
    pv.Stance.ASSESSMENT,
    pv.Stance.CLAIM_OF_RESPONSIBILITY,
    pv.Stance.CONFIRMATION,
)


def _text(rng: random.Random, number: int, length: int) -> str:
    words: list[str] = []
    size = 0
    while size < length:
        word = rng.choice(_WORDS)
        words.append(word)
        size += len(word) + 1
    return f"{' '.join(words)} (#{number})"


def _time(rng: random.Random) -> pv.Time:
    day = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(730))
    choice = rng.random()
    if choice < 0.5:
        return dt.datetime(
            day.year, day.month, day.day, rng.randrange(24), rng.randrange(60), tzinfo=_TEHRAN
        )
    if choice < 0.9:
        return day
    return pv.YearMonth(day.year, day.month)


def _outlets_and_agents(rng: random.Random) -> tuple[list[pv.Outlet], list[pv.Agent]]:
    outlets = [
        pv.Outlet(
            name=f"{rng.choice(_OUTLETS)} {i}",
            kind=rng.choice(list(pv.OutletKind)),
            language=rng.choice(("fa", "ar", "en", "ku", None)),
            url=f"https://outlet-{i}.example/" if i % 2 else None,
            reliability=rng.choice("ABCDEF") if i % 3 else (),
        )
        for i in range(200)
    ]
    agents: list[pv.Agent] = []
    organizations: list[pv.Agent] = []
    for i in range(2000):
        roll = rng.random()
        if roll < 0.2:
            agent = pv.Agent(name=f"{rng.choice(_OUTLETS)} ministry {i}", kind="organization")
            organizations.append(agent)
        elif roll < 0.3:
            agent = pv.Agent(name=f"a commentator {i}", kind="unnamed")
        else:
            agent = pv.Agent(
                name=f"{rng.choice(_FIRST)} {rng.choice(_LAST)} {i}",
                aliases=[f"{rng.choice(_LAST)} {i}"] if roll < 0.5 else (),
                on_behalf_of=rng.choice(organizations) if organizations and roll < 0.6 else None,
            )
        agents.append(agent)
    return outlets, agents


def build(claims: int, *, seed: int = 2021) -> pv.ClaimSet:
    """A collection of ``claims`` claims and the records they refer to."""
    rng = random.Random(seed)
    outlets, agents = _outlets_and_agents(rng)
    propositions = [
        pv.Proposition(_text(rng, i, 70), language=rng.choice(("en", "fa", None)))
        for i in range(max(1, claims // 4))
    ]
    sources: list[pv.Source] = []
    for i in range(max(1, claims // 2)):
        derived = (
            [pv.Derivation(rng.choice(sources), rng.choice(("quoted", "translated", "derived")))]
            if sources and rng.random() < 0.1
            else ()
        )
        sources.append(_source(rng, i, outlets, derived))
    made: list[pv.Claim] = []
    for i in range(claims):
        link = rng.choice(made) if made and rng.random() < 0.2 else None
        made.append(
            _claim(
                rng,
                i,
                proposition=rng.choice(propositions),
                claimant=rng.choice(agents),
                source=rng.choice(sources),
                link=link,
            )
        )
    return pv.ClaimSet(made)


_WINDOW = 2048
"""How many recent propositions, sources and claims :func:`stream` keeps to pick from."""


def stream(claims: int, *, seed: int = 2021) -> Iterator[pv.Claim]:
    """The same kind of claims, made one at a time and forgotten once given.

    For exports of collections too large to hold: only the outlets, the agents and the
    last few thousand propositions, sources and claims (which new claims share, quote
    and link to) are kept, so memory stays flat however many claims are asked for.
    """
    rng = random.Random(seed)
    outlets, agents = _outlets_and_agents(rng)
    propositions: deque[pv.Proposition] = deque(maxlen=_WINDOW)
    sources: deque[pv.Source] = deque(maxlen=_WINDOW)
    made: deque[pv.Claim] = deque(maxlen=_WINDOW)
    for i in range(claims):
        if i % 4 == 0 or not propositions:
            propositions.append(
                pv.Proposition(_text(rng, i // 4, 70), language=rng.choice(("en", "fa", None)))
            )
        if i % 2 == 0 or not sources:
            derived = (
                [
                    pv.Derivation(
                        rng.choice(sources), rng.choice(("quoted", "translated", "derived"))
                    )
                ]
                if sources and rng.random() < 0.1
                else ()
            )
            sources.append(_source(rng, i // 2, outlets, derived))
        link = rng.choice(made) if made and rng.random() < 0.2 else None
        claim = _claim(
            rng,
            i,
            proposition=rng.choice(propositions),
            claimant=rng.choice(agents),
            source=rng.choice(sources),
            link=link,
        )
        made.append(claim)
        yield claim


def _source(
    rng: random.Random, number: int, outlets: list[pv.Outlet], derived: Sequence[pv.Derivation]
) -> pv.Source:
    return pv.Source(
        outlet=rng.choice(outlets),
        published=_time(rng),
        title=_text(rng, number, 40) if rng.random() < 0.5 else None,
        url=f"https://news.example/{number}",  # every publication has its own page
        language=rng.choice(("fa", "en", None)),
        derived_from=derived,
    )


def _claim(
    rng: random.Random,
    number: int,
    *,
    proposition: pv.Proposition,
    claimant: pv.Agent,
    source: pv.Source,
    link: pv.Claim | None,
) -> pv.Claim:
    supports = link is not None and rng.random() < 0.7
    stance = rng.choice(_STANCES)
    roll = rng.random()
    confidence: pv.Confidence | None = None
    if roll < 0.15:
        confidence = pv.Confidence(round(rng.random(), 2))
    elif roll < 0.3:
        confidence = pv.Confidence(term=rng.choice(list(pv.EstimativeTerm)))
    return pv.Claim(
        proposition=proposition,
        claimant=claimant,
        source=source,
        stance=stance,
        confidence=confidence,
        made_at=_time(rng) if rng.random() < 0.5 else None,
        text=_text(rng, number, 95),
        language=rng.choice(("fa", "en", "ar")),
        supports=[link] if link is not None and supports else (),
        contests=[link] if link is not None and not supports else (),
    )
