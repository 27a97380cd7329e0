"""JSON-LD: compact, readable output with a shipped context; input that never fetches.

Output is one JSON object: the context shipped in the package (``data/context.jsonld``),
written inline so that any JSON-LD processor reads the document with no network, and a
``@graph`` with one node per subject, in the mapping's stable order. Within a node,
``@id`` and ``@type`` come first, then the properties by name, one per line; values are
plain strings where the context's term says what they are (``"stance": "pc:Denial"``,
``"confidence": "0.7"``) and value objects where it cannot (a language-tagged text, a
date of varying precision). No JSON number is written: a JSON number would become an
``xsd:double`` or ``xsd:integer`` and change the value's datatype.

Input is parsed by pyoxigraph's JSON-LD parser, which has no document loader. A
``@context`` (or ``@import``) that names a document, remote or local, is refused
before parsing, with the place it occurs, unless it names our own context
(:data:`CONTEXT_IRI`), which is then taken from the package. Inline contexts are fine:
they need nothing fetched.

An IRI whose scheme is a term or prefix of the context (``pc:…``, ``label:…``) would be
read back as a compact IRI, so it is refused on output rather than silently changed.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from typing import Any

import pyoxigraph as ox

from .._collection import ClaimSet
from .._namespace import DEFAULT_BASE
from ..errors import RDFSyntaxError, ValidationError
from ._document import triples
from ._output import StrPath, write_chunks
from ._read import read_triples
from ._reading import checked_base, encoded, parse_document, syntax_error
from ._syntax import LOCAL_NAME
from ._terms import TYPE, XSD_STRING, Lit, Term, Triple

__all__ = [
    "CONTEXT_IRI",
    "context",
    "parse_jsonld",
    "prepared",
    "read_jsonld",
    "serialize_jsonld",
    "write_jsonld",
]

CONTEXT_IRI = "https://w3id.org/provenance-claims/context.jsonld"
"""The IRI that names the context shipped in the package; input naming it is not fetched."""


@functools.cache
def _shipped() -> str:
    return (resources.files("provenance") / "data" / "context.jsonld").read_text("utf-8")


def context() -> dict[str, Any]:
    """The JSON-LD context shipped in the package (the value of its ``@context``)."""
    value: dict[str, Any] = json.loads(_shipped())["@context"]
    return value


class _Compactor:
    """The context read as look-up tables: prefixes, and the term for each property."""

    def __init__(self) -> None:
        ctx = context()
        self.prefixes = {k: v for k, v in ctx.items() if isinstance(v, str) and v[-1] in "#/"}
        self.names = frozenset(ctx)
        self._namespaces = sorted(
            ((ns, p) for p, ns in self.prefixes.items()), key=lambda pair: -len(pair[0])
        )
        self.terms: dict[str, tuple[str, str | None]] = {}
        for name, definition in ctx.items():
            if name in self.prefixes:
                continue
            if isinstance(definition, str):
                self.terms[self.expand(definition)] = (name, None)
            else:
                coerce = definition.get("@type")
                if coerce is not None and coerce != "@id":
                    coerce = self.expand(coerce)
                self.terms[self.expand(definition["@id"])] = (name, coerce)
        self._starts = tuple(self.prefixes.values())
        self._cache: dict[str, str] = {}
        """Compact forms of vocabulary IRIs, which recur; minted IRIs are not kept."""

    def expand(self, value: str) -> str:
        prefix, _, local = value.partition(":")
        return self.prefixes[prefix] + local if prefix in self.prefixes else value

    def iri(self, iri: str) -> str:
        """A compact IRI where one is safe; otherwise the IRI, if it cannot be misread."""
        found = self._cache.get(iri)
        if found is not None:
            return found
        for ns, prefix in self._namespaces:
            if iri.startswith(ns) and LOCAL_NAME.match(iri, len(ns)):
                found = f"{prefix}:{iri[len(ns) :]}"
                break
        else:
            scheme, _, rest = iri.partition(":")
            if scheme in self.names and not rest.startswith("//"):
                raise ValidationError(
                    "JSON-LD",
                    "IRI",
                    iri,
                    f"an IRI whose scheme is not a term of the context ({scheme}: would be "
                    "read back as a compact IRI)",
                )
            found = iri
        if len(self._cache) < 1 << 16 and iri.startswith(self._starts):
            self._cache[iri] = found
        return found

    def value(self, coerce: str | None, term: Term) -> str:
        """The JSON text of one object, under a term coerced to ``coerce`` (or none)."""
        if not isinstance(term, Lit):
            node = _string(self.iri(term))
            return node if coerce == "@id" else f'{{"@id": {node}}}'
        lexical, datatype, language = term
        if language:
            return f'{{"@value": {_string(lexical)}, "@language": {_string(language)}}}'
        datatype = datatype or XSD_STRING
        if coerce == datatype:
            return _string(lexical)
        if datatype == XSD_STRING:
            return _string(lexical) if coerce is None else f'{{"@value": {_string(lexical)}}}'
        return f'{{"@value": {_string(lexical)}, "@type": {_string(self.iri(datatype))}}}'

    def node(self, subject: str, described: list[tuple[str, Term]]) -> str:
        """One node object as JSON text: a member a line, ``@id`` and ``@type`` first."""
        members = [f'      "@id": {_string(self.iri(subject))}']
        types = [_string(self.iri(str(o))) for p, o in described if p == TYPE]
        if types:
            members.append(f'      "@type": {_array(types)}')
        properties: dict[str, list[str]] = {}
        for p, o in described:
            if p == TYPE:
                continue
            name, coerce = self.terms.get(p) or (self.iri(p), None)
            properties.setdefault(name, []).append(self.value(coerce, o))
        for name in sorted(properties):
            members.append(f"      {_string(name)}: {_array(properties[name])}")
        return "    {\n" + ",\n".join(members) + "\n    }"


_string: Callable[[str], str] = json.encoder.encode_basestring
"""A JSON string, escaped exactly as ``json.dumps(..., ensure_ascii=False)`` escapes it."""


def _array(values: list[str]) -> str:
    """One value as itself, several as a JSON array: what ``json.dumps`` would write."""
    return values[0] if len(values) == 1 else "[" + ", ".join(values) + "]"


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _lines(value: dict[str, object], indent: str) -> str:
    """A JSON object with one member per line, each member's value on that line."""
    if not value:
        return "{}"
    members = ",\n".join(f"{indent}  {_dumps(k)}: {_dumps(v)}" for k, v in value.items())
    return f"{{\n{members}\n{indent}}}"


def _chunks(source: Iterable[Triple]) -> Iterator[str]:
    compactor = _Compactor()
    yield f'{{\n  "@context": {_lines(context(), "  ")},\n  "@graph": ['
    subject: str | None = None
    described: list[tuple[str, Term]] = []
    parts: list[str] = []
    separator = "\n"
    for s, p, o in source:
        if s != subject:
            if subject is not None:
                parts += (separator, compactor.node(subject, described))
                separator = ",\n"
                if len(parts) > 1024:
                    yield "".join(parts)
                    parts.clear()
            subject = s
            described = []
        if not described or described[-1] != (p, o):  # sorted: a repeat is adjacent
            described.append((p, o))
    if subject is not None:
        parts += (separator, compactor.node(subject, described), "\n  ")
    parts.append("]\n}\n")
    yield "".join(parts)


def serialize_jsonld(claims: ClaimSet, *, base: str = DEFAULT_BASE) -> str:
    """The claims as JSON-LD with the shipped context inline, the same text on every run."""
    return "".join(_chunks(triples(claims, base=base)))


def write_jsonld(claims: ClaimSet, path: StrPath, *, base: str = DEFAULT_BASE) -> None:
    """Write the claims to ``path`` as JSON-LD, streamed, replacing the file only once complete."""
    write_chunks(path, _chunks(triples(claims, base=base)))


# --------------------------------------------------------------------------- input


def _pointer(path: tuple[str | int, ...]) -> str:
    """A JSON Pointer (RFC 6901) to a place in the document."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path) or "/"


def _line_of(text: str, value: str) -> int | None:
    found = text.find(_dumps(value))
    return None if found < 0 else text.count("\n", 0, found) + 1


def _unique_line(text: str, value: str) -> int | None:
    """The line of a JSON string in the document where it occurs once; else ``None``."""
    spelt = _dumps(value)
    found = text.find(spelt)
    if found < 0 or text.find(spelt, found + 1) >= 0:
        return None
    return text.count("\n", 0, found) + 1


_KEYWORDS = frozenset(
    [
        "@base",
        "@container",
        "@context",
        "@direction",
        "@graph",
        "@id",
        "@import",
        "@included",
        "@index",
        "@json",
        "@language",
        "@list",
        "@nest",
        "@none",
        "@prefix",
        "@propagate",
        "@protected",
        "@reverse",
        "@set",
        "@type",
        "@value",
        "@version",
        "@vocab",
    ]
)
"""The keywords of JSON-LD 1.1; any other key of their form is one a processor ignores."""

_KEYWORD_FORM = re.compile(r"@[A-Za-z]+\Z")

MAX_NESTING = 500
"""How deeply JSON-LD input may nest objects and arrays. Claims need a handful of levels;
pyoxigraph's JSON-LD parser recurses, and a document some thousands of levels deep
crashes the process, so deeper input is refused before it is parsed."""


def _too_deep(name: str, where: str) -> RDFSyntaxError:
    return RDFSyntaxError(
        name,
        f"objects and arrays nest more than {MAX_NESTING} levels deep{where}; claims need "
        "a handful, and deeper JSON-LD could exhaust the parser's stack",
    )


def _local_contexts(document: object, text: str, name: str) -> bool:
    """Replace every reference to our context by the context itself; refuse any other.

    Returns whether the document was changed. Walks the whole document, so contexts in
    nested nodes and in term definitions (scoped contexts) are seen too. On the way it
    refuses what a JSON-LD processor would drop without a word, or crash on: a key in
    the form of a keyword that JSON-LD does not define (outside contexts and JSON
    literals), and nesting deeper than :data:`MAX_NESTING`.
    """
    changed = False
    stack: list[tuple[object, tuple[str | int, ...]]] = [(document, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict | list) and len(path) >= MAX_NESTING:
            raise _too_deep(name, "")
        if isinstance(value, dict):
            literal = "@context" in path or "@value" in path
            for key, item in value.items():
                if key == "@context":
                    value[key], replaced = _checked(item, (*path, key), text, name)
                    changed = changed or replaced
                elif key == "@import":
                    _refuse(item, (*path, key), text, name)
                elif not literal and key not in _KEYWORDS and _KEYWORD_FORM.match(key):
                    raise RDFSyntaxError(
                        name,
                        f"{key!r} at {_pointer((*path, key))} is not a JSON-LD keyword: a "
                        "JSON-LD processor ignores it, and its value with it, without a word",
                        line=_unique_line(text, key),
                    )
                stack.append((value[key], (*path, key)))
        elif isinstance(value, list):
            stack.extend((item, (*path, index)) for index, item in enumerate(value))
    return changed


def _checked(
    value: object, path: tuple[str | int, ...], text: str, name: str
) -> tuple[object, bool]:
    if isinstance(value, str):
        if value == CONTEXT_IRI:
            return context(), True
        _refuse(value, path, text, name)
    if isinstance(value, list):
        items = [_checked(item, (*path, i), text, name) for i, item in enumerate(value)]
        return [item for item, _ in items], any(replaced for _, replaced in items)
    return value, False


def _refuse(value: object, path: tuple[str | int, ...], text: str, name: str) -> None:
    reference = value if isinstance(value, str) else _dumps(value)
    raise RDFSyntaxError(
        name,
        f"the {path[-1]} at {_pointer(path)} refers to {reference!r}, a document that would "
        "have to be fetched; provenance never fetches contexts: put the context inline, "
        f"or name the shipped one, {CONTEXT_IRI}",
        line=_line_of(text, reference),
    )


_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


class _Terms:
    """Checks each term of a leniently parsed document, remembering the good ones.

    pyoxigraph's JSON-LD parser, as the JSON-LD algorithms require, drops a term that is
    not a valid IRI, blank node or language tag, and the statement it was part of, with
    no error. Parsed leniently it keeps them, so they can be found here and refused:
    a value that vanished would change what the document says.
    """

    def __init__(self, text: str, name: str, base_iri: str | None) -> None:
        self.text = text
        self.name = name
        self.base_iri = base_iri
        self.good: set[str] = set()

    def refuse(self, value: str, what: str, reason: str, dropped: str) -> RDFSyntaxError:
        return RDFSyntaxError(
            self.name,
            f"{value!r} is not {what} ({reason}); a JSON-LD processor drops {dropped} "
            "without a word, so provenance refuses it",
            line=_unique_line(self.text, value),
        )

    def iri(self, value: str, dropped: str, *, key: bool = False) -> None:
        if value in self.good:
            return
        try:
            ox.NamedNode(value)
        except ValueError as error:
            reason = str(error)
            if key:
                reason = (
                    f"{reason}: the key is no term of the context, and no @vocab makes an "
                    "IRI of it, or it makes an invalid one"
                )
            elif not _ABSOLUTE.match(value) and self.base_iri is None:
                reason = (
                    "a relative IRI, and no base IRI to resolve it against: give one "
                    "(base_iri=, --base-iri) or an @base in the context"
                )
            raise self.refuse(value, "an absolute IRI", reason, dropped) from None
        self.good.add(value)

    def node(self, term: object, dropped: str) -> None:
        if isinstance(term, ox.NamedNode):
            self.iri(term.value, dropped)
        elif isinstance(term, ox.BlankNode):
            try:
                ox.BlankNode(term.value)
            except ValueError as error:
                raise self.refuse(
                    "_:" + term.value, "a blank node identifier", str(error), dropped
                ) from None
        elif isinstance(term, ox.Literal):
            self.iri(term.datatype.value, "a value of that datatype")
            language = term.language
            if language and language not in self.good:
                try:
                    ox.Literal("", language=language)
                except ValueError as error:
                    raise self.refuse(
                        language, "a language tag", str(error), "a text so tagged"
                    ) from None
                self.good.add(language)

    def check(self, quads: Iterator[ox.Quad]) -> None:
        for quad in quads:
            self.node(quad.subject, "a node with such an @id, and all it says")
            self.iri(quad.predicate.value, "the property and its values", key=True)
            self.node(quad.object, "the statement that refers to it")
            graph = quad.graph_name
            if not isinstance(graph, ox.DefaultGraph):
                self.node(graph, "a graph so named, and all it holds")


def prepared(data: bytes, name: str, base_iri: str | None) -> bytes:
    """A JSON-LD document checked and made ready for pyoxigraph's parser.

    Our context is put inline, any other that would be fetched is refused, and so is
    whatever a JSON-LD processor would drop without a word or could crash on (see
    :func:`parse_jsonld`). Every reader of JSON-LD input (the claim readers, SHACL
    validation) parses what this returns.
    """
    base_iri = checked_base(base_iri)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise RDFSyntaxError(name, "not UTF-8 text", line=line) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise RDFSyntaxError(name, error.msg, line=error.lineno, column=error.colno) from error
    except RecursionError:
        raise _too_deep(name, "") from None
    if _local_contexts(document, text, name):
        data = json.dumps(document, ensure_ascii=False).encode("utf-8")
    lenient = parse_document(data, ox.RdfFormat.JSON_LD, name, base_iri=base_iri, lenient=True)
    try:
        _Terms(text, name, base_iri).check(lenient.quads())
    except SyntaxError as error:
        raise syntax_error(name, error) from error
    return data


def _parse(data: bytes, name: str, base_iri: str | None) -> ClaimSet:
    data = prepared(data, name, base_iri)
    return read_triples(parse_document(data, ox.RdfFormat.JSON_LD, name, base_iri=base_iri))


def parse_jsonld(text: str, *, name: str = "<string>", base_iri: str | None = None) -> ClaimSet:
    """Read claims from a JSON-LD document held in a string; nothing is ever fetched.

    A ``@context`` naming a document other than :data:`CONTEXT_IRI` raises
    :class:`~provenance.errors.RDFSyntaxError` saying where it occurs. So does anything
    a JSON-LD processor would drop without a word: an ``@id``, ``@type``, property or
    datatype that is not a valid absolute IRI (a key the context does not define, a
    relative IRI with no base), an invalid language tag or blank node identifier, a key
    in the form of a keyword that JSON-LD does not define; and nesting deeper than
    :data:`MAX_NESTING` levels. Relative IRIs are resolved against an ``@base`` of the
    context, else against ``base_iri``.
    """
    return _parse(encoded(text, name), name, base_iri)


def read_jsonld(path: StrPath, *, base_iri: str | None = None) -> ClaimSet:
    """Read claims from a JSON-LD file; nothing is ever fetched (see :func:`parse_jsonld`)."""
    with open(path, "rb") as handle:
        data = handle.read()
    return _parse(data, str(path), base_iri)
