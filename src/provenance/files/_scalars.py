"""One value of a claim file, judged as written: ids, numbers in plain notation, times at
the precision given, names chosen exactly.

Each reader here takes a located :class:`~._located.Node` and returns the value, or raises
:class:`BadValueError` saying what was expected, in the words the problem will use. They
know nothing of records or sections (that is :mod:`._interpret`); the kinds of value the
table declares (:mod:`._table`) are read with them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from typing import Any

from .._values import Time, Year, YearMonth
from ..errors import ValidationError
from ._located import DATE, INTEGER, NUMBER, NUMBER_REFUSALS, REFUSED, TEXT, Node, describe, quote

__all__ = [
    "DECIMAL_EXPECTED",
    "ID",
    "ID_EXPECTED",
    "LOOKS_NUMERIC",
    "BadValueError",
    "DependencyError",
    "choose",
    "not_plain",
    "parse_time",
    "plain_decimal",
    "plain_whole",
    "suggest",
]

ID = re.compile(r"[^\s,;]+\Z")
ID_EXPECTED = "an id: text without spaces, commas or semicolons"
_TIME = re.compile(
    r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2})"
    r"(?:T(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})"
    r"(?::(?P<second>[0-9]{2})(?:\.(?P<fraction>[0-9]{1,6}))?)?"
    r"(?P<zone>Z|[+-][0-9]{2}:[0-9]{2}))?)?)?\Z"
)
_TIME_EXPECTED = (
    "a time at the precision known: 2021, 2021-02, 2021-02-16 "
    "or an instant with its offset such as 2021-02-16T09:30:00+03:30"
)


class BadValueError(Exception):
    """A value that cannot be used; raised by converters, turned into a :class:`Problem`.

    ``found`` describes the value unless given; ``""`` leaves it out, for an ``expected``
    that already quotes it.
    """

    def __init__(
        self, expected: str, node: Node, *, found: str | None = None, path: str | None = None
    ) -> None:
        super().__init__(expected)
        self.expected = expected
        self.node = node
        self.found: str | None = describe(node) if found is None else (found or None)
        self.path = path


class DependencyError(Exception):
    """A value that depends on a record that already failed (and was reported)."""


def _folded(text: str) -> str:
    return " ".join(text.replace("_", " ").casefold().split())


PLAIN_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?\Z")
PLAIN_WHOLE = re.compile(r"[0-9]+\Z")
LOOKS_NUMERIC = re.compile(r"\s*[-+]?(?:\.?[0-9]|nan\b|inf)", re.IGNORECASE)
DECIMAL_EXPECTED = "a decimal from 0 to 1 such as 0.8"


def plain_decimal(node: Node) -> float:
    """A number in plain decimal notation (``0.8``, ``1``, ``0``), the one way every format
    writes it; exponents, NaN, infinities, hex, signs, percentages and quotes are refused
    with what to write instead, whatever the format would have made of them."""
    if node.kind in (INTEGER, NUMBER) and PLAIN_DECIMAL.match(node.raw):
        return float(node.raw) + 0.0
    raise not_plain(node, DECIMAL_EXPECTED)


def plain_whole(node: Node, expected: str) -> int:
    """A whole number in plain notation (``2``), refused otherwise as :func:`plain_decimal` is."""
    if node.kind == INTEGER and PLAIN_WHOLE.match(node.raw):
        return int(node.raw)
    raise not_plain(node, expected)


def not_plain(node: Node, expected: str) -> BadValueError:
    """Why ``node`` is not a number in plain notation, saying what to write instead."""
    raw = node.raw
    if node.kind == REFUSED and node.value[0] not in NUMBER_REFUSALS:  # a tag, an alias
        return BadValueError(node.value[0], node, found=node.value[1])
    if node.kind == TEXT and (PLAIN_DECIMAL.match(raw) or PLAIN_WHOLE.match(raw)):
        return BadValueError(f"{expected}, written without quotes", node)  # quoted: "0.8"
    if node.kind in (INTEGER, NUMBER, REFUSED) or (node.kind == TEXT and LOOKS_NUMERIC.match(raw)):
        shown = raw if raw == raw.strip() and 0 < len(raw) <= 24 else quote(raw, 24)
        return BadValueError(f"{expected}, not {shown}", node, found="")
    return BadValueError(expected, node)


def suggest(word: str, choices: Iterable[str]) -> str:
    """ " (did you mean 'denial'?)" for the choice ``word`` is closest to, or nothing.

    Case, spaces and underscores are set aside first, so ``"DENIAL "`` is pointed to
    ``'denial'``, which a comparison letter by letter would miss.
    """
    folded: dict[str, str] = {}
    for choice in choices:
        folded.setdefault(_folded(choice), choice)
    key = _folded(word)
    close = [key] if key in folded else difflib.get_close_matches(key, list(folded), 1, 0.6)
    return f" (did you mean {folded[close[0]]!r}?)" if close else ""


def choose(name: str, node: Node, choices: dict[str, Any], what: str = "") -> Any:
    """The member ``name`` names exactly; a :class:`BadValueError` with a suggestion otherwise."""
    found = choices.get(name)
    if found is None:
        listed = ", ".join(repr(c) for c in choices)
        raise BadValueError(f"{what}one of {listed}{suggest(name, choices)}", node)
    return found


def parse_time(node: Node) -> Time:
    """A time from its text, at the precision written; :class:`BadValueError` otherwise."""
    if node.kind == REFUSED:
        raise BadValueError(node.value[0], node, found=node.value[1])
    if node.kind not in (TEXT, INTEGER, DATE):
        raise BadValueError(_TIME_EXPECTED, node)
    if node.kind == INTEGER:  # a year, as a number
        if not PLAIN_WHOLE.match(node.raw):
            raise BadValueError(_TIME_EXPECTED, node)
        try:
            return Year(node.value)
        except ValidationError as error:
            raise BadValueError(error.expected, node) from None
    raw = node.raw.strip() if node.kind == TEXT else node.raw
    match = _TIME.match(raw)
    if match is None:
        if "T" in raw and re.fullmatch(r"[0-9-]+T[0-9:.]+", raw):
            expected = "an instant with its time-zone offset (Z, or one such as +03:30)"
            raise BadValueError(expected, node)
        raise BadValueError(_TIME_EXPECTED, node)
    year = int(match["year"])
    try:
        if match["month"] is None:
            return Year(year)
        month = int(match["month"])
        if match["day"] is None:
            return YearMonth(year, month)
        day = dt.date(year, month, int(match["day"]))
        if match["hour"] is None:
            return day
        zone = match["zone"]
        if zone == "Z":
            tz = dt.UTC
        else:
            hours, minutes = int(zone[1:3]), int(zone[4:6])
            if minutes >= 60 or hours > 14 or (hours == 14 and minutes):
                raise BadValueError("a time-zone offset within ±14:00", node)
            sign = -1 if zone[0] == "-" else 1
            tz = dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
        fraction = match["fraction"] or ""
        return dt.datetime(
            day.year,
            day.month,
            day.day,
            int(match["hour"]),
            int(match["minute"]),
            int(match["second"] or 0),
            int(fraction.ljust(6, "0")) if fraction else 0,
            tzinfo=tz,
        )
    except ValidationError as error:
        raise BadValueError(error.expected, node) from None
    except ValueError:
        raise BadValueError("a date and time that exist in the calendar", node) from None
