"""Whole collections of claims, and the records that refer to others drawn from them.

An agent, a source or a claim refers to other records (a principal, an outlet and
upstream sources, a proposition and earlier claims), so each is drawn as the last of
its kind in a collection: what it refers to is then as varied, and as consistent, as a
whole collection is.
"""

from __future__ import annotations

import datetime as dt
import functools

from hypothesis import strategies as st

from .._collection import ClaimSet
from .._model import Agent, Claim, Derivation, DerivationKind, Polarity, Source, Stance
from ..check import Rule
from ._broken import BREAKERS
from ._builder import Builder

__all__ = ["agents", "check_options", "claim_sets", "claims", "sources"]


def _contest(b: Builder) -> None:
    """One proposition affirmed by one fresh claimant and denied by another."""
    proposition = b.fresh_proposition()
    affirming = [s for s in Stance.builtins() if s.polarity is Polarity.AFFIRMING]
    b.fresh_claim(b.draw(st.sampled_from(affirming)), proposition=proposition)
    b.fresh_claim(Stance.DENIAL, proposition=proposition)


def _chain(b: Builder, depth: int) -> None:
    """A claim in a source that derives, through ``depth`` links, from a primary source."""
    day = b.day()
    source = b.fresh_source(published=day)
    for _ in range(depth):
        kind = b.draw(st.sampled_from(DerivationKind))
        day = day + dt.timedelta(days=b.draw(st.integers(min_value=0, max_value=3)))
        source = b.fresh_source(published=day, derived_from=[Derivation(source, kind)])
    b.fresh_claim(b.stance(), source=source)


@st.composite
def _claim_set(
    draw: st.DrawFn,
    *,
    min_claims: int,
    max_claims: int,
    contested: bool,
    chain_depth: int | None,
    broken: str | None,
    consistent: bool,
) -> ClaimSet:
    b = Builder(draw, consistent=consistent)
    b.draw_parts()
    wanted = draw(st.integers(min_value=min_claims, max_value=max(min_claims, max_claims)))
    for _ in range(wanted * 3):
        if len(b.claims) >= wanted:
            break
        b.add_claim()
    while len(b.claims) < min_claims:
        b.fresh_claim(stance=b.stance())
    if contested:
        _contest(b)
    if chain_depth is not None:
        _chain(b, chain_depth)
    if broken is not None:
        BREAKERS[broken](b)
    return b.collection()


def check_options(
    *,
    min_claims: int = 0,
    max_claims: int = 6,
    contested: bool = False,
    chain_depth: int | None = None,
    broken: str | None = None,
    consistent: bool = True,
) -> None:
    """Raise :class:`ValueError` (or :class:`KeyError` for an unknown rule) unless the
    options of :func:`claim_sets` make sense together."""
    if broken is not None and broken not in BREAKERS:
        Rule.from_code(broken)  # an unknown code raises KeyError
        raise ValueError(
            f"rule {broken} cannot be broken in a ClaimSet (the model refuses such data); "
            f"use graphs(broken={broken!r})"
        )
    if broken is not None and not consistent:
        raise ValueError(
            f"broken={broken!r} breaks one rule of a consistent collection; "
            "consistent=False breaks any number of them"
        )
    if min_claims < 0 or max_claims < min_claims:
        raise ValueError(f"need 0 <= min_claims <= max_claims, got {min_claims}, {max_claims}")
    if chain_depth is not None and chain_depth < 0:
        raise ValueError(f"chain_depth is a number of links, 0 or more; got {chain_depth}")


def claim_sets(
    *,
    min_claims: int = 0,
    max_claims: int = 6,
    contested: bool = False,
    chain_depth: int | None = None,
    broken: str | None = None,
    consistent: bool = True,
) -> st.SearchStrategy[ClaimSet]:
    """Collections of claims with every record they refer to, consistent unless asked.

    A collection holds a few propositions, agents (some acting on behalf of others),
    outlets, stances of its own, sources (some derived from others) and between
    ``min_claims`` and ``max_claims`` claims drawn at random, several on one
    proposition, some supporting or contesting earlier ones, and some records that no
    claim uses. No two of its records share an identity (and so an IRI), and no two
    agents or outlets a name; a drawn claim that would repeat one or contradict its
    claimant is left out. On top of those:

    * ``contested=True`` adds a proposition that one claimant affirms and another denies;
    * ``chain_depth=n`` adds a claim whose source derives from a primary source through
      ``n`` links (quoted, translated, derived, named as primary source);
    * ``broken="PV301"`` adds records that break that rule, and only that one, so
      :func:`provenance.check` reports exactly ``{"PV301"}``. Any rule that
      :func:`~provenance.check` raises can be broken here
      (``[r.code for r in Rule.catalogue() if r.python]``); the others cannot be held by
      a :class:`~provenance.ClaimSet` at all, and :func:`graphs` breaks them in RDF;
    * ``consistent=False`` draws any collection the model accepts, as data from
      elsewhere can be: claims made after their source or linked to later claims,
      sources derived from later ones, claimants on both sides of a proposition, agents
      and outlets sharing names, one claim recorded twice at different times or in
      other words, credibility 1 without a confirmation. Those are what the checker is
      for; a reader, a writer or a round trip must keep them as they are.
    """
    check_options(
        min_claims=min_claims,
        max_claims=max_claims,
        contested=contested,
        chain_depth=chain_depth,
        broken=broken,
        consistent=consistent,
    )
    return _claim_sets(
        min_claims=min_claims,
        max_claims=max_claims,
        contested=contested,
        chain_depth=chain_depth,
        broken=broken,
        consistent=consistent,
    )


@functools.cache
def _claim_sets(**options: object) -> st.SearchStrategy[ClaimSet]:
    return _claim_set(**options)  # type: ignore[arg-type]


@functools.cache
def agents(*, consistent: bool = True) -> st.SearchStrategy[Agent]:
    """A person, organization or unnamed agent, perhaps acting on behalf of another who
    acts for a third; ``consistent`` as in :func:`claim_sets`."""
    return claim_sets(min_claims=1, consistent=consistent).map(
        lambda claims: claims.claims[-1].claimant
    )


@functools.cache
def sources(*, consistent: bool = True) -> st.SearchStrategy[Source]:
    """One publication, at any precision of time, perhaps at the end of a chain of sources
    it derives from; ``consistent=False`` lets it derive from later ones."""
    return claim_sets(min_claims=1, consistent=consistent).map(
        lambda claims: claims.claims[-1].source
    )


@functools.cache
def claims(*, consistent: bool = True) -> st.SearchStrategy[Claim]:
    """One claim, with the earlier claims it supports or contests; consistent on its own
    unless ``consistent=False``, which lets it be made after its source or be linked to
    claims made after it."""
    return claim_sets(min_claims=1, consistent=consistent).map(
        lambda collection: collection.claims[-1]
    )
