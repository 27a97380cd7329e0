"""Terms as SPARQL text: the stores' updates and queries write them here and nowhere else.

IRIs and literals are checked and escaped one character at a time, and a value that no
escaping writes safely for every SPARQL parser is refused with :class:`UnsafeValueError`.
Conversions between the neutral form and pyoxigraph's or rdflib's terms are in
:mod:`provenance.rdf._terms`.
"""

from __future__ import annotations

import re

from ..errors import UnsafeValueError
from ..rdf._terms import XSD_STRING, Lit, Term

__all__ = ["iri_text", "literal_text", "term_text"]


# --------------------------------------------------------------------------- SPARQL text

# SPARQL 1.1 IRIREF: no spaces, no control characters, none of <>"{}|^`\ .
_IRIREF = re.compile(r'[^<>"{}|^`\\\x00-\x20]*\Z')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*\Z")
# SPARQL 1.1 says \u and \U escapes are expanded *before* parsing, and some parsers do
# so even after an escaped backslash, which would change the value.
_CODEPOINT_ESCAPE = re.compile(r"\\[uU]")
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
_TO_ESCAPE = re.compile(r'[\\"\n\r\t\b\f]')


def iri_text(iri: str) -> str:
    """``<iri>`` for SPARQL text, or :class:`UnsafeValueError` for an IRI it cannot hold.

    An IRI with a space, ``>``, a quote, a brace or a control character has no way to be
    written in SPARQL (the grammar has no escapes for IRIs), so it is refused, not mangled.
    """
    if not isinstance(iri, str) or not _SCHEME.match(iri):
        raise UnsafeValueError(str(iri), "not an absolute IRI (it needs a scheme such as https:)")
    if not _IRIREF.match(iri):
        bad = next(c for c in iri if not _IRIREF.match(c))
        raise UnsafeValueError(
            iri, f'an IRI cannot contain {bad!r} (no space, <>"{{}}|^`\\ or control character)'
        )
    return f"<{iri}>"


def literal_text(literal: Lit, *, portable: bool = True) -> str:
    """A literal for SPARQL text: quoted, every special character escaped.

    With ``portable`` (for servers we do not know), a backslash followed by ``u`` or ``U``
    is refused: parsers that expand ``\\u`` escapes before parsing, as the SPARQL 1.1
    specification describes, would read a different value. Oxigraph reads it correctly,
    so the embedded store writes it.
    """
    lexical = literal.lexical
    if portable and _CODEPOINT_ESCAPE.search(lexical):
        raise UnsafeValueError(
            lexical,
            "a backslash followed by 'u' or 'U' reads differently in different SPARQL parsers",
        )
    try:
        lexical.encode("utf-8")
    except UnicodeEncodeError:
        raise UnsafeValueError(lexical, "not valid Unicode (an unpaired surrogate)") from None
    quoted = '"' + _TO_ESCAPE.sub(lambda m: _ESCAPES[m.group()], lexical) + '"'
    if literal.language is not None:
        if not _LANGUAGE.match(literal.language):
            raise UnsafeValueError(literal.language, "not a BCP 47 language tag")
        return f"{quoted}@{literal.language}"
    if literal.datatype is not None and literal.datatype != XSD_STRING:
        return f"{quoted}^^{iri_text(literal.datatype)}"
    return quoted


def term_text(term: Term, *, portable: bool = True) -> str:
    """An IRI or literal for SPARQL text (blank nodes have no place in what we write)."""
    if isinstance(term, Lit):
        return literal_text(term, portable=portable)
    if term.startswith("_:"):
        raise UnsafeValueError(term, "blank nodes cannot be written as data in SPARQL requests")
    return iri_text(term)
