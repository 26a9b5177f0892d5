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
from ..parsed import DEFINITE, Paragraph, is_definite
from ..rules import NOTHING, Decision, RuleList
from ..trigger_model import model_trigger

__all__ = [
    "DEFINITE",
    "LENIENT_GROUPS",
    "SUPPORT_VERBS",
    "TRIGGER",
    "classify",
    "find_trigger",
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


@lru_cache(maxsize=1)
def lexicon() -> dict:
    """The trigger lexicon (``kg/data/lexicon/triggers.json``)."""
    return vocab.data("triggers")


def same_group(a: str, b: str) -> bool:
    """True when two event types fall in one lenient group (or are equal)."""
    return a == b or any(a in g and b in g for g in LENIENT_GROUPS)


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


def _verbal(token: Token) -> bool:
    """A verb, or a past participle tagged an adjective: looked up as a verb."""
    return token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.tag_ == "VBN")


def _nominal(token: Token) -> bool:
    """A noun, or an adjective in a noun's place ("launch a counter-offensive")."""
    if _verbal(token):
        return False
    nominal_adj = token.pos_ == "ADJ" and token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass")
    return token.pos_ in ("NOUN", "PROPN") or nominal_adj


def _particles(token: Token) -> list[Token]:
    """A verb's particles: "shot down", also when "down" is parsed as an adverb."""
    return [
        c
        for c in token.children
        if c.dep_ == "prt" or (c.dep_ in ("advmod", "prep") and c.i == token.i + 1)
    ]


def _objects(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]


def _subjects(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ == "nsubj"]


def _by_agents(token: Token) -> list[Token]:
    return [p for c in token.children if c.dep_ == "agent" for p in c.children]


def _noun_key(token: Token) -> str:
    """The lexicon key of an event noun: its form when listed ("talks"), else its lemma."""
    return token.lower_ if token.lower_ in lexicon()["nouns"] else token.lemma_.lower()


#: Which event type a token triggers: (type, trigger tokens, confidence).
TRIGGER: RuleList[tuple[str, list[Token], float]] = RuleList("events.trigger")
Typed = tuple[str, list[Token], float]

#: The parts of speech a trigger can have: verbs, nouns, adjectives ("dead", "seized").
CONTENT_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN", "ADJ"})


@TRIGGER.rule
def not_a_content_word(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """Punctuation, determiners, prepositions, numbers are no trigger (the list stops)."""
    return NOTHING if token.pos_ not in CONTENT_POS else None


@TRIGGER.rule
def surrounding_description(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """ "the surrounding waters", "surrounding villages": a description, no encirclement."""
    if token.lemma_.lower() == "surround" and token.dep_ == "amod":
        return NOTHING
    return None


@TRIGGER.rule
def died_down(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """ "the fighting died down": an event that ends, nobody dies."""
    if not _verbal(token) or token.lemma_.lower() != "die":
        return None
    if any(c.dep_ == "prt" and c.lower_ in ("down", "out", "away", "off") for c in token.children):
        return NOTHING
    if any(_noun_key(s) in lexicon()["nouns"] for s in _subjects(token)):
        return NOTHING
    return None


@TRIGGER.rule
def attack_repelled(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """ "attacks were repulsed": the attack noun is the event, the passive its outcome."""
    if not _verbal(token) or token.lemma_.lower() not in lexicon()["repelling_verbs"]:
        return None
    subjects = [c for c in token.children if c.dep_ == "nsubjpass"]
    nouns = lexicon()["nouns"]
    return NOTHING if any(nouns.get(_noun_key(s)) == "Attack" for s in subjects) else None


@TRIGGER.rule
def without_incident(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """ "without incident", an upper-case label ("UKMTO ADVISORY INCIDENT 061"): no event."""
    if token.lemma_.lower() != "incident":
        return None
    label = token.is_upper and len(token.text) > 1
    return NOTHING if label or (token.dep_ == "pobj" and token.head.lower_ == "without") else None


@TRIGGER.rule
def displaced_description(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """ "displaced people", "fleeing the war": people described by the war, no event."""
    lemma = token.lemma_.lower()
    if lemma == "displace" and token.dep_ == "amod":
        return NOTHING
    totals = vocab.words("total_nouns")
    if lemma == "flee" and any(o.lemma_.lower() in totals for o in _objects(token)):
        return NOTHING
    return None


@TRIGGER.rule
def withdrawal_from_agreement(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """ "withdrew from the grain deal", "its withdrawal from the treaty": politics, Other."""
    if token.lemma_.lower() not in ("withdraw", "withdrawal", "pullout", "exit"):
        return None
    agreements = vocab.words("agreement_nouns")
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "from":
            if any(o.dep_ == "pobj" and o.lemma_.lower() in agreements for o in prep.children):
                return "Other", [token], 0.6
    return None


@TRIGGER.rule
def background_invasion(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """ "the invasion", "Russia's full-scale invasion": the war's background, no event."""
    return NOTHING if _nominal(token) and token.lemma_.lower() == "invasion" else None


@TRIGGER.rule
def phrasal_verb(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """A phrasal verb of the lexicon: "shot down", "pulled back"."""
    if not _verbal(token):
        return None
    for p in _particles(token):
        phrase = f"{token.lemma_.lower()} {p.lower_}"
        if phrase in lexicon()["phrasal"]:
            return lexicon()["phrasal"][phrase], [token, p], 0.85
    return None


@TRIGGER.rule
def verb_object(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """A verb and object of the lexicon: "opened fire", "took control of", "held talks"."""
    if not _verbal(token):
        return None
    for obj in _objects(token):
        phrase = f"{token.lemma_.lower()} {obj.lemma_.lower()}"
        if phrase in lexicon()["verb_object"]:
            return lexicon()["verb_object"][phrase], sorted([token, obj], key=lambda t: t.i), 0.8
    return None


@TRIGGER.rule
def verb_prep_object(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """A verb, preposition and object of the lexicon: "came under fire"."""
    if not _verbal(token):
        return None
    for prep in (c for c in token.children if c.dep_ == "prep"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            phrase = f"{token.lemma_.lower()} {prep.lower_} {pobj.lemma_.lower()}"
            if phrase in lexicon()["verb_prep_object"]:
                return lexicon()["verb_prep_object"][phrase], [token, prep, pobj], 0.8
    return None


def _impact(token: Token) -> bool:
    return _verbal(token) and token.lemma_.lower() in lexicon()["impact_verbs"]


@TRIGGER.rule
def impact_of_instrument(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """An impact verb with a weapon as subject: "mortar shells fell on the camp"."""
    if not _impact(token):
        return None
    kind = _instrument_of(_subjects(token))
    return (kind, [token], 0.75) if kind else None


@TRIGGER.rule
def landing_force(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """ "land" with a military subject that is no aircraft: "troops attempted to land"."""
    if not _impact(token) or token.lemma_.lower() != "land":
        return None
    return ("Advance", [token], 0.6) if _lands_troops(token, resolver, para) else None


@TRIGGER.rule
def impact_without_instrument(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """Any other impact verb names no event ("the rate fell")."""
    return NOTHING if _impact(token) else None


@TRIGGER.rule
def aid_delivered(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """A delivery verb with an aid object: "delivered food", "sent medical supplies"."""
    if not _verbal(token):
        return None
    if token.lemma_.lower() in ("deliver", "send", "bring", "provide", "distribute", "ship"):
        if any(o.lemma_.lower() in lexicon()["aid_objects"] for o in _objects(token)):
            return "AidDelivery", [token], 0.8
    return None


@TRIGGER.rule
def launched_instrument(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """A launch verb with a weapon as object: "fired 36 missiles", "dropped glide bombs"."""
    if not _verbal(token) or token.lemma_.lower() not in lexicon()["launch_verbs"]:
        return None
    kind = _instrument_of(_objects(token))
    return (kind, [token], 0.8) if kind else None


@TRIGGER.rule
def evacuees_taken(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """A passive transport verb of evacuees: "residents were taken by bus to X"."""
    lex = lexicon()
    if (
        not _verbal(token)
        or not _passive(token)
        or token.lemma_.lower() not in lex["evacuation_verbs"]
    ):
        return None
    if any(o.lemma_.lower() in lex["evacuees"] for o in _objects(token) if o.dep_ == "nsubjpass"):
        return "Evacuation", [token], 0.7
    return None


def _strike_word(token: Token) -> bool:
    return _verbal(token) and token.lemma_.lower() in lexicon()["strike_words"]


@TRIGGER.rule
def strike_by_instrument_subject(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """A strike verb with a weapon as subject: "Rockets hit the city"."""
    if not _strike_word(token):
        return None
    for s in _subjects(token):
        kind = lexicon()["instruments"].get(s.lemma_.lower())
        if kind:
            return kind, [token], 0.8
    return None


@TRIGGER.rule
def strike_by_instrument_agent(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """A strike verb with a weapon in its by-phrase: "was hit by artillery shells"."""
    if not _strike_word(token):
        return None
    kind = _instrument_of(_by_agents(token), modifiers=True)
    return (kind, [token], 0.8) if kind else None


def _unarmed_hit(token: Token, resolver: Resolver, para: Paragraph) -> bool:
    """ "hit", "target", "pound", "slam" with no armed subject."""
    if not _strike_word(token) or token.lemma_.lower() not in ("hit", "target", "pound", "slam"):
        return False
    return not any(_armed_striker(s, resolver, para) for s in _subjects(token))


def _armed_striker(token: Token, resolver: Resolver, para: Paragraph) -> bool:
    """A subject that strikes as an armed actor: a military noun or unit, an armed group
    ("the paramilitary group", "terrorists", "gunmen"), a state or armed group a pronoun
    stands for ("they", "it"); not an event noun ("Israeli air strikes hit": the noun is
    the event)."""
    lex = lexicon()
    if _noun_key(token) in lex["nouns"]:
        return False
    if _is_military(token, resolver, para) or token.lemma_.lower() in lex["strikers"]:
        return True
    if any(c.lemma_.lower() in lex["armed_modifiers"] for c in token.children):
        return True
    key = resolver.actor(para, token, demonym=False)
    return key is not None and resolver.table.type_of(key) in ("MilitaryUnit", "Country")


@TRIGGER.rule
def one_of_the_weapons(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """ "One of the missiles hit a mosque": the weapon in the subject's of-phrase."""
    if not _strike_word(token):
        return None
    for s in _subjects(token):
        of = [p for c in s.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        kind = next((lexicon()["instruments"].get(p.lemma_.lower()) for p in of), None)
        if kind:
            return kind, [token], 0.8
    return None


@TRIGGER.rule
def targeted_people(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """A passive "targeted" of people, posts or places: "soldiers were targeted"."""
    if not _verbal(token) or token.lemma_.lower() != "target" or not _passive(token):
        return None
    victims = lexicon()["target_victims"]
    subjects = [c for c in token.children if c.dep_ == "nsubjpass"]
    return ("Attack", [token], 0.7) if any(s.lemma_.lower() in victims for s in subjects) else None


@TRIGGER.rule
def struck_vessel(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """A passive "hit" of a vessel, port or structure: "a second vessel was hit near X"."""
    if not _unarmed_hit(token, resolver, para) or not _passive(token):
        return None
    return ("Attack", [token], 0.7) if _struck_target(token, resolver, para) else None


@TRIGGER.rule
def unarmed_hit(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """Any other "hit" without a military subject names no attack ("the storm hit")."""
    return NOTHING if _unarmed_hit(token, resolver, para) else None


@TRIGGER.rule
def result_by_weapon(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """A harm verb done by a weapon: "a carrier was damaged by a Russian drone"."""
    lex = lexicon()
    if (
        not _verbal(token)
        or token.lemma_.lower() not in lex["result_verbs"]
        or token.dep_ == "amod"
    ):
        return None
    weapons = [b for b in _by_agents(token) if b.lemma_.lower() not in lex["nouns"]]
    kind = _instrument_of(weapons)
    return (kind, [token], 0.7) if kind else None


@TRIGGER.rule
def destroyed_aircraft(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """ "destroy" with drones or aircraft as object: "air defence destroyed 17 drones"."""
    if not _verbal(token) or token.lemma_.lower() != "destroy":
        return None
    if any(o.lemma_.lower() in lexicon()["shot_down"] for o in _objects(token)):
        return "Shootdown", [token], 0.75
    return None


@TRIGGER.rule
def result_verb(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """A harm verb of a structure is its own event ("hospitals were damaged"), else none."""
    result_verbs = lexicon()["result_verbs"]
    if not _verbal(token) or token.lemma_.lower() not in result_verbs:
        return None
    if not _result_event(token, resolver, para):
        return NOTHING
    return result_verbs[token.lemma_.lower()], [token], 0.7


@TRIGGER.rule
def pull_without_particle(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """ "pull" is a withdrawal only with a particle ("pulled back", "pulled out")."""
    if _verbal(token) and token.lemma_.lower() == "pull" and not _particles(token):
        return NOTHING
    return None


@TRIGGER.rule
def free_without_object(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """ "free" is a liberation only with an object ("freed the village")."""
    if _verbal(token) and token.lemma_.lower() == "free" and not _objects(token):
        return NOTHING
    return None


@TRIGGER.rule
def meeting(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """ "meet" of named actors or delegates is a negotiation, else none ("met resistance")."""
    if not _verbal(token) or token.lemma_.lower() != "meet":
        return None
    return ("Negotiation", [token], 0.6) if _meeting(token, resolver, para) else NOTHING


@TRIGGER.rule
def verb_lexicon(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """A verb of the lexicon by lemma or form: "shelled", "captured", "advancing"."""
    verbs = lexicon()["verbs"]
    lemma = token.lemma_.lower()
    if not _verbal(token) or (lemma not in verbs and token.lower_ not in verbs):
        return None
    return verbs.get(lemma) or verbs[token.lower_], [token], 0.8


def _mover(token: Token) -> bool:
    return _verbal(token) and token.lemma_.lower() in lexicon()["military_subject"]


@TRIGGER.rule
def crossing_description(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """ "vehicles crossing the river": a description, no move."""
    if _mover(token) and token.lemma_.lower() == "cross" and token.dep_ == "acl":
        return NOTHING
    return None


@TRIGGER.rule
def take_without_place(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """ "take" moves a force only with a place as object ("took Bakhmut")."""
    if not _mover(token) or token.lemma_.lower() != "take":
        return None
    objs = [o for o in _objects(token) if o.dep_ == "dobj"]
    return None if any(resolver.key_of(para, o, PLACE_TYPES) for o in objs) else NOTHING


@TRIGGER.rule
def reinforcements_sent(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """ "brought/rushed/sent reinforcements or reserves": a reinforcement."""
    if not _mover(token) or token.lemma_.lower() not in ("bring", "rush", "send"):
        return None
    if any(o.lemma_.lower() in ("reinforcement", "reserve") for o in _objects(token)):
        return "Reinforcement", [token], 0.75
    return None


@TRIGGER.rule
def military_mover(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """A movement verb with a military subject or object: "troops crossed the river"."""
    if not _mover(token):
        return None
    subj = subject(token)
    cands = ([subj] if subj is not None else []) + _objects(token)
    if any(_is_military(c, resolver, para) for c in cands):
        return lexicon()["military_subject"][token.lemma_.lower()], [token], 0.6
    return None


@TRIGGER.rule
def aid_convoy(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """A vehicle noun carrying aid that gets through: "a convoy of trucks carrying food"."""
    if not _nominal(token) or token.lemma_.lower() not in lexicon()["aid_carriers"]:
        return None
    if carries_aid(token) and not _thwarted(token):
        return "AidDelivery", [token], 0.7
    return None


def _modifiers(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("amod", "compound", "nmod")]


@TRIGGER.rule
def noun_without_modifier(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """A noun that needs a modifier lacks it: "talk" alone is speech, "peace talks" are not;
    "reputational damage" is no destruction, bare "damage" is."""
    lex = lexicon()
    key = _noun_key(token)
    if not _nominal(token) or key not in lex["nouns"]:
        return None
    need = lex["noun_needs_modifier"].get(key)
    plural_ok = key in lex["plural_without_modifier"] and token.tag_ in ("NNS", "NNPS")
    plural_ok = plural_ok or (key in lex["bare_without_modifier"] and not _modifiers(token))
    if need and not plural_ok and not any(m.lower_ in need for m in _modifiers(token)):
        return NOTHING
    return None


@TRIGGER.rule
def noun_with_modifier(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """An attack noun with an instrument or a needed modifier: "a missile strike"."""
    lex = lexicon()
    key = _noun_key(token)
    if not _nominal(token) or key not in lex["nouns"]:
        return None
    typ = lex["nouns"][key]
    if key not in ("strike", "attack", "raid", "stand", "talk", "barrage") and typ != "Attack":
        return None
    need = lex["noun_needs_modifier"].get(key) or []
    trigger, refined = None, False
    for m in _modifiers(token):
        kind = lex["instruments"].get(m.lemma_.lower())
        if kind and not (refined and key == "barrage"):
            typ = kind  # "a missile and drone barrage": its first instrument
            refined = True
        if kind or m.lower_ in need:
            trigger = [m, token]
    return (typ, trigger, 0.75) if trigger else None


@TRIGGER.rule
def military_flight(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """Fighters that flee withdraw: "the soldiers fled to Chad", "the fleeing militants"
    (civilians fleeing are displaced)."""
    if token.lemma_.lower() != "flee" or not (_verbal(token) or token.dep_ == "amod"):
        return None
    fleeing = [token.head] if token.dep_ == "amod" else _subjects(token)
    if any(_armed_fleer(s, resolver, para) for s in fleeing):
        return "Withdrawal", [token], 0.7
    return None


def _armed_fleer(token: Token, resolver: Resolver, para: Paragraph) -> bool:
    """Fighters who flee: troops, a unit, an armed group or its members ("the fleeing
    militants", "the attackers fled")."""
    if _is_military(token, resolver, para) or _armed_striker(token, resolver, para):
        return True
    return token.lemma_.lower() in lexicon()["armed_modifiers"]


def political_subtype(token: Token) -> dict[str, str] | None:
    """The row of ``other_event_verbs.tsv`` or ``other_event_nouns.tsv`` for a token
    ("arrested", "the coup"): its subtype and ACLED sub-event type."""
    name = (
        "other_event_verbs" if _verbal(token) else "other_event_nouns" if _nominal(token) else None
    )
    if name is None:
        return None
    return next((r for r in vocab.rows(name) if r["lemma"] == token.lemma_.lower()), None)


@TRIGGER.rule
def political_event(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """A political or strategic event of ``other_event_*``: arrests, abductions, flight,
    protests, a coup, an annexation."""
    return ("Other", [token], 0.6) if political_subtype(token) else None


@TRIGGER.rule
def in_control(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """ "in control of X", "under the control of Wagner", "Wagner's control over the area":
    an occupation ("took control" is a capture, "fight for control" no event)."""
    if not _nominal(token) or token.lemma_.lower() != "control":
        return None
    preps = {c.lower_ for c in token.children if c.dep_ == "prep"}
    held = token.dep_ == "pobj" and token.head.lower_ in ("in", "under")
    if held and (preps & {"of", "over"} or any(c.dep_ == "poss" for c in token.children)):
        return "Occupation", [token], 0.6
    if any(c.dep_ == "poss" for c in token.children) and "over" in preps:
        return "Occupation", [token], 0.6
    return None


@TRIGGER.rule
def held_by_force(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """ "a city held by the RSF since December": a place held by an armed actor, occupied."""
    if not _verbal(token) or token.lemma_.lower() != "hold" or not _passive(token):
        return None
    if any(_armed_striker(a, resolver, para) for a in _by_agents(token)):
        return "Occupation", [token], 0.6
    return None


@TRIGGER.rule
def casualty_adjective(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """A casualty adjective: "the dead", "left five dead", "the wounded peacekeepers"."""
    if token.pos_ != "ADJ" or _verbal(token):
        return None
    if token.lower_ not in lexicon()["casualty_adjectives"]:
        return None
    return None if _victims_described(token) else ("Casualties", [token], 0.65)


def _victims_described(token: Token) -> bool:
    """ "children were among the wounded", "evacuate wounded men": the adjective describes
    victims already counted or evacuees, and names no new casualties ("dead" always does)."""
    if token.lower_ == "dead":
        return False
    if token.dep_ == "pobj" and token.head.lower_ == "among":
        return True
    head = token.head
    evacuated = head.dep_ == "dobj" and head.head.lemma_.lower() in lexicon()["evacuation_verbs"]
    return token.dep_ == "amod" and (evacuated or head.head.lemma_.lower() == "evacuate")


@TRIGGER.rule
def noun_lexicon(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """An event noun of the lexicon: "the offensive", "fighting", "talks"."""
    key = _noun_key(token)
    if not _nominal(token) or key not in lexicon()["nouns"]:
        return None
    return lexicon()["nouns"][key], [token], 0.75


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Every word the trigger rules look at: lexicon verbs, nouns, adjectives, the first
    words of phrases, the political event words."""
    lex = lexicon()
    words = {w for k in ("verbs", "military_subject", "nouns", "result_verbs") for w in lex[k]}
    words |= {p.split()[0] for k in ("phrasal", "verb_object", "verb_prep_object") for p in lex[k]}
    words |= {*lex["casualty_adjectives"], *lex["aid_carriers"], *lex["strike_words"]}
    words |= {r["lemma"] for n in ("other_event_verbs", "other_event_nouns") for r in vocab.rows(n)}
    return frozenset(words)


@TRIGGER.rule
def trained_model(token: Token, resolver: Resolver, para: Paragraph) -> Typed | None:
    """A word no rule knows that the trained trigger model marks (``--trigger-model``)."""
    if token.lemma_.lower() in known_words() or token.lower_ in known_words():
        return None  # the rules have seen this word and passed on it: no event
    if token.dep_ in ("amod", "compound"):
        return None  # a modifier describes its noun: "a recaptured town"
    hit = model_trigger(token)
    return (hit[0], [token], 0.5) if hit else None


def find_trigger(token: Token, resolver: Resolver, para: Paragraph) -> Decision | None:
    """The ``events.trigger`` decision for a token (None, or a value of None: no trigger)."""
    return TRIGGER.decide(token, resolver, para)


def classify(token: Token, resolver: Resolver, para: Paragraph) -> tuple[str, list[Token], float]:
    """(event type, trigger tokens, confidence) for a token, or ("", [], 0)."""
    decision = TRIGGER.decide(token, resolver, para)
    if decision is None or decision.value is None:
        return "", [], 0.0
    return decision.value
