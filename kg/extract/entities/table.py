"""Entities: typed into the contract's nine classes and merged into one entry per real
entity per document.

``find_entities(parsed)`` works in three steps:

1. *candidates* (``paragraph.py`` runs the named rules of ``ruled.py``,
   ``candidates.py`` and ``tokens.py``, with the parse cues of ``cues.py``): every ruler
   or NER entity of each paragraph, cleaned (titles, "the", possessive "'s", photo
   credits out) and typed with context rules (a capital that speaks is its country; a
   name after "near"/"the town of" is a settlement; a name with an appositive "a war
   correspondent" is a person), plus what the parse finds on tokens the NER left alone
   (nationality adjectives, "the Russians" in a sentence about fighting, unnamed
   facilities such as "a school", place names after "near");
2. *document passes* (``passes.py``): one type per name in the document (the
   strongest reading wins), a surname alone joins the full name, a bare "ministry of
   defence" goes to the most recently named country, an acronym introduced in brackets
   joins its expansion;
3. the ``EntityTable`` (here), the only way to add or merge an entity (the later
   stages add theirs with ``EntityTable.add`` too): mentions with the same type and
   folded label join one entity (``names.fold`` lower-cases, strips diacritics and
   transliteration endings, so Zaluzhny and Zaluzhnyi meet); the fullest label wins
   and the other spellings become alt labels.

Confidence: gazetteer 0.95, ruler pattern 0.85, NER 0.75, NER retyped by context 0.6,
parse-only guesses 0.5.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...types import Entity, Span
from ..parsed import Parsed
from . import passes
from .candidates import UNKNOWN, Candidate
from .names import fold, normalise
from .paragraph import paragraph_candidates

__all__ = ["EntityTable", "find_candidates", "find_entities", "fold", "normalise"]


# --- the entity table ---------------------------------------------------------------


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
    """The entities of one document, and where each was mentioned.

    Public methods: ``add`` (the one way to add or merge an entity), ``key_at``,
    ``keys_in``, ``type_of``, ``is_generic``, ``label_of``, ``mentions_of``,
    ``last_person_before``, ``entities``.
    """

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
        """Record a mention and return its entity key.

        Mentions with the same type and folded label join one entity (the longest label
        becomes the label, the others alt labels). A ``generic`` mention ("a school")
        joins nothing but an earlier mention of the very same span.
        """
        label = label or span.text
        if generic:
            for draft in self._drafts.values():
                if draft.generic and span in draft.mentions and draft.type == type:
                    return draft.key
            key = self._new(type, label, generic, confidence)
        else:
            name_key = (type, fold(label))
            key = self._by_name.get(name_key) or self._new(type, label, False, confidence)
            self._by_name[name_key] = key
        draft = self._drafts[key]
        if span not in draft.mentions:
            draft.mentions.append(span)
        if label != draft.label:
            if len(label) > len(draft.label):
                draft.alt_labels.add(draft.label)
                draft.label = label
            else:
                draft.alt_labels.add(label)
        if span.text != draft.label and not generic:
            draft.alt_labels.add(span.text)
        if confidence is not None:
            draft.confidence = max(draft.confidence or 0.0, confidence)
        return key

    def _new(self, type: str, label: str, generic: bool, confidence: float | None) -> str:
        key = f"e{len(self._drafts) + 1}"
        self._drafts[key] = _Draft(key, type, label, generic=generic, confidence=confidence)
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
        """The entity's contract type."""
        return self._drafts[key].type

    def is_generic(self, key: str) -> bool:
        """True for a common-noun entity ("a school")."""
        return self._drafts[key].generic

    def label_of(self, key: str) -> str:
        """The entity's label (its fullest name)."""
        return self._drafts[key].label

    def mentions_of(self, key: str) -> tuple[Span, ...]:
        """The entity's mentions in text order."""
        return tuple(sorted(self._drafts[key].mentions))

    def last_person_before(self, offset: int) -> str | None:
        """The Person whose latest mention ending at or before ``offset`` is the nearest.

        A simple antecedent for "he"/"she" (no gender check).
        """
        best, best_end = None, -1
        for draft in self._drafts.values():
            if draft.type != "Person":
                continue
            for m in draft.mentions:
                if m.end <= offset and m.end > best_end:
                    best, best_end = draft.key, m.end
        return best

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


def find_candidates(parsed: Parsed) -> list[Candidate]:
    """All entity mentions of a document, typed and labelled, in text order."""
    cands: list[Candidate] = []
    for para in parsed.paragraphs:
        cands.extend(paragraph_candidates(parsed, para))
    cands.sort(key=lambda c: c.span.start)
    passes.one_type_per_name(cands)
    passes.surnames(cands)
    passes.service_tails(cands)
    passes.bare_ministries(cands)
    passes.shared_borders(cands)
    passes.definite_rivers(parsed, cands)
    cands = passes.repeated_settlements(parsed, cands)
    cands = passes.modifier_countries(parsed, cands)
    return [c for c in passes.acronyms(parsed, cands) if c.type != UNKNOWN]


def find_entities(parsed: Parsed) -> EntityTable:
    """The document's entity table: one entry per real entity, all its mentions."""
    table = EntityTable()
    for c in find_candidates(parsed):
        table.add(c.span, c.type, c.label, generic=c.generic, confidence=c.confidence)
    return table
