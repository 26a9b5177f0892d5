"""Entities: spaCy NER plus our ruler patterns, typed into the contract's nine classes,
with repeated mentions of one entity merged into one entry per document."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..types import Entity, Span
from .parsed import Parsed

#: spaCy NER labels -> contract types (our ruler labels are contract types already).
NER_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Settlement",
    "LOC": "Place",
    "FAC": "Facility",
}


def normalise(name: str) -> str:
    """A key for comparing names: lower case, no punctuation, single spaces."""
    return re.sub(r"[\W_]+", " ", name.lower()).strip()


@dataclass
class _Draft:
    key: str
    type: str
    label: str
    mentions: list[Span] = field(default_factory=list)
    alt_labels: set[str] = field(default_factory=set)
    confidence: float | None = None
    generic: bool = False


class EntityTable:
    """The entities of one document, and where each was mentioned."""

    def __init__(self) -> None:
        self._drafts: dict[str, _Draft] = {}
        self._by_name: dict[tuple[str, str], str] = {}

    def add(
        self,
        span: Span,
        type: str,
        label: str | None = None,
        *,
        generic: bool = False,
        confidence: float | None = None,
    ) -> str:
        """Record a mention; mentions with the same type and label join one entity."""
        label = label or span.text
        name_key = (type, normalise(label))
        key = self._by_name.get(name_key)
        if key is None:
            key = f"e{len(self._drafts) + 1}"
            self._drafts[key] = _Draft(key, type, label, generic=generic, confidence=confidence)
            self._by_name[name_key] = key
        draft = self._drafts[key]
        if span not in draft.mentions:
            draft.mentions.append(span)
        if span.text != draft.label:
            draft.alt_labels.add(span.text)
        return key

    def key_at(self, start: int, end: int) -> str | None:
        """The entity with a mention overlapping [start, end), preferring the longest."""
        best, best_len = None, -1
        for draft in self._drafts.values():
            for m in draft.mentions:
                if m.start < end and start < m.end and m.end - m.start > best_len:
                    best, best_len = draft.key, m.end - m.start
        return best

    def keys_in(self, start: int, end: int) -> list[str]:
        """Entities with a mention inside [start, end), in text order."""
        found = []
        for draft in self._drafts.values():
            for m in draft.mentions:
                if start <= m.start and m.end <= end:
                    found.append((m.start, draft.key))
        return [key for _, key in sorted(found)]

    def type_of(self, key: str) -> str:
        return self._drafts[key].type

    def entities(self) -> tuple[Entity, ...]:
        return tuple(
            Entity(
                key=d.key,
                type=d.type,  # type: ignore[arg-type]
                label=d.label,
                mentions=tuple(sorted(d.mentions)),
                alt_labels=tuple(sorted(d.alt_labels - {d.label})),
                confidence=d.confidence,
                generic=d.generic,
            )
            for d in self._drafts.values()
        )


def find_entities(parsed: Parsed) -> EntityTable:
    table = EntityTable()
    for para in parsed.paragraphs:
        for ent in para.doc.ents:
            type_ = NER_TYPES.get(ent.label_, ent.label_ if ent.label_ in _CONTRACT else None)
            if type_ is None:
                continue
            table.add(parsed.span_of(para, ent), type_)
    return table


_CONTRACT = {
    "Person", "Organization", "MilitaryUnit", "Country", "Settlement",
    "Region", "River", "Facility", "Place",
}
