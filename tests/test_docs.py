"""The README and the docs tell the truth: their code runs, their output is current."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from _support import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _blocks(page: Path, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_python_blocks_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Python block of the page runs as written, in order, in a folder with a `build/`."""
    (tmp_path / "build").mkdir()
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    for block in _blocks(page, "python"):
        exec(compile(block, str(page.name), "exec"), namespace)


def test_vocabulary_page_shows_current_output() -> None:
    """The Turtle shown on the vocabulary page is what its own example writes today."""
    page = ROOT / "docs" / "vocabulary.md"
    before, after = page.read_text(encoding="utf-8").split("```turtle\n", 1)
    namespace: dict[str, object] = {}
    for block in re.findall(r"```python\n(.*?)```", before, re.DOTALL):
        exec(compile(block, page.name, "exec"), namespace)
    written = str(namespace["turtle"])
    body = "".join(line + "\n" for line in written.splitlines() if not line.startswith("@prefix"))
    assert after.split("```", 1)[0] == body


def test_ci_runs_the_readme_commands() -> None:
    """`.ci/run` runs exactly the two set-up commands the README gives."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(python -m pip install .*?)\n```", readme)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert len(commands) == 2
    assert all(command in ci for command in commands)
    assert os.access(ROOT / ".ci" / "run", os.X_OK)
