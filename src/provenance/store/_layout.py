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
collection. Records are written before the claims that need them, in dependency order,
so a store is readable after every single transaction, even when a large push is split
into several.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

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
    "batches",
    "plan",
    "update_text",
]

RECORDS_GRAPH = "urn:provenance:records"
"""The default name of the graph that holds the records every source shares."""


@attrs.frozen
class Part:
    """One record or claim, with every triple that describes it."""

    iri: str
    triples: tuple[Triple, ...]


@attrs.frozen
class Plan:
    """A collection cut along the layout: shared records, and claims per source graph."""

    records: tuple[Part, ...]
    graphs: tuple[tuple[str, tuple[Part, ...]], ...]

    @property
    def triple_count(self) -> int:
        """How many triples the collection has (each lands in one graph)."""
        return sum(len(p.triples) for p in self.records) + sum(
            len(p.triples) for _, parts in self.graphs for p in parts
        )


def plan(claims: ClaimSet, *, base: str) -> Plan:
    """Cut ``claims`` along the layout, each record after the records it refers to."""
    writer = Describer(base)
    records: list[Part] = []
    graphs: dict[str, list[Part]] = {}
    # ClaimSet.records lists propositions, agents, outlets, sources, then claims, each kind
    # in the order added, and a record is always added after the records it refers to.
    for record in claims.records:
        part = Part(writer.iri(record), tuple(writer.record(record)))
        if isinstance(record, Claim):
            graphs.setdefault(writer.iri(record.source), []).append(part)
        else:
            records.append(part)
    custom = {c.stance.iri: c.stance for c in claims.claims if not c.stance.is_builtin}
    for key in sorted(custom):
        records.append(Part(key, tuple(writer.stance(custom[key]))))
    return Plan(tuple(records), tuple((g, tuple(parts)) for g, parts in sorted(graphs.items())))


@attrs.frozen
class Batch:
    """What one transaction writes: some records, or whole source graphs (never a part of one)."""

    records: tuple[Part, ...] = ()
    graphs: tuple[tuple[str, tuple[Part, ...]], ...] = ()


def batches(p: Plan, *, limit: int) -> Iterator[Batch]:
    """Split a plan into transactions of about ``limit`` triples each.

    Records go first, in dependency order, then source graphs; a source graph is never
    split, however large, so each graph is replaced all at once or not at all.
    """
    records: list[Part] = []
    size = 0
    graphs: list[tuple[str, tuple[Part, ...]]] = []
    for part in p.records:
        if records and size + len(part.triples) > limit:
            yield Batch(records=tuple(records))
            records, size = [], 0
        records.append(part)
        size += len(part.triples)
    for graph, parts in p.graphs:
        weight = sum(len(part.triples) for part in parts)
        if (records or graphs) and size + weight > limit:
            yield Batch(records=tuple(records), graphs=tuple(graphs))
            records, graphs, size = [], [], 0
        graphs.append((graph, parts))
        size += weight
    if records or graphs:
        yield Batch(records=tuple(records), graphs=tuple(graphs))


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
    if insert:
        out.append("INSERT DATA {\n")
        if batch.records:
            out.append(f"  GRAPH {records} {{\n")
            for part in batch.records:
                out.extend(_triple_lines(part.triples, portable))
            out.append("  }\n")
        for graph, parts in batch.graphs:
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
    """SELECT the claims that support or contest any of ``targets`` (``?g ?referrer``)."""
    values = " ".join(iri_text(t) for t in targets)
    return (
        f"SELECT DISTINCT ?g ?referrer WHERE {{ VALUES ?target {{ {values} }} "
        f"GRAPH ?g {{ ?referrer {iri_text(P_SUPPORTS)}|{iri_text(P_CONTESTS)} ?target }} }}"
    )
