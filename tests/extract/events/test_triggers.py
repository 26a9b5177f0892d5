"""One test per ``events.trigger`` rule, on hand-made parses (no model)."""

from __future__ import annotations

from kg.extract.events import triggers as tr
from kg.extract.rules import NOTHING
from tests.extract.events.sites import on

FORCES_SHELLED = """
Russian  JJ   amod  1  russian  NORP
forces   NNS  nsubj 2  force
shelled  VBD  ROOT  2  shell
Kharkiv  NNP  dobj  2  kharkiv  GPE
.        .    punct 2
"""


def words(found):
    typ, toks, _ = found
    return typ, [t.text for t in toks]


def test_phrasal_verb():
    t = on("Jets NNS nsubj 1 jet\nshot VBD ROOT 1 shoot\ndown RP prt 1\ndrones NNS dobj 1 drone", 1)
    assert words(tr.phrasal_verb(*t)) == ("Shootdown", ["shot", "down"])
    assert tr.phrasal_verb(*on("Jets NNS nsubj 1 jet\nshot VBD ROOT 1 shoot", 1)) is None


def test_verb_object():
    t = on("Troops NNS nsubj 1 troop\nopened VBD ROOT 1 open\nfire NN dobj 1 fire", 1)
    assert words(tr.verb_object(*t)) == ("Attack", ["opened", "fire"])


def test_verb_prep_object():
    t = on("Troops NNS nsubj 1 troop\ncame VBD ROOT 1 come\nunder IN prep 1\nfire NN pobj 2", 1)
    assert words(tr.verb_prep_object(*t)) == ("Attack", ["came", "under", "fire"])


def test_impact_of_instrument():
    t = on("Rockets NNS nsubj 1 rocket\nfell VBD ROOT 1 fall\non IN prep 1\nBucha NNP pobj 2", 1)
    assert tr.impact_of_instrument(*t)[0] == "MissileStrike"
    assert tr.impact_of_instrument(*on("Prices NNS nsubj 1 price\nfell VBD ROOT 1 fall", 1)) is None


def test_landing_force():
    t = on("Troops NNS nsubj 1 troop\nlanded VBD ROOT 1 land", 1)
    assert tr.landing_force(*t)[0] == "Advance"
    assert tr.landing_force(*on("Jets NNS nsubj 1 jet\nlanded VBD ROOT 1 land", 1)) is None


def test_impact_without_instrument():
    assert (
        tr.impact_without_instrument(*on("Prices NNS nsubj 1 price\nfell VBD ROOT 1 fall", 1))
        is NOTHING
    )


def test_aid_delivered():
    t = on("They PRP nsubj 1 they\ndelivered VBD ROOT 1 deliver\nfood NN dobj 1 food", 1)
    assert tr.aid_delivered(*t)[0] == "AidDelivery"
    assert (
        tr.aid_delivered(
            *on("They PRP nsubj 1 they\ndelivered VBD ROOT 1 deliver\nmail NN dobj 1", 1)
        )
        is None
    )


def test_launched_instrument():
    t = on("They PRP nsubj 1 they\nfired VBD ROOT 1 fire\nmissiles NNS dobj 1 missile", 1)
    assert tr.launched_instrument(*t)[0] == "MissileStrike"


def test_evacuees_taken():
    t = on("Residents NNS nsubjpass 2 resident\nwere VBD auxpass 2 be\ntaken VBN ROOT 2 take", 2)
    assert tr.evacuees_taken(*t)[0] == "Evacuation"


def test_strike_by_instrument_subject():
    t = on("Missiles NNS nsubj 1 missile\nhit VBD ROOT 1 hit\nKyiv NNP dobj 1 kyiv GPE", 1)
    assert tr.strike_by_instrument_subject(*t)[0] == "MissileStrike"


def test_strike_by_instrument_agent():
    t = on(
        """
Kyiv NNP nsubjpass 2 kyiv GPE
was VBD auxpass 2 be
hit VBN ROOT 2 hit
by IN agent 2
drones NNS pobj 3 drone
""",
        2,
    )
    assert tr.strike_by_instrument_agent(*t)[0] == "DroneStrike"


def test_struck_vessel():
    t = on("A DT det 1\ntanker NN nsubjpass 3 tanker\nwas VBD auxpass 3 be\nhit VBN ROOT 3 hit", 3)
    assert tr.struck_vessel(*t)[0] == "Attack"
    t = on("He PRP nsubjpass 2 he\nwas VBD auxpass 2 be\nhit VBN ROOT 2 hit", 2)
    assert tr.struck_vessel(*t) is None


def test_unarmed_hit():
    t = on("The DT det 1\nstorm NN nsubj 2 storm\nhit VBD ROOT 2 hit\nKyiv NNP dobj 2 kyiv GPE", 2)
    assert tr.unarmed_hit(*t) is NOTHING
    t = on("Troops NNS nsubj 1 troop\nhit VBD ROOT 1 hit\nKyiv NNP dobj 1 kyiv GPE", 1)
    assert tr.unarmed_hit(*t) is None


def test_result_by_weapon():
    t = on(
        """
A DT det 1
ship NN nsubjpass 3 ship
was VBD auxpass 3 be
damaged VBN ROOT 3 damage
by IN agent 3
a DT det 6
drone NN pobj 4 drone
""",
        3,
    )
    assert tr.result_by_weapon(*t)[0] == "DroneStrike"


def test_destroyed_aircraft():
    t = on("Defences NNS nsubj 1 defence\ndestroyed VBD ROOT 1 destroy\ndrones NNS dobj 1 drone", 1)
    assert tr.destroyed_aircraft(*t)[0] == "Shootdown"


def test_result_verb():
    t = on("A DT det 1\nbuilding NN nsubj 2 building\ncollapsed VBD ROOT 2 collapse", 2)
    assert tr.result_verb(*t)[0] == "Destruction"
    t = on("The DT det 1\ntalks NNS nsubj 2 talk\ncollapsed VBD ROOT 2 collapse", 2)
    assert tr.result_verb(*t) is NOTHING


def test_pull_without_particle():
    assert (
        tr.pull_without_particle(*on("They PRP nsubj 1 they\npulled VBD ROOT 1 pull", 1)) is NOTHING
    )


def test_free_without_object():
    assert tr.free_without_object(*on("They PRP nsubj 1 they\nfreed VBD ROOT 1 free", 1)) is NOTHING


def test_meeting():
    t = on("Representatives NNS nsubj 1 representative\nmet VBD ROOT 1 meet", 1)
    assert tr.meeting(*t)[0] == "Negotiation"
    t = on("Troops NNS nsubj 1 troop\nmet VBD ROOT 1 meet\nresistance NN dobj 1", 1)
    assert tr.meeting(*t) is NOTHING


def test_verb_lexicon():
    assert words(tr.verb_lexicon(*on(FORCES_SHELLED, 2))) == ("Shelling", ["shelled"])
    assert tr.verb_lexicon(*on(FORCES_SHELLED, 1)) is None


def test_crossing_description():
    t = on(
        "vehicles NNS ROOT 0 vehicle\ncrossing VBG acl 0 cross\nthe DT det 3\nriver NN dobj 1", 1
    )
    assert tr.crossing_description(*t) is NOTHING


def test_take_without_place():
    t = on("Troops NNS nsubj 1 troop\ntook VBD ROOT 1 take\nshelter NN dobj 1", 1)
    assert tr.take_without_place(*t) is NOTHING
    t = on("Troops NNS nsubj 1 troop\ntook VBD ROOT 1 take\nBakhmut NNP dobj 1 bakhmut GPE", 1)
    assert tr.take_without_place(*t) is None


def test_reinforcements_sent():
    t = on(
        """
Russia NNP nsubj 1 russia GPE
sent VBD ROOT 1 send
reinforcements NNS dobj 1 reinforcement
""",
        1,
    )
    assert tr.reinforcements_sent(*t)[0] == "Reinforcement"


def test_military_mover():
    t = on("Troops NNS nsubj 1 troop\ncrossed VBD ROOT 1 cross\nthe DT det 3\nriver NN dobj 1", 1)
    assert tr.military_mover(*t)[0] == "Advance"
    t = on(
        "Tourists NNS nsubj 1 tourist\ncrossed VBD ROOT 1 cross\nthe DT det 3\nriver NN dobj 1", 1
    )
    assert tr.military_mover(*t) is None


def test_aid_convoy():
    t = on("An DT det 2\naid NN compound 2\nconvoy NN nsubj 3 convoy\nentered VBD ROOT 3 enter", 2)
    assert tr.aid_convoy(*t)[0] == "AidDelivery"


def test_noun_without_modifier():
    assert tr.noun_without_modifier(*on("a DT det 1\ntalk NN ROOT 1", 1)) is NOTHING
    assert tr.noun_without_modifier(*on("peace NN compound 1\ntalk NN ROOT 1", 1)) is None
    assert tr.noun_without_modifier(*on("inspect VB ROOT 0\ndamage NN dobj 0", 1)) is None
    t = on("reputational JJ amod 1\ndamage NN ROOT 1", 1)
    assert tr.noun_without_modifier(*t) is NOTHING


def test_launched_projectiles():
    t = "the DT det 1\nprojectiles NNS nsubjpass 3 projectile\nwere VBD auxpass 3 be\n"
    t += "launched VBN ROOT 3 launch"
    assert tr.launched_instrument(*on(t, 3))[0] == "MissileStrike"


def test_noun_with_modifier():
    t = on("A DT det 2\nmissile NN compound 2\nstrike NN ROOT 2", 2)
    assert words(tr.noun_with_modifier(*t)) == ("MissileStrike", ["missile", "strike"])
    assert tr.noun_with_modifier(*on("A DT det 1\nstrike NN ROOT 1", 1)) is None


def test_noun_lexicon():
    assert words(tr.noun_lexicon(*on("The DT det 1\noffensive NN ROOT 1", 1))) == (
        "Offensive",
        ["offensive"],
    )


def test_classify_names_the_deciding_rule():
    d = tr.find_trigger(*on(FORCES_SHELLED, 2))
    assert d.rule == "events.trigger.verb_lexicon"
    assert tr.classify(*on(FORCES_SHELLED, 1)) == ("", [], 0.0)


def test_one_of_the_weapons():
    t = on(
        "One CD nsubj 4 one\nof IN prep 0\nthe DT det 3\nmissiles NNS pobj 1 missile\n"
        "hit VBD ROOT 4 hit\na DT det 6\nmosque NN dobj 4 mosque",
        4,
    )
    assert words(tr.one_of_the_weapons(*t)) == ("MissileStrike", ["hit"])
    t = on("One CD nsubj 1 one\nhit VBD ROOT 1 hit\nback RB advmod 1", 1)
    assert tr.one_of_the_weapons(*t) is None


def test_targeted_people():
    t = on("soldiers NNS nsubjpass 2 soldier\nwere VBD auxpass 2 be\ntargeted VBN ROOT 2 target", 2)
    assert words(tr.targeted_people(*t)) == ("Attack", ["targeted"])
    t = on("ads NNS nsubjpass 2 ad\nwere VBD auxpass 2 be\ntargeted VBN ROOT 2 target", 2)
    assert tr.targeted_people(*t) is None


def test_an_armed_group_that_targets_attacks_an_unarmed_subject_does_not():
    armed = on(
        "The DT det 2\nparamilitary JJ amod 2\ngroup NN nsubj 3 group\n"
        "targeted VBD ROOT 3 target\nthe DT det 5\nmarket NN dobj 3 market",
        3,
    )
    assert tr.unarmed_hit(*armed) is None
    assert words(tr.TRIGGER.decide(*armed).value) == ("Attack", ["targeted"])
    unarmed = on("The DT det 1\nstorm NN nsubj 2 storm\nhit VBD ROOT 2 hit\ncoast NN dobj 2", 2)
    assert tr.unarmed_hit(*unarmed) is NOTHING
    strikes = on("Air NN compound 1 air\nstrikes NNS nsubj 2 strike\nhit VBD ROOT 2 hit", 2)
    assert tr.unarmed_hit(*strikes) is NOTHING  # the noun is the event


def test_political_event_and_its_subtype():
    t = on("Police NNS nsubj 1 police\narrested VBD ROOT 1 arrest\nfour CD dobj 1", 1)
    assert words(tr.political_event(*t)) == ("Other", ["arrested"])
    assert tr.political_subtype(t[0]) == {
        "lemma": "arrest",
        "subtype": "arrest",
        "acled_sub_event_type": "Arrests",
    }
    coup = on("the DT det 1\ncoup NN ROOT 1 coup", 1)
    assert tr.political_subtype(coup[0])["subtype"] == "coup"
    assert tr.political_event(*on("Police NNS nsubj 1 police\nsaid VBD ROOT 1 say", 1)) is None


def test_military_flight():
    t = on("Soldiers NNS nsubj 1 soldier\nfled VBD ROOT 1 flee", 1)
    assert words(tr.military_flight(*t)) == ("Withdrawal", ["fled"])
    assert (
        tr.military_flight(*on("Residents NNS nsubj 1 resident\nfled VBD ROOT 1 flee", 1)) is None
    )
    t = on("the DT det 2\nfleeing VBG amod 2 flee\nmilitants NNS ROOT 2 militant", 1)
    assert words(tr.military_flight(*t)) == ("Withdrawal", ["fleeing"])
    t = on("the DT det 2\nfleeing VBG amod 2 flee\nfamilies NNS ROOT 2 family", 1)
    assert tr.military_flight(*t) is None


def test_surrounding_description():
    t = on("the DT det 2\nsurrounding VBG amod 2 surround\nwaters NNS pobj 2 water", 1)
    assert tr.surrounding_description(*t) is NOTHING
    t = on(
        "Troops NNS nsubj 1 troop\nsurrounded VBD ROOT 1 surround\nthe DT det 3\ntown NN dobj 1", 1
    )
    assert tr.surrounding_description(*t) is None


def test_died_down():
    t = on("The DT det 1\nfighting NN nsubj 2 fighting\ndied VBD ROOT 2 die\ndown RP prt 2", 2)
    assert tr.died_down(*t) is NOTHING
    assert (
        tr.died_down(*on("Ten CD nsubj 1\npeople NNS nsubj 2 person\ndied VBD ROOT 2 die", 2))
        is None
    )


def test_withdrawal_from_agreement():
    t = on(
        "its PRP$ poss 1\nwithdrawal NN dobj 1 withdrawal\nfrom IN prep 1\nthe DT det 5\n"
        "grain NN compound 5\ndeal NN pobj 2 deal",
        1,
    )
    assert words(tr.withdrawal_from_agreement(*t)) == ("Other", ["withdrawal"])
    t = on(
        "Troops NNS nsubj 1 troop\nwithdrew VBD ROOT 1 withdraw\n"
        "from IN prep 1\nKherson NNP pobj 2",
        1,
    )
    assert tr.withdrawal_from_agreement(*t) is None


def test_background_invasion():
    t = on("the DT det 1\ninvasion NN nsubj 2 invasion\ncontinued VBD ROOT 2 continue", 1)
    assert tr.background_invasion(*t) is NOTHING
    assert (
        tr.background_invasion(*on("Troops NNS nsubj 1 troop\ninvaded VBD ROOT 1 invade", 1))
        is None
    )


def test_attack_repelled():
    t = "Attacks NNS nsubjpass 2 attack\nwere VBD auxpass 2 be\nrepulsed VBN ROOT 2 repulse"
    assert tr.attack_repelled(*on(t, 2)) is NOTHING
    t = (
        "Troops NNS nsubj 1 troop\nrepelled VBD ROOT 1 repel\n"
        "the DT det 3\nattackers NNS dobj 1 attacker"
    )
    assert tr.attack_repelled(*on(t, 1)) is None


def test_casualty_adjective():
    t = "The DT det 1\ndead JJ nsubj 2 dead\nwere VBD ROOT 2 be\nfarmers NNS attr 2 farmer"
    assert words(tr.casualty_adjective(*on(t, 1))) == ("Casualties", ["dead"])
    t = (
        "The DT det 2\nwounded JJ amod 2 wounded\n"
        "peacekeepers NNS nsubj 3 peacekeeper\nleft VBD ROOT 3 leave"
    )
    assert words(tr.casualty_adjective(*on(t, 1))) == ("Casualties", ["wounded"])
    t = (
        "Children NNS nsubj 1 child\nwere VBD ROOT 1 be\n"
        "among IN prep 1\nthe DT det 4\nwounded JJ pobj 2 wounded"
    )
    assert tr.casualty_adjective(*on(t, 4)) is None
    t = (
        "They PRP nsubj 1 they\nevacuated VBD ROOT 1 evacuate\n"
        "wounded JJ amod 3 wounded\nmen NNS dobj 1 man"
    )
    assert tr.casualty_adjective(*on(t, 2)) is None


def test_in_control():
    t = (
        "Forces NNS nsubj 1 force\nwere VBD ROOT 1 be\nin IN prep 1\ncontrol NN pobj 2 control\n"
        "of IN prep 3\nBakhmut NNP pobj 4 bakhmut GPE"
    )
    assert words(tr.in_control(*on(t, 3))) == ("Occupation", ["control"])
    t = "They PRP nsubj 1 they\nfight VBP ROOT 1 fight\nfor IN prep 1\ncontrol NN pobj 2 control"
    assert tr.in_control(*on(t, 3)) is None


def test_held_by_force():
    t = (
        "Madani NNP nsubjpass 2 madani GPE\nwas VBD auxpass 2 be\nheld VBN ROOT 2 hold\n"
        "by IN agent 2\nthe DT det 5\ntroops NNS pobj 3 troop"
    )
    assert words(tr.held_by_force(*on(t, 2))) == ("Occupation", ["held"])
    t = "Talks NNS nsubjpass 2 talk\nwere VBD auxpass 2 be\nheld VBN ROOT 2 hold"
    assert tr.held_by_force(*on(t, 2)) is None


def test_without_incident():
    t = "Troops NNS nsubj 1 troop\nentered VBD ROOT 1 enter\nwithout IN prep 1\nincident NN pobj 2"
    assert tr.without_incident(*on(t, 3)) is NOTHING
    t = "The DT det 1\nincident NN nsubj 2 incident\nkilled VBD ROOT 2 kill"
    assert tr.without_incident(*on(t, 1)) is None
    assert tr.noun_lexicon(*on(t, 1))[0] == "Attack"


def test_displaced_description():
    t = "displaced VBN amod 1 displace\npeople NNS ROOT 1 people"
    assert tr.displaced_description(*on(t, 0)) is NOTHING
    t = "people NNS ROOT 0 people\nfleeing VBG acl 0 flee\nthe DT det 3\nwar NN dobj 1 war"
    assert tr.displaced_description(*on(t, 1)) is NOTHING
    t = "Thousands NNS nsubj 1 thousand\nfled VBD ROOT 1 flee\nthe DT det 3\ncity NN dobj 1 city"
    assert tr.displaced_description(*on(t, 1)) is None


def test_not_a_content_word():
    t = on("in IN prep 1\nKharkiv NNP pobj 0 kharkiv GPE", 0)
    assert tr.not_a_content_word(*t) is NOTHING
    assert tr.not_a_content_word(*on(FORCES_SHELLED, 2)) is None
