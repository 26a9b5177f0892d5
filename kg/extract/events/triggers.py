"""Event triggers: which tokens name an event, and of which of the 23 types.

Triggers are verbs and nouns looked up by lemma in ``kg/data/lexicon/triggers.json``
(``lexicon()``), with a few shapes checked on the parse (``classify``): phrasal verbs
like "shot down", instruments that refine a strike ("a rocket strike", "Rockets hit"),
aid objects ("delivered food"), and movement verbs that count only with a military
subject. Also the trigger-level tests the event builder asks: a named event ("the
Third Battle of Kharkiv"), a support verb ("the battle was fought"), an indefinite
event noun under a negation ("in a single battle"), and a verb's subject inherited
through xcomp/conj/advcl (``subject``), which ``arguments.py`` reuses for agents.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from ...types import PLACE_TYPES
from .. import lexicon as vocab
from ..coref.resolver import SPEECH_VERBS, Resolver, relative_antecedent
from ..parsed import Paragraph

__all__ = [
    "DEFINITE",
    "LENIENT_GROUPS",
    "SUPPORT_VERBS",
    "classify",
    "is_definite",
    "lexicon",
    "named_event",
    "negated_indefinite",
    "plural",
    "same_group",
    "subject",
    "support_verb",
]

LENIENT_GROUPS = vocab.groups("event_types", "group")
#: Verbs that only say an event noun took place ("the battle was fought").
SUPPORT_VERBS = vocab.words("support_verbs")
DEFINITE = frozenset({"the", "this", "that", "these", "those"})


@lru_cache(maxsize=1)
def lexicon() -> dict:
    """The trigger lexicon (``kg/data/lexicon/triggers.json``)."""
    return vocab.data("triggers")


def same_group(a: str, b: str) -> bool:
    """True when two event types fall in one lenient group (or are equal)."""
    return a == b or any(a in g and b in g for g in LENIENT_GROUPS)


def is_definite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children)


def plural(token: Token) -> bool:
    """A plural event noun ("attacks", "strikes"); verbs count as singular."""
    return token.tag_ in ("NNS", "NNPS")


def support_verb(verb: Token, typ: str, nominal: dict[int, str]) -> bool:
    """'the battle was fought', 'the fighting raged': the verb only predicates the noun."""
    if verb.lemma_.lower() not in SUPPORT_VERBS:
        return False
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i in nominal:
            if same_group(nominal[child.i], typ):
                return True
    return False


def negated_indefinite(token: Token) -> bool:
    """An indefinite event noun in a negated clause names no event ("in a single battle")."""
    dets = [c.lower_ for c in token.children if c.dep_ == "det"]
    if "no" in dets:
        return True
    if not dets or dets[0] not in ("a", "an", "any"):
        return False
    node = token
    while node.head != node and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    for child in node.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and any(
            d.dep_ == "det" and d.lower_ == "no" for d in child.children
        ):
            return True
    return False


def named_event(token: Token) -> list[Token] | None:
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


def carries_aid(noun: Token) -> bool:
    """A vehicle noun carrying aid: "an aid convoy", "a convoy of trucks carrying food"."""
    aid = lexicon()["aid_objects"]
    held = [noun, *(p for c in noun.children if c.lower_ == "of" for p in c.children)]
    for n in held:
        for c in n.children:
            if c.dep_ in ("compound", "amod", "nmod", "pobj") and c.lemma_.lower() in aid:
                return True
            if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in ("carry", "bring", "load"):
                loads = [o for o in c.subtree if o.dep_ in ("dobj", "pobj", "conj")]
                if any(o.lemma_.lower() in aid for o in loads):
                    return True
    return False


def _thwarted(noun: Token) -> bool:
    """The noun's clause says it failed: "aid convoys were unable to reach X", "troops
    blocked an aid convoy", "an aid convoy was shelled" (the attack is the event)."""
    lex = lexicon()
    verb = noun.head if noun.dep_ in ("nsubj", "nsubjpass", "dobj") else noun
    if noun.dep_ in ("nsubjpass", "dobj") and verb.lemma_.lower() in lex["verbs"]:
        return True
    words = [verb, *verb.children]
    return any(w.dep_ == "neg" or w.lemma_.lower() in lex["thwarting"] for w in words)


def _is_military(token: Token, resolver: Resolver, para: Paragraph) -> bool:
    lex = lexicon()
    if token.lemma_.lower() in lex["aid_carriers"] and carries_aid(token):
        return False  # "aid convoys had been unable to reach X": no force advances
    if token.lemma_.lower() in lex["military_nouns"] or token.lower_ in lex["military_nouns"]:
        return True
    key = resolver.key_of(para, token, frozenset({"MilitaryUnit"}))
    return key is not None


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
            if node.dep_ == "parataxis" or node.lemma_.lower() in SPEECH_VERBS:
                return None  # "X had taken ..., sources said, and were advancing": not "said"
            if any(c.dep_ == "nsubj" for c in node.children) and node.i > token.head.i:
                return node
            return None
        if node.head is node or node is token.head:
            return None
        node = node.head
    return None


#: Verbs whose object is the doer of the gerund after them ("accused X of shelling").
ACCUSING = vocab.words("accusing_verbs")


#: Subjects that "land" as aircraft do, not as a landing force.
_AIRCRAFT = vocab.words("aircraft_nouns")


def _lands_troops(token: Token, resolver: Resolver, para: Paragraph) -> bool:
    """ "Russian forces attempted to land on islands": a military subject, not an
    aircraft, that lands is a landing force's advance."""
    subj = subject(token)
    if subj is None or subj.lemma_.lower() in _AIRCRAFT:
        return False
    return _is_military(subj, resolver, para)


_ACTOR_TYPES = frozenset({"Person", "Country", "Organization"})
#: Plural subjects that meet each other: "representatives of both sides met in Isfana".
_DELEGATES = vocab.words("delegate_nouns")


def _meeting(token: Token, resolver: Resolver, para: Paragraph) -> bool:
    """ "Putin met (with) Lukashenko", "representatives of the two services met in X": a
    meeting of named actors, or of delegates with no object; not "met with resistance"
    nor "were met by fire"."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children):
        return False
    nouns = lexicon()["nouns"]
    if any(
        nouns.get(t.lemma_.lower()) == "Negotiation"
        for c in token.children
        if c.dep_ == "conj"
        for t in c.subtree
    ):
        return False  # "met in Isfana and agreed to a ceasefire": one event, the ceasefire
    others = [c for c in token.children if c.dep_ == "dobj"] + [
        p for c in token.children if c.dep_ == "prep" and c.lower_ == "with" for p in c.children
    ]
    if others:
        return any(resolver.key_of(para, o, _ACTOR_TYPES) for o in others)
    subj = subject(token)
    return subj is not None and subj.lemma_.lower() in _DELEGATES and subj.tag_ == "NNS"


def subject(token: Token) -> Token | None:
    """A verb's subject, inherited through xcomp/conj/advcl, not across speech verbs.

    A relative pronoun stands for its noun ("soldiers who arrived" -> soldiers); a
    governing verb's passive subject counts too ("the group, which is involved in
    fighting", "troops were ordered to withdraw"), the trigger's own never does.
    """
    if any(c.dep_ == "nsubjpass" for c in token.children):
        return None  # "... and a howitzer was destroyed": its own subject is the patient
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
        if seen.dep_ == "pcomp" and seen.head.head.lemma_.lower() in ACCUSING:
            accused = [c for c in seen.head.head.children if c.dep_ == "dobj"]
            if accused:  # "units, which it accused of opening fire": the accused did it
                return relative_antecedent(accused[0]) or accused[0]
        if seen.dep_ == "acomp" and seen.head is not seen:
            seen = seen.head  # "negotiators were due to hold talks": the copula's subject
            continue
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


def _passive(token: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)


def _instrument_of(nouns: list[Token], modifiers: bool = False) -> str:
    """The strike type of the first instrument among nouns and their conjuncts.

    "36 missiles and 62 drones" -> MissileStrike, "glide bombs" -> AirStrike,
    "artillery shells" -> Shelling; with ``modifiers`` also "artillery fire" -> Shelling.
    """
    instruments = lexicon()["instruments"]
    for noun in nouns:
        of = [p for c in noun.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        for n in [noun, *noun.conjuncts, *of]:  # "a swarm of drones"
            kind = instruments.get(n.lemma_.lower()) or instruments.get(n.lower_)
            if kind:
                return kind
            for m in n.children if modifiers else ():
                if m.dep_ in ("compound", "amod", "nmod") and m.lemma_.lower() in instruments:
                    return instruments[m.lemma_.lower()]
    return ""


def _attack_or_weapon(noun: Token) -> bool:
    """An attack noun or a weapon ("strikes", "artillery fire", "shells", "the shelling")."""
    lex = lexicon()
    lemma = noun.lemma_.lower()
    if lemma in lex["instruments"] or lemma in lex["nouns"] or noun.lower_ in lex["nouns"]:
        return True
    return any(
        m.dep_ in ("compound", "amod", "nmod") and m.lemma_.lower() in lex["instruments"]
        for m in noun.children
    )


def _struck_target(token: Token, resolver: Resolver, para: Paragraph) -> bool:
    """A passive strike verb whose subject is a vessel, port or structure ("a tanker was
    hit", "the terminal was targeted"), not a person or a place ("he was hit")."""
    lex = lexicon()
    targets = [c for c in token.children if c.dep_ == "nsubjpass"]
    targets += [c for t in targets for c in t.conjuncts]
    return any(
        t.lemma_.lower() in lex["vessels"]
        or t.lemma_.lower() in lex["structures"]
        or resolver.key_of(para, t, frozenset({"Facility"})) is not None
        for t in targets
    )


def _result_event(token: Token, resolver: Resolver, para: Paragraph) -> bool:
    """A harm verb that is its own event: "hospitals were damaged", "a building collapsed".

    Only with a structure harmed (a facility or one of ``structures``: "the talks
    collapsed" is none), not when an attack or a weapon does it ("artillery fire had
    damaged a hospital", "strikes damaged facilities", "damaged in the shelling": the
    attack is the event), not as a modifier ("damaged houses").
    """
    if token.dep_ == "amod":
        return False
    subj = [relative_antecedent(c) or c for c in token.children if c.dep_ == "nsubj"]
    inherited = subject(token)
    causes = subj + ([inherited] if inherited is not None else [])
    causes += [p for c in token.children if c.dep_ == "agent" for p in c.children]
    if token.lemma_.lower() != "collapse":  # "damaged in a strike"; a collapse can follow one
        causes += [p for c in token.children if c.dep_ == "prep" for p in c.children]
    if token.dep_ in ("acl", "relcl"):
        causes.append(token.head)  # "after strikes damaged facilities" read as a reduced clause
    if any(_attack_or_weapon(c) for c in causes):
        return False
    if token.lemma_.lower() == "collapse":
        harmed = subj
    else:
        harmed = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        harmed += [inherited] if inherited is not None and _passive(token) else []
    harmed += [c for h in harmed for c in h.conjuncts]
    return any(
        h.lemma_.lower() in lexicon()["structures"]
        or resolver.key_of(para, h, frozenset({"Facility"})) is not None
        for h in harmed
    )


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
        for obj in objs:  # "opened fire", "took control of", "held talks"
            phrase = f"{lemma} {obj.lemma_.lower()}"
            if phrase in lex["verb_object"]:
                return lex["verb_object"][phrase], sorted([token, obj], key=lambda t: t.i), 0.8
        for prep in (c for c in token.children if c.dep_ == "prep"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):  # "came under fire"
                phrase = f"{lemma} {prep.lower_} {pobj.lemma_.lower()}"
                if phrase in lex["verb_prep_object"]:
                    return lex["verb_prep_object"][phrase], [token, prep, pobj], 0.8
        if lemma in lex["impact_verbs"]:  # "mortar shells fell on the camp"
            subj = [c for c in token.children if c.dep_ == "nsubj"]
            kind = _instrument_of(subj)
            if kind:
                return kind, [token], 0.75
            if lemma == "land" and _lands_troops(token, resolver, para):
                return "Advance", [token], 0.6  # "troops attempted to land on islands"
            return "", [], 0.0
        if lemma in ("deliver", "send", "bring", "provide", "distribute", "ship"):
            if any(o.lemma_.lower() in lex["aid_objects"] for o in objs):
                return "AidDelivery", [token], 0.8
        if lemma in lex["launch_verbs"]:
            kind = _instrument_of(objs)  # "fired 36 missiles", "dropped glide bombs"
            if kind:
                return kind, [token], 0.8
        if _passive(token) and lemma in lex["evacuation_verbs"]:
            if any(o.lemma_.lower() in lex["evacuees"] for o in objs if o.dep_ == "nsubjpass"):
                return "Evacuation", [token], 0.7  # "residents were taken by bus to X"
        if lemma in lex["strike_words"]:
            subj = [c for c in token.children if c.dep_ == "nsubj"]
            for s in subj:
                kind = lex["instruments"].get(s.lemma_.lower())
                if kind:
                    return kind, [token], 0.8
            by = [p for c in token.children if c.dep_ == "agent" for p in c.children]
            kind = _instrument_of(by, modifiers=True)  # "was hit by artillery shells"
            if kind:
                return kind, [token], 0.8
            if lemma in ("hit", "target", "pound", "slam") and not any(
                _is_military(s, resolver, para) for s in subj
            ):
                if _passive(token) and _struck_target(token, resolver, para):
                    return "Attack", [token], 0.7  # "a second vessel was hit near X"
                return "", [], 0.0
        if lemma in lex["result_verbs"] and token.dep_ != "amod":
            by = [p for c in token.children if c.dep_ == "agent" for p in c.children]
            weapons = [b for b in by if b.lemma_.lower() not in lex["nouns"]]
            kind = _instrument_of(weapons)
            if kind:  # "a carrier was damaged by a Russian drone": the weapon's strike
                return kind, [token], 0.7
        if lemma == "destroy" and any(
            o.lemma_.lower() in lex["shot_down"] for o in objs
        ):  # "air defence destroyed 17 drones": a shootdown, not a destruction
            return "Shootdown", [token], 0.75
        if lemma in lex["result_verbs"]:
            ok = _result_event(token, resolver, para)
            return (lex["result_verbs"][lemma], [token], 0.7) if ok else ("", [], 0.0)
        if lemma == "pull" and not prt:
            return "", [], 0.0
        if lemma == "free" and not objs:
            return "", [], 0.0
        if lemma == "meet":
            return (
                ("Negotiation", [token], 0.6) if _meeting(token, resolver, para) else ("", [], 0.0)
            )
        if lemma in lex["verbs"] or lower in lex["verbs"]:
            return lex["verbs"].get(lemma) or lex["verbs"][lower], [token], 0.8
        if lemma in lex["military_subject"]:
            typ = lex["military_subject"][lemma]
            if lemma == "cross" and token.dep_ == "acl":
                return "", [], 0.0  # "vehicles crossing the river": a description, no move
            subj = subject(token)
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
    nominal_adj = token.pos_ == "ADJ" and token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass")
    if token.pos_ in ("NOUN", "PROPN") or nominal_adj:  # "launch a counter-offensive"
        key = lower if lower in lex["nouns"] else lemma
        if lemma in lex["aid_carriers"] and carries_aid(token) and not _thwarted(token):
            return "AidDelivery", [token], 0.7  # "a convoy of trucks carrying food entered X"
        if key not in lex["nouns"]:
            return "", [], 0.0
        need = lex["noun_needs_modifier"].get(key)
        mods = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod")]
        plural_ok = key in lex["plural_without_modifier"] and token.tag_ in ("NNS", "NNPS")
        if need and not plural_ok and not any(m.lower_ in need for m in mods):
            return "", [], 0.0  # "talk" alone is speech; "talks" are negotiations
        typ = lex["nouns"][key]
        trigger = [token]
        if key in ("strike", "attack", "raid", "stand", "talk", "barrage") or typ == "Attack":
            refined = False
            for m in mods:
                kind = lex["instruments"].get(m.lemma_.lower())
                if kind and not (refined and key == "barrage"):
                    typ = kind  # "a missile and drone barrage": its first instrument
                    refined = True
                if kind or m.lower_ in (need or []):
                    trigger = [m, token]
        return typ, trigger, 0.75
    return "", [], 0.0
