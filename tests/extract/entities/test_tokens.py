"""The rules of ``entities.token``, ``entities.name_run`` and ``entities.facility``: what
the parse finds on tokens the ruler and the NER left alone."""

from __future__ import annotations

import pytest

from kg.extract.entities.tokens import (
    FACILITY,
    NAME_RUN,
    TOKEN,
    FacilityNoun,
    token_candidates,
    x_platform,
)
from tests.extract.entities.util import finder, found


def token(table: str, i: int):
    f = finder(table)
    decision = TOKEN.decide(f, i)
    assert decision is not None
    end, cands = decision.value if decision.value else (None, [])
    return decision.rule.rsplit(".", 1)[1], end, [(c.type, c.label) for c in cands]


TOKEN_CASES = [
    (
        "border",
        "the DT det 4\nChina NNP compound 4 _ GPE\n- HYPH punct 3\nMyanmar NNP compound 4 _ GPE"
        "\nborder NN ROOT 4",
        4,
        5,
        [("Place", "China–Myanmar border")],
    ),
    (
        "border",
        "near IN ROOT 0\nthe DT det 2\nborder NN pobj 0\nwith IN prep 2\nMali NNP pobj 3 _ GPE",
        2,
        3,
        [("Place", "Mali border")],
    ),
    ("inside_a_name", "in IN ROOT 0\nKyiv NNP pobj 0 _ GPE", 1, None, []),
    (
        "two_word_nationality",
        "South NNP compound 1\nKorean JJ amod 2\nships NNS ROOT 2 ship",
        0,
        2,
        [("Country", "South Korea")],
    ),
    (
        "nationality_adjective",
        "Russian JJ amod 1\nships NNS ROOT 1 ship",
        0,
        1,
        [("Country", "Russia")],
    ),
    (
        "demonym",
        "Russians NNPS nsubj 1\nattacked VBD ROOT 1 attack",
        0,
        1,
        [("MilitaryUnit", "Russian Armed Forces")],
    ),
    (
        "capitalised_run",
        "near IN ROOT 0\nVelyka NNP compound 2\nNovosilka NNP pobj 0",
        1,
        3,
        [("Settlement", "Velyka Novosilka")],
    ),
    ("common_noun", "a DT det 1\nschool NN ROOT 1", 1, 2, [("Facility", "school")]),
]


@pytest.mark.parametrize(
    ("rule", "table", "i", "end", "expected"), TOKEN_CASES, ids=[c[0] for c in TOKEN_CASES]
)
def test_token_rule(rule, table, i, end, expected):
    assert token(table, i) == (rule, end, expected)


def run(table: str, start: int, end: int):
    f = finder(table)
    return found(NAME_RUN.decide(f, f.doc[start:end]))


NAME_RUN_CASES = [
    ("title", "President NNP nsubj 1\nsaid VBD ROOT 1 say", 0, 1, []),
    (
        "part_of_a_town",
        "in IN ROOT 0\nBeirut NNP poss 3 _ GPE\n's POS case 1\nDahiyeh NNP pobj 0",
        3,
        4,
        [("Region", "Dahiyeh")],
    ),
    ("in_place_slot", "near IN ROOT 0\nSenkove NNP pobj 0", 1, 2, [("Settlement", "Senkove")]),
    (
        "after_a_title",
        "colonel NN compound 2\nIvan NNP compound 2\nPetrov NNP nsubj 3\nsaid VBD ROOT 3 say",
        1,
        3,
        [("Person", "Ivan Petrov")],
    ),
    (
        "armed_group_name",
        "Arakan NNP compound 1\nArmy NNP nsubj 2\nattacked VBD ROOT 2 attack",
        0,
        2,
        [("MilitaryUnit", "Arakan Army")],
    ),
    (
        "unknown_name",
        "Zelenskyy NNP nsubj 1\nsaid VBD ROOT 1 say",
        0,
        1,
        [("Unknown", "Zelenskyy")],
    ),
]


@pytest.mark.parametrize(
    ("rule", "table", "start", "end", "expected"),
    NAME_RUN_CASES,
    ids=[c[0] for c in NAME_RUN_CASES],
)
def test_name_run_rule(rule, table, start, end, expected):
    assert run(table, start, end) == (rule, expected)


def facility(table: str, i: int, covered=()):
    f = finder(table)
    for j in covered:
        f.cover(j, j + 1)
    return found(FACILITY.decide(FacilityNoun(f, f.doc[i])))


FACILITY_CASES = [
    ("not_a_facility_noun", "a DT det 1\ndog NN ROOT 1", 1, (), []),
    ("no_facility_modifier", "the DT det 1\npost NN ROOT 1", 1, (), []),
    ("city_centre", "the DT det 2\ncity NN compound 2\ncentre NN ROOT 2", 2, (), []),
    (
        "overlaps_a_name",
        "a DT det 1\nblock NN ROOT 1\nof IN prep 1\nflats NNS pobj 2 flat",
        1,
        (3,),
        [],
    ),
    (
        "facility",
        "an DT det 2\narts NNS compound 2 art\ncentre NN ROOT 2",
        2,
        (),
        [("Facility", "arts centre")],
    ),
]


@pytest.mark.parametrize(
    ("rule", "table", "i", "covered", "expected"),
    FACILITY_CASES,
    ids=[c[0] for c in FACILITY_CASES],
)
def test_facility_rule(rule, table, i, covered, expected):
    assert facility(table, i, covered) == (rule, expected)


def test_every_rule_has_a_case():
    for rules, cases in (
        (TOKEN, TOKEN_CASES),
        (NAME_RUN, NAME_RUN_CASES),
        (FACILITY, FACILITY_CASES),
    ):
        assert {r.name.rsplit(".", 1)[1] for r in rules} == {c[0] for c in cases}


def test_a_block_of_flats_is_one_facility():
    f = finder("a DT det 1\nblock NN ROOT 1\nof IN prep 1\nflats NNS pobj 2 flat")
    assert [(c.label, c.generic) for c in token_candidates(f)] == [("block of flats", True)]
    assert f.covered == {1, 2, 3}


def test_tokens_are_read_in_order_and_skip_what_they_read():
    f = finder(
        "Russian JJ amod 1\ntroops NNS nsubj 2 troop\nhit VBD ROOT 2\na DT det 4\nschool NN dobj 2"
    )
    assert [(c.type, c.label, c.rule) for c in token_candidates(f)] == [
        ("Country", "Russia", "entities.token.nationality_adjective"),
        ("Facility", "school", "entities.facility.facility"),
    ]


def test_x_is_twitter_after_on():
    f = finder("posted VBD ROOT 0 post\non IN prep 0\nX NNP pobj 1")
    assert [(c.type, c.label) for c in x_platform(f)] == [("Organization", "Twitter")]
