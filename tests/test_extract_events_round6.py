"""Round-6 event rules (maritime strikes, shootdowns, incursions, assessment-style
agents), each on sentences of our own: one that must fire and one that must not."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import extract_parsed, parse
from kg.types import SourceDoc

pytestmark = pytest.mark.slow


def run(nlp, text: str):
    x = extract_parsed(parse(SourceDoc(id="t", text=text, date=dt.date(2024, 3, 5)), nlp))
    return x, {e.key: e.label for e in x.entities}


def events(x) -> list[tuple[str, str]]:
    return [(e.type, e.trigger.text) for e in x.events]


def test_passive_strike_on_a_vessel_is_an_attack(nlp):
    x, labels = run(nlp, "A grain tanker was hit near the port of Constanta overnight.")
    assert ("Attack", "hit") in events(x)
    x, _ = run(nlp, "A young man was hit near the market, the mayor said.")
    assert not [t for t in events(x) if t[1] == "hit"]


def test_damaged_by_a_weapon_is_that_weapons_strike(nlp):
    x, labels = run(nlp, "A cargo ship was damaged by a Russian missile near Chornomorsk.")
    ev = [e for e in x.events if e.trigger.text == "damaged"]
    assert ev and ev[0].type == "MissileStrike", events(x)
    assert labels.get(ev[0].agent) == "Russia"
    x, _ = run(nlp, "Several houses in Marinka were damaged by artillery fire on Sunday.")
    assert not [t for t in events(x) if t[1] == "damaged"], events(x)


def test_air_defence_destroying_drones_is_a_shootdown(nlp):
    x, _ = run(nlp, "Belarusian air defence destroyed nine drones over Gomel on Monday.")
    assert ("Shootdown", "destroyed") in events(x)
    x, _ = run(nlp, "Ukrainian drones destroyed two boats near the island of Tendra.")
    assert "Shootdown" not in [t for t, _ in events(x)], events(x)


def test_troops_crossing_into_a_region_advance(nlp):
    x, labels = run(nlp, "Armenian troops crossed the river into the Tavush region at dawn.")
    ev = [e for e in x.events if e.trigger.text == "crossed"]
    assert ev and ev[0].type == "Advance", events(x)
    x, _ = run(nlp, "Thousands of refugees crossed the border into Poland on Friday.")
    assert not [t for t in events(x) if t[1] == "crossed"], events(x)
    x, _ = run(nlp, "Drones struck a column of tanks crossing the river near Kreminna.")
    assert not [t for t in events(x) if t[1] == "crossing"], events(x)


def test_a_clause_with_its_own_subject_inherits_no_agent(nlp):
    text = (
        "The governor said Russian shelling killed two people in Vovchansk and that "
        "volunteers had evacuated 40 residents from nearby villages."
    )
    x, labels = run(nlp, text)
    evac = [e for e in x.events if e.type == "Evacuation"]
    assert evac and evac[0].agent is None, [(e.type, labels.get(e.agent)) for e in x.events]
    killed = [e for e in x.events if e.type == "Casualties"]
    assert killed and labels.get(killed[0].agent) == "Russia"


def test_elements_of_a_unit_are_the_unit(nlp):
    x, labels = run(nlp, "Elements of the 3rd Assault Brigade captured Andriivka last week.")
    ev = [e for e in x.events if e.type == "Capture"]
    assert ev and labels.get(ev[0].agent) == "3rd Assault Brigade", events(x)


def test_a_nationality_tagged_as_a_name_before_an_event_noun_is_the_agent(nlp):
    text = "Omar Nadir wrote on X that heavy Pakistani shelling had damaged 30 houses in Uri."
    x, labels = run(nlp, text)
    ev = [e for e in x.events if e.type == "Shelling"]
    assert ev and labels.get(ev[0].agent) == "Pakistan", events(x)


def test_a_counterattack_is_an_attack_and_a_counteroffensive_an_offensive(nlp):
    x, _ = run(nlp, "Sudanese troops repelled two RSF counterattacks near Sennar on Friday.")
    assert ("Attack", "counterattacks") in events(x)
    x, _ = run(nlp, "The army counterattacked near Sennar, the RSF said.")
    assert ("Attack", "counterattacked") in events(x)
    x, _ = run(nlp, "The army launched a counteroffensive near Sennar in the spring.")
    assert ("Offensive", "counteroffensive") in events(x)


def test_an_event_noun_in_the_background_of_a_verb_is_its_own_event(nlp):
    text = "Azerbaijani units advanced near Lachin amid continued offensive operations."
    x, _ = run(nlp, text)
    assert {"Advance", "Offensive"} <= {t for t, _ in events(x)}, events(x)
    text = "Reinforcements were rushed to Lachin, trapping the garrison in an encirclement."
    x, _ = run(nlp, text)
    assert [t for t, _ in events(x)].count("Encirclement") <= 1, events(x)
