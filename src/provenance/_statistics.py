"""Counts over a collection: how many of each record, and claims by stance, outlet,
claimant and the length of the chain of sources behind them.

:func:`statistics` gives what ``provenance stats`` prints, as a :class:`Statistics`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from typing import TypeVar

import attrs

from ._collection import ClaimSet
from ._model import Source
from .errors import ValidationError

__all__ = ["Statistics", "chain_depth", "statistics"]

_K = TypeVar("_K", bound=Hashable)


@attrs.frozen(kw_only=True)
class Statistics:
    """How many records a collection holds, and how its claims divide.

    Each ``by_…`` field lists ``(key, number of claims)`` pairs, the most common first and
    ties in the order of their keys.
    """

    claims: int
    propositions: int
    agents: int
    outlets: int
    sources: int
    contested: int
    """The propositions that some claims affirm and others deny."""
    by_stance: tuple[tuple[str, int], ...]
    """Claims by their stance's label."""
    by_outlet: tuple[tuple[str, int], ...]
    """Claims by the name of the outlet that published their source."""
    by_claimant: tuple[tuple[str, int], ...]
    """Claims by their claimant's name."""
    by_chain_depth: tuple[tuple[int, int], ...]
    """Claims by the depth of the chain of sources behind them: the number of sources on
    the longest chain of derivations from the claim's source down, that source included
    (1 for a source that took its content from no other, 2 for one that quotes such a
    source, and so on)."""


def chain_depth(source: Source) -> int:
    """The number of sources on the longest chain of derivations from ``source`` down,
    ``source`` included: 1 when it takes its content from no other source.

    Followed without recursion, so a chain of any length is measured; a source reached
    by several paths is measured once.
    """
    depths: dict[Source, int] = {}
    stack: list[tuple[Source, bool]] = [(source, False)]
    while stack:
        current, ready = stack.pop()
        if current in depths:
            continue
        if ready:
            depths[current] = 1 + max((depths[d.source] for d in current.derived_from), default=0)
            continue
        stack.append((current, True))
        stack.extend((d.source, False) for d in current.derived_from if d.source not in depths)
    return depths[source]


def _ranked(counter: Counter[_K]) -> tuple[tuple[_K, int], ...]:
    return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def statistics(claims: ClaimSet) -> Statistics:
    """Count the records of ``claims`` and divide its claims by stance, outlet, claimant
    and chain depth.

    >>> import provenance as pv
    >>> fars = pv.Source(outlet=pv.Outlet(name="Fars"))
    >>> digest = pv.Source(outlet=pv.Outlet(name="ITIC"), derived_from=[fars])
    >>> p = pv.Proposition("Iran was involved in the attack.")
    >>> stats = pv.statistics(pv.ClaimSet([
    ...     pv.Claim(proposition=p, claimant=pv.Agent(name="Said Khatibzadeh"),
    ...              source=fars, stance="denial"),
    ...     pv.Claim(proposition=p, claimant=pv.Agent(name="ITIC"), source=digest,
    ...              stance="assessment"),
    ... ]))
    >>> stats.claims, stats.sources, stats.contested
    (2, 2, 1)
    >>> stats.by_chain_depth
    ((1, 1), (2, 1))
    """
    if not isinstance(claims, ClaimSet):
        raise ValidationError("statistics", "claims", claims, "a ClaimSet")
    depths: dict[Source, int] = {}

    def depth(source: Source) -> int:
        found = depths.get(source)
        if found is None:
            found = depths[source] = chain_depth(source)
        return found

    return Statistics(
        claims=len(claims),
        propositions=len(claims.propositions),
        agents=len(claims.agents),
        outlets=len(claims.outlets),
        sources=len(claims.sources),
        contested=len(claims.contested()),
        by_stance=_ranked(Counter(c.stance.label for c in claims)),
        by_outlet=_ranked(Counter(c.outlet.name for c in claims)),
        by_claimant=_ranked(Counter(c.claimant.name for c in claims)),
        by_chain_depth=_ranked(Counter(depth(c.source) for c in claims)),
    )
