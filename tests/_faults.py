"""Helpers for the tests of faults: real processes, real signals, real full disks.

A write is caught in the middle by watching its folder for the temporary file, then
stopping the writer (SIGSTOP) before anything is sent to it, so that what the test sees
is the middle of a write however fast or slow the machine is.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from _support import ROOT

TEMP_SUFFIX = ".provenance-tmp"
PATIENCE = 120.0  # seconds before a wait gives up: the machine may be busy


def temps(folder: Path) -> list[str]:
    """The names of the temporary files of writes in ``folder``."""
    return sorted(name for name in os.listdir(folder) if name.endswith(TEMP_SUFFIX))


def python(
    code: str, *args: str, file_size_limit: int | None = None, ignore: tuple[str, ...] = ()
) -> list[str]:
    """The command that runs ``code`` with ``args`` in a new Python, signals as in a shell.

    A test runner started in the background (``pytest &``) ignores SIGINT, and its
    children would inherit that: the child first sets the signals as a foreground command
    gets them (Python's own Ctrl-C handler, the others at their default), then ignores
    those named in ``ignore`` (as ``nohup`` does). With ``file_size_limit`` it may not
    grow a file past that many bytes: the kernel refuses with ``EFBIG`` ("File too
    large"), a refusal as real as a full disk (Python ignores SIGXFSZ, so the call fails
    rather than the process being killed). Done in the child's own code rather than
    with ``preexec_fn``, which is unsafe where the test runner has threads.
    """
    prelude = [
        "import signal as _signal",
        "_signal.signal(_signal.SIGINT, _signal.default_int_handler)",
        *(
            f"_signal.signal(_signal.{name}, _signal.SIG_DFL)"
            for name in ("SIGTERM", "SIGHUP")
            if hasattr(signal, name)
        ),
        *(f"_signal.signal(_signal.{name}, _signal.SIG_IGN)" for name in ignore),
    ]
    if file_size_limit is not None:
        prelude += [
            "import resource as _resource",
            f"_resource.setrlimit(_resource.RLIMIT_FSIZE, ({file_size_limit}, {file_size_limit}))",
        ]
    return [sys.executable, "-c", "\n".join([*prelude, code]), *args]


_CLI = (
    "import runpy, sys; sys.argv[0] = 'provenance'; "
    "runpy.run_module('provenance', run_name='__main__', alter_sys=True)"
)


def cli(
    *args: str,
    stdout: int | None = subprocess.PIPE,
    file_size_limit: int | None = None,
    ignore: tuple[str, ...] = (),
) -> subprocess.Popen[str]:
    """``python -m provenance ARGS`` (the console entry point) as a running process."""
    return subprocess.Popen(
        python(_CLI, *args, file_size_limit=file_size_limit, ignore=ignore),
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[str], what: str) -> None:
    """Wait until ``condition()`` holds while ``process`` runs; fail if it ends first."""
    deadline = time.monotonic() + PATIENCE
    while not condition():
        if process.poll() is not None:
            _, err = process.communicate()
            pytest.fail(f"the process ended (status {process.returncode}) before {what}: {err}")
        if time.monotonic() > deadline:
            process.kill()
            process.communicate()
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.001)


def stop_mid_write(process: subprocess.Popen[str], folder: Path) -> str:
    """Stop ``process`` (SIGSTOP) while its temporary file in ``folder`` exists; its name."""
    wait_for(lambda: bool(temps(folder)), process, "the write began")
    os.kill(process.pid, signal.SIGSTOP)
    found = temps(folder)
    if not found:  # pragma: no cover - the whole write fell between two looks
        os.kill(process.pid, signal.SIGCONT)
        pytest.fail("the write ended before the writer could be stopped in it")
    return found[0]


def send_and_resume(process: subprocess.Popen[str], signum: int) -> None:
    """Send ``signum`` to a stopped process and let it run on to receive it."""
    os.kill(process.pid, signum)
    os.kill(process.pid, signal.SIGCONT)


def open_files(pid: int) -> list[str]:
    """What the files process ``pid`` has open are (Linux's ``/proc``)."""
    found = []
    with contextlib.suppress(OSError):
        for fd in os.listdir(f"/proc/{pid}/fd"):
            with contextlib.suppress(OSError):
                found.append(os.readlink(f"/proc/{pid}/fd/{fd}"))
    return found


needs_proc = pytest.mark.skipif(
    not Path("/proc/self/fd").is_dir(), reason="watching a process's open files needs /proc"
)
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX signals and file locks")


def dead_pid() -> int:
    """The number of a process of this host that has ended (and been reaped)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def synthetic_ntriples(path: Path, claims: int) -> Path:
    """Write the benchmarks' synthetic collection of ``claims`` claims to ``path``."""
    import importlib.util

    import provenance as pv

    spec = importlib.util.spec_from_file_location(
        "benchmarks_synthetic", ROOT / "benchmarks" / "synthetic.py"
    )
    assert spec is not None
    assert spec.loader is not None
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    pv.write_ntriples(synthetic.build(claims), path)
    return path


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "64k") -> Iterator[Path]:
    """A real file system of ``size`` mounted on ``folder`` (tmpfs: needs root on Linux)."""
    if not sys.platform.startswith("linux") or shutil.which("mount") is None:
        pytest.skip("a small tmpfs is a Linux file system, mounted with `mount`")
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip() or 'not root'}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def run_to_end(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    """Wait for ``process``; its exit status, standard output and standard error."""
    out, err = process.communicate(timeout=PATIENCE)
    return process.returncode, out or "", err
