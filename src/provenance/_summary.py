"""An explainable summary of the claims on one proposition, with an optional pooled figure.

For each claim the summary shows the grades that bear on it, each on its own axis: the
reliability of the claimant and of the outlet at the time (Admiralty A–F), the
credibility of the information (1–6), and the likelihood the claim itself states. It
adds no judgment of its own unless asked: :func:`summarize` with ``pool=True`` adds an
aggregate computed by a stated method, with every weight shown.

The method, reliability-weighted log-odds pooling:

1. Each affirming or denying claim gives a probability *p* that the proposition is
   true: its confidence's number, else the middle of its estimative term's band, else
   ``default_likelihood`` (0.675, the middle of "likely": a claim asserted without a
   hedge is read as "likely"). For a denial, *p* is one minus that figure. Claims that
   neither affirm nor deny (retractions, neutral stances) and claims carrying only
   wording ("may") without a term or number are left out and listed as such.
2. *p* is clipped to [0.01, 0.99], the span ICD 203's terms cover, so no single claim
   can make the result certain.
3. Each claim gets a weight: the weight of its source's reliability grade (the
   claimant's grade at the time, else the outlet's; A 1.0, B 0.8, C 0.6, D 0.4,
   E 0.2, F or ungraded 0.5) times the weight of its credibility grade (1 1.0, 2 0.8,
   3 0.6, 4 0.4, 5 0.2, 6 or ungraded 0.5).
4. The pooled log-odds are the weighted mean of the claims' log-odds; the pooled
   probability is its logistic.

Assumptions, stated so they can be disputed: the weights are conventions, not
calibrated rates; the claims are treated as separate evidence, though a claim repeated
by several outlets is not independent; the weighted mean (rather than sum) keeps many
weak claims from adding up to certainty.
"""

from __future__ import annotations

import math

import attrs

from ._collection import ClaimSet
from ._model import Claim, Polarity, Proposition
from ._selection import claim_time
from .errors import ValidationError
from .scales import Credibility, EstimativeTerm, Reliability

__all__ = ["ClaimGrades", "PooledEstimate", "Summary", "summarize"]

RELIABILITY_WEIGHTS = {
    Reliability.A: 1.0,
    Reliability.B: 0.8,
    Reliability.C: 0.6,
    Reliability.D: 0.4,
    Reliability.E: 0.2,
    Reliability.F: 0.5,
}
CREDIBILITY_WEIGHTS = {
    Credibility.CONFIRMED: 1.0,
    Credibility.PROBABLY_TRUE: 0.8,
    Credibility.POSSIBLY_TRUE: 0.6,
    Credibility.DOUBTFUL: 0.4,
    Credibility.IMPROBABLE: 0.2,
    Credibility.CANNOT_BE_JUDGED: 0.5,
}
UNGRADED_WEIGHT = 0.5
METHOD = "reliability-weighted log-odds pooling"
ASSUMPTIONS = (
    "weights are conventions, not calibrated rates; claims are treated as separate evidence "
    "although repeated reports are not independent; the weighted mean keeps many weak claims "
    "from adding up to certainty"
)


@attrs.frozen
class ClaimGrades:
    """One claim on the proposition and every grade that bears on it."""

    claim: Claim
    side: Polarity
    claimant_reliability: Reliability | None
    outlet_reliability: Reliability | None
    likelihood: float | None
    """The probability the claim gives *the proposition* (already turned for a denial)."""
    likelihood_from: str
    """Where ``likelihood`` came from: "number", "term", "default" or "none"."""
    weight: float | None
    """The claim's weight in the pooled estimate; ``None`` when it takes no part."""

    @property
    def credibility(self) -> Credibility | None:
        """The credibility grade of the information in the claim."""
        return self.claim.credibility

    @property
    def term(self) -> EstimativeTerm | None:
        """The estimative term the claim carries, if any."""
        return None if self.claim.confidence is None else self.claim.confidence.term


@attrs.frozen
class PooledEstimate:
    """The pooled probability that the proposition is true, and how it was made."""

    probability: float
    term: EstimativeTerm | None
    """The ICD 203 term whose band holds ``probability``."""
    method: str
    assumptions: str
    claims_used: int


@attrs.frozen
class Summary:
    """The claims on one proposition, side by side, with their grades."""

    proposition: Proposition
    rows: tuple[ClaimGrades, ...]
    pooled: PooledEstimate | None

    @property
    def affirming(self) -> tuple[ClaimGrades, ...]:
        """Rows of the claims that affirm the proposition."""
        return tuple(r for r in self.rows if r.side is Polarity.AFFIRMING)

    @property
    def denying(self) -> tuple[ClaimGrades, ...]:
        """Rows of the claims that deny it."""
        return tuple(r for r in self.rows if r.side is Polarity.DENYING)


def _stated(claim: Claim, default: float) -> tuple[float | None, str]:
    confidence = claim.confidence
    if confidence is not None and confidence.value is not None:
        return confidence.value, "number"
    if confidence is not None and confidence.term is not None:
        return confidence.term.midpoint, "term"
    if confidence is not None:
        return None, "none"  # wording only: a hedge we will not turn into a number
    return default, "default"


def _grades(claim: Claim, default: float) -> ClaimGrades:
    when = claim_time(claim)
    claimant = claim.claimant.reliability_at(when)
    outlet = claim.source.outlet.reliability_at(when)
    side = claim.stance.polarity
    likelihood, origin = _stated(claim, default)
    if side not in (Polarity.AFFIRMING, Polarity.DENYING) or likelihood is None:
        return ClaimGrades(claim, side, claimant, outlet, None, "none", None)
    if side is Polarity.DENYING:
        likelihood = round(1.0 - likelihood, 12)
    source_grade = claimant if claimant is not None else outlet
    weight = UNGRADED_WEIGHT if source_grade is None else RELIABILITY_WEIGHTS[source_grade]
    weight *= (
        CREDIBILITY_WEIGHTS[claim.credibility] if claim.credibility is not None else UNGRADED_WEIGHT
    )
    return ClaimGrades(claim, side, claimant, outlet, likelihood, origin, weight)


def summarize(
    claims: ClaimSet,
    proposition: Proposition,
    *,
    pool: bool = False,
    default_likelihood: float = 0.675,
) -> Summary:
    """The claims on ``proposition`` with their grades, and with ``pool=True`` a pooled estimate.

    See this module's documentation for the pooling method and its assumptions. The
    pooled estimate is ``None`` when no claim can take part.
    """
    if not 0.0 < default_likelihood < 1.0:
        raise ValidationError(
            "summarize", "default_likelihood", default_likelihood, "a number between 0 and 1"
        )
    rows = tuple(_grades(c, default_likelihood) for c in claims.by_proposition(proposition))
    pooled = None
    used = [r for r in rows if r.weight is not None and r.likelihood is not None]
    if pool and used:
        total = sum(r.weight for r in used if r.weight is not None)
        logit = sum(
            r.weight * _logit(r.likelihood)
            for r in used
            if r.weight is not None and r.likelihood is not None
        )
        probability = 1.0 / (1.0 + math.exp(-logit / total))
        pooled = PooledEstimate(
            round(probability, 4),
            EstimativeTerm.from_probability(probability),
            METHOD,
            ASSUMPTIONS,
            len(used),
        )
    return Summary(proposition, rows, pooled)


def _logit(p: float) -> float:
    p = min(max(p, 0.01), 0.99)
    return math.log(p / (1.0 - p))
