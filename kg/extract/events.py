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
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from ..types import ACTOR_TYPES, PLACE_TYPES, Event, Statement, TimeRef
from . import dates
from .attribution import SPEECH_VERBS, Resolver, demonyms, relative_antecedent
from .entities import EntityTable
from .parsed import Paragraph, Parsed

PLACE_PREPS = frozenset(
    "in at near towards toward into on over around outside across to inside through "
    "along behind within".split()
)
MODALS = frozenset({"would", "could", "might", "may", "should", "will", "can", "must"})
CONDITIONS = frozenset({"if", "unless", "whether"})
NEGATORS = frozenset({"fail", "deny", "refuse"})
LAUNCH_VERBS = frozenset(
    "launch begin start conduct carry mount stage continue step wage lead join".split()
)
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
    cc = [c for c in token.children if c.dep_ == "cc" and c.i < token.i]
    first = cc[0].i if cc else token.i
    if first == 0:
        return None
    node = token.doc[first - 1]
    if node.is_punct and first > 1:
        node = token.doc[first - 2]
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
        if seen.dep_ == "conj":
            left = _left_conjunct(seen)
            if left is not None:
                seen = left
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


def classify(token: Token, resolver: Resolver, para: Paragraph) -> tuple[str, list[Token], float]:
    """(event type, trigger tokens, confidence) for a token, or ("", [], 0)."""
    lex = lexicon()
    lemma = token.lemma_.lower()
    lower = token.lower_
    if token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.tag_ == "VBN"):
        prt = [c for c in token.children if c.dep_ == "prt"]
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


class _Builder:
    def __init__(self, parsed: Parsed, table: EntityTable, statements: list[Statement]):
        self.parsed = parsed
        self.table = table
        self.statements = statements
        self.resolver = Resolver(parsed, table)

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
        if token.dep_ == "pobj" and head.head.lemma_.lower() in PARTICIPATION:
            verb = head.head  # "the group, which is involved in fighting"
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    return res.actor(para, relative_antecedent(child) or child)
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
            if self.table.type_of(key) == "Country":
                continue
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
        walk = [token]
        node = token
        while node.head is not node:
            if node.head.lemma_.lower() in SPEECH_VERBS and node.dep_ in ("ccomp", "xcomp"):
                break
            node = node.head
            walk.append(node)
            if node.dep_ in ("ccomp", "ROOT") and node.pos_ in ("VERB", "AUX"):
                break
        for i, node in enumerate(walk):
            for child in node.children:
                if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                    return "denied"
            if i > 0 and node.lemma_.lower() in NEGATORS:
                return "denied"
        for node in walk:
            for child in node.children:
                if child.dep_ == "aux" and child.lower_ in MODALS:
                    return "hypothetical"
                if child.dep_ == "mark" and child.lower_ in CONDITIONS:
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
        events: list[Event] = []
        for para in self.parsed.paragraphs:
            events.extend(self.paragraph(para))
        return events

    def paragraph(self, para: Paragraph) -> list[Event]:
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
        events: list[Event] = []
        by_token: dict[int, Event] = {}
        for token, typ, trig, conf in found:
            if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubjpass", "pobj"):
                head = token.head.head if token.dep_ == "pobj" else token.head
                head_typ = verbal.get(head.i)
                if head_typ and same_group(head_typ, typ):
                    continue  # "rushing reinforcements", "trapping ... in an encirclement"
            start = min(t.idx for t in trig)
            end = max(t.idx + len(t.text) for t in trig)
            span = self.parsed.span(para, start, end)
            agent = self.agent(para, token)
            target = self.target(para, token)
            places = self.places(para, token)
            if target and self.table.type_of(target) in PLACE_TYPES - {"Country"}:
                if target not in places:
                    places.append(target)
            places = [p for p in places if p != agent]
            if not places:
                guess = self.sentence_place(para, token, {agent} if agent else set())
                if guess:
                    places = [guess]
                    conf -= 0.05
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
                confidence=round(max(conf, 0.1), 2),
            )
            events.append(event)
            by_token[token.i] = event
        return [self._borrow_agent(e, by_token, para) for e in events]

    def _borrow_agent(self, event: Event, by_token: dict[int, Event], para: Paragraph) -> Event:
        """A casualty event with no agent takes the agent of the attack that caused it."""
        if event.type != "Casualties" or event.agent is not None:
            return event
        token = next((para.doc[i] for i, e in by_token.items() if e is event), None)
        if token is None:
            return event
        for sub in token.subtree:
            other = by_token.get(sub.i)
            if other is not None and other is not event and other.agent:
                from dataclasses import replace

                return replace(event, agent=other.agent)
        return event


def find_events(parsed: Parsed, table: EntityTable, statements: list[Statement]) -> list[Event]:
    """All event mentions of a document, in text order, keys ``ev<trigger offset>``."""
    events = _Builder(parsed, table, statements).run()
    unique: dict[str, Event] = {}
    for event in sorted(events, key=lambda e: e.trigger):
        unique.setdefault(event.key, event)
    return list(unique.values())
