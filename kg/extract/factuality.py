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
from .events.triggers import is_definite

__all__ = ["CONDITIONS", "INTENTIONS", "MODALS", "NEGATORS", "PROSPECTS", "factuality_of"]

MODALS = frozenset({"would", "could", "might", "may", "should", "will", "can", "must"})
CONDITIONS = frozenset({"if", "unless", "whether"})
NEGATORS = lexicon.words("negating_verbs")
#: Nouns and adjectives of prospect: "on the verge of trapping", "the possible capture".
PROSPECTS = lexicon.words("prospect_nouns")
#: Verbs of obligation, plan or wish whose infinitive has not happened ("have to surrender").
INTENTIONS = lexicon.words("intention_verbs")


def factuality_of(token: Token) -> str:
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
    presupposed = token.pos_ in ("NOUN", "PROPN") and (
        is_definite(token) or any(c.dep_ == "poss" for c in token.children)
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
