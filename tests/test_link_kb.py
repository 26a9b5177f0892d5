"""The bundled KB, KB files, and `kg kb import` from the real reference files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.errors import KbError, UsageError
from kg.link import link_extractions
from kg.link.cli import kb_app
from kg.link.kb import (
    BUNDLED_KB,
    KbEntry,
    KnowledgeBase,
    bundled_kb,
    load_kb,
    load_kb_file,
    save_kb_file,
    split_designator,
)
from kg.link.manage import guess_format, import_file, read_source
from kg.types import Entity, Extraction, SourceDoc, Span

DATA = Path(__file__).resolve().parent / "data" / "link"


def _wikidata(shared: Path) -> Path:
    path = shared / "wikidata"
    if not path.is_dir():
        pytest.skip(f"{path} is missing: the reference files live in the shared folder")
    return path


def _doc(text: str, name: str, type_: str) -> Extraction:
    start = text.index(name)
    ent = Entity("e1", type_, name, (Span(start, start + len(name), name),))  # type: ignore[arg-type]
    return Extraction(SourceDoc("d", text), (ent,))


def _qid(ext: Extraction) -> str | None:
    link = ext.entities[0].link
    return link.qid if link else None


def test_bundled_kb_covers_regions_and_big_places():
    kb = bundled_kb()
    oblasts = [e for e in kb.entries if e.kind == "oblast"]
    assert len(oblasts) == 25 and all(e.qid for e in oblasts)  # 24 oblasts + Crimea
    assert kb.by_qid("Q7835").label == "Crimea"
    assert kb.by_qid("Q1899").label == "Kyiv" and kb.by_qid("Q1899").type == "Settlement"
    izium = kb.by_qid("Q544003")
    assert izium.oblast == "Q170666" and izium.geonames == "707292" and izium.population > 10000
    assert {"uk", "ru"} <= set(izium.labels)
    assert kb.by_qid("Q2234641").oblast == "Q2012050"  # Lyman: Donetsk Oblast, current record


def test_bundled_kb_metadata_names_sources_and_licences():
    meta, entries = load_kb_file(BUNDLED_KB)
    text = json.dumps(meta)
    assert "Data from Who's On First" in text and "CC0" in text
    assert meta["entries"] == len(entries)
    assert BUNDLED_KB.stat().st_size < 1_000_000


def test_bundled_qids_are_verified_only(shared):
    wikidata = _wikidata(shared)
    import csv

    wof_qids = set()
    with open(wikidata / "wof_admin_ua_extract.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["wikidata"]:
                wof_qids.add(row["wikidata"])
    with open(wikidata / "qids_seed_entities.tsv", encoding="utf-8") as fh:
        verified = {
            r["qid"] for r in csv.DictReader(fh, delimiter="\t") if r["confidence"] == "verified"
        }
    _, entries = load_kb_file(BUNDLED_KB)  # the world gazetteer has its own rule
    unverified = [e.qid for e in entries if e.qid and e.qid not in wof_qids | verified]
    assert unverified == []
    # reused WOF QIDs stay on the current record only; counties carry none
    assert [e.label for e in bundled_kb().entries if e.qid == "Q2234641"] == ["Lyman"]
    assert not [e for e in bundled_kb().entries if e.kind == "raion" and e.qid]


def test_bundled_kb_is_not_derived_from_the_gpl_file():
    meta, entries = load_kb_file(BUNDLED_KB)
    assert not any(e.source == "warreport" for e in entries)
    assert "warreport" not in json.dumps(meta).lower()


def test_split_designator():
    assert split_designator("Kharkiv Oblast") == ("Kharkiv", "oblast")
    assert split_designator("the city of Izium") == ("Izium", "city")
    assert split_designator("Oskil river") == ("Oskil", "river")
    assert split_designator("Izium") == ("Izium", None)


def test_kb_file_round_trip(tmp_path):
    entry = KbEntry(id="Q1", qid="Q1", type="Settlement", kind="settlement", label="Testove",
                    labels={"uk": "Тестове"}, lat=49.0, lon=37.0)  # fmt: skip
    for name in ("kb.json", "kb.json.gz"):
        save_kb_file(tmp_path / name, [entry], {"name": "t"})
        meta, entries = load_kb_file(tmp_path / name)
        assert meta == {"name": "t"} and entries == [entry]


def test_bad_kb_files_raise_kb_errors(tmp_path):
    with pytest.raises(KbError, match="does not exist"):
        load_kb_file(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(KbError, match="cannot be read"):
        load_kb_file(tmp_path / "bad.json")
    (tmp_path / "q.json").write_text('{"entries": [{"id": "x", "qid": "q12", "type": "Place", '
                                     '"kind": "place", "label": "X"}]}')  # fmt: skip
    with pytest.raises(KbError, match="malformed QID"):
        load_kb_file(tmp_path / "q.json")


def test_merge_by_qid_keeps_names():
    kb = KnowledgeBase(
        [KbEntry(id="Q1", qid="Q1", type="Settlement", kind="settlement", label="A")]
    )
    kb.add(
        [KbEntry(id="Q1", qid="Q1", type="Settlement", kind="settlement", label="B", aliases=["C"])]
    )
    assert len(kb) == 1 and {"A", "B", "C"} <= set(kb.entries[0].names())


def test_import_wikidata_json(tmp_path):
    kb_path = tmp_path / "user.json.gz"
    given, total = import_file(DATA / "wikidata_entities.jsonl", "wikidata-json", kb_path)
    assert given == 3 and total == 3
    kb = load_kb(kb_path, user=False)
    hai = kb.by_qid("Q999999911")
    assert hai.type == "Settlement" and hai.oblast == "Q170666" and hai.population == 540
    assert (hai.lat, hai.lon) == (49.41, 37.02)
    assert kb.by_qid("Q999999913").type == "Person"
    text = "Shelling hit Zelenyi Hai in the Kharkiv region."
    assert _qid(link_extractions([_doc(text, "Zelenyi Hai", "Settlement")], kb)[0]) == "Q999999911"
    text = "Shelling hit Zelenyy Gay in Luhansk Oblast."
    assert _qid(link_extractions([_doc(text, "Zelenyy Gay", "Settlement")], kb)[0]) == "Q999999912"


def test_import_wikidata_json_array(tmp_path):
    lines = (DATA / "wikidata_entities.jsonl").read_text().splitlines()
    path = tmp_path / "dump.json"
    path.write_text("[\n" + ",\n".join(lines) + "\n]\n")
    assert len(read_source(path)) == 3


def test_import_warreport_from_shared(shared, tmp_path):
    path = _wikidata(shared) / "warreport_ua_settlement_aliases.csv"
    assert guess_format(path) == "warreport"
    kb_path = tmp_path / "user.json.gz"
    given, total = import_file(path, None, kb_path)
    assert given > 8000 and total > 5000
    kb = load_kb(kb_path, user=False)
    # the Luhansk Senkove and the village Oskil become linkable; the river still is not
    text = "Shells fell on Senkove in the Luhansk region."
    assert _qid(link_extractions([_doc(text, "Senkove", "Settlement")], kb)[0]) == "Q4416462"
    text = "Ukraine's forces took Senkove, north of Kupiansk in the Kharkiv region."
    assert _qid(link_extractions([_doc(text, "Senkove", "Settlement")], kb)[0]) == "Q4416463"
    text = "The village of Oskil near Izium, in the Kharkiv region, was shelled."
    assert _qid(link_extractions([_doc(text, "Oskil", "Settlement")], kb)[0]) == "Q4512457"
    text = "Troops crossed the Oskil river in the Kharkiv region."
    assert _qid(link_extractions([_doc(text, "Oskil river", "River")], kb)[0]) is None
    text = "Fighting near Lyman in Donetsk Oblast continued."
    assert _qid(link_extractions([_doc(text, "Lyman", "Settlement")], kb)[0]) == "Q2234641"


def test_import_wof_from_shared(shared, tmp_path):
    path = _wikidata(shared) / "wof_admin_ua_extract.tsv"
    kb_path = tmp_path / "wof.json"
    given, total = import_file(path, "wof", kb_path)
    assert given > len(bundled_kb()) and total <= given
    kb = load_kb(kb_path, user=False)
    assert kb.by_qid("Q42308").label == "Kharkiv"


def test_unknown_format_is_a_usage_error(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("hello\n")
    with pytest.raises(UsageError):
        guess_format(path)
    with pytest.raises(UsageError):
        read_source(path, "gml")


def test_cli_import_and_info(tmp_path):
    runner = CliRunner()
    kb_path = tmp_path / "user.json.gz"
    result = runner.invoke(
        kb_app, ["import", str(DATA / "wikidata_entities.jsonl"), "--kb", str(kb_path)]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(kb_app, ["info", "--kb", str(kb_path)])
    assert result.exit_code == 0 and "3 entries, 3 with a QID" in result.output
    result = runner.invoke(kb_app, ["import", str(tmp_path / "nope.tsv"), "--format", "wof"])
    assert result.exit_code == 1 and "cannot read" in result.output


def test_user_kb_in_default_location_is_used(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv("KG_KB", raising=False)
    import_file(DATA / "wikidata_entities.jsonl", "wikidata-json")
    assert (tmp_path / "conflict-kg" / "kb" / "user.json.gz").exists()
    text = "Shelling hit Zelenyi Hai in the Kharkiv region."
    assert _qid(link_extractions([_doc(text, "Zelenyi Hai", "Settlement")])[0]) == "Q999999911"


def test_bundled_index_matches_the_normaliser():
    """The stored name keys must be what the normaliser computes today (else rebuild
    with scripts/build_kb.py and bump NORMALISER_VERSION)."""
    from kg.link.kb import _read_kb_file, index_keys

    _, entries, keys = _read_kb_file(BUNDLED_KB)
    assert keys is not None
    for entry, stored in list(zip(entries, keys, strict=True))[::50]:
        assert sorted(tuple(k) for k in stored) == sorted(index_keys(entry)), entry.label
