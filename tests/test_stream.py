"""The streamed build (N-Quads / N-Triples through sorted runs on disk) writes the same
bytes as the in-memory build, however small its runs, in one process or two; JSONL.gz
is read lazily."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest

import kg
from kg.pipeline import extract_documents
from kg.stream import read_documents, stream_build
from kg.types import BuildReport

pytestmark = pytest.mark.slow

DAY = dt.date(2024, 2, 20)
TEXTS = {
    "a": "Israeli jets struck Khan Younis overnight, the army said.\n\nHamas fired rockets.",
    "b": "The 47th Mechanized Brigade repelled an assault near Avdiivka on Monday. "
    "Russian forces shelled Kharkiv, the Ukrainian army said.",
    "c": "Line one.\nRSF fighters shelled El Fasher.\nLine three about Darfur and Kharkiv.",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stream")
    for name, text in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, "utf-8")
    return folder


@pytest.fixture(scope="module")
def in_memory(corpus, nlp):
    graph, report = kg.build_graph([corpus], date=DAY)
    return graph, report


def _streamed(inputs, out, fmt, jobs=1, run_lines=40):
    report = BuildReport()
    docs = read_documents(inputs, report, DAY)
    extractions = extract_documents(docs, jobs=jobs, report=report)
    return stream_build(extractions, out, fmt, report=report, run_lines=run_lines)


@pytest.mark.parametrize("fmt", ["nq", "nt"])
def test_streamed_output_is_byte_identical_to_the_in_memory_build(corpus, in_memory, fmt, tmp_path):
    graph, memory_report = in_memory
    out = tmp_path / f"graph.{fmt}"
    report = _streamed([corpus], out, fmt)  # runs of 40 lines: many runs to merge
    assert out.read_bytes() == kg.serialize(graph, fmt)
    assert report.triples == memory_report.triples
    assert report.entities == memory_report.entities
    assert report.events == memory_report.events
    assert report.statements == memory_report.statements
    assert report.documents == 3


def test_two_processes_give_the_same_bytes(corpus, in_memory, tmp_path):
    out = tmp_path / "graph.nq"
    _streamed([corpus], out, "nq", jobs=2, run_lines=10_000)
    assert out.read_bytes() == kg.serialize(in_memory[0], "nq")


def test_jsonl_gz_is_read(corpus, in_memory, tmp_path):
    path = tmp_path / "docs.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        for name, text in TEXTS.items():
            stream.write(json.dumps({"id": name, "text": text}) + "\n")
    out = tmp_path / "graph.nq"
    _streamed([path], out, "nq")
    assert out.read_bytes() == kg.serialize(in_memory[0], "nq")
