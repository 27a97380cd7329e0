"""A live SPARQL 1.1 server (Oxigraph's, started here): pushing, pulling, queries with hostile
values, authentication, retries, timeouts and clear errors. No endpoint is imitated: failures
come from a real gateway in front of the real server, or from the absence of any server."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

import provenance as pv
from _oxigraph_server import Gateway, clear, free_port, running_oxigraph
from _support import ROOT, load_example
from provenance.rdf._terms import XSD, Lit
from provenance.store import (
    BasicAuth,
    BearerToken,
    EmbeddedStore,
    EndpointAuthError,
    EndpointConfigError,
    EndpointRefusedError,
    EndpointUnavailableError,
    QueryError,
    Retry,
    SparqlEndpoint,
    UnsafeValueError,
    auth_from_environment,
    run_query,
)
from test_queries import HOSTILE_IRIS, HOSTILE_TEXT

erbil = load_example("erbil_attack")

QUICK = Retry(attempts=3, backoff=0.01, max_delay=1.0)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph server for this module, stopped afterwards."""
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture
def endpoint(server: str) -> Iterator[SparqlEndpoint]:
    """The live server, emptied, as an endpoint that retries quickly."""
    clear(server)
    with SparqlEndpoint.oxigraph(server, retry=QUICK) as opened:
        yield opened


def _dump(url: str) -> set[ox.Quad]:
    """Every quad the server holds, read without our code."""
    response = httpx.get(f"{url}/store", headers={"Accept": "application/n-quads"}, trust_env=False)
    response.raise_for_status()
    return set(ox.parse(response.content, ox.RdfFormat.N_QUADS))


# --------------------------------------------------------------------------- push and pull


def test_erbil_pushed_twice_leaves_its_triples_and_pulls_back_equal(
    server: str, endpoint: SparqlEndpoint
) -> None:
    """Pushing the Erbil example twice leaves the same triples; pulling gives it back equal."""
    claims = erbil.build()
    endpoint.push(claims)
    first = _dump(server)
    endpoint.push(claims)
    assert (_dump(server), endpoint.triple_count(), endpoint.pull()) == (
        first,
        len(pv.to_graph(claims)),
        claims,
    )


def test_the_digest_pushed_twice_leaves_its_triples_and_pulls_back_equal(
    server: str, endpoint: SparqlEndpoint
) -> None:
    """The whole Spotlight on Iran digest, pushed twice, holds its triples and pulls back equal."""
    path = ROOT / "examples" / "spotlight_on_iran_2021_02.yaml"
    read = getattr(pv, "read_claim_file", None)
    if read is None or not path.is_file():
        pytest.skip("the digest dataset or its reader is not in this tree")
    claims = read(path)
    endpoint.push(claims)
    first = _dump(server)
    endpoint.push(claims)
    assert (_dump(server), endpoint.triple_count(), endpoint.pull()) == (
        first,
        len(pv.to_graph(claims)),
        claims,
    )


def test_server_holds_what_the_embedded_store_holds(
    server: str, endpoint: SparqlEndpoint, tmp_path: Path
) -> None:
    """The layout on a server is the same, quad for quad, as in the embedded store."""
    claims = erbil.build()
    endpoint.push(claims)
    with EmbeddedStore(tmp_path / "s") as store:
        store.push(claims)
        local = set(store._db)
    assert _dump(server) == local


def test_replacing_push_goes_by_graph_store_put(server: str, endpoint: SparqlEndpoint) -> None:
    """A replacing push sends each source graph with one PUT and leaves only the new claims."""
    claims = erbil.build()
    endpoint.push(claims)
    denial = next(c for c in claims.claims if c.stance == pv.Stance.DENIAL)
    corrected = pv.Claim(
        proposition=denial.proposition,
        claimant=denial.claimant,
        source=denial.source,
        stance=pv.Stance.DENIAL,
        text="rejected",
        language="en",
    )
    with Gateway(server) as gateway:
        through = SparqlEndpoint.oxigraph(gateway.url, retry=QUICK)
        report = through.push(pv.ClaimSet([corrected]), replace=True)
        through.close()
    assert (report.transactions, gateway.methods.count("PUT")) == (2, 1)
    assert endpoint.claims_in(denial.source).by_claimant(denial.claimant) == (corrected,)


def test_without_graph_store_protocol_a_replace_uses_sparql_update(
    server: str, endpoint: SparqlEndpoint
) -> None:
    """Where the graph-store URL answers 404, a replacing push falls back to SPARQL Update."""
    claims = erbil.build()
    missing = SparqlEndpoint(
        f"{server}/query",
        update_url=f"{server}/update",
        graph_store_url=f"{server}/no-graph-store-here",
        retry=QUICK,
    )
    missing.push(claims, replace=True)
    missing.push(claims, replace=True)
    assert (missing.pull(), missing.triple_count()) == (claims, len(pv.to_graph(claims)))
    missing.close()


def test_look_ups_fetch_claims_by_source_proposition_and_claimant(
    endpoint: SparqlEndpoint,
) -> None:
    """The server gives back the claims of a source, about a proposition, by a claimant."""
    claims = erbil.build()
    endpoint.push(claims)
    editor = next(a for a in claims.agents if a.name == "Raz Zimmt")
    responsibility = next(c for c in claims.claims if c.stance == pv.Stance.CLAIM_OF_RESPONSIBILITY)
    assert (
        set(endpoint.claims_in(pv.iri_of(responsibility.source)).claims),
        endpoint.claims_about(responsibility.proposition),
        endpoint.claims_by(editor),
    ) == (
        {c for c in claims.claims if c.source == responsibility.source} | {responsibility},
        pv.ClaimSet(
            [responsibility.proposition, *claims.by_proposition(responsibility.proposition)]
        ),
        pv.ClaimSet([editor, *claims.by_claimant(editor)]),
    )


def test_remote_text_that_parsers_read_differently_is_refused(endpoint: SparqlEndpoint) -> None:
    """Text with a backslash before 'u' is refused for SPARQL Update, with nothing written."""
    claim = pv.Claim(
        proposition=pv.Proposition("A path C:\\users was named."),
        claimant=pv.Agent(name="Ann"),
        source=pv.Source(outlet=pv.Outlet(name="Wire")),
        stance="report",
    )
    with pytest.raises(UnsafeValueError, match="backslash followed by 'u'"):
        endpoint.push(pv.ClaimSet([claim]))
    assert endpoint.triple_count() == 0


# --------------------------------------------------------------------------- queries


def test_hostile_values_go_through_values_blocks_safely(
    server: str, endpoint: SparqlEndpoint
) -> None:
    """On a server, hostile text matches as text, broken IRIs are refused, and no data is lost."""
    claims = erbil.build()
    endpoint.push(claims)
    before = _dump(server)
    graph = pv.to_graph(claims)
    for text in HOSTILE_TEXT:
        assert endpoint.query("propositions-matching", {"text": text}) == run_query(
            graph, "propositions-matching", {"text": text}
        )
    for value in HOSTILE_IRIS:
        with pytest.raises(QueryError, match="parameter 'outlet'"):
            endpoint.query("claims-by-outlet", {"outlet": value})
    with pytest.raises(QueryError, match="parameter 'text'"):
        endpoint.query("propositions-matching", {"text": "\\u0022 } ; DROP ALL ; #"})
    assert (_dump(server), endpoint.pull()) == (before, claims)


def test_sparql_of_ones_own_runs_and_a_refused_one_sends_nothing(server: str) -> None:
    """A plain query runs on the server; one with SERVICE is refused before any request."""
    clear(server)
    with Gateway(server) as gateway, SparqlEndpoint.oxigraph(gateway.url, retry=QUICK) as through:
        through.push(erbil.build())
        sent = gateway.requests
        count = through.sparql("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        with pytest.raises(QueryError, match="SERVICE"):
            through.sparql("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
        assert (count.rows, gateway.requests) == (((Lit("184", XSD + "integer"),),), sent + 1)


# --------------------------------------------------------------------------- failures


@pytest.mark.parametrize("status", [502, 503, 504, 408])
def test_passing_failures_are_retried(server: str, status: int) -> None:
    """A gateway's 502, 503, 504 or 408 is retried, and the request then succeeds."""
    clear(server)
    failures: list[tuple[int, dict[str, str]]] = [(status, {}), (status, {})]
    with Gateway(server, fail=failures) as gateway:
        with SparqlEndpoint.oxigraph(gateway.url, retry=QUICK) as through:
            assert through.triple_count() == 0
        assert gateway.requests == 3


def test_too_many_requests_waits_as_long_as_asked(server: str) -> None:
    """A 429 with Retry-After is retried after the time the server asks for."""
    clear(server)
    waits: list[float] = []
    with Gateway(server, fail=[(429, {"Retry-After": "1"})]) as gateway:
        through = SparqlEndpoint.oxigraph(gateway.url, retry=Retry(max_delay=5), sleep=waits.append)
        assert (through.triple_count(), waits, gateway.requests) == (0, [1.0], 2)
        through.close()


def test_a_wait_longer_than_allowed_fails_at_once(server: str) -> None:
    """A 429 asking to wait longer than max_delay is an error naming the wait, not a hang."""
    with (
        Gateway(server, fail=[(429, {"Retry-After": "3600"})]) as gateway,
        SparqlEndpoint.oxigraph(gateway.url, retry=QUICK) as through,
        pytest.raises(EndpointUnavailableError, match="retry after 3600 s") as caught,
    ):
        through.triple_count()
    assert (caught.value.status, caught.value.attempts, gateway.requests) == (429, 1, 1)


def test_a_busy_server_fails_after_every_retry(server: str) -> None:
    """A gateway that stays at 503 gives an error with the status and the number of tries."""
    failures: list[tuple[int, dict[str, str]]] = [(503, {})] * 5
    with (
        Gateway(server, fail=failures) as gateway,
        SparqlEndpoint.oxigraph(gateway.url, retry=QUICK) as through,
        pytest.raises(EndpointUnavailableError, match="after 3 attempts: HTTP 503") as caught,
    ):
        through.pull()
    assert (caught.value.status, gateway.requests) == (503, 3)


def test_a_server_that_is_down_is_named_as_unavailable() -> None:
    """Nothing listening at the URL: a clear error after every retry, with no answer status."""
    url = f"http://127.0.0.1:{free_port()}"
    with (
        SparqlEndpoint.oxigraph(url, retry=QUICK) as endpoint,
        pytest.raises(EndpointUnavailableError, match="unavailable after 3 attempts") as caught,
    ):
        endpoint.push(erbil.build())
    assert (caught.value.url, caught.value.status) == (f"{url}/update", None)


def test_a_server_that_comes_up_late_is_reached_by_retrying(tmp_path: Path) -> None:
    """A server that starts while the client backs off is reached, and the push lands."""
    port = free_port()
    started = threading.Event()
    stop = threading.Event()

    def run() -> None:
        time.sleep(0.5)
        with running_oxigraph(tmp_path / "late", port=port):
            started.set()
            stop.wait(60)

    thread = threading.Thread(target=run)
    thread.start()
    try:
        patient = Retry(attempts=12, backoff=0.1, max_delay=2.0)
        with SparqlEndpoint.oxigraph(f"http://127.0.0.1:{port}", retry=patient) as endpoint:
            endpoint.push(erbil.build())
            assert endpoint.pull() == erbil.build()
    finally:
        stop.set()
        thread.join(timeout=60)
    assert started.is_set()


def test_a_slow_answer_times_out_and_is_reported(server: str) -> None:
    """A request that outlasts the timeout is retried, then reported as unavailable."""
    with (
        Gateway(server, delay=1.0) as gateway,
        SparqlEndpoint.oxigraph(gateway.url, timeout=0.2, retry=QUICK) as through,
        pytest.raises(EndpointUnavailableError, match="3 attempts"),
    ):
        through.triple_count()


def test_refusals_are_reported_with_the_status_and_not_retried(server: str) -> None:
    """A wrong URL (404) or a redirect is a refusal naming the status, tried once."""
    with (
        Gateway(server, fail=[(302, {"Location": "http://elsewhere.example/sparql"})]) as gateway,
        SparqlEndpoint.oxigraph(gateway.url, retry=QUICK) as through,
        pytest.raises(
            EndpointRefusedError, match=r"redirected to http://elsewhere\.example/sparql"
        ),
    ):
        through.triple_count()
    assert gateway.requests == 1
    with (
        SparqlEndpoint(f"{server}/not-a-query-url", retry=QUICK) as wrong,
        pytest.raises(EndpointRefusedError, match="HTTP 404") as caught,
    ):
        wrong.triple_count()
    assert caught.value.status == 404


# --------------------------------------------------------------------------- authentication


def test_basic_credentials_reach_the_server_and_wrong_ones_are_refused(server: str) -> None:
    """Right basic credentials pass an authenticating gateway; wrong ones get a clear 401."""
    clear(server)
    with Gateway(server, credentials=("ann", "s3cret")) as gateway:
        with SparqlEndpoint.oxigraph(gateway.url, auth=BasicAuth("ann", "s3cret")) as good:
            good.push(erbil.build())
        with (
            SparqlEndpoint.oxigraph(gateway.url, auth=BasicAuth("ann", "guess")) as bad,
            pytest.raises(EndpointAuthError, match="HTTP 401") as caught,
        ):
            bad.pull()
    assert ("guess" not in str(caught.value), caught.value.status) == (True, 401)


def test_bearer_token_from_the_environment_reaches_the_server(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A token set in the environment is sent as a bearer token, and only that."""
    clear(server)
    monkeypatch.setenv("PROVENANCE_SPARQL_TOKEN", "t0ken")
    auth = auth_from_environment()
    with (
        Gateway(server, token="t0ken") as gateway,
        SparqlEndpoint.oxigraph(gateway.url, auth=auth) as through,
    ):
        assert through.triple_count() == 0
    assert (auth, set(gateway.authorizations)) == (BearerToken("t0ken"), {"Bearer t0ken"})


def test_credentials_are_refused_where_they_would_leak() -> None:
    """Credentials in a URL, or sent over plain http to another machine, are refused at once."""
    with pytest.raises(EndpointConfigError, match="credentials in a URL") as caught:
        SparqlEndpoint("http://ann:s3cret@127.0.0.1:1/query")
    assert "s3cret" not in str(caught.value)
    with pytest.raises(EndpointConfigError, match="unencrypted"):
        SparqlEndpoint("http://sparql.example/query", auth=BasicAuth("ann", "s3cret"))
    assert repr(BasicAuth("ann", "s3cret")) == "BasicAuth(user='ann', password=***)"
    assert "t0ken" not in repr(BearerToken("t0ken"))


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, None),
        (
            {"PROVENANCE_SPARQL_USER": "ann", "PROVENANCE_SPARQL_PASSWORD": "pw"},
            BasicAuth("ann", "pw"),
        ),
        ({"PROVENANCE_SPARQL_TOKEN": "t"}, BearerToken("t")),
        ({"PROVENANCE_SPARQL_USER": "ann"}, "PROVENANCE_SPARQL_PASSWORD is not set"),
        ({"PROVENANCE_SPARQL_TOKEN": "t", "PROVENANCE_SPARQL_USER": "ann"}, "both set"),
    ],
)
def test_credentials_from_the_environment(
    environ: dict[str, str], expected: BasicAuth | BearerToken | str | None
) -> None:
    """The environment gives basic or bearer credentials, or says clearly what contradicts."""
    if isinstance(expected, str):
        with pytest.raises(EndpointConfigError, match=expected):
            auth_from_environment(environ)
    else:
        assert auth_from_environment(environ) == expected


def test_bad_urls_and_options_are_refused_before_any_request() -> None:
    """A URL that is no http(s) URL, a fragment, or a timeout of zero are configuration errors."""
    for url, message in [
        ("ftp://127.0.0.1/query", "http:// or https://"),
        ("127.0.0.1:7878/query", "http:// or https://"),
        ("http://127.0.0.1/query#x", "#fragment"),
    ]:
        with pytest.raises(EndpointConfigError, match=message):
            SparqlEndpoint(url)
    with pytest.raises(EndpointConfigError, match="timeout"):
        SparqlEndpoint("http://127.0.0.1/query", timeout=0)
    with pytest.raises(EndpointConfigError, match="update URL"):
        SparqlEndpoint("http://127.0.0.1:1/query").push(erbil.build())


def test_importing_the_store_module_does_not_load_httpx() -> None:
    """httpx is loaded when an endpoint is made, not when provenance.store is imported."""
    code = "import sys, provenance.store; print('httpx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "False"
