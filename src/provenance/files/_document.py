"""A collection → the claim file's content as plain data, by writers generated from the table.

Each section's writer and each nested shape's writer is Python source generated from
:mod:`._table` once, at import, and compiled (as attrs does for ``__init__``), so a
table row costs what a hand-written line would: the writer runs once per record of a
collection of tens of thousands. The same data is dumped as YAML or as JSON
(:mod:`._yaml_json`); small marker types (:class:`Flow`, :class:`FlowMap`,
:class:`Timestamp`) tell the YAML dumper how to lay a value out.

A section's record is written with every field that holds a value, in the table's
order; a shape leaves out the fields at their model default, and one of its short
fields set alone is written as the bare value (a grade ``C``, a confidence ``0.8``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import attrs

from .._collection import ClaimSet
from .._derive import compile_function
from .._model import Derivation, ReliabilityGrade
from .._values import Time, Year, YearMonth, time_lexical
from ._ids import Ids, when
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
    Value,
    WebAddress,
)
from ._kinds import Time as TimeValue
from ._table import FORMAT_VERSION, SECTIONS, SHAPES

__all__ = [
    "Flow",
    "FlowMap",
    "Timestamp",
    "document",
    "flow_time",
    "plain_float",
    "time_value",
]


class Timestamp(str):
    """A time's text, written unquoted in YAML where YAML reads it as a timestamp."""

    __slots__ = ()


class Flow(list[Any]):
    """A short list written on one line: ``[a, b]``."""

    __slots__ = ()


class FlowMap(dict[str, Any]):
    """A small mapping written on one line: ``{grade: C, start: 2019}``."""

    __slots__ = ()


def time_value(value: Time) -> Any:
    """A time as YAML writes it: a year as a number, a month as text, a day or an instant
    as a timestamp."""
    if isinstance(value, Year):
        return value.year
    if isinstance(value, YearMonth):
        return str(value)
    return Timestamp(time_lexical(value))


def flow_time(value: Time) -> Any:
    """A time inside ``{…}``, where an instant's colons force quotes: quoted as plain text,
    which both of PyYAML's emitters write alike (with a timestamp tag they differ)."""
    if isinstance(value, dt.datetime):
        return time_lexical(value)
    return time_value(value)


def plain_float(value: float) -> str:
    """A float in plain decimal notation, with the fewest digits that read back as the same
    float: ``0.8``, ``1.0``, ``0.00001`` where ``repr`` gives ``1e-05``, which readers of
    claim files refuse (a confidence is written one way in every format)."""
    text = repr(value)
    if "e" in text:
        text = format(Decimal(text), "f")
        if "." not in text:
            text += ".0"
    return text


# --------------------------------------------------------------------------- generation

_MANY = (Names, Refs, Grades, Derivations)
"""Kinds of value held as a set: written when the set is not empty."""


def _expression(value: Value, ref: str, *, flow: bool) -> str:
    """Source of an expression writing ``ref``, a value of the kind ``value`` that is set;
    ``flow`` inside a one-line mapping."""
    if isinstance(value, Text | LanguageTag | IRI | WebAddress | Probability):
        return ref
    if isinstance(value, Names):
        return f"_Flow(sorted({ref}))"
    if isinstance(value, Label):
        return f"{ref}.{value.attribute}"
    if isinstance(value, Term):
        return f"{ref}.label"
    if isinstance(value, Ref):
        return f"ids.{value.section}[{ref}]"
    if isinstance(value, Refs):
        return f"_Flow(sorted([ids.{value.section}[x] for x in {ref}]))"
    if isinstance(value, TimeValue):
        return f"_flow_time({ref})" if flow else f"_time_value({ref})"
    if isinstance(value, Scale):
        return f"{ref}.value"
    if isinstance(value, Grades):
        return f"_grades({ref}, ids)"
    if isinstance(value, Derivations):
        return f"_derivations({ref}, ids)"
    if isinstance(value, ConfidenceForms):
        return f"_{value.shape.cls.__name__.lower()}({ref}, ids)"
    assert isinstance(value, StanceName)
    return f"({ref}.label if {ref}.is_builtin else ids.{value.section}[{ref}])"


def _section_source(name: str, fields: Iterable[Field]) -> str:
    lines = [f"def {name}(record, ids):", "    item = {}"]
    for f in fields:
        test = "v" if isinstance(f.value, _MANY) else "v is not None"
        lines += [
            f"    v = record.{f.field}",
            f"    if {test}:",
            f"        item[{f.key!r}] = {_expression(f.value, 'v', flow=False)}",
        ]
    lines.append("    return item")
    return "\n".join(lines) + "\n"


def _shape_source(name: str, shape: Shape, defaults: dict[str, Any]) -> str:
    lines = [f"def {name}(value, ids):", "    out = _FlowMap()"]
    model = attrs.fields_dict(shape.cls)
    for f in shape.fields:
        default = model[f.field].default
        lines.append(f"    v = value.{f.field}")
        if default is attrs.NOTHING:
            indent = "    "
        else:
            known = f"_default_{name}_{f.field}"
            defaults[known] = default
            test = "v is not None" if default is None else f"v is not {known}"
            lines.append(f"    if {test}:")
            indent = "        "
        lines.append(f"{indent}out[{f.key!r}] = {_expression(f.value, 'v', flow=True)}")
    lines.append("    if len(out) == 1:")
    for key in shape.short:
        lines.append(f"        if {key!r} in out:")
        lines.append(f"            return out[{key!r}]")
    lines.append("    return out")
    return "\n".join(lines) + "\n"


def _grades(grades: frozenset[ReliabilityGrade], ids: Ids) -> Any:
    """A lone grade for all time as its letter, else a list in the order of the periods."""
    ordered = sorted(grades, key=lambda g: (when(g.start), when(g.end), g.grade.value))
    out = [_reliabilitygrade(grade, ids) for grade in ordered]
    return out[0] if len(out) == 1 and not isinstance(out[0], FlowMap) else out


def _derivations(links: frozenset[Derivation], ids: Ids) -> Any:
    """The links in the order of the sources' ids, then of their kinds."""
    ordered = sorted(links, key=lambda d: (ids.sources[d.source], d.kind.value))
    return [_derivation(link, ids) for link in ordered]


_NAMESPACE: dict[str, Any] = {
    "_Flow": Flow,
    "_FlowMap": FlowMap,
    "_time_value": time_value,
    "_flow_time": flow_time,
    "_grades": _grades,
    "_derivations": _derivations,
}


def _compile(name: str, source: str, cls: type) -> Callable[[Any, Ids], Any]:
    function = compile_function(name, source, _NAMESPACE, cls)
    _NAMESPACE[name] = function
    return function


for _shape in SHAPES:
    _name = f"_{_shape.cls.__name__.lower()}"
    _compile(_name, _shape_source(_name, _shape, _NAMESPACE), _shape.cls)

_reliabilitygrade = _NAMESPACE["_reliabilitygrade"]
_derivation = _NAMESPACE["_derivation"]

_WRITERS = tuple(
    (
        table.name,
        _compile(
            f"write_{table.name}", _section_source(f"write_{table.name}", table.fields), table.cls
        ),
    )
    for table in SECTIONS
)
"""Each section's name and the writer of one of its records."""


def document(claims: ClaimSet) -> dict[str, Any]:
    """The claim file's content, as plain data in the order it is written."""
    ids = Ids.of(claims)
    doc: dict[str, Any] = {"version": FORMAT_VERSION}
    for name, write in _WRITERS:
        records: dict[Any, str] = getattr(ids, name)
        if records:
            doc[name] = {ident: write(record, ids) for record, ident in records.items()}
    return doc
