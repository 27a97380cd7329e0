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


_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)\Z", re.ASCII)


def parse_decimal(lexical: str) -> float | None:
    """The float an ``xsd:decimal`` lexical form denotes, or ``None`` if it is not one."""
    text = lexical.strip()
    if not _DECIMAL.match(text):
        return None
    return float(text) + 0.0


_DATATYPES: dict[type, str] = {
    dt.datetime: XSD_DATETIME,
    dt.date: XSD_DATE,
    YearMonth: XSD_GYEARMONTH,
    Year: XSD_GYEAR,
}


def time_literal(value: Time) -> tuple[str, str]:
    """The lexical form and XML Schema datatype for a time at its precision."""
    datatype = _DATATYPES.get(value.__class__)
    if datatype is not None:  # the classes themselves, which is what records hold
        return time_lexical(value), datatype
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
    r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?\Z", re.ASCII
)
# XML Schema digits are ASCII digits (Python's \d alone would take any script's)
_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d)\Z", re.ASCII)
_GYEARMONTH = re.compile(r"(\d{4})-(\d\d)\Z", re.ASCII)
_GYEAR = re.compile(r"(\d{4})\Z", re.ASCII)


_ZONES: dict[str, dt.timezone | None] = {}


def _zone(zone: str) -> dt.timezone | None:
    """The fixed offset ``Z`` or ``±hh:mm`` names, made once: documents use a few."""
    found = _ZONES.get(zone, False)
    if found is not False:
        return found  # type: ignore[return-value]
    if zone == "Z":
        tz: dt.timezone | None = dt.UTC
    else:
        sign = -1 if zone[0] == "-" else 1
        delta = dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
        tz = None if delta > dt.timedelta(hours=14) else dt.timezone(sign * delta)
    if len(_ZONES) < 4096:
        _ZONES[zone] = tz
    return tz


def parse_time(lexical: str, datatype: str) -> Time | None:
    """The time a literal denotes, or ``None`` if the form or value is not one we hold.

    A ``dateTime`` without a time zone is refused (``None``): it names no instant.
    """
    text = lexical.strip()
    try:
        if datatype == XSD_DATETIME:
            m = _DATETIME.match(text)
            if not m:
                return None
            year, month, day, hour, minute, second, fraction, zone = m.groups()
            if zone is None:
                return None
            micro = 0
            if fraction:
                if len(fraction.rstrip("0")) > 6:
                    return None  # finer than a microsecond: would be altered
                micro = int((fraction + "000000")[:6])
            tz = _zone(zone)
            if tz is None:
                return None
            return dt.datetime(
                int(year), int(month), int(day), int(hour), int(minute), int(second), micro, tz
            )
        if datatype == XSD_DATE:
            return dt.date.fromisoformat(text) if _DATE.match(text) else None
        if datatype == XSD_GYEARMONTH:
            m = _GYEARMONTH.match(text)
            return YearMonth(int(m.group(1)), int(m.group(2))) if m else None
        if datatype == XSD_GYEAR:
            m = _GYEAR.match(text)
            return Year(int(m.group(1))) if m else None
    except ValueError:  # day 31 of February, year 0, …
        return None
    return None
