"""The same collection gives the same bytes in every format: across runs, hash seeds, orders.

And what the writers write is what was meant: pyoxigraph reads every document back as the
mapping's graph, and N-Triples is canonical as the W3C's RDF 1.2 tests define it.
"""

from __future__ import annotations

import copy
import hashlib
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import provenance as pv
from _support import ROOT
from provenance.rdf import _document
from provenance.rdf._ntriples import ntriples_chunks
from provenance.rdf._reading import read_document
from provenance.rdf._terms import to_ox_triples
from provenance.strategies import claim_sets

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
C14N = SHARED / "testsuites" / "w3c-rdf-tests" / "rdf12" / "rdf-n-triples" / "c14n"

SETTINGS = settings(
    max_examples=20,
    deadline=None,
    phases=[phase for phase in Phase if phase is not Phase.explain],
)

# --------------------------------------------------------------------------- hash seeds

_EXPORT = """
import sys
from pathlib import Path

import provenance as pv

sys.path.insert(0, sys.argv[1])
from _support import load_example

claims = load_example("erbil_attack").build()
rumour = pv.Stance("https://example.org/stance#Rumour", "rumour", pv.Polarity.AFFIRMING)
extra = pv.Claim(
    proposition=claims.propositions[0],
    claimant=claims.agents[0],
    source=claims.sources[0],
    stance=rumour,
    text="said \\"so\\"\\tand\\r\\nmore «نه» 🚀",
)
claims = pv.merge(claims, pv.ClaimSet([extra]))
recorder = pv.Agent(name="The analyst", kind="person")
out = Path(sys.argv[2])
for fmt in pv.Format:
    options = {"recorded_by": recorder} if fmt.has_bundles else {}
    path = out / f"claims{fmt.suffix}"
    pv.write(claims, path, format=fmt, base="https://example.org/", **options)
(out / "hash").write_text(pv.content_hash(claims), encoding="utf-8")
"""


def test_every_format_is_byte_identical_under_two_hash_seeds(tmp_path: Path) -> None:
    """Two processes with different hash seeds write every format byte for byte the same."""
    written = {}
    for seed in ("0", "2718281828"):
        folder = tmp_path / seed
        folder.mkdir()
        subprocess.run(
            [sys.executable, "-c", _EXPORT, str(ROOT / "tests"), str(folder)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
            capture_output=True,
        )
        written[seed] = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
    names = sorted([*(f"claims{f.suffix}" for f in pv.Format), "hash"])
    assert (sorted(written["0"]), written["0"]) == (names, written["2718281828"])


# --------------------------------------------------------------------------- orders


@st.composite
def _rebuilt(draw: st.DrawFn) -> tuple[pv.ClaimSet, pv.ClaimSet]:
    """A collection, and an equal one built from copies of its records in another order."""
    original = draw(claim_sets(consistent=False))
    records = draw(st.permutations(original.records))
    return original, pv.ClaimSet(copy.deepcopy(records))


@SETTINGS
@given(_rebuilt())
def test_equal_collections_give_equal_bytes_in_every_format(
    pair: tuple[pv.ClaimSet, pv.ClaimSet],
) -> None:
    """Equal collections give the same text in each format, whatever order they were built in."""
    original, rebuilt = pair

    def texts(claims: pv.ClaimSet) -> dict[pv.Format, str | None]:
        found: dict[pv.Format, str | None] = {}
        for fmt in pv.Format:
            try:
                found[fmt] = pv.serialize(claims, format=fmt)
            except pv.ValidationError:
                found[fmt] = None  # a text RDF/XML cannot hold: refused alike
        return found

    assert (texts(rebuilt), pv.content_hash(rebuilt)) == (
        texts(original),
        pv.content_hash(original),
    )


@SETTINGS
@given(claim_sets(consistent=False), claim_sets(min_claims=1, consistent=False))
def test_content_hash_is_that_of_the_canonical_ntriples(
    claims: pv.ClaimSet, more: pv.ClaimSet
) -> None:
    """The content hash is the SHA-256 of the canonical N-Triples, and changes with the content."""
    digest = hashlib.sha256(pv.serialize_ntriples(claims).encode("utf-8")).hexdigest()
    try:
        grown = pv.merge(claims, more)
    except pv.ConflictError:
        grown = more
    assert (pv.content_hash(claims), pv.content_hash(grown) == digest) == (
        digest,
        grown == claims,
    )


# --------------------------------------------------------------------------- intended graph


def _intended(claims: pv.ClaimSet, base: str) -> set[ox.Triple]:
    return set(to_ox_triples(_document.triples(claims, base=base)))


def _read(text: str, fmt: ox.RdfFormat) -> set[ox.Triple]:
    return {
        ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(text.encode(), format=fmt)
    }


@SETTINGS
@given(
    claim_sets(consistent=False), st.sampled_from(["urn:provenance:", "https://example.org/erbil/"])
)
def test_oxigraph_reads_the_intended_graph_from_every_format(
    claims: pv.ClaimSet, base: str
) -> None:
    """pyoxigraph reads exactly the mapping's triples from each format we write."""
    intended = _intended(claims, base)
    formats = {
        pv.Format.TURTLE: ox.RdfFormat.TURTLE,
        pv.Format.NTRIPLES: ox.RdfFormat.N_TRIPLES,
        pv.Format.JSONLD: ox.RdfFormat.JSON_LD,
    }
    assert {
        fmt: _read(pv.serialize(claims, format=fmt, base=base), syntax) == intended
        for fmt, syntax in formats.items()
    } == dict.fromkeys(formats, True)


@settings(SETTINGS, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(claim_sets(consistent=False))
def test_oxigraph_reads_the_intended_files(tmp_path: Path, claims: pv.ClaimSet) -> None:
    """The Turtle and N-Triples files we write parse, in pyoxigraph, to the intended graph."""
    intended = _intended(claims, "urn:provenance:")
    found = {}
    for fmt, syntax in (
        (pv.Format.TURTLE, ox.RdfFormat.TURTLE),
        (pv.Format.NTRIPLES, ox.RdfFormat.N_TRIPLES),
    ):
        path = tmp_path / f"claims{fmt.suffix}"
        pv.write(claims, path, format=fmt)
        parsed = ox.parse(path=path, format=syntax)
        found[fmt] = {ox.Triple(q.subject, q.predicate, q.object) for q in parsed} == intended
    assert found == {pv.Format.TURTLE: True, pv.Format.NTRIPLES: True}


@SETTINGS
@given(claim_sets(consistent=False))
def test_bundles_hold_the_intended_graph(claims: pv.ClaimSet) -> None:
    """Merging the graphs of our TriG and N-Quads gives the mapping's triples plus the bundles'."""
    intended = _intended(claims, "urn:provenance:")
    bundle_types = {
        t
        for t in _read(pv.serialize_trig(claims), ox.RdfFormat.TRIG)
        if "urn:provenance:bundle/" in str(t.subject)
    }
    assert (
        _read(pv.serialize_trig(claims), ox.RdfFormat.TRIG) - bundle_types,
        _read(pv.serialize_nquads(claims), ox.RdfFormat.N_QUADS) - bundle_types,
        len(bundle_types) == 3 * len({c.source for c in claims}),
    ) == (intended, intended, True)


# --------------------------------------------------------------------------- canonical form


def _c14n_tests() -> list[Any]:
    """The RDF 1.2 N-Triples canonicalization tests: input file and canonical result."""
    manifest = C14N / "manifest.ttl"
    if not manifest.is_file():
        return [pytest.param(None, None, id="w3c-suite-absent")]
    triples = list(ox.parse(path=manifest, format=ox.RdfFormat.TURTLE, base_iri=manifest.as_uri()))
    kind = ox.NamedNode("http://www.w3.org/ns/rdftest#TestNTriplesPositiveC14N")
    manifest_ns = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
    tests = {t.subject for t in triples if t.object == kind}

    def file(test: object, prop: str) -> Path:
        (found,) = (
            t.object.value
            for t in triples
            if t.subject == test and t.predicate.value == manifest_ns + prop
        )
        return C14N / unquote(found.rsplit("/", 1)[1])

    return [
        pytest.param(file(t, "action"), file(t, "result"), id=file(t, "action").name)
        for t in sorted(tests, key=str)
    ]


@pytest.mark.parametrize(("action", "result"), _c14n_tests())
def test_ntriples_writer_is_canonical(action: Path | None, result: Path | None) -> None:
    """Our N-Triples writer turns each W3C c14n test's input into its canonical result."""
    if action is None or result is None:
        pytest.skip(f"the W3C RDF test suite is absent (looked for {C14N})")
    try:
        parsed = list(read_document(action, ox.RdfFormat.N_TRIPLES))
    except pv.RDFSyntaxError as error:
        pytest.skip(f"RDF 1.2 triple terms and base directions are beyond claims: {error.reason}")
    assert "".join(ntriples_chunks(parsed)) == result.read_text(encoding="utf-8")


def _many(size: int) -> pv.ClaimSet:
    """``size`` claims by a few agents through a few outlets, with texts of a hundred characters."""
    outlets = [pv.Outlet(name=f"Outlet {i}", kind="news agency") for i in range(20)]
    agents = [pv.Agent(name=f"Agent {i}") for i in range(50)]
    words = "ایران در حمله به فرودگاه اربیل دست داشت — “reported” by sources "
    return pv.ClaimSet(
        pv.Claim(
            proposition=pv.Proposition(f"Proposition {i // 4}."),
            claimant=agents[i % 50],
            source=pv.Source(outlet=outlets[i % 20], url=f"https://news.example/{i // 2}"),
            stance="report",
            text=f"{words}{words}(#{i})",
            language="fa",
        )
        for i in range(size)
    )


def test_writers_stream_in_flat_memory(tmp_path: Path) -> None:
    """Writing six times the claims takes about the same memory: the writers stream."""

    def peak(claims: pv.ClaimSet, fmt: pv.Format) -> int:
        tracemalloc.start()
        try:
            pv.write(claims, tmp_path / f"claims{fmt.suffix}", format=fmt)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = _many(300), _many(1800)
    flat = {fmt: peak(large, fmt) < 1.25 * peak(small, fmt) + 2**18 for fmt in pv.Format}
    assert flat == dict.fromkeys(pv.Format, True)


def test_turtle_declares_prefixes_in_alphabetical_order() -> None:
    """The prefix lines come sorted by prefix, so no library's map order leaks into the file."""
    lines = pv.serialize_turtle(pv.ClaimSet()).splitlines()
    prefixes = [line.split()[1] for line in lines if line.startswith("@prefix")]
    assert (prefixes, len(lines)) == (sorted(prefixes), len(prefixes))
