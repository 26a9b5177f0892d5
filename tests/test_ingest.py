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


def test_bad_date_is_a_clear_failure(tmp_path):
    (tmp_path / "d.txt").write_text("---\ndate: last Tuesday\n---\nText.", "utf-8")
    [failure] = list(read_inputs([tmp_path / "d.txt"]))
    assert isinstance(failure, Failure) and "YYYY-MM-DD" in failure.message
