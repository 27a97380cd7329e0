"""Small value types and checks shared by the model: times at a stated precision,
language tags, IRIs, text.

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
    "REFUSED_CHARACTERS",
    "TEXT_EXPECTED",
    "Time",
    "Year",
    "YearMonth",
    "canonical_language",
    "check_iri",
    "check_text",
    "check_time",
    "check_web_address",
    "text_fault",
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
        offset = value.utcoffset()
        if offset is None:
            raise ValueError(f"{value!r} has no time zone")
        if offset.seconds % 60 or offset.microseconds:  # whole days are whole minutes
            raise ValueError(f"{value!r} has an offset of a fraction of a minute")
        # isoformat() is "YYYY-MM-DDThh:mm:ss[.ffffff]+hh:mm": only the fraction's
        # trailing zeros and UTC's "+00:00" differ from the canonical form
        text = value.isoformat()
        if value.microsecond:
            text = text[:19] + text[19:26].rstrip("0") + text[26:]
        return text[:-6] + "Z" if not offset else text
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


# Characters that no export can carry: XML 1.0 refuses the C0 controls other than tab, line
# feed and carriage return, and the noncharacters U+FFFE and U+FFFF, even as character
# references; no UTF-8 encodes an unpaired surrogate. Every other character is text.
REFUSED_CHARACTERS: str = (
    "".join(map(chr, (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)))) + "\ufffe\uffff"
)
"""The characters :func:`check_text` refuses besides unpaired surrogates (for strategies)."""
_NOT_TEXT = re.compile(f"[{re.escape(REFUSED_CHARACTERS)}\ud800-\udfff]")

TEXT_EXPECTED = (
    "text every format can carry (no control character other than tab, line feed and "
    "carriage return, no U+FFFE or U+FFFF, no unpaired surrogate)"
)
"""What :func:`check_text` asks for, in the words its errors use."""


def text_fault(value: str) -> str | None:
    """Where ``value`` holds a character no export can carry (``"U+0000 at character 12"``,
    counting from 1), or ``None`` when every character is text.

    The one rule for every text of the model, whichever way it comes in: through the
    API, a claim file or RDF. A NUL would otherwise pass every check and only fail at an
    RDF/XML export, far from where it came in.
    """
    found = _NOT_TEXT.search(value)
    if found is None:
        return None
    return f"U+{ord(found.group()):04X} at character {found.start() + 1}"


def check_text(owner: str, field: str, value: object) -> None:
    """Raise :class:`ValidationError` unless ``value`` is non-blank text every format can carry.

    The error's ``expected`` names the first character refused, by code point and position.
    """
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(owner, field, value, "a non-empty string")
    fault = text_fault(value)
    if fault is not None:
        raise ValidationError(owner, field, value, f"{TEXT_EXPECTED}, not {fault}")


# BCP 47 tags as RDF allows them: letters, then groups of letters and digits.
# RFC 5646 "Language-Tag": a langtag, a private-use tag, or one of the grandfathered tags.
_ALNUM = "[A-Za-z0-9]"
_LANGTAG = (
    r"(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4}|[A-Za-z]{5,8})"  # language, extlang
    r"(?:-[A-Za-z]{4})?"  # script
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"  # region
    rf"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"  # variants
    rf"(?:-[0-9A-WYZa-wyz](?:-{_ALNUM}{{2,8}})+)*"  # extensions
    rf"(?:-[Xx](?:-{_ALNUM}{{1,8}})+)?"  # private use
)
_PRIVATE_USE = rf"[Xx](?:-{_ALNUM}{{1,8}})+"
_GRANDFATHERED = (
    "en-GB-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|"
    "i-pwn|i-tao|i-tay|i-tsu|sgn-BE-FR|sgn-BE-NL|sgn-CH-DE|art-lojban|cel-gaulish|no-bok|"
    "no-nyn|zh-guoyu|zh-hakka|zh-min|zh-min-nan|zh-xiang"
)
_LANGUAGE = re.compile(rf"(?:{_LANGTAG}|{_PRIVATE_USE}|{_GRANDFATHERED})\Z", re.IGNORECASE)


def canonical_language(value: str) -> str:
    """Return a BCP 47 tag in its conventional case (``fa-ir`` → ``fa-IR``).

    Language tags are case-insensitive and RDF parsers disagree on case (Oxigraph
    lower-cases them), so the model keeps one spelling and the readers restore it.
    """
    parts = value.split("-")
    out = [parts[0].lower()]
    singleton = len(parts[0]) == 1  # "x-…" private use, "i-…" grandfathered: all lower case
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


_CHECKED_LANGUAGES: dict[str, str] = {}
"""Tags already checked, with their canonical spelling: a collection uses a handful."""


def check_language(owner: str, field: str, value: object) -> str:
    """Return ``value`` as a canonical BCP 47 tag, or raise :class:`ValidationError`."""
    if isinstance(value, str):
        found = _CHECKED_LANGUAGES.get(value)
        if found is not None:
            return found
    if not isinstance(value, str) or not _LANGUAGE.match(value):
        raise ValidationError(owner, field, value, "a BCP 47 language tag such as 'fa' or 'en-GB'")
    canonical = canonical_language(value)
    if len(_CHECKED_LANGUAGES) < 4096:
        _CHECKED_LANGUAGES[value] = canonical
    return canonical


# RFC 3987 "IRI" (absolute, with an optional fragment), as strict RDF parsers check it.
_UCS = (
    "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
    "\U00010000-\U0001fffd\U00020000-\U0002fffd\U00030000-\U0003fffd"
    "\U00040000-\U0004fffd\U00050000-\U0005fffd\U00060000-\U0006fffd"
    "\U00070000-\U0007fffd\U00080000-\U0008fffd\U00090000-\U0009fffd"
    "\U000a0000-\U000afffd\U000b0000-\U000bfffd\U000c0000-\U000cfffd"
    "\U000d0000-\U000dfffd\U000e1000-\U000efffd"
)
_PRIVATE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
_UNRESERVED = f"A-Za-z0-9\\-._~{_UCS}"
_SUB_DELIMS = "!$&'()*+,;="
_PCT = "%[0-9A-Fa-f]{2}"
_PCHAR = f"(?:[{_UNRESERVED}{_SUB_DELIMS}:@]|{_PCT})"
_SEGMENT = f"{_PCHAR}*"
_AUTHORITY = (
    f"(?:(?:[{_UNRESERVED}{_SUB_DELIMS}:]|{_PCT})*@)?"  # userinfo
    f"(?:\\[(?:[0-9A-Fa-f:.]+|v[0-9A-Fa-f]+\\.[{_UNRESERVED}{_SUB_DELIMS}:]+)\\]"  # IP literal
    f"|(?:[{_UNRESERVED}{_SUB_DELIMS}]|{_PCT})*)"  # IPv4 or registered name
    "(?::[0-9]*)?"  # port
)
_IRI = re.compile(
    "[A-Za-z][A-Za-z0-9+.\\-]*:"
    f"(?://{_AUTHORITY}(?:/{_SEGMENT})*|/?(?:{_PCHAR}+(?:/{_SEGMENT})*)?)"
    f"(?:\\?(?:{_PCHAR}|[/?{_PRIVATE}])*)?"
    f"(?:#(?:{_PCHAR}|[/?])*)?\\Z"
)


def check_iri(owner: str, field: str, value: object) -> None:
    """Raise :class:`ValidationError` unless ``value`` is an absolute IRI."""
    if not isinstance(value, str) or not _IRI.match(value):
        raise ValidationError(
            owner,
            field,
            value,
            "an absolute RFC 3987 IRI such as 'https://example.org/a' "
            "(no spaces; % only before two hex digits)",
        )


WEB_ADDRESS = "a web address (http or https, with a host; no spaces, % only before two hex digits)"
"""What :func:`check_web_address` accepts, in the words every error about one uses."""

_WEB = re.compile(r"https?://(?:[^@/?#]*@)?(?:\[[^\]]*\]|[^:/?#\[\]]+)", re.IGNORECASE)
"""http(s), then the authority: optional user information, then a host that is not empty."""


def check_web_address(owner: str, field: str, value: object) -> None:
    """Raise :class:`ValidationError` unless ``value`` is an http or https IRI with a host.

    Home pages and pages (``foaf:homepage``, ``foaf:page``) are places a reader opens:
    ``javascript:``, ``data:`` and ``file:`` IRIs are valid IRIs, but following one runs
    code or reads the reader's own disk, and ``urn:`` or ``mailto:`` names no page. A
    record's own IRI and a stance's stay any absolute IRI (:func:`check_iri`).
    """
    if not isinstance(value, str) or not _IRI.match(value) or not _WEB.match(value):
        raise ValidationError(owner, field, value, WEB_ADDRESS)
