"""kg.open(GRAPH): the export's tables as pandas DataFrames; import kg stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

import kg
from kg.export import EVENT_COLUMNS, STATEMENT_COLUMNS


def test_import_kg_does_not_import_pandas():
    code = "import sys, kg; kg.open; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.slow
def test_open_gives_dataframes(seed_text_ttl):
    pytest.importorskip("pandas")
    graph = kg.open(seed_text_ttl)
    events = graph.events()
    assert tuple(events.columns) == EVENT_COLUMNS
    assert len(events) == len(graph.tables.events) > 0
    assert str(events["event_date"].dtype).startswith("datetime64")
    statements = graph.statements()
    assert tuple(statements.columns) == STATEMENT_COLUMNS
    assert "Vitaliy Ganchev" in set(statements["speaker"])
    places = graph.places()
    assert "Balakliia" in set(places["label"])
    assert graph.documents()["text"].iloc[0].startswith("Ukrainian servicemen")
    rows = graph.query(
        "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/conflict-kg/ontology#Statement> }"
    )
    assert int(rows[0]["n"]) == len(statements)
