"""SPARQL of one's own cannot make an engine connect anywhere: the guard reads a query by the
SPARQL 1.1 grammar, as the engines do, and the engines run only the text it checked. A real
listener on a loopback port counts every connection an engine opens to the address a query
names; the engines are the embedded store and a live Oxigraph server."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from _oxigraph_server import clear, running_oxigraph
from provenance.store import (
    EmbeddedStore,
    QueryError,
    SparqlEndpoint,
    StoreError,
    check_sparql,
    run_sparql,
)


class Listener:
    """A TCP listener on a free loopback port that accepts, counts and drops connections."""

    def __init__(self) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(64)
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}/sparql"
        self.connections = 0
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._socket.close()
        self._thread.join(timeout=10)


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    """The address a hostile query points at, counting who comes."""
    opened = Listener()
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph server for this module, holding one triple in its default graph."""
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph")) as url:
        clear(url)
        insert = "INSERT DATA { <urn:x:s> <urn:x:p> <urn:x:o> }"
        httpx.post(f"{url}/update", data={"update": insert}, trust_env=False).raise_for_status()
        yield url


@pytest.fixture(scope="module")
def endpoint(server: str) -> Iterator[SparqlEndpoint]:
    """The live server as an endpoint."""
    with SparqlEndpoint.oxigraph(server) as opened:
        yield opened


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    """An embedded store holding one triple in its default graph, so patterns match."""
    with EmbeddedStore(tmp_path_factory.mktemp("store") / "s") as opened:
        s, p, o = (ox.NamedNode(f"urn:x:{n}") for n in "spo")
        opened._db.add(ox.Quad(s, p, o, ox.DefaultGraph()))
        yield opened


def _service(listener: Listener) -> str:
    return f"SERVICE <{listener.url}> {{ ?a ?b ?c }}"


# --------------------------------------------------------------------------- the hole


@pytest.mark.parametrize("form", ["SELECT *", "ASK"])
@pytest.mark.parametrize("where", ["embedded", "endpoint"])
def test_a_comment_ended_by_a_carriage_return_hides_no_service(
    form: str, where: str, listener: Listener, request: pytest.FixtureRequest
) -> None:
    """`# c\\r SERVICE <…>` is a SERVICE clause to the guard as to Oxigraph: refused, no call."""
    store = request.getfixturevalue(where)
    before = listener.connections
    text = f"{form} WHERE {{ # c\r {_service(listener)}\n }}"
    with pytest.raises(QueryError, match=r"found SERVICE <http://127\.0\.0\.1:"):
        store.sparql(text)
    assert listener.connections == before


@pytest.mark.parametrize(
    "terminator", ["\n", "\r", "\r\n"], ids=["line feed", "carriage return", "both"]
)
def test_every_line_break_ends_a_comment_for_the_guard(terminator: str) -> None:
    """A comment runs to a line feed or a carriage return, as the grammar says."""
    with pytest.raises(QueryError, match=re.escape("SERVICE <http://x.example/>")):
        check_sparql(f"ASK {{ # c{terminator}SERVICE <http://x.example/> {{ ?s ?p ?o }} }}")


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c"], ids=repr)
def test_other_line_separators_stay_in_the_comment(separator: str, embedded: EmbeddedStore) -> None:
    """U+2028, NEL, VT and FF are comment text to the grammar and to Oxigraph: nothing runs."""
    text = f"SELECT * WHERE {{ ?s ?p ?o # c{separator} SERVICE <http://x.example/> {{ }}\n }}"
    checked = check_sparql(text)
    assert (checked.normalized, len(embedded.sparql(text))) == (
        "SELECT * WHERE { ?s ?p ?o\n}",
        1,
    )


def test_engines_get_the_checked_tokens_without_comments() -> None:
    """What engines run is the caller's tokens: no comments, one quoting, line numbers kept."""
    text = (
        "PREFIX ex: <http://example.org/> # SERVICE <http://x.example/>\r\n"
        "SELECT ?o WHERE { ?s ex:p ?o . FILTER(?o != '''two\nlines''' && ?o != 'it\\'s') }"
    )
    assert check_sparql(text).normalized == (
        "PREFIX ex: <http://example.org/>\n"
        'SELECT ?o WHERE { ?s ex:p ?o . FILTER(?o != "two\\nlines"\n'
        '&& ?o != "it\'s") }'
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('ASK { ?s ?p "a\u2028b" }', "a string without control characters"),
        ('ASK { ?s ?p "a\x85b" }', "a string without control characters"),
        ("ASK { ?s ?p <http://x.example/a\u2029> }", "an IRI without control characters"),
        ("PREFIX e: <http://x/> ASK { ?s ?p e:a\\'b }", "without backslash escapes"),
        ("ASK { ?s ?p ?o } \ud800", "an unpaired surrogate at line 1, column 18"),
        ("ASK {\r\n ?s ?p ?o \u2028 }", "'\\u2028' at line 2, column 11"),
        ("DEFINE input:grab-all 'yes' ASK { ?s ?p ?o }", "'DEFINE', which is not a SPARQL"),
        ("ASK { ?s ?p 'open }", "an unterminated string at line 1, column 13"),
        ("ASK {\n ?s ?p ?o ?x }", "a syntax error at line 2, column 11"),
    ],
)
def test_text_readers_could_read_differently_is_refused(text: str, message: str) -> None:
    """Characters, escapes and words where readers of SPARQL part ways are refused, located."""
    with pytest.raises(QueryError, match=re.escape(message)):
        check_sparql(text)


def test_the_stock_queries_pass_the_guard_and_mean_the_same_after_it() -> None:
    """Every shipped query, comments and all, passes the guard, keeps its tokens, and gives
    Oxigraph the same rows on the Erbil example as its original text."""
    import provenance as pv
    from _support import load_example
    from provenance.store import stock_queries
    from provenance.store._lexer import tokens

    graph = pv.to_graph(load_example("erbil_attack").build())
    store = ox.Store()
    store.load(
        graph.serialize(format="nt", encoding="utf-8"),
        ox.RdfFormat.N_TRIPLES,
        to_graph=ox.NamedNode("urn:x:g"),
    )

    def rows(text: str) -> list[str]:
        found = store.query(text)
        assert isinstance(found, ox.QuerySolutions)
        return sorted(str(solution) for solution in found)

    for query in stock_queries():
        checked = check_sparql(query.text)
        assert [(t.kind, t.value or t.text) for t in tokens(checked.normalized)] == [
            (t.kind, t.value or t.text) for t in tokens(query.text)
        ]
        assert rows(checked.normalized) == rows(query.text), query.name


def test_a_query_rdflib_parses_but_cannot_translate_is_a_query_error() -> None:
    """An undeclared prefix, which rdflib finds only when translating, is a QueryError."""
    with pytest.raises(QueryError, match="Unknown namespace prefix"):
        check_sparql("SELECT * WHERE { ?s ?p ?o FILTER(?o != :) }")


def test_rdflib_runs_the_normalized_text(tmp_path: Path) -> None:
    """On an rdflib graph the checked query gives the rows it gives on the embedded store."""
    import provenance as pv
    from _support import load_example

    claims = load_example("erbil_attack").build()
    text = (
        "# a count \r SELECT (COUNT(?c) AS ?n) WHERE { GRAPH ?g { ?c a ?t } "
        "FILTER(?t != '''SERVICE <http://x.example/> { } # ''') }"
    )
    with EmbeddedStore(tmp_path / "s") as store:
        store.push(claims)
        assert store.sparql(text) == run_sparql(pv.to_graph(claims), text)


# --------------------------------------------------------------------------- the property

TERMINATORS = ["\n", "\r", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"]
SEPARATORS = [" ", "\t", *TERMINATORS]


def _queries(url: str) -> st.SearchStrategy[str]:
    """Queries mixing comments, strings, escapes, IRIs, names and every line terminator with
    SERVICE clauses (naming ``url``) inside, after and outside them."""
    service = f"SERVICE <{url}> {{ ?a ?b ?c }}"
    payload = st.sampled_from([service, f"}} {service} {{", f"{service} #", ""])
    terminator = st.sampled_from([*TERMINATORS, ""])
    hidden = st.one_of(
        payload,
        terminator,
        st.sampled_from(['"', "'", "'''", '"""', "#", "<", ">", "\\", '\\"', "\\'", "\\\\", "\\n"]),
        st.sampled_from(["\\u0022", "\\u0027", "\\u000A", "\\U0000000D", "c"]),
    )
    content = st.lists(hidden, max_size=3).map("".join)
    # a comment, or a string, that ends (for some reader) before what follows it
    comment = st.tuples(content, terminator, payload).map(lambda ctp: "#" + "".join(ctp))
    quote = st.sampled_from(['"', "'", '"""', "'''"])
    string = st.tuples(quote, content).map(lambda qc: f"{qc[0]}{qc[1]}{qc[0]}")
    iri = st.sampled_from(
        ["<http://example.org/a#b>", "<http://example.org/o'c>", "<urn:x:o>", "<>", "<#'>"]
    )
    pname = st.sampled_from(["ex:a", "ex:", ":", "ex:a.b", "ex:a\\'b", "ex:a\\#b", "ex:a%22"])
    atom = st.one_of(
        st.just("?s ?p ?o ."),
        comment,
        string.map(lambda s: f"FILTER(?o != {s})"),
        string.map(lambda s: f"BIND({s} AS ?x{len(s)})"),
        iri.map(lambda i: f"FILTER(?o != {i})"),
        pname.map(lambda n: f"FILTER(?o != {n})"),
        st.sampled_from(
            [service, "SERVICE SILENT", "service", "FROM", "{", "}", f"<{url}>", "\\u0053ERVICE"]
        ),
    )
    separator = st.one_of(st.sampled_from(["\n", " "]), st.sampled_from(SEPARATORS))
    body = st.lists(st.tuples(atom, separator), max_size=5).map(
        lambda items: "".join(a + s for a, s in items)
    )
    form = st.sampled_from(["SELECT *", "ASK", "SELECT ?s"])
    tail = st.sampled_from(["", " # end", f" # {service}", "\n"])
    return st.tuples(form, body, tail).map(
        lambda fbt: f"PREFIX ex: <http://example.org/>\n{fbt[0]} WHERE {{ {fbt[1]} }}{fbt[2]}"
    )


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_whatever_the_guard_accepts_makes_no_connection(
    data: st.DataObject,
    listener: Listener,
    embedded: EmbeddedStore,
    endpoint: SparqlEndpoint,
) -> None:
    """For generated queries, each one the guard accepts runs on the embedded store and on a
    live Oxigraph server without either opening a connection to the address it names."""
    text = data.draw(_queries(listener.url))
    before = listener.connections
    try:
        check_sparql(text)
    except QueryError:
        event("refused")
        return
    event("accepted")
    for store in (embedded, endpoint):
        try:
            store.sparql(text)
        except StoreError:
            event("accepted, then failed cleanly")
    assert listener.connections == before, text
