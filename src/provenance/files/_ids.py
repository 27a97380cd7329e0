"""The ids a collection's records get in a claim file: readable, unique, deterministic.

A record's id is made from what a person recognises it by (an outlet's or agent's name,
or a short alias of a long one; a source's outlet and date; a claim's claimant and
stance; a proposition's first words), made unique with -2, -3… in an order that does
not depend on how the collection was built, so the same claims always get the same ids.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from .._collection import ClaimSet
from .._iri import Record, digest
from .._model import Agent, Claim, Outlet, Proposition, Source, Stance
from .._values import Time, time_bounds, time_lexical
from ..errors import UnknownStanceError

__all__ = ["Ids", "when"]


def _slug_words(text: str, words: int) -> str:
    """A readable id from a name: its first words, lower case, joined by hyphens, accents
    dropped; non-Latin letters are kept, so a Persian name gives a Persian id."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    parts = [w.replace("_", "") for w in re.findall(r"\w+", plain.lower())]
    return "-".join([p for p in parts if p][:words])[:60].strip("-")


def _name_stem(name: str, aliases: Iterable[str]) -> str:
    """An id for a named record: its name, or a short alias for a long name ("ITIC")."""
    words = _slug_words(name, 99).split("-")
    if len(words) <= 3:
        return "-".join(words)
    short = [_slug_words(a, 99) for a in sorted(aliases, key=lambda a: (len(a), a))]
    short = [a for a in short if a and a.count("-") < 3]
    return short[0] if short else _slug_words(name, 4)


def _assign(records: Iterable[Any], base: Callable[[Any], str], fallback: str) -> dict[Any, str]:
    """Ids for records, in order: the base name, or the base name with -2, -3… when taken."""
    ids: dict[Any, str] = {}
    taken: set[str] = set()
    for record in records:
        stem = base(record) or fallback
        ident = stem
        number = 2
        while ident in taken:
            ident = f"{stem}-{number}"
            number += 1
        taken.add(ident)
        ids[record] = ident
    return ids


def _stance_stem(stance: Stance) -> str:
    stem = _slug_words(stance.label, 4) or "stance"
    try:
        Stance.named(stem)
    except UnknownStanceError:
        return stem
    return f"{stem}-own"


@attrs.frozen
class Ids:
    """The ids a collection's records get in a file: readable, unique, deterministic."""

    outlets: dict[Outlet, str]
    agents: dict[Agent, str]
    sources: dict[Source, str]
    propositions: dict[Proposition, str]
    stances: dict[Stance, str]
    claims: dict[Claim, str]

    @classmethod
    def of(cls, claims: ClaimSet) -> Ids:
        """Ids in the order records are written, which does not depend on the order they
        were added in: chronological sources, claims in the order of their sources,
        propositions in the order of their first claim, names alphabetical."""
        cache: dict[Record, str] = {}

        def key(record: Record) -> str:
            return digest(record, cache)

        outlets = _assign(
            sorted(claims.outlets, key=lambda o: (o.name.casefold(), o.name, key(o))),
            lambda o: _name_stem(o.name, o.aliases),
            "outlet",
        )
        agents = _assign(
            sorted(claims.agents, key=lambda a: (a.name.casefold(), a.name, a.kind.value, key(a))),
            lambda a: _name_stem(a.name, a.aliases),
            "agent",
        )

        def source_stem(source: Source) -> str:
            stem = outlets[source.outlet]
            if source.published is not None:
                when = source.published
                if isinstance(when, dt.datetime):
                    when = when.date()
                stem += "-" + time_lexical(when)
            return stem

        ordered_sources = sorted(
            claims.sources,
            key=lambda s: (
                when(s.published),
                s.outlet.name.casefold(),
                s.title or "",
                key(s),
            ),
        )
        sources = _assign(ordered_sources, source_stem, "source")
        position = {source: index for index, source in enumerate(sources)}
        ordered_claims = sorted(
            claims.claims,
            key=lambda c: (
                position[c.source],
                c.claimant.name.casefold(),
                c.stance.label,
                when(c.made_at),
                key(c),
            ),
        )
        used = dict.fromkeys(c.proposition for c in ordered_claims)
        unused = sorted(
            (p for p in claims.propositions if p not in used), key=lambda p: (p.text, key(p))
        )
        propositions = _assign([*used, *unused], lambda p: _slug_words(p.text, 6), "proposition")
        custom = dict.fromkeys(c.stance for c in ordered_claims if not c.stance.is_builtin)
        stances = _assign(custom, _stance_stem, "stance")
        claim_ids = _assign(
            ordered_claims,
            lambda c: agents[c.claimant] + "-" + (_slug_words(c.stance.label, 4) or "claim"),
            "claim",
        )
        return cls(outlets, agents, sources, propositions, stances, claim_ids)


def when(value: Time | None) -> tuple[str, str]:
    """A time's place in chronological order; undated things come first."""
    if value is None:
        return ("", "")
    return (time_bounds(value)[0].isoformat(), time_lexical(value))
