"""The model refuses what it cannot hold, with errors that say which field and which value."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance import (
    Agent,
    Claim,
    Confidence,
    Derivation,
    EstimativeTerm,
    Outlet,
    Proposition,
    ProvenanceError,
    Source,
    Stance,
    UnknownStanceError,
    ValidationError,
)

FARS = Outlet(name="Fars", kind="news agency", url="https://www.farsnews.ir/")
FARS_16_FEB = Source(outlet=FARS, published=dt.date(2021, 2, 16), title="Statement")
SPOKESMAN = Agent(name="Said Khatibzadeh", kind="person")
INVOLVED = Proposition("Iran was involved in the attack on Erbil.", language="en")


def _claim(**changes: Any) -> Claim:
    """A valid denial, with ``changes`` applied to its fields."""
    fields: dict[str, Any] = {
        "proposition": INVOLVED,
        "claimant": SPOKESMAN,
        "source": FARS_16_FEB,
        "stance": Stance.DENIAL,
    }
    fields.update(changes)
    return Claim(**fields)


def _offset(**delta: float) -> dt.timezone:
    return dt.timezone(dt.timedelta(**delta))


def _described(error: ValidationError) -> tuple[str, str, str, bool]:
    """Owner, field and value of ``error``, and whether its message repeats all of them."""
    message = str(error)
    parts = (f"{error.owner}.{error.field}", repr(error.value), error.expected)
    return (
        error.owner,
        error.field,
        repr(error.value),
        all(part and part in message for part in parts),
    )


_REPORT = _claim(stance=Stance.REPORT)
_NAIVE = dt.datetime(2021, 2, 16, 10, 30)

INVALID: list[Any] = [
    pytest.param(
        lambda: Confidence(math.nan), "Confidence", "value", math.nan, id="confidence-nan"
    ),
    pytest.param(lambda: Confidence(-0.1), "Confidence", "value", -0.1, id="confidence-negative"),
    pytest.param(lambda: Confidence(1.5), "Confidence", "value", 1.5, id="confidence-above-one"),
    pytest.param(lambda: Confidence(True), "Confidence", "value", True, id="confidence-bool"),
    pytest.param(
        lambda: Confidence(10**400), "Confidence", "value", 10**400, id="confidence-huge-int"
    ),
    pytest.param(
        lambda: _claim(confidence=False), "Claim", "confidence", False, id="claim-confidence-bool"
    ),
    pytest.param(
        lambda: Confidence(term="probably"), "Confidence", "term", "probably", id="term-unknown"
    ),
    pytest.param(
        lambda: _claim(confidence="probably"),
        "Confidence",
        "term",
        "probably",
        id="claim-confidence-unknown-term",
    ),
    pytest.param(
        lambda: Confidence(0.3, "likely"), "Confidence", "value", 0.3, id="term-contradicts-value"
    ),
    pytest.param(Confidence, "Confidence", "value", None, id="confidence-empty"),
    pytest.param(lambda: _claim(text=""), "Claim", "text", "", id="claim-text-empty"),
    pytest.param(lambda: _claim(text=" \t\n "), "Claim", "text", " \t\n ", id="claim-text-blank"),
    pytest.param(lambda: Proposition(""), "Proposition", "text", "", id="proposition-empty"),
    pytest.param(
        lambda: Proposition("\u3000 \n"), "Proposition", "text", "\u3000 \n", id="proposition-blank"
    ),
    pytest.param(
        lambda: Proposition("Iran\ud800"),
        "Proposition",
        "text",
        "Iran\ud800",
        id="proposition-surrogate",
    ),
    pytest.param(
        lambda: _claim(text="denied \udc00"), "Claim", "text", "denied \udc00", id="claim-surrogate"
    ),
    pytest.param(lambda: _claim(stance="rumour"), "Claim", "stance", "rumour", id="stance-unknown"),
    pytest.param(lambda: _claim(made_at=_NAIVE), "Claim", "made_at", _NAIVE, id="made-at-naive"),
    pytest.param(
        lambda: Source(outlet=FARS, published=_NAIVE),
        "Source",
        "published",
        _NAIVE,
        id="published-naive",
    ),
    pytest.param(
        lambda: _claim(made_at=_NAIVE.replace(tzinfo=_offset(hours=3, minutes=30, seconds=15))),
        "Claim",
        "made_at",
        _NAIVE.replace(tzinfo=_offset(hours=3, minutes=30, seconds=15)),
        id="offset-seconds",
    ),
    pytest.param(
        lambda: Source(outlet=FARS, published=_NAIVE.replace(tzinfo=_offset(hours=14, minutes=1))),
        "Source",
        "published",
        _NAIVE.replace(tzinfo=_offset(hours=14, minutes=1)),
        id="offset-beyond-plus-14",
    ),
    pytest.param(
        lambda: _claim(made_at=_NAIVE.replace(tzinfo=_offset(hours=-14, minutes=-1))),
        "Claim",
        "made_at",
        _NAIVE.replace(tzinfo=_offset(hours=-14, minutes=-1)),
        id="offset-beyond-minus-14",
    ),
    pytest.param(
        lambda: Proposition("x", language="en_GB"),
        "Proposition",
        "language",
        "en_GB",
        id="language-underscore",
    ),
    pytest.param(
        lambda: _claim(language="fa IR"), "Claim", "language", "fa IR", id="language-space"
    ),
    pytest.param(
        lambda: Outlet(name="x", language=""), "Outlet", "language", "", id="language-empty"
    ),
    pytest.param(
        lambda: Outlet(name="Fars", url="https://www.farsnews.ir/news item"),
        "Outlet",
        "url",
        "https://www.farsnews.ir/news item",
        id="outlet-url-space",
    ),
    pytest.param(
        lambda: Source(outlet=FARS, url="https://www.farsnews.ir/ news"),
        "Source",
        "url",
        "https://www.farsnews.ir/ news",
        id="source-url-space",
    ),
    pytest.param(
        lambda: Agent(name="Ali-Asghar Khaji", aliases="Ali-Asghan Khaji"),
        "Agent",
        "aliases",
        "Ali-Asghan Khaji",
        id="agent-aliases-string",
    ),
    pytest.param(
        lambda: Outlet(name="Fars", aliases="Fars News Agency"),
        "Outlet",
        "aliases",
        "Fars News Agency",
        id="outlet-aliases-string",
    ),
    pytest.param(
        lambda: _claim(supports=[_REPORT], contests=[_REPORT]),
        "Claim",
        "contests",
        _REPORT,
        id="supports-and-contests",
    ),
]


@pytest.mark.parametrize(("build", "owner", "field", "value"), INVALID)
def test_invalid_input_names_field_and_value(
    build: Callable[[], object], owner: str, field: str, value: object
) -> None:
    """Invalid input raises a ValidationError whose attributes and message name field and value."""
    with pytest.raises(ValidationError) as info:
        build()

    assert _described(info.value) == (owner, field, repr(value), True)


def test_validation_error_is_in_the_documented_hierarchy() -> None:
    """A refused value can be caught as ProvenanceError and as ValueError alike."""
    with pytest.raises(ValidationError) as info:
        Confidence(2.0)

    assert (isinstance(info.value, ProvenanceError), isinstance(info.value, ValueError)) == (
        True,
        True,
    )


def test_term_contradicting_number_says_which_band() -> None:
    """A number outside its term's band is refused with the term and its band in the message."""
    with pytest.raises(ValidationError, match=r"'likely' \(0\.55–0\.8\), got 0\.3"):
        Confidence(0.3, "likely")


def test_unknown_stance_is_a_lookup_error() -> None:
    """An unknown stance name raises UnknownStanceError, also a LookupError and a ValueError."""
    with pytest.raises(UnknownStanceError) as info:
        Stance.named("rumour")

    error = info.value
    assert (
        isinstance(error, LookupError),
        isinstance(error, ValueError),
        isinstance(error, ValidationError),
        error.field,
        error.value,
        "'denial'" in error.expected,
    ) == (True, True, True, "stance", "rumour", True)


@pytest.mark.parametrize(
    "name",
    [
        "claim of responsibility",
        "CLAIM_OF_RESPONSIBILITY",
        "claim_of_responsibility",
        "Claim of Responsibility",
        "  claim   of responsibility ",
    ],
)
def test_builtin_stance_by_name(name: str) -> None:
    """A built-in stance is reachable by its label or its constant's name, however spelled."""
    assert (Stance.named(name), _claim(stance=name).stance) == (
        Stance.CLAIM_OF_RESPONSIBILITY,
        Stance.CLAIM_OF_RESPONSIBILITY,
    )


def test_every_builtin_stance_by_label_and_constant_name() -> None:
    """Each built-in stance is found both by its label and by the name of its constant."""
    builtins = Stance.builtins()
    found = [
        (Stance.named(s.label), Stance.named(s.label.upper().replace(" ", "_"))) for s in builtins
    ]

    assert found == [(s, s) for s in builtins]


@pytest.mark.parametrize("offset", [_offset(hours=14), _offset(hours=-14), _offset(minutes=-45)])
def test_offsets_within_fourteen_hours_are_accepted(offset: dt.timezone) -> None:
    """Whole-minute offsets up to and including ±14:00 are accepted unchanged."""
    instant = dt.datetime(2021, 2, 16, 21, 30, tzinfo=offset)

    assert _claim(made_at=instant).made_at == instant


def test_confidence_accepts_both_ends() -> None:
    """Zero and one, as int or float, are valid confidences and are held as floats."""
    held = [Confidence(v).value for v in (0, 0.0, 1, 1.0)]

    assert [repr(v) for v in held] == ["0.0", "0.0", "1.0", "1.0"]


def test_negative_zero_becomes_zero() -> None:
    """-0.0 is held as 0.0, so there is one zero with one lexical form."""
    assert (
        repr(Confidence(-0.0))
        == repr(Confidence(0.0))
        == "Confidence(value=0.0, term=None, wording=None)"
    )


@pytest.mark.parametrize(
    ("given_tag", "canonical"),
    [
        ("FA-ir", "fa-IR"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("EN", "en"),
        ("en-gb", "en-GB"),
        ("SR-LATN-RS", "sr-Latn-RS"),
    ],
)
def test_language_tags_are_canonicalised(given_tag: str, canonical: str) -> None:
    """Every record with a language keeps one canonical spelling of the tag."""
    held = (
        Proposition("x", language=given_tag).language,
        Outlet(name="x", language=given_tag).language,
        Source(outlet=FARS, language=given_tag).language,
        _claim(language=given_tag).language,
    )

    assert held == (canonical,) * 4


RECORDS: list[attrs.AttrsInstance] = [
    INVOLVED,
    SPOKESMAN,
    Agent(name="Ministry", kind="organization", aliases=["MFA"]),
    FARS,
    FARS_16_FEB,
    Source(outlet=FARS, derived_from=[Derivation(FARS_16_FEB, "quoted")]),
    Derivation(FARS_16_FEB),
    _claim(confidence=Confidence(0.7, "likely"), supports=[_REPORT]),
    Confidence(term="likely"),
    Stance.DENIAL,
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_records_are_hashable(record: attrs.AttrsInstance) -> None:
    """A record and an equal copy of it hash alike, so they collapse in a set."""
    copy = attrs.evolve(record)  # type: ignore[misc]  # any attrs class

    assert (copy is not record, hash(copy) == hash(record), {record, copy}) == (
        True,
        True,
        {record},
    )


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_records_are_immutable(record: attrs.AttrsInstance) -> None:
    """Assigning to any field of a record raises FrozenInstanceError."""
    name = attrs.fields(type(record))[0].name

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(record, name, getattr(record, name))


# ------------------------------------------------------------------ properties

_OUT_OF_RANGE = st.one_of(st.floats(), st.integers()).filter(
    lambda x: math.isnan(x) or not 0.0 <= x <= 1.0
)


@given(_OUT_OF_RANGE)
def test_any_number_outside_unit_interval_is_refused(number: float) -> None:
    """Any number below 0, above 1, infinite or NaN is refused as a confidence."""
    with pytest.raises(ValidationError) as info:
        Confidence(number)

    assert _described(info.value) == ("Confidence", "value", repr(number), True)


@st.composite
def _in_band(draw: st.DrawFn) -> tuple[EstimativeTerm, float]:
    term = draw(st.sampled_from(EstimativeTerm))
    return term, draw(st.floats(min_value=term.low, max_value=term.high))


@st.composite
def _outside_band(draw: st.DrawFn) -> tuple[EstimativeTerm, float]:
    term = draw(st.sampled_from(EstimativeTerm))
    number = draw(st.floats(min_value=0.0, max_value=1.0).filter(lambda x: not term.contains(x)))
    return term, number


@given(_in_band())
def test_number_within_band_of_term_is_accepted(pair: tuple[EstimativeTerm, float]) -> None:
    """For any term, every number within its band is accepted together with it."""
    term, number = pair
    confidence = Confidence(number, term.label)

    assert (confidence.value, confidence.term) == (number, term)


@given(_outside_band())
def test_number_outside_band_of_term_is_refused(pair: tuple[EstimativeTerm, float]) -> None:
    """For any term, every number in [0, 1] outside its band is refused, naming the term."""
    term, number = pair
    with pytest.raises(ValidationError) as info:
        Confidence(number, term)

    assert (_described(info.value), repr(term.label) in info.value.expected) == (
        ("Confidence", "value", repr(number + 0.0), True),
        True,
    )


# ------------------------------------------------------------------ text every format carries


def _stance_with_label(label: str) -> Stance:
    return Stance("https://example.org/stance#Hint", label, "affirming")


TEXT_FIELDS: dict[tuple[str, str], Callable[[str], object]] = {
    ("Proposition", "text"): Proposition,
    ("Agent", "name"): lambda text: Agent(name=text),
    ("Agent", "aliases"): lambda text: Agent(name="A", aliases=[text]),
    ("Agent", "description"): lambda text: Agent(name="A", description=text),
    ("Outlet", "name"): lambda text: Outlet(name=text),
    ("Outlet", "aliases"): lambda text: Outlet(name="O", aliases=[text]),
    ("Outlet", "description"): lambda text: Outlet(name="O", description=text),
    ("Source", "title"): lambda text: Source(outlet=FARS, title=text),
    ("Stance", "label"): _stance_with_label,
    ("Confidence", "wording"): lambda text: Confidence(wording=text),
    ("Claim", "text"): lambda text: _claim(text=text),
}
"""A way to put a text into each text field of the model."""

_NOT_TEXT_FIELDS = {"iri", "url", "language"}
"""Fields held as strings that are not free text: each has a checker of its own."""


def test_every_text_field_is_listed() -> None:
    """The list of text fields above holds every string field of every model class."""
    import provenance._model as model

    found = {
        (cls.__name__, field.name)
        for cls in (
            model.Proposition,
            model.Agent,
            model.Outlet,
            model.Source,
            model.Stance,
            model.Confidence,
            model.Claim,
            model.Derivation,
            model.ReliabilityGrade,
        )
        for field in attrs.fields(cls)
        if field.init and "str" in str(field.type) and field.name not in _NOT_TEXT_FIELDS
    }
    assert found == set(TEXT_FIELDS)


_REFUSED = [*(chr(c) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20))), "\ufffe", "\uffff"]


@pytest.mark.parametrize(("owner", "field"), list(TEXT_FIELDS))
@pytest.mark.parametrize("character", ["\x00", "\x0b", "\x1f", "\ufffe", "\uffff"])
def test_text_no_format_can_carry_is_refused(owner: str, field: str, character: str) -> None:
    """NUL, the other C0 controls but tab, LF and CR, and U+FFFE/U+FFFF are refused in every
    text field, naming the field, the character's code point and its position."""
    text = "Fars said" + character + " no"
    with pytest.raises(ValidationError) as info:
        TEXT_FIELDS[owner, field](text)

    assert (
        info.value.owner,
        info.value.field,
        info.value.value,
        f"U+{ord(character):04X} at character 10" in info.value.expected,
        f"U+{ord(character):04X} at character 10" in str(info.value),
    ) == (owner, field, text, True, True)


@given(
    st.text(st.characters(codec="utf-8"), max_size=30),
    st.sampled_from(_REFUSED),
    st.text(st.characters(codec="utf-8"), max_size=30),
)
def test_any_text_with_a_refused_character_names_the_first(
    before: str, character: str, after: str
) -> None:
    """Whatever surrounds it, a refused character is reported at its own position, or at
    the position of an earlier one; tab, LF and CR alone are never the reason."""
    text = "x" + before + character + after
    with pytest.raises(ValidationError) as info:
        Proposition(text)

    first = next(i for i, c in enumerate(text) if c in _REFUSED)
    assert info.value.expected.endswith(f"U+{ord(text[first]):04X} at character {first + 1}")


@given(st.text(st.characters(codec="utf-8", exclude_characters="".join(_REFUSED)), min_size=1))
def test_any_other_text_is_accepted(text: str) -> None:
    """Every non-blank text without a refused character is accepted as it is, controls such as
    tab, line feed, carriage return, U+007F and U+0085 included."""
    if not text.strip():
        return
    assert Proposition(text + "\t\n\r\x7f\x85").text == text + "\t\n\r\x7f\x85"
