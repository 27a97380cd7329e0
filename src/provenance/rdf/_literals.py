"""Literals in canonical lexical form, and strict parsing of the forms we accept.

We write the XML Schema 1.1 canonical form of each value, which is also what
Oxigraph's store keeps and what rdflib leaves alone, so no normalisation on the way
through a triple store can change a value: ``0.8`` not ``0.80``, ``1`` not ``1.0``,
``Z`` for UTC, no trailing zeros in fractions of a second.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from .._values import Time, Year, YearMonth, time_lexical
from ._terms import XSD_DATE, XSD_DATETIME, XSD_GYEAR, XSD_GYEARMONTH

__all__ = ["decimal_lexical", "parse_decimal", "parse_time", "time_literal"]


def decimal_lexical(value: float) -> str:
    """The canonical ``xsd:decimal`` form of a float: the shortest digits that round-trip."""
    text = format(Decimal(repr(value)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)\Z")


def parse_decimal(lexical: str) -> float | None:
    """The float an ``xsd:decimal`` lexical form denotes, or ``None`` if it is not one."""
    text = lexical.strip()
    if not _DECIMAL.match(text):
        return None
    return float(text) + 0.0


def time_literal(value: Time) -> tuple[str, str]:
    """The lexical form and XML Schema datatype for a time at its precision."""
    if isinstance(value, dt.datetime):
        datatype = XSD_DATETIME
    elif isinstance(value, dt.date):
        datatype = XSD_DATE
    elif isinstance(value, YearMonth):
        datatype = XSD_GYEARMONTH
    else:
        datatype = XSD_GYEAR
    return time_lexical(value), datatype


_DATETIME = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?\Z"
)
_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d)\Z")
_GYEARMONTH = re.compile(r"(\d{4})-(\d\d)\Z")
_GYEAR = re.compile(r"(\d{4})\Z")


def parse_time(lexical: str, datatype: str) -> Time | None:
    """The time a literal denotes, or ``None`` if the form or value is not one we hold.

    A ``dateTime`` without a time zone is refused (``None``): it names no instant.
    """
    text = lexical.strip()
    try:
        if datatype == XSD_DATETIME:
            m = _DATETIME.match(text)
            if not m or m.group(8) is None:
                return None
            year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
            fraction = m.group(7) or ""
            if len(fraction.rstrip("0")) > 6:
                return None  # finer than a microsecond: would be altered
            micro = int((fraction + "000000")[:6])
            zone = m.group(8)
            if zone == "Z":
                tz = dt.UTC
            else:
                sign = -1 if zone[0] == "-" else 1
                delta = dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
                if delta > dt.timedelta(hours=14):
                    return None
                tz = dt.timezone(sign * delta)
            return dt.datetime(year, month, day, hour, minute, second, micro, tzinfo=tz)
        if datatype == XSD_DATE:
            m = _DATE.match(text)
            return dt.date(*(int(g) for g in m.groups())) if m else None
        if datatype == XSD_GYEARMONTH:
            m = _GYEARMONTH.match(text)
            return YearMonth(int(m.group(1)), int(m.group(2))) if m else None
        if datatype == XSD_GYEAR:
            m = _GYEAR.match(text)
            return Year(int(m.group(1))) if m else None
    except ValueError:  # day 31 of February, year 0, …
        return None
    return None
