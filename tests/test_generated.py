"""The files generated from the mapping are what the mapping says, and the generator guards it."""

from __future__ import annotations

import importlib.util
import sys

import attrs
import pytest

from _support import ROOT
from provenance.rdf import _context, _mapping
from provenance.rdf._mapping import Prop, Text


def _script() -> object:
    path = ROOT / "scripts" / "generate.py"
    spec = importlib.util.spec_from_file_location("generate", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_shipped_files_are_what_the_script_writes() -> None:
    """The shipped context and shapes equal what scripts/generate.py makes of the mapping."""
    generated = _script().generated()  # type: ignore[attr-defined]
    stale = [path.name for path, text in generated.items() if path.read_text("utf-8") != text]
    assert stale == []


def test_the_check_mode_reports_up_to_date_files() -> None:
    """`python scripts/generate.py --check` exits 0 when nothing is stale."""
    assert _script().main(["--check"]) == 0  # type: ignore[attr-defined]


def test_a_term_two_predicates_would_share_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A row whose predicate's local name another predicate already has cannot make a context."""
    clash = Prop("text", "https://example.org/other#statement", Text(), "a clash")
    changed = attrs.evolve(_mapping.PROPOSITION_MAP, rows=(*_mapping.PROPOSITION_MAP.rows, clash))
    monkeypatch.setitem(_mapping.MAPS, changed.cls, changed)
    with pytest.raises(TypeError, match="statement"):
        _context.terms()
