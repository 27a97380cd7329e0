"""The careful reader: triples in any order and shape → records, every fault named.

It indexes every triple first, so it can read a document however its triples come and
name the exact node and property of any fault. What it checks and what its errors say
come from :mod:`._mapping`: each row's predicate, whether it is required or may repeat,
the kind of value it holds and the words its error uses. A node that lacks a required
property, carries two values where one is allowed, or has a value of the wrong kind
raises :class:`~provenance.errors.RDFContentError` naming the node, the property and
what was expected. Chains are resolved without recursion, so a source derived through
ten thousand steps reads as well as one derived through two, and a cycle is reported
instead of looping.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from .._collection import ClaimSet
from .._iri import Record
from .._model import Derivation, ReliabilityGrade, Stance
from .._values import Time, check_web_address
from ..errors import ConflictError, ProvenanceError, RDFContentError, ValidationError
from ._literals import parse_decimal, parse_time
from ._mapping import (
    AGENT_MAP,
    ATTRIBUTION_MAP,
    CLAIM_MAP,
    GRADE_MAP,
    MAPS,
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
    rows_of,
)
from ._terms import (
    CLAIMANT_ROLE,
    OUTLET,
    OUTLET_ROLE,
    QUALIFIED_ATTRIBUTION,
    RDF_LANG_STRING,
    TYPE,
    XSD_DATE,
    XSD_DATETIME,
    XSD_DECIMAL,
    XSD_GYEAR,
    XSD_GYEARMONTH,
    XSD_LANGUAGE,
    XSD_STRING,
    Lit,
    Term,
    Triple,
)

__all__ = ["CarefulReader", "read_carefully", "show"]

T = TypeVar("T")

_KIND_MAPS = {m.kind: m for m in (*MAPS.values(),)}
_ALL_TIMES = (XSD_DATETIME, XSD_DATE, XSD_GYEARMONTH, XSD_GYEAR)


def show(term: Term) -> str:
    """A term as a message shows it: ``<iri>``, ``_:b``, ``"text"@tag``, ``"0.8"^^<…>``."""
    if isinstance(term, Lit):
        if term.language:
            return f'"{term.lexical}"@{term.language}'
        return f'"{term.lexical}"^^<{term.datatype or XSD_STRING}>'
    return term if term.startswith("_:") else f"<{term}>"


def _inverse(vocab: Vocab) -> dict[str, Any]:
    return {iri: member for member, iri in vocab.table.items()}


class CarefulReader:
    """Builds records from an index of every triple, by the mapping's tables."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self.index: defaultdict[str, defaultdict[str, list[Term]]] = defaultdict(
            lambda: defaultdict(list)
        )
        count = 0
        for s, p, o in triples:
            values = self.index[s][p]
            if o not in values:
                values.append(o)
                count += 1
        self.count = count
        """How many distinct triples were read."""
        self.memo: dict[str, Record] = {}
        self.stances: dict[str, Stance] = {}
        self.inverses: dict[int, dict[str, Any]] = {}

    # ----------------------------------------------------------------- access

    def values(self, node: str, prop: str) -> list[Term]:
        found = self.index.get(node)
        return found.get(prop, []) if found is not None else []

    def types(self, node: str) -> list[Term]:
        return self.values(node, TYPE)

    def typed(self, node: str, wanted: str) -> bool:
        return wanted in self.types(node)

    def optional(self, node: str, prop: str, expected: str) -> Term | None:
        values = self.values(node, prop)
        if len(values) > 1:
            raise RDFContentError(
                node,
                prop,
                f"at most one value ({expected})",
                found=", ".join(sorted(show(v) for v in values)),
            )
        return values[0] if values else None

    def one(self, node: str, prop: str, expected: str) -> Term:
        value = self.optional(node, prop, expected)
        if value is None:
            raise RDFContentError(node, prop, expected, found="no value")
        return value

    def target(self, node: str, prop: str, value: Term, expected: str) -> str:
        """A value that must name a node (an IRI or a blank node), not a literal."""
        if isinstance(value, Lit):
            raise RDFContentError(node, prop, expected, found=show(value))
        return value

    def build(self, node: str, make: Callable[[], T], prop: str, expected: str) -> T:
        """Run a model constructor, turning its validation error into one naming the node."""
        try:
            return make()
        except RDFContentError:
            raise
        except ProvenanceError as error:
            raise RDFContentError(node, prop, expected, found=str(error)) from error

    def inverse(self, vocab: Vocab) -> dict[str, Any]:
        found = self.inverses.get(id(vocab))
        if found is None:
            found = self.inverses[id(vocab)] = _inverse(vocab)
        return found

    # ----------------------------------------------------------------- values

    def value(self, node: str, prop: str, value: object, term: Term) -> Any:
        """The model value one term of a plain property stands for."""
        if isinstance(value, Ref):
            return self.get(self.target(node, prop, term, value.expected), value.kind)
        if isinstance(value, StanceIRI):
            return self.stance(self.target(node, prop, term, value.expected))
        if isinstance(value, Vocab):
            table = self.inverse(value)
            if isinstance(term, Lit) or term not in table:
                raise RDFContentError(node, prop, value.expected, found=show(term))
            return table[term]
        if isinstance(value, Text):
            if not isinstance(term, Lit) or (term.datatype or XSD_STRING) not in (
                XSD_STRING,
                RDF_LANG_STRING,
            ):
                raise RDFContentError(node, prop, value.expected, found=show(term))
            return term
        if isinstance(value, LanguageTag):
            if not isinstance(term, Lit) or term.datatype != XSD_LANGUAGE:
                raise RDFContentError(node, prop, value.expected, found=show(term))
            return term.lexical
        if isinstance(value, Decimal):
            number = None
            if isinstance(term, Lit) and term.datatype == XSD_DECIMAL:
                number = parse_decimal(term.lexical)
            if number is None or not value.low <= number <= value.high:
                raise RDFContentError(node, prop, value.expected, found=show(term))
            return number
        if isinstance(value, WebAddress):
            address = self.target(node, prop, term, value.expected)
            try:
                check_web_address("RDF", prop, address)
            except ValidationError:
                raise RDFContentError(node, prop, value.expected, found=show(term)) from None
            return address
        if isinstance(value, AnyTime):
            return self.time_value(node, prop, term, _ALL_TIMES, value.expected)
        raise TypeError(f"no reader for a value of kind {value!r}")  # pragma: no cover

    def time_value(
        self, node: str, prop: str, term: Term, datatypes: tuple[str, ...], expected: str
    ) -> Time:
        if isinstance(term, Lit) and term.datatype in datatypes:
            parsed = parse_time(term.lexical, term.datatype)
            if parsed is not None:
                return parsed
        raise RDFContentError(node, prop, expected, found=show(term))

    # ----------------------------------------------------------------- rows

    def fields(self, node: str, record_map: RecordMap) -> dict[str, Any]:
        """The keyword arguments of the record ``node`` describes, row by row."""
        kwargs: dict[str, Any] = {}
        tags: dict[str, str] = {}
        for row in record_map.rows:
            self.row(node, row, kwargs, tags)
        for field, tag in tags.items():  # a text's tag stands in for a language not given
            if kwargs.get(field) is None:
                kwargs[field] = tag
        return kwargs

    def row(self, node: str, row: Row, kwargs: dict[str, Any], tags: dict[str, str]) -> None:
        if isinstance(row, Prop):
            kwargs[row.field] = self.prop(node, row, tags)
        elif isinstance(row, TimeByPrecision):
            kwargs[row.field] = self.time(node, row)
        elif isinstance(row, Derivations):
            kwargs[row.field] = [
                Derivation(self.get(self.target(node, prop, t, row.expected), "source"), kind)
                for kind, prop in row.table.items()
                for t in self.values(node, prop)
            ]
        elif isinstance(row, Grades):
            kwargs[row.field] = self.grades(node, row)
        elif isinstance(row, Attributions):
            kwargs[row.field] = self.claimant(node, row, kwargs)
        elif isinstance(row, Inline):
            kwargs[row.field] = self.inline(node, row, tags)
        else:  # pragma: no cover - a row kind this reader does not know
            raise TypeError(f"no reader for the row {row!r}")

    def prop(self, node: str, row: Prop, tags: dict[str, str]) -> Any:
        value = row.value
        if row.many:
            found = [
                self.value(node, row.predicate, value, t) for t in self.values(node, row.predicate)
            ]
            return [f.lexical if isinstance(f, Lit) else f for f in found]
        if isinstance(value, Ref) and value.shared:
            return self.shared(node, row, value)
        if row.required:
            term: Term | None = self.one(node, row.predicate, value.expected)
        else:
            term = self.optional(node, row.predicate, value.expected)
        if term is None:
            return None
        found = self.value(node, row.predicate, value, term)
        if isinstance(found, Lit):  # a text: its tag may give the record's language
            if (
                isinstance(value, Text)
                and value.gives_language
                and value.language
                and found.language
            ):
                tags.setdefault(value.language, found.language)
            return found.lexical
        return found

    def shared(self, node: str, row: Prop, value: Ref) -> Any:
        """A reference under a predicate that also names other things (a source is
        attributed to its outlet, and may be to others): only nodes of its kind count."""
        kind_map = _KIND_MAPS[value.kind]
        candidates = [
            v
            for v in self.values(node, row.predicate)
            if isinstance(v, str) and any(self.typed(v, mark) for mark in kind_map.marks)
        ]
        if len(candidates) != 1 and (row.required or candidates):
            raise RDFContentError(node, row.predicate, value.expected, found=str(len(candidates)))
        return self.get(candidates[0], value.kind) if candidates else None

    def time(self, node: str, row: TimeByPrecision) -> Time | None:
        instant = self.optional(node, row.instant, row.instant_expected)
        coarse = self.optional(node, row.coarse, row.coarse_expected)
        if instant is not None and coarse is not None:
            raise RDFContentError(
                node,
                row.coarse,
                f"no dcterms:date beside prov:generatedAtTime {show(instant)}",
                found=show(coarse),
            )
        if instant is not None:
            return self.time_value(
                node, row.instant, instant, (XSD_DATETIME,), row.instant_expected
            )
        if coarse is not None:
            return self.time_value(
                node, row.coarse, coarse, (XSD_DATE, XSD_GYEARMONTH, XSD_GYEAR), row.coarse_expected
            )
        return None

    def grades(self, node: str, row: Grades) -> list[ReliabilityGrade]:
        out = []
        for value in self.values(node, row.predicate):
            grade_node = self.target(node, row.predicate, value, row.expected)
            kwargs = self.fields(grade_node, GRADE_MAP)
            out.append(self.make(grade_node, GRADE_MAP, ReliabilityGrade, kwargs))
        return out

    def claimant(self, node: str, row: Attributions, kwargs: dict[str, Any]) -> Any:
        """The agent credited in the claimant role; one in the outlet role must be the
        outlet of the claim's source."""
        agent_row, role_row = ATTRIBUTION_MAP.rows
        assert isinstance(agent_row, Prop)
        assert isinstance(role_row, Prop)
        claimant = None
        source = kwargs.get("source")
        for value in self.values(node, QUALIFIED_ATTRIBUTION):
            attribution = self.target(node, QUALIFIED_ATTRIBUTION, value, "a prov:Attribution node")
            role = self.target(
                attribution,
                role_row.predicate,
                self.one(attribution, role_row.predicate, role_row.value.expected),
                role_row.value.expected,
            )
            agent = self.target(
                attribution,
                agent_row.predicate,
                self.one(attribution, agent_row.predicate, agent_row.value.expected),
                agent_row.value.expected,
            )
            if role == CLAIMANT_ROLE:
                if claimant is not None:
                    raise RDFContentError(
                        node, QUALIFIED_ATTRIBUTION, "one claimant attribution", found="two"
                    )
                claimant = self.get(agent, "agent")
            elif (
                role == OUTLET_ROLE
                and source is not None
                and self.get(agent, "outlet") != source.outlet
            ):
                raise RDFContentError(
                    attribution,
                    agent_row.predicate,
                    "the outlet that published the claim's source",
                    found=f"<{agent}>",
                )
        if claimant is None:
            raise RDFContentError(node, QUALIFIED_ATTRIBUTION, row.expected, found="none")
        return claimant

    def inline(self, node: str, row: Inline, tags: dict[str, str]) -> Any:
        """A value object said on the node: none when none of its parts is there."""
        parts = {part.field: self.prop(node, part, tags) for part in row.rows}
        if all(v is None for v in parts.values()):
            return None
        try:
            return row.cls(**parts)
        except ProvenanceError as error:
            raise RDFContentError(
                node, row.rows[0].predicate, row.expected, found=str(error)
            ) from error

    # ----------------------------------------------------------------- records

    def record(self, node: str, kind: str) -> Record:
        record_map = _KIND_MAPS[kind]
        check = _CHECKS.get(kind)
        if check is not None:
            check(self, node)
        kwargs = self.fields(node, record_map)
        if record_map.kind_types is not None:
            field, vocab = record_map.kind_types
            table = self.inverse(vocab)
            kinds = [t for t in self.types(node) if t in table]
            if len(kinds) != 1:
                raise RDFContentError(
                    node,
                    TYPE,
                    vocab.expected,
                    found=", ".join(sorted(show(k) for k in kinds)) or "none",
                )
            kwargs[field] = table[str(kinds[0])]
        record: Record = self.make(node, record_map, record_map.cls, kwargs)
        return record

    def make(self, node: str, record_map: RecordMap, cls: type, kwargs: dict[str, Any]) -> Any:
        """Run the model's constructor; its refusal names the node and the field's property."""
        try:
            return cls(**kwargs)
        except ProvenanceError as error:
            field = getattr(error, "field", None)
            prop = _predicate_of(record_map, field) if isinstance(field, str) else None
            raise RDFContentError(
                node,
                prop or _predicate_of(record_map, None),
                f"{record_map.noun} the model accepts",
                found=str(error),
            ) from error

    def stance(self, node: str) -> Stance:
        found = self.stances.get(node)
        if found is not None:
            return found
        label_row = STANCE_MAP.rows[0]
        assert isinstance(label_row, Prop)
        if self.values(node, label_row.predicate):
            kwargs = self.fields(node, STANCE_MAP)
            stance = self.build(
                node, lambda: Stance(node, **kwargs), label_row.predicate, "a stance"
            )
        else:
            builtin = Stance.from_iri(node)
            if builtin is None:
                raise RDFContentError(
                    node,
                    label_row.predicate,
                    "a built-in pc:Stance, or a stance described by skos:prefLabel and pc:polarity",
                    found="no description",
                )
            stance = builtin
        self.stances[node] = stance
        return stance

    # ----------------------------------------------------------------- resolution

    def links(self, node: str, kind: str) -> list[tuple[str, str, str]]:
        """The nodes ``node`` refers to that are records themselves: (property, node, kind)."""
        found = []
        for row in _KIND_MAPS[kind].rows:
            if isinstance(row, Prop) and isinstance(row.value, Ref):
                for v in self.values(node, row.predicate):
                    if isinstance(v, str) and (
                        not row.value.shared
                        or any(self.typed(v, m) for m in _KIND_MAPS[row.value.kind].marks)
                    ):
                        found.append((row.predicate, v, row.value.kind))
            elif isinstance(row, Derivations):
                for prop in row.table.values():
                    found += [
                        (prop, v, "source") for v in self.values(node, prop) if isinstance(v, str)
                    ]
        return found

    def get(self, node: str, kind: str) -> Any:
        """Build ``node`` once, after everything it depends on, refusing cycles."""
        if node in self.memo:
            return self.memo[node]
        stack: list[tuple[str, str]] = [(node, kind)]
        visiting: set[str] = set()
        while stack:
            current, current_kind = stack[-1]
            if current in self.memo:
                stack.pop()
                continue
            pending = [
                (prop, target, target_kind)
                for prop, target, target_kind in self.links(current, current_kind)
                if target not in self.memo
            ]
            if pending:
                if current in visiting:
                    back = next((p for p, t, _ in pending if t in visiting), pending[0][0])
                    raise RDFContentError(
                        current, back, "links that do not lead back to this node", found="a cycle"
                    )
                visiting.add(current)
                stack += [(target, target_kind) for _, target, target_kind in pending]
                continue
            self.memo[current] = self.record(current, current_kind)
            visiting.discard(current)
            stack.pop()
        return self.memo[node]


def _check_agent(reader: CarefulReader, node: str) -> None:
    if reader.typed(node, OUTLET):
        raise RDFContentError(node, TYPE, "an agent that is not a pc:Outlet", found="pc:Outlet")


def _check_outlet(reader: CarefulReader, node: str) -> None:
    if not reader.typed(node, OUTLET):
        raise RDFContentError(node, TYPE, "pc:Outlet", found="no such type")


_CHECKS: dict[str, Callable[[CarefulReader, str], None]] = {
    "agent": _check_agent,
    "outlet": _check_outlet,
}
"""Checks of a node's types beyond its rows: an agent and an outlet are told apart by type."""


def _predicate_of(record_map: RecordMap, field: str | None) -> str:
    """The predicate that says ``field`` (the first row's, for none or an unknown one)."""
    for row in rows_of(record_map):
        if field is None or getattr(row, "field", None) == field:
            return predicates(row)[0]
    return predicates(record_map.rows[0])[0]


def read_carefully(reader: CarefulReader) -> ClaimSet:
    """Build a :class:`ClaimSet` from the reader's triples; every typed record is kept,
    claimed or not."""
    claims = ClaimSet()
    for node in sorted(reader.index):
        types = reader.types(node)
        if OUTLET in types:
            _add(claims, reader, reader.get(node, "outlet"))
            continue
        for record_map in (PROPOSITION_MAP, AGENT_MAP, SOURCE_MAP, CLAIM_MAP):
            if any(mark in types for mark in record_map.marks):
                _add(claims, reader, reader.get(node, record_map.kind))
    return claims


def _add(claims: ClaimSet, reader: CarefulReader, record: Record) -> None:
    """Add a record; two nodes that describe one record differently name both nodes."""
    try:
        claims.add(record)
    except ConflictError as error:
        first = next((n for n, r in reader.memo.items() if r == error.first), "?")
        second = next((n for n, r in reader.memo.items() if r == error.second), "?")
        differ = ", ".join(error.fields) or "their details"
        raise RDFContentError(
            second,
            TYPE,
            f"a record distinct from <{first}>: both describe the same "
            f"{type(record).__name__.lower()} but differ in {differ}",
            found=str(error),
        ) from error
