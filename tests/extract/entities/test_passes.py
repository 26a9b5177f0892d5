"""The rules of ``entities.one_type_per_name``: one reading of a name per document."""

from __future__ import annotations

import pytest

from kg.extract.entities.candidates import Candidate
from kg.extract.entities.passes import ONE_TYPE, one_type_per_name, readings
from kg.types import Span

_at = [0]


def cand(text, type_, source="ner", conf=0.75, label=None):
    _at[0] += 100
    return Candidate(Span(_at[0], _at[0] + len(text), text), type_, label or text, conf, source)


CASES = [
    # (rule, the document's other candidates, the candidate decided, expected (type, label))
    ("sure_reading", [], cand("Goma", "Settlement", "gazetteer", 0.95), None),
    (
        "lone_name_read_as_place",
        [cand("Goma", "Settlement", "context", 0.6)],
        cand("Goma", "Person"),
        ("Settlement", "Goma"),
    ),
    (
        "lone_name_read_as_place",
        [cand("Mahaday district", "Region", "rule", 0.8)],
        cand("Mahaday", "Person"),
        ("Region", "Mahaday district"),
    ),
    (
        "place_slot_over_lone_name",
        [cand("Kostiantynivka", "Organization", "ner", 0.75)],
        cand("Kostiantynivka", "Settlement", "context", 0.6),
        None,
    ),
    (
        "name_of_a_named_region",
        [cand("El Gezira state", "Region", "rule", 0.8, "El Gezira State")],
        cand("El Gezira", "Settlement"),
        ("Region", "El Gezira State"),
    ),
    ("no_other_reading", [], cand("Ana", "Person"), None),
    (
        "full_person_name",
        [cand("Ana Lopes", "Organization", "gazetteer", 0.95)],
        cand("Ana Lopes", "Person"),
        None,
    ),
    (
        "stronger_reading",
        [cand("Sake Town", "Settlement", "gazetteer", 0.95)],
        cand("Sake Town", "Organization"),
        ("Settlement", "Sake Town"),
    ),
]


@pytest.mark.parametrize(("rule", "others", "c", "expected"), CASES, ids=[c[0] for c in CASES])
def test_one_type_rule(rule, others, c, expected):
    decision = ONE_TYPE.decide(readings([*others, c]), c)
    assert decision.rule == f"entities.one_type_per_name.{rule}"
    value = decision.value
    assert (None if value is None else (value.type, value.label)) == expected


def test_every_rule_has_a_case():
    assert {r.name.rsplit(".", 1)[1] for r in ONE_TYPE} == {c[0] for c in CASES}


def test_the_pass_rewrites_the_list_in_place():
    cands = [cand("Goma", "Settlement", "context", 0.6), cand("Goma", "Person")]
    one_type_per_name(cands)
    assert [(c.type, c.label) for c in cands] == [("Settlement", "Goma")] * 2


def test_modifier_countries_drops_adjectives_that_only_qualify():
    from types import SimpleNamespace

    from kg.extract.entities.passes import modifier_countries

    text = "a UK-based monitor, Iran-backed groups, Iranian President Ebrahim Raisi; Iranian drones"
    assert modifier_countries(
        SimpleNamespace(doc=SimpleNamespace(text="a Moscow-installed governor")),
        [Candidate(Span(2, 8, "Moscow"), "Country", "Russia", 0.8, "ner")],
    ), "a capital acting stays its government"
    doc = SimpleNamespace(doc=SimpleNamespace(text=text))

    def at(word, label, nth=0):
        start = text.index(word, text.index(word) + 1) if nth else text.index(word)
        return Candidate(Span(start, start + len(word), word), "Country", label, 0.8, "ner")

    cands = [
        at("UK", "United Kingdom"),
        at("Iran", "Iran"),
        at("Iranian", "Iran"),
        at("Iranian", "Iran", nth=1),
    ]
    kept = modifier_countries(doc, cands)
    assert [(c.span.text, c.span.start) for c in kept] == [
        ("Iran", cands[1].span.start),
        ("Iranian", cands[3].span.start),
    ]


def test_shared_borders_name_the_one_border_of_two_countries():
    from kg.extract.entities.passes import shared_borders

    cands = [
        cand("Armenia–Azerbaijan border", "Place", "context", 0.8),
        cand("border with Azerbaijan", "Place", "context", 0.8, label="Azerbaijan border"),
        cand("Mali border", "Place", "context", 0.8),
    ]
    shared_borders(cands)
    assert [c.label for c in cands] == [
        "Armenia–Azerbaijan border",
        "Armenia–Azerbaijan border",
        "Mali border",
    ]
