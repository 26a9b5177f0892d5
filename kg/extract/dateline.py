"""The publication date a news text gives in its opening lines, for documents whose
metadata gives none: wire datelines ("KHARTOUM, Oct 12, 2024 (Reuters) -"), agency
stamps ("12 October 2024 (AFP)"), "Published: ..." lines and numeric stamps
("19:15 29.10.2025", "2024-10-12").

Only the first ``WINDOW`` characters are read, and only full dates (with a year) count:
"El Fasher, Oct 2 -" alone is no date.

>>> dateline_date("KHARTOUM, Oct 12, 2024 (Reuters) - The army said ...")
datetime.date(2024, 10, 12)
>>> dateline_date("Published: 3 March 2023\\nTroops advanced.")
datetime.date(2023, 3, 3)
>>> dateline_date("Interfax-Ukraine\\n19:15 29.10.2025\\nEvacuation is impossible")
datetime.date(2025, 10, 29)
>>> dateline_date("El Fasher, Oct 2 Eight civilians were killed") is None
True
"""

from __future__ import annotations

import datetime as dt
import re

from .dates import MONTHS

__all__ = ["WINDOW", "dateline_date"]

#: How far into the text a dateline or date stamp may stand.
WINDOW = 400
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_PATTERNS = [
    # "Oct 12, 2024", "October 12 2024"
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b"),
    # "12 October 2024", "12 Oct. 2024"
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(?P<year>(?:19|20)\d\d)\b"),
    # "2024-10-12"
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<nmonth>\d\d)-(?P<day>\d\d)\b"),
    # "29.10.2025", "29/10/2025" (day first, as outside the United States)
    re.compile(r"\b(?P<day>\d{1,2})[./](?P<nmonth>\d{1,2})[./](?P<year>(?:19|20)\d\d)\b"),
]


def _date(match: re.Match) -> dt.date | None:
    parts = match.groupdict()
    month = MONTHS.get((parts.get("month") or "").lower()) or int(parts.get("nmonth") or 0)
    try:
        return dt.date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        return None


def dateline_date(text: str) -> dt.date | None:
    """The first full date in the text's opening lines, or None."""
    head = text[:WINDOW]
    found = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(head):
            date = _date(match)
            if date is not None:
                found.append((match.start(), date))
    return min(found)[1] if found else None
