"""Quotation marks, and which quoted passages are statements (``statements.quote``).

Direct quotes are the passages between quotation marks (straight or curly); each
unbroken passage is one statement. Quotation marks inside a reported clause belong to
that clause (no separate statement: see ``finder``), and short scare quotes ('a
"substantial" victory') are not statements unless a speech verb attributes them. The
``statements.quote`` rules take ``(paragraph text, start, end, introducing verb or None)``.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from .. import lexicon
from ..parsed import Paragraph
from ..rules import NOTHING, RuleList

_OPEN_CLOSE = {"\u201c": "\u201d", "\u00ab": "\u00bb"}
#: Quotes shorter than this (in words) need a speech verb or their own sentence.
SCARE_QUOTE_WORDS = 3
MEDIUM_PREPS = frozenset({"on", "to", "in"})
#: Appositions that make an unknown name an organisation ("X, the grid operator, said").
SPEAKER_ORG_NOUNS = lexicon.words("speaker_org_nouns")
#: Subjects that are outlets on a platform ("Telegram channels", "X accounts").
#: Speech verbs whose object noun phrase (and its modifiers) is what they report.
REPORTED_OBJECT_VERBS = lexicon.words("reported_object_verbs")
CHANNEL_NOUNS = lexicon.words("channel_nouns")


def quote_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quoted passage's inner text, marks excluded."""
    ranges: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            j = text.find('"', i + 1)
            if j < 0:
                # an opening mark at the paragraph start with no close: quote runs on
                if text[:i].strip() == "":
                    ranges.append((i + 1, n))
                break
            ranges.append((i + 1, j))
            i = j + 1
            continue
        if ch in _OPEN_CLOSE:
            j = text.find(_OPEN_CLOSE[ch], i + 1)
            if j < 0:
                if text[:i].strip() == "":
                    ranges.append((i + 1, n))
                break
            ranges.append((i + 1, j))
            i = j + 1
            continue
        if ch == "\u2018" and (i == 0 or not text[i - 1].isalnum()):
            m = re.compile(r"[,.!?]\u2019|\u2019(?=\s*[,.;:!?]|\s+(?:[a-z]+\s+)?(?:he|she|they|it|said|says|told|[A-Z]))").search(text, i + 1)  # fmt: skip  # noqa: E501
            if m and len(text[i + 1 : m.start()].split()) >= SCARE_QUOTE_WORDS:
                end = m.start() + (1 if text[m.start()] in ",.!?" else 0)
                ranges.append((i + 1, end))
                i = m.end()
                continue
        i += 1
    return [_trim(text, s, e) for s, e in ranges if text[s:e].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def tokens_in(para: Paragraph, start: int, end: int) -> list[Token]:
    return [t for t in para.doc if start <= t.idx and t.idx + len(t.text) <= end]


def in_any(token: Token, ranges: list[tuple[int, int]]) -> bool:
    return any(s - 1 <= token.idx < e + 1 for s, e in ranges)


#: Things that are published: "according to a video released by X" is X's word.
PUBLISHED_NOUNS = lexicon.words("published_nouns")


#: "according to preliminary data": figures with no source are the writer's hedge.
DATA_NOUNS = lexicon.words("data_nouns")

QUOTE: RuleList[bool] = RuleList("statements.quote")


@QUOTE.rule
def opens_sentence(text: str, start: int, end: int, verb: Token | None):
    """A quotation that opens its sentence is a statement."""
    before = text[:start].rstrip("\"'\u201c\u2018\u00ab ")
    return True if before == "" or before[-1] in ".!?" else None


@QUOTE.rule
def after_colon(text: str, start: int, end: int, verb: Token | None):
    """'He said: "..."': a quotation after a colon is a statement."""
    before = text[:start].rstrip("\"'\u201c\u2018\u00ab ")
    return True if before.endswith(":") else None


@QUOTE.rule
def quoted_verdict_of_call(text: str, start: int, end: int, verb: Token | None):
    """'called the claim "a fabrication"': the quoted verdict is the subject's word."""
    if verb is not None and quoted_verdict(verb, [(start, end)]) is not None:
        return True
    return None


@QUOTE.rule
def attributed_by_verb(text: str, start: int, end: int, verb: Token | None):
    """A quotation of a few words or more that a speech verb introduces."""
    if verb is not None and len(text[start:end].split()) >= SCARE_QUOTE_WORDS:
        return True
    return None


@QUOTE.rule
def long_passage(text: str, start: int, end: int, verb: Token | None):
    """A quoted passage of eight words or more is someone's words, even unattributed."""
    return True if len(text[start:end].split()) >= 8 else None


@QUOTE.rule
def scare_quote(text: str, start: int, end: int, verb: Token | None):
    """Short quotation marks with no speech verb ('a "substantial" victory') are no statement."""
    return NOTHING


def quoted_verdict(verb: Token, quotes: list[tuple[int, int]]) -> Token | None:
    """'called the claim "a fabrication"': the quoted object predicate of "call" (a
    verdict on the object, spoken by the subject), or None. A quoted proper name
    ('called the operation "Iron Sword"') is a name, not a verdict."""
    for child in verb.children:
        if child.dep_ == "oprd" and child.pos_ != "PROPN" and in_any(child, quotes):
            if any(c.dep_ == "dobj" for c in verb.children):
                return child
    return None
