"""Claim files under hostile input: values named exactly, numbers in one notation, CSV cells
that no spreadsheet runs, long text kept, syntax errors told plainly."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
import yaml

import provenance as pv

ClaimParser = Callable[..., pv.ClaimSet]

# --------------------------------------------------------------------------- exact names

BASE: dict[str, Any] = {
    "version": 1,
    "outlets": {"fars": {"name": "Fars", "kind": "news agency", "reliability": "C"}},
    "agents": {"said": {"name": "Said Khatibzadeh", "kind": "person"}},
    "sources": {
        "first": {"outlet": "fars", "published": "2021-02-14"},
        "second": {"outlet": "fars", "derived_from": [{"source": "first", "kind": "quoted"}]},
    },
    "propositions": {"p": {"text": "Iran was involved."}},
    "stances": {
        "hint": {"iri": "https://example.org/stance#Hint", "label": "hint", "polarity": "neutral"}
    },
    "claims": {
        "c": {
            "proposition": "p",
            "claimant": "said",
            "source": "second",
            "stance": "claim of responsibility",
            "confidence": {"value": 0.7, "term": "likely"},
            "analytic_confidence": "moderate",
        },
        "d": {
            "proposition": "p",
            "claimant": "said",
            "source": "first",
            "stance": "hint",
            "confidence": "very likely",
        },
    },
}
"""A file that uses every enumerated field once, each spelt as the writer writes it."""

LOOSE = [
    ("outlets.fars.kind", "News Agency", "news agency"),
    ("outlets.fars.kind", "NEWS_AGENCY", "news agency"),
    ("outlets.fars.reliability", "c", "C"),
    ("outlets.fars.reliability", " C", "C"),
    ("agents.said.kind", "Person", "person"),
    ("agents.said.kind", "person ", "person"),
    ("sources.second.derived_from[0].kind", "Quoted", "quoted"),
    ("stances.hint.polarity", "NEUTRAL", "neutral"),
    ("claims.c.stance", "Claim of Responsibility", "claim of responsibility"),
    ("claims.c.stance", "CLAIM_OF_RESPONSIBILITY", "claim of responsibility"),
    ("claims.d.stance", "Hint", "hint"),
    ("claims.c.confidence.term", "Likely", "likely"),
    ("claims.d.confidence", "very_likely", "very likely"),
    ("claims.c.analytic_confidence", "Moderate", "moderate"),
]


def _with(path: str, value: object) -> dict[str, Any]:
    """BASE with the value at ``path`` (dotted, ``[0]`` for a list item) replaced."""
    document = copy.deepcopy(BASE)
    *parents, last = path.replace("[0]", ".0").split(".")
    target: Any = document
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[last] = value
    return document


@pytest.mark.parametrize("write", [json.dumps, yaml.safe_dump], ids=["json", "yaml"])
def test_the_base_file_reads(write: Callable[[object], str]) -> None:
    """Every enumerated value spelt as the writer writes it is read."""
    parse = pv.parse_claim_json if write is json.dumps else pv.parse_claim_yaml
    claims = parse(write(BASE))
    assert sorted(c.stance.label for c in claims) == ["claim of responsibility", "hint"]


@pytest.mark.parametrize(("path", "loose", "exact"), LOOSE)
@pytest.mark.parametrize("write", [json.dumps, yaml.safe_dump], ids=["json", "yaml"])
def test_loose_names_are_refused_with_the_name_meant(
    write: Callable[[object], str], path: str, loose: str, exact: str
) -> None:
    """A file names an enumerated value exactly; another case, spacing or underscores is a
    located problem of that field that says which name was meant."""
    parse = pv.parse_claim_json if write is json.dumps else pv.parse_claim_yaml
    with pytest.raises(pv.ClaimFileError) as caught:
        parse(write(_with(path, loose)))
    (problem,) = caught.value.problems
    assert (problem.field, problem.found, f"(did you mean {exact!r}?)" in problem.expected) == (
        path,
        repr(loose),
        True,
    )
    assert problem.line is not None


def test_icd_203_synonyms_are_exact_names_too() -> None:
    """ICD 203's own synonym of a term ("probable" for "likely") names that term."""
    claims = pv.parse_claim_json(json.dumps(_with("claims.d.confidence", "highly probable")))
    terms = {c.confidence.term for c in claims if c.confidence is not None}
    assert terms == {pv.EstimativeTerm.LIKELY, pv.EstimativeTerm.VERY_LIKELY}


CSV_HEAD = (
    "proposition,claimant,claimant_kind,outlet,outlet_kind,stance,stance_iri,stance_polarity,"
    "confidence,estimative_term,analytic_confidence\r\n"
)


@pytest.mark.parametrize(
    ("row", "column", "exact"),
    [
        ("P,A,Person,O,,report,,,,,", "claimant_kind", "person"),
        ("P,A,,O,Website,report,,,,,", "outlet_kind", "website"),
        ("P,A,,O,,DENIAL ,,,,,", "stance", "denial"),
        ("P,A,,O,,Denial,,,,,", "stance", "denial"),
        ("P,A,,O,,hint,https://example.org/h,Neutral,,,", "stance_polarity", "neutral"),
        ("P,A,,O,,report,,,,Likely,", "estimative_term", "likely"),
        ("P,A,,O,,report,,,,,HIGH", "analytic_confidence", "high"),
    ],
)
def test_csv_names_values_exactly(row: str, column: str, exact: str) -> None:
    """In CSV too, a stance or kind in another case or with spaces is a problem of its line
    and column, with the name meant."""
    with pytest.raises(pv.ClaimFileError) as caught:
        pv.parse_claim_csv(CSV_HEAD + row + "\r\n")
    (problem,) = caught.value.problems
    assert (problem.line, problem.field, f"(did you mean {exact!r}?)" in problem.expected) == (
        2,
        column,
        True,
    )


def test_the_api_still_takes_members_and_loose_names() -> None:
    """The Python API keeps accepting enum members and its forgiving names."""
    claim = pv.Claim(
        proposition=pv.Proposition("P"),
        claimant=pv.Agent(name="A", kind=pv.AgentKind.PERSON),
        source=pv.Source(outlet=pv.Outlet(name="O", kind="NEWS_AGENCY")),
        stance="DENIAL",
    )
    assert (claim.stance, claim.outlet.kind) == (pv.Stance.DENIAL, pv.OutletKind.NEWS_AGENCY)
