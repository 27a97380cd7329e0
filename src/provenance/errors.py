"""The exceptions :mod:`provenance` raises, all rooted in :class:`ProvenanceError`.

Catch :class:`ProvenanceError` to handle anything this library refuses; catch a
subclass to handle one kind of failure. Each class also subclasses the builtin it
refines, so code that already catches ``ValueError`` keeps working::

    ProvenanceError
    ├── ValidationError (ValueError)        a model field got a value it cannot hold
    │   └── UnknownStanceError (LookupError) a stance name that is not in the vocabulary
    ├── ConflictError (ValueError)          two different records claim one IRI
    └── RDFError                            RDF that cannot be turned into claims
        ├── RDFSyntaxError (ValueError)     the document is not valid RDF syntax
        └── RDFContentError (ValueError)    valid RDF, but a node lacks what we need

Two parts define their own branches of the tree, beside their code, since they are
imported only when used: :class:`provenance.files.ClaimFileError` (``ValueError``, a claim
file with every located problem) and :class:`provenance.store.StoreError` (stores and
SPARQL endpoints; its own tree is drawn in :mod:`provenance.store`). Both derive from
:class:`ProvenanceError`.

Every error carries *where* (field, file, line, node) and *what was expected* as
attributes, and repeats both in its message. Failures of the file system are left as
the builtin :class:`OSError`, which already names the file.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ConflictError",
    "ProvenanceError",
    "RDFContentError",
    "RDFError",
    "RDFSyntaxError",
    "UnknownStanceError",
    "ValidationError",
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
    or ill-typed, and ``expected`` what the vocabulary asks for.
    """

    def __init__(
        self, node: str, property: str, expected: str, *, found: str | None = None
    ) -> None:
        self.node = node
        self.property = property
        self.expected = expected
        self.found = found
        message = f"<{node}> <{property}>: expected {expected}"
        if found is not None:
            message += f", found {found}"
        super().__init__(message)
