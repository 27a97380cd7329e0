"""What every claim store does, written once in SPARQL for the embedded store and endpoints.

A store talks SPARQL to its backend through a handful of primitives (an update, a SELECT,
a CONSTRUCT, a stock query with bindings); pushing, pulling, removing and the integrity
checks are built on them here. The embedded store thus sends the very requests a remote
endpoint gets, and the tests of one are tests of the other.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Protocol, TypeVar

import attrs

from .._collection import ClaimSet
from .._iri import check_base, iri_of
from .._model import Agent, Claim, Outlet, Proposition, Source
from .._namespace import DEFAULT_BASE
from ..errors import IntegrityError, QueryError, UnkeptValueError, UnsafeValueError
from ..rdf._read import read_triples
from ..rdf._terms import (
    CLAIM,
    CLAIMANT_ROLE,
    DCAT,
    DCTERMS,
    FOAF,
    HAD_ROLE,
    P_PROPOSITION,
    PC,
    PROV,
    PROV_AGENT,
    QUALIFIED_ATTRIBUTION,
    RDF,
    RDFS,
    SKOS,
    SOURCE,
    TYPE,
    XSD,
    XSD_DATETIME,
    Lit,
    Term,
    Triple,
)
from ._layout import (
    RECORDS_GRAPH,
    Batch,
    Plan,
    Replacement,
    batches,
    claims_in_graphs_query,
    plan,
    referrers_query,
    update_text,
)
from ._queries import CheckedQuery, QueryResult, StockQuery, check_sparql, stock_query
from ._terms import iri_text

__all__ = ["ClaimStore", "PushReport", "SparqlStore"]

T = TypeVar("T")

_VOCABULARIES = (PC, PROV, RDF, RDFS, XSD, SKOS, DCAT, DCTERMS, FOAF)
_CHUNK = 500
"""IRIs per VALUES block in look-ups, to keep each request a modest size."""


def _chunks(items: Sequence[T], size: int = _CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@attrs.frozen
class _Removal:
    """What dropping some graphs (but for some claims) takes out of a store."""

    stored: dict[str, set[str]]
    """The claims each graph holds."""
    dropped: dict[str, str]
    """The claims that go, each with its graph."""
    links: list[tuple[str, str, str]]
    """Links to claims that go, from claims in those graphs: (graph, referrer, target)."""


@attrs.frozen
class PushReport:
    """What a push wrote: how many records and claims, into which source graphs."""

    records: int
    claims: int
    triples: int
    graphs: tuple[str, ...]
    """The source graphs written (each named by its source's IRI)."""
    transactions: int
    """How many transactions (or requests) the write took; each is all or nothing."""


class ClaimStore(Protocol):
    """What the embedded store and a SPARQL endpoint both offer; the CLI takes either."""

    base: str

    def push(self, claims: ClaimSet, *, replace: bool = False) -> PushReport: ...
    def pull(self) -> ClaimSet: ...
    def claims_in(self, source: Source | str) -> ClaimSet: ...
    def claims_about(self, proposition: Proposition | str) -> ClaimSet: ...
    def claims_by(self, claimant: Agent | str) -> ClaimSet: ...
    def remove(self, source: Source | str) -> int: ...
    def query(self, name: str, params: Mapping[str, object] | None = None) -> QueryResult: ...
    def sparql(self, text: str) -> QueryResult: ...
    def graphs(self) -> tuple[str, ...]: ...
    def triple_count(self) -> int: ...
    def close(self) -> None: ...


class SparqlStore(abc.ABC):
    """The claim-store operations, over a backend that speaks SPARQL.

    ``base`` is the prefix of the IRIs minted for records pushed here (and used to name
    records given to look-ups); ``records_graph`` the graph of shared records.
    """

    _portable: bool = True
    """Whether SPARQL text must be readable by any parser (False only for Oxigraph's own)."""
    _batch_limit: int = 50_000
    _unkept_offsets: tuple[str, ...] = ()
    """Time-zone offsets the store would not give back (an instant's lexical ends in one)."""
    """About how many triples one transaction writes."""

    def __init__(self, *, base: str = DEFAULT_BASE, records_graph: str = RECORDS_GRAPH) -> None:
        check_base(base)
        iri_text(records_graph)
        self.base = base
        self.records_graph = records_graph

    # ------------------------------------------------------------------ primitives

    @abc.abstractmethod
    def _update(self, text: str) -> None:
        """Run one SPARQL Update request as one transaction."""

    @abc.abstractmethod
    def _select(self, text: str) -> QueryResult:
        """Run a SELECT query."""

    @abc.abstractmethod
    def _construct(self, text: str) -> list[Triple]:
        """Run a CONSTRUCT query."""

    @abc.abstractmethod
    def _stock(self, query: StockQuery, bindings: dict[str, Term]) -> QueryResult:
        """Run a stock query with its parameters bound."""

    @abc.abstractmethod
    def _user(self, query: CheckedQuery) -> QueryResult:
        """Run SPARQL of the caller's own that passed the checks."""

    def _write(self, batch: Batch, *, replace: bool) -> int:
        """Write one batch; return how many transactions it took."""
        self._update(
            update_text(
                batch, records_graph=self.records_graph, replace=replace, portable=self._portable
            )
        )
        return 1

    # ------------------------------------------------------------------ writing

    def push(self, claims: ClaimSet, *, replace: bool = False) -> PushReport:
        """Store ``claims`` and every record they refer to; pushing twice changes nothing.

        Records (propositions, agents, outlets, sources) are written over their stored
        versions, so a corrected grade takes effect everywhere. Each claim goes into the
        graph of its source, over its stored version. Without ``replace`` nothing else is
        removed. With ``replace``, each source that has claims in ``claims`` keeps exactly
        those: the collection is taken as the whole account of those sources, and claims
        of theirs it lacks are removed, unless a claim elsewhere in the store supports or
        contests one of them (:class:`IntegrityError`, and nothing is written).

        A large collection is written in several transactions, each all or nothing, in an
        order that keeps the store whole between them: records before the claims that
        need them, each claim after the claims it links to, and with ``replace`` each
        source's graph replaced at once, after the graphs it links to and before those
        whose dropped claims link to it. So a push cut short at any moment leaves the
        store readable, every link in it leading to a record or claim it holds.
        """
        layout = plan(claims, base=self.base)
        if self._unkept_offsets:
            self._refuse_unkept(layout)
        replacement = self._replacement(layout) if replace else None
        transactions = 0
        for batch in batches(layout, limit=self._batch_limit, replacement=replacement):
            transactions += self._write(batch, replace=batch.replace)
        return PushReport(
            records=len(layout.records),
            claims=len(layout.claims),
            triples=layout.triple_count,
            graphs=tuple(g for g, _ in layout.graphs),
            transactions=transactions,
        )

    def _refuse_unkept(self, layout: Plan) -> None:
        """Refuse, before anything is written, a time the store would give back altered."""
        offsets = self._unkept_offsets
        for part in (*layout.records, *(part for _, part in layout.claims)):
            for _, _, value in part.triples:
                if (
                    isinstance(value, Lit)
                    and value.datatype == XSD_DATETIME
                    and value.lexical.endswith(offsets)
                ):
                    raise UnkeptValueError(
                        part.iri,
                        value.lexical,
                        f"this store takes the offset {value.lexical[-6:]} for no time zone "
                        "at all (oxigraph/oxigraph#1941, fixed after Oxigraph 0.5), so the time "
                        "would come back without one; give it in another offset, such as UTC",
                    )

    def remove(self, source: Source | str) -> int:
        """Remove the claims that appear in ``source`` (its graph); return how many.

        The records stay. Refused with :class:`IntegrityError` (nothing removed) when a
        claim elsewhere in the store supports or contests one of them.
        """
        graph = self._iri(source, Source, "source")
        removed = self._removal([graph], set())
        self._update(f"DROP SILENT GRAPH {iri_text(graph)}")
        return len(removed.dropped)

    def _replacement(self, layout: Plan) -> Replacement:
        """What replacing the graphs of ``layout`` drops, and the links to what it drops."""
        keep = {part.iri for _, part in layout.claims}
        removal = self._removal([g for g, _ in layout.graphs], keep)
        return Replacement(removal.stored, tuple(removal.links))

    def _removal(self, graphs: list[str], keep: set[str]) -> _Removal:
        """What dropping ``graphs``, but for the claims in ``keep``, would take out.

        Refused with :class:`IntegrityError` when a claim in another graph supports or
        contests a claim that would go.
        """
        stored: dict[str, set[str]] = {g: set() for g in graphs}
        for chunk in _chunks(graphs):
            for graph, claim in self._select(claims_in_graphs_query(chunk)).rows:
                assert isinstance(graph, str)
                assert isinstance(claim, str)
                stored[graph].add(claim)
        dropped = {c: g for g, held in stored.items() for c in held if c not in keep}
        links: list[tuple[str, str, str]] = []
        outside: set[str] = set()
        for chunk in _chunks(sorted(dropped)):
            for graph, referrer, target in self._select(referrers_query(chunk)).rows:
                assert isinstance(graph, str)
                assert isinstance(referrer, str)
                assert isinstance(target, str)
                if graph in stored:
                    links.append((graph, referrer, target))
                else:
                    outside.add(referrer)
        if outside:
            raise IntegrityError(tuple(sorted(dropped)), tuple(sorted(outside)))
        return _Removal(stored, dropped, links)

    # ------------------------------------------------------------------ reading

    def pull(self) -> ClaimSet:
        """Everything the store holds: every record, and the claims of every source."""
        records = iri_text(self.records_graph)
        return read_triples(
            self._construct(
                "CONSTRUCT { ?s ?p ?o } WHERE {\n"
                f"  {{ GRAPH {records} {{ ?s ?p ?o }} }}\n"
                f"  UNION {{ GRAPH {records} {{ ?g {iri_text(TYPE)} {iri_text(SOURCE)} }}\n"
                "    GRAPH ?g { ?s ?p ?o } }\n}"
            )
        )

    def claims_in(self, source: Source | str) -> ClaimSet:
        """The claims that appear in ``source`` (a Source, or its IRI), with the source."""
        graph = self._iri(source, Source, "source")
        found = self._select(
            f"SELECT DISTINCT ?claim WHERE {{ GRAPH {iri_text(graph)} "
            f"{{ ?claim {iri_text(TYPE)} {iri_text(CLAIM)} }} }}"
        )
        return self._gather(graph, found)

    def claims_about(self, proposition: Proposition | str) -> ClaimSet:
        """The claims made about ``proposition`` (a Proposition, or its IRI), with it."""
        node = self._iri(proposition, Proposition, "proposition")
        found = self._select(
            f"SELECT DISTINCT ?claim WHERE {{ GRAPH ?g "
            f"{{ ?claim {iri_text(P_PROPOSITION)} {iri_text(node)} }} }}"
        )
        return self._gather(node, found)

    def claims_by(self, claimant: Agent | str) -> ClaimSet:
        """The claims ``claimant`` (an Agent, or its IRI) made, with the agent."""
        node = self._iri(claimant, Agent, "claimant")
        found = self._select(
            "SELECT DISTINCT ?claim WHERE { GRAPH ?g {\n"
            f"  ?claim {iri_text(QUALIFIED_ATTRIBUTION)} ?a .\n"
            f"  ?a {iri_text(HAD_ROLE)} {iri_text(CLAIMANT_ROLE)} ; "
            f"{iri_text(PROV_AGENT)} {iri_text(node)} }} }}"
        )
        return self._gather(node, found)

    def _iri(self, value: object, kind: type, what: str) -> str:
        if isinstance(value, kind):
            assert isinstance(value, Proposition | Agent | Outlet | Source | Claim)
            return iri_of(value, base=self.base)
        if isinstance(value, str):
            try:
                iri_text(value)
            except UnsafeValueError as error:
                raise QueryError(
                    f"claims by {what}",
                    f"a {kind.__name__} or its IRI",
                    parameter=what,
                    found=f"{value!r} ({error.reason})",
                ) from error
            return value
        raise QueryError(
            f"claims by {what}",
            f"a {kind.__name__} or its IRI",
            parameter=what,
            found=repr(value),
        )

    def _gather(self, start: str, found: QueryResult) -> ClaimSet:
        claims = [row[0] for row in found.rows if isinstance(row[0], str)]
        return read_triples(self._closure([start, *claims]))

    def _closure(self, start: Iterable[str]) -> list[Triple]:
        """Every triple about the given nodes and, in turn, about every node they name.

        That is exactly what a collection of those records holds: their parts, the chains
        of agents and sources behind them, the claims they link to, stances of one's own.
        """
        seen = set(start)
        frontier = sorted(seen)
        out: list[Triple] = []
        while frontier:
            following: set[str] = set()
            for chunk in _chunks(frontier):
                values = " ".join(iri_text(n) for n in chunk)
                for triple in self._construct(
                    f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {values} }} "
                    "GRAPH ?g { ?s ?p ?o } }"
                ):
                    out.append(triple)
                    o = triple[2]
                    if (
                        not isinstance(o, Lit)
                        and o not in seen
                        and not o.startswith(_VOCABULARIES)
                        and not o.startswith("_:")
                    ):
                        seen.add(o)
                        following.add(o)
            frontier = sorted(following)
        return out

    # ------------------------------------------------------------------ queries

    def query(self, name: str, params: Mapping[str, object] | None = None) -> QueryResult:
        """Run the stock query ``name`` with ``params`` (see :func:`stock_queries`)."""
        query = stock_query(name)
        return self._stock(query, query.bind(params, base=self.base))

    def sparql(self, text: str) -> QueryResult:
        """Run a SELECT or ASK query of your own, refused if it reads from elsewhere.

        See :func:`check_sparql` for what is refused. The store's data is in named graphs
        (see the layout), so patterns go inside ``GRAPH ?g { … }``.
        """
        return self._user(check_sparql(text))

    def graphs(self) -> tuple[str, ...]:
        """The graphs holding data of ours: the records graph, then each source's graph."""
        records = iri_text(self.records_graph)
        found = self._select(
            "SELECT DISTINCT ?g WHERE {\n"
            f"  {{ GRAPH {records} {{ ?s ?p ?o }} BIND({records} AS ?g) }}\n"
            f"  UNION {{ GRAPH {records} {{ ?g {iri_text(TYPE)} {iri_text(SOURCE)} }}\n"
            f"    GRAPH ?g {{ ?c {iri_text(TYPE)} {iri_text(CLAIM)} }} }}\n}}"
        )
        names = sorted(str(row[0]) for row in found.rows)
        if self.records_graph in names:
            names.remove(self.records_graph)
            names.insert(0, self.records_graph)
        return tuple(names)

    def triple_count(self) -> int:
        """How many triples the store's named graphs hold, ours or not."""
        found = self._select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        value = found.rows[0][0]
        assert isinstance(value, Lit)
        return int(value.lexical)

    @abc.abstractmethod
    def close(self) -> None:
        """Release what the store holds open."""

    def __enter__(self: T) -> T:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
