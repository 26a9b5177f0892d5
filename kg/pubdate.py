"""Publication dates as metadata writes them (a JSONL ``date``, front matter, a sidecar).

Read, whole value or nothing (``2022-09-09garbage`` is no date):

- ISO: ``2024-10-12``, ``2024-10-12T08:30:00Z``, ``2024-10-12 08:30+02:00`` (the date
  as written; the time and zone are dropped, never converted);
- month names: ``Oct 12, 2024``, ``October 12 2024``, ``12 October 2024``,
  ``12 Oct. 2024``, ``Saturday, 12 October 2024``, ``Sat, 12 Oct 2024 08:30:00 GMT``;
- numbers: ``25/10/2024``, ``10/25/2024``, ``25.10.2024`` when only one reading is a
  date; ``12/10/2024`` (12 October or 10 December?) only with ``dayfirst``, else it is
  left out as ambiguous.

A date whose year is outside 1-9999 (``0000-01-01``, ``10000-01-01``) is no Python date:
it comes back as ``literal``, the ISO text, to be kept as a plain literal.

>>> read_date("Oct 12, 2024").date
datetime.date(2024, 10, 12)
>>> read_date("12/10/2024", dayfirst=True).date
datetime.date(2024, 10, 12)
>>> read_date("12/10/2024").problem
'12/10/2024 is ambiguous (12 October or 10 December); pass --dayfirst or write 2024-10-12'
>>> read_date("10000-01-01").literal
'10000-01-01'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .extract.lexicon import numbers

MONTHS = numbers("months")

_ISO_TIME = r"(?:[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?:Z|[+-]\d\d(?::?\d\d)?)?)?"
_TEXT_TIME = (
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d\d(?::\d\d)?(?:\s*[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*(?:Z|UTC|GMT|[+-]\d\d:?\d\d|[A-Z]{3,4}))?)?"
)
_WEEKDAY = r"(?:(?P<weekday>[A-Za-z]+)\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_MONTH_NAME = r"(?P<name>[A-Za-z]+)\.?"
_FORMS = [
    re.compile(r"(?P<year>[+-]?\d{4,})-(?P<month>\d\d)-(?P<day>\d\d)" + _ISO_TIME),
    re.compile(_WEEKDAY + _MONTH_NAME + r"\s+" + _DAY + r",?\s+(?P<year>\d{4})" + _TEXT_TIME),
    re.compile(
        _WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH_NAME + r",?\s+(?P<year>\d{4})" + _TEXT_TIME
    ),
]
_NUMERIC = re.compile(r"(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class DateReading:
    """What a metadata date value gave: a date, a literal outside Python's years, or why
    it gave nothing (``problem``). All three None: there was no value."""

    date: dt.date | None = None
    literal: str | None = None
    problem: str | None = None


def read_date(value: object, *, dayfirst: bool = False) -> DateReading:
    """Read one metadata date value (see the module's list of forms)."""
    if value is None or value == "":
        return DateReading()
    if isinstance(value, dt.datetime):
        return DateReading(date=value.date())
    if isinstance(value, dt.date):
        return DateReading(date=value)
    text = " ".join(str(value).split())
    for pattern in _FORMS:
        match = pattern.fullmatch(text)
        if match:
            return _from_match(match, text)
    match = _NUMERIC.fullmatch(text)
    if match:
        return _numeric(match, text, dayfirst)
    return DateReading(problem=f"{text!r} is not a date we read; write it as YYYY-MM-DD")


def _from_match(match: re.Match[str], text: str) -> DateReading:
    parts = match.groupdict()
    weekday = (parts.get("weekday") or "").lower()
    if weekday and weekday[:3] not in _WEEKDAYS:
        return DateReading(problem=f"{text!r} is not a date we read; write it as YYYY-MM-DD")
    if parts.get("name") is not None:
        month = MONTHS.get(parts["name"].lower())
        if month is None:
            return DateReading(problem=f"{text!r}: {parts['name']!r} is no month name")
    else:
        month = int(parts["month"])
    return _make(int(parts["year"]), month, int(parts["day"]), text)


def _numeric(match: re.Match[str], text: str, dayfirst: bool) -> DateReading:
    first, second, year = int(match["a"]), int(match["b"]), int(match["year"])
    if dayfirst or first > 12:
        day, month = (first, second) if second <= 12 else (second, first)
    elif second > 12 or first == second:
        day, month = second, first
    else:
        iso = f"{year:04d}-{second:02d}-{first:02d}"
        names = (_month_name(second), _month_name(first))
        return DateReading(
            problem=f"{text} is ambiguous ({first} {names[0]} or {second} {names[1]}); "
            f"pass --dayfirst or write {iso}"
        )
    return _make(year, month, day, text)


def _month_name(number: int) -> str:
    return dt.date(2000, number, 1).strftime("%B") if 1 <= number <= 12 else str(number)


def _make(year: int, month: int, day: int, text: str) -> DateReading:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return DateReading(problem=f"{text!r} has no such month or day")
    if not 1 <= year <= 9999:
        sign = "-" if year < 0 else ""
        return DateReading(literal=f"{sign}{abs(year):04d}-{month:02d}-{day:02d}")
    try:
        return DateReading(date=dt.date(year, month, day))
    except ValueError:
        return DateReading(problem=f"{text!r} is no day of the calendar")
