"""Views of a collection an analyst reads: the sides of a proposition, a claim's chain.

:class:`Sides` puts the claims on one proposition side by side — those that affirm it,
those that deny it, and the others (retractions, neutral stances) — each side grouped by
stance, each claim shown with its claimant, outlet, date and confidence.

:class:`ReportingChain` follows one claim from where it was read to where it started:
the sources that carried it onward (a digest citing a news agency), the source it
appears in, the sources that one took it from out to the primary source, the claimant,
and the earlier claims on the same proposition that the claimant passed on (the
"informed sources" a spokesman cites). Where a chain forks (a digest citing two agencies)
it follows the branch that records the same claimant's word on the same proposition, the
one named as primary source, or else stops at the fork rather than guess.

Both are built by :meth:`provenance.ClaimSet.sides` and
:meth:`provenance.ClaimSet.reporting_chain`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from ._model import (
    Agent,
    Claim,
    Confidence,
    DerivationKind,
    Outlet,
    Polarity,
    Proposition,
    Source,
    Stance,
)
from ._selection import claim_time
from ._values import Time, time_bounds, time_lexical

if TYPE_CHECKING:
    from ._collection import ClaimSet

__all__ = ["Position", "ReportingChain", "Sides", "StanceGroup", "reporting_chain", "span"]


_US = dt.timedelta(microseconds=1)
_ORIGIN = dt.datetime(1, 1, 1)


def span(value: Time) -> tuple[int, int]:
    """The first and last microsecond (counted from 0001-01-01T00:00Z) ``value`` can mean.

    Days, months and years are read in UTC, as :func:`~provenance._values.time_bounds`
    reads them; an instant is counted from its own offset, so that one at the very start
    of year 1 east of Greenwich (before 0001-01-01 in UTC) neither overflows nor fails.
    Views sort by it, and the checker's time rules compare with it.
    """
    if isinstance(value, dt.datetime):
        offset = value.utcoffset() or dt.timedelta(0)
        instant = (value.replace(tzinfo=None) - _ORIGIN) // _US - offset // _US
        return instant, instant
    low, high = time_bounds(value)
    return (low.replace(tzinfo=None) - _ORIGIN) // _US, (high.replace(tzinfo=None) - _ORIGIN) // _US


@attrs.frozen
class Position:
    """One claim as a line of a view: who said it, through which outlet, when, how sure.

    ``when`` is the time the claim was made or, where the source does not say, the time
    its source was published.
    """

    claim: Claim
    claimant: Agent
    outlet: Outlet
    stance: Stance
    when: Time | None
    confidence: Confidence | None

    @classmethod
    def of(cls, claim: Claim) -> Position:
        """The line for ``claim``."""
        return cls(
            claim=claim,
            claimant=claim.claimant,
            outlet=claim.source.outlet,
            stance=claim.stance,
            when=claim_time(claim),
            confidence=claim.confidence,
        )

    def __str__(self) -> str:
        when = "" if self.when is None else f", {time_lexical(self.when)}"
        sure = ""
        if self.confidence is not None:
            c = self.confidence
            parts = [
                str(p)
                for p in (c.term.label if c.term else None, c.value, c.wording)
                if p is not None
            ]
            sure = f" [{', '.join(parts)}]"
        return f"{self.stance.label}: {self.claimant.name}, via {self.outlet.name}{when}{sure}"


@attrs.frozen
class StanceGroup:
    """The claims on one side of a proposition that take one stance, earliest first."""

    stance: Stance
    positions: tuple[Position, ...]


def _time_order(position: Position) -> tuple[int, tuple[int, int]]:
    # unknown times last; known ones by their first moment, then their last
    if position.when is None:
        return (1, (0, 0))
    return (0, span(position.when))


def _group(claims: Iterable[Claim]) -> tuple[StanceGroup, ...]:
    """Claims grouped by stance: built-in stances in the vocabulary's order, then others
    by label; within a group, by time (the order added breaks ties)."""
    by_stance: dict[Stance, list[Position]] = {}
    for claim in claims:
        by_stance.setdefault(claim.stance, []).append(Position.of(claim))
    builtin = {s: i for i, s in enumerate(Stance.builtins())}
    ordered = sorted(
        by_stance,
        key=lambda s: (0, builtin[s], "", "") if s in builtin else (1, 0, s.label, s.iri),
    )
    return tuple(
        StanceGroup(stance, tuple(sorted(by_stance[stance], key=_time_order))) for stance in ordered
    )


@attrs.frozen
class Sides:
    """The claims on one proposition side by side, each side grouped by stance.

    >>> import provenance as pv
    >>> p = pv.Proposition("Iran was involved in the attack.")
    >>> fars = pv.Source(outlet=pv.Outlet(name="Fars"))
    >>> claims = pv.ClaimSet([
    ...     pv.Claim(proposition=p, claimant=pv.Agent(name="a militia"), source=fars,
    ...              stance="claim of responsibility"),
    ...     pv.Claim(proposition=p, claimant=pv.Agent(name="Said Khatibzadeh"), source=fars,
    ...              stance="denial"),
    ... ])
    >>> print(claims.sides(p))
    Iran was involved in the attack. (contested)
      affirming
        claim of responsibility: a militia, via Fars
      denying
        denial: Said Khatibzadeh, via Fars
    """

    proposition: Proposition
    affirming: tuple[StanceGroup, ...]
    denying: tuple[StanceGroup, ...]
    other: tuple[StanceGroup, ...]
    """Claims that neither affirm nor deny: retractions and neutral stances."""

    @classmethod
    def of(cls, proposition: Proposition, claims: Iterable[Claim]) -> Sides:
        """The sides of ``proposition`` among ``claims`` (all of them about it)."""
        sides: dict[Polarity, list[Claim]] = {p: [] for p in Polarity}
        for claim in claims:
            sides[claim.stance.polarity].append(claim)
        return cls(
            proposition,
            _group(sides[Polarity.AFFIRMING]),
            _group(sides[Polarity.DENYING]),
            _group([*sides[Polarity.WITHDRAWING], *sides[Polarity.NEUTRAL]]),
        )

    @property
    def contested(self) -> bool:
        """Whether some claims affirm the proposition and others deny it."""
        return bool(self.affirming and self.denying)

    def __str__(self) -> str:
        lines = [self.proposition.text + (" (contested)" if self.contested else "")]
        for name, groups in (
            ("affirming", self.affirming),
            ("denying", self.denying),
            ("other", self.other),
        ):
            if groups:
                lines.append(f"  {name}")
                lines += [f"    {p}" for g in groups for p in g.positions]
        return "\n".join(lines)


@attrs.frozen
class ReportingChain:
    """How a claim reached the reader, from the outermost report to where it started.

    * ``reported_in``: the sources that carried the claim's source onward, outermost
      first (the digest that cites the agency's report);
    * ``sources``: the source the claim appears in, then each source that one took its
      content from, out to the primary source, with ``links[i]`` saying how
      ``sources[i]`` took from ``sources[i + 1]`` (quoted, translated…);
    * ``claimant``: who made the claim;
    * ``relayed``: the earlier claims on the same proposition that the claim passes on,
      each supported by the one before (the anonymous sources a spokesman cites).
    """

    claim: Claim
    reported_in: tuple[Source, ...]
    sources: tuple[Source, ...]
    links: tuple[DerivationKind, ...]
    claimant: Agent
    relayed: tuple[Claim, ...]

    @property
    def steps(self) -> tuple[str, ...]:
        """Each step in words: outlets with their dates, then the people."""

        def source(s: Source) -> str:
            when = "" if s.published is None else f" ({time_lexical(s.published)})"
            return s.outlet.name + when

        return (
            *map(source, self.reported_in),
            *map(source, self.sources),
            self.claimant.name,
            *(c.claimant.name for c in self.relayed),
        )

    def __str__(self) -> str:
        return " → ".join(self.steps)


def _follow(start: Source, step: Callable[[Source], Source | None]) -> list[Source]:
    seen = {start}
    chain: list[Source] = []
    current: Source | None = step(start)
    while current is not None and current not in seen:
        seen.add(current)
        chain.append(current)
        current = step(current)
    return chain


def _only(candidates: Sequence[Source], holds: Callable[[Source], bool]) -> Source | None:
    """The one candidate; else the one candidate that holds the claim too; else none."""
    if len(candidates) == 1:
        return candidates[0]
    relevant = [c for c in candidates if holds(c)]
    return relevant[0] if len(relevant) == 1 else None


def reporting_chain(claims: ClaimSet, claim: Claim) -> ReportingChain:
    """The chain of ``claim`` within ``claims``; see :class:`ReportingChain`."""
    proposition, claimant = claim.proposition, claim.claimant

    def holds(source: Source) -> bool:
        """Whether the source records the claimant's word on the proposition too."""
        return any(
            c.proposition == proposition and c.claimant == claimant
            for c in claims.by_source(source)
        )

    def downstream(source: Source) -> Source | None:
        return _only(claims.derived_by(source), holds)

    kinds: list[DerivationKind] = []

    def upstream(source: Source) -> Source | None:
        links = list(source.derived_from)
        primary = [d for d in links if d.kind is DerivationKind.PRIMARY_SOURCE]
        chosen = primary if len(primary) == 1 else links
        found = _only([d.source for d in chosen], holds)
        if found is not None:
            kinds.append(next(d.kind for d in chosen if d.source == found))
        return found

    reported_in = _follow(claim.source, downstream)
    sources = [claim.source, *_follow(claim.source, upstream)]
    del kinds[len(sources) - 1 :]  # a link found but not taken (a cycle) adds no step

    relayed: list[Claim] = []
    seen = {claim}
    current = claim
    while True:
        passed_on = [c for c in current.supports if c.proposition == proposition]
        if len(passed_on) != 1 or passed_on[0] in seen:
            break
        current = passed_on[0]
        seen.add(current)
        relayed.append(current)
    return ReportingChain(
        claim=claim,
        reported_in=tuple(reversed(reported_in)),
        sources=tuple(sources),
        links=tuple(kinds),
        claimant=claim.claimant,
        relayed=tuple(relayed),
    )
