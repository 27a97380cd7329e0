"""Merging collections: shared records once, clashing records refused.

Records are identified by their content (:mod:`provenance._iri`), so two collections
that recorded the same claim hold it under the same IRI, and the merge holds it once.
Two records that share an identity but differ elsewhere (one claim graded 0.7 in one
collection and 0.8 in the other) cannot both be kept: the merge raises
:class:`~provenance.errors.ConflictError` with both records, and a note saying which
collections they came from.
"""

from __future__ import annotations

from ._collection import ClaimSet
from .errors import ConflictError

__all__ = ["merge"]


def merge(*claim_sets: ClaimSet) -> ClaimSet:
    """A new collection holding every record of ``claim_sets``, each record once.

    >>> from provenance import Agent, Claim, Outlet, Proposition, Source
    >>> said = Claim(proposition=Proposition("Iran was involved."), claimant=Agent(name="Said"),
    ...              source=Source(outlet=Outlet(name="Fars")), stance="denial")
    >>> isna = Claim(proposition=Proposition("Iran was involved."), claimant=Agent(name="ISNA"),
    ...              source=Source(outlet=Outlet(name="ISNA")), stance="report")
    >>> len(merge(ClaimSet([said]), ClaimSet([said, isna])))
    2

    The inputs are left as they were. A record held under one IRI with different details
    in two inputs raises :class:`~provenance.errors.ConflictError` naming both.
    """
    merged = ClaimSet()
    for number, claims in enumerate(claim_sets, start=1):
        if not isinstance(claims, ClaimSet):
            raise TypeError(f"merge() takes ClaimSets, got {type(claims).__name__}")
        for record in claims.records:
            try:
                merged.add(record)
            except ConflictError as error:
                first = _origin(claim_sets, error.first, number)
                error.add_note(
                    f"the first record comes from collection {first}, the second from "
                    f"collection {number} of the {len(claim_sets)} merged"
                )
                raise
    return merged


def _origin(claim_sets: tuple[ClaimSet, ...], record: object, before: int) -> int:
    """The number of the first collection (1-based, before ``before``) that holds ``record``."""
    for number, claims in enumerate(claim_sets[: before - 1], start=1):
        if record in claims:
            return number
    return before
