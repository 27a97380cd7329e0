"""What is wrong in a claim file: located problems, and the one error that lists them all.

A reader never stops at the first mistake: it collects a :class:`Problem` for each (where
it is, which field, what was expected, what the file holds) in :class:`Problems`, and
raises one :class:`ClaimFileError` with all of them at the end, so a person fixes a file
in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

import attrs

from ..errors import ProvenanceError

__all__ = ["ClaimFileError", "Located", "Problem", "Problems"]


@attrs.frozen
class Problem:
    """One thing wrong in a claim file: where it is, which field, what was expected.

    ``line`` and ``column`` are 1-based; ``column`` is ``None`` where it is not known
    (CSV cells, whose column is named by ``field``). ``field`` is the path of the
    value in the file (``claims.denial.stance``) or a CSV column name; ``found`` says
    what the file holds instead, where that helps.
    """

    file: str
    line: int | None
    column: int | None
    field: str
    expected: str
    found: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
            if self.column is not None:
                where += f", column {self.column}"
        what = f"expected {self.expected}"
        if self.found is not None:
            what += f", found {self.found}"
        return f"{where}: {self.field}: {what}" if self.field else f"{where}: {what}"


class ClaimFileError(ProvenanceError, ValueError):
    """A claim file that cannot be read, with every problem found in it.

    ``file`` names the file (or ``"<string>"``); ``problems`` lists each
    :class:`Problem` in the order of the file, so a person can fix them all in one
    pass. The message repeats them, one a line.
    """

    def __init__(self, file: str, problems: Iterable[Problem]) -> None:
        self.file = file
        self.problems = tuple(sorted(problems, key=lambda p: (p.line or 0, p.column or 0, p.field)))
        if len(self.problems) == 1:
            message = str(self.problems[0])
        else:
            message = f"{file}: {len(self.problems)} problems\n" + "\n".join(
                f"  {p}" for p in self.problems
            )
        super().__init__(message)


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
