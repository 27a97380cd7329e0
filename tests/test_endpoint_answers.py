"""What a server sends back is never trusted: answers that are not SPARQL results or RDF
become one clear error naming the URL and what was expected, and nothing a server echoes
shows a configured secret. The servers are real HTTP servers on loopback ports that answer
with fixed bodies (broken results, echoed request headers), as a misconfigured proxy or a
hostile server would; no SPARQL server is imitated."""

from __future__ import annotations

import base64
import http.server
import json
import socket
import threading
import traceback
import urllib.parse
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from provenance.cli import main
from provenance.rdf._terms import Lit
from provenance.store import (
    BasicAuth,
    BearerToken,
    EmbeddedStore,
    EndpointAuthError,
    EndpointConfigError,
    EndpointRefusedError,
    EndpointResponseError,
    EndpointUnavailableError,
    InsecureEndpointWarning,
    Retry,
    SparqlEndpoint,
    StoreError,
)
from provenance.store._endpoint import redact, secret_forms


class Answering:
    """An HTTP server on a free loopback port giving every request the same fixed answer.

    ``answer`` is (status, Content-Type, body); with ``echo`` the body is instead the
    request's own headers, as a debugging proxy or a careless error page shows them, and
    the reason phrase and a Location header repeat its Authorization header.
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
                said = self.headers.get("Authorization", "")
                if server.echo:
                    body = str(self.headers).encode()
                    self.send_response(status, f"Not for {said}")
                    self.send_header("Location", f"http://127.0.0.1:1/?auth={said}")
                else:
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


class Mangling:
    """A TCP server on a free loopback port that answers with a broken HTTP header line
    repeating the request's Authorization header, so the HTTP client's own error quotes it."""

    def __init__(self) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            with connection:
                request = connection.recv(65536).decode("latin-1")
                said = [h for h in request.split("\r\n") if h.lower().startswith("authorization")]
                broken = (said or ["none"])[0].replace(":", " ", 1)
                connection.sendall(f"HTTP/1.1 200 OK\r\n{broken}\r\n\r\n".encode("latin-1"))

    def close(self) -> None:
        self._socket.close()
        self._thread.join(timeout=10)


TOKEN = "t0ken-4f9c2e"
USER, PASSWORD = "ann", "s3cret pässword"
AUTHS: dict[str, BasicAuth | BearerToken] = {
    "bearer": BearerToken(TOKEN),
    "basic": BasicAuth(USER, PASSWORD),
}
ONCE = Retry(attempts=1)


def _leaks(text: str) -> list[str]:
    """The secrets of AUTHS, in any form a server could send them back, found in ``text``."""
    forms = [*secret_forms(AUTHS["bearer"]), *secret_forms(AUTHS["basic"])]
    return [form for form in forms if form in text]


def _everything_said(error: BaseException) -> str:
    """An error's message, attributes and whole traceback with its causes, as logs show it."""
    return "".join(traceback.format_exception(error)) + repr(vars(error))


@pytest.mark.parametrize("kind", sorted(AUTHS))
@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, EndpointRefusedError),
        (500, EndpointRefusedError),
        (401, EndpointAuthError),
        (302, EndpointRefusedError),
        (503, EndpointUnavailableError),
        (200, EndpointResponseError),
    ],
)
def test_a_server_echoing_the_credentials_never_shows_them(
    answering: Answering, kind: str, status: int, error_class: type[Exception]
) -> None:
    """Headers echoed in a body, a reason phrase or a Location reach no message or traceback."""
    answering.echo = True
    answering.answer = (status, JSON, b"")
    try:
        with (
            SparqlEndpoint.oxigraph(answering.url, auth=AUTHS[kind], retry=ONCE) as endpoint,
            pytest.raises(error_class) as caught,
        ):
            endpoint.query("contested")
    finally:
        answering.echo = False
    said = _everything_said(caught.value)
    assert (_leaks(said), "***" in said or status == 200) == ([], True)


@pytest.mark.parametrize("kind", sorted(AUTHS))
def test_an_http_error_quoting_the_credentials_is_scrubbed(kind: str) -> None:
    """The HTTP client's own error, kept as the cause, is redacted through its whole chain."""
    server = Mangling()
    try:
        with (
            SparqlEndpoint.oxigraph(server.url, auth=AUTHS[kind], retry=ONCE) as endpoint,
            pytest.raises(EndpointUnavailableError, match="illegal header line") as caught,
        ):
            endpoint.triple_count()
    finally:
        server.close()
    assert (_leaks(_everything_said(caught.value)), caught.value.__cause__ is not None) == (
        [],
        True,
    )


def test_every_spelling_of_a_secret_is_redacted() -> None:
    """The password, user:password, its base64 and its escaped forms all become ***."""
    pair = f"{USER}:{PASSWORD}"
    text = " | ".join(
        [
            PASSWORD,
            pair,
            base64.b64encode(pair.encode()).decode(),
            base64.b64encode(pair.encode("latin-1")).decode(),
            json.dumps(PASSWORD),
            urllib.parse.quote(PASSWORD, safe=""),
        ]
    )
    assert redact(text, secret_forms(AUTHS["basic"])) == " | ".join(
        ["***", "***", "***", "***", '"***"', "***"]
    )


def test_credentials_in_a_url_never_show_whatever_else_is_wrong() -> None:
    """A URL with user:password is refused without them, even when its scheme is wrong too."""
    for url in ["ftp://ann:s3cret@127.0.0.1/q", "http://ann:s3cret@127.0.0.1:7878/q#f"]:
        with pytest.raises(EndpointConfigError, match="credentials in a URL") as caught:
            SparqlEndpoint(url)
        assert "s3cret" not in str(caught.value)
    with pytest.raises(EndpointConfigError, match="cannot be read"):
        SparqlEndpoint("http://[::1/query")


def test_the_cli_redacts_the_one_line_and_the_debug_traceback(
    answering: Answering, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the token in the environment, neither the error line nor --debug output shows it."""
    monkeypatch.setenv("PROVENANCE_SPARQL_TOKEN", TOKEN)
    answering.echo = True
    answering.answer = (400, "text/plain", b"")
    try:
        plain = main(["query", "contested", "--endpoint", f"{answering.url}/query"])
        line = capsys.readouterr().err
        debug = main(["--debug", "query", "contested", "--endpoint", f"{answering.url}/query"])
        traced = capsys.readouterr().err
    finally:
        answering.echo = False
    assert (plain, line.count("\n"), _leaks(line)) == (2, 1, [])
    assert (debug, "Traceback" in traced, _leaks(traced)) == (2, True, [])


# --------------------------------------------------------------------------- plain http


def test_plain_http_to_another_machine_warns_without_connecting() -> None:
    """An endpoint over http:// beyond loopback, without credentials, is made with a warning."""
    with pytest.warns(InsecureEndpointWarning, match="plain http to another machine"):
        endpoint = SparqlEndpoint.oxigraph("http://sparql.example")
    endpoint.close()


@pytest.mark.parametrize(
    ("url", "options"),
    [
        ("https://sparql.example/query", {}),
        ("http://127.0.0.1:7878/query", {}),
        ("http://localhost:7878/query", {}),
        ("http://[::1]:7878/query", {}),
        ("http://sparql.example/query", {"allow_insecure_http": True}),
    ],
)
def test_no_warning_where_nothing_travels_in_clear_or_it_is_meant(
    url: str, options: dict[str, Any]
) -> None:
    """https, loopback, or an explicit allow_insecure_http: no warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        SparqlEndpoint(url, **options).close()
    assert [str(w.message) for w in caught] == []


def test_the_cli_shows_the_plain_http_warning_as_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`provenance query` against http:// elsewhere prints one warning line, then carries on."""
    code = main(["query", "no-such-query", "--endpoint", "http://sparql.example/query"])
    lines = capsys.readouterr().err.splitlines()
    assert (code, len(lines)) == (2, 2)
    assert lines[0].startswith(
        "provenance: warning: http://sparql.example/query: plain http to another machine"
    )
    assert lines[1].startswith("provenance: error: no-such-query: expected the name of")
