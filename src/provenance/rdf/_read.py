"""Triples → model, for RDF we wrote and RDF someone else wrote.

Input is checked, not trusted: a node that lacks a required property, carries two
values where one is allowed, or has a value of the wrong kind raises
:class:`~provenance.errors.RDFContentError` naming the node, the property and what was
expected. Chains are resolved without recursion, so a source derived through ten
thousand steps reads as well as one derived through two, and a cycle is reported
instead of looping.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TypeVar

import pyoxigraph as ox

from .._collection import ClaimSet
from .._gc import collector_paused
from .._iri import Record
from .._model import (
    Agent,
    Claim,
    Confidence,
    Derivation,
    DerivationKind,
    Outlet,
    Polarity,
    Proposition,
    ReliabilityGrade,
    Source,
    Stance,
)
from .._values import WEB_ADDRESS, Time, check_web_address
from ..errors import ConflictError, ProvenanceError, RDFContentError, ValidationError
from ._literals import parse_decimal, parse_time
from ._reading import Document
from ._terms import (
    ACTED_ON_BEHALF_OF,
    AGENT,
    ALT_LABEL,
    CLAIM,
    CLAIMANT_ROLE,
    COMMENT,
    DATE,
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
    RDF_LANG_STRING,
    SOURCE,
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
    Lit,
    Term,
    Triple,
)
from ._write import (
    AGENT_TYPES,
    ANALYTIC_CONFIDENCE,
    CREDIBILITY,
    DERIVATIONS,
    ESTIMATIVE_TERMS,
    OUTLET_KINDS,
    POLARITIES,
    RELIABILITY,
)

__all__ = ["read_triples"]

_AGENT_KINDS = {v: k for k, v in AGENT_TYPES.items()}
_OUTLET_KINDS = {v: k for k, v in OUTLET_KINDS.items()}
_DERIVATIONS = {v: k for k, v in DERIVATIONS.items()}
_POLARITIES = {v: k for k, v in POLARITIES.items()}
_TERMS = {v: k for k, v in ESTIMATIVE_TERMS.items()}
_RELIABILITY = {v: k for k, v in RELIABILITY.items()}
_CREDIBILITY = {v: k for k, v in CREDIBILITY.items()}
_ANALYTIC_CONFIDENCE = {v: k for k, v in ANALYTIC_CONFIDENCE.items()}

T = TypeVar("T")


def _show(term: Term) -> str:
    if isinstance(term, Lit):
        if term.language:
            return f'"{term.lexical}"@{term.language}'
        return f'"{term.lexical}"^^<{term.datatype or XSD_STRING}>'
    return term if term.startswith("_:") else f"<{term}>"


class _Reader:
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

    # ----------------------------------------------------------------- access

    def values(self, node: str, prop: str) -> list[Term]:
        found = self.index.get(node)
        return found.get(prop, []) if found is not None else []

    def types(self, node: str) -> list[Term]:
        return self.values(node, TYPE)

    def optional(self, node: str, prop: str, expected: str) -> Term | None:
        values = self.values(node, prop)
        if len(values) > 1:
            raise RDFContentError(
                node,
                prop,
                f"at most one value ({expected})",
                found=", ".join(sorted(_show(v) for v in values)),
            )
        return values[0] if values else None

    def one(self, node: str, prop: str, expected: str) -> Term:
        value = self.optional(node, prop, expected)
        if value is None:
            raise RDFContentError(node, prop, expected, found="no value")
        return value

    def node(self, node: str, prop: str, value: Term | None, expected: str) -> str | None:
        if value is None:
            return None
        if isinstance(value, Lit):
            raise RDFContentError(node, prop, expected, found=_show(value))
        return value

    def one_node(self, node: str, prop: str, expected: str) -> str:
        value = self.node(node, prop, self.one(node, prop, expected), expected)
        assert value is not None
        return value

    def optional_node(self, node: str, prop: str, expected: str) -> str | None:
        return self.node(node, prop, self.optional(node, prop, expected), expected)

    def web_address(self, node: str, prop: str) -> str | None:
        """A home page or page: an http or https IRI, checked here to name the property."""
        value = self.optional_node(node, prop, WEB_ADDRESS)
        if value is not None:
            try:
                check_web_address("RDF", prop, value)
            except ValidationError:
                raise RDFContentError(node, prop, WEB_ADDRESS, found=_show(value)) from None
        return value

    def text(self, node: str, prop: str, value: Term | None) -> Lit | None:
        if value is None:
            return None
        if not isinstance(value, Lit) or (value.datatype or XSD_STRING) not in (
            XSD_STRING,
            RDF_LANG_STRING,
        ):
            raise RDFContentError(node, prop, "a string literal", found=_show(value))
        return value

    def one_text(self, node: str, prop: str) -> Lit:
        lit = self.text(node, prop, self.one(node, prop, "a string literal"))
        assert lit is not None
        return lit

    def optional_text(self, node: str, prop: str) -> str | None:
        lit = self.text(node, prop, self.optional(node, prop, "a string literal"))
        return None if lit is None else lit.lexical

    def texts(self, node: str, prop: str) -> list[str]:
        return [
            lit.lexical
            for value in self.values(node, prop)
            if (lit := self.text(node, prop, value)) is not None
        ]

    def language(self, node: str) -> str | None:
        value = self.optional(node, LANGUAGE, "an xsd:language literal")
        if value is None:
            return None
        if not isinstance(value, Lit) or value.datatype != XSD_LANGUAGE:
            raise RDFContentError(node, LANGUAGE, "an xsd:language literal", found=_show(value))
        return value.lexical

    def time(self, node: str) -> Time | None:
        instant = self.optional(node, GENERATED_AT_TIME, "an xsd:dateTime with a time zone")
        coarse = self.optional(node, DATE, "an xsd:date, xsd:gYearMonth or xsd:gYear")
        if instant is not None and coarse is not None:
            raise RDFContentError(
                node,
                DATE,
                f"no dcterms:date beside prov:generatedAtTime {_show(instant)}",
                found=_show(coarse),
            )
        if instant is not None:
            return self._time(
                node,
                GENERATED_AT_TIME,
                instant,
                (XSD_DATETIME,),
                "an xsd:dateTime with a time zone",
            )
        if coarse is not None:
            return self._time(
                node,
                DATE,
                coarse,
                (XSD_DATE, XSD_GYEARMONTH, XSD_GYEAR),
                "an xsd:date, xsd:gYearMonth or xsd:gYear",
            )
        return None

    def _time(
        self, node: str, prop: str, value: Term, datatypes: tuple[str, ...], expected: str
    ) -> Time:
        if isinstance(value, Lit) and value.datatype in datatypes:
            parsed = parse_time(value.lexical, value.datatype)
            if parsed is not None:
                return parsed
        raise RDFContentError(node, prop, expected, found=_show(value))

    def grades(self, node: str) -> list[ReliabilityGrade]:
        out = []
        for value in self.values(node, P_RELIABILITY):
            grade_node = self.node(node, P_RELIABILITY, value, "a pc:ReliabilityGrade node")
            assert grade_node is not None
            grade = self.enum(grade_node, P_GRADE, _RELIABILITY, "one of pc:ReliabilityA … F")
            start = self._bound(grade_node, P_VALID_FROM)
            end = self._bound(grade_node, P_VALID_UNTIL)
            out.append(
                self.build(
                    grade_node,
                    lambda: ReliabilityGrade(grade, start=start, end=end),  # noqa: B023
                    P_VALID_UNTIL,
                    "a period whose end is not before its start",
                )
            )
        return out

    def _bound(self, node: str, prop: str) -> Time | None:
        expected = "an xsd:dateTime with time zone, xsd:date, xsd:gYearMonth or xsd:gYear"
        value = self.optional(node, prop, expected)
        if value is None:
            return None
        return self._time(
            node, prop, value, (XSD_DATETIME, XSD_DATE, XSD_GYEARMONTH, XSD_GYEAR), expected
        )

    def optional_enum(self, node: str, prop: str, table: dict[str, T], expected: str) -> T | None:
        return self.enum(node, prop, table, expected) if self.values(node, prop) else None

    def enum(self, node: str, prop: str, table: dict[str, T], expected: str) -> T:
        value = self.one(node, prop, expected)
        if isinstance(value, Lit) or value not in table:
            raise RDFContentError(node, prop, expected, found=_show(value))
        return table[value]

    def typed(self, node: str, wanted: str) -> bool:
        return wanted in self.types(node)

    def build(self, node: str, make: Callable[[], T], prop: str, expected: str) -> T:
        """Run a model constructor, turning its validation error into one naming the node."""
        try:
            return make()
        except RDFContentError:
            raise
        except ProvenanceError as error:
            raise RDFContentError(node, prop, expected, found=str(error)) from error

    # ----------------------------------------------------------------- records

    def proposition(self, node: str) -> Proposition:
        lit = self.one_text(node, P_STATEMENT)
        language = self.language(node)
        if language is None and lit.language:
            language = lit.language
        return self.build(
            node,
            lambda: Proposition(lit.lexical, language=language),
            P_STATEMENT,
            "a non-blank statement",
        )

    def agent(self, node: str) -> Agent:
        if self.typed(node, OUTLET):
            raise RDFContentError(node, TYPE, "an agent that is not a pc:Outlet", found="pc:Outlet")
        kinds = [t for t in self.types(node) if t in _AGENT_KINDS]
        if len(kinds) != 1:
            raise RDFContentError(
                node,
                TYPE,
                "exactly one of prov:Person, prov:Organization, pc:UnnamedAgent",
                found=", ".join(sorted(_show(k) for k in kinds)) or "none",
            )
        name = self.one_text(node, LABEL).lexical
        principal = self.optional_node(node, ACTED_ON_BEHALF_OF, "an agent IRI")
        return self.build(
            node,
            lambda: Agent(
                name=name,
                kind=_AGENT_KINDS[str(kinds[0])],
                aliases=self.texts(node, ALT_LABEL),
                on_behalf_of=None if principal is None else self.get(principal, self.agent),
                description=self.optional_text(node, COMMENT),
                reliability=self.grades(node),
            ),
            LABEL,
            "a valid agent",
        )

    def outlet(self, node: str) -> Outlet:
        if not self.typed(node, OUTLET):
            raise RDFContentError(node, TYPE, "pc:Outlet", found="no such type")
        name = self.one_text(node, LABEL).lexical
        kind = self.enum(node, P_OUTLET_KIND, _OUTLET_KINDS, "one of the pc:OutletKind concepts")
        url = self.web_address(node, HOMEPAGE)
        language = self.language(node)
        return self.build(
            node,
            lambda: Outlet(
                name=name,
                kind=kind,
                aliases=self.texts(node, ALT_LABEL),
                url=url,
                language=language,
                reliability=self.grades(node),
            ),
            LABEL,
            "a valid outlet",
        )

    def source(self, node: str) -> Source:
        outlets = [
            o
            for o in self.values(node, WAS_ATTRIBUTED_TO)
            if isinstance(o, str) and self.typed(o, OUTLET)
        ]
        if len(outlets) != 1:
            raise RDFContentError(
                node,
                WAS_ATTRIBUTED_TO,
                "exactly one pc:Outlet that published the source",
                found=str(len(outlets)),
            )
        outlet = self.get(str(outlets[0]), self.outlet)
        derived: list[tuple[str, DerivationKind]] = []
        for prop, kind in _DERIVATIONS.items():
            for target in self.values(node, prop):
                target_node = self.node(node, prop, target, "a source IRI")
                assert target_node is not None
                derived.append((target_node, kind))
        title = self.text(node, TITLE, self.optional(node, TITLE, "a string literal"))
        published = self.time(node)
        url = self.web_address(node, PAGE)
        language = self.language(node)
        return self.build(
            node,
            lambda: Source(
                outlet=outlet,
                published=published,
                title=None if title is None else title.lexical,
                url=url,
                language=language,
                derived_from=[
                    Derivation(self.get(target, self.source), kind) for target, kind in derived
                ],
            ),
            TITLE,
            "a valid source",
        )

    def stance(self, node: str) -> Stance:
        found = self.stances.get(node)
        if found is not None:
            return found
        label = self.values(node, PREF_LABEL)
        if label:
            text = self.one_text(node, PREF_LABEL).lexical
            polarity: Polarity = self.enum(
                node,
                P_POLARITY,
                _POLARITIES,
                "one of pc:Affirming, pc:Denying, pc:Withdrawing, pc:Neutral",
            )
            stance = self.build(node, lambda: Stance(node, text, polarity), PREF_LABEL, "a stance")
        else:
            builtin = Stance.from_iri(node)
            if builtin is None:
                raise RDFContentError(
                    node,
                    PREF_LABEL,
                    "a built-in pc:Stance, or a stance described by skos:prefLabel and pc:polarity",
                    found="no description",
                )
            stance = builtin
        self.stances[node] = stance
        return stance

    def claim(self, node: str) -> Claim:
        proposition = self.get(
            self.one_node(node, P_PROPOSITION, "a pc:Proposition"), self.proposition
        )
        stance = self.stance(self.one_node(node, P_STANCE, "a pc:Stance"))
        source_node = self.one_node(node, WAS_DERIVED_FROM, "the pc:Source the claim appears in")
        source = self.get(source_node, self.source)
        claimant = None
        for attribution in self.values(node, QUALIFIED_ATTRIBUTION):
            att = self.node(node, QUALIFIED_ATTRIBUTION, attribution, "a prov:Attribution node")
            assert att is not None
            role = self.one_node(att, HAD_ROLE, "pc:ClaimantRole or pc:OutletRole")
            agent = self.one_node(att, PROV_AGENT, "the attributed agent")
            if role == CLAIMANT_ROLE:
                if claimant is not None:
                    raise RDFContentError(
                        node, QUALIFIED_ATTRIBUTION, "one claimant attribution", found="two"
                    )
                claimant = self.get(agent, self.agent)
            elif role == OUTLET_ROLE and self.get(agent, self.outlet) != source.outlet:
                raise RDFContentError(
                    att,
                    PROV_AGENT,
                    "the outlet that published the claim's source",
                    found=f"<{agent}>",
                )
        if claimant is None:
            raise RDFContentError(
                node,
                QUALIFIED_ATTRIBUTION,
                "a prov:Attribution with dcat:hadRole pc:ClaimantRole",
                found="none",
            )
        confidence = self._confidence(node)
        made_at = self.time(node)
        text = self.text(node, VALUE, self.optional(node, VALUE, "a string literal"))
        language = self.language(node)
        if language is None and text is not None and text.language:
            language = text.language
        credibility = self.optional_enum(
            node, P_CREDIBILITY, _CREDIBILITY, "one of pc:Credibility1 … 6"
        )
        analytic = self.optional_enum(
            node,
            P_ANALYTIC_CONFIDENCE,
            _ANALYTIC_CONFIDENCE,
            "one of pc:LowConfidence, pc:ModerateConfidence, pc:HighConfidence",
        )
        supports = [self.get(n, self.claim) for n in self._nodes(node, P_SUPPORTS)]
        contests = [self.get(n, self.claim) for n in self._nodes(node, P_CONTESTS)]
        return self.build(
            node,
            lambda: Claim(
                proposition=proposition,
                claimant=claimant,
                source=source,
                stance=stance,
                confidence=confidence,
                made_at=made_at,
                text=None if text is None else text.lexical,
                language=language,
                credibility=credibility,
                analytic_confidence=analytic,
                supports=supports,
                contests=contests,
            ),
            VALUE,
            "a valid claim",
        )

    def _nodes(self, node: str, prop: str) -> list[str]:
        out = []
        for value in self.values(node, prop):
            target = self.node(node, prop, value, "a claim IRI")
            assert target is not None
            out.append(target)
        return out

    def _confidence(self, node: str) -> Confidence | None:
        value = self.optional(node, P_CONFIDENCE, "an xsd:decimal from 0 to 1")
        number = None
        if value is not None:
            if isinstance(value, Lit) and value.datatype == XSD_DECIMAL:
                number = parse_decimal(value.lexical)
            if number is None or not 0.0 <= number <= 1.0:
                raise RDFContentError(
                    node,
                    P_CONFIDENCE,
                    "an xsd:decimal from 0 to 1 such as 0.8, in plain decimal notation "
                    "(a number with an exponent, such as 8e-1, is an xsd:double)",
                    found=_show(value),
                )
        term = self.optional_enum(
            node, P_ESTIMATIVE_TERM, _TERMS, "one of the pc:EstimativeTerm concepts"
        )
        wording = self.optional_text(node, P_ESTIMATIVE_WORDING)
        if number is None and term is None and wording is None:
            return None
        return self.build(
            node,
            lambda: Confidence(number, term, wording=wording),
            P_CONFIDENCE,
            "a number within the band of the estimative term",
        )

    # ----------------------------------------------------------------- resolution

    def dependencies(self, node: str) -> list[str]:
        """The nodes that must be built before ``node`` (sources and claims it links to)."""
        if self.typed(node, CLAIM):
            deps = [v for p in (P_SUPPORTS, P_CONTESTS) for v in self.values(node, p)]
            deps += self.values(node, WAS_DERIVED_FROM)
        elif self.typed(node, SOURCE):
            deps = [v for p in _DERIVATIONS for v in self.values(node, p)]
        else:
            deps = self.values(node, ACTED_ON_BEHALF_OF)
        return [d for d in deps if isinstance(d, str) and d not in self.memo]

    def get(self, node: str, build: Callable[[str], T]) -> T:
        """Build ``node`` once, after everything it depends on, refusing cycles."""
        if node in self.memo:
            return self.memo[node]  # type: ignore[return-value]
        stack: list[tuple[str, Callable[[str], object]]] = [(node, build)]
        visiting: set[str] = set()
        while stack:
            current, make = stack[-1]
            if current in self.memo:
                stack.pop()
                continue
            pending = self.dependencies(current)
            if pending:
                if current in visiting:
                    raise RDFContentError(
                        current,
                        _cycle_property(self, current, visiting),
                        "links that do not lead back to this node",
                        found="a cycle",
                    )
                visiting.add(current)
                for dep in pending:
                    stack.append((dep, self._builder_for(current, dep)))
                continue
            self.memo[current] = make(current)  # type: ignore[assignment]
            visiting.discard(current)
            stack.pop()
        return self.memo[node]  # type: ignore[return-value]

    def _builder_for(self, parent: str, dep: str) -> Callable[[str], object]:
        if self.typed(parent, CLAIM):
            return self.source if dep in self.values(parent, WAS_DERIVED_FROM) else self.claim
        if self.typed(parent, SOURCE):
            return self.source
        return self.agent


def _cycle_property(reader: _Reader, node: str, visiting: set[str]) -> str:
    """The property of ``node`` whose value leads back into the chain being resolved."""
    links = (P_SUPPORTS, P_CONTESTS, *_DERIVATIONS, ACTED_ON_BEHALF_OF)
    for prop in links:
        if any(value in visiting for value in reader.values(node, prop)):
            return prop
    return next(p for p in links if reader.values(node, p))


def read_triples(triples: Iterable[Triple]) -> ClaimSet:
    """Build a :class:`ClaimSet` from triples; every typed record is kept, claimed or not.

    A parsed :class:`~provenance.rdf._reading.Document` is first offered to the quick
    reader, which reads documents shaped as we write them several times faster and
    hands anything else back to be read here. A document's content errors name it
    (and, in N-Triples and N-Quads, the line); a document that holds triples but no
    record of ours is refused (:meth:`RDFContentError.no_claims`), an empty one is an
    empty collection.
    """
    with collector_paused():
        if not isinstance(triples, Document):
            return _read_triples(_Reader(triples))
        try:
            return _read_document(triples)
        except RDFContentError as error:
            if error.source is not None:
                raise
            located = error.located(triples.name, _line_of(triples, error))
            raise located.with_traceback(error.__traceback__) from error.__cause__


def _read_document(document: Document) -> ClaimSet:
    from ._read_fast import read_quads  # it builds on this module's tables

    quick = read_quads(document.quads())
    if quick is not None and quick.records:
        return quick
    reader = _Reader(document)
    claims = _read_triples(reader)
    if not claims.records and reader.index:
        raise RDFContentError.no_claims(document.name, reader.count)
    return claims


def _read_triples(reader: _Reader) -> ClaimSet:
    claims = ClaimSet()
    kinds: list[tuple[str, Callable[[str], Record]]] = [
        (PROPOSITION, reader.proposition),
        (AGENT, reader.agent),
        (SOURCE, reader.source),
        (CLAIM, reader.claim),
    ]
    for node in sorted(reader.index):
        types = reader.types(node)
        if OUTLET in types:
            _add(claims, reader, reader.get(node, reader.outlet))
            continue
        for kind, build in kinds:
            if kind in types and (kind != AGENT or _is_plain_agent(types)):
                _add(claims, reader, reader.get(node, build))
    return claims


_LINE_FORMATS = (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS)
"""Formats of one statement a line, where the line of a statement is known for certain."""


def _line_of(document: Document, error: RDFContentError) -> int | None:
    """The line of the statement an error is about, in N-Triples or N-Quads; else ``None``.

    The statement is the error's node and property (the first, where there are several);
    an error about a property the node lacks has no line. Lines that spell the node's
    IRI are parsed on their own and compared term by term, so a line is only given
    where it is certain; a node spelt with escapes is not found, and gets no line.
    """
    if document.format not in _LINE_FORMATS or error.node is None or error.property is None:
        return None
    subject = _ox_node(error.node)
    predicate = ox.NamedNode(error.property)
    spelt = error.node.encode("utf-8")
    for number, line in enumerate(document.document().split(b"\n"), start=1):
        if spelt in line:
            try:
                found = list(ox.parse(line, format=document.format))
            except (SyntaxError, ValueError):
                continue
            if any(q.subject == subject and q.predicate == predicate for q in found):
                return number
    return None


def _ox_node(node: str) -> ox.NamedNode | ox.BlankNode:
    return ox.BlankNode(node[2:]) if node.startswith("_:") else ox.NamedNode(node)


def _add(claims: ClaimSet, reader: _Reader, record: Record) -> None:
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


def _is_plain_agent(types: list[Term]) -> bool:
    return any(t in (PERSON, ORGANIZATION, UNNAMED_AGENT) for t in types)
