"""The hook Hypothesis calls on import (entry point ``hypothesis``): our types' strategies.

It lives apart from :mod:`provenance.strategies` because that package imports Hypothesis:
had Hypothesis been first imported *by* it, the hook would meet the package half built.
So the strategies are registered deferred, and looked up on first use.
"""

from __future__ import annotations

import importlib


def _hypothesis_setup_hook() -> None:
    """Register the model's classes, so ``st.from_type(Claim)`` draws valid claims."""
    from hypothesis import strategies as st

    from ._collection import ClaimSet
    from ._model import (
        Agent,
        Claim,
        Confidence,
        Outlet,
        Proposition,
        ReliabilityGrade,
        Source,
        Stance,
    )

    def ours(name: str) -> st.SearchStrategy[object]:
        def strategy() -> st.SearchStrategy[object]:
            module = importlib.import_module("provenance.strategies")
            made: st.SearchStrategy[object] = getattr(module, name)()
            return made

        return st.deferred(strategy)

    for kind, name in (
        (Proposition, "propositions"),
        (Agent, "agents"),
        (Outlet, "outlets"),
        (Source, "sources"),
        (Claim, "claims"),
        (ClaimSet, "claim_sets"),
        (Confidence, "confidences"),
        (ReliabilityGrade, "reliability_grades"),
        (Stance, "stances"),
    ):
        st.register_type_strategy(kind, ours(name))
