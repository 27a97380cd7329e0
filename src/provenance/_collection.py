"""The collection: claims with their propositions, agents, outlets and sources.

A :class:`ClaimSet` gathers everything a claim refers to (its proposition, claimant
and the agents they act for, its source and the chain of sources behind it, the
claims it supports or contests) so that one ``add`` is enough, and keeps indexes for
the look-ups analysts make: by proposition, claimant, outlet and stance, and the
propositions that are contested.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping

import attrs

from ._iri import Record, digest, iri
from ._model import Agent, Claim, Outlet, Polarity, Proposition, Source, Stance
from ._views import ReportingChain, Sides, reporting_chain
from .errors import ConflictError, ValidationError

__all__ = ["ClaimSet", "Contest"]


@attrs.frozen
class Contest:
    """A proposition that some claims affirm and others deny, with the claims on each side."""

    proposition: Proposition
    affirming: tuple[Claim, ...]
    denying: tuple[Claim, ...]
    other: tuple[Claim, ...]
    """Claims on the proposition that neither affirm nor deny it (retractions, neutral stances)."""


class ClaimSet:
    """A set of claims and every record they refer to, with look-ups.

    >>> from provenance import Agent, Claim, Outlet, Proposition, Source, Stance
    >>> fars = Source(outlet=Outlet(name="Fars", kind="news agency"))
    >>> p = Proposition("Iran was involved in the attack.")
    >>> claims = ClaimSet([Claim(proposition=p, claimant=Agent(name="Said Khatibzadeh"),
    ...                          source=fars, stance=Stance.DENIAL)])
    >>> len(claims), len(claims.by_proposition(p))
    (1, 1)

    Records are kept in the order they were first added. Adding a record equal to
    one already held changes nothing; adding a *different* record with the same
    identity (and so the same IRI) raises :class:`~provenance.errors.ConflictError`.
    """

    def __init__(self, records: Iterable[Record] = ()) -> None:
        self._digests: dict[Record, str] = {}
        self._by_identity: dict[str, Record] = {}
        """Records by digest: two kinds never share one, as a digest covers the kind."""
        self._claims: dict[Claim, None] = {}
        self._propositions: dict[Proposition, None] = {}
        self._agents: dict[Agent, None] = {}
        self._outlets: dict[Outlet, None] = {}
        self._sources: dict[Source, None] = {}
        self._by_proposition: defaultdict[Proposition, list[Claim]] = defaultdict(list)
        self._by_claimant: defaultdict[Agent, list[Claim]] = defaultdict(list)
        self._by_outlet: defaultdict[Outlet, list[Claim]] = defaultdict(list)
        self._by_stance: defaultdict[Stance, list[Claim]] = defaultdict(list)
        self._stance_by_iri: dict[str, Stance] = {}
        self._by_source: defaultdict[Source, list[Claim]] = defaultdict(list)
        self._derived_by: defaultdict[Source, list[Source]] = defaultdict(list)
        self._tables: dict[type, dict[object, None]] = {
            Claim: self._claims,  # type: ignore[dict-item]
            Proposition: self._propositions,  # type: ignore[dict-item]
            Agent: self._agents,  # type: ignore[dict-item]
            Outlet: self._outlets,  # type: ignore[dict-item]
            Source: self._sources,  # type: ignore[dict-item]
        }
        self.update(records)

    # ------------------------------------------------------------------ building

    def add(self, record: Record) -> None:
        """Add a record and everything it refers to."""
        if record in self._table(record):
            return
        # Refer-to records first, so a claim's parts are always present before it.
        stack: list[Record] = [record]
        while stack:
            item = stack[-1]
            missing = self._missing(item)
            if missing:
                stack.extend(missing)
                continue
            stack.pop()
            if item not in self._table(item):
                self._insert(item)

    def _missing(self, record: Record) -> list[Record]:
        """The records ``record`` refers to directly that are not held yet."""
        if record.__class__ is Claim:
            claim: Claim = record
            if (
                claim.proposition in self._propositions
                and claim.claimant in self._agents
                and claim.source in self._sources
                and not claim.supports
                and not claim.contests
            ):
                return []
        return [p for p in _parts(record, self._digests) if p not in self._table(p)]

    def update(self, records: Iterable[Record]) -> None:
        """Add each of ``records``."""
        for record in records:
            self.add(record)

    def _holds(self, record: Record) -> bool:
        return record in self._table(record)

    def _table(self, record: object) -> dict[object, None]:
        table = self._tables.get(type(record))
        if table is None:
            table = next((t for k, t in self._tables.items() if isinstance(record, k)), None)
            if table is None:
                raise ValidationError(
                    "ClaimSet", "record", record, "a Claim, Proposition, Agent, Outlet or Source"
                )
        return table

    def _insert(self, record: Record) -> None:
        key = digest(record, self._digests)
        held = self._by_identity.get(key)
        if held is not None and held != record:
            fields = tuple(
                f.name
                for f in attrs.fields(type(record))
                if f.init and getattr(held, f.name) != getattr(record, f.name)
            )
            raise ConflictError(iri(record, cache=self._digests), held, record, fields=fields)
        if isinstance(record, Claim):
            # one IRI, one stance: RDF could not keep two definitions of a custom stance apart
            stance = self._stance_by_iri.setdefault(record.stance.iri, record.stance)
            if stance is not record.stance and stance != record.stance:
                raise ConflictError(
                    stance.iri,
                    stance,
                    record.stance,
                    fields=tuple(
                        name
                        for name in ("label", "polarity")
                        if getattr(stance, name) != getattr(record.stance, name)
                    ),
                )
        self._by_identity[key] = record
        self._table(record)[record] = None
        if isinstance(record, Claim):
            self._by_proposition[record.proposition].append(record)
            self._by_claimant[record.claimant].append(record)
            self._by_outlet[record.source.outlet].append(record)
            self._by_stance[record.stance].append(record)
            self._by_source[record.source].append(record)
        elif isinstance(record, Source):
            for link in record.derived_from:
                self._derived_by[link.source].append(record)

    # ------------------------------------------------------------------ views

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Every claim, in the order added."""
        return tuple(self._claims)

    @property
    def propositions(self) -> tuple[Proposition, ...]:
        """Every proposition, claimed or not."""
        return tuple(self._propositions)

    @property
    def agents(self) -> tuple[Agent, ...]:
        """Every agent: claimants and the agents they act for."""
        return tuple(self._agents)

    @property
    def outlets(self) -> tuple[Outlet, ...]:
        """Every outlet."""
        return tuple(self._outlets)

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source, including those only reached through another's derivations."""
        return tuple(self._sources)

    @property
    def records(self) -> tuple[Record, ...]:
        """Every record of every kind."""
        return (
            *self._propositions,
            *self._agents,
            *self._outlets,
            *self._sources,
            *self._claims,
        )

    def digests(self) -> Mapping[Record, str]:
        """The digest of every record held, the last segment of its IRI under any base.

        Worked out as records are added; writers reuse it rather than hashing every
        record again. It is the collection's own table: read it, do not change it.
        """
        return self._digests

    def by_proposition(self, proposition: Proposition) -> tuple[Claim, ...]:
        """The claims made about ``proposition``."""
        return tuple(self._by_proposition.get(proposition, ()))

    def by_claimant(self, claimant: Agent) -> tuple[Claim, ...]:
        """The claims ``claimant`` made."""
        return tuple(self._by_claimant.get(claimant, ()))

    def by_outlet(self, outlet: Outlet) -> tuple[Claim, ...]:
        """The claims that appeared in a source published by ``outlet``."""
        return tuple(self._by_outlet.get(outlet, ()))

    def by_stance(self, stance: Stance | str) -> tuple[Claim, ...]:
        """The claims taking ``stance`` (a :class:`Stance` or a built-in stance's name)."""
        if isinstance(stance, str):
            stance = Stance.named(stance)
        return tuple(self._by_stance.get(stance, ()))

    def by_source(self, source: Source) -> tuple[Claim, ...]:
        """The claims that appeared in ``source``."""
        return tuple(self._by_source.get(source, ()))

    def derived_by(self, source: Source) -> tuple[Source, ...]:
        """The sources that took content from ``source``: the digest that cites a report."""
        return tuple(self._derived_by.get(source, ()))

    def sides(self, proposition: Proposition) -> Sides:
        """The claims on ``proposition`` side by side, each side grouped by stance.

        Affirming and denying claims form the two sides; retractions and neutral stances
        are listed apart. Each claim comes with its claimant, outlet, date and confidence.
        """
        return Sides.of(proposition, self._by_proposition.get(proposition, ()))

    def reporting_chain(self, claim: Claim) -> ReportingChain:
        """How ``claim`` reached the reader: the reports that carried it, its source and
        the sources that one took it from, its claimant and whom they passed on.

        >>> import provenance as pv
        >>> fars = pv.Source(outlet=pv.Outlet(name="Fars"))
        >>> digest = pv.Source(outlet=pv.Outlet(name="ITIC"), derived_from=[fars])
        >>> p = pv.Proposition("Iran was involved in the attack.")
        >>> denial = pv.Claim(proposition=p, claimant=pv.Agent(name="Said Khatibzadeh"),
        ...                   source=fars, stance="denial")
        >>> print(pv.ClaimSet([denial, digest]).reporting_chain(denial))
        ITIC → Fars → Said Khatibzadeh
        """
        if claim not in self._claims:
            raise ValidationError("ClaimSet", "claim", claim, "a claim of this collection")
        return reporting_chain(self, claim)

    def contested(self) -> tuple[Contest, ...]:
        """The propositions that at least one claim affirms and at least one denies."""
        found = []
        for proposition, claims in self._by_proposition.items():
            affirming = tuple(c for c in claims if c.stance.polarity is Polarity.AFFIRMING)
            denying = tuple(c for c in claims if c.stance.polarity is Polarity.DENYING)
            if affirming and denying:
                other = tuple(
                    c
                    for c in claims
                    if c.stance.polarity not in (Polarity.AFFIRMING, Polarity.DENYING)
                )
                found.append(Contest(proposition, affirming, denying, other))
        return tuple(found)

    # ------------------------------------------------------------------ protocol

    def __len__(self) -> int:
        return len(self._claims)

    def __iter__(self) -> Iterator[Claim]:
        return iter(tuple(self._claims))

    def __contains__(self, record: object) -> bool:
        try:
            return isinstance(record, Record) and self._holds(record)
        except TypeError:
            return False

    def __eq__(self, other: object) -> bool:
        """Two sets are equal when they hold the same records, whatever the order."""
        if not isinstance(other, ClaimSet):
            return NotImplemented
        return all(
            set(mine) == set(theirs)
            for mine, theirs in (
                (self._claims, other._claims),
                (self._propositions, other._propositions),
                (self._agents, other._agents),
                (self._outlets, other._outlets),
                (self._sources, other._sources),
            )
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"<ClaimSet: {len(self._claims)} claims, {len(self._propositions)} propositions, "
            f"{len(self._agents)} agents, {len(self._outlets)} outlets, "
            f"{len(self._sources)} sources>"
        )


def _parts(record: Record, digests: dict[Record, str]) -> Iterator[Record]:
    """The records ``record`` refers to directly, in an order that does not depend on hashing.

    Sets of links (supports, derivations) iterate in an order that changes with Python's
    hash seed; sorting them by digest keeps the order records are added in, and so every
    view of the collection, the same on every run.
    """
    if isinstance(record, Claim):
        yield record.proposition
        yield record.claimant
        yield record.source
        if record.supports:
            yield from sorted(record.supports, key=lambda c: digest(c, digests))
        if record.contests:
            yield from sorted(record.contests, key=lambda c: digest(c, digests))
    elif isinstance(record, Agent):
        if record.on_behalf_of is not None:
            yield record.on_behalf_of
    elif isinstance(record, Source):
        yield record.outlet
        if record.derived_from:
            linked = {d.source for d in record.derived_from}
            yield from sorted(linked, key=lambda s: digest(s, digests))
