"""The rules of ``entities.ner``: what a NER entity becomes, one hand-made parse each."""

from __future__ import annotations

import pytest

from kg.extract.entities.candidates import NER_SPAN, ner_span
from tests.extract.entities.util import finder, found


def ner(table: str, which: int = 0):
    f = finder(table)
    return found(NER_SPAN.decide(ner_span(f, f.doc.ents[which])))


CASES = [
    (
        "owner_in_armed_name",
        """
Troops NNS ROOT 0 troop
of IN prep 0
People NNP poss 5 _ ORG
's POS case 2
Defence NNP compound 5 _ B-ORG
Force NNP pobj 1 _ ORG
""",
        [],
    ),
    ("nothing_left", "The DT det 1 _ ORG\narmy NN ROOT 1", []),
    ("lower_case_words", "betadine NN nsubj 1 _ ORG\nran VBD ROOT 1 run", []),
    ("rank_alone", "Brig NNP nsubj 1 _ PERSON\nsaid VBD ROOT 1 say", []),
    ("ethnic_group", "Druze NNP nsubj 1 _ ORG\nfought VBD ROOT 1 fight", []),
    ("weapon_name", "a DT det 2\nScud NNP compound 2 _ PERSON\nmissile NN ROOT 2", []),
    (
        "weapon_name",
        "Explosive NNP compound 1 _ ORG\nDevices NNPS nsubj 2 _ ORG\nkilled VBD ROOT 2 kill",
        [],
    ),
    (
        "dateline_date",
        "Oct NNP compound 2 _ PERSON\n2 CD nummod 2 _ PERSON\nEight NNP nsubj 3 _ PERSON\n"
        "died VBD ROOT 3 die",
        [],
    ),
    ("clock_time_or_hashtag", "at IN ROOT 0\n06:45 CD pobj 0\nGMT NNP appos 1 _ ORG", []),
    ("clock_time_or_hashtag", "# NN ROOT 0\nMarSec NNP appos 0 _ PERSON", []),
    (
        "cut_before_of",
        "Prosecutor NNP compound 1 _ ORG\nOffice NNP nsubj 4 _ ORG\nof IN prep 1 _ ORG\n"
        "Azerbaijan NNP pobj 2 _ GPE\nsaid VBD ROOT 4 say",
        [("Organization", "Prosecutor Office of Azerbaijan")],
    ),
    (
        "settlement_noun_in_name",
        "in IN ROOT 0\nKibbutz NNP compound 2 _ GPE\nBe'eri NNP pobj 0 _ GPE",
        [("Settlement", "Kibbutz Be'eri")],
    ),
    ("nationality", "Russian JJ amod 1 _ NORP\ntroops NNS ROOT 1 troop", [("Country", "Russia")]),
    ("capitalised_opener", "Fierce JJ amod 1 _ ORG\nfighting NN ROOT 1", []),
    (
        "name_and_region_noun",
        "in IN ROOT 0\nKani NNP compound 2 _ GPE\ntownship NN pobj 0",
        [("Region", "Kani Township")],
    ),
    (
        "listed_before_region_noun",
        """
in IN ROOT 0
Idlib NNP nmod 4 _ GPE
and CC cc 1
Aleppo NNP conj 1 _ B-GPE
governorates NNS pobj 0 governorate
""",
        [("Region", "Idlib Governorate")],
    ),
    (
        "valley_or_strip",
        "the DT det 2\nBekaa NNP compound 2 _ LOC\nValley NNP ROOT 2 _ LOC",
        [("Region", "Bekaa Valley")],
    ),
    (
        "natural_feature",
        "Cape NNP compound 1 _ LOC\nKhersones NNP ROOT 1 _ LOC",
        [("Place", "Cape Khersones")],
    ),
    (
        "nationality_adjective",
        "Ukrainian NNP nsubj 1 _ ORG\nsaid VBD ROOT 1 say",
        [("Country", "Ukraine")],
    ),
    (
        "demonym",
        "the DT det 1\nRussians NNPS nsubj 2 _ PERSON\nadvanced VBD ROOT 2 advance",
        [("MilitaryUnit", "Russian Armed Forces")],
    ),
    ("capital", "Moscow NNP nsubj 1 _ GPE\nsaid VBD ROOT 1 say", [("Country", "Russia")]),
    ("capital", "in IN ROOT 0\nMoscow NNP pobj 0 _ GPE", [("Settlement", "Moscow")]),
    (
        "country_name",
        "Ukraine NNP nsubj 1 _ GPE\nfought VBD ROOT 1 fight",
        [("Country", "Ukraine")],
    ),
    (
        "name_and_feature_noun",
        "on IN ROOT 0\nRamree NNP compound 2 _ GPE\nisland NN pobj 0",
        [("Place", "Ramree Island")],
    ),
    (
        "place_of_a_facility",
        "the DT det 1\ncamp NN ROOT 1\nof IN prep 1\nNiafunké NNP pobj 2 _ FAC",
        [("Settlement", "Niafunké")],
    ),
    (
        "warship_or_named_unit",
        "landing NN compound 1\nship NN ROOT 1\nCaesar NNP compound 3 _ PERSON\n"
        "Kunikov NNP appos 1 _ PERSON",
        [("MilitaryUnit", "Caesar Kunikov")],
    ),
    (
        "warship_or_named_unit",
        "a DT det 1\nunit NN ROOT 1\ncalled VBN acl 1 call\nGroup NNP oprd 2 _ ORG\n"
        "13 CD nummod 3 _ ORG",
        [("MilitaryUnit", "Group 13")],
    ),
    (
        "gazetteer_name",
        "Wagner NNP nsubj 1 _ PERSON\nfought VBD ROOT 1 fight",
        [("MilitaryUnit", "Wagner Group")],
    ),
    (
        "region_noun_in_name",
        "in IN ROOT 0\nNamkham NNP compound 2 _ GPE\nTownship NNP pobj 0 _ GPE",
        [("Region", "Namkham Township")],
    ),
    (
        "piece_of_a_hyphenated_name",
        "in IN ROOT 0\nRostov NNP pobj 0 _ GPE\n- HYPH punct 1\non IN prep 1\n"
        "- HYPH punct 1\nDon NNP pobj 3 _ PERSON",
        [("Settlement", "Rostov - on - Don")],  # the hand-made text spaces every token
    ),
    (
        "name_before_place_noun",
        "in IN ROOT 0\nChuan NNP compound 2 _ PERSON\nHote NNP compound 3 _ PERSON\n"
        "village NN pobj 0",
        [("Settlement", "Chuan Hote")],
    ),
    (
        "name_before_place_noun",
        "in IN ROOT 0\nthe DT det 3\nTufah NNP compound 3 _ GPE\narea NN pobj 0",
        [("Region", "Tufah")],
    ),
    (
        "part_of_a_town",
        "in IN ROOT 0\nRas NNP pobj 0 _ GPE\n, , punct 1\nin IN prep 1\ncentral JJ amod 5\n"
        "Beirut NNP pobj 3 _ B-GPE",
        [("Region", "Ras")],
    ),
    (
        "world_place",
        "in IN ROOT 0\nKananga NNP pobj 0 _ PERSON",
        [("Settlement", "Kananga")],
    ),
    (
        "ranked_name",
        "Major NNP compound 2 _ ORG\nMak NNP compound 2 _ ORG\nHazukay NNP nsubj 3 _ ORG\n"
        "said VBD ROOT 3 say",
        [("Person", "Mak Hazukay")],
    ),
    (
        "world_place",
        "in IN ROOT 0\nGanja NNP compound 2 _ GPE\ncity NN pobj 0 _ GPE",
        [("Settlement", "Ganja")],
    ),
    (
        "world_place",
        "Punjab NNP nsubj 1 _ GPE\nvoted VBD ROOT 1 vote",
        [("Region", "Punjab")],
    ),
    (
        "world_place",
        "Luanda NNP nsubj 1 _ ORG\nvoted VBD ROOT 1 vote",
        [("Settlement", "Luanda")],
    ),
    (
        "world_place",
        "Mon NNP compound 1 _ GPE\nState NNP nsubj 2 _ GPE\nvoted VBD ROOT 2 vote",
        [("Region", "Mon State")],
    ),
    (
        "person_by_context",
        """
Ana NNP compound 1 _ ORG
Lopes NNP ROOT 1 _ ORG
, , punct 1
a DT det 5
war NN compound 5
correspondent NN appos 1
""",
        [("Person", "Ana Lopes")],
    ),
    (
        "company_by_context",
        """
the DT det 2
energy NN compound 2
company NN nsubj 6
, , punct 2
Ukrenergo NNP appos 2 _ PERSON
, , punct 2
said VBD ROOT 6 say
""",
        [("Organization", "Ukrenergo")],
    ),
    (
        "byline",
        "By IN ROOT 0\nEnas NNP compound 2 _ GPE\nAlashray NNP pobj 0 _ GPE",
        [("Person", "Enas Alashray")],
    ),
    (
        "bare_facility_in_place_slot",
        """
a DT det 1
base NN ROOT 1
at IN prep 1
Um NNP compound 4 _ FAC
Kadada NNP pobj 2 _ FAC
""",
        [("Settlement", "Um Kadada")],
    ),
    (
        "person_listed_in_region",
        """
Jets NNS nsubj 1 jet
attacked VBD ROOT 1 attack
Pan NNP compound 3 _ PERSON
Hla NNP dobj 1 _ PERSON
and CC cc 3
Ywa NNP conj 3 _ B-PERSON
in IN prep 3
Kani NNP compound 8
township NN pobj 6
""",
        [("Settlement", "Pan Hla")],
    ),
    (
        "person_in_place_slot",
        "near IN ROOT 0\nSenkove NNP pobj 0 _ PERSON",
        [("Settlement", "Senkove")],
    ),
    (
        "person",
        "Ana NNP compound 1 _ PERSON\nLopes NNP nsubj 2 _ PERSON\nsaid VBD ROOT 2 say",
        [("Person", "Ana Lopes")],
    ),
    ("title_alone", "Ministry NNP nsubj 1 _ ORG\nsaid VBD ROOT 1 say", []),
    (
        "organisation_in_place_slot",
        "in IN ROOT 0\nZorvan NNP pobj 0 _ ORG",
        [("Settlement", "Zorvan")],
    ),
    (
        "armed_organisation",
        "Zomi NNP compound 1 _ ORG\nArmy NNP nsubj 2 _ ORG\nattacked VBD ROOT 2 attack",
        [("MilitaryUnit", "Zomi Army")],
    ),
    (
        "named_building",
        "Kamal NNP compound 1 _ ORG\nHospital NNP nsubj 2 _ ORG\nsaid VBD ROOT 2 say",
        [("Facility", "Kamal Hospital")],
    ),
    (
        "natural_feature",
        "in IN ROOT 0\nBlack NNP compound 2 _ ORG\nSea NNP pobj 0 _ ORG",
        [("Place", "Black Sea")],
    ),
    (
        "ranked_name",
        "PM NNP compound 1 _ ORG\nSharif NNP nsubj 2 _ ORG\nsaid VBD ROOT 2 say",
        [("Person", "Sharif")],
    ),
    (
        "armed_organisation",
        "in IN ROOT 0\nCounter-Terrorism NNP compound 2 _ ORG\nUnits NNPS pobj 0 _ ORG",
        [("MilitaryUnit", "Counter-Terrorism Units")],
    ),
    (
        "named_building",
        "in IN ROOT 0\nSaudi NNP compound 2 _ ORG\nHospital NNP pobj 0 _ ORG",
        [("Facility", "Saudi Hospital")],
    ),
    (
        "front",
        "the DT det 2\nEastern NNP compound 2 _ LOC\nFront NNP ROOT 2 _ LOC",
        [("Place", "Eastern Front")],
    ),
    (
        "ner_label",
        "Acme NNP compound 1 _ ORG\nTrust NNP nsubj 2 _ ORG\nsaid VBD ROOT 2 say",
        [("Organization", "Acme Trust")],
    ),
]


@pytest.mark.parametrize(("rule", "table", "expected"), CASES, ids=[c[0] for c in CASES])
def test_ner_rule(rule, table, expected):
    assert ner(table) == (rule, expected)


def test_every_ner_rule_has_a_case():
    assert {r.name.rsplit(".", 1)[1] for r in NER_SPAN} == {c[0] for c in CASES}


@pytest.mark.parametrize(
    "table",
    [
        "Mary NNP nsubj 1 _ PERSON\nvoted VBD ROOT 1 vote",  # a stop name, no place
        "Mr NNP compound 1\nKananga NNP nsubj 2 _ PERSON\nsaid VBD ROOT 2 say",
        "President NNP compound 1\nKananga NNP nsubj 2 _ PERSON\nsaid VBD ROOT 2 say",
        # the surname of a longer name of the document
        "Hassan NNP compound 1 _ PERSON\nKananga NNP nsubj 2 _ PERSON\narrived VBD ROOT 2 arrive"
        "\n--\nKananga NNP nsubj 1 _ PERSON\nsaid VBD ROOT 1 say",
    ],
)
def test_a_person_stays_a_person(table):
    f = finder(table)
    ent = f.doc.ents[-1]
    if f.parsed.paragraphs[-1] is not f.para:  # the name of the second paragraph
        from kg.extract.entities.candidates import Finder

        f = Finder(f.parsed, f.parsed.paragraphs[-1])
        ent = f.doc.ents[-1]
    assert ner_span(f, ent) and found(NER_SPAN.decide(ner_span(f, ent)))[1][0][0] == "Person"


def test_world_place_reads_the_place_list():
    from kg.extract.entities.candidates import world_place_type

    assert world_place_type("Goma") == "Settlement"
    assert world_place_type("Addis Abeba") == "Settlement"
    assert world_place_type("Kashmir") == "Region"
    assert world_place_type("Gaza City") == "Settlement"
    assert world_place_type("Mobile") is None and world_place_type("Police") is None


def test_a_rule_records_itself_on_its_candidates():
    f = finder("Moscow NNP nsubj 1 _ GPE\nsaid VBD ROOT 1 say")
    from kg.extract.entities.candidates import decided

    [cand] = decided(NER_SPAN.decide(ner_span(f, f.doc.ents[0])))
    assert (cand.rule, cand.span.text, cand.country) == ("entities.ner.capital", "Moscow", "Russia")
