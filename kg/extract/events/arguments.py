"""Event arguments: agent, target, places, time and casualty counts of a trigger.

Arguments come from the dependency parse: the agent from the active subject, the
passive "by" phrase, a possessor ("Russia's assault") or a nationality adjective ("a
Russian rocket strike"); the target from the object or the passive subject; places from
place prepositions (in, at, near, towards, into, on, over, "on the outskirts of" ...),
only entities of place types; the time from a time phrase attached to the trigger (see
``dates.py``). Casualty counts are read from the victims' noun phrase.

``Arguments`` also holds the weaker guesses the document-wide passes of ``events.py``
fall back on: the place of the trigger's sentence, the settlement in focus ("the
outskirts", "there"), the one armed force in focus, the organisation a spokesman
speaks for, and a ministry standing for its country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Token

from ...types import ACTOR_TYPES, PLACE_TYPES, Span, TimeRef
from .. import lexicon as vocab
from ..coref.resolver import GROUP_NOUNS, Resolver, demonyms, relative_antecedent
from ..entities import ruler as pat
from ..entities.cues import dateline_end
from ..entities.table import EntityTable
from ..parsed import Paragraph
from ..rules import NOTHING, RuleList
from .triggers import DEFINITE, is_definite, lexicon, subject

__all__ = [
    "ANAPHORIC_PLACES",
    "BLAME_VERBS",
    "CLAIMING",
    "FOCUS_CHARS",
    "LAUNCH_VERBS",
    "LOWER_BOUND",
    "MINISTRY_OF",
    "NON_MILITARY",
    "NUMBER_WORDS",
    "PARTICIPATION",
    "PLACE_PREPS",
    "SPOKESPEOPLE",
    "SUCCESS_NOUNS",
    "AGENT",
    "PLACES",
    "TARGET",
    "Arguments",
    "Site",
    "clause_subject",
    "clause_verb",
    "casualties",
    "event_time",
    "parse_count",
    "past_dateline",
]

PLACE_PREPS = vocab.words("event_place_prepositions")
LAUNCH_VERBS = vocab.words("launch_verbs")
#: "the capture of X is a victory for Y": Y is the agent.
SUCCESS_NOUNS = vocab.words("success_nouns")
#: "X is involved in / engaged in / took part in the fighting": X is the agent.
PARTICIPATION = vocab.words("participation_verbs")
#: "JNIM claimed a large-scale attack": the subject owns the attack.
CLAIMING = vocab.words("claiming_verbs")
#: "an attack blamed on X", "X was blamed for the deaths".
BLAME_VERBS = vocab.words("blame_verbs")
NUMBER_WORDS = vocab.numbers("count_words")
LOWER_BOUND = vocab.words("lower_bound_words")
#: Events a ministry can itself carry out (elsewhere a ministry stands for its country).
#: Words of a relative location ("south of Y", "20 km from Y").
DIRECTIONS = vocab.words("directions")
#: Nouns for a country's military personnel ("its troops", "Ukraine's soldiers").
MODS = ("amod", "compound", "nmod")
PERSONNEL = vocab.words("personnel_nouns")
NON_MILITARY = frozenset({"Negotiation", "AidDelivery", "Evacuation", "Other"})
MINISTRY_OF = re.compile(r"^(?:Ministry|Department)\b.* of (?P<country>[A-Z].+)$")
#: Role nouns in apposition that make the speaker speak for an organisation.
SPOKESPEOPLE = vocab.words("spokespeople")
#: Definite common nouns that point back to the settlement in focus ("the outskirts").
ANAPHORIC_PLACES = vocab.words("anaphoric_places")
#: How far back (characters) the settlement in focus may have been named.
FOCUS_CHARS = 700


def nationality(word: Token) -> str | None:
    """The country a nationality word names ("Russian", "Kyrgyz"), else None."""
    name = demonyms().get(word.lower_)
    if name is None and word.text in pat.country_by_adjective():
        name = pat.country_by_adjective()[word.text].name
    return name


def parse_count(text: str) -> int | None:
    """'10' -> 10, '1,200' -> 1200, 'three' -> 3, 'dozens' -> 24; else None."""
    text = text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text)


def casualties(token: Token) -> tuple[int | None, int | None, bool]:
    lex = lexicon()
    lemma = token.lemma_.lower()
    victims = [c for c in token.children if c.dep_ in ("nsubjpass", "dobj")]
    if lemma == "die" or not victims:  # "... and more than 130 wounded": an elided passive
        victims = [
            c for c in token.children if c.dep_ == "nsubj" and (lemma == "die" or c.pos_ == "NUM")
        ]
    count, lower = None, False
    for victim in victims:
        nums = [victim] if victim.pos_ == "NUM" else []
        nums += [c for c in victim.children if c.dep_ == "nummod"]
        for num in nums:
            count = parse_count(num.text)
            if count is not None:
                words = {t.lower_ for t in num.subtree} | {t.lower_ for t in victim.lefts}
                lower = bool(words & LOWER_BOUND) or num.lower_ in LOWER_BOUND
                break
        if count is not None:
            break
    if lemma in lex["casualty_fatal"]:
        return count, None, lower
    return None, count, lower


def event_time(token: Token, times: list[tuple[TimeRef, Token]]) -> TimeRef | None:
    governor = token
    if token.pos_ in ("NOUN", "PROPN"):
        governor = token.head
        while governor.pos_ == "ADP" and governor.head != governor:
            governor = governor.head
    for tref, root in times:
        if root.sent != token.sent:
            continue
        chain = [root, *list(root.ancestors)[:3]]
        if token in chain or (governor is not token and governor in chain[:2]):
            return tref
    for tref, root in times:  # a year in the trigger's sentence: a historical event
        if root.sent == token.sent and tref.precision == "year":
            return tref
    return None


#: A wire-service dateline opening a paragraph: "KRAMATORSK, Ukraine, May 17 - ",
#: "PORT SUDAN (Reuters) - ", "GAZA/JERUSALEM, July 2 -- ".
NATIONAL_ARMY = re.compile(r"\b(?:Armed|Defen[cs]e) Forces?\b|\bArmy$")


def past_dateline(para: Paragraph, subj: Token | None) -> Token | None:
    """A subject inside a dateline ("KRAMATORSK, Ukraine, May 17 - Russian forces
    shelled ...", parsed as one noun phrase) stands for its apposition after it."""
    if subj is None:
        return None
    end = dateline_end(para.doc.text)
    if subj.idx >= end:
        return subj
    later = [c for c in subj.children if c.dep_ in ("appos", "conj") and c.idx >= end]
    if not later:  # "GOMA, Jan 24 - Rebels ... seized": a second subject past it
        later = [c for c in subj.head.children if c.dep_ == "nsubj" and c.idx >= end]
    return later[-1] if later else None


class Arguments:
    """Finds the arguments of event triggers against one document's entity table."""

    def __init__(self, table: EntityTable, resolver: Resolver) -> None:
        self.table = table
        self.resolver = resolver
        self.datelines = [
            (p.offset, p.offset + end)
            for p in resolver.parsed.paragraphs
            if (end := dateline_end(p.doc.text))
        ]

    def in_dateline(self, offset: int) -> bool:
        """Is this document offset inside a paragraph's dateline ("KYIV, May 17 - ")?"""
        return any(start <= offset < end for start, end in self.datelines)

    def weapon_owner(self, para: Paragraph, token: Token) -> str | None:
        """ "by Israeli artillery", "by Russian tank fire": a weapon with a nationality
        names the country (the convention for weapons), not its armed forces."""
        instruments = lexicon()["instruments"]
        words = [token, *(c for c in token.children if c.dep_ in ("compound", "amod", "nmod"))]
        if not any(w.lemma_.lower() in instruments for w in words) and token.lemma_ != "fire":
            return None  # "by Russian troops": the armed forces, found by the resolver
        owners = [w for w in words[1:] if nationality(w)]
        if not owners:
            return None
        name = nationality(owners[0])
        for ent in self.table.entities():
            if ent.type == "Country" and ent.label == name:
                return ent.key  # not the armed forces "Israeli artillery" may be a mention of
        span = self.resolver.parsed.span_of(para, owners[0])
        return self.table.add(span, "Country", label=name, confidence=0.6)

    def described_group(self, para: Paragraph, token: Token) -> str | None:
        """ "The ethnic armed group, which controls ..., has been advancing": a definite
        group noun whose relative clause is set off by a comma only describes the group
        named last (a restrictive "the group that attacked X" is left alone)."""
        if token.lemma_.lower() not in GROUP_NOUNS:
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return None
        if any(c.dep_ in ("poss", "compound", "appos", "prep") for c in token.children):
            return None
        rels = [c for c in token.children if c.dep_ == "relcl"]
        if not rels or any(token.doc[r.left_edge.i - 1].text != "," for r in rels):
            return None
        return self.resolver.group_antecedent(para.offset + token.idx)

    def possessed_forces(self, para: Paragraph, token: Token) -> str | None:
        """ "its troops" after a ministry, "Ukraine's soldiers": the country's armed forces.

        Personnel whose possessor is a country or one of its ministries are that
        country's armed forces (an armed group's "its fighters" stay the group).
        """
        if token.lemma_.lower() not in PERSONNEL:
            return None
        poss = [c for c in token.children if c.dep_ == "poss"]
        if not poss:
            return None
        owner = self.combatant(self.resolver.actor(para, poss[0]), "Attack")
        if owner is None or self.table.type_of(owner) != "Country":
            return None
        country = pat.country_by_name().get(self.table.label_of(owner).lower())
        if country is None:
            return None
        for ent in self.table.entities():
            if ent.type == "MilitaryUnit" and ent.label == country.forces:
                return ent.key
        span = self.resolver.parsed.span_of(para, token.doc[token.left_edge.i : token.i + 1])
        return self.table.add(span, "MilitaryUnit", label=country.forces, confidence=0.6)

    def national_army(self, para: Paragraph, token: Token) -> str | None:
        """'The army recaptured ...', 'army aircraft': the one national army the document
        names ("Sudanese Armed Forces"), none when it names two."""
        if token.lemma_.lower() not in ("army", "military"):
            return None
        if any(c.dep_ in ("poss", "amod", "compound", "nmod") for c in token.children):
            return None
        armies = self._national_armies()
        return next(iter(armies)) if len(armies) == 1 else None

    def _national_armies(self) -> set[str]:
        """Keys of the named national armies ("Sudanese Armed Forces", "X Army")."""
        return {
            e.key
            for e in self.table.entities()
            if e.type == "MilitaryUnit" and not e.generic and NATIONAL_ARMY.search(e.label)
        }

    def government_forces(self, para: Paragraph, token: Token) -> str | None:
        """'government forces shelled the town': the national army the document names, or
        else the armed forces of the country it names most."""
        if token.lemma_.lower() not in ("force", "troop", "soldier") or token.tag_ != "NNS":
            return None
        if not any(c.lower_ == "government" for c in token.children if c.dep_ in MODS):
            return None
        armies = self._national_armies()
        if len(armies) == 1:
            return next(iter(armies))
        counts = [
            (len(e.mentions), -min(m.start for m in e.mentions), e.label)
            for e in self.table.entities()
            if e.type == "Country" and e.mentions
        ]
        if armies or not counts:
            return None
        country = pat.country_by_name().get(max(counts)[2].lower())
        if country is None:
            return None
        span = self.resolver.parsed.span_of(para, token.doc[token.left_edge.i : token.i + 1])
        return self.table.add(span, "MilitaryUnit", label=country.forces, confidence=0.6)

    def beneficiary(self, para: Paragraph, token: Token) -> str | None:
        """'(the fact of) a breach ... is a victory for X': X did it."""
        node = token
        if node.dep_ == "pobj" and node.head.head.lemma_.lower() in ("fact", "news"):
            node = node.head.head  # "the very fact of a breach"
        if node.dep_ != "nsubj" or node.head.lemma_.lower() != "be":
            return None
        for attr in node.head.children:
            if attr.dep_ != "attr" or attr.lemma_.lower() not in SUCCESS_NOUNS:
                continue
            for prep in attr.children:
                if prep.dep_ == "prep" and prep.lower_ == "for":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            return self.resolver.actor(para, pobj)
        return None

    def places(self, para: Paragraph, token: Token, depth: int = 0) -> list[str]:
        found: list[str] = []
        heads = [token]
        if depth == 0 and token.pos_ in ("VERB", "AUX"):
            heads += [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
            heads += [cj for h in list(heads[1:]) for cj in h.conjuncts]
        elif depth > 0 and token.pos_ in ("NOUN", "PROPN"):
            clauses = [c for c in token.children if c.dep_ == "acl"]  # "a school sheltering"
            heads += clauses + [d for c in clauses for d in c.children if d.dep_ == "dobj"]
        for head in heads:
            for child in head.children:
                if child.dep_ not in ("prep", "advmod") or child.lower_ not in PLACE_PREPS:
                    continue
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    keys = [
                        k
                        for k in self.resolver.places(para, pobj) + self._appositions(para, pobj)
                        if not self._nationality(pobj, k)
                    ]
                    keys = list(dict.fromkeys(keys))
                    if depth < 2 and all(
                        self.table.type_of(k) == "Country" or self.table.is_generic(k) for k in keys
                    ):  # "on Kyrgyz positions around X", "on a school in X": X too
                        keys += [k for k in self.places(para, pobj, depth + 1) if k not in keys]
                    found.extend(k for k in keys if k not in found)
        if not found and depth == 0 and len(heads) > 1:
            # "ambushed a unit trying to advance into X": where the patient was going
            clauses = [c for h in heads[1:] for c in h.children if c.dep_ == "acl"]
            clauses += [x for c in clauses for x in c.children if x.dep_ == "xcomp"]
            for clause in clauses:
                found.extend(k for k in self.places(para, clause, 1) if k not in found)
        return found

    def _appositions(self, para: Paragraph, noun: Token) -> list[str]:
        """Places in apposition to a place noun: "on Azerbaijan's second city, Ganja"."""
        return [
            k
            for c in noun.children
            if c.dep_ == "appos"
            for k in self.resolver.places(para, c)
            if self.table.type_of(k) != "Country"
        ]

    def _nationality(self, noun: Token, key: str) -> bool:
        """Is ``key`` a country named only by a nationality word on ``noun`` ("on Kyrgyz
        positions", even when the parser tags "Kyrgyz" a proper noun)? Never a place."""
        if self.table.type_of(key) != "Country" or noun.lower_ in demonyms():
            return False
        label = self.table.label_of(key)
        mods = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod")]
        return any(nationality(m) == label for m in mods) and not any(
            m.lower_ == label.lower() for m in mods
        )

    def sentence_place(self, para: Paragraph, token: Token, exclude: set[str]) -> str | None:
        """The place entity of the trigger's sentence nearest to it (a weaker guess)."""
        sent = token.sent
        best, best_dist = None, None
        for key in self.table.keys_in(para.offset + sent.start_char, para.offset + sent.end_char):
            if key in exclude or self.table.type_of(key) not in PLACE_TYPES:
                continue
            if self.table.type_of(key) == "Country" or self.table.is_generic(key):
                continue  # a country is too wide; "a monument" in another clause is no guess
            if self._possessor(para, key):
                continue  # "Moscow's worst defeat": a metonymic actor, not a place
            for m in self.table.mentions_of(key):
                if self.in_dateline(m.start):
                    continue  # "KRAMATORSK, Ukraine, May 17 -": where it was filed
                if para.offset + sent.start_char <= m.start < para.offset + sent.end_char:
                    if self._reference_point(para, m):
                        continue  # "near X, a village south of Y": X, not Y
                    if self.source_of_report(para, m):
                        continue  # "according to Nasser Hospital": a source, no place
                    dist = abs(m.start - (para.offset + token.idx))
                    if best_dist is None or dist < best_dist:
                        best, best_dist = key, dist
        return best

    @staticmethod
    def source_of_report(para: Paragraph, mention: Span) -> bool:
        """A mention inside "according to ..." names who reports, not where it happened."""
        local = para.doc.char_span(
            mention.start - para.offset, mention.end - para.offset, alignment_mode="expand"
        )
        if local is None:
            return False
        return any(t.lower_ == "according" for t in local.root.ancestors)

    def _reference_point(self, para: Paragraph, mention: Span) -> bool:
        """A place named only to locate another: "X, a village south of Y" (Y), "X, 20 km
        from Y" (Y) - a mention under an apposition or a distance phrase of a place."""
        local = para.doc.char_span(
            mention.start - para.offset, mention.end - para.offset, alignment_mode="expand"
        )
        if local is None or not len(local):
            return False
        node = local.root
        for _ in range(5):
            if node.head is node:
                return False
            if node.dep_ == "appos" and self.resolver.key_of(para, node.head, PLACE_TYPES):
                return True
            if node.dep_ == "pobj" and node.head.lower_ in ("of", "from"):
                anchor = node.head.head  # "south" of "south of Y", "km" of "20 km from Y"
                if anchor.lower_ in DIRECTIONS or any(
                    c.lower_ in DIRECTIONS for c in anchor.children
                ):
                    return True
            node = node.head
        return False

    def _possessor(self, para: Paragraph, key: str) -> bool:
        for m in self.table.mentions_of(key):
            local = para.doc.char_span(
                m.start - para.offset, m.end - para.offset, alignment_mode="expand"
            )
            if local is not None and len(local) and local.root.dep_ == "poss":
                return True
        return False

    def moved_forces(self, para: Paragraph, token: Token) -> str | None:
        """'Russian reserves have been brought there': the forces moved are the agent."""
        for child in token.children:
            if child.dep_ in ("nsubjpass",):
                key = self.resolver.key_of(para, child, frozenset({"MilitaryUnit"}))
                if key is not None:
                    return key
                for poss in child.children:  # "its monitors were withdrawn": their owner
                    if poss.dep_ == "poss":
                        return self.possessed_forces(para, child) or self.resolver.actor(para, poss)
        return None

    def forces_in_focus(self, para: Paragraph, token: Token) -> str | None:
        """'soldiers delivering aid' after 'Ukrainian forces': the one force in focus.

        A bare military noun as subject ("soldiers", "troops", no nationality, no
        possessor) stands for the armed forces named in the last sentences, but only
        when exactly one such force was named there.
        """
        subj = subject(token)
        if subj is None or subj.tag_ != "NNS":
            return None
        if subj.lemma_.lower() not in lexicon()["military_nouns"]:
            return None
        if subj.lemma_.lower() in lexicon()["instruments"]:
            return None  # "Jets attacked ...": a weapon is no force in focus
        if any(c.dep_ in ("poss", "amod", "compound", "nmod") for c in subj.children):
            return None
        if any(c.dep_ == "det" and c.lower_ in DEFINITE for c in subj.children):
            return None  # "these troops": a pronoun-like reference we do not resolve
        before = para.offset + subj.idx
        seen = set()
        for ent in self.table.entities():
            if ent.type != "MilitaryUnit" or ent.generic:
                continue
            if any(0 < before - m.start < FOCUS_CHARS for m in ent.mentions):
                seen.add(ent.key)
        return next(iter(seen)) if len(seen) == 1 else None

    def combatant(self, key: str | None, typ: str) -> str | None:
        """A ministry or department acting in a military event stands for its country."""
        if key is None or typ in NON_MILITARY or self.table.type_of(key) != "Organization":
            return key
        match = MINISTRY_OF.match(self.table.label_of(key))
        if not match:
            return key
        country = match.group("country")
        for ent in self.table.entities():
            if ent.type == "Country" and ent.label == country:
                return ent.key
        for mention in self.table.mentions_of(key):  # "Ukraine's ministry of defence"
            at = mention.text.find(country)
            if at >= 0:
                start = mention.start + at
                span = Span(start, start + len(country), country)
                return self.table.add(span, "Country", label=country, confidence=0.6)
        return key

    def affiliation(self, para: Paragraph, verb: Token) -> str | None:
        """The organisation a speaker speaks for: 'X, the Russian military's spokesman'."""
        for subj in verb.children:
            if subj.dep_ != "nsubj":
                continue
            for appos in subj.children:
                if appos.dep_ != "appos" or appos.lemma_.lower() not in SPOKESPEOPLE:
                    continue
                for child in appos.children:
                    owners = [child] if child.dep_ == "poss" else []
                    if child.dep_ == "prep" and child.lower_ in ("of", "for"):
                        owners = [c for c in child.children if c.dep_ == "pobj"]
                    for owner in owners:
                        key = self.resolver.key_of(para, owner, ACTOR_TYPES - {"Person"})
                        if key is not None:
                            return key
        return None

    def anaphoric_places(self, para: Paragraph, token: Token) -> list[str]:
        """'on the outskirts', 'the city centre', 'brought there': the settlement in focus."""
        heads = [token]
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("nsubj", "nsubjpass"):
            heads.append(token.head)  # "Fighting was reported on the outskirts"
        if token.pos_ in ("VERB", "AUX"):  # "shelled districts in the city"
            heads += [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        for head in heads:
            for child in head.children:
                if child.dep_ == "advmod" and child.lower_ == "there":
                    return self.focus(para, token, ("Settlement", "Region"))
                if child.dep_ != "prep" or child.lower_ not in PLACE_PREPS:
                    continue
                for pobj in child.children:
                    if (
                        pobj.dep_ == "pobj"
                        and pobj.lemma_.lower() in ANAPHORIC_PLACES
                        and is_definite(pobj)
                        and not any(c.dep_ == "prep" for c in pobj.children)
                    ):
                        return self.focus(para, token, ("Settlement",))
        return []

    def focus(self, para: Paragraph, token: Token, types: tuple[str, ...]) -> list[str]:
        """The most recent named place of ``types`` mentioned before the trigger."""
        before = para.offset + token.idx
        table = self.table

        def keep(key: str, m: Span) -> bool:
            if table.type_of(key) not in types or table.is_generic(key):
                return False
            return not self.in_dateline(m.start)

        best = table.last_before(before, keep, after=before - FOCUS_CHARS)
        return [best] if best else []


@dataclass(frozen=True)
class Site:
    """A trigger in its paragraph, as the argument rules see it.

    ``verbal`` holds the token indices of the paragraph's verbal triggers; ``agent`` and
    ``target`` are filled in for the place rules.
    """

    para: Paragraph
    token: Token
    type: str = "Other"
    verbal: frozenset[int] = frozenset()
    agent: str | None = None
    target: str | None = None


def clause_verb(token: Token) -> bool:
    """A verb whose own clause gives the agent (not a gerund or adjective used as a noun)."""
    gerund = token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
    nominal = token.pos_ == "ADJ" and token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass")
    return token.pos_ in ("VERB", "AUX", "ADJ") and not nominal and not gerund


def clause_subject(para: Paragraph, token: Token) -> Token | None:
    """The verb's subject (inherited, see ``subject``), past a dateline."""
    return past_dateline(para, subject(token))


def _found(key: str | None) -> str | None:
    """A rule's key, or NOTHING: the rule applies and finds no one."""
    return key if key is not None else NOTHING


def _pobjs(token: Token, dep: str, word: str | None = None) -> list[Token]:
    """The objects of a token's ``dep`` children ("agent", or "prep" ``word``)."""
    return [
        p
        for c in token.children
        if c.dep_ == dep and (word is None or c.lower_ == word)
        for p in c.children
        if p.dep_ == "pobj"
    ]


def _by_whom(args: Arguments, para: Paragraph, pobj: Token) -> str | None:
    return args.weapon_owner(para, pobj) or args.resolver.actor(para, pobj)


#: Who did it, from the trigger's own clause (NOTHING: the clause names no one).
AGENT: RuleList[str] = RuleList("events.agent")


@AGENT.rule
def nationality_before_gerund(args: Arguments, site: Site) -> str | None:
    """A nationality word before a gerund: "as Russian shelling intensified"."""
    token = site.token
    prev = token.doc[token.i - 1] if token.i > 0 else None
    if token.tag_ != "VBG" or prev is None or prev.dep_ == "nsubj":
        return None
    if prev.pos_ in ("ADJ", "PROPN") and prev.lower_ in demonyms():
        return _found(args.resolver.country(site.para, prev))
    return None


@AGENT.rule
def passive_by_agent(args: Arguments, site: Site) -> str | None:
    """The by-phrase of a passive verb: "was shelled by Russian forces"."""
    by = _pobjs(site.token, "agent")
    if not clause_verb(site.token) or not by:
        return None
    return _found(_by_whom(args, site.para, by[0]))


@AGENT.rule
def no_subject(args: Arguments, site: Site) -> str | None:
    """A verb with no subject of its own or inherited names no agent in its clause."""
    if clause_verb(site.token) and clause_subject(site.para, site.token) is None:
        return NOTHING
    return None


@AGENT.rule
def country_personnel(args: Arguments, site: Site) -> str | None:
    """A country's personnel as subject: "Ukraine's soldiers", "its troops" after a ministry."""
    if not clause_verb(site.token):
        return None
    subj = clause_subject(site.para, site.token)
    return None if subj is None else args.possessed_forces(site.para, subj)


@AGENT.rule
def subject_actor(args: Arguments, site: Site) -> str | None:
    """The subject: "Russian forces shelled X", "the army recaptured X", "government forces"."""
    subj = clause_subject(site.para, site.token) if clause_verb(site.token) else None
    if subj is None or subj.lemma_.lower() in lexicon()["instruments"]:
        return None
    para = site.para
    return _found(
        args.resolver.actor(para, subj)
        or args.national_army(para, subj)
        or args.government_forces(para, subj)
        or args.described_group(para, subj)
    )


@AGENT.rule
def weapon_subject_owner(args: Arguments, site: Site) -> str | None:
    """A weapon as subject names its owner: "Ukrainian drones struck", "army aircraft bombed"."""
    subj = clause_subject(site.para, site.token) if clause_verb(site.token) else None
    if subj is None or subj.lemma_.lower() not in lexicon()["instruments"]:
        return None
    for mod in subj.children:
        if mod.dep_ in ("poss", "amod", "compound", "nmod"):
            return _found(
                args.resolver.actor(site.para, subj) or args.national_army(site.para, mod)
            )
    return NOTHING


@AGENT.rule
def possessor(args: Arguments, site: Site) -> str | None:
    """The possessor of an event noun: "Russia's assault", "its offensive"."""
    if clause_verb(site.token):
        return None
    for child in site.token.children:
        if child.dep_ == "poss":
            return _found(args.resolver.actor(site.para, child))
    return None


def _actor_modifier(args: Arguments, site: Site) -> tuple[Token, str | None] | None:
    """The first modifier naming a nationality (key None) or an actor (its key)."""
    for child in site.token.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.lower_ in demonyms():
            return child, None
        if child.dep_ in ("compound", "nmod"):
            key = args.resolver.key_of(site.para, child, ACTOR_TYPES)
            if key is not None:
                return child, key
    return None


@AGENT.rule
def nationality_modifier(args: Arguments, site: Site) -> str | None:
    """A nationality adjective on an event noun: "a Russian rocket strike"."""
    found = None if clause_verb(site.token) else _actor_modifier(args, site)
    if found is None or found[1] is not None:
        return None
    return _found(args.resolver.country(site.para, found[0]))


@AGENT.rule
def actor_compound(args: Arguments, site: Site) -> str | None:
    """An actor's name compounded with an event noun: "an RSF attack", "Hamas raids"."""
    found = None if clause_verb(site.token) else _actor_modifier(args, site)
    return None if found is None else found[1]


@AGENT.rule
def nationality_before(args: Arguments, site: Site) -> str | None:
    """A nationality word just before the noun: "heavy Pakistani shelling"."""
    token = site.token
    prev = token.doc[token.i - 1] if token.i > 0 else None
    if clause_verb(token) or prev is None or prev.pos_ not in ("ADJ", "PROPN"):
        return None
    return _found(args.resolver.country(site.para, prev)) if prev.lower_ in demonyms() else None


@AGENT.rule
def by_phrase(args: Arguments, site: Site) -> str | None:
    """A "by" phrase on an event noun: "attacks by the RSF"."""
    by = [] if clause_verb(site.token) else _pobjs(site.token, "prep", "by")
    return _found(_by_whom(args, site.para, by[0])) if by else None


@AGENT.rule
def by_phrase_on_verb(args: Arguments, site: Site) -> str | None:
    """ "repelled attacks by X": the parser hung "by X" on the active verb; it is the noun's."""
    token = site.token
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if clause_verb(token) or token.dep_ != "dobj" or nxt is None or nxt.lower_ != "by":
        return None
    if nxt.head.i != token.head.i:
        return None
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in token.head.children):
        return None
    by = [p for p in nxt.children if p.dep_ == "pobj"]
    return _found(_by_whom(args, site.para, by[0])) if by else None


@AGENT.rule
def participle_by_agent(args: Arguments, site: Site) -> str | None:
    """The by-phrase of a participle on the noun: "an offensive launched by X", "talks led by X"."""
    if clause_verb(site.token):
        return None
    for acl in site.token.children:
        if acl.dep_ == "acl" and acl.tag_ == "VBN":
            by = _pobjs(acl, "agent")
            if by:
                return _found(_by_whom(args, site.para, by[0]))
    return None


@AGENT.rule
def launcher(args: Arguments, site: Site) -> str | None:
    """The subject of a launch verb: "its forces had carried out a strike"."""
    token = site.token
    if clause_verb(token) or token.dep_ != "dobj" or token.head.lemma_.lower() not in LAUNCH_VERBS:
        return None
    subj = subject(token.head)
    if subj is None:
        return None
    return _found(args.possessed_forces(site.para, subj) or args.resolver.actor(site.para, subj))


@AGENT.rule
def beneficiary(args: Arguments, site: Site) -> str | None:
    """Who an event is a success for: "the capture of X is a victory for Y"."""
    return None if clause_verb(site.token) else args.beneficiary(site.para, site.token)


@AGENT.rule
def relative_launch(args: Arguments, site: Site) -> str | None:
    """The subject of a relative launch clause: "the offensive, which Russia launched"."""
    if clause_verb(site.token):
        return None
    for rel in site.token.children:
        if rel.dep_ == "relcl" and rel.lemma_.lower() in LAUNCH_VERBS:
            if any(c.dep_ == "dobj" and c.lower_ in ("which", "that") for c in rel.children):
                subj = [c for c in rel.children if c.dep_ == "nsubj"]
                if subj:
                    return _found(args.resolver.actor(site.para, subj[0]))
    return None


@AGENT.rule
def participant(args: Arguments, site: Site) -> str | None:
    """Who takes part in the event: "the group, which is involved in fighting"."""
    token = site.token
    if clause_verb(token) or token.dep_ != "pobj":
        return None
    verb = token.head.head
    if verb.lemma_.lower() not in PARTICIPATION:
        return None
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return _found(args.resolver.actor(site.para, relative_antecedent(child) or child))
    return None


@AGENT.rule
def carried_out_by(args: Arguments, site: Site) -> str | None:
    """The by-phrase of a passive launch verb: "the attack was carried out by the ADF"."""
    token = site.token
    if clause_verb(token) or token.dep_ != "nsubjpass":
        return None
    if token.head.lemma_.lower() not in LAUNCH_VERBS:
        return None
    by = _pobjs(token.head, "agent")
    return _found(_by_whom(args, site.para, by[0])) if by else None


@AGENT.rule
def responsibility_claimer(args: Arguments, site: Site) -> str | None:
    """Who claims responsibility for the event: "JNIM claimed responsibility for attacks"."""
    token = site.token
    if clause_verb(token) or token.dep_ != "pobj" or token.head.lower_ != "for":
        return None
    noun = token.head.head
    if noun.lemma_.lower() != "responsibility" or noun.dep_ != "dobj":
        return None
    subj = subject(noun.head)
    return None if subj is None else args.resolver.actor(site.para, subj)


@AGENT.rule
def claimed_attack(args: Arguments, site: Site) -> str | None:
    """The subject of a claiming verb with the event as object: "JNIM claimed an attack"."""
    token = site.token
    if clause_verb(token) or token.dep_ != "dobj" or token.head.lemma_.lower() not in CLAIMING:
        return None
    subj = subject(token.head)
    return None if subj is None else args.resolver.actor(site.para, subj)


@AGENT.rule
def blamed_on(args: Arguments, site: Site) -> str | None:
    """Who the event is blamed on: "an attack blamed on Turkey", "attributed to the RSF"."""
    if clause_verb(site.token):
        return None
    for acl in site.token.children:
        if acl.dep_ == "acl" and acl.tag_ == "VBN" and acl.lemma_.lower() in BLAME_VERBS:
            for pobj in _pobjs(acl, "prep", "on") + _pobjs(acl, "prep", "to"):
                return args.resolver.actor(site.para, pobj)
    return None


@AGENT.rule
def blamed_for(args: Arguments, site: Site) -> str | None:
    """The passive subject blamed for the event: "the ADF was blamed for the deaths"."""
    token = site.token
    if clause_verb(token) or token.dep_ != "pobj" or token.head.lower_ != "for":
        return None
    verb = token.head.head
    if verb.lemma_.lower() not in BLAME_VERBS or verb.tag_ != "VBN":
        return None
    subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
    return args.resolver.actor(site.para, subj[0]) if subj else None


#: Who or what the event is done to.
TARGET: RuleList[str] = RuleList("events.target")


def _verbal(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX", "ADJ")


@TARGET.rule
def object_target(args: Arguments, site: Site) -> str | None:
    """The object or passive subject: "shelled Kharkiv", "Kharkiv was shelled"."""
    if not _verbal(site.token):
        return None
    res, para = args.resolver, site.para
    for child in site.token.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            key = res.key_of(para, child, ACTOR_TYPES | PLACE_TYPES)
            if key is None:
                places = res.places(para, child)
                key = places[0] if places else None
            if key is None:
                key = res.country(para, child)
            if key is not None:
                return key
    return None


@TARGET.rule
def relative_clause_head(args: Arguments, site: Site) -> str | None:
    """The noun a relative clause describes: "Balakliya, a town Russia captured"."""
    token, types = site.token, ACTOR_TYPES | PLACE_TYPES
    if not _verbal(token) or token.dep_ != "relcl":
        return None
    noun = token.head
    key = args.resolver.key_of(site.para, noun, types)
    if key is None:
        for cand in [*noun.children, noun.head]:
            if cand.dep_ == "appos" or noun.dep_ == "appos" and cand is noun.head:
                key = args.resolver.key_of(site.para, cand, types)
                if key:
                    break
    return _found(key)


@TARGET.rule
def noun_object(args: Arguments, site: Site) -> str | None:
    """The "of", "against" or "on" object of an event noun: "the attack on Marinka"."""
    if _verbal(site.token):
        return None
    for child in site.token.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "against", "on"):
            for pobj in (p for p in child.children if p.dep_ == "pobj"):
                key = args.resolver.key_of(site.para, pobj, ACTOR_TYPES | PLACE_TYPES)
                if key is not None:
                    return key
    return None


@TARGET.rule
def struck_by_subject(args: Arguments, site: Site) -> str | None:
    """An event noun as subject of a strike verb: "Israeli air strikes hit Rafah"."""
    token = site.token
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ != "nsubj":
        return None
    head = token.head
    if head.i in site.verbal or head.lemma_.lower() not in lexicon()["strike_words"]:
        return None
    return TARGET.value(args, replace(site, token=head))


def _clause_places(args: Arguments, site: Site) -> tuple[list[str], list[str], list[str]]:
    """The trigger's own places, the places of the verb it is subject or object of, and
    the target when it is a place (each less the agent)."""
    token, head = site.token, site.token.head
    own = args.places(site.para, token)
    governing: list[str] = []
    nominal = token.pos_ in ("NOUN", "PROPN")
    if nominal and token.dep_ == "nsubj" and head.i not in site.verbal:
        governing = args.places(site.para, head)  # "Fighting raged in Bakhmut"
    if nominal and token.dep_ == "dobj" and head.lemma_.lower() in LAUNCH_VERBS:
        governing = args.places(site.para, head)  # "launched an offensive on positions around X"
    governing = [p for p in governing if p not in own]
    target = site.target
    placed = target and args.table.type_of(target) in PLACE_TYPES - {"Country", "Facility"}
    targets = [target] if placed and target not in own + governing else []
    return tuple([p for p in part if p != site.agent] for part in (own, governing, targets))  # type: ignore[return-value]


#: Where the event happened, from the trigger's clause.
PLACES: RuleList[list[str]] = RuleList("events.place")


@PLACES.rule
def place_preposition(args: Arguments, site: Site) -> list[str] | None:
    """Places after the trigger's place prepositions: "fighting in Bakhmut", "near X"."""
    own, governing, targets = _clause_places(args, site)
    return own + governing + targets if own else None


@PLACES.rule
def governing_verb_place(args: Arguments, site: Site) -> list[str] | None:
    """The places of the verb the event noun is subject or launched object of."""
    own, governing, targets = _clause_places(args, site)
    return own + governing + targets if governing else None


@PLACES.rule
def place_target(args: Arguments, site: Site) -> list[str] | None:
    """A settlement or region as target: "captured Balakliya"."""
    own, governing, targets = _clause_places(args, site)
    return own + governing + targets if targets else None


@PLACES.rule
def anaphoric_place(args: Arguments, site: Site) -> list[str] | None:
    """ "on the outskirts", "the city centre", "brought there": the settlement in focus."""
    return args.anaphoric_places(site.para, site.token) or None
