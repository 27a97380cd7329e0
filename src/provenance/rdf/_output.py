"""What every writer shares: files written atomically as their text is produced.

A writer produces its document as a sequence of text pieces; :func:`write_chunks` puts
them into a temporary file beside the target that replaces the target only once it is
complete, so a failed or interrupted write leaves the previous file as it was, and
memory holds one piece at a time, however large the collection.

The temporary file is named ``.{target}.{host}.{pid}.{random}.provenance-tmp``. An
exception (a full disk, Ctrl-C's ``KeyboardInterrupt``, ``SystemExit``) removes it; a
process killed outright (SIGKILL, a power cut) cannot, so the next write to the same
target removes the ones left behind: those of this host whose process is gone and
whose lock (held by a writer as long as it lives) is free. Files of a live process,
of another host (a shared folder: its processes cannot be seen from here) and any
name not of exactly that pattern for that target are never touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import secrets
import socket
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final

from ..errors import WriteError

if sys.platform != "win32":
    import fcntl

__all__ = ["OutputFile", "StrPath", "atomic_write", "write_chunks"]

StrPath = str | os.PathLike[str]


def write_chunks(path: StrPath, chunks: Iterable[str]) -> None:
    """Write text to ``path`` in UTF-8 as it is produced, through :func:`atomic_write`."""
    with atomic_write(path) as handle:
        for chunk in chunks:
            handle.write(chunk.encode("utf-8"))


class OutputFile:
    """The file :func:`atomic_write` gives: bytes written to it reach the temporary file.

    A failure of the system (a full disk, a file-size limit) becomes a
    :class:`~provenance.errors.WriteError` naming the target, not the temporary file,
    while an error of the code producing the data passes through as it is.
    """

    __slots__ = ("_file", "_target")

    def __init__(self, file: io.BufferedWriter[io.FileIO], target: str) -> None:
        self._file = file
        self._target = target

    def write(self, data: bytes) -> int:
        """Write ``data``; return the number of bytes written (all of them)."""
        try:
            return self._file.write(data)
        except OSError as error:
            raise WriteError.from_os_error(self._target, "write", error) from error


@contextlib.contextmanager
def atomic_write(path: StrPath) -> Iterator[OutputFile]:
    """A binary file that becomes ``path`` when the block ends without an exception.

    The data is written to a temporary file beside ``path``, flushed to disk, then
    renamed over ``path`` (atomic on POSIX and Windows). On any exception, including
    ``KeyboardInterrupt`` and ``SystemExit``, the temporary file is removed and ``path``
    is untouched. An existing file keeps its permissions; a new one gets those of any
    new file (``0o666`` less the umask). Temporary files that a killed writer left for
    the same target are removed first (see the module's description). A failure of the
    system raises :class:`~provenance.errors.WriteError`, which names ``path``.
    """
    name = os.fspath(path)
    target = Path(path)
    folder = target.parent
    stem = _stem(target.name)
    _remove_stale(folder, stem)
    try:
        mode = os.stat(target).st_mode & 0o777
    except OSError:
        mode = 0o666  # the kernel takes the umask off, as for any new file
    raw: io.FileIO | None = None
    temp = ""  # set while a file of ours may be at that path: to be removed on failure
    try:
        for _ in range(100):
            temp = _temp_path(folder, stem)
            try:
                raw = _open_new(temp, mode)
                break
            except FileExistsError:  # the same random name again: draw another
                temp = ""
            except OSError as error:
                temp = ""
                raise WriteError.from_os_error(name, "create", error) from error
        else:  # pragma: no cover - a hundred random names all taken
            raise WriteError.from_os_error(
                name, "create", FileExistsError("no unused temporary file name")
            )
        _lock(raw.fileno())
        file = io.BufferedWriter(raw, _BUFFER)
        yield OutputFile(file, name)
        try:
            file.flush()
            os.fsync(raw.fileno())
            file.close()
        except OSError as error:
            raise WriteError.from_os_error(name, "write", error) from error
        with contextlib.suppress(OSError):  # the target's mode as it is now, if it exists
            os.chmod(temp, os.stat(target).st_mode & 0o7777)
        try:
            os.replace(temp, target)
        except OSError as error:
            raise WriteError.from_os_error(name, "replace", error) from error
    except BaseException:
        # close without flushing what is buffered: it is thrown away, and a flush could
        # fail again (a full disk) and hide the exception that brought us here
        if raw is not None:
            with contextlib.suppress(OSError):
                raw.close()
        if temp:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        raise
    _sync_folder(folder)


# ------------------------------------------------------------------ temporary files

_SUFFIX: Final = ".provenance-tmp"
_BUFFER: Final = 1 << 16
_NAME_MAX: Final = 255  # bytes in a file name on every file system we expect
_HOST_MAX: Final = 64
_RANDOM: Final = 8  # hex digits
_SAFE_HOST = re.compile(r"[^A-Za-z0-9-]")


def _host() -> str:
    """This machine's name with every character but letters, digits and ``-`` escaped.

    No dot is left in it, so each part of a temporary file's name is told apart exactly.
    """
    escaped = _SAFE_HOST.sub(
        lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8", "surrogateescape")),
        socket.gethostname(),
    )
    return escaped[:_HOST_MAX] or "%00"


def _stem(name: str) -> str:
    """The part of the temporary file's name that stands for the target's name.

    The name itself, unless the whole temporary name would be longer than a file name
    may be; then its start and a digest of all of it, the same for the same name.
    """
    room = _NAME_MAX - len(f"...{_HOST_MAX * 'h'}.{2**22}.{_RANDOM * 'r'}{_SUFFIX}")
    encoded = name.encode("utf-8", "surrogateescape")
    if len(encoded) <= room:
        return name
    digest = hashlib.blake2b(encoded, digest_size=4).hexdigest()
    start = encoded[: room - len(digest) - 1].decode("utf-8", "ignore")
    return f"{start}~{digest}"


def _pattern(stem: str) -> re.Pattern[str]:
    """Exactly the temporary files of the target whose stem is ``stem``, any host, any pid."""
    return re.compile(
        re.escape(f".{stem}.")
        + rf"(?P<host>[A-Za-z0-9%-]+)\.(?P<pid>[1-9][0-9]*)\.[0-9a-f]{{{_RANDOM}}}"
        + re.escape(_SUFFIX)
    )


def _temp_path(folder: Path, stem: str) -> str:
    """A path for a new temporary file: this host's and process's, with a random part."""
    random = secrets.token_hex(_RANDOM // 2)
    return os.path.join(folder, f".{stem}.{_host()}.{os.getpid()}.{random}{_SUFFIX}")


def _open_new(path: str, mode: int) -> io.FileIO:
    """Create ``path``, which must not exist, with ``mode`` (less the umask), for writing.

    The file object owns the descriptor from the moment it exists. (A Ctrl-C landing
    between the system's ``open`` and that moment loses the descriptor, not the file:
    :func:`atomic_write` still removes the file by its name, which is ours alone.)
    """

    def opener(name: str, flags: int) -> int:
        return os.open(name, flags | getattr(os, "O_CLOEXEC", 0), mode)

    return io.FileIO(path, "xb", opener=opener)


def _lock(fd: int) -> None:
    """Hold a lock on our temporary file while we live, so no later write takes it as stale."""
    if sys.platform != "win32":
        with contextlib.suppress(OSError):  # a file system without locks: the pid must do
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _remove_stale(folder: Path, stem: str) -> None:
    """Remove the temporary files a killed writer on this host left for this target.

    Best effort: whatever cannot be listed, opened or removed is left, and the write
    goes on. Windows is left out: a process there cannot be asked whether it is alive
    without a handle to it.
    """
    if sys.platform == "win32":
        return
    pattern, host, own = _pattern(stem), _host(), os.getpid()
    try:
        with os.scandir(folder) as entries:
            found = [
                (entry.path, int(match["pid"]))
                for entry in entries
                if (match := pattern.fullmatch(entry.name)) is not None
                and match["host"] == host
                and entry.is_file(follow_symlinks=False)
            ]
    except OSError:
        return
    for path, pid in found:
        if pid != own and not _alive(pid):
            _remove_unlocked(path)


def _alive(pid: int) -> bool:
    """Whether a process ``pid`` exists on this host (one of another user counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists, and is someone else's
        return True
    return True


def _remove_unlocked(path: str) -> None:
    """Remove ``path`` unless a process holds its lock (a writer whose pid we cannot see)."""
    if sys.platform == "win32":  # pragma: no cover - never called there
        return
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # a live writer holds it
        except OSError:
            pass  # no locks on this file system: the pid has spoken
        with contextlib.suppress(OSError):
            os.unlink(path)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry for the renamed file to disk, where the system allows it."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
