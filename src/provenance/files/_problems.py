"""Collecting what is wrong in a claim file, to raise it all at once.

A reader never stops at the first mistake: it collects a
:class:`~provenance.errors.Problem` for each (where it is, which field, what was
expected, what the file holds) in :class:`Problems`, and raises one
:class:`~provenance.errors.ClaimFileError` with all of them at the end, so a person fixes
a file in one pass.
"""

from __future__ import annotations

from typing import Protocol

from ..errors import ClaimFileError, Problem

__all__ = ["Located", "Problems"]


class Located(Protocol):
    """A value read from a file that knows where it was written (see ``_located.Node``)."""

    line: int | None
    column: int | None
    label: str | None
    """The name of the value where a path would not do (a CSV column)."""


class Problems:
    """Collects the problems of one file."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.found: list[Problem] = []

    def add(self, node: Located | None, field: str, expected: str, found: str | None) -> None:
        """A problem of ``node``, named by its label if it has one, else by ``field``."""
        line = column = None
        if node is not None:
            line, column = node.line, node.column
            if node.label is not None:
                field = node.label
        self.found.append(Problem(self.name, line, column, field, expected, found))

    def at(
        self, line: int | None, column: int | None, field: str, expected: str, found: str | None
    ) -> None:
        """A problem at a place that no value stands for (a syntax error, a CSV header)."""
        self.found.append(Problem(self.name, line, column, field, expected, found))

    def raise_if_any(self) -> None:
        if self.found:
            raise ClaimFileError(self.name, self.found)
