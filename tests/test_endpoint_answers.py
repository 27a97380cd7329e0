"""What a server sends back is never trusted: answers that are not SPARQL results or RDF
become one clear error naming the URL and what was expected, and nothing a server echoes
shows a configured secret. The servers are real HTTP servers on loopback ports that answer
with fixed bodies (broken results, echoed request headers), as a misconfigured proxy or a
hostile server would; no SPARQL server is imitated."""

from __future__ import annotations

import base64
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from provenance.cli import main
from provenance.rdf._terms import Lit
from provenance.store import (
    EmbeddedStore,
    EndpointResponseError,
    SparqlEndpoint,
    StoreError,
)


class Answering:
    """An HTTP server on a free loopback port giving every request the same fixed answer.

    ``answer`` is (status, Content-Type, body); with ``echo`` the body is instead the
    request's own headers, as a debugging proxy or a careless error page shows them.
    """

    def __init__(self) -> None:
        self.answer: tuple[int, str, bytes] = (200, "text/plain", b"")
        self.echo = False
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                """Quiet: the tests say what matters."""

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                status, media, body = server.answer
                if server.echo:
                    body = str(self.headers).encode()
                self.send_response(status)
                if media:
                    self.send_header("Content-Type", media)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = _handle  # noqa: N815 - http.server names

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)


@pytest.fixture(scope="module")
def answering() -> Iterator[Answering]:
    """One answering server for the module; each test sets its answer."""
    server = Answering()
    yield server
    server.close()


JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
TRIPLE_TERM = (
    b'{"head":{"vars":["t"]},"results":{"bindings":[{"t":{"type":"triple","value":{'
    b'"subject":{"type":"uri","value":"http://a"},"predicate":{"type":"uri","value":"http://a"},'
    b'"object":{"type":"uri","value":"http://a"}}}}]}}'
)
BROKEN_RESULTS = [
    (JSON, b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "ur'),
    (JSON, b"<html><body>Service temporarily moved</body></html>"),
    ("text/html", b"<html><body>Log in to continue</body></html>"),
    (XML, b"<sparql><head></head><results><result>"),
    (XML, b'<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head><variable name="s"/>'),
    ("text/csv", b"s\r\nhttp://a\r\n"),
    ("text/tab-separated-values", b"?s\n<http://a\n"),
    (JSON, b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","value":"a b"}}]}}'),
    (JSON, TRIPLE_TERM),
    (JSON, b""),
    (JSON, b"\xff\xfe\x00"),
    ("", b"nothing declared"),
]


@pytest.mark.parametrize(("media", "body"), BROKEN_RESULTS)
def test_broken_results_are_an_error_naming_the_url_and_what_was_expected(
    answering: Answering, media: str, body: bytes
) -> None:
    """A 200 whose body is not SPARQL results is an EndpointResponseError, not a SyntaxError."""
    answering.answer = (200, media, body)
    with (
        SparqlEndpoint.oxigraph(answering.url) as endpoint,
        pytest.raises(EndpointResponseError, match="expected SPARQL query results") as caught,
    ):
        endpoint.query("contested")
    error = caught.value
    assert (error.url, error.status, error.media_type, error.__cause__ is not None) == (
        f"{answering.url}/query",
        200,
        media,
        True,
    )


@pytest.mark.parametrize("fmt", ["XML", "JSON", "TSV"])
def test_whole_results_in_every_readable_format_are_read(answering: Answering, fmt: str) -> None:
    """Results as Oxigraph writes them, in XML, JSON or TSV, are read back, row for row."""
    import pyoxigraph as ox

    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://p"), ox.Literal("x")))
    results_format = getattr(ox.QueryResultsFormat, fmt)
    body = store.query("SELECT ?s ?o WHERE { ?s ?p ?o }").serialize(format=results_format)
    assert body is not None
    answering.answer = (200, results_format.media_type, body)
    with SparqlEndpoint.oxigraph(answering.url) as endpoint:
        found = endpoint._select("SELECT ?s ?o WHERE { ?s ?p ?o }")
    assert found.dicts() == [{"s": "http://a", "o": Lit("x")}]


@pytest.mark.parametrize(
    ("media", "body"),
    [
        ("application/n-triples", b"<http://a> <http://b> <http://c> .\n<http://a> <http://b"),
        ("text/turtle", b"@prefix : <http://e/> . :a :b"),
        ("text/html", b"<html>Log in</html>"),
        (
            "application/n-triples",
            b"<http://a> <http://b> <<( <http://a> <http://b> <http://a> )>> .",
        ),
        (
            "application/n-triples",
            b"<< <http://a> <http://b> <http://c> >> <http://b> <http://c> .",
        ),
    ],
)
def test_broken_rdf_is_an_error_naming_the_url_and_what_was_expected(
    answering: Answering, media: str, body: bytes
) -> None:
    """A 200 whose body is not the RDF a CONSTRUCT asked for is an EndpointResponseError."""
    answering.answer = (200, media, body)
    with (
        SparqlEndpoint.oxigraph(answering.url) as endpoint,
        pytest.raises(EndpointResponseError, match=r"expected RDF \(N-Triples or Turtle\)"),
    ):
        endpoint.pull()


def test_the_cli_reports_broken_results_in_one_line(
    answering: Answering, capsys: pytest.CaptureFixture[str]
) -> None:
    """`provenance query` against a server sending broken results: one line, exit 2."""
    answering.answer = (200, JSON, b'{"head": {"vars": [')
    code = main(["query", "contested", "--endpoint", f"{answering.url}/query"])
    err = capsys.readouterr().err
    assert (code, err.count("\n"), "Traceback" in err) == (2, 1, False)
    assert err.startswith(
        f"provenance: error: {answering.url}/query: expected SPARQL query results"
    )


def test_a_failing_service_call_in_the_embedded_store_is_a_store_error(
    answering: Answering, tmp_path: Path
) -> None:
    """pyoxigraph's RuntimeError from evaluating a query becomes a StoreError, cause kept.

    No query of a caller's own can hold SERVICE any more, so this calls the store's own
    primitive, where every query it runs goes through.
    """
    answering.answer = (200, JSON, b'{"head": {"vars": [')
    with (
        EmbeddedStore(tmp_path / "s") as store,
        pytest.raises(StoreError, match="Unexpected end of file") as caught,
    ):
        store._select(f"SELECT * WHERE {{ SERVICE <{answering.url}/sparql> {{ ?s ?p ?o }} }}")
    assert isinstance(caught.value.__cause__, RuntimeError)


def _basic(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode()
