"""What every writer shares: atomic files written as text is produced, and string escapes.

A writer produces its document as a sequence of text pieces; :func:`write_chunks` puts
them into a temporary file beside the target that replaces the target only once it is
complete, so a failed or interrupted write leaves the previous file as it was, and
memory holds one piece at a time, however large the collection.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

__all__ = ["CHUNK", "StrPath", "atomic_write", "quoted", "write_chunks"]

StrPath = str | os.PathLike[str]

CHUNK = 2048
"""Triples per piece of output: large enough to be fast, small enough to keep memory flat."""

_NEEDS_ESCAPE = re.compile('[\x00-\x1f"\\\\\x7f\ufffe\uffff]')
_ESCAPES = {
    **{code: f"\\u{code:04X}" for code in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF)},
    0x08: "\\b",
    0x09: "\\t",
    0x0A: "\\n",
    0x0C: "\\f",
    0x0D: "\\r",
    0x22: '\\"',
    0x5C: "\\\\",
}


def quoted(lexical: str) -> str:
    """A string in double quotes, escaped as canonical N-Triples escapes it.

    ``\\"``, ``\\\\``, ``\\b``, ``\\t``, ``\\n``, ``\\f`` and ``\\r``; ``\\uXXXX`` for the
    other control characters, U+007F, U+FFFE and U+FFFF; every other character as itself.
    The same string is valid Turtle, TriG and N-Quads.

    >>> print(quoted('say "hi"\\tthen\\x7f'))
    "say \\"hi\\"\\tthen\\u007F"
    """
    if _NEEDS_ESCAPE.search(lexical) is not None:
        lexical = lexical.translate(_ESCAPES)
    return f'"{lexical}"'


def write_chunks(path: StrPath, chunks: Iterable[str]) -> None:
    """Write text to ``path`` in UTF-8 as it is produced, through :func:`atomic_write`."""
    with atomic_write(path) as handle:
        for chunk in chunks:
            handle.write(chunk.encode("utf-8"))


@contextlib.contextmanager
def atomic_write(path: StrPath) -> Iterator[tempfile._TemporaryFileWrapper[bytes]]:
    """A binary file that becomes ``path`` when the block ends without an exception.

    The data is written to a temporary file beside ``path``, flushed to disk, then
    renamed over ``path`` (atomic on POSIX and Windows). On any error the temporary
    file is removed and ``path`` is untouched. An existing file keeps its permissions.
    """
    target = Path(path)
    folder = target.parent
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below on every path
        mode="wb", dir=folder, prefix=f".{target.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(handle.name, target.stat().st_mode & 0o7777)
        if not target.exists():
            os.chmod(handle.name, 0o666 & ~_umask())
        os.replace(handle.name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(handle.name)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
