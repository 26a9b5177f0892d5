"""Engines: -j 1, -j 2 and a Dask LocalCluster (2 workers, bound to 127.0.0.1) give the
same graph bytes for the same corpus; the partition function is engine-neutral."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.engines import extract_partition
from kg.errors import UsageError
from kg.pipeline import build_to, extract_documents
from kg.types import Extraction, SourceDoc

pytestmark = pytest.mark.slow

DAY = dt.date(2024, 2, 20)
TEXTS = {
    "a": "Israeli jets struck Khan Younis overnight, the army said.\n\nHamas fired rockets.",
    "b": "The 47th Mechanized Brigade repelled an assault near Avdiivka on Monday.",
    "c": "RSF fighters shelled El Fasher.\nRussian forces shelled Kharkiv, Kyiv said.",
    "d": "Ukrainian troops recaptured Kupiansk on Friday, the general staff said.",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("engines")
    for name, text in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, "utf-8")
    return folder


def test_one_process_two_processes_and_dask_give_the_same_graph(corpus, nlp, tmp_path):
    outputs = {}
    for name, options in {
        "j1": {"jobs": 1},
        "j2": {"jobs": 2},
        "dask": {"jobs": 2, "engine": "dask"},
    }.items():
        out = tmp_path / f"{name}.nq"
        report = build_to([corpus], out, "nq", date=DAY, **options)
        assert report.documents == 4
        outputs[name] = out.read_bytes()
    assert outputs["j1"].count(b"\n") > 100
    assert outputs["j2"] == outputs["j1"]
    assert outputs["dask"] == outputs["j1"]


def test_the_partition_function_extracts_in_order(nlp):
    docs = [SourceDoc(k, v, DAY) for k, v in TEXTS.items()]
    results = extract_partition(docs[:2])
    assert [type(r) for r in results] == [Extraction, Extraction]
    assert [r.doc.id for r in results] == ["a", "b"]
    assert any(e.type == "AirStrike" for e in results[0].events)


def test_an_unknown_engine_is_a_usage_error():
    with pytest.raises(UsageError, match="--engine"):
        list(extract_documents([], engine="spark"))
