"""CSV as text: records read with the line each starts on, cells no spreadsheet evaluates.

The claims a row holds are :mod:`._csv`'s business; this module reads and writes the
CSV syntax itself: RFC 4180 records without the ``csv`` module's process-wide limit on
the length of a field, and data cells escaped against spreadsheet formulas.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator

__all__ = ["CsvSyntaxError", "csv_records", "csv_text", "escape_cell", "unescape_cell"]


_FORMULA_STARTS = "=+-@\t\r"
"""What makes a spreadsheet read a cell as a formula (OWASP's list of CSV injection starts)."""
_ESCAPE = "'"


def escape_cell(text: str) -> str:
    """A data cell no spreadsheet evaluates: a text that starts like a formula, perhaps after
    spaces, gets an apostrophe in front, as OWASP advises, and so does a text that starts
    with an apostrophe, so the reader can take exactly one off every cell that has one."""
    if text and (
        text[0] in _FORMULA_STARTS
        or text[0] == _ESCAPE
        or (text[0].isspace() and text.lstrip()[:1] in ("=", "+", "-", "@"))
    ):
        return _ESCAPE + text
    return text


def unescape_cell(cell: str) -> str:
    """The text a data cell holds: :func:`escape_cell` undone."""
    return cell[1:] if cell[:1] == _ESCAPE else cell


class CsvSyntaxError(Exception):
    """CSV that is not well formed, with the line and what was expected there."""

    def __init__(self, line: int, expected: str, found: str) -> None:
        super().__init__(expected)
        self.line, self.expected, self.found = line, expected, found


_CSV_QUOTED = re.compile(r'"([^"]*+(?:""[^"]*+)*+)"')
_CSV_PLAIN = re.compile(r'(?:[^,"\r\n][^,\r\n]*+)?')


def csv_records(text: str) -> Iterator[tuple[int, list[str]]]:
    """The records of CSV text, each with the line it starts on.

    RFC 4180 as Python's ``csv`` module reads it with ``strict=True`` (a quoted field
    doubles its quotes and may hold line breaks; a quote inside an unquoted field is
    text), but with no limit on the length of a field: the module's limit (131,072
    characters) is process-wide, and a reader that refused a long proposition text
    could not read back what the writer writes.
    """
    position, line, end = 0, 1, len(text)
    while position < end:
        start, fields = line, []
        while True:
            if text.startswith('"', position):
                match = _CSV_QUOTED.match(text, position)
                if match is None:
                    raise CsvSyntaxError(
                        line,
                        f"valid CSV: a closing quote for the field opened on line {line}",
                        "the end of the file",
                    )
                value = match[1].replace('""', '"')
                line += value.count("\n") + value.count("\r") - value.count("\r\n")
                position = match.end()
                if position < end and text[position] not in ",\r\n":
                    raise CsvSyntaxError(
                        line,
                        "valid CSV: a comma or the end of the line after a closing quote",
                        repr(text[position]),
                    )
            else:
                match = _CSV_PLAIN.match(text, position)
                assert match is not None  # it matches the empty field
                value = match[0]
                position = match.end()
            fields.append(value)
            if position >= end:
                break
            if text[position] == ",":
                position += 1
                continue
            position += 2 if text.startswith("\r\n", position) else 1
            line += 1
            break
        yield start, fields


def csv_text(rows: Iterable[list[str]]) -> str:
    """Rows as CSV text, each line ended by CRLF as RFC 4180 has it."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue()
