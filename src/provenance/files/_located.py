"""The located trees of YAML and JSON claim files: every value with its line and column.

A claim file is first read into :class:`Node` values, each knowing where it was written
and, for scalars, the text as written (so a time or a number is judged by how it was
written, whatever type YAML or JSON gave it). Nothing in a file is run: YAML is composed
into nodes at ``yaml.safe_load`` level or below, with tags and aliases turned into
refused values rather than constructed; JSON is parsed by the standard library and
located again only when there is a problem to show. Syntax errors become one located
:class:`~._problems.Problem` in words that fit "expected …, found …".
"""

from __future__ import annotations

import bisect
import functools
import json
import os
import re
from collections.abc import Callable
from typing import Any

import attrs
import yaml

from ..errors import ClaimFileError, Problem
from ._problems import Problems

__all__ = [
    "BOOLEAN",
    "DATE",
    "INTEGER",
    "LIST",
    "MAP",
    "NULL",
    "NUMBER",
    "NUMBER_REFUSALS",
    "REFUSED",
    "TEXT",
    "Node",
    "StrPath",
    "decode",
    "describe",
    "encodable",
    "json_tree",
    "loaders",
    "quote",
    "yaml_tree",
]

StrPath = str | os.PathLike[str]

TEXT, INTEGER, NUMBER, BOOLEAN, NULL, DATE, MAP, LIST, REFUSED = (
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
class Node:
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


def describe(node: Node) -> str:
    """What a value is, for "found …" in a message."""
    if node.kind == TEXT:
        return quote(node.value)
    if node.kind in (INTEGER, NUMBER):
        return f"the number {node.raw}"
    if node.kind == BOOLEAN:
        return f"{node.raw}, which YAML reads as {'true' if node.value else 'false'}"
    if node.kind == NULL:
        return "nothing"
    if node.kind == DATE:
        return quote(node.raw)
    if node.kind == MAP:
        return "a mapping"
    if node.kind == LIST:
        return "a list"
    return str(node.value[1])


def quote(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


# --------------------------------------------------------------------------- YAML

_YAML_SCALARS = {
    "tag:yaml.org,2002:str": TEXT,
    "tag:yaml.org,2002:int": INTEGER,
    "tag:yaml.org,2002:float": NUMBER,
    "tag:yaml.org,2002:bool": BOOLEAN,
    "tag:yaml.org,2002:null": NULL,
    "tag:yaml.org,2002:timestamp": DATE,
}
_CONSTRUCT: dict[str, Callable[[Any, Any], Any]] = {
    INTEGER: yaml.constructor.SafeConstructor.construct_yaml_int,
    NUMBER: yaml.constructor.SafeConstructor.construct_yaml_float,
    BOOLEAN: yaml.constructor.SafeConstructor.construct_yaml_bool,
    NULL: yaml.constructor.SafeConstructor.construct_yaml_null,
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
def loaders() -> tuple[Any, Any]:
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


def encodable(text: str, problems: Problems) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        line, column = _position(text, error.start)
        problems.at(line, column, "", "text that UTF-8 can encode", "an unpaired surrogate")
        return False
    return True


def yaml_tree(text: str, problems: Problems) -> Node | None:
    text = text.removeprefix("\ufeff")
    if not encodable(text, problems):
        return None
    fast, marking = loaders()
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


def _from_yaml(root: yaml.Node) -> Node:
    """Turn composed YAML nodes into located values, without recursion."""
    constructor = yaml.constructor.SafeConstructor()

    def scalar(node: yaml.Node) -> Node:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        kind = _YAML_SCALARS.get(node.tag)
        if node.tag == _ALIAS_TAG:
            return Node(REFUSED, (_REFUSED_ALIAS, "an alias"), "", line, column)
        if kind is None or not isinstance(node, yaml.ScalarNode):
            tag = str(node.tag).replace("tag:yaml.org,2002:", "!!", 1)
            return Node(REFUSED, (_REFUSED_TAG, f"the tag {tag}"), "", line, column)
        raw = str(node.value)
        if kind in (TEXT, DATE):
            value: Any = raw
        else:
            try:
                value = _CONSTRUCT[kind](constructor, node)
            except (ValueError, yaml.YAMLError):  # an explicit tag on text it cannot hold
                why = ("a value its tag can hold", f"{raw!r} tagged {node.tag}")
                return Node(REFUSED, why, raw, line, column)
        return Node(kind, value, raw, line, column)

    def shell(node: yaml.Node) -> Node:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if isinstance(node, yaml.MappingNode) and node.tag == "tag:yaml.org,2002:map":
            return Node(MAP, {}, "", line, column)
        if isinstance(node, yaml.SequenceNode) and node.tag == "tag:yaml.org,2002:seq":
            return Node(LIST, [], "", line, column)
        return scalar(node)

    top = shell(root)
    stack: list[tuple[yaml.Node, Node]] = [(root, top)]
    while stack:
        node, out = stack.pop()
        if out.kind == MAP:
            entries: list[tuple[Node, Node]] = []
            for key, value in node.value:
                pair = (shell(key), shell(value))
                entries.append(pair)
                stack.append((value, pair[1]))
                stack.append((key, pair[0]))
            out.value = entries
        elif out.kind == LIST:
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

    def scalar(self, i: int, line: int, column: int) -> tuple[Node, int]:
        text = self.text
        if text[i] == '"':
            value, end = _STRINGS.raw_decode(text, i)
            return Node(TEXT, value, value, line, column), end
        for word, kind, value in (
            ("true", BOOLEAN, True),
            ("false", BOOLEAN, False),
            ("null", NULL, None),
        ):
            if text.startswith(word, i):
                return Node(kind, value, word, line, column), i + len(word)
        match = _JSON_NUMBER.match(text, i)
        if match is not None:
            raw = match.group()
            return _json_number(raw, bool(match.group(1) or match.group(2)), line, column), (
                match.end()
            )
        # NaN, Infinity, -Infinity: Python's parser reads them, JSON has none
        raw = next(w for w in ("NaN", "Infinity", "-Infinity") if text.startswith(w, i))
        return Node(REFUSED, (*_NOT_JSON, raw), raw, line, column), i + len(raw)

    def read(self) -> Node:
        """The located value of the whole (valid) document, read without recursion."""
        text = self.text
        stack: list[Node] = []
        keys: list[Node | None] = []
        root: Node | None = None

        def attach(node: Node) -> None:
            nonlocal root
            if not stack:
                root = node
            elif stack[-1].kind == LIST:
                stack[-1].value.append(node)
            else:
                stack[-1].value.append((keys[-1], node))

        def read_key(i: int) -> int:
            i = self.skip(i)
            line, column = self.where(i)
            key, i = _STRINGS.raw_decode(text, i)
            keys[-1] = Node(TEXT, key, key, line, column)
            return self.skip(i) + 1  # past the colon

        i = 0
        while True:
            i = self.skip(i)
            line, column = self.where(i)
            if text[i] in "{[":
                node = Node(MAP if text[i] == "{" else LIST, [], "", line, column)
                attach(node)
                i = self.skip(i + 1)
                if text[i] in "}]":
                    i += 1
                else:
                    stack.append(node)
                    keys.append(None)
                    if node.kind == MAP:
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
                    if stack[-1].kind == MAP:
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


def _json_number(raw: str, fraction: bool, line: int | None, column: int | None) -> Node:
    """A JSON number that keeps its lexical form, so numbers follow one rule in every format."""
    if fraction:
        return Node(NUMBER, float(raw), raw, line, column)
    try:
        return Node(INTEGER, int(raw), raw, line, column)
    except ValueError:  # more digits than Python converts
        digits = len(raw.lstrip("-"))
        why = (_FEWER_DIGITS, f"a number of {digits:,} digits")
        return Node(REFUSED, why, raw, line, column)


def _json_value(value: Any) -> Node:
    """Plain JSON data as values without positions, for the fast path of valid files."""
    top = Node(NULL, None, "null", None, None)
    stack: list[tuple[Any, Node]] = [(value, top)]
    while stack:
        value, out = stack.pop()
        if isinstance(value, _Pairs):
            out.kind, out.value, out.raw = MAP, [], ""
            for key, item in value:
                node = Node(NULL, None, "null", None, None)
                out.value.append((Node(TEXT, key, key, None, None), node))
                stack.append((item, node))
        elif isinstance(value, list):
            out.kind, out.value, out.raw = LIST, [], ""
            for item in value:
                node = Node(NULL, None, "null", None, None)
                out.value.append(node)
                stack.append((item, node))
        elif isinstance(value, _Constant):
            out.kind, out.value, out.raw = REFUSED, (*_NOT_JSON, str(value)), str(value)
        elif isinstance(value, _Fraction | _Whole):
            number = _json_number(str(value), isinstance(value, _Fraction), None, None)
            out.kind, out.value, out.raw = number.kind, number.value, number.raw
        elif isinstance(value, str):
            out.kind, out.value, out.raw = TEXT, value, value
        elif isinstance(value, bool):
            out.kind, out.value, out.raw = BOOLEAN, value, "true" if value else "false"
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
NUMBER_REFUSALS = (_NOT_JSON[0], _FEWER_DIGITS)


def json_tree(text: str, problems: Problems, *, located: bool) -> Node | None:
    """The document's values; with ``located``, each knows its line and column.

    Locating every value costs more than reading the file, so a file is first read
    without positions and read again with them only when there is a problem to show.
    """
    text = text.removeprefix("\ufeff")
    if not encodable(text, problems):
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


def decode(data: bytes, name: str) -> str:
    """A file's bytes as text; bytes that are not UTF-8 are one problem naming the line,
    column and byte."""
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
