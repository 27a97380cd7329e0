"""A collection's triples in document order, produced one record at a time; TriG bundles.

:class:`._triples.Describer` decides *what* each record says; this module orders the
records (by kind, then IRI) and each record's triples, while holding little besides the
collection itself, so that writers can stream a million claims to a file:

* it reuses the digests the :class:`~provenance.ClaimSet` computed when the records were
  added, instead of hashing every record a second time into a cache of its own;
* it orders records by sorting references to them under their (shared) digest strings,
  instead of building an ``(IRI, record)`` pair for each.

A record's IRI is ``{base}{kind}/{digest}``; kinds are distinct words none of which is a
prefix of another and digests have one length, so ordering by kind, then digest, is
ordering by IRI.

For TriG and N-Quads, :func:`bundles` splits the same triples into the default graph
and one named graph (a ``prov:Bundle``) per source document.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping

import attrs

from .._collection import ClaimSet
from .._iri import Record, check_base, digest
from .._model import Agent, Claim, Source
from ..errors import ConflictError
from ._templates import KINDS, records_of_kind
from ._terms import BUNDLE, ENTITY, TYPE, WAS_ATTRIBUTED_TO, WAS_DERIVED_FROM, Triple
from ._triples import Describer, sort_key

__all__ = ["BUNDLE", "bundle_iri", "bundles", "triples"]


def _principals(agents: Iterable[Agent]) -> list[Agent]:
    """The agents and everyone they act on behalf of, each once, in a stable order."""
    found: dict[Agent, None] = {}
    for agent in agents:
        current: Agent | None = agent
        while current is not None and current not in found:
            found[current] = None
            current = current.on_behalf_of
    return list(found)


class _Records:
    """The records to write, each kind sorted by digest, plus agents from outside the set."""

    def __init__(self, claims: ClaimSet, base: str, extra: Iterable[Agent]) -> None:
        check_base(base)
        self.claims = claims
        # Sharing the collection's digests saves one string and one dict entry a record,
        # which is most of what a writer would otherwise hold for a large collection.
        self.cache: Mapping[Record, str] = claims.digests()
        self.writer = Describer(base, self.cache)  # type: ignore[arg-type]
        # Agents that are not in the collection (who recorded it) get a writer and digests
        # of their own, so the collection's cache is only ever read.
        self.extra_writer = Describer(base)
        self.extra = [a for a in _principals(extra) if a not in claims]
        self._check_extra()

    def _check_extra(self) -> None:
        if not self.extra:
            return
        held = {self.digest(a): a for a in self.claims.agents}
        for agent in self.extra:
            other = held.get(self.digest(agent))
            if other is not None:
                fields = tuple(
                    f.name
                    for f in attrs.fields(Agent)
                    if f.init and getattr(other, f.name) != getattr(agent, f.name)
                )
                raise ConflictError(self.iri(agent), other, agent, fields=fields)

    def digest(self, record: Record) -> str:
        found = self.cache.get(record)
        return found if found is not None else digest(record, self.extra_writer.cache)

    def iri(self, record: Record) -> str:
        if record in self.cache:
            return self.writer.iri(record)
        return self.extra_writer.iri(record)

    def sorted(self, kind: str) -> list[Record]:
        records = list(records_of_kind(self.claims, kind))
        if kind == "agent":
            records += self.extra
        records.sort(key=self.digest)
        return records

    def describe(self, record: Record) -> list[Triple]:
        """The record's triples, sorted as the mapping sorts them."""
        writer = self.writer if record in self.cache else self.extra_writer
        return sorted(writer.record(record), key=sort_key)

    def stances(self) -> Iterator[Triple]:
        """Stances the shipped vocabulary does not define, described after the records."""
        custom = {c.stance.iri: c.stance for c in self.claims.claims if not c.stance.is_builtin}
        for key in sorted(custom):
            yield from sorted(self.writer.stance(custom[key]), key=sort_key)


def triples(claims: ClaimSet, *, base: str, extra: Iterable[Agent] = ()) -> Iterator[Triple]:
    """Every triple describing ``claims``, in the order of the mapping's own ``triples``.

    ``extra`` are agents described as well, though the collection need not hold them
    (the agent who recorded it); one that shares an IRI with a different agent of the
    collection raises :class:`~provenance.errors.ConflictError`.
    """
    records = _Records(claims, base, extra)
    for kind in KINDS:
        for record in records.sorted(kind):
            yield from records.describe(record)
    yield from records.stances()


# --------------------------------------------------------------------------- bundles


def bundle_iri(base: str, source_digest: str) -> str:
    """The IRI of the bundle of claims taken from the source with this digest."""
    return f"{base}bundle/{source_digest}"


def bundles(
    claims: ClaimSet, *, base: str, recorded_by: Agent | None = None
) -> tuple[Iterator[Triple], Iterator[tuple[str, Iterator[Triple]]]]:
    """The default graph's triples, and each bundle's IRI with its triples.

    The default graph describes every record but the claims, and each bundle: a
    ``prov:Bundle`` derived from its source document and, when ``recorded_by`` is
    given, attributed to that agent. Each claim is described inside the bundle of its
    source. Bundles come in IRI order; both iterators must be used in turn.
    """
    records = _Records(claims, base, [] if recorded_by is None else [recorded_by])
    # claims in digest order, then (a stable sort) grouped by their source's digest
    by_source: list[Claim] = [r for r in records.sorted("claim") if isinstance(r, Claim)]
    by_source.sort(key=lambda claim: records.digest(claim.source))
    recorder = None if recorded_by is None else records.iri(recorded_by)

    def groups() -> Iterator[tuple[Source, Iterator[Claim]]]:
        return itertools.groupby(by_source, key=lambda claim: claim.source)

    def default() -> Iterator[Triple]:
        for kind in KINDS:
            if kind == "claim":  # "bundle/…" IRIs sort where "claim/…" would
                for source, _ in groups():
                    node = bundle_iri(base, records.digest(source))
                    described: list[Triple] = [
                        (node, TYPE, BUNDLE),
                        (node, TYPE, ENTITY),
                        (node, WAS_DERIVED_FROM, records.iri(source)),
                    ]
                    if recorder is not None:
                        described.append((node, WAS_ATTRIBUTED_TO, recorder))
                    yield from sorted(described, key=sort_key)
                continue
            for record in records.sorted(kind):
                yield from records.describe(record)
        yield from records.stances()

    def named() -> Iterator[tuple[str, Iterator[Triple]]]:
        for source, group in groups():
            node = bundle_iri(base, records.digest(source))
            yield node, (t for claim in group for t in records.describe(claim))

    return default(), named()
