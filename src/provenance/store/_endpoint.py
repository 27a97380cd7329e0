"""Any SPARQL 1.1 server, over HTTP: the SPARQL 1.1 Protocol and the Graph Store Protocol.

Requests go to the URLs the caller names and nowhere else: redirects are not followed,
proxies and credentials from the environment of the HTTP library are not used
(``trust_env=False``), and credentials are refused over plain HTTP to another machine.
Every request this module sends is idempotent (queries; updates that delete the old
version and insert the new one; ``PUT``), so any of them can be retried: connection
failures and timeouts, and the answers of a busy server or gateway (408, 429, 502, 503,
504), are retried with exponential backoff, honouring ``Retry-After``. httpx is imported
only when an endpoint is made.
"""

from __future__ import annotations

import base64
import contextlib
import email.utils
import html
import ipaddress
import json
import math
import os
import re
import time
import traceback
import urllib.parse
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import pyoxigraph as ox

from .._namespace import DEFAULT_BASE
from ..errors import (
    EndpointAuthError,
    EndpointConfigError,
    EndpointRefusedError,
    EndpointResponseError,
    EndpointUnavailableError,
    InsecureEndpointWarning,
    QueryError,
    UnsafeValueError,
)
from ..rdf._terms import Term, Triple, from_ox, from_ox_triples, to_ox_quads
from ._base import SparqlStore
from ._layout import RECORDS_GRAPH, Batch
from ._queries import CheckedQuery, QueryResult, StockQuery, inject_values, result_from_rows
from ._terms import term_text

if TYPE_CHECKING:
    import httpx

__all__ = [
    "ENVIRONMENT_PASSWORD",
    "ENVIRONMENT_TOKEN",
    "ENVIRONMENT_USER",
    "BasicAuth",
    "BearerToken",
    "Retry",
    "SparqlEndpoint",
    "auth_from_environment",
]

ENVIRONMENT_USER = "PROVENANCE_SPARQL_USER"
ENVIRONMENT_PASSWORD = "PROVENANCE_SPARQL_PASSWORD"
ENVIRONMENT_TOKEN = "PROVENANCE_SPARQL_TOKEN"

_RETRY_STATUSES = frozenset({408, 429, 502, 503, 504})
_NO_GRAPH_STORE = frozenset({404, 405, 501})
_RESULTS = "SPARQL query results (JSON, XML or TSV)"
_RDF = "RDF (N-Triples or Turtle)"


def _media_type(response: httpx.Response) -> str:
    declared: str = response.headers.get("Content-Type", "")
    return declared.split(";", maxsplit=1)[0].strip()


def _read_results(
    body: bytes, fmt: ox.QueryResultsFormat
) -> tuple[bool | None, list[str], list[list[Term | None]]]:
    """An ASK answer, or the variables and rows of a SELECT one, read to the end."""
    if fmt == ox.QueryResultsFormat.XML and not _ends_as_xml(body):
        # pyoxigraph takes an XML document cut off after its first result as whole
        raise SyntaxError("the XML document ends before its closing </sparql> tag")
    parsed = ox.parse_query_results(body, fmt)
    if isinstance(parsed, ox.QueryBoolean):
        return bool(parsed), [], []
    variables = [v.value for v in parsed.variables]
    rows = [[None if s[v] is None else from_ox(s[v]) for v in variables] for s in parsed]
    return None, variables, rows


def _read_triples(body: bytes, fmt: ox.RdfFormat) -> list[Triple]:
    """The triples of an RDF document, read to the end."""
    return list(from_ox_triples(ox.parse(body, fmt)))


def _ends_as_xml(body: bytes) -> bool:
    """Whether an XML results document ends with its root's closing tag, as a whole one does."""
    return re.search(rb"</([A-Za-z_][\w.-]*:)?sparql\s*>\s*\Z", body[-256:]) is not None


@attrs.frozen(repr=False)
class BasicAuth:
    """HTTP basic authentication; the password never appears in a repr or an error."""

    user: str
    password: str

    def __repr__(self) -> str:
        return f"BasicAuth(user={self.user!r}, password=***)"


@attrs.frozen(repr=False)
class BearerToken:
    """An OAuth 2 bearer token, sent as ``Authorization: Bearer …``; never shown."""

    token: str

    def __repr__(self) -> str:
        return "BearerToken(***)"


Auth = BasicAuth | BearerToken

REDACTED = "***"
"""What stands in an error message where a secret was."""


def secret_forms(auth: Auth | None) -> tuple[str, ...]:
    """Every spelling in which the secret of ``auth`` could come back from a server.

    A bearer token, and for basic authentication the password, ``user:password`` and its
    base64 form (what the ``Authorization`` header carries, in UTF-8 and, where it
    differs, Latin-1); each also as JSON, a URL and HTML would escape it. Longest first,
    so that a longer form is replaced whole before a shorter one inside it.
    """
    if isinstance(auth, BearerToken):
        plain = [auth.token]
    elif isinstance(auth, BasicAuth) and auth.password:
        pair = f"{auth.user}:{auth.password}"
        plain = [auth.password, pair, base64.b64encode(pair.encode()).decode()]
        with contextlib.suppress(UnicodeEncodeError):
            plain.append(base64.b64encode(pair.encode("latin-1")).decode())
    else:
        return ()
    forms: set[str] = set()
    for secret in plain:
        forms.update(
            (
                secret,
                json.dumps(secret)[1:-1],
                urllib.parse.quote(secret, safe=""),
                html.escape(secret),
            )
        )
    forms.discard("")
    return tuple(sorted(forms, key=lambda form: (-len(form), form)))


def redact(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every one of ``secrets`` replaced by ``***``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text


def _scrub(error: BaseException | None, secrets: tuple[str, ...]) -> None:
    """Redact ``secrets`` from ``error`` and the errors it came from, in place.

    The original error stays the ``__cause__`` of ours, as it should, and a traceback or a
    log line prints it: what it says a server sent must not show a secret either.
    """
    seen: set[int] = set()
    while secrets and error is not None and id(error) not in seen:
        seen.add(id(error))
        error.args = tuple(redact(a, secrets) if isinstance(a, str) else a for a in error.args)
        for name in ("msg", "text", "strerror", "reason"):
            value = getattr(error, name, None)
            if isinstance(value, str):
                with contextlib.suppress(AttributeError, TypeError):
                    setattr(error, name, redact(value, secrets))
        error = error.__cause__ or error.__context__


def auth_from_environment(environ: Mapping[str, str] | None = None) -> Auth | None:
    """Credentials from the environment, so that they need not be typed on a command line.

    ``PROVENANCE_SPARQL_TOKEN`` gives a bearer token; ``PROVENANCE_SPARQL_USER`` and
    ``PROVENANCE_SPARQL_PASSWORD`` give basic authentication. ``None`` when none is set;
    :class:`EndpointConfigError` when they contradict each other or one half is missing.

    >>> auth_from_environment({"PROVENANCE_SPARQL_USER": "ann", "PROVENANCE_SPARQL_PASSWORD": "s3"})
    BasicAuth(user='ann', password=***)
    """
    env = os.environ if environ is None else environ
    token = env.get(ENVIRONMENT_TOKEN) or None
    user = env.get(ENVIRONMENT_USER) or None
    password = env.get(ENVIRONMENT_PASSWORD) or None
    where = "the environment"
    if token is not None and (user is not None or password is not None):
        raise EndpointConfigError(
            where,
            f"{ENVIRONMENT_TOKEN} and {ENVIRONMENT_USER}/{ENVIRONMENT_PASSWORD} are both set; "
            "set one kind of credentials",
        )
    if token is not None:
        return BearerToken(token)
    if (user is None) != (password is None):
        missing = ENVIRONMENT_PASSWORD if password is None else ENVIRONMENT_USER
        raise EndpointConfigError(where, f"{missing} is not set (basic authentication needs both)")
    if user is not None and password is not None:
        return BasicAuth(user, password)
    return None


@attrs.frozen
class Retry:
    """How often, and how patiently, to retry a request that failed for a passing reason.

    ``attempts`` counts every try, the first included. The n-th retry waits
    ``backoff * 2 ** (n - 1)`` seconds, at most ``max_delay``; a server's ``Retry-After``
    is honoured instead, and a request it asks to delay longer than ``max_delay`` fails
    at once with :class:`EndpointUnavailableError`.
    """

    attempts: int = attrs.field(default=4, validator=attrs.validators.ge(1))
    backoff: float = attrs.field(default=0.5, validator=attrs.validators.ge(0))
    max_delay: float = attrs.field(default=30.0, validator=attrs.validators.ge(0))

    def delay(self, attempt: int) -> float:
        """The wait before try number ``attempt + 1``."""
        return float(min(self.backoff * 2 ** (attempt - 1), self.max_delay))


def _retry_after(value: str | None) -> float | None:
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


_USERINFO = re.compile(r"\A([A-Za-z][A-Za-z0-9+.\-]*://)[^/?#]*@")


def _travels_in_clear(url: str) -> bool:
    """Whether requests to ``url`` go unencrypted beyond this machine (plain http)."""
    parts = urllib.parse.urlsplit(url)
    return parts.scheme == "http" and not _is_loopback(parts.hostname or "")


def _shown(url: object) -> str:
    """A URL as errors show it: without any ``user:password@`` it holds."""
    return _USERINFO.sub(r"\1", url) if isinstance(url, str) else repr(url)


def _check_url(url: object, what: str, *, credentials: bool, allow_insecure_http: bool) -> str:
    if not isinstance(url, str):
        raise EndpointConfigError(repr(url), f"the {what} URL must be text")
    shown = _shown(url)
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
        userinfo = parts.username is not None or parts.password is not None
    except ValueError as error:
        raise EndpointConfigError(shown, f"the {what} URL cannot be read: {error}") from None
    if userinfo or shown != url:
        raise EndpointConfigError(
            shown,
            "credentials in a URL end up in logs and shell history; "
            f"give them as options or in {ENVIRONMENT_USER}/{ENVIRONMENT_PASSWORD}",
        )
    if parts.scheme not in ("http", "https") or not host:
        raise EndpointConfigError(url, f"the {what} URL must be an http:// or https:// URL")
    if parts.fragment:
        raise EndpointConfigError(url, f"the {what} URL cannot have a #fragment")
    if credentials and _travels_in_clear(url) and not allow_insecure_http:
        raise EndpointConfigError(
            url,
            "credentials would travel unencrypted over plain http to another machine; "
            "use https, or pass allow_insecure_http=True",
        )
    return url


class SparqlEndpoint(SparqlStore):
    """A SPARQL 1.1 server: its query URL, and for writing its update and graph-store URLs.

    Servers lay their URLs out differently; :meth:`oxigraph` and :meth:`fuseki` know two
    of them, ``docs/triple-stores.md`` lists more. Pushing needs ``update_url`` (records
    are updated in place with SPARQL Update); ``graph_store_url`` makes a replacing push
    send each source's graph with one Graph Store Protocol ``PUT``, falling back to SPARQL
    Update where the server turns out not to speak the protocol.

    ``auth`` is a :class:`BasicAuth` or :class:`BearerToken` (see
    :func:`auth_from_environment`); ``timeout`` is in seconds per request; ``retry`` says
    how to retry passing failures; ``verify`` is passed to httpx (``False``, or the path of
    a CA bundle for a server with a private certificate).

    >>> endpoint = SparqlEndpoint.oxigraph("http://localhost:7878")
    >>> endpoint.query_url, endpoint.update_url, endpoint.graph_store_url
    ('http://localhost:7878/query', 'http://localhost:7878/update', 'http://localhost:7878/store')
    """

    def __init__(
        self,
        query_url: str,
        *,
        update_url: str | None = None,
        graph_store_url: str | None = None,
        auth: Auth | None = None,
        timeout: float = 30.0,
        retry: Retry | None = None,
        verify: bool | str = True,
        allow_insecure_http: bool = False,
        base: str = DEFAULT_BASE,
        records_graph: str = RECORDS_GRAPH,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(base=base, records_graph=records_graph)
        if auth is not None and not isinstance(auth, BasicAuth | BearerToken):
            raise EndpointConfigError(
                _shown(query_url), "auth must be a BasicAuth or a BearerToken"
            )
        if not (isinstance(timeout, int | float) and math.isfinite(timeout) and timeout > 0):
            raise EndpointConfigError(
                _shown(query_url), f"timeout must be a positive number, not {timeout!r}"
            )
        credentials = auth is not None
        check = {"credentials": credentials, "allow_insecure_http": allow_insecure_http}
        self.query_url = _check_url(query_url, "query", **check)
        self.update_url = None if update_url is None else _check_url(update_url, "update", **check)
        self.graph_store_url = (
            None if graph_store_url is None else _check_url(graph_store_url, "graph store", **check)
        )
        plain = [u for u in (self.query_url, self.update_url, self.graph_store_url) if u]
        plain = [u for u in plain if _travels_in_clear(u)]
        if plain and not allow_insecure_http:
            warnings.warn(
                InsecureEndpointWarning(
                    f"{plain[0]}: plain http to another machine: queries, results and claims "
                    "travel unencrypted and can be read or changed on the way; use https, or "
                    "pass allow_insecure_http=True (--allow-http) to accept it"
                ),
                stacklevel=2,
            )
        self.auth = auth
        self._secrets = secret_forms(auth)
        self.timeout = float(timeout)
        self.retry = Retry() if retry is None else retry
        self._sleep = sleep
        self._graph_store_works = graph_store_url is not None

        import httpx  # here, not at the top: only who talks to a server needs httpx

        from .. import __version__

        headers = {"User-Agent": f"provenance-claims/{__version__}"}
        client_auth: httpx.Auth | None = None
        if isinstance(auth, BasicAuth):
            client_auth = httpx.BasicAuth(auth.user, auth.password)
        elif isinstance(auth, BearerToken):
            headers["Authorization"] = f"Bearer {auth.token}"
        self._client: httpx.Client | None = httpx.Client(
            headers=headers,
            auth=client_auth,
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=False,
            trust_env=False,
            verify=verify,
        )

    @classmethod
    def oxigraph(cls, url: str, **options: Any) -> SparqlEndpoint:
        """An Oxigraph server at ``url`` (``/query``, ``/update``, ``/store``)."""
        root = url.rstrip("/")
        endpoint = cls(
            f"{root}/query", update_url=f"{root}/update", graph_store_url=f"{root}/store", **options
        )
        endpoint._unkept_offsets = ("-00:01",)  # oxigraph/oxigraph#1941
        return endpoint

    @classmethod
    def fuseki(cls, dataset_url: str, **options: Any) -> SparqlEndpoint:
        """An Apache Jena Fuseki dataset at ``dataset_url`` (``/query``, ``/update``, ``/data``)."""
        root = dataset_url.rstrip("/")
        return cls(
            f"{root}/query", update_url=f"{root}/update", graph_store_url=f"{root}/data", **options
        )

    def __repr__(self) -> str:
        return f"<SparqlEndpoint {self.query_url!r}>"

    def close(self) -> None:
        """Close the connections held open to the server."""
        if self._client is not None:
            self._client.close()
            self._client = None

    # ------------------------------------------------------------------ HTTP

    def _send(
        self,
        method: str,
        url: str,
        *,
        accept: str | None = None,
        form: dict[str, str] | None = None,
        content: bytes | None = None,
        content_type: str | None = None,
        params: dict[str, str] | None = None,
        tolerate: frozenset[int] = frozenset(),
    ) -> httpx.Response:
        """Send a request, retrying passing failures; raise a clear error for any other."""
        import httpx

        if self._client is None:
            raise EndpointConfigError(url, "the endpoint is closed")
        headers = {}
        if accept is not None:
            headers["Accept"] = accept
        if content_type is not None:
            headers["Content-Type"] = content_type
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self._client.request(
                    method, url, data=form, content=content, params=params, headers=headers
                )
            except httpx.TransportError as error:
                if attempt >= self.retry.attempts:
                    reason = self._redacted(str(error) or type(error).__name__)
                    _scrub(error, self._secrets)
                    raise EndpointUnavailableError(url, reason, attempts=attempt) from error
                self._sleep(self.retry.delay(attempt))
                continue
            status = response.status_code
            if status in _RETRY_STATUSES:
                asked = _retry_after(response.headers.get("Retry-After"))
                wait = self.retry.delay(attempt) if asked is None else asked
                reason = self._redacted(f"HTTP {status} {response.reason_phrase}".rstrip())
                if asked is not None and asked > self.retry.max_delay:
                    raise EndpointUnavailableError(
                        url,
                        f"{reason}, asked to retry after {asked:g} s "
                        f"(more than max_delay={self.retry.max_delay:g} s)",
                        attempts=attempt,
                        status=status,
                    )
                if attempt >= self.retry.attempts:
                    raise EndpointUnavailableError(url, reason, attempts=attempt, status=status)
                self._sleep(wait)
                continue
            if status in tolerate or 200 <= status < 300:
                return response
            # redacted before it is cut short, so that no part of a secret is left over
            said = self._redacted(response.text)
            detail = self._redacted(" ".join(said.split()))[:300]
            if 300 <= status < 400:
                raise EndpointRefusedError(
                    url,
                    status,
                    f"redirected to {self._redacted(response.headers.get('Location', '?'))}",
                    hint="redirects are not followed, so that no request goes to a server "
                    "you did not name; give the URL it points to",
                )
            if status in (401, 403):
                hint = (
                    "no credentials were given"
                    if self.auth is None
                    else "check the credentials and their rights"
                )
                raise EndpointAuthError(url, status, detail, hint=hint)
            raise EndpointRefusedError(url, status, detail)

    def _redacted(self, text: str) -> str:
        """``text`` with every form of the configured secret replaced by ``***``."""
        return redact(text, self._secrets)

    def _query(self, text: str, accept: str) -> httpx.Response:
        return self._send("POST", self.query_url, accept=accept, form={"query": text})

    # ------------------------------------------------------------------ primitives

    def _update(self, text: str) -> None:
        if self.update_url is None:
            raise EndpointConfigError(
                self.query_url, "writing needs the endpoint's update URL (update_url)"
            )
        self._send("POST", self.update_url, form={"update": text})

    def _results(self, response: httpx.Response) -> QueryResult:
        """The query results in ``response``, read whole here so that a broken one fails here."""
        media = _media_type(response)
        fmt = ox.QueryResultsFormat.from_media_type(media) or ox.QueryResultsFormat.JSON
        try:
            boolean, variables, rows = _read_results(response.content, fmt)
        except (SyntaxError, ValueError, TypeError) as error:
            raise self._unreadable(response, media, _RESULTS, error) from error
        if boolean is not None:
            return QueryResult((), (), boolean)
        return result_from_rows(variables, rows)

    def _select(self, text: str) -> QueryResult:
        return self._results(
            self._query(
                text, "application/sparql-results+json, application/sparql-results+xml;q=0.5"
            )
        )

    def _construct(self, text: str) -> list[Triple]:
        response = self._query(text, "application/n-triples, text/turtle;q=0.9")
        media = _media_type(response)
        fmt = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
        try:
            return _read_triples(response.content, fmt)
        except (SyntaxError, ValueError, TypeError) as error:
            raise self._unreadable(response, media, _RDF, error) from error

    def _unreadable(
        self, response: httpx.Response, media: str, expected: str, error: Exception
    ) -> EndpointResponseError:
        # the parser's frames hold pyoxigraph objects that must be dropped on this thread
        traceback.clear_frames(error.__traceback__)
        _scrub(error, self._secrets)
        return EndpointResponseError(
            str(response.url),
            response.status_code,
            self._redacted(media),
            expected=expected,
            reason=self._redacted(str(error) or type(error).__name__),
        )

    def _stock(self, query: StockQuery, bindings: dict[str, Term]) -> QueryResult:
        for name, term in bindings.items():
            try:
                term_text(term, portable=True)
            except UnsafeValueError as error:
                raise QueryError(
                    query.name,
                    "a value that any SPARQL server reads as written",
                    parameter=name,
                    found=f"{error.value!r} ({error.reason})",
                ) from error
        return self._select(inject_values(query.text, bindings, portable=True))

    def _user(self, query: CheckedQuery) -> QueryResult:
        return self._select(query.normalized)

    def _write(self, batch: Batch, *, replace: bool) -> int:
        """Replacing graphs go by ``PUT`` where the server speaks the Graph Store Protocol,
        one after another, unless they link to each other (``batch.whole``)."""
        if not (replace and batch.graphs and self._graph_store_works) or batch.whole:
            return super()._write(batch, replace=replace)
        requests = 0
        if batch.records:
            requests += super()._write(Batch(records=batch.records), replace=False)
        for graph, parts in batch.graphs:
            if self._graph_store_works and self._put(graph, [t for p in parts for t in p.triples]):
                requests += 1
            else:
                requests += super()._write(Batch(graphs=((graph, parts),)), replace=True)
        return requests

    def _put(self, graph: str, triples: list[Triple]) -> bool:
        """Replace one graph by ``PUT``; False when the server has no Graph Store Protocol."""
        assert self.graph_store_url is not None
        body = ox.serialize(
            (q.triple for q in to_ox_quads(triples, graph)), format=ox.RdfFormat.N_TRIPLES
        )
        response = self._send(
            "PUT",
            self.graph_store_url,
            params={"graph": graph},
            content=body,
            content_type="application/n-triples",
            tolerate=_NO_GRAPH_STORE,
        )
        if response.status_code in _NO_GRAPH_STORE:
            self._graph_store_works = False
            return False
        return True
