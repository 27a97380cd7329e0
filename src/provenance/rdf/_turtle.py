"""Turtle files: strict parsing through pyoxigraph, atomic writing.

rdflib accepts many documents the Turtle grammar forbids, so input is parsed by
pyoxigraph, which follows the grammar, never resolves anything over the network and
reports the line and column of the first error. Writing goes to a temporary file in
the target's folder that replaces the target only once it is complete, so a failed
or interrupted write leaves the previous file as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from .._collection import ClaimSet
from .._namespace import DEFAULT_BASE
from ..errors import RDFSyntaxError
from ._read import read_triples
from ._terms import PREFIXES, Lit, Term, Triple
from ._write import triples

__all__ = ["parse_turtle", "read_turtle", "serialize_turtle", "write_turtle"]

StrPath = str | os.PathLike[str]


def _ox_term(term: Term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, Lit):
        if term.language is not None:
            return ox.Literal(term.lexical, language=term.language)
        if term.datatype is not None:
            return ox.Literal(term.lexical, datatype=ox.NamedNode(term.datatype))
        return ox.Literal(term.lexical)
    if term.startswith("_:"):
        return ox.BlankNode(term[2:])
    return ox.NamedNode(term)


def _ox_triples(source: Iterable[Triple]) -> Iterator[ox.Triple]:
    for s, p, o in source:
        subject = _ox_term(s)
        assert not isinstance(subject, ox.Literal)
        yield ox.Triple(subject, ox.NamedNode(p), _ox_term(o))


def _neutral(term: object) -> Term:
    if isinstance(term, ox.Literal):
        if term.language:
            return Lit(term.value, None, term.language)
        return Lit(term.value, term.datatype.value, None)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode):
        return term.value
    raise TypeError(f"RDF 1.2 triple terms are not supported: {term}")


def serialize_turtle(claims: ClaimSet, *, base: str = DEFAULT_BASE) -> str:
    """The claims as a Turtle document, the same text for the same claims on every run."""
    data = ox.serialize(
        _ox_triples(triples(claims, base=base)), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES
    )
    assert data is not None
    return data.decode("utf-8")


def write_turtle(claims: ClaimSet, path: StrPath, *, base: str = DEFAULT_BASE) -> None:
    """Write the claims to ``path`` as Turtle, replacing the file only once it is complete."""
    with atomic_write(path) as handle:
        ox.serialize(
            _ox_triples(triples(claims, base=base)),
            handle,
            format=ox.RdfFormat.TURTLE,
            prefixes=PREFIXES,
        )


@contextlib.contextmanager
def atomic_write(path: StrPath) -> Iterator[tempfile._TemporaryFileWrapper[bytes]]:
    """A binary file that becomes ``path`` when the block ends without an exception.

    The data is written to a temporary file beside ``path``, flushed to disk, then
    renamed over ``path`` (atomic on POSIX and Windows). On any error the temporary
    file is removed and ``path`` is untouched. An existing file keeps its permissions.
    """
    target = Path(path)
    folder = target.parent
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below on every path
        mode="wb", dir=folder, prefix=f".{target.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(handle.name, target.stat().st_mode & 0o7777)
        if not target.exists():
            os.chmod(handle.name, 0o666 & ~_umask())
        os.replace(handle.name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(handle.name)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _parse(data: bytes | str, name: str) -> list[Triple]:
    if isinstance(data, str):
        text = data
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError as error:
            line = text.count("\n", 0, error.start) + 1
            column = error.start - (text.rfind("\n", 0, error.start) + 1) + 1
            raise RDFSyntaxError(
                name, "not valid Unicode text (an unpaired surrogate)", line=line, column=column
            ) from None
    try:
        return [
            (_neutral(t.subject), t.predicate.value, _neutral(t.object))  # type: ignore[misc]
            for t in ox.parse(data, format=ox.RdfFormat.TURTLE, without_named_graphs=True)
        ]
    except SyntaxError as error:
        message = str(error.msg) if error.msg else str(error)
        # pyoxigraph prefixes its own location; we give ours as attributes and in the message
        if ": " in message and message.startswith("Parser error"):
            message = message.split(": ", 1)[1]
        raise RDFSyntaxError(name, message, line=error.lineno, column=error.offset) from error
    except (ValueError, TypeError) as error:
        raise RDFSyntaxError(name, str(error)) from error


def parse_turtle(text: str, *, name: str = "<string>") -> ClaimSet:
    """Read claims from a Turtle document held in a string.

    The document is checked strictly against the Turtle grammar first
    (:class:`~provenance.errors.RDFSyntaxError` with line and column), then its content
    against the vocabulary (:class:`~provenance.errors.RDFContentError` naming the node
    and property). Relative IRIs are refused: there is no base to resolve them against.
    ``name`` is what errors call the document.
    """
    return read_triples(_parse(text, name))


def read_turtle(path: StrPath) -> ClaimSet:
    """Read claims from a Turtle file; errors name the file, line and column."""
    data = Path(path).read_bytes()
    return read_triples(_parse(data, os.fspath(path)))
