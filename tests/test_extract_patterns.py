"""The entity ruler and its gazetteers (kg/extract/patterns.py, kg/data/patterns/)."""

from __future__ import annotations

import pytest

from kg.extract import patterns as pat
from kg.types import ENTITY_TYPES

pytestmark = pytest.mark.slow


def test_gazetteers_load_with_contract_types():
    assert len(pat.countries()) > 80
    assert len(pat.names()) > 100
    for entry in pat.names():
        assert entry.type in ENTITY_TYPES, entry
        assert entry.name.strip() == entry.name
    for country in pat.countries():
        assert country.forces, country
        assert all(adj[:1].isupper() for adj in country.adjectives), country


def test_indexes_find_countries_by_every_spelling():
    assert pat.country_by_name()["uk"].name == "United Kingdom"
    assert pat.country_by_adjective()["Sudanese"].name == "Sudan"
    assert pat.country_by_demonym()["Ukrainians"].forces == "Armed Forces of Ukraine"
    assert pat.country_by_capital()["Kiev"].name == "Ukraine"
    assert pat.name_index()["ap"].name == "Associated Press"


def test_ruler_sits_before_ner_and_is_added_once(nlp):
    names = nlp.pipe_names
    assert names.index(pat.RULER_NAME) < names.index("ner")
    pat.add_entity_ruler(nlp)
    assert nlp.pipe_names.count(pat.RULER_NAME) == 1


def _ruled(nlp, text: str) -> dict[str, tuple[str, str]]:
    doc = nlp(text)
    return {e.text: (e.label_, e.ent_id_) for e in doc.ents if e.label_ in ENTITY_TYPES}


@pytest.mark.parametrize(
    ("text", "span", "label", "ident"),
    [
        (
            "Ukrainian troops pushed east.",
            "Ukrainian troops",
            "MilitaryUnit",
            "@forces",
        ),
        (
            "Belarusian soldiers crossed at dawn.",
            "Belarusian soldiers",
            "MilitaryUnit",
            "@forces",
        ),
        (
            "Syria's armed forces left the base.",
            "Syria's armed forces",
            "MilitaryUnit",
            "@forces",
        ),
        (
            "The 47th Separate Mechanized Brigade moved up.",
            "47th Separate Mechanized Brigade",
            "MilitaryUnit",
            "@unit",
        ),
        (
            "Wagner mercenary group fighters left.",
            "Wagner mercenary group",
            "MilitaryUnit",
            "@group",
        ),
        ("Shelling hit the Sumy region again.", "Sumy region", "Region", "@region"),
        ("Boats crossed the Inhulets river.", "Inhulets river", "River", "@river"),
        ("He spoke on Russia-1 last night.", "Russia-1", "Organization", "Russia-1"),
        ("A spokesman told Al Jazeera on Monday.", "Al Jazeera", "Organization", "Al Jazeera"),
        (
            "The Russian defence ministry said so.",
            "Russian defence ministry",
            "Organization",
            "@ministry",
        ),
        (
            "Iranian state media reported the launch.",
            "Iranian state media",
            "Organization",
            "@statemedia",
        ),
        ("They fought on the Western Front in 1916.", "Western Front", "Place", "@place"),
    ],
)
def test_ruler_patterns(nlp, text, span, label, ident):
    assert _ruled(nlp, text).get(span) == (label, ident)


def test_short_acronyms_match_case_exactly(nlp):
    assert "AP" in _ruled(nlp, "Photo / AP")
    assert "ap" not in _ruled(nlp, "an ap app")


def test_nationality_adjectives_are_not_names_of_places(nlp):
    # "Russian region" must not become a Region called "Russian"
    assert "Russian region" not in _ruled(nlp, "Drones struck the Russian region overnight.")
