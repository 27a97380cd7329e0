"""The grading scales: bands, STIX 2.1 mappings, cue words, validation and RDF round trips.

The STIX tables below are transcribed from the STIX 2.1 specification (section 4.14,
"Confidence", and appendix A, "Confidence Scales"), not from :mod:`provenance.scales`, so
the tests check the code against the specification rather than against itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import provenance as pv
from provenance._values import REFUSED_CHARACTERS
from provenance.scales import (
    AnalyticConfidence,
    Credibility,
    EstimativeTerm,
    Reliability,
    TermSuggestion,
    suggest_term,
)

# --------------------------------------------------------------------------- STIX 2.1 tables

# "None / Low / Med / High": scale value → STIX value, and STIX range → scale value.
NONE_LOW_MED_HIGH = {"None": 0, "Low": 15, "Med": 50, "High": 85}
NONE_LOW_MED_HIGH_RANGES = [(0, 0, "None"), (1, 29, "Low"), (30, 69, "Med"), (70, 100, "High")]

# "Admiralty Credibility": 6 "Truth cannot be judged" is in the scale but not in the table.
ADMIRALTY_CREDIBILITY = {
    "5 - Improbable": 10,
    "4 - Doubtful": 30,
    "3 - Possibly True": 50,
    "2 - Probably True": 70,
    "1 - Confirmed by other sources": 90,
}
ADMIRALTY_CREDIBILITY_RANGES = [
    (0, 19, "5 - Improbable"),
    (20, 39, "4 - Doubtful"),
    (40, 59, "3 - Possibly True"),
    (60, 79, "2 - Probably True"),
    (80, 100, "1 - Confirmed by other sources"),
]

# "DNI Scale".
DNI_SCALE = {
    "Almost No Chance / Remote": 5,
    "Very Unlikely / Highly Improbable": 15,
    "Unlikely / Improbable": 30,
    "Roughly Even Chance / Roughly Even Odds": 50,
    "Likely / Probable": 70,
    "Very Likely / Highly Probable": 85,
    "Almost Certain / Nearly Certain": 95,
}
DNI_RANGES = [
    (0, 9, "Almost No Chance / Remote"),
    (10, 19, "Very Unlikely / Highly Improbable"),
    (20, 39, "Unlikely / Improbable"),
    (40, 59, "Roughly Even Chance / Roughly Even Odds"),
    (60, 79, "Likely / Probable"),
    (80, 89, "Very Likely / Highly Probable"),
    (90, 100, "Almost Certain / Nearly Certain"),
]

# Which of our values each row of the specification's tables stands for.
LEVEL_OF_ROW = {
    "None": None,
    "Low": AnalyticConfidence.LOW,
    "Med": AnalyticConfidence.MODERATE,
    "High": AnalyticConfidence.HIGH,
}
GRADE_OF_ROW = {
    "5 - Improbable": Credibility.IMPROBABLE,
    "4 - Doubtful": Credibility.DOUBTFUL,
    "3 - Possibly True": Credibility.POSSIBLY_TRUE,
    "2 - Probably True": Credibility.PROBABLY_TRUE,
    "1 - Confirmed by other sources": Credibility.CONFIRMED,
}
TERM_OF_ROW = {
    "Almost No Chance / Remote": EstimativeTerm.ALMOST_NO_CHANCE,
    "Very Unlikely / Highly Improbable": EstimativeTerm.VERY_UNLIKELY,
    "Unlikely / Improbable": EstimativeTerm.UNLIKELY,
    "Roughly Even Chance / Roughly Even Odds": EstimativeTerm.ROUGHLY_EVEN_CHANCE,
    "Likely / Probable": EstimativeTerm.LIKELY,
    "Very Likely / Highly Probable": EstimativeTerm.VERY_LIKELY,
    "Almost Certain / Nearly Certain": EstimativeTerm.ALMOST_CERTAIN,
}

# ICD 203, Analytic Standards (2015): each expression of likelihood and its band, in percent.
ICD_203_BANDS = {
    "almost no chance": (1, 5),
    "very unlikely": (5, 20),
    "unlikely": (20, 45),
    "roughly even chance": (45, 55),
    "likely": (55, 80),
    "very likely": (80, 95),
    "almost certain": (95, 99),
}


def _reverse(ranges: list[tuple[int, int, str]], value: int) -> str:
    (row,) = [row for low, high, row in ranges if low <= value <= high]
    return row


# --------------------------------------------------------------------------- estimative terms


def test_bands_are_those_of_icd_203() -> None:
    """Each estimative term's band is the one ICD 203 gives for its words."""
    bands = {term.label: (round(term.low * 100), round(term.high * 100)) for term in EstimativeTerm}
    assert bands == ICD_203_BANDS


@given(st.floats(allow_nan=False))
def test_number_to_term_to_band_contains_the_number(probability: float) -> None:
    """Any number in [0.01, 0.99] gets a term whose band holds it; any other number gets None."""
    term = EstimativeTerm.from_probability(probability)
    if 0.01 <= probability <= 0.99:
        assert term is not None
        assert term.low <= probability <= term.high
    else:
        assert term is None


@pytest.mark.parametrize(
    ("probability", "term"),
    [
        (0.0, None),
        (0.0099, None),
        (0.01, EstimativeTerm.ALMOST_NO_CHANCE),
        (0.05, EstimativeTerm.VERY_UNLIKELY),
        (0.2, EstimativeTerm.UNLIKELY),
        (0.45, EstimativeTerm.ROUGHLY_EVEN_CHANCE),
        (0.55, EstimativeTerm.LIKELY),
        (0.8, EstimativeTerm.VERY_LIKELY),
        (0.95, EstimativeTerm.ALMOST_CERTAIN),
        (0.99, EstimativeTerm.ALMOST_CERTAIN),
        (0.9901, None),
        (1.0, None),
    ],
)
def test_shared_band_ends_go_to_the_higher_term(
    probability: float, term: EstimativeTerm | None
) -> None:
    """A number on an end two bands share gets the higher term; the scale spans 0.01–0.99."""
    assert EstimativeTerm.from_probability(probability) is term


@pytest.mark.parametrize("term", list(EstimativeTerm))
def test_term_to_number_to_term(term: EstimativeTerm) -> None:
    """A term's midpoint lies in its band and maps back to the term."""
    assert term.contains(term.midpoint)
    assert EstimativeTerm.from_probability(term.midpoint) is term


# --------------------------------------------------------------------------- STIX 2.1


def test_estimative_terms_to_stix_match_the_dni_scale() -> None:
    """Each term's STIX value is the one the DNI Scale table gives its row."""
    assert {term: term.stix for term in EstimativeTerm} == {
        TERM_OF_ROW[row]: value for row, value in DNI_SCALE.items()
    }


def test_dni_rows_name_the_terms_and_their_synonyms() -> None:
    """Each DNI Scale row is named by an ICD 203 term and the synonym the directive gives it."""
    assert {row.lower(): term for row, term in TERM_OF_ROW.items()} == {
        f"{term.label} / {term.synonym}": term for term in EstimativeTerm
    }


def test_credibility_to_stix_matches_the_admiralty_table() -> None:
    """Grades 1–5 have the Admiralty Credibility table's values; grade 6, not in it, has none."""
    assert {grade: grade.stix for grade in Credibility} == {
        **{GRADE_OF_ROW[row]: value for row, value in ADMIRALTY_CREDIBILITY.items()},
        Credibility.CANNOT_BE_JUDGED: None,
    }


def test_analytic_confidence_to_stix_matches_the_none_low_med_high_table() -> None:
    """Each confidence level has the None/Low/Med/High table's value for its row."""
    assert {level: level.stix for level in AnalyticConfidence} == {
        LEVEL_OF_ROW[row]: value for row, value in NONE_LOW_MED_HIGH.items() if row != "None"
    }


def test_stix_to_estimative_term_matches_the_dni_ranges() -> None:
    """Every STIX value 0–100 maps to the term of the DNI Scale range that holds it."""
    assert {v: EstimativeTerm.from_stix(v) for v in range(101)} == {
        v: TERM_OF_ROW[_reverse(DNI_RANGES, v)] for v in range(101)
    }


def test_stix_to_credibility_matches_the_admiralty_ranges() -> None:
    """Every STIX value 0–100 maps to the grade of the Admiralty Credibility range that holds it."""
    assert {v: Credibility.from_stix(v) for v in range(101)} == {
        v: GRADE_OF_ROW[_reverse(ADMIRALTY_CREDIBILITY_RANGES, v)] for v in range(101)
    }


def test_stix_to_analytic_confidence_matches_the_none_low_med_high_ranges() -> None:
    """Every STIX value 0–100 maps to the level of its None/Low/Med/High range; 0 to no level."""
    assert {v: AnalyticConfidence.from_stix(v) for v in range(101)} == {
        v: LEVEL_OF_ROW[_reverse(NONE_LOW_MED_HIGH_RANGES, v)] for v in range(101)
    }


@pytest.mark.parametrize(
    ("table", "ranges"),
    [
        (DNI_SCALE, DNI_RANGES),
        (ADMIRALTY_CREDIBILITY, ADMIRALTY_CREDIBILITY_RANGES),
        (NONE_LOW_MED_HIGH, NONE_LOW_MED_HIGH_RANGES),
    ],
    ids=["dni", "admiralty", "none-low-med-high"],
)
def test_transcribed_tables_are_consistent(
    table: dict[str, int], ranges: list[tuple[int, int, str]]
) -> None:
    """The transcribed ranges tile 0–100 and hold each row's own forward value."""
    assert [low for low, _, _ in ranges] == [0] + [high + 1 for _, high, _ in ranges[:-1]]
    assert ranges[-1][1] == 100
    assert all(low <= table[row] <= high for low, high, row in ranges)


@pytest.mark.parametrize(
    "value",
    [
        *(term for term in EstimativeTerm),
        *(grade for grade in Credibility if grade is not Credibility.CANNOT_BE_JUDGED),
        *(level for level in AnalyticConfidence),
    ],
    ids=repr,
)
def test_scale_value_to_stix_and_back(
    value: EstimativeTerm | Credibility | AnalyticConfidence,
) -> None:
    """Every value with a STIX mapping comes back unchanged from its STIX value."""
    assert value.stix is not None
    assert type(value).from_stix(value.stix) is value


@pytest.mark.parametrize("value", [-1, 101, True, 50.0, "50", None])
@pytest.mark.parametrize("scale", [EstimativeTerm, Credibility, AnalyticConfidence])
def test_stix_values_outside_0_to_100_are_refused(
    scale: type[EstimativeTerm | Credibility | AnalyticConfidence], value: Any
) -> None:
    """A STIX confidence must be an integer from 0 to 100; anything else is a ValueError."""
    with pytest.raises(ValueError, match="0 to 100"):
        scale.from_stix(value)


def test_reliability_has_no_stix_mapping() -> None:
    """Source reliability has no STIX value either way.

    STIX 2.1 defines confidence scales for the credibility of information (Admiralty
    Credibility), for likelihood (DNI Scale, WEP) and for generic levels (None/Low/Med/High,
    0–10), but none for the reliability of a source: its ``confidence`` belongs to an
    object, not to the identity that produced it. Inventing a table would put a number on
    the wire that no STIX consumer could interpret.
    """
    assert not hasattr(Reliability, "from_stix")
    assert not any(hasattr(grade, "stix") for grade in Reliability)


# --------------------------------------------------------------------------- cue words


@pytest.mark.parametrize(
    ("text", "term", "words"),
    [
        ("The group is likely linked to a militia.", EstimativeTerm.LIKELY, "likely"),
        ("It was probably a message to Turkey.", EstimativeTerm.LIKELY, "probably"),
        ("The attack may signal a new game.", EstimativeTerm.ROUGHLY_EVEN_CHANCE, "may"),
        ("Iran almost certainly knew.", EstimativeTerm.ALMOST_CERTAIN, "almost certainly"),
        ("We assess the group is a front.", EstimativeTerm.LIKELY, "We assess"),
        ("It is LIKELY.", EstimativeTerm.LIKELY, "LIKELY"),
        ("Almost   Certainly so.", EstimativeTerm.ALMOST_CERTAIN, "Almost   Certainly"),
        ("almost\ncertainly", EstimativeTerm.ALMOST_CERTAIN, "almost\ncertainly"),
        ("we\tassess it", EstimativeTerm.LIKELY, "we\tassess"),
        ("It is very likely.", EstimativeTerm.VERY_LIKELY, "very likely"),
        ("It is Very  Likely.", EstimativeTerm.VERY_LIKELY, "Very  Likely"),
        ("It is highly probable.", EstimativeTerm.VERY_LIKELY, "highly probable"),
        ("It is unlikely.", EstimativeTerm.UNLIKELY, "unlikely"),
        ("It was probably not Iran.", EstimativeTerm.UNLIKELY, "probably not"),
        (
            "We assess that the group is very likely behind it.",
            EstimativeTerm.VERY_LIKELY,
            "We assess that the group is very likely",
        ),
        ("We assess it. It may be so.", EstimativeTerm.LIKELY, "We assess"),
    ],
)
def test_cue_words_suggest_a_term(text: str, term: EstimativeTerm, words: str) -> None:
    """The first cue in a text, longest phrase first, gives the term and the words as written."""
    suggestion = suggest_term(text)
    assert suggestion is not None
    assert (suggestion.term, suggestion.words) == (term, words)
    assert text[suggestion.start : suggestion.end] == words


@pytest.mark.parametrize(
    ("text", "note"),
    [("likely", False), ("very likely", False), ("may", True), ("probably", True)],
)
def test_suggestion_explains_words_that_are_no_icd_term(text: str, note: bool) -> None:
    """A suggestion carries a note exactly when its words are not one of ICD 203's own terms."""
    suggestion = suggest_term(text)
    assert suggestion is not None
    assert (suggestion.note is not None) is note


@pytest.mark.parametrize(
    "text",
    ["The attack killed one contractor.", "", "mayhem in Erbil", "unlikelihood", "Mightier"],
)
def test_text_without_cue_gives_no_suggestion(text: str) -> None:
    """Text with no cue word (cue letters inside other words do not count) gives None."""
    assert suggest_term(text) is None


CUES = [
    "likely",
    "very likely",
    "Very  Likely",
    "probably",
    "probably not",
    "may",
    "MAY",
    "might",
    "almost certainly",
    "almost\ncertainly",
    "we assess",
    "We Assess that",
    "we judge",
    "roughly even odds",
    "remote",
    "highly improbable",
    ".",
    ";",
]
# U+0130, U+0131 and U+017F match Latin letters case-insensitively but do not lower-case
# to them, which breaks the lookup (test_cues_with_special_case_letters below).
_SAFE_TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="İıſ"))
cue_texts = st.lists(st.one_of(st.sampled_from(CUES), _SAFE_TEXT), max_size=8).map(" ".join)


@given(cue_texts)
def test_suggested_words_are_the_text_at_their_offsets(text: str) -> None:
    """Whenever a term is suggested, its offsets point at exactly its words in the text."""
    suggestion = suggest_term(text)
    if suggestion is not None:
        assert text[suggestion.start : suggestion.end] == suggestion.words


@given(cue_texts)
def test_suggested_words_alone_give_the_same_suggestion(text: str) -> None:
    """The matched words, taken out of their text, suggest the same term with the same note."""
    suggestion = suggest_term(text)
    if suggestion is not None:
        words = suggestion.words
        assert suggest_term(words) == TermSuggestion(
            suggestion.term, words, 0, len(words), suggestion.note
        )


@pytest.mark.parametrize("text", ["poſſibly", "we aſſess", "LİKELY", "mıght"])
def test_cues_with_special_case_letters(text: str) -> None:
    """Letters that match a cue case-insensitively give a suggestion rather than an error."""
    suggest_term(text)


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("make", "owner", "field", "value"),
    [
        (lambda: _claim(credibility=0), "Claim", "credibility", 0),
        (lambda: _claim(credibility=7), "Claim", "credibility", 7),
        (lambda: _claim(credibility=True), "Claim", "credibility", True),
        (lambda: _claim(credibility="2"), "Claim", "credibility", "2"),
        (lambda: _claim(analytic_confidence="medium"), "Claim", "analytic_confidence", "medium"),
        (lambda: _claim(analytic_confidence=50), "Claim", "analytic_confidence", 50),
        (lambda: pv.ReliabilityGrade("G"), "ReliabilityGrade", "grade", "G"),
        (lambda: pv.Outlet(name="Fars", reliability="G"), "Outlet", "reliability", "G"),
        (lambda: pv.Agent(name="Zimmt", reliability=["B", "G"]), "Agent", "reliability", "G"),
        (lambda: pv.Outlet(name="Fars", reliability=3), "Outlet", "reliability", 3),
        (lambda: pv.Confidence(wording="  "), "Confidence", "wording", "  "),
    ],
)
def test_invalid_grades_are_refused(
    make: Callable[[], object], owner: str, field: str, value: object
) -> None:
    """An invalid grade raises ValidationError naming the field and the value given."""
    with pytest.raises(pv.ValidationError) as caught:
        make()
    error = caught.value
    assert (error.owner, error.field, error.value) == (owner, field, value)
    assert f"{owner}.{field}" in str(error)
    assert repr(value) in str(error)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (pv.Year(2021), pv.Year(2020)),
        (pv.YearMonth(2021, 3), pv.YearMonth(2021, 2)),
        (dt.date(2021, 3, 2), dt.date(2021, 3, 1)),
        (pv.YearMonth(2021, 3), dt.date(2021, 2, 28)),
        (
            dt.datetime(2021, 2, 16, 12, 0, tzinfo=dt.UTC),
            dt.datetime(2021, 2, 16, 14, 59, tzinfo=dt.timezone(dt.timedelta(hours=3))),
        ),
    ],
)
def test_reliability_grade_refuses_an_end_before_its_start(start: pv.Time, end: pv.Time) -> None:
    """A grade whose period ends before it starts is refused, naming the end."""
    with pytest.raises(pv.ValidationError) as caught:
        pv.ReliabilityGrade("C", start=start, end=end)
    assert (caught.value.field, caught.value.value) == ("end", end)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (pv.Year(2020), pv.Year(2020)),
        (dt.date(2020, 3, 15), pv.YearMonth(2020, 3)),
        (pv.YearMonth(2020, 3), dt.date(2020, 3, 1)),
        (dt.datetime(2021, 2, 16, 12, tzinfo=dt.UTC), dt.datetime(2021, 2, 16, 12, tzinfo=dt.UTC)),
    ],
)
def test_reliability_grade_accepts_periods_that_overlap_at_their_precision(
    start: pv.Time, end: pv.Time
) -> None:
    """A period whose end is not wholly before its start is kept, at each end's own precision."""
    grade = pv.ReliabilityGrade("C", start=start, end=end)
    assert (grade.start, grade.end) == (start, end)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (pv.Year(2000), dt.date(9999, 12, 31)),
        (pv.Year(2000), dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-2)))),
        (dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1))), pv.Year(2000)),
    ],
)
def test_reliability_grade_accepts_times_at_the_ends_of_the_calendar(
    start: pv.Time, end: pv.Time
) -> None:
    """Any time the model holds can bound a grade's period."""
    grade = pv.ReliabilityGrade("C", start=start, end=end)
    assert (grade.start, grade.end) == (start, end)


# --------------------------------------------------------------------------- reliability_at

_TRACK_RECORD = [
    pv.ReliabilityGrade("F", end=dt.date(2019, 12, 31)),
    pv.ReliabilityGrade("C", start=pv.Year(2020)),
]
_OVERLAPPING = [
    pv.ReliabilityGrade("B", start=pv.Year(2019), end=pv.Year(2020)),
    pv.ReliabilityGrade("D", start=pv.YearMonth(2020, 6)),
]


@pytest.mark.parametrize(
    ("grades", "when", "expected"),
    [
        (_TRACK_RECORD, dt.date(2021, 2, 16), Reliability.C),
        (_TRACK_RECORD, pv.Year(2019), Reliability.F),
        (_TRACK_RECORD, pv.YearMonth(2019, 12), Reliability.F),
        (_TRACK_RECORD, dt.datetime(2020, 1, 1, 0, 30, tzinfo=dt.UTC), Reliability.C),
        (_TRACK_RECORD, None, None),
        (_OVERLAPPING, pv.YearMonth(2020, 5), Reliability.B),
        (_OVERLAPPING, dt.date(2020, 7, 1), None),
        (_OVERLAPPING, pv.Year(2020), None),
        (_OVERLAPPING, pv.Year(2018), None),
        (_OVERLAPPING, dt.date(2024, 1, 1), Reliability.D),
        ([pv.ReliabilityGrade("B", start=pv.Year(2020))], pv.Year(2019), None),
        ([pv.ReliabilityGrade("B", start=pv.Year(2020))], None, Reliability.B),
        (["E"], dt.date(2021, 2, 16), Reliability.E),
        (["E"], None, Reliability.E),
        (["E", pv.ReliabilityGrade("A", start=pv.Year(2020))], None, Reliability.E),
        ([], dt.date(2021, 2, 16), None),
        ([], None, None),
    ],
)
def test_reliability_at_picks_the_one_grade_that_applies(
    grades: list[pv.ReliabilityGrade | str], when: pv.Time | None, expected: Reliability | None
) -> None:
    """The grade whose period covers a time applies; None when no grade, or two, apply."""
    outlet = pv.Outlet(name="Tabnak", reliability=grades)
    agent = pv.Agent(name="Raz Zimmt", reliability=grades)
    assert (outlet.reliability_at(when), agent.reliability_at(when)) == (expected, expected)


# --------------------------------------------------------------------------- RDF round trips

_UTC_OFFSETS = st.integers(-14 * 60, 14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
# Years stay inside 1900–2100: the ends of the calendar are test_..._ends_of_the_calendar's.
_INSTANTS = st.datetimes(
    min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 12, 31), timezones=_UTC_OFFSETS
)
_DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
_TIMES: st.SearchStrategy[pv.Time] = st.one_of(
    st.builds(pv.Year, st.integers(1900, 2100)),
    st.builds(pv.YearMonth, st.integers(1900, 2100), st.integers(1, 12)),
    _DATES,
    _INSTANTS,
)
_TEXT = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters=REFUSED_CHARACTERS), min_size=1
).filter(str.strip)


@st.composite
def reliability_grades(draw: st.DrawFn) -> pv.ReliabilityGrade:
    """A grade, with or without either end of its period, at any precision."""
    grade = draw(st.sampled_from(Reliability))
    start = draw(st.none() | _TIMES)
    end = draw(st.none() | _TIMES)
    try:
        return pv.ReliabilityGrade(grade, start=start, end=end)
    except pv.ValidationError:
        return pv.ReliabilityGrade(grade, start=end, end=start)


_GRADE_SETS = st.frozensets(reliability_grades(), max_size=3)


@st.composite
def confidences(draw: st.DrawFn) -> pv.Confidence:
    """A confidence with any mix of number, estimative term and wording."""
    term = draw(st.none() | st.sampled_from(EstimativeTerm))
    low, high = (0.0, 1.0) if term is None else (term.low, term.high)
    value = draw(st.none() | st.floats(low, high))
    wording = draw(st.none() | _TEXT)
    if value is None and term is None and wording is None:
        wording = "may"
    return pv.Confidence(value, term, wording=wording)


@st.composite
def graded_claims(draw: st.DrawFn) -> pv.Claim:
    """A claim with any credibility, analytic confidence and wording, whose claimant, the
    agent it speaks for and the outlet carrying it have any reliability grades."""
    principal = draw(
        st.none() | st.builds(pv.Agent, name=st.just("Ministry"), reliability=_GRADE_SETS)
    )
    claimant = pv.Agent(
        name="Said Khatibzadeh", on_behalf_of=principal, reliability=draw(_GRADE_SETS)
    )
    outlet = pv.Outlet(name="Fars", kind="news agency", reliability=draw(_GRADE_SETS))
    return pv.Claim(
        proposition=pv.Proposition("Iran carried out the attack.", language="en"),
        claimant=claimant,
        source=pv.Source(outlet=outlet, published=draw(st.none() | _TIMES)),
        stance=draw(st.sampled_from(pv.Stance.builtins())),
        confidence=draw(st.none() | confidences()),
        credibility=draw(st.none() | st.sampled_from(Credibility)),
        analytic_confidence=draw(st.none() | st.sampled_from(AnalyticConfidence)),
        language=draw(st.sampled_from([None, "en", "fa-IR"])),
    )


def _time_key(value: pv.Time | None) -> tuple[str, str] | None:
    """A time as its type and exact written form, so a changed offset or precision shows."""
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return type(value).__name__, text


def _grades_key(grades: frozenset[pv.ReliabilityGrade]) -> set[tuple[object, ...]]:
    return {(g.grade, _time_key(g.start), _time_key(g.end)) for g in grades}


def _grading(claims: pv.ClaimSet) -> list[tuple[object, ...]]:
    """Every grade a collection holds, looked at field by field rather than through ``==``."""
    return sorted(
        (
            (
                c.credibility,
                c.analytic_confidence,
                c.confidence,
                _grades_key(c.claimant.reliability),
                None
                if c.claimant.on_behalf_of is None
                else _grades_key(c.claimant.on_behalf_of.reliability),
                _grades_key(c.outlet.reliability),
            )
            for c in claims.claims
        ),
        key=repr,
    )


@settings(max_examples=75, deadline=None)
@given(graded_claims())
def test_grades_survive_turtle_and_graph_round_trips(claim: pv.Claim) -> None:
    """Credibility, analytic confidence, wording and reliability grades come back unchanged."""
    claims = pv.ClaimSet([claim])
    through_turtle = pv.parse_turtle(pv.serialize_turtle(claims))
    through_graph = pv.from_graph(pv.to_graph(claims))
    assert (through_turtle, through_graph) == (claims, claims)
    assert (_grading(through_turtle), _grading(through_graph)) == (_grading(claims),) * 2


@pytest.mark.parametrize(
    "value",
    [
        *(term for term in EstimativeTerm),
        *(grade for grade in Credibility),
        *(level for level in AnalyticConfidence),
        *(grade for grade in Reliability),
    ],
    ids=repr,
)
def test_every_scale_value_survives_a_round_trip(
    value: EstimativeTerm | Credibility | AnalyticConfidence | Reliability,
) -> None:
    """Each value of each scale, on a claim or its outlet, reads back from Turtle as written."""
    outlet = pv.Outlet(name="Tabnak", reliability=value if isinstance(value, Reliability) else ())
    claim = _claim(
        source=pv.Source(outlet=outlet),
        confidence=pv.Confidence(term=value) if isinstance(value, EstimativeTerm) else None,
        credibility=value if isinstance(value, Credibility) else None,
        analytic_confidence=value if isinstance(value, AnalyticConfidence) else None,
    )
    (back,) = pv.parse_turtle(pv.serialize_turtle(pv.ClaimSet([claim]))).claims
    assert _grading(pv.ClaimSet([back])) == _grading(pv.ClaimSet([claim]))


@pytest.mark.parametrize(
    "change",
    [
        {"credibility": 2},
        {"analytic_confidence": "low"},
        {"confidence": pv.Confidence(wording="might")},
    ],
    ids=["credibility", "analytic_confidence", "wording"],
)
def test_claims_differing_only_in_grading_are_different(change: dict[str, object]) -> None:
    """Two claims that differ only in a grade are not equal, so a collection cannot drop one."""
    base = {"credibility": 1, "confidence": pv.Confidence(wording="may")}
    assert _claim(**base) != _claim(**{**base, **change})


def _claim(**fields: object) -> pv.Claim:
    """A claim from the Erbil case, with the fields given."""
    defaults: dict[str, object] = {
        "proposition": pv.Proposition("The attack was a message to Turkey.", language="en"),
        "claimant": pv.Agent(name="author of a Tabnak commentary", kind="unnamed"),
        "source": pv.Source(outlet=pv.Outlet(name="Tabnak", kind="website")),
        "stance": pv.Stance.SPECULATION,
    }
    return pv.Claim(**{**defaults, **fields})  # type: ignore[arg-type]


def test_grades_are_written_with_the_vocabulary_terms() -> None:
    """A graded claim's Turtle names the grading concepts by their pc: terms."""
    claim = _claim(
        source=pv.Source(
            outlet=pv.Outlet(
                name="Tabnak", reliability=pv.ReliabilityGrade("C", start=pv.Year(2020))
            )
        ),
        confidence=pv.Confidence(wording="may"),
        credibility=3,
        analytic_confidence="low",
    )
    turtle = pv.serialize_turtle(pv.ClaimSet([claim]))
    found = set(re.findall(r"pc:(?:Credibility\d|[A-Z]\w*Confidence|Reliability[A-F])\b", turtle))
    assert found == {"pc:Credibility3", "pc:LowConfidence", "pc:ReliabilityC"}
