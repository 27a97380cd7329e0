"""Turtle and N-Triples written a record at a time from templates; streamed exports.

The generic writers (:func:`._stream.triples`, formatted by :func:`._turtle.turtle_chunks`
or :func:`._ntriples.ntriples_chunks`) build a tuple for every triple and sort each
record's triples. They stay the reference, and what every other format uses. For the
two formats large exports are made in, this module writes each record's text straight
from its fields instead: within a record the mapping's order follows from the
predicates' IRIs alone (``rdf:type`` first, then by predicate, then by object), so it
is worked out once, as the order of the templates below, not sorted again per record.
The bytes are the generic path's, byte for byte; a property test holds the two equal,
and would catch a vocabulary term renamed so that it sorts elsewhere.

Claims, sources and propositions (nearly every record of a large collection) have
templates. Agents, outlets and custom stances (a few hundred in a large collection, and
the records with aliases, grades and chains of principals) are said by the mapping's
own triples, formatted by the generic writers: exact by construction, at a cost that
does not matter.

Record IRIs are always written in full (``<…>``), never as prefixed names: the part of
a minted IRI after its last ``/`` is never a whole local name of a declared namespace
(no namespace ends in ``claim/``, ``attribution/`` or ``reliability/``), so the Turtle
writer's prefixed-name rule never applies to them, whatever the base.

:func:`stream_turtle` and :func:`stream_ntriples` use the same templates for any
iterable of claims, in its order, holding none of them: before a claim, each record it
refers to that was not described yet. A set of 16-byte content fingerprints remembers
which records were, so the same record is described once while two different records
that share an IRI are both written, and reading the file back reports their conflict.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .._collection import ClaimSet
from .._iri import Record, check_base, digest
from .._model import Agent, Claim, DerivationKind, Outlet, Proposition, Source, Stance, _fingerprint
from .._namespace import DEFAULT_BASE
from ..errors import ValidationError
from ._literals import decimal_lexical, time_literal
from ._ntriples import literal as nt_literal
from ._ntriples import ntriples_chunks
from ._output import StrPath, atomic_write, quoted
from ._stream import _KINDS, _digests, _of_kind
from ._terms import (
    ATTRIBUTION,
    CLAIM,
    CLAIMANT_ROLE,
    DATE,
    ENTITY,
    GENERATED_AT_TIME,
    HAD_PRIMARY_SOURCE,
    HAD_ROLE,
    LANGUAGE,
    OUTLET_ROLE,
    P_ANALYTIC_CONFIDENCE,
    P_CONFIDENCE,
    P_CONTESTS,
    P_CREDIBILITY,
    P_ESTIMATIVE_TERM,
    P_ESTIMATIVE_WORDING,
    P_PROPOSITION,
    P_STANCE,
    P_STATEMENT,
    P_SUPPORTS,
    P_WAS_TRANSLATED_FROM,
    PAGE,
    PREFIXES,
    PROPOSITION,
    PROV_AGENT,
    QUALIFIED_ATTRIBUTION,
    SOURCE,
    TITLE,
    TYPE,
    VALUE,
    WAS_ATTRIBUTED_TO,
    WAS_DERIVED_FROM,
    WAS_QUOTED_FROM,
    XSD_DATE,
    XSD_DATETIME,
    XSD_DECIMAL,
    XSD_GYEAR,
    XSD_GYEARMONTH,
    XSD_LANGUAGE,
    Lit,
    Triple,
)
from ._turtle import Prefixes, turtle_chunks
from ._write import ANALYTIC_CONFIDENCE, CREDIBILITY, ESTIMATIVE_TERMS, _sort_key, _Writer

__all__ = [
    "encoded",
    "joined",
    "ntriples_pieces",
    "stream_ntriples",
    "stream_turtle",
    "turtle_pieces",
    "write_pieces",
]

_PIECES = 512
"""Pieces of text per chunk of output: a hundred records or more, a few hundred kilobytes,
about what the generic writers put in a chunk."""

_LIMIT = 1 << 11
"""Entries a stream's caches hold before they are emptied: memory stays flat. Digests are
cached by record, so the cache holds as many records alive."""

_DERIVATION_PLACES = (
    (DerivationKind.PRIMARY_SOURCE,),
    (DerivationKind.DERIVED, DerivationKind.QUOTED),
    (DerivationKind.TRANSLATED,),
)
"""Derivations by where their predicates sort: before ``prov:wasAttributedTo``, between it
and ``foaf:page``, after that."""

_TIMES = (XSD_DATETIME, XSD_DATE, XSD_GYEARMONTH, XSD_GYEAR)


_TAGS: dict[str, str] = {}
"""Language tags as written (``@`` and the tag in lower case): there are a few."""


def _text(value: str, language: str | None) -> str:
    """A string as both formats write it, tagged with its language in lower case."""
    if language is None:
        return quoted(value)
    tag = _TAGS.get(language)
    if tag is None:
        tag = f"@{language.lower()}"
        if len(_TAGS) < _LIMIT:
            _TAGS[language] = tag
    return quoted(value) + tag


@functools.lru_cache(maxsize=_LIMIT)
def _turtle_decimal(value: float) -> str:
    """A confidence as Turtle writes it: claims share a few values."""
    return _P.literal(Lit(decimal_lexical(value), XSD_DECIMAL))


@functools.lru_cache(maxsize=_LIMIT)
def _nt_decimal(value: float) -> str:
    """A confidence as N-Triples writes it."""
    return nt_literal(Lit(decimal_lexical(value), XSD_DECIMAL))


def _sorted_digests(records: Iterable[Record], cache: dict[Record, str]) -> list[str]:
    """Digests of ``records``, each once, in order: IRIs of one kind sort as their digests."""
    return sorted({cache[record] for record in records})


class _Digests(dict[Record, str]):
    """Digests worked out when first asked for: a stream has no collection's to reuse."""

    def __missing__(self, record: Record) -> str:
        return digest(record, self)


class _Text:
    """One format's text of each record, with the IRIs it needs worked out once.

    A record's text is appended to a list of pieces, not joined: claims' words are
    often outside Latin-1, and a piece holding them would make every character of its
    record (IRIs, mostly) take four bytes until the file is written. Kept apart, the
    IRIs stay one byte a character and encode to UTF-8 as a copy.

    ``cache`` is a collection's own digest of every record it holds (and so of every
    record those refer to); without one, digests are worked out as they are needed.
    """

    header = ""

    def __init__(self, base: str, cache: dict[Record, str] | None = None) -> None:
        self.base = base
        self.cache: dict[Record, str] = cache if cache else _Digests()
        self.refs: dict[int, str] = {}
        """Agents' and outlets' IRIs as written, by identity: every claim and source
        names one, and an identity look-up is cheaper than hashing the record."""
        self.held: list[Agent | Outlet] = []
        """The records ``refs`` has texts for, held so that no other takes their identity."""
        self.languages: dict[str, str] = {}
        """``dcterms:language`` literals as written: there are a few languages."""
        self.stances: dict[str, str] = {}
        """Stances' IRIs as written."""
        self.custom: dict[str, Stance] = {}
        """Stances the shipped vocabulary does not define, by IRI, as they were met."""
        self.writer = _Writer(base)
        self.writer.cache = self.cache

    def ref(self, record: Agent | Outlet) -> str:
        kind = "agent" if isinstance(record, Agent) else "outlet"
        found = self.refs[id(record)] = f"<{self.base}{kind}/{self.cache[record]}>"
        self.held.append(record)
        return found

    def stance_iri(self, stance: Stance) -> str:
        if not stance.is_builtin:
            self.custom.setdefault(stance.iri, stance)
        found = self.stances[stance.iri] = self.iri(stance.iri)
        return found

    def trim(self) -> None:
        """Forget what was cached once it is a lot: a stream's memory stays flat."""
        if len(self.cache) > _LIMIT:
            self.cache.clear()
        if len(self.refs) > _LIMIT:
            self.refs.clear()
            self.held.clear()

    def record(self, record: Record, out: list[str]) -> None:
        """Append the record's text, in the mapping's order within a record."""
        if isinstance(record, Claim):
            self.claim(record, self.cache[record], out)
        elif isinstance(record, Source):
            self.source(record, self.cache[record], out)
        elif isinstance(record, Proposition):
            self.proposition(record, self.cache[record], out)
        else:
            self.general(record, "", out)

    def general(self, record: Record, _digest: str, out: list[str]) -> None:
        """Append a rare record's text: the mapping's own triples, formatted as generic."""
        out.append(self.triples(sorted(self.writer.record(record), key=_sort_key)))

    def stance(self, stance: Stance, out: list[str]) -> None:
        """Append a stance the shipped vocabulary does not define."""
        out.append(self.triples(sorted(self.writer.stance(stance), key=_sort_key)))

    def derivations(self, source: Source) -> dict[DerivationKind, list[str]]:
        """The IRIs a source derives from, as written, by kind of derivation, each kind sorted."""
        found: dict[DerivationKind, set[str]] = {}
        for link in source.derived_from:
            found.setdefault(link.kind, set()).add(self.cache[link.source])
        return {
            kind: [f"<{self.base}source/{d}>" for d in sorted(digests)]
            for kind, digests in found.items()
        }

    def triples(self, triples: Iterable[Triple]) -> str:
        raise NotImplementedError

    def language(self, language: str) -> str:
        raise NotImplementedError

    def iri(self, iri: str) -> str:
        raise NotImplementedError

    def claim(self, c: Claim, d: str, out: list[str]) -> None:
        raise NotImplementedError

    def source(self, src: Source, d: str, out: list[str]) -> None:
        raise NotImplementedError

    def proposition(self, p: Proposition, d: str, out: list[str]) -> None:
        raise NotImplementedError


# --------------------------------------------------------------------------- Turtle

_P = Prefixes(PREFIXES)


def _verb(predicate: str) -> str:
    """A further predicate of a Turtle subject block, as the generic writer starts it."""
    return f" ;\n\t{_P.verb(predicate)} "


_T_CLAIM = f" {_P.verb(TYPE)} {_P.iri(ENTITY)} , {_P.iri(CLAIM)}"
_T_SOURCE = f" {_P.verb(TYPE)} {_P.iri(ENTITY)} , {_P.iri(SOURCE)}"
_T_PROPOSITION = f" {_P.verb(TYPE)} {_P.iri(ENTITY)} , {_P.iri(PROPOSITION)}"
_T_DATE = _verb(DATE)
_T_LANGUAGE = _verb(LANGUAGE)
_T_TITLE = _verb(TITLE)
_T_GENERATED = _verb(GENERATED_AT_TIME)
_T_QUALIFIED = _verb(QUALIFIED_ATTRIBUTION)
_T_VALUE = _verb(VALUE)
_T_ATTRIBUTED = _verb(WAS_ATTRIBUTED_TO)
_T_DERIVED = _verb(WAS_DERIVED_FROM)
_T_ANALYTIC = _verb(P_ANALYTIC_CONFIDENCE)
_T_CONFIDENCE = _verb(P_CONFIDENCE)
_T_CONTESTS = _verb(P_CONTESTS)
_T_CREDIBILITY = _verb(P_CREDIBILITY)
_T_TERM = _verb(P_ESTIMATIVE_TERM)
_T_WORDING = _verb(P_ESTIMATIVE_WORDING)
_T_PROPOSITION_OF = _verb(P_PROPOSITION)
_T_STANCE = _verb(P_STANCE)
_T_SUPPORTS = _verb(P_SUPPORTS)
_T_STATEMENT = _verb(P_STATEMENT)
_T_PAGE = _verb(PAGE)
_T_DERIVATIONS = {
    DerivationKind.PRIMARY_SOURCE: _verb(HAD_PRIMARY_SOURCE),
    DerivationKind.DERIVED: _verb(WAS_DERIVED_FROM),
    DerivationKind.QUOTED: _verb(WAS_QUOTED_FROM),
    DerivationKind.TRANSLATED: _verb(P_WAS_TRANSLATED_FROM),
}
_T_ATTRIBUTION = (
    f" {_P.verb(TYPE)} {_P.iri(ATTRIBUTION)} ;\n\t{_P.verb(HAD_ROLE)} {{}} ;\n\t"
    f"{_P.verb(PROV_AGENT)} "
)
_T_BY_CLAIMANT = _T_ATTRIBUTION.format(_P.iri(CLAIMANT_ROLE))
_T_BY_OUTLET = _T_ATTRIBUTION.format(_P.iri(OUTLET_ROLE))
_T_TIMES = {datatype: f'"^^{_P.iri(datatype)}' for datatype in _TIMES}
"""The end of a time literal: times are digits and ``-:.TZ+``, which need no escape."""
_T_ANALYTIC_LEVELS = {level: _P.iri(iri) for level, iri in ANALYTIC_CONFIDENCE.items()}
_T_CREDIBILITY_GRADES = {grade: _P.iri(iri) for grade, iri in CREDIBILITY.items()}
_T_TERMS = {term: _P.iri(iri) for term, iri in ESTIMATIVE_TERMS.items()}


class _Turtle(_Text):
    """Each record as a Turtle subject block (and its attribution nodes' blocks)."""

    header = _P.header()

    def triples(self, triples: Iterable[Triple]) -> str:
        return "".join(turtle_chunks(triples, _P))

    def language(self, language: str) -> str:
        found = self.languages[language] = _P.literal(Lit(language, XSD_LANGUAGE))
        return found

    def iri(self, iri: str) -> str:
        return _P.iri(iri)

    def claim(self, c: Claim, d: str, out: list[str]) -> None:
        base = self.base
        s = f"{base}claim/{d}"
        claimant = self.refs.get(id(c.claimant)) or self.ref(c.claimant)
        source = c.source
        outlet = self.refs.get(id(source.outlet)) or self.ref(source.outlet)
        language = c.language
        date = generated = tag = ""
        if c.made_at is not None:
            lexical, datatype = time_literal(c.made_at)
            if datatype == XSD_DATETIME:
                generated = f'{_T_GENERATED}"{lexical}{_T_TIMES[datatype]}'
            else:
                date = f'{_T_DATE}"{lexical}{_T_TIMES[datatype]}'
        if language is not None:
            tag = _T_LANGUAGE + (self.languages.get(language) or self.language(language))
        head = (
            f"<{s}>{_T_CLAIM}{date}{tag}{generated}"
            f"{_T_QUALIFIED}<{s}/attribution/claimant> , <{s}/attribution/outlet>"
        )
        if c.text is not None:
            out += (f"{head}{_T_VALUE}", _text(c.text, language))
            head = ""
        head = (
            f"{head}{_T_ATTRIBUTED}{claimant} , {outlet}"
            f"{_T_DERIVED}<{base}source/{self.cache[source]}>"
        )
        if (
            c.confidence is not None
            or c.contests
            or c.credibility is not None
            or c.analytic_confidence is not None
        ):
            head = self.grading(c, head, out)
        stance = self.stances.get(c.stance.iri) or self.stance_iri(c.stance)
        supports = ""
        if c.supports:
            digests = _sorted_digests(c.supports, self.cache)
            supports = _T_SUPPORTS + " , ".join([f"<{base}claim/{x}>" for x in digests])
        out.append(
            f"{head}{_T_PROPOSITION_OF}<{base}proposition/{self.cache[c.proposition]}>"
            f"{_T_STANCE}{stance}{supports} .\n"
            f"<{s}/attribution/claimant>{_T_BY_CLAIMANT}{claimant} .\n"
            f"<{s}/attribution/outlet>{_T_BY_OUTLET}{outlet} .\n"
        )

    def grading(self, c: Claim, head: str, out: list[str]) -> str:
        """``head`` followed by how the claim is graded, from pc:analyticConfidence to
        pc:estimativeWording, the wording's words as a piece of their own."""
        parts = [head]
        confidence = c.confidence
        if c.analytic_confidence is not None:
            parts += (_T_ANALYTIC, _T_ANALYTIC_LEVELS[c.analytic_confidence])
        if confidence is not None and confidence.value is not None:
            parts += (_T_CONFIDENCE, _turtle_decimal(confidence.value))
        if c.contests:
            digests = _sorted_digests(c.contests, self.cache)
            parts += (_T_CONTESTS, " , ".join([f"<{self.base}claim/{x}>" for x in digests]))
        if c.credibility is not None:
            parts += (_T_CREDIBILITY, _T_CREDIBILITY_GRADES[c.credibility])
        if confidence is not None:
            if confidence.term is not None:
                parts += (_T_TERM, _T_TERMS[confidence.term])
            if confidence.wording is not None:
                parts.append(_T_WORDING)
                out += ("".join(parts), _text(confidence.wording, c.language))
                return ""
        return "".join(parts)

    def source(self, src: Source, d: str, out: list[str]) -> None:
        language = src.language
        date = generated = tag = ""
        if src.published is not None:
            lexical, datatype = time_literal(src.published)
            if datatype == XSD_DATETIME:
                generated = f'{_T_GENERATED}"{lexical}{_T_TIMES[datatype]}'
            else:
                date = f'{_T_DATE}"{lexical}{_T_TIMES[datatype]}'
        if language is not None:
            tag = _T_LANGUAGE + (self.languages.get(language) or self.language(language))
        head = f"<{self.base}source/{d}>{_T_SOURCE}{date}{tag}"
        if src.title is not None:
            out += (f"{head}{_T_TITLE}", _text(src.title, language))
            head = ""
        outlet = self.refs.get(id(src.outlet)) or self.ref(src.outlet)
        page = ""
        if src.url is not None:
            page = _T_PAGE + (_P.known.get(src.url) or _P.iri(src.url))
        if src.derived_from:
            derived = self.derivations(src)
            before, between, after = (
                "".join(
                    [
                        f"{_T_DERIVATIONS[kind]}{' , '.join(derived[kind])}"
                        for kind in kinds
                        if kind in derived
                    ]
                )
                for kinds in _DERIVATION_PLACES
            )
            out.append(
                f"{head}{generated}{before}{_T_ATTRIBUTED}{outlet}{between}{page}{after} .\n"
            )
        else:
            out.append(f"{head}{generated}{_T_ATTRIBUTED}{outlet}{page} .\n")

    def proposition(self, p: Proposition, d: str, out: list[str]) -> None:
        head = f"<{self.base}proposition/{d}>{_T_PROPOSITION}"
        language = p.language
        if language is not None:
            tag = self.languages.get(language) or self.language(language)
            head = f"{head}{_T_LANGUAGE}{tag}"
        out += (f"{head}{_T_STATEMENT}", f"{_text(p.text, language)} .\n")


# --------------------------------------------------------------------------- N-Triples


def _line(predicate: str, obj: str) -> str:
    """The rest of an N-Triples line after its subject, where the object is fixed."""
    return f"<{predicate}> {obj} .\n"


_N_ENTITY = _line(TYPE, f"<{ENTITY}>")
_N_CLAIM = _line(TYPE, f"<{CLAIM}>")
_N_SOURCE = _line(TYPE, f"<{SOURCE}>")
_N_PROPOSITION = _line(TYPE, f"<{PROPOSITION}>")
_N_ATTRIBUTION = _line(TYPE, f"<{ATTRIBUTION}>")
_N_DATE = f"<{DATE}> "
_N_LANGUAGE = f"<{LANGUAGE}> "
_N_TITLE = f"<{TITLE}> "
_N_GENERATED = f"<{GENERATED_AT_TIME}> "
_N_QUALIFIED = f"<{QUALIFIED_ATTRIBUTION}> "
_N_VALUE = f"<{VALUE}> "
_N_ATTRIBUTED = f"<{WAS_ATTRIBUTED_TO}> "
_N_DERIVED = f"<{WAS_DERIVED_FROM}> "
_N_ANALYTIC = f"<{P_ANALYTIC_CONFIDENCE}> "
_N_CONFIDENCE = f"<{P_CONFIDENCE}> "
_N_CONTESTS = f"<{P_CONTESTS}> "
_N_CREDIBILITY = f"<{P_CREDIBILITY}> "
_N_TERM = f"<{P_ESTIMATIVE_TERM}> "
_N_WORDING = f"<{P_ESTIMATIVE_WORDING}> "
_N_PROPOSITION_OF = f"<{P_PROPOSITION}> "
_N_STANCE = f"<{P_STANCE}> "
_N_SUPPORTS = f"<{P_SUPPORTS}> "
_N_STATEMENT = f"<{P_STATEMENT}> "
_N_PAGE = f"<{PAGE}> "
_N_DERIVATIONS = {
    DerivationKind.PRIMARY_SOURCE: f"<{HAD_PRIMARY_SOURCE}> ",
    DerivationKind.DERIVED: f"<{WAS_DERIVED_FROM}> ",
    DerivationKind.QUOTED: f"<{WAS_QUOTED_FROM}> ",
    DerivationKind.TRANSLATED: f"<{P_WAS_TRANSLATED_FROM}> ",
}
_N_BY_CLAIMANT = _line(HAD_ROLE, f"<{CLAIMANT_ROLE}>")
_N_BY_OUTLET = _line(HAD_ROLE, f"<{OUTLET_ROLE}>")
_N_AGENT = f"<{PROV_AGENT}> "
_N_TIMES = {datatype: f'"^^<{datatype}>' for datatype in _TIMES}
_N_ANALYTIC_LEVELS = {level: f"<{iri}>" for level, iri in ANALYTIC_CONFIDENCE.items()}
_N_CREDIBILITY_GRADES = {grade: f"<{iri}>" for grade, iri in CREDIBILITY.items()}
_N_TERMS = {term: f"<{iri}>" for term, iri in ESTIMATIVE_TERMS.items()}


class _NTriples(_Text):
    """Each record as canonical N-Triples lines."""

    def triples(self, triples: Iterable[Triple]) -> str:
        return "".join(ntriples_chunks(triples))

    def language(self, language: str) -> str:
        found = self.languages[language] = nt_literal(Lit(language, XSD_LANGUAGE))
        return found

    def iri(self, iri: str) -> str:
        return f"<{iri}>"

    def claim(self, c: Claim, d: str, out: list[str]) -> None:
        base = self.base
        s = f"{base}claim/{d}"
        S = f"<{s}> "  # noqa: N806 - the subject as written, as in the templates
        claimant = self.refs.get(id(c.claimant)) or self.ref(c.claimant)
        source = c.source
        outlet = self.refs.get(id(source.outlet)) or self.ref(source.outlet)
        language = c.language
        date = generated = tag = ""
        if c.made_at is not None:
            lexical, datatype = time_literal(c.made_at)
            if datatype == XSD_DATETIME:
                generated = f'{S}{_N_GENERATED}"{lexical}{_N_TIMES[datatype]} .\n'
            else:
                date = f'{S}{_N_DATE}"{lexical}{_N_TIMES[datatype]} .\n'
        if language is not None:
            tag = f"{S}{_N_LANGUAGE}{self.languages.get(language) or self.language(language)} .\n"
        head = (
            f"{S}{_N_ENTITY}{S}{_N_CLAIM}{date}{tag}{generated}"
            f"{S}{_N_QUALIFIED}<{s}/attribution/claimant> .\n"
            f"{S}{_N_QUALIFIED}<{s}/attribution/outlet> .\n"
        )
        if c.text is not None:
            out += (f"{head}{S}{_N_VALUE}", _text(c.text, language))
            head = " .\n"
        head = (
            f"{head}{S}{_N_ATTRIBUTED}{claimant} .\n{S}{_N_ATTRIBUTED}{outlet} .\n"
            f"{S}{_N_DERIVED}<{base}source/{self.cache[source]}> .\n"
        )
        if (
            c.confidence is not None
            or c.contests
            or c.credibility is not None
            or c.analytic_confidence is not None
        ):
            head = self.grading(c, S, head, out)
        stance = self.stances.get(c.stance.iri) or self.stance_iri(c.stance)
        supports = ""
        if c.supports:
            digests = _sorted_digests(c.supports, self.cache)
            supports = "".join([f"{S}{_N_SUPPORTS}<{base}claim/{x}> .\n" for x in digests])
        by = f"<{s}/attribution/claimant> "
        on = f"<{s}/attribution/outlet> "
        out.append(
            f"{head}{S}{_N_PROPOSITION_OF}<{base}proposition/{self.cache[c.proposition]}> .\n"
            f"{S}{_N_STANCE}{stance} .\n{supports}"
            f"{by}{_N_ATTRIBUTION}{by}{_N_BY_CLAIMANT}{by}{_N_AGENT}{claimant} .\n"
            f"{on}{_N_ATTRIBUTION}{on}{_N_BY_OUTLET}{on}{_N_AGENT}{outlet} .\n"
        )

    def grading(self, c: Claim, S: str, head: str, out: list[str]) -> str:  # noqa: N803
        """``head`` followed by how the claim is graded, from pc:analyticConfidence to
        pc:estimativeWording, the wording's words as a piece of their own."""
        parts = [head]
        confidence = c.confidence
        if c.analytic_confidence is not None:
            parts += (S, _N_ANALYTIC, _N_ANALYTIC_LEVELS[c.analytic_confidence], " .\n")
        if confidence is not None and confidence.value is not None:
            parts += (S, _N_CONFIDENCE, _nt_decimal(confidence.value), " .\n")
        for x in _sorted_digests(c.contests, self.cache) if c.contests else ():
            parts.append(f"{S}{_N_CONTESTS}<{self.base}claim/{x}> .\n")
        if c.credibility is not None:
            parts += (S, _N_CREDIBILITY, _N_CREDIBILITY_GRADES[c.credibility], " .\n")
        if confidence is not None:
            if confidence.term is not None:
                parts += (S, _N_TERM, _N_TERMS[confidence.term], " .\n")
            if confidence.wording is not None:
                parts += (S, _N_WORDING)
                out += ("".join(parts), _text(confidence.wording, c.language))
                return " .\n"
        return "".join(parts)

    def source(self, src: Source, d: str, out: list[str]) -> None:
        S = f"<{self.base}source/{d}> "  # noqa: N806 - as in claim()
        language = src.language
        date = generated = tag = ""
        if src.published is not None:
            lexical, datatype = time_literal(src.published)
            if datatype == XSD_DATETIME:
                generated = f'{S}{_N_GENERATED}"{lexical}{_N_TIMES[datatype]} .\n'
            else:
                date = f'{S}{_N_DATE}"{lexical}{_N_TIMES[datatype]} .\n'
        if language is not None:
            tag = f"{S}{_N_LANGUAGE}{self.languages.get(language) or self.language(language)} .\n"
        head = f"{S}{_N_ENTITY}{S}{_N_SOURCE}{date}{tag}"
        if src.title is not None:
            out += (f"{head}{S}{_N_TITLE}", _text(src.title, language))
            head = " .\n"
        outlet = self.refs.get(id(src.outlet)) or self.ref(src.outlet)
        page = "" if src.url is None else f"{S}{_N_PAGE}<{src.url}> .\n"
        if src.derived_from:
            derived = self.derivations(src)
            before, between, after = (
                "".join(
                    [
                        f"{S}{_N_DERIVATIONS[kind]}{iri} .\n"
                        for kind in kinds
                        for iri in derived.get(kind, ())
                    ]
                )
                for kinds in _DERIVATION_PLACES
            )
            out.append(
                f"{head}{generated}{before}{S}{_N_ATTRIBUTED}{outlet} .\n{between}{page}{after}"
            )
        else:
            out.append(f"{head}{generated}{S}{_N_ATTRIBUTED}{outlet} .\n{page}")

    def proposition(self, p: Proposition, d: str, out: list[str]) -> None:
        S = f"<{self.base}proposition/{d}> "  # noqa: N806 - as in claim()
        head = f"{S}{_N_ENTITY}{S}{_N_PROPOSITION}"
        language = p.language
        if language is not None:
            tag = self.languages.get(language) or self.language(language)
            head = f"{head}{S}{_N_LANGUAGE}{tag} .\n"
        out += (f"{head}{S}{_N_STATEMENT}", f"{_text(p.text, language)} .\n")


# --------------------------------------------------------------------------- a collection


def _collection_pieces(claims: ClaimSet, text: _Text) -> Iterator[list[str]]:
    """The collection's document: records of each kind in IRI order, then custom stances.

    Each kind's digests are looked up once, to sort by and to write, rather than twice.
    """
    out = [text.header]
    cache = text.cache
    renderers: dict[str, Callable[[Any, str, list[str]], None]] = {
        "claim": text.claim,
        "source": text.source,
        "proposition": text.proposition,
    }
    for kind in _KINDS:
        records = _of_kind(claims, kind)
        digests = [cache[record] for record in records]
        render = renderers.get(kind, text.general)
        for i in sorted(range(len(records)), key=digests.__getitem__):
            render(records[i], digests[i], out)
            if len(out) >= _PIECES:
                yield out
                out = []
    for key in sorted(text.custom):  # every claim was written, so every stance was met
        text.stance(text.custom[key], out)
    yield out


def turtle_pieces(claims: ClaimSet, *, base: str) -> Iterator[list[str]]:
    """The collection as Turtle, in pieces: the generic path's bytes, made faster."""
    check_base(base)
    return _collection_pieces(claims, _Turtle(base, _digests(claims)))


def ntriples_pieces(claims: ClaimSet, *, base: str) -> Iterator[list[str]]:
    """The collection as canonical N-Triples, in pieces, as the generic path writes it."""
    check_base(base)
    return _collection_pieces(claims, _NTriples(base, _digests(claims)))


def joined(pieces: Iterable[list[str]]) -> str:
    """The whole document as one string."""
    return "".join(itertools.chain.from_iterable(pieces))


def encoded(pieces: Iterable[list[str]]) -> Iterator[bytes]:
    """The document in UTF-8, a chunk at a time, each piece encoded as it is."""
    for chunk in pieces:
        yield b"".join([piece.encode("utf-8") for piece in chunk])


def write_pieces(path: StrPath, pieces: Iterable[list[str]]) -> None:
    """Write the document to ``path`` as it is produced, replacing the file once complete."""
    with atomic_write(path) as handle:
        for chunk in encoded(pieces):
            handle.write(chunk)


# --------------------------------------------------------------------------- streams


def _proposition_key(proposition: Proposition) -> bytes:
    """A proposition's fingerprint, made as the model makes the other records'."""
    return _fingerprint("Proposition", proposition.text, proposition.language)


_EMPTY = bytes(16)


class Fingerprints:
    """A set of 16-byte fingerprints packed in one buffer: 32 to 64 bytes a member.

    A Python ``set`` of ``bytes`` costs over a hundred bytes a member (the object, its
    header, the set's slot), which for the millions of records of a large stream is more
    than everything else the writer holds. This is an open-addressing table of 16-byte
    slots, at most half full, probed linearly from the fingerprint's first eight bytes
    (a good hash already: fingerprints are BLAKE2 digests). The all-zero fingerprint
    marks an empty slot; a record whose fingerprint it is (a chance of 2**-128) is
    held apart.
    """

    def __init__(self) -> None:
        self._size = 1 << 10
        self._slots = bytearray(16 * self._size)
        self._count = 0
        self._zero = False

    def __len__(self) -> int:
        return self._count + self._zero

    def __contains__(self, key: bytes) -> bool:
        return self._find(key) < 0

    def add(self, key: bytes) -> None:
        found = self._find(key)
        if found < 0:
            return
        if key == _EMPTY:
            self._zero = True
            return
        self._slots[found : found + 16] = key
        self._count += 1
        if 2 * self._count > self._size:
            self._grow()

    def _find(self, key: bytes) -> int:
        """-1 if ``key`` is held, else the offset of the empty slot where it would go."""
        if len(key) != 16:
            raise ValueError(f"a fingerprint is 16 bytes, not {len(key)}")
        if key == _EMPTY:
            return -1 if self._zero else 0
        slots = self._slots
        mask = self._size - 1
        index = int.from_bytes(key[:8], "little") & mask
        while True:
            offset = index * 16
            slot = slots[offset : offset + 16]
            if slot == key:
                return -1
            if slot == _EMPTY:
                return offset
            index = (index + 1) & mask

    def _grow(self) -> None:
        old = self._slots
        self._size *= 2
        self._slots = bytearray(16 * self._size)
        self._count = 0
        for offset in range(0, len(old), 16):
            key = bytes(old[offset : offset + 16])
            if key != _EMPTY:
                self.add(key)


class _Stream:
    """Claims described in the order they come, each record once, before what refers to it."""

    def __init__(self, text: _Text, owner: str) -> None:
        self.text = text
        self.owner = owner
        self.written = Fingerprints()
        """Content fingerprints of the records described."""
        self.stances: set[Stance] = set()
        self.claims = 0

    def key(self, record: Record) -> bytes:
        if isinstance(record, Agent | Source | Claim):
            return record._fp
        if isinstance(record, Proposition):
            return _proposition_key(record)
        return record._key  # an outlet fingerprints itself

    def pieces(self, claims: Iterable[Claim]) -> Iterator[list[str]]:
        out = [self.text.header]
        for index, claim in enumerate(claims):
            if not isinstance(claim, Claim):
                raise ValidationError(self.owner, f"claims[{index}]", claim, "a Claim")
            self.describe(claim, out)
            if len(out) >= _PIECES:
                yield out
                out = []
                self.text.trim()
        yield out

    def describe(self, claim: Claim, out: list[str]) -> None:
        """Append the claim's text, after that of each record it needs not yet written.

        The records a claim refers to are visited depth first, with a stack rather than
        recursion: a chain of sources or of supported claims can be thousands long.
        """
        text = self.text
        written = self.written
        stack: list[tuple[Record, bytes | None]] = [(claim, None)]
        while stack:
            record, key = stack.pop()
            if key is not None:  # its parts are written: now the record itself
                if key not in written:
                    written.add(key)
                    if isinstance(record, Claim):
                        self.claims += 1
                        stance = record.stance
                        if not stance.is_builtin and stance not in self.stances:
                            self.stances.add(stance)
                            text.stance(stance, out)
                    text.record(record, out)
                continue
            key = self.key(record)
            if key in written:
                continue
            stack.append((record, key))
            stack.extend((part, None) for part in reversed(_parts(record)))


def _by_fingerprint(records: Iterable[Agent | Source | Claim]) -> list[Any]:
    return sorted(records, key=lambda record: record._fp)


def _parts(record: Record) -> list[Record]:
    """The records ``record`` refers to, in the order a stream describes them."""
    if isinstance(record, Claim):
        linked = _by_fingerprint(record.supports | record.contests)
        return [record.proposition, record.claimant, record.source, *linked]
    if isinstance(record, Source):
        return [record.outlet, *_by_fingerprint(d.source for d in record.derived_from)]
    if isinstance(record, Agent) and record.on_behalf_of is not None:
        return [record.on_behalf_of]
    return []


def _stream(owner: str, text: _Text, claims: Iterable[Claim], path: StrPath) -> int:
    stream = _Stream(text, owner)
    write_pieces(path, stream.pieces(claims))
    return stream.claims


def stream_turtle(claims: Iterable[Claim], path: StrPath, *, base: str = DEFAULT_BASE) -> int:
    """Write claims to ``path`` as Turtle in the order they come, holding none of them.

    For collections too large to hold as a :class:`~provenance.ClaimSet` (a million
    claims read from a database): memory stays flat but for a 16-byte fingerprint per
    record described. Before each claim come the records it refers to that were not
    described yet (its proposition, claimant and whoever they act for, source with its
    outlet and the sources it derives from, the claims it supports or contests, a
    custom stance), each once. The same claims in the same order give the same bytes;
    :func:`write_turtle` gives a collection's canonical, order-independent document.
    Two different records that share an IRI are both written, so reading the file
    back reports the conflict rather than one of them being dropped here.

    Returns the number of distinct claims described. The file is replaced only once
    complete; anything but a :class:`~provenance.Claim` among ``claims`` raises
    :class:`~provenance.errors.ValidationError` and leaves it as it was.
    """
    check_base(base)
    return _stream("stream_turtle", _Turtle(base), claims, path)


def stream_ntriples(claims: Iterable[Claim], path: StrPath, *, base: str = DEFAULT_BASE) -> int:
    """Write claims to ``path`` as N-Triples in the order they come, holding none of them.

    As :func:`stream_turtle`, one line per triple: for collections too large to hold,
    where :func:`write_ntriples` gives a collection's canonical, sorted document.
    """
    check_base(base)
    return _stream("stream_ntriples", _NTriples(base), claims, path)
