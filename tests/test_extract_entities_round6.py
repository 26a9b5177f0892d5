"""Round-6 entity rules on sentences of our own: "<City> City" and a bare service name."""

from __future__ import annotations

import pytest

from kg.extract import parse
from kg.extract.entities import find_entities
from kg.types import SourceDoc

pytestmark = pytest.mark.slow


def entities(nlp, text: str) -> list[tuple[str, str, list[str]]]:
    ents = find_entities(parse(SourceDoc(id="t", text=text), nlp)).entities()
    return [(e.type, e.label, [m.text for m in e.mentions]) for e in ents]


def test_a_known_city_followed_by_city_is_one_settlement(nlp):
    ents = entities(nlp, "Two drones hit a bus depot in Kherson City on Sunday morning.")
    assert ("Settlement", "Kherson", ["Kherson City"]) in ents
    assert not [e for e in ents if e[1] == "City"], ents


def test_a_bare_service_name_is_the_force_named_before(nlp):
    text = (
        "Ukraine's Navy said a patrol boat was hit near Ochakiv. "
        "The Navy said on Telegram that two sailors were wounded."
    )
    ents = entities(nlp, text)
    navy = [e for e in ents if e[1] == "Ukrainian Navy"]
    assert navy and navy[0][0] == "MilitaryUnit" and "Navy" in navy[0][2], ents
    assert not [e for e in ents if e[1] == "Navy"], ents


def test_a_service_name_with_no_force_before_stays_as_read(nlp):
    ents = entities(nlp, "The Navy said on Telegram that two sailors were wounded near Ochakiv.")
    assert not [e for e in ents if e[1] == "Ukrainian Navy"], ents


def test_a_name_ending_in_fleet_or_navy_is_a_military_unit(nlp):
    ents = entities(nlp, "The Baltic Fleet said two of its corvettes had left Kaliningrad.")
    assert ("MilitaryUnit", "Baltic Fleet") in [e[:2] for e in ents], ents


def test_according_to_a_bare_service_name_is_the_force_named_before(nlp):
    text = (
        "The Indian Navy escorted two tankers past Aden on Monday. More than 40 ships "
        "have been attacked since January, according to the Navy."
    )
    ents = entities(nlp, text)
    navy = [e for e in ents if e[1] == "Indian Navy"]
    assert navy and navy[0][2].count("Navy") == 1 and len(navy[0][2]) == 2, ents


def test_names_in_a_list_closed_by_sectors_are_regions(nlp):
    text = "Officials ordered the evacuation of the Poonch and Rajouri sectors after the raid."
    ents = entities(nlp, text)
    assert ("Region", "Poonch Sector") in [e[:2] for e in ents], ents
    assert ("Region", "Rajouri Sector") in [e[:2] for e in ents], ents
