"""Claim files by path: the format follows the file name's ending, never a guess.

``.yaml`` and ``.yml`` are YAML, ``.json`` is JSON, ``.csv`` is CSV; any other ending
is refused, for reading and for writing. A write goes to a temporary file that replaces
the target only when complete.
"""

from __future__ import annotations

import os
from pathlib import Path

from .._collection import ClaimSet
from ..errors import ClaimFileError, Problem
from ..rdf._output import atomic_write
from ._csv import parse_claim_csv, write_claim_csv
from ._located import StrPath, decode
from ._yaml_json import (
    parse_claim_json,
    parse_claim_yaml,
    serialize_claim_json,
    serialize_claim_yaml,
)

__all__ = ["read_claim_file", "write_claim_file"]

_SUFFIXES = "a file name ending in .yaml, .yml, .json or .csv"


def _unknown(name: str, suffix: str) -> ClaimFileError:
    found = repr(suffix) if suffix else "none"
    return ClaimFileError(name, [Problem(name, None, None, "", _SUFFIXES, found)])


def read_claim_file(path: StrPath) -> ClaimSet:
    """Read claims from a YAML (``.yaml``, ``.yml``), JSON (``.json``) or CSV (``.csv``) file.

    The format follows the file name's ending, never a guess from the content.
    """
    name = os.fspath(path)
    suffix = Path(name).suffix.lower()
    if suffix not in (".yaml", ".yml", ".json", ".csv"):
        raise _unknown(name, suffix)
    text = decode(Path(name).read_bytes(), name)
    if suffix == ".json":
        return parse_claim_json(text, name=name)
    if suffix == ".csv":
        return parse_claim_csv(text, name=name)
    return parse_claim_yaml(text, name=name)


def write_claim_file(claims: ClaimSet, path: StrPath, *, lossy: bool = False) -> None:
    """Write the claims to ``path`` as YAML, JSON or CSV, by the file name's ending.

    The file is replaced only once it is complete. ``lossy`` matters for CSV only
    (see :func:`write_claim_csv`).
    """
    name = os.fspath(path)
    suffix = Path(name).suffix.lower()
    if suffix in (".yaml", ".yml"):
        text = serialize_claim_yaml(claims)
    elif suffix == ".json":
        text = serialize_claim_json(claims)
    elif suffix == ".csv":
        write_claim_csv(claims, path, lossy=lossy)
        return
    else:
        raise _unknown(name, suffix)
    with atomic_write(path) as handle:
        handle.write(text.encode("utf-8"))
