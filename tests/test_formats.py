"""Every RDF format, written and read back; bundles, JSON-LD contexts, RDF/XML guards, merging."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import attrs
import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

import provenance as pv
from _support import ROOT
from provenance.rdf import CONTEXT_IRI, _jsonld
from provenance.rdf import _document as _ordered
from provenance.rdf._triples import Describer, sort_key
from provenance.strategies import agents, claim_sets

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
W3C = SHARED / "testsuites" / "w3c-rdf-tests"

SETTINGS = settings(
    max_examples=20,
    deadline=None,
    phases=[phase for phase in Phase if phase is not Phase.explain],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

PROV = "http://www.w3.org/ns/prov#"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PC = "https://w3id.org/provenance-claims/vocab#"
FARS = pv.Outlet(name="Fars", kind="news agency", language="fa")
ISNA = pv.Outlet(name="ISNA", kind="news agency")
SAID = pv.Agent(name="سعید خطیب‌زاده", aliases=["Said Khatibzadeh"])


def _claims() -> pv.ClaimSet:
    """Two sources, three claims, one claim supporting another, texts that need escaping."""
    p = pv.Proposition("Iran was involved in the attack.", language="en")
    fars = pv.Source(outlet=FARS, title="«تکذیب»", url="https://farsnews.ir/news/1?a=1&b=2")
    isna = pv.Source(outlet=ISNA, derived_from=[pv.Derivation(fars, "quoted")])
    denial = pv.Claim(
        proposition=p,
        claimant=SAID,
        source=fars,
        stance="denial",
        text='He said: "no" \\ «نه»\r\nthen\tleft',
        language="fa",
    )
    report = pv.Claim(
        proposition=p,
        claimant=SAID,
        source=isna,
        stance="report",
        confidence=0.7,
        supports=[denial],
    )
    other = pv.Claim(
        proposition=p, claimant=pv.Agent(name="ISNA desk"), source=fars, stance="report"
    )
    return pv.ClaimSet([denial, report, other])


# --------------------------------------------------------------------------- round trips


def _not_xml(text: str) -> bool:
    """Whether ``text`` holds a character XML 1.0 cannot, even as a character reference."""
    return any((ord(c) < 0x20 and c not in "\t\n\r") or c in "\ufffe\uffff" for c in text)


def _writes_xml(claims: pv.ClaimSet) -> str | None:
    """The RDF/XML text, or None where it is refused because XML cannot hold a text."""
    refused: pv.ValidationError | None = None
    try:
        return pv.serialize_rdfxml(claims)
    except pv.ValidationError as error:
        refused = error
    assert (refused.owner, _not_xml(refused.value)) == ("RDF/XML", True)
    return None


@pytest.mark.parametrize("fmt", [f for f in pv.Format if f is not pv.Format.RDFXML])
@SETTINGS
@given(claim_sets(consistent=False))
def test_every_format_round_trips(fmt: pv.Format, claims: pv.ClaimSet) -> None:
    """A collection written in each format parses back as the same collection."""
    assert pv.parse(pv.serialize(claims, format=fmt), format=fmt) == claims


@SETTINGS
@given(claim_sets(consistent=False))
def test_rdfxml_round_trips_or_refuses(claims: pv.ClaimSet) -> None:
    """RDF/XML reads back the same collection, or is refused for a text XML cannot hold."""
    text = _writes_xml(claims)
    if text is not None:
        assert pv.parse_rdfxml(text) == claims


@pytest.mark.parametrize("fmt", list(pv.Format))
@SETTINGS
@given(claim_sets(consistent=False))
def test_every_format_round_trips_through_a_file(
    tmp_path: Path, fmt: pv.Format, claims: pv.ClaimSet
) -> None:
    """A collection written to a file in each format reads back the same; files are replaced."""
    path = tmp_path / f"claims{fmt.suffix}"
    if fmt is pv.Format.RDFXML and _writes_xml(claims) is None:
        return
    pv.write(claims, path, format=fmt)
    assert (pv.read(path, format=fmt), path.read_text("utf-8")) == (
        claims,
        pv.serialize(claims, format=fmt),
    )


@SETTINGS
@given(claim_sets(consistent=False))
def test_streamed_triples_are_the_mappings_triples(claims: pv.ClaimSet) -> None:
    """The writers' low-memory triple order is the plain one: records by IRI, each sorted."""
    base = "https://example.org/data/"
    describer = Describer(base)
    ordered = sorted(claims.records, key=describer.iri)
    plain = [t for r in ordered for t in sorted(describer.record(r), key=sort_key)]
    custom = {c.stance.iri: c.stance for c in claims if not c.stance.is_builtin}
    plain += [t for i in sorted(custom) for t in sorted(describer.stance(custom[i]), key=sort_key)]
    assert list(_ordered.triples(claims, base=base)) == plain


def test_fixed_collection_round_trips_in_every_format() -> None:
    """The hand-made collection, with quotes, backslashes, CR LF and tabs, reads back from each."""
    claims = _claims()
    read_back = {f: pv.parse(pv.serialize(claims, format=f), format=f) for f in pv.Format}
    assert read_back == dict.fromkeys(pv.Format, claims)


# --------------------------------------------------------------------------- bundles


def _triples(text: str, fmt: ox.RdfFormat) -> set[ox.Triple]:
    """The triples pyoxigraph reads from a document, whatever graph they are in."""
    return {
        ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(text.encode(), format=fmt)
    }


def _dataset(text: str, fmt: ox.RdfFormat) -> set[ox.Quad]:
    return set(ox.parse(text.encode("utf-8"), format=fmt))


def _value(term: object) -> str:
    assert isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal)
    return term.value


def _plain(text: str) -> set[tuple[str, str, str, str | None]]:
    """The quads of a TriG document as strings, with None for the default graph."""
    return {
        (
            _value(q.subject),
            q.predicate.value,
            _value(q.object),
            q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else None,
        )
        for q in ox.parse(text.encode(), format=ox.RdfFormat.TRIG)
    }


@SETTINGS
@given(claim_sets(consistent=False), st.none() | agents(consistent=False))
def test_each_source_document_is_a_bundle(claims: pv.ClaimSet, recorder: pv.Agent | None) -> None:
    """Claims sit in one named graph per source, a prov:Bundle derived from it and attributed."""
    try:
        quads = _plain(pv.serialize_trig(claims, base="urn:x:", recorded_by=recorder))
    except pv.ConflictError:
        return  # the recorder clashes with an agent of the collection: refused, not merged
    graphs: dict[str, set[str]] = {}
    bundles: dict[str, set[tuple[str, str]]] = {}
    for claim in claims:
        source = pv.iri_of(claim.source, base="urn:x:")
        bundle = source.replace("urn:x:source/", "urn:x:bundle/")
        node = pv.iri_of(claim, base="urn:x:")
        graphs.setdefault(bundle, set()).update(
            {node, f"{node}/attribution/claimant", f"{node}/attribution/outlet"}
        )
        bundles[bundle] = {(TYPE, PROV + "Bundle"), (TYPE, PROV + "Entity")}
        bundles[bundle].add((PROV + "wasDerivedFrom", source))
        if recorder is not None:
            bundles[bundle].add((PROV + "wasAttributedTo", pv.iri_of(recorder, base="urn:x:")))
    found_graphs: dict[str, set[str]] = {}
    for s, _, _, g in quads:
        if g is not None:
            found_graphs.setdefault(g, set()).add(s)
    found_bundles = {
        bundle: {(p, o) for s, p, o, g in quads if s == bundle and g is None} for bundle in bundles
    }
    assert (found_graphs, found_bundles) == (graphs, bundles)


@SETTINGS
@given(claim_sets(consistent=False), st.none() | agents(consistent=False))
def test_nquads_hold_the_same_dataset_as_trig(
    claims: pv.ClaimSet, recorder: pv.Agent | None
) -> None:
    """The N-Quads document is the very dataset the TriG document describes."""
    try:
        trig = pv.serialize_trig(claims, recorded_by=recorder)
    except pv.ConflictError:
        return
    nquads = pv.serialize_nquads(claims, recorded_by=recorder)
    assert _dataset(nquads, ox.RdfFormat.N_QUADS) == _dataset(trig, ox.RdfFormat.TRIG)


def test_bundles_read_back_with_their_recorder() -> None:
    """A TriG file read back holds the collection and the agent who recorded it."""
    claims = _claims()
    analyst = pv.Agent(
        name="Analyst", kind="person", on_behalf_of=pv.Agent(name="Desk", kind="organization")
    )
    text = pv.serialize_trig(claims, recorded_by=analyst)
    assert pv.parse_trig(text) == pv.merge(claims, pv.ClaimSet([analyst]))


def test_recorder_clashing_with_an_agent_is_refused(tmp_path: Path) -> None:
    """A recorder with a collection agent's identity but other details raises ConflictError."""
    claims = _claims()
    impostor = attrs.evolve(SAID, description="someone else")
    path = tmp_path / "claims.trig"
    path.write_text("previous\n", encoding="utf-8")

    with pytest.raises(pv.ConflictError) as info:
        pv.write_trig(claims, path, recorded_by=impostor)

    assert (info.value.first, info.value.second, info.value.fields, path.read_text("utf-8")) == (
        SAID,
        impostor,
        ("description",),
        "previous\n",
    )


def test_recorded_by_only_where_bundles_exist() -> None:
    """Asking for a recorder in a format without named graphs is refused, not ignored."""
    with pytest.raises(pv.ValidationError, match="recorded_by"):
        pv.serialize(_claims(), format="turtle", recorded_by=SAID)


# --------------------------------------------------------------------------- JSON-LD


@SETTINGS
@given(claim_sets(consistent=False))
def test_jsonld_is_the_turtle_graph_to_rdflib_and_pyoxigraph(claims: pv.ClaimSet) -> None:
    """rdflib and pyoxigraph read our JSON-LD, offline, as exactly the graph of our Turtle."""
    text = pv.serialize_jsonld(claims)
    turtle = pv.serialize_turtle(claims)
    by_rdflib = rdflib.Graph().parse(data=text, format="json-ld")
    by_oxigraph = _triples(text, ox.RdfFormat.JSON_LD)
    assert (
        isomorphic(by_rdflib, rdflib.Graph().parse(data=turtle, format="turtle")),
        by_oxigraph == _triples(turtle, ox.RdfFormat.TURTLE),
    ) == (True, True)


def test_jsonld_is_compact_and_readable() -> None:
    """Nodes use the context's terms and compact IRIs, with typed values only where needed."""
    document = json.loads(pv.serialize_jsonld(_claims(), base="https://example.org/"))
    claim = next(n for n in document["@graph"] if "confidence" in n)
    assert (
        document["@context"] == _jsonld.context(),
        claim["@type"],
        claim["confidence"],
        claim["stance"],
        claim["supports"].startswith("https://example.org/claim/"),
    ) == (True, ["prov:Entity", "pc:Claim"], "0.7", "pc:Report", True)


_EVENTS = ("open", "socket.", "urllib.Request", "http.client.connect", "os.listdir", "os.scandir")


class _Recorder:
    """An audit hook that, while active, records file and network operations."""

    def __init__(self) -> None:
        self.events: list[tuple[str, str]] | None = None

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        if self.events is not None and event.startswith(_EVENTS):
            self.events.append((event, str(args[0]) if args else ""))


_RECORDER: _Recorder | None = None


@contextlib.contextmanager
def _io_events() -> Iterator[list[tuple[str, str]]]:
    """The file and network operations the block attempts (an audit hook cannot be removed)."""
    global _RECORDER  # noqa: PLW0603
    if _RECORDER is None:
        _RECORDER = _Recorder()
        sys.addaudithook(_RECORDER)
    events: list[tuple[str, str]] = []
    _RECORDER.events = events
    try:
        yield events
    finally:
        _RECORDER.events = None


def test_io_recorder_sees_file_access(tmp_path: Path) -> None:
    """The recorder does see an open, so an empty record means there was none."""
    with _io_events() as events:
        (tmp_path / "x").write_text("x", encoding="utf-8")
    assert [event for event, _ in events] == ["open"]


def _document(context: object) -> str:
    node = {"@id": "urn:x:p", "@type": ["pc:Proposition"], "statement": "Iran was involved."}
    return json.dumps({"@context": context, "@graph": [node]})


@pytest.mark.parametrize(
    ("document", "pointer", "reference"),
    [
        pytest.param(
            _document("https://example.org/context.jsonld"),
            "/@context",
            "https://example.org/context.jsonld",
            id="remote",
        ),
        pytest.param(
            _document("file:///etc/passwd"), "/@context", "file:///etc/passwd", id="file-iri"
        ),
        pytest.param(
            _document("context.jsonld"), "/@context", "context.jsonld", id="relative-file"
        ),
        pytest.param(
            _document([CONTEXT_IRI, "https://example.org/more.jsonld"]),
            "/@context/1",
            "https://example.org/more.jsonld",
            id="second-in-a-list",
        ),
        pytest.param(
            json.dumps(
                {
                    "@context": CONTEXT_IRI,
                    "@graph": [{"@context": "https://example.org/c", "@id": "urn:x"}],
                }
            ),
            "/@graph/0/@context",
            "https://example.org/c",
            id="in-a-node",
        ),
        pytest.param(
            _document(
                {
                    "pc": PC,
                    "statement": {"@id": "pc:statement", "@context": "https://example.org/s"},
                }
            ),
            "/@context/statement/@context",
            "https://example.org/s",
            id="scoped-context",
        ),
        pytest.param(
            _document({"@import": "https://example.org/c", "pc": PC}),
            "/@context/@import",
            "https://example.org/c",
            id="import",
        ),
    ],
)
def test_jsonld_naming_a_context_document_is_refused_without_io(
    document: str, pointer: str, reference: str
) -> None:
    """A context that names a document is refused with where it is, and nothing is opened."""
    _jsonld.context()  # the shipped context is read once; later reads come from memory
    with _io_events() as events, pytest.raises(pv.RDFSyntaxError) as info:
        pv.parse_jsonld(document, name="in.jsonld")

    error = info.value
    assert (
        events,
        error.source,
        error.line,
        pointer in error.reason,
        repr(reference) in error.reason,
    ) == (
        [],
        "in.jsonld",
        1,
        True,
        True,
    )


@pytest.mark.parametrize(
    "context", [CONTEXT_IRI, "inline", [CONTEXT_IRI]], ids=["iri", "inline", "list"]
)
def test_jsonld_with_our_context_reads_without_io(context: object) -> None:
    """Our context, by its IRI or inline, is used without fetching or opening anything."""
    ours = _jsonld.context()
    document = _document(ours if context == "inline" else context)
    with _io_events() as events:
        claims = pv.parse_jsonld(document)
    assert (events, claims.propositions) == ([], (pv.Proposition("Iran was involved."),))


def test_jsonld_refuses_iri_read_back_as_a_compact_iri() -> None:
    """An IRI whose scheme is a context term is refused on output rather than changed."""
    claims = pv.ClaimSet([pv.Proposition("Fars denied it.")])
    with pytest.raises(pv.ValidationError, match="compact IRI"):
        pv.serialize_jsonld(claims, base="pc:records/")
    assert pv.parse_turtle(pv.serialize_turtle(claims, base="pc:records/")) == claims


def test_jsonld_syntax_error_names_line_and_column() -> None:
    """Broken JSON is an RDFSyntaxError with the line and column of the fault."""
    with pytest.raises(pv.RDFSyntaxError) as info:
        pv.parse_jsonld('{\n  "@graph": [\n    {"@id": "urn:x" "label": "x"}\n  ]\n}\n')
    assert (info.value.line, info.value.column) == (3, 21)


# --------------------------------------------------------------------------- RDF/XML

BOMB = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:pc="https://w3id.org/provenance-claims/vocab#">
  <rdf:Description rdf:about="urn:x:p"><pc:statement>&b;</pc:statement></rdf:Description>
</rdf:RDF>
"""

EXTERNAL = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<!ENTITY secret SYSTEM "file:///etc/passwd">
</rdf:RDF>
"""


@pytest.mark.parametrize(
    ("document", "line", "word"),
    [(BOMB, 2, "DOCTYPE"), (EXTERNAL, 3, "ENTITY")],
    ids=["doctype", "entity"],
)
def test_rdfxml_with_doctype_or_entities_is_refused(document: str, line: int, word: str) -> None:
    """RDF/XML declaring a document type or entities is refused, naming the line, unparsed."""
    with _io_events() as events, pytest.raises(pv.RDFSyntaxError) as info:
        pv.parse_rdfxml(document, name="in.rdf")
    assert (events, info.value.line, word in info.value.reason) == ([], line, True)


def test_rdfxml_refuses_control_characters_and_keeps_the_file(tmp_path: Path) -> None:
    """A text XML 1.0 cannot hold never reaches the RDF/XML writer: the model refuses it,
    naming the field and the character, and the old file stays."""
    path = tmp_path / "claims.rdf"
    pv.write_rdfxml(_claims(), path)
    previous = path.read_bytes()

    with pytest.raises(pv.ValidationError) as info:
        pv.write_rdfxml(pv.ClaimSet([pv.Proposition("bell \x07 rings")]), path)

    assert (
        info.value.field,
        "U+0007 at character 6" in info.value.expected,
        path.read_bytes(),
        os.listdir(tmp_path),
    ) == ("text", True, previous, ["claims.rdf"])


def test_rdfxml_is_read_by_rdflib_as_the_turtle_graph() -> None:
    """rdflib reads our RDF/XML, escapes and carriage returns included, as our Turtle's graph."""
    claims = _claims()
    from_xml = rdflib.Graph().parse(data=pv.serialize_rdfxml(claims), format="xml")
    from_turtle = rdflib.Graph().parse(data=pv.serialize_turtle(claims), format="turtle")
    assert isomorphic(from_xml, from_turtle)


# --------------------------------------------------------------------------- merging


@st.composite
def _overlapping(draw: st.DrawFn) -> tuple[pv.ClaimSet, pv.ClaimSet]:
    """A collection, and another holding some of its records plus records of its own."""
    first = draw(claim_sets(consistent=False))
    shared = draw(st.lists(st.sampled_from(first.records), max_size=4)) if first.records else []
    extra = draw(claim_sets(max_claims=2, consistent=False))
    try:
        second = pv.ClaimSet([*shared, *extra.records])
        pv.merge(first, second)
    except pv.ConflictError:
        second = pv.ClaimSet(shared)
    return first, second


@SETTINGS
@given(_overlapping())
def test_merge_holds_each_shared_record_once(pair: tuple[pv.ClaimSet, pv.ClaimSet]) -> None:
    """Merging collections that share records gives their union, each record once."""
    first, second = pair
    merged = pv.merge(first, second)
    assert (
        merged,
        len(merged.records),
        pv.content_hash(merged) == pv.content_hash(pv.merge(second, first)),
    ) == (
        pv.ClaimSet([*first.records, *second.records]),
        len(set(first.records) | set(second.records)),
        True,
    )


def test_merge_conflict_names_both_records_and_their_collections() -> None:
    """Two different records under one IRI in two collections raise ConflictError naming both."""
    claims = _claims()
    report = next(c for c in claims if c.confidence is not None)
    regraded = attrs.evolve(report, confidence=0.8)

    with pytest.raises(pv.ConflictError) as info:
        pv.merge(claims, pv.ClaimSet(), pv.ClaimSet([regraded]))

    error = info.value
    assert (
        error.iri == pv.iri_of(report),
        error.first,
        error.second,
        error.fields,
        error.__notes__,
    ) == (
        True,
        report,
        regraded,
        ("confidence",),
        ["the first record comes from collection 1, the second from collection 3 of the 3 merged"],
    )


# --------------------------------------------------------------------------- Format


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("c.ttl", pv.Format.TURTLE),
        ("c.nt", pv.Format.NTRIPLES),
        ("c.JSONLD", pv.Format.JSONLD),
        ("c.json", pv.Format.JSONLD),
        ("c.trig", pv.Format.TRIG),
        ("c.nq", pv.Format.NQUADS),
        ("c.rdf", pv.Format.RDFXML),
    ],
)
def test_format_for_path(name: str, fmt: pv.Format) -> None:
    """A file's conventional suffix names its format, whatever its case."""
    assert pv.Format.for_path(name) == fmt


def test_unknown_suffix_and_format_name_are_refused() -> None:
    """An unknown suffix or format name is a ValidationError listing what is known."""
    with pytest.raises(pv.ValidationError, match=r"\.ttl"):
        pv.Format.for_path("claims.csv")
    with pytest.raises(pv.ValidationError, match="'turtle'"):
        pv.serialize(_claims(), format="n3")


@pytest.mark.parametrize(
    ("fmt", "document", "line"),
    [
        pytest.param(
            "nt",
            '<urn:x:a> <urn:x:b> "c" .\n<urn:x:p> <https://w3id.org/provenance-claims/vocab#statement>'
            ' "Iran was involved."@en--ltr .\n',
            2,
            id="base-direction",
        ),
        pytest.param(
            "turtle",
            "@prefix : <urn:x:> .\n:a :b :c .\n\n<< :a :b :c >> :said :d .\n",
            4,
            id="triple-term",
        ),
    ],
)
def test_rdf12_terms_are_refused_not_dropped(fmt: str, document: str, line: int) -> None:
    """A base direction or a triple term, which claims cannot hold, is refused with its line."""
    with pytest.raises(pv.RDFSyntaxError) as info:
        pv.parse(document, format=fmt)
    assert (info.value.line, "RDF 1.2" in info.value.reason) == (line, True)


# --------------------------------------------------------------------------- W3C suites


def _negative(manifest: Path, kind: str) -> list[Any]:
    """The negative syntax tests of ``kind`` a W3C manifest lists, or one skipping param."""
    if not manifest.is_file():
        return [pytest.param(None, id=f"absent-{manifest.parent.name}")]
    triples = list(ox.parse(path=manifest, format=ox.RdfFormat.TURTLE, base_iri=manifest.as_uri()))
    wanted = ox.NamedNode("http://www.w3.org/ns/rdftest#" + kind)
    action = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#action"
    tests = {t.subject for t in triples if t.object == wanted}
    files = sorted(
        manifest.parent / unquote(t.object.value.rsplit("/", 1)[1])
        for t in triples
        if t.subject in tests and t.predicate.value == action
    )
    return [pytest.param(path, id=f"{manifest.parent.parent.name}/{path.name}") for path in files]


NTRIPLES_NEGATIVE = [
    *_negative(W3C / "rdf11" / "rdf-n-triples" / "manifest.ttl", "TestNTriplesNegativeSyntax"),
    *_negative(
        W3C / "rdf12" / "rdf-n-triples" / "syntax" / "manifest.ttl", "TestNTriplesNegativeSyntax"
    ),
]
TURTLE12_NEGATIVE = _negative(
    W3C / "rdf12" / "rdf-turtle" / "syntax" / "manifest.ttl", "TestTurtleNegativeSyntax"
)


def _refused_with_line(read: Callable[[Path], pv.ClaimSet], path: Path | None) -> None:
    if path is None:
        pytest.skip(f"the W3C RDF test suite is absent (looked for {W3C})")
    with pytest.raises(pv.RDFSyntaxError) as info:
        read(path)
    error = info.value
    assert (error.source, error.line is not None, f", line {error.line}" in str(error)) == (
        str(path),
        True,
        True,
    )


@pytest.mark.parametrize("path", NTRIPLES_NEGATIVE)
def test_w3c_ntriples_negative_syntax(path: Path | None) -> None:
    """Every rdf11 and rdf12 N-Triples negative syntax test is refused with a located error."""
    _refused_with_line(pv.read_ntriples, path)


@pytest.mark.parametrize("path", TURTLE12_NEGATIVE)
def test_w3c_turtle12_negative_syntax(path: Path | None) -> None:
    """Every rdf12 Turtle negative syntax test is refused with a located error."""
    _refused_with_line(pv.read_turtle, path)


def test_w3c_suites_list_negative_tests() -> None:
    """The manifests list the negative tests, so the parametrized tests are not empty."""
    if not W3C.is_dir():
        pytest.skip(f"the W3C RDF test suite is absent (looked for {W3C})")
    assert (len(NTRIPLES_NEGATIVE) >= 50, len(TURTLE12_NEGATIVE) >= 30) == (True, True)


# --------------------------------------------------------------------------- docs


def test_formats_page_shows_current_jsonld(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The JSON-LD node shown on the formats page is what its own example writes today."""
    page = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    (tmp_path / "build").mkdir()
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    first_block = page.split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(first_block, "formats.md", "exec"), namespace)
    shown = page.split("```json\n", 1)[1].split("```", 1)[0]
    written = pv.serialize_jsonld(namespace["claims"], base="https://example.org/erbil/")  # type: ignore[arg-type]
    assert shown.rstrip("\n") in written
