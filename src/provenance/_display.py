"""The short texts a listing of claims shows: a claim's date and its grades.

``provenance show`` prints them as columns and ``provenance contested`` beside each
claim; a program of one's own that lists claims can print the same words.
"""

from __future__ import annotations

from ._model import Claim
from ._selection import claim_time
from ._values import time_lexical

__all__ = ["date_text", "grades_text"]


def date_text(claim: Claim) -> str:
    """The claim's time (:func:`~provenance.claim_time`) as written in RDF and claim files
    (``2021-02-16``, ``2021-02``), or ``""`` when it is not known."""
    when = claim_time(claim)
    return "" if when is None else time_lexical(when)


def grades_text(claim: Claim) -> str:
    """The grades set on a claim and on its claimant and outlet, in a few words.

    In order, where each is set: the claimant's and the outlet's reliability at the
    claim's time, the credibility of the information, the confidence the claim states
    (its number, estimative term and wording) and the analytic confidence; ``""`` when
    none is.

    >>> import provenance as pv
    >>> fars = pv.Source(outlet=pv.Outlet(name="Fars", reliability=[pv.ReliabilityGrade("C")]))
    >>> likely = pv.Claim(proposition=pv.Proposition("Iran was involved in the attack."),
    ...                   claimant=pv.Agent(name="an analyst"), source=fars, stance="assessment",
    ...                   credibility=2, confidence=pv.Confidence(term="likely"))
    >>> pv.grades_text(likely)
    'outlet C, credibility 2, likely'
    """
    when = claim_time(claim)
    parts = []
    claimant = claim.claimant.reliability_at(when)
    outlet = claim.outlet.reliability_at(when)
    if claimant is not None:
        parts.append(f"claimant {claimant.value}")
    if outlet is not None:
        parts.append(f"outlet {outlet.value}")
    if claim.credibility is not None:
        parts.append(f"credibility {claim.credibility.value}")
    if claim.confidence is not None:
        c = claim.confidence
        parts.append(
            " ".join(
                p
                for p in (
                    None if c.value is None else f"{c.value:g}",
                    None if c.term is None else c.term.label,
                    None if c.wording is None else f'"{c.wording}"',
                )
                if p
            )
        )
    if claim.analytic_confidence is not None:
        parts.append(f"{claim.analytic_confidence.label} confidence")
    return ", ".join(parts)
