"""The pipeline: stage order, batching across documents, parallel parsing, progress."""

from __future__ import annotations

import datetime as dt

import pytest

import kg
from kg.extract.parsed import parse_many
from kg.types import SourceDoc

pytestmark = pytest.mark.slow

TEXTS = {
    "a": "Israeli jets struck Khan Younis overnight, the army said.\n\nHamas fired rockets.",
    "b": "The 47th Mechanized Brigade repelled an assault near Avdiivka on Monday.",
    "c": "Line one.\nRSF fighters shelled El Fasher.\nLine three about Darfur.",
}


def _write(tmp_path):
    for name, text in TEXTS.items():
        (tmp_path / f"{name}.txt").write_text(text, "utf-8")
    return tmp_path


def test_paragraph_offsets_survive_batching(nlp):
    docs = [SourceDoc(k, v) for k, v in TEXTS.items()]
    parsed = list(parse_many(docs, nlp, batch_size=2))
    assert [p.doc.id for p in parsed] == ["a", "b", "c"]
    for item in parsed:
        for para in item.paragraphs:
            assert item.doc.text[para.offset : para.offset + len(para.doc.text)] == para.doc.text
    assert len(parsed[2].paragraphs) == 3


def test_parallel_parsing_gives_the_same_bytes(nlp, tmp_path):
    folder = _write(tmp_path)
    day = dt.date(2024, 2, 20)
    one, _ = kg.build_graph([folder], date=day, jobs=1)
    two, _ = kg.build_graph([folder], date=day, jobs=2)
    assert kg.serialize(one, "nq") == kg.serialize(two, "nq")


def test_progress_ticks_once_per_document(nlp, tmp_path):
    folder = _write(tmp_path)
    seen = []
    kg.build_graph([folder], progress=lambda total: seen.append(total) or seen.append)
    assert seen[0] == 3 and len(seen) == 4


def test_report_counts_match_the_graph(nlp, tmp_path):
    graph, report = kg.build_graph([_write(tmp_path)], date=dt.date(2024, 2, 20))
    assert report.documents == 3
    assert report.triples == len(graph)
    assert sum(report.entities.values()) >= 6


STRANGE = (
    "\U0001f1fa\U0001f1e6 Ukrainian forces shelled Bakhmut\u200b on Friday \u2014 "
    "\u201cWe will hold,\u201d said Oleksandr Syrskyi.\n"
    "Za\u017c\u00f3\u0142\u0107: Polish volunteers entered K\u00fapiansk; K\u0308harkiv was hit "
    "by Russian drones.\n"
    '\u00abKreml\u00bb said "nothing" \u2013 Dmitry Peskov told TASS. Al-\u1e24asakah, '
    "A\u011fdam and Nagorno\u2011Karabakh\tstill matter.\r\n"
    "Moscow said Ukrainian troops withdrew from Soledar.\r\n"
)


def test_strange_characters_keep_offsets_and_the_contract(nlp, tmp_path, shared):
    from pyshacl import validate
    from rdflib import Graph
    from rdflib.namespace import RDF

    from kg.ontology import NIF

    path = tmp_path / "strange \u00e9 name.txt"
    path.write_bytes(STRANGE.encode("utf-8"))
    graph, report = kg.build_graph([path], date=dt.date(2023, 1, 13))
    union = graph.union()
    mentions = set(union.subjects(RDF.type, NIF.Phrase))
    assert len(mentions) >= 10 and report.statements >= 2
    for mention in mentions:
        begin = int(union.value(mention, NIF.beginIndex))
        end = int(union.value(mention, NIF.endIndex))
        assert str(union.value(mention, NIF.anchorOf)) == STRANGE[begin:end]
    data = Graph().parse(data=kg.serialize(graph, "ttl"), format="turtle")
    conforms, _, text = validate(data, shacl_graph=Graph().parse(shared / "contract/shapes.ttl"))
    assert conforms, text[:2000]


def test_bad_fields_cost_no_document(nlp, tmp_path):
    """One JSONL batch with every kind of bad field: all documents land, the output is
    valid for pyoxigraph (the strictest parser we have) and the warnings say why."""
    import json

    import pyoxigraph

    records = [
        {"id": "s\ud800", "text": "Russian forces shelled\ud800 Kharkiv.", "title": "\udfff"},
        {"id": "u", "text": "Drones struck Odesa.", "url": "https://e.org/%zz b"},
        {"id": "same", "text": "Troops advanced near Bakhmut.", "url": "not a url"},
        {"id": "same", "text": "Shelling hit Izium last year.", "date": "0001-01-01"},
        {"id": "same-2", "text": "Drones hit Lviv on Friday.", "date": "10000-01-01"},
        {"id": "d", "text": "Shelling hit Kherson.", "date": "Oct 12, 2024", "url": "http://[x"},
    ]
    lines = [json.dumps(r).encode() for r in records]
    lines.append(b'{"id": "nul", "text": "Shelling\x00 hit Sumy.", "date": "2022-09-09garbage"}')
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"\n".join(lines))
    graph, report = kg.build_graph([path], link="none")
    assert report.documents == 7 and not report.failures
    data = kg.serialize(graph, "nq")
    quads = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_QUADS))
    ident = "http://purl.org/dc/terms/identifier"
    ids = {q.object.value for q in quads if q.predicate.value == ident}
    assert ids == {"s\ufffd", "u", "same", "same-3", "same-2", "d", "nul"}
    assert "<https://e.org/%25zz%20b>" in data.decode()
    assert '"10000-01-01" ' in data.decode() and '"0001-01-01"^^' in data.decode()
    codes = {w.code for w in report.warnings}
    assert {"W002", "W003", "W004", "W005", "W006"} <= codes
