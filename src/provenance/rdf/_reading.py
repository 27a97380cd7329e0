"""Streaming input: pyoxigraph's strict parsers, straight into the neutral triple form.

pyoxigraph follows each grammar to the letter, never fetches anything, and reports the
line and column of the first error. Triples are converted as the parser yields them and
handed on, so no document-sized list of parser objects (and no rdflib Graph) is ever
built; a file is read by the parser itself, piece by piece.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox

from .._values import check_iri
from ..errors import RDFSyntaxError
from ._terms import Lit, Term, Triple

__all__ = [
    "Document",
    "checked_base",
    "encoded",
    "parse_document",
    "read_document",
    "syntax_error",
]

_NamedNode = ox.NamedNode
_BlankNode = ox.BlankNode
_Literal = ox.Literal

_DATASETS = (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS, ox.RdfFormat.JSON_LD)


def syntax_error(name: str, error: SyntaxError) -> RDFSyntaxError:
    """Our error for pyoxigraph's, with its line and column as attributes."""
    message = str(error.msg) if error.msg else str(error)
    # pyoxigraph prefixes its own location; we give ours as attributes and in the message
    if ": " in message and message.startswith("Parser error"):
        message = message.split(": ", 1)[1]
    if "No scheme found" in message:
        message += _RELATIVE
    return RDFSyntaxError(name, message, line=error.lineno, column=error.offset)


_RELATIVE = (
    " (a relative IRI: N-Triples and N-Quads allow none; the other syntaxes resolve one"
    " against the document's @base or xml:base, or a base IRI given to the reader:"
    " base_iri=, --base-iri)"
)


class _Rdf12Error(Exception):
    """RDF 1.2 that parses but that claims cannot hold: a triple term, a base direction."""

    def __init__(self, message: str, tokens: tuple[bytes, ...]) -> None:
        super().__init__(message)
        self.tokens = tokens


def _term(term: object) -> Term:
    cls = term.__class__
    if cls is _NamedNode:
        return term.value  # type: ignore[attr-defined, no-any-return]
    if cls is _Literal:
        language = term.language  # type: ignore[attr-defined]
        if language:
            if term.direction is not None:  # type: ignore[attr-defined]
                raise _Rdf12Error(
                    f"RDF 1.2 base directions are not supported: {term}", (b"--ltr", b"--rtl")
                )
            return Lit(term.value, None, language)  # type: ignore[attr-defined]
        return Lit(term.value, term.datatype.value, None)  # type: ignore[attr-defined]
    if cls is _BlankNode:
        return "_:" + term.value  # type: ignore[attr-defined, no-any-return]
    raise _Rdf12Error(f"RDF 1.2 triple terms are not supported: {term}", (b"<<", b"{|"))


def _first_line(data: bytes, tokens: tuple[bytes, ...]) -> int | None:
    found = [i for i in (data.find(token) for token in tokens) if i >= 0]
    return data.count(b"\n", 0, min(found)) + 1 if found else None


def _converted(
    quads: Iterator[ox.Quad], name: str, document: Callable[[], bytes]
) -> Iterator[Triple]:
    term = _term
    named = _NamedNode
    try:
        for quad in quads:
            s = quad.subject
            o = quad.object
            yield (
                s.value if s.__class__ is named else term(s),  # type: ignore[misc]
                quad.predicate.value,
                o.value if o.__class__ is named else term(o),
            )
    except SyntaxError as error:
        raise syntax_error(name, error) from error
    except _Rdf12Error as unsupported:
        # A syntax error further on is the document's real fault: look for one first.
        try:
            for _ in quads:
                pass
        except SyntaxError as error:
            raise syntax_error(name, error) from error
        raise RDFSyntaxError(
            name, str(unsupported), line=_first_line(document(), unsupported.tokens)
        ) from None
    except (ValueError, TypeError) as error:
        raise RDFSyntaxError(name, str(error)) from error


def encoded(text: str, name: str) -> bytes:
    """A document string as UTF-8; an unpaired surrogate is a located syntax error."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        line = text.count("\n", 0, error.start) + 1
        column = error.start - (text.rfind("\n", 0, error.start) + 1) + 1
        raise RDFSyntaxError(
            name, "not valid Unicode text (an unpaired surrogate)", line=line, column=column
        ) from None


def checked_base(base_iri: str | None) -> str | None:
    """The base IRI a reader was given, refused with ValidationError unless absolute."""
    if base_iri is not None:
        check_iri("read", "base_iri", base_iri)
    return base_iri


class Document:
    """A parsed document's triples, to iterate over as often as needed.

    Iterating gives the neutral triples, converted as the parser yields them;
    :meth:`quads` gives pyoxigraph's own quads, for the quick reader, and parses again
    each time, so a reader that gives up part-way can hand the document to another.
    ``format`` is the syntax it is parsed as and ``document`` gives its bytes (read
    again from the file, for a file), for errors that look up a line.
    """

    def __init__(
        self,
        name: str,
        parse: Callable[[], Iterator[ox.Quad]],
        document: Callable[[], bytes],
        format: ox.RdfFormat,
    ) -> None:
        self.name = name
        self.format = format
        self.document = document
        self._parse = parse
        self._first: Iterator[ox.Quad] | None = self._start()

    def _start(self) -> Iterator[ox.Quad]:
        try:
            return self._parse()
        except SyntaxError as error:
            raise syntax_error(self.name, error) from error

    def quads(self) -> Iterator[ox.Quad]:
        """pyoxigraph's quads; a syntax error surfaces as pyoxigraph's ``SyntaxError``."""
        first, self._first = self._first, None
        return first if first is not None else self._start()

    def __iter__(self) -> Iterator[Triple]:
        return _converted(self.quads(), self.name, self.document)


def parse_document(
    data: str | bytes,
    format: ox.RdfFormat,
    name: str,
    *,
    base_iri: str | None = None,
    lenient: bool = False,
) -> Document:
    """The triples of a document held in memory; named graphs only where the format has them.

    The graph a triple is in is dropped: claims read the same from any graph. Relative
    IRIs are resolved against ``base_iri``; without one they are syntax errors.
    ``lenient`` keeps terms the parser would check and drop (JSON-LD's invalid IRIs),
    for a caller that checks them itself.
    """
    base_iri = checked_base(base_iri)
    if isinstance(data, str):
        data = encoded(data, name)
    document = data
    return Document(
        name,
        lambda: ox.parse(
            document,
            format=format,
            base_iri=base_iri,
            without_named_graphs=format not in _DATASETS,
            lenient=lenient,
        ),
        lambda: document,
        format,
    )


def read_document(
    path: str | os.PathLike[str], format: ox.RdfFormat, *, base_iri: str | None = None
) -> Document:
    """The triples of a file, read by the parser as it goes; errors name the file.

    Relative IRIs are resolved against ``base_iri`` only: never against the file's path.
    """
    base_iri = checked_base(base_iri)
    name = os.fspath(path)
    with open(name, "rb"):
        pass  # a missing or unreadable file is the builtin OSError, raised here and now
    return Document(
        name,
        lambda: ox.parse(
            path=name,
            format=format,
            base_iri=base_iri,
            without_named_graphs=format not in _DATASETS,
        ),
        Path(name).read_bytes,
        format,
    )
