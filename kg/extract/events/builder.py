"""Events: triggers typed into the contract's 23 classes, with their arguments.

The work is shared out: ``triggers.py`` finds and types triggers (lexicon in
``kg/data/lexicon/triggers.json``, phrasal verbs, instruments, movement verbs that need a
military subject); ``arguments.py`` finds each trigger's agent, target, places, time
and casualty counts on the dependency parse; ``factuality.py`` reads "denied" under a
negation and "hypothetical" under a modal, a condition or a prospect. This module
builds the events (``Builder``): per paragraph it keeps the triggers that are events
(not "rushing reinforcements" twice, not the noun of "the battle was fought", not
"combat vehicles"), asks for their arguments, and marks an asserted event inside a
statement's span "claimed" (the event then points to that statement).

Three document-wide passes follow the per-paragraph triggers (``Builder.run``):
coreference (a definite event noun with nothing new — "The advance means ...", "the
attack was revenge" — is another mention of an earlier event, not a new one; the
mention is folded into the antecedent's ``mentions``), agent inheritance
(spokesman's organisation for "claimed to have destroyed", the governing event for
participles, the cause of casualties) and places (the settlement in focus for "the
outskirts"/"there", nested and governing events, the sentence, the previous sentences).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from ...types import Event, Statement, TimeRef
from .. import dates
from .. import lexicon as vocab
from ..coref.resolver import SPEECH_VERBS, Resolver
from ..entities.candidates import forces_country
from ..entities.table import EntityTable
from ..factuality import (
    CONDITIONS,
    FACTUALITY,
    INTENTIONS,
    MODALS,
    NEGATORS,
    PROSPECTS,
)
from ..parsed import Paragraph, Parsed
from ..rules import NOTHING, Decision, RuleList
from ..trigger_model import model_doubts
from .arguments import (
    AGENT,
    ANAPHORIC_PLACES,
    FOCUS_CHARS,
    LAUNCH_VERBS,
    LOWER_BOUND,
    MINISTRY_OF,
    NON_MILITARY,
    NUMBER_WORDS,
    PARTICIPATION,
    PLACE_PREPS,
    PLACES,
    SPOKESPEOPLE,
    SUCCESS_NOUNS,
    TARGET,
    Arguments,
    Site,
    casualties,
    event_time,
    parse_count,
)
from .triggers import (
    DEFINITE,
    LENIENT_GROUPS,
    SUPPORT_VERBS,
    classify,
    find_trigger,
    is_definite,
    lexicon,
    named_event,
    negated_indefinite,
    plural,
    political_subtype,
    same_group,
    support_verb,
)

__all__ = [
    "ANAPHORIC_PLACES",
    "CONDITIONS",
    "COREF_WINDOW",
    "DEFINITE",
    "FOCUS_CHARS",
    "INTENTIONS",
    "LAUNCH_VERBS",
    "LENIENT_GROUPS",
    "LOWER_BOUND",
    "MINISTRY_OF",
    "MODALS",
    "MOVEMENT",
    "NEGATORS",
    "NON_MILITARY",
    "NUMBER_WORDS",
    "PARTICIPATION",
    "PLACE_PREPS",
    "PROSPECTS",
    "SPOKESPEOPLE",
    "SUCCESS_NOUNS",
    "SUPPORT_VERBS",
    "classify",
    "find_events",
    "lexicon",
    "parse_count",
    "same_group",
]

#: Events whose agent is the force that moves ("reserves were brought there").
MOVEMENT = frozenset({"Reinforcement", "Deployment", "Advance", "Withdrawal"})
#: Prepositions that put an event noun in the background of a verb's event, not inside it.
BACKDROP_PREPS = frozenset({"amid", "during", "despite", "after", "before"})
#: How many sentences back a definite event noun looks for its antecedent first.
COREF_WINDOW = 3
#: How many sentences back an event without a place or agent looks to the last event's.
PLACE_WINDOW = 1


@dataclass
class Found:
    """An event being built: its paragraph, trigger token and sentence number."""

    para: Paragraph
    token: Token
    event: Event
    sent: int
    own_places: bool  # places from the trigger's own clause
    named: bool  # a named event ("the Third Battle of Kharkiv")
    rules: dict[str, str] = field(default_factory=dict)  # role -> the rule that decided it


#: The order of the roles in ``Event.decided_by``.
ROLES = ("agent", "target", "place", "place_guess", "factuality")


@dataclass(frozen=True)
class Candidate:
    """A found trigger with its paragraph's verbal and nominal triggers (index -> type)."""

    token: Token
    type: str
    trigger: tuple[Token, ...]
    verbal: dict[int, str]
    nominal: dict[int, str]


def _passive(token: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)


def _anaphoric(token: Token, named: bool) -> bool:
    """A definite event noun that can point back: 'the attack', 'that battle'."""
    return (
        not named
        and token.pos_ == "NOUN"
        and is_definite(token)
        and not any(c.dep_ == "poss" for c in token.children)
    )


def _nobody(token: Token) -> bool:
    """A casualty verb whose victims are nobody: "no one was hurt", "none were killed"."""
    if any(c.dep_ == "neg" for c in token.children):
        return True
    for c in token.children:
        if c.dep_ in ("nsubjpass", "nsubj", "dobj"):
            if c.lower_ in ("nobody", "none", "noone") or any(
                d.dep_ == "det" and d.lower_ == "no" for d in c.children
            ):
                return True
    return False


#: Found triggers that are not an event of their own (a rule returns True to skip).
SKIP: RuleList[bool] = RuleList("events.skip")


@SKIP.rule
def object_of_same_event(c: Candidate) -> bool | None:
    """An object of a same-event verb: "rushing reinforcements", "trapped in an encirclement"."""
    token = c.token
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ not in ("dobj", "nsubjpass", "pobj"):
        return None
    head = token.head.head if token.dep_ == "pobj" else token.head
    if head.lemma_.lower() in lexicon()["result_verbs"]:
        return None  # "collapsed following a strike": the strike is its cause
    if head.lemma_.lower() in lexicon()["repelling_verbs"]:
        return None  # "repelled an attack": the fight and the attack, two events
    head_typ = c.verbal.get(head.i)
    if not head_typ or not same_group(head_typ, c.type) or is_definite(token):
        return None
    backdrop = token.dep_ == "pobj" and token.head.lower_ in BACKDROP_PREPS
    return None if backdrop else True  # "advanced amid offensive operations": two events


@SKIP.rule
def doubted_by_model(c: Candidate) -> bool | None:
    """A trigger the trained model (``--trigger-model``) finds very unlikely; off by default."""
    return True if model_doubts(c.token) else None


@SKIP.rule
def support_of_event_noun(c: Candidate) -> bool | None:
    """A support verb of an event noun: "the battle was fought" (the noun is the event)."""
    return True if c.token.i in c.verbal and support_verb(c.token, c.type, c.nominal) else None


@SKIP.rule
def apposition_of_event(c: Candidate) -> bool | None:
    """An event noun in apposition to another: "That battle, the last German offensive"."""
    token = c.token
    if token.i in c.nominal and token.dep_ == "appos" and token.head.i in c.nominal:
        return True
    return None


@SKIP.rule
def compound_kind(c: Candidate) -> bool | None:
    """A bare event noun as compound names a kind: "combat vehicles", "attack helicopters"."""
    if c.token.i in c.nominal and c.token.dep_ == "compound" and not c.trigger[1:]:
        return True
    return None


@SKIP.rule
def negated_indefinite_noun(c: Candidate) -> bool | None:
    """An indefinite event noun under a negation: "no army ... in a single battle"."""
    return True if c.token.i in c.nominal and negated_indefinite(c.token) else None


@SKIP.rule
def nobody_hurt(c: Candidate) -> bool | None:
    """Casualties of nobody: "No one was injured"."""
    return True if c.type == "Casualties" and _nobody(c.token) else None


@SKIP.rule
def running_total(c: Candidate) -> bool | None:
    """A running total of the war: "the war has killed tens of thousands", "700 have died
    in the conflict", "have attacked ships since November" (not a lasting hold: "has been
    held by the RSF since December")."""
    token = c.token
    if c.type == "Occupation":
        return None
    if not any(a.dep_ == "aux" and a.lemma_.lower() == "have" for a in token.children):
        return None
    totals = vocab.words("total_nouns")
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in totals:
            return True
        if child.dep_ == "prep" and child.lower_ in ("in", "since", "during"):
            objects = [o for o in child.children if o.dep_ == "pobj"]
            if child.lower_ == "since" or any(o.lemma_.lower() in totals for o in objects):
                return True
    return None


#: Who did it when the trigger's clause names no one: a guess for verbal triggers.
AGENT_FALLBACK: RuleList[str] = RuleList("events.agent_fallback")


@AGENT_FALLBACK.rule
def moved_forces(args: Arguments, site: Site) -> str | None:
    """The forces a movement verb moves: "Russian reserves have been brought there"."""
    if site.type in MOVEMENT and site.token.pos_ in ("VERB", "AUX", "ADJ"):
        return args.moved_forces(site.para, site.token)
    return None


@AGENT_FALLBACK.rule
def forces_in_focus(args: Arguments, site: Site) -> str | None:
    """The one armed force in focus for a bare "soldiers" subject: "soldiers delivering aid"."""
    if site.token.pos_ in ("VERB", "AUX", "ADJ"):
        return args.forces_in_focus(site.para, site.token)
    return None


def _subtype(token: Token, typ: str) -> dict[str, str]:
    """An Other event's finer subtype and ACLED sub-event type (``other_event_*.tsv``)."""
    row = political_subtype(token) if typ == "Other" else None
    if row is None:
        return {}
    acled = row["acled_sub_event_type"]
    return {"subtype": row["subtype"], **({"acled_sub_event_type": acled} if acled != "-" else {})}


def _merge_casualties(found: list[Found]) -> list[Found]:
    """One Casualties event for a killing-and-wounding phrase.

    "killing two and wounding five", "27 were killed and 130 wounded": the conjoined
    casualty verb adds its count (fatalities or injured) to the first one's event, and
    its words as a further mention of it.
    """
    by_token = {f.token.i: f for f in found if f.event.type == "Casualties"}
    kept = []
    for f in found:
        head = by_token.get(f.token.head.i)
        if f.event.type == "Casualties" and f.token.dep_ == "conj" and head is not None:
            first, other = head.event, f.event
            head.event = replace(
                first,
                fatalities=first.fatalities if first.fatalities is not None else other.fatalities,
                injured=first.injured if first.injured is not None else other.injured,
                count_is_lower_bound=first.count_is_lower_bound or other.count_is_lower_bound,
                mentions=(*first.mentions, other.trigger),
            )
            by_token[f.token.i] = head
            continue
        kept.append(f)
    return kept


def _not_own_target(event: Event) -> Event:
    """An actor is not the target of its own action: inheritance passes that fill the
    agent and the target from one antecedent ("reserves have been brought") can agree."""
    return replace(event, target=None) if event.target == event.agent is not None else event


def _decide(rules: dict[str, str], role: str, decision: Decision | None):  # noqa: ANN202
    """A decision's value, noting the deciding rule under ``role`` when it gave one."""
    if decision is None or decision.value is None:
        return None
    rules[role] = decision.rule
    return decision.value


class Builder:
    """Builds one document's events (see the module docstring)."""

    def __init__(self, parsed: Parsed, table: EntityTable, statements: list[Statement]):
        self.parsed = parsed
        self.table = table
        self.statements = statements
        self.resolver = Resolver(parsed, table)
        self.resolver.media |= {s.medium for s in statements if s.medium}
        self.args = Arguments(table, self.resolver)
        self.coref: dict[tuple[int, int], Found] = {}
        self.coref_types: dict[tuple[int, int], str] = {}  # a coreferent mention's own type

    # -- the document ----------------------------------------------------------------------
    def run(self) -> list[Event]:
        """Events of the whole document: per paragraph, then the document-wide passes."""
        index = {(p.offset, s.start): i for i, (p, s) in enumerate(self.parsed.sentences())}
        found: list[Found] = []
        for para in self.parsed.paragraphs:
            found.extend(self.paragraph(para, index))
        found = self._corefer(found)
        self._inherit_agents(found)
        self._fill_places(found)
        return [self._finish(f) for f in found]

    def _finish(self, f: Found) -> Event:
        """The event with its coreferent mentions and the rules that decided its parts."""
        event = _not_own_target(self._with_mentions(f))
        rules = dict(f.rules)
        if event.target is None:
            rules.pop("target", None)
        return replace(event, decided_by=tuple(rules[r] for r in ROLES if r in rules))

    def _with_mentions(self, f: Found) -> Event:
        """The event with the coreferent mentions ``_corefer`` folded into it."""
        spans = sorted(
            self.parsed.span_of(para, para.doc[i])
            for para in self.parsed.paragraphs
            for (offset, i), ante in self.coref.items()
            if ante is f and offset == para.offset
        )
        if not spans:
            return f.event
        return replace(f.event, mentions=tuple(sorted({*f.event.mentions, *spans})))

    def _times(self, para: Paragraph) -> list[tuple[TimeRef, Token]]:
        """The paragraph's time phrases, each with its root token."""
        times = []
        for tref in dates.find_times(para.doc.text, self.parsed.doc.date, para.offset):
            assert tref.span is not None
            toks = [t for t in para.doc if tref.span.start <= para.offset + t.idx < tref.span.end]
            roots = [t for t in toks if t.head not in toks or t.head is t]
            if roots:
                times.append((tref, roots[0]))
        return times

    def triggers(self, para: Paragraph) -> list[tuple[Token, Decision]]:
        """The paragraph's tokens that trigger an event, with the ``events.trigger`` decision."""
        found = []
        for token in para.doc:
            decision = find_trigger(token, self.resolver, para)
            if decision is not None and decision.value is not None and decision.value[0]:
                found.append((token, decision))
        return found

    def paragraph(self, para: Paragraph, index: dict[tuple[int, int], int]) -> list[Found]:
        """The events of one paragraph: its triggers less the skipped ones, with arguments."""
        times = self._times(para)
        found = self.triggers(para)
        verbal = {t.i: d.value[0] for t, d in found if t.pos_ in ("VERB", "AUX", "ADJ")}
        nominal = {t.i: d.value[0] for t, d in found if t.pos_ in ("NOUN", "PROPN")}
        out: list[Found] = []
        for token, decision in found:
            typ, trig, conf = decision.value
            cand = Candidate(token, typ, tuple(trig), verbal, nominal)
            if SKIP.decide(cand) is not None:
                continue
            f = self._event(para, cand, conf, times)
            f.event = replace(f.event, rule=decision.rule)
            f.sent = index.get((para.offset, token.sent.start), 0)
            out.append(f)
        return _merge_casualties(out)

    def _event(self, para: Paragraph, cand: Candidate, conf: float, times: list) -> Found:
        """The event of one kept trigger, with its arguments, time, counts and factuality."""
        token, typ, rules = cand.token, cand.type, {}
        named = named_event(token)
        trig = named or cand.trigger
        start = min(t.idx for t in trig)
        span = self.parsed.span(para, start, max(t.idx + len(t.text) for t in trig))
        site = Site(para, token, typ, frozenset(cand.verbal))
        agent = _decide(rules, "agent", AGENT.decide(self.args, site))
        if agent is None:
            agent = _decide(rules, "agent", AGENT_FALLBACK.decide(self.args, site))
        agent = self.args.combatant(agent, typ)
        target = _decide(rules, "target", TARGET.decide(self.args, site))
        site = replace(site, agent=agent, target=target)
        places = _decide(rules, "place", PLACES.decide(self.args, site)) or []
        fatalities = injured = None
        lower = False
        if typ == "Casualties":
            fatalities, injured, lower = casualties(token)
        factuality = _decide(rules, "factuality", FACTUALITY.decide(token)) or "asserted"
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
            time=event_time(token, times),
            fatalities=fatalities,
            injured=injured,
            count_is_lower_bound=lower,
            factuality=factuality,  # type: ignore[arg-type]
            statement=stmt,
            confidence=conf,
            **_subtype(token, typ),
        )
        return Found(para, token, event, 0, bool(places), named is not None, rules)

    # -- document-wide passes ----------------------------------------------------------------
    def _corefer(self, found: list[Found]) -> list[Found]:
        """Drop definite nominal mentions of an earlier event ("The advance means ...").

        A definite event noun ("the attack", "that battle", "the Ukrainian breakthrough")
        with no place of its own beyond its antecedent's and a compatible agent is another
        mention of the most recent event of the same type in the last few sentences, else
        of the first event of its type in the document (the story's main event, as in a
        closing "the success of the offensive"; "the RSF attack" after "a fresh assault"
        several sentences back), else of the same group in the last sentences. The mention
        is recorded in ``self.coref`` (token -> antecedent) for argument inheritance.
        """
        kept: list[Found] = []
        for f in found:
            ante = self._antecedent(f, kept) if _anaphoric(f.token, f.named) else None
            if ante is None:
                kept.append(f)
                continue
            self.coref[(f.para.offset, f.token.i)] = ante
            self.coref_types[(f.para.offset, f.token.i)] = f.event.type
            if ante.event.agent is None and f.event.agent is not None:
                ante.event = replace(ante.event, agent=f.event.agent)
                if "agent" in f.rules:
                    ante.rules["agent"] = f.rules["agent"]
        return kept

    def _antecedent(self, f: Found, kept: list[Found]) -> Found | None:
        cands = [k for k in kept if k.event.factuality not in ("hypothetical", "denied")]
        recent = [k for k in cands if f.sent - k.sent <= COREF_WINDOW][::-1]
        typ = f.event.type
        order = [k for k in recent if k.event.type == typ]
        order += [k for k in cands if k.event.type == typ and k not in order]
        order += [k for k in recent if k.event.type != typ and same_group(k.event.type, typ)]
        own = set(f.event.places) if f.own_places else set()
        target = f.event.target
        for k in order:
            if own and k.event.places and not own <= set(k.event.places):
                continue
            if target is not None and target not in (k.event.target, *k.event.places):
                continue  # "the attack on Marinka" after an attack on Vuhledar
            if plural(k.token) and not plural(f.token):
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

    def event_at(self, para: Paragraph, token: Token, by_token: dict) -> Found | None:
        f = by_token.get((para.offset, token.i))
        return f if f is not None else self.coref.get((para.offset, token.i))

    def _inherit_agents(self, found: list[Found]) -> None:
        """Agents that the trigger's own clause does not give (``AGENT_INHERITED``)."""
        by_token = {(f.para.offset, f.token.i): f for f in found}
        for f in found:
            if f.event.agent is not None:
                continue
            agent = _decide(f.rules, "agent", AGENT_INHERITED.decide(self, f, by_token))
            if agent is not None:
                f.event = replace(f.event, agent=self.args.combatant(agent, f.event.type))

    def campaigner(self, para: Paragraph, token: Token) -> str | None:
        """'As a result of offensive operations, the 6th Army liberated X', 'Ukrainian troops
        retook the town during a counteroffensive': the armed subject of the verb the
        offensive's phrase modifies ran the offensive."""
        node = token
        while node.dep_ in ("pobj", "prep") and node.head.i != node.i:
            node = node.head
        if node.pos_ not in ("VERB", "AUX") or _passive(node):
            return None
        for subj in (c for c in node.children if c.dep_ == "nsubj"):
            key = self.resolver.actor(para, subj)
            if key is not None and self.table.type_of(key) in ("MilitaryUnit", "Country"):
                return key
        return None

    def governing_agent(self, para: Paragraph, token: Token, by_token: dict) -> str | None:
        node = token
        for _ in range(4):
            if node.dep_ not in ("conj", "advcl", "xcomp", "ccomp", "pcomp", "prep", "pobj"):
                return None
            if node.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in node.head.children):
                return None  # object control: the object, not the causing event, acts
            if node.dep_ in ("ccomp", "xcomp") and node.head.lemma_.lower() in SPEECH_VERBS:
                if node.dep_ == "xcomp":
                    return self.args.affiliation(para, node.head)
                return None
            node = node.head
            other = self.event_at(para, node, by_token)
            if other is not None and other.event.agent:
                return other.event.agent
            for child in node.children:
                causes = [child] if child.dep_ == "nsubj" else []
                if child.dep_ == "agent":  # "was hit by tank fire, wounding two"
                    causes = [c for c in child.children if c.dep_ == "pobj"]
                for cause in causes:
                    other = self.event_at(para, cause, by_token)
                    if other is not None and other.event.agent:
                        return other.event.agent
            if node.dep_ == "ROOT":
                return None
        return None

    def _fill_places(self, found: list[Found]) -> None:
        """Places the trigger's own clause does not give, weakest last (``PLACE_GUESS``).

        A place that is only a common noun ("the town square") gets the named place of
        the sentence (or the settlement in focus) beside it; an event with no place loses
        confidence the weaker the guess.
        """
        by_token = {(f.para.offset, f.token.i): f for f in found}
        for f in found:
            if f.event.places and not all(self.table.is_generic(p) for p in f.event.places):
                continue
            decision = PLACE_GUESS.decide(self, f, by_token)
            guess = _decide(f.rules, "place_guess", decision) or []
            if f.event.places:  # "arrived on the town square": and in which town?
                f.event = replace(f.event, places=(*f.event.places, *guess))
                continue
            conf = f.event.confidence or 0.5
            rule = decision.rule.rsplit(".", 1)[-1] if decision is not None else None
            if rule != "related_event":
                conf -= 0.05
                if rule != "sentence_place" and f.event.type != "Negotiation":
                    conf -= 0.1
            f.event = replace(f.event, places=tuple(guess), confidence=conf)
        for f in found:
            conf = round(max(f.event.confidence or 0.1, 0.1), 2)
            f.event = replace(f.event, confidence=conf)

    def related(self, f: Found, by_token: dict) -> list[Found]:
        """Events nested under the trigger's prepositions, then the governing event."""
        out = []
        for child in f.token.children:
            if child.dep_ == "prep":
                for pobj in child.children:
                    other = self.event_at(f.para, pobj, by_token)
                    if other is not None:
                        out.append(other)
        node = f.token
        for _ in range(3):
            if node.dep_ not in ("conj", "advcl", "xcomp", "pcomp", "prep", "pobj", "acl"):
                break
            node = node.head
            other = self.event_at(f.para, node, by_token)
            if other is not None:
                out.append(other)
                break
        return out


#: Who did it, from the document when the trigger's clause names no one.
AGENT_INHERITED: RuleList[str] = RuleList("events.agent_inherited")


@AGENT_INHERITED.rule
def spokesman_affiliation(b: Builder, f: Found, by_token: dict) -> str | None:
    """What a spokesman speaks for: "X, the military's spokesman, claimed to have destroyed"."""
    token = f.token
    if token.pos_ in ("VERB", "AUX") and token.dep_ == "xcomp":
        if token.head.lemma_.lower() in SPEECH_VERBS:
            return b.args.affiliation(f.para, token.head)
    return None


@AGENT_INHERITED.rule
def governing_event(b: Builder, f: Found, by_token: dict) -> str | None:
    """The agent of the event a subjectless verb hangs under: "..., trapping thousands"."""
    token, para = f.token, f.para
    own = [c for c in token.children if c.dep_ == "nsubj"]
    if own and all(b.event_at(para, c, by_token) is None for c in own):
        return None  # "... and that authorities had evacuated": its own subject acts
    if token.pos_ in ("VERB", "AUX") and not _passive(token):
        return b.governing_agent(para, token, by_token)
    return None


@AGENT_INHERITED.rule
def offensive_campaigner(b: Builder, f: Found, by_token: dict) -> str | None:
    """Who ran an offensive: "during a counteroffensive, Ukrainian troops retook X"."""
    if f.event.type == "Offensive" and f.token.dep_ == "pobj":
        return b.campaigner(f.para, f.token)
    return None


@AGENT_INHERITED.rule
def means_of_action(b: Builder, f: Found, by_token: dict) -> str | None:
    """The armed subject acting in or during the event: "Ethiopian forces killed 40
    fighters in a drone strike", "troops eliminated 10 militants during combat"."""
    token = f.token
    if f.event.type in NON_MILITARY or token.pos_ not in ("NOUN", "PROPN"):
        return None
    if token.dep_ != "pobj" or token.head.lower_ not in ("in", "during"):
        return None
    return b.campaigner(f.para, token)


@AGENT_INHERITED.rule
def casualty_cause(b: Builder, f: Found, by_token: dict) -> str | None:
    """The agent of the attack that caused casualties: "killed in a strike"."""
    if f.event.type != "Casualties":
        return None
    for sub in f.token.subtree:
        if b.coref_types.get((f.para.offset, sub.i)) == "Battle":
            continue  # "killed in the fighting": fighting has two sides
        other = b.event_at(f.para, sub, by_token)
        if other is not None and other is not f and other.event.agent:
            return other.event.agent
    return None


def _strike(typ: str) -> bool:
    return typ != "Battle" and same_group(typ, "Attack")


@AGENT_INHERITED.rule
def previous_event_agent(b: Builder, f: Found, by_token: dict) -> str | None:
    """The agent of the last event of its group in this or the previous sentence: "ADF
    rebels raided Rwangoma. The attack ... 40 were killed" (not fighting: it has two sides)."""
    typ = f.event.type
    if typ in NON_MILITARY or typ == "Battle" or f.event.agent is not None:
        return None
    if any(b.event_at(f.para, t, by_token) not in (None, f) for t in f.token.subtree):
        return None  # "killed in the fighting": the nested event speaks for itself
    before = [
        k
        for k in by_token.values()
        if (same_group(k.event.type, typ) or typ == "Casualties" and _strike(k.event.type))
        and 0 <= f.sent - k.sent <= PLACE_WINDOW
        and (k.para.offset, k.token.i) < (f.para.offset, f.token.i)
    ]
    if not before:
        return None
    last = max(before, key=lambda k: (k.para.offset, k.token.i))
    agent = last.event.agent
    return agent if agent is not None and agent != f.event.target else None


#: Where it happened, from the document when the trigger's clause gives no named place.
PLACE_GUESS: RuleList[list[str]] = RuleList("events.place_guess")


def _exclude(f: Found) -> set[str]:
    return {f.event.agent} if f.event.agent else set()


@PLACE_GUESS.rule
def beside_generic_sentence_place(b: Builder, f: Found, by_token: dict) -> list[str] | None:
    """The named place of the sentence beside a common-noun place ("the town square")."""
    if not f.event.places:
        return None
    guess = b.args.sentence_place(f.para, f.token, _exclude(f))
    return [guess] if guess else None


@PLACE_GUESS.rule
def beside_generic_focus(b: Builder, f: Found, by_token: dict) -> list[str] | None:
    """The settlement in focus beside a common-noun place."""
    if not f.event.places:
        return None
    return b.args.focus(f.para, f.token, ("Settlement",)) or NOTHING


@PLACE_GUESS.rule
def related_event(b: Builder, f: Found, by_token: dict) -> list[str] | None:
    """The places of a nested or governing event: "killed in a strike on the city centre"."""
    if f.event.places:
        return None
    for other in b.related(f, by_token):
        if other.own_places and other is not f:
            return list(other.event.places) or None
    return None


@PLACE_GUESS.rule
def sentence_place(b: Builder, f: Found, by_token: dict) -> list[str] | None:
    """The nearest named place of the trigger's sentence."""
    if f.event.places:
        return None
    guess = b.args.sentence_place(f.para, f.token, _exclude(f))
    return [guess] if guess else None


@PLACE_GUESS.rule
def previous_event_place(b: Builder, f: Found, by_token: dict) -> list[str] | None:
    """The places its own clause gave the last event of this or the previous sentence: "The
    attack on Petionville ... Bodies were set on fire" (not talks: they happen elsewhere)."""
    if f.event.places or f.event.type == "Negotiation":
        return None
    before = [
        k
        for k in by_token.values()
        if k.own_places
        and k.event.type != "Negotiation"
        and 0 <= f.sent - k.sent <= PLACE_WINDOW
        and (k.para.offset, k.token.i) < (f.para.offset, f.token.i)
    ]
    if not before:
        return None
    last = max(before, key=lambda k: (k.para.offset, k.token.i))
    return [p for p in last.event.places if p != f.event.agent] or None


@PLACE_GUESS.rule
def settlement_in_focus(b: Builder, f: Found, by_token: dict) -> list[str] | None:
    """The settlement or region last named before (talks happen elsewhere: not for them)."""
    if f.event.places or f.event.type == "Negotiation":
        return None
    focus = b.args.focus(f.para, f.token, ("Settlement", "Region"))
    return [p for p in focus if p != f.event.agent] or None


@PLACE_GUESS.rule
def dateline_place(b: Builder, f: Found, by_token: dict) -> list[str] | None:
    """The place of the story's dateline ("KHARTOUM, Oct 12 (Reuters) -"), the last guess
    for an event the text places nowhere: not when its sentence holds a name we could not
    type (it may be the place), not for talks (they happen elsewhere)."""
    if f.event.places or f.event.type == "Negotiation":
        return None
    off = f.para.offset
    for tok in f.token.sent:  # "shelled Snihurivka": a name we could not type is no gap
        start = off + tok.idx
        if tok.pos_ == "PROPN" and not b.args.in_dateline(start):
            if not b.table.keys_in(start, start + len(tok.text)):
                return None
    mine = [d for d in b.args.datelines if d[0] == f.para.offset]
    for start, end in mine or b.args.datelines[:1]:
        for key in b.table.keys_in(start, end):
            if b.table.type_of(key) in ("Settlement", "Region"):
                return [key]
    return None


def find_events(parsed: Parsed, table: EntityTable, statements: list[Statement]) -> list[Event]:
    """All event mentions of a document, in text order, keys ``ev<trigger offset>``."""
    events = Builder(parsed, table, statements).run()
    unique: dict[str, Event] = {}
    for event in sorted(events, key=lambda e: e.trigger):
        unique.setdefault(event.key, event)
    return list(unique.values())
