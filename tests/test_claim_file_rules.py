"""Claim files under hostile input: values named exactly, numbers in one notation, CSV cells
that no spreadsheet runs, long text kept, syntax errors told plainly."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import provenance as pv
from provenance._values import REFUSED_CHARACTERS
from provenance.files import _csv, _csv_syntax, _located, _table, claim_file_schema

ClaimParser = Callable[..., pv.ClaimSet]

# --------------------------------------------------------------------------- exact names

BASE: dict[str, Any] = {
    "version": 1,
    "outlets": {"fars": {"name": "Fars", "kind": "news agency", "reliability": "C"}},
    "agents": {"said": {"name": "Said Khatibzadeh", "kind": "person"}},
    "sources": {
        "first": {"outlet": "fars", "published": "2021-02-14"},
        "second": {"outlet": "fars", "derived_from": [{"source": "first", "kind": "quoted"}]},
    },
    "propositions": {"p": {"text": "Iran was involved."}},
    "stances": {
        "hint": {"iri": "https://example.org/stance#Hint", "label": "hint", "polarity": "neutral"}
    },
    "claims": {
        "c": {
            "proposition": "p",
            "claimant": "said",
            "source": "second",
            "stance": "claim of responsibility",
            "confidence": {"value": 0.7, "term": "likely"},
            "analytic_confidence": "moderate",
        },
        "d": {
            "proposition": "p",
            "claimant": "said",
            "source": "first",
            "stance": "hint",
            "confidence": "very likely",
        },
    },
}
"""A file that uses every enumerated field once, each spelt as the writer writes it."""

LOOSE = [
    ("outlets.fars.kind", "News Agency", "news agency"),
    ("outlets.fars.kind", "NEWS_AGENCY", "news agency"),
    ("outlets.fars.reliability", "c", "C"),
    ("outlets.fars.reliability", " C", "C"),
    ("agents.said.kind", "Person", "person"),
    ("agents.said.kind", "person ", "person"),
    ("sources.second.derived_from[0].kind", "Quoted", "quoted"),
    ("stances.hint.polarity", "NEUTRAL", "neutral"),
    ("claims.c.stance", "Claim of Responsibility", "claim of responsibility"),
    ("claims.c.stance", "CLAIM_OF_RESPONSIBILITY", "claim of responsibility"),
    ("claims.d.stance", "Hint", "hint"),
    ("claims.c.confidence.term", "Likely", "likely"),
    ("claims.d.confidence", "very_likely", "very likely"),
    ("claims.c.analytic_confidence", "Moderate", "moderate"),
]


def _with(path: str, value: object) -> dict[str, Any]:
    """BASE with the value at ``path`` (dotted, ``[0]`` for a list item) replaced."""
    document = copy.deepcopy(BASE)
    *parents, last = path.replace("[0]", ".0").split(".")
    target: Any = document
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[last] = value
    return document


@pytest.mark.parametrize("write", [json.dumps, yaml.safe_dump], ids=["json", "yaml"])
def test_the_base_file_reads(write: Callable[[object], str]) -> None:
    """Every enumerated value spelt as the writer writes it is read."""
    parse = pv.parse_claim_json if write is json.dumps else pv.parse_claim_yaml
    claims = parse(write(BASE))
    assert sorted(c.stance.label for c in claims) == ["claim of responsibility", "hint"]


@pytest.mark.parametrize(("path", "loose", "exact"), LOOSE)
@pytest.mark.parametrize("write", [json.dumps, yaml.safe_dump], ids=["json", "yaml"])
def test_loose_names_are_refused_with_the_name_meant(
    write: Callable[[object], str], path: str, loose: str, exact: str
) -> None:
    """A file names an enumerated value exactly; another case, spacing or underscores is a
    located problem of that field that says which name was meant."""
    parse = pv.parse_claim_json if write is json.dumps else pv.parse_claim_yaml
    with pytest.raises(pv.ClaimFileError) as caught:
        parse(write(_with(path, loose)))
    (problem,) = caught.value.problems
    assert (problem.field, problem.found, f"(did you mean {exact!r}?)" in problem.expected) == (
        path,
        repr(loose),
        True,
    )
    assert problem.line is not None


def test_icd_203_synonyms_are_exact_names_too() -> None:
    """ICD 203's own synonym of a term ("probable" for "likely") names that term."""
    claims = pv.parse_claim_json(json.dumps(_with("claims.d.confidence", "highly probable")))
    terms = {c.confidence.term for c in claims if c.confidence is not None}
    assert terms == {pv.EstimativeTerm.LIKELY, pv.EstimativeTerm.VERY_LIKELY}


CSV_HEAD = (
    "proposition,claimant,claimant_kind,outlet,outlet_kind,stance,stance_iri,stance_polarity,"
    "confidence,estimative_term,analytic_confidence\r\n"
)


@pytest.mark.parametrize(
    ("row", "column", "exact"),
    [
        ("P,A,Person,O,,report,,,,,", "claimant_kind", "person"),
        ("P,A,,O,Website,report,,,,,", "outlet_kind", "website"),
        ("P,A,,O,,DENIAL ,,,,,", "stance", "denial"),
        ("P,A,,O,,Denial,,,,,", "stance", "denial"),
        ("P,A,,O,,hint,https://example.org/h,Neutral,,,", "stance_polarity", "neutral"),
        ("P,A,,O,,report,,,,Likely,", "estimative_term", "likely"),
        ("P,A,,O,,report,,,,,HIGH", "analytic_confidence", "high"),
    ],
)
def test_csv_names_values_exactly(row: str, column: str, exact: str) -> None:
    """In CSV too, a stance or kind in another case or with spaces is a problem of its line
    and column, with the name meant."""
    with pytest.raises(pv.ClaimFileError) as caught:
        pv.parse_claim_csv(CSV_HEAD + row + "\r\n")
    (problem,) = caught.value.problems
    assert (problem.line, problem.field, f"(did you mean {exact!r}?)" in problem.expected) == (
        2,
        column,
        True,
    )


def test_the_api_still_takes_members_and_loose_names() -> None:
    """The Python API keeps accepting enum members and its forgiving names."""
    claim = pv.Claim(
        proposition=pv.Proposition("P"),
        claimant=pv.Agent(name="A", kind=pv.AgentKind.PERSON),
        source=pv.Source(outlet=pv.Outlet(name="O", kind="NEWS_AGENCY")),
        stance="DENIAL",
    )
    assert (claim.stance, claim.outlet.kind) == (pv.Stance.DENIAL, pv.OutletKind.NEWS_AGENCY)


# --------------------------------------------------------------------------- numbers

_YAML_CLAIM = """\
version: 1
outlets: {o: {name: O}}
agents: {a: {name: A}}
sources: {s: {outlet: o}}
propositions: {p: {text: P}}
claims:
  c: {proposition: p, claimant: a, source: s, stance: report, FIELD: VALUE}
"""

NOT_PLAIN = [
    "8e-1",
    "8.0e-1",
    "8E-1",
    ".nan",
    ".inf",
    "0x1",
    "+0.8",
    ".5",
    "1.",
    "80%",
    "1_0",
    "-0",
]


@pytest.mark.parametrize("value", NOT_PLAIN)
@pytest.mark.parametrize("form", ["VALUE", "{value: VALUE}"])
def test_yaml_confidence_in_another_notation_is_refused(form: str, value: str) -> None:
    """A YAML confidence written otherwise than in plain decimals (whether YAML reads it as a
    number or as text) is a located problem that says what to write."""
    text = _YAML_CLAIM.replace("FIELD: VALUE", "confidence: " + form.replace("VALUE", value))
    with pytest.raises(pv.ClaimFileError) as caught:
        pv.parse_claim_yaml(text)
    (problem,) = caught.value.problems
    assert (problem.line, problem.expected) == (
        7,
        f"a decimal from 0 to 1 such as 0.8, not {value}",
    )


_JSON_CLAIM = json.dumps(
    {
        "version": 1,
        "outlets": {"o": {"name": "O"}},
        "agents": {"a": {"name": "A"}},
        "sources": {"s": {"outlet": "o"}},
        "propositions": {"p": {"text": "P"}},
        "claims": {"c": {"proposition": "p", "claimant": "a", "source": "s", "stance": "report"}},
    }
)


@pytest.mark.parametrize("value", ["8e-1", "8E-1", "0.8e0", "-0", "-0.0", "NaN", "Infinity"])
def test_json_confidence_in_exponent_notation_is_refused(value: str) -> None:
    """JSON's 8e-1 is the same number as 0.8, but a claim file writes it one way in every
    format: the reader refuses it as YAML and Turtle do, from the number as written."""
    text = _JSON_CLAIM.replace('"report"', '"report", "confidence": ' + value)
    with pytest.raises(pv.ClaimFileError) as caught:
        pv.parse_claim_json(text)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field, problem.expected) == (
        1,
        "claims.c.confidence",
        f"a decimal from 0 to 1 such as 0.8, not {value}",
    )


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("8e-1", "a decimal from 0 to 1 such as 0.8, not 8e-1"),
        ("nan", "a decimal from 0 to 1 such as 0.8, not nan"),
        ("+0.5", "a decimal from 0 to 1 such as 0.8, not +0.5"),
        ("80%", "a decimal from 0 to 1 such as 0.8, not 80%"),
        (" 0.8", "a decimal from 0 to 1 such as 0.8, not ' 0.8'"),
    ],
)
def test_csv_confidence_in_another_notation_is_refused(cell: str, expected: str) -> None:
    """A CSV confidence cell follows the same rule, named by its line and column."""
    text = f"proposition,claimant,outlet,stance,confidence\r\nP,A,O,report,{cell}\r\n"
    with pytest.raises(pv.ClaimFileError) as caught:
        pv.parse_claim_csv(text)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field, problem.expected) == (2, "confidence", expected)


@pytest.mark.parametrize("value", ["0x2", "+2", "2.0", "2e0", "0o2"])
def test_credibility_is_a_plain_whole_number(value: str) -> None:
    """A credibility grade is a whole number written plainly, in YAML as elsewhere."""
    text = _YAML_CLAIM.replace("FIELD: VALUE", "credibility: " + value)
    with pytest.raises(pv.ClaimFileError) as caught:
        pv.parse_claim_yaml(text)
    (problem,) = caught.value.problems
    assert problem.expected == (
        f"an Admiralty credibility, a whole number from 1 to 6 such as 2, not {value}"
    )


@pytest.mark.parametrize("value", ["0x7E5", "+2021", "2_021"])
def test_a_year_is_written_in_plain_digits(value: str) -> None:
    """A year given as a number is read from its digits only; YAML's other notations for
    integers are refused rather than read as the year they evaluate to."""
    text = _YAML_CLAIM.replace("{s: {outlet: o}}", "{s: {outlet: o, published: " + value + "}}")
    with pytest.raises(pv.ClaimFileError) as caught:
        pv.parse_claim_yaml(text.replace(", FIELD: VALUE", ""))
    (problem,) = caught.value.problems
    assert problem.field == "sources.s.published"


@pytest.mark.parametrize("write", ["yaml", "json", "csv"])
@given(st.floats(min_value=0.0, max_value=1.0))
def test_any_confidence_is_written_plainly_and_read_back(write: str, value: float) -> None:
    """Every confidence the model holds is written in plain decimal notation in each claim-file
    format (even 1e-05 and the smallest subnormal) and reads back as the same float."""
    claims = pv.ClaimSet(
        [
            pv.Claim(
                proposition=pv.Proposition("P"),
                claimant=pv.Agent(name="A"),
                source=pv.Source(outlet=pv.Outlet(name="O")),
                stance="report",
                confidence=value,
            )
        ]
    )
    serialize, parse = {
        "yaml": (pv.serialize_claim_yaml, pv.parse_claim_yaml),
        "json": (pv.serialize_claim_json, pv.parse_claim_json),
        "csv": (pv.serialize_claim_csv, pv.parse_claim_csv),
    }[write]
    text = serialize(claims)
    written = re.findall(r"[0-9][0-9.eE+-]*", text.split("P,A,")[-1] if write == "csv" else text)
    assert [w for w in written if "e" in w.lower()] == []
    (back,) = parse(text)
    assert back.confidence == pv.Confidence(value)


def test_turtle_names_the_plain_notation_too() -> None:
    """Turtle reads 8e-1 as an xsd:double; the refusal says to write a plain decimal such as
    0.8, as the claim-file readers do."""
    claim = pv.Claim(
        proposition=pv.Proposition("P"),
        claimant=pv.Agent(name="A"),
        source=pv.Source(outlet=pv.Outlet(name="O")),
        stance="report",
        confidence=0.8,
    )
    text = pv.serialize_turtle(pv.ClaimSet([claim]))
    assert "pc:confidence 0.8" in text
    with pytest.raises(pv.RDFContentError) as caught:
        pv.parse_turtle(text.replace("pc:confidence 0.8", "pc:confidence 8e-1"))
    assert (
        "such as 0.8, in plain decimal notation" in caught.value.expected,
        "xsd:double" in caught.value.expected,
    ) == (True, True)


# --------------------------------------------------------------------------- the schema

_SCHEMA = jsonschema.Draft202012Validator(claim_file_schema())


def test_schema_lists_the_names_the_reader_takes() -> None:
    """Every enumeration of the JSON Schema is exactly what the reader accepts for its field."""
    defs = claim_file_schema()["$defs"]
    assert (
        defs["outlet"]["properties"]["kind"]["enum"],
        defs["agent"]["properties"]["kind"]["enum"],
        defs["source"]["properties"]["derived_from"]["items"]["oneOf"][1]["properties"]["kind"][
            "enum"
        ],
        defs["stance"]["properties"]["polarity"]["enum"],
        defs["claim"]["properties"]["analytic_confidence"]["enum"],
        defs["term"]["enum"],
    ) == (
        list(_table.OUTLET_KIND.labels),
        list(_table.AGENT_KIND.labels),
        list(_table.DERIVATION_KIND.labels),
        list(_table.POLARITY.labels),
        list(_table.ANALYTIC_CONFIDENCE.labels),
        list(_table.TERMS),
    )
    assert [g for g in "ABCDEFabc" if re.match(defs["gradeCode"]["pattern"], g)] == list(
        _table.GRADE_LETTER.labels
    )


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("claims.d.confidence", "Likely"),
        ("claims.c.confidence.term", "very_likely"),
        ("outlets.fars.reliability", "c"),
        ("propositions.p.text", "Iran\u0000"),
        ("agents.said.name", "Said\u000b"),
    ],
)
def test_schema_refuses_what_the_reader_refuses(path: str, value: str) -> None:
    """Loose names and text no format can carry are refused by the schema as by the reader,
    so an editor flags them as they are typed."""
    document = _with(path, value)
    assert (_SCHEMA.is_valid(BASE), _SCHEMA.is_valid(document)) == (True, False)
    with pytest.raises(pv.ClaimFileError):
        pv.parse_claim_json(json.dumps(document))


# --------------------------------------------------------------------------- CSV cells

_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_STARTS = st.sampled_from(["", *_FORMULA, "'", "''", " =", "\u00a0+", "\n@", "'=", "=="])
_TEXTS = st.builds(
    lambda start, rest: start + rest,
    _STARTS,
    st.text(st.characters(codec="utf-8", exclude_characters=REFUSED_CHARACTERS), max_size=12),
).filter(lambda text: bool(text.strip()))


def _claims_with(texts: list[str]) -> pv.ClaimSet:
    """One claim with each of its CSV text cells set to one of ``texts``."""
    proposition, claimant, outlet, words, title, wording = texts
    claim = pv.Claim(
        proposition=pv.Proposition(proposition),
        claimant=pv.Agent(name=claimant),
        source=pv.Source(outlet=pv.Outlet(name=outlet), title=title),
        stance="report",
        text=words,
        confidence=pv.Confidence(wording=wording),
    )
    return pv.ClaimSet([claim])


def _data_cells(text: str) -> list[str]:
    """Every cell after the header, as a spreadsheet sees it (read by Python's csv module)."""
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    return [cell for row in rows[1:] for cell in row]


def _runs_as_formula(cell: str) -> bool:
    return cell[:1] in _FORMULA or cell.lstrip()[:1] in ("=", "+", "-", "@")


@given(st.lists(_TEXTS, min_size=6, max_size=6))
def test_no_written_cell_runs_as_a_formula_and_every_text_comes_back(texts: list[str]) -> None:
    """Texts that start like a formula (=, +, -, @, tab, CR, also after spaces) are written
    with an apostrophe in front, as are texts that start with one, so no cell is a live
    formula in a spreadsheet, and every text reads back exactly."""
    claims = _claims_with(texts)
    text = pv.serialize_claim_csv(claims)
    assert [c for c in _data_cells(text) if _runs_as_formula(c)] == []
    assert pv.parse_claim_csv(text) == claims


def test_formula_cells_are_escaped_as_owasp_advises() -> None:
    """A formula gets one apostrophe in front; a text starting with an apostrophe gets one
    more, which is what lets the reader tell the two apart."""
    claims = _claims_with(["=1+1", "'Ali'", "-Fars", "@SUM(A1)", "\tindented", "plain"])
    cells = _data_cells(pv.serialize_claim_csv(claims))
    assert {"'=1+1", "''Ali'", "'-Fars", "'@SUM(A1)", "'\tindented", "plain"} <= set(cells)


def test_a_hand_written_apostrophe_is_taken_off() -> None:
    """In a CSV file, an apostrophe that starts a cell marks text, as spreadsheets use it:
    the cell holds what follows it."""
    text = "proposition,claimant,outlet,stance\r\n'=1+1,''Ali',Fars,report\r\n"
    (claim,) = pv.parse_claim_csv(text)
    assert (claim.proposition.text, claim.claimant.name) == ("=1+1", "'Ali'")


@pytest.mark.parametrize("lossy", [False, True])
def test_long_text_round_trips_through_csv(tmp_path: Path, lossy: bool) -> None:
    """A 200,000-character proposition, longer than the csv module's field limit, is written
    and read back whole, and the process-wide limit is left as it was."""
    limit = csv.field_size_limit()
    long = "ایران " * 40_000
    claims = _claims_with([long, "A", "O", "x" * 150_000, "=" + long, "may"])
    path = tmp_path / "long.csv"
    pv.write_claim_csv(claims, path, lossy=lossy)
    assert (pv.read_claim_csv(path), csv.field_size_limit()) == (claims, limit)


@given(
    st.lists(
        st.lists(st.text(st.sampled_from('ab,"\r\n '), max_size=6), min_size=1, max_size=4),
        max_size=4,
    ),
    st.sampled_from(["\r\n", "\n", "\r"]),
    st.booleans(),
)
def test_the_reader_reads_csv_as_the_csv_module_does(
    rows: list[list[str]], end: str, mangle: bool
) -> None:
    """The claim reader's own CSV parser (which has no field limit) gives the rows and lines
    that Python's csv module gives in strict mode, and refuses what it refuses."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator=end).writerows(rows)
    text = buffer.getvalue()
    if mangle:  # stray quotes: often no longer valid CSV
        text = text.replace('""', '"x', 1) + ('"' if len(text) % 2 else "")
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        expected: list[tuple[int, list[str]]] | None = []
        line = 1
        for row in reader:
            assert expected is not None
            expected.append((line, row or [""]))
            line = reader.line_num + 1
    except csv.Error:
        expected = None
    try:
        found: list[tuple[int, list[str]]] | None = list(_csv_syntax.csv_records(text))
    except _csv_syntax.CsvSyntaxError:
        found = None
    assert found == expected


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ('proposition,claimant,outlet,stance\r\n"P\nQ,A,O,report\r\n', 2, "a closing quote"),
        ('proposition,claimant,outlet,stance\r\n"P\nQ"x,A,O,report\r\n', 3, "a comma"),
    ],
)
def test_malformed_csv_is_located(text: str, line: int, expected: str) -> None:
    """A quote never closed, or text after a closing quote, is one problem naming its line."""
    with pytest.raises(pv.ClaimFileError) as caught:
        pv.parse_claim_csv(text)
    (problem,) = caught.value.problems
    assert (problem.line, problem.expected.startswith("valid CSV: " + expected)) == (line, True)


def test_a_refused_write_names_no_line_of_an_unwritten_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should the reader ever refuse what the writer wrote, the error says so of the text to
    be written, not of a line of the file, which is left as it was."""

    def refusing(text: str) -> Iterator[tuple[int, list[str]]]:
        raise _csv_syntax.CsvSyntaxError(3, "valid CSV: something", "something else")
        yield  # pragma: no cover

    path = tmp_path / "claims.csv"
    monkeypatch.setattr(_csv, "csv_records", refusing)
    with pytest.raises(pv.ClaimFileError) as caught:
        pv.write_claim_csv(_claims_with(["P", "A", "O", "t", "T", "w"]), path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field, path.exists()) == (
        None,
        "the CSV text to be written, line 3",
        False,
    )


# --------------------------------------------------------------------------- syntax errors

_DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)

BROKEN_YAML = [
    "version: 1\noutlets: {o: {name: O}\n",
    "version: 1\n\tclaims: {}\n",
    "version: 1\nclaims: [1, 2\n",
    "version: 1\noutlets: 'unterminated\n",
    'version: 1\noutlets: "bad \\q escape"\n',
    "version: 1\noutlets: b: c\n",
    "- a\nb: c\n",
    "%YAML 9.9\n---\nversion: 1\n",
    "version: 1\n outlets: 2\n",
    "version: @1\n",
    "version: 1\noutlets:\n  - b\n c: d\n",
    "version: 1\x07\n",
    "---\nversion: 1\n...\n---\nversion: 1\n",
    "version: |\n  x\n y\n",
    'version: "\\x0"\n',
    "version: &x 1\noutlets: &x 2\n",
    "version: !foo!bar 1\n",
    "version: `1`\n",
    "version: {b: c: d}\n",
    'version: "x\ny\n',
    "version: 1\n- c\n",
    "version: '1'y\n",
]

BROKEN_JSON = [
    '{"version": 1,\n "claims": {,}}',
    "{",
    '{"version" 1}',
    "[1,]",
    '"\\x"',
    '{"version": 1}}',
    "",
    '{"version": tru}',
    '{"version": "\x01"}',
    '{"version": "abc',
    '{"version": "\\u12"}',
    '{"version": 1,}',
    "[1 2]",
    "{'version': 1}",
    "01",
]


def _syntax_problem(parse: ClaimParser, text: str) -> pv.Problem:
    with pytest.raises(pv.ClaimFileError) as caught:
        parse(text, name="broken")
    (problem,) = caught.value.problems
    return problem


@pytest.fixture(params=["libyaml", "pure"])
def yaml_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Each YAML test runs with libyaml's parser and again with PyYAML's own, whose messages
    differ."""
    if request.param == "pure":
        monkeypatch.delattr(yaml, "CSafeLoader")
    _located.loaders.cache_clear()
    yield request.param
    _located.loaders.cache_clear()


@pytest.mark.parametrize("text", BROKEN_YAML)
def test_yaml_syntax_errors_read_plainly(yaml_loader: str, text: str) -> None:
    """A YAML syntax error is one problem with its line and column, whose message never
    doubles a word ("found found …")."""
    problem = _syntax_problem(pv.parse_claim_yaml, text)
    assert (_DOUBLED.findall(str(problem)), problem.line is None, problem.column is None) == (
        [],
        False,
        False,
    )


@pytest.mark.parametrize("text", BROKEN_JSON)
def test_json_syntax_errors_read_plainly(text: str) -> None:
    """A JSON syntax error is one problem with its line and column, saying what was expected
    and what the file holds there, in words that fit "expected …, found …"."""
    problem = _syntax_problem(pv.parse_claim_json, text)
    assert (
        _DOUBLED.findall(str(problem)),
        problem.line is None,
        problem.column is None,
        re.findall(r"Expecting|Invalid|Extra data|Unterminated", str(problem)),
    ) == ([], False, False, [])


def test_the_doubled_found_is_gone() -> None:
    """The message that read "found found unexpected end of stream" reads once."""
    problem = _syntax_problem(pv.parse_claim_yaml, "version: 1\noutlets: 'never closed\n")
    assert str(problem) == (
        "broken, line 3, column 1: expected valid YAML, found unexpected end of stream "
        "(in the quoted scalar that starts at line 2, column 10)"
    )


_VALID = pv.serialize_claim_yaml(
    pv.ClaimSet(
        [
            pv.Claim(
                proposition=pv.Proposition("Iran was involved."),
                claimant=pv.Agent(name="Said Khatibzadeh", aliases=["Saeed"]),
                source=pv.Source(outlet=pv.Outlet(name="Fars"), published=dt.date(2021, 2, 16)),
                stance="denial",
                confidence=pv.Confidence(0.9, "very likely"),
            )
        ]
    )
)


@given(
    st.sampled_from(["yaml", "json"]),
    st.integers(min_value=0, max_value=10**6),
    st.sampled_from([*"{}[],:'\"\t\n&*!%@`-?|>#\\", "\x07", "---\n", ": :"]),
)
def test_any_broken_file_gets_a_plain_located_message(kind: str, at: int, junk: str) -> None:
    """Whatever breaks a valid claim file, every problem reported names a line and reads
    without a doubled word."""
    text = _VALID if kind == "yaml" else pv.serialize_claim_json(pv.parse_claim_yaml(_VALID))
    at %= len(text) + 1
    broken = text[:at] + junk + text[at:]
    parse = pv.parse_claim_yaml if kind == "yaml" else pv.parse_claim_json
    problems: tuple[pv.Problem, ...] = ()
    try:
        parse(broken)
    except pv.ClaimFileError as error:
        problems = error.problems
    found = [(p.line is None, _DOUBLED.findall(str(p))) for p in problems]
    assert found == [(False, [])] * len(problems)
