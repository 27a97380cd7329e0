"""One entry point for every format: :class:`Format` and ``read``/``write``/``parse``/``serialize``.

The per-format functions (``write_turtle``, ``read_jsonld``…) stay the plain way to call
one format; these four take the format as a keyword, for code that lets its user choose
(the command line's ``--format``). :meth:`Format.for_path` names the format a file's
suffix conventionally means, for callers who want that; nothing here guesses silently.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Callable
from pathlib import PurePath

from .._collection import ClaimSet
from .._model import Agent
from .._namespace import DEFAULT_BASE
from ..errors import ValidationError
from ._jsonld import parse_jsonld, read_jsonld, serialize_jsonld, write_jsonld
from ._ntriples import parse_ntriples, read_ntriples, serialize_ntriples, write_ntriples
from ._output import StrPath
from ._rdfxml import parse_rdfxml, read_rdfxml, serialize_rdfxml, write_rdfxml
from ._trig import (
    parse_nquads,
    parse_trig,
    read_nquads,
    read_trig,
    serialize_nquads,
    serialize_trig,
    write_nquads,
    write_trig,
)
from ._turtle import parse_turtle, read_turtle, serialize_turtle, write_turtle

__all__ = ["Format", "parse", "read", "serialize", "write"]


class Format(enum.Enum):
    """An RDF syntax claims can be written in and read from.

    The values are the names the command line's ``--format`` takes.

    >>> Format("nt"), Format.for_path("claims.jsonld")
    (<Format.NTRIPLES: 'nt'>, <Format.JSONLD: 'jsonld'>)
    """

    TURTLE = "turtle"
    NTRIPLES = "nt"
    JSONLD = "jsonld"
    TRIG = "trig"
    NQUADS = "nquads"
    RDFXML = "xml"

    @property
    def suffix(self) -> str:
        """The file suffix conventional for the format (``".ttl"``)."""
        return _SUFFIXES[self][0]

    @property
    def media_type(self) -> str:
        """The format's registered media type (``"text/turtle"``)."""
        return _MEDIA_TYPES[self]

    @property
    def has_bundles(self) -> bool:
        """Whether the format holds named graphs, and so one bundle per source document."""
        return self in (Format.TRIG, Format.NQUADS)

    @classmethod
    def for_path(cls, path: StrPath) -> Format:
        """The format a file's suffix conventionally means; ValidationError for any other."""
        suffix = PurePath(os.fspath(path)).suffix.lower()
        for member, suffixes in _SUFFIXES.items():
            if suffix in suffixes:
                return member
        known = ", ".join(s for suffixes in _SUFFIXES.values() for s in suffixes)
        raise ValidationError("Format", "suffix", suffix or path, f"one of {known}")


_SUFFIXES = {
    Format.TURTLE: (".ttl",),
    Format.NTRIPLES: (".nt",),
    Format.JSONLD: (".jsonld", ".json"),
    Format.TRIG: (".trig",),
    Format.NQUADS: (".nq",),
    Format.RDFXML: (".rdf", ".xml", ".owl"),
}
_MEDIA_TYPES = {
    Format.TURTLE: "text/turtle",
    Format.NTRIPLES: "application/n-triples",
    Format.JSONLD: "application/ld+json",
    Format.TRIG: "application/trig",
    Format.NQUADS: "application/n-quads",
    Format.RDFXML: "application/rdf+xml",
}

_Writer = Callable[..., None]
_WRITERS: dict[Format, _Writer] = {
    Format.TURTLE: write_turtle,
    Format.NTRIPLES: write_ntriples,
    Format.JSONLD: write_jsonld,
    Format.TRIG: write_trig,
    Format.NQUADS: write_nquads,
    Format.RDFXML: write_rdfxml,
}
_SERIALIZERS: dict[Format, Callable[..., str]] = {
    Format.TURTLE: serialize_turtle,
    Format.NTRIPLES: serialize_ntriples,
    Format.JSONLD: serialize_jsonld,
    Format.TRIG: serialize_trig,
    Format.NQUADS: serialize_nquads,
    Format.RDFXML: serialize_rdfxml,
}
_READERS: dict[Format, Callable[..., ClaimSet]] = {
    Format.TURTLE: read_turtle,
    Format.NTRIPLES: read_ntriples,
    Format.JSONLD: read_jsonld,
    Format.TRIG: read_trig,
    Format.NQUADS: read_nquads,
    Format.RDFXML: read_rdfxml,
}
_PARSERS: dict[Format, Callable[..., ClaimSet]] = {
    Format.TURTLE: parse_turtle,
    Format.NTRIPLES: parse_ntriples,
    Format.JSONLD: parse_jsonld,
    Format.TRIG: parse_trig,
    Format.NQUADS: parse_nquads,
    Format.RDFXML: parse_rdfxml,
}


def _format(value: Format | str) -> Format:
    if isinstance(value, Format):
        return value
    try:
        return Format(value)
    except ValueError:
        choices = ", ".join(repr(f.value) for f in Format)
        raise ValidationError("Format", "format", value, f"a Format or one of {choices}") from None


def _options(fmt: Format, base: str, recorded_by: Agent | None) -> dict[str, object]:
    if recorded_by is not None and not fmt.has_bundles:
        raise ValidationError(
            "write", "recorded_by", recorded_by, "None: only TriG and N-Quads hold bundles"
        )
    return {"base": base, "recorded_by": recorded_by} if fmt.has_bundles else {"base": base}


def write(
    claims: ClaimSet,
    path: StrPath,
    *,
    format: Format | str,
    base: str = DEFAULT_BASE,
    recorded_by: Agent | None = None,
) -> None:
    """Write the claims to ``path`` in ``format``, streamed and atomically.

    ``recorded_by`` is for the formats with bundles (TriG, N-Quads); see :func:`write_trig`.
    """
    fmt = _format(format)
    _WRITERS[fmt](claims, path, **_options(fmt, base, recorded_by))


def serialize(
    claims: ClaimSet,
    *,
    format: Format | str,
    base: str = DEFAULT_BASE,
    recorded_by: Agent | None = None,
) -> str:
    """The claims as a document in ``format``, the same text for the same claims on every run.

    >>> from provenance import ClaimSet, Proposition
    >>> text = serialize(ClaimSet([Proposition("Fars denied it.")]), format="jsonld")
    >>> parse(text, format=Format.JSONLD).propositions
    (Proposition(text='Fars denied it.'),)
    """
    fmt = _format(format)
    return _SERIALIZERS[fmt](claims, **_options(fmt, base, recorded_by))


def read(path: StrPath, *, format: Format | str, base_iri: str | None = None) -> ClaimSet:
    """Read claims from a file in ``format``; errors name the file and, where known, the line.

    ``base_iri`` resolves relative IRI references, as in :func:`read_turtle`; it is not
    the writers' ``base``, the namespace IRIs are minted under.
    """
    return _READERS[_format(format)](path, base_iri=base_iri)


def parse(
    text: str, *, format: Format | str, name: str = "<string>", base_iri: str | None = None
) -> ClaimSet:
    """Read claims from a document in ``format`` held in a string (see :func:`read`)."""
    return _PARSERS[_format(format)](text, name=name, base_iri=base_iri)
