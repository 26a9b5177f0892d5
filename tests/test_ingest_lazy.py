"""read_inputs_lazily (the streamed build's reader) gives what read_inputs gives: the
same documents, the same repaired ids and the same warnings, in the same order."""

from __future__ import annotations

import gzip
import json

from kg.ingest import read_inputs, read_inputs_lazily


def test_lazy_reading_matches_reading_everything_first(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Kyiv was shelled.", "utf-8")
    (tmp_path / "sub" / "a.txt").write_text("Kharkiv was shelled.", "utf-8")
    lines = [
        {"id": "a-2", "text": "Taken already by another a."},
        {"id": "a", "text": "A third a.", "date": "soon"},
        {"text": "No id at all."},
    ]
    with gzip.open(tmp_path / "news.jsonl.gz", "wt", encoding="utf-8") as stream:
        stream.writelines(json.dumps(line) + "\n" for line in lines)
    (tmp_path / "bad.jsonl").write_text("{not json\n", "utf-8")
    eager_warnings, lazy_warnings = [], []
    eager = list(read_inputs([tmp_path], warnings=eager_warnings))
    lazy = list(read_inputs_lazily([tmp_path], warnings=lazy_warnings))
    assert lazy == eager
    assert lazy_warnings == eager_warnings
    ids = [d.id for d in lazy if hasattr(d, "text")]
    assert len(ids) == len(set(ids)) == 5
    assert "a-3" in ids  # a-2 was taken by the JSONL line, so the third a is a-3
