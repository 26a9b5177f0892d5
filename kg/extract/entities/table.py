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

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable
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
    index: int  # its place in the table: ties between entities go to the earlier one
    mentions: list[Span] = field(default_factory=list)
    alt_labels: set[str] = field(default_factory=set)
    confidence: float | None = None
    generic: bool = False
    spans: set[Span] = field(default_factory=set)


class EntityTable:
    """The entities of one document, and where each was mentioned.

    Public methods: ``add`` (the one way to add or merge an entity), ``key_at``,
    ``keys_in``, ``type_of``, ``is_generic``, ``label_of``, ``mentions_of``, ``entity``,
    ``last_before``, ``last_person_before``, ``entities``.

    Mentions are indexed by offset (a sorted list), so each lookup costs about the log
    of the number of mentions plus what it returns, never a scan of the whole table: a
    document ten times longer costs about ten times as much.
    """

    def __init__(self) -> None:
        self._drafts: dict[str, _Draft] = {}
        self._by_name: dict[tuple[str, str], str] = {}
        self._generic: dict[tuple[Span, str], str] = {}  # first generic entity of a span
        self._by_start: list[tuple[int, int, int, str, Span]] = []  # start, index, end
        self._person_ends: list[tuple[int, int, str]] = []  # end, index (Persons only)
        self._longest = 0  # the longest mention so far (bounds the overlap search)
        self._entities: tuple[Entity, ...] | None = None  # cached until the next add

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
        self._entities = None
        if generic:
            key = self._generic.get((span, type)) or self._new(type, label, generic, confidence)
            self._generic.setdefault((span, type), key)
        else:
            name_key = (type, fold(label))
            key = self._by_name.get(name_key) or self._new(type, label, False, confidence)
            self._by_name[name_key] = key
        draft = self._drafts[key]
        if span not in draft.spans:
            self._mention(draft, span)
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
        index = len(self._drafts)
        key = f"e{index + 1}"
        self._drafts[key] = _Draft(key, type, label, index, generic=generic, confidence=confidence)
        return key

    def _mention(self, draft: _Draft, span: Span) -> None:
        draft.mentions.append(span)
        draft.spans.add(span)
        insort(self._by_start, (span.start, draft.index, span.end, draft.key, span))
        self._longest = max(self._longest, span.end - span.start)
        if draft.type == "Person":
            insort(self._person_ends, (span.end, draft.index, draft.key))

    def _starting(self, lo: int, hi: int) -> list[tuple[int, int, int, str, Span]]:
        """Index entries of the mentions starting in [lo, hi), by start."""
        first = bisect_left(self._by_start, (lo,))
        last = bisect_left(self._by_start, (hi,), lo=first)
        return self._by_start[first:last]

    def key_at(self, start: int, end: int) -> str | None:
        """The entity with a mention overlapping [start, end), preferring the longest."""
        best, best_len, best_index = None, -1, -1
        for m_start, index, m_end, key, _ in self._starting(start - self._longest, end):
            if m_end <= start:
                continue
            length = m_end - m_start
            if length > best_len or (length == best_len and index < best_index):
                best, best_len, best_index = key, length, index
        return best

    def keys_in(self, start: int, end: int) -> list[str]:
        """Entities with a mention inside [start, end), in text order."""
        found = [(s, key) for s, _, e, key, _ in self._starting(start, end) if e <= end]
        return [key for _, key in sorted(found)]

    def last_before(
        self, before: int, keep: Callable[[str, Span], bool], after: int = -1
    ) -> str | None:
        """The entity whose latest kept mention starting in (``after``, ``before``) is the
        nearest to ``before`` (the earlier entity on a tie); ``keep(key, span)`` says
        which mentions count."""
        i = bisect_left(self._by_start, (before,))
        best, best_start, best_index = None, after, -1
        while i > 0:
            i -= 1
            m_start, index, _, key, span = self._by_start[i]
            if m_start <= best_start and (best is None or m_start < best_start):
                break
            if keep(key, span) and (best is None or index < best_index):
                best, best_start, best_index = key, m_start, index
        return best

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

    def entity(self, key: str) -> Entity:
        """One entity, as ``entities`` gives it."""
        return self._entity(self._drafts[key])

    def last_person_before(self, offset: int) -> str | None:
        """The Person whose latest mention ending at or before ``offset`` is the nearest.

        A simple antecedent for "he"/"she" (no gender check).
        """
        i = bisect_right(self._person_ends, (offset, len(self._drafts)))
        if i == 0:
            return None
        end = self._person_ends[i - 1][0]
        return self._person_ends[bisect_left(self._person_ends, (end,))][2]

    def entities(self) -> tuple[Entity, ...]:
        if self._entities is None:
            self._entities = tuple(self._entity(d) for d in self._drafts.values())
        return self._entities

    @staticmethod
    def _entity(d: _Draft) -> Entity:
        return Entity(
            key=d.key,
            type=d.type,  # type: ignore[arg-type]
            label=d.label,
            mentions=tuple(sorted(d.mentions)),
            alt_labels=tuple(sorted(d.alt_labels - {d.label})),
            confidence=d.confidence,
            generic=d.generic,
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
