"""kg.export and kg.tables on the real seed graph: every event and statement, ACLED-like
columns, readable by pandas and geopandas."""

from __future__ import annotations

import json

import pytest

from kg.export import EVENT_COLUMNS, STATEMENT_COLUMNS, events_csv, geojson, statements_csv
from kg.store import open_store
from kg.tables import event_codes, read_tables

pytestmark = pytest.mark.slow

EVENTS = """PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?t . FILTER(?t IN (%s)) }"""
STATEMENTS = """PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ckg:Statement }"""


def count(store, query: str) -> int:
    return int(next(iter(store.query(query)))["n"].value)


@pytest.fixture(scope="module")
def store(seed_text_ttl):
    return open_store([seed_text_ttl])


@pytest.fixture(scope="module")
def tables(store):
    return read_tables(store)


def test_every_event_and_statement_is_a_row(store, tables):
    types = ", ".join(f"ckg:{t}" for t in event_codes())
    assert len(tables.events) == count(store, EVENTS % types) > 0
    assert len(tables.statements) == count(store, STATEMENTS) > 0


def test_events_csv_reads_with_pandas_and_keeps_acled_codes(tables, tmp_path):
    pd = pytest.importorskip("pandas")
    path = tmp_path / "events.csv"
    path.write_bytes(events_csv(tables))
    frame = pd.read_csv(path, dtype={"cameo": str})
    assert tuple(frame.columns) == EVENT_COLUMNS
    assert len(frame) == len(tables.events)
    assert frame["event_id"].is_unique
    for row in frame.itertuples():
        codes = event_codes()[row.event_type]
        assert (row.acled_sub_event_type if isinstance(row.acled_sub_event_type, str) else "") == (
            codes["acled_sub_event_type"]
        )
    shelling = frame[frame["event_type"] == "Shelling"]
    assert set(shelling["acled_event_type"]) == {"Explosions/Remote violence"}
    located = frame.dropna(subset=["latitude"])
    assert located["longitude"].between(-180, 180).all() and len(located) > 0
    assert set(located["geo_precision"]) <= {1, 2, 3}
    assert set(frame["factuality"].dropna()) <= {"asserted", "claimed", "denied", "hypothetical"}


def test_event_row_carries_its_offsets_and_sentence(tables, seed_text):
    for event in tables.events:
        assert seed_text[event["begin"] : event["end"]] == event["trigger"]
        assert event["trigger"] in event["sentence"]
        assert event["sentence"] in seed_text


def test_balakliia_capture_is_located_and_dated(tables):
    capture = [
        e for e in tables.events if e["event_type"] == "Capture" and e["location"] == "Balakliia"
    ]
    assert capture, "the seed's capture of Balakliia is an event"
    row = capture[0]
    assert (row["location_qid"], row["country"], row["admin1"]) == (
        "Q986263",
        "Ukraine",
        "Kharkiv Oblast",
    )
    assert row["geo_precision"] == 1 and row["acled_event_type"] == "Battles"


def test_statements_csv_has_speakers_and_quotes(tables, tmp_path):
    pd = pytest.importorskip("pandas")
    path = tmp_path / "statements.csv"
    path.write_bytes(statements_csv(tables))
    frame = pd.read_csv(path)
    assert tuple(frame.columns) == STATEMENT_COLUMNS
    assert len(frame) == len(tables.statements)
    ganchev = frame[frame["speaker"] == "Vitaliy Ganchev"]
    assert "Russian state television" in set(ganchev["medium"].dropna())
    assert set(frame["direct"]) <= {True, False}


def test_geojson_reads_with_geopandas(tables, tmp_path):
    gpd = pytest.importorskip("geopandas")
    path = tmp_path / "places.geojson"
    path.write_bytes(geojson(tables))
    frame = gpd.read_file(path)
    located_events = [e for e in tables.events if e["latitude"] is not None]
    assert (frame["feature"] == "event").sum() == len(located_events)
    assert (frame["feature"] == "place").sum() == len(tables.places())
    kharkiv = frame[(frame["feature"] == "place") & (frame["label"] == "Kharkiv")]
    assert abs(kharkiv.geometry.iloc[0].y - 49.98) < 0.05


def test_exports_are_deterministic(store, tables):
    again = read_tables(store)
    assert events_csv(again) == events_csv(tables)
    assert statements_csv(again) == statements_csv(tables)
    assert json.loads(geojson(again)) == json.loads(geojson(tables))
