"""Entity candidates: one mention before merging, the paragraph being read, and what a
NER entity becomes (the rules of ``entities.ner``).

A NER entity is cleaned (titles, "the", possessive "'s", photo credits out) and typed
by the rules of ``entities.ner``, in order, with context cues from ``cues.py`` (a
capital that speaks is its country; a name after "near"/"the town of" is a settlement;
a name with an appositive "a war correspondent" is a person). Ruler entities are the
rules of ``entities.ruler`` (``ruled.py``); the tokens the NER left alone those of
``entities.token`` (``tokens.py``); ``paragraph.py`` runs them over a paragraph.

Confidence: gazetteer 0.95, ruler pattern 0.85, NER 0.75, NER retyped by context 0.6,
parse-only guesses 0.5.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span as SpacySpan

from ...types import ENTITY_TYPES, Span
from .. import lexicon
from ..dates import MONTHS
from ..parsed import Paragraph, Parsed
from ..rules import NOTHING, Decision, RuleList
from . import ruler as pat
from .cues import (
    PLURAL_TAIL_NOUNS,
    REGION_NAME_HEADS,
    REGION_TAIL_NOUNS,
    after_slash,
    armed_name,
    counted_or_harmed,
    fighting_alliance,
    is_government,
    listed_in_region,
    looks_like_org,
    military,
    owner_of_armed_name,
    person_context,
    place_context,
    possessive_owner,
    region_label,
    trim,
)

__all__ = [
    "CONTEXT",
    "CONTRACT_TYPES",
    "GAZETTEER",
    "GUESS",
    "NER",
    "NER_SPAN",
    "NER_TYPES",
    "PLACE_TYPES",
    "RULE",
    "UNKNOWN",
    "Candidate",
    "Finder",
    "NerSpan",
    "country_of_forces",
    "decided",
    "demonym_forces",
    "forces_country",
    "gazetteer_names",
    "ner_span",
    "norp",
]

CONTRACT_TYPES = frozenset(ENTITY_TYPES)
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

#: First words of a named natural feature or line: "Cape Khersones", "the Gulf of Aden",
#: "Mount Hermon" are places, never settlements, and a "Line of Control" is no building.
PLACE_NAME_OPENERS = lexicon.words("place_name_openers")
PLACE_NAME_TAILS = lexicon.words("place_name_tails")


def geographic_name(text: str) -> bool:
    """ "Cape Khersones", "Gulf of Aden", "Line of Control", "Line of Contact"."""
    words = text.split()
    if len(words) < 2:
        return False
    if words[-1] in PLACE_NAME_TAILS:
        return True
    return words[0] in PLACE_NAME_OPENERS or (words[0] == "Line" and words[1] == "of")


PLACE_TYPES = frozenset({"Settlement", "Region", "River", "Facility", "Place"})
_FACILITY_WORDS = pat.FACILITY_NAME_NOUNS | pat.FACILITY_NOUNS | pat.FACILITY_NEEDS_MODIFIER
#: Given names (coreference lists) and words that are never places (place_stop_names).
FIRST_NAMES = lexicon.words("female_names") | lexicon.words("male_names_in_a")
PLACE_STOP_NAMES = lexicon.words("place_stop_names")
#: Last words of a name that say what kind of place it is: "Gaza City", "Shan State".
_PLACE_TAILS = {"city": "Settlement", "town": "Settlement"} | dict.fromkeys(
    REGION_TAIL_NOUNS, "Region"
)
_PERSON_OPENERS = frozenset({"mr", "mrs", "ms", "dr", "miss", "sir", "madam"})
RANKS = lexicon.words("military_ranks")
WEAPON_NOUNS = lexicon.words("weapon_nouns")
COMPANY_NOUNS = lexicon.words("company_nouns")
AREA_NOUNS = lexicon.words("area_nouns")
CLOCK = re.compile(r"\d{1,2}[:.]?\d{2}(?:am|pm)?")
TOWN_PART_WORDS = lexicon.words("town_part_words")
_NOT_NAME_POS = frozenset({"ADJ", "ADV", "VERB", "DET", "PRON", "ADP", "AUX", "SCONJ", "CCONJ"})


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

    rule: str = ""  # the rule that found it ("entities.ner.capital")


# --- one paragraph being read ---------------------------------------------------------


class Finder:
    """One parsed paragraph while its candidates are found: which tokens are taken by a
    ruler or NER entity (``covered``), and how a token range becomes a candidate."""

    def __init__(self, parsed: Parsed, para: Paragraph) -> None:
        self.parsed, self.para, self.doc = parsed, para, para.doc
        self.covered: set[int] = set()

    def span(self, start: int, end: int) -> Span:
        """A document Span for tokens [start, end)."""
        return self.parsed.span_of(self.para, self.doc[start:end])

    def cover(self, start: int, end: int) -> None:
        """Mark tokens [start, end) as part of a found name."""
        self.covered.update(range(start, end))

    def make(
        self, start: int, end: int, type_: str, label: str, conf: float, source: str, **kw
    ) -> list[Candidate]:
        """The candidate for tokens [start, end) (none when the range is empty)."""
        if start >= end:
            return []
        if label.isupper() and len(label) > 4 and type_ in PLACE_TYPES:
            label = label.title()  # a dateline's "KHARTOUM"
        return [Candidate(self.span(start, end), type_, label, conf, source, **kw)]


def decided(decision: Decision | None) -> list[Candidate]:
    """The candidates a rule list decided, each marked with the deciding rule."""
    if decision is None or not decision.value:
        return []
    for cand in decision.value:
        cand.rule = decision.rule
    return decision.value


# --- what a NER entity becomes: the rules of entities.ner ------------------------------

NER_SPAN: RuleList[list[Candidate]] = RuleList("entities.ner")


@dataclass
class NerSpan:
    """A NER entity of the paragraph, its range trimmed ("the", titles, "'s" out)."""

    f: Finder
    ent: SpacySpan
    start: int
    end: int

    @property
    def label(self) -> str:
        """The NER label ("GPE", "PERSON", ...)."""
        return self.ent.label_

    @property
    def tokens(self) -> SpacySpan:
        return self.f.doc[self.start : self.end]

    @property
    def text(self) -> str:
        return self.tokens.text

    def make(self, type_: str, label: str, conf: float, source: str, **kw) -> list[Candidate]:
        """The candidate for the whole (trimmed) entity."""
        return self.f.make(self.start, self.end, type_, label, conf, source, **kw)


def ner_span(f: Finder, ent: SpacySpan) -> NerSpan:
    """The NER entity as the rules see it: after a credit's slash, trimmed."""
    start = after_slash(f.doc, ent.start, ent.end)
    start, end = trim(f.doc, start, ent.end, NER_TYPES[ent.label_])
    return NerSpan(f, ent, start, end)


@NER_SPAN.rule
def owner_in_armed_name(m: NerSpan):
    """ "People" of "People's Defence Force": part of the next name, dropped."""
    return NOTHING if owner_of_armed_name(m.f.doc, m.ent) else None


@NER_SPAN.rule
def nothing_left(m: NerSpan):
    """An entity of titles, "the" and punctuation only is dropped."""
    return NOTHING if m.start >= m.end else None


@NER_SPAN.rule
def lower_case_words(m: NerSpan):
    """ "betadine", "northern brotherhood": words without a capital are no name."""
    return NOTHING if not any(c.isupper() for c in m.text) else None


@NER_SPAN.rule
def rank_alone(m: NerSpan):
    """ "Brig", "Major General": ranks and titles with no name after them."""
    words = [t.lower_.rstrip(".") for t in m.tokens if not t.is_punct]
    return NOTHING if words and all(w in RANKS | pat.TITLES for w in words) else None


@NER_SPAN.rule
def ethnic_group(m: NerSpan):
    """ "Druze", "Bedouin": a people, no named entity."""
    return NOTHING if m.text in pat.ETHNIC_ADJECTIVES else None


@NER_SPAN.rule
def weapon_name(m: NerSpan):
    """ "a Scud missile", "Improvised Explosive Devices": a weapon, no entity."""
    doc, end = m.f.doc, m.end
    if m.label == "NORP" or m.text in pat.country_by_adjective():
        return None  # "a Russian missile": the country as agent
    after = doc[end] if end < len(doc) else None
    if after is not None and after.lemma_.lower() in WEAPON_NOUNS and after.pos_ == "NOUN":
        return NOTHING
    last = {m.tokens[-1].lemma_.lower(), m.tokens[-1].lower_.removesuffix("s")}
    return NOTHING if m.label == "ORG" and last & WEAPON_NOUNS and len(m.tokens) > 1 else None


@NER_SPAN.rule
def dateline_date(m: NerSpan):
    """ "Oct 2 Eight civilians": a date and a number read as a name."""
    tokens = m.tokens
    if len(tokens) > 1 and tokens[0].lower_.rstrip(".") in MONTHS and tokens[1].like_num:
        return NOTHING
    return None


@NER_SPAN.rule
def clock_time_or_hashtag(m: NerSpan):
    """ "06:45 GMT", "#MarSec": a time zone after a clock time, a hashtag, no name."""
    prev = m.f.doc[m.start - 1] if m.start > 0 else None
    if prev is None:
        return None
    if prev.text == "#" or (m.text.isupper() and len(m.text) <= 4 and CLOCK.fullmatch(prev.text)):
        return NOTHING
    return None


@NER_SPAN.rule
def cut_before_of(m: NerSpan):
    """ "Prosecutor's Office of [Azerbaijan]": a name cut before its "of" part runs on over
    the proper nouns after it."""
    doc, end = m.f.doc, m.end
    if m.tokens[-1].lower_ != "of" or len(m.tokens) < 2:
        return None
    while end < len(doc) and doc[end].pos_ == "PROPN":
        end += 1
    if end == m.end:
        return NOTHING
    return m.f.make(m.start, end, NER_TYPES[m.label], doc[m.start : end].text, NER, "ner")


@NER_SPAN.rule
def settlement_noun_in_name(m: NerSpan):
    """ "Kibbutz Be'eri", "Village Ivanivka": the noun is part of the place's name."""
    doc = m.f.doc
    if doc[m.start].lower_ in pat.SETTLEMENT_NOUNS and len(m.tokens) > 1 and m.label != "ORG":
        return m.make("Settlement", m.text, CONTEXT, "context")
    return None


@NER_SPAN.rule
def nationality(m: NerSpan):
    """A NORP entity or "pro-Moscow": a country, its forces in a fight, or nothing."""
    if m.label == "NORP" or m.f.doc[m.start].lower_ in {"pro", "anti"}:
        return norp(m.f, m.start, m.end)
    return None


@NER_SPAN.rule
def capitalised_opener(m: NerSpan):
    """ "Fierce fighting continued": a capitalised first word, not a name."""
    first = m.tokens[0]
    if len(m.tokens) == 1 and first.is_sent_start and first.pos_ in _NOT_NAME_POS:
        return NOTHING
    return None


def _placeable(m: NerSpan) -> bool:
    return m.label in {"GPE", "LOC", "PERSON", "ORG", "NORP"} and (
        m.text.lower() not in pat.country_by_name()
    )


@NER_SPAN.rule
def name_and_region_noun(m: NerSpan):
    """ "Kani township", "Sagaing region", "Rakhine state": the region."""
    doc, end = m.f.doc, m.end
    if end < len(doc) and doc[end].lower_ in REGION_TAIL_NOUNS and end not in m.f.covered:
        if _placeable(m):
            label = region_label(m.text, doc[end].lower_)
            return m.f.make(m.start, end + 1, "Region", label, CONTEXT, "context")
    return None


@NER_SPAN.rule
def name_and_feature_noun(m: NerSpan):
    """ "Ramree island", "Kerch strait": the natural feature, its noun title-cased."""
    doc, end = m.f.doc, m.end
    if end < len(doc) and doc[end].is_lower and doc[end].text.title() in PLACE_NAME_TAILS:
        if end not in m.f.covered and m.label != "NORP" and _placeable(m):
            label = f"{m.text} {doc[end].text.title()}"
            return m.f.make(m.start, end + 1, "Place", label, CONTEXT, "context")
    return None


@NER_SPAN.rule
def listed_before_region_noun(m: NerSpan):
    """ "in Idlib and western Aleppo governorates": each listed name a region."""
    plural = plural_region_noun(m.f, m.end)
    if plural is not None and _placeable(m):
        return m.make("Region", region_label(m.text, plural), CONTEXT, "context")
    return None


@NER_SPAN.rule
def valley_or_strip(m: NerSpan):
    """ "the Bekaa Valley", "the Gaza Strip": a location named by a region head."""
    if m.label == "LOC" and m.tokens[-1].text in REGION_NAME_HEADS and len(m.tokens) > 1:
        return m.make("Region", m.text, CONTEXT, "context")
    return None


@NER_SPAN.rule
def natural_feature(m: NerSpan):
    """ "Cape Khersones", "the Gulf of Aden", "Line of Control": a place."""
    if m.label in {"LOC", "FAC", "GPE", "ORG"} and geographic_name(m.text):
        return m.make("Place", m.text, CONTEXT, "context")
    return None


@NER_SPAN.rule
def nationality_adjective(m: NerSpan):
    """ "Russian" tagged as anything: its country."""
    country = pat.country_by_adjective().get(m.text)
    if country is None:
        return None
    return m.make("Country", country.name, CONTEXT, "context", country=country.name)


@NER_SPAN.rule
def demonym(m: NerSpan):
    """ "the Russians": the country's forces in a fight, else nothing."""
    return demonym_forces(m.f, m.start, m.end) if m.text in pat.country_by_demonym() else None


@NER_SPAN.rule
def capital(m: NerSpan):
    """ "Moscow said": the government's country; otherwise the city."""
    country = pat.country_by_capital().get(m.text)
    if country is None:
        return None
    if is_government(m.f.doc[m.end - 1]):
        return m.make("Country", country.name, CONTEXT, "context", country=country.name)
    return m.make("Settlement", m.text, NER, "ner")


@NER_SPAN.rule
def country_name(m: NerSpan):
    """A country's name or alias tagged GPE, ORG, LOC or NORP: the country."""
    country = pat.country_by_name().get(m.text.lower())
    if country and m.label in {"GPE", "ORG", "LOC", "NORP"}:
        return m.make("Country", country.name, NER, "ner", country=country.name)
    return None


@NER_SPAN.rule
def warship_or_named_unit(m: NerSpan):
    """ "landing ship Caesar Kunikov", "a unit called Group 13": a military unit."""
    doc, i = m.f.doc, m.start
    before = [doc[j].lower_ for j in range(max(i - 2, 0), i)]
    if before[-1:] and (before[-1] in pat.WARSHIP_NOUNS or " ".join(before) in pat.WARSHIP_NOUNS):
        return m.make("MilitaryUnit", m.text, CONTEXT, "context")
    if len(before) == 2 and before[1] in {"called", "named"}:
        if doc[i - 2].lemma_.lower() in pat.UNIT_NOUNS | {"unit"}:
            return m.make("MilitaryUnit", m.text, CONTEXT, "context")
    return None


@NER_SPAN.rule
def gazetteer_name(m: NerSpan):
    """A name of the gazetteer: its type and canonical label."""
    entry = pat.name_index().get(m.text.lower())
    return m.make(entry.type, entry.name, GAZETTEER, "gazetteer") if entry else None


@NER_SPAN.rule
def piece_of_a_hyphenated_name(m: NerSpan):
    """ "Rostov" and "Don" of "Rostov-on-Don": the whole hyphenated name."""
    doc, start, end = m.f.doc, m.start, m.end

    def glued(i: int) -> bool:
        return 0 < i < len(doc) and doc[i].text == "-"

    while glued(start - 1) and start >= 3 and doc[start - 2].is_lower and glued(start - 3):
        start -= 4
    while glued(end) and end + 2 < len(doc) and doc[end + 1].is_lower and glued(end + 2):
        end += 4
    end = min(end, len(doc))
    if (start, end) == (m.start, m.end) or start < 0:
        return None
    if start < m.start and start in m.f.covered:
        return NOTHING  # the name's first piece reads it whole
    name = doc[start:end].text
    return m.f.make(start, end, world_place_type(name) or "Settlement", name, CONTEXT, "context")


@NER_SPAN.rule
def name_before_place_noun(m: NerSpan):
    """ "Chuan Hote village": a settlement; "the Tufah area", "Mar Elias area": a part of a
    town, a region (the noun is no part of the name)."""
    doc, end = m.f.doc, m.end
    if end >= len(doc) or end in m.f.covered or not _placeable(m) or m.label == "NORP":
        return None
    noun = doc[end].lower_
    if noun in pat.SETTLEMENT_NOUNS and noun not in ("city", "town", "port"):
        return m.make("Settlement", m.text, CONTEXT, "context")
    if noun in AREA_NOUNS:
        return m.make("Region", m.text, CONTEXT, "context")
    return None


def town_part(doc, start: int, end: int) -> bool:
    """Is tokens [start, end) a part of a town: "Beirut's Dahiyeh", "Ras al-Nabaa, in
    central Beirut"?"""
    if start >= 2 and doc[start - 1].tag_ == "POS":
        return world_place_type(doc[start - 2].text) == "Settlement"
    after = [t.lower_ for t in doc[end : end + 3]]
    if after[:2] != [",", "in"] or end + 3 >= len(doc) or after[2] not in TOWN_PART_WORDS:
        return False
    return world_place_type(doc[end + 3].text) == "Settlement"


@NER_SPAN.rule
def part_of_a_town(m: NerSpan):
    """ "Beirut's Dahiyeh", "Ras al-Nabaa, in central Beirut": a part of a town, a region."""
    if m.label not in {"GPE", "LOC", "PERSON", "FAC"} or m.text in pat.country_by_adjective():
        return None
    if town_part(m.f.doc, m.start, m.end):
        return m.make("Region", m.text, CONTEXT, "context")
    return None


@lru_cache(maxsize=1)
def place_index() -> dict[str, tuple[str, str]]:
    """Lower-cased names of the world place list (``places.tsv``) -> (name, type)."""
    return {
        row["name"].lower(): (row["name"], row["type"])
        for row in lexicon.rows("places")
        if row["name"].lower() not in PLACE_STOP_NAMES
    }


def world_place_type(text: str) -> str | None:
    """The type of a name of the world place list, whole or before a place noun:
    "Goma" -> Settlement, "Punjab" -> Region, "Gaza City" -> Settlement."""
    entry = place_index().get(text.lower())
    if entry:
        return entry[1]
    base, _, tail = text.rpartition(" ")
    if base and tail.lower() in _PLACE_TAILS and base.lower() in place_index():
        return _PLACE_TAILS[tail.lower()]
    return None


def _named_person(m: NerSpan) -> bool:
    """Is this name clearly a person's: "Mr Goma", "President Goma", "the army's chief
    X", a known given name, an appositive "a war correspondent", or the surname of a
    longer PERSON name of the document ("Hassan Goma ... Goma said")?"""
    doc, tokens = m.f.doc, m.tokens
    prev = doc[m.start - 1] if m.start > 0 else None
    if prev is not None and prev.lower_.rstrip(".") in _PERSON_OPENERS | pat.TITLES:
        return True
    if prev is not None and prev.lower_ in pat.PERSON_ROLES:
        return True  # "Sudan's army chief Burhan"
    if tokens[0].lower_ in FIRST_NAMES or person_context(tokens.root):
        return True
    if m.label != "PERSON":
        return False
    words = m.text.split()
    for para in m.f.parsed.paragraphs:
        for ent in para.doc.ents:
            if ent.label_ == "PERSON" and len(ent) > len(tokens):
                if ent.text.split()[-len(words) :] == words:
                    return True
    return False


@NER_SPAN.rule
def world_place(m: NerSpan):
    """ "Goma", "Punjab", "Luanda" (as PERSON, ORG or GPE): its type in the world place list."""
    if m.label not in {"GPE", "LOC", "PERSON", "ORG", "NORP", "FAC"}:
        return None
    type_ = world_place_type(m.text)
    if type_ is None or (type_ == "Country" and m.label == "PERSON") or _named_person(m):
        return None
    last = m.f.doc[m.end - 1]
    if type_ == "Settlement" and m.end - m.start > 1 and last.text in ("city", "town"):
        # "Ganja city", "Bahawalpur city": the name is the town, the noun describes it
        name = m.f.doc[m.start : m.end - 1]
        return m.f.make(m.start, m.end - 1, type_, name.text, RULE, "rule")
    return m.make(type_, m.text, RULE, "rule")


def _rank_or_short_title(tok) -> bool:
    """ "Major", "Brig.", or a title written in capitals ("PM")."""
    word = tok.lower_.rstrip(".")
    return word in RANKS or (tok.is_upper and word in pat.TITLES)


@NER_SPAN.rule
def region_noun_in_name(m: NerSpan):
    """ "Namkham Township", "Gubalafto Woreda": a name ending in a region noun is a region."""
    if len(m.tokens) > 1 and m.tokens[-1].lower_ in REGION_TAIL_NOUNS and _placeable(m):
        if m.tokens[-1].is_title:
            return m.make("Region", m.text, CONTEXT, "context")
    return None


@NER_SPAN.rule
def ranked_name(m: NerSpan):
    """ "Major Mak Hazukay", "PM Sharif" tagged an organisation: a rank or title opens a
    person's name."""
    if m.label == "PERSON":
        return None
    doc, start = m.f.doc, m.start
    while start < m.end and (_rank_or_short_title(doc[start]) or doc[start].is_punct):
        start += 1
    name = doc[start : m.end]
    if start == m.start or not len(name) or not all(t.is_title and t.is_alpha for t in name):
        return None
    if any(t.lower_ in pat.ORG_WORDS or t.lower_ in pat.TITLES for t in name):
        return None  # "General Staff", "General Command"
    return m.f.make(start, m.end, "Person", name.text, CONTEXT, "context")


@NER_SPAN.rule
def person_by_context(m: NerSpan):
    """ "X, a war correspondent": a person whatever the tagger said."""
    if m.label != "PERSON" and person_context(m.tokens.root):
        return m.make("Person", m.text, CONTEXT, "context")
    return None


@NER_SPAN.rule
def company_by_context(m: NerSpan):
    """ "the national energy company, Ukrenergo": an organisation whatever the tagger said."""
    root = m.tokens.root
    if root.dep_ == "appos" and root.head.lemma_.lower() in COMPANY_NOUNS:
        return m.make("Organization", m.text, CONTEXT, "context")
    return None


@NER_SPAN.rule
def byline(m: NerSpan):
    """ "By Ari Rabinovitch and Enas Alashray": the names of a byline are people."""
    doc = m.f.doc
    if len(doc) > 12 or doc[0].text != "By" or m.label not in {"PERSON", "ORG", "GPE", "FAC"}:
        return None
    if all(t.is_title or t.is_punct or t.lower_ == "and" for t in doc[1:]):
        return m.make("Person", m.text, CONTEXT, "context")
    return None


@NER_SPAN.rule
def bare_facility_in_place_slot(m: NerSpan):
    """ "a base at Um Kadada": a facility name without a facility word is a settlement."""
    if m.label == "FAC" and place_context(m.tokens.root, strong_only=True):
        if not any(t.text.lower() in _FACILITY_WORDS for t in m.tokens):
            return m.make("Settlement", m.text, GUESS, "guess")
    return None


@NER_SPAN.rule
def place_of_a_facility(m: NerSpan):
    """ "the military camp of Niafunké": the name after a facility noun's "of" is a town."""
    root = m.tokens.root
    if m.label != "FAC" or root.dep_ != "pobj" or root.head.lower_ != "of":
        return None
    if any(t.text.lower() in _FACILITY_WORDS for t in m.tokens):
        return None
    if root.head.head.lemma_.lower() in _FACILITY_WORDS:
        return m.make("Settlement", m.text, GUESS, "guess")
    return None


@NER_SPAN.rule
def person_listed_in_region(m: NerSpan):
    """ "attacked Let Pan Hla, ... in Sagaing region": a village, not a person."""
    if m.label != "PERSON" or not listed_in_region(m.tokens.root):
        return None
    doc, start = m.f.doc, m.start
    prev = doc[start - 1] if start > 0 else None
    if prev is not None and prev.is_title and m.tokens.root.head == prev and not prev.is_sent_start:
        start -= 1  # the tagger left out "Let"
    return m.f.make(start, m.end, "Settlement", doc[start : m.end].text, GUESS, "guess")


@NER_SPAN.rule
def person_in_place_slot(m: NerSpan):
    """A "person" after "near", "in", "the town of": a settlement."""
    if m.label == "PERSON" and place_context(m.tokens.root, strong_only=True):
        return m.make("Settlement", m.text, GUESS, "guess")
    return None


@NER_SPAN.rule
def person(m: NerSpan):
    """A PERSON entity: a person."""
    return m.make("Person", m.text, NER, "ner") if m.label == "PERSON" else None


@NER_SPAN.rule
def title_alone(m: NerSpan):
    """ "Secretary of State", "Ministry" alone: a title or org word, not a name."""
    if len(m.tokens) == 1 and m.text.lower() in pat.TITLES | pat.ORG_WORDS | {"state"}:
        return NOTHING
    return None


def _not_a_town(m: NerSpan, words: list[str]) -> bool:
    """An acronym ("NASA"), a named building ("Saudi Hospital") or an armed body
    ("Counter-Terrorism Units") is no town, whatever slot it stands in."""
    if m.text.isupper() and len(m.text) <= 5:
        return True
    return words[-1].lower() in pat.FACILITY_NAME_NOUNS or armed_name(words)


@NER_SPAN.rule
def organisation_in_place_slot(m: NerSpan):
    """An ORG or LOC that does not look like an organisation, in a place slot: a town."""
    words = [t.text for t in m.tokens]
    if _not_a_town(m, words):
        return None
    if m.label in {"ORG", "LOC"} and not looks_like_org(words) and place_context(m.tokens.root):
        return m.make("Settlement", m.text, CONTEXT, "context")
    return None


@NER_SPAN.rule
def armed_organisation(m: NerSpan):
    """ "Arakan Army", "Kachin Independence Army", "People's Defence Force"."""
    words = [t.text for t in m.tokens]
    if m.label not in {"ORG", "LOC"}:
        return None
    if not (armed_name(words) or fighting_alliance(words, m.tokens.root)):
        return None
    start = m.start - 2 if possessive_owner(m.f.doc, m.start) else m.start
    return m.f.make(start, m.end, "MilitaryUnit", m.f.doc[start : m.end].text, CONTEXT, "context")


@NER_SPAN.rule
def named_building(m: NerSpan):
    """ "the Saudi Hospital", "Al-Shifa Hospital": a named building."""
    words = [t.text for t in m.tokens]
    if m.label == "ORG" and words[-1].lower() in pat.FACILITY_NAME_NOUNS:
        if not looks_like_org(words):
            return m.make("Facility", m.text, CONTEXT, "context")
    return None


@NER_SPAN.rule
def front(m: NerSpan):
    """ "the Eastern Front": a place."""
    if m.label == "LOC" and "Front" in [t.text for t in m.tokens]:
        return m.make("Place", m.text, NER, "ner")
    return None


@NER_SPAN.rule
def ner_label(m: NerSpan):
    """Anything else: the type the NER label defaults to."""
    return m.make(NER_TYPES[m.label], m.text, NER, "ner")


def plural_region_noun(f: Finder, end: int) -> str | None:
    """The singular of a plural region noun closing a list this name ends or is in:
    "Idlib and western Aleppo governorates" -> "governorate" (for both names)."""
    doc = f.doc
    for i in range(end, min(end + 6, len(doc))):
        tok = doc[i]
        if tok.lower_ in PLURAL_TAIL_NOUNS:
            return PLURAL_TAIL_NOUNS[tok.lower_] if i not in f.covered else None
        if not (tok.lower_ in {",", "and"} or tok.pos_ in ("PROPN", "ADJ")):
            return None
    return None


def norp(f: Finder, start: int, end: int) -> list[Candidate]:
    """ "Russian", "pro-Moscow", "Ukrainians": a country or, in a fight, its forces."""
    doc = f.doc
    for i in range(end - 1, start - 1, -1):
        text = doc[i].text
        country = pat.country_by_adjective().get(text)
        if country is None and text in pat.country_by_capital():
            country = pat.country_by_capital()[text]
        if country:
            return f.make(
                i, i + 1, "Country", country.name, CONTEXT, "context", country=country.name
            )
        if text in pat.country_by_demonym():
            return demonym_forces(f, i, i + 1)
    tokens = doc[start:end]
    if all(t.tag_ == "NNP" for t in tokens) and place_context(tokens.root):
        # "rations to 22,000 people in Binnish": a town the tagger took for a nationality
        return f.make(start, end, "Settlement", tokens.text, GUESS, "guess")
    return []


def demonym_forces(f: Finder, start: int, end: int) -> list[Candidate]:
    """ "the Russians" in a paragraph about fighting, bare "Russians" in such a sentence:
    the country's armed forces (none when they are counted or harmed)."""
    doc = f.doc
    country = pat.country_by_demonym()[doc[start:end].text]
    definite = start > 0 and doc[start - 1].lower_ == "the"
    context = doc[:] if definite else doc[start].sent
    if not military(context) or counted_or_harmed(doc[end - 1]):
        return []
    if definite:
        start -= 1
    return f.make(
        start, end, "MilitaryUnit", country.forces, CONTEXT, "context", country=country.name
    )


_FORCES: dict[str, str] = {}


def _forces_country() -> dict[str, str]:
    """Armed forces labels -> their country's name."""
    if not _FORCES:
        _FORCES.update({c.forces: c.name for c in pat.countries()})
    return _FORCES


def forces_country() -> dict[str, str]:
    """Armed forces labels ("Armed Forces of Ukraine") -> their country's name."""
    return dict(_forces_country())


def country_of_forces(label: str) -> str | None:
    """The country whose armed forces are called ``label``, or None."""
    return _forces_country().get(label)


def gazetteer_names() -> set[str]:
    """The canonical names of the gazetteers (names and countries)."""
    return {n.name for n in pat.names()} | {c.name for c in pat.countries()}
