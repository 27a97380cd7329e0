"""Stock SPARQL queries, their parameters, and SPARQL of the caller's own, run safely.

The stock queries ship as ``provenance/data/queries/*.rq``. Each file starts with comment
lines: a title, a description, and one ``# @param NAME KIND  description`` line per
parameter. Values are never pasted into query text: they are checked against their kind
and bound as RDF terms (rdflib ``initBindings``, pyoxigraph ``substitutions``); for a
remote endpoint, which has no way to take bindings, they go in a ``VALUES`` block written
from checked, escaped terms, and a value that cannot be written safely is refused.

The queries look into named graphs (``GRAPH ?g``), which every SPARQL 1.1 server supports
the same way; an rdflib Graph is looked at as a dataset of that one graph.

SPARQL of the caller's own is read by the SPARQL 1.1 grammar's terminals (``_lexer``) and
parsed (by rdflib's parser, which never fetches anything), and refused when it reads from
elsewhere: ``SERVICE`` or ``FROM``. Only ``SELECT`` and ``ASK`` queries are taken; updates
(``LOAD``, ``INSERT``, ``DROP`` …) are refused. Engines are given the checked tokens written
out again without comments, never the caller's text itself.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import enum
import functools
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any

import attrs
import rdflib
from pyparsing import ParseException
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from .._iri import iri_of
from .._model import Agent, Claim, Outlet, Proposition, Source, Stance
from .._namespace import DEFAULT_BASE
from ..errors import QueryError, UnknownStanceError, UnsafeValueError
from ..rdf._literals import parse_time, time_literal
from ..rdf._terms import (
    XSD,
    XSD_DATE,
    XSD_DATETIME,
    XSD_DECIMAL,
    XSD_GYEAR,
    XSD_GYEARMONTH,
    XSD_STRING,
    Lit,
    Term,
    from_rdflib,
    to_rdflib,
)
from ._lexer import Kind, LexError, Token, line_and_column, normalized, tokens
from ._terms import iri_text, term_text

__all__ = [
    "CheckedQuery",
    "Parameter",
    "ParameterKind",
    "QueryResult",
    "StockQuery",
    "check_sparql",
    "inject_values",
    "run_query",
    "run_sparql",
    "stock_queries",
    "stock_query",
]


# --------------------------------------------------------------------------- results


def canonical(term: Term) -> Term:
    """A literal in the canonical form we write, so every engine's answer compares equal.

    rdflib respells some values it reads (``Z`` as ``+00:00``); Oxigraph keeps ours.
    """
    if not isinstance(term, Lit) or term.datatype is None:
        return term
    if term.datatype == XSD_STRING:
        return Lit(term.lexical)
    if term.datatype in (XSD_DATETIME, XSD_DATE, XSD_GYEARMONTH, XSD_GYEAR):
        value = parse_time(term.lexical, term.datatype)
        if value is not None:
            return Lit(*time_literal(value))
    elif term.datatype == XSD_DECIMAL:
        try:
            number = Decimal(term.lexical.strip())
        except InvalidOperation:
            return term
        text = format(number.normalize(), "f")
        if "." not in text:
            text += ".0"
        return Lit(text.rstrip("0").removesuffix(".") or "0", XSD_DECIMAL)
    elif term.datatype == XSD + "integer":
        try:
            return Lit(str(int(term.lexical.strip())), term.datatype)
        except ValueError:
            return term
    return term


@attrs.frozen
class QueryResult:
    """The answer to a query: its variables, and one row of terms per solution.

    A term is an IRI (``str``) or a :class:`~provenance.rdf._terms.Lit`; ``None`` marks a
    variable a solution leaves unbound. Literals are in canonical form, so the same query
    gives equal results on rdflib, the embedded store and any endpoint. An ``ASK`` query
    has no variables or rows and its answer in ``boolean``.
    """

    variables: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]
    boolean: bool | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[Term | None, ...]]:
        return iter(self.rows)

    def dicts(self) -> list[dict[str, Term]]:
        """Each row as a dict from variable to term, without the unbound variables."""
        return [
            {
                name: value
                for name, value in zip(self.variables, row, strict=True)
                if value is not None
            }
            for row in self.rows
        ]

    def values(self, variable: str) -> list[Term | None]:
        """The column of one variable."""
        index = self.variables.index(variable)
        return [row[index] for row in self.rows]

    def to_csv(self) -> str:
        """The rows as CSV, as the SPARQL 1.1 CSV results format writes them: plain values."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        if self.boolean is not None:
            writer.writerow(["boolean"])
            writer.writerow(["true" if self.boolean else "false"])
            return out.getvalue()
        writer.writerow(self.variables)
        for row in self.rows:
            writer.writerow(
                ["" if v is None else v.lexical if isinstance(v, Lit) else v for v in row]
            )
        return out.getvalue()


def result_from_rows(
    variables: Iterable[str], rows: Iterable[Iterable[Term | None]]
) -> QueryResult:
    """A :class:`QueryResult` with every literal in canonical form."""
    return QueryResult(
        tuple(variables),
        tuple(tuple(None if t is None else canonical(t) for t in row) for row in rows),
    )


# --------------------------------------------------------------------------- parameters


class ParameterKind(enum.Enum):
    """What a stock query's parameter takes; each kind accepts Python values and text."""

    IRI = "iri"
    """An IRI as text, or a record (claim, proposition, agent, outlet, source)."""
    STANCE = "stance"
    """A :class:`~provenance.Stance`, the name of a built-in stance, or a stance's IRI."""
    DATE = "date"
    """A :class:`datetime.date`, or a day written ``2021-02-15``."""
    TEXT = "text"
    """Any text."""


@attrs.frozen
class Parameter:
    """A parameter of a stock query: its name, what it takes, and what it means."""

    name: str
    kind: ParameterKind
    description: str


_RECORDS = (Proposition, Agent, Outlet, Source, Claim)
_DAY = re.compile(r"\d{4}-\d\d-\d\d\Z")


def _bind_one(query: str, parameter: Parameter, value: object, base: str) -> Term:
    name = parameter.name
    kind = parameter.kind
    if kind is ParameterKind.IRI:
        if isinstance(value, _RECORDS):
            return iri_of(value, base=base)
        return _iri_value(query, name, value, "an absolute IRI, or a record")
    if kind is ParameterKind.STANCE:
        if isinstance(value, Stance):
            return value.iri
        if isinstance(value, str):
            try:
                return Stance.named(value).iri
            except UnknownStanceError:
                pass
        names = ", ".join(repr(s.label) for s in Stance.builtins())
        return _iri_value(query, name, value, f"a Stance, one of {names}, or a stance IRI")
    if kind is ParameterKind.DATE:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return Lit(value.isoformat(), XSD_DATE)
        if isinstance(value, str) and _DAY.match(value):
            try:
                return Lit(dt.date.fromisoformat(value).isoformat(), XSD_DATE)
            except ValueError:
                pass
        raise QueryError(
            query,
            "a datetime.date or a day such as '2021-02-15'",
            parameter=name,
            found=repr(value),
        )
    if not isinstance(value, str):
        raise QueryError(query, "text", parameter=name, found=repr(value))
    try:
        term_text(Lit(value), portable=False)
    except UnsafeValueError as error:
        raise QueryError(query, "text", parameter=name, found=error.reason) from error
    return Lit(value)


def _iri_value(query: str, name: str, value: object, expected: str) -> str:
    if not isinstance(value, str):
        raise QueryError(query, expected, parameter=name, found=repr(value))
    try:
        iri_text(value)
    except UnsafeValueError as error:
        raise QueryError(
            query, expected, parameter=name, found=f"{value!r} ({error.reason})"
        ) from error
    return value


# --------------------------------------------------------------------------- stock queries


@attrs.frozen
class StockQuery:
    """A query shipped with the library, with the parameters it takes.

    >>> query = stock_query("claims-by-stance")
    >>> for p in query.parameters: print(p.name, p.kind.value)
    stance stance
    >>> query.bind({"stance": "denial"})
    {'stance': 'https://w3id.org/provenance-claims/vocab#Denial'}
    """

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str

    def bind(
        self, params: Mapping[str, object] | None = None, *, base: str = DEFAULT_BASE
    ) -> dict[str, Term]:
        """Check ``params`` against the query's parameters and turn each into an RDF term.

        Every parameter must be given, and no other; records given for an IRI are named
        under ``base``. Raises :class:`QueryError` naming the parameter otherwise.
        """
        given = dict(params or {})
        names = [p.name for p in self.parameters]
        unknown = sorted(set(given) - set(names))
        if unknown:
            expected = "parameters " + ", ".join(names) if names else "no parameters"
            raise QueryError(self.name, expected, parameter=unknown[0], found="an unknown name")
        missing = [n for n in names if n not in given]
        if missing:
            raise QueryError(self.name, "a value", parameter=missing[0], found="nothing")
        return {p.name: _bind_one(self.name, p, given[p.name], base) for p in self.parameters}


def _parse_header(name: str, text: str) -> StockQuery:
    lines: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:].strip())
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    title = " ".join(paragraphs[0])
    description: list[str] = []
    parameters: list[Parameter] = []
    for paragraph in paragraphs[1:]:
        if paragraph and paragraph[0].startswith("@param"):
            current: list[str] = []
            for line in paragraph:
                if line.startswith("@param"):
                    current = [line]
                    parameters.append(_parameter(name, current))
                else:
                    current.append(line)
                    parameters[-1] = _parameter(name, current)
        else:
            description.append(" ".join(paragraph))
    return StockQuery(name, title, "\n\n".join(description), tuple(parameters), text)


def _parameter(query: str, lines: list[str]) -> Parameter:
    _, pname, kind, *words = " ".join(lines).split()
    return Parameter(pname, ParameterKind(kind), " ".join(words))


@functools.cache
def _catalogue() -> dict[str, StockQuery]:
    folder = resources.files("provenance") / "data" / "queries"
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[: -len(".rq")]
            found[name] = _parse_header(name, entry.read_text(encoding="utf-8"))
    return found


def stock_queries() -> tuple[StockQuery, ...]:
    """Every stock query, by name.

    >>> [q.name for q in stock_queries()]  # doctest: +NORMALIZE_WHITESPACE
    ['claims-by-claimant', 'claims-by-date', 'claims-by-outlet', 'claims-by-stance',
     'contested-outlets', 'contested', 'propositions-matching', 'reporting-chain']
    """
    return tuple(_catalogue().values())


def stock_query(name: str) -> StockQuery:
    """The stock query called ``name``; :class:`QueryError` listing the names otherwise."""
    found = _catalogue().get(name)
    if found is None:
        known = ", ".join(_catalogue())
        raise QueryError(name, f"the name of a stock query ({known})", found="no such query")
    return found


# --------------------------------------------------------------------------- VALUES


_COMMENT_LINE = re.compile(r"[ \t]*#[^\n]*")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def inject_values(text: str, bindings: Mapping[str, Term], *, portable: bool = True) -> str:
    """The stock query ``text`` with ``bindings`` given as a ``VALUES`` block.

    The block opens the query's top-level ``WHERE`` group, where the stock queries use
    their parameters, so it binds them exactly as a substitution would. Every term is
    checked and escaped (:func:`~provenance.store._terms.term_text`); an unsafe one
    raises :class:`UnsafeValueError`.
    """
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join(term_text(term, portable=portable) for term in bindings.values())
    block = f"\n  VALUES ({names}) {{ ({row}) }}"
    # stock queries keep comments on lines of their own, so a WHERE outside them is the one
    blanked = _COMMENT_LINE.sub(lambda m: " " * len(m.group()), text)
    found = _WHERE.search(blanked)
    assert found is not None, "a stock query has a WHERE clause"
    return text[: found.end()] + block + text[found.end() :]


# --------------------------------------------------------------------------- user SPARQL


@attrs.frozen
class CheckedQuery:
    """SPARQL of the caller's own that passed :func:`check_sparql`.

    ``text`` is what the caller gave; ``form`` is ``"SELECT"`` or ``"ASK"``;
    ``normalized`` is the text that was checked and that every engine is given: the
    caller's tokens without comments, strings written one way (see
    :func:`~provenance.store._lexer.normalized`); ``algebra`` is rdflib's translation of
    that very text, so rdflib, too, runs exactly what was checked.
    """

    text: str
    form: str
    normalized: str
    algebra: Any = attrs.field(repr=False, eq=False)


def _walk(node: object) -> Iterator[object]:
    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
        else:
            # pyparsing results hold their items as a list and their names in a dict
            from_parser = getattr(item, "haskeys", None)
            if callable(from_parser) and isinstance(item, Iterable):
                stack.extend(item)


_SPARQL = "<sparql>"
_ELSEWHERE = "a query that reads only this store"
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CODEPOINT = re.compile(r"\\[uU]")
_UNCLEAR = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
"""Characters that readers of SPARQL take for line breaks, or drop, in different ways."""


def _refuse(text: str, offset: int, expected: str, found: str) -> QueryError:
    line, column = line_and_column(text, offset)
    return QueryError(_SPARQL, expected, found=f"{found} at line {line}, column {column}")


def _target(found: list[Token], index: int) -> str:
    """The IRI (or name, or variable) a SERVICE or FROM clause at ``index`` names."""
    for token in found[index + 1 :]:
        if token.kind is Kind.KEYWORD and token.text.upper() in ("SILENT", "NAMED"):
            continue
        return token.text
    return "?"


def _read_elsewhere(text: str, found: list[Token]) -> None:
    """Refuse what fetches from elsewhere or reads unclearly, by the tokens themselves.

    Whatever an engine's parser makes of the text, these are the terminals it is made of:
    a ``SERVICE`` or ``FROM`` keyword among them is refused wherever it stands.
    """
    for index, token in enumerate(found):
        word = token.text.upper() if token.kind is Kind.KEYWORD else None
        if word == "SERVICE":
            raise QueryError(_SPARQL, _ELSEWHERE, found=f"SERVICE {_target(found, index)}")
        if word == "FROM":
            after = found[index + 1] if index + 1 < len(found) else None
            named = after is not None and after.text.upper() == "NAMED"
            clause = "FROM NAMED" if named else "FROM"
            raise QueryError(_SPARQL, _ELSEWHERE, found=f"{clause} {_target(found, index)}")
        if token.kind is Kind.PREFIXED_NAME and "\\" in token.text:
            raise _refuse(
                text,
                token.start,
                "a prefixed name without backslash escapes (write the full <IRI>)",
                f"{token.text!r}",
            )
        if token.kind in (Kind.STRING, Kind.IRI):
            content = token.value if token.kind is Kind.STRING else token.text
            assert content is not None
            unclear = _UNCLEAR.search(content)
            if unclear is not None:
                raise _refuse(
                    text,
                    token.start,
                    f"{'a string' if token.kind is Kind.STRING else 'an IRI'} without control "
                    "characters or line separators",
                    f"{unclear.group()!r}",
                )


def _parse(text: str, normal: str, found: list[Token], starts: list[int]) -> Any:
    """rdflib's parse of the normalized text; its syntax errors placed in the caller's."""
    try:
        return parseQuery(normal)
    except ParseException as error:
        try:
            parseUpdate(normal)
        except ParseException:
            # the token the parser stopped at, found again in the caller's text
            index = bisect.bisect_right(starts, error.loc) - 1
            offset = found[max(index, 0)].start if found else 0
            raise _refuse(
                text, offset, "a SPARQL 1.1 SELECT or ASK query", "a syntax error"
            ) from None
        raise QueryError(
            _SPARQL, "a SELECT or ASK query", found="an update (INSERT, DELETE, LOAD, DROP …)"
        ) from None


def check_sparql(text: str) -> CheckedQuery:
    """Read a SELECT or ASK query and refuse it if it would read from anywhere else.

    ``SERVICE`` (a federated query) and ``FROM`` / ``FROM NAMED`` (a dataset loaded from
    a URL) make engines send requests to other servers; they are refused, as is every
    update. The text is read by the SPARQL 1.1 grammar's own terminals
    (:mod:`~provenance.store._lexer`), where every engine agrees, and then parsed; what
    engines are given is :attr:`CheckedQuery.normalized`, the same tokens without
    comments. Refused too, since readers disagree about them: ``\\u`` escapes, control
    characters and line separators in strings and IRIs, backslash escapes in prefixed
    names, and unpaired surrogates.

    >>> check_sparql("SELECT * WHERE { SERVICE <http://x.example/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    provenance.errors.QueryError: <sparql>: expected a query that reads only this store, ...
    """
    if not isinstance(text, str):
        raise QueryError(_SPARQL, "SPARQL query text", found=repr(text))
    surrogate = _SURROGATE.search(text)
    if surrogate is not None:
        raise _refuse(text, surrogate.start(), "valid Unicode text", "an unpaired surrogate")
    escape = _CODEPOINT.search(text)
    if escape is not None:
        raise _refuse(
            text,
            escape.start(),
            "a query without \\u escapes (write the character itself)",
            f"{escape.group()!r}",
        )
    try:
        found = tokens(text)
    except LexError as error:
        raise _refuse(text, error.offset, "SPARQL 1.1 query text", error.found) from None
    _read_elsewhere(text, found)
    normal, starts = normalized(text, found)
    parsed = _parse(text, normal, found, starts)
    form = parsed[1].name
    if form not in ("SelectQuery", "AskQuery"):
        raise QueryError(_SPARQL, "a SELECT or ASK query", found=form.removesuffix("Query").upper())
    for node in _walk(parsed):
        # the tokens said no SERVICE or FROM; the parse must say so too
        if isinstance(node, CompValue) and node.name in ("ServiceGraphPattern", "DatasetClause"):
            raise QueryError(_SPARQL, _ELSEWHERE, found=node.name)
    try:
        algebra = translateQuery(parsed)
    except Exception as error:  # rdflib says "not a valid query" with plain Exception
        raise QueryError(
            _SPARQL, "a SPARQL 1.1 SELECT or ASK query", found=str(error) or type(error).__name__
        ) from error
    return CheckedQuery(text, form.removesuffix("Query").upper(), normal, algebra)


# --------------------------------------------------------------------------- rdflib


def _dataset(graph: rdflib.Graph) -> rdflib.Graph:
    """The graph as a dataset in which it is a named graph, without copying it."""
    if isinstance(graph, rdflib.ConjunctiveGraph):  # a Dataset is one too
        return graph
    return rdflib.Dataset(store=graph.store, default_union=False)


def _rdflib_result(result: Any) -> QueryResult:
    if result.type == "ASK":
        return QueryResult((), (), bool(result.askAnswer))
    variables = [str(v) for v in result.vars]
    return result_from_rows(
        variables,
        ([None if row[v] is None else from_rdflib(row[v]) for v in variables] for row in result),
    )


@functools.cache
def _prepared(name: str) -> Any:
    return prepareQuery(stock_query(name).text)


def run_query(
    graph: rdflib.Graph,
    name: str,
    params: Mapping[str, object] | None = None,
    *,
    base: str = DEFAULT_BASE,
) -> QueryResult:
    """Run the stock query ``name`` on an rdflib Graph (such as :func:`provenance.to_graph`'s).

    ``base`` names records given as parameters; use the base the graph was written with.

    >>> import provenance as pv
    >>> claim = pv.Claim(proposition=pv.Proposition("It rained."), claimant=pv.Agent(name="Ann"),
    ...                  source=pv.Source(outlet=pv.Outlet(name="Wire")), stance="denial")
    >>> graph = pv.to_graph(pv.ClaimSet([claim]))
    >>> result = run_query(graph, "claims-by-stance", {"stance": "denial"})
    >>> for row in result.dicts(): print(row["claimantName"].lexical)
    Ann
    """
    query = stock_query(name)
    bindings = query.bind(params, base=base)
    result = _dataset(graph).query(
        _prepared(name),
        initBindings={rdflib.Variable(k): to_rdflib(v) for k, v in bindings.items()},
    )
    return _rdflib_result(result)


def run_sparql(graph: rdflib.Graph, text: str) -> QueryResult:
    """Run a SELECT or ASK query of your own on an rdflib Graph, after :func:`check_sparql`."""
    checked = check_sparql(text)
    return _rdflib_result(_dataset(graph).query(checked.algebra))
