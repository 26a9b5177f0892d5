"""Time expressions: find them in text and resolve them against the publication date.

Pure functions, no model: ``find_times(text, published)`` returns every time phrase it
knows with its resolved ``TimeRef``; ``resolve(phrase, published)`` resolves one phrase.

Conventions (documented because news is ambiguous):

- a weekday ("on Friday", "Friday afternoon") is the most recent such day on or before
  the publication date (an article of Friday saying "Friday" means that Friday);
- a day and month without a year ("8 September", "September 8") takes the year that puts
  it nearest the publication date;
- "last week", "last month", "last year" point one unit back, precision of that unit;
- durations ("for six months", "in three days", "in recent days") point at their start,
  counted back from the publication date; "N days ago" likewise;
- a bare year after a preposition ("in 1943", "since 2014") is that year's 1 January,
  precision "year";
- vague phrases ("early in the war", "recently", "this summer") are precision "vague",
  dated at the publication date (or the season's start).

Without a publication date only absolute expressions (with a year) resolve.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

from ..types import DatePrecision, Span, TimeRef
from . import lexicon

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = lexicon.numbers("months")
NUMBERS = lexicon.numbers("date_numbers")
UNIT_PRECISION: dict[str, DatePrecision] = {
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAYNUM = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)"
_NUM = r"(?P<num>\d+|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"


def _shift_months(date: dt.date, months: int) -> dt.date:
    total = date.year * 12 + (date.month - 1) + months
    year, month = divmod(total, 12)
    day = min(date.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def _back(published: dt.date, amount: float, unit: str) -> dt.date:
    """``published`` minus ``amount`` units (a half year is six months)."""
    if unit == "day":
        return published - dt.timedelta(days=round(amount))
    if unit == "week":
        return published - dt.timedelta(days=round(7 * amount))
    if unit == "month":
        return _shift_months(published, -round(amount))
    return _shift_months(published, -round(12 * amount))


def _number(text: str) -> float:
    text = text.lower()
    return float(text) if text.isdigit() else float(NUMBERS[text])


def _nearest_year(published: dt.date | None, month: int, day: int) -> dt.date | None:
    if published is None:
        return None
    best = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            continue
        if best is None or abs(cand - published) < abs(best - published):
            best = cand
    return best


def weekday_before(published: dt.date, weekday: int) -> dt.date:
    """The most recent ``weekday`` (0 = Monday) on or before ``published``."""
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


# Each rule: (pattern, resolver(match, published) -> (date, precision) | None).
Resolved = tuple[dt.date, DatePrecision] | None
_Rule = tuple[re.Pattern[str], Callable[[re.Match[str], dt.date | None], Resolved]]


def _day_month(m: re.Match[str], pub: dt.date | None) -> Resolved:
    month, day = MONTHS[m["month"].lower()], int(m["day"])
    if m["year"]:
        try:
            return dt.date(int(m["year"]), month, day), "day"
        except ValueError:
            return None
    date = _nearest_year(pub, month, day)
    return (date, "day") if date else None


def _month_year(m: re.Match[str], pub: dt.date | None) -> Resolved:
    month = MONTHS[m["month"].lower()]
    if m["year"]:
        return dt.date(int(m["year"]), month, 1), "month"
    if pub is None:
        return None
    year = pub.year if month <= pub.month else pub.year - 1
    return dt.date(year, month, 1), "month"


def _weekday(m: re.Match[str], pub: dt.date | None) -> Resolved:
    if pub is None:
        return None
    date = weekday_before(pub, WEEKDAYS.index(m["wd"].lower()))
    if m["last"] and date == pub:
        date -= dt.timedelta(days=7)
    return date, "day"


def _relative_day(m: re.Match[str], pub: dt.date | None) -> Resolved:
    if pub is None:
        return None
    word = m["rel"].lower()
    back = 2 if "before" in word else 1 if word.startswith("yesterday") else 0
    return pub - dt.timedelta(days=back), "day"


def _relative_unit(m: re.Match[str], pub: dt.date | None) -> Resolved:
    if pub is None:
        return None
    unit = m["unit"].lower()
    which = m["which"].lower()
    date = pub if which in ("this", "earlier this") else _back(pub, 1, unit)
    return date, UNIT_PRECISION[unit]


def _ago(m: re.Match[str], pub: dt.date | None) -> Resolved:
    if pub is None:
        return None
    unit = m["unit"].lower()
    return _back(pub, _number(m["num"]), unit), UNIT_PRECISION[unit]


def _duration(m: re.Match[str], pub: dt.date | None) -> Resolved:
    """ "for six months", "in three days", "over the past two weeks": the period's start."""
    if pub is None:
        return None
    unit = m["unit"].lower()
    amount = _number(m["num"])
    precision: DatePrecision = "week" if unit == "day" and amount <= 7 else "month"
    if unit == "year" and amount >= 1:
        precision = "year"
    return _back(pub, amount, unit), precision


def _year(m: re.Match[str], pub: dt.date | None) -> Resolved:
    return dt.date(int(m["year"]), 1, 1), "year"


def _season(m: re.Match[str], pub: dt.date | None) -> Resolved:
    if pub is None:
        return None
    month = SEASONS[m["season"].lower()]
    year = pub.year if month <= pub.month else pub.year - 1
    if (m["which"] or "").lower() == "last":
        year -= 1 if month <= pub.month else 0
    return dt.date(year, month, 1), "vague"


def _vague(m: re.Match[str], pub: dt.date | None) -> Resolved:
    return (pub, "vague") if pub else None


_RULES: list[_Rule] = [
    (re.compile(r"\b(?:on\s+)?" + _DAYNUM + r"\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+" + _YEAR + r")?\b", re.I), _day_month),  # noqa: E501
    (re.compile(r"\b(?:on\s+)?" + _MONTH + r"\s+" + _DAYNUM + r"(?:,?\s+" + _YEAR + r")?\b(?!\s*(?:km|miles|people|troops))", re.I), _day_month),  # noqa: E501
    (re.compile(r"\b(?:(?:in|since|by|until|from|during|early|late|mid|of|last)[\s-]+)" + _MONTH.replace("(?P<month>", "(?P<month>(?-i:[A-Z])") + r"(?:\s+" + _YEAR + r")?\b", re.I), _month_year),  # noqa: E501
    (re.compile(r"\b" + _MONTH.replace("(?P<month>", "(?P<month>(?-i:[A-Z])") + r"\s+" + _YEAR + r"\b", re.I), _month_year),  # noqa: E501
    (re.compile(r"\b(?:on\s+)?(?P<last>last\s+)?(?P<wd>(?-i:[A-Z])(?:" + "|".join(w[1:] for w in WEEKDAYS) + r"))\b(?!s)" + _PART, re.I), _weekday),  # noqa: E501
    (re.compile(r"\b(?P<rel>the\s+day\s+before\s+yesterday|yesterday|today|tonight|this\s+(?:morning|afternoon|evening))\b" + _PART, re.I), _relative_day),  # noqa: E501
    (re.compile(r"\b(?P<which>last|earlier\s+this|this|past)\s+(?P<unit>day|week|month|year)\b", re.I), _relative_unit),  # noqa: E501
    (re.compile(r"\b" + _NUM + r"\s+" + _UNIT + r"\s+ago\b", re.I), _ago),
    (re.compile(r"\b(?:for|in|within|over|during)\s+(?:the\s+(?:past|last)\s+)?(?:nearly\s+|almost\s+|about\s+|more\s+than\s+)?" + _NUM + r"\s+" + _UNIT + r"\b", re.I), _duration),  # noqa: E501
    (re.compile(r"\b" + _NUM + r"\s+" + _UNIT + r"\b(?!\s+(?:old|later|earlier|before|after))", re.I), _duration),  # noqa: E501
    (re.compile(r"\b(?:in|since|by|until|from|during|before|after|of)\s+" + _YEAR + r"\b(?!\s*(?:km|people|troops|soldiers|civilians|tanks|men))", re.I), _year),  # noqa: E501
    (re.compile(r"\((?P<year>(?:1[6-9]|20)\d\d)\)"), _year),
    (re.compile(r"\b(?P<which>this|last|the)?\s*(?P<season>(?:spring|summer|autumn|winter))\b", re.I), _season),  # noqa: E501
    (re.compile(r"\b(?:early|late|earlier|later)\s+(?:in|on)\s+the\s+(?:war|conflict|invasion|year|month|week)\b|\bin\s+(?:recent|the\s+coming|the\s+past)\s+(?:days|weeks|months)\b|\bin\s+a\s+matter\s+of\s+(?:days|weeks|hours)\b|\brecently\b", re.I), _vague),  # noqa: E501
]  # fmt: skip


def find_times(text: str, published: dt.date | None, offset: int = 0) -> list[TimeRef]:
    """Every time phrase in ``text`` that resolves, as TimeRefs with spans.

    Spans are ``offset`` + positions in ``text`` (pass a paragraph's offset to get
    document offsets). Overlapping matches keep the earliest rule that matched
    (rules run from the most specific to the vaguest).
    """
    taken: list[tuple[int, int]] = []
    found: list[TimeRef] = []
    for pattern, resolver in _RULES:
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            while start < end and text[start].isspace():
                start += 1
            if any(s < end and start < e for s, e in taken):
                continue
            try:
                resolved = resolver(m, published)
            except (OverflowError, ValueError):  # before 1 Jan 1 or after 9999
                resolved = None
            if resolved is None:
                continue
            date, precision = resolved
            taken.append((start, end))
            span = Span(offset + start, offset + end, text[start:end])
            found.append(TimeRef(date, precision, span))
    return sorted(found, key=lambda t: t.span.start if t.span else 0)


def resolve(phrase: str, published: dt.date | None) -> TimeRef | None:
    """Resolve one time phrase ("on Friday", "in 1943"); None if it is not one we know."""
    times = find_times(phrase, published)
    return times[0] if times else None
