"""Pushes cut short: every state a killed push can leave is readable and whole.

A push into the embedded store is a series of transactions, each all or nothing (RocksDB
commits each one, its write-ahead log keeps it through a crash). So the states a push
killed at any moment can leave are exactly the states after each of its transactions.
The property tests look at every one of them; the kill tests send SIGKILL to a real
process pushing into a real store at random moments, and pull after each.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import provenance as pv
from _oxigraph_server import clear, running_oxigraph
from _support import ROOT
from provenance.rdf._terms import Triple
from provenance.store import EmbeddedStore, IntegrityError, SparqlEndpoint
from provenance.store._layout import Batch

# --------------------------------------------------------------------------- collections


def _shared_records(rng: random.Random, sources: int) -> list[pv.Source]:
    """Outlets, agents and sources both versions of a collection use, with their chains."""
    outlets = [pv.Outlet(name=f"Outlet {i}", reliability=rng.choice("ABCDEF")) for i in range(3)]
    made: list[pv.Source] = []
    for i in range(sources):
        derived = [rng.choice(made)] if made and rng.random() < 0.3 else []
        made.append(
            pv.Source(
                outlet=rng.choice(outlets),
                title=f"Page {i}",
                published=dt.date(2021, 1, 1) + dt.timedelta(days=i),
                derived_from=derived,
            )
        )
    return made


def linked(
    seed: int,
    version: str,
    *,
    claims: int,
    sources: int,
    links: float = 0.4,
    carry: Sequence[pv.Claim] = (),
) -> pv.ClaimSet:
    """Claims spread over ``sources`` sources, many supporting or contesting earlier ones.

    Collections of one ``seed`` share their propositions, agents, outlets and sources (so
    a second version replaces the first source by source); ``version`` makes their
    claims differ, but for the claims ``carry`` brings over from another version, which
    the new claims may link to. Links cross from source to source in both directions.
    """
    rng = random.Random(seed)
    pages = _shared_records(rng, sources)
    groups = [pv.Agent(name=f"Group {i}", kind="organization") for i in range(3)]
    agents = [
        pv.Agent(name=f"Speaker {i}", on_behalf_of=rng.choice([None, *groups])) for i in range(6)
    ]
    propositions = [pv.Proposition(f"Statement {i}.") for i in range(max(1, claims // 3))]
    rng = random.Random(f"{seed} {version}")
    made: list[pv.Claim] = list(carry)
    for i in range(claims):
        earlier = rng.sample(made, k=min(len(made), 2)) if rng.random() < links else []
        supports = earlier[:1]
        contests = earlier[1:]
        made.append(
            pv.Claim(
                proposition=rng.choice(propositions),
                claimant=rng.choice(agents),
                source=rng.choice(pages),
                stance=rng.choice(["report", "denial", "statement"]),
                text=f"{version} {i}",
                supports=supports,
                contests=contests,
            )
        )
    return pv.ClaimSet(made)


# --------------------------------------------------------------------------- what may be left


def _by_source(claims: pv.ClaimSet) -> dict[pv.Source, set[pv.Claim]]:
    found: dict[pv.Source, set[pv.Claim]] = defaultdict(set)
    for claim in claims.claims:
        found[claim.source].add(claim)
    return found


def check_left(
    left: pv.ClaimSet,
    before: pv.ClaimSet,
    pushed: pv.ClaimSet,
    *,
    replace: bool,
    mixed: AbstractSet[pv.Source] = frozenset(),
) -> None:
    """Assert that ``left`` is a state a push of ``pushed`` onto ``before`` may leave.

    (``left`` itself was pulled, so every link in it leads to a claim it holds.) Every
    record of ``before`` is still there and nothing is there that neither collection
    has. Without ``replace``, each source holds its earlier claims and some of the pushed
    ones; with it, each source the push covers holds its earlier claims or exactly the
    pushed ones, never a mixture (but for the sources in ``mixed``, which hold some of
    each), and the other sources are untouched.
    """
    records = {r for r in left.records if not isinstance(r, pv.Claim)}
    wanted = {r for r in (*before.records, *pushed.records) if not isinstance(r, pv.Claim)}
    kept = {r for r in before.records if not isinstance(r, pv.Claim)}
    assert kept <= records <= wanted
    held, old, new = _by_source(left), _by_source(before), _by_source(pushed)
    for source in set(held) | set(old) | set(new):
        now, was, comes = held.get(source, set()), old.get(source, set()), new.get(source, set())
        if not replace:
            assert was <= now <= was | comes, (source.title, len(was), len(now), len(comes))
        elif source in mixed:
            assert now <= was | comes, (source.title, len(was), len(now), len(comes))
        elif comes:
            assert now in (was, comes), (source.title, len(was), len(now), len(comes))
        else:
            assert now == was, source.title


# --------------------------------------------------------------------------- every transaction


class _Watched(EmbeddedStore):
    """An embedded store that pulls after each transaction of a push, to see what it left.

    It also notes the graphs it wrote claims into without replacing them whole, which a
    replacing push does only to graphs linking to each other in a cycle too large for
    one transaction.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.pulling = True
        self.seen: list[pv.ClaimSet] = []
        self.added: set[str] = set()

    def watch(self, limit: int, *, pull: bool = True) -> None:
        """Start afresh, writing about ``limit`` triples a transaction, pulling after
        each unless told not to."""
        self._batch_limit = limit
        self.pulling = pull
        self.seen = []
        self.added = set()

    def _write(self, batch: Batch, *, replace: bool) -> int:
        written = super()._write(batch, replace=replace)
        if written and self.pulling:
            self.seen.append(self.pull())
        if not replace:
            self.added.update(graph for graph, _ in batch.graphs)
        return written


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    replace=st.booleans(),
    claims=st.integers(2, 40),
    limit=st.sampled_from([40, 400]),
)
def test_every_transaction_of_a_push_leaves_a_whole_store(
    tmp_path_factory: pytest.TempPathFactory, seed: int, replace: bool, claims: int, limit: int
) -> None:
    """After each transaction of a push, the store pulls to its old content or that plus
    whole records; with ``replace`` each source is old or new, but for a cycle of
    sources too large for one transaction, which holds old and new claims in between."""
    before = linked(seed, "old", claims=claims, sources=8)
    carry = before.claims[: claims // 3]  # kept by the new version, and linked to
    pushed = linked(seed, "new", claims=claims, sources=8, carry=carry)
    with _Watched(tmp_path_factory.mktemp("store")) as store:
        store.watch(limit)
        store.push(before)
        store.watch(limit)
        try:
            report = store.push(pushed, replace=replace)
        except IntegrityError:
            # a claim of a source the push does not cover links to one it would drop
            assert (replace, store.seen, store.pull()) == (True, [], before)
            return
        mixed = {s for s in pushed.sources if pv.iri_of(s) in store.added} if replace else set()
        for left in store.seen:
            check_left(left, before, pushed, replace=replace, mixed=mixed)
        covered = {c.source for c in pushed.claims} if replace else set()
        kept = [c for c in before.claims if c.source not in covered]
        expected = pv.ClaimSet([*before.records, *pushed.records])
        if replace:
            expected = pv.ClaimSet([*before.records[: -len(before.claims)], *pushed, *kept])
        assert (len(store.seen), store.pull()) == (report.transactions, expected)


class _WatchedEndpoint(SparqlEndpoint):
    """A real server's endpoint that pulls after each request of a push that writes."""

    def watch(self, limit: int) -> None:
        """Start afresh, writing about ``limit`` triples a request."""
        self._batch_limit = limit
        self.seen: list[pv.ClaimSet] = []
        self.added: set[str] = set()

    def _update(self, text: str) -> None:
        super()._update(text)
        self.seen.append(self.pull())

    def _put(self, graph: str, triples: list[Triple]) -> bool:
        done = super()._put(graph, triples)
        if done:
            self.seen.append(self.pull())
        return done

    def _write(self, batch: Batch, *, replace: bool) -> int:
        if not replace:
            self.added.update(graph for graph, _ in batch.graphs)
        return super()._write(batch, replace=replace)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph server for this module, stopped afterwards."""
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@settings(max_examples=12, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    replace=st.booleans(),
    claims=st.integers(2, 30),
    limit=st.sampled_from([40, 400]),
)
def test_every_request_of_a_push_to_a_server_leaves_it_whole(
    server: str, seed: int, replace: bool, claims: int, limit: int
) -> None:
    """After each request of a push to a real server (SPARQL Update, or a Graph Store
    Protocol PUT per graph), it pulls to a state a push may leave, as the embedded store."""
    before = linked(seed, "old", claims=claims, sources=8)
    pushed = linked(seed, "new", claims=claims, sources=8, carry=before.claims[: claims // 3])
    clear(server)
    watched = _WatchedEndpoint(
        f"{server}/query", update_url=f"{server}/update", graph_store_url=f"{server}/store"
    )
    with watched as endpoint:
        endpoint.watch(limit)
        endpoint.push(before)
        endpoint.watch(limit)
        try:
            endpoint.push(pushed, replace=replace)
        except IntegrityError:
            assert (replace, endpoint.seen, endpoint.pull()) == (True, [], before)
            return
        mixed = {s for s in pushed.sources if pv.iri_of(s) in endpoint.added} if replace else set()
        for left in endpoint.seen:
            check_left(left, before, pushed, replace=replace, mixed=mixed)


WIRE = pv.Source(outlet=pv.Outlet(name="Wire"), title="Bulletin")
GAZETTE = pv.Source(outlet=pv.Outlet(name="Gazette"), title="Edition")


def _crossing(version: str) -> pv.ClaimSet:
    """The Gazette contesting the Wire: replacing one version by another, the Wire must
    go first for the new links and last for the old ones, so the two go together."""
    ann = pv.Agent(name="Ann")
    wire = pv.Claim(
        proposition=pv.Proposition("It rained."),
        claimant=ann,
        source=WIRE,
        stance="report",
        text=f"{version} wire",
    )
    gazette = pv.Claim(
        proposition=pv.Proposition("It rained."),
        claimant=ann,
        source=GAZETTE,
        stance="denial",
        text=f"{version} gazette",
        contests=[wire],
    )
    return pv.ClaimSet([wire, gazette])


@pytest.mark.parametrize("limit", [1000, 10], ids=["fits", "too-large"])
def test_sources_linking_each_other_are_replaced_together_or_in_two_steps(
    tmp_path: Path, limit: int
) -> None:
    """Two sources whose old and new claims link across them are replaced in one
    transaction; where that is more than a transaction holds, new claims go in first and
    old ones out after, the linking claim first."""
    old, new = _crossing("old"), _crossing("new")
    with _Watched(tmp_path / "store") as store:
        store.push(old)
        store.watch(limit)
        store.push(new, replace=True)
        states = [sorted(c.text or "" for c in left.claims) for left in store.seen]
        added = store.added
    both = ["new gazette", "new wire", "old gazette", "old wire"]
    if limit == 1000:
        assert (states, added) == ([["new gazette", "new wire"]], set())
    else:
        assert (states, added) == (
            [
                ["new wire", "old gazette", "old wire"],
                both,
                ["new gazette", "new wire", "old wire"],
                ["new gazette", "new wire"],
            ],
            {pv.iri_of(WIRE), pv.iri_of(GAZETTE)},
        )


# --------------------------------------------------------------------------- killed processes

_PUSHER = textwrap.dedent(
    """
    import sys
    import provenance as pv
    from provenance.store import EmbeddedStore

    folder, path, replace, limit = sys.argv[1], sys.argv[2], sys.argv[3] == "replace", sys.argv[4]
    claims = pv.read(path, format="nt")
    EmbeddedStore._batch_limit = int(limit)
    with EmbeddedStore(folder) as store:
        print("pushing", flush=True)
        store.push(claims, replace=replace)
        print("pushed", flush=True)
    """
)
_LIMIT = 300
"""Triples a transaction: few, so that a push of a modest collection takes many."""


def _push(folder: Path, path: Path, *, replace: bool, kill_after: float | None = None) -> float:
    """Push the file into ``folder`` in a process of its own; kill it ``kill_after``
    seconds after it starts pushing. Return how long the push took."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            _PUSHER,
            str(folder),
            str(path),
            "replace" if replace else "add",
            str(_LIMIT),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert process.stdout is not None
    with process.stdout:
        assert process.stdout.readline().strip() == "pushing"
        started = time.monotonic()
        if kill_after is None:
            assert process.stdout.readline().strip() == "pushed"
            took = time.monotonic() - started
            assert process.wait(timeout=120) == 0
            return took
        time.sleep(kill_after)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    return kill_after


@pytest.mark.parametrize("replace", [False, True], ids=["add", "replace"])
def test_a_push_killed_at_random_moments_leaves_a_store_that_pulls(
    tmp_path: Path, replace: bool
) -> None:
    """SIGKILL at random moments of a real push leaves a store that pulls to its old
    content or that plus whole records (with ``replace``, each source old or new)."""
    before = linked(7, "old", claims=300, sources=60)
    path = tmp_path / "pushed.nt"
    pv.write(linked(7, "new", claims=700, sources=60, carry=before.claims[:100]), path, format="nt")
    pushed = pv.read(path, format="nt")  # as the pushing process reads it
    original = tmp_path / "original"
    with EmbeddedStore(original) as store:
        store.push(before)
    # the same push in this process, to learn which sources it may leave mixed
    shutil.copytree(original, tmp_path / "watched")
    with _Watched(tmp_path / "watched") as watched:
        watched.watch(_LIMIT, pull=False)
        watched.push(pushed, replace=replace)
        done = watched.pull()
    mixed = {s for s in pushed.sources if pv.iri_of(s) in watched.added} if replace else set()
    shutil.copytree(original, tmp_path / "control")
    duration = _push(tmp_path / "control", path, replace=replace)
    with EmbeddedStore(tmp_path / "control") as store:
        assert store.pull() == done
    rng = random.Random(f"kill {replace}")
    for trial in range(6):
        folder = tmp_path / f"killed-{trial}"
        shutil.copytree(original, folder)
        _push(folder, path, replace=replace, kill_after=rng.uniform(0, duration))
        with EmbeddedStore(folder) as store:
            left = store.pull()
        check_left(left, before, pushed, replace=replace, mixed=mixed)
        print(trial, len(left.claims), len(done.claims), duration)
