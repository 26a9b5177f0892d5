"""Parse cues about one name in its sentence, for typing entity candidates.

Trimming a mention ("the", titles, possessive "'s", photo credits), and the context
tests the candidate finder (``candidates.py``) asks: does this capital stand for its
government ("Moscow said"), is this name used as a place ("near X", "the town of X") or
a person ("X, a war correspondent"), which country does a phrase name, is the sentence
about fighting.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .. import dates, lexicon
from . import ruler as pat

__all__ = [
    "after_slash",
    "after_title",
    "country_in",
    "is_government",
    "pressed_on",
    "listed_in_region",
    "looks_like_org",
    "military",
    "owner_before",
    "person_context",
    "place_context",
    "titled",
    "trim",
]

_STRONG_PREPS = frozenset("in near at outside around towards toward into inside".split())


#: Capitalised last words that make an organisation's name an armed force's.
ARMED_NAME_HEADS = lexicon.words("armed_name_heads")
NOT_ARMED = frozenset({"Salvation Army"})
#: Lower-case nouns after a name that make it a region's: "Kani township", "Sagaing region".
REGION_TAIL_NOUNS = lexicon.words("region_tail_nouns")
#: Plural region nouns closing a list of names: "Masisi and Rutshuru territories".
PLURAL_TAIL_NOUNS = lexicon.table("plural_tail_nouns")
#: Last words of a location's name that make it a region: "the Bekaa Valley".
REGION_NAME_HEADS = lexicon.words("region_name_heads")


def trim(doc, start: int, end: int, type_: str) -> tuple[int, int]:
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


def after_slash(doc, start: int, end: int) -> int:
    """Skip a credit line's head: "Photo / AP" -> the tokens after the last slash."""
    for i in range(end - 1, start - 1, -1):
        if doc[i].text in {"/", "|", ":"}:
            return i + 1
    return start


def is_government(tok: Token) -> bool:
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
    if pressed_on(tok):
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


def pressed_on(tok: Token) -> bool:
    """ "pressure on Tehran", "sanctions against Moscow": the object of a pressing noun."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in {"on", "against"}:
        return False
    owner = prep.head
    nouns = [owner] + [c for c in owner.children if c.dep_ == "dobj"]
    return any(n.lemma_ in pat.GOVERNMENT_OBJECT_NOUNS for n in nouns)


def country_in(tokens: SpacySpan) -> tuple[pat.Country, int] | None:
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


def owner_before(doc, start: int) -> str | None:
    """A non-country owner right before a ministry: "Gaza's ...", "Hamas-run ..."."""
    i = start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i >= 1 and doc[i].lower_ in {"'s", "’s"} and doc[i - 1].pos_ == "PROPN":
        return doc[i - 1].text
    if i >= 2 and doc[i].lower_ in pat.GOVERNMENT_SUFFIXES | {"run"} and doc[i - 1].text == "-":
        return doc[i - 2].text
    return None


def after_title(doc, i: int) -> bool:
    """Is token i preceded by a title or rank ("Lt. Col. Nadav Shoshani")?"""
    j = i - 1
    while j >= 0 and doc[j].text == ".":
        j -= 1
    return j >= 0 and doc[j].lower_.rstrip(".") in pat.TITLES


def place_context(root: Token, strong_only: bool = False) -> bool:
    """Is this name used as a place: "near X", "the town of X", "X, a village",
    "residents of X", "shelled X"? A later conjunct ("near X and Y") shares the first's.
    """
    for _ in range(4):  # "near Klishchiyivka and Andriivka": Andriivka is near too
        if root.dep_ != "conj" or root.head == root:
            break
        root = root.head
    head = root.head
    if root.dep_ == "pobj":
        if (
            head.lower_ == "of"
            and head.head.lemma_.lower() in pat.SETTLEMENT_NOUNS | pat.DWELLER_NOUNS
        ):
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


#: Verbs whose objects are places when listed and placed in a region.
_LISTED_PLACE_VERBS = pat.PLACE_VERBS | lexicon.words("attack_place_verbs")


def listed_in_region(root: Token) -> bool:
    """Is this name one of a bare list of names an attack placed in a named region?

    "attacked Let Pan Hla, Kin Ywa and Nyaung Pin Thar in Kani township": the tagger
    may call unfamiliar village names people, but people are not listed bare and put in
    a township by a strike. Needs two or more proper-noun conjuncts, "in <Name>
    township/district/..." on the list and an attack or place verb above it.
    """
    first = root
    for _ in range(4):
        if first.dep_ != "conj" or first.head == first:
            break
        first = first.head
    names = [first, *first.conjuncts]
    if len(names) < 2 or any(n.pos_ != "PROPN" for n in names):
        return False
    holders = [first, first.head] if first.dep_ in ("dobj", "pobj") else [first]
    if not any(
        c.dep_ == "prep"
        and c.lower_ == "in"
        and any(
            p.dep_ == "pobj"
            and p.lower_ in REGION_TAIL_NOUNS
            and any(k.dep_ == "compound" and k.pos_ == "PROPN" for k in p.children)
            for p in c.children
        )
        for h in holders  # "in Kani township" on the list or on the verb it is object of
        for c in h.children
    ):
        return False
    verb = first.head
    for _ in range(3):
        if verb.pos_ == "VERB" and verb.lemma_.lower() in _LISTED_PLACE_VERBS:
            return True
        if verb.head == verb:
            break
        verb = verb.head
    return False


def person_context(root: Token) -> bool:
    """Does an appositive call this name a person ("X, a war correspondent")?"""
    if root.dep_ == "appos" and root.head.lemma_.lower() in pat.PERSON_ROLES:
        return True
    return any(c.dep_ == "appos" and c.lemma_.lower() in pat.PERSON_ROLES for c in root.children)


def military(span: SpacySpan) -> bool:
    """Is this sentence or paragraph about fighting?"""
    return any(t.lemma_.lower() in pat.MILITARY_WORDS for t in span)


def looks_like_org(words: list[str]) -> bool:
    return any(w.lower() in pat.ORG_WORDS for w in words)


_SMALL_WORDS = frozenset("of for and the in on at to".split())


def titled(text: str) -> str:
    """ "state committee for national security" -> "State Committee for National Security"."""
    words = text.split()
    return " ".join(
        w if w[:1].isdigit() or (i and w in _SMALL_WORDS) else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )


DATELINE = re.compile(
    r"[A-Z][A-Z.'\- ]+[A-Z](?:/[A-Z][A-Z.'\- ]+[A-Z])*"
    r"(?:,\s*[A-Z][\w.'\- ]*?)??(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"(?:\s*\([^)]{1,40}\))?\s*(?:-{1,2}|\u2013|\u2014)\s"
)


def dateline_end(text: str) -> int:
    """Where a paragraph's wire-service dateline ends (0 when it has none).

    >>> dateline_end("KYIV, Ukraine, May 17 - Troops advanced.")
    24
    >>> dateline_end("Troops advanced.")
    0
    """
    match = DATELINE.match(text)
    return match.end() if match else 0


_HARM_VERBS = lexicon.words("harm_verbs")


def counted_or_harmed(token: Token) -> bool:
    """ "11 Palestinians were killed", "two Ukrainians": people counted or harmed, not an army."""
    if any(c.dep_ == "nummod" for c in token.children):
        return True
    return token.dep_ in ("nsubjpass", "dobj") and token.head.lemma_.lower() in _HARM_VERBS


def region_label(name: str, noun: str) -> str:
    """ "Kharkiv" + "region" -> "Kharkiv Oblast"; "Kani" + "township" -> "Kani Township"."""
    entry = pat.name_index().get(name.lower())
    if noun in {"oblast", "region"} and name.lower() in pat.OBLASTS:
        return f"{name} Oblast"
    if noun in {"district", "raion"} and (name.lower() in pat.OBLASTS or entry):
        return f"{name} Raion"
    if entry and entry.type == "Region":
        return entry.name
    return f"{name} {noun.title()}"


def armed_name(words: list[str]) -> bool:
    return len(words) > 1 and words[-1] in ARMED_NAME_HEADS and " ".join(words) not in NOT_ARMED


def fighting_alliance(words: list[str], root: Token) -> bool:
    """Is "X Alliance" an armed group because it fights here?

    "an offensive launched by the Three Brotherhood Alliance", "the Northern Alliance
    seized the town": the alliance launches a military event or is the subject of a
    military verb. One that speaks or is merely named ("the Democratic Alliance said")
    stays an organisation.
    """
    if len(words) < 2 or words[-1] != "Alliance":
        return False
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "by":
        act = head.head  # "launched by X" on "an offensive", or "an attack by X"
        acts = [act, act.head] if act.dep_ == "acl" else [act]
        return any(a.lemma_.lower() in pat.MILITARY_WORDS for a in acts)
    return root.dep_ == "nsubj" and head.lemma_.lower() in pat.MILITARY_WORDS


def possessive_owner(doc, start: int) -> bool:
    """Is the name at ``start`` owned by a capitalised word: "People's Defence Force"?"""
    return (
        start >= 2
        and doc[start - 1].lower_ in {"'s", "’s"}
        and doc[start - 2].is_title
        and doc[start - 2].pos_ in {"PROPN", "NOUN"}
        and not doc[start - 2].is_sent_start
        and doc[start - 2].lower_ not in pat.country_by_name()
    )


def owner_of_armed_name(doc, ent: SpacySpan) -> bool:
    """Is this entity the owner in "People's Defence Force" (with or without its "'s")?"""
    end = ent.end if ent[-1].lower_ in {"'s", "’s"} else ent.end + 1
    if end > len(doc) or doc[end - 1].lower_ not in {"'s", "’s"}:
        return False
    nxt = next((e for e in doc.ents if e.start == end), None)
    return (
        nxt is not None
        and nxt.label_ in {"ORG", "MilitaryUnit"}
        and armed_name([t.text for t in nxt])
        and possessive_owner(doc, nxt.start)
    )


def dateline_place(doc) -> int:
    """Tokens of a wire story's dateline place at the paragraph's start: "YANGON, Feb 20 -",
    "PORT SUDAN (Reuters) -"; 0 when there is none. Capitals only, then a comma and a
    month or a number, or a parenthesis."""
    end = 0
    while end < min(len(doc), 4) and doc[end].is_alpha and doc[end].is_upper:
        end += 1
    if end == 0 or end + 1 >= len(doc) or len(doc[:end].text) < 3:
        return 0
    after, then = doc[end], doc[end + 1]
    if after.text == "(" or (
        after.text == "," and (then.like_num or then.lower_.rstrip(".") in dates.MONTHS)
    ):
        return end
    return 0


def after_dateline(doc, ents: list[SpacySpan]) -> list[SpacySpan]:
    """Entities cut at the dateline's end: the model's "Oct 14 - Israeli" is "Israeli"."""
    opening = dateline_end(doc.text)
    if not opening:
        return ents
    out = []
    for ent in ents:
        if ent.start_char < opening < ent.end_char:
            first = next(t.i for t in ent if t.idx >= opening)
            ent = SpacySpan(doc, first, ent.end, label=ent.label_, span_id=ent.id_)
        out.append(ent)
    return out
