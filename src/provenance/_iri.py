"""Deterministic IRIs derived from what identifies a record.

Each record's IRI is ``{base}{kind}/{digest}``, where the digest is a SHA-256 of the
record's identifying fields (for a claim: its proposition, claimant, source, stance,
time, words and language). The same record gets the same IRI on every run and machine;
a record whose identifying fields change gets a new one. Fields that grade or link a
record (a claim's confidence, its supports and contests; an agent's aliases) are not
part of its identity, so correcting them keeps the IRI; two records that agree on
identity but differ there are a :class:`~provenance.errors.ConflictError` in a
collection.
"""

from __future__ import annotations

import hashlib
from json.encoder import encode_basestring as _quote

from ._model import Agent, Claim, Outlet, Proposition, Source
from ._namespace import DEFAULT_BASE
from ._values import Time, check_iri, time_lexical
from .errors import ValidationError

__all__ = ["Record", "check_base", "digest", "iri", "iri_of", "kind_of"]

Record = Proposition | Agent | Outlet | Source | Claim

_KINDS: dict[type, str] = {
    Proposition: "proposition",
    Agent: "agent",
    Outlet: "outlet",
    Source: "source",
    Claim: "claim",
}


def kind_of(record: Record) -> str:
    """The path segment naming the record's class in its IRI (``"claim"``)."""
    return _KINDS[type(record)]


def _optional_time(value: Time | None) -> str | None:
    return None if value is None else time_lexical(value)


def _identity(record: Record, cache: dict[Record, str]) -> list[str | None]:
    if isinstance(record, Proposition):
        return ["proposition", record.text, record.language]
    if isinstance(record, Agent):
        return ["agent", record.kind.value, record.name]
    if isinstance(record, Outlet):
        return ["outlet", record.name]
    if isinstance(record, Source):
        return [
            "source",
            digest(record.outlet, cache),
            _optional_time(record.published),
            record.title,
            record.url,
            record.language,
        ]
    return [
        "claim",
        digest(record.proposition, cache),
        digest(record.claimant, cache),
        digest(record.source, cache),
        record.stance.iri,
        _optional_time(record.made_at),
        record.text,
        record.language,
    ]


def _json(items: list[str | None]) -> bytes:
    """``json.dumps(items, ensure_ascii=False, separators=(",", ":"))`` in UTF-8, written
    out: the same bytes (IRIs must never change) at half the cost, which counts when a
    million records are hashed."""
    return (
        "[" + ",".join(["null" if item is None else _quote(item) for item in items]) + "]"
    ).encode("utf-8")


def digest(record: Record, cache: dict[Record, str] | None = None) -> str:
    """A 128-bit hex digest of the record's identifying fields.

    ``cache`` may be shared across calls to avoid hashing shared sub-records
    (the outlet of ten thousand sources) again and again.
    """
    if cache is not None:
        found = cache.get(record)
        if found is not None:
            return found
    value = hashlib.sha256(_json(_identity(record, {} if cache is None else cache))).hexdigest()[
        :32
    ]
    if cache is not None:
        cache[record] = value
    return value


def iri(record: Record, base: str = DEFAULT_BASE, cache: dict[Record, str] | None = None) -> str:
    """The record's IRI under ``base``."""
    return f"{base}{kind_of(record)}/{digest(record, cache)}"


def check_base(base: str) -> None:
    """Refuse a base under which minted IRIs would not be absolute IRIs."""
    check_iri("base", "base", base)
    if base[-1] not in "/#:":
        raise ValidationError("base", "base", base, "an absolute IRI ending in '/', '#' or ':'")


def iri_of(record: Record, *, base: str = DEFAULT_BASE) -> str:
    """The IRI a record gets in RDF written with ``base``: the same on every run and machine.

    >>> from provenance import Proposition
    >>> iri_of(Proposition("The sky is blue."), base="https://example.org/data/")
    'https://example.org/data/proposition/...'
    """
    check_base(base)
    if not isinstance(record, Proposition | Agent | Outlet | Source | Claim):
        raise ValidationError(
            "iri_of", "record", record, "a Claim, Proposition, Agent, Outlet or Source"
        )
    return iri(record, base)
