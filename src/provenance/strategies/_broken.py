"""Records that break one rule of the checker, and only that one, added to a collection.

Each breaker adds records of fresh names (:meth:`Builder.fresh_claim` and its kin) to a
consistent collection, so that :func:`provenance.check` reports exactly the rule it is
named for. Between them they break every rule a :class:`~provenance.ClaimSet` can hold
broken; the others only RDF can break (:mod:`._graphs`).
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import strategies as st

from .._model import Agent, AgentKind, Claim, Derivation, DerivationKind, Outlet, Stance
from ..scales import Credibility
from ._builder import CLAIM_FIELDS, Builder

__all__ = ["BREAKERS"]


def _claim_after_source(b: Builder) -> None:
    day = b.day()
    b.fresh_claim(source=b.fresh_source(published=day), made_at=b.later(day))


def _derived_from_later(b: Builder) -> None:
    day = b.day()
    upstream = b.fresh_source(published=b.later(day))
    kind = b.draw(st.sampled_from(DerivationKind))
    b.fresh_source(published=day, derived_from=[Derivation(upstream, kind)])


def _claim_after_retraction(b: Builder) -> None:
    day = b.day()
    claimant, proposition = b.fresh_agent(), b.fresh_proposition()
    claim = b.fresh_claim(claimant=claimant, proposition=proposition, made_at=b.later(day))
    link = b.draw(st.sampled_from(("supports", "contests")))
    b.fresh_claim(
        Stance.RETRACTION,
        claimant=claimant,
        proposition=proposition,
        made_at=day,
        **{link: [claim]},
    )


def _link_to_later_claim(b: Builder) -> None:
    day = b.day()
    proposition = b.fresh_proposition()
    claim = b.fresh_claim(proposition=proposition, made_at=b.later(day))
    link = b.draw(st.sampled_from(("supports", "contests")))
    stance = b.draw(st.sampled_from((Stance.DENIAL, Stance.ASSESSMENT, Stance.REPORT)))
    b.fresh_claim(stance, proposition=proposition, made_at=day, **{link: [claim]})


def _affirms_and_denies(b: Builder) -> None:
    claimant, proposition = b.fresh_agent(), b.fresh_proposition()
    first = b.day()
    second = b.later(first)
    times_ = (first, second) if b.draw(st.booleans()) else (second, first)
    for stance, made_at in zip((Stance.STATEMENT, Stance.DENIAL), times_, strict=True):
        b.fresh_claim(stance, claimant=claimant, proposition=proposition, made_at=made_at)
    if b.draw(st.booleans()):  # a retraction, but after both, not between them
        b.fresh_claim(
            Stance.RETRACTION,
            claimant=claimant,
            proposition=proposition,
            made_at=b.after_all(first, second),
        )


def _shared_name(b: Builder) -> None:
    if b.draw(st.booleans()):
        name, aliases = _namesake(b, b.fresh_outlet().name)
        b.outlets.append(Outlet(name=name, aliases=aliases))
    else:
        name, aliases = _namesake(b, b.fresh_agent().name)
        b.agents.append(Agent(name=name, kind=AgentKind.ORGANIZATION, aliases=aliases))


def _namesake(b: Builder, name: str) -> tuple[str, list[str]]:
    """Another name and aliases that, up to case and spacing, include ``name``."""
    how = b.draw(st.sampled_from(("spacing", "case", "alias")))
    if how == "spacing":
        return "  " + name.replace(" ", "\t ") + " ", []
    if how == "case":
        return name.upper(), []
    return name + " (2)", [name.title()]


def _duplicate_claim(b: Builder) -> None:
    first = b.fresh_claim(made_at=b.day())
    differ = b.draw(st.sampled_from(("time", "text", "language")))
    fields = {f: getattr(first, f) for f in CLAIM_FIELDS}
    if differ == "time":
        fields["made_at"] = None
    elif differ == "text":
        fields["text"] = "in other words"
    else:
        fields["language"] = "fa"
    b.claims.append(Claim(**fields))


def _unconfirmed_confirmation(b: Builder) -> None:
    proposition = b.fresh_proposition()
    b.fresh_claim(Stance.DENIAL, proposition=proposition)
    b.fresh_claim(Stance.REPORT, proposition=proposition, credibility=Credibility.CONFIRMED)


BREAKERS: dict[str, Callable[[Builder], None]] = {
    "PV301": _claim_after_source,
    "PV302": _derived_from_later,
    "PV303": _claim_after_retraction,
    "PV304": _link_to_later_claim,
    "PV401": _affirms_and_denies,
    "PV402": _shared_name,
    "PV403": _duplicate_claim,
    "PV404": _unconfirmed_confirmation,
}
"""For each rule a collection can break, the function adding records that break it."""
