"""Events: triggers typed into the contract's 23 classes, with their arguments.

The work is shared out: ``triggers.py`` finds and types triggers (lexicon in
``kg/data/lexicon/triggers.json``, phrasal verbs, instruments, movement verbs that need a
military subject); ``arguments.py`` finds each trigger's agent, target, places, time
and casualty counts on the dependency parse; ``factuality.py`` reads "denied" under a
negation and "hypothetical" under a modal, a condition or a prospect. This module
builds the events (``_Builder``): per paragraph it keeps the triggers that are events
(not "rushing reinforcements" twice, not the noun of "the battle was fought", not
"combat vehicles"), asks for their arguments, and marks an asserted event inside a
statement's span "claimed" (the event then points to that statement).

Three document-wide passes follow the per-paragraph triggers (``_Builder.run``):
coreference (a definite event noun with nothing new — "The advance means ...", "the
attack was revenge" — is another mention of an earlier event, not a new one; the
mention is folded into the antecedent's ``mentions``), agent inheritance
(spokesman's organisation for "claimed to have destroyed", the governing event for
participles, the cause of casualties) and places (the settlement in focus for "the
outskirts"/"there", nested and governing events, the sentence, the previous sentences).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from ...types import PLACE_TYPES, Event, Statement
from .. import dates
from ..coref.resolver import SPEECH_VERBS, Resolver
from ..entities.candidates import forces_country
from ..entities.table import EntityTable
from ..factuality import CONDITIONS, INTENTIONS, MODALS, NEGATORS, PROSPECTS, factuality_of
from ..parsed import Paragraph, Parsed
from .arguments import (
    ANAPHORIC_PLACES,
    FOCUS_CHARS,
    LAUNCH_VERBS,
    LOWER_BOUND,
    MINISTRY_OF,
    NON_MILITARY,
    NUMBER_WORDS,
    PARTICIPATION,
    PLACE_PREPS,
    SPOKESPEOPLE,
    SUCCESS_NOUNS,
    Arguments,
    casualties,
    event_time,
    parse_count,
)
from .triggers import (
    DEFINITE,
    LENIENT_GROUPS,
    SUPPORT_VERBS,
    classify,
    is_definite,
    lexicon,
    named_event,
    negated_indefinite,
    plural,
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


@dataclass
class _Found:
    """An event being built: its paragraph, trigger token and sentence number."""

    para: Paragraph
    token: Token
    event: Event
    sent: int
    own_places: bool  # places from the trigger's own clause
    named: bool  # a named event ("the Third Battle of Kharkiv")


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


def _merge_casualties(found: list[_Found]) -> list[_Found]:
    """One Casualties event for a killing-and-wounding phrase.

    "killing two and wounding five", "27 were killed and 130 wounded": the conjoined
    casualty verb adds its count (fatalities or injured) to the first one's event.
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
            )
            by_token[f.token.i] = head
            continue
        kept.append(f)
    return kept


def _not_own_target(event: Event) -> Event:
    """An actor is not the target of its own action: inheritance passes that fill the
    agent and the target from one antecedent ("reserves have been brought") can agree."""
    return replace(event, target=None) if event.target == event.agent is not None else event


class _Builder:
    def __init__(self, parsed: Parsed, table: EntityTable, statements: list[Statement]):
        self.parsed = parsed
        self.table = table
        self.statements = statements
        self.resolver = Resolver(parsed, table)
        self.resolver.media |= {s.medium for s in statements if s.medium}
        self.args = Arguments(table, self.resolver)
        self.coref: dict[tuple[int, int], _Found] = {}
        self.coref_types: dict[tuple[int, int], str] = {}  # a coreferent mention's own type

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
        return [_not_own_target(self._with_mentions(f)) for f in found]

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
                if head.lemma_.lower() in lexicon()["result_verbs"]:
                    head_typ = None  # "collapsed following a strike": the strike is its cause
                backdrop = token.dep_ == "pobj" and token.head.lower_ in BACKDROP_PREPS
                if head_typ and same_group(head_typ, typ) and not is_definite(token):
                    if not backdrop:  # "advanced amid offensive operations": two events
                        continue  # "rushing reinforcements", "trapping ... in an encirclement"
            if token.i in verbal and support_verb(token, typ, nominal):
                continue  # "the battle was fought": the noun is the event
            if token.i in nominal and token.dep_ == "appos" and token.head.i in nominal:
                continue  # "That battle, the last German offensive, ...": one event
            if token.i in nominal and token.dep_ == "compound" and not trig[1:]:
                continue  # "combat vehicles", "attack helicopters": a kind, not an event
            if token.i in nominal and negated_indefinite(token):
                continue  # "no army has suffered such a defeat in a single battle"
            if typ == "Casualties" and _nobody(token):
                continue  # "No one was injured"
            named = named_event(token)
            trig = named or trig
            start = min(t.idx for t in trig)
            end = max(t.idx + len(t.text) for t in trig)
            span = self.parsed.span(para, start, end)
            agent = self.args.agent(para, token)
            if agent is None and typ in MOVEMENT and token.i in verbal:
                agent = self.args.moved_forces(para, token)
            if agent is None and token.i in verbal:
                agent = self.args.forces_in_focus(para, token)
            agent = self.args.combatant(agent, typ)
            target = self.args.target(para, token)
            places = self.args.places(para, token)
            head = token.head
            if token.i in nominal and token.dep_ == "nsubj" and head.i not in verbal:
                # "Israeli air strikes hit Rafah", "Fighting raged in Bakhmut"
                places += [p for p in self.args.places(para, head) if p not in places]
                if target is None and head.lemma_.lower() in lexicon()["strike_words"]:
                    target = self.args.target(para, head)
            if token.i in nominal and token.dep_ == "dobj" and head.lemma_.lower() in LAUNCH_VERBS:
                # "launched an offensive on positions around X": the launch's places
                places += [p for p in self.args.places(para, head) if p not in places]
            if target and self.table.type_of(target) in PLACE_TYPES - {"Country", "Facility"}:
                if target not in places:
                    places.append(target)
            places = [p for p in places if p != agent]
            if not places:
                places = self.args.anaphoric_places(para, token)
            fatalities = injured = None
            lower = False
            if typ == "Casualties":
                fatalities, injured, lower = casualties(token)
            factuality = factuality_of(token)
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
            )
            sent = index.get((para.offset, token.sent.start), 0)
            out.append(_Found(para, token, event, sent, bool(places), named is not None))
        return _merge_casualties(out)

    # -- document-wide passes ----------------------------------------------------------------
    def _corefer(self, found: list[_Found]) -> list[_Found]:
        """Drop definite nominal mentions of an earlier event ("The advance means ...").

        A definite event noun ("the attack", "that battle", "the Ukrainian breakthrough")
        with no place of its own beyond its antecedent's and a compatible agent is another
        mention of the most recent event of the same type in the last few sentences, else
        of the first event of its type in the document (the story's main event, as in a
        closing "the success of the offensive"; "the RSF attack" after "a fresh assault"
        several sentences back), else of the same group in the last sentences. The mention
        is recorded in ``self.coref`` (token -> antecedent) for argument inheritance.
        """
        kept: list[_Found] = []
        for f in found:
            ante = self._antecedent(f, kept) if _anaphoric(f.token, f.named) else None
            if ante is None:
                kept.append(f)
                continue
            self.coref[(f.para.offset, f.token.i)] = ante
            self.coref_types[(f.para.offset, f.token.i)] = f.event.type
            if ante.event.agent is None and f.event.agent is not None:
                ante.event = replace(ante.event, agent=f.event.agent)
        return kept

    def _antecedent(self, f: _Found, kept: list[_Found]) -> _Found | None:
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
                    agent = self.args.affiliation(para, token.head)
            own = [c for c in token.children if c.dep_ == "nsubj"]
            if own and all(self._event_at(para, c, by_token) is None for c in own):
                pass  # "... and that authorities had evacuated": its own subject acts
            elif agent is None and token.pos_ in ("VERB", "AUX") and not _passive(token):
                agent = self._governing_agent(para, token, by_token)
            if agent is None and f.event.type == "Offensive" and token.dep_ == "pobj":
                agent = self._campaigner(para, token)
            if agent is None and f.event.type == "Casualties":
                for sub in token.subtree:
                    if self.coref_types.get((para.offset, sub.i)) == "Battle":
                        continue  # "killed in the fighting": fighting has two sides
                    other = self._event_at(para, sub, by_token)
                    if other is not None and other is not f and other.event.agent:
                        agent = other.event.agent
                        break
            if agent is not None:
                f.event = replace(f.event, agent=self.args.combatant(agent, f.event.type))

    def _campaigner(self, para: Paragraph, token: Token) -> str | None:
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

    def _governing_agent(self, para: Paragraph, token: Token, by_token: dict) -> str | None:
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
            other = self._event_at(para, node, by_token)
            if other is not None and other.event.agent:
                return other.event.agent
            for child in node.children:
                causes = [child] if child.dep_ == "nsubj" else []
                if child.dep_ == "agent":  # "was hit by tank fire, wounding two"
                    causes = [c for c in child.children if c.dep_ == "pobj"]
                for cause in causes:
                    other = self._event_at(para, cause, by_token)
                    if other is not None and other.event.agent:
                        return other.event.agent
            if node.dep_ == "ROOT":
                return None
        return None

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
                guess = self.args.sentence_place(f.para, f.token, {agent} if agent else set())
                extra = [guess] if guess else self.args.focus(f.para, f.token, ("Settlement",))
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
                guess = self.args.sentence_place(f.para, f.token, {agent} if agent else set())
                places = [guess] if guess else []
                conf -= 0.05
            if not places and f.event.type != "Negotiation":  # talks happen elsewhere
                places = [
                    p
                    for p in self.args.focus(f.para, f.token, ("Settlement", "Region"))
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
