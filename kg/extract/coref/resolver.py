"""Who is meant: noun phrases and pronouns -> entity keys, shared by statements and events.

``Resolver`` walks the document once, remembering every actor that was the subject of
a verb (and every "a woman" / "a man" that was), so a later "he", "she", "it", "the
official" can be resolved to the most recent compatible one. Nationality adjectives
("a Russian rocket strike", "the Ukrainians") become Country actors via
``kg/data/lexicon/demonyms.tsv``. Nothing here ever returns an entity of the wrong type: the
callers ask for actor types or place types.
"""

from __future__ import annotations

import re
from bisect import insort
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from ...types import ACTOR_TYPES, PLACE_TYPES, Span
from .. import lexicon
from ..entities.candidates import forces_country
from ..entities.table import EntityTable
from ..parsed import Paragraph, Parsed

SPEECH_VERBS = lexicon.words("speech_verbs")
#: Speech verbs whose object noun phrase is itself the reported content.
OBJECT_SPEECH_VERBS = lexicon.words("object_speech_verbs")
PRONOUNS = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}
NEUTER = {"it", "its"}
PLURAL = {"they", "them", "their"}
FEMALE_NOUNS = lexicon.words("female_nouns")
MALE_NOUNS = lexicon.words("male_nouns")
#: Definite role nouns that, without a name, point back to the last compatible speaker.
#: Nouns that, as "the <noun>", stand for the organisation or armed group named last.
GROUP_NOUNS = lexicon.words("group_nouns")
#: Nouns that, as "the <noun>" (modifiers allowed: "the health ministry"), stand for the
#: organisation named last whose name holds the noun and the modifiers.
NAME_HEAD_NOUNS = lexicon.words("name_head_nouns")
#: "the agency said" with no organisation named by it: the organisation that spoke last.
AGENCY_NOUNS = lexicon.words("agency_nouns")
#: A body of an organisation named in a compound before it: "a UN group of experts".
BODY_NOUNS = lexicon.words("body_nouns")
#: "the rebels said": the non-state armed group named last.
REBEL_NOUNS = lexicon.words("rebel_nouns")
#: Plural members that stand for the named group of their "of" phrase ("rebels of X").
MEMBER_NOUNS = lexicon.words("member_nouns")
#: Nouns of a statement whose possessive pronoun means the last speaker ("its statement").
REPORT_NOUNS = lexicon.words("report_nouns")
ROLE_NOUNS = lexicon.words("role_nouns")
MALE_NAMES_IN_A = lexicon.words("male_names_in_a")
#: Platforms and outlets: they carry statements, they never act in events.
MEDIA_NAMES = lexicon.words("media_names")
#: Relative pronouns ("soldiers who arrived", "a column that was driving").
RELATIVE = frozenset({"who", "whom", "which", "that"})
#: Plural role nouns that, with a nationality ("Ukrainian commanders"), stand for that
#: country's armed forces when a later "they"/"their" points back to them.
MILITARY_ROLES = lexicon.words("military_roles")
FEMALE_NAMES = lexicon.words("female_names")


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Lower-case nationality words -> country names (``kg/data/lexicon/demonyms.tsv``)."""
    return dict(lexicon.table("demonyms"))


def bare_definite(token: Token) -> bool:
    """ "the group", with no other modifier ("the medical group" is still bare enough)."""
    dets = [c for c in token.children if c.dep_ == "det"]
    if not dets or dets[0].lower_ not in ("the", "this", "that"):
        return False
    return not any(c.dep_ in ("poss", "compound", "appos", "relcl", "prep") for c in token.children)


def definite(token: Token) -> bool:
    """ "the ministry", "the health ministry": "the" and at most plain modifiers."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) and not any(
        c.dep_ in ("poss", "prep", "appos", "relcl") for c in token.children
    )


def gender_of_name(name: str) -> str | None:
    """'female', 'male' or None from a personal name (first-name and surname endings)."""
    parts = [p for p in name.replace("-", " ").split() if p[:1].isupper() and p.isalpha()]
    if not parts:
        return None
    first, last = parts[0].lower(), parts[-1].lower()
    if first in FEMALE_NAMES:
        return "female"
    if len(parts) > 1 and last.endswith(("ova", "eva", "yova", "ina", "skaya", "ska", "aya")):
        return "female"
    if len(parts) > 1 and first.endswith("a") and first not in MALE_NAMES_IN_A:
        return "female"
    return "male" if len(parts) > 1 else None


def _squash(text: str) -> str:
    """Lower case, hyphens as spaces, single spaces: "Secretary-General " -> "secretary general"."""
    return " ".join(text.lower().replace("-", " ").split())


def relative_antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun stands for ("the group, which is fighting" -> group)."""
    if token.lower_ not in RELATIVE or token.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return None
    node = token
    for _ in range(3):
        if node.dep_ == "relcl":
            return node.head
        if node.head is node:
            break
        node = node.head
    return None


def stranded_subject(verb: Token) -> Token | None:
    """The subject the parser hung elsewhere in "X said ... and pro-Moscow officials
    acknowledged ...": a subjectless conjunct verb's subject is the noun phrase between
    the last "and" (or comma) and the verb, when that phrase hangs off an earlier word.
    """
    if verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    doc = verb.doc
    i = verb.i - 1
    while i > verb.head.i and doc[i].lower_ not in ("and", ",", "but", ";"):
        i -= 1
    chunk = doc[i + 1 : verb.i]
    if i <= verb.head.i or not len(chunk):
        return None
    roots = [t for t in chunk if not (chunk.start <= t.head.i < chunk.end)]
    if len(roots) == 1 and roots[0].pos_ in ("NOUN", "PROPN", "PRON") and roots[0] is not verb:
        if roots[0].head.i < chunk.start and roots[0].dep_ in ("conj", "appos", "pobj"):
            return roots[0]
    return None


@dataclass(frozen=True)
class Mention:
    """An actor seen as a subject: where, which entity (None for 'a woman'), its gender.

    ``forces`` (with ``span``) marks "Ukrainian commanders": a plural of military role
    nouns whose country's armed forces a later "their" stands for.
    """

    start: int
    key: str | None
    type: str | None
    gender: str | None
    forces: str | None = None
    span: tuple[int, int] | None = None


def noun_span(token: Token) -> tuple[int, int]:
    """Paragraph char range of a noun's core: compounds, names, possessors, adjectives."""
    left = token
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "nmod", "poss", "det", "nummod", "case"):
            left = min(left, child.left_edge, key=lambda t: t.i)
            break
    right = token
    for child in token.rights:
        if child.dep_ in ("compound", "flat", "case") or (child.dep_ == "appos" and False):
            right = max(right, child.right_edge, key=lambda t: t.i)
    return left.idx, right.idx + len(right.text)


def _start(mention: Mention) -> int:
    return mention.start


class Resolver:
    """Entity lookups for tokens of one parsed document, with a pronoun history."""

    def __init__(self, parsed: Parsed, table: EntityTable) -> None:
        self.parsed = parsed
        self.table = table
        self.history: list[Mention] = []
        self._history_sorted = False
        self.speakers: list[tuple[int, str]] = []  # (where, entity key) of who spoke
        self.media: set[str] = {e.key for e in table.entities() if e.label.lower() in MEDIA_NAMES}
        for para in parsed.paragraphs:
            for token in para.doc:
                if token.dep_ in ("nsubj", "nsubjpass") and token.lower_ not in PRONOUNS:
                    self._remember(para, token)
                    if token.head.lemma_.lower() in SPEECH_VERBS:  # named speakers, up front
                        for speaker in (token, *token.conjuncts):  # "A and B said"
                            key = self.key_of(para, speaker, ACTOR_TYPES)
                            if key is not None:
                                self.speakers.append((para.offset + speaker.idx, key))
                elif token.dep_ == "poss" and token.pos_ in ("PROPN", "NOUN"):
                    self._remember(para, token, persons=False)
                elif token.dep_ == "pobj" and token.pos_ in ("PROPN", "NOUN"):
                    self._remember(para, token, persons=False, countries=False)

    # -- plain lookups -------------------------------------------------------------------
    def key_of(self, para: Paragraph, token: Token, types: frozenset[str]) -> str | None:
        """The entity of ``types`` naming ``token`` (the token, then its noun core)."""
        off = para.offset
        for start, end in ((token.idx, token.idx + len(token.text)), noun_span(token)):
            key = self.table.key_at(off + start, off + end)
            if key is not None and self.table.type_of(key) in types:
                if start != token.idx and self._sympathy(key, off + start, off + end):
                    return None  # "pro-Russian bloggers" are not Russia
                return key
            if key is not None and start == token.idx:
                # the token names something of another type: do not look further left
                # unless the noun core adds words (e.g. "Kharkiv region")
                continue
        return None

    def _sympathy(self, key: str, start: int, end: int) -> bool:
        """True when the mention of ``key`` in [start, end) is 'pro-X' or 'anti-X'."""
        text = self.parsed.doc.text
        for m in self.table.mentions_of(key):
            if m.start < end and start < m.end:
                before = text[max(0, m.start - 5) : m.start].lower()
                lowered = m.text.lower()
                if before.endswith(("pro-", "anti-")) or lowered.startswith(("pro-", "anti-")):
                    return True
        return False

    def gender(self, key: str) -> str | None:
        if self.table.type_of(key) != "Person":
            return None
        return gender_of_name(self.table.label_of(key))

    def _remember(
        self, para: Paragraph, token: Token, persons: bool = True, countries: bool = True
    ) -> None:
        """Remember an actor mention; possessors and objects only as non-persons."""
        start = para.offset + token.idx
        noun = relative_antecedent(token) or token
        key = self.bracketed_name(para, noun) if noun.pos_ == "NOUN" else None
        key = key or self.key_of(para, noun, ACTOR_TYPES)
        if key is None and noun.lower_ in REBEL_NOUNS and bare_definite(noun):
            key = self.armed_group_before(start)  # "the rebels ... they"
        if key is not None and self.table.type_of(key) == "Country" and persons:
            if self._forces_of(noun) is not None:
                key = None  # "Israeli commanders": the forces, not the country
        if key is not None:
            if not persons and self.table.type_of(key) == "Person":
                return
            if not countries and self.table.type_of(key) == "Country":
                return
            self.history.append(Mention(start, key, self.table.type_of(key), self.gender(key)))
        elif persons and self._forces_of(noun) is not None:
            country = self._forces_of(noun)
            self.history.append(
                Mention(start, None, "MilitaryUnit", None, country, noun_span(noun))
            )
        elif token.tag_ != "NN" or not any(
            c.dep_ == "det" for c in token.children if c.lower_ in ("a", "an", "the", "one")
        ):
            return  # only "a woman", "the man": not "men", not "our men"
        elif token.lemma_.lower() in FEMALE_NOUNS:
            self.history.append(Mention(start, None, "Person", "female"))
        elif token.lemma_.lower() in MALE_NOUNS:
            self.history.append(Mention(start, None, "Person", "male"))

    def remember_speaker(self, start: int, key: str) -> None:
        """Record a resolved speaker (e.g. from a pronoun) so later pronouns can chain."""
        mention = Mention(start, key, self.table.type_of(key), self.gender(key))
        if self._history_sorted:  # in order since the first speaker: insert in place
            insort(self.history, mention, key=_start)
        else:
            self.history.append(mention)
            self.history.sort(key=_start)
            self._history_sorted = True
        self.speakers.append((start, key))

    def last_speaker(self, before: int) -> str | None:
        """The organisation, armed group or country that spoke last before ``before``."""
        for start, key in sorted(self.speakers, reverse=True):
            if start < before and self.table.type_of(key) != "Person":
                return key
        return None

    def described(self, before: int, words: list[str]) -> str | None:
        """The organisation or armed group mentioned last before ``before`` whose name
        (label or that mention) holds every word: "the ministry", "the health ministry"."""
        table = self.table

        def keep(key: str, m: Span) -> bool:
            if table.type_of(key) not in ("Organization", "MilitaryUnit"):
                return False
            names = set(table.label_of(key).lower().split()) | set(m.text.lower().split())
            return not table.is_generic(key) and all(w in names for w in words)

        return table.last_before(before, keep)

    def titled(self, before: int, title: str) -> str | None:
        """The person mentioned last before ``before`` right after ``title`` ("UN
        Secretary-General António Guterres" for "the Secretary-General")."""
        want = _squash(title)
        text = self.parsed.doc.text
        table = self.table

        def keep(key: str, m: Span) -> bool:
            if table.type_of(key) != "Person" or table.is_generic(key):
                return False
            lead = _squash(text[max(0, m.start - len(title) - 2) : m.start])
            return lead == want or lead.endswith(" " + want)

        return table.last_before(before, keep)

    @staticmethod
    def _forces_of(token: Token) -> str | None:
        """'Ukrainian commanders' -> 'Ukrainian' (a plural military role with a nationality)."""
        if token.tag_ != "NNS" or token.lemma_.lower() not in MILITARY_ROLES:
            return None
        for child in token.children:
            if child.dep_ in ("amod", "compound") and child.lower_ in demonyms():
                return child.text
        return None

    def _forces_key(self, mention: Mention) -> str | None:
        """The armed forces entity for a 'Ukrainian commanders' mention (added if new)."""
        from ..entities.ruler import country_by_adjective

        country = country_by_adjective().get(mention.forces or "")
        if country is None or mention.span is None:
            return None
        for para in self.parsed.paragraphs:
            if para.offset <= mention.start < para.offset + len(para.doc.text):
                span = self.parsed.span(para, *mention.span)
                return self.table.add(span, "MilitaryUnit", label=country.forces, confidence=0.5)
        return None

    def antecedent(self, before: int, pronoun: str) -> str | None:
        """The most recent compatible subject before ``before`` for he/she/it/the official.

        "it"/"its"/"they"/"their" skip platforms and outlets (a Telegram channel does not
        fight); "their" after "Ukrainian commanders" is the Ukrainian armed forces.
        """
        pronoun = pronoun.lower()
        want = PRONOUNS.get(pronoun)
        for mention in reversed(self.history):
            if mention.start >= before:
                continue
            if mention.key is not None and mention.key in self.media:
                continue
            if pronoun in NEUTER:
                if mention.forces is None and mention.type in (
                    "Organization",
                    "Country",
                    "MilitaryUnit",
                ):
                    return mention.key
                continue
            if pronoun in PLURAL:
                if mention.forces is not None:
                    return self._forces_key(mention)
                if mention.type in ("Organization", "MilitaryUnit", "Country"):
                    return mention.key
                continue
            if mention.type != "Person":
                continue
            if want is None or mention.gender is None or mention.gender == want:
                return mention.key
        return None

    def group_antecedent(self, before: int) -> str | None:
        """The organisation or armed group mentioned last before ``before`` (any mention,
        a modifier too: "An RSF adviser said the group ..."), outlets and platforms not."""
        table = self.table

        def keep(key: str, _m: Span) -> bool:
            if table.type_of(key) not in ("Organization", "MilitaryUnit"):
                return False
            if table.is_generic(key) or key in self.media:
                return False
            return table.label_of(key).lower() not in MEDIA_NAMES

        return table.last_before(before, keep)

    def armed_group_before(self, before: int) -> str | None:
        """The non-state armed group mentioned last before ``before``: a MilitaryUnit that
        is no country's armed forces (for "the rebels", "the insurgents")."""
        national = forces_country()
        table = self.table

        def keep(key: str, _m: Span) -> bool:
            label = table.label_of(key)
            if table.type_of(key) != "MilitaryUnit" or table.is_generic(key):
                return False
            if label in national:
                return False
            return not re.search(r"\b(?:Armed|Defen[cs]e) Forces?\b|\bArmy$", label)

        return table.last_before(before, keep)

    def agency_like(self, key: str) -> bool:
        """An organisation "the agency" may stand for: not one whose name says it is some
        other kind of body ("the Lebanese health ministry" is no agency)."""
        if self.table.type_of(key) != "Organization":
            return False
        other = NAME_HEAD_NOUNS - AGENCY_NOUNS - {"office"}
        names = [m.text for m in self.table.mentions_of(key)] + [self.table.label_of(key)]
        return not any(w in other for n in names for w in n.lower().split())

    def bracketed_name(self, para: Paragraph, token: Token) -> str | None:
        """A name in brackets closing the noun phrase: "the UN mission in Congo (MONUSCO)"."""
        doc, last = token.doc, token.right_edge
        if last.text != ")" or last.i < token.i + 3 or doc[last.i - 2].text != "(":
            return None
        name = doc[last.i - 1]
        return self.key_of(para, name, ACTOR_TYPES) if name.pos_ == "PROPN" else None

    def members_of(self, para: Paragraph, token: Token) -> str | None:
        """Plural members of a named armed group or unit: "rebels of the M23", "assault
        groups of the 41st Brigade", "fighters of X" (a single "member of X" only speaks
        for himself)."""
        if token.tag_ not in ("NNS", "NNPS") or token.lower_.removesuffix("s") not in MEMBER_NOUNS:
            return None
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        key = self.key_of(para, pobj, frozenset({"MilitaryUnit"}))
                        if key is not None:
                            return key
        return None

    def actor(self, para: Paragraph, token: Token, *, demonym: bool = True) -> str | None:
        """The actor entity a subject/agent/possessor token stands for, or None (the
        ordered rules of ``coref.actor``, kg/extract/coref/actors.py)."""
        from .actors import ACTOR

        return ACTOR.value(self, para, token, demonym)

    def country(self, para: Paragraph, token: Token) -> str | None:
        """A Country actor from a nationality word on or before the noun ("Russian troops")."""
        words = [token] + [c for c in token.children if c.dep_ in ("amod", "compound", "nmod")]
        for word in words:
            name = demonyms().get(word.lower_)
            if name is None:
                continue
            span = self.parsed.span_of(para, word)
            key = self.table.key_at(span.start, span.end)
            if key is not None:
                return key if self.table.type_of(key) in ACTOR_TYPES else None
            return self.table.add(span, "Country", label=name, confidence=0.6)
        return None

    def adjective_only(self, para: Paragraph, token: Token, key: str) -> bool:
        """True when ``key`` is found for ``token`` only through a nationality adjective."""
        if token.lower_ in demonyms() and token.pos_ == "ADJ":
            return True
        start, end = noun_span(token)
        for m in self.table.mentions_of(key):
            if m.start < para.offset + end and para.offset + start < m.end:
                if para.offset + token.idx < m.end and m.start < para.offset + token.idx + 1:
                    return False  # the mention covers the noun itself
                return m.text.lower() in demonyms()
        return False

    def places(self, para: Paragraph, token: Token) -> list[str]:
        """Place entities named by a noun and its conjuncts ("Izyum and Kupiansk")."""
        found: list[str] = []
        for tok in [token, *token.conjuncts]:
            key = self.key_of(para, tok, PLACE_TYPES)
            if key is not None and self.adjective_only(para, tok, key):
                key = None  # "a Russian rocket strike": a nationality is never a place
            if key is None:
                # "the town of Balakliya", "the outskirts of Izyum", "the banks of the Oskil"
                for child in tok.children:
                    if child.dep_ == "prep" and child.lower_ == "of":
                        for pobj in child.children:
                            if pobj.dep_ == "pobj":
                                found.extend(self.places(para, pobj))
                for child in tok.children:
                    if child.dep_ == "appos":
                        key = self.key_of(para, child, PLACE_TYPES)
            if key is not None and key not in found:
                found.append(key)
        return found
