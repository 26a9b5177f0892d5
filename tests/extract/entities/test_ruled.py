"""The rules of ``entities.ruler``: what a ruler entity becomes, by its pattern id."""

from __future__ import annotations

import pytest

from kg.extract.entities.cues import is_government, place_context, pressed_on, trim
from kg.extract.entities.ruled import RULER, RulerMatch, ruler_candidates
from tests.extract.entities.util import finder, found


def ruled(table: str, ident: str, which: int = 0):
    f = finder(table, ids=None)
    ent = f.doc.ents[which]
    f = finder(table, ids={ent.start: ident})
    ent = f.doc.ents[which]
    start, end = trim(f.doc, ent.start, ent.end, ent.label_)
    return found(RULER.decide(RulerMatch(f, ent, ent.ent_id_ or ent.text, start, end)))


MU, ORG = "MilitaryUnit", "Organization"
CASES = [
    (
        "capital_as_government",
        "Kyiv",
        "Kyiv NNP nsubj 1 _ Settlement\nsaid VBD ROOT 1 say",
        [("Country", "Ukraine")],
    ),
    (
        "named",
        "Kherson",
        "in IN ROOT 0\nKherson NNP pobj 0 _ Settlement\nCity NNP appos 1",
        [("Settlement", "Kherson")],
    ),
    (
        "ministry",
        "@ministry",
        """
the DT det 3
Russian JJ amod 3 _ Organization
defence NN compound 3 _ Organization
ministry NN nsubj 4 _ Organization
said VBD ROOT 4 say
""",
        [(ORG, "Ministry of Defence of Russia")],
    ),
    (
        "national_government",
        "@national",
        "the DT det 2\nEthiopian JJ amod 2 _ Organization\ngovernment NN nsubj 3 _ Organization\n"
        "denied VBD ROOT 3 deny",
        [("Country", "Ethiopia")],
    ),
    (
        "national",
        "@national",
        "Israeli JJ amod 2 _ MilitaryUnit\nair NN compound 2 _ MilitaryUnit\n"
        "force NN ROOT 2 _ MilitaryUnit",
        [(MU, "Israeli Air Force")],
    ),
    (
        "statemedia",
        "@statemedia",
        "Iranian JJ amod 2 _ Organization\nstate NN compound 2 _ Organization\n"
        "media NNS ROOT 2 _ Organization",
        [(ORG, "Iranian state media")],
    ),
    (
        "forces",
        "@forces",
        "Ukrainian JJ amod 1 _ MilitaryUnit\ntroops NNS ROOT 1 troop MilitaryUnit",
        [(MU, "Armed Forces of Ukraine")],
    ),
    (
        "command",
        "@command",
        "Khortytsia NNP compound 1 _ MilitaryUnit\ngroup NN ROOT 1 _ MilitaryUnit\n"
        "of IN prep 1 _ MilitaryUnit\nforces NNS pobj 2 force MilitaryUnit",
        [(MU, "Khortytsia Group of Forces")],
    ),
    (
        "unit",
        "@unit",
        "47th JJ amod 3 _ MilitaryUnit\nseparate JJ amod 3 _ MilitaryUnit\n"
        "mechanized JJ amod 3 _ MilitaryUnit\nbrigade NN ROOT 3 _ MilitaryUnit",
        [(MU, "47th Separate Mechanized Brigade")],
    ),
    (
        "group",
        "@group",
        "Wagner NNP compound 2 _ MilitaryUnit\nmercenary NN compound 2 _ MilitaryUnit\n"
        "group NN ROOT 2 _ MilitaryUnit",
        [(MU, "Wagner Group")],
    ),
    (
        "region",
        "@region",
        "the DT det 2\nSumy NNP compound 2 _ Region\nregion NN ROOT 2 _ Region",
        [("Region", "Sumy Oblast")],
    ),
    (
        "regions",
        "@regions",
        "Kyiv NNP compound 3 _ Region\nand CC cc 0 _ Region\nOdesa NNP conj 0 _ Region\n"
        "regions NNS ROOT 3 region Region",
        [("Region", "Kyiv Oblast"), ("Region", "Odesa Oblast")],
    ),
    (
        "org",
        "@org",
        "Sudan NNP compound 2 _ Organization\nDoctors NNP compound 2 _ Organization\n"
        "Network NNP ROOT 2 _ Organization",
        [(ORG, "Sudan Doctors Network")],
    ),
    (
        "administration",
        "@administration",
        "Donetsk NNP compound 3 _ Organization\nregional JJ amod 3 _ Organization\n"
        "military JJ amod 3 _ Organization\nadministration NN ROOT 3 _ Organization",
        [(ORG, "Donetsk Regional Military Administration")],
    ),
    (
        "compass",
        "@compass",
        "South NNP compound 1 _ Region\nKordofan NNP ROOT 1 _ Region",
        [("Region", "South Kordofan")],
    ),
    (
        "river",
        "@river",
        "the DT det 2\nInhulets NNP compound 2 _ River\nriver NN ROOT 2 _ River",
        [("River", "Inhulets")],
    ),
    (
        "facility",
        "@facility",
        "Vuhlehirska NNP compound 2 _ Facility\npower NN compound 2 _ Facility\n"
        "plant NN ROOT 2 _ Facility",
        [("Facility", "Vuhlehirska Power Plant")],
    ),
    (
        "military_camp",
        "@place",
        "the DT det 1\njunta NN nsubj 2\nlost VBD ROOT 2 lose\nTeinn NNP compound 5 _ Place\n"
        "Tan NNP compound 5 _ Place\ncamp NN dobj 2 _ Place",
        [("Facility", "Teinn Tan camp")],
    ),
    (
        "place",
        "@place",
        "Zamzam NNP compound 1 _ Place\ncamp NN ROOT 1 _ Place",
        [("Place", "Zamzam camp")],
    ),
]


@pytest.mark.parametrize(("rule", "ident", "table", "expected"), CASES, ids=[c[0] for c in CASES])
def test_ruler_rule(rule, ident, table, expected):
    assert ruled(table, ident) == (rule, expected)


def test_every_ruler_rule_has_a_case():
    assert {r.name.rsplit(".", 1)[1] for r in RULER} == {c[0] for c in CASES}


def test_kherson_city_takes_city():
    f = finder("in IN ROOT 0\nKherson NNP pobj 0 _ Settlement\nCity NNP appos 1", {1: "Kherson"})
    [cand] = ruler_candidates(f, f.doc.ents[0])
    assert (cand.span.text, cand.rule, 2 in f.covered) == (
        "Kherson City",
        "entities.ruler.named",
        True,
    )


def test_forces_without_a_country_are_dropped():
    assert ruled(
        "elite JJ amod 1 _ MilitaryUnit\ntroops NNS ROOT 1 troop MilitaryUnit", "@forces"
    ) == (
        "forces",
        [],
    )


def test_an_unknown_pattern_id_is_an_error():
    f = finder("Zamzam NNP compound 1 _ Place\ncamp NN ROOT 1 _ Place", {0: "@nowhere"})
    with pytest.raises(KeyError, match="@nowhere"):
        ruler_candidates(f, f.doc.ents[0])


def test_a_camp_of_displaced_people_stays_a_place():
    table = (
        "soldiers NNS nsubj 1 soldier\nshelled VBD ROOT 1 shell\ndisplaced JJ amod 3\n"
        "people NNS dobj 1\nin IN prep 3\nKalma NNP compound 6 _ Place\ncamp NN pobj 4 _ Place"
    )
    assert ruled(table, "@place") == ("place", [("Place", "Kalma camp")])


@pytest.mark.parametrize(
    ("table", "country"),
    [
        ("pressure NN ROOT 0\non IN prep 0\nTehran NNP pobj 1 _ GPE", "Iran"),
        (
            "they PRP nsubj 1\nimposed VBD ROOT 1 impose\nsanctions NNS dobj 1 sanction\n"
            "on IN prep 1\nMoscow NNP pobj 3 _ GPE",
            "Russia",
        ),
    ],
)
def test_a_capital_pressed_on_is_its_government(table, country):
    f = finder(table)
    tok = f.doc.ents[0][0]
    assert pressed_on(tok) and is_government(tok)


def test_a_strike_on_a_capital_leaves_the_city():
    f = finder("strike NN ROOT 0\non IN prep 0\nKyiv NNP pobj 1 _ GPE")
    assert not is_government(f.doc.ents[0][0])


def test_a_capital_dominated_body_names_the_government():
    f = finder(
        "the DT det 4\nMoscow NNP npadvmod 3 _ GPE\n- HYPH punct 3\n"
        "dominated VBN amod 4\nbloc NN ROOT 4"
    )
    assert is_government(f.doc.ents[0][0])


def test_a_name_bombed_is_a_place():
    f = finder(
        "jet NN nsubj 1\nbombed VBD ROOT 1 bomb\nKyauk NNP compound 3 _ PERSON\n"
        "Maw NNP dobj 1 _ PERSON"
    )
    assert place_context(f.doc.ents[0].root, strong_only=True)


def test_a_named_corridor_is_a_place():
    table = "the DT det 2\nLachin NNP compound 2 _ Region\ncorridor NN ROOT 2 _ Region"
    assert ruled(table, "@region") == ("region", [("Place", "Lachin Corridor")])
