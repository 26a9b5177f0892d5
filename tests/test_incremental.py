"""kg build --store: documents added to an on-disk Oxigraph store without rebuilding; a
document added again is replaced, not duplicated; queries read the store."""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox
import pytest

from kg.incremental import add_documents, open_persistent
from kg.pipeline import build_to
from kg.query import run_query

pytestmark = pytest.mark.slow

DAY = dt.date(2024, 2, 20)
FIRST = "Russian forces shelled Kharkiv on Monday, the Ukrainian army said."
SECOND = "The 47th Mechanized Brigade repelled an assault near Avdiivka on Tuesday."
CHANGED = "Russian forces shelled Izium on Monday, the Ukrainian army said."


def _quads(store) -> set:
    return {(q.subject, q.predicate, q.object, q.graph_name) for q in store}


def _write(folder, name, text):
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(text, "utf-8")
    return path


def test_batches_add_up_to_the_whole_build_and_re_adding_changes_nothing(nlp, tmp_path):
    a = _write(tmp_path / "one", "a", FIRST)
    b = _write(tmp_path / "two", "b", SECOND)
    db = tmp_path / "db"
    add_documents([a], db, date=DAY)
    add_documents([b], db, date=DAY)
    whole = tmp_path / "whole.nq"
    build_to([a, b], whole, "nq", date=DAY)
    expected = ox.Store()
    expected.bulk_load(path=str(whole), format=ox.RdfFormat.N_QUADS)
    expected.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")  # the union
    store = open_persistent(db)
    assert _quads(store) == _quads(expected)
    before = _quads(store)
    del store
    add_documents([a], db, date=DAY)  # the same document again
    assert _quads(open_persistent(db)) == before


def test_a_changed_document_replaces_its_old_graph(nlp, tmp_path):
    db = tmp_path / "db"
    add_documents([_write(tmp_path / "v1", "a", FIRST)], db, date=DAY)
    add_documents([_write(tmp_path / "v2", "a", CHANGED)], db, date=DAY)
    store = open_persistent(db, read_only=True)
    labels = {
        row[0].value
        for row in store.query(
            "SELECT ?l WHERE { ?s a <https://w3id.org/conflict-kg/ontology#Settlement> ; "
            "<http://www.w3.org/2000/01/rdf-schema#label> ?l }"
        )
    }
    assert labels == {"Izium"}  # Kharkiv left with the old version, from the union too
    graphs = {g.value for g in store.named_graphs()}
    assert graphs == {"https://w3id.org/conflict-kg/id/doc/a"}
    result = run_query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", store=store)
    assert int(result.rows[0][0]) > 10
