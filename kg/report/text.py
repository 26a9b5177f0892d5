"""A document's text as HTML with its mentions marked (code-point offsets, as NIF counts).

Two layers: quotes (a statement's span) and marks (entity mentions, event triggers). Marks
do not overlap one another (an event trigger wins over an entity mention on the same
words, then the earlier and longer one); a mark that crosses a quote's edge is split there,
so the HTML nests. Every element carries ``data-b``/``data-e`` offsets and an ``id`` the
tables link to.

>>> html = render_text("Russia shelled Kharkiv.", [Mark(0, 6, "ent Country", "e0"),
...                                                Mark(7, 14, "ev Shelling", "v0")], [])
>>> print(html.replace("</span> ", "</span>\\n"))
<span class="ent Country" data-k="e0" data-b="0" data-e="6" id="d-0-6">Russia</span>
<span class="ev Shelling" data-k="v0" data-b="7" data-e="14" id="d-7-14">shelled</span>
Kharkiv.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

__all__ = ["Mark", "render_text", "choose_marks"]


@dataclass(frozen=True)
class Mark:
    """A span to highlight: ``classes`` for CSS, ``key`` for the JS data it stands for."""

    begin: int
    end: int
    classes: str
    key: str


def choose_marks(marks: list[Mark], text_length: int) -> list[Mark]:
    """Non-overlapping marks inside the text: events first, then earlier and longer."""
    ordered = sorted(
        (m for m in marks if 0 <= m.begin < m.end <= text_length),
        key=lambda m: (not m.classes.startswith("ev"), m.begin, -m.end),
    )
    taken: list[Mark] = []
    for mark in ordered:
        if all(mark.end <= t.begin or mark.begin >= t.end for t in taken):
            taken.append(mark)
    return sorted(taken, key=lambda m: m.begin)


def _span(text: str, mark: Mark, begin: int, end: int, first: bool, prefix: str) -> str:
    ident = f' id="{prefix}-{mark.begin}-{mark.end}"' if first else ""
    return (
        f'<span class="{mark.classes}" data-k="{mark.key}" data-b="{mark.begin}" '
        f'data-e="{mark.end}"{ident}>{escape(text[begin:end], quote=False)}</span>'
    )


def render_text(text: str, marks: list[Mark], quotes: list[Mark], prefix: str = "d") -> str:
    """The text as HTML; ``quotes`` wrap, ``marks`` inside (see the module doc)."""
    marks = choose_marks(marks, len(text))
    quotes = choose_marks(quotes, len(text))
    cuts = sorted({0, len(text)} | {p for m in marks + quotes for p in (m.begin, m.end)})
    out: list[str] = []
    qi = mi = 0
    open_quote: Mark | None = None
    for begin, end in zip(cuts, cuts[1:], strict=False):
        while qi < len(quotes) and quotes[qi].end <= begin:
            qi += 1
        quote = quotes[qi] if qi < len(quotes) and quotes[qi].begin <= begin else None
        if quote is not open_quote:
            if open_quote is not None:
                out.append("</span>")
            if quote is not None:
                out.append(
                    f'<span class="{quote.classes}" data-k="{quote.key}" data-b="{quote.begin}" '
                    f'data-e="{quote.end}" id="{prefix}-q{quote.begin}-{quote.end}">'
                )
            open_quote = quote
        while mi < len(marks) and marks[mi].end <= begin:
            mi += 1
        mark = marks[mi] if mi < len(marks) and marks[mi].begin <= begin else None
        if mark is None:
            out.append(escape(text[begin:end], quote=False))
        else:
            out.append(_span(text, mark, begin, end, begin == mark.begin, prefix))
    if open_quote is not None:
        out.append("</span>")
    return "".join(out)
