"""The builder that draws the records of one collection, keeping what makes each unique.

Drawn records go through the builder so that a collection never holds two different
records of one identity (the model refuses that), and, when it is to be consistent,
never breaks a rule of the checker: no claim after its source, no source derived from
a later one, no claimant on both sides, no shared name, no claim recorded twice. The
``fresh_*`` methods add records of fresh, readable names (``"agent 3"``) for the parts
of a collection that options and breakers put in on purpose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from typing import TypeVar

from hypothesis import strategies as st

from .._collection import ClaimSet
from .._derive import time_key
from .._model import (
    Agent,
    AgentKind,
    Claim,
    Derivation,
    DerivationKind,
    Outlet,
    OutletKind,
    Polarity,
    Proposition,
    Source,
    Stance,
)
from .._values import Time, Year, YearMonth
from ..check import certainly_after
from ..scales import AnalyticConfidence, Credibility
from ._records import confidences, grade_sets, propositions, stances
from ._values import languages, names, optional, texts, times, urls

__all__ = ["CLAIM_FIELDS", "Builder", "name_key", "pick"]

T = TypeVar("T")

CLAIM_FIELDS = (
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
"""A claim's fields, for breakers that copy a claim with one of them changed."""

# Strategies drawn from at every record, built once: building one costs more than a draw.
_AGENT_KINDS = st.sampled_from(AgentKind)
_OUTLET_KINDS = st.sampled_from(OutletKind)
_DERIVATION_KINDS = st.sampled_from(DerivationKind)
_CREDIBILITIES = optional(st.sampled_from(Credibility))
_ANALYTIC_CONFIDENCES = optional(st.sampled_from(AnalyticConfidence))

_OPPOSITE = {Polarity.AFFIRMING: Polarity.DENYING, Polarity.DENYING: Polarity.AFFIRMING}


def name_key(name: str) -> str:
    """A name as the checker compares names: case and runs of spaces folded."""
    return " ".join(name.lower().split())


def pick(draw: st.DrawFn, pool: Sequence[T]) -> T:
    """One of ``pool``, drawn by index: cheaper than a fresh ``sampled_from`` per draw."""
    return pool[draw(st.integers(min_value=0, max_value=len(pool) - 1))]


def _indices(draw: st.DrawFn, size: int, max_size: int) -> list[int]:
    return draw(st.lists(st.integers(min_value=0, max_value=size - 1), max_size=max_size))


class Builder:
    """Draws the records of one collection, consistent (the default) or merely valid."""

    def __init__(self, draw: st.DrawFn, *, consistent: bool = True) -> None:
        self.draw = draw
        self.consistent = consistent
        self.propositions: list[Proposition] = []
        self.agents: list[Agent] = []
        self.outlets: list[Outlet] = []
        self.sources: list[Source] = []
        self.claims: list[Claim] = []
        self.custom_stances: list[Stance] = []
        self.agent_keys: set[str] = set()
        """Names and aliases of agents, as :func:`name_key` folds them."""
        self.outlet_keys: set[str] = set()
        self.agent_ids: set[tuple[AgentKind, str]] = set()
        """What identifies each agent: two different agents of one identity clash."""
        self.outlet_ids: set[str] = set()
        self.source_keys: set[Hashable] = set()
        self.claim_keys: set[Hashable] = set()
        self.sides: dict[tuple[Agent, Proposition], set[Polarity]] = {}
        self.counter = 0

    # ----------------------------------------------------------------- drawn records

    def names(self, taken: set[str]) -> tuple[str, list[str]] | None:
        """A name and aliases; when consistent, keys no other record of the kind uses.

        Their keys are taken either way, so that no fresh name is one of them."""
        name = self.draw(names())
        aliases = self.draw(st.lists(names(), max_size=2))
        if not self.consistent:
            taken.update(name_key(n) for n in (name, *aliases))
            return name, aliases
        if name_key(name) in taken:
            return None
        keys = {name_key(name)}
        kept = []
        for alias in aliases:
            if name_key(alias) not in taken and name_key(alias) not in keys:
                keys.add(name_key(alias))
                kept.append(alias)
        taken |= keys
        return name, kept

    def add_agent(self) -> None:
        drawn = self.names(self.agent_keys)
        if drawn is None:
            return
        name, aliases = drawn
        kind = self.draw(_AGENT_KINDS)
        if (kind, name) in self.agent_ids:
            return
        self.agent_ids.add((kind, name))
        self.agents.append(
            Agent(
                name=name,
                kind=kind,
                aliases=aliases,
                on_behalf_of=pick(self.draw, [None, *self.agents]),
                description=self.draw(optional(texts())),
                reliability=self.draw(grade_sets()),
            )
        )

    def add_outlet(self) -> None:
        drawn = self.names(self.outlet_keys)
        if drawn is None or drawn[0] in self.outlet_ids:
            return
        name, aliases = drawn
        self.outlet_ids.add(name)
        self.outlets.append(
            Outlet(
                name=name,
                kind=self.draw(_OUTLET_KINDS),
                aliases=aliases,
                url=self.draw(optional(urls())),
                language=self.draw(optional(languages())),
                reliability=self.draw(grade_sets()),
                description=self.draw(optional(texts())),
            )
        )

    def add_custom_stance(self) -> None:
        """A stance of the collection's own: claims draw from these and the built-in ones,
        so that no two stances of the collection share an IRI."""
        stance = self.draw(stances(builtin=False))
        if all(stance.iri != s.iri for s in self.custom_stances):
            self.custom_stances.append(stance)

    def stance(self) -> Stance:
        """A built-in stance, or one of the collection's own."""
        builtins = Stance.builtins()
        return pick(self.draw, [*builtins, *self.custom_stances])

    def add_source(self) -> None:
        published = self.draw(optional(times()))
        derived = []
        if self.sources:
            links = st.tuples(
                st.integers(min_value=0, max_value=len(self.sources) - 1),
                _DERIVATION_KINDS,
            )
            for i, kind in self.draw(st.lists(links, max_size=3)):
                upstream = self.sources[i]
                if (
                    not self.consistent
                    or published is None
                    or upstream.published is None
                    or not certainly_after(upstream.published, published)
                ):
                    derived.append(Derivation(upstream, kind))
        self.keep_source(
            Source(
                outlet=pick(self.draw, self.outlets),
                published=published,
                title=self.draw(optional(texts())),
                url=self.draw(optional(urls())),
                language=self.draw(optional(languages())),
                derived_from=derived,
            )
        )

    def keep_source(self, source: Source) -> bool:
        """Keep a source unless one of the same identity is kept already."""
        key = (
            source.outlet.name,
            time_key(source.published),
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
        source = pick(self.draw, self.sources)
        made_at = self.draw(optional(times()))
        stance = self.stance()
        credibility = self.draw(_CREDIBILITIES)
        if self.consistent:
            if (
                made_at is not None
                and source.published is not None
                and certainly_after(made_at, source.published)
            ):
                made_at = None
            if credibility is Credibility.CONFIRMED and stance.iri != Stance.CONFIRMATION.iri:
                credibility = Credibility.PROBABLY_TRUE
        supports = self.earlier(made_at, source)
        contests = self.earlier(made_at, source) - supports
        self.keep_claim(
            Claim(
                proposition=pick(self.draw, self.propositions),
                claimant=pick(self.draw, self.agents),
                source=source,
                stance=stance,
                confidence=self.draw(optional(confidences())),
                made_at=made_at,
                text=self.draw(optional(texts())),
                language=self.draw(optional(languages())),
                credibility=credibility,
                analytic_confidence=self.draw(_ANALYTIC_CONFIDENCES),
                supports=supports,
                contests=contests,
            )
        )

    def earlier(self, made_at: Time | None, source: Source) -> frozenset[Claim]:
        """Some claims drawn before; when consistent, none made certainly after this one."""
        if not self.claims:
            return frozenset()
        picked = (self.claims[i] for i in _indices(self.draw, len(self.claims), 2))
        latest = made_at if made_at is not None else source.published
        if not self.consistent or latest is None:
            return frozenset(picked)
        return frozenset(
            c for c in picked if c.made_at is None or not certainly_after(c.made_at, latest)
        )

    def keep_claim(self, claim: Claim) -> bool:
        """Keep a claim unless it shares an identity with one kept already or, when
        consistent, repeats one in other words or at another time, or flips its
        claimant's side."""
        if self.consistent:
            key: Hashable = (claim.proposition, claim.claimant, claim.stance.iri, claim.source)
        else:
            key = (
                claim.proposition,
                claim.claimant,
                claim.source,
                claim.stance.iri,
                time_key(claim.made_at),
                claim.text,
                claim.language,
            )
        if key in self.claim_keys:
            return False
        if self.consistent:
            polarity = claim.stance.polarity
            sides = self.sides.setdefault((claim.claimant, claim.proposition), set())
            if _OPPOSITE.get(polarity) in sides:
                return False
            sides.add(polarity)
        self.claim_keys.add(key)
        self.claims.append(claim)
        return True

    # ----------------------------------------------------------------- fresh records

    def fresh(self, stem: str, taken: set[str]) -> str:
        """A name no record of the kind has, such as ``"agent 3"``; mostly ASCII, so
        that what a failing example shows is easy to read."""
        while True:
            self.counter += 1
            name = f"{stem} {self.counter}"
            if name_key(name) not in taken:
                taken.add(name_key(name))
                return name

    def fresh_agent(self, kind: AgentKind = AgentKind.PERSON) -> Agent:
        agent = Agent(name=self.fresh("agent", self.agent_keys), kind=kind)
        self.agent_ids.add((kind, agent.name))
        self.agents.append(agent)
        return agent

    def fresh_outlet(self) -> Outlet:
        outlet = Outlet(name=self.fresh("outlet", self.outlet_keys))
        self.outlet_ids.add(outlet.name)
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

    # ----------------------------------------------------------------- times

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

    def draw_parts(self) -> None:
        """The propositions, agents, outlets, stances and sources the claims draw from:
        at least one of each but stances, and some that no claim may use."""
        for _ in range(self.draw(st.integers(min_value=1, max_value=3))):
            self.propositions.append(self.draw(propositions()))
        for _ in range(self.draw(st.integers(min_value=1, max_value=4))):
            self.add_agent()
        for _ in range(self.draw(st.integers(min_value=1, max_value=3))):
            self.add_outlet()
        for _ in range(self.draw(st.integers(min_value=0, max_value=2))):
            self.add_custom_stance()
        if not self.agents:
            self.fresh_agent()
        if not self.outlets:
            self.fresh_outlet()
        for _ in range(self.draw(st.integers(min_value=1, max_value=4))):
            self.add_source()

    def collection(self) -> ClaimSet:
        return ClaimSet(
            [*self.propositions, *self.agents, *self.outlets, *self.sources, *self.claims]
        )
