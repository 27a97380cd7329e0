"""Claim files: lossless YAML and JSON, CSV for what a row holds, located errors, safe loading."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import textwrap
import time
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import provenance as pv
from _support import ROOT
from provenance.files import CSV_COLUMNS, _located, claim_file_schema
from provenance.strategies import claim_sets

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    phases=[phase for phase in Phase if phase is not Phase.explain],
)


def _same(back: pv.ClaimSet, claims: pv.ClaimSet) -> None:
    """Equal collections, and equal Turtle: every field, written out, is the same."""
    assert back == claims
    assert pv.serialize_turtle(back) == pv.serialize_turtle(claims)


# --------------------------------------------------------------------------- round trips


@SETTINGS
@given(claim_sets(consistent=False))
def test_yaml_round_trip(claims: pv.ClaimSet) -> None:
    """A collection written as a YAML claim file reads back with every field intact."""
    _same(pv.parse_claim_yaml(pv.serialize_claim_yaml(claims)), claims)


@SETTINGS
@given(claim_sets(consistent=False))
def test_json_round_trip(claims: pv.ClaimSet) -> None:
    """A collection written as a JSON claim file reads back with every field intact."""
    _same(pv.parse_claim_json(pv.serialize_claim_json(claims)), claims)


@SETTINGS
@given(claim_sets(consistent=False), st.data())
def test_yaml_text_is_stable(claims: pv.ClaimSet, data: st.DataObject) -> None:
    """The same claims give the same text whatever order they were added in, and reading
    and writing a file again changes nothing."""
    text = pv.serialize_claim_yaml(claims)
    shuffled = pv.ClaimSet(copy.deepcopy(data.draw(st.permutations(claims.records))))
    assert pv.serialize_claim_yaml(shuffled) == text
    assert pv.serialize_claim_yaml(pv.parse_claim_yaml(text)) == text


@settings(SETTINGS, max_examples=25)
@given(claim_sets(consistent=False))
def test_same_text_without_libyaml(claims: pv.ClaimSet) -> None:
    """PyYAML without libyaml (pure Python) writes the same text and reads it the same."""
    text = pv.serialize_claim_yaml(claims)
    saved = {name: getattr(yaml, name) for name in ("CSafeDumper", "CSafeLoader")}
    try:
        for name in saved:
            delattr(yaml, name)
        _located.loaders.cache_clear()
        assert pv.serialize_claim_yaml(claims) == text
        _same(pv.parse_claim_yaml(text), claims)
    finally:
        for name, value in saved.items():
            setattr(yaml, name, value)
        _located.loaders.cache_clear()


@settings(SETTINGS, max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(claim_sets(consistent=False), st.sampled_from([".yaml", ".yml", ".json"]))
def test_write_then_read_claim_file(tmp_path: Path, claims: pv.ClaimSet, suffix: str) -> None:
    """A collection written to a file reads back the same; the name's ending picks the format."""
    path = tmp_path / f"claims{suffix}"
    pv.write_claim_file(claims, path)
    _same(pv.read_claim_file(path), claims)
    assert path.read_text("utf-8").lstrip().startswith("{" if suffix == ".json" else "#")


@settings(SETTINGS, max_examples=15)
@given(claim_sets(consistent=False))
def test_schema_accepts_what_we_write(claims: pv.ClaimSet) -> None:
    """The shipped JSON Schema accepts every file the writer produces, YAML read as YAML 1.2
    readers (editors) read it: times as text."""
    validator = jsonschema.Draft202012Validator(claim_file_schema())
    assert list(validator.iter_errors(json.loads(pv.serialize_claim_json(claims)))) == []
    assert list(validator.iter_errors(_as_editors_read(pv.serialize_claim_yaml(claims)))) == []


def test_schema_accepts_the_shipped_dataset() -> None:
    """The JSON Schema accepts the dataset in `examples/`, hand-written comments and all."""
    text = (ROOT / "examples" / "spotlight_on_iran_2021_02.yaml").read_text(encoding="utf-8")
    jsonschema.Draft202012Validator(claim_file_schema()).validate(_as_editors_read(text))


@pytest.mark.parametrize(
    "document",
    [
        {},
        {"version": 2},
        {"version": 1, "outlets": {"fars": {"kind": "news agency"}}},
        {"version": 1, "outlets": {"fars": {"name": "Fars", "kind": "news agncy"}}},
        {"version": 1, "outlets": {"two words": {"name": "Fars"}}},
        {"version": 1, "sources": {"s": {"outlet": "o", "published": "2021-2-16"}}},
        {"version": 1, "claims": {"c": {"proposition": "p", "claimant": "a", "source": "s"}}},
        {"version": 1, "agents": {"a": {"name": "A", "reliability": "G"}}},
    ],
)
def test_schema_and_reader_refuse_alike(document: dict[str, object]) -> None:
    """What the schema refuses, the reader refuses too: the schema describes the format."""
    validator = jsonschema.Draft202012Validator(claim_file_schema())
    assert not validator.is_valid(document)
    with pytest.raises(pv.ClaimFileError):
        pv.parse_claim_json(json.dumps(document))


class _TimesAsText(yaml.SafeLoader):
    """YAML as JSON Schema tools in editors see it: dates are text (YAML 1.2 core schema)."""


def _text_of(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    assert isinstance(node, yaml.ScalarNode)
    return loader.construct_scalar(node)


_TimesAsText.add_constructor("tag:yaml.org,2002:timestamp", _text_of)


def _as_editors_read(text: str) -> object:
    return yaml.load(text, Loader=_TimesAsText)


def _for_csv(claims: pv.ClaimSet) -> pv.ClaimSet:
    """The part of a collection a CSV file holds: its claims, with the fields a row has.

    An agent keeps the agent it speaks for, and that agent its own, where it is a
    claimant in some row; aliases, descriptions, grades, outlet details, derivations and
    records no claim uses are left out.
    """
    claimants = {(c.claimant.kind, c.claimant.name): c.claimant for c in claims}
    agents: dict[tuple[pv.AgentKind, str], pv.Agent] = {}

    def agent(a: pv.Agent) -> pv.Agent:
        key = (a.kind, a.name)
        if key not in agents:
            full = claimants.get(key)
            principal = full.on_behalf_of if full is not None else None
            agents[key] = pv.Agent(
                name=a.name,
                kind=a.kind,
                on_behalf_of=None if principal is None else agent(principal),
            )
        return agents[key]

    made: dict[pv.Claim, pv.Claim] = {}

    def claim(c: pv.Claim) -> pv.Claim:
        if c not in made:
            source = c.source
            made[c] = pv.Claim(
                proposition=c.proposition,
                claimant=agent(c.claimant),
                source=pv.Source(
                    outlet=pv.Outlet(name=source.outlet.name, kind=source.outlet.kind),
                    published=source.published,
                    title=source.title,
                    url=source.url,
                    language=source.language,
                ),
                stance=c.stance,
                confidence=c.confidence,
                made_at=c.made_at,
                text=c.text,
                language=c.language,
                credibility=c.credibility,
                analytic_confidence=c.analytic_confidence,
                supports=[claim(s) for s in c.supports],
                contests=[claim(s) for s in c.contests],
            )
        return made[c]

    return pv.ClaimSet(claim(c) for c in claims)


@SETTINGS
@given(claim_sets(consistent=False))
def test_csv_round_trip(claims: pv.ClaimSet) -> None:
    """What a CSV row can hold survives a CSV round trip exactly, and is written without
    complaint."""
    held = _for_csv(claims)
    _same(pv.parse_claim_csv(pv.serialize_claim_csv(held)), held)


@SETTINGS
@given(claim_sets(min_claims=1, consistent=False))
def test_csv_refuses_to_drop_silently(claims: pv.ClaimSet) -> None:
    """Writing to CSV what CSV cannot hold is refused, naming each record and field lost,
    unless loss is asked for; then exactly the CSV part comes back."""
    held = _for_csv(claims)
    if held == claims and pv.serialize_turtle(held) == pv.serialize_turtle(claims):
        return
    with pytest.raises(pv.ClaimFileError) as caught:
        pv.serialize_claim_csv(claims)
    assert all(p.expected.startswith("only what a CSV row holds") for p in caught.value.problems)
    _same(pv.parse_claim_csv(pv.serialize_claim_csv(claims, lossy=True)), held)


def test_csv_loss_names_fields() -> None:
    """The refusal names the record and the very fields CSV cannot hold."""
    fars = pv.Outlet(name="Fars", kind="news agency", language="fa")
    claim = pv.Claim(
        proposition=pv.Proposition("p"),
        claimant=pv.Agent(name="Said Khatibzadeh", aliases=["Saeed Khatibzadeh"]),
        source=pv.Source(outlet=fars),
        stance="denial",
    )
    with pytest.raises(pv.ClaimFileError) as caught:
        pv.serialize_claim_csv(pv.ClaimSet([claim]))
    assert [(p.field, p.found) for p in caught.value.problems] == [
        ("agent 'Said Khatibzadeh'", "aliases"),
        ("outlet 'Fars'", "language"),
    ]


def test_failed_write_keeps_the_previous_file(tmp_path: Path) -> None:
    """A refused CSV write leaves the file that was there untouched."""
    path = tmp_path / "claims.csv"
    path.write_text("previous", encoding="utf-8")
    claims = pv.ClaimSet(
        [
            pv.Claim(
                proposition=pv.Proposition("p"),
                claimant=pv.Agent(name="a", description="lost in CSV"),
                source=pv.Source(outlet=pv.Outlet(name="o")),
                stance="report",
            )
        ]
    )
    with pytest.raises(pv.ClaimFileError):
        pv.write_claim_csv(claims, path)
    assert path.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.csv"]


def test_csv_file_has_the_documented_columns(tmp_path: Path) -> None:
    """A written CSV file starts with a byte-order mark and the documented header."""
    path = tmp_path / "claims.csv"
    pv.write_claim_csv(pv.ClaimSet(), path)
    assert path.read_bytes() == ("\ufeff" + ",".join(CSV_COLUMNS) + "\r\n").encode("utf-8")
    assert pv.read_claim_csv(path) == pv.ClaimSet()


# --------------------------------------------------------------------------- the format


def test_times_keep_their_precision() -> None:
    """A year, a month, a day and an instant with its offset each read as written."""
    claims = pv.parse_claim_yaml(
        textwrap.dedent(
            """\
            version: 1
            outlets: {o: {name: O}}
            sources:
              year: {outlet: o, published: 2021}
              month: {outlet: o, published: 2021-02}
              day: {outlet: o, published: 2021-02-16}
              instant: {outlet: o, published: 2021-02-16T09:30:00.25+03:30}
              quoted: {outlet: o, published: "2021-02-17"}
            """
        )
    )
    tehran = dt.timezone(dt.timedelta(hours=3, minutes=30))
    assert {s.published for s in claims.sources} == {
        pv.Year(2021),
        pv.YearMonth(2021, 2),
        dt.date(2021, 2, 16),
        dt.datetime(2021, 2, 16, 9, 30, 0, 250000, tzinfo=tehran),
        dt.date(2021, 2, 17),
    }


def test_custom_stance_and_links() -> None:
    """A stance defined in the file, confidences in each form, and links by id all read."""
    claims = pv.parse_claim_yaml(
        textwrap.dedent(
            """\
            version: 1
            outlets: {o: {name: O}}
            agents: {a: {name: A}, b: {name: B, kind: organization}}
            sources: {s: {outlet: o}}
            propositions: {p: {text: P}}
            stances:
              hint: {iri: "https://example.org/stance#Hint", label: hint, polarity: affirming}
            claims:
              second: {proposition: p, claimant: b, source: s, stance: denial,
                       contests: [first], confidence: {value: 0.9, term: very likely}}
              first: {proposition: p, claimant: a, source: s, stance: hint, confidence: 0.7}
              third: {proposition: p, claimant: a, source: s, stance: report,
                      confidence: {wording: may}, credibility: 2, analytic_confidence: low}
            """
        )
    )
    by_claimant = {(c.claimant.name, c.stance.label): c for c in claims}
    first, second = by_claimant["A", "hint"], by_claimant["B", "denial"]
    assert first.stance == pv.Stance("https://example.org/stance#Hint", "hint", "affirming")
    assert second.contests == frozenset({first})
    assert (first.confidence, second.confidence) == (
        pv.Confidence(0.7),
        pv.Confidence(0.9, "very likely"),
    )
    third = by_claimant["A", "report"]
    assert (third.confidence, third.credibility, third.analytic_confidence) == (
        pv.Confidence(wording="may"),
        pv.Credibility.PROBABLY_TRUE,
        pv.AnalyticConfidence.LOW,
    )


TEN_MISTAKES = """\
version: 2
outlets:
  fars: {name: Fars, kind: newspaperr}
agents:
  khatibzadeh: {name: Said Khatibzadeh, on_behalf_of: ministry}
sources:
  fars-feb-30: {outlet: fars, published: 2021-02-30}
  isna: {published: 2021-02-14}
propositions:
  involved: {text: Iran was involved., language: en}
claims:
  denial:
    proposition: involved
    claimant: khatibzadeh
    source: fars-feb-30
    stance: denail
  assessment:
    proposition: involved
    claiment: khatibzadeh
    source: fars-feb-30
    stance: assessment
    confidence: {value: 0.3, term: likely}
  report:
    proposition: involved
    claimant: khatibzadeh
    source: fars-feb-30
    stance: report
    made_at: 2021-02-16T09:30:00
  denial:
    proposition: involved
    claimant: khatibzadeh
    source: fars-feb-30
    stance: denial
"""


def test_ten_mistakes_give_ten_located_problems() -> None:
    """A file with ten different mistakes gets ten problems in one error, each with its line,
    column, field and what was expected."""
    with pytest.raises(pv.ClaimFileError) as caught:
        pv.parse_claim_yaml(TEN_MISTAKES, name="mistakes.yaml")
    found = [(p.line, p.column, p.field) for p in caught.value.problems]
    assert found == [
        (1, 10, "version"),
        (3, 28, "outlets.fars.kind"),
        (5, 55, "agents.khatibzadeh.on_behalf_of"),
        (7, 42, "sources.fars-feb-30.published"),
        (8, 9, "sources.isna.outlet"),
        (16, 13, "claims.denial.stance"),
        (19, 5, "claims.assessment.claiment"),
        (22, 25, "claims.assessment.confidence.value"),
        (28, 14, "claims.report.made_at"),
        (29, 3, "claims.denial"),
    ]
    messages = [str(p) for p in caught.value.problems]
    assert messages[0] == (
        "mistakes.yaml, line 1, column 10: version: expected version 1 "
        "(the claim-file format this library reads), found the number 2"
    )
    assert messages[1].endswith("'other' (did you mean 'newspaper'?), found 'newspaperr'")
    assert "expected the id of an agent defined under `agents`, found 'ministry'" in messages[2]
    assert "a date and time that exist in the calendar, found '2021-02-30'" in messages[3]
    assert "expected the field 'outlet', found nothing" in messages[4]
    assert "(did you mean 'denial'?), found 'denail'" in messages[5]
    assert "expected the field 'claimant' (the name is misspelt)" in messages[6]
    assert "band of 'likely' (0.55–0.8), found the number 0.3" in messages[7]
    assert "an instant with its time-zone offset" in messages[8]
    assert "found 'denial' again (first on line 12)" in messages[9]
    assert str(caught.value).startswith("mistakes.yaml: 10 problems\n")


def test_all_problems_of_json_are_located() -> None:
    """JSON claim files get the same checks, located by line and column too."""
    text = '{\n  "version": 1,\n  "outlets": {"o": {"name": "O", "kind": 5}},\n  "x": []\n}\n'
    with pytest.raises(pv.ClaimFileError) as caught:
        pv.parse_claim_json(text, name="bad.json")
    assert [(p.line, p.column, p.field) for p in caught.value.problems] == [
        (3, 42, "outlets.o.kind"),
        (4, 3, "x"),
    ]


@pytest.mark.parametrize(
    ("parse", "text", "where"),
    [
        (pv.parse_claim_yaml, "version: 1\noutlets: {o: {name: O}\n", (3, 1)),
        (pv.parse_claim_yaml, "version: 1\n\tclaims: {}\n", (2, 1)),
        (pv.parse_claim_json, '{"version": 1,\n "claims": {,}}', (2, 13)),
        (pv.parse_claim_json, '{"version": NaN}', (1, 13)),
    ],
)
def test_syntax_errors_are_located(parse: object, text: str, where: tuple[int, int]) -> None:
    """A file that is not valid YAML or JSON is one located problem, not a raw parser error."""
    with pytest.raises(pv.ClaimFileError) as caught:
        parse(text)  # type: ignore[operator]
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == where


def test_csv_problems_name_line_and_column() -> None:
    """A CSV file's problems name the line and the column, and all are reported together."""
    text = (
        "proposition,claimant,outlet,stance,published,confidence,supports\r\n"
        "P,A,O,report,2021-02,0.5,\r\n"
        "P,A,O,denail,2021-13,1.5,row-9\r\n"
        "P,,O,report,,,\r\n"
    )
    with pytest.raises(pv.ClaimFileError) as caught:
        pv.parse_claim_csv(text, name="claims.csv")
    assert [(p.line, p.field) for p in caught.value.problems] == [
        (3, "confidence"),
        (3, "published"),
        (3, "stance"),
        (3, "supports"),
        (4, "claimant"),
    ]


def test_csv_rows_must_agree() -> None:
    """Two rows that describe one outlet differently are a problem on the later row."""
    text = "proposition,claimant,outlet,outlet_kind,stance\nP,A,Fars,news agency,report\n"
    text += "Q,A,Fars,website,report\n"
    with pytest.raises(pv.ClaimFileError) as caught:
        pv.parse_claim_csv(text)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (3, "outlet_kind")
    assert "'news agency', as line 2 has it" in problem.expected


def test_cycles_are_reported_once() -> None:
    """Claims that support each other in a circle are one problem, not a hang or a cascade."""
    text = textwrap.dedent(
        """\
        version: 1
        outlets: {o: {name: O}}
        agents: {a: {name: A}}
        sources: {s: {outlet: o}}
        propositions: {p: {text: P}}
        claims:
          x: {proposition: p, claimant: a, source: s, stance: report, supports: [y]}
          y: {proposition: p, claimant: a, source: s, stance: denial, supports: [x]}
        """
    )
    with pytest.raises(pv.ClaimFileError) as caught:
        pv.parse_claim_yaml(text)
    (problem,) = caught.value.problems
    assert problem.found == "a cycle: x → y → x"


def test_records_told_twice_are_reported() -> None:
    """The same outlet under two ids, and two outlets sharing a name, are each a problem."""
    text = textwrap.dedent(
        """\
        version: 1
        outlets:
          fars: {name: Fars}
          fars-again: {name: Fars}
          fars-tv: {name: Fars, kind: TV channel}
        """
    )
    with pytest.raises(pv.ClaimFileError) as caught:
        pv.parse_claim_yaml(text)
    assert [(p.field, p.found) for p in caught.value.problems] == [
        ("outlets.fars-again", "the same outlet as 'fars' on line 3"),
        ("outlets.fars-tv", "the same identity with a different kind"),
    ]


_NESTED = """\
version: 1
outlets: {o: {name: O, reliability: [GRADE]}}
agents: {a: {name: A}}
sources:
  s: {outlet: o}
  t: {outlet: o, title: T, derived_from: [LINK]}
propositions: {p: {text: P}}
claims:
  c: {proposition: p, claimant: a, source: t, stance: report, confidence: CONFIDENCE}
"""


def _nested(**values: str) -> str:
    """The file above with a grading, a derivation and a confidence as given."""
    text = _NESTED
    for name, default in (("GRADE", "C"), ("LINK", "s"), ("CONFIDENCE", "0.5")):
        text = text.replace(name, values.get(name.lower(), default))
    return text


@pytest.mark.parametrize(
    ("values", "fields"),
    [
        (
            {"link": "{source: nowhere, kind: copied}"},
            ["sources.t.derived_from[0].source", "sources.t.derived_from[0].kind"],
        ),
        (
            {"grade": "{grade: G, start: 2021-13}"},
            ["outlets.o.reliability[0].grade", "outlets.o.reliability[0].start"],
        ),
        (
            {"confidence": "{value: 8e-1, wording: ' '}"},
            ["claims.c.confidence.value", "claims.c.confidence.wording"],
        ),
    ],
    ids=["derivation", "grading", "confidence"],
)
def test_a_nested_mapping_reports_each_wrong_field_under_its_path(
    values: dict[str, str], fields: list[str]
) -> None:
    """A grading, a derivation or a confidence written as a mapping is read as a record is:
    each wrong field is a problem of its own, named by the path of that field."""
    with pytest.raises(pv.ClaimFileError) as caught:
        pv.parse_claim_yaml(_nested(**values))
    assert [p.field for p in caught.value.problems] == fields


def test_an_optional_nested_field_left_empty_is_absent() -> None:
    """`kind: null` in a derivation, like an empty start or wording, reads as the field not
    given, as it does in a record."""
    claims = pv.parse_claim_yaml(
        _nested(
            grade="{grade: C, start: null}",
            link="{source: s, kind: null}",
            confidence="{value: 0.5, wording: null}",
        )
    )
    (claim,) = claims
    (first,) = [s for s in claims.sources if not s.derived_from]
    assert (claim.source.derived_from, claim.outlet.reliability, claim.confidence) == (
        frozenset({pv.Derivation(first, pv.DerivationKind.DERIVED)}),
        frozenset({pv.ReliabilityGrade("C")}),
        pv.Confidence(0.5),
    )


# --------------------------------------------------------------------------- safety


def test_python_tags_are_refused_and_never_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """YAML tags that would build Python objects are refused, located, and nothing runs."""
    monkeypatch.chdir(tmp_path)
    text = textwrap.dedent(
        """\
        version: 1
        outlets:
          o: {name: !!python/object/apply:builtins.open [pwned, w]}
          p: !!python/object:builtins.dict {name: P}
        """
    )
    with pytest.raises(pv.ClaimFileError) as caught:
        pv.parse_claim_yaml(text)
    assert [(p.line, p.field) for p in caught.value.problems] == [
        (3, "outlets.o.name"),
        (4, "outlets.p"),
    ]
    assert all("tags such as !!python/object are refused" in str(p) for p in caught.value.problems)
    assert list(tmp_path.iterdir()) == []


def test_aliases_are_refused_without_expanding_them() -> None:
    """A "billion laughs" file is refused at once: aliases are never expanded."""
    lines = ["version: 1", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    lines.append("outlets: {o: {name: *a9}}")
    started = time.perf_counter()
    with pytest.raises(pv.ClaimFileError) as caught:
        pv.parse_claim_yaml("\n".join(lines))
    assert time.perf_counter() - started < 2
    problems = {(p.line, p.field): p.expected for p in caught.value.problems}
    assert "aliases such as *name are not supported" in problems[12, "outlets.o.name"]


def test_unknown_file_ending_is_refused(tmp_path: Path) -> None:
    """A file name without a known ending is refused rather than guessed."""
    path = tmp_path / "claims.txt"
    path.write_text("version: 1\n", encoding="utf-8")
    with pytest.raises(pv.ClaimFileError, match=r"ending in \.yaml, \.yml, \.json or \.csv"):
        pv.read_claim_file(path)
    with pytest.raises(pv.ClaimFileError):
        pv.write_claim_file(pv.ClaimSet(), path)
    assert path.read_text(encoding="utf-8") == "version: 1\n"


def test_bytes_that_are_not_utf8_are_located(tmp_path: Path) -> None:
    """A file that is not UTF-8 is one problem naming the line, column and byte."""
    path = tmp_path / "claims.yaml"
    path.write_bytes(b"version: 1\noutlets: {o: {name: Caf\xe9}}\n")
    with pytest.raises(pv.ClaimFileError) as caught:
        pv.read_claim_file(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.found) == (2, 24, "the byte 0xe9")


def test_error_is_a_provenance_and_value_error() -> None:
    """Callers can catch a claim-file error as the library's base error or as a ValueError."""
    with pytest.raises(pv.ProvenanceError):
        pv.parse_claim_yaml("")
    with pytest.raises(ValueError, match="a mapping that starts with `version: 1`"):
        pv.parse_claim_yaml("- a list")


def test_docs_page_shows_current_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The problems the claim-files page shows are what its own example prints today."""
    page = (ROOT / "docs" / "claim-files.md").read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    for block in re.findall(r"```python\n(.*?)```", page, re.DOTALL):
        exec(compile(block, "claim-files.md", "exec"), namespace)
    shown = re.search(r"```text\n(.*?)```", page, re.DOTALL)
    assert shown is not None
    assert capsys.readouterr().out == shown.group(1)
