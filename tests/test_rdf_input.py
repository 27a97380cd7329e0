"""Hostile and unusual RDF input: web addresses, what JSON-LD drops, where errors are, base
IRIs, documents without claims and documents nested beyond reason."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pyoxigraph as ox
import pytest

import provenance as pv
from provenance import files
from provenance.cli import main
from provenance.shacl import validate_file

PC = "https://w3id.org/provenance-claims/vocab#"
FOAF = "http://xmlns.com/foaf/0.1/"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TURTLE_TESTS = SHARED / "testsuites" / "w3c-rdf-tests" / "rdf11" / "rdf-turtle"

FARS = pv.Outlet(name="Fars", kind="news agency", url="https://farsnews.ir/")
CLAIM = pv.Claim(
    proposition=pv.Proposition("Iran was involved in the attack."),
    claimant=pv.Agent(name="Said Khatibzadeh"),
    source=pv.Source(outlet=FARS, url="https://farsnews.ir/news/1"),
    stance=pv.Stance.DENIAL,
)
CLAIMS = pv.ClaimSet([CLAIM])


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


# --------------------------------------------------------------------------- web addresses

NOT_WEB_ADDRESSES = [
    "javascript:alert(1)",
    "file:///etc/passwd",
    "data:text/html,<script>alert(1)</script>",
    "urn:isbn:0451450523",
    "mailto:press@farsnews.ir",
    "ftp://farsnews.ir/",
    "http:///news",
    "https://",
    "https://:443/",
    "http://farsnews.ir/a b",
]


@pytest.mark.parametrize("url", NOT_WEB_ADDRESSES)
@pytest.mark.parametrize("record", ["Outlet", "Source"])
def test_a_page_must_be_a_web_address(record: str, url: str) -> None:
    """Outlet and source pages are http or https with a host; anything else names the field."""
    make = (
        (lambda: pv.Outlet(name="Fars", url=url))
        if record == "Outlet"
        else (lambda: pv.Source(outlet=FARS, url=url))
    )
    with pytest.raises(pv.ValidationError) as info:
        make()
    assert (info.value.owner, info.value.field, "web address" in info.value.expected) == (
        record,
        "url",
        True,
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://farsnews.ir/",
        "HTTP://FARSNEWS.IR",
        "http://user@farsnews.ir:8080/news?id=5#top",
        "http://[2001:db8::1]/",
        "https://خبر.ایران/تیتر",
    ],
)
def test_web_addresses_are_accepted(url: str) -> None:
    """http and https addresses with a host, in any case, with port, IPv6 or Persian host."""
    assert pv.Outlet(name="Fars", url=url).url == url


def test_record_and_stance_iris_stay_general() -> None:
    """Only pages are web addresses: records minted under urn: and urn: stances still read."""
    rumour = pv.Stance("urn:example:rumour", "rumour", "affirming")
    claims = pv.ClaimSet([pv.Claim(**{**_fields(CLAIM), "stance": rumour})])
    text = pv.serialize_turtle(claims, base="urn:example:records/")
    assert pv.parse_turtle(text) == claims


def _fields(claim: pv.Claim) -> dict[str, Any]:
    return {
        "proposition": claim.proposition,
        "claimant": claim.claimant,
        "source": claim.source,
        "stance": claim.stance,
    }


@pytest.mark.parametrize("fmt", list(pv.Format))
@pytest.mark.parametrize(
    ("page", "prop"), [("https://farsnews.ir/", "homepage"), ("https://farsnews.ir/news/1", "page")]
)
def test_rdf_with_a_script_for_a_page_is_refused(fmt: pv.Format, page: str, prop: str) -> None:
    """A javascript: home page or page read from RDF is a content error on that property."""
    text = pv.serialize(CLAIMS, format=fmt).replace(page, "javascript:alert(1)")
    with pytest.raises(pv.RDFContentError) as info:
        pv.parse(text, format=fmt, name="doc")
    error = info.value
    assert (error.property, error.source, "web address" in error.expected, error.found) == (
        FOAF + prop,
        "doc",
        True,
        "<javascript:alert(1)>",
    )


def test_claim_file_with_a_script_for_a_page_is_a_located_problem(tmp_path: Path) -> None:
    """A claim file's url that is no web address is reported with its file, line and field."""
    path = tmp_path / "claims.yaml"
    files.write_claim_file(CLAIMS, path)
    text = path.read_text(encoding="utf-8")
    assert text.count("https://farsnews.ir/news/1") == 1
    path.write_text(text.replace("https://farsnews.ir/news/1", "file:///etc/passwd"), "utf-8")
    with pytest.raises(files.ClaimFileError) as info:
        files.read_claim_file(path)
    message = str(info.value)
    assert (str(path) in message, "url" in message, "web address" in message) == (True,) * 3


# --------------------------------------------------------------------------- JSON-LD drops


def _jsonld(node: dict[str, Any], context: dict[str, Any] | None = None) -> str:
    document: dict[str, Any] = {"@context": context or {}, "@graph": [node]}
    return json.dumps(document, indent=2, ensure_ascii=False)


OUTLET_NODE = {
    "@id": "https://example.org/fars",
    "@type": [PC + "Outlet", "http://www.w3.org/ns/prov#Organization"],
    "http://www.w3.org/2000/01/rdf-schema#label": "Fars",
    PC + "outletKind": {"@id": PC + "NewsAgency"},
}

DROPPED = [
    pytest.param(
        {**OUTLET_NODE, "homepage": "http://e/a b"},
        {"homepage": {"@id": FOAF + "homepage", "@type": "@id"}},
        "http://e/a b",
        id="invalid-homepage",
    ),
    pytest.param({**OUTLET_NODE, "@id": "fars"}, None, "fars", id="relative-id-without-base"),
    pytest.param({**OUTLET_NODE, "@id": "https://e/a b"}, None, "https://e/a b", id="invalid-id"),
    pytest.param({**OUTLET_NODE, "label": "Fars"}, None, "label", id="undefined-key"),
    pytest.param(
        {**OUTLET_NODE, "@type": ["https://e/T U"]}, None, "https://e/T U", id="invalid-type"
    ),
    pytest.param(
        {**OUTLET_NODE, PC + "note": {"@value": "x", "@type": "https://e/d t"}},
        None,
        "https://e/d t",
        id="invalid-datatype",
    ),
    pytest.param(
        {**OUTLET_NODE, PC + "note": {"@value": "x", "@language": "not a tag!"}},
        None,
        "not a tag!",
        id="invalid-language-tag",
    ),
    pytest.param(
        {**OUTLET_NODE, PC + "note": {"@id": "_:a b"}}, None, "_:a b", id="invalid-blank-node"
    ),
    pytest.param({**OUTLET_NODE, "@note": "Fars"}, None, "@note", id="unknown-keyword"),
    pytest.param(
        {**OUTLET_NODE, "label": "Fars"},
        {"@vocab": "https://e/a b/"},
        "https://e/a b/label",
        id="vocab-makes-an-invalid-iri",
    ),
]


@pytest.mark.parametrize(("node", "context", "value"), DROPPED)
def test_jsonld_refuses_what_a_processor_would_drop(
    tmp_path: Path, node: dict[str, Any], context: dict[str, Any] | None, value: str
) -> None:
    """A term JSON-LD drops without a word is a syntax error naming the file and the value."""
    path = tmp_path / "claims.jsonld"
    path.write_text(_jsonld(node, context), encoding="utf-8")
    with pytest.raises(pv.RDFSyntaxError) as info:
        pv.read_jsonld(path)
    error = info.value
    assert (error.source, repr(value) in str(error), str(error).startswith(str(path))) == (
        str(path),
        True,
        True,
    )


def test_jsonld_dropped_value_is_located_where_it_occurs_once() -> None:
    """The refused value's line is given where the value occurs once in the document."""
    text = _jsonld(
        {**OUTLET_NODE, "homepage": "http://e/a b"},
        {"homepage": {"@id": FOAF + "homepage", "@type": "@id"}},
    )
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "http://e/a b" in row)
    with pytest.raises(pv.RDFSyntaxError) as info:
        pv.parse_jsonld(text)
    assert info.value.line == line


def test_shacl_validation_refuses_what_jsonld_would_drop(tmp_path: Path) -> None:
    """SHACL validation of a JSON-LD file reads it as strictly as the claim readers do."""
    path = tmp_path / "claims.jsonld"
    path.write_text(_jsonld({**OUTLET_NODE, "label": "Fars"}), encoding="utf-8")
    with pytest.raises(pv.RDFSyntaxError, match="'label'"):
        validate_file(path)


def test_jsonld_nulls_and_defined_terms_are_read() -> None:
    """What JSON-LD defines as saying nothing (null) is fine, as are keys @vocab expands."""
    node = {**OUTLET_NODE, "label": "Fars", PC + "note": None}
    del node["http://www.w3.org/2000/01/rdf-schema#label"]
    context = {"label": "http://www.w3.org/2000/01/rdf-schema#label"}
    claims = pv.parse_jsonld(_jsonld(node, context))
    assert claims.outlets == (pv.Outlet(name="Fars", kind="news agency"),)


# --------------------------------------------------------------------------- where an error is


def test_content_error_names_the_file(tmp_path: Path) -> None:
    """A content error read from a file starts with the file's name, as syntax errors do."""
    path = tmp_path / "claims.ttl"
    path.write_text(pv.serialize_turtle(CLAIMS).replace("pc:Denial", "pc:Rumour"), "utf-8")
    with pytest.raises(pv.RDFContentError) as info:
        pv.read_turtle(path)
    error = info.value
    assert (error.source, error.line, str(error).startswith(f"{path}: <{error.node}> ")) == (
        str(path),
        None,
        True,
    )


@pytest.mark.parametrize("fmt", [pv.Format.JSONLD, pv.Format.RDFXML, pv.Format.TRIG])
def test_content_errors_name_the_file_in_every_format(tmp_path: Path, fmt: pv.Format) -> None:
    """Each format's reader names the file its content error was found in."""
    path = tmp_path / f"claims{fmt.suffix}"
    path.write_text(pv.serialize(CLAIMS, format=fmt).replace("Denial", "Rumour"), "utf-8")
    with pytest.raises(pv.RDFContentError) as info:
        pv.read(path, format=fmt)
    assert info.value.source == str(path)


@pytest.mark.parametrize("fmt", [pv.Format.NTRIPLES, pv.Format.NQUADS])
def test_content_error_in_ntriples_gives_the_line(tmp_path: Path, fmt: pv.Format) -> None:
    """In N-Triples and N-Quads, one statement a line, the error gives the statement's line."""
    text = pv.serialize(CLAIMS, format=fmt).replace(f"<{PC}Denial>", '"denial"')
    line = next(i for i, row in enumerate(text.splitlines(), 1) if '"denial"' in row)
    path = tmp_path / f"claims{fmt.suffix}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(pv.RDFContentError) as info:
        pv.read(path, format=fmt)
    error = info.value
    assert (error.line, str(error).startswith(f"{path}, line {line}: ")) == (line, True)


def test_content_error_about_a_missing_property_has_no_line() -> None:
    """No line is guessed for a statement that is not there."""
    text = pv.serialize_ntriples(CLAIMS)
    kept = "".join(row for row in text.splitlines(True) if "#statement>" not in row)
    with pytest.raises(pv.RDFContentError) as info:
        pv.parse_ntriples(kept, name="claims.nt")
    assert (info.value.property, info.value.line) == (PC + "statement", None)


def test_command_line_names_the_faulty_file_among_several(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With several inputs, the error line says which file is at fault."""
    good = tmp_path / "good.ttl"
    bad = tmp_path / "bad.ttl"
    pv.write_turtle(CLAIMS, good)
    bad.write_text(pv.serialize_turtle(CLAIMS).replace("pc:Denial", "pc:Rumour"), "utf-8")
    code, err = _run(capsys, "stats", str(good), str(bad))
    assert (code, err.startswith(f"provenance: error: {bad}: <")) == (2, True)


# --------------------------------------------------------------------------- base IRIs

RELATIVE = (
    f'<#said> a <{PC}Proposition> ; <{PC}statement> "Said denied it." .\n'
    f"<{PC}x> <{PC}y> <../up> .\n"
)


def test_relative_iris_need_a_base() -> None:
    """Without a base IRI a relative IRI is a syntax error that says what to do."""
    with pytest.raises(pv.RDFSyntaxError, match="base_iri="):
        pv.parse_turtle(RELATIVE)


def test_relative_iris_are_never_resolved_against_the_file(tmp_path: Path) -> None:
    """A file's own path is no base: reading the file without one refuses the relative IRI."""
    path = tmp_path / "relative.ttl"
    path.write_text(RELATIVE, encoding="utf-8")
    with pytest.raises(pv.RDFSyntaxError) as info:
        pv.read_turtle(path)
    assert (info.value.source, info.value.line) == (str(path), 1)


@pytest.mark.parametrize(
    ("fmt", "document"),
    [
        (pv.Format.TURTLE, f'<#p> a <{PC}Proposition> ; <{PC}statement> "x" .\n'),
        (pv.Format.TRIG, f'{{ <#p> a <{PC}Proposition> ; <{PC}statement> "x" . }}\n'),
        (
            pv.Format.JSONLD,
            json.dumps({"@id": "#p", "@type": PC + "Proposition", PC + "statement": "x"}),
        ),
        (
            pv.Format.RDFXML,
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            f'xmlns:pc="{PC}"><pc:Proposition rdf:about="#p"><pc:statement>x</pc:statement>'
            "</pc:Proposition></rdf:RDF>",
        ),
    ],
)
def test_base_iri_resolves_relative_iris(tmp_path: Path, fmt: pv.Format, document: str) -> None:
    """Every syntax with relative IRIs resolves them against base_iri, from a file or string."""
    path = tmp_path / f"doc{fmt.suffix}"
    path.write_text(document, encoding="utf-8")
    base = "https://example.org/doc"
    from_file = pv.read(path, format=fmt, base_iri=base)
    from_string = pv.parse(document, format=fmt, base_iri=base)
    graph = pv.to_graph(from_file)
    assert (from_file, from_file.propositions, len(graph)) == (
        from_string,
        (pv.Proposition("x"),),
        len(pv.to_graph(pv.ClaimSet([pv.Proposition("x")]))),
    )


def test_document_base_wins_over_the_base_iri() -> None:
    """A @base in the document is the document's own word, and wins over the reader's."""
    document = f'@base <https://a.example/> .\n<#p> a <{PC}Proposition> ; <{PC}statement> "x" .\n'
    quads = list(ox.parse(document, format=ox.RdfFormat.TURTLE, base_iri="https://b.example/"))
    assert quads[0].subject.value == "https://a.example/#p"
    assert pv.parse_turtle(document, base_iri="https://b.example/").propositions == (
        pv.Proposition("x"),
    )


@pytest.mark.parametrize("base", ["relative/", "https://e/a b", ""])
def test_base_iri_must_be_absolute(base: str) -> None:
    """A base IRI that is no absolute IRI is a ValidationError naming base_iri."""
    with pytest.raises(pv.ValidationError) as info:
        pv.parse_turtle(RELATIVE, base_iri=base)
    assert info.value.field == "base_iri"


def test_command_line_takes_a_base_iri(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--base-iri resolves relative IRIs on the way in; without it the input is refused."""
    path = tmp_path / "relative.ttl"
    path.write_text(f'<#p> a <{PC}Proposition> ; <{PC}statement> "x" .\n', encoding="utf-8")
    out = tmp_path / "out.nt"
    refused, _ = _run(capsys, "convert", str(path), str(out))
    converted, _ = _run(capsys, "convert", "--base-iri", "https://e.org/", str(path), str(out))
    checked, _ = _run(capsys, "check", "--base-iri", "https://e.org/", str(path))
    assert (refused, converted, checked, pv.read_ntriples(out).propositions) == (
        2,
        0,
        0,
        (pv.Proposition("x"),),
    )


def _positive_tests() -> list[Any]:
    """The rdf11 Turtle positive syntax and evaluation tests, each with the base it assumes."""
    manifest = TURTLE_TESTS / "manifest.ttl"
    if not manifest.is_file():
        return [pytest.param(None, None, id="w3c-suite-absent")]
    quads = list(ox.parse(path=manifest, format=ox.RdfFormat.TURTLE, base_iri=manifest.as_uri()))
    rdft = "http://www.w3.org/ns/rdftest#"
    mf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
    base = next(q.object.value for q in quads if q.predicate.value == mf + "assumedTestBase")
    kinds = {ox.NamedNode(rdft + "TestTurtlePositiveSyntax"), ox.NamedNode(rdft + "TestTurtleEval")}
    tests = {q.subject for q in quads if q.object in kinds}
    names = sorted(
        unquote(q.object.value.rsplit("/", 1)[1])
        for q in quads
        if q.subject in tests and q.predicate.value == mf + "action"
    )
    return [pytest.param(TURTLE_TESTS / name, base + name, id=name) for name in names]


@pytest.mark.parametrize(("path", "base"), _positive_tests())
def test_w3c_positive_turtle_tests_are_accepted_with_their_base(
    path: Path | None, base: str | None
) -> None:
    """Every positive rdf11 Turtle test parses, given the base its manifest assumes.

    The documents are valid Turtle, not claims: a content error (no claims) is acceptance
    of the syntax; a syntax error would not be.
    """
    if path is None or base is None:
        pytest.skip(f"the W3C RDF test suite is absent (looked for {TURTLE_TESTS})")
    with contextlib.suppress(pv.RDFContentError):
        pv.read_turtle(path, base_iri=base)


def test_w3c_suite_has_positive_tests_some_relative() -> None:
    """The suite lists 219 positive tests, and some of them need the base to parse."""
    tests = _positive_tests()
    if tests[0].values[0] is None:
        pytest.skip(f"the W3C RDF test suite is absent (looked for {TURTLE_TESTS})")
    relative = 0
    for param in tests:
        path, _ = param.values
        try:
            pv.read_turtle(path)
        except pv.RDFSyntaxError:
            relative += 1
        except pv.RDFContentError:
            pass
    assert (len(tests), relative > 0) == (219, True)


# --------------------------------------------------------------------------- no claims


FOAF_DOCUMENT = (
    f'<https://example.org/me> <{FOAF}name> "Me" ; <{FOAF}knows> <https://example.org/you> .\n'
)


def test_rdf_about_nothing_we_know_is_refused(tmp_path: Path) -> None:
    """A FOAF profile holds triples but no claims: the error says so, naming the file."""
    path = tmp_path / "me.ttl"
    path.write_text(FOAF_DOCUMENT, encoding="utf-8")
    with pytest.raises(pv.RDFContentError) as info:
        pv.read_turtle(path)
    assert (str(info.value), info.value.source, info.value.node) == (
        f"no claims in {path}: 2 triples, none about claims",
        str(path),
        None,
    )


def test_stance_descriptions_alone_are_no_claims() -> None:
    """Nodes of our vocabulary that are no record (a stance description) are no claims."""
    text = f'<urn:x:rumour> <http://www.w3.org/2004/02/skos/core#prefLabel> "rumour" ; <{PC}polarity> <{PC}Affirming> .\n'  # noqa: E501
    with pytest.raises(pv.RDFContentError, match=r"^no claims in <string>: 2 triples"):
        pv.parse_turtle(text)


@pytest.mark.parametrize("fmt", list(pv.Format))
def test_the_empty_collection_round_trips(fmt: pv.Format) -> None:
    """An empty collection, written in any format, reads back as an empty collection."""
    assert pv.parse(pv.serialize(pv.ClaimSet(), format=fmt), format=fmt) == pv.ClaimSet()


def test_records_without_claims_are_read() -> None:
    """A document with records of ours but no claim is a collection, not an error."""
    claims = pv.ClaimSet([FARS])
    assert pv.parse_turtle(pv.serialize_turtle(claims)) == claims


def test_check_fails_on_rdf_without_claims(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`provenance check` on a FOAF file exits 2 with the one line that says why."""
    path = tmp_path / "me.ttl"
    path.write_text(FOAF_DOCUMENT, encoding="utf-8")
    assert _run(capsys, "check", str(path)) == (
        2,
        f"provenance: error: no claims in {path}: 2 triples, none about claims\n",
    )


# --------------------------------------------------------------------------- deep nesting

DEPTH = 100_000


def _nested(fmt: pv.Format, depth: int = DEPTH) -> str:
    """A document of one chain of blank nodes ``depth`` levels deep, in ``fmt``."""
    p = "https://example.org/p"
    a = "https://example.org/a"
    if fmt in (pv.Format.TURTLE, pv.Format.TRIG):
        statement = f"<{a}> <{p}> " + f"[ <{p}> " * depth + '"x"' + " ]" * depth + " ."
        return statement + "\n" if fmt is pv.Format.TURTLE else "{ " + statement + " }\n"
    if fmt is pv.Format.JSONLD:
        return f'{{"@id": "{a}", ' + f'"{p}": {{' * depth + '"@id": "_:z"' + "}" * (depth + 1)
    return (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        f'xmlns:e="https://example.org/"><rdf:Description rdf:about="{a}">'
        + "<e:p><rdf:Description>" * depth
        + "<e:p>x</e:p>"
        + "</rdf:Description></e:p>" * depth
        + "</rdf:Description></rdf:RDF>"
    )


@pytest.mark.parametrize("fmt", [pv.Format.TURTLE, pv.Format.TRIG])
def test_deeply_nested_rdf_is_read_as_no_claims(fmt: pv.Format) -> None:
    """100,000 nested blank nodes parse without recursion, and hold no claims."""
    with pytest.raises(pv.RDFContentError) as info:
        pv.parse(_nested(fmt), format=fmt)
    assert str(info.value) == f"no claims in <string>: {DEPTH + 1} triples, none about claims"


@pytest.mark.parametrize("fmt", [pv.Format.JSONLD, pv.Format.RDFXML])
def test_deeply_nested_json_and_xml_are_refused_before_parsing(fmt: pv.Format) -> None:
    """JSON-LD and RDF/XML 100,000 levels deep (a crash, or minutes, in pyoxigraph's
    parsers) are refused, before any parser sees them."""
    with pytest.raises(pv.RDFSyntaxError, match="more than 500 levels deep"):
        pv.parse(_nested(fmt), format=fmt)


@pytest.mark.parametrize("fmt", [pv.Format.JSONLD, pv.Format.RDFXML])
@pytest.mark.parametrize("extra", [0, 1])
def test_nesting_limit(fmt: pv.Format, extra: int) -> None:
    """Nesting up to the limit is read (as no claims); one level more is refused."""
    # RDF/XML: rdf:RDF, the outer description and the last property, two elements a level
    depth = (500 - 3) // 2 + extra if fmt is pv.Format.RDFXML else 500 - 1 + extra
    expected = pv.RDFSyntaxError if extra else pv.RDFContentError
    with pytest.raises(expected, match="levels deep" if extra else "no claims"):
        pv.parse(_nested(fmt, depth), format=fmt)


@pytest.mark.parametrize("fmt", [pv.Format.TURTLE, pv.Format.JSONLD, pv.Format.RDFXML])
def test_check_on_deeply_nested_rdf_exits_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: pv.Format
) -> None:
    """The command line reports a 100,000-level document in one line and exits 2."""
    path = tmp_path / f"deep{fmt.suffix}"
    path.write_text(_nested(fmt), encoding="utf-8")
    code, err = _run(capsys, "check", str(path))
    assert (code, err.count("\n"), err.startswith("provenance: error: ")) == (2, 1, True)


@pytest.mark.parametrize("fmt", [pv.Format.JSONLD, pv.Format.RDFXML])
def test_shacl_validation_of_deeply_nested_input_is_refused(tmp_path: Path, fmt: pv.Format) -> None:
    """SHACL validation refuses the deep JSON-LD and RDF/XML documents too."""
    path = tmp_path / f"deep{fmt.suffix}"
    path.write_text(_nested(fmt), encoding="utf-8")
    with pytest.raises(pv.RDFSyntaxError, match="levels deep"):
        validate_file(path)
