"""Time expressions resolved against the publication date: pure functions, no model."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract.dates import find_times, resolve, weekday_before

FRI = dt.date(2022, 9, 9)  # a Friday
SAT = dt.date(2022, 9, 10)


@pytest.mark.parametrize(
    ("phrase", "published", "date", "precision"),
    [
        ("on Friday", SAT, dt.date(2022, 9, 9), "day"),
        ("on Friday", FRI, dt.date(2022, 9, 9), "day"),
        ("on Thursday", FRI, dt.date(2022, 9, 8), "day"),
        ("Friday", FRI, dt.date(2022, 9, 9), "day"),
        ("late on Sunday night", FRI, dt.date(2022, 9, 4), "day"),
        ("last Friday", FRI, dt.date(2022, 9, 2), "day"),
        ("yesterday", FRI, dt.date(2022, 9, 8), "day"),
        ("today", FRI, FRI, "day"),
        ("last week", FRI, dt.date(2022, 9, 2), "week"),
        ("last month", dt.date(2023, 3, 31), dt.date(2023, 2, 28), "month"),
        ("last year", FRI, dt.date(2021, 9, 9), "year"),
        ("on 8 September", FRI, dt.date(2022, 9, 8), "day"),
        ("September 8", FRI, dt.date(2022, 9, 8), "day"),
        ("on 24 February 2022", FRI, dt.date(2022, 2, 24), "day"),
        ("Dec. 30", dt.date(2023, 1, 2), dt.date(2022, 12, 30), "day"),
        ("in March", FRI, dt.date(2022, 3, 1), "month"),
        ("in November", FRI, dt.date(2021, 11, 1), "month"),
        ("in three days", FRI, dt.date(2022, 9, 6), "week"),
        ("for six months", FRI, dt.date(2022, 3, 9), "month"),
        ("six months", FRI, dt.date(2022, 3, 9), "month"),
        ("two weeks ago", FRI, dt.date(2022, 8, 26), "week"),
        ("in 1943", FRI, dt.date(1943, 1, 1), "year"),
        ("since 2014", FRI, dt.date(2014, 1, 1), "year"),
        ("early in the war", FRI, FRI, "vague"),
        ("in recent days", FRI, FRI, "vague"),
        ("this summer", FRI, dt.date(2022, 6, 1), "vague"),
    ],
)
def test_resolve(phrase, published, date, precision):
    ref = resolve(phrase, published)
    assert ref is not None, phrase
    assert (ref.date, ref.precision) == (date, precision)


def test_weekday_is_on_or_before_publication():
    for offset in range(7):
        pub = FRI + dt.timedelta(days=offset)
        day = weekday_before(pub, 4)  # Friday
        assert day.weekday() == 4 and 0 <= (pub - day).days < 7


@pytest.mark.parametrize(
    "text", ["you may go now", "2000 troops", "a 1943 km march", "the Fridays of Lent"]
)
def test_not_times(text):
    assert find_times(text, FRI) == []


def test_spans_carry_document_offsets():
    text = "The town fell on Thursday and was freed in 1943."
    refs = find_times(text, FRI, offset=100)
    assert [r.span.text for r in refs] == ["on Thursday", "in 1943"]
    for ref in refs:
        assert text[ref.span.start - 100 : ref.span.end - 100] == ref.span.text


def test_without_publication_date_only_absolute_times_resolve():
    assert resolve("on Friday", None) is None
    assert resolve("on 8 September 2022", None).date == dt.date(2022, 9, 8)
    assert resolve("in 1941", None).date == dt.date(1941, 1, 1)


def test_dates_at_the_edge_of_the_calendar_resolve_or_drop_never_crash():
    text = "On Friday, last year, three weeks ago and yesterday, in 1943."
    early = find_times(text, dt.date(1, 1, 1))  # "on Friday" would be before 1 January 1
    assert [t.span.text for t in early] == ["in 1943"]
    late = find_times("In three years and next month.", dt.date(9999, 12, 31))
    assert all(t.date.year <= 9999 for t in late)
