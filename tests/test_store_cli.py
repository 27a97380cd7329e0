"""Opening stores as `provenance push`, `pull` and `query` do: missing stores, busy stores."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import provenance as pv
from _support import ROOT, load_example
from provenance.cli import main
from provenance.store import EmbeddedStore, StoreOpenError

erbil = load_example("erbil_attack")


def _provenance(*argv: str) -> subprocess.CompletedProcess[str]:
    """Run the command as a user does, in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "provenance", *argv],
        check=False,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


@pytest.fixture
def erbil_ttl(tmp_path: Path) -> Path:
    """The Erbil example written as Turtle."""
    path = tmp_path / "erbil.ttl"
    pv.write_turtle(erbil.build(), path)
    return path


# --------------------------------------------------------------------------- missing stores


@pytest.mark.parametrize("command", ["pull", "query"])
def test_reading_a_store_that_does_not_exist_fails_in_one_line(
    tmp_path: Path, command: str
) -> None:
    """`pull` and `query` on a folder that does not exist exit 2 with one line naming
    it, and make no store there and no output."""
    missing = tmp_path / "no-such-store"
    pulled = tmp_path / "pulled.ttl"
    options = ["-o", str(pulled)] if command == "pull" else ["contested"]
    result = _provenance(command, *options, "--store", str(missing))
    assert (
        result.returncode,
        result.stderr.splitlines(),
        missing.exists(),
        pulled.exists(),
    ) == (
        2,
        [
            f"provenance: error: {missing}: cannot open the store: "
            "no such folder (push into it first to make a store)"
        ],
        False,
        False,
    )


def test_pull_refuses_an_empty_folder_and_reads_a_store(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, erbil_ttl: Path
) -> None:
    """`pull` from an empty folder is an error that leaves the folder empty; from a
    store that a push made it gives back what was pushed."""
    empty = tmp_path / "empty"
    empty.mkdir()
    code = main(["pull", "--store", str(empty), "-o", str(tmp_path / "out.ttl")])
    error = capsys.readouterr().err
    assert (code, error, list(empty.iterdir())) == (
        2,
        f"provenance: error: {empty}: cannot open the store: "
        "the folder holds no store (push into it first)\n",
        [],
    )
    assert main(["push", str(erbil_ttl), "--store", str(empty)]) == 0
    assert main(["pull", "--store", str(empty), "-o", str(tmp_path / "out.ttl")]) == 0
    assert pv.read_turtle(tmp_path / "out.ttl") == erbil.build()


def test_opening_for_reading_refuses_what_holds_no_store(tmp_path: Path) -> None:
    """``EmbeddedStore(path, create=False)`` refuses a missing or empty folder, naming
    it, and creates nothing; the default still makes a new store."""
    missing, empty = tmp_path / "missing", tmp_path / "empty"
    empty.mkdir()
    reasons = []
    for folder in (missing, empty):
        with pytest.raises(StoreOpenError) as caught:
            EmbeddedStore(folder, create=False)
        reasons.append((caught.value.path, caught.value.reason))
    with EmbeddedStore(missing) as store:
        store.push(erbil.build())
    with EmbeddedStore(missing, create=False) as store:
        pulled = store.pull()
    assert (reasons, missing.exists(), list(empty.iterdir()), pulled) == (
        [
            (str(missing), "no such folder (push into it first to make a store)"),
            (str(empty), "the folder holds no store (push into it first)"),
        ],
        True,
        [],
        erbil.build(),
    )


# --------------------------------------------------------------------------- busy stores


@contextmanager
def _held(folder: Path) -> Iterator[None]:
    """Another process holding the store in ``folder`` open, as a long push does."""
    hold = (
        "import sys\n"
        "from provenance.store import EmbeddedStore\n"
        "with EmbeddedStore(sys.argv[1]):\n"
        "    print('open', flush=True)\n"
        "    sys.stdin.read()\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", hold, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert holder.stdin is not None
    assert holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "open"
        yield
    finally:
        holder.stdin.close()
        holder.stdout.close()
        assert holder.wait(timeout=60) == 0


def test_a_second_push_fails_at_once_before_reading_its_input(
    tmp_path: Path, erbil_ttl: Path
) -> None:
    """A push into a store another process holds fails with one line saying so before
    it reads its input (a broken file is not even looked at); later it succeeds."""
    store = tmp_path / "store"
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not Turtle", encoding="utf-8")
    with _held(store):
        busy = _provenance("push", str(broken), "--store", str(store))
    result = _provenance("push", str(erbil_ttl), "--store", str(store))
    assert (busy.returncode, busy.stderr.splitlines(), result.returncode) == (
        2,
        [f"provenance: error: {store}: cannot open the store: in use by another process"],
        0,
    ), result.stderr


def test_a_push_that_fails_on_its_input_leaves_no_store_behind(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, erbil_ttl: Path
) -> None:
    """A push whose input is broken makes no store where there was none, and leaves a
    store that was there as it was."""
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not Turtle", encoding="utf-8")
    new, old = tmp_path / "new", tmp_path / "old"
    assert main(["push", str(erbil_ttl), "--store", str(old)]) == 0
    codes = [main(["push", str(broken), "--store", str(folder)]) for folder in (new, old)]
    errors = capsys.readouterr().err.splitlines()
    with EmbeddedStore(old, create=False) as store:
        pulled = store.pull()
    assert (codes, new.exists(), pulled) == ([2, 2], False, erbil.build())
    assert all(line.startswith(f"provenance: error: {broken}") for line in errors), errors
