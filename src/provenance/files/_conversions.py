"""Reading each kind of value of a located claim document, as the table declares it.

Each kind of value (:mod:`._kinds`) has its conversion here: text, names, labels chosen
exactly, references resolved to records already built, times, numbers in plain
notation, and the named handlers (grades in their two forms, derivations, a confidence
as a number, a term or a mapping, a stance by label or id). A conversion returns the
model's value or raises :class:`~._scalars.BadValueError` in the words of the problem;
a value that depends on a record that already failed raises
:class:`~._scalars.DependencyError`, so one mistake is one problem.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import Any, TypeAlias

import attrs

from .._model import Confidence, Derivation, ReliabilityGrade, Stance
from .._values import TEXT_EXPECTED, text_fault
from ..errors import ValidationError
from ..scales import EstimativeTerm
from ._kinds import (
    IRI,
    ConfidenceForms,
    Derivations,
    Field,
    Grades,
    Label,
    LanguageTag,
    Names,
    Probability,
    Ref,
    Refs,
    Scale,
    Shape,
    StanceName,
    Term,
    Text,
    Time,
    Value,
    WebAddress,
)
from ._located import (
    BOOLEAN,
    DATE,
    INTEGER,
    LIST,
    MAP,
    NULL,
    NUMBER,
    NUMBER_REFUSALS,
    REFUSED,
    TEXT,
    Node,
)
from ._problems import Problems
from ._scalars import (
    DECIMAL_EXPECTED,
    LOOKS_NUMERIC,
    BadValueError,
    DependencyError,
    choose,
    not_plain,
    parse_time,
    plain_decimal,
    plain_whole,
    suggest,
)
from ._table import (
    BUILTIN_STANCES,
    SECTIONS,
    section,
)

__all__ = ["Conversions", "Convert", "Entry", "allowed", "article", "join", "key_of"]

Convert: TypeAlias = Callable[[Node, str], Any]
"""A field's conversion: the located value and its path → the model's value."""


def join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


@attrs.define
class Entry:
    """One record as written: its section, id, where it is, and its fields."""

    section: str
    id: str
    key: Node
    node: Node
    fields: dict[str, Node]

    @property
    def path(self) -> str:
        return f"{self.section}.{self.id}"


def allowed(fields: Iterable[Field]) -> dict[str, bool]:
    """The keys a mapping may have, each with whether it must."""
    return {f.key: f.required for f in fields}


class Conversions:
    """Reads the values of a located document by their kind, reporting what is wrong.

    The records already built, by section and id, are what references resolve to;
    :class:`~._interpret.Interpreter` fills them in section by section.
    """

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.entries: dict[str, dict[str, Entry]] = {s.name: {} for s in SECTIONS}
        self.built: dict[str, dict[str, Any]] = {s.name: {} for s in SECTIONS}
        self.shapes: dict[type, list[tuple[Field, Convert]]] = {}

    # ------------------------------------------------------------------ reporting

    def bad(self, bad: BadValueError, path: str) -> None:
        self.problems.add(bad.node, bad.path or path, bad.expected, bad.found)

    # ------------------------------------------------------------------ shapes

    @staticmethod
    def refused(node: Node) -> None:
        if node.kind == REFUSED:
            raise BadValueError(node.value[0], node, found=node.value[1])

    def text(self, node: Node, expected: str = "text") -> str:
        self.refused(node)
        if node.kind != TEXT:
            hint = ""
            if node.kind in (INTEGER, NUMBER, BOOLEAN, DATE, NULL) and node.raw:
                hint = f" (write {node.raw!r} in quotes to mean the text)"
            raise BadValueError(expected + hint, node)
        if not node.value.strip():
            raise BadValueError(f"{expected}, not blank", node)
        fault = text_fault(node.value)
        if fault is not None:  # the model's own rule, checked here to locate the character
            raise BadValueError(f"{TEXT_EXPECTED}, not {fault}", node)
        return str(node.value)

    def mapping(self, node: Node, path: str, fields: dict[str, bool]) -> dict[str, Node]:
        """The fields of a mapping; unknown, duplicated and missing fields are reported."""
        self.refused(node)
        if node.kind != MAP:
            raise BadValueError("a mapping of " + ", ".join(fields), node)
        found: dict[str, Node] = {}
        unknown: list[tuple[str, Node]] = []
        for key, value in node.value:
            try:
                name = self.text(key, "a field name")
            except BadValueError as bad:
                self.bad(bad, path)
                continue
            if name in found:
                self.problems.add(
                    key,
                    join(path, name),
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
                expected = "one of the fields " + ", ".join(fields) + suggest(name, fields)
            self.problems.add(key, join(path, name), expected, repr(name))
        for name in missing:
            self.problems.add(node, join(path, name), f"the field {name!r}", "nothing")
        return found

    def items(self, node: Node, example: str) -> list[Node]:
        self.refused(node)
        if node.kind != LIST:
            raise BadValueError(f"a list, such as {example}", node)
        return list(node.value)

    def shaped(self, node: Node, path: str, shape: Shape) -> Any:
        """A value written as a mapping of its shape's fields (``{grade: C, start: 2019}``).

        As for a record, every field is tried, so each wrong one is reported (under the
        path of the field), before giving up with :class:`DependencyError`.
        """
        fields = self.mapping(node, path, allowed(shape.fields))
        converters = self.shapes.get(shape.cls)
        if converters is None:
            converters = self.shapes[shape.cls] = [
                (f, self.converter(f.value)) for f in shape.fields
            ]
        kwargs: dict[str, Any] = {}
        failed = False
        for f, convert in converters:
            value = fields.get(f.key)
            if value is None:
                failed = failed or f.required  # reported as missing by mapping()
                continue
            if value.kind == NULL and not f.required:
                continue
            where = f"{path}.{f.key}"
            try:
                kwargs[f.field] = convert(value, where)
            except BadValueError as bad:
                self.bad(bad, where)
                failed = True
            except DependencyError:
                failed = True
        if failed:
            raise DependencyError
        try:
            return shape.cls(**kwargs)
        except ValidationError as error:
            key = key_of(shape.fields, error.field)
            raise BadValueError(
                error.expected, fields.get(key, node), path=f"{path}.{key}"
            ) from None

    # ------------------------------------------------------------------ kinds of value

    def converter(self, value: Value) -> Convert:
        """The conversion for a kind of value, as the table declares it."""
        if isinstance(value, Text | LanguageTag | IRI | WebAddress):
            return self.plain_text
        if isinstance(value, Names):
            return lambda node, path: self.each(
                node, path, value.example, lambda item, _: self.text(item, value.item)
            )
        if isinstance(value, Label):
            return self.choice(value)
        if isinstance(value, Term):
            return lambda node, path: self.term(node, value)
        if isinstance(value, Ref):
            return self.reference(value.section)
        if isinstance(value, Refs):
            resolve = self.reference(value.section)
            return lambda node, path: self.each(node, path, value.example, resolve)
        if isinstance(value, Time):
            return lambda node, path: parse_time(node)
        if isinstance(value, Probability):
            return lambda node, path: plain_decimal(node)
        if isinstance(value, Scale):
            return lambda node, path: self.scale(node, value)
        if isinstance(value, Grades):
            return lambda node, path: self.grades(node, path, value)
        if isinstance(value, Derivations):
            return lambda node, path: self.derivations(node, path, value)
        if isinstance(value, ConfidenceForms):
            return lambda node, path: self.confidence(node, path, value)
        assert isinstance(value, StanceName)
        return lambda node, path: self.stance(node, value)

    def plain_text(self, node: Node, path: str) -> str:
        return self.text(node)

    def choice(self, label: Label) -> Convert:
        """A converter for an enumerated field, which a file names exactly by its label."""
        choices, what = label.labels, label.what
        expected = f"{what}one of " + ", ".join(repr(c) for c in choices)

        def convert(node: Node, path: str) -> Any:
            return choose(self.text(node, expected), node, choices, what)

        return convert

    def each(self, node: Node, path: str, example: str, convert: Convert) -> list[Any]:
        """A list, each item converted; every wrong item is reported before giving up."""
        found = []
        failed = False
        for index, item in enumerate(self.items(node, example)):
            where = f"{path}[{index}]"
            try:
                found.append(convert(item, where))
            except BadValueError as bad:
                self.bad(bad, where)
                failed = True
            except DependencyError:
                failed = True
        if failed:
            raise DependencyError
        return found

    def reference(self, name: str) -> Convert:
        noun = section(name).noun
        defined = f"the id of {article(noun)} {noun} defined under `{name}`"

        def resolve(node: Node, path: str) -> Any:
            ident = self.text(node, defined)
            if ident not in self.entries[name]:
                known = self.entries[name]
                where = (
                    defined
                    if known
                    else f"the id of {article(noun)} {noun}, but the file defines no {name}"
                )
                raise BadValueError(where + suggest(ident, known), node)
            record = self.built[name].get(ident)
            if record is None:
                raise DependencyError
            return record

        return resolve

    def scale(self, node: Node, value: Scale) -> int:
        grade = plain_whole(node, value.expected)
        low, high = value.bounds
        if not low <= grade <= high:
            raise BadValueError(value.expected, node)
        return grade

    def grades(self, node: Node, path: str, value: Grades) -> list[ReliabilityGrade]:
        """A letter for all time, or a list of letters and mappings."""
        self.refused(node)
        if node.kind == TEXT:
            try:
                return [self.grade(node, path, value)]
            except BadValueError as bad:
                self.bad(bad, path)
                raise DependencyError from None
        return self.each(node, path, value.example, lambda item, at: self.grade(item, at, value))

    def grade(self, node: Node, path: str, value: Grades) -> ReliabilityGrade:
        if node.kind == MAP:
            return self.shaped(node, path, value.shape)  # type: ignore[no-any-return]
        (short,) = [f for f in value.shape.fields if f.key in value.shape.short]
        label = short.value
        assert isinstance(label, Label)
        letter = choose(self.text(node, value.expected), node, label.labels, label.what)
        return value.shape.cls(**{short.field: letter})  # type: ignore[no-any-return]

    def derivations(self, node: Node, path: str, value: Derivations) -> list[Derivation]:
        """Each an id (derived), or a mapping of the source's id and how."""
        shape = value.shape
        (short,) = [f for f in shape.fields if f.key in shape.short]
        resolve = self.converter(short.value)

        def link(item: Node, where: str) -> Derivation:
            if item.kind == MAP:
                return self.shaped(item, where, shape)  # type: ignore[no-any-return]
            return shape.cls(**{short.field: resolve(item, where)})  # type: ignore[no-any-return]

        return self.each(node, path, value.example, link)

    def stance(self, node: Node, value: StanceName) -> Stance:
        name = self.text(node, "a stance")
        own = value.section
        if name in self.entries[own]:
            record = self.built[own].get(name)
            if record is None:
                raise DependencyError
            return record  # type: ignore[no-any-return]
        builtin: Stance | None = BUILTIN_STANCES.get(name)  # "Denial" is no built-in stance
        if builtin is not None:
            return builtin
        labels = list(BUILTIN_STANCES)
        expected = (
            "a built-in stance (" + ", ".join(labels) + ") "
            f"or the id of a stance defined under `{own}`"
        )
        raise BadValueError(expected + suggest(name, [*labels, *self.entries[own]]), node)

    def confidence(self, node: Node, path: str, value: ConfidenceForms) -> Confidence:
        """A number, an estimative term, or a mapping of value, term and wording."""
        shape = value.shape
        short = {type(f.value): f for f in shape.fields if f.key in shape.short}
        number, term = short[Probability], short[Term]
        assert isinstance(term.value, Term)
        if node.kind == REFUSED and node.value[0] in NUMBER_REFUSALS:  # NaN in JSON
            raise not_plain(node, DECIMAL_EXPECTED)
        self.refused(node)
        expected = "a number from 0 to 1, an estimative term such as 'likely', or a mapping"
        try:
            if node.kind in (INTEGER, NUMBER) or (
                node.kind == TEXT and LOOKS_NUMERIC.match(node.raw)
            ):
                return shape.cls(**{number.field: plain_decimal(node)})  # type: ignore[no-any-return]
            if node.kind == TEXT:
                hedge = f", or a mapping such as {{wording: {node.value}}} for a hedge that is no "
                words = self.term(
                    node, term.value, "a number from 0 to 1, ", hedge + "estimative term"
                )
                return shape.cls(**{term.field: words})  # type: ignore[no-any-return]
            if node.kind != MAP:
                raise BadValueError(expected + " of value, term and wording", node)
        except ValidationError as error:
            raise BadValueError(error.expected, node) from None
        return self.shaped(node, path, shape)  # type: ignore[no-any-return]

    def term(self, node: Node, value: Term, before: str = "", after: str = "") -> EstimativeTerm:
        """An ICD 203 term named exactly, by its words or ICD 203's synonym for them."""
        terms = value.labels
        labels = ", ".join(repr(t.label) for t in dict.fromkeys(terms.values()))
        expected = (
            f"{before}an ICD 203 estimative term ({labels}, or ICD 203's synonym of one)"
            f"{suggest(node.value, terms) if node.kind == TEXT else ''}{after}"
        )
        name = self.text(node, expected)
        found = terms.get(name)
        if found is None:
            raise BadValueError(expected, node)
        return found


def key_of(fields: Iterable[Field], name: str) -> str:
    """The key in the file of the model field ``name``."""
    return next((f.key for f in fields if f.field == name), name)
