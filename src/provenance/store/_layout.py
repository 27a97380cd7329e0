"""Which triples go into which named graph, and the SPARQL requests that write them.

The layout (documented in ``docs/triple-stores.md``):

* **The records graph** (``urn:provenance:records`` unless the store is told otherwise)
  holds every proposition, agent, outlet and source, with their reliability grades, and
  the description of every stance of the user's own. Each record is there once, so
  correcting an outlet's grade corrects it for every source that cites the outlet.
* **One graph per source**, named by the source's IRI, holds the claims that appear in
  that source (each claim with its two qualified attributions). Replacing or removing the
  graph replaces or removes that source's claims as a unit and touches nothing else.

Every triple of a collection lands in exactly one graph, so the union of the graphs is
exactly what :func:`provenance.to_graph` gives, and reading it back gives an equal
collection.

A large push is split into several transactions (:func:`batches`), in an order that keeps
the store whole between any two of them: records before the claims that need them, each
after the records it refers to; claims after the claims they link to; and, replacing
graphs, each graph after the graphs it must wait for (:func:`replacement_order`). So a
push cut short anywhere leaves a store that reads back, every link leading to something
it holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet

import attrs

from .._collection import ClaimSet
from .._model import Claim
from ..rdf._terms import (
    CLAIM,
    P_CONTESTS,
    P_RELIABILITY,
    P_SUPPORTS,
    QUALIFIED_ATTRIBUTION,
    TYPE,
    Triple,
)
from ..rdf._triples import Describer
from ._terms import iri_text, term_text

__all__ = [
    "RECORDS_GRAPH",
    "Batch",
    "Part",
    "Plan",
    "Replacement",
    "batches",
    "plan",
    "replacement_order",
    "update_text",
]

RECORDS_GRAPH = "urn:provenance:records"
"""The default name of the graph that holds the records every source shares."""


@attrs.frozen
class Part:
    """One record or claim, with every triple that describes it."""

    iri: str
    triples: tuple[Triple, ...]
    links: tuple[str, ...] = ()
    """The claims this claim supports or contests (a record has none)."""


@attrs.frozen
class Plan:
    """A collection cut along the layout: shared records, and claims per source graph."""

    records: tuple[Part, ...]
    """Every record, each after the records it refers to."""
    claims: tuple[tuple[str, Part], ...]
    """Every claim with the graph it goes into, each after the claims it links to."""

    @property
    def graphs(self) -> tuple[tuple[str, tuple[Part, ...]], ...]:
        """The claims of each source graph, the graphs in order of their names."""
        graphs: dict[str, list[Part]] = {}
        for graph, part in self.claims:
            graphs.setdefault(graph, []).append(part)
        return tuple((g, tuple(parts)) for g, parts in sorted(graphs.items()))

    @property
    def triple_count(self) -> int:
        """How many triples the collection has (each lands in one graph)."""
        return sum(len(p.triples) for p in self.records) + sum(
            len(p.triples) for _, p in self.claims
        )


def plan(claims: ClaimSet, *, base: str) -> Plan:
    """Cut ``claims`` along the layout, each record after the records it refers to."""
    writer = Describer(base)
    records: list[Part] = []
    made: list[tuple[str, Part]] = []
    # ClaimSet.records lists propositions, agents, outlets, sources, then claims, each kind
    # in the order added, and a record is always added after the records it refers to.
    for record in claims.records:
        if isinstance(record, Claim):
            links = tuple(writer.iri(c) for c in (*record.supports, *record.contests))
            part = Part(writer.iri(record), tuple(writer.record(record)), links)
            made.append((writer.iri(record.source), part))
        else:
            records.append(Part(writer.iri(record), tuple(writer.record(record))))
    custom = {c.stance.iri: c.stance for c in claims.claims if not c.stance.is_builtin}
    for key in sorted(custom):
        records.append(Part(key, tuple(writer.stance(custom[key]))))
    return Plan(tuple(records), tuple(made))


@attrs.frozen
class Batch:
    """What one transaction writes: some records, and claims grouped by source graph.

    With ``replace`` the batch's graphs are replaced whole: their claims not in the batch
    go. Otherwise each claim is written over its stored version and nothing else goes;
    a claim with no triples is one to take out. ``whole`` says that some of the graphs
    link to each other and must be replaced together: one at a time, a link would dangle
    in between.
    """

    records: tuple[Part, ...] = ()
    graphs: tuple[tuple[str, tuple[Part, ...]], ...] = ()
    replace: bool = False
    whole: bool = False


@attrs.frozen
class Replacement:
    """What a push that replaces source graphs must know of what the store holds."""

    stored: Mapping[str, AbstractSet[str]]
    """The claims each of the graphs to be replaced holds now."""
    links: tuple[tuple[str, str, str], ...] = ()
    """Links from claims in those graphs to stored claims the push drops:
    ``(referrer's graph, referrer, target)``."""


_DROP_WEIGHT = 16
"""About how many triples a stored claim has (itself and its two attributions)."""


def batches(p: Plan, *, limit: int, replacement: Replacement | None = None) -> Iterator[Batch]:
    """Split a plan into transactions of about ``limit`` triples each, safe to stop between.

    Records go first, each after the records it refers to, then claims, each after the
    claims it links to; so whatever prefix of the transactions has been committed when a
    push is cut short, every reference in the store leads to something it holds.

    ``replacement`` is for a push that replaces whole source graphs: they go in the order
    of :func:`replacement_order`, each graph at once, and graphs that link to each other
    in a cycle together. A cycle that is more than ``limit`` triples is not written in one
    transaction: its new claims are added first, then its claims the push drops are taken
    out, the claims linking to them first, so memory stays bounded and links whole (but
    a push cut short in between leaves those sources holding both). Without
    ``replacement`` a push only adds, and a graph's claims may be spread over several
    transactions.
    """
    records: list[Part] = []
    size = 0
    for part in p.records:
        if records and size + len(part.triples) > limit:
            yield Batch(records=tuple(records))
            records, size = [], 0
        records.append(part)
        size += len(part.triples)
    if replacement is None:
        yield from _additions(records, size, p.claims, limit=limit)
        return
    parts = dict(p.graphs)
    graphs: dict[str, list[Part]] = {}
    whole = False
    for group in replacement_order(p, replacement):
        weight = sum(len(part.triples) for g in group for part in parts[g])
        if (records or graphs) and size + weight > limit:
            yield _batch(records, graphs, replace=True, whole=whole)
            records, graphs, size, whole = [], {}, 0, False
        if len(group) > 1 and weight > limit:
            members = set(group)
            yield from _additions(
                records, size, [(g, part) for g, part in p.claims if g in members], limit=limit
            )
            yield from _removals(p, replacement, members, limit=limit)
            records, size = [], 0
            continue
        for g in group:
            graphs[g] = list(parts[g])
        size += weight
        whole = whole or len(group) > 1
    if records or graphs:
        yield _batch(records, graphs, replace=True, whole=whole)


def _additions(
    records: list[Part], size: int, claims: Iterable[tuple[str, Part]], *, limit: int
) -> Iterator[Batch]:
    """Batches that write ``claims`` in their order after ``records`` (``size`` triples)."""
    graphs: dict[str, list[Part]] = {}
    for graph, part in claims:
        if (records or graphs) and size + len(part.triples) > limit:
            yield _batch(records, graphs)
            records, graphs, size = [], {}, 0
        graphs.setdefault(graph, []).append(part)
        size += len(part.triples)
    if records or graphs:
        yield _batch(records, graphs)


def _removals(
    p: Plan, replacement: Replacement, members: AbstractSet[str], *, limit: int
) -> Iterator[Batch]:
    """Batches that take out the claims of ``members`` the push drops, referrers first."""
    keep = {part.iri for _, part in p.claims}
    dropped = {
        claim: graph
        for graph in sorted(members)
        for claim in sorted(replacement.stored.get(graph, ()))
        if claim not in keep
    }
    waits: dict[str, list[str]] = {claim: [] for claim in dropped}
    for _, referrer, target in replacement.links:
        if target in waits and referrer in dropped and referrer != target:
            waits[target].append(referrer)
    graphs: dict[str, list[Part]] = {}
    size = 0
    for component in _components(list(dropped), waits):
        if graphs and size + _DROP_WEIGHT * len(component) > limit:
            yield _batch([], graphs)
            graphs, size = {}, 0
        for claim in component:
            graphs.setdefault(dropped[claim], []).append(Part(claim, ()))
        size += _DROP_WEIGHT * len(component)
    if graphs:
        yield _batch([], graphs)


def _batch(
    records: list[Part],
    graphs: dict[str, list[Part]],
    *,
    replace: bool = False,
    whole: bool = False,
) -> Batch:
    return Batch(
        records=tuple(records),
        graphs=tuple((g, tuple(parts)) for g, parts in graphs.items()),
        replace=replace and bool(graphs),
        whole=whole,
    )


def replacement_order(p: Plan, replacement: Replacement) -> tuple[tuple[str, ...], ...]:
    """The source graphs of ``p``, grouped and ordered so that replacing them one group at
    a time never leaves a link between claims dangling.

    Replacing a graph drops the claims it holds (``replacement.stored``) and writes the
    collection's. So a graph waits for

    * each other graph that is to hold a claim one of its new claims links to, unless the
      store holds that claim already (it is then there before and after its graph is
      replaced);
    * each other graph holding a claim whose stored version links to a claim of its own
      the push drops (``replacement.links``): that link must go first.

    Graphs that wait for each other in a cycle form one group, to be replaced together;
    each group comes after every group it waits for.
    """
    home = {part.iri: graph for graph, part in p.claims}
    keep = set(home)
    waits: dict[str, set[str]] = {graph: set() for graph, _ in p.graphs}
    for graph, part in p.claims:
        for target in part.links:
            there = home[target]
            if there != graph and target not in replacement.stored.get(there, ()):
                waits[graph].add(there)
    dropped = {
        claim: graph
        for graph, held in replacement.stored.items()
        for claim in held
        if claim not in keep
    }
    for graph, _, target in replacement.links:
        held = dropped.get(target)
        if held is not None and held != graph and graph in waits and held in waits:
            waits[held].add(graph)
    return _components(list(waits), {g: sorted(w) for g, w in waits.items()})


def _components(
    nodes: Sequence[str], waits: Mapping[str, Sequence[str]]
) -> tuple[tuple[str, ...], ...]:
    """The strongly connected components of ``waits``, each after those it waits for.

    Tarjan's algorithm, which finishes a component only after every component it reaches,
    written with an explicit stack so that a long chain does not exhaust Python's.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[tuple[str, ...]] = []
    for root in nodes:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(waits.get(root, ())))]
        while work:
            node, following = work[-1]
            for dep in following:
                if dep not in index:
                    index[dep] = low[dep] = len(index)
                    stack.append(dep)
                    on_stack.add(dep)
                    work.append((dep, iter(waits.get(dep, ()))))
                    break
                if dep in on_stack:
                    low[node] = min(low[node], index[dep])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group: list[str] = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        group.append(top)
                        if top == node:
                            break
                    out.append(tuple(sorted(group)))
    return tuple(out)


# --------------------------------------------------------------------------- SPARQL Update


def _triple_lines(triples: Sequence[Triple], portable: bool) -> Iterator[str]:
    for s, p, o in triples:
        yield f"    {iri_text(s)} {iri_text(p)} {term_text(o, portable=portable)} .\n"


def update_text(
    batch: Batch, *, records_graph: str, replace: bool, portable: bool, insert: bool = True
) -> str:
    """One SPARQL Update request that writes ``batch`` as a single transaction.

    Older versions of the batch's records are deleted first (a record's own triples and
    those of its reliability grades), then, for each source graph, either the whole graph
    (``replace``) or the older versions of the batch's claims; then everything is inserted.
    Only IRIs we checked and literals we escaped enter the text. ``insert=False`` leaves
    out the insertion, for a caller that sends the data by the Graph Store Protocol.
    """
    out: list[str] = []
    records = iri_text(records_graph)
    if batch.records:
        values = " ".join(iri_text(part.iri) for part in batch.records)
        # grades first: the record's link to them is what finds them
        out.append(
            f"DELETE {{ GRAPH {records} {{ ?g ?p ?o }} }}\n"
            f"WHERE {{ VALUES ?r {{ {values} }}\n"
            f"  GRAPH {records} {{ ?r {iri_text(P_RELIABILITY)} ?g . ?g ?p ?o }} }} ;\n"
            f"DELETE {{ GRAPH {records} {{ ?r ?p ?o }} }}\n"
            f"WHERE {{ VALUES ?r {{ {values} }}\n  GRAPH {records} {{ ?r ?p ?o }} }} ;\n"
        )
    if replace:
        out.extend(f"DROP SILENT GRAPH {iri_text(graph)} ;\n" for graph, _ in batch.graphs)
    elif batch.graphs:
        pairs = " ".join(
            f"({iri_text(graph)} {iri_text(part.iri)})"
            for graph, parts in batch.graphs
            for part in parts
        )
        out.append(
            "DELETE { GRAPH ?g { ?a ?p ?o } }\n"
            f"WHERE {{ VALUES (?g ?c) {{ {pairs} }}\n"
            f"  GRAPH ?g {{ ?c {iri_text(QUALIFIED_ATTRIBUTION)} ?a . ?a ?p ?o }} }} ;\n"
            "DELETE { GRAPH ?g { ?c ?p ?o } }\n"
            f"WHERE {{ VALUES (?g ?c) {{ {pairs} }}\n  GRAPH ?g {{ ?c ?p ?o }} }} ;\n"
        )
    written = [(g, parts) for g, parts in batch.graphs if any(p.triples for p in parts)]
    if insert and (batch.records or written):
        out.append("INSERT DATA {\n")
        if batch.records:
            out.append(f"  GRAPH {records} {{\n")
            for part in batch.records:
                out.extend(_triple_lines(part.triples, portable))
            out.append("  }\n")
        for graph, parts in written:
            out.append(f"  GRAPH {iri_text(graph)} {{\n")
            for part in parts:
                out.extend(_triple_lines(part.triples, portable))
            out.append("  }\n")
        out.append("}\n")
    text = "".join(out)
    return text.rstrip().removesuffix(";").rstrip() + "\n"


def claims_in_graphs_query(graphs: Sequence[str]) -> str:
    """SELECT the claims each of ``graphs`` holds (``?g ?claim``)."""
    values = " ".join(iri_text(g) for g in graphs)
    return (
        f"SELECT DISTINCT ?g ?claim WHERE {{ VALUES ?g {{ {values} }} "
        f"GRAPH ?g {{ ?claim {iri_text(TYPE)} {iri_text(CLAIM)} }} }}"
    )


def referrers_query(targets: Sequence[str]) -> str:
    """SELECT the claims that support or contest any of ``targets`` (``?g ?referrer ?target``)."""
    values = " ".join(iri_text(t) for t in targets)
    return (
        f"SELECT DISTINCT ?g ?referrer ?target WHERE {{ VALUES ?target {{ {values} }} "
        f"GRAPH ?g {{ ?referrer {iri_text(P_SUPPORTS)}|{iri_text(P_CONTESTS)} ?target }} }}"
    )
