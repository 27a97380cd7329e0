"""The short texts listings show for a claim: its date and its grades."""

from __future__ import annotations

import datetime as dt

import pytest

import provenance as pv
from _support import load_example

erbil = load_example("erbil_attack")
WIRE = pv.Outlet(name="Wire")


def claim(**fields: object) -> pv.Claim:
    """A report by Ann in Wire's source, with ``fields`` set."""
    source = fields.pop("source", pv.Source(outlet=WIRE))
    claimant = fields.pop("claimant", pv.Agent(name="Ann"))
    return pv.Claim(
        proposition=pv.Proposition("It rained."),
        claimant=claimant,  # type: ignore[arg-type]
        source=source,  # type: ignore[arg-type]
        stance="report",
        **fields,  # type: ignore[arg-type]
    )


def test_the_erbil_claims_as_show_lists_them() -> None:
    """Each Erbil claim's date and grades, as the `show` table prints them."""
    assert sorted((pv.date_text(c), pv.grades_text(c)) for c in erbil.build()) == [
        ("2021-02", "outlet C, credibility 6"),
        ("2021-02", "outlet C, likely"),
        ("2021-02-15", "outlet C"),
        ("2021-02-16", "outlet C"),
        ("2021-02-16", 'outlet C, "may"'),
    ]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, ""),
        (
            {
                "claimant": pv.Agent(name="Ann", reliability=pv.Reliability.B),
                "source": pv.Source(outlet=pv.Outlet(name="Wire", reliability=pv.Reliability.D)),
                "credibility": 2,
                "confidence": pv.Confidence(0.7, "likely", wording="probably"),
                "analytic_confidence": "moderate",
            },
            'claimant B, outlet D, credibility 2, 0.7 likely "probably", moderate confidence',
        ),
        ({"confidence": pv.Confidence(0.125)}, "0.125"),
    ],
)
def test_grades_text_lists_each_grade_set_in_order(
    fields: dict[str, object], expected: str
) -> None:
    """Reliabilities, credibility, stated confidence and analytic confidence, each where
    set, in that order; nothing at all when none is."""
    assert pv.grades_text(claim(**fields)) == expected


def test_reliability_is_the_grade_at_the_claims_time() -> None:
    """An outlet whose grade changed is shown with the grade that held when the claim was
    made, and with none when no single grade holds."""
    outlet = pv.Outlet(
        name="Tabnak",
        reliability=[
            pv.ReliabilityGrade("F", end=pv.Year(2019)),
            pv.ReliabilityGrade("C", start=pv.Year(2020)),
        ],
    )
    texts = [
        pv.grades_text(claim(source=pv.Source(outlet=outlet), made_at=when))
        for when in (pv.Year(2018), dt.date(2021, 2, 16), None)
    ]
    assert texts == ["outlet F", "outlet C", ""]


def test_date_text_is_the_time_made_else_published() -> None:
    """The date shown is when the claim was made, else when its source was published, at
    the precision known; blank when neither is known."""
    published = pv.Source(outlet=WIRE, published=pv.YearMonth(2021, 2))
    instant = dt.datetime(2021, 2, 16, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=3.5)))
    assert [
        pv.date_text(claim(source=published, made_at=instant)),
        pv.date_text(claim(source=published)),
        pv.date_text(claim()),
    ] == ["2021-02-16T09:30:00+03:30", "2021-02", ""]
