"""Claim files: claims kept in YAML, JSON or CSV that a person writes, reviews and diffs.

Most people who record claims do not want to write Python for each one. A claim file
lists outlets, agents, sources, propositions, stances of one's own and claims, each
under an id local to the file, and records refer to each other by those ids
(``claimant: khatibzadeh``). The format is versioned (``version: 1``), described by a
JSON Schema shipped in the package (:func:`claim_file_schema`), and documented with
examples in ``docs/claim-files.md``. JSON files have the same structure; CSV files
hold one claim a row, for people who work in spreadsheets.

Reading is strict and safe. YAML is read at ``yaml.safe_load`` level or below: tags
that would build Python objects (``!!python/object``) are refused, aliases are refused
(so no "billion laughs"), and nothing in a file can run code or reach the network.
Every value remembers its line and column, so each problem names the file, the line,
the column, the field and what was expected — and *all* problems of a file are
reported together in one :class:`ClaimFileError`, not only the first.

Writing is lossless and stable: :func:`write_claim_file` writes every field of every
record, with readable ids derived from names, in an order that does not depend on how
the collection was built (sources by date, claims in the order of their sources), so
the same claims always give the same text and a change to one claim changes a few
lines. A write goes to a temporary file that replaces the target only when complete. CSV holds
less than YAML (see :data:`CSV_COLUMNS`); writing claims to CSV that it cannot hold
fully is refused unless ``lossy=True`` is passed. No CSV cell is a live spreadsheet
formula: a text that starts like one is written after an apostrophe, which the reader
takes off again.

Values follow one rule in every format: enumerated values are named exactly by their
labels (``denial``, ``news agency``), with a suggestion when they are not; numbers are
written in plain decimal notation (``0.8``, never ``8e-1``); text holds no control
character that an export format cannot carry.

>>> import provenance as pv
>>> claims = pv.parse_claim_yaml('''
... version: 1
... outlets:
...   fars: {name: Fars, kind: news agency}
... agents:
...   khatibzadeh: {name: Said Khatibzadeh}
... sources:
...   fars-feb-16: {outlet: fars, published: 2021-02-16}
... propositions:
...   involvement: {text: Iran was involved in the attack.}
... claims:
...   denial:
...     proposition: involvement
...     claimant: khatibzadeh
...     source: fars-feb-16
...     stance: denial
... ''')
>>> for c in claims: print(c.claimant.name, c.stance.label, c.outlet.name, sep=' | ')
Said Khatibzadeh | denial | Fars
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import difflib
import functools
import io
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, Final

import attrs
import yaml

from ._collection import ClaimSet
from ._iri import Record, digest
from ._model import (
    Agent,
    AgentKind,
    Claim,
    Confidence,
    Derivation,
    DerivationKind,
    Outlet,
    OutletKind,
    Polarity,
    Proposition,
    ReliabilityGrade,
    Source,
    Stance,
)
from ._values import (
    TEXT_EXPECTED,
    Time,
    Year,
    YearMonth,
    text_fault,
    time_bounds,
    time_lexical,
)
from .errors import ConflictError, ProvenanceError, UnknownStanceError, ValidationError
from .rdf._output import atomic_write
from .scales import AnalyticConfidence, EstimativeTerm, Reliability

__all__ = [
    "CSV_COLUMNS",
    "FORMAT_VERSION",
    "ClaimFileError",
    "Problem",
    "claim_file_schema",
    "parse_claim_csv",
    "parse_claim_json",
    "parse_claim_yaml",
    "read_claim_csv",
    "read_claim_file",
    "serialize_claim_csv",
    "serialize_claim_json",
    "serialize_claim_yaml",
    "write_claim_csv",
    "write_claim_file",
]

StrPath = str | os.PathLike[str]

FORMAT_VERSION: Final = 1
"""The version of the claim-file format this library reads and writes."""


# =========================================================================== errors


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


class _Problems:
    """Collects the problems of one file."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.found: list[Problem] = []

    def add(self, node: _Node | None, field: str, expected: str, found: str | None) -> None:
        line = column = None
        if node is not None:
            line, column = node.line, node.column
            if node.label is not None:
                field = node.label
        self.found.append(Problem(self.name, line, column, field, expected, found))

    def at(
        self, line: int | None, column: int | None, field: str, expected: str, found: str | None
    ) -> None:
        self.found.append(Problem(self.name, line, column, field, expected, found))

    def raise_if_any(self) -> None:
        if self.found:
            raise ClaimFileError(self.name, self.found)


# =========================================================================== located values

_TEXT, _INTEGER, _NUMBER, _BOOLEAN, _NULL, _DATE, _MAP, _LIST, _REFUSED = (
    "text",
    "integer",
    "number",
    "boolean",
    "null",
    "date",
    "map",
    "list",
    "refused",
)


@attrs.define(eq=False)
class _Node:
    """A value read from a file, with where it was written.

    Scalars keep both their value and their text as written (``raw``), so a time is
    read from its text whatever type YAML gave it. A map's value is a list of
    ``(key node, value node)`` pairs, as written; a list's, a list of nodes. A refused node
    (a YAML tag or alias the format does not allow) carries why in ``value``.
    ``label`` names the value where a path would not (a CSV column).
    """

    kind: str
    value: Any
    raw: str
    line: int | None
    column: int | None
    label: str | None = None


def _describe(node: _Node) -> str:
    """What a value is, for "found …" in a message."""
    if node.kind == _TEXT:
        return _quote(node.value)
    if node.kind in (_INTEGER, _NUMBER):
        return f"the number {node.raw}"
    if node.kind == _BOOLEAN:
        return f"{node.raw}, which YAML reads as {'true' if node.value else 'false'}"
    if node.kind == _NULL:
        return "nothing"
    if node.kind == _DATE:
        return _quote(node.raw)
    if node.kind == _MAP:
        return "a mapping"
    if node.kind == _LIST:
        return "a list"
    return str(node.value[1])


def _quote(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


# --------------------------------------------------------------------------- YAML

_YAML_SCALARS = {
    "tag:yaml.org,2002:str": _TEXT,
    "tag:yaml.org,2002:int": _INTEGER,
    "tag:yaml.org,2002:float": _NUMBER,
    "tag:yaml.org,2002:bool": _BOOLEAN,
    "tag:yaml.org,2002:null": _NULL,
    "tag:yaml.org,2002:timestamp": _DATE,
}
_CONSTRUCT: dict[str, Callable[[Any, Any], Any]] = {
    _INTEGER: yaml.constructor.SafeConstructor.construct_yaml_int,
    _NUMBER: yaml.constructor.SafeConstructor.construct_yaml_float,
    _BOOLEAN: yaml.constructor.SafeConstructor.construct_yaml_bool,
    _NULL: yaml.constructor.SafeConstructor.construct_yaml_null,
}
_ALIAS_TAG = "tag:provenance-claims,2021:alias"
_REFUSED_TAG = (
    "a plain value (a claim file holds data only: YAML tags such as !!python/object are refused)"
)
_REFUSED_ALIAS = (
    "a value written out (YAML aliases such as *name are not supported; "
    "refer to a record by its id)"
)


_RESOLVER = yaml.resolver.Resolver()


@functools.lru_cache(maxsize=1 << 16)
def _plain_tag(value: str) -> str:
    """The tag YAML gives an unquoted scalar; ids and kinds repeat, so it is cached."""
    return str(_RESOLVER.resolve(yaml.ScalarNode, value, (True, False)))  # type: ignore[no-untyped-call]


class _CachedResolver:
    """Resolves each distinct unquoted scalar once instead of at every occurrence."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode:
            return _plain_tag(value) if implicit[0] else "tag:yaml.org,2002:str"
        return super().resolve(kind, value, implicit)  # type: ignore[misc]


@functools.cache
def _loaders() -> tuple[Any, Any]:
    """The fast safe loader, and a safe loader that turns each alias into a marker.

    Both only *compose* the document into nodes; no constructor for a tag ever runs,
    so the nodes are data whatever tags the file carries.
    """

    class AliasMarkingLoader(_CachedResolver, yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.get_event()  # type: ignore[no-untyped-call]
                return yaml.ScalarNode(_ALIAS_TAG, "", event.start_mark, event.end_mark)
            return super().compose_node(parent, index)

    fast = getattr(yaml, "CSafeLoader", None)
    if fast is None:  # pragma: no cover - PyYAML built without libyaml
        return AliasMarkingLoader, AliasMarkingLoader

    class CachedLoader(_CachedResolver, fast):  # type: ignore[misc, valid-type]
        pass

    return CachedLoader, AliasMarkingLoader


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _encodable(text: str, problems: _Problems) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        line, column = _position(text, error.start)
        problems.at(line, column, "", "text that UTF-8 can encode", "an unpaired surrogate")
        return False
    return True


def _yaml_tree(text: str, problems: _Problems) -> _Node | None:
    text = text.removeprefix("\ufeff")
    if not _encodable(text, problems):
        return None
    fast, marking = _loaders()
    # An alias needs a '*'; only a file that has one pays for the slower loader.
    loader = marking if "*" in text else fast
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        expected, found = _yaml_syntax(error, text)
        if mark is None:
            problems.at(None, None, "", expected, found)
        else:
            problems.at(mark.line + 1, mark.column + 1, "", expected, found)
        return None
    except yaml.reader.ReaderError as error:
        line, column = _position(text, error.position)
        code = error.character  # the character, or with libyaml its code point
        if isinstance(code, str) and len(code) == 1:
            code = ord(code)
        found = (
            f"U+{code:04X}, a character YAML does not allow"
            if isinstance(code, int)
            else f"a character YAML does not allow ({error.reason})"
        )
        problems.at(line, column, "", "valid YAML", found)
        return None
    except yaml.YAMLError as error:
        problems.at(None, None, "", "valid YAML", str(error))
        return None
    except RecursionError:
        problems.at(None, None, "", "YAML nested less deeply", "values nested too deeply")
        return None
    if root is None:
        problems.at(1, 1, "", "a claim file: a mapping that starts with `version: 1`", "nothing")
        return None
    return _from_yaml(root)


_YAML_TOKENS = {
    "<stream end>": "the end of the file",
    "<document start>": "the start of a document (---)",
    "<document end>": "the end of a document (...)",
    "<block end>": "the end of the indented block",
    "<block mapping start>": "a mapping",
    "<block sequence start>": "a list",
    "<flow mapping start>": "'{'",
    "<flow sequence start>": "'['",
    "<block entry>": "'-'",
    "<scalar>": "a value",
}
"""PyYAML's names of its tokens, in words a person who wrote the file knows."""


def _yaml_syntax(error: yaml.MarkedYAMLError, text: str) -> tuple[str, str]:
    """What a YAML parser's complaint expected, and what it found, as two phrases that fit
    "expected …, found …" — the parsers' own sentences start with "found" or "expected"
    themselves, which made "found found unexpected end of stream"."""
    problem = " ".join((error.problem or "").split())
    context = " ".join((error.context or "").split())
    mark, start = error.problem_mark, error.context_mark
    there = _found_at(text, mark.index) if mark is not None else "something else"
    expected = "valid YAML"
    if match := re.fullmatch(r"expected (.+?),? but (?:found|got) (.+)", problem):
        # the parser names a token ('?' for a key); the text at the mark says more
        expected = f"{_yaml_words(match[1])} (YAML syntax)"
        found = match[2] if mark is None else there
    elif match := re.fullmatch(r"(?:did|could) not find expected (.+)", problem):
        expected, found = f"{_yaml_words(match[1])} (YAML syntax)", there
    elif re.fullmatch(r"found character(?: .+)? that cannot start any token", problem):
        found = f"{there}, which cannot start a value here"
    elif match := re.fullmatch(r"(?:but )?found (.+)", problem):
        found = match[1]
    elif problem:
        found = f"a syntax error: {problem}"
    else:
        found = f"a syntax error: {context or error}"
    if start is not None and (mark is None or start.index != mark.index):
        where = f"line {start.line + 1}, column {start.column + 1}"
        if match := re.fullmatch(r"while (?:parsing|scanning) (?:an?|the) (.+)", context):
            found += f" (in the {match[1]} that starts at {where})"
        elif match := re.fullmatch(r"expected (.+)", context):
            expected = f"{match[1]} (YAML syntax)"
        elif match := re.fullmatch(r"found duplicate anchor( .+)?; first occurrence", context):
            found = f"the anchor{match[1] or ''} defined again (first at {where})"
    return expected, found


def _yaml_words(phrase: str) -> str:
    for token, words in _YAML_TOKENS.items():
        phrase = phrase.replace(token, words)
    return phrase


def _found_at(text: str, index: int) -> str:
    """What the text holds at ``index``, for "found …"."""
    if index >= len(text):
        return "the end of the file"
    character = text[index]
    if character in "\r\n\x85\u2028\u2029":
        return "the end of the line"
    return repr(character) if character.isprintable() else f"U+{ord(character):04X}"


def _from_yaml(root: yaml.Node) -> _Node:
    """Turn composed YAML nodes into located values, without recursion."""
    constructor = yaml.constructor.SafeConstructor()

    def scalar(node: yaml.Node) -> _Node:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        kind = _YAML_SCALARS.get(node.tag)
        if node.tag == _ALIAS_TAG:
            return _Node(_REFUSED, (_REFUSED_ALIAS, "an alias"), "", line, column)
        if kind is None or not isinstance(node, yaml.ScalarNode):
            tag = str(node.tag).replace("tag:yaml.org,2002:", "!!", 1)
            return _Node(_REFUSED, (_REFUSED_TAG, f"the tag {tag}"), "", line, column)
        raw = str(node.value)
        if kind in (_TEXT, _DATE):
            value: Any = raw
        else:
            try:
                value = _CONSTRUCT[kind](constructor, node)
            except (ValueError, yaml.YAMLError):  # an explicit tag on text it cannot hold
                why = ("a value its tag can hold", f"{raw!r} tagged {node.tag}")
                return _Node(_REFUSED, why, raw, line, column)
        return _Node(kind, value, raw, line, column)

    def shell(node: yaml.Node) -> _Node:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if isinstance(node, yaml.MappingNode) and node.tag == "tag:yaml.org,2002:map":
            return _Node(_MAP, {}, "", line, column)
        if isinstance(node, yaml.SequenceNode) and node.tag == "tag:yaml.org,2002:seq":
            return _Node(_LIST, [], "", line, column)
        return scalar(node)

    top = shell(root)
    stack: list[tuple[yaml.Node, _Node]] = [(root, top)]
    while stack:
        node, out = stack.pop()
        if out.kind == _MAP:
            entries: list[tuple[_Node, _Node]] = []
            for key, value in node.value:
                pair = (shell(key), shell(value))
                entries.append(pair)
                stack.append((value, pair[1]))
                stack.append((key, pair[0]))
            out.value = entries
        elif out.kind == _LIST:
            items = [shell(item) for item in node.value]
            out.value = items
            stack.extend(zip(node.value, items, strict=True))
    return top


# --------------------------------------------------------------------------- JSON

_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_STRINGS = json.JSONDecoder()


class _JsonReader:
    """A JSON reader that remembers where each value starts.

    The standard library's parser checks the syntax first (and reports the line and
    column of a syntax error); this reader then walks the same, valid text again to
    locate every value, which the standard parser does not expose.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def skip(self, i: int) -> int:
        match = _JSON_SPACE.match(self.text, i)
        assert match is not None
        return match.end()

    def scalar(self, i: int, line: int, column: int) -> tuple[_Node, int]:
        text = self.text
        if text[i] == '"':
            value, end = _STRINGS.raw_decode(text, i)
            return _Node(_TEXT, value, value, line, column), end
        for word, kind, value in (
            ("true", _BOOLEAN, True),
            ("false", _BOOLEAN, False),
            ("null", _NULL, None),
        ):
            if text.startswith(word, i):
                return _Node(kind, value, word, line, column), i + len(word)
        match = _JSON_NUMBER.match(text, i)
        if match is not None:
            raw = match.group()
            return _json_number(raw, bool(match.group(1) or match.group(2)), line, column), (
                match.end()
            )
        # NaN, Infinity, -Infinity: Python's parser reads them, JSON has none
        raw = next(w for w in ("NaN", "Infinity", "-Infinity") if text.startswith(w, i))
        return _Node(_REFUSED, (*_NOT_JSON, raw), raw, line, column), i + len(raw)

    def read(self) -> _Node:
        """The located value of the whole (valid) document, read without recursion."""
        text = self.text
        stack: list[_Node] = []
        keys: list[_Node | None] = []
        root: _Node | None = None

        def attach(node: _Node) -> None:
            nonlocal root
            if not stack:
                root = node
            elif stack[-1].kind == _LIST:
                stack[-1].value.append(node)
            else:
                stack[-1].value.append((keys[-1], node))

        def read_key(i: int) -> int:
            i = self.skip(i)
            line, column = self.where(i)
            key, i = _STRINGS.raw_decode(text, i)
            keys[-1] = _Node(_TEXT, key, key, line, column)
            return self.skip(i) + 1  # past the colon

        i = 0
        while True:
            i = self.skip(i)
            line, column = self.where(i)
            if text[i] in "{[":
                node = _Node(_MAP if text[i] == "{" else _LIST, [], "", line, column)
                attach(node)
                i = self.skip(i + 1)
                if text[i] in "}]":
                    i += 1
                else:
                    stack.append(node)
                    keys.append(None)
                    if node.kind == _MAP:
                        i = read_key(i)
                    continue
            else:
                node, i = self.scalar(i, line, column)
                attach(node)
            # a value is complete: close the containers it ends, or go on to the next member
            while stack:
                i = self.skip(i)
                if text[i] == ",":
                    i += 1
                    if stack[-1].kind == _MAP:
                        i = read_key(i)
                    break
                i += 1  # the closing bracket
                stack.pop()
                keys.pop()
            else:
                assert root is not None
                return root


class _Pairs(list[tuple[str, Any]]):
    """A JSON object as read: its members in order, duplicates kept."""

    __slots__ = ()


class _Constant(str):
    """NaN, Infinity or -Infinity: Python's parser reads them, JSON has none."""

    __slots__ = ()


class _Fraction(str):
    """A JSON number with a fraction or an exponent, as written (``0.8``, ``8e-1``)."""

    __slots__ = ()


class _Whole(str):
    """A JSON integer as written: its notation matters, and it may be too long to convert."""

    __slots__ = ()


def _json_number(raw: str, fraction: bool, line: int | None, column: int | None) -> _Node:
    """A JSON number that keeps its lexical form, so numbers follow one rule in every format."""
    if fraction:
        return _Node(_NUMBER, float(raw), raw, line, column)
    try:
        return _Node(_INTEGER, int(raw), raw, line, column)
    except ValueError:  # more digits than Python converts
        digits = len(raw.lstrip("-"))
        why = (_FEWER_DIGITS, f"a number of {digits:,} digits")
        return _Node(_REFUSED, why, raw, line, column)


def _json_value(value: Any) -> _Node:
    """Plain JSON data as values without positions, for the fast path of valid files."""
    top = _Node(_NULL, None, "null", None, None)
    stack: list[tuple[Any, _Node]] = [(value, top)]
    while stack:
        value, out = stack.pop()
        if isinstance(value, _Pairs):
            out.kind, out.value, out.raw = _MAP, [], ""
            for key, item in value:
                node = _Node(_NULL, None, "null", None, None)
                out.value.append((_Node(_TEXT, key, key, None, None), node))
                stack.append((item, node))
        elif isinstance(value, list):
            out.kind, out.value, out.raw = _LIST, [], ""
            for item in value:
                node = _Node(_NULL, None, "null", None, None)
                out.value.append(node)
                stack.append((item, node))
        elif isinstance(value, _Constant):
            out.kind, out.value, out.raw = _REFUSED, (*_NOT_JSON, str(value)), str(value)
        elif isinstance(value, _Fraction | _Whole):
            number = _json_number(str(value), isinstance(value, _Fraction), None, None)
            out.kind, out.value, out.raw = number.kind, number.value, number.raw
        elif isinstance(value, str):
            out.kind, out.value, out.raw = _TEXT, value, value
        elif isinstance(value, bool):
            out.kind, out.value, out.raw = _BOOLEAN, value, "true" if value else "false"
    return top


def _json_syntax(error: json.JSONDecodeError) -> tuple[str, str]:
    """What the JSON parser expected and found, as phrases that fit "expected …, found …"
    (its own messages are sentences: "Expecting value", "Invalid \\escape")."""
    message = error.msg
    there = _found_at(error.doc, error.pos)
    if message.startswith("Expecting "):
        wanted = message.removeprefix("Expecting ").removesuffix(" delimiter")
        wanted = wanted.replace("property name enclosed in", "a property name in")
        return f"{'a JSON value' if wanted == 'value' else wanted} (JSON syntax)", there
    known = {
        "Extra data": ("the end of the file after the JSON value", there),
        "Unterminated string starting at": ("a closing quote (JSON syntax)", "the end of the file"),
        "Invalid control character at": (
            "valid JSON",
            f"{there} inside a string (JSON writes control characters as \\u escapes)",
        ),
        "Invalid \\escape": ("valid JSON", "an escape JSON does not have"),
        "Invalid \\uXXXX escape": ("valid JSON", "a \\u escape without four hex digits"),
    }
    return known.get(message, ("valid JSON", f"a syntax error: {message}"))


_NOT_JSON = ("a number (NaN and Infinity are not JSON)",)
_FEWER_DIGITS = "a number of fewer digits"
_NUMBER_REFUSALS = (_NOT_JSON[0], _FEWER_DIGITS)


def _json_tree(text: str, problems: _Problems, *, located: bool) -> _Node | None:
    """The document's values; with ``located``, each knows its line and column.

    Locating every value costs more than reading the file, so a file is first read
    without positions and read again with them only when there is a problem to show.
    """
    text = text.removeprefix("\ufeff")
    if not _encodable(text, problems):
        return None
    try:
        data = json.loads(
            text,
            object_pairs_hook=_Pairs,
            parse_constant=_Constant,
            parse_float=_Fraction,
            parse_int=_Whole,
        )
    except json.JSONDecodeError as error:
        problems.at(error.lineno, error.colno, "", *_json_syntax(error))
        return None
    except RecursionError:
        problems.at(None, None, "", "JSON nested less deeply", "values nested too deeply")
        return None
    except ValueError as error:  # e.g. an integer with more digits than Python converts
        problems.at(None, None, "", "valid JSON", str(error))
        return None
    return _JsonReader(text).read() if located else _json_value(data)


# =========================================================================== the format

_SPEC: Final[dict[str, tuple[str, dict[str, bool]]]] = {
    "outlets": (
        "outlet",
        {
            "name": True,
            "kind": False,
            "aliases": False,
            "url": False,
            "language": False,
            "reliability": False,
        },
    ),
    "agents": (
        "agent",
        {
            "name": True,
            "kind": False,
            "aliases": False,
            "on_behalf_of": False,
            "description": False,
            "reliability": False,
        },
    ),
    "sources": (
        "source",
        {
            "outlet": True,
            "published": False,
            "title": False,
            "url": False,
            "language": False,
            "derived_from": False,
        },
    ),
    "propositions": ("proposition", {"text": True, "language": False}),
    "stances": ("stance", {"iri": True, "label": True, "polarity": True}),
    "claims": (
        "claim",
        {
            "proposition": True,
            "claimant": True,
            "source": True,
            "stance": True,
            "confidence": False,
            "credibility": False,
            "analytic_confidence": False,
            "made_at": False,
            "text": False,
            "language": False,
            "supports": False,
            "contests": False,
        },
    ),
}
"""Each section: the name of one of its records, and its fields (``True``: required)."""

_TOP_FIELDS = ("version", *_SPEC)
_ID = re.compile(r"[^\s,;]+\Z")
_ID_EXPECTED = "an id: text without spaces, commas or semicolons"
_TIME = re.compile(
    r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2})"
    r"(?:T(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})"
    r"(?::(?P<second>[0-9]{2})(?:\.(?P<fraction>[0-9]{1,6}))?)?"
    r"(?P<zone>Z|[+-][0-9]{2}:[0-9]{2}))?)?)?\Z"
)
_TIME_EXPECTED = (
    "a time at the precision known: 2021, 2021-02, 2021-02-16 "
    "or an instant with its offset such as 2021-02-16T09:30:00+03:30"
)


class _BadValueError(Exception):
    """A value that cannot be used; raised by converters, turned into a :class:`Problem`.

    ``found`` describes the value unless given; ``""`` leaves it out, for an ``expected``
    that already quotes it.
    """

    def __init__(
        self, expected: str, node: _Node, *, found: str | None = None, path: str | None = None
    ) -> None:
        super().__init__(expected)
        self.expected = expected
        self.node = node
        self.found: str | None = _describe(node) if found is None else (found or None)
        self.path = path


class _DependencyError(Exception):
    """A value that depends on a record that already failed (and was reported)."""


def _folded(text: str) -> str:
    return " ".join(text.replace("_", " ").casefold().split())


_PLAIN_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?\Z")
_PLAIN_WHOLE = re.compile(r"[0-9]+\Z")
_LOOKS_NUMERIC = re.compile(r"\s*[-+]?(?:\.?[0-9]|nan\b|inf)", re.IGNORECASE)
_DECIMAL_EXPECTED = "a decimal from 0 to 1 such as 0.8"


def _decimal(node: _Node) -> float:
    """A number in plain decimal notation (``0.8``, ``1``, ``0``), the one way every format
    writes it; exponents, NaN, infinities, hex, signs, percentages and quotes are refused
    with what to write instead, whatever the format would have made of them."""
    if node.kind in (_INTEGER, _NUMBER) and _PLAIN_DECIMAL.match(node.raw):
        return float(node.raw) + 0.0
    raise _not_plain(node, _DECIMAL_EXPECTED)


def _whole(node: _Node, expected: str) -> int:
    """A whole number in plain notation (``2``), refused otherwise as :func:`_decimal` is."""
    if node.kind == _INTEGER and _PLAIN_WHOLE.match(node.raw):
        return int(node.raw)
    raise _not_plain(node, expected)


def _not_plain(node: _Node, expected: str) -> _BadValueError:
    """Why ``node`` is not a number in plain notation, saying what to write instead."""
    raw = node.raw
    if node.kind == _REFUSED and node.value[0] not in _NUMBER_REFUSALS:  # a tag, an alias
        return _BadValueError(node.value[0], node, found=node.value[1])
    if node.kind == _TEXT and (_PLAIN_DECIMAL.match(raw) or _PLAIN_WHOLE.match(raw)):
        return _BadValueError(f"{expected}, written without quotes", node)  # quoted: "0.8"
    if node.kind in (_INTEGER, _NUMBER, _REFUSED) or (
        node.kind == _TEXT and _LOOKS_NUMERIC.match(raw)
    ):
        shown = raw if raw == raw.strip() and 0 < len(raw) <= 24 else _quote(raw, 24)
        return _BadValueError(f"{expected}, not {shown}", node, found="")
    return _BadValueError(expected, node)


def _suggest(word: str, choices: Iterable[str]) -> str:
    """ " (did you mean 'denial'?)" for the choice ``word`` is closest to, or nothing.

    Case, spaces and underscores are set aside first, so ``"DENIAL "`` is pointed to
    ``'denial'``, which a comparison letter by letter would miss.
    """
    folded: dict[str, str] = {}
    for choice in choices:
        folded.setdefault(_folded(choice), choice)
    key = _folded(word)
    close = [key] if key in folded else difflib.get_close_matches(key, list(folded), 1, 0.6)
    return f" (did you mean {folded[close[0]]!r}?)" if close else ""


def _labels(members: Iterable[Any], label: Callable[[Any], str]) -> dict[str, Any]:
    return {label(member): member for member in members}


_OUTLET_KINDS: Final = _labels(OutletKind, lambda k: k.value)
_AGENT_KINDS: Final = _labels(AgentKind, lambda k: k.value)
_DERIVATION_KINDS: Final = _labels(DerivationKind, lambda k: k.value)
_POLARITIES: Final = _labels(Polarity, lambda p: p.value)
_ANALYTIC_CONFIDENCES: Final = _labels(AnalyticConfidence, lambda a: a.label)
_GRADES: Final = _labels(Reliability, lambda r: r.value)
_TERMS: Final = {
    **_labels(EstimativeTerm, lambda t: t.label),
    **_labels(EstimativeTerm, lambda t: t.synonym),
}
_BUILTIN_STANCES: Final = _labels(Stance.builtins(), lambda s: s.label)
"""What a file may write for each enumerated field: the label, exactly as the writer writes
it (and ICD 203's synonym for an estimative term). The Python API is more forgiving
(``"NEWS_AGENCY"``); a file names a value one way, so two files never spell one value two
ways and a misspelling is a problem, never a guess."""


def _choose(name: str, node: _Node, choices: dict[str, Any], what: str = "") -> Any:
    """The member ``name`` names exactly; a :class:`_BadValueError` with a suggestion otherwise."""
    found = choices.get(name)
    if found is None:
        listed = ", ".join(repr(c) for c in choices)
        raise _BadValueError(f"{what}one of {listed}{_suggest(name, choices)}", node)
    return found


def _parse_time(node: _Node) -> Time:
    """A time from its text, at the precision written; :class:`_BadValueError` otherwise."""
    if node.kind == _REFUSED:
        raise _BadValueError(node.value[0], node, found=node.value[1])
    if node.kind not in (_TEXT, _INTEGER, _DATE):
        raise _BadValueError(_TIME_EXPECTED, node)
    if node.kind == _INTEGER:  # a year, as a number
        if not _PLAIN_WHOLE.match(node.raw):
            raise _BadValueError(_TIME_EXPECTED, node)
        try:
            return Year(node.value)
        except ValidationError as error:
            raise _BadValueError(error.expected, node) from None
    raw = node.raw.strip() if node.kind == _TEXT else node.raw
    match = _TIME.match(raw)
    if match is None:
        if "T" in raw and re.fullmatch(r"[0-9-]+T[0-9:.]+", raw):
            expected = "an instant with its time-zone offset (Z, or one such as +03:30)"
            raise _BadValueError(expected, node)
        raise _BadValueError(_TIME_EXPECTED, node)
    year = int(match["year"])
    try:
        if match["month"] is None:
            return Year(year)
        month = int(match["month"])
        if match["day"] is None:
            return YearMonth(year, month)
        day = dt.date(year, month, int(match["day"]))
        if match["hour"] is None:
            return day
        zone = match["zone"]
        if zone == "Z":
            tz = dt.UTC
        else:
            hours, minutes = int(zone[1:3]), int(zone[4:6])
            if minutes >= 60 or hours > 14 or (hours == 14 and minutes):
                raise _BadValueError("a time-zone offset within ±14:00", node)
            sign = -1 if zone[0] == "-" else 1
            tz = dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
        fraction = match["fraction"] or ""
        return dt.datetime(
            day.year,
            day.month,
            day.day,
            int(match["hour"]),
            int(match["minute"]),
            int(match["second"] or 0),
            int(fraction.ljust(6, "0")) if fraction else 0,
            tzinfo=tz,
        )
    except ValidationError as error:
        raise _BadValueError(error.expected, node) from None
    except ValueError:
        raise _BadValueError("a date and time that exist in the calendar", node) from None


@attrs.define
class _Entry:
    """One record as written: its section, id, where it is, and its fields."""

    section: str
    id: str
    key: _Node
    node: _Node
    fields: dict[str, _Node]

    @property
    def path(self) -> str:
        return f"{self.section}.{self.id}"


_VISITING, _DONE = 1, 2


class _Interpreter:
    """Turns a located document into a :class:`ClaimSet`, collecting every problem.

    Records are built in dependency order (an agent after the agent it acts for, a
    source after the sources it derives from, a claim after the claims it supports),
    each reference resolved by id. A record whose own value is wrong is reported; a
    record that only depends on a wrong one is skipped quietly, so one mistake gives
    one problem, not a cascade.
    """

    def __init__(self, problems: _Problems, *, flag_duplicates: bool = True) -> None:
        self.problems = problems
        self.flag_duplicates = flag_duplicates
        self.entries: dict[str, dict[str, _Entry]] = {section: {} for section in _SPEC}
        self.built: dict[str, dict[str, Any]] = {section: {} for section in _SPEC}
        self.order: dict[str, list[str]] = {section: [] for section in _SPEC}

    # ------------------------------------------------------------------ reporting

    def bad(self, bad: _BadValueError, path: str) -> None:
        self.problems.add(bad.node, bad.path or path, bad.expected, bad.found)

    # ------------------------------------------------------------------ shapes

    @staticmethod
    def refused(node: _Node) -> None:
        if node.kind == _REFUSED:
            raise _BadValueError(node.value[0], node, found=node.value[1])

    def text(self, node: _Node, expected: str = "text") -> str:
        self.refused(node)
        if node.kind != _TEXT:
            hint = ""
            if node.kind in (_INTEGER, _NUMBER, _BOOLEAN, _DATE, _NULL) and node.raw:
                hint = f" (write {node.raw!r} in quotes to mean the text)"
            raise _BadValueError(expected + hint, node)
        if not node.value.strip():
            raise _BadValueError(f"{expected}, not blank", node)
        fault = text_fault(node.value)
        if fault is not None:  # the model's own rule, checked here to locate the character
            raise _BadValueError(f"{TEXT_EXPECTED}, not {fault}", node)
        return str(node.value)

    def mapping(self, node: _Node, path: str, fields: dict[str, bool]) -> dict[str, _Node]:
        """The fields of a mapping; unknown, duplicated and missing fields are reported."""
        self.refused(node)
        if node.kind != _MAP:
            raise _BadValueError("a mapping of " + ", ".join(fields), node)
        found: dict[str, _Node] = {}
        unknown: list[tuple[str, _Node]] = []
        for key, value in node.value:
            try:
                name = self.text(key, "a field name")
            except _BadValueError as bad:
                self.bad(bad, path)
                continue
            if name in found:
                self.problems.add(
                    key,
                    _join(path, name),
                    "each field once",
                    f"{name!r} again (first on line {found[name].line})",
                )
            elif name in fields:
                found[name] = value
            else:
                unknown.append((name, key))
        missing = [f for f, required in fields.items() if required and f not in found]
        for name, key in unknown:
            close = difflib.get_close_matches(name, [f for f in fields if f not in found], 1, 0.6)
            if close and close[0] in missing:
                missing.remove(close[0])
                expected = f"the field {close[0]!r} (the name is misspelt)"
            else:
                expected = "one of the fields " + ", ".join(fields) + _suggest(name, fields)
            self.problems.add(key, _join(path, name), expected, repr(name))
        for name in missing:
            self.problems.add(node, _join(path, name), f"the field {name!r}", "nothing")
        return found

    def items(self, node: _Node, example: str) -> list[_Node]:
        self.refused(node)
        if node.kind != _LIST:
            raise _BadValueError(f"a list, such as {example}", node)
        return list(node.value)

    # ------------------------------------------------------------------ the document

    def run(self, root: _Node) -> ClaimSet | None:
        try:
            fields = self.mapping(root, "", dict.fromkeys(_TOP_FIELDS, False))
        except _BadValueError as bad:
            if root.kind != _REFUSED:
                bad.expected = "a claim file: a mapping that starts with `version: 1`"
            self.bad(bad, "")
            return None
        version = fields.get("version")
        if version is None:
            self.problems.add(
                root, "version", f"the field `version: {FORMAT_VERSION}` at the top", "nothing"
            )
        elif version.kind != _INTEGER or version.raw != str(FORMAT_VERSION):
            self.problems.add(
                version,
                "version",
                f"version {FORMAT_VERSION} (the claim-file format this library reads)",
                _describe(version),
            )
        for section in _SPEC:
            if section in fields:
                self.collect(section, fields[section])
        self.build_all()
        return self.assemble()

    def collect(self, section: str, node: _Node) -> None:
        if node.kind == _NULL:
            return
        noun, fields = _SPEC[section]
        try:
            self.refused(node)
            if node.kind != _MAP:
                raise _BadValueError(f"a mapping from ids to {section}", node)
        except _BadValueError as bad:
            self.bad(bad, section)
            return
        held = self.entries[section]
        for key, value in node.value:
            try:
                ident = self.text(key, _ID_EXPECTED)
                if not _ID.match(ident):
                    raise _BadValueError(_ID_EXPECTED, key)
            except _BadValueError as bad:
                self.bad(bad, section)
                continue
            path = f"{section}.{ident}"
            if ident in held:
                self.problems.add(
                    key,
                    path,
                    f"each {noun} id once",
                    f"{ident!r} again (first on line {held[ident].key.line})",
                )
                continue
            if section == "stances":
                try:
                    Stance.named(ident)
                except UnknownStanceError:
                    pass
                else:
                    self.problems.add(
                        key,
                        path,
                        "a stance id that is not the name of a built-in stance",
                        repr(ident),
                    )
                    continue
            try:
                record_fields = self.mapping(value, path, fields)
            except _BadValueError as bad:
                if value.kind != _REFUSED:
                    bad.expected = f"the fields of {_article(noun)} {noun}: " + ", ".join(fields)
                self.bad(bad, path)
                continue
            held[ident] = _Entry(section, ident, key, value, record_fields)

    # ------------------------------------------------------------------ building

    def build_all(self) -> None:
        self.build_section("outlets", self.outlet)
        self.build_section("agents", self.agent, self.agent_links)
        self.build_section("sources", self.source, self.source_links)
        self.build_section("propositions", self.proposition)
        self.build_section("stances", self.stance_record)
        self.one_stance_per_iri()
        self.build_section("claims", self.claim, self.claim_links)

    def one_stance_per_iri(self) -> None:
        """Two different stances under one IRI would describe one RDF node two ways."""
        first: dict[str, str] = {}
        for ident in list(self.order["stances"]):
            stance = self.built["stances"][ident]
            held = first.setdefault(stance.iri, ident)
            if held == ident:
                continue
            entry, other = self.entries["stances"][ident], self.entries["stances"][held]
            self.problems.add(
                entry.fields.get("iri", entry.key),
                f"{entry.path}.iri",
                f"an IRI of this stance alone ({held!r} on line {other.key.line} has it, "
                "with another label or polarity)",
                _quote(stance.iri),
            )
            del self.built["stances"][ident]
            self.order["stances"].remove(ident)

    def build_section(
        self,
        section: str,
        build: Callable[[_Entry], Any],
        links: Callable[[_Entry], list[tuple[str, _Node]]] | None = None,
    ) -> None:
        entries = self.entries[section]
        order, broken = (
            (list(entries), set()) if links is None else self.dependency_order(entries, links)
        )
        firsts: dict[Any, _Entry] = {}
        for ident in order:
            if ident in broken:
                continue
            entry = entries[ident]
            try:
                record = build(entry)
            except _DependencyError:
                continue
            except _BadValueError as bad:
                self.bad(bad, entry.path)
                continue
            if record is None:
                continue
            first = firsts.get(record)
            if first is not None and self.flag_duplicates:
                noun = _SPEC[section][0]
                self.problems.add(
                    entry.key,
                    entry.path,
                    f"each {noun} once (refer to {first.id!r} instead)",
                    f"the same {noun} as {first.id!r} on line {first.key.line}",
                )
                continue
            firsts.setdefault(record, entry)
            self.built[section][ident] = record
            self.order[section].append(ident)

    def dependency_order(
        self, entries: dict[str, _Entry], links: Callable[[_Entry], list[tuple[str, _Node]]]
    ) -> tuple[list[str], set[str]]:
        """Ids with every record before those that refer to it; cycles are reported."""
        state: dict[str, int] = {}
        order: list[str] = []
        broken: set[str] = set()
        for start, first in entries.items():
            if start in state:
                continue
            state[start] = _VISITING
            stack = [(start, iter(links(first)))]
            while stack:
                ident, pending = stack[-1]
                for target, node in pending:
                    if target not in entries:
                        continue  # reported when the reference is resolved
                    seen = state.get(target)
                    if seen is None:
                        state[target] = _VISITING
                        stack.append((target, iter(links(entries[target]))))
                        break
                    if seen == _VISITING and ident not in broken:
                        loop = [i for i, _ in stack]
                        loop = [*loop[loop.index(target) :], target]
                        entry = entries[ident]
                        self.problems.add(
                            node,
                            entry.path,
                            "references that do not lead back to where they start",
                            "a cycle: " + " → ".join(loop),
                        )
                        broken.add(ident)
                else:
                    stack.pop()
                    state[ident] = _DONE
                    order.append(ident)
        return order, broken

    def links_of(
        self, entry: _Entry, *fields: str, key: str | None = None
    ) -> list[tuple[str, _Node]]:
        found = []
        for field in fields:
            node = entry.fields.get(field)
            if node is None:
                continue
            for item in node.value if node.kind == _LIST else [node]:
                target = item
                if item.kind == _MAP and key is not None:
                    target = next((v for k, v in item.value if k.value == key), item)
                if target.kind == _TEXT:
                    found.append((target.value, target))
        return found

    def agent_links(self, entry: _Entry) -> list[tuple[str, _Node]]:
        return self.links_of(entry, "on_behalf_of")

    def source_links(self, entry: _Entry) -> list[tuple[str, _Node]]:
        return self.links_of(entry, "derived_from", key="source")

    def claim_links(self, entry: _Entry) -> list[tuple[str, _Node]]:
        return self.links_of(entry, "supports", "contests")

    # ------------------------------------------------------------------ fields

    def values(
        self, entry: _Entry, converters: dict[str, Callable[[_Node, str], Any]]
    ) -> dict[str, Any]:
        """Each present field, converted; :class:`_DependencyError` if any failed.

        Every field is tried, so each wrong one is reported, before giving up.
        """
        kwargs: dict[str, Any] = {}
        failed = False
        for field, convert in converters.items():
            node = entry.fields.get(field)
            if node is None:
                continue
            path = f"{entry.path}.{field}"
            if node.kind == _NULL and not _SPEC[entry.section][1][field]:
                continue  # an optional field left empty
            try:
                kwargs[field] = convert(node, path)
            except _BadValueError as bad:
                self.bad(bad, path)
                failed = True
            except _DependencyError:
                failed = True
        if failed or any(f not in entry.fields for f, r in _SPEC[entry.section][1].items() if r):
            raise _DependencyError
        return kwargs

    def make(self, entry: _Entry, cls: Callable[..., Any], kwargs: dict[str, Any]) -> Any:
        try:
            return cls(**kwargs)
        except ValidationError as error:
            node = entry.fields.get(error.field, entry.key)
            value = error.value
            found = _quote(value) if isinstance(value, str) else _quote(repr(value))
            self.problems.add(node, f"{entry.path}.{error.field}", error.expected, found)
            raise _DependencyError from None

    def plain_text(self, node: _Node, path: str) -> str:
        return self.text(node)

    def choice(self, choices: dict[str, Any], what: str = "") -> Callable[[_Node, str], Any]:
        """A converter for an enumerated field, which a file names exactly by its label."""

        def convert(node: _Node, path: str) -> Any:
            expected = f"{what}one of " + ", ".join(repr(c) for c in choices)
            return _choose(self.text(node, expected), node, choices, what)

        return convert

    def names(self, node: _Node, path: str) -> list[str]:
        names = []
        failed = False
        for index, item in enumerate(self.items(node, "[ITIC, Meir Amit Center]")):
            try:
                names.append(self.text(item, "a name"))
            except _BadValueError as bad:
                self.bad(bad, f"{path}[{index}]")
                failed = True
        if failed:
            raise _DependencyError
        return names

    def time(self, node: _Node, path: str) -> Time:
        return _parse_time(node)

    def reference(self, section: str) -> Callable[[_Node, str], Any]:
        noun = _SPEC[section][0]

        def resolve(node: _Node, path: str) -> Any:
            ident = self.text(node, f"the id of {_article(noun)} {noun} defined under `{section}`")
            if ident not in self.entries[section]:
                known = self.entries[section]
                where = (
                    f"the id of {_article(noun)} {noun} defined under `{section}`"
                    if known
                    else f"the id of {_article(noun)} {noun}, but the file defines no {section}"
                )
                raise _BadValueError(where + _suggest(ident, known), node)
            record = self.built[section].get(ident)
            if record is None:
                raise _DependencyError
            return record

        return resolve

    def grades(self, node: _Node, path: str) -> list[ReliabilityGrade]:
        self.refused(node)
        single = node.kind == _TEXT
        items = [node] if single else self.items(node, "[C] or [{grade: C, start: 2019}]")
        grades = []
        failed = False
        for index, item in enumerate(items):
            where = path if single else f"{path}[{index}]"
            try:
                grades.append(self.grade(item, where))
            except _BadValueError as bad:
                self.bad(bad, where)
                failed = True
            except _DependencyError:
                failed = True
        if failed:
            raise _DependencyError
        return grades

    def grade(self, node: _Node, path: str) -> ReliabilityGrade:
        expected = "a grade from A to F, or a mapping of grade, start and end"
        what = "an Admiralty reliability grade, "
        if node.kind == _MAP:
            fields = self.mapping(node, path, {"grade": True, "start": False, "end": False})
            if "grade" not in fields:
                raise _DependencyError
            letter = fields["grade"]
            try:
                code = _choose(self.text(letter, expected), letter, _GRADES, what)
            except _BadValueError as bad:
                bad.path = f"{path}.grade"
                raise
            kwargs: dict[str, Any] = {"grade": code}
            for name in ("start", "end"):
                if name in fields and fields[name].kind != _NULL:
                    try:
                        kwargs[name] = _parse_time(fields[name])
                    except _BadValueError as bad:
                        bad.path = f"{path}.{name}"
                        raise
            try:
                return ReliabilityGrade(**kwargs)
            except ValidationError as error:
                raise _BadValueError(
                    error.expected, fields.get(error.field, node), path=f"{path}.{error.field}"
                ) from None
        return ReliabilityGrade(_choose(self.text(node, expected), node, _GRADES, what))

    def derivations(self, node: _Node, path: str) -> list[Derivation]:
        resolve = self.reference("sources")
        links = []
        failed = False
        for index, item in enumerate(self.items(node, "[isna-feb-14, {source: x, kind: quoted}]")):
            where = f"{path}[{index}]"
            try:
                if item.kind == _MAP:
                    fields = self.mapping(item, where, {"source": True, "kind": False})
                    if "source" not in fields:
                        raise _DependencyError
                    kind = DerivationKind.DERIVED
                    if "kind" in fields:
                        try:
                            kind = self.choice(_DERIVATION_KINDS)(fields["kind"], where)
                        except _BadValueError as bad:
                            bad.path = f"{where}.kind"
                            raise
                    links.append(Derivation(resolve(fields["source"], where), kind))
                else:
                    links.append(Derivation(resolve(item, where)))
            except _BadValueError as bad:
                self.bad(bad, where)
                failed = True
            except _DependencyError:
                failed = True
        if failed:
            raise _DependencyError
        return links

    def claims_list(self, node: _Node, path: str) -> list[Claim]:
        resolve = self.reference("claims")
        found = []
        failed = False
        for index, item in enumerate(self.items(node, "[claim-a, claim-b]")):
            try:
                found.append(resolve(item, f"{path}[{index}]"))
            except _BadValueError as bad:
                self.bad(bad, f"{path}[{index}]")
                failed = True
            except _DependencyError:
                failed = True
        if failed:
            raise _DependencyError
        return found

    def stance(self, node: _Node, path: str) -> Stance:
        name = self.text(node, "a stance")
        if name in self.entries["stances"]:
            record = self.built["stances"].get(name)
            if record is None:
                raise _DependencyError
            return record  # type: ignore[no-any-return]
        builtin = _BUILTIN_STANCES.get(name)  # named exactly: "Denial" is no built-in stance
        if builtin is not None:
            return builtin  # type: ignore[no-any-return]
        labels = list(_BUILTIN_STANCES)
        expected = (
            "a built-in stance (" + ", ".join(labels) + ") "
            "or the id of a stance defined under `stances`"
        )
        raise _BadValueError(expected + _suggest(name, [*labels, *self.entries["stances"]]), node)

    def confidence(self, node: _Node, path: str) -> Confidence:
        if node.kind == _REFUSED and node.value[0] in _NUMBER_REFUSALS:  # NaN in JSON
            raise _not_plain(node, _DECIMAL_EXPECTED)
        self.refused(node)
        expected = "a number from 0 to 1, an estimative term such as 'likely', or a mapping"
        try:
            if node.kind in (_INTEGER, _NUMBER) or (
                node.kind == _TEXT and _LOOKS_NUMERIC.match(node.raw)
            ):
                return Confidence(value=_decimal(node))
            if node.kind == _TEXT:
                hedge = f", or a mapping such as {{wording: {node.value}}} for a hedge that is no "
                return Confidence(
                    term=self.term(node, "a number from 0 to 1, ", hedge + "estimative term")
                )
            if node.kind != _MAP:
                raise _BadValueError(expected + " of value, term and wording", node)
        except ValidationError as error:
            raise _BadValueError(error.expected, node) from None
        fields = self.mapping(node, path, {"value": False, "term": False, "wording": False})
        kwargs: dict[str, Any] = {}
        if "value" in fields and fields["value"].kind != _NULL:
            try:
                kwargs["value"] = _decimal(fields["value"])
            except _BadValueError as bad:
                bad.path = f"{path}.value"
                raise
        if "term" in fields and fields["term"].kind != _NULL:
            try:
                kwargs["term"] = self.term(fields["term"])
            except _BadValueError as bad:
                bad.path = f"{path}.term"
                raise
        if "wording" in fields and fields["wording"].kind != _NULL:
            kwargs["wording"] = self.text(fields["wording"])
        try:
            return Confidence(**kwargs)
        except ValidationError as error:
            where = fields.get(error.field, node)
            raise _BadValueError(error.expected, where, path=f"{path}.{error.field}") from None

    def term(self, node: _Node, before: str = "", after: str = "") -> EstimativeTerm:
        """An ICD 203 term named exactly, by its words or ICD 203's synonym for them."""
        labels = ", ".join(repr(t.label) for t in EstimativeTerm)
        expected = (
            f"{before}an ICD 203 estimative term ({labels}, or ICD 203's synonym of one)"
            f"{_suggest(node.value, _TERMS) if node.kind == _TEXT else ''}{after}"
        )
        name = self.text(node, expected)
        term = _TERMS.get(name)
        if term is None:
            raise _BadValueError(expected, node)
        return term  # type: ignore[no-any-return]

    def credibility(self, node: _Node, path: str) -> int:
        expected = "an Admiralty credibility, a whole number from 1 to 6 such as 2"
        grade = _whole(node, expected)
        if not 1 <= grade <= 6:
            raise _BadValueError(expected, node)
        return grade

    # ------------------------------------------------------------------ records

    def outlet(self, entry: _Entry) -> Outlet:
        kwargs = self.values(
            entry,
            {
                "name": self.plain_text,
                "kind": self.choice(_OUTLET_KINDS),
                "aliases": self.names,
                "url": self.plain_text,
                "language": self.plain_text,
                "reliability": self.grades,
            },
        )
        return self.make(entry, Outlet, kwargs)  # type: ignore[no-any-return]

    def agent(self, entry: _Entry) -> Agent:
        kwargs = self.values(
            entry,
            {
                "name": self.plain_text,
                "kind": self.choice(_AGENT_KINDS),
                "aliases": self.names,
                "on_behalf_of": self.reference("agents"),
                "description": self.plain_text,
                "reliability": self.grades,
            },
        )
        return self.make(entry, Agent, kwargs)  # type: ignore[no-any-return]

    def source(self, entry: _Entry) -> Source:
        kwargs = self.values(
            entry,
            {
                "outlet": self.reference("outlets"),
                "published": self.time,
                "title": self.plain_text,
                "url": self.plain_text,
                "language": self.plain_text,
                "derived_from": self.derivations,
            },
        )
        return self.make(entry, Source, kwargs)  # type: ignore[no-any-return]

    def proposition(self, entry: _Entry) -> Proposition:
        kwargs = self.values(entry, {"text": self.plain_text, "language": self.plain_text})
        return self.make(entry, Proposition, kwargs)  # type: ignore[no-any-return]

    def stance_record(self, entry: _Entry) -> Stance:
        kwargs = self.values(
            entry,
            {
                "iri": self.plain_text,
                "label": self.plain_text,
                "polarity": self.choice(_POLARITIES),
            },
        )
        return self.make(entry, Stance, kwargs)  # type: ignore[no-any-return]

    def claim(self, entry: _Entry) -> Claim:
        kwargs = self.values(
            entry,
            {
                "proposition": self.reference("propositions"),
                "claimant": self.reference("agents"),
                "source": self.reference("sources"),
                "stance": self.stance,
                "confidence": self.confidence,
                "credibility": self.credibility,
                "analytic_confidence": self.choice(_ANALYTIC_CONFIDENCES),
                "made_at": self.time,
                "text": self.plain_text,
                "language": self.plain_text,
                "supports": self.claims_list,
                "contests": self.claims_list,
            },
        )
        return self.make(entry, Claim, kwargs)  # type: ignore[no-any-return]

    # ------------------------------------------------------------------ the collection

    def assemble(self) -> ClaimSet | None:
        """Every built record in one collection; records that share an identity are reported."""
        claims = ClaimSet()
        owner: dict[Any, _Entry] = {}
        for section in ("outlets", "agents", "sources", "propositions", "claims"):
            for ident in self.order[section]:
                record = self.built[section][ident]
                entry = self.entries[section][ident]
                try:
                    claims.add(record)
                except ConflictError as error:
                    first = owner.get(error.first)
                    noun = _SPEC[section][0]
                    other = f"{first.id!r} (line {first.key.line})" if first else "another record"
                    differ = ", ".join(error.fields) or "content"
                    self.problems.add(
                        entry.key,
                        entry.path,
                        f"{_article(noun)} {noun} whose identity differs from {other}'s "
                        f"({_IDENTITY[section]})",
                        f"the same identity with a different {differ}",
                    )
                    continue
                owner.setdefault(record, entry)
        return None if self.problems.found else claims


_IDENTITY = {
    "outlets": "an outlet is known by its name",
    "agents": "an agent is known by its kind and name",
    "sources": "a source is known by its outlet, date, title, URL and language",
    "propositions": "a proposition is known by its text and language",
    "claims": (
        "a claim is known by its proposition, claimant, source, stance, time, text and language"
    ),
}


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


# =========================================================================== reading


def parse_claim_yaml(text: str, *, name: str = "<string>") -> ClaimSet:
    """Read claims from a YAML claim file held in a string.

    Raises :class:`ClaimFileError` listing every problem, each with its line, column
    and field; ``name`` is what the problems call the document.
    """
    problems = _Problems(name)
    root = _yaml_tree(text, problems)
    claims = None if root is None else _Interpreter(problems).run(root)
    problems.raise_if_any()
    assert claims is not None
    return claims


def parse_claim_json(text: str, *, name: str = "<string>") -> ClaimSet:
    """Read claims from a JSON claim file (the YAML format's structure) held in a string."""
    problems = _Problems(name)
    root = _json_tree(text, problems, located=False)
    claims = None if root is None else _Interpreter(problems).run(root)
    if claims is None and root is not None:  # read again, to say where each problem is
        problems = _Problems(name)
        located = _json_tree(text, problems, located=True)
        assert located is not None
        _Interpreter(problems).run(located)
    problems.raise_if_any()
    assert claims is not None
    return claims


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = len(
            data[data.rfind(b"\n", 0, error.start) + 1 : error.start].decode(errors="replace")
        )
        raise ClaimFileError(
            name,
            [
                Problem(
                    name,
                    line,
                    column + 1,
                    "",
                    "text encoded as UTF-8",
                    f"the byte {data[error.start]:#04x}",
                )
            ],
        ) from None


def read_claim_file(path: StrPath) -> ClaimSet:
    """Read claims from a YAML (``.yaml``, ``.yml``), JSON (``.json``) or CSV (``.csv``) file.

    The format follows the file name's ending, never a guess from the content.
    """
    name = os.fspath(path)
    suffix = Path(name).suffix.lower()
    if suffix not in (".yaml", ".yml", ".json", ".csv"):
        raise ClaimFileError(
            name, [Problem(name, None, None, "", _SUFFIXES, repr(suffix) if suffix else "none")]
        )
    text = _decode(Path(name).read_bytes(), name)
    if suffix == ".json":
        return parse_claim_json(text, name=name)
    if suffix == ".csv":
        return parse_claim_csv(text, name=name)
    return parse_claim_yaml(text, name=name)


_SUFFIXES = "a file name ending in .yaml, .yml, .json or .csv"


def claim_file_schema() -> dict[str, Any]:
    """The JSON Schema of the claim-file format, as shipped in ``provenance/data``.

    Editors that understand JSON Schema use it to complete and check claim files as
    they are typed; :func:`read_claim_file` checks more than the schema can say
    (that references resolve, that times exist, that records do not clash).
    """
    text = resources.files("provenance").joinpath("data/claim-file.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


# =========================================================================== writing


def _slug_words(text: str, words: int) -> str:
    """A readable id from a name: its first words, lower case, joined by hyphens, accents
    dropped; non-Latin letters are kept, so a Persian name gives a Persian id."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    parts = [w.replace("_", "") for w in re.findall(r"\w+", plain.lower())]
    return "-".join([p for p in parts if p][:words])[:60].strip("-")


def _name_stem(name: str, aliases: Iterable[str]) -> str:
    """An id for a named record: its name, or a short alias for a long name ("ITIC")."""
    words = _slug_words(name, 99).split("-")
    if len(words) <= 3:
        return "-".join(words)
    short = [_slug_words(a, 99) for a in sorted(aliases, key=lambda a: (len(a), a))]
    short = [a for a in short if a and a.count("-") < 3]
    return short[0] if short else _slug_words(name, 4)


def _assign(records: Iterable[Any], base: Callable[[Any], str], fallback: str) -> dict[Any, str]:
    """Ids for records, in order: the base name, or the base name with -2, -3… when taken."""
    ids: dict[Any, str] = {}
    taken: set[str] = set()
    for record in records:
        stem = base(record) or fallback
        ident = stem
        number = 2
        while ident in taken:
            ident = f"{stem}-{number}"
            number += 1
        taken.add(ident)
        ids[record] = ident
    return ids


def _stance_stem(stance: Stance) -> str:
    stem = _slug_words(stance.label, 4) or "stance"
    try:
        Stance.named(stem)
    except UnknownStanceError:
        return stem
    return f"{stem}-own"


@attrs.frozen
class _Ids:
    """The ids a collection's records get in a file: readable, unique, deterministic."""

    outlets: dict[Outlet, str]
    agents: dict[Agent, str]
    sources: dict[Source, str]
    propositions: dict[Proposition, str]
    stances: dict[Stance, str]
    claims: dict[Claim, str]

    @classmethod
    def of(cls, claims: ClaimSet) -> _Ids:
        """Ids in the order records are written, which does not depend on the order they
        were added in: chronological sources, claims in the order of their sources,
        propositions in the order of their first claim, names alphabetical."""
        cache: dict[Record, str] = {}

        def key(record: Record) -> str:
            return digest(record, cache)

        outlets = _assign(
            sorted(claims.outlets, key=lambda o: (o.name.casefold(), o.name, key(o))),
            lambda o: _name_stem(o.name, o.aliases),
            "outlet",
        )
        agents = _assign(
            sorted(claims.agents, key=lambda a: (a.name.casefold(), a.name, a.kind.value, key(a))),
            lambda a: _name_stem(a.name, a.aliases),
            "agent",
        )

        def source_stem(source: Source) -> str:
            stem = outlets[source.outlet]
            if source.published is not None:
                when = source.published
                if isinstance(when, dt.datetime):
                    when = when.date()
                stem += "-" + time_lexical(when)
            return stem

        ordered_sources = sorted(
            claims.sources,
            key=lambda s: (
                _when(s.published),
                s.outlet.name.casefold(),
                s.title or "",
                key(s),
            ),
        )
        sources = _assign(ordered_sources, source_stem, "source")
        position = {source: index for index, source in enumerate(sources)}
        ordered_claims = sorted(
            claims.claims,
            key=lambda c: (
                position[c.source],
                c.claimant.name.casefold(),
                c.stance.label,
                _when(c.made_at),
                key(c),
            ),
        )
        used = dict.fromkeys(c.proposition for c in ordered_claims)
        unused = sorted(
            (p for p in claims.propositions if p not in used), key=lambda p: (p.text, key(p))
        )
        propositions = _assign([*used, *unused], lambda p: _slug_words(p.text, 6), "proposition")
        custom = dict.fromkeys(c.stance for c in ordered_claims if not c.stance.is_builtin)
        stances = _assign(custom, _stance_stem, "stance")
        claim_ids = _assign(
            ordered_claims,
            lambda c: agents[c.claimant] + "-" + (_slug_words(c.stance.label, 4) or "claim"),
            "claim",
        )
        return cls(outlets, agents, sources, propositions, stances, claim_ids)


def _when(value: Time | None) -> tuple[str, str]:
    """A time's place in chronological order; undated things come first."""
    if value is None:
        return ("", "")
    return (time_bounds(value)[0].isoformat(), time_lexical(value))


class _Timestamp(str):
    """A time's text, written unquoted in YAML where YAML reads it as a timestamp."""

    __slots__ = ()


class _Flow(list[Any]):
    """A short list written on one line: ``[a, b]``."""

    __slots__ = ()


class _FlowMap(dict[str, Any]):
    """A small mapping written on one line: ``{grade: C, start: 2019}``."""

    __slots__ = ()


def _time_value(value: Time) -> Any:
    if isinstance(value, Year):
        return value.year
    if isinstance(value, YearMonth):
        return str(value)
    return _Timestamp(time_lexical(value))


def _flow_time(value: Time) -> Any:
    """A time inside ``{…}``, where an instant's colons force quotes: quoted as plain text,
    which both of PyYAML's emitters write alike (with a timestamp tag they differ)."""
    if isinstance(value, dt.datetime):
        return time_lexical(value)
    return _time_value(value)


def _grades_value(grades: frozenset[ReliabilityGrade]) -> Any:
    ordered = sorted(grades, key=lambda g: (_when(g.start), _when(g.end), g.grade.value))
    if len(ordered) == 1 and ordered[0].start is None and ordered[0].end is None:
        return ordered[0].grade.value
    out: list[Any] = []
    for grade in ordered:
        if grade.start is None and grade.end is None:
            out.append(grade.grade.value)
            continue
        item = _FlowMap(grade=grade.grade.value)
        for name, when in (("start", grade.start), ("end", grade.end)):
            if when is not None:
                item[name] = _flow_time(when)
        out.append(item)
    return out


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    if value is not None and value not in ([], frozenset()):
        target[key] = value


def _document(claims: ClaimSet) -> dict[str, Any]:
    """The claim file's content, as plain data in the order it is written."""
    ids = _Ids.of(claims)
    doc: dict[str, Any] = {"version": FORMAT_VERSION}
    if ids.outlets:
        doc["outlets"] = {}
        for outlet in ids.outlets:
            item: dict[str, Any] = {"name": outlet.name, "kind": outlet.kind.value}
            _put(item, "aliases", _Flow(sorted(outlet.aliases)))
            _put(item, "url", outlet.url)
            _put(item, "language", outlet.language)
            if outlet.reliability:
                item["reliability"] = _grades_value(outlet.reliability)
            doc["outlets"][ids.outlets[outlet]] = item
    if ids.agents:
        doc["agents"] = {}
        for agent in ids.agents:
            item = {"name": agent.name, "kind": agent.kind.value}
            _put(item, "aliases", _Flow(sorted(agent.aliases)))
            if agent.on_behalf_of is not None:
                item["on_behalf_of"] = ids.agents[agent.on_behalf_of]
            _put(item, "description", agent.description)
            if agent.reliability:
                item["reliability"] = _grades_value(agent.reliability)
            doc["agents"][ids.agents[agent]] = item
    if ids.sources:
        doc["sources"] = {}
        for source in ids.sources:
            item = {"outlet": ids.outlets[source.outlet]}
            if source.published is not None:
                item["published"] = _time_value(source.published)
            _put(item, "title", source.title)
            _put(item, "url", source.url)
            _put(item, "language", source.language)
            links = sorted(
                ((ids.sources[d.source], d.kind) for d in source.derived_from),
                key=lambda pair: (pair[0], pair[1].value),
            )
            if links:
                item["derived_from"] = [
                    ident
                    if kind is DerivationKind.DERIVED
                    else _FlowMap(source=ident, kind=kind.value)
                    for ident, kind in links
                ]
            doc["sources"][ids.sources[source]] = item
    if ids.propositions:
        doc["propositions"] = {}
        for proposition in ids.propositions:
            item = {"text": proposition.text}
            _put(item, "language", proposition.language)
            doc["propositions"][ids.propositions[proposition]] = item
    if ids.stances:
        doc["stances"] = {
            ident: {"iri": s.iri, "label": s.label, "polarity": s.polarity.value}
            for s, ident in ids.stances.items()
        }
    if ids.claims:
        doc["claims"] = {}
        for claim in ids.claims:
            item = {
                "proposition": ids.propositions[claim.proposition],
                "claimant": ids.agents[claim.claimant],
                "source": ids.sources[claim.source],
                "stance": claim.stance.label
                if claim.stance.is_builtin
                else ids.stances[claim.stance],
            }
            if claim.confidence is not None:
                item["confidence"] = _confidence_value(claim.confidence)
            if claim.credibility is not None:
                item["credibility"] = claim.credibility.value
            if claim.analytic_confidence is not None:
                item["analytic_confidence"] = claim.analytic_confidence.label
            if claim.made_at is not None:
                item["made_at"] = _time_value(claim.made_at)
            _put(item, "text", claim.text)
            _put(item, "language", claim.language)
            _put(item, "supports", _Flow(sorted(ids.claims[c] for c in claim.supports)))
            _put(item, "contests", _Flow(sorted(ids.claims[c] for c in claim.contests)))
            doc["claims"][ids.claims[claim]] = item
    return doc


def _plain_float(value: float) -> str:
    """A float in plain decimal notation, with the fewest digits that read back as the same
    float: ``0.8``, ``1.0``, ``0.00001`` where ``repr`` gives ``1e-05``, which readers of
    claim files refuse (a confidence is written one way in every format)."""
    text = repr(value)
    if "e" in text:
        text = format(Decimal(text), "f")
        if "." not in text:
            text += ".0"
    return text


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|(-?[0-9]+(?:\.[0-9]+)?[eE][-+]?[0-9]+)')
"""A JSON string, or a number in exponent notation, which is rewritten."""


def _plain_json_numbers(text: str) -> str:
    """JSON text with every number in exponent notation rewritten in plain notation: the
    encoder writes floats by ``repr`` and offers no hook for it."""
    return _JSON_TOKEN.sub(lambda m: _plain_float(float(m[1])) if m[1] else m[0], text)


def _confidence_value(confidence: Confidence) -> Any:
    value, term, wording = confidence.value, confidence.term, confidence.wording
    if wording is None and term is None:
        return value
    if wording is None and value is None:
        assert term is not None
        return term.label
    out = _FlowMap()
    if value is not None:
        out["value"] = value
    if term is not None:
        out["term"] = term.label
    if wording is not None:
        out["wording"] = wording
    return out


_HEADER = (
    f"# A provenance claim file, format version {FORMAT_VERSION} "
    "(the format is described in docs/claim-files.md).\n"
)
_LINE_BREAKS = re.compile("[\r\x85\u2028\u2029]")


def _dumper(base: Any) -> Any:
    """A dumper over ``base`` (libyaml's or PyYAML's own) that writes our plain data."""

    class Dumper(base):  # type: ignore[misc]
        def ignore_aliases(self, data: Any) -> bool:
            return True

    def text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
        # Several lines read best as a literal block. PyYAML would write the other line
        # breaks (CR, NEL, LS, PS) raw inside quotes, where a reader folds them; only
        # double quotes escape them.
        if _LINE_BREAKS.search(data):
            style: str | None = '"'
        elif "\n" in data:
            style = "|"
        else:
            style = None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    def timestamp(dumper: yaml.SafeDumper, data: _Timestamp) -> yaml.ScalarNode:
        tag = dumper.resolve(yaml.ScalarNode, str(data), (True, False))  # type: ignore[no-untyped-call]
        if tag != "tag:yaml.org,2002:timestamp":
            tag = "tag:yaml.org,2002:str"
        return dumper.represent_scalar(tag, str(data))

    def flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.SequenceNode:
        return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)

    def flow_map(dumper: yaml.SafeDumper, data: _FlowMap) -> yaml.MappingNode:
        return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)

    def number(dumper: yaml.SafeDumper, data: float) -> yaml.ScalarNode:
        return dumper.represent_scalar("tag:yaml.org,2002:float", _plain_float(data))

    Dumper.add_representer(str, text)
    Dumper.add_representer(_Timestamp, timestamp)
    Dumper.add_representer(_Flow, flow)
    Dumper.add_representer(_FlowMap, flow_map)
    Dumper.add_representer(float, number)
    return Dumper


def _dump(document: dict[str, Any], base: Any) -> str:
    return yaml.dump(
        document,
        Dumper=_dumper(base),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=2**30,
        indent=2,
    )


def serialize_claim_yaml(claims: ClaimSet) -> str:
    """The claims as a YAML claim file: every field, stable order, readable ids."""
    document = _document(claims)
    # libyaml's emitter is several times faster than PyYAML's own, and writes the same
    # text except that it escapes every character beyond U+FFFF (emoji become \U0001F680).
    # Such text is written again by PyYAML's emitter, which keeps the characters.
    fast = getattr(yaml, "CSafeDumper", None)
    body = None if fast is None else _dump(document, fast)
    if body is None or "\\U" in body:
        body = _dump(document, yaml.SafeDumper)
    return _HEADER + body


def serialize_claim_json(claims: ClaimSet) -> str:
    """The claims as a JSON claim file, with the YAML format's structure."""
    document = _document(claims)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    exponents = any(
        "e" in repr(c.confidence.value)
        for c in claims.claims
        if c.confidence is not None and c.confidence.value is not None
    )
    return _plain_json_numbers(text) if exponents else text


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
        raise ClaimFileError(
            name, [Problem(name, None, None, "", _SUFFIXES, repr(suffix) if suffix else "none")]
        )
    with atomic_write(path) as handle:
        handle.write(text.encode("utf-8"))


# =========================================================================== CSV

CSV_COLUMNS: Final = (
    "id",
    "proposition",
    "proposition_language",
    "claimant",
    "claimant_kind",
    "claimant_for",
    "claimant_for_kind",
    "outlet",
    "outlet_kind",
    "published",
    "source_title",
    "source_url",
    "source_language",
    "stance",
    "stance_iri",
    "stance_polarity",
    "confidence",
    "estimative_term",
    "estimative_wording",
    "credibility",
    "analytic_confidence",
    "made_at",
    "text",
    "language",
    "supports",
    "contests",
)
"""The columns of a CSV claim file, in the order they are written.

One row is one claim. ``proposition``, ``claimant``, ``outlet`` and ``stance`` are
required; every other column may be left out or left empty. ``claimant_for`` names the
agent the claimant speaks for; ``stance_iri`` and ``stance_polarity`` define a stance of
one's own; ``supports`` and ``contests`` list the ``id`` of other rows, separated by
semicolons. A CSV file cannot hold aliases, descriptions, reliability grades, an
outlet's URL or language, what a source derives from, or records no claim refers to:
use a YAML claim file for those.
"""

_CSV_REQUIRED = ("proposition", "claimant", "outlet", "stance")


def _cell(value: str, line: int, column: str) -> _Node:
    return _Node(_TEXT, value, value, line, None, column)


class _Synthesis:
    """A claim document built from CSV rows, each value located at its row and column.

    Outlets, agents, sources, propositions and stances are gathered by what identifies
    them, and get ids of their own; a row that describes one of them differently from
    an earlier row is reported. The document then goes through the same interpreter
    as a YAML file, so CSV gets the same checks and the same messages.
    """

    def __init__(self, problems: _Problems) -> None:
        self.problems = problems
        self.sections: dict[str, dict[tuple[Any, ...], tuple[str, int, dict[str, _Node]]]] = {
            section: {} for section in _SPEC
        }
        self.claims: list[tuple[_Node, dict[str, _Node]]] = []
        self.claim_lines: dict[str, int] = {}

    def record(
        self, section: str, identity: tuple[Any, ...], fields: dict[str, _Node], line: int
    ) -> str:
        """The id of the record with this identity, made from this row if it is the first."""
        noun = _SPEC[section][0]
        held = self.sections[section].get(identity)
        if held is None:
            ident = f"{noun}-{len(self.sections[section]) + 1}"
            self.sections[section][identity] = (ident, line, dict(fields))
            return ident
        ident, first_line, known = held
        for name, node in fields.items():
            if name not in known:
                known[name] = node  # an empty cell earlier said nothing about it
            elif known[name].value != node.value:
                self.problems.add(
                    node,
                    name,
                    f"{_describe(known[name])}, as line {first_line} has it for the same {noun}",
                    _describe(node),
                )
        return ident

    def row(self, line: int, row: dict[str, str]) -> None:
        def cell(column: str, default: str | None = None) -> _Node | None:
            value = row.get(column)
            if value is None or not value.strip():
                return None if default is None else _cell(default, line, column)
            return _cell(value, line, column)

        def present(**fields: _Node | None) -> dict[str, _Node]:
            return {k: v for k, v in fields.items() if v is not None}

        missing = [c for c in _CSV_REQUIRED if cell(c) is None]
        for column in missing:
            self.problems.at(line, None, column, "a value in this column", "an empty cell")
        proposition, claimant, outlet, stance = (cell(c) for c in _CSV_REQUIRED)
        if proposition is None or claimant is None or outlet is None or stance is None:
            return

        language = cell("proposition_language")
        p_id = self.record(
            "propositions",
            (proposition.value, language and language.value),
            present(text=proposition, language=language),
            line,
        )
        kind = cell("claimant_kind", "person")
        assert kind is not None
        agent = present(name=claimant, kind=kind)
        principal = cell("claimant_for")
        if principal is not None:
            principal_kind = cell("claimant_for_kind", "organization")
            assert principal_kind is not None
            agent["on_behalf_of"] = _cell(
                self.record(
                    "agents",
                    (principal_kind.value, principal.value),
                    present(name=principal, kind=principal_kind),
                    line,
                ),
                line,
                "claimant_for",
            )
        a_id = self.record("agents", (kind.value, claimant.value), agent, line)
        o_id = self.record(
            "outlets",
            (outlet.value,),
            present(name=outlet, kind=cell("outlet_kind", "other")),
            line,
        )
        source = present(
            published=cell("published"),
            title=cell("source_title"),
            url=cell("source_url"),
            language=cell("source_language"),
        )
        s_id = self.record(
            "sources",
            (o_id, *((n.value if (n := source.get(f)) else None) for f in _SOURCE_FIELDS)),
            {"outlet": _cell(o_id, line, "outlet"), **source},
            line,
        )
        stance_iri = cell("stance_iri")
        if stance_iri is not None:
            polarity = cell("stance_polarity", " ")
            assert polarity is not None
            stance = _cell(
                self.record(
                    "stances",
                    (stance_iri.value,),
                    {"iri": stance_iri, "label": stance, "polarity": polarity},
                    line,
                ),
                line,
                "stance",
            )

        given = cell("id")
        ident = f"row-{line}" if given is None else given.value
        key = _Node(_TEXT, ident, ident, line, None, "id")
        if not _ID.match(ident):
            self.problems.add(key, "id", _ID_EXPECTED, repr(ident))
            return
        if ident in self.claim_lines:
            self.problems.add(
                key,
                "id",
                "each id once",
                f"{ident!r} again (first on line {self.claim_lines[ident]})",
            )
            return
        self.claim_lines[ident] = line
        fields = {
            "proposition": _cell(p_id, line, "proposition"),
            "claimant": _cell(a_id, line, "claimant"),
            "source": _cell(s_id, line, "outlet"),
            "stance": stance,
        }
        confidence = [
            (_cell(name, line, column), _number(node) if name == "value" else node)
            for name, column in (
                ("value", "confidence"),
                ("term", "estimative_term"),
                ("wording", "estimative_wording"),
            )
            if (node := cell(column)) is not None
        ]
        if confidence:
            fields["confidence"] = _Node(_MAP, confidence, "", line, None, "confidence")
        credibility = cell("credibility")
        if credibility is not None:
            fields["credibility"] = _number(credibility)
        for name in ("analytic_confidence", "made_at", "text", "language"):
            node = cell(name)
            if node is not None:
                fields[name] = node
        for name in ("supports", "contests"):
            node = cell(name)
            if node is not None:
                targets = [t.strip() for t in node.value.split(";") if t.strip()]
                fields[name] = _Node(
                    _LIST, [_cell(t, line, name) for t in targets], node.raw, line, None, name
                )
        self.claims.append((key, fields))

    def document(self) -> _Node:
        def mapping(items: list[tuple[_Node, _Node]], line: int = 1) -> _Node:
            return _Node(_MAP, items, "", line, None)

        def record(fields: dict[str, _Node], line: int) -> _Node:
            return mapping([(_cell(name, line, name), node) for name, node in fields.items()], line)

        top = [(_cell("version", 1, "version"), _Node(_INTEGER, FORMAT_VERSION, "1", 1, None))]
        for section in ("outlets", "agents", "sources", "propositions", "stances"):
            entries = [
                (_Node(_TEXT, ident, ident, line, None, "row"), record(fields, line))
                for ident, line, fields in self.sections[section].values()
            ]
            top.append((_cell(section, 1, section), mapping(entries)))
        claims = [(key, record(fields, key.line or 1)) for key, fields in self.claims]
        top.append((_cell("claims", 1, "claims"), mapping(claims)))
        return mapping(top)


_SOURCE_FIELDS = ("published", "title", "url", "language")


def _number(node: _Node) -> _Node:
    """A CSV cell holding a number, as the number, with the cell's text as written (so the
    reader can hold it to plain notation as for YAML and JSON); other text stays text."""
    text = node.value
    try:
        if re.fullmatch(r"\s*[+-]?[0-9]+\s*", text):
            return _Node(_INTEGER, int(text), text, node.line, None, node.label)
        return _Node(_NUMBER, float(text), text, node.line, None, node.label)
    except ValueError:
        return node


_FORMULA_STARTS = "=+-@\t\r"
"""What makes a spreadsheet read a cell as a formula (OWASP's list of CSV injection starts)."""
_ESCAPE = "'"


def _csv_cell(text: str) -> str:
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


def _csv_text_of(cell: str) -> str:
    """The text a data cell holds: :func:`_csv_cell` undone."""
    return cell[1:] if cell[:1] == _ESCAPE else cell


class _CsvSyntaxError(Exception):
    """CSV that is not well formed, with the line and what was expected there."""

    def __init__(self, line: int, expected: str, found: str) -> None:
        super().__init__(expected)
        self.line, self.expected, self.found = line, expected, found


_CSV_QUOTED = re.compile(r'"([^"]*+(?:""[^"]*+)*+)"')
_CSV_PLAIN = re.compile(r'(?:[^,"\r\n][^,\r\n]*+)?')


def _csv_records(text: str) -> Iterator[tuple[int, list[str]]]:
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
                    raise _CsvSyntaxError(
                        line,
                        f"valid CSV: a closing quote for the field opened on line {line}",
                        "the end of the file",
                    )
                value = match[1].replace('""', '"')
                line += value.count("\n") + value.count("\r") - value.count("\r\n")
                position = match.end()
                if position < end and text[position] not in ",\r\n":
                    raise _CsvSyntaxError(
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


def parse_claim_csv(text: str, *, name: str = "<string>") -> ClaimSet:
    """Read claims from CSV text, one claim a row, with the columns of :data:`CSV_COLUMNS`.

    The first row names the columns, in any order. A data cell that starts with an
    apostrophe holds the text after it: the writer puts one in front of a text that a
    spreadsheet would take for a formula (``=``, ``+``, ``-``, ``@``, tab, carriage
    return) or that starts with an apostrophe itself. Raises :class:`ClaimFileError`
    listing every problem with its line and column name.
    """
    problems = _Problems(name)
    if not _encodable(text, problems):
        problems.raise_if_any()
    reader = _csv_records(text.removeprefix("\ufeff"))
    try:
        header = next(reader, (1, None))[1]
    except _CsvSyntaxError as error:
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
                "one of the columns " + ", ".join(CSV_COLUMNS) + _suggest(column, CSV_COLUMNS),
                repr(column),
            )
        elif columns.index(column) != index:
            problems.at(1, None, column, "each column once", f"{column!r} again")
    for column in _CSV_REQUIRED:
        if column not in columns:
            problems.at(1, None, column, f"the column {column!r}", "none")
    problems.raise_if_any()

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        while True:
            try:
                line, row = next(reader)
            except StopIteration:
                return
            except _CsvSyntaxError as error:
                problems.at(error.line, None, "", error.expected, error.found)
                return
            row = [_csv_text_of(cell) for cell in row]
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

    synthesis = _Synthesis(problems)
    for line, row in rows():
        synthesis.row(line, row)
    claims = _Interpreter(problems, flag_duplicates=False).run(synthesis.document())
    problems.raise_if_any()
    assert claims is not None
    return claims


def read_claim_csv(path: StrPath) -> ClaimSet:
    """Read claims from a CSV file (UTF-8, with or without a byte-order mark)."""
    name = os.fspath(path)
    return parse_claim_csv(_decode(Path(name).read_bytes(), name), name=name)


def _csv_rows(claims: ClaimSet) -> Iterator[list[str]]:
    ids = _Ids.of(claims)
    yield list(CSV_COLUMNS)
    for claim in ids.claims:
        agent, source, stance = claim.claimant, claim.source, claim.stance
        principal = agent.on_behalf_of
        confidence = claim.confidence
        row = {
            "id": ids.claims[claim],
            "proposition": claim.proposition.text,
            "proposition_language": claim.proposition.language,
            "claimant": agent.name,
            "claimant_kind": agent.kind.value,
            "claimant_for": principal and principal.name,
            "claimant_for_kind": principal and principal.kind.value,
            "outlet": source.outlet.name,
            "outlet_kind": source.outlet.kind.value,
            "published": None if source.published is None else time_lexical(source.published),
            "source_title": source.title,
            "source_url": source.url,
            "source_language": source.language,
            "stance": stance.label,
            "stance_iri": None if stance.is_builtin else stance.iri,
            "stance_polarity": None if stance.is_builtin else stance.polarity.value,
            "confidence": None
            if confidence is None or confidence.value is None
            else _plain_float(confidence.value),
            "estimative_term": None
            if confidence is None or confidence.term is None
            else confidence.term.label,
            "estimative_wording": None if confidence is None else confidence.wording,
            "credibility": None if claim.credibility is None else str(claim.credibility.value),
            "analytic_confidence": None
            if claim.analytic_confidence is None
            else claim.analytic_confidence.label,
            "made_at": None if claim.made_at is None else time_lexical(claim.made_at),
            "text": claim.text,
            "language": claim.language,
            "supports": ";".join(sorted(ids.claims[c] for c in claim.supports)) or None,
            "contests": ";".join(sorted(ids.claims[c] for c in claim.contests)) or None,
        }
        yield ["" if row[c] is None else _csv_cell(str(row[c])) for c in CSV_COLUMNS]


def _csv_text(claims: ClaimSet) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(_csv_rows(claims))
    return buffer.getvalue()


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
        return f"of {record.claimant.name!r} on {_quote(record.proposition.text, 40)}"
    if isinstance(record, Source):
        return f"of {record.outlet.name!r}"
    if isinstance(record, Proposition):
        return _quote(record.text, 40)
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
    text = _csv_text(claims)
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
