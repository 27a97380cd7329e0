"""Golden outputs: the bytes every writer gives for two fixed collections stay the same.

The example dataset (the whole digest) and a seeded synthetic collection of 2,000 claims
are written in every RDF syntax and as a YAML claim file; the SHA-256 of each output and
the collections' ``content_hash`` are kept in ``tests/data/goldens.json``. A refactoring
that changes a byte of any of them fails here; a deliberate change of output regenerates
the file (``PROVENANCE_UPDATE_GOLDENS=1 python -m pytest tests/test_goldens.py``) and is
listed in the CHANGELOG.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
import sys
import tempfile
from pathlib import Path

import pytest

import provenance as pv
from _support import ROOT

GOLDENS = ROOT / "tests" / "data" / "goldens.json"

_BASE = "https://example.org/golden/"
_RECORDER = pv.Agent(name="A golden recorder", kind="organization")


@functools.cache
def _collection(name: str) -> pv.ClaimSet:
    if name == "example":
        return pv.read_claim_file(ROOT / "examples" / "spotlight_on_iran_2021_02.yaml")
    path = ROOT / "benchmarks" / "synthetic.py"
    spec = importlib.util.spec_from_file_location("benchmarks_synthetic", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    built: pv.ClaimSet = module.build(2000, seed=13)
    return built


def _outputs(claims: pv.ClaimSet) -> dict[str, str]:
    """The SHA-256 of each output of ``claims``, by the name of the output."""

    def sha(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    found = {fmt.value: sha(pv.serialize(claims, format=fmt, base=_BASE)) for fmt in pv.Format}
    found["trig-recorded"] = sha(
        pv.serialize(claims, format=pv.Format.TRIG, base=_BASE, recorded_by=_RECORDER)
    )
    found["yaml"] = sha(pv.serialize_claim_yaml(claims))
    found["json"] = sha(pv.serialize_claim_json(claims))
    with tempfile.TemporaryDirectory() as folder:
        for name, stream in (
            ("stream-turtle", pv.stream_turtle),
            ("stream-nt", pv.stream_ntriples),
        ):
            target = Path(folder) / name
            stream(claims.claims, target, base=_BASE)
            found[name] = hashlib.sha256(target.read_bytes()).hexdigest()
    found["content_hash"] = pv.content_hash(claims)
    return found


_NAMES = ("example", "synthetic-2000")
_EXTRA = ("trig-recorded", "yaml", "json", "stream-turtle", "stream-nt", "content_hash")


def test_goldens_file_covers_every_output() -> None:
    """The goldens file holds an entry for every format and both collections."""
    if os.environ.get("PROVENANCE_UPDATE_GOLDENS"):
        GOLDENS.parent.mkdir(exist_ok=True)
        data = {name: _outputs(_collection(name)) for name in _NAMES}
        GOLDENS.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    kept = json.loads(GOLDENS.read_text(encoding="utf-8"))
    expected = {*(fmt.value for fmt in pv.Format), *_EXTRA}
    assert {name: set(kept[name]) for name in _NAMES} == dict.fromkeys(_NAMES, expected)


@pytest.mark.parametrize("name", _NAMES)
def test_outputs_are_unchanged(name: str) -> None:
    """Every writer gives the frozen bytes for the collection, and its content hash is kept."""
    kept = json.loads(GOLDENS.read_text(encoding="utf-8"))[name]
    assert _outputs(_collection(name)) == kept
