"""The command line under faults: Ctrl-C, SIGTERM, SIGKILL, full disks, a full standard output.

Each test runs the real console entry point (``python -m provenance``) in a process of
its own and does to it what a user or the system would: a signal in the middle of a
read, a write or a push; a disk or a file-size limit that refuses the data.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import provenance as pv
from _faults import (
    cli,
    needs_proc,
    open_files,
    posix_only,
    run_to_end,
    send_and_resume,
    small_disk,
    stop_mid_write,
    synthetic_ntriples,
    temps,
    wait_for,
)
from _support import ROOT

SPOTLIGHT = ROOT / "examples" / "spotlight_on_iran_2021_02.yaml"

pytestmark = posix_only


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ten thousand synthetic claims as N-Triples: seconds of reading and writing."""
    return synthetic_ntriples(tmp_path_factory.mktemp("big") / "claims.nt", 10_000)


def _previous(folder: Path, name: str) -> Path:
    target = folder / name
    target.write_bytes(b"previous output\n")
    return target


@pytest.mark.parametrize(
    ("signum", "line"),
    [
        (signal.SIGINT, "provenance: interrupted"),
        (signal.SIGTERM, "provenance: terminated (SIGTERM)"),
        (signal.SIGHUP, "provenance: terminated (SIGHUP)"),
    ],
)
def test_a_signal_mid_export_is_one_line_and_leaves_the_previous_file(
    tmp_path: Path, big: Path, signum: int, line: str
) -> None:
    """Ctrl-C, SIGTERM or SIGHUP mid-write: one line, 128 + signal, old file, no temp file."""
    target = _previous(tmp_path, "out.jsonld")
    process = cli("export", str(big), "-o", str(target))
    stop_mid_write(process, tmp_path)

    send_and_resume(process, signum)

    assert (run_to_end(process), target.read_bytes(), temps(tmp_path)) == (
        (128 + signum, "", line + "\n"),
        b"previous output\n",
        [],
    )


@needs_proc
def test_ctrl_c_mid_read_is_one_line_and_exit_130(tmp_path: Path, big: Path) -> None:
    """Ctrl-C while the input is being read: one line, exit 130, nothing written."""
    target = _previous(tmp_path, "out.ttl")
    process = cli("export", str(big), "-o", str(target))
    wait_for(lambda: str(big) in open_files(process.pid), process, "the input was opened")

    process.send_signal(signal.SIGINT)

    assert (run_to_end(process), target.read_bytes(), os.listdir(tmp_path)) == (
        (130, "", "provenance: interrupted\n"),
        b"previous output\n",
        ["out.ttl"],
    )


@needs_proc
def test_ctrl_c_mid_push_is_one_line_and_leaves_the_store_usable(tmp_path: Path, big: Path) -> None:
    """Ctrl-C while claims go into an embedded store: one line, exit 130, the store reads back."""
    store = tmp_path / "store"
    process = cli("push", str(big), "--store", str(store))
    wait_for(
        lambda: any(name.startswith(f"{store}{os.sep}") for name in open_files(process.pid)),
        process,
        "the store was opened",
    )

    process.send_signal(signal.SIGINT)
    result = run_to_end(process)
    after = run_to_end(cli("pull", "--store", str(store), "-o", str(tmp_path / "pulled.nt")))

    assert (result, after[0]) == ((130, "", "provenance: interrupted\n"), 0)


def test_sigkill_mid_export_leaves_a_temporary_file_the_next_export_removes(
    tmp_path: Path, big: Path
) -> None:
    """SIGKILL cannot be caught: its temporary file stays until the next export removes it."""
    target = _previous(tmp_path, "spotlight.ttl")
    process = cli("export", str(big), "-o", str(target))
    left = stop_mid_write(process, tmp_path)
    send_and_resume(process, signal.SIGKILL)
    killed = (run_to_end(process)[0], temps(tmp_path), target.read_bytes())

    again = run_to_end(cli("export", str(SPOTLIGHT), "-o", str(target)))

    assert (killed, again[0], os.listdir(tmp_path), pv.read_turtle(target)) == (
        (-signal.SIGKILL, [left], b"previous output\n"),
        0,
        ["spotlight.ttl"],
        pv.read_claim_file(SPOTLIGHT),
    )


def test_an_ignored_sigterm_stays_ignored(tmp_path: Path, big: Path) -> None:
    """Under ``nohup``-like ignoring of SIGTERM the export carries on and completes."""
    target = _previous(tmp_path, "out.nt")
    process = cli("export", str(big), "-o", str(target), ignore=("SIGTERM",))
    stop_mid_write(process, tmp_path)

    send_and_resume(process, signal.SIGTERM)

    assert (run_to_end(process)[0], temps(tmp_path), target.read_bytes() == big.read_bytes()) == (
        0,
        [],
        True,
    )


def test_a_full_disk_is_one_line_naming_the_file_and_exit_2(tmp_path: Path) -> None:
    """A real full disk (a 64 KiB tmpfs): one line that names the file, exit 2, old file kept."""
    with small_disk(tmp_path / "disk") as disk:
        target = _previous(disk, "spotlight.ttl")

        result = run_to_end(cli("export", str(SPOTLIGHT), "-o", str(target)))

        assert (result, os.listdir(disk), target.read_bytes()) == (
            (2, "", f"provenance: error: cannot write {target}: no space left on device\n"),
            ["spotlight.ttl"],
            b"previous output\n",
        )


@pytest.mark.parametrize(
    ("command", "suffix"),
    [("export", ".ttl"), ("export", ".jsonld"), ("convert", ".yaml"), ("convert", ".csv")],
)
def test_a_file_size_limit_is_one_line_naming_the_file_and_exit_2(
    tmp_path: Path, command: str, suffix: str
) -> None:
    """The kernel refusing to grow the file (EFBIG): one line naming it, exit 2, old file kept."""
    target = _previous(tmp_path, f"spotlight{suffix}")
    args = [str(SPOTLIGHT), "-o", str(target)] if command == "export" else [str(SPOTLIGHT)]
    if command == "convert":
        args += [str(target), "--lossy"]

    result = run_to_end(cli(command, *args, file_size_limit=4096))

    assert (result, os.listdir(tmp_path), target.read_bytes()) == (
        (2, "", f"provenance: error: cannot write {target}: file too large\n"),
        [target.name],
        b"previous output\n",
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_standard_output_is_one_line_and_exit_2() -> None:
    """Standard output on a full device: one line saying so, exit 2, nothing else said."""
    with open("/dev/full", "w") as full:
        result = run_to_end(cli("export", str(SPOTLIGHT), stdout=full.fileno()))

    assert result == (
        2,
        "",
        "provenance: error: cannot write to standard output: no space left on device\n",
    )


def test_the_library_and_main_install_no_signal_handlers() -> None:
    """Importing the package, its CLI module, or calling ``main`` leaves every handler as it was."""
    code = textwrap.dedent(
        """
        import signal, sys
        names = ("SIGINT", "SIGTERM", "SIGHUP")
        def handlers():
            return [signal.getsignal(getattr(signal, n)) for n in names]
        before = handlers()
        import provenance, provenance.cli, provenance.files, provenance.store
        imported = handlers()
        provenance.cli.main(["stats", sys.argv[1]])
        print(before == imported == handlers())
        """
    )

    result = subprocess.run(
        [sys.executable, "-c", code, str(SPOTLIGHT)], capture_output=True, text=True, check=True
    )

    assert result.stdout.splitlines()[-1] == "True"
