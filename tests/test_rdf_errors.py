"""Reading RDF someone else wrote: clear errors for bad syntax and bad content; safe writes."""

from __future__ import annotations

import contextlib
import os
import socket
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pyoxigraph as ox
import pytest

from provenance import (
    Agent,
    Claim,
    ClaimSet,
    Outlet,
    Proposition,
    RDFContentError,
    RDFSyntaxError,
    Source,
    Stance,
    parse_turtle,
    read_turtle,
    serialize_turtle,
    write_turtle,
)
from provenance.rdf import _templates, _turtle

PC = "https://w3id.org/provenance-claims/vocab#"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
EX = "https://example.org/"

SHARED = Path(__file__).parents[1].parent / "shared"
TURTLE_TESTS = SHARED / "testsuites" / "w3c-rdf-tests" / "rdf11" / "rdf-turtle"

# ------------------------------------------------------------------ syntax


def test_read_turtle_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    """A syntax error in a file gives RDFSyntaxError with the file, line and column."""
    path = tmp_path / "claims.ttl"
    path.write_text(
        "@prefix ex: <https://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b ex:c ex:d .\n",
        encoding="utf-8",
    )

    with pytest.raises(RDFSyntaxError) as info:
        read_turtle(path)

    error = info.value
    assert (
        error.source,
        error.line,
        error.column,
        str(error).startswith(f"{path}, line 3, column 16: invalid RDF syntax: "),
        isinstance(error.__cause__, SyntaxError),
    ) == (str(path), 3, 16, True, True)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        pytest.param(
            '@prefix ex: <https://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n',
            3,
            11,
            id="unterminated-string",
        ),
        pytest.param(
            '<https://example.org/a> <https://example.org/b> "ایران" <c> .\n',
            1,
            57,
            id="relative-iri-after-persian-text",
        ),
        pytest.param("ex:a ex:b ex:c .\n", 1, 1, id="undeclared-prefix"),
        pytest.param("\n\n   @prefx x: <https://example.org/> .\n", 3, 4, id="misspelt-directive"),
        pytest.param(
            "GRAPH <https://example.org/g> "
            '{ <https://example.org/a> <https://example.org/b> "x" . }\n',
            1,
            1,
            id="trig-graph",
        ),
    ],
)
def test_parse_turtle_syntax_error_has_line_and_column(text: str, line: int, column: int) -> None:
    """A syntax error in a string gives RDFSyntaxError with 1-based line and character column."""
    with pytest.raises(RDFSyntaxError) as info:
        parse_turtle(text, name="inline.ttl")

    error = info.value
    assert (error.source, error.line, error.column, str(error).startswith("inline.ttl, ")) == (
        "inline.ttl",
        line,
        column,
        True,
    )


def test_parse_turtle_refuses_unpaired_surrogate() -> None:
    """A document string with an unpaired surrogate is refused with RDFSyntaxError."""
    text = '<https://example.org/a> <https://example.org/b> "Iran\ud800" .\n'

    with pytest.raises(RDFSyntaxError) as info:
        parse_turtle(text)

    assert info.value.source == "<string>"


def _negative_syntax_tests() -> list[Any]:
    """The rdf11 Turtle negative syntax tests listed in the W3C suite's manifest."""
    manifest = TURTLE_TESTS / "manifest.ttl"
    if not manifest.is_file():
        return [pytest.param(None, id="w3c-suite-absent")]
    triples = list(
        ox.parse(manifest.read_bytes(), format=ox.RdfFormat.TURTLE, base_iri=manifest.as_uri())
    )
    negative = ox.NamedNode("http://www.w3.org/ns/rdftest#TestTurtleNegativeSyntax")
    action = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#action"
    tests = {t.subject for t in triples if t.object == negative}
    files = sorted(
        unquote(t.object.value.rsplit("/", 1)[1])
        for t in triples
        if t.subject in tests and t.predicate.value == action
    )
    return [pytest.param(TURTLE_TESTS / name, id=name) for name in files]


@pytest.mark.parametrize("path", _negative_syntax_tests())
def test_w3c_negative_syntax(path: Path | None) -> None:
    """Every rdf11 Turtle negative syntax test of the W3C suite is refused with a located error."""
    if path is None:
        pytest.skip(f"the W3C RDF test suite is absent (looked for {TURTLE_TESTS})")
    with pytest.raises(RDFSyntaxError) as info:
        read_turtle(path)

    error = info.value
    assert (error.source, error.line is not None, error.column is not None) == (
        str(path),
        True,
        True,
    )


def test_w3c_suite_has_negative_syntax_tests() -> None:
    """The manifest lists the negative syntax tests, so the parametrized test is not empty."""
    if not TURTLE_TESTS.is_dir():
        pytest.skip(f"the W3C RDF test suite is absent (looked for {TURTLE_TESTS})")

    assert len(_negative_syntax_tests()) >= 90


# ------------------------------------------------------------------ content

PREFIXES = """\
@prefix pc: <https://w3id.org/provenance-claims/vocab#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix ex: <https://example.org/> .
"""

DOCUMENT = (
    PREFIXES
    + """
ex:said a prov:Agent, prov:Person ;
    rdfs:label "Said Khatibzadeh" .
ex:fars a prov:Agent, prov:Organization, pc:Outlet ;
    rdfs:label "Fars" ;
    pc:outletKind pc:NewsAgency .
ex:involved a pc:Proposition ;
    pc:statement "Iran was involved in the attack." .
ex:fars-16-feb a prov:Entity, pc:Source ;
    prov:wasAttributedTo ex:fars .
ex:denial a prov:Entity, pc:Claim ;
    pc:proposition ex:involved ;
    pc:stance pc:Denial ;
    prov:wasDerivedFrom ex:fars-16-feb ;
    prov:qualifiedAttribution [ dcat:hadRole pc:ClaimantRole ; prov:agent ex:said ] .
"""
)
"""One valid claim, written by hand the way another tool might write it."""


def _changed(old: str, new: str) -> str:
    assert DOCUMENT.count(old) == 1, old
    return DOCUMENT.replace(old, new)


def test_hand_written_document_reads() -> None:
    """The hand-written document the content tests alter is itself read as one claim."""
    fars = Outlet(name="Fars", kind="news agency")

    assert parse_turtle(DOCUMENT).claims == (
        Claim(
            proposition=Proposition("Iran was involved in the attack."),
            claimant=Agent(name="Said Khatibzadeh"),
            source=Source(outlet=fars),
            stance=Stance.DENIAL,
        ),
    )


_REPORT = """
ex:report a pc:Claim ;
    pc:proposition ex:involved ;
    pc:stance pc:Report ;
    prov:wasDerivedFrom ex:fars-16-feb ;
    prov:qualifiedAttribution [ dcat:hadRole pc:ClaimantRole ; prov:agent ex:said ] .
"""
_STANCE_LINE = "pc:stance pc:Denial ;"
_SOURCE_LINE = "    prov:wasAttributedTo ex:fars ."

CONTENT_ERRORS = [
    pytest.param(
        _changed("    pc:proposition ex:involved ;\n", ""),
        (EX + "denial",),
        PC + "proposition",
        "pc:Proposition",
        id="no-proposition",
    ),
    pytest.param(
        _changed(_STANCE_LINE, "pc:stance pc:Denial, pc:Report ;"),
        (EX + "denial",),
        PC + "stance",
        "at most one",
        id="two-stances",
    ),
    pytest.param(
        _changed(_STANCE_LINE, _STANCE_LINE + ' pc:confidence "0.8"^^xsd:string ;'),
        (EX + "denial",),
        PC + "confidence",
        "from 0 to 1",
        id="confidence-string",
    ),
    pytest.param(
        _changed(_STANCE_LINE, _STANCE_LINE + ' pc:confidence "0.80x"^^xsd:decimal ;'),
        (EX + "denial",),
        PC + "confidence",
        "from 0 to 1",
        id="confidence-ill-typed-decimal",
    ),
    pytest.param(
        _changed(_STANCE_LINE, _STANCE_LINE + " pc:confidence 1.5 ;"),
        (EX + "denial",),
        PC + "confidence",
        "from 0 to 1",
        id="confidence-above-one",
    ),
    pytest.param(
        _changed(_STANCE_LINE, "pc:stance ex:rumour ;"),
        (EX + "rumour",),
        SKOS + "prefLabel",
        "pc:polarity",
        id="unknown-stance",
    ),
    pytest.param(
        _changed(
            "    prov:qualifiedAttribution [ dcat:hadRole pc:ClaimantRole ; prov:agent ex:said ] .",
            "    .",
        ),
        (EX + "denial",),
        PROV + "qualifiedAttribution",
        "pc:ClaimantRole",
        id="no-claimant",
    ),
    pytest.param(
        _changed(
            "    prov:qualifiedAttribution [ dcat:hadRole pc:ClaimantRole ; prov:agent ex:said ] .",
            "    prov:qualifiedAttribution [ dcat:hadRole pc:OutletRole ; prov:agent ex:fars ] .",
        ),
        (EX + "denial",),
        PROV + "qualifiedAttribution",
        "pc:ClaimantRole",
        id="only-outlet-attribution",
    ),
    pytest.param(
        _changed(_SOURCE_LINE, '    dcterms:title "Statement" .'),
        (EX + "fars-16-feb",),
        PROV + "wasAttributedTo",
        "pc:Outlet",
        id="source-without-outlet",
    ),
    pytest.param(
        _changed(_SOURCE_LINE, "    prov:wasAttributedTo ex:said ."),
        (EX + "fars-16-feb",),
        PROV + "wasAttributedTo",
        "pc:Outlet",
        id="source-attributed-to-person",
    ),
    pytest.param(
        _changed(
            _SOURCE_LINE,
            "    prov:wasAttributedTo ex:fars ;\n"
            '    prov:generatedAtTime "2021-02-16T10:30:00"^^xsd:dateTime .',
        ),
        (EX + "fars-16-feb",),
        PROV + "generatedAtTime",
        "time zone",
        id="source-time-without-zone",
    ),
    pytest.param(
        _changed(
            _STANCE_LINE,
            _STANCE_LINE + ' prov:generatedAtTime "2021-02-16T10:30:00"^^xsd:dateTime ;',
        ),
        (EX + "denial",),
        PROV + "generatedAtTime",
        "time zone",
        id="claim-time-without-zone",
    ),
    pytest.param(
        _changed(
            _SOURCE_LINE,
            "    prov:wasAttributedTo ex:fars ; prov:wasDerivedFrom ex:isna .\n"
            'ex:isna a pc:Source ; dcterms:title "ISNA" ; prov:wasAttributedTo ex:fars ;\n'
            "    prov:wasDerivedFrom ex:fars-16-feb .",
        ),
        (EX + "fars-16-feb", EX + "isna"),
        PROV + "wasDerivedFrom",
        "do not lead back",
        id="derivation-cycle",
    ),
    pytest.param(
        _changed(_STANCE_LINE, _STANCE_LINE + " pc:supports ex:report ;")
        + _REPORT.replace("pc:stance pc:Report ;", "pc:stance pc:Report ; pc:supports ex:denial ;"),
        (EX + "denial", EX + "report"),
        PC + "supports",
        "do not lead back",
        id="supports-cycle",
    ),
    pytest.param(
        _changed(_STANCE_LINE, _STANCE_LINE + " pc:contests ex:denial ;"),
        (EX + "denial",),
        PC + "contests",
        "do not lead back",
        id="contests-itself",
    ),
    pytest.param(
        _changed(_STANCE_LINE, _STANCE_LINE + " pc:supports ex:report ; pc:contests ex:denial ;")
        + _REPORT,
        (EX + "denial",),
        PC + "contests",
        "do not lead back",
        id="contests-itself-beside-a-support",
    ),
]


@pytest.mark.parametrize(("text", "nodes", "prop", "expected"), CONTENT_ERRORS)
def test_content_error_names_node_property_and_expectation(
    text: str, nodes: tuple[str, ...], prop: str, expected: str
) -> None:
    """Valid Turtle with wrong content gives RDFContentError naming node, property, expectation.

    ``nodes`` are the nodes the error may name: one, or any node on a cycle.
    """
    with pytest.raises(RDFContentError) as info:
        parse_turtle(text)

    error = info.value
    assert (
        error.node in nodes,
        error.property,
        expected in error.expected,
        error.source,
        str(error).startswith(
            f"<string>: <{error.node}> <{error.property}>: expected {error.expected}"
        ),
    ) == (True, prop, True, "<string>", True)


def _chain(length: int) -> str:
    """A document of ``length`` sources, each derived from the next."""
    lines = [
        PREFIXES,
        'ex:digest a pc:Outlet ; rdfs:label "Digest" ; pc:outletKind pc:Publisher .',
    ]
    for i in range(length):
        link = f" ; prov:wasDerivedFrom ex:source-{i + 1}" if i + 1 < length else ""
        lines.append(
            f'ex:source-{i} a pc:Source ; dcterms:title "Source {i}" ;'
            f" prov:wasAttributedTo ex:digest{link} ."
        )
    return "\n".join(lines)


def test_long_derivation_chain_reads() -> None:
    """A chain of 5000 sources, each derived from the next, reads without RecursionError."""
    claims = parse_turtle(_chain(5000))

    by_title = {s.title: s for s in claims.sources}
    steps = []
    source = by_title["Source 0"]
    while source.derived_from:
        (derivation,) = source.derived_from
        source = derivation.source
        steps.append(source.title)
    assert (len(claims.sources), steps) == (5000, [f"Source {i}" for i in range(1, 5000)])


def test_long_derivation_chain_reads_equal_twice() -> None:
    """Two reads of a chain of 5000 sources compare equal, without RecursionError."""
    text = _chain(5000)

    assert parse_turtle(text) == parse_turtle(text)


# ------------------------------------------------------------------ writing

FARS = Outlet(name="Fars", kind="news agency")


def _collection(size: int) -> ClaimSet:
    return ClaimSet(
        Claim(
            proposition=Proposition(f"Proposition {i}."),
            claimant=Agent(name="Said Khatibzadeh"),
            source=Source(outlet=FARS),
            stance=Stance.DENIAL,
        )
        for i in range(size)
    )


def test_failed_write_keeps_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If writing fails midway, the previous file is unchanged and no temporary file remains."""
    target = tmp_path / "claims.ttl"
    write_turtle(_collection(1), target)
    previous = target.read_bytes()
    written_before_failure: list[int] = []
    real_pieces = _templates.turtle_pieces

    def failing_pieces(claims: ClaimSet, *, base: str) -> Iterator[Any]:
        for count, piece in enumerate(real_pieces(claims, base=base)):
            if count == 1:
                written_before_failure.extend(
                    p.stat().st_size for p in tmp_path.iterdir() if p != target
                )
                raise RuntimeError("disk full")
            yield piece

    monkeypatch.setattr(_turtle, "turtle_pieces", failing_pieces)
    with pytest.raises(RuntimeError, match="disk full"):
        write_turtle(_collection(500), target)

    assert (
        len(written_before_failure) == 1 and written_before_failure[0] > 0,
        os.listdir(tmp_path),
        target.read_bytes(),
    ) == (True, ["claims.ttl"], previous)


def test_write_into_missing_folder_creates_nothing(tmp_path: Path) -> None:
    """Writing into a folder that does not exist raises FileNotFoundError and creates nothing."""
    with pytest.raises(FileNotFoundError):
        write_turtle(_collection(1), tmp_path / "missing" / "claims.ttl")

    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="permission bits are a POSIX notion")
def test_write_replaces_file_and_keeps_permissions(tmp_path: Path) -> None:
    """A successful write replaces the file's content and keeps its permission bits."""
    target = tmp_path / "claims.ttl"
    target.write_text("old content\n", encoding="utf-8")
    target.chmod(0o640)
    claims = _collection(3)

    write_turtle(claims, target)

    assert (
        target.read_text(encoding="utf-8"),
        stat.S_IMODE(target.stat().st_mode),
        os.listdir(tmp_path),
    ) == (serialize_turtle(claims), 0o640, ["claims.ttl"])


@pytest.mark.skipif(os.name != "posix", reason="permission bits are a POSIX notion")
def test_new_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    """A new file gets the permissions any new file gets, not the temporary file's 0600."""
    ordinary = tmp_path / "ordinary.txt"
    ordinary.write_text("", encoding="utf-8")
    target = tmp_path / "claims.ttl"

    write_turtle(_collection(1), target)

    assert stat.S_IMODE(target.stat().st_mode) == stat.S_IMODE(ordinary.stat().st_mode)


# ------------------------------------------------------------------ network

_NETWORK_EVENTS = frozenset(
    {
        "socket.connect",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "urllib.Request",
    }
)


class _NetworkBlockedError(Exception):
    """Raised by the audit hook to stop a network operation before it happens."""


class _NetworkAudit:
    """An audit hook that, while recording, notes and blocks every network operation."""

    def __init__(self) -> None:
        self.events: list[str] | None = None

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        if self.events is not None and event in _NETWORK_EVENTS:
            self.events.append(event)
            raise _NetworkBlockedError(f"{event}{args!r}")


_AUDIT: _NetworkAudit | None = None


@contextlib.contextmanager
def _network_events() -> Iterator[list[str]]:
    """The network operations attempted in the block (each blocked before it happens)."""
    global _AUDIT  # noqa: PLW0603 - an audit hook cannot be removed, so install it once
    if _AUDIT is None:
        _AUDIT = _NetworkAudit()
        sys.addaudithook(_AUDIT)
    events: list[str] = []
    _AUDIT.events = events
    try:
        yield events
    finally:
        _AUDIT.events = None


def test_audit_hook_sees_name_lookups() -> None:
    """The audit hook records and blocks a name lookup, so an empty record means no network."""
    with _network_events() as events, pytest.raises(_NetworkBlockedError):
        socket.getaddrinfo("localhost", 80)

    assert events == ["socket.getaddrinfo"]


REMOTE_DOCUMENT = """\
@base <https://claims.example.net/erbil/> .
@prefix pc: <https://w3id.org/provenance-claims/vocab#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix remote: <https://vocab.example.com/terms#> .

<> owl:imports <https://www.w3.org/ns/prov-o>, <https://vocab.example.com/terms> .
<said> a prov:Agent, prov:Person ; rdfs:label "Said Khatibzadeh" ;
    remote:profile <https://www.wikidata.org/wiki/Q64000000> .
<fars> a prov:Agent, prov:Organization, pc:Outlet ; rdfs:label "Fars" ;
    pc:outletKind pc:NewsAgency .
<involved> a pc:Proposition ; pc:statement "Iran was involved in the attack." .
<fars-16-feb> a pc:Source ; prov:wasAttributedTo <fars> .
<denial> a pc:Claim ; pc:proposition <involved> ; pc:stance pc:Denial ;
    prov:wasDerivedFrom <fars-16-feb> ;
    prov:qualifiedAttribution [ dcat:hadRole pc:ClaimantRole ; prov:agent <said> ] .
"""


def test_parsing_never_touches_the_network(tmp_path: Path) -> None:
    """Documents full of remote IRIs, prefixes and imports parse without any network operation."""
    path = tmp_path / "remote.ttl"
    path.write_text(REMOTE_DOCUMENT, encoding="utf-8")

    with _network_events() as events:
        from_string = parse_turtle(REMOTE_DOCUMENT)
        from_file = read_turtle(path)

    assert (len(from_string), from_file == from_string, events) == (1, True, [])
