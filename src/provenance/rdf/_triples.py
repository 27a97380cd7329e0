"""Model → triples, by the mapping's tables: the reference every writer is held to.

:class:`Describer` reads :mod:`._mapping` row by row. The rdflib Graph, JSON-LD,
RDF/XML, TriG and the stores take these triples; the Turtle and N-Triples templates
(:mod:`._templates`) are generated from the same tables and give the same text, a
property test holds them to it. Within a record the triples are sorted by
:func:`sort_key` (types first, then predicate, then object), so the order written never
depends on the order of a set.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from .._iri import Record, iri
from .._model import Claim, ReliabilityGrade, Stance
from .._values import time_lexical
from ._literals import decimal_lexical, time_literal
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
    PROV_AGENT,
    QUALIFIED_ATTRIBUTION,
    TYPE,
    WAS_ATTRIBUTED_TO,
    XSD_DATETIME,
    XSD_DECIMAL,
    XSD_LANGUAGE,
    Lit,
    Term,
    Triple,
)

__all__ = ["Describer", "attribution_node", "grade_node", "sort_key"]


def sort_key(triple: Triple) -> tuple[str, bool, str, int, str, str, str]:
    """Subject, then ``rdf:type`` first, then predicate and object: Turtle reads naturally."""
    s, p, o = triple
    if isinstance(o, Lit):
        return (s, p != TYPE, p, 1, o.lexical, o.datatype or "", o.language or "")
    return (s, p != TYPE, p, 0, o, "", "")


def grade_node(subject: str, grade: ReliabilityGrade) -> str:
    """A grading's node, named after what it says: the grade, and a digest of its period."""
    name = grade.grade.value
    if grade.start is not None or grade.end is not None:
        start = "" if grade.start is None else time_lexical(grade.start)
        end = "" if grade.end is None else time_lexical(grade.end)
        name += "/" + hashlib.sha256(f"{start}..{end}".encode()).hexdigest()[:16]
    return f"{subject}/reliability/{name}"


def attribution_node(claim: str, role: str) -> str:
    """The node of a claim's attribution in ``role`` (``"claimant"`` or ``"outlet"``)."""
    return f"{claim}/attribution/{role}"


class Describer:
    """The triples of records, with IRIs minted under ``base`` (digests kept in ``cache``)."""

    def __init__(self, base: str, cache: dict[Record, str] | None = None) -> None:
        self.base = base
        self.cache: dict[Record, str] = {} if cache is None else cache

    def iri(self, record: Record) -> str:
        return iri(record, self.base, self.cache)

    def record(self, record: Record) -> Iterator[Triple]:
        """The record's triples, in no particular order."""
        return self.node(self.iri(record), MAPS[type(record)], record)

    def stance(self, stance: Stance) -> Iterator[Triple]:
        """A stance the shipped vocabulary does not define travels with the data."""
        return self.node(stance.iri, STANCE_MAP, stance)

    def node(self, subject: str, record_map: RecordMap, record: object) -> Iterator[Triple]:
        for kind in record_map.types:
            yield subject, TYPE, kind
        if record_map.kind_types is not None:
            field, vocab = record_map.kind_types
            yield subject, TYPE, vocab.table[getattr(record, field)]
        for row in record_map.rows:
            yield from self.row(subject, row, record, record)

    def row(self, s: str, row: Row, holder: object, record: object) -> Iterator[Triple]:
        """The triples of one row; ``holder`` has the field, ``record`` is the subject's."""
        if isinstance(row, Prop):
            value = getattr(holder, row.field)
            if value is None:
                return
            for item in value if row.many else (value,):
                yield s, row.predicate, self.object(row.value, item, record)
        elif isinstance(row, TimeByPrecision):
            value = getattr(holder, row.field)
            if value is not None:
                lexical, datatype = time_literal(value)
                predicate = row.instant if datatype == XSD_DATETIME else row.coarse
                yield s, predicate, Lit(lexical, datatype)
        elif isinstance(row, Derivations):
            for link in getattr(holder, row.field):
                yield s, row.table[link.kind], self.iri(link.source)
        elif isinstance(row, Grades):
            for grade in getattr(holder, row.field):
                node = grade_node(s, grade)
                yield s, row.predicate, node
                yield from self.node(node, GRADE_MAP, grade)
        elif isinstance(row, Attributions):
            yield from self.attributions(s, row, holder)
        else:
            inner = getattr(holder, row.field)
            if inner is not None:
                for part in row.rows:
                    yield from self.row(s, part, inner, record)

    def attributions(self, s: str, row: Attributions, claim: object) -> Iterator[Triple]:
        assert isinstance(claim, Claim)
        agents = {"claimant": self.iri(getattr(claim, row.field)), "outlet": self.iri(claim.outlet)}
        agent_row, role_row = ATTRIBUTION_MAP.rows
        assert isinstance(agent_row, Prop)
        assert isinstance(role_row, Prop)
        assert agent_row.predicate == PROV_AGENT
        for role, role_iri in row.roles:
            node = attribution_node(s, role)
            yield s, WAS_ATTRIBUTED_TO, agents[role]
            yield s, QUALIFIED_ATTRIBUTION, node
            for kind in ATTRIBUTION_MAP.types:
                yield node, TYPE, kind
            yield node, agent_row.predicate, agents[role]
            yield node, role_row.predicate, role_iri

    def object(self, value: object, item: object, record: object) -> Term:
        """The RDF term for one value of a plain property."""
        if isinstance(value, Ref):
            return self.iri(item)  # type: ignore[arg-type]
        if isinstance(value, Text):
            tag = None if value.language is None else getattr(record, value.language)
            return Lit(item, None, None if tag is None else tag.lower())  # type: ignore[arg-type]
        if isinstance(value, Vocab):
            return value.table[item]
        if isinstance(value, StanceIRI):
            return item.iri  # type: ignore[attr-defined, no-any-return]
        if isinstance(value, LanguageTag):
            return Lit(item, XSD_LANGUAGE)  # type: ignore[arg-type]
        if isinstance(value, Decimal):
            return Lit(decimal_lexical(item), XSD_DECIMAL)  # type: ignore[arg-type]
        if isinstance(value, WebAddress):
            return item  # type: ignore[return-value]
        if isinstance(value, AnyTime):
            return Lit(*time_literal(item))  # type: ignore[arg-type]
        raise TypeError(f"no writer for a value of kind {value!r}")
