"""SPARQL 1.1 query text cut into its terminals, exactly as the W3C grammar cuts it.

The guard on SPARQL of the caller's own (:func:`~provenance.store.check_sparql`) must read
a query as every engine that runs it does, or a clause it never saw can reach the engine.
That happened: rdflib's parser ends a comment only at a line feed, while the grammar, and
Oxigraph with it, also ends one at a carriage return, so ``# c\\r SERVICE <…> {…}`` hid a
federated query from the guard. Rather than trust one parser's reading, this module reads
the text by the grammar's own terminals (SPARQL 1.1 Query Language, section 19.8: ``WS``,
comments ending at ``#xD`` or ``#xA``, ``IRIREF``, ``PNAME_LN``, the four string forms with
``ECHAR``, numbers, variables, language tags, keywords), taking the longest match at each
point as the grammar's tokenizer does, and :func:`normalized` writes the tokens back out
as the one text every engine is then given: no comments, only spaces and line feeds
between tokens, every string in one quoting with one set of escapes.

Codepoint escapes (``\\u``, ``\\U``), which the grammar expands before tokenizing, are not
read here: the guard refuses them before calling :func:`tokens`.
"""

from __future__ import annotations

import enum
import re

import attrs

__all__ = ["KEYWORDS", "Kind", "LexError", "Token", "line_and_column", "normalized", "tokens"]


class Kind(enum.Enum):
    """The kinds of terminal a query is made of."""

    IRI = "IRI"
    PREFIXED_NAME = "prefixed name"
    BLANK_NODE = "blank node label"
    VARIABLE = "variable"
    STRING = "string"
    LANGUAGE_TAG = "language tag"
    NUMBER = "number"
    KEYWORD = "keyword"
    PUNCTUATION = "punctuation"


@attrs.frozen
class Token:
    """One terminal: its kind, the text as written, where it starts and ends in the query,
    and, for a string, the value its escapes stand for."""

    kind: Kind
    text: str
    start: int
    end: int
    value: str | None = None


class LexError(ValueError):
    """Text that is not a sequence of SPARQL 1.1 terminals; ``offset`` is where it fails."""

    def __init__(self, offset: int, found: str) -> None:
        self.offset = offset
        self.found = found
        super().__init__(found)


KEYWORDS = frozenset(
    """
     BASE PREFIX SELECT DISTINCT REDUCED AS CONSTRUCT WHERE DESCRIBE ASK FROM NAMED GROUP BY
     HAVING ORDER ASC DESC LIMIT OFFSET VALUES LOAD SILENT INTO CLEAR DROP CREATE ADD TO MOVE
     COPY INSERT DATA DELETE WITH USING DEFAULT GRAPH ALL OPTIONAL SERVICE BIND UNDEF MINUS
     UNION FILTER NOT IN STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS CEIL
     FLOOR ROUND CONCAT STRLEN UCASE LCASE ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS
     STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ NOW UUID STRUUID MD5
     SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT SAMETERM ISIRI ISURI ISBLANK
     ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE EXISTS COUNT SUM MIN MAX AVG SAMPLE
     GROUP_CONCAT SEPARATOR TRUE FALSE
    """.split()  # noqa: SIM905 - the word list as the grammar gives it
)
"""The words of the SPARQL 1.1 grammar, upper-cased: they match in any case, except ``a``."""

# --------------------------------------------------------------------------- the terminals

_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_U = _BASE + "_"
_CHARS = _U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PREFIX = f"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_LOCAL = f"(?:[{_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"
_VARNAME = f"[{_U}0-9][{_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*"
_ECHAR = r"""\\[tbnrf\\"']"""
_EXPONENT = r"[eE][+-]?[0-9]+"

_TERMINALS: tuple[tuple[Kind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (Kind.IRI, r'<[^<>"{}|^`\\\x00-\x20]*>'),
        (Kind.PREFIXED_NAME, f"(?:{_PREFIX})?:(?:{_LOCAL})?"),
        (Kind.BLANK_NODE, f"_:[{_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?"),
        (Kind.VARIABLE, f"[?$]{_VARNAME}"),
        (Kind.STRING, f"'''(?:(?:'|'')?(?:[^'\\\\]|{_ECHAR}))*'''"),
        (Kind.STRING, f'"""(?:(?:"|"")?(?:[^"\\\\]|{_ECHAR}))*"""'),
        (Kind.STRING, f"'(?:[^'\\\\\\n\\r]|{_ECHAR})*'"),
        (Kind.STRING, f'"(?:[^"\\\\\\n\\r]|{_ECHAR})*"'),
        (Kind.LANGUAGE_TAG, r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
        (
            Kind.NUMBER,
            f"[+-]?(?:[0-9]+\\.[0-9]*{_EXPONENT}|\\.[0-9]+{_EXPONENT}|[0-9]+{_EXPONENT}"
            "|[0-9]*\\.[0-9]+|[0-9]+)",
        ),
        (Kind.KEYWORD, r"[A-Za-z][A-Za-z0-9_]*"),
        (Kind.PUNCTUATION, r"\^\^|&&|\|\||<=|>=|!=|[{}()\[\];,.*/|^?+\-!=<>]"),
    )
)
_GAP = re.compile(r"(?:[ \t\r\n]|#[^\r\n]*)+")
"""White space and comments: the grammar's WS is exactly these four characters, and a
comment runs to the next carriage return or line feed (or the end of the text)."""
_BREAK = re.compile(r"\r\n|\r|\n")
_ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", "\\": "\\", '"': '"', "'": "'"}
_ESCAPE = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}


def _string_value(text: str) -> str:
    quote = 3 if text[:3] in ("'''", '"""') else 1
    return re.sub(r"\\(.)", lambda m: _ECHARS[m.group(1)], text[quote:-quote], flags=re.DOTALL)


def tokens(text: str) -> list[Token]:
    """The terminals of ``text``, in order; :class:`LexError` where none matches.

    At each point the longest terminal wins, as in the grammar's tokenizer (``<=?x>`` is an
    IRI, ``-1`` one number, ``'''`` opens a long string only where one is closed). A word
    that is not a keyword of the grammar is refused, since no SPARQL 1.1 query holds one.
    """
    found: list[Token] = []
    position = 0
    while position < len(text):
        gap = _GAP.match(text, position)
        if gap is not None:
            position = gap.end()
            continue
        best: tuple[Kind, re.Match[str]] | None = None
        for kind, pattern in _TERMINALS:
            match = pattern.match(text, position)
            if (
                match is not None
                and match.end() > position
                and (best is None or match.end() > best[1].end())
            ):
                best = (kind, match)
        if best is None:
            char = text[position]
            what = "an unterminated string" if char in "'\"" else f"the character {char!r}"
            raise LexError(position, what)
        kind, match = best
        word = match.group()
        if kind is Kind.KEYWORD and word != "a" and word.upper() not in KEYWORDS:
            raise LexError(position, f"{word!r}, which is not a SPARQL 1.1 keyword")
        value = _string_value(word) if kind is Kind.STRING else None
        found.append(Token(kind, word, position, match.end(), value))
        position = match.end()
    return found


def _separated(before: Token, after: Token) -> bool:
    """Whether two adjacent tokens must be written apart so that no reader joins them.

    SPARQL 1.2 readers (Oxigraph's among them) know ``<<``, ``>>``, ``{|``, ``|}``,
    ``)>>`` and ``@en--ltr``, which SPARQL 1.1 reads as two tokens.
    """
    pair = before.text[-1] + after.text[0]
    return pair in ("<<", ">>", "{|", "|}", ")>") or (
        before.kind is Kind.LANGUAGE_TAG and after.text.startswith("-")
    )


def _written(token: Token) -> str:
    if token.kind is Kind.STRING:
        assert token.value is not None
        return '"' + re.sub(r'[\\"\n\r\t\b\f]', lambda m: _ESCAPE[m.group()], token.value) + '"'
    return token.text


def normalized(text: str, found: list[Token]) -> tuple[str, list[int]]:
    """``text`` written again from its tokens ``found``, and where each token now starts.

    Comments are dropped; the white space between two tokens becomes one space, or as many
    line feeds as it held line breaks (so line numbers stay those of ``text``); every string
    is written in double quotes with the grammar's escapes and no raw line break; tokens
    that touched still touch, unless a reader of SPARQL 1.2 would join them.
    """
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    previous: Token | None = None
    carried = 0  # line breaks inside strings, which are now escaped
    for token in found:
        gap = text[previous.end if previous is not None else 0 : token.start]
        breaks = len(_BREAK.findall(gap)) + carried
        if breaks:
            space = "\n" * breaks
        elif previous is None:
            space = ""
        elif gap or _separated(previous, token):
            space = " "
        else:
            space = ""
        written = _written(token)
        parts += [space, written]
        starts.append(length + len(space))
        length += len(space) + len(written)
        carried = len(_BREAK.findall(token.text)) if token.kind is Kind.STRING else 0
        previous = token
    return "".join(parts), starts


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """The line and column (both from 1) of ``offset`` in ``text``, every break counted."""
    before = text[:offset]
    lines = _BREAK.split(before)
    return len(lines), len(lines[-1]) + 1
