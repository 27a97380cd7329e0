"""Times written as text: `parse_time` and the command line read them as claim files do."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import provenance as pv
from _support import ROOT
from provenance.cli import main

SPOTLIGHT = ROOT / "examples" / "spotlight_on_iran_2021_02.yaml"

TIME_EXPECTED = (
    "a time at the precision known: 2021, 2021-02, 2021-02-16 "
    "or an instant with its offset such as 2021-02-16T09:30:00+03:30"
)


def _json_file(text: str) -> str:
    """A claim file in JSON whose claim was made at ``text``, written as a JSON string."""
    return json.dumps(
        {
            "version": 1,
            "outlets": {"wire": {"name": "Wire"}},
            "agents": {"ann": {"name": "Ann"}},
            "sources": {"s": {"outlet": "wire"}},
            "propositions": {"p": {"text": "It rained."}},
            "claims": {
                "c": {
                    "proposition": "p",
                    "claimant": "ann",
                    "source": "s",
                    "stance": "report",
                    "made_at": text,
                }
            },
        }
    )


def _csv_file(text: str) -> str:
    """A claim file in CSV whose one claim was made at ``text``, as its made_at cell."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "proposition", "claimant", "outlet", "stance", "made_at"])
    writer.writerow(["c", "It rained.", "Ann", "Wire", "report", text])
    return out.getvalue()


def _as_written(value: pv.Time) -> tuple[str, str, str]:
    """A time with its precision and offset, so that 09:30+03:30 and 06:00Z differ."""
    offset = value.utcoffset() if isinstance(value, dt.datetime) else None
    return type(value).__name__, repr(value), repr(offset)


def _by_parse_time(text: str) -> tuple[str, ...]:
    try:
        return ("read", *_as_written(pv.parse_time(text)))
    except pv.ValidationError as error:
        return ("refused", error.expected)


def _by_claim_file(document: str, parse: object) -> tuple[str, ...]:
    try:
        claims = parse(document)  # type: ignore[operator]
    except pv.ClaimFileError as error:
        (problem,) = error.problems
        assert problem.field in ("claims.c.made_at", "made_at"), problem
        return ("refused", problem.expected)
    (claim,) = claims.claims
    assert claim.made_at is not None
    return ("read", *_as_written(claim.made_at))


_DIGITS = st.text("0123456789", min_size=1, max_size=5)
_TIMELIKE = st.builds(
    lambda parts, seps: "".join(p + s for p, s in zip(parts, seps, strict=False)),
    st.lists(_DIGITS, min_size=1, max_size=7),
    st.lists(st.sampled_from(["-", ":", "T", " ", ".", ",", "Z", "+", "W", ""]), max_size=7),
)
"""Digits with the separators times are written with, in any order: near misses."""

_TIMES = st.one_of(
    st.integers(1, 9999).map(lambda y: f"{y:04d}"),
    st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(1, 9999), st.integers(0, 13)),
    st.dates().map(dt.date.isoformat),
    st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat()),
)
"""Times as Python writes them, some of which a claim file takes and some it refuses."""

TEXTS = st.one_of(
    _TIMES,
    _TIMELIKE,
    st.text(max_size=30),
    st.tuples(st.sampled_from(["", " ", "\t"]), _TIMES, st.sampled_from(["", " ", "\n"])).map(
        "".join
    ),
)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_parse_time_reads_and_refuses_as_a_json_claim_file_does(text: str) -> None:
    """Any text gives what a claim file's time written as that JSON string gives: the same
    time at the same precision and offset, or a refusal in the same words."""
    assert _by_parse_time(text) == _by_claim_file(_json_file(text), pv.parse_claim_json)


def _one_cell(text: str) -> bool:
    """Whether ``text`` is itself a CSV cell with something in it: a blank cell is no value,
    and a leading apostrophe is CSV's own escape (taken off, as spreadsheets do)."""
    return (
        bool(text.strip())
        and not text.lstrip().startswith("'")
        and not any(c in text for c in "\x00\r\n")
    )


@settings(max_examples=150, deadline=None)
@given(TEXTS.filter(_one_cell))
def test_parse_time_reads_and_refuses_as_a_csv_cell_does(text: str) -> None:
    """Any text that fits one CSV cell, blank aside, gives what a made_at cell holding it
    gives."""
    assert _by_parse_time(text) == _by_claim_file(_csv_file(text), pv.parse_claim_csv)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021", pv.Year(2021)),
        ("2021-02", pv.YearMonth(2021, 2)),
        ("2021-02-16", dt.date(2021, 2, 16)),
        (" 2021-02-16 ", dt.date(2021, 2, 16)),
        (
            "2021-02-16T09:30:00.25+03:30",
            dt.datetime(2021, 2, 16, 9, 30, 0, 250000, tzinfo=dt.timezone(dt.timedelta(hours=3.5))),
        ),
        ("2021-02-16T09:30Z", dt.datetime(2021, 2, 16, 9, 30, tzinfo=dt.UTC)),
    ],
)
def test_parse_time_reads_each_precision(text: str, expected: pv.Time) -> None:
    """A year, a month, a day and an instant are each read at the precision written."""
    assert _as_written(pv.parse_time(text)) == _as_written(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021x02", TIME_EXPECTED),
        ("+202", TIME_EXPECTED),
        ("2021-W07-2", TIME_EXPECTED),
        ("2021-02-16 09:30+03:30", TIME_EXPECTED),
        ("20210216T093000Z", TIME_EXPECTED),
        ("2021-02-16T09:30", "an instant with its time-zone offset (Z, or one such as +03:30)"),
        ("2021-02-16T09:30+20:00", "a time-zone offset within ±14:00"),
        ("2021-13", "a month from 1 to 12"),
        ("2021-02-30", "a date and time that exist in the calendar"),
        ("0000", "a year from 1 to 9999"),
    ],
)
def test_parse_time_refuses_what_claim_files_refuse(text: str, expected: str) -> None:
    """Texts Python's ISO reader would take but a claim file refuses are refused, saying why."""
    with pytest.raises(pv.ValidationError) as raised:
        pv.parse_time(text)
    assert (raised.value.field, raised.value.value, raised.value.expected) == (
        "text",
        text,
        expected,
    )


def test_parse_time_refuses_what_is_not_text() -> None:
    """A number is not a time written as text: a ValidationError, not a TypeError."""
    with pytest.raises(pv.ValidationError, match="a time written as text"):
        pv.parse_time(2021)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("option", "text", "expected"),
    [
        ("--since", "2021x02", TIME_EXPECTED),
        ("--until", "2021-02-16T09:30+20:00", "a time-zone offset within ±14:00"),
        ("--since", "2021-W07-2", TIME_EXPECTED),
    ],
)
def test_the_command_line_refuses_what_claim_files_refuse(
    capsys: pytest.CaptureFixture[str], option: str, text: str, expected: str
) -> None:
    """`show --since/--until` refuses a time a claim file refuses, in the claim file's words
    (exit 2, one line naming the option)."""
    code = main(["show", str(SPOTLIGHT), option, text])
    captured = capsys.readouterr()
    assert (code, captured.out, captured.err) == (
        2,
        "",
        f"provenance: error: {option}: expected {expected}, found {text!r}\n",
    )


def test_the_command_line_reads_a_time_as_a_claim_file_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A time with spaces around it, which a claim file reads, filters as the time itself."""
    spaced = main(["show", str(SPOTLIGHT), "--since", " 2021-02-16 "])
    first = capsys.readouterr()
    plain = main(["show", str(SPOTLIGHT), "--since", "2021-02-16"])
    second = capsys.readouterr()
    assert (spaced, first.out, first.err) == (plain, second.out, second.err) == (0, second.out, "")
