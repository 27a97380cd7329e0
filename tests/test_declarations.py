"""Guards that turn a place a new field was forgotten in into a red test.

A model field is declared once, as an attrs field; the mapping's tables say how RDF holds
it, the strategies draw it, equality and IRIs are derived from the fields. Each test here
fails for a field left out of one of those places, and the ``*_catches_*`` tests show the
guard failing on a deliberately incomplete declaration.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, Phase, assume, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

import provenance as pv
from _support import ROOT
from provenance import strategies
from provenance.rdf import _mapping
from provenance.rdf._mapping import NOT_WRITTEN, unwritten_fields, written_fields

RECORDS = (pv.Proposition, pv.Agent, pv.Outlet, pv.Source, pv.Claim)
VALUES = (pv.Confidence, pv.ReliabilityGrade, pv.Stance, pv.Derivation)


def _fields(cls: type) -> list[str]:
    return [f.name for f in attrs.fields(cls) if f.init]


# ------------------------------------------------------------------ (a) every field is mapped


def test_every_field_of_every_model_class_is_written_to_rdf() -> None:
    """Each init field of each model class is in a table of the RDF mapping, or excused."""
    assert (unwritten_fields(), set(written_fields())) == ([], {*RECORDS, *VALUES})


def test_excuses_name_real_fields() -> None:
    """Every field NOT_WRITTEN excuses exists, and no table writes it after all."""
    written = written_fields()
    assert [
        (cls, name)
        for cls, name in NOT_WRITTEN
        if name not in _fields(cls) or name in written.get(cls, set())
    ] == []


def test_the_mapping_guard_catches_a_forgotten_row() -> None:
    """A claim table without its `text` row leaves Claim.text unwritten, and the guard says so."""
    rows = tuple(r for r in _mapping.CLAIM_MAP.rows if getattr(r, "field", None) != "text")
    incomplete = attrs.evolve(_mapping.CLAIM_MAP, rows=rows)
    maps = [incomplete if m is _mapping.CLAIM_MAP else m for m in _mapping.ALL_MAPS]
    assert unwritten_fields(maps) == [(pv.Claim, "text")]


# ------------------------------------------------------------------ (b) strategies draw every field

_FIND = settings(
    max_examples=1000,
    database=None,
    phases=[Phase.generate],  # found is enough: no need to shrink it
    suppress_health_check=list(HealthCheck),
)


def _instances(cls: type, drawn: Any) -> list[Any]:
    """The instances of ``cls`` inside a record drawn from a public strategy."""
    if isinstance(drawn, cls):
        return [drawn]
    found: list[Any] = []
    stack = list(drawn.records) if isinstance(drawn, pv.ClaimSet) else [drawn]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen or item is None:
            continue
        seen.add(id(item))
        if isinstance(item, cls):
            found.append(item)
        if attrs.has(type(item)):
            for field in attrs.fields(type(item)):
                value = getattr(item, field.name)
                stack.extend(value if isinstance(value, frozenset) else [value])
    return found


_SOURCES_OF: dict[type, Any] = {
    pv.Proposition: strategies.propositions,
    pv.Agent: strategies.agents,
    pv.Outlet: strategies.outlets,
    pv.Source: strategies.sources,
    pv.Claim: strategies.claims,
    pv.Confidence: strategies.confidences,
    pv.Stance: strategies.stances,
    pv.ReliabilityGrade: strategies.outlets,
    pv.Derivation: strategies.sources,
}


def _default(field: attrs.Attribute[Any]) -> Any:
    default: Any = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return default.factory()
    return default


def _drawn_with(cls: type, name: str, strategy: Any, examples: int = 1000) -> bool:
    """Whether ``strategy`` draws an instance of ``cls`` whose ``name`` is not its default
    (for a required field: two instances that differ in it)."""
    field = attrs.fields_dict(cls)[name]
    seen: list[Any] = []

    def varied(drawn: Any) -> bool:
        for instance in _instances(cls, drawn):
            value = getattr(instance, name)
            if field.default is not attrs.NOTHING:
                if value != _default(field):
                    return True
            elif seen and all(value != other for other in seen):
                return True
            else:
                seen.append(value)
        return False

    try:
        find(strategy(), varied, settings=settings(_FIND, max_examples=examples))
    except NoSuchExample:
        return False
    return True


@pytest.mark.parametrize(
    ("cls", "name"),
    [(cls, name) for cls in (*RECORDS, *VALUES) for name in _fields(cls)],
    ids=lambda v: v.__name__ if isinstance(v, type) else v,
)
def test_public_strategies_draw_every_field(cls: type, name: str) -> None:
    """The public strategies draw each field with a value other than its default."""
    assert _drawn_with(cls, name, _SOURCES_OF[cls])


@pytest.mark.parametrize(
    ("cls", "name"),
    [(cls, name) for cls in (*RECORDS, *VALUES) for name in _fields(cls)],
    ids=lambda v: v.__name__ if isinstance(v, type) else v,
)
def test_collections_draw_every_field(cls: type, name: str) -> None:
    """Whole collections (which build their records apart from the record strategies, to
    keep them consistent) draw each field too: round-trip tests of collections meet it."""
    assert _drawn_with(cls, name, lambda: strategies.claim_sets(consistent=False, min_claims=1))


def test_the_strategy_guard_catches_a_field_never_drawn() -> None:
    """A strategy that never gives a claim a text is caught by the same check."""
    plain = strategies.claims().map(lambda claim: attrs.evolve(claim, text=None))
    assert _drawn_with(pv.Claim, "text", lambda: plain, examples=60) is False


# ------------------------------------------------------------------ (c) every field counts


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data(), cls=st.sampled_from(RECORDS))
def test_each_field_changes_equality_and_the_iri_where_it_identifies(
    data: st.DataObject, cls: type
) -> None:
    """Changing one field makes a different record; its IRI changes exactly when the field
    is one of the class's IDENTITY and the new value is known by another identity."""
    first, second = data.draw(_SOURCES_OF[cls]()), data.draw(_SOURCES_OF[cls]())
    changed = 0
    for name in _fields(cls):
        if getattr(first, name) == getattr(second, name):
            continue
        try:
            variant = attrs.evolve(first, **{name: getattr(second, name)})
        except pv.ValidationError:  # the new value disagrees with another field
            continue
        changed += 1
        names = (*cls.IDENTITY, *getattr(cls, "IDENTITY_TAIL", ()))  # type: ignore[attr-defined]
        identifies = name in names and _identity(getattr(first, name)) != _identity(
            getattr(second, name)
        )
        assert (variant != first, pv.iri_of(variant) != pv.iri_of(first)) == (
            True,
            identifies,
        ), name
    assume(changed)


def _identity(value: object) -> object:
    """What a value adds to an IRI: a record its own IRI (an outlet is known by its name
    alone, so two outlets of one name give their sources one IRI), a stance its IRI."""
    if isinstance(value, RECORDS):
        return pv.iri_of(value)
    if isinstance(value, pv.Stance):
        return value.iri
    return value


def test_the_equality_guard_catches_a_field_left_out_of_the_fingerprint() -> None:
    """A record compared without one of its fields would compare equal when only that differs,
    which is what the test above asserts against."""
    said = pv.Agent(name="Said")

    def without_description(agent: pv.Agent) -> tuple[str, str]:
        return (agent.name, agent.kind.value)

    variant = attrs.evolve(said, description="Spokesman")
    assert (variant != said, without_description(variant) == without_description(said)) == (
        True,
        True,
    )


# ------------------------------------------------------------------ (d) every field round-trips


_ROUND = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("fmt", list(pv.Format), ids=lambda f: f.value)
@_ROUND
@given(claims=strategies.claim_sets())
def test_every_field_survives_every_rdf_format(fmt: pv.Format, claims: pv.ClaimSet) -> None:
    """A collection drawn with every field reads back equal from each RDF syntax."""
    assert pv.parse(pv.serialize(claims, format=fmt), format=fmt) == claims


@pytest.mark.parametrize("name", ["yaml", "json"])
@_ROUND
@given(claims=strategies.claim_sets())
def test_every_field_survives_every_claim_file_format(name: str, claims: pv.ClaimSet) -> None:
    """A collection drawn with every field reads back equal from YAML and JSON claim files."""
    serialize, parse = {
        "yaml": (pv.serialize_claim_yaml, pv.parse_claim_yaml),
        "json": (pv.serialize_claim_json, pv.parse_claim_json),
    }[name]
    assert parse(serialize(claims)) == claims


# ------------------------------------------------------------------ (e) every field is documented

_HEADINGS = {
    pv.Proposition: "Proposition",
    pv.Agent: "Agent",
    pv.Outlet: "Outlet",
    pv.Source: "Source",
    pv.Derivation: "Derivation",
    pv.Claim: "Claim",
    pv.ReliabilityGrade: "Reliability grade",
    pv.Stance: "Stance",
    pv.Confidence: "Confidence",
}


def _documented(section: str) -> set[str]:
    """The fields a section of docs/vocabulary.md has a table row for."""
    text = (ROOT / "docs" / "vocabulary.md").read_text(encoding="utf-8")
    start = text.index(f"\n### {section}\n")
    end = text.find("\n#", start + 1)
    rows = text[start:end].splitlines()
    return {line.split("`")[1] for line in rows if line.startswith("| `")}


@pytest.mark.parametrize("cls", list(_HEADINGS), ids=lambda c: c.__name__)
def test_every_field_has_a_row_in_the_vocabulary_page(cls: type) -> None:
    """docs/vocabulary.md says, for every field of every model class, how RDF holds it."""
    assert sorted(set(_fields(cls)) - _documented(_HEADINGS[cls])) == []
