"""Hypothesis strategies for the claim model, for the property tests.

Every strategy builds valid values only and shrinks towards small, plain ones (the
first sample name or phrase, no optional fields, UTC). Text mixes Persian and Arabic
names (with the zero-width non-joiner they need), curly quotes, emoji, tabs and
newlines with arbitrary Unicode; times come at every precision the model holds,
instants with fixed offsets of whole minutes within ±14:00, including the first and
last instants a datetime can hold.

:func:`claim_sets` builds whole collections whose records never clash: within one
collection every agent, outlet, source and claim has an identity (and so an IRI) of
its own. Collections stay small so that a test of a hundred examples stays fast.

>>> from hypothesis import find
>>> find(propositions(), lambda proposition: proposition.language is not None)
Proposition(text='Iran was involved in the attack.', language='fa')
"""

from __future__ import annotations

import datetime as dt
import functools
import string
from collections.abc import Hashable, Sequence
from typing import TypeVar

from hypothesis import strategies as st

from provenance import (
    Agent,
    AgentKind,
    Claim,
    ClaimSet,
    Confidence,
    Derivation,
    DerivationKind,
    EstimativeTerm,
    Outlet,
    OutletKind,
    Polarity,
    Proposition,
    ReliabilityGrade,
    Source,
    Stance,
    Time,
    ValidationError,
    Year,
    YearMonth,
)
from provenance._values import REFUSED_CHARACTERS
from provenance.scales import AnalyticConfidence, Credibility, Reliability

T = TypeVar("T")

__all__ = [
    "CANONICAL_LANGUAGES",
    "NAMES",
    "PHRASES",
    "agents",
    "builtin_stances",
    "claim_sets",
    "claims",
    "confidences",
    "custom_stances",
    "dates",
    "instants",
    "iris",
    "languages",
    "names",
    "outlets",
    "propositions",
    "reliability_grades",
    "sources",
    "stances",
    "texts",
    "times",
    "utc_offsets",
]

# --------------------------------------------------------------------------- text

NAMES = (
    "زینب",
    "سعید خطیب‌زاده",  # with a zero-width non-joiner
    "علی‌اصغر خاجی",
    "خبرگزاری فارس",
    "سرایا اولیاء الدم",
    "حزب‌الله",
    "Said Khatibzadeh",
    "Ali-Asghan Khaji",
    "Meir Amit Intelligence and Terrorism Information Center",
    "Zeynab",
)
"""Names as the sources spell them, in Persian, Arabic and Latin script."""

PHRASES = (
    "Iran was involved in the attack.",
    "ایران در حمله به فرودگاه اربیل دست داشت.",
    "“They were foreign intelligence sources,” he said.",
    "‘a commentator’ on Tabnak",
    "«پیام به ترکیه»",
    "rockets 🚀 hit Erbil airport 🛬",
    "line one\nline two",
    "\tindented with a tab",
    'a \\ backslash and a "quote"',
    "'''triple''' \"\"\"quotes\"\"\"",
    "trailing newline\n",
    "carriage\r\nreturn",
    "۱۵ فوریه ۲۰۲۱",
    "…",
)
"""Statements with the characters that are awkward to escape or to keep."""

_SEPARATORS = (" ", "\t", "\n", "\u200c", "\u200f", "، ", " — ")


def _non_blank(text: str) -> bool:
    return bool(text.strip())


@functools.cache
def _any_text(max_size: int) -> st.SearchStrategy[str]:
    """Arbitrary Unicode text the model accepts: encodable as UTF-8, without the control
    characters no export format can carry, and not blank."""
    characters = st.characters(codec="utf-8", exclude_characters=REFUSED_CHARACTERS)
    return st.text(characters, min_size=1, max_size=max_size).filter(_non_blank)


@functools.cache
def texts(*, max_size: int = 24) -> st.SearchStrategy[str]:
    """Non-blank text: sample phrases and names, arbitrary Unicode, and mixtures of both."""
    piece = st.one_of(st.sampled_from(NAMES), st.sampled_from(PHRASES), _any_text(max_size))
    mixed = st.builds(
        lambda first, rest: first + "".join(rest),
        piece,
        st.lists(st.one_of(st.sampled_from(_SEPARATORS), piece), max_size=3),
    )
    return st.one_of(st.sampled_from(PHRASES), st.sampled_from(NAMES), _any_text(max_size), mixed)


@functools.cache
def names() -> st.SearchStrategy[str]:
    """Names of agents and outlets: mostly the sample names, sometimes any text."""
    return st.one_of(st.sampled_from(NAMES), texts(max_size=12))


# --------------------------------------------------------------------------- languages

CANONICAL_LANGUAGES = (
    "fa",
    "ar",
    "en",
    "ku",
    "en-GB",
    "fa-IR",
    "fa-AF",
    "ar-IQ",
    "ku-Arab-IQ",
    "zh-Hant-TW",
    "sr-Latn-RS",
    "es-419",
    "de-CH-1996",
    "sl-rozaj-biske",
    "zh-cmn-Hans-CN",
    "de-DE-u-co-phonebk",
    "en-GB-oed",
    "i-klingon",
    "x-whatever",
    "qaa-Qaaa-QM-x-southern",
)
"""Well-formed BCP 47 tags in the case RFC 5646 recommends."""

_PRIMARY = ("fa", "ar", "en", "ku", "ps", "tr", "he", "zh", "sr", "de", "ckb", "azb")
_SCRIPTS = ("Arab", "Latn", "Hant", "Hans", "Cyrl", "Hebr")
_REGIONS = ("IR", "IQ", "AF", "GB", "US", "TW", "LB", "SY", "419", "001")


@functools.cache
def _structured_language() -> st.SearchStrategy[str]:
    """A language, optionally a script and a region: ``fa``, ``ku-Arab-IQ``, ``es-419``."""
    return st.builds(
        lambda *parts: "-".join(p for p in parts if p),
        st.sampled_from(_PRIMARY),
        st.none() | st.sampled_from(_SCRIPTS),
        st.none() | st.sampled_from(_REGIONS),
    )


@functools.cache
def _private_use() -> st.SearchStrategy[str]:
    """A private-use tag: ``x-`` then subtags of one to eight letters and digits."""
    subtag = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=8)
    return st.lists(subtag, min_size=1, max_size=3).map(lambda parts: "-".join(["x", *parts]))


@st.composite
def _mixed_case(draw: st.DrawFn, tags: st.SearchStrategy[str]) -> str:
    """A tag with each letter in either case (``FA-ir``); shrinks to lower case."""
    tag = draw(tags)
    upper = draw(st.lists(st.booleans(), min_size=len(tag), max_size=len(tag)))
    return "".join(c.upper() if up else c.lower() for c, up in zip(tag, upper, strict=True))


@functools.cache
def languages() -> st.SearchStrategy[str]:
    """Well-formed BCP 47 language tags in any mixture of upper and lower case."""
    return _mixed_case(
        st.one_of(st.sampled_from(CANONICAL_LANGUAGES), _structured_language(), _private_use())
    )


# --------------------------------------------------------------------------- IRIs

_HOSTS = ("example.org", "farsnews.ir", "www.tabnak.ir", "t.me", "خبر.ایران", "xn--mgbh0fb.ir")
_SEGMENTS = (
    "news",
    "1399",
    "fa",
    "%D8%AE%D8%A8%D8%B1",
    "خبر",
    "عراق\u200cاربیل",
    "a-b_c.d~e",
    "erbil-attack",
)
_UNRESERVED = string.ascii_letters + string.digits + "-._~"


@functools.cache
def iris() -> st.SearchStrategy[str]:
    """Absolute IRIs of web pages: ASCII or Persian paths, percent-escapes, queries, fragments."""
    segment = st.one_of(st.sampled_from(_SEGMENTS), st.text(_UNRESERVED, min_size=1, max_size=8))
    return st.builds(
        lambda scheme, host, path, query, fragment: (
            f"{scheme}://{host}/{'/'.join(path)}{query}{fragment}"
        ),
        st.sampled_from(("https", "http")),
        st.sampled_from(_HOSTS),
        st.lists(segment, max_size=3),
        st.sampled_from(("", "?id=5", "?q=%D8%A7&lang=fa")),
        st.sampled_from(("", "#top", "#تیتر")),
    )


# --------------------------------------------------------------------------- times

_NOTABLE_OFFSETS = (0, 3 * 60 + 30, 4 * 60 + 30, -(3 * 60 + 30), 5 * 60 + 45, 14 * 60, -14 * 60, -1)


@functools.cache
def utc_offsets() -> st.SearchStrategy[dt.timezone]:
    """Fixed offsets of whole minutes within ±14:00, Tehran's +03:30 and the extremes among them."""
    minutes = st.one_of(
        st.sampled_from(_NOTABLE_OFFSETS), st.integers(min_value=-14 * 60, max_value=14 * 60)
    )
    return st.one_of(
        st.just(dt.UTC),
        minutes.map(lambda m: dt.timezone(dt.timedelta(minutes=m))),
    )


_CALENDAR_ENDS = (
    dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))),
    dt.datetime.max.replace(tzinfo=dt.timezone(-dt.timedelta(hours=14))),
)
"""The first and last instants a datetime can write: both lie outside years 1–9999 in UTC."""


@functools.cache
def instants() -> st.SearchStrategy[dt.datetime]:
    """Datetimes with a fixed time zone, over the whole range, with microseconds."""
    return st.one_of(st.datetimes(timezones=utc_offsets()), st.sampled_from(_CALENDAR_ENDS))


@functools.cache
def dates() -> st.SearchStrategy[dt.date]:
    """Days, from year 1 to 9999 and often the first or last, never a datetime."""
    return st.one_of(st.dates(), st.sampled_from((dt.date.min, dt.date.max)))


@functools.cache
def times() -> st.SearchStrategy[Time]:
    """A time at any precision the model holds: instant, day, month or year."""
    years = st.integers(min_value=1, max_value=9999)
    return st.one_of(
        instants(),
        dates(),
        st.builds(YearMonth, years, st.integers(min_value=1, max_value=12)),
        st.builds(Year, years),
    )


def _time_key(value: Time | None) -> Hashable:
    """A time as a record's identity sees it: an instant's wall clock *and* its offset.

    ``==`` on datetimes compares instants, which would take 12:00+03:30 and 08:30Z for
    one time; their lexical forms, and so the records' IRIs, differ.
    """
    if isinstance(value, dt.datetime):
        return ("datetime", value.replace(tzinfo=None), value.utcoffset())
    return (type(value).__name__, value)


# --------------------------------------------------------------------------- stances

_STANCE_NAMESPACES = (
    "https://example.org/stance#",
    "https://example.org/موضع/",
    "urn:example:stance:",
)


@functools.cache
def builtin_stances() -> st.SearchStrategy[Stance]:
    """One of the stances the shipped vocabulary defines."""
    return st.sampled_from(Stance.builtins())


@functools.cache
def custom_stances() -> st.SearchStrategy[Stance]:
    """A stance of a project's own, with an IRI outside our vocabulary, any label and polarity."""
    local = st.one_of(
        st.sampled_from(("Rumour", "Leak", "شایعه", "Hint")),
        st.text(string.ascii_letters, min_size=1, max_size=8),
    )
    return st.builds(
        Stance,
        st.builds(str.__add__, st.sampled_from(_STANCE_NAMESPACES), local),
        texts(max_size=12),
        st.sampled_from(Polarity),
    )


@functools.cache
def stances() -> st.SearchStrategy[Stance]:
    """A built-in or a custom stance."""
    return st.one_of(builtin_stances(), custom_stances())


# --------------------------------------------------------------------------- confidence

_BAND_EDGES = tuple(sorted({edge for term in EstimativeTerm for edge in (term.low, term.high)}))


@functools.cache
def _probabilities() -> st.SearchStrategy[float]:
    return st.one_of(
        st.sampled_from((0.0, 1.0, *_BAND_EDGES)),
        st.floats(min_value=0.0, max_value=1.0),
    )


@st.composite
def _consistent(draw: st.DrawFn) -> Confidence:
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
    """A number only (0, 1, band edges, any float between), a term only, or both agreeing."""
    return st.one_of(
        st.builds(Confidence, value=_probabilities()),
        st.builds(Confidence, term=st.sampled_from(EstimativeTerm)),
        _consistent(),
    )


# --------------------------------------------------------------------------- records


@functools.cache
def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def _pick(draw: st.DrawFn, pool: Sequence[T]) -> T:
    """One of ``pool``, drawn by index: cheaper than a fresh ``sampled_from`` per draw."""
    return pool[draw(st.integers(min_value=0, max_value=len(pool) - 1))]


def _some(draw: st.DrawFn, pool: Sequence[T], max_size: int) -> frozenset[T]:
    """Up to ``max_size`` members of ``pool``, drawn by index."""
    indices = st.lists(st.integers(min_value=0, max_value=len(pool) - 1), max_size=max_size)
    return frozenset(pool[i] for i in draw(indices))


@functools.cache
def _name_sets() -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(names(), max_size=2)


@st.composite
def _reliability_grade(draw: st.DrawFn) -> ReliabilityGrade:
    grade = draw(st.sampled_from(Reliability))
    start = draw(_optional(times()))
    end = draw(_optional(times()))
    try:
        return ReliabilityGrade(grade, start=start, end=end)
    except ValidationError:  # the end came before the start: keep the grade open-ended
        return ReliabilityGrade(grade, start=start)


@functools.cache
def reliability_grades() -> st.SearchStrategy[ReliabilityGrade]:
    """An Admiralty grade A–F, for all time or from and until times of any precision."""
    return _reliability_grade()


@functools.cache
def _grade_sets() -> st.SearchStrategy[frozenset[ReliabilityGrade]]:
    return st.frozensets(reliability_grades(), max_size=2)


@functools.cache
def propositions() -> st.SearchStrategy[Proposition]:
    """What is claimed, with or without a language."""
    return st.builds(Proposition, texts(), language=_optional(languages()))


@functools.cache
def outlets() -> st.SearchStrategy[Outlet]:
    """A publisher of any kind, with or without aliases, home page, language and grades."""
    return st.builds(
        Outlet,
        name=names(),
        kind=st.sampled_from(OutletKind),
        aliases=_name_sets(),
        url=_optional(iris()),
        language=_optional(languages()),
        reliability=_grade_sets(),
    )


@st.composite
def _agent_pool(draw: st.DrawFn, *, max_size: int = 4) -> list[Agent]:
    """Agents of distinct identity, each perhaps acting on behalf of one drawn before it."""
    pool: list[Agent] = []
    seen: set[tuple[AgentKind, str]] = set()
    for _ in range(draw(st.integers(min_value=1, max_value=max_size))):
        kind = draw(st.sampled_from(AgentKind))
        name = draw(names())
        if (kind, name) in seen:
            continue
        seen.add((kind, name))
        pool.append(
            Agent(
                name=name,
                kind=kind,
                aliases=draw(_name_sets()),
                on_behalf_of=_pick(draw, [None, *pool]),
                description=draw(_optional(texts())),
                reliability=draw(_grade_sets()),
            )
        )
    return pool


@functools.cache
def agents() -> st.SearchStrategy[Agent]:
    """A person, organization or unnamed agent, perhaps at the end of an ``on_behalf_of`` chain."""
    return _agent_pool().map(lambda pool: pool[-1])


@st.composite
def _source_pool(draw: st.DrawFn, outlets_: Sequence[Outlet], *, max_size: int = 4) -> list[Source]:
    """Sources of distinct identity, each perhaps derived from sources drawn before it."""
    pool: list[Source] = []
    seen: set[Hashable] = set()
    for _ in range(draw(st.integers(min_value=1, max_value=max_size))):
        derived: list[Derivation] = []
        if pool:
            links = st.tuples(
                st.integers(min_value=0, max_value=len(pool) - 1), st.sampled_from(DerivationKind)
            )
            derived = [Derivation(pool[i], kind) for i, kind in draw(st.lists(links, max_size=3))]
        source = Source(
            outlet=_pick(draw, outlets_),
            published=draw(_optional(times())),
            title=draw(_optional(texts())),
            url=draw(_optional(iris())),
            language=draw(_optional(languages())),
            derived_from=derived,
        )
        key = (
            source.outlet.name,
            _time_key(source.published),
            source.title,
            source.url,
            source.language,
        )
        if key not in seen:
            seen.add(key)
            pool.append(source)
    return pool


@st.composite
def sources(draw: st.DrawFn) -> Source:
    """One publication, at any time precision, perhaps at the end of a derivation chain."""
    outlet_pool = draw(st.lists(outlets(), min_size=1, max_size=2, unique_by=lambda o: o.name))
    return draw(_source_pool(outlet_pool))[-1]


@st.composite
def _records(
    draw: st.DrawFn, *, nonempty: bool, max_claims: int, max_propositions: int
) -> list[Proposition | Agent | Outlet | Source | Claim]:
    """Records for one collection, parts before the claims that use them."""
    proposition_pool = draw(
        st.lists(propositions(), min_size=1, max_size=max_propositions, unique=True)
    )
    agent_pool = draw(_agent_pool())
    outlet_pool = draw(st.lists(outlets(), min_size=1, max_size=3, unique_by=lambda o: o.name))
    source_pool = draw(_source_pool(outlet_pool))
    stance_pool = draw(st.lists(custom_stances(), max_size=2, unique_by=lambda s: s.iri))
    stance = builtin_stances()
    if stance_pool:
        stance = st.one_of(stance, st.sampled_from(stance_pool))

    made: list[Claim] = []
    seen: set[Hashable] = set()
    for _ in range(draw(st.integers(min_value=int(nonempty), max_value=max_claims))):
        supports: frozenset[Claim] = frozenset()
        contests: frozenset[Claim] = frozenset()
        if made:
            supports = _some(draw, made, 2)
            contests = _some(draw, made, 2) - supports
        claim = Claim(
            proposition=_pick(draw, proposition_pool),
            claimant=_pick(draw, agent_pool),
            source=_pick(draw, source_pool),
            stance=draw(stance),
            confidence=draw(_optional(confidences())),
            made_at=draw(_optional(times())),
            text=draw(_optional(texts())),
            language=draw(_optional(languages())),
            credibility=draw(_optional(st.sampled_from(Credibility))),
            analytic_confidence=draw(_optional(st.sampled_from(AnalyticConfidence))),
            supports=supports,
            contests=contests,
        )
        key = (
            claim.proposition,
            claim.claimant,
            claim.source,
            claim.stance.iri,
            _time_key(claim.made_at),
            claim.text,
            claim.language,
        )
        if key not in seen:
            seen.add(key)
            made.append(claim)
    return [*proposition_pool, *agent_pool, *outlet_pool, *source_pool, *made]


def claim_sets(
    *, nonempty: bool = False, max_claims: int = 6, max_propositions: int = 2
) -> st.SearchStrategy[ClaimSet]:
    """A collection of claims and the records they refer to, plus some records no claim uses.

    Propositions are few and claims many, so several claims stand on one proposition;
    a claim supports or contests claims drawn before it, never one claim both ways.
    A drawn claim that would share its identity with an earlier one is left out, so
    ``max_claims`` is an upper bound; ``nonempty`` asks for at least one claim.
    Failing examples print as the ``ClaimSet([...])`` call that builds them.
    """
    return st.builds(
        ClaimSet,
        _records(nonempty=nonempty, max_claims=max_claims, max_propositions=max_propositions),
    )


def oxigraph_keeps(claims: ClaimSet) -> bool:
    """Whether Oxigraph 0.5 stores every time of ``claims`` as it is: it takes the offset
    -00:01 for no time zone (oxigraph/oxigraph#1941), and its stores refuse such a time."""
    minute = dt.timedelta(minutes=-1)
    times = [c.made_at for c in claims.claims] + [s.published for s in claims.sources]
    graded: list[Agent | Outlet] = [*claims.agents, *claims.outlets]
    times += [t for r in graded for g in r.reliability for t in (g.start, g.end)]
    return not any(isinstance(t, dt.datetime) and t.utcoffset() == minute for t in times)


def claims() -> st.SearchStrategy[Claim]:
    """One claim, with the earlier claims it supports or contests."""
    return claim_sets(nonempty=True).map(lambda collection: collection.claims[-1])
