"""Entities: our ruler, spaCy NER and rules over the parse, typed into the contract's
nine classes and merged into one entry per real entity per document.

``find_entities(parsed)`` works in three steps:

1. *candidates*: every ruler or NER entity of each paragraph, cleaned (titles, "the",
   possessive "'s", photo credits out) and typed with context rules (a capital that
   speaks is its country; a name after "near"/"the town of" is a settlement; a name with
   an appositive "a war correspondent" is a person), plus what the parse finds on
   tokens the NER left alone (nationality adjectives, "the Russians" in a sentence about
   fighting, unnamed facilities such as "a school", place names after "near");
2. *document passes*: one type per name in the document (the strongest reading wins), a
   surname alone joins the full name, a bare "ministry of defence" goes to the most
   recently named country, an acronym introduced in brackets joins its expansion;
3. the ``EntityTable``: mentions with the same type and folded label join one entity
   (folding lower-cases, strips diacritics and transliteration endings, so Zaluzhny and
   Zaluzhnyi meet); the fullest label wins and the other spellings become alt labels.

Confidence: gazetteer 0.95, ruler pattern 0.85, NER 0.75, NER retyped by context 0.6,
parse-only guesses 0.5.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..types import Entity, Span
from . import patterns as pat
from .parsed import Paragraph, Parsed

CONTRACT_TYPES = frozenset(
    "Person Organization MilitaryUnit Country Settlement Region River Facility Place".split()
)
#: spaCy NER labels we use -> the contract type they default to.
NER_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Settlement",
    "LOC": "Place",
    "FAC": "Facility",
    "NORP": "Country",
}
GAZETTEER, RULE, NER, CONTEXT, GUESS = 0.95, 0.85, 0.75, 0.6, 0.5
#: Type of an untagged proper name that a document pass may still recognise.
UNKNOWN = "Unknown"
PLACE_TYPES = frozenset({"Settlement", "Region", "River", "Facility", "Place"})
_NOT_NAME_POS = frozenset({"ADJ", "ADV", "VERB", "DET", "PRON", "ADP", "AUX", "SCONJ", "CCONJ"})
_STRONG_PREPS = frozenset("in near at outside around towards toward into inside".split())


def normalise(name: str) -> str:
    """A key for comparing names: lower case, no punctuation, single spaces."""
    return re.sub(r"[\W_]+", " ", name.lower()).strip()


def fold(name: str) -> str:
    """A key under which transliteration variants of a name meet.

    Lower case, no diacritics or punctuation, doubled letters single, and the endings
    -iy/-yi/-ii/-y/-yy/-i of each word made one: ``fold("Valeriy Zaluzhny") ==
    fold("Valerii Zaluzhnyi") == "valeri zaluzhni"``.
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = normalise(text.replace("'", ""))
    text = re.sub(r"(.)\1+", r"\1", text)
    return re.sub(r"(?:iy|yi|ij|y|i)\b", "i", text)


@dataclass
class Candidate:
    """One mention before merging: where, what type, which label, how sure."""

    span: Span
    type: str
    label: str
    confidence: float
    source: str = "ner"  # gazetteer | rule | ner | context | guess
    generic: bool = False
    country: str | None = None  # the country this mention names or belongs to
    kind: str | None = None  # ministry kind for a bare ministry ("Defence")


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

    Public methods: ``add``, ``key_at``, ``keys_in``, ``type_of``, ``label_of``,
    ``mentions_of``, ``last_person_before``, ``entities``.
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


# --- candidates from one paragraph --------------------------------------------------


class _Para:
    """Helpers over one parsed paragraph."""

    def __init__(self, parsed: Parsed, para: Paragraph) -> None:
        self.parsed, self.para, self.doc = parsed, para, para.doc
        self.covered: set[int] = set()

    def span(self, start: int, end: int) -> Span:
        """A document Span for tokens [start, end)."""
        return self.parsed.span_of(self.para, self.doc[start:end])

    def cover(self, start: int, end: int) -> None:
        self.covered.update(range(start, end))


def _trim(doc, start: int, end: int, type_: str) -> tuple[int, int]:
    """Token range without leading "the"/titles/credit words and trailing "'s"/punct."""
    while start < end:
        tok = doc[start]
        low = tok.lower_.rstrip(".")
        if tok.lower_ == "the" or tok.is_punct or low in pat.CREDIT_WORDS:
            start += 1
        elif type_ == "Person" and end - start > 1 and (low in pat.TITLES or low == "in"):
            start += 1
        else:
            break
    while end > start and (doc[end - 1].lower_ in {"'s", "’s", "'"} or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _after_slash(doc, start: int, end: int) -> int:
    """Skip a credit line's head: "Photo / AP" -> the tokens after the last slash."""
    for i in range(end - 1, start - 1, -1):
        if doc[i].text in {"/", "|", ":"}:
            return i + 1
    return start


def _is_government(tok: Token) -> bool:
    """Does this capital city token stand for its government?"""
    doc = tok.doc
    i = tok.i
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in {"pro", "anti"}:
        return True
    if i + 2 < len(doc) and doc[i + 1].text == "-" and doc[i + 2].lower_ in pat.GOVERNMENT_SUFFIXES:
        return True
    if tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and tok.head.lemma_ not in pat.CITY_VERBS:
        return True
    if tok.dep_ == "dobj" and tok.head.lemma_ in pat.GOVERNMENT_OBJECT_VERBS:
        return True
    if tok.dep_ == "nsubjpass" and tok.head.lemma_ in pat.GOVERNMENT_VERBS:
        return True
    if (
        tok.dep_ == "conj"
        and tok.head.dep_ == "nsubj"
        and tok.head.head.lemma_ in pat.GOVERNMENT_VERBS
    ):
        return True
    if i + 1 < len(doc) and doc[i + 1].lower_ in {"'s", "’s"}:
        owner = tok.head if tok.dep_ == "poss" else None
        return owner is None or owner.lemma_ not in pat.CITY_PARTS
    return False


def _country_in(tokens: SpacySpan) -> tuple[pat.Country, int] | None:
    """The first country named in these tokens (adjective or name) and where it ends."""
    doc = tokens.doc
    for i in range(tokens.start, tokens.end):
        for n in (3, 2, 1):
            if i + n > tokens.end:
                continue
            text = doc[i : i + n].text
            country = pat.country_by_adjective().get(text) or pat.country_by_name().get(
                text.lower()
            )
            if country:
                return country, i + n
    return None


def _owner_before(doc, start: int) -> str | None:
    """A non-country owner right before a ministry: "Gaza's ...", "Hamas-run ..."."""
    i = start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i >= 1 and doc[i].lower_ in {"'s", "’s"} and doc[i - 1].pos_ == "PROPN":
        return doc[i - 1].text
    if i >= 2 and doc[i].lower_ in pat.GOVERNMENT_SUFFIXES | {"run"} and doc[i - 1].text == "-":
        return doc[i - 2].text
    return None


def _after_title(doc, i: int) -> bool:
    """Is token i preceded by a title or rank ("Lt. Col. Nadav Shoshani")?"""
    j = i - 1
    while j >= 0 and doc[j].text == ".":
        j -= 1
    return j >= 0 and doc[j].lower_.rstrip(".") in pat.TITLES


def _place_context(root: Token, strong_only: bool = False) -> bool:
    """Is this name used as a place: "near X", "the town of X", "X, a village"?"""
    head = root.head
    if root.dep_ == "pobj":
        if head.lower_ == "of" and head.head.lemma_ in pat.SETTLEMENT_NOUNS:
            return True
        preps = _STRONG_PREPS if strong_only else pat.PLACE_PREPOSITIONS
        if head.lower_ in preps:
            return True
    if root.dep_ == "dobj" and head.lemma_ in pat.PLACE_VERBS:
        return True
    for child in root.children:
        if child.dep_ == "appos" and child.lemma_ in pat.SETTLEMENT_NOUNS:
            return True
    return root.dep_ == "appos" and head.lemma_ in pat.SETTLEMENT_NOUNS


def _person_context(root: Token) -> bool:
    """Does an appositive call this name a person ("X, a war correspondent")?"""
    if root.dep_ == "appos" and root.head.lemma_.lower() in pat.PERSON_ROLES:
        return True
    return any(c.dep_ == "appos" and c.lemma_.lower() in pat.PERSON_ROLES for c in root.children)


def _military(span: SpacySpan) -> bool:
    """Is this sentence or paragraph about fighting?"""
    return any(t.lemma_.lower() in pat.MILITARY_WORDS for t in span)


def _looks_like_org(words: list[str]) -> bool:
    return any(w.lower() in pat.ORG_WORDS for w in words)


def _titled(text: str) -> str:
    return " ".join(w if w[:1].isdigit() else w[:1].upper() + w[1:] for w in text.split())


class _Finder:
    """Builds the candidates of one paragraph."""

    def __init__(self, p: _Para) -> None:
        self.p, self.doc = p, p.doc
        self.out: list[Candidate] = []

    def emit(self, start: int, end: int, type_: str, label: str, conf: float, source: str, **kw):
        if start >= end:
            return
        if label.isupper() and len(label) > 4 and type_ in PLACE_TYPES:
            label = label.title()  # a dateline's "KHARTOUM"
        self.out.append(Candidate(self.p.span(start, end), type_, label, conf, source, **kw))

    # ruler entities -------------------------------------------------------------
    def ruler(self, ent: SpacySpan) -> None:
        ident = ent.ent_id_ or ent.text
        start, end = _trim(self.doc, ent.start, ent.end, ent.label_)
        tokens = self.doc[start:end]
        capital = pat.country_by_capital().get(tokens.text)
        if capital and _is_government(self.doc[end - 1]):
            self.emit(start, end, "Country", capital.name, CONTEXT, "context", country=capital.name)
            return
        if not ident.startswith("@"):
            country = pat.country_by_name().get(ident.lower())
            forces = _forces_country().get(ident)
            source = "gazetteer" if ident in _gazetteer_names() else "rule"
            conf = GAZETTEER if source == "gazetteer" else RULE
            self.emit(
                start,
                end,
                ent.label_,
                ident,
                conf,
                source,
                country=(country.name if country and ent.label_ == "Country" else forces),
            )
            return
        rule = getattr(self, "_rule_" + ident[1:])
        rule(tokens, ent.label_)

    def _rule_ministry(self, tokens: SpacySpan, type_: str) -> None:
        found = _country_in(tokens)
        country = found[0].name if found else None
        kind = next(
            (pat.MINISTRY_KINDS[t.lower_] for t in tokens if t.lower_ in pat.MINISTRY_KINDS), None
        )
        start, end = tokens.start, tokens.end
        while end > start and self.doc[end - 1].pos_ == "ADP":
            end -= 1
        kind = kind or "Defence"
        owner = None if country else _owner_before(self.doc, start)
        if owner:  # "Gaza's health ministry", "the Hamas-run health ministry"
            label = f"Ministry of {kind} of {owner}"
            self.emit(start, end, type_, label, RULE, "rule")
            return
        label = f"Ministry of {kind} of {country}" if country else f"Ministry of {kind}"
        self.emit(start, end, type_, label, RULE, "rule", country=country, kind=kind)

    def _rule_national(self, tokens: SpacySpan, type_: str) -> None:
        """ "Ukrainian General Staff", "Israeli air force": the adjective and the body."""
        found = _country_in(tokens)
        country, after = found if found else (None, tokens.start + 1)
        adjective = country.adjectives[0] if country and country.adjectives else tokens[0].text
        rest = " ".join(t.text for t in tokens if t.i >= after and t.lower_ not in {"'s", "’s"})
        self.emit(
            tokens.start,
            tokens.end,
            type_,
            f"{adjective} {_titled(rest)}",
            RULE,
            "rule",
            country=country.name if country else None,
        )

    def _rule_statemedia(self, tokens: SpacySpan, type_: str) -> None:
        found = _country_in(tokens)
        country = found[0] if found else None
        last = tokens[-1].lower_
        what = {"media": "state media", "agency": "state news agency"}.get(last, "state television")
        adjective = country.adjectives[0] if country and country.adjectives else tokens[0].text
        self.emit(
            tokens.start,
            tokens.end,
            type_,
            f"{adjective} {what}",
            RULE,
            "rule",
            country=country.name if country else None,
        )

    def _rule_forces(self, tokens: SpacySpan, type_: str) -> None:
        found = _country_in(tokens)
        if found is None:
            return
        country = found[0]
        self.emit(
            tokens.start, tokens.end, type_, country.forces, RULE, "rule", country=country.name
        )

    def _rule_unit(self, tokens: SpacySpan, type_: str) -> None:
        self.emit(tokens.start, tokens.end, type_, _titled(tokens.text), RULE, "rule")

    def _rule_group(self, tokens: SpacySpan, type_: str) -> None:
        name_end = tokens.start
        while name_end < tokens.end and not (
            self.doc[name_end].lower_ in pat.GROUP_MODIFIERS | pat.GROUP_NOUNS
            or self.doc[name_end].text in {"Force", "Forces"}
        ):
            name_end += 1
        name_start = tokens.start
        while name_start < name_end - 1 and (
            self.doc[name_start].pos_ != "PROPN"
            or self.doc[name_start].text in pat.ETHNIC_ADJECTIVES
            or self.doc[name_start].text in pat.country_by_adjective()
        ):
            name_start += 1
        for i in range(name_start, name_end):  # "Chechen Akhmat": the known "Akhmat"
            if pat.name_index().get(self.doc[i:name_end].text.lower()):
                name_start = i
                break
        name = self.doc[name_start:name_end].text
        entry = pat.name_index().get(name.lower())
        if entry and entry.type != "MilitaryUnit":  # "a Telegram group": the platform
            self.emit(name_start, name_end, entry.type, entry.name, GAZETTEER, "gazetteer")
            return
        noun = tokens[-1]
        if entry:
            label = entry.name
        elif noun.lower_ == "group":
            label = f"{name} Group"
        elif noun.lower_ in {"regiment", "battalion", "brigade"}:
            label = f"{name} {noun.lower_.title()}"
        elif noun.text in {"Force", "Forces"}:
            label = tokens.text
        else:
            label = name
        self.emit(tokens.start, tokens.end, type_, label, RULE, "rule")

    def _rule_region(self, tokens: SpacySpan, type_: str) -> None:
        words = [t for t in tokens if t.lower_ not in pat.REGION_NOUNS | {"of", "state"}]
        noun = next(
            (t.lower_ for t in tokens if t.lower_ in pat.REGION_NOUNS | {"state"}), "region"
        )
        name = self.doc[words[0].i : words[-1].i + 1].text if words else tokens.text
        entry = pat.name_index().get(name.lower())
        if "military" in name.lower().split() and noun == "district":
            self.emit(tokens.start, tokens.end, "MilitaryUnit", tokens.text, RULE, "rule")
            return
        if noun in {"oblast", "region"} and name.lower() in pat.OBLASTS:
            label = f"{name} Oblast"
        elif noun in {"district", "raion"} and (name.lower() in pat.OBLASTS or entry):
            label = f"{name} Raion"
        elif entry and entry.type == "Region":
            label = entry.name
        else:
            label = f"{name} {noun.title()}"
        self.emit(tokens.start, tokens.end, type_, label, RULE, "rule")

    def _rule_river(self, tokens: SpacySpan, type_: str) -> None:
        words = [t for t in tokens if t.lower_ != "river"]
        name = self.doc[words[0].i : words[-1].i + 1].text if words else tokens.text
        entry = pat.name_index().get(name.lower())
        label = entry.name if entry and entry.type == "River" else name
        self.emit(tokens.start, tokens.end, type_, label, RULE, "rule")

    def _rule_facility(self, tokens: SpacySpan, type_: str) -> None:
        entry = pat.name_index().get(tokens.text.lower())
        label = entry.name if entry else _titled(tokens.text)
        self.emit(tokens.start, tokens.end, type_, label, RULE, "rule")

    def _rule_place(self, tokens: SpacySpan, type_: str) -> None:
        self.emit(tokens.start, tokens.end, type_, tokens.text, RULE, "rule")

    # NER entities ---------------------------------------------------------------
    def ner(self, ent: SpacySpan) -> None:
        doc = self.doc
        start = _after_slash(doc, ent.start, ent.end)
        type_ = NER_TYPES[ent.label_]
        start, end = _trim(doc, start, ent.end, type_)
        if start >= end:
            return
        if doc[start].lower_ in pat.SETTLEMENT_NOUNS and end - start > 1 and ent.label_ != "ORG":
            # "Kibbutz Be'eri", "Village Ivanivka": the noun is part of the place's name
            self.emit(start, end, "Settlement", doc[start:end].text, CONTEXT, "context")
            return
        if ent.label_ == "NORP" or doc[start].lower_ in {"pro", "anti"}:
            self._norp(start, end)
            return
        tokens = doc[start:end]
        text, root = tokens.text, tokens.root
        if end - start == 1 and tokens[0].is_sent_start and tokens[0].pos_ in _NOT_NAME_POS:
            return  # "Fierce fighting continued": a capitalised word, not a name
        if text in pat.country_by_adjective():
            self.emit(
                start,
                end,
                "Country",
                pat.country_by_adjective()[text].name,
                CONTEXT,
                "context",
                country=pat.country_by_adjective()[text].name,
            )
            return
        if text in pat.country_by_demonym():
            self._demonym(start, end)
            return
        if text in pat.country_by_capital():
            country = pat.country_by_capital()[text]
            if _is_government(doc[end - 1]):
                self.emit(
                    start, end, "Country", country.name, CONTEXT, "context", country=country.name
                )
            else:
                self.emit(start, end, "Settlement", text, NER, "ner")
            return
        country = pat.country_by_name().get(text.lower())
        if country and ent.label_ in {"GPE", "ORG", "LOC", "NORP"}:
            self.emit(start, end, "Country", country.name, NER, "ner", country=country.name)
            return
        entry = pat.name_index().get(text.lower())
        if entry:
            self.emit(start, end, entry.type, entry.name, GAZETTEER, "gazetteer")
            return
        if ent.label_ != "PERSON" and _person_context(root):
            self.emit(start, end, "Person", text, CONTEXT, "context")
            return
        if ent.label_ == "PERSON":
            if end - start == 1 and _place_context(root, strong_only=True):
                self.emit(start, end, "Settlement", text, GUESS, "guess")
            else:
                self.emit(start, end, "Person", text, NER, "ner")
            return
        words = [t.text for t in tokens]
        if len(words) == 1 and text.lower() in pat.TITLES | pat.ORG_WORDS | {"state"}:
            return  # "Secretary of State": a title, not an organisation
        if ent.label_ in {"ORG", "LOC"} and not _looks_like_org(words) and _place_context(root):
            self.emit(start, end, "Settlement", text, CONTEXT, "context")
            return
        if ent.label_ == "LOC" and "Front" in words:
            self.emit(start, end, "Place", text, NER, "ner")
            return
        self.emit(start, end, type_, text, NER, "ner")

    def _norp(self, start: int, end: int) -> None:
        """ "Russian", "pro-Moscow", "Ukrainians": a country or, in a fight, its forces."""
        for i in range(end - 1, start - 1, -1):
            text = self.doc[i].text
            country = pat.country_by_adjective().get(text)
            if country is None and text in pat.country_by_capital():
                country = pat.country_by_capital()[text]
            if country:
                self.emit(
                    i, i + 1, "Country", country.name, CONTEXT, "context", country=country.name
                )
                return
            if text in pat.country_by_demonym():
                self._demonym(i, i + 1)
                return

    def _demonym(self, start: int, end: int) -> None:
        country = pat.country_by_demonym()[self.doc[start:end].text]
        definite = start > 0 and self.doc[start - 1].lower_ == "the"
        # "the Russians" in a paragraph about fighting; bare "Russians" in such a sentence
        context = self.doc[:] if definite else self.doc[start].sent
        if _military(context):
            if definite:
                start -= 1
            self.emit(
                start, end, "MilitaryUnit", country.forces, CONTEXT, "context", country=country.name
            )

    # tokens the NER left alone ---------------------------------------------------
    def tokens(self) -> None:
        doc, covered = self.doc, self.p.covered
        i = 0
        while i < len(doc):
            tok = doc[i]
            if i in covered:
                i += 1
                continue
            pair = doc[i : i + 2].text if i + 1 < len(doc) and i + 1 not in covered else None
            if pair and pair in pat.country_by_adjective():
                name = pat.country_by_adjective()[pair].name
                self.emit(i, i + 2, "Country", name, CONTEXT, "context", country=name)
                i += 2
                continue
            if tok.text in pat.country_by_adjective():
                name = pat.country_by_adjective()[tok.text].name
                self.emit(i, i + 1, "Country", name, CONTEXT, "context", country=name)
            elif tok.text in pat.country_by_demonym():
                self._demonym(i, i + 1)
            elif tok.pos_ == "PROPN" and tok.is_title:
                j = i
                while (
                    j + 1 < len(doc)
                    and j + 1 not in covered
                    and doc[j + 1].pos_ == "PROPN"
                    and doc[j + 1].is_title
                ):
                    j += 1
                run = doc[i : j + 1]
                if run.text.lower().rstrip(".") in pat.TITLES:
                    pass
                elif _place_context(run.root, strong_only=True):
                    self.emit(i, j + 1, "Settlement", run.text, GUESS, "guess")
                elif _after_title(doc, i) and j > i:
                    self.emit(i, j + 1, "Person", run.text, GUESS, "guess")
                else:  # kept only if a document pass recognises the name
                    self.emit(i, j + 1, UNKNOWN, run.text, GUESS, "guess")
                i = j + 1
                continue
            elif tok.pos_ == "NOUN":
                self._facility(tok)
            i += 1

    def x_platform(self) -> None:
        """ "posted on X", "Twitter/X": the platform formerly called Twitter."""
        doc = self.doc
        for tok in doc:
            if tok.text != "X" or tok.i in self.p.covered or tok.i == 0:
                continue
            before = doc[tok.i - 1]
            if before.lower_ in {"on", "via"} or (before.text == "/" and tok.i >= 2):
                self.emit(tok.i, tok.i + 1, "Organization", "Twitter", RULE, "rule")

    def _facility(self, tok: Token) -> None:
        lemma = tok.lemma_.lower()
        if lemma not in pat.FACILITY_NOUNS | pat.FACILITY_NEEDS_MODIFIER:
            return
        mods = []
        for child in reversed(list(tok.lefts)):
            low = child.lower_
            bare_poss = (
                child.dep_ == "poss"
                and child.pos_ == "NOUN"
                and child.lemma_ not in pat.SETTLEMENT_NOUNS | {"country", "region", "capital"}
                and not any(c.dep_ in {"amod", "compound", "nummod"} for c in child.children)
            )
            if (
                child.dep_ in {"compound", "nmod"}
                or bare_poss
                or (child.dep_ == "amod" and low in pat.FACILITY_MODIFIERS)
            ):
                mods.append(child)
            else:
                break
        start = tok.i
        for child in mods:
            if child.right_edge.i == start - 1 or (
                child.right_edge.i == start - 2 and tok.doc[start - 1].lower_ in {"'s", "’s"}
            ):
                start = child.left_edge.i
            else:
                break
        while start < tok.i and (
            tok.doc[start].pos_ in {"DET", "NUM", "PRON", "PUNCT"} or start in self.p.covered
        ):  # "the Kherson regional administration building": the building, not Kherson
            start += 1
        mod_words = {t.lower_ for t in tok.doc[start : tok.i]}
        end = tok.i + 1
        if lemma == "block":
            of = [c for c in tok.rights if c.lower_ == "of"]
            objs = [c for o in of for c in o.children if c.dep_ == "pobj"]
            if objs and objs[0].lemma_ in {"flat", "apartment", "office"}:
                end = objs[0].i + 1
                mod_words.add("flats")
        if lemma in pat.FACILITY_NEEDS_MODIFIER:
            if not (mod_words & pat.FACILITY_MODIFIERS or "flats" in mod_words):
                return
            if lemma in {"centre", "center"} and mod_words & {"city", "town"}:
                return
        if any(i in self.p.covered for i in range(start, end)):
            return
        text = tok.doc[start:end].text
        self.emit(start, end, "Facility", text.lower(), GUESS, "guess", generic=True)
        self.p.cover(start, end)


_FORCES: dict[str, str] = {}


def _forces_country() -> dict[str, str]:
    """Armed forces labels -> their country's name."""
    if not _FORCES:
        _FORCES.update({c.forces: c.name for c in pat.countries()})
    return _FORCES


def forces_country() -> dict[str, str]:
    """Armed forces labels ("Armed Forces of Ukraine") -> their country's name."""
    return dict(_forces_country())


def _gazetteer_names() -> set[str]:
    return {n.name for n in pat.names()} | {c.name for c in pat.countries()}


def _paragraph_candidates(parsed: Parsed, para: Paragraph) -> list[Candidate]:
    p = _Para(parsed, para)
    finder = _Finder(p)
    for ent in para.doc.ents:
        p.cover(ent.start, ent.end)
    for ent in para.doc.ents:
        if ent.label_ in CONTRACT_TYPES:
            finder.ruler(ent)
        elif ent.label_ in NER_TYPES:
            finder.ner(ent)
    finder.tokens()
    finder.x_platform()
    return finder.out


# --- document passes ----------------------------------------------------------------


def _one_type_per_name(cands: list[Candidate]) -> None:
    """NER guesses take the type and label of the strongest reading of the same name."""
    best: dict[str, Candidate] = {}
    for c in cands:
        if (
            c.generic
            or c.type in {"Country", UNKNOWN}
            or c.source == "context"
            and c.type != "Settlement"
        ):
            continue
        for name in {fold(c.span.text), fold(c.label)}:
            old = best.get(name)
            if old is None or c.confidence > old.confidence:
                best[name] = c
    for i, c in enumerate(cands):
        if c.source not in {"ner", "guess", "context"} or c.generic or c.type == "Country":
            continue
        other = best.get(fold(c.span.text))
        if not other or other is c or other.type == "Person":
            continue
        lone_person = c.type == "Person" and " " not in c.span.text
        if c.type == "Person" and not lone_person:
            continue
        if other.confidence > c.confidence or (
            lone_person and other.type in PLACE_TYPES and other.confidence >= c.confidence
        ):
            cands[i] = replace(c, type=other.type, label=other.label)


def _surnames(cands: list[Candidate]) -> None:
    """A lone surname (or first name used alone) joins the one full name that ends with it."""
    full: dict[str, set[str]] = {}
    for c in cands:
        if c.type == "Person" and " " in c.label:
            last = re.split(r"[\s-]+", c.label)[-1]
            full.setdefault(fold(last), set()).add(c.label)
            full.setdefault(fold(c.label.split()[-1]), set()).add(c.label)
    by_fold: dict[str, str] = {}  # the fullest spelling of each name, deterministically
    for label in sorted({label for labels in full.values() for label in labels}):
        old = by_fold.get(fold(label))
        if old is None or len(label) > len(old):
            by_fold[fold(label)] = label
    for i, c in enumerate(cands):
        if c.source not in {"ner", "context", "guess"} or c.generic:
            continue
        words = c.span.text.split()
        if fold(c.span.text) in by_fold and c.type == UNKNOWN:
            cands[i] = replace(c, type="Person", label=by_fold[fold(c.span.text)])
        elif len(words) == 1 and c.type in {
            "Person",
            "Organization",
            "Settlement",
            "Place",
            UNKNOWN,
        }:
            labels = full.get(fold(words[0]))
            if labels and len(labels) == 1:
                cands[i] = replace(c, type="Person", label=next(iter(labels)))
        elif c.type == "Person" and fold(c.label) in by_fold:
            cands[i] = replace(c, label=by_fold[fold(c.label)])


def _definite_rivers(parsed: Parsed, cands: list[Candidate]) -> None:
    """ "the Dnipro" after "the Dnipro river": a bare name with "the" is the river."""
    rivers = {}
    for c in cands:
        if c.type == "River":
            rivers[fold(c.label)] = c.label
            rivers[fold(re.sub(r"(?i)\briver\b", "", c.span.text))] = c.label
    if not rivers:
        return
    text = parsed.doc.text
    for i, c in enumerate(cands):
        name = fold(c.span.text)
        if c.type != "River" and not c.generic and name in rivers:
            if text[: c.span.start].rstrip().lower().endswith(("the", "river")):
                cands[i] = replace(c, type="River", label=rivers[name])


def _bare_ministries(cands: list[Candidate]) -> None:
    """ "the ministry of defence" with no country: the most recently named country's."""
    last_country = None
    for i, c in enumerate(cands):
        if c.kind and c.country is None and last_country:
            cands[i] = replace(
                c, label=f"Ministry of {c.kind} of {last_country}", country=last_country
            )
        elif c.country:
            last_country = c.country


_ACRONYM = re.compile(r"\s*[(\[]\s*([A-Z][A-Za-z]?[A-Z]{1,7})\s*[)\]]")
_SMALL = frozenset("of the and for in on de al".split())


def _initials(text: str, skip_small: bool) -> str:
    words = re.findall(r"[A-Za-z]+", text)
    return "".join(w[0] for w in words if not (skip_small and w.lower() in _SMALL)).upper()


def _acronyms(parsed: Parsed, cands: list[Candidate]) -> list[Candidate]:
    """ "Armed Forces of Ukraine (AFU)": AFU, there and later, is that entity."""
    text = parsed.doc.text
    known: dict[str, Candidate] = {}
    for c in cands:
        if c.generic:
            continue
        match = _ACRONYM.match(text, c.span.end)
        if not match:
            continue
        acro = match.group(1)
        if acro.upper() in {
            _initials(c.label, True),
            _initials(c.label, False),
            _initials(c.span.text, True),
            _initials(c.span.text, False),
        }:
            known.setdefault(acro, c)
    if not known:
        return cands
    by_span = {(c.span.start, c.span.end): i for i, c in enumerate(cands)}
    out = list(cands)
    for para in parsed.paragraphs:
        for tok in para.doc:
            source = known.get(tok.text)
            if source is None:
                continue
            span = parsed.span_of(para, tok)
            if span.start < source.span.end:
                if span.start > source.span.end + 3 or span.start < source.span.start:
                    continue  # only the bracketed one and later mentions
            new = Candidate(
                span, source.type, source.label, source.confidence, "rule", country=source.country
            )
            idx = by_span.get((span.start, span.end))
            if idx is not None:
                out[idx] = new
            elif not any(c.span.start < span.end and span.start < c.span.end for c in out):
                out.append(new)
    return sorted(out, key=lambda c: c.span.start)


def find_candidates(parsed: Parsed) -> list[Candidate]:
    """All entity mentions of a document, typed and labelled, in text order."""
    cands: list[Candidate] = []
    for para in parsed.paragraphs:
        cands.extend(_paragraph_candidates(parsed, para))
    cands.sort(key=lambda c: c.span.start)
    _one_type_per_name(cands)
    _surnames(cands)
    _bare_ministries(cands)
    _definite_rivers(parsed, cands)
    return [c for c in _acronyms(parsed, cands) if c.type != UNKNOWN]


def find_entities(parsed: Parsed) -> EntityTable:
    """The document's entity table: one entry per real entity, all its mentions."""
    table = EntityTable()
    for c in find_candidates(parsed):
        table.add(c.span, c.type, c.label, generic=c.generic, confidence=c.confidence)
    return table
