"""Stock queries: the same rows on rdflib, the embedded store and a live Oxigraph server, the
rows the collection's own look-ups give, safe parameters, and SPARQL of one's own refused
when it would read from elsewhere."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rdflib.plugins.sparql import prepareQuery

import provenance as pv
from _oxigraph_server import clear, running_oxigraph
from _strategies import oxigraph_keeps
from _support import load_example
from provenance.rdf._terms import XSD_DATE, Lit, Term
from provenance.store import (
    EmbeddedStore,
    ParameterKind,
    QueryError,
    QueryResult,
    SparqlEndpoint,
    check_sparql,
    run_query,
    run_sparql,
    stock_queries,
    stock_query,
)
from provenance.store._queries import inject_values
from provenance.strategies import claim_sets

erbil = load_example("erbil_attack")

SETTINGS = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[phase for phase in Phase if phase is not Phase.explain],
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph server for this module, stopped afterwards."""
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture
def endpoint(server: str) -> Iterator[SparqlEndpoint]:
    """The live server, emptied, as an endpoint."""
    clear(server)
    with SparqlEndpoint.oxigraph(server) as opened:
        yield opened


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[EmbeddedStore]:
    """A new embedded store."""
    with EmbeddedStore(tmp_path / "store") as opened:
        yield opened


# --------------------------------------------------------------------------- parameters


def _params(
    claims: pv.ClaimSet, pick: int, days: tuple[dt.date, dt.date], text: str
) -> dict[str, dict[str, object]]:
    """Parameters for every stock query, drawn from the collection itself."""
    claim = claims.claims[pick % len(claims.claims)]
    return {
        "claims-by-claimant": {"claimant": claim.claimant},
        "claims-by-date": {"from": min(days), "to": max(days)},
        "claims-by-outlet": {"outlet": claim.outlet},
        "claims-by-stance": {"stance": claim.stance},
        "propositions-matching": {"text": text},
        "reporting-chain": {"claim": claim},
    }


def _three_ways(
    claims: pv.ClaimSet,
    params: Mapping[str, Mapping[str, object]],
    embedded: EmbeddedStore,
    endpoint: SparqlEndpoint | None,
) -> dict[str, QueryResult]:
    """Run every stock query on rdflib, the embedded store and the server; they must agree."""
    graph = pv.to_graph(claims)
    embedded.push(claims)
    if endpoint is not None:
        endpoint.push(claims)
    results = {}
    for query in stock_queries():
        given = params.get(query.name, {})
        on_rdflib = run_query(graph, query.name, given)
        answers = [on_rdflib, embedded.query(query.name, given)]
        if endpoint is not None:
            answers.append(endpoint.query(query.name, given))
        assert all(a == on_rdflib for a in answers), query.name
        results[query.name] = on_rdflib
    return results


def _int(term: Term | None) -> int:
    assert isinstance(term, Lit)
    return int(term.lexical)


def _iris(result: QueryResult, variable: str) -> list[str]:
    return [str(v) for v in result.values(variable)]


def _when(claim: pv.Claim) -> pv.Time | None:
    return claim.made_at if claim.made_at is not None else claim.source.published


def _days(when: pv.Time) -> tuple[str, str]:
    """The first and last calendar day a time can mean, as the date query defines them."""
    if isinstance(when, dt.datetime | dt.date):
        day = when.date() if isinstance(when, dt.datetime) else when
        return day.isoformat(), day.isoformat()
    if isinstance(when, pv.YearMonth):
        return f"{when}-01", f"{when}-31"
    return f"{when}-01-01", f"{when}-12-31"


def _chain(source: pv.Source) -> set[pv.Source]:
    found, stack = set(), [source]
    while stack:
        item = stack.pop()
        if item not in found:
            found.add(item)
            stack.extend(d.source for d in item.derived_from)
    return found


def _contested_claims(claims: pv.ClaimSet) -> set[pv.Claim]:
    found = {c for contest in claims.contested() for c in (*contest.affirming, *contest.denying)}
    return found | {target for c in claims.claims for target in c.contests}


def _check_against_the_collection(
    claims: pv.ClaimSet, params: dict[str, dict[str, object]], results: dict[str, QueryResult]
) -> None:
    """Each stock query says what the collection's own look-ups say."""
    iri = pv.iri_of
    contested = results["contested"]
    assert {
        (p, side, c)
        for p, side, c in zip(
            _iris(contested, "proposition"),
            [str(v.lexical) for v in contested.values("side") if isinstance(v, Lit)],
            _iris(contested, "claim"),
            strict=True,
        )
    } == {
        (iri(contest.proposition), side, iri(c))
        for contest in claims.contested()
        for side, group in (("affirming", contest.affirming), ("denying", contest.denying))
        for c in group
    }
    pick = params["claims-by-outlet"]["outlet"]
    assert isinstance(pick, pv.Outlet)
    assert sorted(_iris(results["claims-by-outlet"], "claim")) == sorted(
        iri(c) for c in claims.by_outlet(pick)
    )
    agent = params["claims-by-claimant"]["claimant"]
    assert isinstance(agent, pv.Agent)
    assert sorted(_iris(results["claims-by-claimant"], "claim")) == sorted(
        iri(c) for c in claims.by_claimant(agent)
    )
    stance = params["claims-by-stance"]["stance"]
    assert isinstance(stance, pv.Stance)
    assert sorted(_iris(results["claims-by-stance"], "claim")) == sorted(
        iri(c) for c in claims.claims if c.stance == stance
    )
    first, last = (str(params["claims-by-date"][k]) for k in ("from", "to"))
    assert sorted(_iris(results["claims-by-date"], "claim")) == sorted(
        iri(c)
        for c in claims.claims
        if (when := _when(c)) is not None and _days(when)[0] <= last and _days(when)[1] >= first
    )
    contested_claims = _contested_claims(claims)
    ranking = results["contested-outlets"]
    assert {(str(o), _int(n), _int(k)) for o, _, n, k in ranking.rows} == {
        (
            iri(outlet),
            len(claims.by_outlet(outlet)),
            len(set(claims.by_outlet(outlet)) & contested_claims),
        )
        for outlet in {c.outlet for c in claims.claims}
    }
    claim = params["reporting-chain"]["claim"]
    assert isinstance(claim, pv.Claim)
    chain = results["reporting-chain"]
    positions = {str(row["source"]): _int(row["position"]) for row in chain.dicts()}
    assert set(positions) == {iri(s) for s in _chain(claim.source)}
    assert positions[iri(claim.source)] == 1
    for row in chain.dicts():
        if "upstream" in row:
            assert positions[str(row["upstream"])] > positions[str(row["source"])]


# --------------------------------------------------------------------------- agreement


def test_stock_queries_agree_on_the_erbil_example(
    embedded: EmbeddedStore, endpoint: SparqlEndpoint
) -> None:
    """On the Erbil example every stock query gives the same rows three ways, and right ones."""
    claims = erbil.build()
    params = _params(claims, 3, (dt.date(2021, 2, 10), dt.date(2021, 2, 15)), "erbil")
    results = _three_ways(claims, params, embedded, endpoint)
    _check_against_the_collection(claims, params, results)
    contested = results["contested"]
    assert [v.lexical for v in contested.values("claimantName") if isinstance(v, Lit)] == [
        "Saraya Awliya al-Dam",
        "Said Khatibzadeh",
    ]


@SETTINGS
@given(
    claims=claim_sets(min_claims=1, max_claims=5, consistent=False).filter(oxigraph_keeps),
    choice=st.tuples(
        st.integers(min_value=0, max_value=10),
        st.tuples(st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1)), st.dates()),
        st.text(alphabet="aeiouAEIO .", max_size=3),
    ),
)
def test_stock_queries_agree_everywhere_and_with_the_collection(
    tmp_path_factory: pytest.TempPathFactory,
    server: str,
    claims: pv.ClaimSet,
    choice: tuple[int, tuple[dt.date, dt.date], str],
) -> None:
    """For any collection, each stock query gives equal rows three ways, matching the model."""
    clear(server)
    params = _params(claims, *choice)
    with (
        EmbeddedStore(tmp_path_factory.mktemp("store")) as embedded,
        SparqlEndpoint.oxigraph(server) as endpoint,
    ):
        results = _three_ways(claims, params, embedded, endpoint)
    _check_against_the_collection(claims, params, results)


# --------------------------------------------------------------------------- the catalogue


def test_every_stock_query_is_described_and_parses_everywhere() -> None:
    """Each stock query has a title, typed parameters, and text rdflib and Oxigraph both parse."""
    store = ox.Store()
    for query in stock_queries():
        assert query.title.endswith(".")
        prepareQuery(query.text)
        values = inject_values(query.text, query.bind(_sample(query.name)))
        prepareQuery(values)
        assert isinstance(store.query(values), ox.QuerySolutions)
    assert {p.kind for q in stock_queries() for p in q.parameters} == set(ParameterKind)


def _sample(name: str) -> dict[str, object]:
    values: dict[ParameterKind, object] = {
        ParameterKind.IRI: "https://example.org/x",
        ParameterKind.STANCE: "denial",
        ParameterKind.DATE: "2021-02-15",
        ParameterKind.TEXT: "x",
    }
    return {p.name: values[p.kind] for p in stock_query(name).parameters}


def test_polarity_tables_in_the_queries_match_the_built_in_stances() -> None:
    """Every table of built-in stances in the queries says what the model says of each."""
    expected = {
        (
            s.iri.rsplit("#", 1)[1],
            {
                "affirming": "Affirming",
                "denying": "Denying",
                "withdrawing": "Withdrawing",
                "neutral": "Neutral",
            }[s.polarity.value],
        )
        for s in pv.Stance.builtins()
    }
    tables = 0
    for query in stock_queries():
        for body in re.findall(r"VALUES \(\?\w+ \?\w+\) \{\n(.*?)\}", query.text, re.DOTALL):
            pairs = set(re.findall(r"\(pc:(\w+) pc:(\w+)\)", body))
            if {"Report", "Denial"} <= {a for a, _ in pairs}:
                tables += 1
                assert pairs == expected, query.name
    assert tables == 4


def test_unknown_query_and_bad_parameters_are_named() -> None:
    """An unknown query, an unknown, missing or ill-typed parameter each get a precise error."""
    cases: list[tuple[str, dict[str, object], str]] = [
        ("no-such-query", {}, "the name of a stock query"),
        ("contested", {"stance": "denial"}, "parameter 'stance': expected no parameters"),
        ("claims-by-date", {"from": "2021-02-01"}, "parameter 'to': expected a value"),
        ("claims-by-date", {"from": "2021-02-30", "to": "2021-03-01"}, "a day such as"),
        (
            "claims-by-date",
            {"from": dt.datetime(2021, 2, 1, tzinfo=dt.UTC), "to": "2021-03-01"},
            "a day",
        ),
        ("claims-by-stance", {"stance": "rumour"}, "one of 'report'"),
        ("claims-by-outlet", {"outlet": 7}, "an absolute IRI, or a record"),
        ("propositions-matching", {"text": 7}, "expected text"),
    ]
    for name, params, message in cases:
        with pytest.raises(QueryError, match=re.escape(message)):
            stock_query(name).bind(params)


def test_parameters_accept_records_names_iris_and_days() -> None:
    """A parameter takes the record, a stance's name or IRI, a date or its ISO text alike."""
    outlet = pv.Outlet(name="Wire")
    assert (
        stock_query("claims-by-outlet").bind({"outlet": outlet}, base="https://e.example/"),
        stock_query("claims-by-stance").bind({"stance": "CLAIM_OF_RESPONSIBILITY"}),
        stock_query("claims-by-stance").bind({"stance": pv.Stance.DENIAL.iri}),
        stock_query("claims-by-date").bind({"from": dt.date(2021, 2, 1), "to": "2021-02-09"}),
    ) == (
        {"outlet": pv.iri_of(outlet, base="https://e.example/")},
        {"stance": pv.Stance.CLAIM_OF_RESPONSIBILITY.iri},
        {"stance": pv.Stance.DENIAL.iri},
        {"from": Lit("2021-02-01", XSD_DATE), "to": Lit("2021-02-09", XSD_DATE)},
    )


# --------------------------------------------------------------------------- hostile values

HOSTILE_TEXT = [
    '"',
    "'",
    '"} ; DROP ALL ; #',
    "} ; DROP ALL ; #",
    '") } } ; DROP ALL ; SELECT * { ("',
    "{}",
    "line\nbreak\r\n",
    "back\\slash\\",
    '"""',
    "# not a comment",
    "?s ?p ?o",
]
HOSTILE_IRIS = [
    "https://example.org/a> } ; DROP ALL ; #",
    "https://example.org/a b",
    'https://example.org/"',
    "https://example.org/{x}",
    "not an iri",
    "",
]


def test_hostile_values_are_bound_or_refused_and_the_data_stays(embedded: EmbeddedStore) -> None:
    """Quotes, braces, `} ; DROP ALL ; #` match as text; bad IRIs are refused; nothing is lost."""
    claims = erbil.build()
    embedded.push(claims)
    graph = pv.to_graph(claims)
    before = embedded.triple_count()
    for text in HOSTILE_TEXT:
        found = embedded.query("propositions-matching", {"text": text})
        assert found == run_query(graph, "propositions-matching", {"text": text})
        assert _iris(found, "proposition") == [
            pv.iri_of(p)
            for p in sorted(claims.propositions, key=lambda p: (p.text, pv.iri_of(p)))
            if text.lower() in p.text.lower()
        ]
    for value in HOSTILE_IRIS:
        with pytest.raises(QueryError, match="parameter 'outlet'"):
            embedded.query("claims-by-outlet", {"outlet": value})
        with pytest.raises(QueryError, match="parameter 'outlet'"):
            run_query(graph, "claims-by-outlet", {"outlet": value})
        with pytest.raises(QueryError, match="parameter 'source'"):
            embedded.claims_in(value)
    assert (embedded.triple_count(), embedded.pull(), len(graph)) == (before, claims, before)


# --------------------------------------------------------------------------- your own SPARQL

REFUSED = {
    "SELECT * WHERE { SERVICE <http://x.example/> { ?s ?p ?o } }": "SERVICE <http://x.example/>",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { { SELECT * { SERVICE SILENT <http://y.example/> "
    "{ ?a ?b ?c } } } } }": "SERVICE <http://y.example/>",
    "SELECT * FROM <http://x.example/data> WHERE { ?s ?p ?o }": "FROM <http://x.example/data>",
    "SELECT * FROM NAMED <http://x.example/g> WHERE { GRAPH ?g { ?s ?p ?o } }": "FROM NAMED <http",
    "ASK FROM <http://x.example/d> { ?s ?p ?o }": "FROM <http://x.example/d>",
    "LOAD <http://x.example/data>": "an update",
    "DROP ALL": "an update",
    "INSERT DATA { <a:b> <a:c> <a:d> }": "an update",
    "CONSTRUCT WHERE { ?s ?p ?o }": "CONSTRUCT",
    "SELECT * WHERE { SERV\\u0049CE <http://x.example/> { ?s ?p ?o } }": "without \\u escapes",
    'SELECT * WHERE { ?s ?p "\\u0022 } SERVICE <http://x.example/> { ?a ?b ?c } #" }': "\\u",
    "SELECT * WHERE { ?s ?p ?o": "syntax error",
}


@pytest.mark.parametrize("text", sorted(REFUSED))
def test_sparql_that_reads_elsewhere_or_writes_is_refused(text: str) -> None:
    """Federation, remote datasets, updates and escape tricks are refused, saying which."""
    with pytest.raises(QueryError, match=re.escape(REFUSED[text])):
        check_sparql(text)


def test_words_in_comments_and_strings_are_not_refused(embedded: EmbeddedStore) -> None:
    """SERVICE and FROM inside a comment or a string are text, and the query runs."""
    claims = erbil.build()
    embedded.push(claims)
    text = (
        "# SERVICE <http://x.example/> FROM <http://y.example/>\n"
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?g { ?c a ?t } "
        'FILTER(?t != "SERVICE <http://x.example/> { } FROM <x:y>") }'
    )
    graph = pv.to_graph(claims)
    assert embedded.sparql(text) == run_sparql(graph, text)
    assert run_sparql(graph, "ASK { GRAPH ?g { ?s a <http://www.w3.org/ns/prov#Agent> } }").boolean


def test_results_print_as_csv() -> None:
    """A result prints as SPARQL CSV: a header, plain values, empty cells for unbound ones."""
    result = QueryResult(
        ("a", "b"), (("https://e.example/x", Lit('say "hi"', None, "en")), (None, Lit("1")))
    )
    assert result.to_csv() == 'a,b\r\nhttps://e.example/x,"say ""hi"""\r\n,1\r\n'


def test_rdflib_runs_on_a_graph_as_on_a_dataset() -> None:
    """A query on a plain Graph and on the same triples in a Dataset gives the same rows."""
    claims = erbil.build()
    graph = pv.to_graph(claims)
    dataset = rdflib.Dataset()
    named = dataset.graph(rdflib.URIRef("urn:x:g"))
    for triple in graph:
        named.add(triple)
    assert run_query(graph, "contested") == run_query(dataset, "contested")
