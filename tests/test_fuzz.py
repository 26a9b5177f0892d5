"""Fuzzing (bounded): hostile documents through ingest and every output format, each output
parsed by pyoxigraph and rdflib (and pyld for JSON-LD); nothing lost, nothing altered.

The full count (>= 1,000 documents) is ``make fuzz`` (benchmarks/fuzz.py), which shares
its generator and checks with these tests.
"""

from __future__ import annotations

import importlib.util
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
from kg.build import graph_from_extractions
from kg.ingest import read_inputs
from kg.types import Entity, Extraction, SourceDoc, Span, Statement

ROOT = Path(__file__).resolve().parent.parent


def _fuzz():
    spec = importlib.util.spec_from_file_location("kg_fuzz", ROOT / "benchmarks" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


FUZZ = _fuzz()
#: any code point, lone surrogates and controls included
ANY_CHAR = st.characters(codec=None, categories=None)
HOSTILE = st.sampled_from(FUZZ.HOSTILE)
HOSTILE_TEXT = st.lists(st.one_of(HOSTILE, st.text(ANY_CHAR, max_size=8)), max_size=6).map("".join)
RECORD = st.fixed_dictionaries(
    {
        "id": st.one_of(HOSTILE_TEXT, st.sampled_from(["same", "same-2", ""])),
        "text": st.builds(
            lambda a, b, c: f"{a} {b} {c}",
            st.sampled_from(FUZZ.SENTENCES),
            HOSTILE_TEXT,
            st.sampled_from(FUZZ.SENTENCES),
        ),
        "title": HOSTILE_TEXT,
        "url": st.one_of(st.sampled_from(FUZZ.URLS), HOSTILE_TEXT),
        "date": st.one_of(st.sampled_from(FUZZ.DATES), HOSTILE_TEXT),
    }
)
ALL_PARSERS = FUZZ.PARSERS


def _read(records: list[dict]) -> list[SourceDoc]:
    with tempfile.TemporaryDirectory() as folder:
        path = FUZZ.write_jsonl(records, Path(folder) / "f.jsonl")
        results = list(read_inputs([path]))
    docs = [r for r in results if isinstance(r, SourceDoc)]
    assert len(docs) == len(records), [r for r in results if not isinstance(r, SourceDoc)]
    assert len({d.id for d in docs}) == len(docs)
    return docs


def _extraction(doc: SourceDoc) -> Extraction:
    """Hostile text in labels and quotes too: every slice of the document is one."""
    third = max(1, len(doc.text) // 3)
    spans = [Span(i, i + third, doc.text[i : i + third]) for i in (0, third)]
    ents = tuple(
        Entity(f"e{n}", kind, s.text, (s,), confidence=0.5)
        for n, (s, kind) in enumerate(zip(spans, ("Person", "Settlement"), strict=True))
    )
    stmt = Statement("st0", spans[1].text, spans[1], True, speaker="e0", about=("e1",))
    return Extraction(doc, ents, statements=(stmt,))


def _assert_clean(rows: list[dict]) -> None:
    for row in rows:
        assert "failure" not in row, row
        assert row["found"] == row["in"] == row["exact"], row


@settings(max_examples=20, deadline=None)
@given(st.lists(RECORD, min_size=1, max_size=4))
def test_hostile_documents_survive_every_writer_and_parser(records):
    docs = _read(records)
    for doc in docs:
        for value in (doc.id, doc.text, doc.title or "", doc.url or ""):
            value.encode("utf-8")  # no lone surrogate got through
    graph = graph_from_extractions([_extraction(d) for d in docs], include_text=True)
    _assert_clean(FUZZ.check_graph(graph, docs, ALL_PARSERS))


@pytest.mark.slow
@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(RECORD, min_size=1, max_size=3))
def test_hostile_documents_through_kg_build(nlp, records):
    """The real pipeline: spaCy extraction, linking, every format, every parser."""
    docs = _read(records)
    with tempfile.TemporaryDirectory() as folder:
        path = FUZZ.write_jsonl(records, Path(folder) / "f.jsonl")
        graph, report = kg.build_graph([path], include_text=True)
    assert report.documents == len(records) and not report.failures
    _assert_clean(FUZZ.check_graph(graph, docs, ALL_PARSERS))


def test_the_generator_is_hostile_and_deterministic():
    records = FUZZ.hostile_records(200, seed=3)
    assert records == FUZZ.hostile_records(200, seed=3)
    blob = json.dumps(records)
    for needle in ("\\ud800", "\\u0000", "\\u202e", "@prefix", "SELECT", "<", "\\\\"):
        assert needle in blob
    assert max(len(r["text"]) for r in records) > 2000
    tricky = {"id": "a\x00", "text": "NUL \x00 ESC \x1b, not \\u0000 nor \\\x01"}
    with tempfile.TemporaryDirectory() as folder:
        path = FUZZ.write_jsonl([tricky, tricky], Path(folder) / "f.jsonl")
        raw = path.read_bytes().split(b"\n")
        assert b"\x00" in raw[0] and b"\x1b" in raw[0] and b"\x00" not in raw[1]
        assert [json.loads(line, strict=False) for line in raw[:2]] == [tricky, tricky]
