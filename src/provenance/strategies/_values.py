"""Strategies for the values records hold: text, names, language tags, web addresses, times.

Each draws what the model accepts, and more of it than a test would think to write: text
in Persian, Arabic and Latin script with the zero-width non-joiner, curly quotes, emoji,
tabs, line ends and arbitrary Unicode; language tags of every form BCP 47 allows, in any
case; instants at every offset XML Schema allows, the first and last of the calendar
among them. Each shrinks towards a short, plain value.
"""

from __future__ import annotations

import datetime as dt
import functools
import string
from typing import TypeVar

from hypothesis import strategies as st

from .._values import REFUSED_CHARACTERS, Time, Year, YearMonth

__all__ = [
    "dates",
    "instants",
    "languages",
    "names",
    "optional",
    "texts",
    "times",
    "urls",
    "utc_offsets",
]

T = TypeVar("T")


@functools.cache
def optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    """``None`` or what ``strategy`` draws, built once for each strategy: building a
    strategy afresh at every draw would cost more than the draw."""
    return st.none() | strategy


# --------------------------------------------------------------------------- text

NAMES = (
    "Said Khatibzadeh",
    "سعید خطیب‌زاده",  # with a zero-width non-joiner
    "علی‌اصغر خاجی",
    "Ali-Asghar Khaji",
    "خبرگزاری فارس",
    "سرایا اولیاء الدم",
    "حزب‌الله",
    "زینب",
    "Zeynab",
    "Raz Zimmt",
    "Fars",
    "al-Hurra",
    "Meir Amit Intelligence and Terrorism Information Center",
)
"""Names as the sources spell them, in Persian, Arabic and Latin script."""

PHRASES = (
    "Iran was involved in the attack.",
    "ایران در حمله به فرودگاه اربیل دست داشت.",
    "“They were foreign intelligence sources,” he said.",
    "‘a commentator’ on Tabnak",
    "«پیام به ترکیه»",
    "rockets 🚀 hit Erbil airport 🛬",
    "line one\nline two",
    "\tindented with a tab",
    'a \\ backslash and a "quote"',
    "'''triple''' \"\"\"quotes\"\"\"",
    "trailing newline\n",
    "carriage\r\nreturn",
    "۱۵ فوریه ۲۰۲۱",
    "…",
)
"""Statements with the characters that are awkward to escape or to keep."""

_SEPARATORS = (" ", "\t", "\n", "\u200c", "\u200f", "، ", " — ")


def _non_blank(text: str) -> bool:
    return bool(text.strip())


@functools.cache
def _any_text(max_size: int) -> st.SearchStrategy[str]:
    """Arbitrary Unicode text the model accepts: encodable as UTF-8, without the control
    characters no export format can carry, and not blank."""
    characters = st.characters(codec="utf-8", exclude_characters=REFUSED_CHARACTERS)
    return st.text(characters, min_size=1, max_size=max_size).filter(_non_blank)


@functools.cache
def texts(*, max_size: int = 24) -> st.SearchStrategy[str]:
    """Non-blank text the model accepts: sample phrases and names, any Unicode (UTF-8
    encodable, without the control characters no export format can carry) of up to
    ``max_size`` characters, and mixtures of both joined by spaces, tabs, line ends,
    zero-width non-joiners, right-to-left marks and Persian commas."""
    piece = st.one_of(st.sampled_from(NAMES), st.sampled_from(PHRASES), _any_text(max_size))
    mixed = st.builds(
        lambda first, rest: first + "".join(rest),
        piece,
        st.lists(st.one_of(st.sampled_from(_SEPARATORS), piece), max_size=3),
    )
    return st.one_of(st.sampled_from(PHRASES), st.sampled_from(NAMES), _any_text(max_size), mixed)


@functools.cache
def names() -> st.SearchStrategy[str]:
    """Names of agents and outlets: often one of a few sample names, so that records of a
    collection share names and aliases now and then, otherwise any :func:`texts`."""
    return st.one_of(st.sampled_from(NAMES), texts())


# --------------------------------------------------------------------------- languages

CANONICAL_LANGUAGES = (
    "fa",
    "ar",
    "en",
    "ku",
    "en-GB",
    "fa-IR",
    "fa-AF",
    "ar-IQ",
    "ku-Arab-IQ",
    "zh-Hant-TW",
    "sr-Latn-RS",
    "es-419",
    "de-CH-1996",
    "sl-rozaj-biske",
    "zh-cmn-Hans-CN",
    "de-DE-u-co-phonebk",
    "en-GB-oed",
    "i-klingon",
    "x-whatever",
    "qaa-Qaaa-QM-x-southern",
)
"""Well-formed BCP 47 tags in the case RFC 5646 recommends: extended languages, scripts,
regions, variants, extensions, private use and grandfathered tags."""

_PRIMARY = ("fa", "ar", "en", "ku", "ps", "tr", "he", "zh", "sr", "de", "ckb", "azb")
_SCRIPTS = ("Arab", "Latn", "Hant", "Hans", "Cyrl", "Hebr")
_REGIONS = ("IR", "IQ", "AF", "GB", "US", "TW", "LB", "SY", "419", "001")


@functools.cache
def _structured_language() -> st.SearchStrategy[str]:
    """A language, optionally a script and a region: ``fa``, ``ku-Arab-IQ``, ``es-419``."""
    return st.builds(
        lambda *parts: "-".join(p for p in parts if p),
        st.sampled_from(_PRIMARY),
        optional(st.sampled_from(_SCRIPTS)),
        optional(st.sampled_from(_REGIONS)),
    )


@functools.cache
def _private_use() -> st.SearchStrategy[str]:
    """A private-use tag: ``x-`` then subtags of one to eight letters and digits."""
    subtag = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=8)
    return st.lists(subtag, min_size=1, max_size=3).map(lambda parts: "-".join(["x", *parts]))


@st.composite
def _mixed_case(draw: st.DrawFn, tags: st.SearchStrategy[str]) -> str:
    """A tag with each letter in either case (``FA-ir``); shrinks to lower case."""
    tag = draw(tags)
    upper = draw(st.lists(st.booleans(), min_size=len(tag), max_size=len(tag)))
    return "".join(c.upper() if up else c.lower() for c, up in zip(tag, upper, strict=True))


@functools.cache
def languages() -> st.SearchStrategy[str]:
    """Well-formed BCP 47 language tags, in any mixture of upper and lower case.

    Tags are case-insensitive, and the model keeps each in the case RFC 5646 recommends
    (``FA-ir`` becomes ``fa-IR``), so a record built from a drawn tag holds that spelling.
    """
    return _mixed_case(
        st.one_of(st.sampled_from(CANONICAL_LANGUAGES), _structured_language(), _private_use())
    )


# --------------------------------------------------------------------------- web addresses

_HOSTS = ("example.org", "farsnews.ir", "www.tabnak.ir", "t.me", "خبر.ایران", "xn--mgbh0fb.ir")
_SEGMENTS = (
    "news",
    "1399",
    "fa",
    "%D8%AE%D8%A8%D8%B1",
    "خبر",
    "عراق\u200cاربیل",
    "a-b_c.d~e",
    "erbil-attack",
)
_UNRESERVED = string.ascii_letters + string.digits + "-._~"


@functools.cache
def urls() -> st.SearchStrategy[str]:
    """Web addresses of pages and home pages (``url`` fields): http and https IRIs with
    ASCII, Persian or punycode hosts, ASCII or Persian paths, percent-escapes, queries and
    fragments."""
    segment = st.one_of(st.sampled_from(_SEGMENTS), st.text(_UNRESERVED, min_size=1, max_size=8))
    return st.builds(
        lambda scheme, host, path, query, fragment: (
            f"{scheme}://{host}/{'/'.join(path)}{query}{fragment}"
        ),
        st.sampled_from(("https", "http")),
        st.sampled_from(_HOSTS),
        st.lists(segment, max_size=3),
        st.sampled_from(("", "?id=5", "?q=%D8%A7&lang=fa")),
        st.sampled_from(("", "#top", "#تیتر")),
    )


# --------------------------------------------------------------------------- times

_NOTABLE_OFFSETS = (0, 3 * 60 + 30, 4 * 60 + 30, -(3 * 60 + 30), 5 * 60 + 45, 14 * 60, -14 * 60, -1)
"""Offsets in minutes: Tehran's, Kabul's, Newfoundland's, Nepal's, the extremes, and one
minute west of UTC (which some stores mistake for no time zone at all)."""


@functools.cache
def utc_offsets() -> st.SearchStrategy[dt.timezone]:
    """Fixed time zones at every offset an instant can have in RDF: whole minutes within
    ±14:00, often UTC, Tehran's +03:30 or one of the extremes."""
    minutes = st.one_of(
        st.sampled_from(_NOTABLE_OFFSETS), st.integers(min_value=-14 * 60, max_value=14 * 60)
    )
    return st.one_of(
        st.just(dt.UTC),
        minutes.map(lambda m: dt.timezone(dt.timedelta(minutes=m))),
    )


_CALENDAR_ENDS = (
    dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))),
    dt.datetime.max.replace(tzinfo=dt.timezone(-dt.timedelta(hours=14))),
)
"""The first and last instants a datetime can write: both lie outside years 1–9999 in UTC."""


@functools.cache
def instants() -> st.SearchStrategy[dt.datetime]:
    """Datetimes with a fixed time zone (:func:`utc_offsets`), over the whole calendar, with
    microseconds, and often the first or last instant a datetime can write."""
    return st.one_of(st.datetimes(timezones=utc_offsets()), st.sampled_from(_CALENDAR_ENDS))


@functools.cache
def dates() -> st.SearchStrategy[dt.date]:
    """Days, from year 1 to 9999 and often the first or last, never a datetime."""
    return st.one_of(st.dates(), st.sampled_from((dt.date.min, dt.date.max)))


@functools.cache
def times() -> st.SearchStrategy[Time]:
    """A time at any precision the model holds: an instant (:func:`instants`), a day, a
    month (:class:`~provenance.YearMonth`) or a year (:class:`~provenance.Year`)."""
    years = st.integers(min_value=1, max_value=9999)
    return st.one_of(
        dates(),
        st.builds(YearMonth, years, st.integers(min_value=1, max_value=12)),
        st.builds(Year, years),
        instants(),
    )
