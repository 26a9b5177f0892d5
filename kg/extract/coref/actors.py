"""Which actor a subject, agent or possessor token stands for: the rules of ``coref.actor``.

Each rule takes ``(resolver, para, token, demonym)`` and returns an entity key, passes
(None), or decides that there is no actor (``NOTHING``). ``Resolver.actor`` runs them in
this order; the first that decides wins.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...types import ACTOR_TYPES
from .. import lexicon
from ..entities.ruler import TITLES
from ..parsed import Paragraph
from ..rules import NOTHING, RuleList
from .resolver import (
    AGENCY_NOUNS,
    BODY_NOUNS,
    GROUP_NOUNS,
    NAME_HEAD_NOUNS,
    NEUTER,
    PLURAL,
    PRONOUNS,
    REBEL_NOUNS,
    REPORT_NOUNS,
    ROLE_NOUNS,
    Resolver,
    bare_definite,
    definite,
    relative_antecedent,
)

ACTOR: RuleList[str] = RuleList("coref.actor")
ORGANISATIONS = frozenset({"Organization", "MilitaryUnit"})


def _start(para: Paragraph, token: Token) -> int:
    return para.offset + token.idx


@ACTOR.rule
def relative_pronoun(res: Resolver, para: Paragraph, token: Token, demonym: bool):
    """ "the group, which said": the noun the relative pronoun stands for."""
    noun = relative_antecedent(token)
    if noun is None:
        return None
    return res.actor(para, noun, demonym=demonym) or NOTHING


@ACTOR.rule
def pronoun(res: Resolver, para: Paragraph, token: Token, demonym: bool):
    """ "he", "it", "they": the last compatible actor before it; other pronouns are none."""
    lower = token.lower_
    if lower in PRONOUNS or lower in NEUTER or lower in PLURAL:
        return res.antecedent(_start(para, token), lower) or NOTHING
    return NOTHING if token.pos_ == "PRON" else None


@ACTOR.rule
def name_in_apposition_to_noun(res: Resolver, para: Paragraph, token: Token, demonym: bool):
    """ "the UN peacekeeping force in Lebanon, UNIFIL, said": the name beats the description."""
    if token.pos_ != "NOUN":
        return None
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            key = res.key_of(para, child, ACTOR_TYPES)
            if key is not None:
                return key
    return None


@ACTOR.rule
def bracketed_name(res: Resolver, para: Paragraph, token: Token, demonym: bool):
    """ "the UN peacekeeping mission in Congo (MONUSCO) said": the name in brackets."""
    return res.bracketed_name(para, token) if token.pos_ == "NOUN" else None


@ACTOR.rule
def the_described_group(res: Resolver, para: Paragraph, token: Token, demonym: bool):
    """ "the Iran-backed group", "the jihadist group", "the Britain-based monitor": a
    described group noun is the organisation or armed group named last, not the country
    of its modifiers (a name of the group itself, "the Wagner group", is left to named)."""
    if token.lemma_.lower() not in GROUP_NOUNS or not definite(token):
        return None
    if not any(c.dep_ in ("amod", "compound", "nmod") for c in token.children):
        return None  # "the group": the_group
    key = res.key_of(para, token, ACTOR_TYPES)
    if key is not None and res.table.type_of(key) in ORGANISATIONS:
        return None
    return res.group_antecedent(_start(para, token))


@ACTOR.rule
def named(res: Resolver, para: Paragraph, token: Token, demonym: bool):
    """A token inside an actor entity's mention is that actor."""
    return res.key_of(para, token, ACTOR_TYPES)


@ACTOR.rule
def members_of_group(res: Resolver, para: Paragraph, token: Token, demonym: bool):
    """ "Rebels of the March 23 Movement seized": plural members speak for their group."""
    return res.members_of(para, token)


@ACTOR.rule
def body_of_named_organisation(res: Resolver, para: Paragraph, token: Token, demonym: bool):
    """ "the Magen David Adom ambulance service", "a UN group of experts": the named body."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in BODY_NOUNS:
        return None
    for child in token.children:
        if child.dep_ == "compound" and child.pos_ == "PROPN":
            key = res.key_of(para, child, ORGANISATIONS)
            if key is not None:
                return key
    return None


@ACTOR.rule
def outlet_in_compound(res: Resolver, para: Paragraph, token: Token, demonym: bool):
    """ "the Reuters news agency reported": the organisation named before the outlet noun."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in lexicon.words("outlet_heads"):
        return None
    for child in token.children:
        if child.dep_ == "compound" and child.pos_ == "PROPN":
            key = res.key_of(para, child, frozenset({"Organization"}))
            if key is not None:
                return key
    return None


@ACTOR.rule
def apposition(res: Resolver, para: Paragraph, token: Token, demonym: bool):
    """ "the mayor, Ana Lopes, said": the actor named in apposition."""
    for child in token.children:
        if child.dep_ == "appos":
            key = res.key_of(para, child, ACTOR_TYPES)
            if key is not None:
                return key
    return None


@ACTOR.rule
def the_group(res: Resolver, para: Paragraph, token: Token, demonym: bool):
    """ "the group said", "the movement would": the organisation or armed group named last."""
    if token.lemma_.lower() in GROUP_NOUNS and bare_definite(token):
        return res.group_antecedent(_start(para, token)) or NOTHING
    return None


@ACTOR.rule
def the_ministry(res: Resolver, para: Paragraph, token: Token, demonym: bool):
    """ "the ministry said": the body named last whose name holds the noun and modifiers;
    "the agency said" alone: the organisation that spoke last."""
    if token.lemma_.lower() not in NAME_HEAD_NOUNS or not definite(token):
        return None
    start = _start(para, token)
    mods = [c.lower_ for c in token.children if c.dep_ in ("compound", "amod")]
    key = res.described(start, [token.lower_, *mods])
    if key is not None:
        return key
    if token.lower_ in AGENCY_NOUNS and not mods:
        key = res.last_speaker(start)
        if key is not None and res.agency_like(key):
            return key
    return None


@ACTOR.rule
def the_rebels(res: Resolver, para: Paragraph, token: Token, demonym: bool):
    """ "the rebels said": the non-state armed group named last."""
    if token.lower_ in REBEL_NOUNS and bare_definite(token):
        return res.armed_group_before(_start(para, token))
    return None


@ACTOR.rule
def its_statement(res: Resolver, para: Paragraph, token: Token, demonym: bool):
    """ "Its statement, carried by ..., said": the speaker before it."""
    if token.lemma_.lower() not in REPORT_NOUNS:
        return None
    owner = [c for c in token.children if c.dep_ == "poss"]
    if owner and owner[0].lower_ in NEUTER | PLURAL:
        return res.last_speaker(_start(para, token))
    return None


@ACTOR.rule
def the_statement(res: Resolver, para: Paragraph, token: Token, demonym: bool):
    """ "the statement said": whoever spoke last; "a ministry statement said": the body
    named last whose name holds the modifier."""
    if token.lemma_.lower() not in REPORT_NOUNS or any(c.dep_ == "poss" for c in token.children):
        return None
    start = _start(para, token)
    mods = [c.lower_ for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
    if mods:
        return res.described(start, mods)
    if any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return res.last_speaker(start)
    return None


@ACTOR.rule
def the_titled_person(res: Resolver, para: Paragraph, token: Token, demonym: bool):
    """ "The Secretary-General condemns": the person last named with that title ("UN
    Secretary-General António Guterres")."""
    first = token.left_edge
    if first.lower_ != "the" or first.dep_ != "det" or token.i - first.i > 4:
        return None
    words = token.doc[first.i + 1 : token.i + 1]
    parts = [w for t in words for w in t.lower_.split("-") if w]
    if not parts or not all(p in TITLES or p in ROLE_NOUNS for p in parts[-1:]):
        return None
    if not all(t.is_title or t.is_punct for t in words):
        return None  # "the president said": a role noun, not a title (the_official)
    return res.titled(_start(para, token), words.text)


@ACTOR.rule
def the_official(res: Resolver, para: Paragraph, token: Token, demonym: bool):
    """ "the official", "the spokeswoman": the last person of a compatible gender."""
    if token.lemma_.lower() not in ROLE_NOUNS or not any(c.lower_ == "the" for c in token.children):
        return None
    if any(c.dep_ in ("compound", "amod", "poss") for c in token.children):
        return None
    pronoun = "he" if token.lower_ != "spokeswoman" else "she"
    return res.antecedent(_start(para, token), pronoun) or NOTHING


@ACTOR.rule
def possessor(res: Resolver, para: Paragraph, token: Token, demonym: bool):
    """ "its generals", "Russia's assault": the possessor's actor."""
    for child in token.children:
        if child.dep_ == "poss":
            return res.actor(para, child, demonym=demonym) or NOTHING
    return None


@ACTOR.rule
def nationality(res: Resolver, para: Paragraph, token: Token, demonym: bool):
    """ "Russian troops", "the Ukrainians": the country of a nationality word."""
    return (res.country(para, token) or NOTHING) if demonym else NOTHING
