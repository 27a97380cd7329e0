"""Hypothesis strategies for claims, for other projects' property tests.

Everything here builds valid data by default: records the model accepts, and whole
collections that :func:`provenance.check` and :func:`provenance.validate` pass without a
single violation (consistent times, no claimant contradicting themselves, no agent
recorded twice). Options ask for what a test needs: a contested proposition, a reporting
chain of a given depth, or data that breaks exactly one rule of the catalogue::

    from hypothesis import given
    import provenance as pv
    from provenance.strategies import claim_sets

    @given(claim_sets(contested=True))
    def test_my_summary_shows_both_sides(claims):
        ...

    @given(claim_sets(broken="PV301"))
    def test_my_pipeline_rejects_impossible_dates(claims):
        assert "PV301" in pv.check(claims).codes

Installing the package registers these strategies with Hypothesis (through its
``hypothesis`` entry point), so ``st.from_type(Claim)`` and ``st.builds`` on functions
annotated with the model's classes work without further set-up. Importing
:mod:`provenance` does not import Hypothesis; importing this module does.

Text mixes Persian and Arabic names, curly quotes, emoji and arbitrary Unicode; times
come at every precision the model holds. Everything shrinks towards short, plain values.

>>> from hypothesis import find
>>> len(find(claim_sets(), lambda claims: len(claims) >= 2))
2
"""

from __future__ import annotations

import datetime as dt
import functools
import string
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

import rdflib
from hypothesis import strategies as st

from ._collection import ClaimSet
from ._iri import Record, iri
from ._model import (
    Agent,
    AgentKind,
    Claim,
    Confidence,
    Derivation,
    DerivationKind,
    Outlet,
    OutletKind,
    Polarity,
    Proposition,
    ReliabilityGrade,
    Source,
    Stance,
)
from ._namespace import DEFAULT_BASE
from ._values import REFUSED_CHARACTERS, Time, Year, YearMonth, time_lexical
from .check import Rule, certainly_after
from .errors import ValidationError
from .rdf import to_graph
from .scales import AnalyticConfidence, Credibility, EstimativeTerm, Reliability

__all__ = [
    "agents",
    "claim_sets",
    "claims",
    "confidences",
    "graphs",
    "outlets",
    "propositions",
    "sources",
    "stances",
    "texts",
    "times",
]

T = TypeVar("T")

# --------------------------------------------------------------------------- values

_NAMES = (
    "Said Khatibzadeh",
    "سعید خطیب‌زاده",  # with a zero-width non-joiner
    "Ali-Asghar Khaji",
    "خبرگزاری فارس",
    "سرایا اولیاء الدم",
    "Raz Zimmt",
    "Fars",
    "al-Hurra",
)
_PHRASES = (
    "Iran was involved in the attack.",
    "ایران در حمله به فرودگاه اربیل دست داشت.",
    "“They were foreign intelligence sources,” he said.",
    "rockets 🚀 hit Erbil airport",
    "«پیام به ترکیه»",
    "line one\nline two",
    'a \\ backslash and a "quote"',
)


@functools.cache
def texts() -> st.SearchStrategy[str]:
    """Non-blank text: sample names and phrases, or any Unicode the model accepts (UTF-8
    encodable, without the control characters no export format can carry)."""
    characters = st.characters(codec="utf-8", exclude_characters=REFUSED_CHARACTERS)
    anything = st.text(characters, min_size=1, max_size=20).filter(lambda s: bool(s.strip()))
    return st.one_of(st.sampled_from(_PHRASES), st.sampled_from(_NAMES), anything)


_LANGUAGES = ("en", "fa", "ar", "ku-Arab-IQ", "en-GB", "fa-IR", "zh-Hant-TW", "x-whatever")


@functools.cache
def _languages() -> st.SearchStrategy[str]:
    return st.sampled_from(_LANGUAGES)


@functools.cache
def _iris() -> st.SearchStrategy[str]:
    segment = st.one_of(
        st.sampled_from(("news", "1399", "خبر", "%D8%AE")),
        st.text(string.ascii_letters + string.digits + "-._~", min_size=1, max_size=8),
    )
    return st.builds(
        lambda host, path, tail: f"https://{host}/{'/'.join(path)}{tail}",
        st.sampled_from(("example.org", "farsnews.ir", "t.me", "خبر.ایران")),
        st.lists(segment, max_size=3),
        st.sampled_from(("", "?id=5", "#تیتر")),
    )


@functools.cache
def times() -> st.SearchStrategy[Time]:
    """A time at any precision: an instant with a fixed offset, a day, a month or a year."""
    offsets = st.one_of(
        st.just(dt.UTC),
        st.integers(min_value=-14 * 60, max_value=14 * 60).map(
            lambda m: dt.timezone(dt.timedelta(minutes=m))
        ),
    )
    years = st.integers(min_value=1, max_value=9999)
    return st.one_of(
        st.dates(),
        st.builds(YearMonth, years, st.integers(min_value=1, max_value=12)),
        st.builds(Year, years),
        st.datetimes(timezones=offsets),
    )


def _time_key(value: Time | None) -> Hashable:
    """A time as identity sees it: its lexical form, offset included."""
    return None if value is None else (type(value).__name__, time_lexical(value))


_CUSTOM_STANCES = (
    Stance("https://example.org/stance#Rumour", "rumour", Polarity.AFFIRMING),
    Stance("https://example.org/stance#Leak", "leak", Polarity.AFFIRMING),
    Stance("https://example.org/موضع/تکذیب", "تکذیب", Polarity.DENYING),
    Stance("urn:example:stance:question", "question", Polarity.NEUTRAL),
    Stance("urn:example:stance:takedown", "takedown", Polarity.WITHDRAWING),
)


@functools.cache
def stances() -> st.SearchStrategy[Stance]:
    """A built-in stance, or one of a few stances of a project's own, of every polarity."""
    return st.one_of(st.sampled_from(Stance.builtins()), st.sampled_from(_CUSTOM_STANCES))


@st.composite
def _band(draw: st.DrawFn) -> Confidence:
    term = draw(st.sampled_from(EstimativeTerm))
    return Confidence(draw(st.floats(min_value=term.low, max_value=term.high)), term)


@functools.cache
def confidences() -> st.SearchStrategy[Confidence]:
    """A number, an ICD 203 term, both agreeing, or a hedge kept as wording ("may")."""
    return st.one_of(
        st.builds(Confidence, value=st.floats(min_value=0.0, max_value=1.0)),
        st.builds(Confidence, term=st.sampled_from(EstimativeTerm)),
        _band(),
        st.builds(lambda w: Confidence(wording=w), st.sampled_from(("may", "could", "شاید"))),
    )


@st.composite
def _grade(draw: st.DrawFn) -> ReliabilityGrade:
    grade = draw(st.sampled_from(Reliability))
    start, end = draw(st.none() | times()), draw(st.none() | times())
    try:
        return ReliabilityGrade(grade, start=start, end=end)
    except ValidationError:  # the end came before the start
        return ReliabilityGrade(grade, start=start)


def _grades() -> st.SearchStrategy[frozenset[ReliabilityGrade]]:
    return st.frozensets(_grade(), max_size=2)


# --------------------------------------------------------------------------- records


@functools.cache
def propositions() -> st.SearchStrategy[Proposition]:
    """What is claimed, with or without a language."""
    return st.builds(Proposition, texts(), language=st.none() | _languages())


@functools.cache
def outlets() -> st.SearchStrategy[Outlet]:
    """A publisher of any kind, perhaps with aliases, a home page, a language, grades and a
    description."""
    return st.builds(
        Outlet,
        name=texts(),
        kind=st.sampled_from(OutletKind),
        aliases=st.frozensets(texts(), max_size=2),
        url=st.none() | _iris(),
        language=st.none() | _languages(),
        reliability=_grades(),
        description=st.none() | texts(),
    )


@functools.cache
def agents() -> st.SearchStrategy[Agent]:
    """A person, organization or unnamed agent, perhaps acting on behalf of another."""
    return claim_sets(min_claims=1).map(lambda claims: claims.claims[-1].claimant)


@functools.cache
def sources() -> st.SearchStrategy[Source]:
    """One publication, perhaps at the end of a chain of sources it derives from."""
    return claim_sets(min_claims=1).map(lambda claims: claims.claims[-1].source)


@functools.cache
def claims() -> st.SearchStrategy[Claim]:
    """One claim, with the earlier claims it supports or contests; consistent on its own."""
    return claim_sets(min_claims=1).map(lambda collection: collection.claims[-1])


# --------------------------------------------------------------------------- collections


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def _pick(draw: st.DrawFn, pool: Sequence[T]) -> T:
    return pool[draw(st.integers(min_value=0, max_value=len(pool) - 1))]


class _Builder:
    """Draws the records of one consistent collection, keeping what makes each unique."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.records: list[Record] = []
        self.propositions: list[Proposition] = []
        self.agents: list[Agent] = []
        self.outlets: list[Outlet] = []
        self.sources: list[Source] = []
        self.claims: list[Claim] = []
        self.agent_keys: set[str] = set()
        self.outlet_keys: set[str] = set()
        self.source_keys: set[Hashable] = set()
        self.claim_keys: set[Hashable] = set()
        self.sides: dict[tuple[Agent, Proposition], set[Polarity]] = {}
        self.counter = 0

    # ----------------------------------------------------------------- drawn records

    def names(self, taken: set[str]) -> tuple[str, list[str]] | None:
        """A name and aliases whose keys no other record of the kind uses."""
        name = self.draw(texts())
        if _key(name) in taken:
            return None
        keys = {_key(name)}
        aliases = []
        for alias in self.draw(st.lists(texts(), max_size=2)):
            if _key(alias) not in taken and _key(alias) not in keys:
                keys.add(_key(alias))
                aliases.append(alias)
        taken |= keys
        return name, aliases

    def add_agent(self) -> None:
        drawn = self.names(self.agent_keys)
        if drawn is None:
            return
        name, aliases = drawn
        principal = _pick(self.draw, [None, *self.agents])
        self.agents.append(
            Agent(
                name=name,
                kind=self.draw(st.sampled_from(AgentKind)),
                aliases=aliases,
                on_behalf_of=principal,
                description=self.draw(st.none() | texts()),
                reliability=self.draw(_grades()),
            )
        )

    def add_outlet(self) -> None:
        drawn = self.names(self.outlet_keys)
        if drawn is None:
            return
        name, aliases = drawn
        self.outlets.append(
            Outlet(
                name=name,
                kind=self.draw(st.sampled_from(OutletKind)),
                aliases=aliases,
                url=self.draw(st.none() | _iris()),
                language=self.draw(st.none() | _languages()),
                reliability=self.draw(_grades()),
            )
        )

    def add_source(self) -> None:
        published = self.draw(st.none() | times())
        derived = []
        if self.sources:
            links = st.tuples(
                st.integers(min_value=0, max_value=len(self.sources) - 1),
                st.sampled_from(DerivationKind),
            )
            for i, kind in self.draw(st.lists(links, max_size=2)):
                upstream = self.sources[i]
                if (
                    published is None
                    or upstream.published is None
                    or not certainly_after(upstream.published, published)
                ):
                    derived.append(Derivation(upstream, kind))
        self.keep_source(
            Source(
                outlet=_pick(self.draw, self.outlets),
                published=published,
                title=self.draw(st.none() | texts()),
                url=self.draw(st.none() | _iris()),
                language=self.draw(st.none() | _languages()),
                derived_from=derived,
            )
        )

    def keep_source(self, source: Source) -> bool:
        key = (
            source.outlet.name,
            _time_key(source.published),
            source.title,
            source.url,
            source.language,
        )
        if key in self.source_keys:
            return False
        self.source_keys.add(key)
        self.sources.append(source)
        return True

    def add_claim(self) -> None:
        source = _pick(self.draw, self.sources)
        made_at = self.draw(st.none() | times())
        if (
            made_at is not None
            and source.published is not None
            and certainly_after(made_at, source.published)
        ):
            made_at = None
        stance = self.draw(stances())
        credibility = self.draw(st.none() | st.sampled_from(Credibility))
        if credibility is Credibility.CONFIRMED and stance.iri != Stance.CONFIRMATION.iri:
            credibility = Credibility.PROBABLY_TRUE
        supports = self.earlier(made_at, source)
        contests = self.earlier(made_at, source) - supports
        self.keep_claim(
            Claim(
                proposition=_pick(self.draw, self.propositions),
                claimant=_pick(self.draw, self.agents),
                source=source,
                stance=stance,
                confidence=self.draw(st.none() | confidences()),
                made_at=made_at,
                text=self.draw(st.none() | texts()),
                language=self.draw(st.none() | _languages()),
                credibility=credibility,
                analytic_confidence=self.draw(st.none() | st.sampled_from(AnalyticConfidence)),
                supports=supports,
                contests=contests,
            )
        )

    def earlier(self, made_at: Time | None, source: Source) -> frozenset[Claim]:
        """Some claims drawn before, none of them made certainly after this one."""
        if not self.claims:
            return frozenset()
        latest = made_at if made_at is not None else source.published
        picked = self.draw(
            st.lists(st.integers(min_value=0, max_value=len(self.claims) - 1), max_size=2)
        )
        return frozenset(
            c
            for c in (self.claims[i] for i in picked)
            if latest is None or c.made_at is None or not certainly_after(c.made_at, latest)
        )

    def keep_claim(self, claim: Claim) -> bool:
        """Keep a claim unless it repeats one, or flips its claimant's side."""
        key = (claim.proposition, claim.claimant, claim.stance.iri, claim.source)
        polarity = claim.stance.polarity
        sides = self.sides.setdefault((claim.claimant, claim.proposition), set())
        opposite = {Polarity.AFFIRMING: Polarity.DENYING, Polarity.DENYING: Polarity.AFFIRMING}
        if key in self.claim_keys or opposite.get(polarity) in sides:
            return False
        self.claim_keys.add(key)
        sides.add(polarity)
        self.claims.append(claim)
        return True

    # ----------------------------------------------------------------- fresh records

    def fresh(self, stem: str, taken: set[str]) -> str:
        """A name no record of the kind has, such as ``"agent 3"``; mostly ASCII, so
        that what a failing example shows is easy to read."""
        while True:
            self.counter += 1
            name = f"{stem} {self.counter}"
            if _key(name) not in taken:
                taken.add(_key(name))
                return name

    def fresh_agent(self, kind: AgentKind = AgentKind.PERSON) -> Agent:
        agent = Agent(name=self.fresh("agent", self.agent_keys), kind=kind)
        self.agents.append(agent)
        return agent

    def fresh_outlet(self) -> Outlet:
        outlet = Outlet(name=self.fresh("outlet", self.outlet_keys))
        self.outlets.append(outlet)
        return outlet

    def fresh_proposition(self) -> Proposition:
        texts_ = {p.text for p in self.propositions}
        proposition = Proposition(self.fresh("proposition", texts_))
        self.propositions.append(proposition)
        return proposition

    def fresh_source(
        self, published: Time | None = None, derived_from: Sequence[Derivation] = ()
    ) -> Source:
        outlet = self.fresh_outlet()
        source = Source(outlet=outlet, published=published, derived_from=derived_from)
        self.keep_source(source)
        return source

    def fresh_claim(self, stance: Stance = Stance.REPORT, **fields: object) -> Claim:
        """A claim of fresh records, or of those given in ``fields``."""
        values: dict[str, object] = {
            "proposition": fields.pop("proposition", None) or self.fresh_proposition(),
            "claimant": fields.pop("claimant", None) or self.fresh_agent(),
            "source": fields.pop("source", None) or self.fresh_source(),
            "stance": stance,
            **fields,
        }
        claim = Claim(**values)  # type: ignore[arg-type]
        self.claims.append(claim)
        return claim

    def day(self) -> dt.date:
        return self.draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)))

    def later(self, day: dt.date) -> Time:
        """A time certainly after ``day``, at any precision."""
        after = day + dt.timedelta(days=self.draw(st.integers(min_value=1, max_value=400)))
        choices: list[Time] = [
            after,
            dt.datetime(after.year, after.month, after.day, 12, tzinfo=dt.UTC),
        ]
        if (after.year, after.month) != (day.year, day.month):
            choices.append(YearMonth(after.year, after.month))
        if after.year != day.year:
            choices.append(Year(after.year))
        return self.draw(st.sampled_from(choices))

    def after_all(self, *times_: Time) -> dt.date:
        """A day certainly after each of ``times_`` (all of them within years to 2101)."""
        years = [t.year for t in times_]
        return dt.date(max(years) + 1, 6, 1)

    # ----------------------------------------------------------------- result

    def collection(self) -> ClaimSet:
        return ClaimSet(
            [*self.propositions, *self.agents, *self.outlets, *self.sources, *self.claims]
        )


_CLAIM_FIELDS = (
    "proposition",
    "claimant",
    "source",
    "stance",
    "confidence",
    "made_at",
    "text",
    "language",
    "credibility",
    "analytic_confidence",
    "supports",
    "contests",
)


def _contest(b: _Builder) -> None:
    """One proposition affirmed by one fresh claimant and denied by another."""
    proposition = b.fresh_proposition()
    affirming = [s for s in Stance.builtins() if s.polarity is Polarity.AFFIRMING]
    b.fresh_claim(b.draw(st.sampled_from(affirming)), proposition=proposition)
    b.fresh_claim(Stance.DENIAL, proposition=proposition)


def _chain(b: _Builder, depth: int) -> None:
    """A claim in a source that derives, through ``depth`` links, from a primary source."""
    day = b.day()
    source = b.fresh_source(published=day)
    for _ in range(depth):
        kind = b.draw(st.sampled_from(DerivationKind))
        day = day + dt.timedelta(days=b.draw(st.integers(min_value=0, max_value=3)))
        source = b.fresh_source(published=day, derived_from=[Derivation(source, kind)])
    b.fresh_claim(b.draw(stances()), source=source)


# --------------------------------------------------------------------------- breakers


def _break_claim_after_source(b: _Builder) -> None:
    day = b.day()
    b.fresh_claim(source=b.fresh_source(published=day), made_at=b.later(day))


def _break_derived_from_later(b: _Builder) -> None:
    day = b.day()
    upstream = b.fresh_source(published=b.later(day))
    kind = b.draw(st.sampled_from(DerivationKind))
    b.fresh_source(published=day, derived_from=[Derivation(upstream, kind)])


def _break_claim_after_retraction(b: _Builder) -> None:
    day = b.day()
    claimant, proposition = b.fresh_agent(), b.fresh_proposition()
    claim = b.fresh_claim(claimant=claimant, proposition=proposition, made_at=b.later(day))
    link = b.draw(st.sampled_from(("supports", "contests")))
    b.fresh_claim(
        Stance.RETRACTION,
        claimant=claimant,
        proposition=proposition,
        made_at=day,
        **{link: [claim]},
    )


def _break_link_to_later_claim(b: _Builder) -> None:
    day = b.day()
    proposition = b.fresh_proposition()
    claim = b.fresh_claim(proposition=proposition, made_at=b.later(day))
    link = b.draw(st.sampled_from(("supports", "contests")))
    stance = b.draw(st.sampled_from((Stance.DENIAL, Stance.ASSESSMENT, Stance.REPORT)))
    b.fresh_claim(stance, proposition=proposition, made_at=day, **{link: [claim]})


def _break_affirms_and_denies(b: _Builder) -> None:
    claimant, proposition = b.fresh_agent(), b.fresh_proposition()
    first = b.day()
    second = b.later(first)
    times_ = (first, second) if b.draw(st.booleans()) else (second, first)
    for stance, made_at in zip((Stance.STATEMENT, Stance.DENIAL), times_, strict=True):
        b.fresh_claim(stance, claimant=claimant, proposition=proposition, made_at=made_at)
    if b.draw(st.booleans()):  # a retraction, but after both, not between them
        b.fresh_claim(
            Stance.RETRACTION,
            claimant=claimant,
            proposition=proposition,
            made_at=b.after_all(first, second),
        )


def _break_shared_name(b: _Builder) -> None:
    if b.draw(st.booleans()):
        name, aliases = _namesake(b, b.fresh_outlet().name)
        b.outlets.append(Outlet(name=name, aliases=aliases))
    else:
        name, aliases = _namesake(b, b.fresh_agent().name)
        b.agents.append(Agent(name=name, kind=AgentKind.ORGANIZATION, aliases=aliases))


def _namesake(b: _Builder, name: str) -> tuple[str, list[str]]:
    """Another name and aliases that, up to case and spacing, include ``name``."""
    how = b.draw(st.sampled_from(("spacing", "case", "alias")))
    if how == "spacing":
        return "  " + name.replace(" ", "\t ") + " ", []
    if how == "case":
        return name.upper(), []
    return name + " (2)", [name.title()]


def _break_duplicate_claim(b: _Builder) -> None:
    first = b.fresh_claim(made_at=b.day())
    differ = b.draw(st.sampled_from(("time", "text", "language")))
    fields = {f: getattr(first, f) for f in _CLAIM_FIELDS}
    if differ == "time":
        fields["made_at"] = None
    elif differ == "text":
        fields["text"] = "in other words"
    else:
        fields["language"] = "fa"
    b.claims.append(Claim(**fields))


def _break_unconfirmed_confirmation(b: _Builder) -> None:
    proposition = b.fresh_proposition()
    b.fresh_claim(Stance.DENIAL, proposition=proposition)
    b.fresh_claim(Stance.REPORT, proposition=proposition, credibility=Credibility.CONFIRMED)


_PYTHON_BREAKERS: dict[str, Callable[[_Builder], None]] = {
    "PV301": _break_claim_after_source,
    "PV302": _break_derived_from_later,
    "PV303": _break_claim_after_retraction,
    "PV304": _break_link_to_later_claim,
    "PV401": _break_affirms_and_denies,
    "PV402": _break_shared_name,
    "PV403": _break_duplicate_claim,
    "PV404": _break_unconfirmed_confirmation,
}


@st.composite
def _claim_set(
    draw: st.DrawFn,
    *,
    min_claims: int,
    max_claims: int,
    contested: bool,
    chain_depth: int | None,
    broken: str | None,
) -> ClaimSet:
    b = _Builder(draw)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        b.propositions.append(draw(propositions()))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        b.add_agent()
    for _ in range(draw(st.integers(min_value=1, max_value=2))):
        b.add_outlet()
    if not b.agents:
        b.fresh_agent()
    if not b.outlets:
        b.fresh_outlet()
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        b.add_source()
    wanted = draw(st.integers(min_value=min_claims, max_value=max(min_claims, max_claims)))
    for _ in range(wanted * 2):
        if len(b.claims) >= wanted:
            break
        b.add_claim()
    while len(b.claims) < min_claims:
        b.fresh_claim(stance=draw(stances()))
    if contested:
        _contest(b)
    if chain_depth is not None:
        _chain(b, chain_depth)
    if broken is not None:
        _PYTHON_BREAKERS[broken](b)
    return b.collection()


def claim_sets(
    *,
    min_claims: int = 0,
    max_claims: int = 6,
    contested: bool = False,
    chain_depth: int | None = None,
    broken: str | None = None,
) -> st.SearchStrategy[ClaimSet]:
    """Collections of claims with every record they refer to, consistent unless ``broken``.

    A collection holds a few propositions, agents (some acting on behalf of others),
    outlets, sources (some derived from others) and between ``min_claims`` and
    ``max_claims`` claims drawn at random, several on one proposition, some supporting
    or contesting earlier ones; a drawn claim that would repeat one or contradict its
    claimant is left out. On top of those:

    * ``contested=True`` adds a proposition that one claimant affirms and another denies;
    * ``chain_depth=n`` adds a claim whose source derives from a primary source through
      ``n`` links (quoted, translated, derived, named as primary source);
    * ``broken="PV301"`` adds records that break that rule, and only that one, so
      :func:`provenance.check` reports exactly ``{"PV301"}``. Any rule that
      :func:`~provenance.check` raises can be broken here
      (``[r.code for r in Rule.catalogue() if r.python]``); the others cannot be held by
      a :class:`~provenance.ClaimSet` at all, and :func:`graphs` breaks them in RDF.
    """
    if broken is not None and broken not in _PYTHON_BREAKERS:
        Rule.from_code(broken)  # an unknown code raises KeyError
        raise ValueError(
            f"rule {broken} cannot be broken in a ClaimSet (the model refuses such data); "
            f"use graphs(broken={broken!r})"
        )
    if min_claims < 0 or max_claims < min_claims:
        raise ValueError(f"need 0 <= min_claims <= max_claims, got {min_claims}, {max_claims}")
    if chain_depth is not None and chain_depth < 0:
        raise ValueError(f"chain_depth is a number of links, 0 or more; got {chain_depth}")
    return _claim_set(
        min_claims=min_claims,
        max_claims=max_claims,
        contested=contested,
        chain_depth=chain_depth,
        broken=broken,
    )


# --------------------------------------------------------------------------- RDF

_PC = rdflib.Namespace("https://w3id.org/provenance-claims/vocab#")
_PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
_FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
_DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
_XSD = rdflib.namespace.XSD
_RDFS = rdflib.namespace.RDFS
_DCTERMS = rdflib.namespace.DCTERMS


class _Nodes:
    """The nodes of the claims a graph breaker works on, by their IRIs."""

    def __init__(self, claims: tuple[Claim, Claim], base: str) -> None:
        first, second = claims
        self.claim = rdflib.URIRef(iri(first, base))
        self.other = rdflib.URIRef(iri(second, base))
        self.proposition = rdflib.URIRef(iri(first.proposition, base))
        self.claimant = rdflib.URIRef(iri(first.claimant, base))
        self.other_claimant = rdflib.URIRef(iri(second.claimant, base))
        self.source = rdflib.URIRef(iri(first.source, base))
        self.other_source = rdflib.URIRef(iri(second.source, base))
        self.outlet = rdflib.URIRef(iri(first.source.outlet, base))
        self.other_outlet = rdflib.URIRef(iri(second.source.outlet, base))
        self.attribution = rdflib.URIRef(f"{self.claim}/attribution/outlet")


_Triple = tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node]
_Pattern = tuple[rdflib.term.Node, rdflib.term.Node, None]


class _Edit:
    """One way to break a rule in RDF: triples to take out and triples to put in."""

    def __init__(
        self,
        what: str,
        make: Callable[[_Nodes], tuple[Sequence[_Pattern], Sequence[_Triple]]],
    ) -> None:
        self.what = what
        self.make = make

    def __call__(self, graph: rdflib.Graph, nodes: _Nodes) -> None:
        remove, add = self.make(nodes)
        for pattern in remove:
            graph.remove(pattern)
        for triple in add:
            graph.add(triple)

    def __repr__(self) -> str:
        return f"<edit: {self.what}>"


def _decimal(text: str) -> rdflib.Literal:
    return rdflib.Literal(text, datatype=_XSD.decimal)


_MISSING = rdflib.URIRef("https://example.org/nothing/here")

_GRAPH_BREAKERS: dict[str, tuple[_Edit, ...]] = {
    "PV101": (
        _Edit("a proposition without text", lambda n: ([(n.proposition, _PC.statement, None)], [])),
        _Edit("a claim without stance", lambda n: ([(n.claim, _PC.stance, None)], [])),
        _Edit("an agent without name", lambda n: ([(n.claimant, _RDFS.label, None)], [])),
        _Edit("an outlet without kind", lambda n: ([(n.outlet, _PC.outletKind, None)], [])),
    ),
    "PV102": (
        _Edit(
            "a proposition with two texts",
            lambda n: ([], [(n.proposition, _PC.statement, rdflib.Literal("a second text"))]),
        ),
        _Edit("a claim with two stances", lambda n: ([], [(n.claim, _PC.stance, _PC.Assessment)])),
        _Edit(
            "a claim with two confidences",
            lambda n: (
                [],
                [
                    (n.claim, _PC.confidence, _decimal("0.5")),
                    (n.claim, _PC.confidence, _decimal("0.6")),
                ],
            ),
        ),
        _Edit(
            "an agent with two names",
            lambda n: ([], [(n.claimant, _RDFS.label, rdflib.Literal("a second name"))]),
        ),
    ),
    "PV103": (
        _Edit(
            "a confidence in words",
            lambda n: ([], [(n.claim, _PC.confidence, rdflib.Literal("high"))]),
        ),
        _Edit(
            "a blank statement",
            lambda n: (
                [(n.proposition, _PC.statement, None)],
                [(n.proposition, _PC.statement, rdflib.Literal(" \t"))],
            ),
        ),
        _Edit(
            "a language as a plain string",
            lambda n: ([], [(n.source, _DCTERMS.language, rdflib.Literal("en"))]),
        ),
        _Edit(
            "a date in words", lambda n: ([], [(n.claim, _DCTERMS.date, rdflib.Literal("soon"))])
        ),
    ),
    "PV104": (
        _Edit("a confidence of 1.5", lambda n: ([], [(n.claim, _PC.confidence, _decimal("1.5"))])),
        _Edit(
            "a confidence of -0.2", lambda n: ([], [(n.claim, _PC.confidence, _decimal("-0.2"))])
        ),
    ),
    "PV105": (
        _Edit(
            "0.3 and 'likely'",
            lambda n: (
                [],
                [
                    (n.claim, _PC.confidence, _decimal("0.3")),
                    (n.claim, _PC.estimativeTerm, _PC.Likely),
                ],
            ),
        ),
    ),
    "PV106": (
        _Edit(
            "a stance nobody describes",
            lambda n: (
                [(n.claim, _PC.stance, None)],
                [(n.claim, _PC.stance, rdflib.URIRef("https://example.org/undescribed"))],
            ),
        ),
        _Edit(
            "a stance in our namespace that the vocabulary lacks",
            lambda n: ([(n.claim, _PC.stance, None)], [(n.claim, _PC.stance, _PC.Rumour)]),
        ),
    ),
    "PV107": (
        _Edit(
            "a relative page IRI",
            lambda n: ([], [(n.source, _FOAF.page, rdflib.URIRef("news/erbil.html"))]),
        ),
        _Edit(
            "a home page without scheme",
            lambda n: ([], [(n.outlet, _FOAF.homepage, rdflib.URIRef("www.example.org"))]),
        ),
    ),
    "PV108": (
        _Edit(
            "an instant without time zone",
            lambda n: (
                [],
                [
                    (
                        n.claim,
                        _PROV.generatedAtTime,
                        rdflib.Literal("2021-02-16T10:00:00", datatype=_XSD.dateTime),
                    )
                ],
            ),
        ),
    ),
    "PV109": (
        _Edit(
            "credibility 9",
            lambda n: ([], [(n.claim, _PC.credibility, _PC.Credibility9)]),
        ),
        _Edit("the term 'certain'", lambda n: ([], [(n.claim, _PC.estimativeTerm, _PC.Certain)])),
        _Edit(
            "an outlet kind 'blog'",
            lambda n: ([(n.outlet, _PC.outletKind, None)], [(n.outlet, _PC.outletKind, _PC.Blog)]),
        ),
    ),
    "PV201": (
        _Edit(
            "a proposition that is not there",
            lambda n: ([(n.claim, _PC.proposition, None)], [(n.claim, _PC.proposition, _MISSING)]),
        ),
        _Edit("support for a missing claim", lambda n: ([], [(n.claim, _PC.supports, _MISSING)])),
        _Edit(
            "a quotation of a missing source",
            lambda n: ([], [(n.source, _PROV.wasQuotedFrom, _MISSING)]),
        ),
        _Edit(
            "acting for a missing agent",
            lambda n: ([], [(n.claimant, _PROV.actedOnBehalfOf, _MISSING)]),
        ),
    ),
    "PV202": (
        _Edit(
            "claims that support and contest each other",
            lambda n: (
                [],
                [(n.claim, _PC.supports, n.other), (n.other, _PC.contests, n.claim)],
            ),
        ),
        _Edit(
            "sources derived from each other",
            lambda n: (
                [],
                [
                    (n.source, _PROV.wasDerivedFrom, n.other_source),
                    (n.other_source, _PROV.wasQuotedFrom, n.source),
                ],
            ),
        ),
        _Edit(
            "agents acting for each other",
            lambda n: (
                [],
                [
                    (n.claimant, _PROV.actedOnBehalfOf, n.other_claimant),
                    (n.other_claimant, _PROV.actedOnBehalfOf, n.claimant),
                ],
            ),
        ),
    ),
    "PV203": (
        _Edit(
            "a claim that supports and contests another",
            lambda n: ([], [(n.claim, _PC.supports, n.other), (n.claim, _PC.contests, n.other)]),
        ),
    ),
    "PV204": (
        _Edit("a claim contesting itself", lambda n: ([], [(n.claim, _PC.contests, n.claim)])),
        _Edit(
            "a source translated from itself",
            lambda n: ([], [(n.source, _PC.wasTranslatedFrom, n.source)]),
        ),
        _Edit(
            "an agent acting for itself",
            lambda n: ([], [(n.claimant, _PROV.actedOnBehalfOf, n.claimant)]),
        ),
    ),
    "PV205": (
        _Edit(
            "a claim attributed to another source's outlet",
            lambda n: (
                [(n.attribution, _PROV.agent, None)],
                [(n.attribution, _PROV.agent, n.other_outlet)],
            ),
        ),
    ),
}


@st.composite
def _graph(
    draw: st.DrawFn, *, base: str, broken: str | None, options: dict[str, object]
) -> rdflib.Graph:
    python_broken = broken if broken in _PYTHON_BREAKERS else None
    claims = draw(claim_sets(broken=python_broken, **options))  # type: ignore[arg-type]
    if broken is None or python_broken is not None:
        return to_graph(claims, base=base)
    # Two claims of records of their own, for the edits to work on.
    b = _Builder(draw)
    b.agent_keys = {_key(n) for a in claims.agents for n in (a.name, *a.aliases)}
    b.outlet_keys = {_key(n) for o in claims.outlets for n in (o.name, *o.aliases)}
    b.propositions = list(claims.propositions)
    first, second = b.fresh_claim(), b.fresh_claim()
    extra = ClaimSet([first, second])
    graph = to_graph(claims, base=base)
    for triple in to_graph(extra, base=base):
        graph.add(triple)
    edit = draw(st.sampled_from(_GRAPH_BREAKERS[broken]))
    edit(graph, _Nodes((first, second), base))
    return graph


def graphs(
    *, base: str = DEFAULT_BASE, broken: str | None = None, **options: object
) -> st.SearchStrategy[rdflib.Graph]:
    """RDF graphs of collections, as :func:`~provenance.to_graph` writes them.

    Valid by default; the ``options`` are those of :func:`claim_sets`. ``broken`` names
    any rule of the catalogue: rules a collection can break are broken as
    :func:`claim_sets` breaks them; the structure and reference rules, which only RDF
    can break, by editing the triples of two claims added for the purpose (a missing
    statement, a confidence of 1.5, a link to nothing, a source quoting itself…), so
    that :func:`provenance.validate_graph` reports exactly that code.
    """
    if broken is not None and broken not in _PYTHON_BREAKERS and broken not in _GRAPH_BREAKERS:
        Rule.from_code(broken)
        raise ValueError(f"no way to break rule {broken} is known")  # pragma: no cover
    return _graph(base=base, broken=broken, options=options)
