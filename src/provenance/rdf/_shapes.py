"""The structural SHACL shapes, derived from the mapping: required, single, kinds, schemes.

The section of ``data/shapes.ttl`` between its ``BEGIN GENERATED`` and ``END GENERATED``
lines is this module's output (``scripts/generate.py`` writes it; a test holds the two
equal). From each row of :mod:`._mapping` it derives the shapes of four rules:

* PV101 required-value: a required row's predicate has at least one value;
* PV102 single-value: a row that does not repeat has at most one;
* PV103 value-kind: texts are non-blank strings, numbers and tags have their datatype,
  web addresses are IRIs, times have one of their datatypes;
* PV109 unknown-concept: a value from a closed table is one of the table's IRIs.

Records are found by their classes; the nodes inside them (gradings, attributions,
stances) by the predicate that leads to them, since other tools often leave them
untyped. Handler rows contribute the shapes their own structure needs (a claimant
attribution counted by its role, a time that is an instant or a coarse date, never
both). The rules that compare values with each other stay hand-written beside it.
"""

from __future__ import annotations

from collections.abc import Iterator

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
)
from ._syntax import Prefixes
from ._terms import (
    PREFIXES,
    QUALIFIED_ATTRIBUTION,
    XSD_DATE,
    XSD_DATETIME,
    XSD_DECIMAL,
    XSD_GYEAR,
    XSD_GYEARMONTH,
    XSD_LANGUAGE,
)

__all__ = ["BEGIN", "END", "section"]

BEGIN = "# ===== BEGIN GENERATED: structural shapes from the mapping (scripts/generate.py)"
END = "# ===== END GENERATED"

_P = Prefixes({**PREFIXES, "pcs": "https://w3id.org/provenance-claims/shapes#"})
_ORDER = (
    CLAIM_MAP,
    PROPOSITION_MAP,
    AGENT_MAP,
    OUTLET_MAP,
    SOURCE_MAP,
    GRADE_MAP,
    ATTRIBUTION_MAP,
    STANCE_MAP,
)


def _c(iri: str) -> str:
    return _P.iri(iri)


def _camel(words: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in words.replace("_", " ").split())


def _target(record_map: RecordMap) -> str:
    if record_map.reached_by is not None:
        return f"sh:targetObjectsOf {_c(record_map.reached_by)}"
    return "sh:targetClass " + " , ".join(_c(m) for m in record_map.marks)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _sparql(name: str, code: str, target: str, message: str, select: list[str]) -> str:
    """A node shape whose constraint is a SPARQL query, ``select`` its lines."""
    query = "".join(f"            {line}\n" for line in select)
    return (
        f"pcs:{name} a sh:NodeShape ; pcs:code {_quote(code)} ; {target} ;\n"
        "    sh:sparql [\n"
        "        a sh:SPARQLConstraint ;\n"
        "        sh:prefixes <https://w3id.org/provenance-claims/shapes> ;\n"
        f"        sh:message {_quote(message)} ;\n"
        f'        sh:select """\n{query}            """ ;\n'
        "    ] .\n"
    )


_TIMES = (XSD_DATETIME, XSD_DATE, XSD_GYEARMONTH, XSD_GYEAR)


class _Shapes:
    """The shapes of one record kind, as Turtle statements."""

    def __init__(self, record_map: RecordMap) -> None:
        self.map = record_map
        self.name = _camel(record_map.kind)
        self.noun = record_map.noun[:1].upper() + record_map.noun[1:]
        self.target = _target(record_map)

    def shape(self, suffix: str, code: str, body: str, message: str) -> str:
        return (
            f"pcs:{self.name}{suffix} a sh:PropertyShape ; pcs:code {_quote(code)} ; "
            f"{self.target} ;\n    {body} ;\n    sh:message {_quote(message)} .\n"
        )

    def prop(self, row: Prop, within: str = "") -> Iterator[str]:
        path = f"sh:path {_c(row.predicate)}"
        field = _camel(f"{within} {row.field}")
        if row.required and not self.map.built_in:
            yield self.shape(
                f"{field}Required",
                "PV101",
                f"{path} ; sh:minCount 1",
                f"{self.noun} needs {row.words} ({_c(row.predicate)}).",
            )
        if not row.many:
            if isinstance(row.value, Ref) and row.value.shared:
                kind = MAPS_BY_KIND[row.value.kind]
                classes = " ".join(f"[ sh:class {_c(m)} ]" for m in kind.marks)
                qualified = classes if len(kind.marks) == 1 else f"[ sh:or ( {classes} ) ]"
                if len(kind.marks) == 1:
                    qualified = f"[ sh:class {_c(kind.marks[0])} ]"
                body = f"{path} ;\n    sh:qualifiedValueShape {qualified} ; sh:qualifiedMaxCount 1"
            else:
                body = f"{path} ; sh:maxCount 1"
            yield self.shape(
                f"{field}Single",
                "PV102",
                body,
                f"{self.noun} has at most one {_c(row.predicate)} ({row.words}).",
            )
        yield from self.kind(row, field, path)

    def kind(self, row: Prop, field: str, path: str) -> Iterator[str]:
        value = row.value
        what = f"The {_c(row.predicate)} of {self.map.noun} ({row.words})"
        if isinstance(value, Text):
            yield self.shape(
                f"{field}IsText",
                "PV103",
                f"{path} ; sh:node pcs:Text",
                f"{what} is a non-blank string.",
            )
        elif isinstance(value, Decimal):
            body = f"{path} ; sh:datatype {_c(XSD_DECIMAL)}"
            yield self.shape(f"{field}IsDecimal", "PV103", body, f"{what} is an xsd:decimal.")
        elif isinstance(value, LanguageTag):
            body = f"{path} ; sh:datatype {_c(XSD_LANGUAGE)}"
            yield self.shape(f"{field}IsTag", "PV103", body, f"{what} is an xsd:language tag.")
        elif isinstance(value, WebAddress):  # its scheme is rule PV107's, with the IRI's form
            body = f"{path} ; sh:nodeKind sh:IRI"
            yield self.shape(f"{field}IsIRI", "PV103", body, f"{what} is given by its IRI.")
        elif isinstance(value, AnyTime):
            times = " ".join(f"[ sh:datatype {_c(d)} ]" for d in _TIMES)
            yield self.shape(
                f"{field}IsTime",
                "PV103",
                f"{path} ;\n    sh:or ( {times} )",
                f"{what} is a time: xsd:dateTime, xsd:date, xsd:gYearMonth or xsd:gYear.",
            )
        elif isinstance(value, Vocab) and value.checked_by == "PV109":
            members = " ".join(_c(iri) for iri in value.table.values())
            body = f"{path} ;\n    sh:in ( {members} )"
            yield self.shape(f"{field}IsKnown", "PV109", body, f"{what} is {value.expected}.")
        elif not isinstance(value, Ref | StanceIRI | Vocab):
            raise TypeError(f"no shape for a value of kind {value!r}")

    def time(self, row: TimeByPrecision) -> Iterator[str]:
        field = _camel(row.field)
        instant, coarse = _c(row.instant), _c(row.coarse)
        for predicate, suffix in ((instant, "Instant"), (coarse, "Date")):
            yield self.shape(
                f"{field}One{suffix}",
                "PV102",
                f"sh:path {predicate} ; sh:maxCount 1",
                f"{self.noun} has at most one time ({row.words}).",
            )
        yield self.shape(
            f"{field}InstantIsDateTime",
            "PV103",
            f"sh:path {instant} ; sh:datatype {_c(XSD_DATETIME)}",
            f"{instant} is an xsd:dateTime.",
        )
        dates = " ".join(f"[ sh:datatype {_c(d)} ]" for d in _TIMES[1:])
        yield self.shape(
            f"{field}DateIsCoarse",
            "PV103",
            f"sh:path {coarse} ;\n    sh:or ( {dates} )",
            f"{coarse} is an xsd:date, xsd:gYearMonth or xsd:gYear (an instant is {instant}).",
        )
        yield _sparql(
            f"{self.name}{field}OneKindOfTime",
            "PV102",
            self.target,
            f"{self.noun} has one time: {instant} or {coarse}, not both.",
            [f"SELECT $this WHERE {{ $this {instant} ?instant ; {coarse} ?date . }}"],
        )

    def attributions(self, row: Attributions) -> Iterator[str]:
        role_row = ATTRIBUTION_MAP.rows[1]
        assert isinstance(role_row, Prop)
        for role, role_iri in row.roles:
            qualified = (
                f"sh:path {_c(QUALIFIED_ATTRIBUTION)} ;\n    sh:qualifiedValueShape "
                f"[ sh:path {_c(role_row.predicate)} ; sh:hasValue {_c(role_iri)} ]"
            )
            name = _camel(role)
            if role == "claimant":
                yield self.shape(
                    f"{name}Required",
                    "PV101",
                    f"{qualified} ; sh:qualifiedMinCount 1",
                    f"{self.noun} needs a {_c(QUALIFIED_ATTRIBUTION)} to its {role} "
                    f"({_c(role_row.predicate)} {_c(role_iri)}).",
                )
            yield self.shape(
                f"{name}Single",
                "PV102",
                f"{qualified} ; sh:qualifiedMaxCount 1",
                f"{self.noun} has one {role}.",
            )

    def kinds(self) -> Iterator[str]:
        """An agent's kind is a type of its own: exactly one of the table's."""
        if self.map.kind_types is None:
            return
        kinds = ", ".join(_c(iri) for iri in self.map.kind_types[1].table.values())
        # an outlet is an organization too, but its kind is pc:outletKind
        excluded = [f"FILTER NOT EXISTS {{ $this a {_c(mark)} }}" for mark in OUTLET_MAP.marks]
        reaching = sorted(
            _c(row.predicate)
            for m in _ORDER
            for row in m.rows
            if isinstance(row, Prop)
            and isinstance(row.value, Ref)
            and row.value.kind == self.map.kind
        )
        yield _sparql(
            f"{self.name}HasKind",
            "PV101",
            "sh:targetObjectsOf " + " , ".join(reaching),
            f"{self.noun} needs its kind: one of {kinds}.",
            [
                "SELECT $this WHERE {",
                "    FILTER EXISTS { $this ?p ?o }",
                *(f"    {line}" for line in excluded),
                f"    FILTER NOT EXISTS {{ $this a ?kind . FILTER (?kind IN ({kinds})) }}",
                "}",
            ],
        )
        yield _sparql(
            f"{self.name}OneKind",
            "PV102",
            self.target,
            f"{self.noun} has one kind: one of {kinds}.",
            [
                "SELECT $this WHERE {",
                *(f"    {line}" for line in excluded),
                "    $this a ?one , ?two .",
                f"    FILTER (?one IN ({kinds}) && ?two IN ({kinds}) && STR(?one) < STR(?two))",
                "}",
            ],
        )

    def row(self, row: Row) -> Iterator[str]:
        if isinstance(row, Prop):
            yield from self.prop(row)
        elif isinstance(row, TimeByPrecision):
            yield from self.time(row)
        elif isinstance(row, Attributions):
            yield from self.attributions(row)
        elif isinstance(row, Inline):
            for part in row.rows:
                yield from self.prop(part, within=row.field)
        elif not isinstance(row, Derivations | Grades):  # their targets have shapes of their own
            raise TypeError(f"no shape for the row {row!r}")

    def all(self) -> Iterator[str]:
        yield from self.kinds()
        for row in self.map.rows:
            yield from self.row(row)


MAPS_BY_KIND = {m.kind: m for m in _ORDER}


def section() -> str:
    """The generated section of ``data/shapes.ttl``, markers included."""
    parts = [
        BEGIN + "; do not edit by hand\n",
        "#\n# Rules PV101 (required-value), PV102 (single-value), PV103 (value-kind) and PV109\n"
        "# (unknown-concept), one shape per row of the mapping and rule.\n\n",
        "pcs:Text\n"
        '    a sh:NodeShape ; pcs:code "PV103" ;\n'
        "    sh:or ( [ sh:datatype xsd:string ] [ sh:datatype rdf:langString ] ) ;\n"
        '    sh:pattern "\\\\S" .\n',
    ]
    for record_map in _ORDER:
        parts.append(f"\n# {'-' * 64} {record_map.kind}\n\n")
        parts.extend(_Shapes(record_map).all())
    parts.append("\n" + END + "\n")
    return "".join(parts)
