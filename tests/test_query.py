"""kg.query: saved queries, safe parameters, embedded and remote runs, formats, CLI."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.errors import QueryError, UsageError
from kg.query import (
    QUERIES_DIR,
    _tokens,
    bind_values,
    check_syntax,
    find_query,
    format_result,
    list_queries,
    parse_header,
    run_query,
)
from kg.server import OxigraphServer
from kg.store import load_graph, open_store

DATA = Path(__file__).resolve().parent / "data" / "store"
SMALL = DATA / "small.trig"
MALICIOUS = 'Izium" } DROP ALL #'
REQUIRED = {"describe_entity": {"name": "Aleppo"}, "find_statements_about": {"name": "Aleppo"}}


@pytest.fixture(scope="module")
def small_store() -> ox.Store:
    return open_store([SMALL])


@pytest.fixture(scope="module")
def remote() -> Iterator[OxigraphServer]:
    """A real Oxigraph server holding small.trig, one named graph per document."""
    with OxigraphServer(union_default_graph=True) as server:
        load_graph(SMALL, gsp=server.store_url)
        yield server


@pytest.fixture(scope="module")
def wikidata() -> Iterator[OxigraphServer]:
    """A local stand-in for the Wikidata Query Service with a tiny fixture."""
    with OxigraphServer(union_default_graph=True) as server:
        load_graph(DATA / "wikidata_fixture.ttl", gsp=server.store_url)
        yield server


def rows(name: str, params: dict[str, str] | None = None, **kwargs) -> list[dict[str, str]]:
    if not {"store", "endpoint", "graphs"} & set(kwargs):
        kwargs["graphs"] = [SMALL]
    return run_query(name, params=params or {}, **kwargs).dicts()


# ----------------------------------------------------------------- saved queries


def test_there_are_enough_saved_queries_with_headers() -> None:
    saved = list_queries()
    assert len(saved) >= 11
    for query in saved:
        assert "_" in query.name, f"{query.name}: name it <verb>_<noun>.rq"
        assert len(query.summary) > 30, f"{query.name}: the header must say what it answers"
        assert "# params:" in query.text, f"{query.name}: declare its parameters (or none)"


@pytest.mark.parametrize("path", sorted(QUERIES_DIR.glob("*.rq")), ids=lambda p: p.stem)
def test_every_saved_query_parses(path: Path) -> None:
    check_syntax(path.read_text(encoding="utf-8"))


def test_queries_readme_lists_every_query() -> None:
    readme = (QUERIES_DIR / "README.md").read_text(encoding="utf-8")
    for query in list_queries():
        assert query.name in readme


def test_parse_header_reads_params_types_and_services() -> None:
    summary, params, services = parse_header(
        "# Events by date.\n# More words.\n"
        "# params: since (earliest date, date, optional); who (a label, with commas)\n"
        "# service: wd = <https://query.wikidata.org/sparql>\n"
        "SELECT * WHERE { ?s ?p ?o }\n# params: late (ignored, optional)\n"
    )
    assert summary == "Events by date. More words."
    assert [(p.name, p.type, p.optional) for p in params] == [
        ("since", "date", True),
        ("who", "string", False),
    ]
    assert params[1].description == "a label, with commas"
    assert services == {"wd": "https://query.wikidata.org/sparql"}


def test_find_query_by_exact_stem_part_and_path() -> None:
    assert find_query("list_timeline").name == "list_timeline"
    assert find_query("timeline").name == "list_timeline"
    assert find_query(QUERIES_DIR / "list_units.rq").name == "list_units"
    assert find_query("queries/list_units.rq").name == "list_units"


def test_unknown_and_ambiguous_names_list_the_choices() -> None:
    with pytest.raises(QueryError, match="Available: .*list_timeline"):
        find_query("no_such_query")
    with pytest.raises(QueryError, match="several"):
        find_query("list")
    with pytest.raises(QueryError, match="does not exist"):
        find_query("missing/thing.rq")


# ----------------------------------------------------------------- answers on small.trig


def test_statements_with_speaker_and_medium() -> None:
    found = {
        (r.get("speaker_label"), r["quote"], r.get("medium_label")) for r in rows("list_statements")
    }
    assert ("Nabil Abdallah", "Our forces repelled the attack on Kafouri", "Sudan TV") in found
    assert ("Samir Haddad", "Aleppo is free", "Telegram") in found
    assert len(found) == 4
    only = rows("list_statements", {"medium": "sudan television"})
    assert [r["speaker_label"] for r in only] == ["Nabil Abdallah"]


def test_statements_about_an_entity_any_case_with_speaker_and_document() -> None:
    kafouri = rows("find_statements_about", {"name": "KAFOURI"})
    assert [(r["speaker_label"], r["quote"], r["direct"]) for r in kafouri] == [
        ("Nabil Abdallah", "Our forces repelled the attack on Kafouri", "true")
    ]
    assert kafouri[0]["doc"].endswith("/doc/khartoum-report")
    saeed = rows("find_statements_about", {"name": "sheikh saeed"})
    assert [(r["speaker_label"], r["direct"]) for r in saeed] == [("Syrian rebels", "false")]
    assert rows("find_statements_about", {"name": "Khartoum"}) == []  # named, not talked about
    with pytest.raises(UsageError, match="needs the parameter"):
        rows("find_statements_about")


def test_timeline_is_ordered_and_filtered_by_dates() -> None:
    dates = [r["date"] for r in rows("list_timeline")]
    assert dates == sorted(dates) == ["2016-12-10", "2023-04-30", "2023-05-01"]
    assert [r["date"] for r in rows("list_timeline", {"since": "2023-05-01"})] == ["2023-05-01"]
    assert [r["date"] for r in rows("list_timeline", {"until": "2020-01-01"})] == ["2016-12-10"]
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        rows("list_timeline", {"since": "last week"})


def test_events_at_a_place_match_alternative_labels() -> None:
    halab = rows("list_events_at_place", {"place": "halab"})
    assert [(r["place_label"], r["type"].rsplit("#")[-1]) for r in halab] == [("Aleppo", "Capture")]
    assert {r["place_label"] for r in rows("list_events_at_place")} == {
        "Aleppo",
        "Kafouri",
        "Khartoum",
        "Merowe airbase",
        "Sheikh Saeed",
    }


def test_units_with_where_and_when() -> None:
    units = {r["unit_label"]: r for r in rows("list_units")}
    rsf = units["Rapid Support Forces"]
    assert rsf["first_reported"] == "2023-05-02"
    assert set(rsf["places"].split("; ")) == {"Khartoum", "Kafouri", "Merowe airbase"}
    assert rsf["events"] == "2"
    assert [r["unit_label"] for r in rows("list_units", {"unit": "rsf"})] == [
        "Rapid Support Forces"
    ]


def test_places_with_coordinates_as_numbers() -> None:
    places = {r["label"]: r for r in rows("list_places_map")}
    assert set(places) == {"Aleppo", "Khartoum"}
    assert float(places["Aleppo"]["lat"]) == pytest.approx(36.2021)
    assert float(places["Aleppo"]["lon"]) == pytest.approx(37.1612)


def test_actors_and_their_events() -> None:
    found = rows("list_actors_events", {"actor": "Syrian Arab Army"})
    assert [(r["role_"], r["type"].rsplit("#")[-1], r["places"]) for r in found] == [
        ("agent", "Capture", "Aleppo")
    ]


def test_claims_versus_asserted() -> None:
    found = {r["event"].rsplit("/")[-1]: r for r in rows("compare_claims")}
    assert found["khartoum-report-captured"]["factuality_"] == "Claimed"
    assert found["khartoum-report-captured"]["speaker_label"] == "Rapid Support Forces"
    assert found["aleppo-brief-withdrawn"]["factuality_"] == "Denied"
    assert found["aleppo-brief-retook"]["factuality_"] == "Asserted"
    denied = rows("compare_claims", {"factuality": "denied"})
    assert [r["event"].rsplit("/")[-1] for r in denied] == ["aleppo-brief-withdrawn"]


def test_wikidata_links() -> None:
    found = {r["label"]: r["qid"] for r in rows("list_wikidata_links")}
    assert found["Aleppo"] == "Q41183" and found["Khartoum"] == "Q1963"
    assert "Kafouri" not in found
    assert {r["class"] for r in rows("list_wikidata_links", {"type": "settlement"})} == {
        "Settlement"
    }


def test_event_sources_give_documents_and_words() -> None:
    found = rows("find_event_sources", {"event_type": "Withdrawal"})
    assert len(found) == 1
    source = found[0]
    text_doc = source["doc"].rsplit("/")[-1]
    assert text_doc == "aleppo-brief" and source["anchor"] == "withdrawn"
    assert source["reported_by"].endswith("aleppo-brief-denial")
    event_iri = "https://w3id.org/conflict-kg/id/event/khartoum-report-shelled"
    assert [r["anchor"] for r in rows("find_event_sources", {"event": event_iri})] == ["shelled"]
    with pytest.raises(UsageError, match="absolute IRI"):
        rows("find_event_sources", {"event": "not an iri"})


def test_count_types_and_describe_entity() -> None:
    counts = {r["class"]: int(r["count"]) for r in rows("count_types")}
    assert counts["schema:NewsArticle"] == 2 and counts["ckg:Statement"] == 4
    result = run_query("describe_entity", [SMALL], params={"name": "Aleppo"})
    assert result.kind == "graph"
    graph = Graph().parse(data=format_result(result, "ttl"), format="turtle")
    labels = {str(o) for o in graph.objects(None, None) if isinstance(o, Literal)}
    assert {"Aleppo", "Halab"} <= labels


def test_federated_query_against_a_local_wikidata(wikidata: OxigraphServer) -> None:
    found = rows("enrich_places_wikidata", {"wikidata": wikidata.query_url})
    by_label = {r["label"]: r for r in found}
    assert by_label["Aleppo"]["country_label"] == "Syria"
    assert by_label["Aleppo"]["population"] == "2098210"
    assert by_label["Khartoum"]["country_label"] == "Sudan"
    assert "population" not in by_label["Khartoum"]
    only = rows("enrich_places_wikidata", {"wikidata": wikidata.query_url, "place": "khartoum"})
    assert [r["label"] for r in only] == ["Khartoum"]


# ----------------------------------------------------------------- safety of parameters


def _structure(query: str) -> list[str]:
    return [text for kind, text, _s, _e in _tokens(query) if kind != "string"]


def test_malicious_value_does_not_change_the_query_structure() -> None:
    text = find_query("list_statements").text
    benign = bind_values(text, {"speaker": Literal("x")})
    hostile = bind_values(text, {"speaker": Literal(MALICIOUS)})
    assert _structure(benign) == _structure(hostile)
    check_syntax(hostile)
    strings = [t for kind, t, _s, _e in _tokens(hostile) if kind == "string"]
    assert Literal(MALICIOUS).n3() in strings


def test_malicious_value_is_just_a_string_everywhere(remote: OxigraphServer) -> None:
    assert rows("list_statements", {"speaker": MALICIOUS}) == []
    assert rows("list_statements", {"speaker": MALICIOUS}, endpoint=remote.query_url) == []
    assert len(rows("count_types", endpoint=remote.query_url)) == 11  # nothing dropped
    store = ox.Store()
    subject = ox.NamedNode("https://example.org/x")
    store.add(
        ox.Quad(
            subject,
            ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
            ox.Literal(MALICIOUS),
        )
    )
    query = (
        "# params: name (a label)\n"
        "SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l "
        "FILTER(STR(?l) = ?name) }"
    )
    assert run_query(query, store=store, params={"name": MALICIOUS}).dicts() == [
        {"s": subject.value}
    ]


def test_parameters_are_checked_against_the_header() -> None:
    with pytest.raises(UsageError, match="takes no parameter 'place'"):
        rows("list_timeline", {"place": "Aleppo"})
    with pytest.raises(UsageError, match="valid parameter name"):
        bind_values("SELECT * WHERE { }", {"a b": Literal("x")})


def test_values_go_inside_the_where_group_of_every_form() -> None:
    for query in (
        "SELECT * WHERE { ?s ?p ?o }",
        "SELECT * { ?s ?p ?o }",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "ASK { ?s ?p ?o }",
        'PREFIX ex: <http://e/> # a { comment\nSELECT ("{" AS ?x) WHERE { ?s ex:p ?o }',
    ):
        bound = bind_values(query, {"o": Literal("v")})
        check_syntax(bound)
        assert "VALUES (?o)" in bound


# ----------------------------------------------------------------- errors and formats


def test_syntax_error_names_the_line() -> None:
    with pytest.raises(QueryError, match=r"line 3: \}"):
        run_query("SELECT * WHERE {\n ?s ?p \n}", [SMALL])
    with pytest.raises(QueryError, match=r"line 2: \?s \?p"):
        check_syntax("SELECT * WHERE {\n ?s ?p \n}")


def test_missing_graph_file_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="does not exist"):
        run_query("count_types", [tmp_path / "nothing.ttl"])
    odd = tmp_path / "graph.xyz"
    odd.write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match="format"):
        run_query("count_types", [odd])


def test_formats_of_select_results() -> None:
    result = run_query("list_timeline", [SMALL])
    table = format_result(result, "table")
    assert table.splitlines()[0].split()[:2] == ["date", "type"] and "(3 rows)" in table
    parsed = list(csv.reader(io.StringIO(format_result(result, "csv"))))
    assert parsed[0][0] == "date" and len(parsed) == 4
    tsv = format_result(result, "tsv").splitlines()
    assert tsv[0].startswith("?date\t") and '"2016-12-10"^^<' in tsv[1]
    document = json.loads(format_result(result, "json"))
    assert document["head"]["vars"][0] == "date"
    assert document["results"]["bindings"][0]["date"]["datatype"].endswith("#date")
    again = list(ox.parse_query_results(format_result(result, "json"), ox.QueryResultsFormat.JSON))
    assert len(again) == 3
    with pytest.raises(UsageError):
        format_result(result, "ttl")


def test_formats_of_ask_and_graph_results() -> None:
    ask = run_query("ASK { ?s a <https://schema.org/NewsArticle> }", [SMALL])
    assert format_result(ask, "table") == "true\n"
    assert json.loads(format_result(ask, "json"))["boolean"] is True
    graph = run_query("describe_entity", [SMALL], params={"name": "Khartoum"})
    ttl = Graph().parse(data=format_result(graph, "ttl"), format="turtle")
    nt = Graph().parse(data=format_result(graph, "nt"), format="nt")
    assert isomorphic(ttl, nt) and len(ttl) > 5
    with pytest.raises(UsageError):
        format_result(graph, "csv")


def test_other_rdf_formats_load_the_same(tmp_path: Path) -> None:
    graph = Graph().parse(DATA / "small.ttl")
    for ext, fmt in ((".nt", "nt"), (".jsonld", "json-ld")):
        path = tmp_path / f"small{ext}"
        graph.serialize(path, format=fmt, encoding="utf-8")
        counts = {r["class"]: r["count"] for r in run_query("count_types", [path]).dicts()}
        assert counts["ckg:Statement"] == "4"


def test_answers_do_not_repeat_when_graphs_share_triples(tmp_path: Path) -> None:
    """An entity found in several documents has its label in each document's graph."""
    twice = tmp_path / "twice.nq"
    quads = list(ox.parse(path=str(SMALL)))
    copies = [
        ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode("https://e.org/copy")) for q in quads
    ]
    ox.serialize(quads + copies, str(twice), ox.RdfFormat.N_QUADS)
    for query in list_queries():
        if query.name in ("enrich_places_wikidata", "describe_entity"):
            continue
        params = REQUIRED.get(query.name, {})
        assert rows(query.name, params, graphs=[twice]) == rows(query.name, params), query.name


# ----------------------------------------------------------------- embedded = remote


def _normalise(result_rows: list[dict[str, str]]) -> list[tuple]:
    return sorted(
        tuple(sorted((k, "; ".join(sorted(v.split("; ")))) for k, v in row.items()))
        for row in result_rows
    )


@pytest.mark.parametrize(
    "name",
    [q.name for q in list_queries() if q.name not in ("enrich_places_wikidata", "describe_entity")],
)
def test_remote_endpoint_gives_the_same_answers(name: str, remote: OxigraphServer) -> None:
    params = REQUIRED.get(name, {})
    local = rows(name, params)
    served = rows(name, params, endpoint=remote.query_url)
    assert _normalise(local) == _normalise(served)


def test_remote_construct_and_federation(remote: OxigraphServer, wikidata: OxigraphServer) -> None:
    local = run_query("describe_entity", [SMALL], params={"name": "Aleppo"}).graph
    served = run_query(
        "describe_entity", endpoint=remote.query_url, params={"name": "Aleppo"}
    ).graph
    assert isomorphic(local, served)
    found = rows(
        "enrich_places_wikidata", {"wikidata": wikidata.query_url}, endpoint=remote.query_url
    )
    assert {r["label"]: r["country_label"] for r in found} == {
        "Aleppo": "Syria",
        "Khartoum": "Sudan",
    }


# ----------------------------------------------------------------- CLI


@pytest.fixture(scope="module")
def cli():
    from kg.cli import app

    return app


def test_cli_query_writes_data_to_stdout(cli) -> None:
    result = CliRunner().invoke(cli, ["query", "timeline", str(SMALL), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("date,type,event")
    result = CliRunner().invoke(
        cli, ["query", "list_statements", str(SMALL), "-p", "speaker=samir haddad", "-f", "json"]
    )
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["results"]["bindings"]) == 1


def test_cli_query_errors_and_exit_codes(cli) -> None:
    unknown = CliRunner().invoke(cli, ["query", "nonexistent_query", str(SMALL)])
    assert unknown.exit_code == 1 and "Available:" in unknown.stderr
    bad_param = CliRunner().invoke(cli, ["query", "timeline", str(SMALL), "-p", "oops"])
    assert bad_param.exit_code == 2 and "name=value" in bad_param.stderr
    no_graph = CliRunner().invoke(cli, ["query", "timeline"])
    assert no_graph.exit_code == 2
    listed = CliRunner().invoke(cli, ["query", "--list"])
    assert listed.exit_code == 0 and "list_timeline" in listed.stdout
    helped = CliRunner().invoke(cli, ["query", "--help"])
    assert "Examples" in helped.stdout
