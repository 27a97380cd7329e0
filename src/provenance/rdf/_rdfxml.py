"""RDF/XML: streamed output for tools that read nothing else; guarded input.

Output is one ``rdf:Description`` per subject, in the mapping's stable order, with every
property as a child element named by its prefixed name; namespaces are declared once on
``rdf:RDF``, in alphabetical order of the prefix. XML 1.0 cannot hold most control
characters (nor U+FFFE and U+FFFF) even as character references, so a text containing
one cannot be written as RDF/XML: it is refused with
:class:`~provenance.errors.ValidationError` naming the node and property, and the
previous file is kept. Carriage returns are written ``&#13;`` so that XML's line-end
normalisation keeps them.

Input is parsed by pyoxigraph. A document with a document type declaration
(``<!DOCTYPE``) or an entity declaration (``<!ENTITY``) is refused before parsing: they
are how XML documents make a parser fetch files or expand a few bytes into gigabytes,
and RDF/XML needs neither. Elements nested more than :data:`MAX_NESTING` levels deep
are refused too, before the parser spends minutes on them.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from .._collection import ClaimSet
from .._namespace import DEFAULT_BASE
from ..errors import RDFSyntaxError, ValidationError
from ._document import triples
from ._output import StrPath, write_chunks
from ._read import read_triples
from ._reading import encoded, parse_document
from ._syntax import CHUNK
from ._terms import PREFIXES, RDF, XSD_STRING, Term, Triple

__all__ = [
    "MAX_NESTING",
    "parse_rdfxml",
    "read_rdfxml",
    "refuse_deep_nesting",
    "refuse_hostile",
    "serialize_rdfxml",
    "write_rdfxml",
]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*\Z")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\t": "&#9;",
        "\n": "&#10;",
        "\r": "&#13;",
    }
)
_NEEDS_ATTRIBUTE_ESCAPE = re.compile('[&<>"\t\n\r]')
_NEEDS_TEXT_ESCAPE = re.compile("[&<>\r]")
_DECLARATION = re.compile(r"<!(DOCTYPE|ENTITY)")


def _qname(predicate: str, namespaces: list[tuple[str, str]]) -> str:
    for ns, prefix in namespaces:
        if predicate.startswith(ns) and _NAME.match(predicate, len(ns)):
            return f"{prefix}:{predicate[len(ns) :]}"
    raise ValueError(f"no declared namespace gives {predicate} an XML name")


def _attribute(value: str) -> str:
    if _NEEDS_ATTRIBUTE_ESCAPE.search(value) is None:
        return value
    return value.translate(_ATTRIBUTE)


def _node(term: str) -> str:
    if term.startswith("_:"):
        return f'rdf:nodeID="{_attribute(term[2:])}"'
    return f'rdf:about="{_attribute(term)}"'


def _property(subject: str, name: str, value: Term) -> str:
    if isinstance(value, str):
        if value.startswith("_:"):
            return f'\t\t<{name} rdf:nodeID="{_attribute(value[2:])}"/>\n'
        return f'\t\t<{name} rdf:resource="{_attribute(value)}"/>\n'
    lexical, datatype, language = value
    bad = _NOT_XML.search(lexical)
    if bad is not None:
        raise ValidationError(
            "RDF/XML",
            name,
            lexical,
            f"text XML 1.0 can hold (<{subject}> has U+{ord(bad.group()):04X}, a control "
            "character; write Turtle, N-Triples or JSON-LD instead)",
        )
    if language:
        attributes = f' xml:lang="{_attribute(language)}"'
    elif datatype is None or datatype == XSD_STRING:
        attributes = ""
    else:
        attributes = f' rdf:datatype="{_attribute(datatype)}"'
    if _NEEDS_TEXT_ESCAPE.search(lexical) is not None:
        lexical = lexical.translate(_TEXT)
    return f"\t\t<{name}{attributes}>{lexical}</{name}>\n"


def _chunks(source: Iterable[Triple]) -> Iterator[str]:
    declared = sorted(PREFIXES.items())
    namespaces = sorted(((ns, p) for p, ns in declared), key=lambda pair: -len(pair[0]))
    names: dict[str, str] = {}
    xmlns = "".join(f'\n\txmlns:{prefix}="{_attribute(ns)}"' for prefix, ns in declared)
    assert ("rdf", RDF) in declared
    parts = [f'<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF{xmlns}>\n']
    subject: str | None = None
    previous: Triple | None = None
    count = 0
    for triple in source:
        if triple == previous:
            continue
        previous = triple
        s, p, o = triple
        if s != subject:
            if subject is not None:
                parts.append("\t</rdf:Description>\n")
            parts.append(f"\t<rdf:Description {_node(s)}>\n")
            subject = s
        name = names.get(p)
        if name is None:
            name = names[p] = _qname(p, namespaces)
        parts.append(_property(s, name, o))
        count += 1
        if count == CHUNK:
            yield "".join(parts)
            parts.clear()
            count = 0
    if subject is not None:
        parts.append("\t</rdf:Description>\n")
    parts.append("</rdf:RDF>\n")
    yield "".join(parts)


def serialize_rdfxml(claims: ClaimSet, *, base: str = DEFAULT_BASE) -> str:
    """The claims as RDF/XML, the same text for the same claims on every run."""
    return "".join(_chunks(triples(claims, base=base)))


def write_rdfxml(claims: ClaimSet, path: StrPath, *, base: str = DEFAULT_BASE) -> None:
    """Write the claims to ``path`` as RDF/XML, streamed, replacing the file only once complete."""
    write_chunks(path, _chunks(triples(claims, base=base)))


def _parse(data: bytes, name: str, base_iri: str | None) -> ClaimSet:
    refuse_hostile(data, name)
    return read_triples(parse_document(data, ox.RdfFormat.RDF_XML, name, base_iri=base_iri))


def refuse_hostile(data: bytes, name: str) -> None:
    """Refuse RDF/XML a parser should not be given: text that is not UTF-8, a DOCTYPE or
    an entity declaration (a parser could fetch files or expand without bound), and
    elements nested deeper than :data:`MAX_NESTING`. Every reader of RDF/XML calls it."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise RDFSyntaxError(name, "not UTF-8 text", line=line) from None
    found = _DECLARATION.search(text)
    if found is not None:
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        raise RDFSyntaxError(
            name,
            f"a <!{found.group(1)} declaration is refused: document types and entities "
            "can make a parser fetch files or expand without bound, and RDF/XML needs neither",
            line=line,
            column=column,
        )
    refuse_deep_nesting(data, name)


MAX_NESTING = 500
"""How deeply RDF/XML input may nest elements. Claims need three levels; pyoxigraph's
RDF/XML parser takes time that grows with the square of the depth (minutes for a
document 100,000 levels deep), so deeper input is refused before it is parsed."""


class _TooDeepError(Exception):
    pass


def refuse_deep_nesting(data: bytes, name: str) -> None:
    """Refuse elements nested deeper than :data:`MAX_NESTING`, with the line of the first.

    expat (no DTD reaches it: declarations are refused first) only counts the depth;
    a document it finds malformed is left to pyoxigraph, whose error is the one reported.
    """
    parser = xml.parsers.expat.ParserCreate()
    depth = 0

    def start(name: str, attributes: object) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_NESTING:
            raise _TooDeepError

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError:
        return
    except _TooDeepError:
        raise RDFSyntaxError(
            name,
            f"elements nest more than {MAX_NESTING} levels deep; claims need three, and "
            "deeper RDF/XML takes the parser a time that grows with the square of the depth",
            line=parser.CurrentLineNumber,
            column=parser.CurrentColumnNumber + 1,
        ) from None


def parse_rdfxml(text: str, *, name: str = "<string>", base_iri: str | None = None) -> ClaimSet:
    """Read claims from an RDF/XML document held in a string (no DOCTYPE, no entities).

    Relative IRIs (``rdf:about="#x"``, ``rdf:ID``) are resolved against an ``xml:base``
    in the document, else against ``base_iri``; without either they are syntax errors.
    """
    return _parse(encoded(text, name), name, base_iri)


def read_rdfxml(path: StrPath, *, base_iri: str | None = None) -> ClaimSet:
    """Read claims from an RDF/XML file (no DOCTYPE, no entities); errors name file and line."""
    with open(path, "rb") as handle:
        data = handle.read()
    return _parse(data, str(path), base_iri)
