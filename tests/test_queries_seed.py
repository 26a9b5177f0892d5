"""Saved queries on the seed article's graph, built with the real pipeline.

The assertions state what the article says (dates, speakers, places), not the current
output: they fail when extraction, linking or a query stops finding it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.query import list_queries, run_query
from kg.server import OxigraphServer
from kg.store import load_graph, open_store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_trig(seed_build, tmp_path_factory) -> Path:
    import kg

    path = tmp_path_factory.mktemp("seed-trig") / "seeds.trig"
    kg.write_graph(seed_build[0], path)
    return path


@pytest.fixture(scope="module")
def store(seed_ttl: Path):
    return open_store([seed_ttl])


def rows(store, query: str, **params: str) -> list[dict[str, str]]:
    return run_query(query, store=store, params=params).dicts()


def test_every_saved_query_runs_on_the_seed(store) -> None:
    needs = {"name": "Kharkiv"}
    for query in list_queries():
        if query.services:
            continue  # federated: needs the Wikidata service (tested with a local stand-in)
        params = {p.name: needs[p.name] for p in query.params if not p.optional}
        result = run_query(query.path, store=store, params=params)
        assert len(result) > 0, f"{query.name} found nothing in the seed graph"


def test_timeline_has_the_offensive_days_in_order(store) -> None:
    dates = [r["date"] for r in rows(store, "list_timeline")]
    assert dates == sorted(dates)
    assert {"2022-09-08", "2022-09-09"} <= set(dates)
    recent = rows(store, "list_timeline", since="2022-09-01")
    assert recent and all(r["date"] >= "2022-09-01" for r in recent)


def test_who_said_what_includes_ganchev_on_state_television(store) -> None:
    ganchev = rows(store, "list_statements", speaker="Vitaliy Ganchev")
    assert ganchev, "no statement by Vitaliy Ganchev"
    media = {r.get("medium_label", "").lower() for r in ganchev}
    assert any("television" in medium or "russia-1" in medium for medium in media)
    assert any("breach of our defences" in r["quote"] for r in ganchev)


def test_places_for_the_map_include_kharkiv_in_ukraine(store) -> None:
    places = {r["label"]: r for r in rows(store, "list_places_map")}
    assert "Kharkiv" in places
    lat, lon = float(places["Kharkiv"]["lat"]), float(places["Kharkiv"]["lon"])
    assert 49.5 < lat < 50.5 and 35.5 < lon < 37.0
    assert places["Kharkiv"]["wikidata"].endswith("/Q42308")


def test_events_at_balakliia_and_statements_about_it(store) -> None:
    events = rows(store, "list_events_at_place", place="Balakliya")  # an alternative spelling
    types = {r["type"].rsplit("#")[-1] for r in events}
    assert types & {"Liberation", "Capture"}
    about = rows(store, "find_statements_about", name="Balakliia")
    assert about, "no statement mentions Balakliia"


def test_claims_and_assertions_are_both_present(store) -> None:
    kinds = {r["factuality_"] for r in rows(store, "compare_claims")}
    assert {"Asserted", "Claimed"} <= kinds
    claimed = rows(store, "compare_claims", factuality="claimed")
    assert any(r.get("speaker_label") for r in claimed), "no claim is tied to a speaker"


def test_event_sources_point_at_the_words_of_the_article(store, seed_text: str) -> None:
    sources = rows(store, "find_event_sources", event_type="Liberation")
    assert sources
    for source in sources:
        begin, end = int(source["begin"]), int(source["end"])
        assert seed_text[begin:end] == source["anchor"]


def test_units_and_actors(store) -> None:
    units = {r["unit_label"] for r in rows(store, "list_units")}
    assert any("Ukrain" in unit for unit in units)
    actors = rows(store, "list_actors_events")
    assert {r["role_"] for r in actors} >= {"agent"}


@pytest.fixture(scope="module")
def served_seed(seed_trig: Path) -> Iterator[OxigraphServer]:
    with OxigraphServer(union_default_graph=True) as server:
        load_graph(seed_trig, gsp=server.store_url)
        yield server


def test_the_seed_served_by_oxigraph_answers_the_same(store, served_seed) -> None:
    for name in ("list_timeline", "list_statements", "list_places_map"):
        local = rows(store, name)
        served = run_query(name, endpoint=served_seed.query_url).dicts()
        assert len(local) == len(served), name
