"""The quick way from a parsed document to claims, for documents shaped as we write them.

The careful reader (:mod:`provenance.rdf._read`) indexes every triple before building
anything, so it can read triples in any order and name the exact node and property of
any fault; that costs several times what parsing does. This reader takes the shape our
writers give a document (each subject's triples together, every node typed as the
mapping types it, each property used as the mapping uses it) and builds records from
pyoxigraph's own terms as subjects go by, holding a few plain values per node instead
of the document's triples.

It never decides that a document is wrong. On anything it was not written for (a
subject split across the document, a blank node, an extra type or property, a
duplicate value, a literal of an unexpected kind, a record the model refuses, two
records under one IRI) it gives up, and the careful reader reads the document again
from the start and accepts it or reports the fault exactly. Reading the same document
either way gives equal collections; a test holds the two to that on arbitrary
collections and on damaged documents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pyoxigraph as ox

from .._collection import ClaimSet
from .._iri import Record
from .._model import (
    Agent,
    Claim,
    Confidence,
    Derivation,
    Outlet,
    Proposition,
    ReliabilityGrade,
    Source,
    Stance,
)
from .._values import Time
from ..errors import ConflictError, ProvenanceError
from ._literals import parse_decimal, parse_time
from ._read import (
    _AGENT_KINDS,
    _ANALYTIC_CONFIDENCE,
    _CREDIBILITY,
    _DERIVATIONS,
    _OUTLET_KINDS,
    _POLARITIES,
    _RELIABILITY,
    _TERMS,
)
from ._terms import (
    ACTED_ON_BEHALF_OF,
    AGENT,
    ALT_LABEL,
    ATTRIBUTION,
    BUNDLE,
    CLAIM,
    CLAIMANT_ROLE,
    COMMENT,
    DATE,
    ENTITY,
    GENERATED_AT_TIME,
    HAD_ROLE,
    HOMEPAGE,
    LABEL,
    LANGUAGE,
    ORGANIZATION,
    OUTLET,
    OUTLET_ROLE,
    P_ANALYTIC_CONFIDENCE,
    P_CONFIDENCE,
    P_CONTESTS,
    P_CREDIBILITY,
    P_ESTIMATIVE_TERM,
    P_ESTIMATIVE_WORDING,
    P_GRADE,
    P_OUTLET_KIND,
    P_POLARITY,
    P_PROPOSITION,
    P_RELIABILITY,
    P_STANCE,
    P_STATEMENT,
    P_SUPPORTS,
    P_VALID_FROM,
    P_VALID_UNTIL,
    PAGE,
    PERSON,
    PREF_LABEL,
    PROPOSITION,
    PROV_AGENT,
    QUALIFIED_ATTRIBUTION,
    RELIABILITY_GRADE,
    SOURCE,
    STANCE,
    TITLE,
    TYPE,
    UNNAMED_AGENT,
    VALUE,
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

__all__ = ["read_quads"]

_NamedNode = ox.NamedNode
_Literal = ox.Literal
_N = ox.NamedNode

_MAX_DEPTH = 100
"""Chains longer than this (sources derived through hundreds of steps) go to the careful
reader, which resolves them without recursion."""


class _GiveUpError(Exception):
    """The document is not in the shape this reader takes; the careful reader takes over."""


def _node_table(table: dict[str, Any]) -> dict[ox.NamedNode, Any]:
    return {_N(iri): value for iri, value in table.items()}


def _types(*iris: str) -> frozenset[ox.NamedNode]:
    return frozenset(_N(iri) for iri in iris)


# Node kinds by their exact set of types, as the mapping writes them.
_KINDS: dict[frozenset[ox.NamedNode], str] = {
    _types(ENTITY, CLAIM): "claim",
    _types(ENTITY, PROPOSITION): "proposition",
    _types(ENTITY, SOURCE): "source",
    _types(AGENT, PERSON): "agent",
    _types(AGENT, ORGANIZATION): "agent",
    _types(AGENT, UNNAMED_AGENT): "agent",
    _types(AGENT, ORGANIZATION, OUTLET): "outlet",
    _types(ATTRIBUTION): "attribution",
    _types(ENTITY, RELIABILITY_GRADE): "grade",
    _types(STANCE): "stance",
    _types(BUNDLE, ENTITY): "bundle",
}


def _fields(*iris: str) -> tuple[ox.NamedNode, ...]:
    return tuple(_N(iri) for iri in iris)


# The properties each kind of node may carry here, in a fixed order; any other sends
# the document on.
_PROPERTIES: dict[str, tuple[ox.NamedNode, ...]] = {
    "claim": _fields(
        TYPE,
        P_PROPOSITION,
        P_STANCE,
        WAS_DERIVED_FROM,
        WAS_ATTRIBUTED_TO,
        QUALIFIED_ATTRIBUTION,
        P_CONFIDENCE,
        P_ESTIMATIVE_TERM,
        P_ESTIMATIVE_WORDING,
        P_CREDIBILITY,
        P_ANALYTIC_CONFIDENCE,
        GENERATED_AT_TIME,
        DATE,
        VALUE,
        LANGUAGE,
        P_SUPPORTS,
        P_CONTESTS,
    ),
    "proposition": _fields(TYPE, P_STATEMENT, LANGUAGE),
    "source": _fields(
        TYPE, WAS_ATTRIBUTED_TO, GENERATED_AT_TIME, DATE, TITLE, PAGE, LANGUAGE, *_DERIVATIONS
    ),
    "agent": _fields(TYPE, LABEL, ALT_LABEL, ACTED_ON_BEHALF_OF, COMMENT, P_RELIABILITY),
    "outlet": _fields(TYPE, LABEL, P_OUTLET_KIND, ALT_LABEL, HOMEPAGE, LANGUAGE, P_RELIABILITY),
    "attribution": _fields(TYPE, PROV_AGENT, HAD_ROLE),
    "grade": _fields(TYPE, P_GRADE, P_VALID_FROM, P_VALID_UNTIL),
    "stance": _fields(TYPE, PREF_LABEL, P_POLARITY),
    # a TriG bundle: what it was taken from and who recorded it, read as the careful
    # reader reads it (not at all: the recorder is an agent node of its own)
    "bundle": _fields(TYPE, WAS_DERIVED_FROM, WAS_ATTRIBUTED_TO),
}

# Node kinds by their types in the order we write them, checked before the general
# look-up above: comparing two pyoxigraph terms is cheaper than hashing them.
_ENTITY = _N(ENTITY)
_ENTITY_KINDS = ((_N(CLAIM), "claim"), (_N(SOURCE), "source"), (_N(PROPOSITION), "proposition"))
_ATTRIBUTION = _N(ATTRIBUTION)

_TYPE = _N(TYPE)
_P_PROPOSITION = _N(P_PROPOSITION)
_P_STANCE = _N(P_STANCE)
_WAS_DERIVED_FROM = _N(WAS_DERIVED_FROM)
_QUALIFIED_ATTRIBUTION = _N(QUALIFIED_ATTRIBUTION)
_WAS_ATTRIBUTED_TO = _N(WAS_ATTRIBUTED_TO)
_P_CONFIDENCE = _N(P_CONFIDENCE)
_P_ESTIMATIVE_TERM = _N(P_ESTIMATIVE_TERM)
_P_ESTIMATIVE_WORDING = _N(P_ESTIMATIVE_WORDING)
_P_CREDIBILITY = _N(P_CREDIBILITY)
_P_ANALYTIC_CONFIDENCE = _N(P_ANALYTIC_CONFIDENCE)
_GENERATED_AT_TIME = _N(GENERATED_AT_TIME)
_DATE = _N(DATE)
_VALUE = _N(VALUE)
_LANGUAGE = _N(LANGUAGE)
_P_SUPPORTS = _N(P_SUPPORTS)
_P_CONTESTS = _N(P_CONTESTS)
_P_STATEMENT = _N(P_STATEMENT)
_TITLE = _N(TITLE)
_PAGE = _N(PAGE)
_LABEL = _N(LABEL)
_ALT_LABEL = _N(ALT_LABEL)
_ACTED_ON_BEHALF_OF = _N(ACTED_ON_BEHALF_OF)
_COMMENT = _N(COMMENT)
_P_RELIABILITY = _N(P_RELIABILITY)
_P_OUTLET_KIND = _N(P_OUTLET_KIND)
_HOMEPAGE = _N(HOMEPAGE)
_PROV_AGENT = _N(PROV_AGENT)
_HAD_ROLE = _N(HAD_ROLE)
_P_GRADE = _N(P_GRADE)
_P_VALID_FROM = _N(P_VALID_FROM)
_P_VALID_UNTIL = _N(P_VALID_UNTIL)
_PREF_LABEL = _N(PREF_LABEL)
_P_POLARITY = _N(P_POLARITY)
_CLAIMANT_ROLE = _N(CLAIMANT_ROLE)
_OUTLET_ROLE = _N(OUTLET_ROLE)

_XSD_STRING = _N(XSD_STRING)
_XSD_LANGUAGE = _N(XSD_LANGUAGE)
_XSD_DECIMAL = _N(XSD_DECIMAL)
_XSD_DATETIME = _N(XSD_DATETIME)
_COARSE = {_N(XSD_DATE): XSD_DATE, _N(XSD_GYEARMONTH): XSD_GYEARMONTH, _N(XSD_GYEAR): XSD_GYEAR}
_BOUNDS = {**_COARSE, _XSD_DATETIME: XSD_DATETIME}

_AGENT_KIND_OF = _node_table(_AGENT_KINDS)
_OUTLET_KIND_OF = _node_table(_OUTLET_KINDS)
_DERIVATION_OF = _node_table(_DERIVATIONS)
_POLARITY_OF = _node_table(_POLARITIES)
_TERM_OF = _node_table(_TERMS)
_RELIABILITY_OF = _node_table(_RELIABILITY)
_CREDIBILITY_OF = _node_table(_CREDIBILITY)
_ANALYTIC_OF = _node_table(_ANALYTIC_CONFIDENCE)
_BUILTIN_STANCES = {stance.iri: stance for stance in Stance.builtins()}

_RECORD_KINDS = ("claim", "proposition", "source", "agent", "outlet")


def _known(fields: dict[ox.NamedNode, Any], kind: str) -> list[Any]:
    """The node's values of each property its kind may carry, ``None`` where absent.

    A property the kind does not carry sends the document on: all of them are looked
    up, so the ones found must be all the node has.
    """
    get = fields.get
    known = _PROPERTIES[kind]
    values = [get(prop) for prop in known]
    if len(fields) != len(known) - values.count(None):
        raise _GiveUpError
    return values


def _single(*values: Any) -> None:
    """Several values where the mapping writes at most one send the document on."""
    for value in values:
        if value.__class__ is list:
            raise _GiveUpError


def _listed(value: Any) -> list[Any]:
    """A property's values, from its value(s) as grouped: none, one, or a list."""
    if value is None:
        return []
    if value.__class__ is list:
        if len(set(value)) != len(value):
            raise _GiveUpError  # a repeated triple: the careful reader drops repeats
        return value
    return [value]


def _nodes(value: Any) -> list[str]:
    """The IRIs a property links to, from its value(s) as grouped."""
    return [_iri(v) for v in _listed(value)]


# --------------------------------------------------------------------------- values


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
            raise _GiveUpError
        return found
    if types == _ATTRIBUTION:
        return "attribution"
    found = _KINDS.get(frozenset((types,))) if types is not None else None
    if found is None:
        raise _GiveUpError
    return found


def _one(fields: dict[ox.NamedNode, Any], prop: ox.NamedNode) -> Any:
    """The property's single value, ``None`` if absent; several values send the document on."""
    value = fields.get(prop)
    if value.__class__ is list:
        raise _GiveUpError
    return value


def _many(fields: dict[ox.NamedNode, Any], prop: ox.NamedNode) -> list[Any]:
    return _listed(fields.get(prop))


def _iri(value: Any) -> str:
    if value.__class__ is not _NamedNode:
        raise _GiveUpError
    return value.value


def _optional_iri(value: Any) -> str | None:
    return None if value is None else _iri(value)


def _text(value: Any) -> tuple[str, str | None]:
    """A string literal's text and language tag."""
    if value.__class__ is not _Literal:
        raise _GiveUpError
    language = value.language
    if language:
        if value.direction is not None:
            raise _GiveUpError
        return value.value, language
    if value.datatype != _XSD_STRING:
        raise _GiveUpError
    return value.value, None


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)[0]


def _language(fields: dict[ox.NamedNode, Any]) -> str | None:
    return _language_of(_one(fields, _LANGUAGE))


def _language_of(value: Any) -> str | None:
    if value is None:
        return None
    if value.__class__ is not _Literal or value.datatype != _XSD_LANGUAGE:
        raise _GiveUpError
    return value.value


def _time_of(value: Any, datatypes: dict[ox.NamedNode, str]) -> Time:
    if value.__class__ is not _Literal:
        raise _GiveUpError
    datatype = datatypes.get(value.datatype)
    if datatype is None:
        raise _GiveUpError
    parsed = parse_time(value.value, datatype)
    if parsed is None:
        raise _GiveUpError
    return parsed


_INSTANT = {_XSD_DATETIME: XSD_DATETIME}


def _time_from(instant: Any, coarse: Any) -> Time | None:
    if instant is not None:
        if coarse is not None:
            raise _GiveUpError
        return _time_of(instant, _INSTANT)
    return None if coarse is None else _time_of(coarse, _COARSE)


def _enum(value: Any, table: dict[ox.NamedNode, Any]) -> Any:
    if value is None:
        return None
    found = table.get(value) if value.__class__ is _NamedNode else None
    if found is None:
        raise _GiveUpError
    return found


def _confidence(number_value: Any, term_value: Any, wording_value: Any) -> Confidence | None:
    number = None
    if number_value is not None:
        if number_value.__class__ is not _Literal or number_value.datatype != _XSD_DECIMAL:
            raise _GiveUpError
        number = parse_decimal(number_value.value)
        if number is None or not 0.0 <= number <= 1.0:
            raise _GiveUpError
    term = _enum(term_value, _TERM_OF)
    wording = None if wording_value is None else _text(wording_value)[0]
    if number is None and term is None and wording is None:
        return None
    return _build(lambda: Confidence(number, term, wording=wording))  # type: ignore[no-any-return]


def _build(make: Callable[[], Any]) -> Any:
    try:
        return make()
    except ProvenanceError:
        raise _GiveUpError from None


# --------------------------------------------------------------------------- reader


class _Reader:
    """Reads each subject's triples as soon as the next subject starts, keeping plain values.

    Records that refer to nothing (propositions, reliability grades) are built at once;
    the others wait as tuples of plain values until the document has been read, since
    a claim is met before the source it appears in.
    """

    def __init__(self) -> None:
        self.kinds: dict[str, str] = {}
        self.pending: dict[str, tuple[Any, ...]] = {}
        self.memo: dict[str, Any] = {}
        self.grades: dict[str, ReliabilityGrade] = {}
        self.stances: dict[str, Stance] = {}

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
                    raise _GiveUpError
                name = subject.value
                if name in kinds:
                    raise _GiveUpError
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
        kind = _kind(fields.get(_TYPE))
        self.kinds[name] = kind
        if kind == "claim":
            self.pending[name] = self.claim_values(fields)
        elif kind == "attribution":
            _, agent, role = _known(fields, kind)
            _single(agent, role)
            if role != _CLAIMANT_ROLE and role != _OUTLET_ROLE:  # noqa: PLR1714 - no hashing
                raise _GiveUpError
            self.pending[name] = (_iri(agent), role == _CLAIMANT_ROLE)
        elif kind == "source":
            self.pending[name] = self.source_values(fields)
        elif kind == "proposition":
            self.memo[name] = self.proposition(fields)
        elif kind == "agent":
            self.pending[name] = self.agent_values(fields)
        elif kind == "outlet":
            self.pending[name] = self.outlet_values(fields)
        elif kind == "grade":
            self.grades[name] = self.grade(fields)
        elif kind == "bundle":
            _known(fields, kind)
        else:
            _, label, polarity = _known(fields, kind)
            _single(label, polarity)
            polarity = _enum(polarity, _POLARITY_OF)
            if label is None or polarity is None:
                raise _GiveUpError
            self.pending[name] = (_text(label)[0], polarity)

    def get(self, node: str, kind: str, depth: int) -> Any:
        if self.kinds.get(node) != kind:
            raise _GiveUpError
        found = self.memo.get(node)
        if found is not None:
            return found
        if depth > _MAX_DEPTH:
            raise _GiveUpError
        values = self.pending[node]
        record: Record
        if kind == "claim":
            record = self.claim(values, depth)
        elif kind == "source":
            record = self.source(values, depth)
        elif kind == "agent":
            record = self.agent(values, depth)
        else:
            record = self.outlet(values)
        self.memo[node] = record
        return record

    # ----------------------------------------------------------------- records

    def proposition(self, fields: dict[ox.NamedNode, Any]) -> Proposition:
        _, statement, language_value = _known(fields, "proposition")
        _single(statement, language_value)
        if statement is None:
            raise _GiveUpError
        text, tag = _text(statement)
        language = _language_of(language_value)
        return _build(lambda: Proposition(text, language=tag if language is None else language))  # type: ignore[no-any-return]

    def grade(self, fields: dict[ox.NamedNode, Any]) -> ReliabilityGrade:
        _known(fields, "grade")
        grade = _enum(_one(fields, _P_GRADE), _RELIABILITY_OF)
        if grade is None:
            raise _GiveUpError
        start = _one(fields, _P_VALID_FROM)
        end = _one(fields, _P_VALID_UNTIL)
        start_time = None if start is None else _time_of(start, _BOUNDS)
        end_time = None if end is None else _time_of(end, _BOUNDS)
        return _build(lambda: ReliabilityGrade(grade, start=start_time, end=end_time))  # type: ignore[no-any-return]

    def graded(self, nodes: list[str]) -> list[ReliabilityGrade]:
        found = []
        for node in nodes:
            grade = self.grades.get(node)
            if grade is None:
                raise _GiveUpError
            found.append(grade)
        return found

    def agent_values(self, fields: dict[ox.NamedNode, Any]) -> tuple[Any, ...]:
        _known(fields, "agent")
        kind = next(_AGENT_KIND_OF[t] for t in fields[_TYPE] if t in _AGENT_KIND_OF)
        label = _one(fields, _LABEL)
        if label is None:
            raise _GiveUpError
        return (
            _text(label)[0],
            kind,
            [_text(v)[0] for v in _many(fields, _ALT_LABEL)],
            _optional_iri(_one(fields, _ACTED_ON_BEHALF_OF)),
            _optional_text(_one(fields, _COMMENT)),
            [_iri(v) for v in _many(fields, _P_RELIABILITY)],
        )

    def agent(self, values: tuple[Any, ...], depth: int) -> Agent:
        name, kind, aliases, principal, description, grades = values
        on_behalf_of = None if principal is None else self.get(principal, "agent", depth + 1)
        reliability = self.graded(grades)
        return _build(  # type: ignore[no-any-return]
            lambda: Agent(
                name=name,
                kind=kind,
                aliases=aliases,
                on_behalf_of=on_behalf_of,
                description=description,
                reliability=reliability,
            )
        )

    def outlet_values(self, fields: dict[ox.NamedNode, Any]) -> tuple[Any, ...]:
        _known(fields, "outlet")
        label = _one(fields, _LABEL)
        kind = _enum(_one(fields, _P_OUTLET_KIND), _OUTLET_KIND_OF)
        if label is None or kind is None:
            raise _GiveUpError
        return (
            _text(label)[0],
            kind,
            [_text(v)[0] for v in _many(fields, _ALT_LABEL)],
            _optional_iri(_one(fields, _HOMEPAGE)),
            _language(fields),
            [_iri(v) for v in _many(fields, _P_RELIABILITY)],
        )

    def outlet(self, values: tuple[Any, ...]) -> Outlet:
        name, kind, aliases, url, language, grades = values
        reliability = self.graded(grades)
        return _build(  # type: ignore[no-any-return]
            lambda: Outlet(
                name=name,
                kind=kind,
                aliases=aliases,
                url=url,
                language=language,
                reliability=reliability,
            )
        )

    def source_values(self, fields: dict[ox.NamedNode, Any]) -> tuple[Any, ...]:
        _, outlet, instant, coarse, title, page, language, *links = _known(fields, "source")
        _single(outlet, instant, coarse, title, page, language)
        derived = [
            (target, kind)
            for value, kind in zip(links, _DERIVATION_OF.values(), strict=True)
            for target in _nodes(value)
        ]
        return (
            _iri(outlet),
            derived,
            None if title is None else _text(title)[0],
            _time_from(instant, coarse),
            None if page is None else _iri(page),
            _language_of(language),
        )

    def source(self, values: tuple[Any, ...], depth: int) -> Source:
        outlet_node, derived_nodes, title, published, url, language = values
        outlet = self.get(outlet_node, "outlet", depth + 1)
        derived = [
            Derivation(self.get(target, "source", depth + 1), kind)
            for target, kind in derived_nodes
        ]
        return _build(  # type: ignore[no-any-return]
            lambda: Source(
                outlet=outlet,
                published=published,
                title=title,
                url=url,
                language=language,
                derived_from=derived,
            )
        )

    def stance(self, node: str) -> Stance:
        found = self.stances.get(node)
        if found is not None:
            return found
        kind = self.kinds.get(node)
        if kind is not None:
            if kind != "stance":
                raise _GiveUpError
            label, polarity = self.pending[node]
            stance = _build(lambda: Stance(node, label, polarity))
        else:
            stance = _BUILTIN_STANCES.get(node)
            if stance is None:
                raise _GiveUpError
        self.stances[node] = stance
        return stance  # type: ignore[no-any-return]

    def claim_values(self, fields: dict[ox.NamedNode, Any]) -> tuple[Any, ...]:
        (
            _,
            proposition,
            stance,
            source,
            _,  # prov:wasAttributedTo repeats what the qualified attributions say
            attributions,
            number,
            term,
            wording,
            credibility,
            analytic,
            instant,
            coarse,
            value,
            language_value,
            supports,
            contests,
        ) = _known(fields, "claim")
        _single(
            proposition,
            stance,
            source,
            number,
            term,
            wording,
            credibility,
            analytic,
            instant,
            coarse,
            value,
            language_value,
        )
        if attributions.__class__ is not list or len(attributions) != 2:
            raise _GiveUpError
        text, tag = (None, None) if value is None else _text(value)
        language = _language_of(language_value)
        return (
            _iri(proposition),
            _iri(stance),
            _iri(source),
            _iri(attributions[0]),
            _iri(attributions[1]),
            _confidence(number, term, wording),
            _time_from(instant, coarse),
            text,
            tag if language is None else language,
            _enum(credibility, _CREDIBILITY_OF),
            _enum(analytic, _ANALYTIC_OF),
            _nodes(supports),
            _nodes(contests),
        )

    def claimant(self, attributions: tuple[str, str], source: Source, depth: int) -> Agent:
        """The claimant of the claim's two attributions; the other must name its outlet."""
        claimant = None
        outlet_seen = False
        for node in attributions:
            if self.kinds.get(node) != "attribution":
                raise _GiveUpError
            agent, is_claimant = self.pending[node]
            if is_claimant and claimant is None:
                claimant = self.get(agent, "agent", depth + 1)
            elif not is_claimant and not outlet_seen:
                outlet = self.get(agent, "outlet", depth + 1)
                if outlet is not source.outlet and outlet != source.outlet:
                    raise _GiveUpError
                outlet_seen = True
            else:
                raise _GiveUpError
        return claimant  # type: ignore[return-value]

    def claim(self, values: tuple[Any, ...], depth: int) -> Claim:
        (
            proposition_node,
            stance_node,
            source_node,
            first,
            second,
            confidence,
            made_at,
            text,
            language,
            credibility,
            analytic,
            supports_nodes,
            contests_nodes,
        ) = values
        proposition = self.get(proposition_node, "proposition", depth + 1)
        stance = self.stance(stance_node)
        source = self.get(source_node, "source", depth + 1)
        claimant = self.claimant((first, second), source, depth)
        supports = [self.get(node, "claim", depth + 1) for node in supports_nodes]
        contests = [self.get(node, "claim", depth + 1) for node in contests_nodes]
        return _build(  # type: ignore[no-any-return]
            lambda: Claim(
                proposition=proposition,
                claimant=claimant,
                source=source,
                stance=stance,
                confidence=confidence,
                made_at=made_at,
                text=text,
                language=language,
                credibility=credibility,
                analytic_confidence=analytic,
                supports=supports,
                contests=contests,
            )
        )


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
    except (_GiveUpError, ConflictError, SyntaxError, ValueError, TypeError, RecursionError):
        return None
    return claims
