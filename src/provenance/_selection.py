"""Choosing claims to list: by what they say, who said it, where, which way and when.

:func:`select` is the filter behind ``provenance show`` and ``provenance graph``: names
and texts match by a part of them, whatever the case; times match when they may fall
within the bounds, at whatever precision either is known. Claims come back in the order
listings show them (:func:`in_listing_order`), the same on every run.
"""

from __future__ import annotations

from collections.abc import Iterable

from ._model import Claim, Stance
from ._values import Time, check_time, time_bounds, time_lexical
from .errors import ValidationError

__all__ = ["claim_time", "in_listing_order", "listing_order", "select"]


def claim_time(claim: Claim) -> Time | None:
    """When ``claim`` was made or, where that is not recorded, when its source was published.

    The time listings show and filter on, and the one its claimant's and outlet's
    reliability grades are looked up at. ``None`` when neither time is known.
    """
    return claim.made_at if claim.made_at is not None else claim.source.published


def listing_order(claim: Claim) -> tuple[str, str, str]:
    """The key listings sort claims by: time as written, then stance label, then claimant.

    Times compare by their lexical form, so a claim known only to the year comes before
    the claims of that year known to the month or the day; claims with no time come first.
    """
    when = claim_time(claim)
    return ("" if when is None else time_lexical(when), claim.stance.label, claim.claimant.name)


def in_listing_order(claims: Iterable[Claim]) -> tuple[Claim, ...]:
    """``claims`` sorted by :func:`listing_order`; ties keep the order they were given in."""
    return tuple(sorted(claims, key=listing_order))


def _contains(wanted: str, *candidates: str) -> bool:
    folded = wanted.casefold()
    return any(folded in candidate.casefold() for candidate in candidates)


def _stance(claims: Iterable[Claim], stance: Stance | str) -> Stance:
    """The stance ``stance`` names: one of the claims' stances by its label or IRI, else a
    built-in one by its name (:meth:`Stance.named`, which refuses any other name)."""
    if isinstance(stance, Stance):
        return stance
    if not isinstance(stance, str):
        raise ValidationError("select", "stance", stance, "a Stance or a stance's label or IRI")
    for claim in claims:
        if stance in (claim.stance.label, claim.stance.iri):
            return claim.stance
    return Stance.named(stance)


def _text(field: str, value: object) -> None:
    if not isinstance(value, str):
        raise ValidationError("select", field, value, "text to look for")


def select(
    claims: Iterable[Claim],
    *,
    proposition: str | None = None,
    claimant: str | None = None,
    outlet: str | None = None,
    stance: Stance | str | None = None,
    since: Time | None = None,
    until: Time | None = None,
) -> tuple[Claim, ...]:
    """The claims that pass every filter given, in listing order (:func:`in_listing_order`).

    * ``proposition``: the proposition's text contains this;
    * ``claimant``, ``outlet``: the claimant's (the outlet's) name or one of its aliases
      contains this. Texts match whatever their case (``"khatib"`` finds Said
      Khatibzadeh), without otherwise changing either text;
    * ``stance``: a :class:`Stance`, or the label or IRI of one the claims take, or the
      name of a built-in stance (``"denial"``);
    * ``since``, ``until``: the claim's time (:func:`claim_time`) may be on or after
      ``since`` and on or before ``until``, at whatever precision each is known: a claim
      made in February 2021 is selected ``since`` 16 February 2021. Claims whose time is
      not known are left out once either bound is given.

    With no filter, every claim comes back, in listing order.

    >>> import provenance as pv
    >>> fars = pv.Source(outlet=pv.Outlet(name="Fars", aliases=["Fars News"]))
    >>> p = pv.Proposition("Iran was involved in the attack.")
    >>> denial = pv.Claim(proposition=p, claimant=pv.Agent(name="Said Khatibzadeh"),
    ...                   source=fars, stance="denial", made_at=pv.parse_time("2021-02-16"))
    >>> pv.select([denial], outlet="fars news", since=pv.parse_time("2021-02")) == (denial,)
    True
    >>> pv.select([denial], until=pv.parse_time("2021-02-15"))
    ()
    """
    claims = tuple(claims)
    for field, value in (("proposition", proposition), ("claimant", claimant), ("outlet", outlet)):
        if value is not None:
            _text(field, value)
    if since is not None:
        check_time("select", "since", since)
    if until is not None:
        check_time("select", "until", until)
    wanted = None if stance is None else _stance(claims, stance)
    first = None if since is None else time_bounds(since)[0]
    last = None if until is None else time_bounds(until)[1]
    selected = []
    for claim in claims:
        if proposition and not _contains(proposition, claim.proposition.text):
            continue
        if claimant and not _contains(claimant, claim.claimant.name, *claim.claimant.aliases):
            continue
        if outlet and not _contains(outlet, claim.outlet.name, *claim.outlet.aliases):
            continue
        if wanted is not None and claim.stance != wanted:
            continue
        if first is not None or last is not None:
            when = claim_time(claim)
            if when is None:
                continue
            low, high = time_bounds(when)
            if (first is not None and high < first) or (last is not None and low > last):
                continue
        selected.append(claim)
    return in_listing_order(selected)
