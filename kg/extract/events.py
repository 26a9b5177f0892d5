"""Events: triggers typed into the contract's 23 classes, with their arguments.

Triggers are verbs and nouns looked up by lemma in ``kg/data/triggers.json`` (with a few
shapes checked on the parse: phrasal verbs like "shot down", instruments that refine
a strike — "a rocket strike", "Rockets hit" — and movement verbs that count only with
a military subject). Arguments come from the dependency parse: the agent from the
active subject, the passive "by" phrase, a possessor ("Russia's assault") or a
nationality adjective ("a Russian rocket strike"); the target from the object or the
passive subject; places from place prepositions (in, at, near, towards, into, on,
over, "on the outskirts of" ...), only entities of place types; the time from a time
phrase attached to the trigger (see ``dates.py``). Casualty counts are read from the
victims' noun phrase. Factuality: "denied" under a negation ("had not succeeded in
reaching", "no mention of"), "hypothetical" under a modal or a condition ("could
lose", "if it falls", "would result in"), "claimed" inside a statement's span (the
event then points to that statement).

Three document-wide passes follow the per-paragraph triggers (``_Builder.run``):
coreference (a definite event noun with nothing new — "The advance means ...", "the
attack was revenge" — is another mention of an earlier event, not a new one; the
mention is dropped because ``Event`` carries one trigger), agent inheritance
(spokesman's organisation for "claimed to have destroyed", the governing event for
participles, the cause of casualties) and places (the settlement in focus for "the
outskirts"/"there", nested and governing events, the sentence, the previous sentences).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from ..types import ACTOR_TYPES, PLACE_TYPES, Event, Span, Statement, TimeRef
from . import dates
from .attribution import SPEECH_VERBS, Resolver, demonyms, relative_antecedent
from .entities import EntityTable, forces_country
from .parsed import Paragraph, Parsed

PLACE_PREPS = frozenset(
    "in at near towards toward into on over around outside across to inside through "
    "along behind within".split()
)
MODALS = frozenset({"would", "could", "might", "may", "should", "will", "can", "must"})
CONDITIONS = frozenset({"if", "unless", "whether"})
NEGATORS = frozenset({"fail", "deny", "refuse"})
#: Nouns and adjectives of prospect: "on the verge of trapping", "the possible capture".
PROSPECTS = frozenset(
    "verge brink threat risk danger possibility prospect case possible potential likely "
    "planned imminent expected".split()
)
#: Verbs of obligation, plan or wish whose infinitive has not happened ("have to surrender").
INTENTIONS = frozenset(
    "have need want plan intend hope aim threaten prepare expect vow promise".split()
)
LAUNCH_VERBS = frozenset(
    "launch begin start conduct carry mount stage continue step wage lead join".split()
)
#: "the capture of X is a victory for Y": Y is the agent.
SUCCESS_NOUNS = frozenset("victory success win triumph achievement gain coup".split())
#: "X is involved in / engaged in / took part in the fighting": X is the agent.
PARTICIPATION = frozenset("involve engage participate part join".split())
LENIENT_GROUPS = (
    frozenset({"Attack", "Shelling", "AirStrike", "MissileStrike", "DroneStrike", "Battle"})
    | {"Destruction"},
    frozenset({"Offensive", "Advance", "Encirclement"}),
    frozenset({"Capture", "Liberation", "Occupation", "Surrender"}),
    frozenset({"Withdrawal", "Evacuation"}),
    frozenset({"Reinforcement", "Deployment"}),
)
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "dozen": 12, "dozens": 24, "hundreds": 200, "scores": 40,
}  # fmt: skip
LOWER_BOUND = frozenset({"least", "more", "over", "dozens", "hundreds", "scores", "some"})

#: Events whose agent is the force that moves ("reserves were brought there").
MOVEMENT = frozenset({"Reinforcement", "Deployment", "Advance", "Withdrawal"})
#: Events a ministry can itself carry out (elsewhere a ministry stands for its country).
NON_MILITARY = frozenset({"Negotiation", "AidDelivery", "Evacuation", "Other"})
MINISTRY_OF = re.compile(r"^(?:Ministry|Department)\b.* of (?P<country>[A-Z].+)$")
#: Role nouns in apposition that make the speaker speak for an organisation.
SPOKESPEOPLE = frozenset(
    "spokesman spokeswoman spokesperson representative commander head chief press secretary".split()
)
#: Definite common nouns that point back to the settlement in focus ("the outskirts").
ANAPHORIC_PLACES = frozenset(
    "town city village outskirt outskirts centre center settlement suburb suburbs downtown".split()
)
#: Verbs that only say an event noun took place ("the battle was fought").
SUPPORT_VERBS = frozenset("fight wage rage continue occur happen erupt unfold".split())
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
#: How many sentences back a definite event noun looks for its antecedent first.
COREF_WINDOW = 3
#: How far back (characters) the settlement in focus may have been named.
FOCUS_CHARS = 700


@dataclass
class _Found:
    """An event being built: its paragraph, trigger token and sentence number."""

    para: Paragraph
    token: Token
    event: Event
    sent: int
    own_places: bool  # places from the trigger's own clause
    named: bool  # a named event ("the Third Battle of Kharkiv")


def _is_definite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children)


def _passive(token: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)


def _anaphoric(token: Token, named: bool) -> bool:
    """A definite event noun that can point back: 'the attack', 'that battle'."""
    return (
        not named
        and token.pos_ == "NOUN"
        and _is_definite(token)
        and not any(c.dep_ == "poss" for c in token.children)
    )


def _support_verb(verb: Token, typ: str, nominal: dict[int, str]) -> bool:
    """'the battle was fought', 'the fighting raged': the verb only predicates the noun."""
    if verb.lemma_.lower() not in SUPPORT_VERBS:
        return False
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i in nominal:
            if same_group(nominal[child.i], typ):
                return True
    return False


def _negated_indefinite(token: Token) -> bool:
    """An indefinite event noun in a negated clause names no event ("in a single battle")."""
    dets = [c.lower_ for c in token.children if c.dep_ == "det"]
    if "no" in dets:
        return True
    if not dets or dets[0] not in ("a", "an", "any"):
        return False
    node = token
    while node.head is not node and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    for child in node.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and any(
            d.dep_ == "det" and d.lower_ == "no" for d in child.children
        ):
            return True
    return False


def _named_event(token: Token) -> list[Token] | None:
    """The tokens of a named event ("the Third Battle of Kharkiv", "the Tet Offensive")."""
    if not token.is_title or token.i == token.sent.start:
        return None
    left = [c for c in token.lefts if c.dep_ in ("compound", "amod") and c.is_title]
    of_names = [
        pobj
        for prep in token.rights
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for pobj in prep.children
        if pobj.dep_ == "pobj" and pobj.pos_ == "PROPN"
    ]
    if not left and not of_names:
        return None
    first = min([token, *left], key=lambda t: t.i)
    last = of_names[0] if of_names else token
    return list(token.doc[first.i : last.i + 1])


@lru_cache(maxsize=1)
def lexicon() -> dict:
    """The trigger lexicon (``kg/data/triggers.json``)."""
    path = resources.files("kg") / "data" / "triggers.json"
    return json.loads(path.read_text(encoding="utf-8"))


def same_group(a: str, b: str) -> bool:
    """True when two event types fall in one lenient group (or are equal)."""
    return a == b or any(a in g and b in g for g in LENIENT_GROUPS)


def parse_count(text: str) -> int | None:
    """'10' -> 10, '1,200' -> 1200, 'three' -> 3, 'dozens' -> 24; else None."""
    text = text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text)


def _is_military(token: Token, resolver: Resolver, para: Paragraph) -> bool:
    lex = lexicon()
    if token.lemma_.lower() in lex["military_nouns"] or token.lower_ in lex["military_nouns"]:
        return True
    key = resolver.key_of(para, token, frozenset({"MilitaryUnit"}))
    return key is not None


def _subjects(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]


def _left_conjunct(token: Token) -> Token | None:
    """The verb just left of a subjectless conjunct when the parser attached it too high.

    In "a town Russia captured early in the war and had occupied", "occupied" is often
    hung on the main verb; the clause that ends right before "and" is its real partner.
    """
    first = token.left_edge.i  # the conjunct's own words (auxiliaries, adverbs)
    while first > 0 and token.doc[first - 1].dep_ in ("cc", "punct"):
        first -= 1
    if first == 0 or first == token.left_edge.i:
        return None
    node = token.doc[first - 1]
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") and node is not token.head:
            if any(c.dep_ == "nsubj" for c in node.children) and node.i > token.head.i:
                return node
            return None
        if node.head is node or node is token.head:
            return None
        node = node.head
    return None


def _subject(token: Token) -> Token | None:
    """A verb's subject, inherited through xcomp/conj/advcl, not across speech verbs.

    A relative pronoun stands for its noun ("soldiers who arrived" -> soldiers); a
    governing verb's passive subject counts too ("the group, which is involved in
    fighting", "troops were ordered to withdraw"), the trigger's own never does.
    """
    seen = token
    for step in range(4):
        deps = ("nsubj",) if step == 0 or seen.dep_ == "advcl" else ("nsubj", "nsubjpass")
        subj = [c for c in seen.children if c.dep_ in deps]
        if subj:
            return relative_antecedent(subj[0]) or subj[0]
        if seen.dep_ == "acl" and seen.tag_ == "VBG" and seen.head.pos_ in ("NOUN", "PROPN"):
            return seen.head  # "soldiers delivering aid": the noun does it
        if seen.dep_ == "conj":
            left = _left_conjunct(seen)
            if left is not None:
                seen = left
                continue
        if seen.dep_ == "xcomp":
            controller = [c for c in seen.head.children if c.dep_ == "dobj"]
            if controller:  # "forced Russian troops to withdraw": the object withdraws
                return controller[0]
        if seen.dep_ in ("xcomp", "conj", "advcl", "pcomp") and seen.head is not seen:
            if seen.head.lemma_.lower() in SPEECH_VERBS:
                return None  # "X claimed to have destroyed": X is the claimant
            passive_advcl = seen.dep_ == "advcl"
            seen = seen.head
            if seen.pos_ == "ADP":
                seen = seen.head
            if passive_advcl and any(c.dep_ == "nsubjpass" for c in seen.children):
                return None  # "..., trapping": not the passive subject of the clause
            continue
        break
    return None


def classify(token: Token, resolver: Resolver, para: Paragraph) -> tuple[str, list[Token], float]:
    """(event type, trigger tokens, confidence) for a token, or ("", [], 0)."""
    lex = lexicon()
    lemma = token.lemma_.lower()
    lower = token.lower_
    if token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.tag_ == "VBN"):
        prt = [
            c
            for c in token.children
            if c.dep_ == "prt" or (c.dep_ in ("advmod", "prep") and c.i == token.i + 1)
        ]  # "shot down", also when "down" is parsed as an adverb
        for p in prt:
            phrase = f"{lemma} {p.lower_}"
            if phrase in lex["phrasal"]:
                return lex["phrasal"][phrase], [token, p], 0.85
        objs = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        if lemma in ("deliver", "send", "bring", "provide", "distribute", "ship"):
            if any(o.lemma_.lower() in lex["aid_objects"] for o in objs):
                return "AidDelivery", [token], 0.8
        if lemma in lex["strike_words"]:
            subj = [c for c in token.children if c.dep_ == "nsubj"]
            for s in subj:
                kind = lex["instruments"].get(s.lemma_.lower())
                if kind:
                    return kind, [token], 0.8
            if lemma in ("hit", "target", "pound", "slam") and not any(
                _is_military(s, resolver, para) for s in subj
            ):
                return "", [], 0.0
        if lemma == "pull" and not prt:
            return "", [], 0.0
        if lemma == "free" and not objs:
            return "", [], 0.0
        if lemma in lex["verbs"] or lower in lex["verbs"]:
            return lex["verbs"].get(lemma) or lex["verbs"][lower], [token], 0.8
        if lemma in lex["military_subject"]:
            typ = lex["military_subject"][lemma]
            subj = _subject(token)
            cands = ([subj] if subj is not None else []) + objs
            if lemma == "take" and not any(
                resolver.key_of(para, o, PLACE_TYPES) for o in objs if o.dep_ == "dobj"
            ):
                return "", [], 0.0
            if lemma in ("bring", "rush", "send") and any(
                o.lemma_.lower() in ("reinforcement", "reserve") for o in objs
            ):
                return "Reinforcement", [token], 0.75
            if any(_is_military(c, resolver, para) for c in cands):
                return typ, [token], 0.6
        return "", [], 0.0
    if token.pos_ in ("NOUN", "PROPN"):
        key = lower if lower in lex["nouns"] else lemma
        if key not in lex["nouns"]:
            return "", [], 0.0
        need = lex["noun_needs_modifier"].get(key)
        mods = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod")]
        if need and not any(m.lower_ in need for m in mods):
            return "", [], 0.0
        typ = lex["nouns"][key]
        trigger = [token]
        if key in ("strike", "attack", "raid", "stand", "talk") or typ == "Attack":
            for m in mods:
                kind = lex["instruments"].get(m.lemma_.lower())
                if kind:
                    typ = kind
                if kind or m.lower_ in (need or []):
                    trigger = [m, token]
        return typ, trigger, 0.75
    return "", [], 0.0


def _plural(token: Token) -> bool:
    """A plural event noun ("attacks", "strikes"); verbs count as singular."""
    return token.tag_ in ("NNS", "NNPS")


class _Builder:
    def __init__(self, parsed: Parsed, table: EntityTable, statements: list[Statement]):
        self.parsed = parsed
        self.table = table
        self.statements = statements
        self.resolver = Resolver(parsed, table)
        self.resolver.media |= {s.medium for s in statements if s.medium}
        self.coref: dict[tuple[int, int], _Found] = {}

    # -- arguments -------------------------------------------------------------------------
    def agent(self, para: Paragraph, token: Token) -> str | None:
        res = self.resolver
        if token.pos_ in ("VERB", "AUX", "ADJ"):
            for child in token.children:
                if child.dep_ == "agent":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            return res.actor(para, pobj)
            subj = _subject(token)
            if subj is not None and subj.lemma_.lower() not in lexicon()["instruments"]:
                return res.actor(para, subj)
            return None
        for child in token.children:
            if child.dep_ == "poss":
                return res.actor(para, child)
        for child in token.children:
            if child.dep_ in ("amod", "compound", "nmod") and child.lower_ in demonyms():
                return res.country(para, child)
            if child.dep_ in ("compound", "nmod"):
                key = res.key_of(para, child, ACTOR_TYPES)
                if key is not None:
                    return key
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return res.actor(para, pobj)
        head = token.head
        if token.dep_ == "dobj" and head.lemma_.lower() in LAUNCH_VERBS:
            subj = _subject(head)
            if subj is not None:
                return res.actor(para, subj)
        agent = self._beneficiary(para, token)
        if agent is not None:
            return agent
        for rel in token.children:  # "the offensive, which Russia launched on May 10"
            if rel.dep_ == "relcl" and rel.lemma_.lower() in LAUNCH_VERBS:
                if any(c.dep_ == "dobj" and c.lower_ in ("which", "that") for c in rel.children):
                    subj = [c for c in rel.children if c.dep_ == "nsubj"]
                    if subj:
                        return res.actor(para, subj[0])
        if token.dep_ == "pobj" and head.head.lemma_.lower() in PARTICIPATION:
            verb = head.head  # "the group, which is involved in fighting"
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    return res.actor(para, relative_antecedent(child) or child)
        return None

    def _beneficiary(self, para: Paragraph, token: Token) -> str | None:
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

    def target(self, para: Paragraph, token: Token) -> str | None:
        types = ACTOR_TYPES | PLACE_TYPES
        if token.pos_ in ("VERB", "AUX", "ADJ"):
            for child in token.children:
                if child.dep_ in ("dobj", "nsubjpass"):
                    key = self.resolver.key_of(para, child, types)
                    if key is None:
                        places = self.resolver.places(para, child)
                        key = places[0] if places else None
                    if key is None:
                        key = self.resolver.country(para, child)
                    if key is not None:
                        return key
            if token.dep_ == "relcl":  # "Balakliya, a town Russia captured"
                noun = token.head
                key = self.resolver.key_of(para, noun, types)
                if key is None:
                    for cand in [*noun.children, noun.head]:
                        if cand.dep_ == "appos" or noun.dep_ == "appos" and cand is noun.head:
                            key = self.resolver.key_of(para, cand, types)
                            if key:
                                break
                return key
            return None
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "against", "on"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        key = self.resolver.key_of(para, pobj, types)
                        if key is not None:
                            return key
        return None

    def places(self, para: Paragraph, token: Token, depth: int = 0) -> list[str]:
        found: list[str] = []
        heads = [token]
        if depth == 0 and token.pos_ in ("VERB", "AUX"):
            heads += [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
            heads += [cj for h in list(heads[1:]) for cj in h.conjuncts]
        for head in heads:
            for child in head.children:
                if child.dep_ not in ("prep", "advmod") or child.lower_ not in PLACE_PREPS:
                    continue
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    keys = self.resolver.places(para, pobj)
                    if not keys and depth < 2:
                        keys = self.places(para, pobj, depth + 1)
                    found.extend(k for k in keys if k not in found)
        return found

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
            for ent in self.table.entities():
                if ent.key != key:
                    continue
                for m in ent.mentions:
                    if para.offset + sent.start_char <= m.start < para.offset + sent.end_char:
                        dist = abs(m.start - (para.offset + token.idx))
                        if best_dist is None or dist < best_dist:
                            best, best_dist = key, dist
        return best

    def _possessor(self, para: Paragraph, key: str) -> bool:
        for ent in self.table.entities():
            if ent.key == key:
                for m in ent.mentions:
                    local = para.doc.char_span(
                        m.start - para.offset, m.end - para.offset, alignment_mode="expand"
                    )
                    if local is not None and len(local) and local.root.dep_ == "poss":
                        return True
        return False

    def casualties(self, token: Token) -> tuple[int | None, int | None, bool]:
        lex = lexicon()
        lemma = token.lemma_.lower()
        victims = [c for c in token.children if c.dep_ in ("nsubjpass", "dobj")]
        if lemma == "die":
            victims = [c for c in token.children if c.dep_ == "nsubj"]
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

    def factuality(self, token: Token) -> str:
        """'denied', 'hypothetical' or 'asserted' from the trigger's clause.

        The walk up the parse stops at a reported clause, at a clause root and at a
        participle or relative clause ("territory seized during ...", which has its own
        factuality); negation does not cross into an adverbial clause ("did not withdraw
        when the town was shelled"). A definite event noun is presupposed: an outer
        negation ("made no mention of the breakthrough") does not deny it. Prospects
        ("on the verge of trapping", "the possible capture", "in case of further
        shelling") and obligations or plans ("have to surrender", "plans to attack")
        are hypothetical.
        """
        walk = [token]
        node = token
        while node.head is not node:
            if node.head.lemma_.lower() in SPEECH_VERBS and node.dep_ in ("ccomp", "xcomp"):
                break
            if node.dep_ in ("acl", "relcl") and node is not token:
                break
            if node.dep_ == "acl" and node.tag_ == "VBN":
                break  # a past participle modifier: "territory seized in 2014"
            node = node.head
            walk.append(node)
            if node.dep_ in ("ccomp", "ROOT") and node.pos_ in ("VERB", "AUX"):
                break
        presupposed = token.pos_ in ("NOUN", "PROPN") and (
            _is_definite(token) or any(c.dep_ == "poss" for c in token.children)
        )
        for i, node in enumerate(walk):
            if i > 0 and presupposed:
                break
            for child in node.children:
                if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                    return "denied"
            if i > 0 and node.lemma_.lower() in NEGATORS:
                return "denied"
            if node.dep_ == "advcl":
                break  # "did not turn it into X, where soldiers mounted ...": not negated
        for i, node in enumerate(walk):
            if node.lemma_.lower() in PROSPECTS and i > 0 and node.pos_ in ("NOUN", "ADJ"):
                return "hypothetical"
            if i == 2 and node.pos_ == "ADJ" and walk[1].lower_ == "for":
                return "hypothetical"  # "important for bringing supplies": a purpose
            if i > 0 and node.lemma_.lower() in INTENTIONS and walk[i - 1].dep_ == "xcomp":
                return "hypothetical"
            for child in node.children:
                if child.dep_ == "aux" and child.lower_ in MODALS:
                    return "hypothetical"
                if child.dep_ == "mark" and child.lower_ in CONDITIONS:
                    return "hypothetical"
                if i == 0 and child.dep_ == "amod" and child.lower_ in PROSPECTS:
                    return "hypothetical"
        return "asserted"

    def time(self, token: Token, times: list[tuple[TimeRef, Token]]) -> TimeRef | None:
        governor = token
        if token.pos_ in ("NOUN", "PROPN"):
            governor = token.head
            while governor.pos_ == "ADP" and governor.head is not governor:
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

    # -- the document ----------------------------------------------------------------------
    def run(self) -> list[Event]:
        """Events of the whole document: per paragraph, then the document-wide passes."""
        index = {(p.offset, s.start): i for i, (p, s) in enumerate(self.parsed.sentences())}
        found: list[_Found] = []
        for para in self.parsed.paragraphs:
            found.extend(self.paragraph(para, index))
        found = self._corefer(found)
        self._inherit_agents(found)
        self._fill_places(found)
        return [self._with_mentions(f) for f in found]

    def _with_mentions(self, f: _Found) -> Event:
        """The event with the coreferent mentions ``_corefer`` folded into it."""
        spans = sorted(
            self.parsed.span_of(para, para.doc[i])
            for para in self.parsed.paragraphs
            for (offset, i), ante in self.coref.items()
            if ante is f and offset == para.offset
        )
        return replace(f.event, mentions=tuple(spans)) if spans else f.event

    def paragraph(self, para: Paragraph, index: dict[tuple[int, int], int]) -> list[_Found]:
        times = []
        for tref in dates.find_times(para.doc.text, self.parsed.doc.date, para.offset):
            assert tref.span is not None
            toks = [t for t in para.doc if tref.span.start <= para.offset + t.idx < tref.span.end]
            roots = [t for t in toks if t.head not in toks or t.head is t]
            if roots:
                times.append((tref, roots[0]))
        found: list[tuple[Token, str, list[Token], float]] = []
        for token in para.doc:
            typ, trig, conf = classify(token, self.resolver, para)
            if typ:
                found.append((token, typ, trig, conf))
        verbal = {tok.i: typ for tok, typ, _, _ in found if tok.pos_ in ("VERB", "AUX", "ADJ")}
        nominal = {tok.i: typ for tok, typ, _, _ in found if tok.pos_ in ("NOUN", "PROPN")}
        out: list[_Found] = []
        for token, typ, trig, conf in found:
            if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubjpass", "pobj"):
                head = token.head.head if token.dep_ == "pobj" else token.head
                head_typ = verbal.get(head.i)
                if head_typ and same_group(head_typ, typ) and not _is_definite(token):
                    continue  # "rushing reinforcements", "trapping ... in an encirclement"
            if token.i in verbal and _support_verb(token, typ, nominal):
                continue  # "the battle was fought": the noun is the event
            if token.i in nominal and token.dep_ == "appos" and token.head.i in nominal:
                continue  # "That battle, the last German offensive, ...": one event
            if token.i in nominal and token.dep_ == "compound" and not trig[1:]:
                continue  # "combat vehicles", "attack helicopters": a kind, not an event
            if token.i in nominal and _negated_indefinite(token):
                continue  # "no army has suffered such a defeat in a single battle"
            named = _named_event(token)
            trig = named or trig
            start = min(t.idx for t in trig)
            end = max(t.idx + len(t.text) for t in trig)
            span = self.parsed.span(para, start, end)
            agent = self.agent(para, token)
            if agent is None and typ in MOVEMENT and token.i in verbal:
                agent = self._moved_forces(para, token)
            if agent is None and token.i in verbal:
                agent = self._forces_in_focus(para, token)
            agent = self._combatant(agent, typ)
            target = self.target(para, token)
            places = self.places(para, token)
            head = token.head
            if token.i in nominal and token.dep_ == "nsubj" and head.i not in verbal:
                # "Israeli air strikes hit Rafah", "Fighting raged in Bakhmut"
                places += [p for p in self.places(para, head) if p not in places]
                if target is None and head.lemma_.lower() in lexicon()["strike_words"]:
                    target = self.target(para, head)
            if target and self.table.type_of(target) in PLACE_TYPES - {"Country", "Facility"}:
                if target not in places:
                    places.append(target)
            places = [p for p in places if p != agent]
            if not places:
                places = self.anaphoric_places(para, token)
            fatalities = injured = None
            lower = False
            if typ == "Casualties":
                fatalities, injured, lower = self.casualties(token)
            factuality = self.factuality(token)
            stmt = next(
                (
                    s.key
                    for s in self.statements
                    if s.span.start <= span.start and span.end <= s.span.end
                ),
                None,
            )
            if stmt and factuality == "asserted":
                factuality = "claimed"
            if factuality == "hypothetical":
                conf -= 0.1
            event = Event(
                key=f"ev{span.start}",
                type=typ,  # type: ignore[arg-type]
                trigger=span,
                agent=agent,
                target=target,
                places=tuple(places),
                time=self.time(token, times),
                fatalities=fatalities,
                injured=injured,
                count_is_lower_bound=lower,
                factuality=factuality,  # type: ignore[arg-type]
                statement=stmt,
                confidence=conf,
            )
            sent = index.get((para.offset, token.sent.start), 0)
            out.append(_Found(para, token, event, sent, bool(places), named is not None))
        return out

    # -- document-wide passes ----------------------------------------------------------------
    def _corefer(self, found: list[_Found]) -> list[_Found]:
        """Drop definite nominal mentions of an earlier event ("The advance means ...").

        A definite event noun ("the attack", "that battle", "the Ukrainian breakthrough")
        with no place of its own beyond its antecedent's and a compatible agent is another
        mention of the most recent event of the same type in the last few sentences, else
        of the same group there, else of the first event of its type in the document (the
        story's main event, as in a closing "the success of the offensive"). The mention
        is recorded in ``self.coref`` (token -> antecedent) for argument inheritance.
        """
        kept: list[_Found] = []
        for f in found:
            ante = self._antecedent(f, kept) if _anaphoric(f.token, f.named) else None
            if ante is None:
                kept.append(f)
                continue
            self.coref[(f.para.offset, f.token.i)] = ante
            if ante.event.agent is None and f.event.agent is not None:
                ante.event = replace(ante.event, agent=f.event.agent)
        return kept

    def _antecedent(self, f: _Found, kept: list[_Found]) -> _Found | None:
        cands = [k for k in kept if k.event.factuality not in ("hypothetical", "denied")]
        recent = [k for k in cands if f.sent - k.sent <= COREF_WINDOW][::-1]
        typ = f.event.type
        order = [k for k in recent if k.event.type == typ]
        order += [k for k in recent if k.event.type != typ and same_group(k.event.type, typ)]
        order += [k for k in cands if k.event.type == typ and k not in order]
        own = set(f.event.places) if f.own_places else set()
        target = f.event.target
        for k in order:
            if own and k.event.places and not own <= set(k.event.places):
                continue
            if target is not None and target not in (k.event.target, *k.event.places):
                continue  # "the attack on Marinka" after an attack on Vuhledar
            if _plural(k.token) and not _plural(f.token):
                continue  # "the attack" is not one of "several attacks"
            if self._compatible(f.event.agent, k.event.agent):
                return k
        return None

    def _compatible(self, a: str | None, b: str | None) -> bool:
        """Two agents that may be one side: equal, unknown, or a country and its forces."""
        if a is None or b is None or a == b:
            return True
        return self._side(a) == self._side(b) is not None

    def _side(self, key: str) -> str | None:
        label = self.table.label_of(key)
        if self.table.type_of(key) == "Country":
            return label
        return forces_country().get(label)

    def _event_at(self, para: Paragraph, token: Token, by_token: dict) -> _Found | None:
        f = by_token.get((para.offset, token.i))
        return f if f is not None else self.coref.get((para.offset, token.i))

    def _inherit_agents(self, found: list[_Found]) -> None:
        """Agents that the trigger's own clause does not give.

        - "X, the Russian military's spokesman, claimed to have destroyed": the
          organisation X speaks for;
        - a subjectless verb under another event ("..., trapping thousands") or under a
          verb whose subject is an event ("The advance means ... has been severed,
          trapping"): that event's agent (through coreference);
        - casualties with no agent: the attack that caused them ("killed in a strike").
        """
        by_token = {(f.para.offset, f.token.i): f for f in found}
        for f in found:
            if f.event.agent is not None:
                continue
            token, para = f.token, f.para
            agent = None
            if token.pos_ in ("VERB", "AUX") and token.dep_ == "xcomp":
                if token.head.lemma_.lower() in SPEECH_VERBS:
                    agent = self._affiliation(para, token.head)
            if agent is None and token.pos_ in ("VERB", "AUX") and not _passive(token):
                agent = self._governing_agent(para, token, by_token)
            if agent is None and f.event.type == "Casualties":
                for sub in token.subtree:
                    other = self._event_at(para, sub, by_token)
                    if other is not None and other is not f and other.event.agent:
                        agent = other.event.agent
                        break
            if agent is not None:
                f.event = replace(f.event, agent=self._combatant(agent, f.event.type))

    def _governing_agent(self, para: Paragraph, token: Token, by_token: dict) -> str | None:
        node = token
        for _ in range(4):
            if node.dep_ not in ("conj", "advcl", "xcomp", "ccomp", "pcomp", "prep", "pobj"):
                return None
            if node.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in node.head.children):
                return None  # object control: the object, not the causing event, acts
            if node.dep_ in ("ccomp", "xcomp") and node.head.lemma_.lower() in SPEECH_VERBS:
                if node.dep_ == "xcomp":
                    return self._affiliation(para, node.head)
                return None
            node = node.head
            other = self._event_at(para, node, by_token)
            if other is not None and other.event.agent:
                return other.event.agent
            for child in node.children:
                if child.dep_ == "nsubj":
                    other = self._event_at(para, child, by_token)
                    if other is not None and other.event.agent:
                        return other.event.agent
            if node.dep_ == "ROOT":
                return None
        return None

    def _affiliation(self, para: Paragraph, verb: Token) -> str | None:
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

    def _forces_in_focus(self, para: Paragraph, token: Token) -> str | None:
        """'soldiers delivering aid' after 'Ukrainian forces': the one force in focus.

        A bare military noun as subject ("soldiers", "troops", no nationality, no
        possessor) stands for the armed forces named in the last sentences, but only
        when exactly one such force was named there.
        """
        subj = _subject(token)
        if subj is None or subj.tag_ != "NNS":
            return None
        if subj.lemma_.lower() not in lexicon()["military_nouns"]:
            return None
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

    def _moved_forces(self, para: Paragraph, token: Token) -> str | None:
        """'Russian reserves have been brought there': the forces moved are the agent."""
        for child in token.children:
            if child.dep_ in ("nsubjpass",):
                key = self.resolver.key_of(para, child, frozenset({"MilitaryUnit"}))
                if key is not None:
                    return key
        return None

    def _combatant(self, key: str | None, typ: str) -> str | None:
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
                    return self._focus(para, token, ("Settlement", "Region"))
                if child.dep_ != "prep" or child.lower_ not in PLACE_PREPS:
                    continue
                for pobj in child.children:
                    if (
                        pobj.dep_ == "pobj"
                        and pobj.lemma_.lower() in ANAPHORIC_PLACES
                        and _is_definite(pobj)
                        and not any(c.dep_ == "prep" for c in pobj.children)
                    ):
                        return self._focus(para, token, ("Settlement",))
        return []

    def _focus(self, para: Paragraph, token: Token, types: tuple[str, ...]) -> list[str]:
        """The most recent named place of ``types`` mentioned before the trigger."""
        before = para.offset + token.idx
        best, best_start = None, -1
        for ent in self.table.entities():
            if ent.type not in types or ent.generic:
                continue
            for m in ent.mentions:
                if best_start < m.start < before and before - m.start < FOCUS_CHARS:
                    best, best_start = ent.key, m.start
        return [best] if best else []

    def _fill_places(self, found: list[_Found]) -> None:
        """Places the trigger's own clause does not give, weakest last.

        The place of a nested or governing event ("killed in a strike on the city
        centre", "Rockets hit ..., wounding"), then the nearest named place of the
        sentence, then the most recent settlement or region of the previous sentences.
        A place that is only a common noun ("the town square") gets the named place of
        the sentence (or the settlement in focus) beside it.
        """
        by_token = {(f.para.offset, f.token.i): f for f in found}
        for f in found:
            if f.event.places and not all(self.table.is_generic(p) for p in f.event.places):
                continue
            if f.event.places:  # "arrived on the town square": and in which town?
                agent = f.event.agent
                guess = self.sentence_place(f.para, f.token, {agent} if agent else set())
                extra = [guess] if guess else self._focus(f.para, f.token, ("Settlement",))
                f.event = replace(f.event, places=(*f.event.places, *extra))
                continue
            places: list[str] = []
            conf = f.event.confidence or 0.5
            for other in self._related(f, by_token):
                if other.own_places and other is not f:
                    places = list(other.event.places)
                    break
            if not places:
                agent = f.event.agent
                guess = self.sentence_place(f.para, f.token, {agent} if agent else set())
                places = [guess] if guess else []
                conf -= 0.05
            if not places and f.event.type != "Negotiation":  # talks happen elsewhere
                places = [
                    p
                    for p in self._focus(f.para, f.token, ("Settlement", "Region"))
                    if p != f.event.agent
                ]
                conf -= 0.1
            f.event = replace(f.event, places=tuple(places), confidence=conf)
        for f in found:
            conf = round(max(f.event.confidence or 0.1, 0.1), 2)
            f.event = replace(f.event, confidence=conf)

    def _related(self, f: _Found, by_token: dict) -> list[_Found]:
        """Events nested under the trigger's prepositions, then the governing event."""
        out = []
        for child in f.token.children:
            if child.dep_ == "prep":
                for pobj in child.children:
                    other = self._event_at(f.para, pobj, by_token)
                    if other is not None:
                        out.append(other)
        node = f.token
        for _ in range(3):
            if node.dep_ not in ("conj", "advcl", "xcomp", "pcomp", "prep", "pobj", "acl"):
                break
            node = node.head
            other = self._event_at(f.para, node, by_token)
            if other is not None:
                out.append(other)
                break
        return out


def find_events(parsed: Parsed, table: EntityTable, statements: list[Statement]) -> list[Event]:
    """All event mentions of a document, in text order, keys ``ev<trigger offset>``."""
    events = _Builder(parsed, table, statements).run()
    unique: dict[str, Event] = {}
    for event in sorted(events, key=lambda e: e.trigger):
        unique.setdefault(event.key, event)
    return list(unique.values())
