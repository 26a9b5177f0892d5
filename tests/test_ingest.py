"""Ingest: every input kind, metadata sources, and bad input reported without loss."""

from __future__ import annotations

import datetime as dt
import json

from kg.ingest import read_inputs
from kg.types import Failure, SourceDoc


def _docs(results):
    return [r for r in results if isinstance(r, SourceDoc)]


def _failures(results):
    return [r for r in results if isinstance(r, Failure)]


def test_txt_with_sidecar_metadata(tmp_path):
    (tmp_path / "a.txt").write_text("Shelling hit Kharkiv.\r\nMore text.", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"date": "2022-09-09", "url": "https://x.org/a"}))
    [doc] = _docs(read_inputs([tmp_path / "a.txt"]))
    assert doc.id == "a"
    assert doc.date == dt.date(2022, 9, 9)
    assert doc.url == "https://x.org/a"
    assert doc.text == "Shelling hit Kharkiv.\r\nMore text."  # no newline translation


def test_front_matter_is_metadata_not_text(tmp_path):
    path = tmp_path / "b.md"
    path.write_text("---\ntitle: Front\ndate: 2023-01-02\n---\nBody text here.\n", "utf-8")
    [doc] = _docs(read_inputs([path]))
    assert doc.title == "Front" and doc.date == dt.date(2023, 1, 2)
    assert doc.text == "Body text here.\n"


def test_default_date_only_fills_gaps(tmp_path):
    (tmp_path / "a.txt").write_text("Text one.", "utf-8")
    (tmp_path / "b.txt").write_text("---\ndate: 2020-05-05\n---\nText two.", "utf-8")
    docs = _docs(read_inputs([tmp_path], default_date=dt.date(2022, 1, 1)))
    assert [d.date for d in docs] == [dt.date(2022, 1, 1), dt.date(2020, 5, 5)]


def test_jsonl_good_and_bad_lines(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "n1", "text": "Troops advanced.", "date": "2024-02-03"}),
        "{not json",
        json.dumps({"id": "n3"}),
        "",
        json.dumps({"id": "n4", "text": "Drones struck Odesa.", "title": "T"}),
    ]
    path.write_text("\n".join(lines), "utf-8")
    results = list(read_inputs([path]))
    assert [d.id for d in _docs(results)] == ["n1", "n4"]
    bad = _failures(results)
    assert [f.source for f in bad] == [f"{path}:2", f"{path}:3"]
    assert "not valid JSON" in bad[0].message and '"text"' in bad[1].message


def test_html_main_text(tmp_path):
    page = (
        "<html><head><title>Front line report</title></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>Front line report</h1>"
        + "".join(
            f"<p>Paragraph {i}: artillery fire was reported near the village of Robotyne "
            "as brigades pressed south towards Tokmak, officials said.</p>"
            for i in range(6)
        )
        + "</article><footer>Copyright 2023</footer></body></html>"
    )
    (tmp_path / "page.html").write_text(page, "utf-8")
    [doc] = _docs(read_inputs([tmp_path / "page.html"]))
    assert "Robotyne" in doc.text and "Copyright" not in doc.text
    assert doc.id == "page"


def test_bad_files_are_reported_and_the_rest_lands(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n", "utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    (tmp_path / "latin1.txt").write_bytes("Dnipro caf\xe9 shelled".encode("latin-1"))
    good = "Кременчук was hit; names like O'Neil & Ñandú stay."
    (tmp_path / "good.txt").write_text(good, "utf-8")
    (tmp_path / "notes.xyz").write_text("ignored in folders", "utf-8")
    results = list(read_inputs([tmp_path]))
    assert [d.id for d in _docs(results)] == ["good"]
    codes = sorted(f.code for f in _failures(results))
    assert codes == ["E011", "E012", "E013"]
    messages = " ".join(f.message for f in _failures(results))
    assert "UTF-8" in messages and "binary" in messages and "empty" in messages


def test_huge_file_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1000, "utf-8")
    [failure] = list(read_inputs([path], max_bytes=100))
    assert isinstance(failure, Failure) and failure.code == "E014"


def test_missing_and_unsupported_paths(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    results = list(read_inputs([tmp_path / "nope.txt", tmp_path / "x.pdf"]))
    assert all(isinstance(r, Failure) for r in results)
    assert "no such file" in results[0].message and "unsupported" in results[1].message


def test_duplicate_ids_are_kept_apart(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(f"Story from {sub}.", "utf-8")
    docs = _docs(read_inputs([tmp_path]))
    assert [d.id for d in docs] == ["story", "story-2"]


def test_bom_is_dropped(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffKherson".encode())
    [doc] = _docs(read_inputs([tmp_path / "bom.txt"]))
    assert doc.text == "Kherson"


def test_bad_date_is_a_warning_and_the_document_is_kept(tmp_path):
    (tmp_path / "d.txt").write_text("---\ndate: last Tuesday\n---\nText.", "utf-8")
    warnings = []
    [doc] = list(read_inputs([tmp_path / "d.txt"], warnings=warnings))
    assert isinstance(doc, SourceDoc) and doc.date is None and doc.text == "Text."
    [warning] = warnings
    assert warning.code == "W003" and "d.txt" in warning.message
    assert "'last Tuesday'" in warning.message and "YYYY-MM-DD" in warning.message


def _jsonl(path, records, raw_lines=()):
    """Write records as JSONL (lone surrogates survive as JSON escapes), then raw lines."""
    lines = [json.dumps(r).encode() for r in records] + list(raw_lines)
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_bad_characters_cost_no_document(tmp_path):
    path = _jsonl(
        tmp_path / "h.jsonl",
        [
            {"id": "s\ud800", "text": "Shelling\ud800 hit Izium.", "title": "T\udfff\x07"},
            {"id": "ok", "text": "Drones struck Odesa.", "url": "https://e.org/\ud800x"},
        ],
        [b'{"id": "nul", "text": "A \x00 raw NUL and \x1b escape."}'],
    )
    warnings = []
    docs = _docs(read_inputs([path], warnings=warnings))
    assert [d.id for d in docs] == ["s\ufffd", "ok", "nul"]
    assert docs[0].text == "Shelling\ufffd hit Izium." and docs[0].title == "T\ufffd\ufffd"
    assert docs[1].url == "https://e.org/x"
    assert docs[2].text == "A \ufffd raw NUL and \ufffd escape."
    for doc in docs:
        (doc.id + doc.text + (doc.title or "") + (doc.url or "")).encode("utf-8")
    codes = {(w.source, w.code) for w in warnings}
    assert {(f"{path}:1", "W002"), (f"{path}:1", "W006"), (f"{path}:2", "W005")} <= codes
    assert (f"{path}:3", "W002") in codes
    assert all(w.message.startswith(w.source + ": ") for w in warnings)


def test_a_bad_byte_costs_only_its_line(tmp_path):
    path = _jsonl(
        tmp_path / "b.jsonl",
        [{"id": "a", "text": "One."}, {"id": "c", "text": "Three."}],
        [b'{"id": "b", "text": "caf\xe9"}'],
    )
    results = list(read_inputs([path]))
    assert [d.id for d in _docs(results)] == ["a", "c"]
    [failure] = _failures(results)
    assert failure.source == f"{path}:3" and failure.code == "E013"


def test_a_stray_nul_in_a_text_file_is_replaced(tmp_path):
    (tmp_path / "n.txt").write_bytes(b"Troops advanced\x00 on Kupiansk." + b" More." * 20)
    warnings = []
    [doc] = list(read_inputs([tmp_path / "n.txt"], warnings=warnings))
    assert doc.text.startswith("Troops advanced\ufffd on") and warnings[0].code == "W002"


def test_urls_are_repaired_or_left_out_with_a_warning(tmp_path):
    urls = [
        "https://e.org/%zz",
        "not a url",
        " https://e.org/x ",
        "http://[bad/x",
        "https://e.org/ok",
    ]
    path = _jsonl(
        tmp_path / "u.jsonl",
        [{"id": f"u{i}", "text": "Text.", "url": u} for i, u in enumerate(urls)],
    )
    warnings = []
    docs = _docs(read_inputs([path], warnings=warnings))
    assert [d.url for d in docs] == [
        "https://e.org/%25zz",
        None,
        "https://e.org/x",
        None,
        "https://e.org/ok",
    ]
    assert [w.source for w in warnings] == [f"{path}:{n}" for n in (1, 2, 3, 4)]
    assert {w.code for w in warnings} == {"W005"}
    assert "left out" in warnings[1].message and "'not a url'" in warnings[1].message


def test_duplicate_ids_never_collide(tmp_path):
    records = [
        {"id": i, "text": f"Doc {n}."} for n, i in enumerate(["same", "same", "same-2", "same"])
    ]
    path = _jsonl(tmp_path / "d.jsonl", records)
    warnings = []
    docs = _docs(read_inputs([path], warnings=warnings))
    assert [d.id for d in docs] == ["same", "same-3", "same-2", "same-4"]
    assert [d.text for d in docs] == ["Doc 0.", "Doc 1.", "Doc 2.", "Doc 3."]
    first = warnings[0].message
    assert f"{path}:2" in first and f"{path}:1" in first and "'same-3'" in first
    assert [w.code for w in warnings] == ["W006", "W006"]
    again = [d.id for d in _docs(read_inputs([path]))]
    assert again == ["same", "same-3", "same-2", "same-4"]  # deterministic


def test_metadata_never_costs_the_text(tmp_path):
    records = [
        {"id": "a", "text": "One.", "date": "Oct 12, 2024"},
        {"id": "b", "text": "Two.", "date": "12 October 2024", "title": ["not", "text"]},
        {"id": "c", "text": "Three.", "date": "2022-09-09garbage"},
        {"id": "d", "text": "Four.", "date": "10000-01-01"},
        {"id": "e", "text": "Five.", "date": "12/10/2024"},
        {"id": "  ", "text": "Six.", "date": 20241012},
    ]
    path = _jsonl(tmp_path / "m.jsonl", records)
    warnings = []
    docs = _docs(read_inputs([path], warnings=warnings))
    assert [d.id for d in docs] == ["a", "b", "c", "d", "e", "m-6"]
    oct_12 = dt.date(2024, 10, 12)
    assert [d.date for d in docs] == [oct_12, oct_12, None, None, None, None]
    assert docs[3].date_literal == "10000-01-01" and docs[1].title is None
    by_line = {(w.source.rsplit(":", 1)[1], w.code) for w in warnings}
    assert by_line >= {("2", "W007"), ("3", "W003"), ("4", "W004"), ("5", "W003"), ("6", "W003")}
    assert "'2022-09-09garbage'" in " ".join(w.message for w in warnings)
    dayfirst = _docs(read_inputs([path], dayfirst=True))
    assert dayfirst[4].date == oct_12


def test_a_broken_sidecar_is_a_warning(tmp_path):
    (tmp_path / "a.txt").write_text("Shelling hit Kharkiv.", "utf-8")
    (tmp_path / "a.json").write_text("{broken", "utf-8")
    warnings = []
    [doc] = _docs(read_inputs([tmp_path / "a.txt"], warnings=warnings))
    assert doc.text == "Shelling hit Kharkiv." and warnings[0].code == "W007"


def _stdin(monkeypatch, data: bytes):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_documents_get_a_content_hash_or_the_given_id(monkeypatch):
    _stdin(monkeypatch, b"Shelling hit Kharkiv.")
    [one] = _docs(read_inputs(["-"]))
    _stdin(monkeypatch, b"Drones struck Odesa.")
    [two] = _docs(read_inputs(["-"]))
    assert one.id.startswith("stdin-") and two.id.startswith("stdin-") and one.id != two.id
    _stdin(monkeypatch, b"Shelling hit Kharkiv.")
    assert _docs(read_inputs(["-"]))[0].id == one.id  # the same text, the same id
    _stdin(monkeypatch, b"Shelling hit Kharkiv.")
    assert _docs(read_inputs(["-"], stdin_id="story-1"))[0].id == "story-1"


def test_stdin_jsonl_without_ids_never_shares_one(monkeypatch):
    _stdin(monkeypatch, b'{"text": "One."}\n{"text": "Two \x00."}\n')
    docs = _docs(read_inputs(["-"]))
    assert len(docs) == 2 and len({d.id for d in docs}) == 2
    assert all(d.id.startswith("stdin-") for d in docs)
    _stdin(monkeypatch, b'{"text": "One."}\n{"text": "Two."}\n')
    assert [d.id for d in _docs(read_inputs(["-"], stdin_id="feed"))] == ["feed-1", "feed-2"]
