"""The template writers for Turtle and N-Triples, and the streaming exports built on them.

The templates must give the generic path's bytes exactly (it stays the reference); a
stream must describe every record once, before what refers to it, and read back as the
collection of the same claims.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import provenance as pv
from _support import ROOT, load_example
from provenance._namespace import DEFAULT_BASE
from provenance.rdf import _document as _ordered
from provenance.rdf import _templates
from provenance.rdf._streaming import Fingerprints
from provenance.rdf._syntax import ntriples_chunks
from provenance.rdf._terms import DCTERMS, FOAF, PC, PROV
from provenance.rdf._turtle import _document
from provenance.strategies import claim_sets

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    phases=[phase for phase in Phase if phase is not Phase.explain],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

BASES = (
    "https://example.org/data/",
    "urn:example:",
    "https://example.org/موضع#",
    PC,  # bases that are declared namespaces: minted IRIs must still be written in full
    PROV,
    DCTERMS,
    FOAF,
)

TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _generic(claims: pv.ClaimSet, base: str) -> tuple[str, str]:
    """The reference: the mapping's triples in stream order, formatted by the generic writers."""
    turtle = "".join(_document(_ordered.triples(claims, base=base)))
    ntriples = "".join(ntriples_chunks(_ordered.triples(claims, base=base)))
    return turtle, ntriples


def _fast_text(claims: pv.ClaimSet, base: str) -> tuple[str, str]:
    return (
        _templates.joined(_templates.turtle_pieces(claims, base=base)),
        _templates.joined(_templates.ntriples_pieces(claims, base=base)),
    )


def _odd() -> pv.ClaimSet:
    """Everything the templates leave to the general helper, and texts that need escaping."""
    rumour = pv.Stance("https://example.org/stance#Rumour", "rumour", pv.Polarity.AFFIRMING)
    ministry = pv.Agent(
        name="Ministry", kind="organization", reliability=[pv.ReliabilityGrade("B")]
    )
    said = pv.Agent(
        name="سعید خطیب‌زاده",
        aliases=["Said Khatibzadeh", "S. Khatibzadeh"],
        on_behalf_of=ministry,
        description='Spokesman, "officially"\tsince 2021',
        reliability=[
            pv.ReliabilityGrade("C", start=pv.YearMonth(2021, 1)),
            pv.ReliabilityGrade("A", start=pv.Year(2019), end=pv.Year(2020)),
        ],
    )
    fars = pv.Outlet(
        name="Fars",
        kind="news agency",
        aliases=["فارس"],
        url="https://farsnews.ir/",
        language="fa",
        reliability=["D"],
    )
    sputnik = pv.Source(outlet=pv.Outlet(name="Sputnik"), url="http://xmlns.com/foaf/0.1/page")
    isna = pv.Source(
        outlet=pv.Outlet(name="ISNA", kind="news agency"),
        title="«تکذیب» \\ back",
        language="FA",
        derived_from=[
            pv.Derivation(sputnik, "quoted"),
            pv.Derivation(sputnik, "translated"),
        ],
    )
    digest = pv.Source(
        outlet=fars,
        published=pv.YearMonth(2021, 2),
        derived_from=[isna, pv.Derivation(sputnik, "primary source")],
    )
    p = pv.Proposition("Iran was involved in the attack.", language="en-GB")
    first = pv.Claim(
        proposition=p,
        claimant=said,
        source=isna,
        stance=rumour,
        text='He said: "no" \\ «نه»\r\nthen\tleft 🚀\x7f',
        language="fa",
    )
    second = pv.Claim(
        proposition=p,
        claimant=said,
        source=digest,
        stance="denial",
        confidence=pv.Confidence(0.97, "almost certain", wording="بی‌تردید"),
        credibility=2,
        analytic_confidence="high",
        supports=[first],
        language="fa",
    )
    third = pv.Claim(
        proposition=pv.Proposition("1e3"),
        claimant=ministry,
        source=sputnik,
        stance="report",
        confidence=0.125,
        contests=[first, second],
    )
    return pv.ClaimSet([first, second, third])


# --------------------------------------------------------------------------- the templates


@SETTINGS
@given(claim_sets(max_claims=8, consistent=False), st.sampled_from(BASES))
def test_templates_write_the_generic_paths_bytes(claims: pv.ClaimSet, base: str) -> None:
    """For any collection and base, the template Turtle and N-Triples are the generic text."""
    assert _fast_text(claims, base) == _generic(claims, base)


@pytest.mark.parametrize("base", BASES)
def test_templates_write_the_examples_as_the_generic_path(base: str) -> None:
    """The Erbil example and a collection of every rare feature come out byte for byte."""
    for claims in (load_example("erbil_attack").build(), _odd(), pv.ClaimSet()):
        assert _fast_text(claims, base) == _generic(claims, base)


def test_public_writers_use_the_templates(tmp_path: Path) -> None:
    """write_/serialize_ Turtle and N-Triples and the content hash give the reference bytes."""
    claims = _odd()
    turtle, ntriples = _generic(claims, DEFAULT_BASE)
    pv.write_turtle(claims, tmp_path / "c.ttl")
    pv.write_ntriples(claims, tmp_path / "c.nt")
    assert (
        pv.serialize_turtle(claims),
        pv.serialize_ntriples(claims),
        (tmp_path / "c.ttl").read_bytes(),
        (tmp_path / "c.nt").read_bytes(),
        pv.content_hash(claims),
    ) == (
        turtle,
        ntriples,
        turtle.encode("utf-8"),
        ntriples.encode("utf-8"),
        hashlib.sha256(ntriples.encode("utf-8")).hexdigest(),
    )


# --------------------------------------------------------------------------- streams


def _graph(path: Path, fmt: ox.RdfFormat) -> set[ox.Quad]:
    """A file's triples: the writers make no blank nodes, so equal sets are isomorphic graphs."""
    return set(ox.parse(path=str(path), format=fmt))


STREAMS = {
    pv.Format.TURTLE: (pv.stream_turtle, ox.RdfFormat.TURTLE),
    pv.Format.NTRIPLES: (pv.stream_ntriples, ox.RdfFormat.N_TRIPLES),
}


@pytest.mark.parametrize("fmt", list(STREAMS))
@SETTINGS
@given(claims=claim_sets(max_claims=8, consistent=False), data=st.data())
def test_stream_reads_back_as_the_collection_of_its_claims(
    tmp_path: Path, fmt: pv.Format, claims: pv.ClaimSet, data: st.DataObject
) -> None:
    """Claims streamed in any order, some twice, read back as their collection, same graph."""
    stream, syntax = STREAMS[fmt]
    given_claims = data.draw(st.permutations(claims.claims))
    if given_claims:
        given_claims += data.draw(st.lists(st.sampled_from(given_claims), max_size=3))
    expected = pv.ClaimSet(given_claims)
    streamed, canonical = tmp_path / f"streamed{fmt.suffix}", tmp_path / f"canonical{fmt.suffix}"
    count = stream(given_claims, streamed)
    pv.write(expected, canonical, format=fmt)
    assert (count, pv.read(streamed, format=fmt), _graph(streamed, syntax)) == (
        len(expected.claims),
        expected,
        _graph(canonical, syntax),
    )


def test_stream_describes_each_record_once(tmp_path: Path) -> None:
    """A repeated claim, shared sources, claimants, outlets and a stance: each said once."""
    claims = _odd()
    first, second, third = claims.claims
    path = tmp_path / "c.nt"
    count = pv.stream_ntriples([first, first, second, third, second, first], path)
    lines = path.read_text("utf-8").splitlines()
    assert (count, sorted(lines)) == (3, sorted(pv.serialize_ntriples(claims).splitlines()))


def test_stream_describes_what_a_claim_needs_before_it(tmp_path: Path) -> None:
    """Each record first appears as a subject before any line that names it as an object."""
    claims = load_example("erbil_attack").build()
    path = tmp_path / "c.nt"
    pv.stream_ntriples(reversed(claims.claims), path)
    described: set[str] = set()
    early = []
    for line in path.read_text("utf-8").splitlines():
        subject, _, rest = line.partition(" ")
        described.add(subject)
        obj = rest.partition(" ")[2].rpartition(" .")[0]
        minted = obj.startswith(f"<{DEFAULT_BASE}") and "/attribution/" not in obj
        if minted and "/reliability/" not in obj and obj not in described:
            early.append(line)
    assert early == []


def test_stream_writes_two_records_that_share_an_iri(tmp_path: Path) -> None:
    """Two different agents with one IRI are both written, so reading back reports it."""
    source = pv.Source(outlet=pv.Outlet(name="Fars"))
    said = [pv.Agent(name="Said", description=words) for words in ("spokesman", "minister")]
    claims = [
        pv.Claim(
            proposition=pv.Proposition(f"P{i}"), claimant=agent, source=source, stance="report"
        )
        for i, agent in enumerate(said)
    ]
    path = tmp_path / "c.ttl"
    pv.stream_turtle(claims, path)
    text = path.read_text("utf-8")
    with pytest.raises(pv.ProvenanceError):
        pv.read_turtle(path)
    assert ('"spokesman"' in text, '"minister"' in text) == (True, True)


def _failing(claims: list[pv.Claim]) -> Iterator[object]:
    yield from claims
    yield "not a claim"
    yield from claims


@pytest.mark.parametrize("stream", [pv.stream_turtle, pv.stream_ntriples])
def test_failed_stream_leaves_the_file_and_names_the_item(tmp_path: Path, stream: object) -> None:
    """Something not a claim midway raises ValidationError naming it; the old file stays."""
    path = tmp_path / "c.out"
    path.write_bytes(b"previous")
    with pytest.raises(pv.ValidationError) as raised:
        stream(_failing(list(_odd().claims)), path)  # type: ignore[operator]
    assert (
        raised.value.field,
        raised.value.value,
        path.read_bytes(),
        sorted(p.name for p in tmp_path.iterdir()),
    ) == ("claims[3]", "not a claim", b"previous", ["c.out"])


@pytest.mark.parametrize("stream", [pv.stream_turtle, pv.stream_ntriples])
def test_stream_refuses_a_bad_base(tmp_path: Path, stream: object) -> None:
    """A base that would mint relative IRIs is refused before the file is touched."""
    path = tmp_path / "c.out"
    with pytest.raises(pv.ValidationError):
        stream(_odd().claims, path, base="example.org/")  # type: ignore[operator]
    assert list(tmp_path.iterdir()) == []


_STREAM = """
import sys
from pathlib import Path

sys.path.insert(0, sys.argv[1])
import provenance as pv
from _support import load_example
from test_fast_writer import _odd

claims = [*load_example("erbil_attack").build().claims, *_odd().claims]
pv.stream_turtle(claims, Path(sys.argv[2]) / "c.ttl")
pv.stream_ntriples(reversed(claims), Path(sys.argv[2]) / "c.nt")
"""


def test_stream_is_deterministic_across_hash_seeds(tmp_path: Path) -> None:
    """The same claims in the same order give the same bytes in processes with other seeds."""
    written = []
    for seed in ("0", "4242"):
        folder = tmp_path / seed
        folder.mkdir()
        subprocess.run(
            [sys.executable, "-c", _STREAM, str(ROOT / "tests"), str(folder)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        )
        written.append({p.name: p.read_bytes() for p in folder.iterdir()})
    assert written[0] == written[1]


def test_stream_memory_is_flat(tmp_path: Path) -> None:
    """Streaming six times the claims from a generator takes about the same memory."""
    import tracemalloc

    outlets = [pv.Outlet(name=f"Outlet {i}") for i in range(20)]
    agents = [pv.Agent(name=f"Agent {i}") for i in range(50)]

    def claims(size: int) -> Iterator[pv.Claim]:
        for i in range(size):
            yield pv.Claim(
                proposition=pv.Proposition(f"Proposition {i // 4}."),
                claimant=agents[i % 50],
                source=pv.Source(outlet=outlets[i % 20], url=f"https://news.example/{i // 2}"),
                stance="report",
                text=f"ایران در حمله به فرودگاه اربیل دست داشت (#{i})",
            )

    def peak(size: int) -> int:
        tracemalloc.start()
        try:
            pv.stream_turtle(claims(size), tmp_path / "c.ttl")
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(2000), peak(12000)
    # what grows is the set of fingerprints of the 10,000 more claims, 2,500 propositions
    # and 5,000 sources: a 16-byte string and its share of the set's table (which, while
    # it doubles, is held twice), not the records or their text
    assert large - small < 17_500 * 200


@given(
    st.lists(st.binary(min_size=16, max_size=16), max_size=3000),
    st.lists(st.binary(min_size=16, max_size=16), max_size=50),
)
def test_fingerprints_hold_what_a_set_holds(added: list[bytes], probes: list[bytes]) -> None:
    """The packed table behaves as a set of 16-byte keys, through growth and the zero key."""
    held = Fingerprints()
    expected: set[bytes] = set()
    for key in [*added, bytes(16), *added[:10]]:
        assert (key in held) == (key in expected)
        held.add(key)
        expected.add(key)
    assert len(held) == len(expected)
    for key in [*added, *probes]:
        assert (key in held) == (key in expected)
