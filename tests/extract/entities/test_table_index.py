"""The entity table's offset index answers as a scan of every mention would (the old
implementation, kept here as the reference), on random tables."""

from __future__ import annotations

import random
import re

from kg.extract.entities.passes import _occurrences, _word_starts
from kg.extract.entities.table import EntityTable
from kg.types import Span

TYPES = ("Person", "Country", "Settlement", "MilitaryUnit")
NAMES = ("Kyiv", "Kiev", "Olena", "Russia", "Brigade", "Sake", "Goma", "Ivan")


def _random_table(seed: int) -> EntityTable:
    rng = random.Random(seed)
    table = EntityTable()
    for _ in range(120):
        start = rng.randrange(0, 2000)
        end = start + rng.randrange(1, 30)
        name = rng.choice(NAMES)
        table.add(Span(start, end, name), rng.choice(TYPES), name, generic=rng.random() < 0.1)
    return table


def _drafts(table: EntityTable):
    """(key, type, mentions in insertion order) for every entity, in table order."""
    return [(d.key, d.type, list(d.mentions)) for d in table._drafts.values()]


def _key_at(table, start, end):
    best, best_len = None, -1
    for key, _, mentions in _drafts(table):
        for m in mentions:
            if m.start < end and start < m.end and m.end - m.start > best_len:
                best, best_len = key, m.end - m.start
    return best


def _keys_in(table, start, end):
    found = [
        (m.start, key)
        for key, _, mentions in _drafts(table)
        for m in mentions
        if start <= m.start and m.end <= end
    ]
    return [key for _, key in sorted(found)]


def _last_person_before(table, offset):
    best, best_end = None, -1
    for key, typ, mentions in _drafts(table):
        if typ == "Person":
            for m in mentions:
                if m.end <= offset and m.end > best_end:
                    best, best_end = key, m.end
    return best


def _last_before(table, before, keep, after=-1):
    best, best_start = None, after
    for ent in table.entities():
        for m in ent.mentions:
            if best_start < m.start < before and keep(ent.key, m):
                best, best_start = ent.key, m.start
    return best


def test_lookups_match_a_scan_of_every_mention():
    for seed in range(5):
        table = _random_table(seed)
        rng = random.Random(100 + seed)
        countries = lambda key, _m, t=table: t.type_of(key) == "Country"  # noqa: E731
        for _ in range(300):
            start = rng.randrange(0, 2050)
            end = start + rng.randrange(0, 60)
            assert table.key_at(start, end) == _key_at(table, start, end)
            assert table.keys_in(start, end) == _keys_in(table, start, end)
            assert table.last_person_before(end) == _last_person_before(table, end)
            assert table.last_before(end, countries) == _last_before(table, end, countries)
            assert table.last_before(end, countries, start) == _last_before(
                table, end, countries, start
            )


def test_entities_are_rebuilt_after_an_add():
    table = EntityTable()
    table.add(Span(0, 4, "Kyiv"), "Settlement")
    first = table.entities()
    assert table.entities() is first  # cached while nothing changes
    table.add(Span(10, 14, "Kyiv"), "Settlement")
    assert [m.start for m in table.entities()[0].mentions] == [0, 10]


def test_occurrences_match_finditer():
    text = "Sake, near Sake-Goma; Sakes and Sake. Al-Sake Sake Sake Sake\nSake"
    words = _word_starts(text)
    for name in ("Sake", "Sake Sake", "Goma", "Al-Sake", "Sake.", "-Sake"):
        pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
        expected = [m.span() for m in pattern.finditer(text)]
        assert list(_occurrences(text, name, words)) == expected, name
