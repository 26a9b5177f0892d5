"""What the parse finds on tokens the ruler and the NER left alone: the rules of
``entities.token``, ``entities.name_run`` and ``entities.facility``.

``token_candidates`` walks the paragraph's tokens; at each, ``entities.token`` decides
what starts there (a nationality adjective, a demonym, a run of capitalised words, a
facility noun) and returns ``(end, candidates)``: the token after what it read, and
what it found. A run of capitalised words is typed by ``entities.name_run``; a common
noun is a facility ("a school", "the Kherson regional administration building") when
``entities.facility`` says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..rules import NOTHING, RuleList
from . import ruler as pat
from .candidates import (
    CONTEXT,
    GUESS,
    RULE,
    UNKNOWN,
    Candidate,
    Finder,
    decided,
    demonym_forces,
    town_part,
)
from .cues import after_title, armed_name, place_context

__all__ = ["FACILITY", "NAME_RUN", "TOKEN", "token_candidates", "x_platform"]

Step = tuple[int, list[Candidate]]
TOKEN: RuleList[Step] = RuleList("entities.token")
NAME_RUN: RuleList[list[Candidate]] = RuleList("entities.name_run")
FACILITY: RuleList[list[Candidate]] = RuleList("entities.facility")


def token_candidates(f: Finder) -> list[Candidate]:
    """What the rules of ``entities.token`` find on the paragraph's tokens, in order."""
    found: list[Candidate] = []
    i = 0
    while i < len(f.doc):
        decision = TOKEN.decide(f, i)
        if decision is None or decision.value is None:
            i += 1
            continue
        i, cands = decision.value
        for cand in cands:  # a name run or facility keeps the more specific rule
            cand.rule = cand.rule or decision.rule
        found += cands
    return found


# --- what starts at a token: entities.token -------------------------------------------
@TOKEN.rule
def inside_a_name(f: Finder, i: int):
    """A token of a ruler or NER entity is taken."""
    return NOTHING if i in f.covered else None


@TOKEN.rule
def two_word_nationality(f: Finder, i: int):
    """ "South Korean", "Central African": the country of a two-word adjective."""
    doc = f.doc
    if i + 1 >= len(doc) or i + 1 in f.covered:
        return None
    country = pat.country_by_adjective().get(doc[i : i + 2].text)
    if country is None:
        return None
    return i + 2, f.make(
        i, i + 2, "Country", country.name, CONTEXT, "context", country=country.name
    )


@TOKEN.rule
def nationality_adjective(f: Finder, i: int):
    """ "Russian", "Sudanese": the country."""
    country = pat.country_by_adjective().get(f.doc[i].text)
    if country is None:
        return None
    return i + 1, f.make(
        i, i + 1, "Country", country.name, CONTEXT, "context", country=country.name
    )


@TOKEN.rule
def demonym(f: Finder, i: int):
    """ "the Russians" in a paragraph about fighting: the country's forces."""
    if f.doc[i].text not in pat.country_by_demonym():
        return None
    return i + 1, demonym_forces(f, i, i + 1)


@TOKEN.rule
def capitalised_run(f: Finder, i: int):
    """Capitalised proper nouns in a row: one name, typed by ``entities.name_run``."""
    doc, tok = f.doc, f.doc[i]
    if not (tok.pos_ == "PROPN" and tok.is_title):
        return None
    j = i
    while (
        j + 1 < len(doc)
        and j + 1 not in f.covered
        and doc[j + 1].pos_ == "PROPN"
        and doc[j + 1].is_title
    ):
        j += 1
    return j + 1, decided(NAME_RUN.decide(f, doc[i : j + 1]))


def _country_before(doc, end: int) -> tuple[int, str] | None:
    """(start, country name) of a country's name or adjective of one or two words that
    ends at token ``end``: "Niger", "Ukrainian", "South Sudan"."""
    for width in (2, 1):
        if end - width < 0:
            continue
        text = doc[end - width : end].text
        country = pat.country_by_adjective().get(text) or pat.country_by_name().get(text.lower())
        if country is not None:
            return end - width, country.name
    return None


@TOKEN.rule
def border(f: Finder, i: int):
    """ "the China-Myanmar border", "near the Niger border", "its border with Mali": the
    border is a place, named by its countries."""
    doc = f.doc
    if doc[i].lower_ != "border" or doc[i].pos_ != "NOUN":
        return None
    start, names = i, []
    while (found := _country_before(doc, start)) is not None:
        start, name = found
        names.insert(0, name)
        if start > 1 and doc[start - 1].text in {"-", "–"}:
            start -= 1  # "China-Myanmar": on to the first country
        else:
            break
    if doc[start].text in {"-", "–"}:
        start += 1
    end = i + 1
    if not names and end + 1 < len(doc) and doc[end].lower_ == "with":
        if (found := _country_before(doc, end + 2)) is not None and found[0] == end + 1:
            names, end = [found[1]], end + 2
    if not names:
        return None
    label = "–".join(names) + " border"
    return i + 1, f.make(start, end, "Place", label, CONTEXT, "context")


@TOKEN.rule
def common_noun(f: Finder, i: int):
    """A common noun: a facility if ``entities.facility`` says so."""
    if f.doc[i].pos_ != "NOUN":
        return None
    return i + 1, decided(FACILITY.decide(FacilityNoun(f, f.doc[i])))


# --- a run of capitalised words: entities.name_run ------------------------------------
@NAME_RUN.rule
def title(f: Finder, run: SpacySpan):
    """ "President", "Gen.": a title, no name."""
    return NOTHING if run.text.lower().rstrip(".") in pat.TITLES else None


@NAME_RUN.rule
def part_of_a_town(f: Finder, run: SpacySpan):
    """ "Beirut's Dahiyeh", "Ras al-Nabaa, in central Beirut": a part of a town, a region."""
    if town_part(f.doc, run.start, run.end):
        return f.make(run.start, run.end, "Region", run.text, GUESS, "guess")
    return None


@NAME_RUN.rule
def in_place_slot(f: Finder, run: SpacySpan):
    """ "near Senkove", "the town of Sake": a settlement."""
    if place_context(run.root, strong_only=True):
        return f.make(run.start, run.end, "Settlement", run.text, GUESS, "guess")
    return None


@NAME_RUN.rule
def after_a_title(f: Finder, run: SpacySpan):
    """ "Colonel Ivan Petrov": two or more words after a title are a person."""
    if after_title(f.doc, run.start) and len(run) > 1:
        return f.make(run.start, run.end, "Person", run.text, GUESS, "guess")
    return None


@NAME_RUN.rule
def armed_group_name(f: Finder, run: SpacySpan):
    """ "Arakan Army": an armed group the NER missed."""
    if armed_name([t.text for t in run]):
        return f.make(run.start, run.end, "MilitaryUnit", run.text, GUESS, "guess")
    return None


@NAME_RUN.rule
def unknown_name(f: Finder, run: SpacySpan):
    """Any other run: kept only if a document pass recognises the name."""
    return f.make(run.start, run.end, UNKNOWN, run.text, GUESS, "guess")


# --- is a common noun a facility? entities.facility -----------------------------------
@dataclass
class FacilityNoun:
    """A common noun and the modifiers before it that name a facility with it."""

    f: Finder
    tok: Token

    @property
    def lemma(self) -> str:
        return self.tok.lemma_.lower()

    @cached_property
    def extent(self) -> tuple[int, int, set[str]]:
        """(start, end, modifier words) of the facility phrase."""
        return facility_extent(self.f, self.tok)


def _modifiers(tok: Token) -> list[Token]:
    """The compound, possessive and facility-adjective children before a facility noun,
    nearest first: "arts" of "arts centre", "children's" of "children's hospital"."""
    mods = []
    for child in reversed(list(tok.lefts)):
        bare_poss = (
            child.dep_ == "poss"
            and child.pos_ == "NOUN"
            and child.lemma_ not in pat.SETTLEMENT_NOUNS | {"country", "region", "capital"}
            and not any(c.dep_ in {"amod", "compound", "nummod"} for c in child.children)
        )
        if (
            child.dep_ in {"compound", "nmod"}
            or bare_poss
            or (child.dep_ == "amod" and child.lower_ in pat.FACILITY_MODIFIERS)
        ):
            mods.append(child)
        else:
            break
    return mods


def facility_extent(f: Finder, tok: Token) -> tuple[int, int, set[str]]:
    """The token range of a facility phrase and the words modifying its noun: "the
    Kherson regional administration building" is the building, not Kherson; "a block
    of flats" takes its "of flats"."""
    doc, start = tok.doc, tok.i
    for child in _modifiers(tok):
        if child.right_edge.i == start - 1 or (
            child.right_edge.i == start - 2 and doc[start - 1].lower_ in {"'s", "’s"}
        ):
            start = child.left_edge.i
        else:
            break
    while start < tok.i and (
        doc[start].pos_ in {"DET", "NUM", "PRON", "PUNCT"} or start in f.covered
    ):
        start += 1
    mod_words = {t.lower_ for t in doc[start : tok.i]}
    end = tok.i + 1
    if tok.lemma_.lower() == "block":
        of = [c for c in tok.rights if c.lower_ == "of"]
        objs = [c for o in of for c in o.children if c.dep_ == "pobj"]
        if objs and objs[0].lemma_ in {"flat", "apartment", "office"}:
            end = objs[0].i + 1
            mod_words.add("flats")
    return start, end, mod_words


@FACILITY.rule
def not_a_facility_noun(n: FacilityNoun):
    """A noun outside the facility nouns is none."""
    if n.lemma not in pat.FACILITY_NOUNS | pat.FACILITY_NEEDS_MODIFIER:
        return NOTHING
    return None


@FACILITY.rule
def no_facility_modifier(n: FacilityNoun):
    """ "a post", "the centre" alone are none; "a command post", "an arts centre" are."""
    mod_words = n.extent[2]
    if n.lemma in pat.FACILITY_NEEDS_MODIFIER:
        if not (mod_words & pat.FACILITY_MODIFIERS or "flats" in mod_words):
            return NOTHING
    return None


@FACILITY.rule
def city_centre(n: FacilityNoun):
    """ "the city centre" is part of the town, no facility."""
    if n.lemma in pat.FACILITY_NEEDS_MODIFIER and n.lemma in {"centre", "center"}:
        if n.extent[2] & {"city", "town"}:
            return NOTHING
    return None


@FACILITY.rule
def overlaps_a_name(n: FacilityNoun):
    """A phrase running into a name found already is left to that name."""
    start, end, _ = n.extent
    return NOTHING if any(i in n.f.covered for i in range(start, end)) else None


@FACILITY.rule
def facility(n: FacilityNoun):
    """Otherwise a generic facility ("a school"), its words taken."""
    start, end, _ = n.extent
    text = n.tok.doc[start:end].text
    n.f.cover(start, end)
    return n.f.make(start, end, "Facility", text.lower(), GUESS, "guess", generic=True)


def x_platform(f: Finder) -> list[Candidate]:
    """ "posted on X", "Twitter/X": the platform formerly called Twitter."""
    found = []
    for tok in f.doc:
        if tok.text != "X" or tok.i in f.covered or tok.i == 0:
            continue
        before = f.doc[tok.i - 1]
        if before.lower_ in {"on", "via"} or (before.text == "/" and tok.i >= 2):
            found += f.make(tok.i, tok.i + 1, "Organization", "Twitter", RULE, "rule")
    return found
