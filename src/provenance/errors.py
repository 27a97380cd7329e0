"""Every exception :mod:`provenance` raises, all rooted in :class:`ProvenanceError`.

Catch :class:`ProvenanceError` to handle anything this library refuses; catch a
subclass to handle one kind of failure. Each class also subclasses the builtin it
refines, so code that already catches ``ValueError`` or ``OSError`` keeps working::

    ProvenanceError
    ├── ValidationError (ValueError)          a model field got a value it cannot hold
    │   └── UnknownStanceError (LookupError)  a stance name that is not in the vocabulary
    ├── ConflictError (ValueError)            two different records claim one IRI
    ├── RDFError                              RDF that cannot be turned into claims
    │   ├── RDFSyntaxError (ValueError)       the document is not valid RDF syntax
    │   └── RDFContentError (ValueError)      valid RDF, but a node lacks what we need
    ├── ClaimFileError (ValueError)           a claim file, with every located Problem in it
    ├── WriteError (OSError)                  a file could not be written; the old one stays
    └── StoreError                            a store or endpoint could not do what was asked
        ├── StoreOpenError (OSError)          the embedded store's folder cannot be opened
        ├── IntegrityError (ValueError)       a write would leave claims pointing at nothing
        ├── UnsafeValueError (ValueError)     a value cannot be written into SPARQL text safely
        ├── UnkeptValueError (ValueError)     a value the store would not give back as it is
        ├── QueryError (ValueError)           unknown query, bad parameter, refused SPARQL
        └── EndpointError                     talking to a SPARQL endpoint failed
            ├── EndpointConfigError (ValueError)     a URL or credentials we will not use
            ├── EndpointUnavailableError (ConnectionError)
            │                                 down, unreachable, timed out, or still busy
            │                                 (429, 502, 503, 504) after every retry
            ├── EndpointResponseError (ValueError)   an answer that is not what was asked
            └── EndpointRefusedError          the endpoint answered, and said no
                └── EndpointAuthError (PermissionError)  401 or 403

    ProvenanceWarning (UserWarning)
    └── InsecureEndpointWarning               plain http to another machine, no credentials

One vocabulary for every error: :attr:`~ProvenanceError.where` says where the fault is
(a file with its line and column, a node and its property, a model field, a URL, a
query's parameter), :attr:`~ProvenanceError.expected` what would have been accepted and
:attr:`~ProvenanceError.found` what was there instead; each is ``None`` where it does not
apply, and the message says all three. Each class keeps the attributes of its own kind as
well (``line``, ``node``, ``status``, ``problems`` …). Misuse (a bad URL, an unknown
query, a value of the wrong kind) is kept apart from failure at run time (a server that
is down or refuses), as in httpx.

A file that cannot be read is left as the builtin :class:`OSError`, which already names
it; a file that cannot be written raises :class:`WriteError`, which names the file asked
for (the system's own error, say a full disk, names none). :mod:`provenance.files` and
:mod:`provenance.store` re-export the errors of their parts.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

import attrs

__all__ = [
    "ClaimFileError",
    "ConflictError",
    "EndpointAuthError",
    "EndpointConfigError",
    "EndpointError",
    "EndpointRefusedError",
    "EndpointResponseError",
    "EndpointUnavailableError",
    "InsecureEndpointWarning",
    "IntegrityError",
    "Problem",
    "ProvenanceError",
    "ProvenanceWarning",
    "QueryError",
    "RDFContentError",
    "RDFError",
    "RDFSyntaxError",
    "StoreError",
    "StoreOpenError",
    "UnkeptValueError",
    "UnknownStanceError",
    "UnsafeValueError",
    "ValidationError",
    "WriteError",
]


def located(source: str | None, line: int | None = None, column: int | None = None) -> str | None:
    """``source, line L, column C`` as far as each is known: how errors name a place."""
    if source is None:
        return None
    where = source
    if line is not None:
        where += f", line {line}"
        if column is not None:
            where += f", column {column}"
    return where


def shown(value: object) -> str:
    """A value as messages show it: its ``repr``, with the members of a set sorted, so a
    message is worded the same on every run (a set's order changes with the hash seed)."""
    if isinstance(value, frozenset | set):
        return "{" + ", ".join(sorted(map(shown, value))) + "}"
    if isinstance(value, tuple):
        return "(" + ", ".join(map(shown, value)) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, list):
        return "[" + ", ".join(map(shown, value)) + "]"
    return repr(value)


class ProvenanceError(Exception):
    """Base class of every error this library raises on purpose."""

    where: str | None = None
    """Where the fault is: a file and line, a node and property, a field, a URL."""
    expected: str | None = None
    """What would have been accepted there."""
    found: str | None = None
    """What was there instead."""


class ProvenanceWarning(UserWarning):
    """Base class of the warnings this library gives: something it did, but would not
    have done unless asked."""


class ValidationError(ProvenanceError, ValueError):
    """A model field was given a value it cannot hold.

    ``owner`` is the class being built (``"Claim"``), ``field`` the attribute
    (``"confidence"``), ``value`` what was given and ``expected`` what would have
    been accepted.
    """

    where: str
    expected: str
    found: str

    def __init__(self, owner: str, field: str, value: Any, expected: str) -> None:
        self.owner = owner
        self.field = field
        self.value = value
        self.where = f"{owner}.{field}"
        self.expected = expected
        self.found = repr(value)
        super().__init__(f"{owner}.{field}: expected {expected}, got {value!r}")


class UnknownStanceError(ValidationError, LookupError):
    """A stance was named that the built-in vocabulary does not define."""


class ConflictError(ProvenanceError, ValueError):
    """Two different records share one identity (and so one IRI).

    IRIs are derived from a record's identifying fields; two records that agree on
    those but differ elsewhere (say, two confidences for one claim) cannot both be
    kept without silently dropping one of them. ``first`` is the record already held,
    ``second`` the one refused, ``fields`` the names of the fields where they differ.
    """

    def __init__(
        self, iri: str, first: object, second: object, *, fields: tuple[str, ...] = ()
    ) -> None:
        self.iri = iri
        self.first = first
        self.second = second
        self.fields = fields
        differ = ""
        if fields:
            differ = "; they differ in " + ", ".join(
                f"{name} ({shown(getattr(first, name))} vs {shown(getattr(second, name))})"
                for name in fields
            )
        self.where = f"<{iri}>"
        self.expected = "one record under one IRI"
        self.found = "two different records" + differ.replace(";", ",", 1)
        super().__init__(f"two different records share the IRI <{iri}>{differ}")


class RDFError(ProvenanceError):
    """RDF input that cannot be turned into claims."""


class RDFSyntaxError(RDFError, ValueError):
    """The document is not valid in the RDF syntax it was read as.

    ``source`` names the file (or ``"<string>"``); ``line`` and ``column`` are
    1-based where the parser reported them.
    """

    where: str
    expected: str
    found: str

    def __init__(
        self,
        source: str,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.source = source
        self.line = line
        self.column = column
        self.reason = message
        self.where = located(source, line, column) or source
        self.expected = "valid RDF syntax"
        self.found = message
        super().__init__(f"{self.where}: invalid RDF syntax: {message}")


class RDFContentError(RDFError, ValueError):
    """Valid RDF that does not describe claims the way the vocabulary requires.

    ``node`` is the subject concerned, ``property`` the predicate that is missing
    or ill-typed, and ``expected`` what the vocabulary asks for; ``found`` is what
    was there instead. ``source`` names the document (the file, or ``"<string>"``)
    and ``line`` is the 1-based line of the offending statement where it can be
    known for certain (N-Triples and N-Quads, one statement a line); both start the
    message, as they do :class:`RDFSyntaxError`'s. ``node`` and ``property`` are
    ``None`` when the fault is the document as a whole: it holds triples, but none
    about claims (see :meth:`no_claims`).
    """

    expected: str

    def __init__(
        self,
        node: str | None,
        property: str | None,
        expected: str,
        *,
        found: str | None = None,
        source: str | None = None,
        line: int | None = None,
    ) -> None:
        self.node = node
        self.property = property
        self.expected = expected
        self.found = found
        self.source = source
        self.line = line
        place = located(source, line)
        parts = [
            part for part in (place, None if node is None else f"<{node}> <{property}>") if part
        ]
        self.where = ": ".join(parts) or None
        message = f"expected {expected}" if not parts else f"{self.where}: expected {expected}"
        if found is not None:
            message += f", found {found}"
        super().__init__(message)

    @classmethod
    def no_claims(cls, source: str, triples: int) -> RDFContentError:
        """The error for a document of ``triples`` triples of which none is about claims.

        An empty document is an empty collection; a document that says something, but
        nothing a claim reader can use (a FOAF profile, an ontology), is almost always
        the wrong file, so it is refused rather than read as nothing.
        """
        found = f"{triples} triple{'' if triples == 1 else 's'}, none about claims"
        error = cls(
            None,
            None,
            "a proposition, agent, outlet, source or claim",
            found=found,
            source=source,
        )
        error.args = (f"no claims in {source}: {found}",)
        return error

    def located(self, source: str, line: int | None = None) -> RDFContentError:
        """The same error, naming the document it was found in (and the line, if known)."""
        error = RDFContentError(
            self.node, self.property, self.expected, found=self.found, source=source, line=line
        )
        error.__cause__ = self.__cause__
        return error


_STEPS: Final = {
    "create": " (creating a temporary file beside it)",
    "write": "",
    "replace": " (putting the finished file in its place)",
}


class WriteError(ProvenanceError, OSError):
    """A file could not be written; the file that was there before, if any, is unchanged.

    ``path`` is the file asked for; ``step`` says what failed: ``"create"`` (the temporary
    file beside it), ``"write"`` (writing or flushing the data, say on a full disk) or
    ``"replace"`` (putting the finished file in the place of the old one); ``reason`` is
    the system's explanation. ``errno``, ``strerror`` and ``filename`` (``path``) are set
    as on any :class:`OSError`, and the system's error is kept as ``__cause__``.

    Raise it with :meth:`from_os_error`, which picks the subclass that is also the
    builtin of the system's error (``FileNotFoundError`` for a missing folder).
    """

    where: str
    expected: str
    found: str

    def __init__(self, path: str, step: str, error: OSError) -> None:
        super().__init__(error.errno, error.strerror, path)
        self.path = path
        self.step = step
        reason = error.strerror or str(error)
        self.reason = reason[:1].lower() + reason[1:] if error.strerror else reason
        self.where = path
        self.expected = "a file that can be written"
        self.found = self.reason

    def __str__(self) -> str:
        return f"cannot write {self.path}: {self.reason}{_STEPS.get(self.step, '')}"

    def __reduce__(self) -> tuple[Any, ...]:
        cause = OSError(self.errno, self.strerror) if self.strerror else OSError(self.reason)
        return type(self), (self.path, self.step, cause), self.__dict__

    @classmethod
    def from_os_error(cls, path: str, step: str, error: OSError) -> WriteError:
        """The error for ``path`` that ``error`` caused, as the same builtin ``error`` is."""
        for builtin in type(error).__mro__:
            kind = _KINDS.get(builtin)
            if kind is not None:
                return kind(path, step, error)
        return cls(path, step, error)


def _kind(builtin: type[OSError]) -> type[WriteError]:
    name = f"_WriteError{builtin.__name__.removesuffix('Error')}"
    doc = f"A :class:`WriteError` that is also a :class:`{builtin.__name__}`."
    kind = type(name, (WriteError, builtin), {"__module__": __name__, "__doc__": doc})
    globals()[name] = kind  # where pickle looks for it
    return kind


# the builtins a write can meet; any other OSError gives a plain WriteError
_KINDS: Final[dict[type[OSError], type[WriteError]]] = {
    builtin: _kind(builtin)
    for builtin in (
        FileNotFoundError,
        FileExistsError,
        PermissionError,
        IsADirectoryError,
        NotADirectoryError,
        InterruptedError,
        TimeoutError,
    )
}


# --------------------------------------------------------------------------- claim files


@attrs.frozen
class Problem:
    """One thing wrong in a claim file: where it is, which field, what was expected.

    ``line`` and ``column`` are 1-based; ``column`` is ``None`` where it is not known
    (CSV cells, whose column is named by ``field``). ``field`` is the path of the
    value in the file (``claims.denial.stance``) or a CSV column name; ``found`` says
    what the file holds instead, where that helps.
    """

    file: str
    line: int | None
    column: int | None
    field: str
    expected: str
    found: str | None = None

    @property
    def where(self) -> str:
        """The file, line and column, and the field: as errors name a place."""
        place = located(self.file, self.line, self.column) or self.file
        return f"{place}: {self.field}" if self.field else place

    def __str__(self) -> str:
        where = located(self.file, self.line, self.column) or self.file
        what = f"expected {self.expected}"
        if self.found is not None:
            what += f", found {self.found}"
        return f"{where}: {self.field}: {what}" if self.field else f"{where}: {what}"


class ClaimFileError(ProvenanceError, ValueError):
    """A claim file that cannot be read, with every problem found in it.

    ``file`` names the file (or ``"<string>"``); ``problems`` lists each
    :class:`Problem` in the order of the file, so a person can fix them all in one
    pass. The message repeats them, one a line.
    """

    def __init__(self, file: str, problems: Iterable[Problem]) -> None:
        self.file = file
        self.problems = tuple(sorted(problems, key=lambda p: (p.line or 0, p.column or 0, p.field)))
        first = self.problems[0] if self.problems else None
        self.where = file if first is None else first.where
        self.expected = None if first is None else first.expected
        self.found = None if first is None else first.found
        if len(self.problems) == 1:
            message = str(self.problems[0])
        else:
            message = f"{file}: {len(self.problems)} problems\n" + "\n".join(
                f"  {p}" for p in self.problems
            )
        super().__init__(message)


# --------------------------------------------------------------------------- stores and endpoints


class StoreError(ProvenanceError):
    """Base class of the errors of triple stores and SPARQL endpoints."""


class StoreOpenError(StoreError, OSError):
    """The folder of an embedded store cannot be opened as one.

    ``path`` is the folder, ``reason`` what went wrong (another process holds the store,
    the folder holds something else, the disk refused).
    """

    where: str
    expected: str
    found: str

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        self.where = path
        self.expected = "a folder holding an embedded store this process can open"
        self.found = reason
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
        self.expected = "no claim left linking to a claim the write removes"
        self.found = f"{len(referrers)} claim(s) linking to them"
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
        self.expected = "a value SPARQL text can hold safely"
        self.found = repr(value)
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
        self.where = f"<{node}>"
        self.expected = "a value the store gives back as it was given"
        self.found = repr(value)
        super().__init__(f"<{node}>: the store cannot keep {value!r}: {reason}")


class QueryError(StoreError, ValueError):
    """A query that cannot be run as asked.

    ``query`` names the stock query (or ``"<sparql>"`` for SPARQL of the caller's own),
    ``parameter`` the parameter concerned (or ``None``), ``expected`` what would have been
    accepted and ``found`` what was given.
    """

    where: str
    expected: str

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
        self.where = where
        message = f"{where}: expected {expected}"
        if found is not None:
            message += f", found {found}"
        super().__init__(message)


class EndpointError(StoreError):
    """Talking to a SPARQL endpoint failed; ``url`` is the URL concerned."""

    where: str

    def __init__(self, url: str, message: str) -> None:
        self.url = url
        self.where = url
        if self.found is None:
            self.found = message
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

    expected: str

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


class InsecureEndpointWarning(ProvenanceWarning):
    """An endpoint reached over plain ``http://`` on another machine, without credentials.

    Nothing secret is sent, so it is not refused; but the queries, the results and the
    claims pushed can be read or changed on the way. Pass ``allow_insecure_http=True``
    (``--allow-http``) to say that this is meant, or use https.
    """
