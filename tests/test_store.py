"""The embedded store: layout, round trips, idempotence, replacing, integrity, crashes."""

from __future__ import annotations

import datetime as dt
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import provenance as pv
from _strategies import oxigraph_keeps
from _support import ROOT, load_example
from provenance.rdf._document import triples
from provenance.store import (
    RECORDS_GRAPH,
    ClaimStore,
    EmbeddedStore,
    IntegrityError,
    QueryError,
    SparqlEndpoint,
    StoreError,
    StoreOpenError,
    UnkeptValueError,
)
from provenance.strategies import claim_sets
from provenance.vocabulary import PC, PROV, RDF

erbil = load_example("erbil_attack")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    """A new embedded store in a temporary folder."""
    with EmbeddedStore(tmp_path / "store") as opened:
        yield opened


def _quads(store: EmbeddedStore) -> set[str]:
    return {str(q) for q in store._db.quads_for_pattern(None, None, None, None)}


def _claim(statement: str, source: pv.Source, **fields: object) -> pv.Claim:
    return pv.Claim(
        proposition=pv.Proposition(f"{statement}."),
        claimant=pv.Agent(name="Ann"),
        source=source,
        stance=fields.pop("stance", "report"),
        **fields,  # type: ignore[arg-type]
    )


WIRE = pv.Source(outlet=pv.Outlet(name="Wire"), published=dt.date(2021, 2, 16))
GAZETTE = pv.Source(outlet=pv.Outlet(name="Gazette"), published=dt.date(2021, 2, 17))


# --------------------------------------------------------------------------- round trips


def test_erbil_pushed_twice_keeps_its_triples_and_comes_back_equal(store: EmbeddedStore) -> None:
    """Pushing the Erbil example twice leaves exactly its triples, and pulling gives it back."""
    claims = erbil.build()
    store.push(claims)
    first = _quads(store)
    report = store.push(claims)
    assert (_quads(store), store.triple_count(), report.transactions, store.pull()) == (
        first,
        len(pv.to_graph(claims)),
        0,
        claims,
    )


def test_layout_puts_records_in_one_graph_and_claims_in_their_sources(
    store: EmbeddedStore,
) -> None:
    """Records go to the records graph, each claim to the graph named by its source's IRI."""
    claims = erbil.build()
    store.push(claims)
    expected: dict[str, set[str]] = {RECORDS_GRAPH: set()}
    expected |= {pv.iri_of(c.source): set() for c in claims.claims}
    for claim in claims.claims:
        expected[pv.iri_of(claim.source)].add(pv.iri_of(claim))
    for record in claims.records:
        if not isinstance(record, pv.Claim):
            expected[RECORDS_GRAPH].add(pv.iri_of(record))
    found: dict[str, set[str]] = {}
    kinds = {str(PC.Claim), str(PC.Proposition), str(PROV.Agent), str(PC.Source)}
    for quad in store._db.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), None):
        assert isinstance(quad.object, ox.NamedNode)
        assert isinstance(quad.subject, ox.NamedNode)
        assert isinstance(quad.graph_name, ox.NamedNode)
        if quad.object.value in kinds:
            found.setdefault(quad.graph_name.value, set()).add(quad.subject.value)
    sources = sorted(set(expected) - {RECORDS_GRAPH})
    assert (found, store.graphs()) == (expected, (RECORDS_GRAPH, *sources))


@settings(max_examples=25, deadline=None)
@given(
    claims=claim_sets(max_claims=5, consistent=False).filter(oxigraph_keeps),
    base=st.sampled_from(["urn:provenance:", "https://e.example/d/"]),
)
def test_any_collection_round_trips_through_the_store(
    tmp_path_factory: pytest.TempPathFactory, claims: pv.ClaimSet, base: str
) -> None:
    """Any collection pushed twice holds exactly its own triples and pulls back equal."""
    folder = tmp_path_factory.mktemp("store")
    with EmbeddedStore(folder, base=base) as store:
        store.push(claims)
        store.push(claims)
        held = {(q.subject.value, q.predicate.value, str(q.object)) for q in store._db}
        assert (len(store._db), store.pull()) == (len(set(triples(claims, base=base))), claims)
        assert len(held) == len(store._db)  # no triple is in two graphs


def test_store_keeps_its_content_across_processes(tmp_path: Path) -> None:
    """A store closed and opened again holds what was pushed."""
    claims = erbil.build()
    with EmbeddedStore(tmp_path / "s") as store:
        store.push(claims)
    with EmbeddedStore(tmp_path / "s") as store:
        assert store.pull() == claims


def test_text_with_backslash_u_round_trips_in_the_embedded_store(store: EmbeddedStore) -> None:
    """Oxigraph reads an escaped backslash before 'u' as written, so such text is stored as is."""
    claims = pv.ClaimSet([_claim("C:\\users\\u0041 is a path", WIRE, text='say "\\u0022"\n{}')])
    store.push(claims)
    store.push(claims)
    assert store.pull() == claims


# --------------------------------------------------------------------------- look-ups


def test_look_ups_give_the_selected_claims_with_all_they_need(store: EmbeddedStore) -> None:
    """Claims by source, proposition and claimant equal collections of exactly those claims."""
    claims = erbil.build()
    store.push(claims)
    denial = next(c for c in claims.claims if c.stance == pv.Stance.DENIAL)
    assert (
        store.claims_in(denial.source),
        store.claims_about(denial.proposition),
        store.claims_by(pv.iri_of(denial.claimant)),
    ) == (
        pv.ClaimSet([denial.source, *claims.by_outlet(denial.outlet)]),
        pv.ClaimSet([denial.proposition, *claims.by_proposition(denial.proposition)]),
        pv.ClaimSet([denial.claimant, *claims.by_claimant(denial.claimant)]),
    )


def test_look_up_refuses_a_value_that_is_no_record_or_iri(store: EmbeddedStore) -> None:
    """A look-up given something that is neither the record nor an IRI names what it wanted."""
    with pytest.raises(QueryError, match="a Source or its IRI"):
        store.claims_in(42)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- writing


def test_push_adds_to_a_source_and_replace_makes_it_exactly_the_collection(
    store: EmbeddedStore,
) -> None:
    """A push keeps a source's other claims; a replacing push leaves only the pushed ones."""
    first, second, third = (_claim(t, WIRE) for t in ("One", "Two", "Three"))
    store.push(pv.ClaimSet([first, second]))
    store.push(pv.ClaimSet([third]))
    merged = set(store.claims_in(WIRE).claims)
    store.push(pv.ClaimSet([third]), replace=True)
    assert (merged, set(store.claims_in(WIRE).claims)) == ({first, second, third}, {third})


def test_corrected_record_takes_effect_for_every_source(store: EmbeddedStore) -> None:
    """A new grade for an outlet, pushed with one source, is the grade all its sources see."""
    outlet = pv.Outlet(name="Wire", reliability="C")
    old = [
        _claim("One", pv.Source(outlet=outlet, title="a")),
        _claim("Two", pv.Source(outlet=outlet, title="b")),
    ]
    store.push(pv.ClaimSet(old))
    regraded = pv.Outlet(name="Wire", reliability="B")
    store.push(pv.ClaimSet([_claim("Three", pv.Source(outlet=regraded, title="c"))]))
    assert {o.reliability_at() for o in store.pull().outlets} == {pv.Reliability.B}


def test_replace_refuses_to_drop_a_claim_others_support(store: EmbeddedStore) -> None:
    """Replacing a source's claims is refused, with nothing written, if another claim needs one."""
    base_claim = _claim("One", WIRE)
    support = _claim("Two", GAZETTE, supports=[base_claim])
    store.push(pv.ClaimSet([support]))
    before = _quads(store)
    with pytest.raises(IntegrityError) as caught:
        store.push(pv.ClaimSet([_claim("Other", WIRE)]), replace=True)
    assert (caught.value.referrers, caught.value.removed, _quads(store)) == (
        (pv.iri_of(support),),
        (pv.iri_of(base_claim),),
        before,
    )


def test_remove_takes_out_one_source_and_leaves_the_rest_readable(store: EmbeddedStore) -> None:
    """Removing a source's graph removes its claims only; everything else still reads back."""
    claims = erbil.build()
    store.push(claims)
    tabnak = next(c for c in claims.claims if c.stance == pv.Stance.SPECULATION)
    assert store.remove(tabnak.source) == 1
    remaining = store.pull()
    assert (set(remaining.claims), set(remaining.sources)) == (
        set(claims.claims) - {tabnak},
        set(claims.sources),
    )


def test_remove_refuses_when_claims_elsewhere_link_to_the_source(store: EmbeddedStore) -> None:
    """A source whose claims others contest cannot be removed, and stays whole."""
    claims = erbil.build()
    store.push(claims)
    digest = next(c for c in claims.claims if c.stance == pv.Stance.CLAIM_OF_RESPONSIBILITY)
    with pytest.raises(IntegrityError, match="support or contest"):
        store.remove(digest.source)
    assert store.pull() == claims


# --------------------------------------------------------------------------- opening


def test_opening_refuses_a_folder_of_other_files(tmp_path: Path) -> None:
    """A folder holding files that are not a store is refused, and left untouched."""
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreOpenError, match="not an Oxigraph store") as caught:
        EmbeddedStore(tmp_path)
    assert (caught.value.path, sorted(p.name for p in tmp_path.iterdir())) == (
        str(tmp_path),
        ["notes.txt"],
    )


def test_opening_refuses_a_file_and_a_store_held_by_another_process(tmp_path: Path) -> None:
    """A plain file, or a store another process holds, cannot be opened, and says why."""
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(StoreOpenError, match="not a folder"):
        EmbeddedStore(tmp_path / "file")
    folder = tmp_path / "held"
    EmbeddedStore(folder).close()
    hold = (
        "import sys, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); "
        "print('open', flush=True); input()"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", hold, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None
    assert holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreOpenError, match="another process"):
            EmbeddedStore(folder)
    finally:
        holder.stdin.close()
        holder.stdout.close()
        holder.wait(timeout=30)


def test_both_kinds_of_store_offer_the_same_operations(tmp_path: Path) -> None:
    """The embedded store and an endpoint both satisfy ClaimStore (mypy checks the types)."""
    stores: list[ClaimStore] = [
        EmbeddedStore(tmp_path / "s"),
        SparqlEndpoint.oxigraph("http://127.0.0.1:1"),
    ]
    for store in stores:
        store.close()
    assert [type(s).__name__ for s in stores] == ["EmbeddedStore", "SparqlEndpoint"]


def test_a_closed_store_says_so(tmp_path: Path) -> None:
    """Using a store after closing it is a clear error, not a crash."""
    store = EmbeddedStore(tmp_path / "s")
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.pull()


# --------------------------------------------------------------------------- crashes

_WRITER = textwrap.dedent(
    """
    import sys
    import provenance as pv
    from provenance.store import EmbeddedStore

    def bulletin(count, version):
        source = pv.Source(outlet=pv.Outlet(name="Wire"), title="Bulletin")
        agent = pv.Agent(name="Ann")
        return pv.ClaimSet(
            pv.Claim(proposition=pv.Proposition(f"Statement {i}."), claimant=agent,
                     source=source, stance="report", text=f"{version} {i}")
            for i in range(count)
        )

    folder, version, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    claims = bulletin(count, version)
    with EmbeddedStore(folder) as store:
        print("writing", flush=True)
        store.push(claims, replace=True)
    print("done", flush=True)
    """
)

_COUNT = 600


def _run_writer(folder: Path, version: str, kill_after: float | None = None) -> float:
    """Run the writer on ``folder``; kill it ``kill_after`` seconds into its write."""
    process = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(folder), version, str(_COUNT)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "writing"
    started = time.monotonic()
    if kill_after is not None:
        time.sleep(kill_after)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        process.stdout.close()
        return time.monotonic() - started
    assert process.stdout.readline().strip() == "done"
    process.stdout.close()
    assert process.wait(timeout=60) == 0
    return time.monotonic() - started


def _texts(folder: Path) -> set[str]:
    with EmbeddedStore(folder) as store:
        claims = store.pull()
    return {c.text for c in claims.claims if c.text is not None}


def test_killing_a_large_write_leaves_the_old_or_the_new_graph(tmp_path: Path) -> None:
    """A process killed at any point of a large replacing push leaves all of it or none of it."""
    old = {f"old {i}" for i in range(_COUNT)}
    new = {f"new {i}" for i in range(_COUNT)}
    original = tmp_path / "original"
    _run_writer(original, "old")
    control = tmp_path / "control"
    shutil.copytree(original, control)
    duration = _run_writer(control, "new")
    assert _texts(control) == new
    outcomes = []
    for fraction in (0.1, 0.8):
        folder = tmp_path / f"killed-{fraction}"
        shutil.copytree(original, folder)
        _run_writer(folder, "new", kill_after=duration * fraction)
        outcomes.append(_texts(folder))
    # killed early, the write cannot have committed; later, it may have or not
    assert (outcomes[0], all(found in (old, new) for found in outcomes)) == (old, True), [
        (len(found & old), len(found & new)) for found in outcomes
    ]


def _one_minute_west() -> pv.ClaimSet:
    west = dt.timezone(-dt.timedelta(minutes=1))
    claim = pv.Claim(
        proposition=pv.Proposition("It rained."),
        claimant=pv.Agent(name="Ann"),
        source=pv.Source(outlet=pv.Outlet(name="Wire")),
        stance="report",
        made_at=dt.datetime(2000, 1, 1, tzinfo=west),
    )
    return pv.ClaimSet([claim])


def test_a_time_oxigraph_cannot_keep_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    """Oxigraph 0.5 reads the offset -00:01 back as no time zone (oxigraph#1941): pushing such
    a time names the claim and the value, and leaves the store as it was."""
    claims = _one_minute_west()
    with EmbeddedStore(tmp_path / "store") as store:
        with pytest.raises(UnkeptValueError) as refused:
            store.push(claims)
        error = refused.value
        assert (
            error.node == pv.iri_of(claims.claims[0]),
            error.value,
            "#1941" in str(error),
            len(store._db),
        ) == (True, "2000-01-01T00:00:00-00:01", True, 0)
