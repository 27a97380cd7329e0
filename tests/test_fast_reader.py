"""The quick reader against the careful one: same collections, or it steps aside.

:mod:`provenance.rdf._read_fast` reads documents shaped as we write them and hands
anything else to the careful reader. It is only correct if, whenever it returns a
collection, the careful reader would have returned an equal one (in the same order);
these tests hold it to that on arbitrary collections and on documents damaged at
random, and check that it does take our own output (or it would be dead weight).
Along the way, the helpers made quicker for it are checked against their plain forms.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import random
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import provenance as pv
from provenance._iri import _json
from provenance._values import time_lexical
from provenance.errors import ProvenanceError
from provenance.rdf._literals import parse_time, time_literal
from provenance.rdf._quick import read_quads
from provenance.rdf._read import read_triples
from provenance.rdf._reading import parse_document
from provenance.rdf._terms import XSD_DATE, XSD_DATETIME, XSD_GYEAR, Triple
from provenance.strategies import claim_sets, texts, utc_offsets

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    phases=[phase for phase in Phase if phase is not Phase.explain],
)

BASES = st.sampled_from(["urn:provenance:", "https://example.org/data/", "http://x.test/a#"])


def _careful(document: str, format: ox.RdfFormat) -> pv.ClaimSet:
    """The careful reader alone: a plain list of triples is never offered to the quick one."""
    return read_triples(list(parse_document(document, format, "<test>")))


def _quick(document: str, format: ox.RdfFormat) -> pv.ClaimSet | None:
    return read_quads(parse_document(document, format, "<test>").quads())


def _same(first: pv.ClaimSet, second: pv.ClaimSet) -> None:
    """Equal, and holding their records in the same order (views follow that order)."""
    assert first == second
    for kind in ("claims", "propositions", "agents", "outlets", "sources"):
        assert getattr(first, kind) == getattr(second, kind), kind


WRITERS = {
    ox.RdfFormat.TURTLE: pv.serialize_turtle,
    ox.RdfFormat.N_TRIPLES: pv.serialize_ntriples,
}


@SETTINGS
@given(claim_sets(consistent=False), BASES, st.sampled_from(list(WRITERS)))
def test_quick_reader_takes_our_output_and_agrees(
    claims: pv.ClaimSet, base: str, format: ox.RdfFormat
) -> None:
    document = WRITERS[format](claims, base=base)
    quick = _quick(document, format)
    assert quick is not None, "the quick reader gave up on our own output"
    _same(quick, _careful(document, format))
    assert quick == claims


def _mutations(lines: list[str], rng: random.Random) -> list[str]:
    """A copy of an N-Triples document with one to three random faults."""
    out = list(lines)
    for _ in range(rng.randint(1, 3)):
        if not out:
            break
        i = rng.randrange(len(out))
        j = rng.randrange(len(out))
        choice = rng.randrange(9)
        subject, predicate, rest = out[i].split(" ", 2)
        _, other_predicate, other_rest = out[j].split(" ", 2)
        if choice == 0:  # a triple lost
            del out[i]
        elif choice == 1:  # a triple repeated further on
            out.insert(rng.randrange(len(out) + 1), out[i])
        elif choice == 2:  # a value moved to another node
            out[i] = f"{subject} {predicate} {other_rest}"
        elif choice == 3:  # a property moved to another node
            out[i] = f"{subject} {other_predicate} {rest}"
        elif choice == 4:  # a subject split in two, or two subjects interleaved
            out.insert(rng.randrange(len(out) + 1), out.pop(i))
        elif choice == 5:  # a property nobody defined
            out.insert(i, f"{subject} <https://example.org/other> {rest}")
        elif choice == 6:  # a literal of another kind
            out[i] = f'{subject} {predicate} "1"^^<http://www.w3.org/2001/XMLSchema#integer> .'
        elif choice == 7:  # a node made blank
            out[i] = f"_:b{j} {predicate} {rest}"
        else:  # a node's type changed
            out.insert(
                i,
                f"{subject} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                f"{other_rest if other_rest.startswith('<') else '<urn:x:T> .'}",
            )
    return out


@settings(SETTINGS, max_examples=150)
@given(claim_sets(consistent=False), st.randoms(use_true_random=False))
def test_quick_reader_never_accepts_what_the_careful_one_would_not(
    claims: pv.ClaimSet, rng: random.Random
) -> None:
    # split on line feeds only: str.splitlines() would also split inside a literal at U+0085
    lines = pv.serialize_ntriples(claims).rstrip("\n").split("\n")
    document = "\n".join(_mutations(lines, rng)) + "\n"
    quick = _quick(document, ox.RdfFormat.N_TRIPLES)
    if quick is None:
        return  # stepped aside: the careful reader decides, as the public functions do
    try:
        careful = _careful(document, ox.RdfFormat.N_TRIPLES)
    except ProvenanceError as error:
        pytest.fail(f"the quick reader accepted a document the careful one refuses: {error}")
    _same(quick, careful)


def test_public_readers_give_the_careful_readers_errors() -> None:
    """A damaged document read through the public function reports what the careful
    reader reports: the quick one steps aside without a word."""
    claims = pv.ClaimSet(
        [
            pv.Claim(
                proposition=pv.Proposition("Rockets hit the airport."),
                claimant=pv.Agent(name="Saraya Awliya al-Dam", kind="organization"),
                source=pv.Source(outlet=pv.Outlet(name="Telegram", kind="Telegram channel")),
                stance="claim of responsibility",
            )
        ]
    )
    document = pv.serialize_turtle(claims).replace("pc:statement", "pc:statementX")
    with pytest.raises(pv.RDFContentError) as quick_path:
        pv.parse_turtle(document)
    with pytest.raises(pv.RDFContentError) as careful_path:
        _careful(document, ox.RdfFormat.TURTLE)
    assert str(quick_path.value) == f"<string>: {careful_path.value}"  # the document's name
    assert "pc:statement" in str(quick_path.value) or "statement" in str(quick_path.value)


def test_deep_chains_go_to_the_careful_reader() -> None:
    """Sources derived through thousands of steps: too deep for the quick reader's
    recursion, read all the same."""
    outlet = pv.Outlet(name="Wire")
    source = pv.Source(outlet=outlet, url="https://wire.example/0")
    for i in range(1, 1500):
        source = pv.Source(outlet=outlet, url=f"https://wire.example/{i}", derived_from=[source])
    claims = pv.ClaimSet(
        [
            pv.Claim(
                proposition=pv.Proposition("A chain."),
                claimant=pv.Agent(name="Someone"),
                source=source,
                stance="report",
            )
        ]
    )
    document = pv.serialize_turtle(claims)
    assert _quick(document, ox.RdfFormat.TURTLE) is None
    assert pv.parse_turtle(document) == claims


def test_syntax_errors_are_the_parsers_with_their_line() -> None:
    document = pv.serialize_turtle(pv.ClaimSet()) + "<urn:x:s> <urn:x:p> .\n"
    with pytest.raises(pv.RDFSyntaxError) as error:
        pv.parse_turtle(document, name="broken.ttl")
    assert error.value.line == document.count("\n")


# --------------------------------------------------------------------------- helpers


def _reference_lexical(value: dt.datetime) -> str:
    """time_lexical as it was first written, field by field."""
    text = (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
        f"T{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    )
    if value.microsecond:
        text += f".{value.microsecond:06d}".rstrip("0")
    offset = value.utcoffset()
    assert offset is not None
    if not offset:
        return text + "Z"
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes = abs(offset) // dt.timedelta(minutes=1)
    return f"{text}{sign}{minutes // 60:02d}:{minutes % 60:02d}"


@given(st.datetimes(timezones=utc_offsets()))
def test_time_lexical_is_the_field_by_field_form(value: dt.datetime) -> None:
    assert time_lexical(value) == _reference_lexical(value)
    assert parse_time(time_lexical(value), XSD_DATETIME) == value


@given(
    st.datetimes(),
    st.timedeltas(
        min_value=dt.timedelta(hours=-23, minutes=-59), max_value=dt.timedelta(hours=23, minutes=59)
    ),
)
def test_time_lexical_refuses_exactly_the_offsets_of_a_fraction_of_a_minute(
    value: dt.datetime, offset: dt.timedelta
) -> None:
    instant = value.replace(tzinfo=dt.timezone(offset))
    if offset % dt.timedelta(minutes=1):
        with pytest.raises(ValueError, match="fraction of a minute"):
            time_lexical(instant)
    else:
        assert time_lexical(instant) == _reference_lexical(instant)


class _Instant(dt.datetime):
    """A datetime of a subclass, as pandas' Timestamp is: written as a datetime."""


class _Day(dt.date):
    """A date of a subclass: written as a date."""


@given(st.datetimes(timezones=utc_offsets()), st.dates())
def test_time_literals_of_subclasses_are_their_bases(instant: dt.datetime, day: dt.date) -> None:
    special = _Instant.combine(instant.date(), instant.timetz())
    assert time_literal(special) == time_literal(instant) == (time_lexical(instant), XSD_DATETIME)
    assert time_literal(day) == (day.isoformat(), XSD_DATE)
    assert time_literal(_Day(day.year, day.month, day.day)) == time_literal(day)


@given(st.lists(st.one_of(st.none(), texts(max_size=40)), max_size=8))
def test_identity_json_is_json_dumps(items: list[str | None]) -> None:
    """IRIs hash this text: it must stay byte for byte what json.dumps wrote."""
    expected = json.dumps(items, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert _json(items) == expected


@pytest.mark.parametrize(
    ("lexical", "datatype"),
    [
        ("٢٠٢١-02-15", XSD_DATE),  # Arabic-Indic digits: not XML Schema digits
        ("２０２１", XSD_GYEAR),
        ("2021-02-15T10:00:00+14:01", XSD_DATETIME),
        ("2021-02-15T24:00:00Z", XSD_DATETIME),
        ("2021-02-15T10:00:00", XSD_DATETIME),
    ],
)
def test_times_outside_what_we_hold_are_refused(lexical: str, datatype: str) -> None:
    assert parse_time(lexical, datatype) is None


@settings(SETTINGS, max_examples=25)
@given(claim_sets(consistent=False), st.sampled_from(["trig", "nquads", "jsonld"]))
def test_quick_reader_takes_our_other_formats(claims: pv.ClaimSet, name: str) -> None:
    """TriG and N-Quads bundles and JSON-LD are read quickly too, to the same collection."""
    recorder = pv.Agent(name="The analyst who recorded these")
    text: str
    if name == "trig":
        text, format = pv.serialize_trig(claims, recorded_by=recorder), ox.RdfFormat.TRIG
    elif name == "nquads":
        text, format = pv.serialize_nquads(claims, recorded_by=recorder), ox.RdfFormat.N_QUADS
    else:
        text, format = pv.serialize_jsonld(claims), ox.RdfFormat.JSON_LD
    quick = _quick(text, format)
    assert quick is not None, "the quick reader gave up on our own output"
    _same(quick, _careful(text, format))


# --------------------------------------------------------------------------- the collector


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("damaged", [False, True])
def test_reading_pauses_the_collector_and_restores_it(enabled: bool, damaged: bool) -> None:
    """The cyclic collector is off while triples are read, and afterwards as the caller
    left it, whether the read succeeded or raised."""
    claims = pv.ClaimSet()
    source = pv.Source(outlet=pv.Outlet(name="Fars", kind="news agency"))
    for number in range(50):
        claims.add(
            pv.Claim(
                proposition=pv.Proposition(f"Proposition {number}."),
                claimant=pv.Agent(name=f"Agent {number}"),
                source=source,
                stance=pv.Stance.REPORT,
            )
        )
    text = pv.serialize_turtle(claims)
    if damaged:
        text = text.replace('"Proposition 7."', '" "', 1)  # blank: the model refuses it
    states: list[bool] = []

    def triples() -> Iterator[Triple]:
        for triple in parse_document(text, ox.RdfFormat.TURTLE, "<test>"):
            states.append(gc.isenabled())
            yield triple

    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        if damaged:
            with pytest.raises(ProvenanceError):
                read_triples(triples())
            with pytest.raises(ProvenanceError):
                pv.parse_turtle(text)
        else:
            assert read_triples(triples()) == claims
            assert pv.parse_turtle(text) == claims
        after = gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
    assert states
    assert not any(states)
    assert after is enabled
