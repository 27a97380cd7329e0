"""Scales analysts grade claims on.

For now: the estimative language of US Intelligence Community Directive 203
(ICD 203, "Analytic Standards", 2015), whose seven terms each stand for a band of
probabilities. A term and a number are two ways of saying how likely something is;
a claim that carries both must have the number inside the term's band.
"""

from __future__ import annotations

import enum

__all__ = ["EstimativeTerm"]


class EstimativeTerm(enum.Enum):
    """One of the seven ICD 203 expressions of likelihood, with its band.

    >>> EstimativeTerm.LIKELY.low, EstimativeTerm.LIKELY.high
    (0.55, 0.8)
    >>> EstimativeTerm.LIKELY.contains(0.7)
    True
    """

    ALMOST_NO_CHANCE = ("almost no chance", 0.01, 0.05)
    VERY_UNLIKELY = ("very unlikely", 0.05, 0.20)
    UNLIKELY = ("unlikely", 0.20, 0.45)
    ROUGHLY_EVEN_CHANCE = ("roughly even chance", 0.45, 0.55)
    LIKELY = ("likely", 0.55, 0.80)
    VERY_LIKELY = ("very likely", 0.80, 0.95)
    ALMOST_CERTAIN = ("almost certain", 0.95, 0.99)

    def __init__(self, label: str, low: float, high: float) -> None:
        self.label = label
        self.low = low
        self.high = high

    def contains(self, probability: float) -> bool:
        """Whether ``probability`` lies in this term's band (both ends included)."""
        return self.low <= probability <= self.high

    @classmethod
    def from_label(cls, label: str) -> EstimativeTerm:
        """Look a term up by its words (``"likely"``), ignoring case and extra spaces."""
        wanted = " ".join(label.lower().replace("_", " ").split())
        for term in cls:
            if term.label == wanted:
                return term
        raise KeyError(label)

    def __repr__(self) -> str:
        return f"EstimativeTerm.{self.name}"
