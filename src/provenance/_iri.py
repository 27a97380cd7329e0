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

import datetime as dt
import hashlib
import json

from ._model import Agent, Claim, Outlet, Proposition, Source
from ._namespace import DEFAULT_BASE
from ._values import Time

__all__ = ["Record", "digest", "iri", "kind_of", "time_lexical"]

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


def time_lexical(value: Time) -> str:
    """The XML Schema lexical form of a time at its own precision."""
    if isinstance(value, dt.datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _optional_time(value: Time | None) -> str | None:
    return None if value is None else time_lexical(value)


def _identity(record: Record, cache: dict[Record, str]) -> list[object]:
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


def digest(record: Record, cache: dict[Record, str] | None = None) -> str:
    """A 128-bit hex digest of the record's identifying fields.

    ``cache`` may be shared across calls to avoid hashing shared sub-records
    (the outlet of ten thousand sources) again and again.
    """
    if cache is not None:
        found = cache.get(record)
        if found is not None:
            return found
    payload = json.dumps(
        _identity(record, cache if cache is not None else {}),
        ensure_ascii=False,
        separators=(",", ":"),
    )
    value = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]
    if cache is not None:
        cache[record] = value
    return value


def iri(record: Record, base: str = DEFAULT_BASE, cache: dict[Record, str] | None = None) -> str:
    """The record's IRI under ``base``."""
    return f"{base}{kind_of(record)}/{digest(record, cache)}"
