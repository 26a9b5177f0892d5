"""Speech verbs and what they report: the rules of ``statements.speech_verb`` and
``statements.clause``.

``statements.speech_verb`` takes ``(token, quotes)`` (quotes: the paragraph's quoted
ranges) and decides whether the token reports speech ("said", "went on", "according
to", "called for", 'called the claim "a fabrication"'). ``statements.clause`` takes a
speech verb and returns the tokens of what it reports.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..coref.resolver import OBJECT_SPEECH_VERBS, SPEECH_VERBS
from ..rules import NOTHING, RuleList
from .quotes import (
    DATA_NOUNS,
    MEDIUM_PREPS,
    PUBLISHED_NOUNS,
    REPORTED_OBJECT_VERBS,
    in_any,
    quoted_verdict,
)

SPEECH_VERB: RuleList[bool] = RuleList("statements.speech_verb")
CLAUSE: RuleList[list[Token]] = RuleList("statements.clause")
#: Speech verbs that report an infinitive ("claimed to have repelled the attack").
INFINITIVE_VERBS = frozenset({"claim", "deny", "promise", "threaten", "vow"})


# -- is it a speech verb? ------------------------------------------------------------------
@SPEECH_VERB.rule
def inside_quotes(token: Token, quotes: list[tuple[int, int]]):
    """A word inside quotation marks is quoted, not a speech act of the text."""
    return NOTHING if in_any(token, quotes) else None


@SPEECH_VERB.rule
def negated(token: Token, quotes: list[tuple[int, int]]):
    """ "did not say where they were going" reports nothing."""
    return NOTHING if any(c.dep_ == "neg" for c in token.children) else None


@SPEECH_VERB.rule
def claimed_lives(token: Token, quotes: list[tuple[int, int]]):
    """ "the attack claimed the lives of ten people" reports deaths, not speech."""
    if token.lemma_.lower() == "claim" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in ("life", "lives") for c in token.children
    ):
        return NOTHING
    return None


@SPEECH_VERB.rule
def speech_lemma(token: Token, quotes: list[tuple[int, int]]):
    """A verb of the speech_verbs vocabulary ("said", "claimed", "told")."""
    return True if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH_VERBS else None


@SPEECH_VERB.rule
def went_on(token: Token, quotes: list[tuple[int, int]]):
    """ "He went on: ..." continues speech."""
    if token.lemma_.lower() == "go" and any(
        c.dep_ == "prt" and c.lower_ == "on" for c in token.children
    ):
        return True
    return None


@SPEECH_VERB.rule
def according_to(token: Token, quotes: list[tuple[int, int]]):
    """ "according to X" attributes its clause to X, unless X is sourceless data."""
    if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
        return NOTHING if sourceless_data(token) else True
    return None


@SPEECH_VERB.rule
def called_on_or_for(token: Token, quotes: list[tuple[int, int]]):
    """ "called on allies to deliver ...", "called for a ceasefire": an appeal is speech."""
    if token.lemma_.lower() == "call" and (calls_on(token) or calls_for(token)):
        return True
    return None


@SPEECH_VERB.rule
def quoted_verdict_call(token: Token, quotes: list[tuple[int, int]]):
    """'called the claim "a fabrication"': the subject's verdict on the object."""
    if token.lemma_.lower() == "call" and quoted_verdict(token, quotes) is not None:
        return True
    return None


def speech_verbs(tokens, quotes: list[tuple[int, int]]) -> list[tuple[Token, str]]:
    """The speech verbs among ``tokens``, each with the rule that recognised it."""
    found = []
    for token in tokens:
        decision = SPEECH_VERB.decide(token, quotes)
        if decision is not None and decision.value:
            found.append((token, decision.rule))
    return found


def sourceless_data(according: Token) -> bool:
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


def released_by(noun: Token) -> Token | None:
    """The publisher of "a video released/posted/published by X" or "a statement by X":
    X's token, or None."""
    if noun.lemma_.lower() not in PUBLISHED_NOUNS:
        return None
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "by":
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    for verb in noun.children:
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            for agent in verb.children:
                if agent.dep_ == "agent":
                    return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None


def calls_for(verb: Token) -> Token | None:
    """ "called for an immediate ceasefire": the object of the appeal, or None."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "for":
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def calls_on(verb: Token) -> bool:
    """ "called on/upon X to Y": an appeal, reported like speech."""
    return any(c.dep_ == "prep" and c.lower_ in ("on", "upon") for c in verb.children) and any(
        c.dep_ == "xcomp" for c in verb.children
    )


# -- what does it report? ------------------------------------------------------------------
def clause_tokens(head: Token) -> list[Token]:
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


def _after_verb(verb: Token, tokens: list[Token]) -> list[Token]:
    """ "which he said were used": a clause around its verb keeps what follows it."""
    if tokens and verb.i < max(t.i for t in tokens) and min(t.i for t in tokens) < verb.i:
        return [t for t in tokens if t.i > verb.i]
    return tokens


def _reported(verb: Token, clause: list[Token]):
    """The tokens of the clauses a speech verb governs; NOTHING when an outer speech verb
    reports them ("said X, an allegation Y denies"); None when there is no clause."""
    if not clause:
        return None
    if (
        verb.dep_ == "ccomp"
        and verb.head.lemma_.lower() in SPEECH_VERBS
        and all(t.i < verb.i for c in clause for t in c.subtree)
    ):
        return NOTHING
    return _after_verb(verb, [t for c in clause for t in clause_tokens(c)])


@CLAUSE.rule
def according_to_clause(verb: Token):
    """ "X were killed and 118 injured, according to Y": the whole clause it hangs on."""
    if verb.lower_ != "according":
        return None
    head = verb.head
    while (
        head.dep_ in ("conj", "advcl")
        and head.head.i < verb.i
        and head.head.lemma_.lower() not in SPEECH_VERBS
    ):
        head = head.head
    return [t for t in head.subtree if not (verb.left_edge.i <= t.i <= verb.right_edge.i)]


@CLAUSE.rule
def clausal_complement(verb: Token):
    """ "X said (that) ...": the verb's clausal complement."""
    return _reported(verb, [c for c in verb.children if c.dep_ == "ccomp"])


@CLAUSE.rule
def claimed_infinitive(verb: Token):
    """ "claimed to have repelled the attack": the infinitive of claim/deny/promise/vow."""
    if verb.lemma_ not in INFINITIVE_VERBS:
        return None
    return _reported(verb, [c for c in verb.children if c.dep_ == "xcomp"])


@CLAUSE.rule
def acknowledged_object(verb: Token):
    """ "confirmed the attack", "denied the claims": the object is what is reported."""
    if verb.lemma_ not in OBJECT_SPEECH_VERBS:
        return None
    return _reported(verb, [c for c in verb.children if c.dep_ == "dobj" and c.pos_ != "PRON"])


@CLAUSE.rule
def appeal_complement(verb: Token):
    """ "urged X to withdraw", "called on allies to deliver": the appeal's complement."""
    if verb.lemma_ not in ("urge", "call"):
        return None
    return _reported(verb, [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")])


@CLAUSE.rule
def call_for_object(verb: Token):
    """ "called for an immediate ceasefire": what is called for."""
    if verb.lemma_ != "call" or calls_for(verb) is None:
        return None
    return _reported(verb, [calls_for(verb)])


@CLAUSE.rule
def that_clause_on_noun(verb: Token):
    """ "said in a statement that ...": the that-clause hangs on the noun."""
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
    return _reported(verb, clause)


@CLAUSE.rule
def reported_object(verb: Token):
    """ "reported 44 clashes along the front", "accused the army of using civilians as
    shields": the object noun phrase and the verb's later modifiers."""
    if verb.lemma_ not in REPORTED_OBJECT_VERBS:
        return None
    objs = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ != "PRON"]
    if not objs:
        return None
    tokens = list(objs[0].subtree)
    for child in verb.children:
        if child.i > objs[0].i and child.dep_ in ("prep", "npadvmod"):
            if child.lower_ in MEDIUM_PREPS | {"via", "through", "after", "as"}:
                continue
            tokens.extend(child.subtree)
    return _after_verb(verb, tokens)


@CLAUSE.rule
def parenthetical(verb: Token):
    """ "X happened, medics and residents said, as ...": the sentence up to the comma
    before the speaker."""
    if verb.dep_ != "parataxis":
        return None
    sent = verb.sent
    commas = [t.i for t in sent if t.i < verb.i and t.text == ","]
    if len(commas) < 2:
        return None
    return _after_verb(verb, list(verb.doc[sent.start : commas[-1]]))
