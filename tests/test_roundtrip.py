"""Round trips of whole collections through every RDF route we offer, and their fidelity.

The fidelity tests look past ``==`` at the exact representation (a datetime's wall clock
and offset, a float's bits, a language tag's case), so they hold whatever equality the
model defines for its records.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
import pyoxigraph as ox
import rdflib
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from provenance import (
    Agent,
    Claim,
    ClaimSet,
    Outlet,
    Proposition,
    ProvenanceError,
    Source,
    Stance,
    Time,
    ValidationError,
    Year,
    YearMonth,
    from_graph,
    parse_turtle,
    read_turtle,
    serialize_turtle,
    to_graph,
    write_turtle,
)
from provenance.strategies import claim_sets, claims, stances, utc_offsets

# Each example builds a collection and sends it through up to four parsers. The explain
# phase traces every line it runs, which makes shrinking a failure several times slower
# on examples this large; the shrunk example itself is reported all the same.
SETTINGS = settings(
    max_examples=50,
    deadline=None,
    phases=[phase for phase in Phase if phase is not Phase.explain],
)


def _through_graph(claims: ClaimSet) -> ClaimSet:
    return from_graph(to_graph(claims))


def _through_turtle(claims: ClaimSet) -> ClaimSet:
    return parse_turtle(serialize_turtle(claims))


def _through_rdflib_turtle(claims: ClaimSet) -> ClaimSet:
    return from_graph(rdflib.Graph().parse(data=serialize_turtle(claims), format="turtle"))


def _through_oxigraph_store(claims: ClaimSet) -> ClaimSet:
    store = ox.Store()
    store.load(serialize_turtle(claims), format=ox.RdfFormat.TURTLE)
    dumped = store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
    assert dumped is not None
    return parse_turtle(dumped.decode("utf-8"))


ROUTES: dict[str, Callable[[ClaimSet], ClaimSet]] = {
    "rdflib graph": _through_graph,
    "turtle": _through_turtle,
    "turtle read by rdflib": _through_rdflib_turtle,
    "oxigraph store": _through_oxigraph_store,
}


# --------------------------------------------------------------------------- equality


@SETTINGS
@given(claim_sets(consistent=False))
def test_graph_round_trip(claims: ClaimSet) -> None:
    """An rdflib Graph made from a collection reads back as the same collection."""
    assert from_graph(to_graph(claims)) == claims


@SETTINGS
@given(claim_sets(consistent=False))
def test_turtle_round_trip(claims: ClaimSet) -> None:
    """Turtle text made from a collection parses back as the same collection."""
    assert parse_turtle(serialize_turtle(claims)) == claims


@SETTINGS
@given(claim_sets(consistent=False))
def test_turtle_read_by_rdflib(claims: ClaimSet) -> None:
    """Our Turtle parsed by rdflib's own parser reads back as the same collection."""
    graph = rdflib.Graph().parse(data=serialize_turtle(claims), format="turtle")
    assert from_graph(graph) == claims


@SETTINGS
@given(claim_sets(consistent=False))
def test_graph_is_isomorphic_to_parsed_turtle(claims: ClaimSet) -> None:
    """``to_graph`` gives the very triples rdflib reads from ``serialize_turtle``'s text."""
    parsed = rdflib.Graph().parse(data=serialize_turtle(claims), format="turtle")
    assert isomorphic(to_graph(claims), parsed)


@SETTINGS
@given(claim_sets(consistent=False))
def test_oxigraph_strict_parser_accepts_every_document(claims: ClaimSet) -> None:
    """pyoxigraph's strict Turtle parser reads every document, with every triple we wrote."""
    parsed = set(ox.parse(serialize_turtle(claims), format=ox.RdfFormat.TURTLE))
    assert len(parsed) == len(to_graph(claims))


@SETTINGS
@given(claim_sets(consistent=False))
def test_oxigraph_store_round_trip(claims: ClaimSet) -> None:
    """Loading our Turtle into an Oxigraph store and dumping it again loses nothing."""
    assert _through_oxigraph_store(claims) == claims


@settings(SETTINGS, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(claim_sets(consistent=False))
def test_write_then_read_turtle_file(tmp_path: Path, claims: ClaimSet) -> None:
    """A collection written to a Turtle file reads back the same; each example replaces the file."""
    path = tmp_path / "claims.ttl"
    write_turtle(claims, path)
    assert read_turtle(path) == claims


# --------------------------------------------------------------------------- determinism


@st.composite
def _rebuilt(draw: st.DrawFn) -> tuple[ClaimSet, ClaimSet]:
    """A collection, and an equal one built from copies of its records in another order."""
    original = draw(claim_sets(consistent=False))
    records = draw(st.permutations(original.records))
    return original, ClaimSet(copy.deepcopy(records))


@SETTINGS
@given(_rebuilt())
def test_serialization_is_deterministic(pair: tuple[ClaimSet, ClaimSet]) -> None:
    """Equal collections give the same Turtle text, whatever order their records came in."""
    original, rebuilt = pair
    assert serialize_turtle(rebuilt) == serialize_turtle(original)


_FIXED_COLLECTION = """
import datetime as dt
import sys

import provenance as pv

tehran = dt.timezone(dt.timedelta(hours=3, minutes=30))
ministry = pv.Agent(
    name="وزارت امور خارجه", kind="organization", aliases=["MFA", "Foreign Ministry"]
)
spokesman = pv.Agent(
    name="سعید خطیب‌زاده",
    aliases=["Said Khatibzadeh", "Saeed Khatibzadeh", "S. Khatibzadeh", "خطیب زاده"],
    on_behalf_of=ministry,
)
fars = pv.Outlet(
    name="Fars", kind="news agency", aliases=["فارس", "FNA", "Fars News"], language="fa"
)
isna = pv.Outlet(name="ISNA", kind="news agency", language="fa-IR")
sputnik = pv.Outlet(name="Sputnik", kind="website", language="en")
interview = pv.Source(outlet=sputnik, published=dt.datetime(2021, 2, 16, 9, 30, tzinfo=dt.UTC))
relay = pv.Source(outlet=isna, published=dt.date(2021, 2, 16), derived_from=[interview])
digest = pv.Source(
    outlet=fars,
    published=dt.datetime(2021, 2, 16, 14, 5, 30, 250000, tzinfo=tehran),
    title="“تکذیب”",
    derived_from=[
        pv.Derivation(relay, "quoted"),
        pv.Derivation(interview, "translated"),
        pv.Derivation(pv.Source(outlet=isna, published=pv.YearMonth(2021, 2)), "primary source"),
    ],
)
rumour = pv.Stance("https://example.org/stance#Rumour", "rumour", pv.Polarity.AFFIRMING)
hint = pv.Stance("https://example.org/stance#Hint", "hint", pv.Polarity.NEUTRAL)
p = pv.Proposition("Iran was involved in the attack.", language="en")
base = [
    pv.Claim(proposition=p, claimant=spokesman, source=s, stance=stance, confidence=value)
    for s, stance, value in [
        (interview, rumour, 0.55),
        (relay, "report", 1.0),
        (digest, hint, 0.0),
        (relay, "speculation", 0.3),
    ]
]
last = pv.Claim(
    proposition=p,
    claimant=ministry,
    source=digest,
    stance="denial",
    made_at=pv.Year(2021),
    supports=base[:2],
    contests=base[2:],
)
sys.stdout.buffer.write(pv.serialize_turtle(pv.ClaimSet([last, *base])).encode("utf-8"))
"""


def test_iris_do_not_depend_on_the_hash_seed() -> None:
    """One collection serializes to the same bytes under two different string hash seeds."""
    outputs = {
        seed: subprocess.run(
            [sys.executable, "-c", _FIXED_COLLECTION],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=True,
        ).stdout
        for seed in ("0", "2718281828")
    }
    assert b"urn:provenance:claim/" in outputs["0"]
    assert outputs["0"] == outputs["2718281828"]


# --------------------------------------------------------------------------- fidelity


def _clock(value: Time | None) -> object:
    """A time as it is written down: a datetime's wall clock and offset, not its instant."""
    if isinstance(value, dt.datetime):
        return (value.replace(tzinfo=None), value.utcoffset())
    return (type(value).__name__, value)


def _clocks(claims: ClaimSet) -> dict[object, object]:
    """Each claim's time and its source's, each source's, each reliability grade's period."""
    found: dict[object, object] = {
        claim: (_clock(claim.made_at), _clock(claim.source.published)) for claim in claims
    }
    found.update({source: _clock(source.published) for source in claims.sources})
    graded: list[Agent | Outlet] = [*claims.agents, *claims.outlets]
    for record in graded:
        found[record] = frozenset(
            (grade.grade, _clock(grade.start), _clock(grade.end)) for grade in record.reliability
        )
    return found


def _fixed_times() -> ClaimSet:
    """One record at each precision, instants at -03:30, +14:00 and UTC with microseconds."""
    fars = Outlet(name="Fars")
    day = Source(outlet=fars, published=dt.date(2021, 2, 16))
    month = Source(outlet=fars, published=YearMonth(2021, 2), derived_from=[day])
    instants = [
        dt.datetime(
            2021, 2, 16, 23, 59, 59, 999999, tzinfo=dt.timezone(-dt.timedelta(minutes=210))
        ),
        dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))),
        dt.datetime(2021, 2, 15, 21, 30, 0, 500000, tzinfo=dt.UTC),
    ]
    return ClaimSet(
        Claim(
            proposition=Proposition("ایران در حمله دست داشت.", language="FA-ir"),
            claimant=Agent(name="زینب", kind="unnamed"),
            source=Source(outlet=fars, published=instant, derived_from=[month]),
            stance="denial",
            made_at=instant if index else Year(2021),
        )
        for index, instant in enumerate(instants)
    )


@SETTINGS
@example(_fixed_times())
@given(claim_sets(consistent=False))
def test_round_trips_keep_utc_offsets(claims: ClaimSet) -> None:
    """Every route gives back each datetime at the UTC offset it had, not just the same instant."""
    expected = _clocks(claims)
    assert {name: _clocks(route(claims)) for name, route in ROUTES.items()} == dict.fromkeys(
        ROUTES, expected
    )


@st.composite
def _offset_twins(draw: st.DrawFn) -> tuple[Claim, Claim]:
    """A claim made at an instant, and the same claim giving that instant at another offset."""
    claim = draw(claims(consistent=False))
    made_at = draw(st.datetimes(timezones=utc_offsets()))
    zone = draw(utc_offsets().filter(lambda zone: zone.utcoffset(None) != made_at.utcoffset()))
    try:
        elsewhere = made_at.astimezone(zone)
    except OverflowError:  # the instant is not a datetime at that offset (year 1 or 9999)
        elsewhere = made_at
    claim = attrs.evolve(claim, supports=(), contests=())
    return attrs.evolve(claim, made_at=made_at), attrs.evolve(claim, made_at=elsewhere)


@SETTINGS
@given(_offset_twins())
def test_one_instant_at_two_offsets_makes_two_claims(twins: tuple[Claim, Claim]) -> None:
    """Claims differing only in the offset of one instant stay apart, whichever comes first."""
    first, second = twins
    one_way, other_way = ClaimSet([first, second]), ClaimSet([second, first])
    text = serialize_turtle(one_way)
    assert (serialize_turtle(other_way), _clocks(parse_turtle(text))) == (text, _clocks(one_way))


def _bits(claims: ClaimSet) -> dict[Claim, str | None]:
    return {
        claim: None
        if claim.confidence is None or claim.confidence.value is None
        else claim.confidence.value.hex()
        for claim in claims
    }


def _confident(*values: float) -> ClaimSet:
    outlet = Outlet(name="Tabnak")
    return ClaimSet(
        Claim(
            proposition=Proposition("The attack was a message to Turkey."),
            claimant=Agent(name=f"analyst {index}"),
            source=Source(outlet=outlet),
            stance="speculation",
            confidence=value,
        )
        for index, value in enumerate(values)
    )


@SETTINGS
@example(_confident(0.0, 1.0, -0.0, 0.55, 0.1 + 0.2, 5e-324, 1 - 2**-53))
@given(claim_sets(consistent=False))
def test_round_trips_keep_confidence_bits(claims: ClaimSet) -> None:
    """Every route gives back each confidence value as the very same float, bit for bit."""
    expected = _bits(claims)
    assert {name: _bits(route(claims)) for name, route in ROUTES.items()} == dict.fromkeys(
        ROUTES, expected
    )


def _rfc5646_case(tag: str) -> str:
    """The case RFC 5646 (2.1.1) recommends: ``fa-IR``, ``zh-Hant-TW``, ``x-private``."""
    out: list[str] = []
    after_singleton = False
    for index, part in enumerate(tag.split("-")):
        if index == 0 or after_singleton or len(part) == 1:
            after_singleton = after_singleton or len(part) == 1
            out.append(part.lower())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        else:
            out.append(part.lower())
    return "-".join(out)


def _languages(claims: ClaimSet) -> list[str]:
    """Every language tag a record of the collection carries, sorted."""
    records: list[Proposition | Outlet | Source | Claim] = [
        *claims.propositions,
        *claims.outlets,
        *claims.sources,
        *claims.claims,
    ]
    return sorted(record.language for record in records if record.language is not None)


@SETTINGS
@given(claim_sets(consistent=False))
def test_round_trips_keep_canonical_language_case(claims: ClaimSet) -> None:
    """Every route gives back each language tag in its canonical case, though parsers fold case."""
    canonical = sorted(_rfc5646_case(tag) for tag in _languages(claims))
    assert {name: _languages(route(claims)) for name, route in ROUTES.items()} == dict.fromkeys(
        ROUTES, canonical
    )


# --------------------------------------------------------------------------- what the model accepts


@SETTINGS
@given(st.from_regex(r"[A-Za-z]{1,9}(-[A-Za-z0-9]{1,9}){0,3}", fullmatch=True))
def test_every_language_tag_the_model_accepts_round_trips(tag: str) -> None:
    """A tag of Turtle's LANGTAG form is either refused by the model or written and read back."""
    try:
        proposition = Proposition("ایران در حمله دست داشت.", language=tag)
    except ValidationError:
        return  # refusing a tag is fine; accepting one that cannot be written is not
    claims = ClaimSet([proposition])
    assert parse_turtle(serialize_turtle(claims)) == claims


@SETTINGS
@given(st.from_regex(r"[A-Za-z][A-Za-z0-9+.\-]{0,5}:[^\s]{1,16}", fullmatch=True))
def test_every_iri_the_model_accepts_round_trips(url: str) -> None:
    """A would-be IRI is either refused by the model or written and read back unchanged."""
    try:
        outlet = Outlet(name="Fars", url=url)
    except ValidationError:
        return  # refusing an IRI is fine; accepting one that cannot be written is not
    claims = ClaimSet([outlet])
    assert parse_turtle(serialize_turtle(claims)) == claims


@st.composite
def _namesakes(draw: st.DrawFn) -> tuple[Claim, Claim]:
    """Two claims whose custom stances share an IRI but differ in label or polarity."""
    claim = attrs.evolve(draw(claims(consistent=False)), supports=(), contests=())
    stance = draw(stances(builtin=False))
    other = draw(
        stances(builtin=False)
        .map(lambda s: Stance(stance.iri, s.label, s.polarity))
        .filter(lambda s: s != stance)
    )
    again = f"{claim.text or ''} (again)"
    return attrs.evolve(claim, stance=stance), attrs.evolve(claim, stance=other, text=again)


@SETTINGS
@given(_namesakes())
def test_claims_keep_their_own_custom_stances(namesakes: tuple[Claim, Claim]) -> None:
    """Two stances under one IRI are either refused or each kept by its own claim."""
    try:
        collection = ClaimSet(namesakes)
        text = serialize_turtle(collection)
    except ProvenanceError:
        return  # refusing the pair is fine; silently giving one claim the other's stance is not
    assert parse_turtle(text) == collection
