"""Fingerprints, equality and repr generated from a model class's attrs fields.

A record's fields are declared once, as attrs fields; everything that must cover every
field is generated from that declaration, the way attrs generates ``__init__`` and
``__eq__``: a new field cannot be left out of equality or of the repr by forgetting a
line somewhere.

*Fingerprints.* Records nest (a source holds the sources it derives from, a claim the
claims it supports), and attrs' own ``__eq__`` would compare two equal chains by
recursion, one Python frame per link. Each model class instead gets, when it is built, a
128-bit fingerprint of its own fields and of the fingerprints of the records it holds,
which exist already; records compare and hash by it, for any depth, at the cost of one
``bytes`` comparison. The code that makes a class's fingerprint is generated from the
types of its fields (:func:`derive`) as Python source, compiled once, so it costs what a
hand-written one would. A field of a type with no rule here fails at import, naming it.

Value objects (``Confidence``, ``Stance``, ``ReliabilityGrade``) keep attrs' equality and
repr, and get a fingerprint too, so that the records holding them can include it.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import linecache
import marshal
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from ._values import Year, YearMonth, time_lexical

__all__ = [
    "ContentEquality",
    "Fingerprinted",
    "compile_function",
    "derive",
    "fingerprint",
    "finish",
    "is_model",
    "is_time",
    "split_optional",
    "time_key",
]

C = TypeVar("C", bound=type)

_TIME_TYPES = frozenset({dt.datetime, dt.date, YearMonth, Year})


def fingerprint(*parts: object) -> bytes:
    """128 bits of the parts (strings, bytes, numbers, None, and tuples and lists of them).

    marshal's version 2 writes a value by what it is, never by which object holds it
    (later versions refer back to an object met before), so equal parts give equal
    bytes; it is several times quicker than ``repr``.
    """
    return hashlib.blake2b(marshal.dumps(parts, 2), digest_size=16).digest()  # type: ignore[arg-type]


def time_key(value: object) -> str | None:
    """A time as it is compared: its written form, offset included, as RDF keeps it."""
    return None if value is None else time_lexical(value)  # type: ignore[arg-type]


class Fingerprinted:
    """A model class whose fingerprint :func:`derive` generates."""

    __slots__ = ()
    _fp: bytes

    def __attrs_post_init__(self) -> None:
        # replaced by derive(); attrs's __init__ calls it only if the class has one
        raise TypeError(f"{type(self).__name__} is used before its module finished defining it")


class ContentEquality(Fingerprinted):
    """Equality and hashing by the fingerprint of the whole content, made at construction."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._fp == other._fp

    def __hash__(self) -> int:
        return hash(self._fp)


# --------------------------------------------------------------------------- generation


def is_model(cls: object) -> bool:
    return isinstance(cls, type) and issubclass(cls, Fingerprinted)


def split_optional(tp: Any) -> tuple[Any, bool]:
    """The type without ``None``, and whether ``None`` was allowed."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        optional = len(args) != len(typing.get_args(tp))
        rest = args[0] if len(args) == 1 else typing.Union[tuple(args)]  # noqa: UP007
        return rest, optional
    return tp, False


def is_time(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and set(
        typing.get_args(tp)
    ) == set(_TIME_TYPES)


def _key(tp: Any, ref: str, where: str) -> str:
    """Source of an expression giving the fingerprint part of ``ref``, a value of type ``tp``."""
    inner, optional = split_optional(tp)
    if is_time(inner):
        return f"_time_key({ref})"
    if optional:
        return f"(None if {ref} is None else {_key(inner, ref, where)})"
    if inner in (str, int, float, bool):
        return ref
    if isinstance(inner, type) and issubclass(inner, enum.Enum):
        return f"{ref}.value"
    if is_model(inner):
        return f"{ref}._fp"
    if typing.get_origin(inner) is frozenset:
        (member,) = typing.get_args(inner)
        if member is str:
            return f"(sorted({ref}) if {ref} else None)"
        if is_model(member):
            return f"(sorted([x._fp for x in {ref}]) if {ref} else None)"
        if isinstance(member, type) and issubclass(member, enum.Enum):
            return f"(sorted([x.value for x in {ref}]) if {ref} else None)"
    raise TypeError(f"{where}: no fingerprint rule for a field of type {tp!r}; add one to _key")


_PENDING: list[tuple[type, dict[str, Any]]] = []


def compile_function(
    name: str, source: str, namespace: dict[str, Any], cls: type
) -> Callable[..., Any]:
    """Compile generated source, registered with linecache so tracebacks show it."""
    filename = f"<provenance generated {cls.__qualname__}.{name}>"
    code = compile(source, filename, "exec")
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(code, namespace)
    function: Callable[..., Any] = namespace[name]
    function.__qualname__ = f"{cls.__qualname__}.{name}"
    return function


def _finish(cls: type, namespace: dict[str, Any]) -> None:
    attrs.resolve_types(cls, globalns=namespace, localns={cls.__name__: cls})
    where = cls.__qualname__
    fields = [f for f in attrs.fields(cls) if f.init]
    parts = ", ".join(_key(f.type, f"self.{f.name}", f"{where}.{f.name}") for f in fields)
    check = "_check(self)\n    " if "_check" in cls.__dict__ else ""
    source = (
        "def __attrs_post_init__(self):\n"
        f"    {check}_set(self, '_fp', _fingerprint({cls.__name__!r}, {parts}))\n"
    )
    scope = {
        "_check": cls.__dict__.get("_check"),
        "_set": object.__setattr__,
        "_fingerprint": fingerprint,
        "_time_key": time_key,
    }
    cls.__attrs_post_init__ = compile_function("__attrs_post_init__", source, scope, cls)  # type: ignore[attr-defined]
    if issubclass(cls, ContentEquality):
        cls.__repr__ = _repr(cls, fields)  # type: ignore[method-assign]


def _brief(tp: Any, ref: str) -> str:
    """Source of an expression showing ``ref`` briefly: records by their label, sets by size."""
    inner, _ = split_optional(tp)
    if is_time(inner):
        return f"repr(_time_key({ref}))"
    if isinstance(inner, type) and issubclass(inner, enum.Enum):
        return f"repr({ref}.value)"
    if typing.get_origin(inner) is frozenset:
        (member,) = typing.get_args(inner)
        if member is str:
            return f"repr(sorted({ref}))"
        if is_model(member) and issubclass(member, ContentEquality):
            noun = getattr(member, "_NOUN", member.__name__.lower())
            return f"f'<{{len({ref})}} {noun}(s)>'"
        return f"repr(sorted(map(repr, {ref})))"
    label = getattr(inner, "_LABEL", None) if isinstance(inner, type) else None
    if label is not None:
        return f"repr({ref}.{label})"
    return f"repr({ref})"


def _repr(cls: type, fields: list[attrs.Attribute[Any]]) -> Callable[[object], str]:
    """A shallow repr: required fields always, the others where they differ from the default;
    linked records by their label (a name, a text), sets of records by their size."""
    lines = ["def __repr__(self):", "    parts = []"]
    for f in fields:
        show = _brief(f.type, f"self.{f.name}")
        name = f.name
        if f.default is attrs.NOTHING:
            lines.append(f"    parts.append({name!r} + '=' + {show})")
        else:
            lines.append(f"    if self.{name} is not None and self.{name} != frozenset():")
            lines.append(f"        parts.append({name!r} + '=' + {show})")
    lines.append(f"    return {cls.__name__ + '('!r} + ', '.join(parts) + ')'")
    source = "\n".join(lines) + "\n"
    return compile_function("__repr__", source, {"_time_key": time_key}, cls)


def derive(namespace: dict[str, Any]) -> Callable[[C], C]:
    """Generate the fingerprint (and, for records, the repr) of an attrs class.

    Apply it above ``@attrs.frozen``; a class may define ``_check(self)`` for checks
    across its fields, which runs before the fingerprint is made. ``namespace`` is the
    defining module's globals, for the field types: a class whose types are not all
    defined yet is finished by :func:`finish`, called once the module has defined them.
    """

    def decorate(cls: C) -> C:
        try:
            _finish(cls, namespace)
        except NameError:
            _PENDING.append((cls, namespace))
        return cls

    return decorate


def finish() -> None:
    """Finish the classes whose field types were not yet defined when they were made."""
    while _PENDING:
        cls, namespace = _PENDING.pop(0)
        _finish(cls, namespace)
