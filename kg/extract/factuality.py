"""Event factuality: did the event happen, per the trigger's own clause?

``factuality_of(token)`` says "denied" under a negation ("had not succeeded in
reaching", "no mention of"), "hypothetical" under a modal, a condition, a prospect or
an intention ("could lose", "if it falls", "on the verge of trapping", "plans to
attack"), else "asserted". The event builder turns an asserted event inside a
statement's span into "claimed".
"""

from __future__ import annotations

from spacy.tokens import Token

from . import lexicon
from .coref.resolver import SPEECH_VERBS
from .parsed import is_definite
from .rules import RuleList

__all__ = [
    "CONDITIONS",
    "FACTUALITY",
    "INTENTIONS",
    "MODALS",
    "NEGATORS",
    "PROSPECTS",
    "clause_walk",
    "factuality_of",
    "negation_scope",
]

MODALS = frozenset({"would", "could", "might", "may", "should", "will", "can", "must"})
CONDITIONS = frozenset({"if", "unless", "whether"})
NEGATORS = lexicon.words("negating_verbs")
#: Nouns and adjectives of prospect: "on the verge of trapping", "the possible capture".
PROSPECTS = lexicon.words("prospect_nouns")
#: Verbs of obligation, plan or wish whose infinitive has not happened ("have to surrender").
INTENTIONS = lexicon.words("intention_verbs")


def clause_walk(token: Token) -> list[Token]:
    """The trigger and the nodes above it in its own clause.

    The walk up the parse stops at a reported clause, at a clause root and at a
    participle or relative clause ("territory seized during ...", which has its own
    factuality).
    """
    walk = [token]
    node = token
    while node.head != node:
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
    return walk


def negation_scope(token: Token) -> list[Token]:
    """The part of the clause walk a negation can deny the trigger from.

    A definite event noun is presupposed: an outer negation ("made no mention of the
    breakthrough") does not deny it; negation does not cross into an adverbial clause
    ("did not withdraw when the town was shelled").
    """
    presupposed = token.pos_ in ("NOUN", "PROPN") and (
        is_definite(token) or any(c.dep_ == "poss" for c in token.children)
    )
    scope: list[Token] = []
    for i, node in enumerate(clause_walk(token)):
        if i > 0 and presupposed:
            break
        scope.append(node)
        if node.dep_ == "advcl":
            break  # "did not turn it into X, where soldiers mounted ...": not negated
    return scope


#: Appeal verbs whose bare object is named, not asked for ("called the attack a crime").
NAMING = frozenset({"call", "press"})


#: Did the event happen: "denied" or "hypothetical" (no rule deciding: "asserted").
FACTUALITY: RuleList[str] = RuleList("factuality")


@FACTUALITY.rule
def denied_report(token: Token) -> str | None:
    """A clause a speaker denies: "denied attacking the village", "rejected claims that
    its fighters had shelled the camp"."""
    denials = lexicon.words("denial_verbs")
    walk = clause_walk(token)
    top = walk[-1]
    if top.dep_ in ("ccomp", "xcomp", "pcomp") and top.head.lemma_.lower() in denials:
        return "denied"
    claims = lexicon.words("claim_nouns")
    for node in [*walk[1:], top.head]:
        if node.lemma_.lower() in claims and node.head.lemma_.lower() in denials:
            return "denied"
    return None


@FACTUALITY.rule
def appeal(token: Token) -> str | None:
    """What an appeal asks for has not happened: "urged Russia to withdraw", "called for
    the withdrawal", "an end to attacks"."""
    appeals, stoppers = lexicon.words("appeal_verbs"), lexicon.words("stop_nouns")
    node = token
    for _ in range(5):
        head = node.head
        if head is node:
            return None
        lemma = head.lemma_.lower()
        if node is token and node.dep_ == "dobj" and lemma in appeals and lemma not in NAMING:
            return "hypothetical"  # "demands the withdrawal", "proposed direct talks"
        if node.dep_ == "prep" and node.lower_ in ("to", "of") and lemma in stoppers:
            return "hypothetical"
        if lemma in appeals and (
            node.dep_ in ("xcomp", "ccomp") or (node.dep_ == "prep" and node.lower_ == "for")
        ):
            return "hypothetical"
        node = head
    return None


@FACTUALITY.rule
def negation(token: Token) -> str | None:
    """A "not" or a "no" in the trigger's clause: "had not succeeded in reaching"."""
    for node in negation_scope(token):
        for child in node.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return "denied"
    return None


@FACTUALITY.rule
def negating_verb(token: Token) -> str | None:
    """A verb of failure or denial above the trigger: "failed to capture", "denied attacking"."""
    scope = negation_scope(token)
    return "denied" if any(n.lemma_.lower() in NEGATORS for n in scope[1:]) else None


@FACTUALITY.rule
def prospect(token: Token) -> str | None:
    """A prospect: "on the verge of trapping", "the possible capture", "in case of shelling"."""
    walk = clause_walk(token)
    if any(c.dep_ == "amod" and c.lower_ in PROSPECTS for c in token.children):
        return "hypothetical"
    for node in walk[1:]:
        if node.lemma_.lower() in PROSPECTS and node.pos_ in ("NOUN", "ADJ"):
            return "hypothetical"
    return None


@FACTUALITY.rule
def purpose(token: Token) -> str | None:
    """An adjective's purpose: "important for bringing supplies"."""
    walk = clause_walk(token)
    if len(walk) > 2 and walk[2].pos_ == "ADJ" and walk[1].lower_ == "for":
        return "hypothetical"
    return None


@FACTUALITY.rule
def intention(token: Token) -> str | None:
    """An infinitive of obligation, plan or wish: "have to surrender", "plans to attack"."""
    walk = clause_walk(token)
    for i in range(1, len(walk)):
        if walk[i].lemma_.lower() in INTENTIONS and walk[i - 1].dep_ == "xcomp":
            return "hypothetical"
    top = walk[-1]
    if top.dep_ == "acl" and top.head.lemma_.lower() in INTENTIONS:
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in top.children):
            return "hypothetical"  # "announced plans to carry out an operation"
    return None


@FACTUALITY.rule
def impossible(token: Token) -> str | None:
    """An event said to be impossible: "evacuation is impossible", "making evacuation
    almost impossible"."""
    words = lexicon.words("impossibility_words")
    if token.dep_ not in ("nsubj", "dobj", "nsubjpass"):
        return None
    said = [c for c in token.head.children if c.dep_ in ("acomp", "oprd", "ccomp", "xcomp")]
    return "hypothetical" if any(c.lemma_.lower() in words for c in said) else None


@FACTUALITY.rule
def modal(token: Token) -> str | None:
    """A modal auxiliary in the clause: "could lose", "would attack"."""
    for node in clause_walk(token):
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in node.children):
            return "hypothetical"
    return None


@FACTUALITY.rule
def condition(token: Token) -> str | None:
    """A condition on the clause: "if it falls", "unless troops withdraw"."""
    for node in clause_walk(token):
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in node.children):
            return "hypothetical"
    return None


def factuality_of(token: Token) -> str:
    """'denied', 'hypothetical' or 'asserted' from the trigger's clause (``FACTUALITY``)."""
    return FACTUALITY.value(token) or "asserted"
