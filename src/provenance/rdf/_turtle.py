"""Turtle files: a streaming, byte-stable writer; strict parsing through pyoxigraph.

The writer formats the mapping's triples itself, one subject block at a time, straight
to the file: nothing the size of the collection is built, and the text depends on
nothing but the collection (not on a library's version or the hash seed). Collections
are written from per-record templates (:mod:`._fast`), which give exactly the bytes of
:func:`turtle_chunks` over the mapping's triples, the generic path TriG also uses. Prefixes are
declared in alphabetical order, subjects and predicates come in the mapping's stable
order, strings are escaped as canonical N-Triples escapes them (valid Turtle), and
numbers are written bare where the Turtle grammar reads them back unchanged.

rdflib accepts many documents the Turtle grammar forbids, so input is parsed by
pyoxigraph, which follows the grammar, never resolves anything over the network and
reports the line and column of the first error. Writing goes to a temporary file in
the target's folder that replaces the target only once it is complete, so a failed
or interrupted write leaves the previous file as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

import pyoxigraph as ox

from .._collection import ClaimSet
from .._namespace import DEFAULT_BASE
from ._output import CHUNK, StrPath, atomic_write, quoted
from ._read import read_triples
from ._reading import parse_document, read_document
from ._terms import PREFIXES, TYPE, XSD, XSD_STRING, Lit, Term, Triple

__all__ = [
    "Prefixes",
    "atomic_write",
    "ox_term",
    "ox_triples",
    "parse_turtle",
    "read_turtle",
    "serialize_turtle",
    "turtle_chunks",
    "write_turtle",
]

# Local names written after a prefix: a conservative subset of Turtle's PN_LOCAL that
# every Turtle and SPARQL parser reads the same way. Anything else is written in full.
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")

# Datatypes Turtle can write as bare tokens, and the lexical forms that read back unchanged.
_BARE = {
    XSD + "integer": re.compile(r"[+-]?[0-9]+\Z"),
    XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+\Z"),
    XSD + "double": re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]+\Z"),
    XSD + "boolean": re.compile(r"(true|false)\Z"),
}

_CACHE_LIMIT = 1 << 16


class Prefixes:
    """Turns IRIs into prefixed names where that is safe, remembering vocabulary terms."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.declared = dict(sorted(prefixes.items()))
        # longest namespace first, so a nested namespace wins over the one containing it
        self._namespaces = sorted(
            ((ns, prefix) for prefix, ns in self.declared.items()), key=lambda p: -len(p[0])
        )
        self._starts = tuple(ns for ns, _ in self._namespaces)
        self.known: dict[str, str] = {}
        """Prefixed names already worked out, for a quick look-up."""
        self.verbs: dict[str, str] = {TYPE: "a"}
        """Predicates as written (``rdf:type`` as ``a``)."""

    def header(self) -> str:
        """The ``@prefix`` lines, in alphabetical order of the prefix."""
        return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in self.declared.items())

    def iri(self, iri: str) -> str:
        """An IRI as a prefixed name where one is safe, else in angle brackets."""
        if not iri.startswith(self._starts):
            return iri if iri.startswith("_:") else f"<{iri}>"
        found = self.known.get(iri)
        if found is None:
            found = f"<{iri}>"
            for ns, prefix in self._namespaces:
                local = iri[len(ns) :]
                if iri.startswith(ns) and _LOCAL.match(local):
                    found = f"{prefix}:{local}"
                    break
            if len(self.known) < _CACHE_LIMIT:
                self.known[iri] = found
        return found

    def verb(self, iri: str) -> str:
        """A predicate as written, remembered: there are few of them."""
        found = self.verbs.get(iri)
        if found is None:
            found = self.verbs[iri] = self.iri(iri)
        return found

    def literal(self, value: Lit) -> str:
        """A literal: bare where Turtle reads the token back unchanged, else quoted."""
        lexical, datatype, language = value
        if language:
            return f"{quoted(lexical)}@{language.lower()}"
        if datatype is None or datatype == XSD_STRING:
            return quoted(lexical)
        bare = _BARE.get(datatype)
        if bare is not None and bare.match(lexical):
            return lexical
        return f"{quoted(lexical)}^^{self.iri(datatype)}"


def turtle_chunks(
    source: Iterable[Triple], prefixes: Prefixes, *, indent: str = ""
) -> Iterator[str]:
    """Turtle statements for ``source``, a piece at a time, without the prefix lines.

    Consecutive triples on one subject share a block (``;``), on one predicate an object
    list (``,``). ``indent`` starts every line (TriG indents a graph's statements).
    A triple repeated right after itself is written once.
    """
    more = f" ;\n{indent}\t"
    parts: list[str] = []
    previous: Triple | None = None
    count = 0
    literal = prefixes.literal
    iri = prefixes.iri
    verb = prefixes.verb
    known = prefixes.known
    verbs = prefixes.verbs
    for triple in source:
        if triple == previous:
            continue
        s, p, o = triple
        obj = known.get(o) or iri(o) if o.__class__ is str else literal(o)  # type: ignore[arg-type]
        if previous is not None and s == previous[0]:
            if p == previous[1]:
                parts += (" , ", obj)
            else:
                parts += (more, verbs.get(p) or verb(p), " ", obj)
        else:
            if previous is not None:
                parts.append(" .\n")
            parts += (indent, iri(s), " ", verbs.get(p) or verb(p), " ", obj)
        previous = triple
        count += 1
        if count == CHUNK:
            yield "".join(parts)
            parts.clear()
            count = 0
    if previous is not None:
        parts.append(" .\n")
    if parts:
        yield "".join(parts)


def _document(source: Iterable[Triple]) -> Iterator[str]:
    """Any triples as a whole Turtle document: the reference the templates are held to."""
    prefixes = Prefixes(PREFIXES)
    yield prefixes.header()
    yield from turtle_chunks(source, prefixes)


def serialize_turtle(claims: ClaimSet, *, base: str = DEFAULT_BASE) -> str:
    """The claims as a Turtle document, the same text for the same claims on every run."""
    from ._fast import joined, turtle_pieces  # it builds on this module: imported when used

    return joined(turtle_pieces(claims, base=base))


def write_turtle(claims: ClaimSet, path: StrPath, *, base: str = DEFAULT_BASE) -> None:
    """Write the claims to ``path`` as Turtle, streamed, replacing the file only once complete.

    Records come in a canonical order (by kind, then IRI), so a collection gives the same
    bytes however it was built; :func:`stream_turtle` writes claims in the order they come,
    holding none of them, for collections too large to hold.
    """
    from ._fast import turtle_pieces, write_pieces  # it builds on this module

    write_pieces(path, turtle_pieces(claims, base=base))


def parse_turtle(text: str, *, name: str = "<string>", base_iri: str | None = None) -> ClaimSet:
    """Read claims from a Turtle document held in a string.

    The document is checked strictly against the Turtle grammar first
    (:class:`~provenance.errors.RDFSyntaxError` with line and column), then its content
    against the vocabulary (:class:`~provenance.errors.RDFContentError` naming the
    document, node and property). ``name`` is what errors call the document.
    ``base_iri`` is the IRI relative IRI references (``<a>``, ``<#x>``) are resolved
    against, as a ``@base`` at the top would be; without one, or a ``@base`` in the
    document, a relative IRI is a syntax error. (It is not the writers' ``base``, the
    namespace IRIs are minted under.)

    >>> parse_turtle('<#s> a <https://w3id.org/provenance-claims/vocab#Proposition> ; '
    ...     '<https://w3id.org/provenance-claims/vocab#statement> "It rained." .',
    ...     base_iri="https://example.org/doc").propositions
    (Proposition(text='It rained.', language=None),)
    """
    return read_triples(parse_document(text, ox.RdfFormat.TURTLE, name, base_iri=base_iri))


def read_turtle(path: StrPath, *, base_iri: str | None = None) -> ClaimSet:
    """Read claims from a Turtle file; errors name the file, line and column.

    The file is parsed as it is read, and its triples go to the reader as they come.
    Relative IRIs are resolved against ``base_iri`` (see :func:`parse_turtle`), never
    against the file's own path.
    """
    return read_triples(read_document(path, ox.RdfFormat.TURTLE, base_iri=base_iri))


# --------------------------------------------------------------------------- pyoxigraph terms


def ox_term(term: Term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A neutral term as a pyoxigraph term."""
    if isinstance(term, Lit):
        if term.language is not None:
            return ox.Literal(term.lexical, language=term.language)
        if term.datatype is not None:
            return ox.Literal(term.lexical, datatype=ox.NamedNode(term.datatype))
        return ox.Literal(term.lexical)
    if term.startswith("_:"):
        return ox.BlankNode(term[2:])
    return ox.NamedNode(term)


def ox_triples(source: Iterable[Triple]) -> Iterator[ox.Triple]:
    """Neutral triples as pyoxigraph triples, for pyoxigraph's serializers and stores."""
    for s, p, o in source:
        subject = ox_term(s)
        assert not isinstance(subject, ox.Literal)
        yield ox.Triple(subject, ox.NamedNode(p), ox_term(o))
