"""The quick way from a parsed document to claims, for documents shaped as we write them.

The careful reader (:mod:`._careful`) indexes every triple before building anything, so
it can read triples in any order and name the exact node and property of any fault;
that costs several times what parsing does. This reader takes the shape our writers give
a document (each subject's triples together, every node typed as the mapping types it,
each property used as the mapping uses it) and builds records from pyoxigraph's own
terms as subjects go by, holding a few plain values per node instead of an index of
every triple.

What it takes from each kind of node is generated from :mod:`._mapping` when the module
is imported, as source code (see :data:`SOURCES`): one function per kind that pulls each
row's values out of the node's properties, by field name, and one that builds the record
once the records it refers to exist.

It never decides that a document is wrong. On anything it was not written for (a
subject split across the document, a blank node, an extra type or property, a
duplicate value, a literal of an unexpected kind, a record the model refuses, two
records under one IRI) it raises :class:`GiveUp`, and the careful reader reads the
document again from the start and accepts it or reports the fault exactly. Only that
signal, a conflict between two records and the parser's own syntax error send a
document on: any other exception is a bug here, and surfaces as one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pyoxigraph as ox

from .._collection import ClaimSet
from .._derive import compile_function
from .._iri import Record
from .._model import Stance
from .._values import Time
from ..errors import ConflictError, ProvenanceError
from ._literals import parse_decimal, parse_time
from ._mapping import (
    AGENT_MAP,
    ATTRIBUTION_MAP,
    CLAIM_MAP,
    GRADE_MAP,
    OUTLET_MAP,
    PROPOSITION_MAP,
    SOURCE_MAP,
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
    predicates,
)
from ._terms import (
    BUNDLE,
    CLAIMANT_ROLE,
    ENTITY,
    OUTLET_ROLE,
    TYPE,
    WAS_ATTRIBUTED_TO,
    WAS_DERIVED_FROM,
    XSD_DATE,
    XSD_DATETIME,
    XSD_DECIMAL,
    XSD_GYEAR,
    XSD_GYEARMONTH,
    XSD_LANGUAGE,
    XSD_STRING,
)

__all__ = ["SOURCES", "GiveUp", "read_quads"]

_NamedNode = ox.NamedNode
_Literal = ox.Literal
_N = ox.NamedNode

_MAX_DEPTH = 100
"""Chains longer than this (sources derived through hundreds of steps) go to the careful
reader, which resolves them without recursion."""

SOURCES: dict[str, str] = {}
"""The source of every generated function, by name, for reading."""


class GiveUp(Exception):  # noqa: N818 - a signal, not an error
    """The document is not in the shape this reader takes; the careful reader takes over."""


# --------------------------------------------------------------------------- values


def _single(value: Any) -> Any:
    """Several values where the mapping writes at most one send the document on."""
    if value.__class__ is list:
        raise GiveUp
    return value


def _listed(value: Any) -> list[Any]:
    """A property's values, from its value(s) as grouped: none, one, or a list."""
    if value is None:
        return []
    if value.__class__ is list:
        if len(set(value)) != len(value):
            raise GiveUp  # a repeated triple: the careful reader drops repeats
        return value
    return [value]


def _iri(value: Any) -> str:
    if value.__class__ is not _NamedNode:
        raise GiveUp
    return value.value


_XSD_STRING = _N(XSD_STRING)
_XSD_LANGUAGE = _N(XSD_LANGUAGE)
_XSD_DECIMAL = _N(XSD_DECIMAL)
_XSD_DATETIME = _N(XSD_DATETIME)
_COARSE = {_N(XSD_DATE): XSD_DATE, _N(XSD_GYEARMONTH): XSD_GYEARMONTH, _N(XSD_GYEAR): XSD_GYEAR}
_INSTANT = {_XSD_DATETIME: XSD_DATETIME}
_BOUNDS = {**_COARSE, **_INSTANT}


def _text(value: Any) -> tuple[str, str | None]:
    """A string literal's text and language tag."""
    if value.__class__ is not _Literal:
        raise GiveUp
    language = value.language
    if language:
        if value.direction is not None:
            raise GiveUp
        return value.value, language
    if value.datatype != _XSD_STRING:
        raise GiveUp
    return value.value, None


def _language(value: Any) -> str | None:
    if value is None:
        return None
    if value.__class__ is not _Literal or value.datatype != _XSD_LANGUAGE:
        raise GiveUp
    return value.value


def _time_of(value: Any, datatypes: dict[ox.NamedNode, str]) -> Time:
    if value.__class__ is not _Literal:
        raise GiveUp
    datatype = datatypes.get(value.datatype)
    if datatype is None:
        raise GiveUp
    parsed = parse_time(value.value, datatype)
    if parsed is None:
        raise GiveUp
    return parsed


def _time_from(instant: Any, coarse: Any) -> Time | None:
    if instant is not None:
        if coarse is not None:
            raise GiveUp
        return _time_of(instant, _INSTANT)
    return None if coarse is None else _time_of(coarse, _COARSE)


def _enum(value: Any, table: dict[ox.NamedNode, Any]) -> Any:
    found = table.get(value) if value.__class__ is _NamedNode else None
    if found is None:
        raise GiveUp
    return found


def _decimal(value: Any, low: float, high: float) -> float:
    if value.__class__ is not _Literal or value.datatype != _XSD_DECIMAL:
        raise GiveUp
    number = parse_decimal(value.value)
    if number is None or not low <= number <= high:
        raise GiveUp
    return number


def _build(make: Callable[..., Any], kwargs: dict[str, Any]) -> Any:
    """A record the model refuses sends the document on, to have its fault named."""
    try:
        return make(**kwargs)
    except ProvenanceError:
        raise GiveUp from None


# --------------------------------------------------------------------------- generation


class _Generator:
    """Generates, for one kind of node, the source of the function that takes its values.

    ``take_<kind>(reader, fields)`` gets the node's properties (pyoxigraph's predicate →
    its value, or a list of its values) and returns the record's keyword arguments, with
    references still as node names; ``make_<kind>(reader, values, depth)`` resolves
    those and builds the record.
    """

    def __init__(self, record_map: RecordMap) -> None:
        self.map = record_map
        self.namespace: dict[str, Any] = {
            "GiveUp": GiveUp,
            "_single": _single,
            "_listed": _listed,
            "_iri": _iri,
            "_text": _text,
            "_language": _language,
            "_time_of": _time_of,
            "_time_from": _time_from,
            "_enum": _enum,
            "_decimal": _decimal,
            "_build": _build,
            "ProvenanceError": ProvenanceError,
            "_BOUNDS": _BOUNDS,
            "_N": _N,
        }
        self.lines: list[str] = []
        self.count = 0
        self.refs: dict[str, tuple[str, bool]] = {}
        """Fields holding node names to resolve: their kind, and whether they are lists."""
        self.raws: dict[str, str] = {}
        """The local holding each predicate's raw value(s)."""
        self.tag: str | None = None
        """The local holding the tag of the text that may give the record's language."""

    def name(self, prefix: str, value: object | None = None) -> str:
        self.count += 1
        name = f"{prefix}{self.count}"
        if value is not None:
            self.namespace[name] = value
        return name

    def emit(self, line: str, depth: int = 1) -> None:
        self.lines.append("    " * depth + line)

    def node(self, iri: str) -> str:
        return self.name("P", _N(iri))

    def convert(self, value: object, ref: str) -> str:
        """Source converting one pyoxigraph term ``ref`` to the model value (or a node name)."""
        if isinstance(value, Ref | StanceIRI | WebAddress):
            return f"_iri({ref})"
        if isinstance(value, Vocab):
            table = {_N(iri): member for member, iri in value.table.items()}
            return f"_enum({ref}, {self.name('TABLE', table)})"
        if isinstance(value, Text):
            return f"_text({ref})[0]"
        if isinstance(value, LanguageTag):
            return f"_language({ref})"
        if isinstance(value, Decimal):
            return f"_decimal({ref}, {value.low!r}, {value.high!r})"
        if isinstance(value, AnyTime):
            return f"_time_of({ref}, _BOUNDS)"
        raise TypeError(f"{self.map.kind}: no quick reading for a value of kind {value!r}")

    def local(self, field: str) -> str:
        """The local holding a field's taken value, in both generated functions."""
        return f"f_{field}"

    def prop(self, row: Prop, into: str | None = None) -> None:
        """Take one plain property into the field's local (or, with ``into``, the local of
        a part of an inline value)."""
        raw = self.raws[row.predicate]
        value = row.value
        target = into or self.local(row.field)
        if row.many:
            self.emit(f"{target} = [{self.convert(value, 'x')} for x in _listed({raw})]")
        else:
            self.emit(f"{raw} = _single({raw})")
            if row.required:
                self.emit(f"if {raw} is None:")
                self.emit("raise GiveUp", 2)
            if isinstance(value, Text) and value.gives_language and value.language:
                if row.required:
                    self.emit(f"{target}, tag = _text({raw})")
                else:
                    self.emit(f"{target}, tag = (None, None) if {raw} is None else _text({raw})")
                self.tag = "tag"
            elif row.required:
                self.emit(f"{target} = {self.convert(value, raw)}")
            else:
                self.emit(f"{target} = None if {raw} is None else {self.convert(value, raw)}")
        if isinstance(value, Ref):
            self.refs[row.field] = (value.kind, row.many)

    def row(self, row: Row) -> None:
        field = self.local(row.field)
        if isinstance(row, Prop):
            self.prop(row)
        elif isinstance(row, TimeByPrecision):
            self.emit(
                f"{field} = _time_from(_single({self.raws[row.instant]}), "
                f"_single({self.raws[row.coarse]}))"
            )
        elif isinstance(row, Derivations):
            links = []
            for kind, predicate in row.table.items():
                member = self.name("KIND", kind)
                links.append(f"[(_iri(x), {member}) for x in _listed({self.raws[predicate]})]")
            self.emit(f"{field} = " + " + ".join(links))
            self.refs[row.field] = ("derivations", True)
        elif isinstance(row, Grades):
            self.emit(f"{field} = [_iri(x) for x in _listed({self.raws[row.predicate]})]")
            self.refs[row.field] = ("grades", True)
        elif isinstance(row, Attributions):
            qualified = self.raws[predicates(row)[1]]
            self.emit(f"if {qualified}.__class__ is not list or len({qualified}) != 2:")
            self.emit("raise GiveUp", 2)
            self.emit(f"{field} = (_iri({qualified}[0]), _iri({qualified}[1]))")
            self.refs[row.field] = ("attributions", False)
        elif isinstance(row, Inline):
            parts = [f"p_{row.field}_{part.field}" for part in row.rows]
            for part, local in zip(row.rows, parts, strict=True):
                self.prop(part, into=local)
            cls = self.name("CLS", row.cls)
            arguments = ", ".join(f"{p.field}={v}" for p, v in zip(row.rows, parts, strict=True))
            self.emit(f"if {' or '.join(f'{v} is not None' for v in parts)}:")
            self.emit("try:", 2)
            self.emit(f"{field} = {cls}({arguments})", 3)
            self.emit("except ProvenanceError:", 2)
            self.emit("raise GiveUp from None", 3)
            self.emit("else:")
            self.emit(f"{field} = None", 2)
        else:  # pragma: no cover - a row kind this generator does not know
            raise TypeError(f"{self.map.kind}: no quick reading for the row {row!r}")

    def fields(self) -> list[str]:
        """The record's fields in the order the taken values hold them."""
        found = [row.field for row in self.map.rows]
        if self.map.kind_types is not None:
            found.append(self.map.kind_types[0])
        return found

    def take(self, name: str) -> str:
        """The function taking a node's values: every property it may carry is looked up,
        and any other one sends the document on. It returns the values in field order."""
        allowed = [TYPE, *dict.fromkeys(p for row in self.map.rows for p in predicates(row))]
        self.raws = {p: self.name("raw") for p in allowed}
        self.emit("get = fields.get")
        for predicate, raw in self.raws.items():
            self.emit(f"{raw} = get({self.node(predicate)})")
        present = " + ".join(f"({raw} is not None)" for raw in self.raws.values())
        self.emit(f"if len(fields) != {present}:")
        self.emit("raise GiveUp", 2)
        for row in self.map.rows:
            self.row(row)
        if self.map.kind_types is not None:  # a type of its own, checked by the node's kind
            field, vocab = self.map.kind_types
            table = self.name("KINDS", {_N(iri): member for member, iri in vocab.table.items()})
            self.emit(
                f"{self.local(field)} = next(k for t in {self.raws[TYPE]} "
                f"if (k := {table}.get(t)) is not None)"
            )
        language = next(
            (
                row.value.language
                for row in self.map.rows
                if isinstance(row, Prop)
                and isinstance(row.value, Text)
                and row.value.gives_language
            ),
            None,
        )
        if language is not None and self.tag is not None:
            local = self.local(language)
            self.emit(f"if {local} is None:")
            self.emit(f"{local} = {self.tag}", 2)
        self.emit("return (" + "".join(f"{self.local(f)}, " for f in self.fields()) + ")")
        return "\n".join([f"def {name}(reader, fields):", *self.lines]) + "\n"

    def make(self, name: str) -> str:
        """The function building the record from its taken values."""
        lines = [f"def {name}(reader, values, depth):", "    depth += 1"]
        lines.append("    (" + "".join(f"{self.local(f)}, " for f in self.fields()) + ") = values")
        for field, (kind, many) in self.refs.items():
            local = self.local(field)
            if kind == "derivations":
                lines.append(
                    f"    {local} = [_Derivation(reader.get(n, 'source', depth), k) "
                    f"for n, k in {local}]"
                )
            elif kind == "grades":
                lines.append(f"    {local} = reader.graded({local})")
            elif kind == "attributions":
                continue  # resolved last: the outlet must be the source's
            elif many:
                lines.append(f"    {local} = [reader.get(n, {kind!r}, depth) for n in {local}]")
            else:
                resolved = f"reader.get({local}, {kind!r}, depth)"
                lines.append(f"    {local} = None if {local} is None else {resolved}")
        for row in self.map.rows:
            local = self.local(row.field)
            if isinstance(row, Prop) and isinstance(row.value, StanceIRI):
                lines.append(f"    {local} = reader.stance({local})")
            if isinstance(row, Attributions):
                lines.append(f"    {local} = reader.claimant({local}, f_source, depth)")
        arguments = ", ".join(f"{f}={self.local(f)}" for f in self.fields())
        cls = self.name("CLS", self.map.cls)
        lines += [
            "    try:",
            f"        return {cls}({arguments})",
            "    except ProvenanceError:",
            "        raise GiveUp from None",
        ]
        return "\n".join(lines) + "\n"


def _compile(kind: str, record_map: RecordMap) -> tuple[Any, Any, bool]:
    generator = _Generator(record_map)
    take_source = generator.take(f"take_{kind}")
    make_source = generator.make(f"make_{kind}")
    from .._model import Derivation

    namespace = {**generator.namespace, "_Derivation": Derivation}
    SOURCES[f"take_{kind}"] = take_source
    SOURCES[f"make_{kind}"] = make_source
    take = compile_function(f"take_{kind}", take_source, dict(namespace), _Reader)
    make = compile_function(f"make_{kind}", make_source, dict(namespace), _Reader)
    return (
        take,
        make,
        bool(generator.refs)
        or any(isinstance(r, Prop) and isinstance(r.value, StanceIRI) for r in record_map.rows),
    )


# --------------------------------------------------------------------------- node kinds


def _types(*iris: str) -> frozenset[ox.NamedNode]:
    return frozenset(_N(iri) for iri in iris)


def _kinds() -> dict[frozenset[ox.NamedNode], str]:
    """Node kinds by their exact set of types, as the mapping writes them."""
    found: dict[frozenset[ox.NamedNode], str] = {}
    for record_map in (
        CLAIM_MAP,
        PROPOSITION_MAP,
        SOURCE_MAP,
        AGENT_MAP,
        OUTLET_MAP,
        ATTRIBUTION_MAP,
        GRADE_MAP,
        STANCE_MAP,
    ):
        if record_map.kind_types is None:
            found[_types(*record_map.types)] = record_map.kind
        else:
            for iri in record_map.kind_types[1].table.values():
                found[_types(*record_map.types, iri)] = record_map.kind
    found[_types(BUNDLE, ENTITY)] = "bundle"
    return found


_KINDS = _kinds()
_TYPE = _N(TYPE)
_ENTITY = _N(ENTITY)
_ENTITY_KINDS = tuple(
    (_N(next(t for t in m.types if t != ENTITY)), m.kind)
    for m in (CLAIM_MAP, SOURCE_MAP, PROPOSITION_MAP)
)
"""The commonest kinds by their second type, checked before the general look-up:
comparing two pyoxigraph terms is cheaper than hashing them."""
_BUNDLE_FIELDS = frozenset(_N(p) for p in (TYPE, WAS_DERIVED_FROM, WAS_ATTRIBUTED_TO))
_ATTRIBUTION = _N(ATTRIBUTION_MAP.types[0])
_AGENT_PREDICATE = _N(ATTRIBUTION_MAP.rows[0].predicate)  # type: ignore[union-attr]
_ROLE_PREDICATE = _N(ATTRIBUTION_MAP.rows[1].predicate)  # type: ignore[union-attr]
_CLAIMANT_ROLE = _N(CLAIMANT_ROLE)
_OUTLET_ROLE = _N(OUTLET_ROLE)
_BUILTIN_STANCES = {stance.iri: stance for stance in Stance.builtins()}
_RECORD_KINDS = ("claim", "proposition", "source", "agent", "outlet")


def _kind(types: Any) -> str:
    """The kind of node its types make it, as we write them or in any order."""
    if types.__class__ is list:
        if len(types) == 2 and types[0] == _ENTITY:
            second = types[1]
            for node, kind in _ENTITY_KINDS:
                if second == node:
                    return kind
        found = _KINDS.get(frozenset(types))
        if found is None or len(set(types)) != len(types):
            raise GiveUp
        return found
    if types == _ATTRIBUTION:
        return "attribution"
    found = _KINDS.get(frozenset((types,))) if types is not None else None
    if found is None:
        raise GiveUp
    return found


# --------------------------------------------------------------------------- reader


class _Reader:
    """Reads each subject's triples as soon as the next subject starts, keeping plain values.

    Records that refer to nothing (propositions, reliability grades) are built at once;
    the others wait as their taken values until the document has been read, since a
    claim is met before the source it appears in.
    """

    def __init__(self) -> None:
        self.kinds: dict[str, str] = {}
        self.pending: dict[str, tuple[Any, ...]] = {}
        self.memo: dict[str, Any] = {}
        self.grades: dict[str, Any] = {}
        self.stances: dict[str, Stance] = {}
        self.attributions: dict[str, tuple[str, bool]] = {}
        self.custom: dict[str, tuple[str, Any]] = {}

    def take(self, quads: Iterator[ox.Quad]) -> None:
        """Read every subject's triples, refusing a subject met again after another."""
        fields: dict[ox.NamedNode, Any] = {}
        current: Any = None
        name = ""
        kinds = self.kinds
        for quad in quads:
            subject = quad.subject
            if subject != current:
                if current is not None:
                    self.extract(name, fields)
                if subject.__class__ is not _NamedNode:
                    raise GiveUp
                name = subject.value
                if name in kinds:
                    raise GiveUp
                kinds[name] = ""
                fields = {}
                current = subject
            prop = quad.predicate
            value = quad.object
            held = fields.get(prop)
            if held is None:
                fields[prop] = value
            elif held.__class__ is list:
                held.append(value)
            else:
                fields[prop] = [held, value]
        if current is not None:
            self.extract(name, fields)

    def extract(self, name: str, fields: dict[ox.NamedNode, Any]) -> None:
        types = fields.get(_TYPE)
        kind = _kind(types)
        assert types is not None  # _kind refuses a node without types
        self.kinds[name] = kind
        if kind == "attribution":
            self.attribution(name, fields)
        elif kind == "bundle":
            if not fields.keys() <= _BUNDLE_FIELDS:
                raise GiveUp
        else:
            values = _TAKE[kind](self, fields)
            if kind == "grade":
                self.grades[name] = _MAKE["grade"](self, values, 0)
            elif kind == "stance":
                self.custom[name] = values  # (label, polarity), built when a claim names it
            elif _REFERS[kind]:
                self.pending[name] = values
            else:
                self.memo[name] = _MAKE[kind](self, values, 0)

    def attribution(self, name: str, fields: dict[ox.NamedNode, Any]) -> None:
        if len(fields) != 3:
            raise GiveUp
        agent = _single(fields.get(_AGENT_PREDICATE))
        role = _single(fields.get(_ROLE_PREDICATE))
        if agent is None or (role != _CLAIMANT_ROLE and role != _OUTLET_ROLE):  # noqa: PLR1714
            raise GiveUp
        self.attributions[name] = (_iri(agent), role == _CLAIMANT_ROLE)

    def get(self, node: str, kind: str, depth: int) -> Any:
        if self.kinds.get(node) != kind:
            raise GiveUp
        found = self.memo.get(node)
        if found is not None:
            return found
        if depth > _MAX_DEPTH:
            raise GiveUp
        values = self.pending.pop(node, None)
        if values is None:  # being built further up: the links go round in a cycle
            raise GiveUp
        record = _MAKE[kind](self, values, depth)
        self.memo[node] = record
        return record

    def graded(self, nodes: list[str]) -> list[Any]:
        found = []
        for node in nodes:
            grade = self.grades.get(node)
            if grade is None:
                raise GiveUp
            found.append(grade)
        return found

    def stance(self, node: str) -> Stance:
        found = self.stances.get(node)
        if found is not None:
            return found
        custom = self.custom.get(node)
        if custom is not None:
            label, polarity = custom
            stance = _build(Stance, {"iri": node, "label": label, "polarity": polarity})
        elif node in self.kinds:
            raise GiveUp
        else:
            stance = _BUILTIN_STANCES.get(node)
            if stance is None:
                raise GiveUp
        self.stances[node] = stance
        return stance  # type: ignore[no-any-return]

    def claimant(self, attributions: tuple[str, str], source: Any, depth: int) -> Any:
        """The claimant of the claim's two attributions; the other must name its outlet."""
        claimant = None
        outlet_seen = False
        for node in attributions:
            found = self.attributions.get(node)
            if found is None:
                raise GiveUp
            agent, is_claimant = found
            if is_claimant and claimant is None:
                claimant = self.get(agent, "agent", depth)
            elif not is_claimant and not outlet_seen:
                outlet = self.get(agent, "outlet", depth)
                if outlet is not source.outlet and outlet != source.outlet:
                    raise GiveUp
                outlet_seen = True
            else:
                raise GiveUp
        return claimant


_TAKE: dict[str, Any] = {}
_MAKE: dict[str, Any] = {}
_REFERS: dict[str, bool] = {}
for _map in (CLAIM_MAP, PROPOSITION_MAP, SOURCE_MAP, AGENT_MAP, OUTLET_MAP, GRADE_MAP, STANCE_MAP):
    _TAKE[_map.kind], _MAKE[_map.kind], _REFERS[_map.kind] = _compile(_map.kind, _map)


def read_quads(quads: Iterator[ox.Quad]) -> ClaimSet | None:
    """The collection the document holds, or ``None`` where the careful reader must read it.

    Records are added in the order the careful reader adds them (by node IRI, each
    after the records it refers to), so both give the same collection in the same order.
    """
    reader = _Reader()
    try:
        reader.take(quads)
        claims = ClaimSet()
        kinds = reader.kinds
        for node in sorted(kinds):
            kind = kinds[node]
            if kind in _RECORD_KINDS:
                record: Record = reader.get(node, kind, 0)
                claims.add(record)
    except (GiveUp, ConflictError, SyntaxError):
        return None
    return claims
