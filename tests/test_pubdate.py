"""Publication dates in metadata: the common forms read, the rest a stated problem."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.pubdate import read_date

OCT_12 = dt.date(2024, 10, 12)


@pytest.mark.parametrize(
    "value",
    [
        "2024-10-12",
        "2024-10-12T08:30:00Z",
        "2024-10-12T23:30:00-05:00",  # the date as written: no conversion to UTC
        "2024-10-12 08:30",
        "Oct 12, 2024",
        "October 12 2024",
        "Oct. 12th, 2024",
        "12 October 2024",
        "12 Oct. 2024",
        "12th of October, 2024",
        "Saturday, 12 October 2024",
        "Sat, 12 Oct 2024 08:30:00 GMT",
        "October 12, 2024, 8:30 PM EDT",
        "  Oct   12,  2024 ",
    ],
)
def test_common_forms_are_read(value):
    assert read_date(value) == read_date("2024-10-12") and read_date(value).date == OCT_12


def test_numeric_dates_are_read_only_when_unambiguous():
    assert read_date("25/10/2024").date == dt.date(2024, 10, 25)  # day first: 25 > 12
    assert read_date("10/25/2024").date == dt.date(2024, 10, 25)  # month first
    assert read_date("10.10.2024").date == dt.date(2024, 10, 10)  # both readings agree
    ambiguous = read_date("12/10/2024")
    assert ambiguous.date is None and "--dayfirst" in ambiguous.problem
    assert "12 October or 10 December" in ambiguous.problem
    assert read_date("12/10/2024", dayfirst=True).date == OCT_12
    assert read_date("12.10.2024", dayfirst=True).date == OCT_12


@pytest.mark.parametrize(
    "value",
    ["2022-09-09garbage", "not a date", "last Tuesday", "2024", "Foo 12, 2024", "2024-02-30",
     "2024-13-01", "12/10/24", "Funday, 12 October 2024"],
)  # fmt: skip
def test_unreadable_dates_are_a_problem_not_a_guess(value):
    reading = read_date(value)
    assert reading.date is None and reading.literal is None and reading.problem


@pytest.mark.parametrize(
    ("value", "literal"),
    [("10000-01-01", "10000-01-01"), ("0000-01-01", "0000-01-01"), ("-0044-03-15", "-0044-03-15")],
)
def test_years_outside_python_are_kept_as_literals(value, literal):
    reading = read_date(value)
    assert reading.date is None and reading.literal == literal and reading.problem is None


def test_no_value_is_no_problem():
    assert read_date(None) == read_date("") == read_date(None, dayfirst=True)
    assert read_date(None).problem is None
    assert read_date(dt.datetime(2024, 10, 12, 8, 30)).date == OCT_12
