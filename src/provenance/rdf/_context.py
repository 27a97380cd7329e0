"""The JSON-LD context, derived from the mapping: one term per predicate it uses.

The shipped ``data/context.jsonld`` is this module's output (``scripts/generate.py``
writes it; a test holds the two equal). Each predicate of :mod:`._mapping` becomes a
term named by its local name, coerced the way its values are written: ``"@id"`` for
IRIs, the datatype for literals of one datatype, nothing for texts and for times of
several precisions (their value objects carry the datatype). Two predicates with one
local name, or one predicate whose rows disagree on its coercion, fail here: the
context could not say both.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ._mapping import (
    ATTRIBUTION_MAP,
    GRADE_MAP,
    MAPS,
    STANCE_MAP,
    AnyTime,
    Attributions,
    Decimal,
    Derivations,
    Grades,
    Inline,
    LanguageTag,
    Prop,
    RecordMap,
    Ref,
    Row,
    StanceIRI,
    Text,
    TimeByPrecision,
    Vocab,
    WebAddress,
)
from ._terms import (
    PREFIXES,
    QUALIFIED_ATTRIBUTION,
    WAS_ATTRIBUTED_TO,
    XSD_DATETIME,
    XSD_DECIMAL,
    XSD_LANGUAGE,
)

__all__ = ["context_text", "terms"]

_IRI = "@id"


def _coercion(value: object) -> str | None:
    if isinstance(value, Ref | StanceIRI | Vocab | WebAddress):
        return _IRI
    if isinstance(value, LanguageTag):
        return XSD_LANGUAGE
    if isinstance(value, Decimal):
        return XSD_DECIMAL
    if isinstance(value, Text | AnyTime):
        return None
    raise TypeError(f"no JSON-LD coercion for a value of kind {value!r}")


def _pairs(row: Row) -> Iterator[tuple[str, str | None]]:
    """Each predicate a row writes, with how its values are coerced."""
    if isinstance(row, Prop):
        yield row.predicate, _coercion(row.value)
    elif isinstance(row, TimeByPrecision):
        yield row.instant, XSD_DATETIME
        yield row.coarse, None  # a day, month or year: the value object says which
    elif isinstance(row, Derivations):
        for predicate in row.table.values():
            yield predicate, _IRI
    elif isinstance(row, Grades):
        yield row.predicate, _IRI
    elif isinstance(row, Attributions):
        yield WAS_ATTRIBUTED_TO, _IRI
        yield QUALIFIED_ATTRIBUTION, _IRI
    elif isinstance(row, Inline):
        for part in row.rows:
            yield from _pairs(part)
    else:  # pragma: no cover - a row kind this module does not know
        raise TypeError(f"no JSON-LD term for the row {row!r}")


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _curie(iri: str) -> str:
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def terms() -> dict[str, tuple[str, str | None]]:
    """Every term of the context: its name → (predicate IRI, coercion or ``None``)."""
    maps: list[RecordMap] = [*MAPS.values(), GRADE_MAP, STANCE_MAP, ATTRIBUTION_MAP]
    found: dict[str, tuple[str, str | None]] = {}
    for record_map in maps:
        for row in record_map.rows:
            for predicate, coercion in _pairs(row):
                name = _local(predicate)
                held = found.setdefault(name, (predicate, coercion))
                if held != (predicate, coercion):
                    raise TypeError(
                        f"the context cannot name both {held} and {(predicate, coercion)} "
                        f"{name!r}: give one of them another term"
                    )
    return found


def context_text() -> str:
    """The text of ``data/context.jsonld``: prefixes, then terms, each sorted, one a line."""
    entries = [(prefix, json.dumps(PREFIXES[prefix])) for prefix in sorted(PREFIXES)]
    for name, (predicate, coercion) in sorted(terms().items()):
        if coercion is None:
            value = json.dumps(_curie(predicate))
        else:
            coerce = coercion if coercion == _IRI else _curie(coercion)
            value = json.dumps({"@id": _curie(predicate), "@type": coerce})
        entries.append((name, value))
    lines = [f"    {json.dumps(name)}: {value}" for name, value in entries]
    return '{\n  "@context": {\n' + ",\n".join(lines) + "\n  }\n}\n"
