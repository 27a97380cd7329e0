"""The exceptions :mod:`provenance` raises, all rooted in :class:`ProvenanceError`.

Catch :class:`ProvenanceError` to handle anything this library refuses; catch a
subclass to handle one kind of failure. Each class also subclasses the builtin it
refines, so code that already catches ``ValueError`` keeps working::

    ProvenanceError
    ├── ValidationError (ValueError)        a model field got a value it cannot hold
    │   └── UnknownStanceError (LookupError) a stance name that is not in the vocabulary
    ├── ConflictError (ValueError)          two different records claim one IRI
    ├── RDFError                            RDF that cannot be turned into claims
    │   ├── RDFSyntaxError (ValueError)     the document is not valid RDF syntax
    │   └── RDFContentError (ValueError)    valid RDF, but a node lacks what we need
    └── WriteError (OSError)                a file could not be written; the old one stays

Two parts define their own branches of the tree, beside their code, since they are
imported only when used: :class:`provenance.files.ClaimFileError` (``ValueError``, a claim
file with every located problem) and :class:`provenance.store.StoreError` (stores and
SPARQL endpoints; its own tree is drawn in :mod:`provenance.store`). Both derive from
:class:`ProvenanceError`.

Every error carries *where* (field, file, line, node) and *what was expected* as
attributes, and repeats both in its message. A file that cannot be read is left as the
builtin :class:`OSError`, which already names it; a file that cannot be written raises
:class:`WriteError`, which names the file asked for (the system's own error, say a full
disk, names none) and is also the builtin the system's error was (``FileNotFoundError``,
``PermissionError``, ...), so code that catches those keeps working.
"""

from __future__ import annotations

from typing import Any, Final

__all__ = [
    "ConflictError",
    "ProvenanceError",
    "RDFContentError",
    "RDFError",
    "RDFSyntaxError",
    "UnknownStanceError",
    "ValidationError",
    "WriteError",
]


class ProvenanceError(Exception):
    """Base class of every error this library raises on purpose."""


class ValidationError(ProvenanceError, ValueError):
    """A model field was given a value it cannot hold.

    ``owner`` is the class being built (``"Claim"``), ``field`` the attribute
    (``"confidence"``), ``value`` what was given and ``expected`` what would have
    been accepted.
    """

    def __init__(self, owner: str, field: str, value: Any, expected: str) -> None:
        self.owner = owner
        self.field = field
        self.value = value
        self.expected = expected
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
                f"{name} ({getattr(first, name)!r} vs {getattr(second, name)!r})" for name in fields
            )
        super().__init__(f"two different records share the IRI <{iri}>{differ}")


class RDFError(ProvenanceError):
    """RDF input that cannot be turned into claims."""


class RDFSyntaxError(RDFError, ValueError):
    """The document is not valid in the RDF syntax it was read as.

    ``source`` names the file (or ``"<string>"``); ``line`` and ``column`` are
    1-based where the parser reported them.
    """

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
        where = source
        if line is not None:
            where += f", line {line}"
            if column is not None:
                where += f", column {column}"
        super().__init__(f"{where}: invalid RDF syntax: {message}")


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
        where = ""
        if source is not None:
            where = source + ("" if line is None else f", line {line}") + ": "
        message = f"{where}expected {expected}"
        if node is not None:
            message = f"{where}<{node}> <{property}>: expected {expected}"
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

    def __init__(self, path: str, step: str, error: OSError) -> None:
        super().__init__(error.errno, error.strerror, path)
        self.path = path
        self.step = step
        reason = error.strerror or str(error)
        self.reason = reason[:1].lower() + reason[1:] if error.strerror else reason

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
