"""Tables an analyst loads elsewhere: events and statements as CSV, places as GeoJSON.

One row per event with columns an ACLED user recognises (``EVENT_COLUMNS``); one row per
statement (``STATEMENT_COLUMNS``); a GeoJSON FeatureCollection of located events (the
event columns as properties) and places. Files are written atomically, same graph same
bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

from .tables import EventRow, GraphTables, StatementRow, columns
from .write import write_bytes

__all__ = [
    "EVENT_COLUMNS",
    "STATEMENT_COLUMNS",
    "PLACE_COLUMNS",
    "events_csv",
    "statements_csv",
    "geojson",
    "export",
]

EVENT_COLUMNS = columns(EventRow)
"""Events, ACLED-like: actor1 is the agent, actor2 the target, admin1 the oblast/province."""
STATEMENT_COLUMNS = columns(StatementRow)
PLACE_COLUMNS = ("iri", "label", "type", "qid", "latitude", "longitude")


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _csv(rows: Sequence[dict], columns: Sequence[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return buffer.getvalue().encode("utf-8")


def events_csv(tables: GraphTables) -> bytes:
    """One row per event (``EVENT_COLUMNS``)."""
    return _csv(tables.events, EVENT_COLUMNS)


def statements_csv(tables: GraphTables) -> bytes:
    """One row per statement (``STATEMENT_COLUMNS``)."""
    return _csv(tables.statements, STATEMENT_COLUMNS)


def _feature(row: dict, columns: Sequence[str], kind: str) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
        "properties": {"feature": kind, **{c: row.get(c) for c in columns}},
    }


def geojson(tables: GraphTables) -> bytes:
    """Located events (``feature: "event"``) and places (``feature: "place"``), WGS 84."""
    features = [
        _feature(event, EVENT_COLUMNS, "event")
        for event in tables.events
        if event["latitude"] is not None
    ]
    features += [_feature(place, PLACE_COLUMNS, "place") for place in tables.places()]
    data = {"type": "FeatureCollection", "features": features}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def export(
    tables: GraphTables,
    events: str | Path | None = None,
    statements: str | Path | None = None,
    places: str | Path | None = None,
) -> list[str]:
    """Write the files asked for; returns what was written, one line each."""
    written = []
    for path, data, what in (
        (events, events_csv, f"{len(tables.events)} events"),
        (statements, statements_csv, f"{len(tables.statements)} statements"),
        (places, geojson, "located events and places"),
    ):
        if path is not None:
            write_bytes(data(tables), path)
            written.append(f"{what} -> {path}")
    return written
