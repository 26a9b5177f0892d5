"""kg.report.text: marks and quotes nest, offsets are code points, text is escaped."""

from __future__ import annotations

import re
from html import unescape

from hypothesis import given
from hypothesis import strategies as st

from kg.report.text import Mark, choose_marks, render_text


def strip(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_mark_crossing_a_quote_is_split_and_nests():
    text = 'He said "Russia attacked" today.'
    quote = Mark(9, 24, "q", "s0")
    html = render_text(text, [Mark(7, 15, "ent Country", "e0")], [quote])
    assert strip(html) == text
    assert html.count('data-k="e0"') == 2  # split at the quote's start
    assert html.count('id="d-7-15"') == 1 and 'id="d-q9-24"' in html


def test_events_win_over_entities_on_the_same_words():
    marks = [Mark(0, 6, "ent Country", "e0"), Mark(0, 6, "ev Attack f-asserted", "v0")]
    assert [m.key for m in choose_marks(marks, 10)] == ["v0"]


def test_offsets_are_code_points_and_text_is_escaped():
    text = "🇺🇦 <Kyiv> & more"
    html = render_text(text, [Mark(3, 9, "ent Settlement", "e1")], [])
    assert ">&lt;Kyiv&gt;</span>" in html and "&amp;" in html
    assert strip(html) == text


@given(
    st.text(min_size=1, max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(1, 20)), max_size=6),
    st.lists(st.tuples(st.integers(0, 40), st.integers(1, 30)), max_size=3),
)
def test_text_survives_any_marks(text, marks, quotes):
    to_marks = lambda spans, cls: [Mark(b, b + n, cls, f"k{i}") for i, (b, n) in enumerate(spans)]  # noqa: E731
    html = render_text(text, to_marks(marks, "ent Person"), to_marks(quotes, "q"))
    assert strip(html) == text
    assert html.count("<span") == html.count("</span>")
