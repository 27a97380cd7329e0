"""The exceptions triple stores and SPARQL endpoints raise, all rooted in :class:`StoreError`.

They belong beside the others in :mod:`provenance.errors` and live here until they move::

    ProvenanceError
    └── StoreError                              a store or endpoint could not do what was asked
        ├── StoreOpenError (OSError)            the embedded store's folder cannot be opened
        ├── IntegrityError (ValueError)         a write would leave claims pointing at nothing
        ├── UnsafeValueError (ValueError)       a value cannot be written into SPARQL text safely
        ├── UnkeptValueError (ValueError)       a value the store would not give back as it is
        ├── QueryError (ValueError)             unknown query, bad parameter, refused SPARQL
        └── EndpointError                       talking to a SPARQL endpoint failed
            ├── EndpointConfigError (ValueError)     a URL or credentials we will not use
            ├── EndpointUnavailableError (ConnectionError)
            │                                   down, unreachable, timed out, or still busy
            │                                   (429, 502, 503, 504) after every retry
            ├── EndpointResponseError (ValueError)   an answer that is not what was asked:
            │                                   broken query results or RDF
            └── EndpointRefusedError            the endpoint answered, and said no
                └── EndpointAuthError (PermissionError)  401 or 403: credentials missing or wrong

Beside them, :class:`InsecureEndpointWarning` (a ``UserWarning``) says that an endpoint
without credentials is reached over plain http beyond this machine.

Misuse (a bad URL, an unknown query, a parameter of the wrong kind) is kept apart from
failure at run time (a server that is down or refuses), as in httpx. Every error names
what it concerns (URL, status, query, parameter, node) as attributes and in its message.
"""

from __future__ import annotations

from ..errors import ProvenanceError

__all__ = [
    "EndpointAuthError",
    "EndpointConfigError",
    "EndpointError",
    "EndpointRefusedError",
    "EndpointResponseError",
    "EndpointUnavailableError",
    "InsecureEndpointWarning",
    "IntegrityError",
    "QueryError",
    "StoreError",
    "StoreOpenError",
    "UnkeptValueError",
    "UnsafeValueError",
]


class StoreError(ProvenanceError):
    """Base class of the errors of triple stores and SPARQL endpoints."""


class StoreOpenError(StoreError, OSError):
    """The folder of an embedded store cannot be opened as one.

    ``path`` is the folder, ``reason`` what went wrong (another process holds the store,
    the folder holds something else, the disk refused).
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: cannot open the store: {reason}")

    def __str__(self) -> str:
        return str(self.args[0])


class IntegrityError(StoreError, ValueError):
    """A write that would leave claims in the store supporting or contesting claims it removes.

    ``removed`` are the IRIs of the claims the write would remove, ``referrers`` the IRIs
    of the claims elsewhere in the store that link to them. Nothing was written.
    """

    def __init__(self, removed: tuple[str, ...], referrers: tuple[str, ...]) -> None:
        self.removed = removed
        self.referrers = referrers
        shown = ", ".join(f"<{iri}>" for iri in referrers[:5])
        more = f" and {len(referrers) - 5} more" if len(referrers) > 5 else ""
        super().__init__(
            f"the write would remove {len(removed)} claim(s) that other claims in the store "
            f"support or contest ({shown}{more}); push or remove those first; nothing was written"
        )


class UnsafeValueError(StoreError, ValueError):
    """A value that cannot be written into the text of a SPARQL request without risk.

    ``value`` is the value, ``reason`` why it is refused. Values are never pasted into
    SPARQL text raw; those that no escaping makes safe everywhere are refused instead.
    """

    def __init__(self, value: str, reason: str) -> None:
        self.value = value
        self.reason = reason
        super().__init__(f"{value!r} cannot be written into SPARQL text safely: {reason}")


class UnkeptValueError(StoreError, ValueError):
    """A value the store would keep in another form than it was given, so refused.

    Oxigraph before 0.6 stores the time-zone offset ``-00:01`` in the bits that mean "no
    time zone" (oxigraph/oxigraph#1941): such a time would come back without its zone,
    and the claim could not be read again. ``node`` is the record holding the value,
    ``value`` the value and ``reason`` what the store would make of it.
    """

    def __init__(self, node: str, value: str, reason: str) -> None:
        self.node = node
        self.value = value
        self.reason = reason
        super().__init__(f"<{node}>: the store cannot keep {value!r}: {reason}")


class QueryError(StoreError, ValueError):
    """A query that cannot be run as asked.

    ``query`` names the stock query (or ``"<sparql>"`` for SPARQL of the caller's own),
    ``parameter`` the parameter concerned (or ``None``), ``expected`` what would have been
    accepted and ``found`` what was given.
    """

    def __init__(
        self,
        query: str,
        expected: str,
        *,
        parameter: str | None = None,
        found: str | None = None,
    ) -> None:
        self.query = query
        self.parameter = parameter
        self.expected = expected
        self.found = found
        where = query if parameter is None else f"{query}: parameter {parameter!r}"
        message = f"{where}: expected {expected}"
        if found is not None:
            message += f", found {found}"
        super().__init__(message)


class EndpointError(StoreError):
    """Talking to a SPARQL endpoint failed; ``url`` is the URL concerned."""

    def __init__(self, url: str, message: str) -> None:
        self.url = url
        super().__init__(f"{url}: {message}")


class EndpointConfigError(EndpointError, ValueError):
    """A URL or credentials the library will not use (no request was sent)."""


class EndpointUnavailableError(EndpointError, ConnectionError):
    """The endpoint could not be reached, or stayed busy, through every retry.

    ``attempts`` is how many requests were tried; ``status`` the last HTTP status
    received (``None`` when no answer came at all); ``reason`` the last failure.
    """

    def __init__(self, url: str, reason: str, *, attempts: int, status: int | None = None) -> None:
        self.attempts = attempts
        self.status = status
        self.reason = reason
        tries = "1 attempt" if attempts == 1 else f"{attempts} attempts"
        super().__init__(url, f"endpoint unavailable after {tries}: {reason}")

    def __str__(self) -> str:
        return str(self.args[0])


class EndpointResponseError(EndpointError, ValueError):
    """The endpoint answered with success, but not with what a SPARQL server must send.

    ``status`` is the HTTP status, ``media_type`` the Content-Type it declared (``""``
    when none), ``expected`` what was asked for (SPARQL query results, RDF) and
    ``reason`` why the answer cannot be read as that.
    """

    def __init__(
        self, url: str, status: int, media_type: str, *, expected: str, reason: str
    ) -> None:
        self.status = status
        self.media_type = media_type
        self.expected = expected
        self.reason = reason
        declared = media_type or "no Content-Type"
        super().__init__(
            url,
            f"expected {expected}, but the answer (HTTP {status}, {declared}) "
            f"cannot be read as such: {reason}",
        )


class EndpointRefusedError(EndpointError):
    """The endpoint answered and refused the request.

    ``status`` is the HTTP status, ``detail`` the start of what the server said.
    """

    def __init__(self, url: str, status: int, detail: str, *, hint: str | None = None) -> None:
        self.status = status
        self.detail = detail
        message = f"the endpoint refused the request (HTTP {status})"
        if detail:
            message += f": {detail}"
        if hint:
            message += f" ({hint})"
        super().__init__(url, message)


class EndpointAuthError(EndpointRefusedError, PermissionError):
    """The endpoint refused the credentials (HTTP 401) or the access they give (HTTP 403)."""

    def __str__(self) -> str:
        return str(self.args[0])


class InsecureEndpointWarning(UserWarning):
    """An endpoint reached over plain ``http://`` on another machine, without credentials.

    Nothing secret is sent, so it is not refused; but the queries, the results and the
    claims pushed can be read or changed on the way. Pass ``allow_insecure_http=True``
    (``--allow-http``) to say that this is meant, or use https.
    """
