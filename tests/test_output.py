"""Atomic writes under faults: full disks, interrupts, killed writers and their leftovers.

Every fault here is real: a tmpfs that is full, a file-size limit the kernel enforces,
signals sent to real writer processes, a lock held by a real process.
"""

from __future__ import annotations

import errno
import os
import pickle
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import provenance as pv
from _faults import dead_pid, posix_only, python, small_disk, temps
from provenance.rdf import _output
from provenance.rdf._output import atomic_write

FARS = pv.Outlet(name="Fars", kind="news agency")


def _claims(count: int, word: str = "Proposition") -> pv.ClaimSet:
    return pv.ClaimSet(
        pv.Claim(
            proposition=pv.Proposition(f"{word} {number}."),
            claimant=pv.Agent(name="Said Khatibzadeh"),
            source=pv.Source(outlet=FARS),
            stance="denial",
        )
        for number in range(count)
    )


# A writer that streams claims into a file and waits, in the middle, until told to go on:
# a write that is certainly under way for as long as the test needs it to be.
_WRITER = textwrap.dedent(
    """
    import sys
    import provenance as pv

    def claims():
        for number in range(400):
            if number == 200:
                print("writing", flush=True)
                sys.stdin.readline()
            yield pv.Claim(
                proposition=pv.Proposition(f"Streamed {number}."),
                claimant=pv.Agent(name="Said Khatibzadeh"),
                source=pv.Source(outlet=pv.Outlet(name="Fars", kind="news agency")),
                stance="denial",
            )

    pv.stream_turtle(claims(), sys.argv[1])
    """
)


class _Writer:
    """A real process in the middle of writing ``target``, until :meth:`go_on` or a signal."""

    def __init__(self, target: Path) -> None:
        self.process = subprocess.Popen(
            python(_WRITER, str(target)),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline() == "writing\n"

    def go_on(self) -> int:
        """Let the writer finish; its exit status."""
        self.process.communicate("\n", timeout=120)
        return self.process.returncode

    def kill(self, signum: int) -> int:
        """End the writer with ``signum`` and reap it; its exit status."""
        self.process.send_signal(signum)
        self.process.communicate(timeout=120)
        return self.process.returncode


@pytest.fixture
def writers() -> Iterator[list[_Writer]]:
    """Writers started by a test, killed at its end if they still run."""
    started: list[_Writer] = []
    yield started
    for writer in started:
        if writer.process.poll() is None:
            writer.kill(signal.SIGKILL)


# ------------------------------------------------------------------ exceptions


@pytest.mark.parametrize("stop", [KeyboardInterrupt, SystemExit, RuntimeError])
def test_an_exception_mid_write_leaves_the_previous_file_and_no_temporary_file(
    tmp_path: Path, stop: type[BaseException]
) -> None:
    """Ctrl-C, exit or a failure while the data is produced: old file kept, no temp, raised."""
    target = tmp_path / "claims.ttl"
    target.write_bytes(b"previous")

    def pieces() -> Iterator[str]:
        yield "@prefix ex: <https://example.org/> .\n" * 10_000
        raise stop()

    with pytest.raises(stop):
        _output.write_chunks(target, pieces())

    assert (os.listdir(tmp_path), target.read_bytes()) == (["claims.ttl"], b"previous")


def test_ctrl_c_the_instant_the_temporary_file_is_made_leaves_nothing(tmp_path: Path) -> None:
    """Ctrl-C landing as the system creates the temporary file, before Python holds it, too."""
    target = tmp_path / "claims.ttl"
    target.write_bytes(b"previous")

    def interrupt(frame: object, event: str, arg: object) -> None:
        if event == "c_return" and arg is os.open:  # the file exists; nothing refers to it
            raise KeyboardInterrupt

    sys.setprofile(interrupt)
    try:
        with pytest.raises(KeyboardInterrupt):
            pv.write_turtle(_claims(1), target)
    finally:
        sys.setprofile(None)

    assert (os.listdir(tmp_path), target.read_bytes()) == (["claims.ttl"], b"previous")


def test_an_error_of_the_producing_code_is_not_taken_for_a_write_error(tmp_path: Path) -> None:
    """An OSError raised by the code producing the data passes through as it was raised."""
    missing = tmp_path / "cursor.db"

    def pieces() -> Iterator[str]:
        yield "one\n"
        missing.read_text()  # the caller's own failure, not the output file's
        yield "two\n"

    with pytest.raises(FileNotFoundError) as raised:
        _output.write_chunks(tmp_path / "claims.ttl", pieces())

    assert (type(raised.value), raised.value.filename, os.listdir(tmp_path)) == (
        FileNotFoundError,  # not a WriteError: nothing went wrong with the output
        str(missing),
        [],
    )


def test_missing_folder_names_the_target_and_stays_a_file_not_found_error(tmp_path: Path) -> None:
    """A folder that is not there: a WriteError that is also FileNotFoundError, naming the file."""
    target = tmp_path / "missing" / "claims.ttl"

    with pytest.raises(pv.WriteError) as raised:
        pv.write_turtle(_claims(1), target)

    error = raised.value
    assert (
        isinstance(error, FileNotFoundError),
        isinstance(error, pv.ProvenanceError),
        error.errno,
        error.filename,
        error.step,
        str(error),
        os.listdir(tmp_path),
    ) == (
        True,
        True,
        errno.ENOENT,
        str(target),
        "create",
        f"cannot write {target}: no such file or directory (creating a temporary file beside it)",
        [],
    )


def test_a_folder_in_the_way_names_the_target_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    """A target that is a folder: refused when the file would take its place, and cleaned up."""
    target = tmp_path / "claims.ttl"
    target.mkdir()

    with pytest.raises(pv.WriteError) as raised:
        pv.write_turtle(_claims(1), target)

    assert (
        isinstance(raised.value, IsADirectoryError),
        raised.value.step,
        str(raised.value),
        os.listdir(tmp_path),
    ) == (
        True,
        "replace",
        f"cannot write {target}: is a directory (putting the finished file in its place)",
        ["claims.ttl"],
    )


def test_write_error_survives_pickling() -> None:
    """A WriteError sent between processes (multiprocessing pickles it) arrives whole."""
    error = pv.WriteError.from_os_error(
        "build/claims.ttl", "create", PermissionError(errno.EACCES, "Permission denied")
    )

    back = pickle.loads(pickle.dumps(error))

    assert (type(back), str(back), back.errno, back.filename, back.step) == (
        type(error),
        "cannot write build/claims.ttl: permission denied (creating a temporary file beside it)",
        errno.EACCES,
        "build/claims.ttl",
        "create",
    )


# ------------------------------------------------------------------ real refusals

_LIMITED = textwrap.dedent(
    """
    import sys
    import provenance as pv

    claims = pv.ClaimSet(
        pv.Claim(
            proposition=pv.Proposition(f"Proposition {number}."),
            claimant=pv.Agent(name="Said Khatibzadeh"),
            source=pv.Source(outlet=pv.Outlet(name="Fars")),
            stance="denial",
        )
        for number in range(2000)
    )
    try:
        pv.write(claims, sys.argv[1], format=sys.argv[2])
    except pv.WriteError as error:
        cause = error.__cause__
        print(type(cause).__name__, cause.errno, isinstance(error, OSError), error.errno)
        print(error)
    """
)


@posix_only
@pytest.mark.parametrize("fmt", [f.value for f in pv.Format])
def test_a_file_size_limit_gives_a_write_error_naming_the_target(tmp_path: Path, fmt: str) -> None:
    """The kernel refusing to grow a file (EFBIG) gives a WriteError that names the target."""
    target = tmp_path / f"claims{pv.Format(fmt).suffix}"
    target.write_bytes(b"previous")

    result = subprocess.run(
        python(_LIMITED, str(target), fmt, file_size_limit=16_384),
        capture_output=True,
        text=True,
        check=True,
    )

    assert (result.stdout.splitlines(), os.listdir(tmp_path), target.read_bytes()) == (
        [f"OSError {errno.EFBIG} True {errno.EFBIG}", f"cannot write {target}: file too large"],
        [target.name],
        b"previous",
    )


def test_a_full_disk_gives_a_write_error_naming_the_target(tmp_path: Path) -> None:
    """On a real full disk (a 64 KiB tmpfs) the error names the file; the old one is kept."""
    with small_disk(tmp_path / "disk") as disk:
        target = disk / "spotlight.ttl"
        target.write_bytes(b"previous")

        with pytest.raises(pv.WriteError) as raised:
            pv.write_turtle(_claims(2000), target)

        assert (
            raised.value.errno,
            str(raised.value),
            type(raised.value.__cause__),
            os.listdir(disk),
            target.read_bytes(),
        ) == (
            errno.ENOSPC,
            f"cannot write {target}: no space left on device",
            OSError,
            ["spotlight.ttl"],
            b"previous",
        )


def test_an_interrupt_on_a_full_disk_stays_an_interrupt(tmp_path: Path) -> None:
    """Ctrl-C with unwritten data on a full disk is still Ctrl-C, not a second disk error."""
    with small_disk(tmp_path / "disk", size="16k") as disk:
        target = disk / "claims.ttl"
        target.write_bytes(b"previous")

        def interrupted() -> None:
            with atomic_write(target) as handle:
                handle.write(b"x" * 40_000)  # held in the buffer: more than the disk can take
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            interrupted()

        assert (os.listdir(disk), target.read_bytes()) == (["claims.ttl"], b"previous")


# ------------------------------------------------------------------ killed writers


@posix_only
@pytest.mark.parametrize("name", ["claims.ttl", "گزارش فارس.ttl", "c" * 250 + ".ttl"])
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_writers_temporary_file_is_removed_by_the_next_write(
    tmp_path: Path, writers: list[_Writer], name: str, signum: int
) -> None:
    """A writer killed mid-write leaves its temporary file; the next write removes it."""
    target = tmp_path / name
    target.write_bytes(b"previous")
    writers.append(_Writer(target))
    left = temps(tmp_path)
    status = writers[0].kill(signum)
    after_kill = (temps(tmp_path), target.read_bytes())
    claims = _claims(3)

    pv.write_turtle(claims, target)

    assert (status, after_kill, os.listdir(tmp_path), target.read_text(encoding="utf-8")) == (
        -signum,
        (left, b"previous"),
        [name],
        pv.serialize_turtle(claims),
    )


@posix_only
def test_an_interrupted_writer_removes_its_own_temporary_file(
    tmp_path: Path, writers: list[_Writer]
) -> None:
    """A program using the library, stopped by Ctrl-C mid-write, leaves nothing behind."""
    target = tmp_path / "claims.ttl"
    target.write_bytes(b"previous")
    writers.append(_Writer(target))

    writers[0].process.send_signal(signal.SIGINT)
    writers[0].process.communicate(timeout=120)

    assert (writers[0].process.returncode, os.listdir(tmp_path), target.read_bytes()) == (
        -signal.SIGINT,  # Python's own way out of an uncaught KeyboardInterrupt
        ["claims.ttl"],
        b"previous",
    )


@posix_only
def test_a_live_writers_temporary_file_is_left_alone(
    tmp_path: Path, writers: list[_Writer]
) -> None:
    """A write to the same target never touches the temporary file of a writer still at work."""
    target = tmp_path / "claims.ttl"
    writers.append(_Writer(target))
    (working,) = temps(tmp_path)
    claims = _claims(3)

    pv.write_turtle(claims, target)
    meanwhile = (sorted(os.listdir(tmp_path)), target.read_text(encoding="utf-8"))
    status = writers[0].go_on()

    assert (
        working.startswith(f".claims.ttl.{_output._host()}.{writers[0].process.pid}."),
        meanwhile,
        status,
        os.listdir(tmp_path),
        pv.read_turtle(target) == _claims_streamed(),
    ) == (
        True,
        (sorted(["claims.ttl", working]), pv.serialize_turtle(claims)),
        0,
        ["claims.ttl"],
        True,
    )


def _claims_streamed() -> pv.ClaimSet:
    return pv.ClaimSet(
        pv.Claim(
            proposition=pv.Proposition(f"Streamed {number}."),
            claimant=pv.Agent(name="Said Khatibzadeh"),
            source=pv.Source(outlet=FARS),
            stance="denial",
        )
        for number in range(400)
    )


_HOLD_LOCK = textwrap.dedent(
    """
    import fcntl, os, sys
    fd = os.open(sys.argv[1], os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    print("locked", flush=True)
    sys.stdin.readline()
    """
)


@posix_only
def test_only_this_targets_stale_files_of_this_host_are_removed(tmp_path: Path) -> None:
    """Of files named like temporary files, only this target's, of this host, dead, unlocked go.

    Kept: another host's (its processes cannot be seen from here), a live process's,
    another target's, names that differ from the pattern in any way, a folder and a
    symbolic link, and a file whose writer's pid looks dead but who still holds its lock
    (a writer in another pid namespace of the same host).
    """
    host, dead, alive = _output._host(), dead_pid(), os.getpid()
    stale = f".claims.ttl.{host}.{dead}.0123abcd.provenance-tmp"
    kept = [
        f".claims.ttl.other-host.{dead}.0123abcd.provenance-tmp",
        f".claims.ttl.{host}.{alive}.0123abcd.provenance-tmp",
        f".claims.ttl.x.{host}.{dead}.0123abcd.provenance-tmp",
        f".claims.ttl.old.{host}.{dead}.0123abcd.provenance-tmp",
        f".claims.ttl.{host}.{dead}.0123ABCD.provenance-tmp",
        f".claims.ttl.{host}.{dead}.0123abc.provenance-tmp",
        f".claims.ttl.{host}.{dead}.0123abcd.provenance-tmp.keep",
        f".claims.ttl.{host}.0{dead}.0123abcd.provenance-tmp",
        f"claims.ttl.{host}.{dead}.0123abcd.provenance-tmp",
        f".claims.ttl.{host}.{dead}.0123abcd.tmp",
        ".claims.ttl.k2j4h1.tmp",
        "notes.txt",
    ]
    for name in [stale, *kept]:
        (tmp_path / name).write_bytes(b"partial")
    folder = f".claims.ttl.{host}.{dead}.1111aaaa.provenance-tmp"
    link = f".claims.ttl.{host}.{dead}.2222bbbb.provenance-tmp"
    locked = f".claims.ttl.{host}.{dead}.3333cccc.provenance-tmp"
    (tmp_path / folder).mkdir()
    (tmp_path / link).symlink_to(tmp_path / "notes.txt")
    (tmp_path / locked).write_bytes(b"partial")
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(tmp_path / locked)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "locked\n"

        pv.write_turtle(_claims(1), tmp_path / "claims.ttl")
    finally:
        holder.communicate("\n", timeout=120)

    assert sorted(os.listdir(tmp_path)) == sorted([*kept, folder, link, locked, "claims.ttl"])
    assert (tmp_path / "notes.txt").read_bytes() == b"partial"


def test_temporary_file_is_named_for_its_target_host_and_process(tmp_path: Path) -> None:
    """While a write is under way its temporary file is ``.NAME.HOST.PID.RANDOM.provenance-tmp``."""
    target = tmp_path / "claims.ttl"

    with atomic_write(target) as handle:
        handle.write(b"data")
        (name,) = os.listdir(tmp_path)

    prefix = f".claims.ttl.{_output._host()}.{os.getpid()}."
    random = name.removeprefix(prefix).removesuffix(".provenance-tmp")
    assert (name.startswith(prefix), len(random), set(random) <= set("0123456789abcdef")) == (
        True,
        8,
        True,
    )
    assert os.listdir(tmp_path) == ["claims.ttl"]


def test_a_long_target_name_is_written(tmp_path: Path) -> None:
    """A target whose name is near the longest a file name may be is written all the same."""
    target = tmp_path / ("c" * 251 + ".ttl")
    claims = _claims(2)

    pv.write_turtle(claims, target)

    assert (os.listdir(tmp_path), pv.read_turtle(target)) == ([target.name], claims)
