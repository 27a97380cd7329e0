"""Hypothesis strategies for claims, for other projects' property tests.

Everything here builds valid data by default: records the model accepts, and whole
collections that :func:`provenance.check` and :func:`provenance.validate` pass without a
single violation (consistent times, no claimant contradicting themselves, no agent
recorded twice). Options ask for what a test needs: a contested proposition, a reporting
chain of a given depth, data that breaks exactly one rule of the catalogue, or any data
the model accepts, consistent or not::

    from hypothesis import given
    import provenance as pv
    from provenance.strategies import claim_sets

    @given(claim_sets(contested=True))
    def test_my_summary_shows_both_sides(claims):
        ...

    @given(claim_sets(broken="PV301"))
    def test_my_pipeline_rejects_impossible_dates(claims):
        assert "PV301" in pv.check(claims).codes

    @given(claim_sets(consistent=False))
    def test_my_export_keeps_whatever_it_is_given(claims):
        ...

Installing the package registers these strategies with Hypothesis (through its
``hypothesis`` entry point), so ``st.from_type(Claim)`` and ``st.builds`` on functions
annotated with the model's classes work without further set-up. Importing
:mod:`provenance` does not import Hypothesis; importing this module does.

The values are the awkward ones real data holds: text in Persian, Arabic and Latin
script with zero-width non-joiners, curly quotes, emoji, tabs, line ends and arbitrary
Unicode (:func:`texts`); language tags of every form BCP 47 allows, in any case
(:func:`languages`); web addresses with Persian paths and punycode hosts
(:func:`urls`); times at every precision the model holds, instants at every offset
XML Schema allows and at the very ends of the calendar (:func:`times`,
:func:`utc_offsets`). Everything shrinks towards short, plain values.

>>> from hypothesis import find
>>> find(propositions(), lambda proposition: proposition.language is not None)
Proposition(text='Iran was involved in the attack.', language='fa')
"""

from ._collections import agents, claim_sets, claims, sources
from ._graphs import graphs
from ._records import confidences, outlets, propositions, reliability_grades, stances
from ._values import languages, names, texts, times, urls, utc_offsets

__all__ = [
    "agents",
    "claim_sets",
    "claims",
    "confidences",
    "graphs",
    "languages",
    "names",
    "outlets",
    "propositions",
    "reliability_grades",
    "sources",
    "stances",
    "texts",
    "times",
    "urls",
    "utc_offsets",
]
