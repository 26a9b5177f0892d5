"""One test per ``events.agent``, ``events.target`` and ``events.place`` rule (no model)."""

from __future__ import annotations

from kg.extract.events import arguments as ar
from kg.extract.rules import NOTHING
from tests.extract.events.sites import label, site

SHELLED = """
Russian  JJ   amod  1  russian  NORP
forces   NNS  nsubj 2  force
shelled  VBD  ROOT  2  shell
Kharkiv  NNP  dobj  2  kharkiv  GPE
.        .    punct 2
"""
PASSIVE = """
Kharkiv  NNP  nsubjpass 2 kharkiv GPE
was      VBD  auxpass   2 be
shelled  VBN  ROOT      2 shell
by       IN   agent     2
the      DT   det       5
RSF      NNP  pobj      3 rsf ORG
"""
STRIKE_ON = """
A        DT   det       3
Russian  JJ   amod      3 russian NORP
missile  NN   compound  3
strike   NN   ROOT      3
on       IN   prep      3
Odesa    NNP  pobj      4 odesa GPE
"""


def agent(rule, table, i, **kw):
    args, s = site(table, i, **kw)
    value = rule(args, s)
    return value if value is NOTHING else label(args, value)


def test_nationality_before_gerund():
    t = """
as IN mark 2
Russian JJ amod 2 russian NORP
shelling VBG nsubj 3 shell
rose VBD ROOT 3 rise
"""
    assert agent(ar.nationality_before_gerund, t, 2) == "Russia"
    assert agent(ar.nationality_before_gerund, SHELLED, 2) is None


def test_passive_by_agent():
    assert agent(ar.passive_by_agent, PASSIVE, 2) == "Rapid Support Forces"
    assert agent(ar.passive_by_agent, SHELLED, 2) is None


def test_no_subject():
    assert (
        agent(ar.no_subject, "Shell VB ROOT 0 shell\nKharkiv NNP dobj 0 kharkiv GPE", 0) is NOTHING
    )
    assert agent(ar.no_subject, SHELLED, 2) is None


def test_country_personnel():
    t = """
Ukraine NNP poss 2 ukraine GPE
's POS case 0
soldiers NNS nsubj 3 soldier
advanced VBD ROOT 3 advance
"""
    assert agent(ar.country_personnel, t, 3) == "Armed Forces of Ukraine"


def test_subject_actor():
    assert agent(ar.subject_actor, SHELLED, 2) == "Russia"


def test_weapon_subject_owner():
    t = "Ukrainian JJ amod 1 ukrainian NORP\ndrones NNS nsubj 2 drone\nstruck VBD ROOT 2 strike"
    assert agent(ar.weapon_subject_owner, t, 2) == "Ukraine"
    assert (
        agent(ar.weapon_subject_owner, "Drones NNS nsubj 1 drone\nstruck VBD ROOT 1 strike", 1)
        is NOTHING
    )


def test_possessor():
    t = "Israel NNP poss 2 israel GPE\n's POS case 0\noffensive NN ROOT 2"
    assert agent(ar.possessor, t, 2) == "Israel"
    assert agent(ar.possessor, SHELLED, 2) is None


def test_nationality_modifier():
    assert agent(ar.nationality_modifier, STRIKE_ON, 3) == "Russia"


def test_actor_compound():
    t = "an DT det 2\nRSF NNP compound 2 rsf ORG\nattack NN ROOT 2"
    assert agent(ar.actor_compound, t, 2) == "Rapid Support Forces"
    assert agent(ar.actor_compound, STRIKE_ON, 3) is None  # a nationality, not a name


def test_nationality_before():
    t = "heavy JJ amod 2\nPakistani JJ amod 2 pakistani NORP\nshelling NN ROOT 2"
    assert agent(ar.nationality_before, t, 2) == "Pakistan"


def test_by_phrase():
    t = "attacks NNS ROOT 0 attack\nby IN prep 0\nthe DT det 3\nRSF NNP pobj 1 rsf ORG"
    assert agent(ar.by_phrase, t, 0) == "Rapid Support Forces"


def test_by_phrase_on_verb():
    t = """
They PRP nsubj 1 they
repelled VBD ROOT 1 repel
attacks NNS dobj 1 attack
by IN prep 1
the DT det 5
RSF NNP pobj 3 rsf ORG
"""
    assert agent(ar.by_phrase_on_verb, t, 2) == "Rapid Support Forces"


def test_participle_by_agent():
    t = """
an DT det 1
offensive NN ROOT 1
launched VBN acl 1 launch
by IN agent 2
Russia NNP pobj 3 russia GPE
"""
    assert agent(ar.participle_by_agent, t, 1) == "Russia"


def test_launcher():
    t = """
Russia NNP nsubj 1 russia GPE
launched VBD ROOT 1 launch
an DT det 3
offensive NN dobj 1
"""
    assert agent(ar.launcher, t, 3) == "Russia"


def test_carried_out_by():
    t = """
The DT det 1
attack NN nsubjpass 3
was VBD auxpass 3 be
carried VBN ROOT 3 carry
out RP prt 3
by IN agent 3
Russia NNP pobj 5 russia GPE
"""
    assert agent(ar.carried_out_by, t, 1) == "Russia"
    assert agent(ar.carried_out_by, STRIKE_ON, 3) is None


def test_responsibility_claimer():
    t = """
Russia NNP nsubj 1 russia GPE
claimed VBD ROOT 1 claim
responsibility NN dobj 1
for IN prep 2
attacks NNS pobj 3 attack
"""
    assert agent(ar.responsibility_claimer, t, 4) == "Russia"
    assert agent(ar.responsibility_claimer, STRIKE_ON, 3) is None


def test_claimed_attack():
    t = """
Russia NNP nsubj 1 russia GPE
claimed VBD ROOT 1 claim
an DT det 3
attack NN dobj 1
"""
    assert agent(ar.claimed_attack, t, 3) == "Russia"
    assert agent(ar.claimed_attack, SHELLED.replace("shell", "claim"), 2) is None  # a verb


def test_blamed_on():
    t = """
an DT det 1
attack NN ROOT 1
blamed VBN acl 1 blame
on IN prep 2
Russia NNP pobj 3 russia GPE
"""
    assert agent(ar.blamed_on, t, 1) == "Russia"
    assert agent(ar.blamed_on, STRIKE_ON, 3) is None


def test_blamed_for():
    t = """
Russia NNP nsubjpass 2 russia GPE
was VBD auxpass 2 be
blamed VBN ROOT 2 blame
for IN prep 2
the DT det 5
deaths NNS pobj 3 death
"""
    assert agent(ar.blamed_for, t, 5) == "Russia"
    assert agent(ar.blamed_for, STRIKE_ON, 3) is None


def test_beneficiary():
    t = """
The DT det 1
capture NN nsubj 2
is VBZ ROOT 2 be
a DT det 4
victory NN attr 2
for IN prep 4
Russia NNP pobj 5 russia GPE
"""
    assert agent(ar.beneficiary, t, 1) == "Russia"


def test_relative_launch():
    t = """
the DT det 1
offensive NN ROOT 1
, , punct 1
which WDT dobj 5
Russia NNP nsubj 5 russia GPE
launched VBD relcl 1 launch
"""
    assert agent(ar.relative_launch, t, 1) == "Russia"


def test_participant():
    t = """
Hamas NNP nsubjpass 2 hamas ORG
is VBZ auxpass 2 be
involved VBN ROOT 2 involve
in IN prep 2
fighting NN pobj 3
"""
    assert agent(ar.participant, t, 4) == "Hamas"


def test_object_target():
    assert agent(ar.object_target, SHELLED, 2) == "Kharkiv"
    assert agent(ar.object_target, STRIKE_ON, 3) is None


def test_relative_clause_head():
    t = """
Balakliya NNP ROOT 0 balakliya GPE
Russia NNP nsubj 2 russia B-GPE
captured VBD relcl 0 capture
"""
    assert agent(ar.relative_clause_head, t, 2) == "Balakliia"  # the gazetteer spelling


def test_noun_object():
    assert agent(ar.noun_object, STRIKE_ON, 3) == "Odesa"


def test_struck_by_subject():
    t = """
Air NN compound 1 air
strikes NNS nsubj 2 strike
hit VBD ROOT 2 hit
Rafah NNP dobj 2 rafah GPE
"""
    assert agent(ar.struck_by_subject, t, 1) == "Rafah"
    assert (
        agent(ar.struck_by_subject, t, 1, verbal=frozenset({2})) is None
    )  # "hit" is its own event


def places(rule, table, i, **kw):
    args, s = site(table, i, **kw)
    value = rule(args, s)
    return value if value is None else [label(args, k) for k in value]


def test_place_preposition():
    assert places(ar.place_preposition, STRIKE_ON, 3) == ["Odesa"]
    assert places(ar.place_preposition, SHELLED, 2) is None
    apposed = """
a DT det 1
strike NN ROOT 1
on IN prep 1
Ukraine NNP poss 5 ukraine GPE
's POS case 3
city NN pobj 2
, , punct 5
Odesa NNP appos 5 odesa GPE
"""
    assert "Odesa" in places(ar.place_preposition, apposed, 1)  # "on Ukraine's city, Odesa"


def test_governing_verb_place():
    t = """
Fighting NN nsubj 1 fighting
raged VBD ROOT 1 rage
in IN prep 1
Bakhmut NNP pobj 2 bakhmut GPE
"""
    assert places(ar.governing_verb_place, t, 0) == ["Bakhmut"]


def test_place_target():
    args, s = site(SHELLED, 2)
    s = ar.Site(s.para, s.token, target=ar.TARGET.value(args, s))
    assert [label(args, k) for k in ar.place_target(args, s)] == ["Kharkiv"]


def test_anaphoric_place():
    t = """
Troops NNS nsubj 1 troop
entered VBD ROOT 1 enter
Kharkiv NNP dobj 1 kharkiv GPE
. . punct 1
--
Fighting NN nsubj 1 fighting
raged VBD ROOT 1 rage
on IN prep 1
the DT det 4
outskirts NNS pobj 2 outskirt
"""
    from kg.extract.coref.resolver import Resolver
    from kg.extract.entities import find_entities
    from tests.extract.handmade import parsed

    p = parsed(t)
    table = find_entities(p)
    args = ar.Arguments(table, Resolver(p, table))
    s = ar.Site(p.paragraphs[1], p.paragraphs[1].doc[0])
    assert [label(args, k) for k in ar.anaphoric_place(args, s)] == ["Kharkiv"]


def test_a_place_named_as_the_source_of_a_report_is_no_place():
    from kg.extract.events.arguments import Arguments
    from tests.extract.handmade import parsed

    p = parsed(
        "Four CD nsubjpass 2\nwere VBD auxpass 2 be\nkilled VBN ROOT 2 kill\n, , punct 2\n"
        "according VBG prep 2 accord\nto IN prep 4\nNasser NNP compound 7 _ FAC\n"
        "Hospital NNP pobj 5 _ FAC"
    )
    para = p.paragraphs[0]
    start = p.doc.text.index("Nasser")
    hospital = p.span(para, start, start + len("Nasser Hospital"))
    killed = p.span(para, p.doc.text.index("killed"), p.doc.text.index("killed") + 6)
    assert Arguments.source_of_report(para, hospital)
    assert not Arguments.source_of_report(para, killed)
