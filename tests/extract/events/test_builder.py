"""One test per ``events.skip``, ``events.agent_fallback``, ``events.agent_inherited`` and
``events.place_guess`` rule, and the rule provenance of events (no model)."""

from __future__ import annotations

from kg.extract import extract_parsed
from kg.extract.entities import find_entities
from kg.extract.events import builder as bu
from kg.extract.events.arguments import Site
from kg.extract.rules import NOTHING
from tests.extract.events.sites import built, label, site
from tests.extract.handmade import parsed


def cand(table: str, i: int, typ: str, verbal=None, nominal=None, trigger=None):
    doc = parsed(table).paragraphs[0].doc
    token = doc[i]
    return bu.Candidate(token, typ, tuple(trigger or [token]), verbal or {}, nominal or {})


RUSHING = (
    "Russia NNP nsubj 1 russia GPE\nrushed VBD ROOT 1 rush\nreinforcements NNS dobj 1 reinforcement"
)


def test_object_of_same_event():
    assert bu.object_of_same_event(cand(RUSHING, 2, "Reinforcement", verbal={1: "Reinforcement"}))
    assert (
        bu.object_of_same_event(cand(RUSHING, 2, "Reinforcement", verbal={1: "Shelling"})) is None
    )


def test_object_of_same_event_repelled_attack():
    t = "Troops NNS nsubj 1 troop\nrepelled VBD ROOT 1 repel\nan DT det 3\nattack NN dobj 1 attack"
    assert bu.object_of_same_event(cand(t, 3, "Attack", verbal={1: "Battle"})) is None
    t = "Troops NNS nsubj 1 troop\nfought VBD ROOT 1 fight\nan DT det 3\nattack NN dobj 1 attack"
    assert bu.object_of_same_event(cand(t, 3, "Attack", verbal={1: "Battle"}))


def test_support_of_event_noun():
    t = "The DT det 1\nbattle NN nsubjpass 3\nwas VBD auxpass 3 be\nfought VBN ROOT 3 fight"
    assert bu.support_of_event_noun(
        cand(t, 3, "Battle", verbal={3: "Battle"}, nominal={1: "Battle"})
    )


def test_apposition_of_event():
    t = "That DT det 1\nbattle NN ROOT 1\n, , punct 1\nthe DT det 4\noffensive NN appos 1"
    assert bu.apposition_of_event(cand(t, 4, "Offensive", nominal={1: "Battle", 4: "Offensive"}))


def test_compound_kind():
    t = "combat NN compound 1\nvehicles NNS ROOT 1 vehicle"
    assert bu.compound_kind(cand(t, 0, "Battle", nominal={0: "Battle"}))


def test_negated_indefinite_noun():
    t = """
No DT det 1
army NN nsubj 2
lost VBD ROOT 2 lose
in IN prep 2
a DT det 5
battle NN pobj 3
"""
    assert bu.negated_indefinite_noun(cand(t, 5, "Battle", nominal={5: "Battle"}))


def test_nobody_hurt():
    t = "No DT det 1\none NN nsubjpass 3\nwas VBD auxpass 3 be\ninjured VBN ROOT 3 injure"
    assert bu.nobody_hurt(cand(t, 3, "Casualties"))
    assert bu.nobody_hurt(cand(t, 3, "Attack")) is None


def test_moved_forces():
    t = """
Russia NNP poss 2 russia GPE
's POS case 0
reserves NNS nsubjpass 4 reserve
were VBD auxpass 4 be
brought VBN ROOT 4 bring
"""
    args, s = site(t, 4, "Reinforcement")
    assert label(args, bu.moved_forces(args, s)) == "Russia"
    args, s = site(t, 4, "Attack")
    assert bu.moved_forces(args, s) is None


def test_forces_in_focus():
    t = """
The DT det 1
RSF NNP nsubj 2 rsf ORG
advanced VBD ROOT 2 advance
. . punct 2
--
Soldiers NNS nsubj 1 soldier
delivered VBD ROOT 1 deliver
aid NN dobj 1 aid
"""
    p = parsed(t)
    b = bu.Builder(p, find_entities(p), [])
    para = p.paragraphs[1]
    key = bu.forces_in_focus(b.args, Site(para, para.doc[1], "AidDelivery"))
    assert b.table.type_of(key) == "MilitaryUnit"


SPOKESMAN = """
Konashenkov NNP nsubj 6 konashenkov PERSON
, , punct 0
Russia NNP poss 4 russia GPE
's POS case 2
spokesman NN appos 0
, , punct 0
claimed VBD ROOT 6 claim
to TO aux 8
destroy VB xcomp 6 destroy
tanks NNS dobj 8 tank
"""


def test_spokesman_affiliation():
    b, found, by_token = built(SPOKESMAN)
    f = next(f for f in found if f.token.i == 8)
    assert label(b.args, bu.spokesman_affiliation(b, f, by_token)) == "Russia"


def test_governing_event():
    t = """
Russian JJ amod 1 russian NORP
troops NNS nsubj 2 troop
shelled VBD ROOT 2 shell
Kharkiv NNP dobj 2 kharkiv GPE
, , punct 2
killing VBG advcl 2 kill
two CD dobj 5
"""
    b, found, by_token = built(t)
    f = next(f for f in found if f.token.i == 5)
    assert label(b.args, bu.governing_event(b, f, by_token)) == "Russia"


def test_offensive_campaigner():
    t = """
Ukrainian JJ amod 1 ukrainian NORP
troops NNS nsubj 2 troop
retook VBD ROOT 2 retake
Izium NNP dobj 2 izium GPE
during IN prep 2
a DT det 6
counteroffensive NN pobj 4
"""
    b, found, by_token = built(t)
    f = next(f for f in found if f.token.i == 6)
    assert label(b.args, bu.offensive_campaigner(b, f, by_token)) == "Ukraine"


def test_means_of_action():
    t = """
Ukrainian JJ amod 1 ukrainian NORP
troops NNS nsubj 2 troop
killed VBD ROOT 2 kill
ten CD dobj 2
in IN prep 2
a DT det 7
drone NN compound 7
strike NN pobj 4
"""
    b, found, by_token = built(t)
    f = next(f for f in found if f.token.i == 7)
    assert label(b.args, bu.means_of_action(b, f, by_token)) == "Ukraine"
    f = next(f for f in found if f.token.i == 2)
    assert bu.means_of_action(b, f, by_token) is None  # a verb


def test_casualty_cause():
    t = """
Two CD nsubjpass 2
were VBD auxpass 2 be
killed VBN ROOT 2 kill
in IN prep 2
a DT det 6
Russian JJ amod 6 russian NORP
strike NN pobj 3
"""
    b, found, by_token = built(t)
    f = next(f for f in found if f.token.i == 2)
    assert label(b.args, bu.casualty_cause(b, f, by_token)) == "Russia"


SENTENCE_PLACE = """
Troops NNS nsubj 1 troop
advanced VBD ROOT 1 advance
near IN prep 1
the DT det 4
square NN pobj 2
of IN prep 4
Izium NNP pobj 5 izium GPE
"""


def test_beside_generic_sentence_place():
    b, found, by_token = built(SENTENCE_PLACE)
    f = found[0]
    f.event = bu.replace(f.event, places=())
    assert bu.beside_generic_sentence_place(b, f, by_token) is None  # no place yet
    f.event = bu.replace(f.event, places=("generic",))
    assert [label(b.args, k) for k in bu.beside_generic_sentence_place(b, f, by_token)] == ["Izium"]


def test_beside_generic_focus():
    b, found, by_token = built("Troops NNS nsubj 1 troop\nadvanced VBD ROOT 1 advance")
    f = found[0]
    f.event = bu.replace(f.event, places=("generic",))
    assert bu.beside_generic_focus(b, f, by_token) is NOTHING


def test_related_event():
    t = """
Two CD nsubjpass 2
were VBD auxpass 2 be
killed VBN ROOT 2 kill
in IN prep 2
a DT det 5
strike NN pobj 3
on IN prep 5
Kharkiv NNP pobj 6 kharkiv GPE
"""
    b, found, by_token = built(t)
    f = next(f for f in found if f.token.i == 2)
    f.event = bu.replace(f.event, places=())  # as if "killed" had no place of its own
    assert [label(b.args, k) for k in bu.related_event(b, f, by_token)] == ["Kharkiv"]


def test_sentence_place():
    b, found, by_token = built(SENTENCE_PLACE)
    f = found[0]
    f.event = bu.replace(f.event, places=())
    assert [label(b.args, k) for k in bu.sentence_place(b, f, by_token)] == ["Izium"]


def test_settlement_in_focus():
    t = """
Troops NNS nsubj 1 troop
entered VBD ROOT 1 enter
Kharkiv NNP dobj 1 kharkiv GPE
. . punct 1
--
Troops NNS nsubj 1 troop
advanced VBD ROOT 1 advance
"""
    b, found, by_token = built(t)
    f = found[-1]
    assert [label(b.args, k) for k in bu.settlement_in_focus(b, f, by_token)] == ["Kharkiv"]
    f.event = bu.replace(f.event, type="Negotiation")
    assert bu.settlement_in_focus(b, f, by_token) is None


def test_dateline_place():
    t = """
KHARTOUM NNP ROOT 0 khartoum GPE
, , punct 0
Oct NNP appos 0 oct DATE
12 CD nummod 2 12 DATE
- : punct 0
Shelling NN nsubj 6 shelling
killed VBD ROOT 6 kill
ten CD dobj 6
"""
    b, found, by_token = built(t)
    f = next(x for x in found if x.token.text == "killed")
    f.event = bu.replace(f.event, places=())
    assert [label(b.args, k) for k in bu.dateline_place(b, f, by_token)] == ["Khartoum"]
    f.event = bu.replace(f.event, type="Negotiation")
    assert bu.dateline_place(b, f, by_token) is None


def test_events_carry_the_rules_that_found_and_decided_them():
    p = parsed("""
Russian  JJ   amod  1  russian  NORP
forces   NNS  nsubj 2  force
shelled  VBD  ROOT  2  shell
Kharkiv  NNP  dobj  2  kharkiv  GPE
.        .    punct 2
""")
    (event,) = extract_parsed(p).events
    assert event.rule == "events.trigger.verb_lexicon"
    assert event.decided_by == (
        "events.agent.subject_actor",
        "events.target.object_target",
        "events.place.place_target",
    )


def test_running_total():
    war = (
        "The DT det 1\nwar NN nsubj 3 war\n"
        "has VBZ aux 3 have\n"
        "killed VBN ROOT 3 kill\nthousands NNS dobj 3"
    )
    assert bu.running_total(cand(war, 3, "Casualties"))
    since = (
        "They PRP nsubj 2\nhave VBP aux 2 have\nattacked VBN ROOT 2 attack\n"
        "ships NNS dobj 2\nsince IN prep 2\nNovember NNP pobj 4"
    )
    assert bu.running_total(cand(since, 2, "Attack"))
    held = (
        "It PRP nsubjpass 3\nhas VBZ aux 3 have\nbeen VBN auxpass 3 be\nheld VBN ROOT 3 hold\n"
        "since IN prep 3\nDecember NNP pobj 4"
    )
    assert bu.running_total(cand(held, 3, "Occupation")) is None
    today = (
        "Shelling NN nsubj 2 shelling\nhas VBZ aux 2 have\nkilled VBN ROOT 2 kill\nten CD dobj 2"
    )
    assert bu.running_total(cand(today, 2, "Casualties")) is None


TWO_EVENTS = """
Russian JJ amod 1 russian NORP
forces NNS nsubj 2 force
shelled VBD ROOT 2 shell
Kharkiv NNP dobj 2 kharkiv GPE
. . punct 2
--
The DT det 1 the
attack NN nsubj 2 attack
continued VBD ROOT 2 continue
"""


def test_previous_event_place():
    b, found, by_token = built(TWO_EVENTS)
    f = next(x for x in found if x.token.text == "attack")
    f.event = bu.replace(f.event, places=())
    assert [label(b.args, k) for k in bu.previous_event_place(b, f, by_token)] == ["Kharkiv"]
    f.event = bu.replace(f.event, type="Negotiation")
    assert bu.previous_event_place(b, f, by_token) is None


def test_previous_event_agent():
    b, found, by_token = built(TWO_EVENTS)
    f = next(x for x in found if x.token.text == "attack")
    f.event = bu.replace(f.event, agent=None)
    assert label(b.args, bu.previous_event_agent(b, f, by_token)) == "Russia"
    f.event = bu.replace(f.event, type="Battle")
    assert bu.previous_event_agent(b, f, by_token) is None
