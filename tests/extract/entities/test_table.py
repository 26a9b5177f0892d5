"""EntityTable: the one way to add or merge an entity of a document."""

from __future__ import annotations

from kg.extract.entities.table import EntityTable
from kg.types import Span


def test_same_type_and_folded_label_merge_and_the_fullest_label_wins():
    table = EntityTable()
    a = table.add(Span(0, 8, "Zaluzhny"), "Person", "Valerii Zaluzhny", confidence=0.5)
    b = table.add(Span(20, 29, "Zaluzhnyi"), "Person", "Valeriy Zaluzhnyi", confidence=0.75)
    [ent] = table.entities()
    assert a == b == ent.key
    assert ent.label == "Valeriy Zaluzhnyi"
    assert set(ent.alt_labels) == {"Valerii Zaluzhny", "Zaluzhny", "Zaluzhnyi"}
    assert ent.confidence == 0.75
    assert [m.start for m in ent.mentions] == [0, 20]


def test_another_type_is_another_entity():
    table = EntityTable()
    assert table.add(Span(0, 4, "Goma"), "Settlement") != table.add(Span(9, 13, "Goma"), "Person")


def test_generic_mentions_join_only_the_same_span():
    table = EntityTable()
    one = table.add(Span(0, 6, "school"), "Facility", generic=True)
    assert table.add(Span(0, 6, "school"), "Facility", generic=True) == one
    other = table.add(Span(30, 36, "school"), "Facility", generic=True)
    assert other != one and table.is_generic(other)


def test_lookups():
    table = EntityTable()
    kyiv = table.add(Span(0, 4, "Kyiv"), "Settlement")
    ana = table.add(Span(10, 19, "Ana Lopes"), "Person")
    region = table.add(Span(0, 11, "Kyiv region"), "Region", "Kyiv Oblast")
    assert table.key_at(0, 4) == region  # the longest mention there
    assert table.keys_in(0, 20) == [kyiv, region, ana]
    assert table.last_person_before(25) == ana and table.last_person_before(5) is None
    assert (table.type_of(ana), table.label_of(region)) == ("Person", "Kyiv Oblast")
    assert [m.text for m in table.mentions_of(kyiv)] == ["Kyiv"]
