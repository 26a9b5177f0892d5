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

from . import patterns as pat

__all__ = [
    "after_slash",
    "after_title",
    "country_in",
    "is_government",
    "looks_like_org",
    "military",
    "owner_before",
    "person_context",
    "place_context",
    "titled",
    "trim",
]

_STRONG_PREPS = frozenset("in near at outside around towards toward into inside".split())


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


def titled(text: str) -> str:
    return " ".join(w if w[:1].isdigit() else w[:1].upper() + w[1:] for w in text.split())


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
