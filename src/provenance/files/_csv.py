"""CSV claim files: one claim a row, read and written by the layout the table declares.

:data:`~._table.CSV_LAYOUT` says which column holds which field of the claim or of a
record it refers to. Reading gathers each row's outlet, agents, source, proposition and
stance by what identifies them into a claim document like a YAML file's, each value
located at its row and column, and hands it to the same interpreter, so CSV gets the
same checks and messages. Writing is a row function generated from the layout. CSV
holds less than YAML (:data:`~._table.NOT_IN_CSV`); a write that would lose something
is refused unless loss is asked for.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Final, TypeAlias

import attrs

from .._collection import ClaimSet
from .._derive import compile_function
from .._iri import Record, digest
from .._model import Agent, Claim, Confidence, Derivation, Outlet, Proposition, Source
from .._values import Year, YearMonth, time_lexical
from ..errors import ClaimFileError, Problem
from ..rdf._output import atomic_write
from ._csv_syntax import CsvSyntaxError, csv_records, csv_text, escape_cell, unescape_cell
from ._document import plain_float
from ._ids import Ids
from ._interpret import Interpreter
from ._kinds import (
    IRI,
    Column,
    Field,
    Group,
    Label,
    LanguageTag,
    OwnStances,
    Part,
    Probability,
    Ref,
    Refs,
    Scale,
    StanceColumns,
    StanceName,
    Term,
    Text,
    Time,
    Value,
    WebAddress,
    columns_of,
    csv_columns,
    shape_of,
)
from ._located import (
    INTEGER,
    LIST,
    MAP,
    NUMBER,
    TEXT,
    Node,
    StrPath,
    decode,
    describe,
    encodable,
    quote,
)
from ._problems import Problems
from ._scalars import ID, ID_EXPECTED, suggest
from ._table import (
    CLAIMS,
    CSV_LAYOUT,
    FORMAT_VERSION,
    SECTIONS,
    section,
)

__all__ = [
    "CSV_COLUMNS",
    "parse_claim_csv",
    "read_claim_csv",
    "serialize_claim_csv",
    "write_claim_csv",
]

CSV_COLUMNS: Final = csv_columns(CSV_LAYOUT)
"""The columns of a CSV claim file, in the order they are written.

One row is one claim. ``proposition``, ``claimant``, ``outlet`` and ``stance`` are
required; every other column may be left out or left empty. ``claimant_for`` names the
agent the claimant speaks for; ``stance_iri`` and ``stance_polarity`` define a stance of
one's own; ``supports`` and ``contests`` list the ``id`` of other rows, separated by
semicolons. A CSV file cannot hold aliases, descriptions, reliability grades, an
outlet's URL or language, what a source derives from, or records no claim refers to:
use a YAML claim file for those.
"""


_REQUIRED: Final = tuple(c.name for c in columns_of(CSV_LAYOUT.parts) if c.required)


def _fields(fields: Iterable[Field]) -> dict[str, Field]:
    return {f.field: f for f in fields}


def _cell(value: str, line: int, column: str) -> Node:
    return Node(TEXT, value, value, line, None, column)


def _number(node: Node) -> Node:
    """A CSV cell holding a number, as the number, with the cell's text as written (so the
    reader can hold it to plain notation as for YAML and JSON); other text stays text."""
    text = node.value
    try:
        if re.fullmatch(r"\s*[+-]?[0-9]+\s*", text):
            return Node(INTEGER, int(text), text, node.line, None, node.label)
        return Node(NUMBER, float(text), text, node.line, None, node.label)
    except ValueError:
        return node


Cell = Callable[..., Node | None]
"""A row's cell by column name (with what an empty cell means), located, or ``None``."""


def _split(node: Node) -> Node:
    """A cell listing ids, separated by semicolons, as a list."""
    line, column = node.line or 1, node.label or ""
    targets = [t.strip() for t in node.value.split(";") if t.strip()]
    return Node(LIST, [_cell(t, line, column) for t in targets], node.raw, line, None, column)


def _reader(value: Value) -> Callable[[Node], Node] | None:
    """How a cell is read as the value its field's kind holds: numbers as numbers, lists
    split at semicolons, the rest as the text it is (``None``)."""
    if isinstance(value, Probability | Scale):
        return _number
    if isinstance(value, Refs):
        return _split
    return None


@attrs.frozen
class _Cell:
    """A field read from one column."""

    key: str
    column: str
    default: str | None
    read: Callable[[Node], Node] | None = attrs.field(eq=False)


@attrs.frozen
class _Record:
    """A field naming a record the row describes (a claim's claimant), by its first column."""

    key: str
    section: str
    first: str
    identity: tuple[str, ...]
    """The keys of the fields that identify the record, in the model's order."""
    steps: tuple[_Step, ...]


@attrs.frozen
class _OwnStance:
    """A claim's stance: a label, or with an IRI the id of a stance the row defines."""

    key: str
    label: str
    iri: str
    section: str
    identity: str
    steps: tuple[_Step, ...]


@attrs.frozen
class _Mapping:
    """A field written as a mapping in YAML (a claim's confidence), from its cells."""

    key: str
    first: str
    cells: tuple[_Cell, ...]


_Step: TypeAlias = _Cell | _Record | _OwnStance | _Mapping


def _plan(parts: Iterable[Part], fields: Iterable[Field]) -> tuple[_Step, ...]:
    """What to read from a row for a record whose fields are ``fields``, resolved once from
    the layout and the table."""
    by_field = {f.field: f for f in fields}
    steps: list[_Step] = []
    for part in parts:
        field = by_field[part.field]
        value = field.value
        if isinstance(part, Column):
            steps.append(_Cell(field.key, part.name, part.default, _reader(value)))
        elif isinstance(part, Group):
            assert isinstance(value, Ref)
            table = section(value.section)
            keys = {f.field: f.key for f in table.fields}
            identity = tuple(keys[name] for name in table.cls.IDENTITY)  # type: ignore[attr-defined]
            first = next(columns_of(part.columns)).name
            inner = _plan(part.columns, table.fields)
            steps.append(_Record(field.key, table.name, first, identity, inner))
        elif isinstance(part, StanceColumns):
            assert isinstance(value, StanceName)
            table = section(value.section)
            handler = table.handler
            assert isinstance(handler, OwnStances)
            inner = _plan((part.iri, part.label, part.polarity), table.fields)
            identity_key = next(f.key for f in table.fields if f.field == handler.identity)
            steps.append(
                _OwnStance(
                    field.key, part.label.name, part.iri.name, table.name, identity_key, inner
                )
            )
        else:
            shape = shape_of(value)
            cells = _plan(part.columns, shape.fields)
            assert all(isinstance(c, _Cell) for c in cells)
            first = next(columns_of(part.columns)).name
            steps.append(_Mapping(field.key, first, cells))  # type: ignore[arg-type]
    return tuple(steps)


_STEPS: Final = _plan(CSV_LAYOUT.parts, CLAIMS.fields)
"""What a row gives its claim, resolved from the layout once."""


class Synthesis:
    """A claim document built from CSV rows, each value located at its row and column.

    Outlets, agents, sources, propositions and stances are gathered by what identifies
    them, and get ids of their own; a row that describes one of them differently from
    an earlier row is reported. The document then goes through the same interpreter
    as a YAML file, so CSV gets the same checks and the same messages.
    """

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.sections: dict[str, dict[tuple[Any, ...], tuple[str, int, dict[str, Node]]]] = {
            s.name: {} for s in SECTIONS
        }
        self.claims: list[tuple[Node, dict[str, Node]]] = []
        self.claim_lines: dict[str, int] = {}

    def record(
        self, name: str, identity: tuple[Any, ...], fields: dict[str, Node], line: int
    ) -> str:
        """The id of the record with this identity, made from this row if it is the first."""
        noun = section(name).noun
        held = self.sections[name].get(identity)
        if held is None:
            ident = f"{noun}-{len(self.sections[name]) + 1}"
            self.sections[name][identity] = (ident, line, dict(fields))
            return ident
        ident, first_line, known = held
        for key, node in fields.items():
            if key not in known:
                known[key] = node  # an empty cell earlier said nothing about it
            elif known[key].value != node.value:
                self.problems.add(
                    node,
                    key,
                    f"{describe(known[key])}, as line {first_line} has it for the same {noun}",
                    describe(node),
                )
        return ident

    def row(self, line: int, row: dict[str, str]) -> None:
        def cell(column: str, default: str | None = None) -> Node | None:
            value = row.get(column)
            if value is None or not value.strip():
                return None if default is None else _cell(default, line, column)
            return _cell(value, line, column)

        missing = [c for c in _REQUIRED if cell(c) is None]
        for column in missing:
            self.problems.at(line, None, column, "a value in this column", "an empty cell")
        if missing:
            return
        fields = self.fields(_STEPS, cell, line)

        given = cell(CSV_LAYOUT.id)
        ident = f"row-{line}" if given is None else given.value
        key = Node(TEXT, ident, ident, line, None, CSV_LAYOUT.id)
        if not ID.match(ident):
            self.problems.add(key, CSV_LAYOUT.id, ID_EXPECTED, repr(ident))
            return
        if ident in self.claim_lines:
            self.problems.add(
                key,
                CSV_LAYOUT.id,
                "each id once",
                f"{ident!r} again (first on line {self.claim_lines[ident]})",
            )
            return
        self.claim_lines[ident] = line
        self.claims.append((key, fields))

    def fields(self, steps: tuple[_Step, ...], cell: Cell, line: int) -> dict[str, Node]:
        """The located fields a row gives a record, by key."""
        out: dict[str, Node] = {}
        for step in steps:
            node: Node | None
            if isinstance(step, _Cell):
                node = cell(step.column, step.default)
                if node is not None and step.read is not None:
                    node = step.read(node)
            elif isinstance(step, _Record):
                node = self.group(step, cell, line)
            elif isinstance(step, _OwnStance):
                node = self.stance(step, cell, line)
            else:
                node = self.mapping(step, cell, line)
            if node is not None:
                out[step.key] = node
        return out

    def group(self, step: _Record, cell: Cell, line: int) -> Node | None:
        """The id of the record the group's columns describe, if the row names one."""
        if cell(step.first) is None:
            return None
        fields = self.fields(step.steps, cell, line)
        identity = tuple(n.value if (n := fields.get(k)) else None for k in step.identity)
        return _cell(self.record(step.section, identity, fields, line), line, step.first)

    def stance(self, step: _OwnStance, cell: Cell, line: int) -> Node | None:
        """A built-in stance's label, or with an IRI, the id of a stance the row defines."""
        label = cell(step.label)
        if cell(step.iri) is None:
            return label
        fields = self.fields(step.steps, cell, line)
        identity = (fields[step.identity].value,)
        return _cell(self.record(step.section, identity, fields, line), line, step.label)

    def mapping(self, step: _Mapping, cell: Cell, line: int) -> Node | None:
        """A mapping of the value's fields (a confidence), from the cells that have one."""
        entries = []
        for part in step.cells:
            node = cell(part.column)
            if node is not None:
                value = node if part.read is None else part.read(node)
                entries.append((_cell(part.key, line, part.column), value))
        if not entries:
            return None
        return Node(MAP, entries, "", line, None, step.first)

    def document(self) -> Node:
        def mapping(items: list[tuple[Node, Node]], line: int = 1) -> Node:
            return Node(MAP, items, "", line, None)

        def record(fields: dict[str, Node], line: int) -> Node:
            return mapping([(_cell(name, line, name), node) for name, node in fields.items()], line)

        top = [(_cell("version", 1, "version"), Node(INTEGER, FORMAT_VERSION, "1", 1, None))]
        for table in SECTIONS:
            if table is CLAIMS:
                continue
            entries = [
                (Node(TEXT, ident, ident, line, None, "row"), record(fields, line))
                for ident, line, fields in self.sections[table.name].values()
            ]
            top.append((_cell(table.name, 1, table.name), mapping(entries)))
        claims = [(key, record(fields, key.line or 1)) for key, fields in self.claims]
        top.append((_cell(CLAIMS.name, 1, CLAIMS.name), mapping(claims)))
        return mapping(top)


# --------------------------------------------------------------------------- reading


def parse_claim_csv(text: str, *, name: str = "<string>") -> ClaimSet:
    """Read claims from CSV text, one claim a row, with the columns of :data:`CSV_COLUMNS`.

    The first row names the columns, in any order. A data cell that starts with an
    apostrophe holds the text after it: the writer puts one in front of a text that a
    spreadsheet would take for a formula (``=``, ``+``, ``-``, ``@``, tab, carriage
    return) or that starts with an apostrophe itself. Raises :class:`ClaimFileError`
    listing every problem with its line and column name.
    """
    problems = Problems(name)
    if not encodable(text, problems):
        problems.raise_if_any()
    reader = csv_records(text.removeprefix("\ufeff"))
    try:
        header = next(reader, (1, None))[1]
    except CsvSyntaxError as error:
        raise ClaimFileError(
            name, [Problem(name, error.line, None, "", error.expected, error.found)]
        ) from None
    if header is None:
        raise ClaimFileError(
            name, [Problem(name, 1, None, "", "a header row naming the columns", "an empty file")]
        )
    columns = [c.strip() for c in header] if header != [""] else []  # an empty first line
    for index, column in enumerate(columns):
        if column not in CSV_COLUMNS:
            problems.at(
                1,
                None,
                column or f"column {index + 1}",
                "one of the columns " + ", ".join(CSV_COLUMNS) + suggest(column, CSV_COLUMNS),
                repr(column),
            )
        elif columns.index(column) != index:
            problems.at(1, None, column, "each column once", f"{column!r} again")
    for column in _REQUIRED:
        if column not in columns:
            problems.at(1, None, column, f"the column {column!r}", "none")
    problems.raise_if_any()

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        while True:
            try:
                line, row = next(reader)
            except StopIteration:
                return
            except CsvSyntaxError as error:
                problems.at(error.line, None, "", error.expected, error.found)
                return
            row = [unescape_cell(cell) for cell in row]
            if any(cell.strip() for cell in row):
                if len(row) > len(columns):
                    problems.at(
                        line,
                        None,
                        "",
                        f"at most {len(columns)} cells, one per column",
                        f"{len(row)} cells",
                    )
                yield line, dict(zip(columns, row, strict=False))

    synthesis = Synthesis(problems)
    for line, row in rows():
        synthesis.row(line, row)
    claims = Interpreter(problems, flag_duplicates=False).run(synthesis.document())
    problems.raise_if_any()
    assert claims is not None
    return claims


def read_claim_csv(path: StrPath) -> ClaimSet:
    """Read claims from a CSV file (UTF-8, with or without a byte-order mark)."""
    name = os.fspath(path)
    return parse_claim_csv(decode(Path(name).read_bytes(), name), name=name)


# --------------------------------------------------------------------------- writing


def _text(value: Value, ref: str) -> str:
    """Source of an expression giving the text a cell holds for ``ref``, a value that is set."""
    if isinstance(value, Text | LanguageTag | IRI | WebAddress):
        return ref
    if isinstance(value, Label):
        return f"{ref}.{value.attribute}"
    if isinstance(value, Term):
        return f"{ref}.label"
    if isinstance(value, Time):
        return f"_time_lexical({ref})"
    if isinstance(value, Probability):
        return f"_plain_float({ref})"
    if isinstance(value, Scale):
        return f"str({ref}.value)"
    raise TypeError(f"no CSV cell for a value of kind {value!r}")


class _RowSource:
    """The source of the function that writes a claim's row, built column by column."""

    def __init__(self) -> None:
        self.lines = ["def row(claim, ids):", "    cells = [_escape(ids.claims[claim])]"]
        self.count = 0

    def local(self, expression: str) -> str:
        self.count += 1
        name = f"r{self.count}"
        self.lines.append(f"    {name} = {expression}")
        return name

    def column(self, value: Value, get: str) -> None:
        self.lines.append(f"    v = {get}")
        if isinstance(value, Refs):
            ids = f"[ids.{value.section}[x] for x in v]"
            self.lines.append(f'    cells.append(_escape(";".join(sorted({ids}))) if v else "")')
        else:
            self.lines.append(
                f'    cells.append("" if v is None else _escape({_text(value, "v")}))'
            )

    def parts(
        self, parts: Iterable[Part], fields: dict[str, Field], record: str, *, maybe: bool
    ) -> None:
        """The cells of ``parts``, fields of the record the local ``record`` holds, which
        ``maybe`` is ``None`` (an optional reference, such as the agent one speaks for)."""
        for part in parts:
            field = fields[part.field]
            get = f"{record}.{part.field}"
            if maybe:
                get = f"None if {record} is None else {get}"
            optional = maybe or not field.required
            if isinstance(part, Column):
                self.column(field.value, get)
            elif isinstance(part, Group):
                value = field.value
                assert isinstance(value, Ref)
                target = _fields(section(value.section).fields)
                self.parts(part.columns, target, self.local(get), maybe=optional)
            elif isinstance(part, StanceColumns):
                value = field.value
                assert isinstance(value, StanceName)
                assert not optional
                target = _fields(section(value.section).fields)
                stance = self.local(get)
                self.column(target[part.label.field].value, f"{stance}.{part.label.field}")
                for own in (part.iri, part.polarity):
                    get = f"None if {stance}.is_builtin else {stance}.{own.field}"
                    self.column(target[own.field].value, get)
            else:
                shape = _fields(shape_of(field.value).fields)
                self.parts(part.columns, shape, self.local(get), maybe=optional)

    def source(self) -> str:
        return "\n".join([*self.lines, "    return cells"]) + "\n"


def _row_function() -> Callable[[Claim, Ids], list[str]]:
    """The writer of a claim's row, generated from the layout as Python source."""
    source = _RowSource()
    source.parts(CSV_LAYOUT.parts, _fields(CLAIMS.fields), "claim", maybe=False)
    namespace = {"_escape": escape_cell, "_time_lexical": time_lexical, "_plain_float": plain_float}
    return compile_function("row", source.source(), namespace, Claim)


_ROW: Final = _row_function()


def _rows(claims: ClaimSet) -> Iterator[list[str]]:
    ids = Ids.of(claims)
    yield list(CSV_COLUMNS)
    for claim in ids.claims:
        yield _ROW(claim, ids)


def _losses(claims: ClaimSet, back: ClaimSet, name: str) -> list[Problem]:
    """What of ``claims`` did not come back from CSV: one problem per record, naming fields.

    Records are matched by identity and their fields compared one level deep (a linked
    record by its identity), so a lost alias is reported on its agent, not again on
    every claim the agent made.
    """
    found = {(type(r).__name__, digest(r)): r for r in back.records}
    expected = "only what a CSV row holds (write YAML instead, or pass lossy=True)"
    lost = []
    for record in claims.records:
        kind = type(record).__name__.lower()
        other = found.get((type(record).__name__, digest(record)))
        if other is None:
            what = "a record no claim refers to"
        else:
            fields = [
                f.name
                for f in attrs.fields(type(record))
                if f.init and _shallow(getattr(other, f.name)) != _shallow(getattr(record, f.name))
            ]
            if not fields:
                continue
            what = ", ".join(fields)
        lost.append(Problem(name, None, None, f"{kind} {_label(record)}", expected, what))
    return lost


def _shallow(value: Any) -> Any:
    """A field's value for comparison, with linked records reduced to their identity."""
    if isinstance(value, Claim | Agent | Source | Outlet | Proposition):
        return (type(value).__name__, digest(value))
    if isinstance(value, Derivation):
        return (_shallow(value.source), value.kind)
    if isinstance(value, frozenset):
        return frozenset(_shallow(v) for v in value)
    if isinstance(value, Confidence):
        return (value.value, value.term, value.wording)
    if isinstance(value, dt.date | Year | YearMonth):
        return time_lexical(value)
    return value


def _label(record: Record) -> str:
    if isinstance(record, Claim):
        return f"of {record.claimant.name!r} on {quote(record.proposition.text, 40)}"
    if isinstance(record, Source):
        return f"of {record.outlet.name!r}"
    if isinstance(record, Proposition):
        return quote(record.text, 40)
    return repr(record.name)


def serialize_claim_csv(claims: ClaimSet, *, lossy: bool = False) -> str:
    """The claims as CSV text, one claim a row, with the columns of :data:`CSV_COLUMNS`.

    Raises :class:`ClaimFileError` naming each record and field CSV cannot hold (an
    agent's aliases, a source's derivations…) unless ``lossy`` is true, so nothing is
    dropped unnoticed.
    """
    return _checked_csv(claims, lossy=lossy, name="<csv>")


def _checked_csv(claims: ClaimSet, *, lossy: bool, name: str) -> str:
    """The CSV text, read back to find what it lost unless loss is allowed.

    Reading back is no test of the reader: it reads whatever the writer writes, of any
    length. Should it ever refuse the text, the refusal names the row of the text that
    was to be written, never a line of a file that was not written.
    """
    text = csv_text(_rows(claims))
    if not lossy:
        try:
            back = parse_claim_csv(text, name=name)
        except ClaimFileError as error:  # a writer and reader that disagree: a bug of ours
            raise ClaimFileError(
                name,
                [
                    attrs.evolve(p, line=None, column=None, field=_unwritten(p))
                    for p in error.problems
                ],
            ) from error
        lost = _losses(claims, back, name)
        if lost:
            raise ClaimFileError(name, lost)
    return text


def _unwritten(problem: Problem) -> str:
    where = "the CSV text to be written"
    if problem.line is not None:
        where += f", line {problem.line}"
    return f"{where}: {problem.field}" if problem.field else where


def write_claim_csv(claims: ClaimSet, path: StrPath, *, lossy: bool = False) -> None:
    """Write the claims to ``path`` as CSV, replacing the file only once it is complete.

    The file is UTF-8 with a byte-order mark, which spreadsheet programs need to show
    Persian or Arabic text.

    Refused, as :func:`serialize_claim_csv` explains, when CSV cannot hold everything
    and ``lossy`` is false; the file is then left as it was.
    """
    text = _checked_csv(claims, lossy=lossy, name=os.fspath(path))
    with atomic_write(path) as handle:
        handle.write(text.encode("utf-8-sig"))
