"""Deterministic IRIs derived from what identifies a record.

Each record's IRI is ``{base}{kind}/{digest}``, where the digest is a SHA-256 of the
record's identifying fields (for a claim: its proposition, claimant, source, stance,
time, words and language). The same record gets the same IRI on every run and machine;
a record whose identifying fields change gets a new one. Fields that grade or link a
record (a claim's confidence, its supports and contests; an agent's aliases) are not
part of its identity, so correcting them keeps the IRI; two records that agree on
identity but differ there are a :class:`~provenance.errors.ConflictError` in a
collection.
"""

from __future__ import annotations

import decimal
import enum
import hashlib
import json
from collections.abc import Callable
from json.encoder import encode_basestring as _quote
from typing import Any

import attrs

from ._derive import compile_function, is_time, split_optional, time_key
from ._model import Agent, Claim, Outlet, Proposition, Source, Stance
from ._namespace import DEFAULT_BASE
from ._values import check_iri
from .errors import ValidationError

__all__ = ["Record", "canonical", "check_base", "digest", "iri", "iri_of", "kind_of"]

Record = Proposition | Agent | Outlet | Source | Claim

_KINDS: dict[type, str] = {
    Proposition: "proposition",
    Agent: "agent",
    Outlet: "outlet",
    Source: "source",
    Claim: "claim",
}


def kind_of(record: Record) -> str:
    """The path segment naming the record's class in its IRI (``"claim"``)."""
    return _KINDS[type(record)]


def _part(tp: Any, ref: str, where: str) -> str:
    """Source of an expression giving the identity part of ``ref``, a field of type ``tp``:
    a record by its own digest, a stance by its IRI, a time by its written form."""
    inner, optional = split_optional(tp)
    if is_time(inner):
        return f"_time_key({ref})"
    if optional:
        return f"(None if {ref} is None else {_part(inner, ref, where)})"
    if inner is str:
        return ref
    if inner is Stance:
        return f"{ref}.iri"
    if isinstance(inner, type) and issubclass(inner, enum.Enum):
        return f"{ref}.value"
    if isinstance(inner, type) and getattr(inner, "IDENTITY", None) is not None:
        return f"_digest({ref}, cache)"
    raise TypeError(f"{where}: no identity rule for a field of type {tp!r}; add one to _part")


def canonical(value: object, cache: dict[Record, str]) -> Any:
    """A value as its identity sees it, in plain JSON values: a record by its digest, a
    stance by its IRI, a time by its written form, a value object by its fields in order,
    a set sorted, a number in its shortest exact form. Used for :data:`IDENTITY_TAIL`
    fields, which are rarer than the rest and may hold nested values."""
    if value is None or isinstance(value, str | bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, decimal.Decimal):
        text = format(value.normalize(), "f")
        return text if "." not in text else text.rstrip("0").rstrip(".")
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Stance):
        return value.iri
    if getattr(type(value), "IDENTITY", None) is not None:
        return digest(value, cache)  # type: ignore[arg-type]
    cls: Any = type(value)
    if attrs.has(cls):
        return [canonical(getattr(value, f.name), cache) for f in attrs.fields(cls) if f.init]
    if isinstance(value, tuple | list):
        return [canonical(item, cache) for item in value]
    if isinstance(value, frozenset | set):
        items = [canonical(item, cache) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    time = time_key(value) if hasattr(value, "isoformat") or hasattr(value, "year") else None
    if time is not None:
        return time
    raise TypeError(f"no identity rule for {value!r}")


def _tail(record: Any, names: tuple[str, ...], cache: dict[Record, str]) -> list[str | None]:
    """The identity parts of the fields of ``IDENTITY_TAIL`` that are set, each as its name
    and its canonical value: a record that leaves them unset keeps the IRI it had before
    they were added to the model."""
    parts: list[str | None] = []
    for name in names:
        value = getattr(record, name)
        if value is None or (isinstance(value, tuple | frozenset) and not value):
            continue
        parts += [
            name,
            json.dumps(canonical(value, cache), ensure_ascii=False, separators=(",", ":")),
        ]
    return parts


def _identity_function(cls: type) -> Callable[[Any, dict[Record, str]], list[str | None]]:
    """The function listing a record's identifying parts, generated from ``cls.IDENTITY``.

    The parts are the kind, then each identifying field in the order ``IDENTITY`` names
    them: that order is part of every IRI ever minted, so it never changes. Fields added
    later that identify a record go in ``IDENTITY_TAIL`` instead: each adds its name and
    value only when it is set, so existing records keep their IRIs.
    """
    types = attrs.fields_dict(cls)
    kind = _KINDS[cls]
    parts = [repr(kind)] + [
        _part(types[name].type, f"record.{name}", f"{cls.__name__}.{name}")
        for name in cls.IDENTITY  # type: ignore[attr-defined]
    ]
    tail: tuple[str, ...] = getattr(cls, "IDENTITY_TAIL", ())
    for name in tail:
        if name not in types:
            raise TypeError(f"{cls.__name__}.IDENTITY_TAIL names {name!r}, not a field")
    ending = f" + _tail(record, {tail!r}, cache)" if tail else ""
    source = f"def identity(record, cache):\n    return [{', '.join(parts)}]{ending}\n"
    scope = {"_digest": digest, "_time_key": time_key, "_tail": _tail}
    return compile_function("identity", source, scope, cls)


def _identity(record: Record, cache: dict[Record, str]) -> list[str | None]:
    return _IDENTITIES[type(record)](record, cache)


def _json(items: list[str | None]) -> bytes:
    """``json.dumps(items, ensure_ascii=False, separators=(",", ":"))`` in UTF-8, written
    out: the same bytes (IRIs must never change) at half the cost, which counts when a
    million records are hashed."""
    return (
        "[" + ",".join(["null" if item is None else _quote(item) for item in items]) + "]"
    ).encode("utf-8")


def digest(record: Record, cache: dict[Record, str] | None = None) -> str:
    """A 128-bit hex digest of the record's identifying fields.

    ``cache`` may be shared across calls to avoid hashing shared sub-records
    (the outlet of ten thousand sources) again and again.
    """
    if cache is not None:
        found = cache.get(record)
        if found is not None:
            return found
    value = hashlib.sha256(_json(_identity(record, {} if cache is None else cache))).hexdigest()[
        :32
    ]
    if cache is not None:
        cache[record] = value
    return value


def iri(record: Record, base: str = DEFAULT_BASE, cache: dict[Record, str] | None = None) -> str:
    """The record's IRI under ``base``."""
    return f"{base}{kind_of(record)}/{digest(record, cache)}"


_IDENTITIES = {cls: _identity_function(cls) for cls in _KINDS}


def check_base(base: str) -> None:
    """Refuse a base under which minted IRIs would not be absolute IRIs."""
    check_iri("base", "base", base)
    if base[-1] not in "/#:":
        raise ValidationError("base", "base", base, "an absolute IRI ending in '/', '#' or ':'")


def iri_of(record: Record, *, base: str = DEFAULT_BASE) -> str:
    """The IRI a record gets in RDF written with ``base``: the same on every run and machine.

    >>> from provenance import Proposition
    >>> iri_of(Proposition("The sky is blue."), base="https://example.org/data/")
    'https://example.org/data/proposition/...'
    """
    check_base(base)
    if not isinstance(record, Proposition | Agent | Outlet | Source | Claim):
        raise ValidationError(
            "iri_of", "record", record, "a Claim, Proposition, Agent, Outlet or Source"
        )
    return iri(record, base)
