"""The claim-file table is complete, and what is generated from it is what ships."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import provenance as pv
from _support import ROOT
from provenance.files import CSV_COLUMNS, _kinds, _schema, _table

MODELS = (
    pv.Outlet,
    pv.Agent,
    pv.Source,
    pv.Proposition,
    pv.Stance,
    pv.Claim,
    pv.Confidence,
    pv.ReliabilityGrade,
    pv.Derivation,
)
"""Every class whose fields a claim file holds: the records and the values they nest."""


def _model_fields(cls: type) -> set[str]:
    return {f.name for f in attrs.fields(cls) if f.init}


def _unplaced(
    tables: tuple[_kinds.Section | _kinds.Shape, ...], left_out: dict[tuple[type, str], str]
) -> dict[str, list[str]]:
    """The model fields that no table row declares and that are not left out with a reason,
    and the rows that name no model field, by class."""
    declared = {t.cls: {f.field for f in t.fields} for t in tables}
    found = {}
    for cls in MODELS:
        fields = _model_fields(cls)
        rows = declared.get(cls, set())
        out = {name for c, name in left_out if c is cls}
        wrong = sorted(fields - rows - out) + [f"no such field: {n}" for n in sorted(rows - fields)]
        wrong += [f"both declared and left out: {n}" for n in sorted(rows & out)]
        if wrong:
            found[cls.__name__] = wrong
    return found


def test_every_model_field_is_in_the_claim_file_table() -> None:
    """Each init field of each record and nested value has a row in a section or shape of the
    table, or is in NOT_IN_FILES with its reason; no row names a field the model lacks."""
    assert _unplaced((*_table.SECTIONS, *_table.SHAPES), _table.NOT_IN_FILES) == {}
    assert all(reason.strip() for reason in _table.NOT_IN_FILES.values())


def test_a_missing_row_is_caught() -> None:
    """The completeness check names a field whose row is taken out of the table."""
    outlets = attrs.evolve(
        _table.OUTLETS, fields=tuple(f for f in _table.OUTLETS.fields if f.field != "url")
    )
    tables = tuple(outlets if t is _table.OUTLETS else t for t in _table.SECTIONS)
    assert _unplaced((*tables, *_table.SHAPES), _table.NOT_IN_FILES) == {"Outlet": ["url"]}


def test_every_model_field_is_a_csv_column_or_not_held_with_its_reason() -> None:
    """Each init field is reached by a column of the CSV layout, or is in NOT_IN_CSV with
    the reason a row cannot hold it, never both."""
    reached = _table.csv_reach()
    found = {}
    for cls in MODELS:
        wrong = [
            name
            for name in sorted(_model_fields(cls))
            if ((cls, name) in reached) == ((cls, name) in _table.NOT_IN_CSV)
        ]
        if wrong:
            found[cls.__name__] = wrong
    assert found == {}
    assert all(reason.strip() for reason in _table.NOT_IN_CSV.values())


def test_the_csv_columns_keep_their_names_and_order() -> None:
    """The columns derived from the layout are the documented ones, in the documented order,
    each named once."""
    assert CSV_COLUMNS == (
        "id",
        "proposition",
        "proposition_language",
        "claimant",
        "claimant_kind",
        "claimant_for",
        "claimant_for_kind",
        "outlet",
        "outlet_kind",
        "published",
        "source_title",
        "source_url",
        "source_language",
        "stance",
        "stance_iri",
        "stance_polarity",
        "confidence",
        "estimative_term",
        "estimative_wording",
        "credibility",
        "analytic_confidence",
        "made_at",
        "text",
        "language",
        "supports",
        "contests",
    )
    assert len(set(CSV_COLUMNS)) == len(CSV_COLUMNS)


def test_the_shipped_schema_is_what_the_table_gives() -> None:
    """`data/claim-file.schema.json` is exactly the text generated from the table (run
    `python scripts/generate.py` after changing the table)."""
    shipped = (ROOT / "src" / "provenance" / _schema.SCHEMA_FILE).read_text(encoding="utf-8")
    assert shipped == _schema.schema_text()
    assert pv.files.claim_file_schema() == _schema.schema()


@pytest.mark.parametrize("check", [False, True])
def test_the_script_writes_the_shipped_schema(tmp_path: Path, check: bool) -> None:
    """`scripts/generate.py` writes the shipped schema, and `--check` tells a stale file
    from a current one."""
    target = tmp_path / "claim-file.schema.json"
    script = str(ROOT / "scripts" / "generate.py")
    if check:
        target.write_text("{}\n", encoding="utf-8")
        stale = subprocess.run(
            [sys.executable, script, "--check", "--data", str(tmp_path)], check=False
        ).returncode
        subprocess.run([sys.executable, script, "--data", str(tmp_path)], check=True)
        current = subprocess.run(
            [sys.executable, script, "--check", "--data", str(tmp_path)], check=False
        ).returncode
        assert (stale, current) == (1, 0)
    else:
        subprocess.run([sys.executable, script, "--data", str(tmp_path)], check=True)
        assert target.read_text(encoding="utf-8") == _schema.schema_text()
