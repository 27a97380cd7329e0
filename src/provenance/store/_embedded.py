"""The embedded store: an Oxigraph database in a folder, opened in this process.

pyoxigraph's ``Store.update`` and ``Store.extend`` each run in one RocksDB transaction:
"either the full operation succeeds, or nothing is written" (its documentation), and
RocksDB's write-ahead log makes a committed transaction survive the process being
killed. A write here compares what the store holds for the records and graphs concerned
with what they should hold and applies the difference as one such call: ``extend`` when
there is only something to add (the first push of new data), one ``DELETE DATA`` /
``INSERT DATA`` update otherwise, nothing at all when the data is already there. So a
process killed in the middle of a write leaves the store with all of that write or none
of it (``tests/test_store.py`` kills one to check), and pushing the same data again
only reads. A push of several transactions orders them so that each leaves the store
whole (see ``_layout.batches``; ``tests/test_store_faults.py`` kills pushes at random
moments and pulls after each). Only one process can hold the folder, and writes within
it are serialized by a lock, so nothing changes between the comparison and the write.
"""

from __future__ import annotations

import os
import threading
import traceback
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .._namespace import DEFAULT_BASE
from ..errors import StoreError, StoreOpenError
from ..rdf._terms import (
    P_RELIABILITY,
    QUALIFIED_ATTRIBUTION,
    Term,
    Triple,
    from_ox,
    from_ox_triples,
    to_ox,
    to_ox_quads,
)
from ._base import SparqlStore
from ._layout import RECORDS_GRAPH, Batch
from ._queries import CheckedQuery, QueryResult, StockQuery, result_from_rows
from ._terms import term_text

__all__ = ["EmbeddedStore"]

_QUERY_FAILURES = (OSError, SyntaxError, RuntimeError, ValueError, TypeError)
"""What pyoxigraph raises while it evaluates a query: the disk (OSError), the text
(SyntaxError), and RuntimeError for the rest (a SERVICE call that failed, an answer it
could not read); our own conversion of what it returns adds TypeError."""

StrPath = str | os.PathLike[str]


def _looks_like_store(folder: Path) -> bool:
    """An Oxigraph (RocksDB) folder has a CURRENT file; an empty folder may become one."""
    return (folder / "CURRENT").is_file() or not any(folder.iterdir())


class EmbeddedStore(SparqlStore):
    """Claims kept in an Oxigraph database in the folder ``path``, created if missing.

    >>> import provenance as pv, tempfile
    >>> claim = pv.Claim(proposition=pv.Proposition("It rained."), claimant=pv.Agent(name="Ann"),
    ...                  source=pv.Source(outlet=pv.Outlet(name="Wire")), stance="report")
    >>> with tempfile.TemporaryDirectory() as folder, EmbeddedStore(folder) as store:
    ...     report = store.push(pv.ClaimSet([claim]))
    ...     store.pull() == pv.ClaimSet([claim])
    True

    With ``create=False`` the folder must hold a store already: a missing or empty folder
    is a :class:`StoreOpenError` instead of a new, empty store, which is what a reader
    wants (reading a mistyped path should fail, not find nothing).

    Only one process can open a folder at a time (:class:`StoreOpenError` for the next),
    from opening until :meth:`close`. A folder that holds anything other than an Oxigraph
    database is refused rather than written into.
    """

    _portable = False  # Oxigraph reads every escape the way we mean it
    _batch_limit = 250_000
    _unkept_offsets = ("-00:01",)  # oxigraph/oxigraph#1941

    def __init__(
        self,
        path: StrPath,
        *,
        create: bool = True,
        base: str = DEFAULT_BASE,
        records_graph: str = RECORDS_GRAPH,
    ) -> None:
        super().__init__(base=base, records_graph=records_graph)
        folder = Path(path)
        self.path = folder
        where = os.fspath(folder)
        if folder.exists():
            if not folder.is_dir():
                raise StoreOpenError(where, "not a folder")
            if not _looks_like_store(folder):
                raise StoreOpenError(
                    where,
                    "the folder holds files that are not an Oxigraph store; "
                    "give an empty or new folder",
                )
            if not create and not (folder / "CURRENT").is_file():
                raise StoreOpenError(where, "the folder holds no store (push into it first)")
        elif not create:
            raise StoreOpenError(where, "no such folder (push into it first to make a store)")
        self._lock = threading.Lock()
        try:
            self._store: ox.Store | None = ox.Store(where)
        except OSError as error:
            reason = str(error)
            if "lock" in reason.lower():
                reason = "in use by another process"
            raise StoreOpenError(where, reason) from error

    def __repr__(self) -> str:
        return f"<EmbeddedStore {os.fspath(self.path)!r}>"

    @property
    def _db(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"{os.fspath(self.path)}: the store is closed")
        return self._store

    def close(self) -> None:
        """Flush to disk and let another process open the folder."""
        if self._store is not None:
            try:
                self._store.flush()
            finally:
                self._store = None

    # ------------------------------------------------------------------ primitives

    def _fail(self, error: Exception) -> StoreError:
        return StoreError(f"{os.fspath(self.path)}: {error}")

    def _query_failed(self, error: Exception) -> StoreError:
        # the frames of a failed evaluation hold pyoxigraph objects, which must be dropped
        # on the thread that made them, not wherever the error is collected
        traceback.clear_frames(error.__traceback__)
        return self._fail(error)

    def _write(self, batch: Batch, *, replace: bool) -> int:
        """Apply the difference between what is stored and what the batch says, at once."""
        db = self._db
        records = ox.NamedNode(self.records_graph)
        with self._lock:
            wanted: set[ox.Quad] = set()
            held: set[ox.Quad] = set()
            for part in batch.records:
                wanted.update(to_ox_quads(part.triples, self.records_graph))
                held.update(_described(db, [ox.NamedNode(part.iri)], records, P_RELIABILITY))
            for graph, parts in batch.graphs:
                name = ox.NamedNode(graph)
                for part in parts:
                    wanted.update(to_ox_quads(part.triples, graph))
                if replace:
                    held.update(db.quads_for_pattern(None, None, None, name))
                else:
                    nodes = [ox.NamedNode(part.iri) for part in parts]
                    held.update(_described(db, nodes, name, QUALIFIED_ATTRIBUTION))
            remove = held - wanted
            add = wanted - held
            try:
                if remove:
                    db.update(
                        "DELETE DATA {\n"
                        + "".join(_quad_line(q) for q in remove)
                        + "}"
                        + (
                            " ;\nINSERT DATA {\n" + "".join(_quad_line(q) for q in add) + "}"
                            if add
                            else ""
                        )
                    )
                elif add:
                    db.extend(add)
                else:
                    return 0
            except (OSError, SyntaxError) as error:
                raise self._fail(error) from error
        return 1

    def _update(self, text: str) -> None:
        try:
            with self._lock:
                self._db.update(text)
        except (OSError, SyntaxError) as error:
            raise self._fail(error) from error

    def _results(self, solutions: object) -> QueryResult:
        if isinstance(solutions, ox.QueryBoolean):
            return QueryResult((), (), bool(solutions))
        assert isinstance(solutions, ox.QuerySolutions)
        variables = [v.value for v in solutions.variables]
        return result_from_rows(
            variables,
            ([None if s[v] is None else from_ox(s[v]) for v in variables] for s in solutions),
        )

    def _select(self, text: str) -> QueryResult:
        try:
            return self._results(self._db.query(text))
        except _QUERY_FAILURES as error:
            raise self._query_failed(error) from error

    def _construct(self, text: str) -> list[Triple]:
        try:
            found = self._db.query(text)
            assert isinstance(found, ox.QueryTriples)
            return list(from_ox_triples(found))
        except _QUERY_FAILURES as error:
            raise self._query_failed(error) from error

    def _stock(self, query: StockQuery, bindings: dict[str, Term]) -> QueryResult:
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(name): to_ox(term) for name, term in bindings.items()
        }
        try:
            return self._results(self._db.query(query.text, substitutions=substitutions))
        except _QUERY_FAILURES as error:
            raise self._query_failed(error) from error

    def _user(self, query: CheckedQuery) -> QueryResult:
        try:
            return self._results(self._db.query(query.normalized))
        except _QUERY_FAILURES as error:
            raise self._query_failed(error) from error


def _described(
    db: ox.Store, nodes: Iterable[ox.NamedNode], graph: ox.NamedNode, link: str
) -> Iterable[ox.Quad]:
    """The quads about ``nodes`` in ``graph``, and about the nodes they reach by ``link``
    (a claim's attributions, a record's reliability grades), which belong to them."""
    via = ox.NamedNode(link)
    for node in nodes:
        for quad in db.quads_for_pattern(node, None, None, graph):
            yield quad
            if quad.predicate == via and isinstance(quad.object, ox.NamedNode):
                yield from db.quads_for_pattern(quad.object, None, None, graph)


def _quad_line(quad: ox.Quad) -> str:
    """One quad in SPARQL text, every term checked and escaped."""
    s, p, o = (from_ox(t) for t in (quad.subject, quad.predicate, quad.object))
    assert isinstance(s, str)
    assert isinstance(p, str)
    graph = from_ox(quad.graph_name)
    assert isinstance(graph, str)
    return (
        f"  GRAPH {term_text(graph)} {{ {term_text(s)} {term_text(p)} "
        f"{term_text(o, portable=False)} }}\n"
    )
