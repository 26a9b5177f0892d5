"""One paragraph's entity candidates: the dateline, the ruler and NER entities, then
what the parse finds on the tokens they left alone.

``paragraph_candidates(parsed, para)`` marks every entity's tokens as taken, then asks
``entities.ruler`` (``ruled.py``) about each ruler entity and ``entities.ner``
(``candidates.py``) about each NER entity, in text order, and finally
``entities.token`` (``tokens.py``) about the tokens left and "X" the platform.
"""

from __future__ import annotations

from ..parsed import Paragraph, Parsed
from . import ruler as pat
from .candidates import (
    CONTEXT,
    CONTRACT_TYPES,
    NER_SPAN,
    NER_TYPES,
    PLACE_TYPES,
    Candidate,
    Finder,
    decided,
    ner_span,
)
from .cues import after_dateline, dateline_place
from .ruled import ruler_candidates
from .tokens import token_candidates, x_platform

__all__ = ["paragraph_candidates"]


def dateline(f: Finder, end: int) -> list[Candidate]:
    """ "KHARTOUM, Feb 20 -": the place of a wire story's dateline, tokens [0, end)."""
    if not end:
        return []
    place = f.doc[:end].text
    entry = pat.name_index().get(place.lower())
    kind = entry.type if entry and entry.type in PLACE_TYPES else "Settlement"
    found = f.make(0, end, kind, entry.name if entry else place.title(), CONTEXT, "context")
    f.cover(0, end)
    return found


def paragraph_candidates(parsed: Parsed, para: Paragraph) -> list[Candidate]:
    """Every candidate of one paragraph, in the order found."""
    f = Finder(parsed, para)
    first = para.offset == 0
    end = dateline_place(para.doc) if first else 0
    found = dateline(f, end)
    ents = after_dateline(para.doc, list(para.doc.ents)) if first else list(para.doc.ents)
    ents = [ent for ent in ents if not (end and ent.start < end)]
    for ent in ents:
        f.cover(ent.start, ent.end)
    for ent in ents:
        if ent.label_ in CONTRACT_TYPES:
            found += ruler_candidates(f, ent)
        elif ent.label_ in NER_TYPES:
            found += decided(NER_SPAN.decide(ner_span(f, ent)))
    return found + token_candidates(f) + x_platform(f)
