"""Who said it, and through what: the rules of ``statements.speaker``,
``statements.quote_speaker``, ``statements.medium`` and ``statements.actor``.

Speaker rules take ``(finder, para, verb)`` for a speech verb and return
``(entity key or None, confidence)``; ``statements.quote_speaker`` rules take
``(finder, index, para, end)`` for a quote no verb introduces and return
``(speaker, medium, confidence)``. ``finder`` is the document's ``StatementFinder``
(its ``parsed``, ``table``, ``resolver`` and the last direct quote).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ...types import ACTOR_TYPES
from .. import lexicon
from ..coref.resolver import BODY_NOUNS, SPEECH_VERBS, stranded_subject
from ..entities.candidates import forces_country
from ..entities.ruler import ORG_WORDS, PERSON_ROLES, TITLES
from ..parsed import Paragraph
from ..rules import NOTHING, RuleList
from .quotes import (
    CHANNEL_NOUNS,
    MEDIUM_PREPS,
    PUBLISHED_NOUNS,
    SPEAKER_ORG_NOUNS,
    in_any,
    quote_ranges,
)
from .speech import released_by

if TYPE_CHECKING:
    from .finder import StatementFinder

SPEAKER: RuleList[tuple] = RuleList("statements.speaker")
QUOTE_SPEAKER: RuleList[tuple] = RuleList("statements.quote_speaker")
MEDIUM: RuleList[str] = RuleList("statements.medium")
CO_SPEAKERS: RuleList[tuple] = RuleList("statements.co_speakers")
ACTOR: RuleList[str] = RuleList("statements.actor")
SUBJECTS = ("nsubj", "nsubjpass")
SPEAKER_PRONOUNS = ("it", "they", "he", "she")
#: How many paragraphs back a pronoun speaker ("it added") may reach for the last speaker.
SPEAKER_PARAGRAPHS = 2
OPENING_MARKS = "\"'\u201c\u2018\u00ab"
OUTLET_HEADS = lexicon.words("outlet_heads")
#: Modifiers of a spokesperson that make them the national army's ("an army spokesman").
ARMY_WORDS = ("army", "military")
#: Who speaks for a body by office ("an army spokesperson"), beside plural "officials".
ARMY_VOICES = ("spokesman", "spokeswoman", "spokesperson")
#: Labels of a national army ("Sudanese Armed Forces", "Ethiopian National Defense Force").
NATIONAL_ARMY = re.compile(r"\b(?:Armed|Defen[cs]e) Forces?\b|\bArmy$")


# -- the speaker of a speech verb ----------------------------------------------------------
@SPEAKER.rule
def according_to_source(finder: StatementFinder, para: Paragraph, verb: Token):
    """ "according to X": X, or the publisher of "a video released by X"."""
    if verb.lower_ != "according":
        return None
    for to in verb.children:
        for pobj in to.children:
            if pobj.dep_ == "pobj":
                return speaking_actor(finder, para, released_by(pobj) or pobj), 0.8
    return None, 0.5


@SPEAKER.rule
def second_speech_act(finder: StatementFinder, para: Paragraph, verb: Token):
    """ "X told Y that ... and accused Z of ...": the second act is X's too."""
    if verb.dep_ != "conj" or verb.head.dep_ != "ccomp":
        return None
    if any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    outer = verb.head.head
    if outer.lemma_.lower() in SPEECH_VERBS:
        return SPEAKER.value(finder, para, outer)
    return None


def quoted_as(verb: Token) -> Token | None:
    """ "X quoted Y as saying ...": the verb "quoted" of such a "saying", or None."""
    prep = verb.head
    if verb.tag_ != "VBG" or verb.dep_ != "pcomp" or prep.lower_ != "as":
        return None
    quoted = prep.head
    return quoted if quoted.lemma_.lower() in ("quote", "cite") and quoted is not prep else None


@SPEAKER.rule
def quoted_as_saying(finder: StatementFinder, para: Paragraph, verb: Token):
    """ "Interfax quoted the FSB as saying ...": the one quoted speaks, not the quoter."""
    quoted = quoted_as(verb)
    if quoted is None:
        return None
    for obj in (c for c in quoted.children if c.dep_ == "dobj"):
        key = speaking_actor(finder, para, obj)
        return (key, 0.8) if key is not None else (None, 0.6)
    return None


@SPEAKER.rule
def speech_participle(finder: StatementFinder, para: Paragraph, verb: Token):
    """ "it said, adding that ...", "said, claiming to have ...": a subjectless speech
    participle is the speaker of the speech verb it hangs on."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "xcomp", "conj"):
        return None
    if any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    head = verb.head
    if head is verb or head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() not in SPEECH_VERBS:
        return None
    return SPEAKER.value(finder, para, head)


@SPEAKER.rule
def pronoun_continues_speaker(finder: StatementFinder, para: Paragraph, verb: Token):
    """ "X reported ... The attacks were repelled, it said": the speaker just before."""
    previous = previous_speaker(finder, para, verb)
    return (previous, 0.8) if previous is not None else None


@SPEAKER.rule
def pronoun_last_speaker(finder: StatementFinder, para: Paragraph, verb: Token):
    """'"...," it added' in a paragraph of its own: the compatible speaker of the last
    two paragraphs, not a noun of the quotation (quoted paragraphs only)."""
    pronouns = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in SPEAKER_PRONOUNS]
    quotes = quote_ranges(para.doc.text)
    if not pronouns or not quotes or in_any(pronouns[0], quotes):
        return None
    start = para.offset + pronouns[0].idx
    floor = paragraph_start(finder, para, back=SPEAKER_PARAGRAPHS)
    for where, key in sorted(finder.resolver.speakers, reverse=True):
        if where >= start:
            continue
        if where < floor:
            return None
        if _compatible(finder, key, pronouns[0].lower_):
            return key, 0.75
    return None


def paragraph_start(finder: StatementFinder, para: Paragraph, back: int) -> int:
    """Where the paragraph ``back`` paragraphs before ``para`` starts (document offset)."""
    offsets = [p.offset for p in finder.parsed.paragraphs]
    index = offsets.index(para.offset) if para.offset in offsets else 0
    return offsets[max(0, index - back)]


@SPEAKER.rule
def both_sides(finder: StatementFinder, para: Paragraph, verb: Token):
    """ "Both sides blamed each other": the first of the two countries named last (the
    other one is a co-speaker)."""
    parties = two_sides(finder, para, verb)
    return (parties[0], 0.7) if parties else None


def two_sides(finder: StatementFinder, para: Paragraph, verb: Token) -> tuple[str, ...]:
    """The two countries named last before "both sides" / "the two sides", the verb's
    subject; () when the subject is no such phrase or fewer than two are named."""
    subj = [c for c in verb.children if c.dep_ == "nsubj" and c.lemma_.lower() == "side"]
    if not subj or subj[0].tag_ != "NNS":
        return ()
    if not any(c.lower_ in ("both", "two") for c in subj[0].children):
        return ()
    before = para.offset + subj[0].idx
    last: dict[str, int] = {}
    for ent in finder.table.entities():
        starts = [m.start for m in ent.mentions if m.start < before]
        if ent.type == "Country" and not ent.generic and starts:
            last[ent.key] = max(starts)
    ranked = sorted(last, key=lambda k: last[k], reverse=True)
    return tuple(ranked[:2]) if len(ranked) >= 2 else ()


@SPEAKER.rule
def stranded_or_hung_subject(finder: StatementFinder, para: Paragraph, verb: Token):
    """A subject the parser hung elsewhere ("X said ... and officials acknowledged",
    "In a statement broadcast on PTV, the ISPR said")."""
    stranded = stranded_subject(verb) or hung_subject(verb)
    if stranded is None:
        return None
    key = speaking_actor(finder, para, stranded)
    return key, 0.7 if key is not None else 0.6


@SPEAKER.rule
def clause_subject(finder: StatementFinder, para: Paragraph, verb: Token):
    """The subject of the verb, or of the clause it hangs in (up to three levels up);
    "Telegram channels" claim through a platform, which is a medium, not a speaker."""
    quotes = quote_ranges(para.doc.text)
    seen = verb
    for _ in range(3):
        subj = [
            c
            for c in seen.children
            if c.dep_ in SUBJECTS
            and c.lower_ not in ("which", "that", "who")
            and not in_any(c, quotes)
        ]
        if subj:
            for cand in subj:
                key = speaking_actor(finder, para, cand)
                if key in finder.resolver.media and cand.lemma_.lower() in CHANNEL_NOUNS:
                    return None, 0.6
                if key is not None:
                    return key, 0.85
            return None, 0.6
        if seen.dep_ in ("advcl", "xcomp", "conj", "acl", "relcl") and seen.head is not seen:
            seen = seen.head
            continue
        break
    return None


@SPEAKER.rule
def statement_saying(finder: StatementFinder, para: Paragraph, verb: Token):
    """ "The ministry issued a statement saying ...": the speech hangs on a published
    noun; its speaker is whoever issued (posted, released) it."""
    noun = verb.head
    if verb.dep_ != "acl" or noun.lemma_.lower() not in PUBLISHED_NOUNS:
        return None
    publisher = released_by(noun)
    if publisher is None and noun.dep_ in ("dobj", "pobj"):
        holder = noun.head if noun.dep_ == "dobj" else noun.head.head
        subj = [c for c in holder.children if c.dep_ in SUBJECTS]
        publisher = subj[0] if subj and holder.pos_ in ("VERB", "AUX") else None
    if publisher is None:
        return None
    key = speaking_actor(finder, para, publisher)
    return (key, 0.8) if key is not None else (None, 0.6)


@SPEAKER.rule
def counted_speaker(finder: StatementFinder, para: Paragraph, verb: Token):
    """'"...," one commented' (the parser makes "one" the head of the verb)."""
    if verb.dep_ == "acl" and verb.head.pos_ in ("NUM", "NOUN", "PROPN"):
        return speaking_actor(finder, para, verb.head), 0.6
    return None


@SPEAKER.rule
def no_speaker(finder: StatementFinder, para: Paragraph, verb: Token):
    """No rule found a speaker: the statement is unattributed."""
    return None, 0.5


def previous_speaker(finder: StatementFinder, para: Paragraph, verb: Token) -> str | None:
    """'Ukraine's General Staff reported ... The attacks were repelled, it said': a
    pronoun speaker continues the speaker of the speech verb just before it (same
    paragraph, this or the previous sentence), when the two are compatible."""
    pronouns = [
        c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in ("it", "they", "he", "she")
    ]
    if not pronouns:
        return None
    pronoun = pronouns[0].lower_
    sent_start = verb.sent.start
    earlier = [s for s in verb.doc.sents if s.end <= sent_start]
    window_start = earlier[-1].start if earlier else sent_start
    for tok in reversed(verb.doc[window_start : verb.i]):
        if tok.lower_ == "according":  # "..., according to X. No one was hurt, he said."
            subj = [p for to in tok.children for p in to.children if p.dep_ == "pobj"]
        elif tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in SPEECH_VERBS:
            continue
        elif quoted_as(tok) is not None:  # "X quoted Y as saying ... It said": Y
            subj = [c for c in quoted_as(tok).children if c.dep_ == "dobj"]
        else:
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
        if not subj or subj[0].pos_ == "PRON":
            return None
        key = speaking_actor(finder, para, subj[0])
        return key if key is not None and _compatible(finder, key, pronoun) else None
    return None


def _compatible(finder: StatementFinder, key: str, pronoun: str) -> bool:
    """Whether a pronoun can stand for the entity: it/they for bodies, he/she for people."""
    kind = finder.table.type_of(key)
    if pronoun in ("it", "they"):
        return kind != "Person"
    want = "male" if pronoun == "he" else "female"
    return kind == "Person" and finder.resolver.gender(key) in (None, want)


def hung_subject(verb: Token) -> Token | None:
    """'In a statement broadcast on PTV, the ISPR said ...': the parser hangs the
    subject on the opening phrase (an apposition of "PTV"); a subjectless speech verb
    takes the noun phrase between the last comma and itself when that phrase is such an
    apposition of an earlier word."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    doc, sent = verb.doc, verb.sent
    i = verb.i - 1
    while i >= sent.start and doc[i].text != ",":
        i -= 1
    if i < sent.start:
        return None
    chunk = doc[i + 1 : verb.i]
    roots = [t for t in chunk if not (chunk.start <= t.head.i < chunk.end)]
    if len(roots) == 1 and roots[0].pos_ in ("NOUN", "PROPN") and roots[0].dep_ == "appos":
        if roots[0].head.i < i:
            return roots[0]
    return None


# -- further speakers of the same words -----------------------------------------------------
@CO_SPEAKERS.rule
def conjoined_subjects(finder: StatementFinder, para: Paragraph, verb: Token, key: str | None):
    """ "Armenia and Azerbaijan blamed each other", "A, B and C reported": each conjoined
    subject of the speech verb besides ``key`` (the first speaker) says it too."""
    if key is None:
        return None
    quotes = quote_ranges(para.doc.text)
    found: list[str] = []
    for subj in (c for c in verb.children if c.dep_ in SUBJECTS and not in_any(c, quotes)):
        for cand in subj.conjuncts:
            other = speaking_actor(finder, para, cand)
            if other is not None and other != key and other not in found:
                found.append(other)
    return tuple(found) if found else None


@CO_SPEAKERS.rule
def other_side(finder: StatementFinder, para: Paragraph, verb: Token, key: str | None):
    """ "Both sides blamed each other": the second of the two sides says it too."""
    parties = two_sides(finder, para, verb)
    return parties[1:] if parties and key == parties[0] else None


@CO_SPEAKERS.rule
def single_speaker(finder: StatementFinder, para: Paragraph, verb: Token, key: str | None):
    """No other speaker shares the words."""
    return ()


# -- the speaker of a quote no verb introduces ----------------------------------------------
@QUOTE_SPEAKER.rule
def caption_name(finder: StatementFinder, index: int, para: Paragraph, end: int):
    """A quote followed by a line that starts with a person's name: that person."""
    rest = para.doc.text[end:].lstrip("\"'\u201d\u2019.!?, ")
    first = len(para.doc.text) - len(rest)
    after = [t for t in para.doc if t.idx >= first][:5]
    if not after or any(t.lemma_ in SPEECH_VERBS for t in after):
        return None
    for tok in after:
        if tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN":
            key = speaking_actor(finder, para, tok)
            if key is not None and finder.table.type_of(key) == "Person":
                return key, None, 0.6
        if tok.is_punct:
            break
    return None


@QUOTE_SPEAKER.rule
def previous_quote(finder: StatementFinder, index: int, para: Paragraph, end: int):
    """A quote right after another (this or the previous paragraph) continues it."""
    if finder.last_direct is not None and finder.last_direct[0] >= index - 1:
        prev = finder.last_direct[1]
        return prev.speaker, prev.medium, 0.6
    return None


@QUOTE_SPEAKER.rule
def previous_statement(finder: StatementFinder, index: int, para: Paragraph, end: int):
    """A quote that opens the paragraph after a reported statement ("X confirmed the
    assault. / '...'") is the words of that statement's speaker."""
    if finder.last_statement is None or finder.last_statement[0] != index - 1:
        return None
    prev = finder.last_statement[1]
    if prev.speaker is None or para.doc.text.lstrip()[:1] not in OPENING_MARKS:
        return None
    return prev.speaker, prev.medium, 0.5


@QUOTE_SPEAKER.rule
def unattributed_quote(finder: StatementFinder, index: int, para: Paragraph, end: int):
    """No speaker can be found for the quote."""
    return None, None, 0.3


# -- the medium ------------------------------------------------------------------------------
@MEDIUM.rule
def channel_platform(finder: StatementFinder, para: Paragraph, verb: Token):
    """ "Telegram channels linked to X claimed ...": the platform of the channels."""
    holders = [verb] + ([verb.head] if verb.dep_ in ("dep", "conj") else [])
    for subj in (c for h in holders for c in h.children if c.dep_ == "nsubj"):
        if subj.lemma_.lower() in CHANNEL_NOUNS:
            for mod in subj.children:
                if mod.dep_ in ("compound", "nmod", "amod"):
                    key = finder.resolver.key_of(para, mod, frozenset({"Organization"}))
                    if key is not None and key in finder.resolver.media:
                        return key
    return None


@MEDIUM.rule
def quoting_outlet(finder: StatementFinder, para: Paragraph, verb: Token):
    """ "Interfax quoted the FSB as saying ...": the organisation that quoted."""
    quoted = quoted_as(verb)
    for subj in (c for c in quoted.children if c.dep_ == "nsubj") if quoted is not None else ():
        key = finder.resolver.key_of(para, subj, frozenset({"Organization"}))
        if key is not None:
            return key
    return None


@MEDIUM.rule
def told_or_on(finder: StatementFinder, para: Paragraph, verb: Token):
    """ "told Reuters", "wrote on X", "said on Russia-1's show": the organisation there
    (not the source of "according to X": that is the speaker)."""
    if verb.lower_ == "according":
        return None
    cands: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and verb.lemma_ == "tell":
            cands.append(child)
        if child.dep_ == "prep" and child.lower_ in MEDIUM_PREPS:
            cands.extend(c for c in child.children if c.dep_ == "pobj")
    for cand in cands:
        span = finder.parsed.span_of(para, cand.doc[cand.left_edge.i : cand.right_edge.i + 1])
        keys = finder.table.keys_in(span.start, span.end) or [
            finder.table.key_at(span.start, span.end)
        ]
        for key in keys:
            if key is not None and finder.table.type_of(key) == "Organization":
                return key
    return None


# -- the actor a speaker token stands for -----------------------------------------------------
def speaking_actor(finder: StatementFinder, para: Paragraph, token: Token) -> str | None:
    """The actor a speaker token stands for (the rules of ``statements.actor``)."""
    return ACTOR.value(finder, para, token)


@ACTOR.rule
def person_in_apposition(finder: StatementFinder, para: Paragraph, token: Token):
    """ "An RSF adviser, Musa Abdelkarim, said": the person named in apposition."""
    if token.pos_ != "NOUN":
        return None
    for child in token.children:
        if child.dep_ == "appos":
            key = finder.resolver.key_of(para, child, frozenset({"Person"}))
            if key is not None:
                return key
    return None


@ACTOR.rule
def named_channel(finder: StatementFinder, para: Paragraph, token: Token):
    """ "The Telegram channel VChK-OGPU reported": the channel named in apposition (made
    an organisation when no entity names it); the platform is only its medium."""
    if token.lemma_.lower() not in CHANNEL_NOUNS:
        return None
    for name in (c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"):
        run = token.doc[name.left_edge.i : name.i + 1]
        span = finder.parsed.span_of(para, run)
        key = finder.table.key_at(span.start, span.end)
        if key is None and all(t.pos_ == "PROPN" or t.text == "-" for t in run):
            key = finder.table.add(span, "Organization", confidence=0.4)
        if key is not None and finder.table.type_of(key) in ACTOR_TYPES:
            return key
    return None


@ACTOR.rule
def national_body(finder: StatementFinder, para: Paragraph, token: Token):
    """ "Ukraine's air force said", "Russia's investigative committee said": a state body
    no entity names yet, made one (the speaker is the body, not its country)."""
    kind = lexicon.table("national_body_nouns").get(token.lemma_.lower())
    if kind is None or token.pos_ != "NOUN":
        return None
    span = finder.parsed.span_of(para, token)
    if finder.table.key_at(span.start, span.end) is not None:
        return None
    owners = [c for c in token.children if c.dep_ in ("poss", "amod", "compound")]
    for owner in owners:
        country = finder.resolver.key_of(para, owner, frozenset({"Country"}))
        if country is None or finder.table.key_at(span.start, span.end) is not None:
            continue
        words = [t for t in token.doc[owner.i + 1 : token.i + 1] if t.dep_ != "case"]
        if not words or any(not (t.is_alpha or t.text == "-") for t in words):
            return None
        name = " ".join(t.text if t.is_upper else t.text.title() for t in words)
        label = f"{name} of {finder.table.label_of(country)}"
        body = finder.parsed.span_of(para, token.doc[owner.left_edge.i : token.i + 1])
        return finder.table.add(body, kind, label=label, confidence=0.5)
    return None


@ACTOR.rule
def army_spokesperson(finder: StatementFinder, para: Paragraph, token: Token):
    """ "an army spokesperson told AFP", "military officials said": the one national
    army the document names (none when it names two); "a military officer" speaks for
    himself."""
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or not (
        lemma in ARMY_VOICES or (lemma == "official" and token.tag_ == "NNS")
    ):
        return None
    mods = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
    if not mods or any(m.lower_ not in ARMY_WORDS for m in mods):
        return None
    national = forces_country()
    armies = {
        e.key
        for e in finder.table.entities()
        if e.type == "MilitaryUnit"
        and not e.generic
        and (e.label in national or NATIONAL_ARMY.search(e.label))
    }
    return next(iter(armies)) if len(armies) == 1 else None


@ACTOR.rule
def resolved_actor(finder: StatementFinder, para: Paragraph, token: Token):
    """The actor coreference finds, unless it is only a modifier of the speaker ("a
    Ukrainian soldier said", "a Ukrainian military blogger") or no actor at all."""
    key = finder.resolver.actor(para, token, demonym=False)
    if key is None:
        return None
    kind = finder.table.type_of(key)
    if (
        token.pos_ == "NOUN"
        and kind == "Country"
        and finder.resolver.adjective_only(para, token, key)
    ):
        return NOTHING
    if modifier_only(finder, para, token, key) or kind not in ACTOR_TYPES:
        return NOTHING
    return key


@ACTOR.rule
def named_by_apposition(finder: StatementFinder, para: Paragraph, token: Token):
    """A speaker the NER missed, typed by its apposition: "Ukrenergo, the national grid
    operator, said" (an organisation), "Moroz, a drone pilot, said" (a person)."""
    if token.pos_ != "PROPN" or token.ent_type_ == "PERSON":
        return None
    roles = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    span = finder.parsed.span_of(para, token)
    if not roles or not token.is_title or finder.table.key_at(span.start, span.end):
        return None
    lemma = roles[0].lemma_.lower()
    if lemma in SPEAKER_ORG_NOUNS:
        type_ = "Organization"
    elif lemma in PERSON_ROLES:
        type_ = "Person"
    else:
        return None
    names = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    run = token.doc[(names[0] if names else token).i : token.i + 1]
    return finder.table.add(finder.parsed.span_of(para, run), type_, confidence=0.4)


@ACTOR.rule
def missed_person_name(finder: StatementFinder, para: Paragraph, token: Token):
    """A speaker the NER missed: a run of capitalised names ("Oleksandr Marchenko")."""
    if token.pos_ != "PROPN":
        return None
    names = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    first = names[0] if names else token
    run = token.doc[first.i : token.i + 1]
    if any(t.lower_ in ORG_WORDS or t.lower_ in TITLES for t in run):
        return None  # "the General Staff said": a body, not a person
    if token.ent_type_ == "PERSON" or (
        len(run) >= 2 and all(t.is_title and t.is_alpha for t in run)
    ):
        span = finder.parsed.span_of(para, run)
        if finder.table.key_at(span.start, span.end) is None:
            return finder.table.add(span, "Person", confidence=0.4)
    return None


def modifier_only(finder: StatementFinder, para: Paragraph, token: Token, key: str) -> bool:
    """True when a person or body noun ("blogger", a name's head "Network") finds
    ``key`` only in a modifier: the speaker is someone of or near that entity, not the
    entity itself (a possessor, "the ministry's spokesman", still speaks for it)."""
    lemma = token.lemma_.lower()
    if token.pos_ != "PROPN" and lemma not in PERSON_ROLES | SPEAKER_ORG_NOUNS | ORG_WORDS:
        return False
    if any(c.dep_ == "poss" for c in token.children):
        return False
    if token.pos_ == "NOUN" and lemma in BODY_NOUNS:
        if finder.table.type_of(key) in ("Organization", "MilitaryUnit"):
            return False  # "a UN group of experts": a body of the UN speaks for it
    outlet = token.pos_ == "NOUN" and lemma in OUTLET_HEADS
    if outlet and finder.table.type_of(key) == "Organization":
        return False  # "the Reuters news agency reported": the outlet itself
    start = para.offset + token.idx
    first = para.offset + token.left_edge.idx
    mentions = finder.table.mentions_of(key)
    if not any(first <= m.start <= start for m in mentions):
        return False  # "the group said": resolved back to an earlier mention
    return not any(m.start <= start < m.end for m in mentions)
