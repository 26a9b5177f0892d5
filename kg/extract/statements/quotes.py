"""Reported speech: direct quotes and indirect speech, with speaker and medium.

Direct quotes are the passages between quotation marks (straight or curly); each
unbroken passage is one statement. Indirect speech is the clause a speech verb
governs ("X said (that) ...", "X claimed to have ...", "according to X, ...").
Quotation marks inside a reported clause belong to that clause (no separate
statement), and short scare quotes ('a "substantial" victory') are not statements
unless a speech verb attributes them. Speakers come from the subject of the speech
verb (names, organisations, pronouns and "the official" resolved to the most recent
compatible subject); a quote with no attribution of its own continues the previous
speaker's statement when it follows it directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from ...types import ACTOR_TYPES, Statement
from .. import lexicon
from ..coref.resolver import (
    BODY_NOUNS,
    OBJECT_SPEECH_VERBS,
    SPEECH_VERBS,
    Resolver,
    stranded_subject,
)
from ..entities.ruler import ORG_WORDS, PERSON_ROLES
from ..entities.table import EntityTable
from ..events.arguments import dateline_end
from ..parsed import Paragraph, Parsed

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


@dataclass
class _Quote:
    start: int  # paragraph-local, the inner text without marks
    end: int
    opens_sentence: bool
    after_colon: bool


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


def _tokens_in(para: Paragraph, start: int, end: int) -> list[Token]:
    return [t for t in para.doc if start <= t.idx and t.idx + len(t.text) <= end]


def _in_any(token: Token, ranges: list[tuple[int, int]]) -> bool:
    return any(s - 1 <= token.idx < e + 1 for s, e in ranges)


def _clause_tokens(head: Token) -> list[Token]:
    """A reported clause's tokens, without a conjoined clause of another subject."""
    drop: set[int] = set()
    for child in head.children:
        if (
            child.dep_ == "conj"
            and child.pos_ in ("VERB", "AUX")
            and (
                any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
                or child.lemma_.lower() in SPEECH_VERBS  # "... and accused X of Y"
            )
            and not any(c.dep_ == "mark" for c in child.children)
        ):
            drop.update(t.i for t in child.subtree)
            drop.update(c.i for c in head.children if c.dep_ == "cc" and c.i < child.i)
    return [t for t in head.subtree if t.i not in drop]


def speech_verbs(para: Paragraph, quotes: list[tuple[int, int]]) -> list[Token]:
    """Speech verbs outside quotation marks ("say", "go on", "according to")."""
    found = []
    for token in para.doc:
        if _in_any(token, quotes):
            continue
        lemma = token.lemma_.lower()
        if any(c.dep_ == "neg" for c in token.children):
            continue  # "did not say where they were going"
        if token.pos_ in ("VERB", "AUX") and lemma in SPEECH_VERBS:
            found.append(token)
        elif lemma == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in token.children):
            found.append(token)
        elif token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            if not _sourceless_data(token):
                found.append(token)
        elif lemma == "call" and (_calls_on(token) or _calls_for(token)):
            found.append(token)  # "called on allies to deliver ...", "called for a ceasefire"
        elif lemma == "call" and _quoted_verdict(token, quotes) is not None:
            found.append(token)  # 'called the claim "a fabrication"'
    return found


def _quoted_verdict(verb: Token, quotes: list[tuple[int, int]]) -> Token | None:
    """'called the claim "a fabrication"': the quoted object predicate of "call" (a
    verdict on the object, spoken by the subject), or None. A quoted proper name
    ('called the operation "Iron Sword"') is a name, not a verdict."""
    for child in verb.children:
        if child.dep_ == "oprd" and child.pos_ != "PROPN" and _in_any(child, quotes):
            if any(c.dep_ == "dobj" for c in verb.children):
                return child
    return None


def _hung_subject(verb: Token) -> Token | None:
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


#: Things that are published: "according to a video released by X" is X's word.
PUBLISHED_NOUNS = lexicon.words("published_nouns")


#: "according to preliminary data": figures with no source are the writer's hedge.
DATA_NOUNS = lexicon.words("data_nouns")


def _sourceless_data(according: Token) -> bool:
    """ "according to preliminary data" (no owner, no named source, nothing released by
    anyone): a hedge, not someone's statement; "according to UN figures" is the UN's."""
    for to in according.children:
        for pobj in to.children:
            if pobj.dep_ != "pobj" or pobj.lemma_.lower() not in DATA_NOUNS:
                return False
            return not any(
                c.dep_ in ("poss", "prep", "acl", "relcl", "conj")
                or (c.dep_ in ("compound", "nmod", "amod") and c.pos_ == "PROPN")
                for c in pobj.children
            )
    return False


def _released_by(noun: Token) -> Token | None:
    """The publisher of "a video released/posted/published by X": X's token, or None."""
    if noun.lemma_.lower() not in PUBLISHED_NOUNS:
        return None
    for verb in noun.children:
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            for agent in verb.children:
                if agent.dep_ == "agent":
                    return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None


def _calls_for(verb: Token) -> Token | None:
    """ "called for an immediate ceasefire": the object of the appeal, or None."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "for":
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def _calls_on(verb: Token) -> bool:
    """ "called on/upon X to Y": an appeal, reported like speech."""
    return any(c.dep_ == "prep" and c.lower_ in ("on", "upon") for c in verb.children) and any(
        c.dep_ == "xcomp" for c in verb.children
    )


class _Finder:
    def __init__(self, parsed: Parsed, table: EntityTable) -> None:
        self.parsed = parsed
        self.table = table
        self.resolver = Resolver(parsed, table)
        self.out: list[Statement] = []
        self.last_direct: tuple[int, Statement] | None = None  # (paragraph index, stmt)

    # -- speakers and media ----------------------------------------------------------------
    def speaker(self, para: Paragraph, verb: Token) -> tuple[str | None, float]:
        """The speaker of a speech verb and a confidence for it."""
        if verb.lower_ == "according":
            for to in verb.children:
                for pobj in to.children:
                    if pobj.dep_ == "pobj":
                        source = _released_by(pobj)  # "a video released by the brigade"
                        return self.actor(para, source or pobj), 0.8
            return None, 0.5
        if (
            verb.dep_ == "conj"
            and verb.head.dep_ == "ccomp"
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        ):  # "X told Y that ... and accused Z of ...": the second act is X's too
            outer = verb.head.head
            if outer.lemma_.lower() in SPEECH_VERBS:
                return self.speaker(para, outer)
        seen = verb
        quotes = quote_ranges(para.doc.text)
        previous = self.previous_speaker(para, verb)
        if previous is not None:
            return previous, 0.8
        stranded = stranded_subject(verb) or _hung_subject(verb)
        if stranded is not None:
            key = self.actor(para, stranded)
            return key, 0.7 if key is not None else 0.6
        for _ in range(3):
            subj = [
                c
                for c in seen.children
                if c.dep_ in ("nsubj", "nsubjpass")
                and c.lower_ not in ("which", "that", "who")
                and not _in_any(c, quotes)
            ]
            if subj:
                for cand in subj:
                    key = self.actor(para, cand)
                    if key in self.resolver.media and cand.lemma_.lower() in CHANNEL_NOUNS:
                        return None, 0.6  # "Telegram channels": the platform is the medium
                    if key is not None:
                        return key, 0.85
                return None, 0.6
            if seen.dep_ in ("advcl", "xcomp", "conj", "acl", "relcl") and seen.head is not seen:
                seen = seen.head
                continue
            break
        # '"...," one commented' parses "one" as the head of the verb
        if verb.dep_ == "acl" and verb.head.pos_ in ("NUM", "NOUN", "PROPN"):
            return self.actor(para, verb.head), 0.6
        return None, 0.5

    def previous_speaker(self, para: Paragraph, verb: Token) -> str | None:
        """'Ukraine's General Staff reported ... The attacks were repelled, it said': a
        pronoun speaker continues the speaker of the speech verb just before it (same
        paragraph, this or the previous sentence), when the two are compatible.
        """
        pronouns = [
            c
            for c in verb.children
            if c.dep_ == "nsubj" and c.lower_ in ("it", "they", "he", "she")
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
            else:
                subj = [c for c in tok.children if c.dep_ == "nsubj"]
            if not subj or subj[0].pos_ == "PRON":
                return None
            key = self.actor(para, subj[0])
            if key is None:
                return None
            kind = self.table.type_of(key)
            if pronoun in ("it", "they"):
                return key if kind != "Person" else None
            gender = self.resolver.gender(key)
            want = "male" if pronoun == "he" else "female"
            return key if kind == "Person" and gender in (None, want) else None
        return None

    def actor(self, para: Paragraph, token: Token) -> str | None:
        if token.pos_ == "NOUN":
            # "An RSF adviser, Musa Abdelkarim, said": the person named in apposition
            for child in token.children:
                if child.dep_ == "appos":
                    key = self.resolver.key_of(para, child, frozenset({"Person"}))
                    if key is not None:
                        return key
        key = self.resolver.actor(para, token, demonym=False)
        if (
            key is not None
            and token.pos_ == "NOUN"
            and self.table.type_of(key) == "Country"
            and self.resolver._adjective_only(para, token, key)
        ):
            return None  # "a Ukrainian soldier said": a person of that country, not it
        if key is not None and self._modifier_only(para, token, key):
            return None  # "a Ukrainian military blogger", "the Sudan Doctors Network"
        if key is None and token.pos_ == "PROPN" and token.ent_type_ != "PERSON":
            key = self._named_by_apposition(para, token)
        if key is None and token.pos_ == "PROPN":
            # a speaker the NER missed: a run of capitalised names ("Oleksandr Marchenko")
            names = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
            first = names[0] if names else token
            run = token.doc[first.i : token.i + 1]
            if token.ent_type_ == "PERSON" or (
                len(run) >= 2 and all(t.is_title and t.is_alpha for t in run)
            ):
                span = self.parsed.span_of(para, run)
                if self.table.key_at(span.start, span.end) is None:
                    key = self.table.add(span, "Person", confidence=0.4)
        if key is not None and self.table.type_of(key) not in ACTOR_TYPES:
            return None
        return key

    def _modifier_only(self, para: Paragraph, token: Token, key: str) -> bool:
        """True when a person or body noun ("blogger", a name's head "Network") finds
        ``key`` only in a modifier: the speaker is someone of or near that entity, not
        the entity itself (a possessor, "the ministry's spokesman", still speaks for it).
        """
        lemma = token.lemma_.lower()
        if token.pos_ != "PROPN" and lemma not in PERSON_ROLES | SPEAKER_ORG_NOUNS | ORG_WORDS:
            return False
        if any(c.dep_ == "poss" for c in token.children):
            return False
        if token.pos_ == "NOUN" and lemma in BODY_NOUNS:
            if self.table.type_of(key) in ("Organization", "MilitaryUnit"):
                return False  # "a UN group of experts": a body of the UN speaks for it
        start = para.offset + token.idx
        first = para.offset + token.left_edge.idx
        mentions = self.table.mentions_of(key)
        if not any(first <= m.start <= start for m in mentions):
            return False  # "the group said": resolved back to an earlier mention
        return not any(m.start <= start < m.end for m in self.table.mentions_of(key))

    def _named_by_apposition(self, para: Paragraph, token: Token) -> str | None:
        """A speaker the NER missed, typed by its apposition: "Ukrenergo, the national
        grid operator, said" (an organisation), "Moroz, a drone pilot, said" (a person).
        """
        roles = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if not roles or not token.is_title or self.table.key_at(*self._span(para, token)):
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
        return self.table.add(self.parsed.span_of(para, run), type_, confidence=0.4)

    def _span(self, para: Paragraph, token: Token) -> tuple[int, int]:
        span = self.parsed.span_of(para, token)
        return span.start, span.end

    def medium(self, para: Paragraph, verb: Token) -> str | None:
        """The outlet or platform: 'told X', 'on X', 'wrote on X', 'said on X's show'."""
        cands: list[Token] = []
        holders = [verb] + ([verb.head] if verb.dep_ in ("dep", "conj") else [])
        subjects = [c for h in holders for c in h.children if c.dep_ == "nsubj"]
        for subj in subjects:  # "Telegram channels linked to X claimed ..."
            if subj.lemma_.lower() in CHANNEL_NOUNS:
                for mod in subj.children:
                    if mod.dep_ in ("compound", "nmod", "amod"):
                        key = self.resolver.key_of(para, mod, frozenset({"Organization"}))
                        if key is not None and key in self.resolver.media:
                            return key
        for child in verb.children:
            if child.dep_ in ("dobj", "dative") and verb.lemma_ == "tell":
                cands.append(child)
            if child.dep_ == "prep" and child.lower_ in MEDIUM_PREPS:
                cands.extend(c for c in child.children if c.dep_ == "pobj")
        for cand in cands:
            span = self.parsed.span_of(para, cand.doc[cand.left_edge.i : cand.right_edge.i + 1])
            for key in self.table.keys_in(span.start, span.end) or [
                self.table.key_at(span.start, span.end)
            ]:
                if key is not None and self.table.type_of(key) == "Organization":
                    return key
        return None

    def about(self, start: int, end: int, speaker: str | None) -> tuple[str, ...]:
        keys: list[str] = []
        for key in self.table.keys_in(start, end):
            if key != speaker and key not in keys:
                keys.append(key)
        return tuple(keys)

    # -- statements ------------------------------------------------------------------------
    def add(
        self,
        para: Paragraph,
        start: int,
        end: int,
        direct: bool,
        speaker: str | None,
        medium: str | None,
        confidence: float,
    ) -> Statement:
        span = self.parsed.span(para, start, end)
        if speaker is not None:
            self.resolver.remember_speaker(span.start, speaker)
        stmt = Statement(
            key=f"st{span.start}",
            quote=span.text,
            span=span,
            direct=direct,
            speaker=speaker,
            medium=medium,
            about=self.about(span.start, span.end, speaker),
            confidence=round(confidence, 2),
        )
        self.out.append(stmt)
        return stmt

    def indirect(self, para: Paragraph, verb: Token) -> tuple[int, int] | None:
        """Paragraph-local range of the clause a speech verb reports, or None."""
        if verb.lower_ == "according":
            head = verb.head
            while (  # "X were killed and 118 injured, according to Y": the whole clause
                head.dep_ in ("conj", "advcl")
                and head.head.i < verb.i
                and head.head.lemma_.lower() not in SPEECH_VERBS
            ):
                head = head.head
            tokens = [t for t in head.subtree if not (verb.left_edge.i <= t.i <= verb.right_edge.i)]
        else:
            clause = [c for c in verb.children if c.dep_ == "ccomp"]
            if not clause and verb.lemma_ in ("claim", "deny", "promise", "threaten", "vow"):
                clause = [c for c in verb.children if c.dep_ == "xcomp"]
            if not clause and verb.lemma_ in OBJECT_SPEECH_VERBS:
                clause = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ != "PRON"]
            if not clause and verb.lemma_ in ("urge", "call"):
                clause = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
            if not clause and verb.lemma_ == "call" and _calls_for(verb) is not None:
                clause = [_calls_for(verb)]  # "called for an immediate ceasefire"
            if not clause:  # "said in a statement that ...": the clause hangs on the noun
                clause = [
                    c
                    for prep in verb.children
                    if prep.dep_ == "prep"
                    for pobj in prep.children
                    if pobj.dep_ == "pobj"
                    for c in pobj.children
                    if c.dep_ in ("acl", "ccomp", "relcl")
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                ]
            if (
                clause
                and verb.dep_ == "ccomp"
                and verb.head.lemma_.lower() in SPEECH_VERBS
                and all(t.i < verb.i for c in clause for t in c.subtree)
            ):
                return None  # "said X, an allegation Y denies": the outer verb reports X
            tokens = [t for c in clause for t in _clause_tokens(c)]
            if not clause and verb.lemma_ in REPORTED_OBJECT_VERBS:
                tokens = self._reported_object(verb)  # "reported 44 clashes", "accused X of Y"
            if not tokens and verb.dep_ == "parataxis":
                tokens = self._before_parenthetical(verb)  # "X happened, medics said, as"
            if not tokens:
                return None
            if verb.i < max(t.i for t in tokens) and min(t.i for t in tokens) < verb.i:
                tokens = [t for t in tokens if t.i > verb.i]  # "which he said were used"
        opening = dateline_end(para.doc.text)  # "KYIV, May 17 - " opens no quote
        tokens = sorted((t for t in tokens if t.idx >= opening), key=lambda t: t.i)
        while tokens and (
            tokens[0].dep_ == "mark"
            or tokens[0].lower_ in ("which", "that", "who", ",")
            or tokens[0].is_punct
        ):
            tokens = tokens[1:]
        while tokens and tokens[-1].is_punct and tokens[-1].text not in "\"'\u201d\u2019":
            tokens = tokens[:-1]
        if len(tokens) < 2:
            return None
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        return start, end

    @staticmethod
    def _before_parenthetical(verb: Token) -> list[Token]:
        """A parenthetical speech verb ("..., medics and residents said, as ...") reports
        its sentence up to the comma before its speaker."""
        sent = verb.sent
        commas = [t.i for t in sent if t.i < verb.i and t.text == ","]
        if len(commas) < 2:
            return []
        return list(verb.doc[sent.start : commas[-1]])

    @staticmethod
    def _reported_object(verb: Token) -> list[Token]:
        """What "reported"/"announced"/"accused" reports when no clause follows: its
        object noun phrase and the verb's later modifiers ("reported 44 clashes along
        the front over the past day", "accused the army of using civilians as shields")."""
        objs = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ != "PRON"]
        if not objs:
            return []
        tokens = list(objs[0].subtree)
        for child in verb.children:
            if child.i > objs[0].i and child.dep_ in ("prep", "npadvmod"):
                if child.lower_ in MEDIUM_PREPS | {"via", "through", "after", "as"}:
                    continue
                tokens.extend(child.subtree)
        return tokens

    def paragraph(self, index: int, para: Paragraph) -> None:
        text = para.doc.text
        quotes = quote_ranges(text)
        verbs = speech_verbs(para, quotes)
        absorbed: set[tuple[int, int]] = set()
        pending: list[tuple[int, Statement | tuple]] = []

        # indirect speech first: it may absorb quotation marks
        for verb in verbs:
            rng = self.indirect(para, verb)
            if rng is None:
                continue
            start, end = rng
            if any(q[0] - 1 <= start < q[1] + 1 for q in quotes):
                continue  # the clause opens inside quotation marks: a direct quote
            for q in quotes:  # a quotation the clause opens runs on to its closing mark
                if start < q[0] < end < q[1]:
                    end = q[1] + 1 if text[q[1] : q[1] + 1] in '"\u201d\u2019' else q[1]
            inside = [q for q in quotes if start - 1 <= q[0] and q[1] <= end + 1]
            absorbed.update(inside)
            speaker, conf = self.speaker(para, verb)
            pending.append((start, ("indirect", start, end, verb, speaker, conf)))

        for qs, qe in quotes:
            if (qs, qe) in absorbed:
                continue
            before = text[:qs].rstrip("\"'\u201c\u2018\u00ab ")
            opens = before == "" or before[-1] in ".!?"
            colon = before.endswith(":")
            words = len(text[qs:qe].split())
            verb = self.verb_for(para, qs, qe, quotes, verbs)
            verdict = verb is not None and _quoted_verdict(verb, [(qs, qe)]) is not None
            if not (opens or colon or verb is not None) or (
                words < SCARE_QUOTE_WORDS and not (opens or colon or verdict)
            ):
                if words < 8:
                    continue
            pending.append((qs, ("direct", qs, qe, verb, None, 0.0)))

        for _, item in sorted(pending, key=lambda p: p[0]):
            kind, start, end, verb, speaker, conf = item
            if kind == "indirect":
                self.add(para, start, end, False, speaker, self.medium(para, verb), conf - 0.1)
                continue
            medium = None
            if verb is not None:
                speaker, conf = self.speaker(para, verb)
                medium = self.medium(para, verb)
            else:
                speaker, medium, conf = self.continuation(index, para, end)
            stmt = self.add(para, start, end, True, speaker, medium, conf)
            self.last_direct = (index, stmt)

    def verb_for(
        self,
        para: Paragraph,
        qs: int,
        qe: int,
        quotes: list[tuple[int, int]],
        verbs: list[Token],
    ) -> Token | None:
        """The speech verb that introduces a quote, if any."""
        inner = _tokens_in(para, qs, qe)
        for verb in verbs:
            for token in inner:
                if verb in token.ancestors and not _in_any(verb, [(qs, qe)]):
                    # the verb governs the quote, unless the quote is a clause of its own
                    return verb
        later = [q[0] for q in quotes if q[0] > qe]
        limit = min(later) if later else len(para.doc.text)
        after = [v for v in verbs if qe <= v.idx < limit]
        if after:
            between = para.doc.text[qe : after[0].idx]
            if not re.search(r"[.!?]\s", between.lstrip("\"'\u201d\u2019.,!? ")):
                return after[0]
        earlier = [q[1] for q in quotes if q[1] < qs]
        floor = max(earlier) if earlier else 0
        before = [v for v in verbs if floor <= v.idx < qs]
        if before:
            between = para.doc.text[before[-1].idx : qs]
            if not re.search(r"[.!?]\s", between):
                return before[-1]
        return None

    def continuation(self, index: int, para: Paragraph, end: int) -> tuple:
        """Speaker of an unattributed quote: a name line after it, or the previous quote's."""
        rest = para.doc.text[end:].lstrip("\"'\u201d\u2019.!?, ")
        first = len(para.doc.text) - len(rest)
        # a caption: the quote, then a line that starts with the speaker's name
        after = [t for t in para.doc if t.idx >= first][:5]
        if after and not any(t.lemma_ in SPEECH_VERBS for t in after):
            for tok in after:
                if tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN":
                    key = self.actor(para, tok)
                    if key is not None and self.table.type_of(key) == "Person":
                        return key, None, 0.6
                if tok.is_punct:
                    break
        if self.last_direct is not None and self.last_direct[0] >= index - 1:
            prev = self.last_direct[1]
            return prev.speaker, prev.medium, 0.6
        return None, None, 0.3


def find_statements(parsed: Parsed, table: EntityTable) -> list[Statement]:
    """All statements of a document, in text order, with unique keys ``st<offset>``."""
    finder = _Finder(parsed, table)
    for index, para in enumerate(parsed.paragraphs):
        finder.paragraph(index, para)
    seen: dict[str, Statement] = {}
    for stmt in sorted(finder.out, key=lambda s: s.span):
        seen.setdefault(stmt.key, stmt)
    return list(seen.values())
