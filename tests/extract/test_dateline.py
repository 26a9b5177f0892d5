"""Publication dates read from datelines and date stamps (kg/extract/dateline.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract.dateline import WINDOW, dateline_date
from kg.pipeline import dated
from kg.types import BuildReport, SourceDoc


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("KHARTOUM, Oct 12, 2024 (Reuters) - The army said", dt.date(2024, 10, 12)),
        ("12 October 2024 (AFP) - Strikes hit Gaza", dt.date(2024, 10, 12)),
        ("Published: 3 March 2023\nTroops advanced.", dt.date(2023, 3, 3)),
        ("Last updated September 23rd, 2024 at 10:00", dt.date(2024, 9, 23)),
        ("Interfax-Ukraine\n19:15 29.10.2025\nEvacuation is impossible", dt.date(2025, 10, 29)),
        ("2025-01-09 Myanmar junta airstrike kills 40", dt.date(2025, 1, 9)),
    ],
)
def test_dates_in_the_opening_lines(text, date):
    assert dateline_date(text) == date


@pytest.mark.parametrize(
    "text",
    [
        "El Fasher, Oct 2 Eight civilians were killed",  # no year
        "Troops advanced on 31.02.2024 near the river",  # no such day
        "x" * WINDOW + " Published: 3 March 2023",  # too far in
    ],
)
def test_no_date_where_none_is_complete(text):
    assert dateline_date(text) is None


def test_the_first_date_wins():
    assert dateline_date("June 5, 2024 - Officials recalled the attack of June 1, 2023") == (
        dt.date(2024, 6, 5)
    )


def test_metadata_beats_the_dateline_and_undated_documents_are_warned():
    report = BuildReport()
    given = SourceDoc(id="a", text="KYIV, May 17, 2024 - x", date=dt.date(2024, 5, 18))
    assert dated(given, report).date == dt.date(2024, 5, 18)
    assert dated(SourceDoc(id="b", text="KYIV, May 17, 2024 - x"), report).date == dt.date(
        2024, 5, 17
    )
    undated = dated(SourceDoc(id="c", text="Troops shelled the town on Friday."), report)
    assert undated.date is None
    assert [w.code for w in report.warnings] == ["W001"]
    assert "c: no publication date" in report.warnings[0].message
