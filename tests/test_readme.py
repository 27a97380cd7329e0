"""The README tells the truth: its Python runs, its commands match CI."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from _support import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_python_blocks_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Python block of the README runs as written, in a folder with a `build/`."""
    (tmp_path / "build").mkdir()
    monkeypatch.chdir(tmp_path)
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})


def test_ci_runs_the_readme_commands() -> None:
    """`.ci/run` runs exactly the two set-up commands the README gives."""
    commands = re.findall(r"```sh\n(python -m pip install .*?)\n```", README)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert len(commands) == 2
    assert all(command in ci for command in commands)
    assert os.access(ROOT / ".ci" / "run", os.X_OK)
