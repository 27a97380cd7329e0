"""Times written as text, read exactly as claim files read them.

A time typed on the command line (``provenance show --since 2021-02``) or taken from
anywhere else as text is read by the claim files' own reader, so that one text means the
same thing, or is refused with the same words, wherever it is written: at the precision
given (``2021``, ``2021-02``, ``2021-02-16``), or as an instant with its time-zone offset.
"""

from __future__ import annotations

from ._values import Time
from .errors import ValidationError
from .files._located import TEXT, Node
from .files._scalars import BadValueError
from .files._scalars import parse_time as parse_time_node

__all__ = ["parse_time"]


def parse_time(text: str) -> Time:
    """The time ``text`` writes, at the precision it is written, as a claim file reads it.

    ``2021`` is a :class:`~provenance.Year`, ``2021-02`` a :class:`~provenance.YearMonth`,
    ``2021-02-16`` a :class:`datetime.date`, and ``2021-02-16T09:30:00+03:30`` (or with
    ``Z``) a :class:`datetime.datetime` with its time zone. Spaces around the text are
    ignored, as in a claim file. Anything a claim file refuses raises
    :class:`~provenance.errors.ValidationError`, whose ``expected`` is in the words the
    claim file's problem uses:

    >>> import provenance as pv
    >>> pv.parse_time("2021-02")
    YearMonth(year=2021, month=2)
    >>> pv.parse_time("2021-02-16T09:30")
    Traceback (most recent call last):
    ...
    provenance.errors.ValidationError: parse_time.text: expected an instant with its time-zone offset (Z, or one such as +03:30), got '2021-02-16T09:30'
    """  # noqa: E501
    if not isinstance(text, str):
        raise ValidationError("parse_time", "text", text, "a time written as text")
    try:
        return parse_time_node(Node(TEXT, text, text, None, None))
    except BadValueError as error:
        raise ValidationError("parse_time", "text", text, error.expected) from error
