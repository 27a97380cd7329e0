"""The documentation site builds with `mkdocs build --strict`: no broken link, no bad reference."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from _support import ROOT


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    """The MkDocs site, API reference included, builds with every warning treated as an error."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "tutorial" / "index.html").is_file()
