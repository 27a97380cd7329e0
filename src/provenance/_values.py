"""Small value types and checks shared by the model: times at a stated precision,
language tags, IRIs.

They live apart from the model classes so the RDF and file layers can use the same
checks without importing the classes.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TypeAlias

import attrs

from .errors import ValidationError

__all__ = [
    "Time",
    "Year",
    "YearMonth",
    "canonical_language",
    "check_iri",
    "check_time",
    "time_bounds",
    "time_lexical",
]


def _year_range(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or not 1 <= value <= 9999:
        raise ValidationError(
            type(instance).__name__, attribute.name, value, "a year from 1 to 9999"
        )


def _month_range(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or not 1 <= value <= 12:
        raise ValidationError(
            type(instance).__name__, attribute.name, value, "a month from 1 to 12"
        )


@attrs.frozen(order=True)
class Year:
    """A time known only to the year, as a source gives it ("in 2019")."""

    year: int = attrs.field(validator=_year_range)

    def __str__(self) -> str:
        return f"{self.year:04d}"


@attrs.frozen(order=True)
class YearMonth:
    """A time known only to the month ("mid-February 2021" → ``YearMonth(2021, 2)``)."""

    year: int = attrs.field(validator=_year_range)
    month: int = attrs.field(validator=_month_range)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


Time: TypeAlias = dt.datetime | dt.date | YearMonth | Year
"""When something happened, at the precision the source gives.

An instant is a :class:`datetime.datetime` *with* a time zone; a day is a
:class:`datetime.date`; coarser times are :class:`YearMonth` or :class:`Year`.
"""

_MAX_OFFSET = dt.timedelta(hours=14)


_UTC = dt.UTC
_FIRST = dt.datetime.min.replace(tzinfo=_UTC)
_LAST = dt.datetime.max.replace(tzinfo=_UTC)


def time_bounds(value: Time) -> tuple[dt.datetime, dt.datetime]:
    """The first and last instants (UTC) a time can mean, for comparing times of any precision.

    A day, month or year without a time zone is read in UTC: "16 February" in Tehran and in
    Washington overlap by most of a day, so comparisons between coarse times are
    approximate by up to fourteen hours, and checks built on them allow for that. At the
    ends of the calendar the bounds are clamped to what Python can represent.
    """
    if isinstance(value, dt.datetime):
        try:
            instant = value.astimezone(_UTC)
        except OverflowError:  # year 1 or 9999 pushed past the calendar by its offset
            instant = _FIRST if value.year == 1 else _LAST
        return instant, instant
    if isinstance(value, dt.date):
        first, last = value, value
    elif isinstance(value, YearMonth):
        first = dt.date(value.year, value.month, 1)
        last = (
            dt.date(value.year, 12, 31)
            if value.month == 12
            else dt.date(value.year, value.month + 1, 1) - dt.timedelta(days=1)
        )
    else:
        first, last = dt.date(value.year, 1, 1), dt.date(value.year, 12, 31)
    return (
        dt.datetime.combine(first, dt.time.min, _UTC),
        dt.datetime.combine(last, dt.time.max, _UTC),
    )


def time_lexical(value: Time) -> str:
    """The canonical XML Schema lexical form of a time at its own precision.

    Instants are written with their own offset (``Z`` for UTC) and no trailing zeros in
    fractions of a second, as XML Schema 1.1 and Oxigraph write them.
    """
    if isinstance(value, dt.datetime):
        text = (
            f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
            f"T{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
        )
        if value.microsecond:
            text += f".{value.microsecond:06d}".rstrip("0")
        offset = value.utcoffset()
        if offset is None:
            raise ValueError(f"{value!r} has no time zone")
        if not offset:
            return text + "Z"
        sign = "-" if offset < dt.timedelta(0) else "+"
        minutes = abs(offset) // dt.timedelta(minutes=1)
        return f"{text}{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def check_time(owner: str, field: str, value: object) -> None:
    """Raise :class:`ValidationError` unless ``value`` is a :data:`Time` RDF can hold.

    An instant needs a time zone (a naive time means a different instant on every
    reader's machine), and XML Schema only knows offsets of whole minutes up to ±14:00.
    """
    if isinstance(value, dt.datetime):
        offset = value.utcoffset()
        if offset is None:
            raise ValidationError(
                owner, field, value, "a datetime with a time zone (tzinfo is missing)"
            )
        if offset % dt.timedelta(minutes=1) or abs(offset) > _MAX_OFFSET:
            raise ValidationError(
                owner, field, value, "a time-zone offset of whole minutes within ±14:00"
            )
    elif not isinstance(value, dt.date | YearMonth | Year):
        raise ValidationError(
            owner, field, value, "a datetime with time zone, a date, a YearMonth or a Year"
        )


# BCP 47 tags as RDF allows them: letters, then groups of letters and digits.
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*\Z")


def canonical_language(value: str) -> str:
    """Return a BCP 47 tag in its conventional case (``fa-ir`` → ``fa-IR``).

    Language tags are case-insensitive and RDF parsers disagree on case (Oxigraph
    lower-cases them), so the model keeps one spelling and the readers restore it.
    """
    parts = value.split("-")
    out = [parts[0].lower()]
    singleton = False
    for part in parts[1:]:
        if singleton or len(part) == 1:
            # after an extension or private-use singleton, case carries no meaning
            singleton = True
            out.append(part.lower())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        else:
            out.append(part.lower())
    return "-".join(out)


def check_language(owner: str, field: str, value: object) -> str:
    """Return ``value`` as a canonical BCP 47 tag, or raise :class:`ValidationError`."""
    if not isinstance(value, str) or not _LANGUAGE.match(value):
        raise ValidationError(owner, field, value, "a BCP 47 language tag such as 'fa' or 'en-GB'")
    return canonical_language(value)


# RFC 3987, reduced to what a publisher's URL or a vocabulary IRI needs: an absolute
# IRI with a scheme, no spaces, no characters that N-Triples cannot write in <...>.
_IRI = re.compile(r'[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>"{}|\\^`\x00-\x20]+\Z')


def check_iri(owner: str, field: str, value: object) -> None:
    """Raise :class:`ValidationError` unless ``value`` is an absolute IRI."""
    if not isinstance(value, str) or not _IRI.match(value):
        raise ValidationError(
            owner, field, value, "an absolute IRI such as 'https://example.org/a' (no spaces)"
        )
