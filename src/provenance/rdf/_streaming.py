"""Claims written as they come, from any iterable, holding none of them.

:func:`stream_turtle` and :func:`stream_ntriples` use the generated templates
(:mod:`._templates`) for any iterable of claims, in its order: before a claim, each record
it refers to that was not described yet. A set of 16-byte content fingerprints remembers
which records were, so the same record is described once while two different records
that share an IRI are both written, and reading the file back reports their conflict.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .._iri import Record, check_base
from .._model import Agent, Claim, Source, Stance
from .._namespace import DEFAULT_BASE
from ..errors import ValidationError
from ._output import StrPath
from ._templates import NTriplesText, RecordText, TurtleText, write_pieces

__all__ = ["Fingerprints", "stream_ntriples", "stream_turtle"]

_PIECES = 512
"""Pieces of text per chunk of output, as a collection's writers make them."""

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

    def __init__(self, text: RecordText, owner: str) -> None:
        self.text = text
        self.owner = owner
        self.written = Fingerprints()
        """Content fingerprints of the records described."""
        self.stances: set[Stance] = set()
        self.claims = 0

    def key(self, record: Record) -> bytes:
        return record._fp

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
            stack.extend((part, None) for part in reversed(_parts(record, text.cache)))


def _by_iri(records: Iterable[Record], cache: dict[Record, str]) -> list[Any]:
    """Records of one kind in the order of their IRIs: by digest."""
    return sorted(set(records), key=cache.__getitem__)


def _parts(record: Record, cache: dict[Record, str]) -> list[Record]:
    """The records ``record`` refers to, in the order a stream describes them."""
    if isinstance(record, Claim):
        linked = _by_iri(record.supports | record.contests, cache)
        return [record.proposition, record.claimant, record.source, *linked]
    if isinstance(record, Source):
        return [record.outlet, *_by_iri((d.source for d in record.derived_from), cache)]
    if isinstance(record, Agent) and record.on_behalf_of is not None:
        return [record.on_behalf_of]
    return []


def _stream(owner: str, text: RecordText, claims: Iterable[Claim], path: StrPath) -> int:
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
    return _stream("stream_turtle", TurtleText(base), claims, path)


def stream_ntriples(claims: Iterable[Claim], path: StrPath, *, base: str = DEFAULT_BASE) -> int:
    """Write claims to ``path`` as N-Triples in the order they come, holding none of them.

    As :func:`stream_turtle`, one line per triple: for collections too large to hold,
    where :func:`write_ntriples` gives a collection's canonical, sorted document.
    """
    check_base(base)
    return _stream("stream_ntriples", NTriplesText(base), claims, path)
