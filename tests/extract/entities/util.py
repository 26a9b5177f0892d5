"""Helpers of the entity rule tests: a hand-made paragraph read by a ``Finder``."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from kg.extract.entities.candidates import Finder
from tests.extract.handmade import parsed


def finder(table: str, ids: dict[int, str] | None = None) -> Finder:
    """A Finder over one hand-made paragraph, its entities' tokens taken; ``ids`` gives
    the ruler pattern id of the entities starting at those tokens."""
    p = parsed(table)
    para = p.paragraphs[0]
    doc = para.doc
    if ids:
        doc.ents = [
            SpacySpan(doc, e.start, e.end, label=e.label_, span_id=ids.get(e.start, ""))
            for e in doc.ents
        ]
    f = Finder(p, para)
    for ent in doc.ents:
        f.cover(ent.start, ent.end)
    return f


def found(decision) -> tuple[str, list[tuple[str, str]]]:
    """(rule name without its list, [(type, label) of each candidate])."""
    assert decision is not None
    return decision.rule.rsplit(".", 1)[1], [(c.type, c.label) for c in decision.value or []]
