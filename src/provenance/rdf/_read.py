"""Reading a parsed document: the quick reader where it can, the careful one otherwise.

Both build the same collection from the same document (a property test holds them to
it). The quick reader (:mod:`._quick`) takes documents shaped as our writers shape them
and steps aside on anything else; the careful reader (:mod:`._careful`) reads any
document and names the exact node and property of any fault.
"""

from __future__ import annotations

from collections.abc import Iterable

from .._collection import ClaimSet
from .._gc import collector_paused
from ._careful import read_carefully
from ._quick import read_quads
from ._reading import Document
from ._terms import Triple

__all__ = ["read_triples"]


def read_triples(triples: Iterable[Triple]) -> ClaimSet:
    """Build a :class:`ClaimSet` from triples; every typed record is kept, claimed or not.

    A parsed :class:`~provenance.rdf._reading.Document` is first offered to the quick
    reader, which reads documents shaped as we write them several times faster and
    hands anything else back to be read carefully. The cyclic garbage collector is
    paused meanwhile: a read builds many objects and frees none.
    """
    with collector_paused():
        if isinstance(triples, Document):
            quick = read_quads(triples.quads())
            if quick is not None:
                return quick
        return read_carefully(triples)
