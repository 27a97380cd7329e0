"""How terms and triples are written in Turtle and N-Triples: escapes, prefixed names, lines.

Every writer of these two syntaxes (and of TriG and N-Quads, which extend them) formats
through this module, the generic ones triple by triple and the templates
(:mod:`._templates`) record by record, so both give the same text. Strings are escaped
as canonical N-Triples escapes them (valid Turtle too), prefixed names are used only
where every Turtle and SPARQL parser reads them the same way, and numbers are written
bare only where the Turtle grammar reads them back unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from ._terms import TYPE, XSD, XSD_STRING, Lit, Term, Triple

__all__ = [
    "CHUNK",
    "LOCAL_NAME",
    "Prefixes",
    "literal",
    "ntriples_chunks",
    "quoted",
    "term",
    "turtle_chunks",
]

CHUNK = 2048
"""Triples per piece of output: large enough to be fast, small enough to keep memory flat."""

_NEEDS_ESCAPE = re.compile('[\x00-\x1f"\\\\\x7f\ufffe\uffff]')
_ESCAPES = {
    **{code: f"\\u{code:04X}" for code in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF)},
    0x08: "\\b",
    0x09: "\\t",
    0x0A: "\\n",
    0x0C: "\\f",
    0x0D: "\\r",
    0x22: '\\"',
    0x5C: "\\\\",
}


def quoted(lexical: str) -> str:
    """A string in double quotes, escaped as canonical N-Triples escapes it.

    ``\\"``, ``\\\\``, ``\\b``, ``\\t``, ``\\n``, ``\\f`` and ``\\r``; ``\\uXXXX`` for the
    other control characters, U+007F, U+FFFE and U+FFFF; every other character as itself.
    The same string is valid Turtle, TriG and N-Quads.

    >>> print(quoted('say "hi"\\tthen\\x7f'))
    "say \\"hi\\"\\tthen\\u007F"
    """
    if _NEEDS_ESCAPE.search(lexical) is not None:
        lexical = lexical.translate(_ESCAPES)
    return f'"{lexical}"'


# Local names written after a prefix: a conservative subset of Turtle's PN_LOCAL that
# every Turtle and SPARQL parser reads the same way. Anything else is written in full.
LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")

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
                if iri.startswith(ns) and LOCAL_NAME.match(local):
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


def literal(lit: Lit) -> str:
    """A literal in canonical N-Triples form."""
    lexical, datatype, language = lit
    if language:
        return f"{quoted(lexical)}@{language.lower()}"
    if datatype is None or datatype == XSD_STRING:
        return quoted(lexical)
    return f"{quoted(lexical)}^^<{datatype}>"


def term(value: Term) -> str:
    """Any term in canonical N-Triples form."""
    if isinstance(value, Lit):
        return literal(value)
    return value if value.startswith("_:") else f"<{value}>"


def ntriples_chunks(source: Iterable[Triple], graph: str | None = None) -> Iterator[str]:
    """Canonical N-Triples (or N-Quads, with ``graph``) for ``source``, a piece at a time.

    A triple repeated right after itself is written once.
    """
    end = " .\n" if graph is None else f" {term(graph)} .\n"
    predicates: dict[str, str] = {}
    parts: list[str] = []
    previous: Triple | None = None
    subject = ""
    count = 0
    for triple in source:
        if triple == previous:
            continue
        s, p, o = triple
        if previous is None or s != previous[0]:
            subject = (s if s.startswith("_:") else f"<{s}>") + " "
        previous = triple
        predicate = predicates.get(p)
        if predicate is None:
            predicate = predicates[p] = f"<{p}> "
        if o.__class__ is not str:
            obj = literal(o)  # type: ignore[arg-type]
        elif o.startswith("_:"):
            obj = o
        else:
            obj = f"<{o}>"
        parts += (subject, predicate, obj, end)
        count += 1
        if count == CHUNK:
            yield "".join(parts)
            parts.clear()
            count = 0
    if parts:
        yield "".join(parts)
