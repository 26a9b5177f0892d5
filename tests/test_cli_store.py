"""kg serve / kg load / kg query together, as a user runs them, against real Oxigraph
servers on 127.0.0.1: what is loaded is queryable (through kg query and SPARQLWrapper),
a killed load never costs a complete graph, a busy port is replaced, errors are one line."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from rdflib import Graph
from rdflib.compare import isomorphic
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.query import _prepare, _query_form, bind_values, list_queries, run_query
from kg.server import DEFAULT_PORT, OxigraphServer, free_port, port_free
from kg.store import load_graph, read_graphs, select

pytestmark = pytest.mark.slow

DATA = Path(__file__).resolve().parent / "data" / "store"
SMALL_TRIG = DATA / "small.trig"
SMALL_TTL = DATA / "small.ttl"
SKIP = {"enrich_places_wikidata"}  # needs a Wikidata stand-in (tests/test_query.py has one)


# ----------------------------------------------------------------- helpers


class Served:
    """``kg serve`` in a subprocess; stopped with SIGINT (as Ctrl-C) at the end."""

    def __init__(self, args: list[str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        lines = [self.process.stdout.readline().strip() for _ in range(3)]  # type: ignore[union-attr]
        if not lines[0].startswith("query:"):
            self.stop()
            raise AssertionError(f"kg serve did not start: {lines} {self.stderr}")
        self.query = lines[0].split()[-1]
        self.store = lines[2].split()[-1]
        self.stderr = ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.stderr = self.process.stderr.read() if self.process.stderr else ""  # type: ignore[union-attr]


def _normalise(rows: list[dict[str, str]]) -> list[tuple]:
    """Rows as sorted tuples; GROUP_CONCAT lists sorted (their order is the store's)."""
    return sorted(
        tuple(sorted((k, "; ".join(sorted(v.split("; ")))) for k, v in row.items())) for row in rows
    )


def _params(name: str, entity: str) -> dict[str, str]:
    return {"name": entity} if name in ("describe_entity", "find_statements_about") else {}


def _via_sparqlwrapper(query_url: str, name: str, params: dict[str, str]) -> object:
    """The saved query's text, parameters bound with VALUES, sent by SPARQLWrapper."""
    saved = next(q for q in list_queries() if q.name == name)
    text, bindings = _prepare(saved.text, params, saved.params, saved.services)
    text = bind_values(text, bindings)
    client = SPARQLWrapper(query_url)
    client.setMethod(POST)
    client.setQuery(text)  # comments and all: its form guess must not be fooled
    assert client.queryType == _query_form(text), name
    if client.queryType == "CONSTRUCT":
        graph = client.queryAndConvert()  # RDF/XML, parsed into an rdflib Graph
        assert isinstance(graph, Graph)
        return graph
    client.setReturnFormat(JSON)
    bindings_json = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index]
    return [{k: v["value"] for k, v in b.items()} for b in bindings_json]


def _assert_same_answers(query_url: str, source: Path, entity: str) -> None:
    for saved in list_queries():
        if saved.name in SKIP:
            continue
        params = _params(saved.name, entity)
        on_file = run_query(saved.name, [source], params=params)
        served = run_query(saved.name, endpoint=query_url, params=params)
        wrapped = _via_sparqlwrapper(query_url, saved.name, params)
        if on_file.kind == "graph":
            assert len(on_file.triples) > 0, saved.name
            assert isomorphic(on_file.graph, served.graph), saved.name
            assert isomorphic(on_file.graph, wrapped), saved.name
        else:
            expected = _normalise(on_file.dicts())
            assert _normalise(served.dicts()) == expected, saved.name
            assert _normalise(wrapped) == expected, saved.name  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def seed_trig(seed_build, tmp_path_factory) -> Path:
    """The seed article built with the real pipeline, written as TriG by kg build."""
    path = tmp_path_factory.mktemp("build") / "seeds.trig"
    kg.write_graph(seed_build[0], path)
    return path


def _an_entity_label(path: Path) -> str:
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TRIG)
    query = (
        "SELECT ?l WHERE { GRAPH ?g { ?e a <https://w3id.org/conflict-kg/ontology#Settlement> ;"
        " <http://www.w3.org/2000/01/rdf-schema#label> ?l } } ORDER BY ?l LIMIT 1"
    )
    return next(iter(store.query(query)))["l"].value


# ----------------------------------------------------------------- loaded = queryable


@pytest.mark.parametrize("start_with", [None, SMALL_TTL], ids=["empty", "with-a-file"])
def test_serve_then_load_then_every_saved_query_sees_it(
    tmp_path: Path, start_with: Path | None
) -> None:
    """serve (empty, or with the same triples as one Turtle file) -> load TriG -> every
    saved query answers as on the file, through kg query AND through SPARQLWrapper."""
    args = ["--port", str(free_port()), "--location", str(tmp_path / "db")]
    served = Served([str(start_with), *args] if start_with else args)
    try:
        loaded = CliRunner().invoke(app, ["load", str(SMALL_TRIG), "--gsp", served.store])
        assert loaded.exit_code == 0, loaded.output
        _assert_same_answers(served.query, SMALL_TRIG, "Aleppo")
    finally:
        served.stop()


def test_a_real_build_loaded_into_kg_serve_answers_as_the_file(
    tmp_path: Path, seed_trig: Path
) -> None:
    served = Served(["--port", str(free_port())])
    try:
        loaded = CliRunner().invoke(app, ["load", str(seed_trig), "--gsp", served.store])
        assert loaded.exit_code == 0, loaded.output
        _assert_same_answers(served.query, seed_trig, _an_entity_label(seed_trig))
        count = run_query("count_types", endpoint=served.query).dicts()
        assert {"class": "schema:NewsArticle", "count": "1"} in count
    finally:
        served.stop()


def test_jsonld_keeps_the_documents_apart_when_loaded(
    tmp_path: Path, seed_build, seed_trig: Path
) -> None:
    """JSON-LD holds the same per-document graphs as TriG (the default graph's few
    run triples go, in both, to the graph named after the file)."""
    path = tmp_path / "seeds.jsonld"
    kg.write_graph(seed_build[0], path)
    documents = set(seed_build[0].graphs)
    from_jsonld, from_trig = _expected(path), _expected(seed_trig)
    assert documents <= set(from_jsonld) and len(from_jsonld) == len(from_trig)
    assert {g: from_jsonld[g] for g in documents} == {g: from_trig[g] for g in documents}
    with OxigraphServer(union_default_graph=True) as server:
        report = load_graph(path, gsp=server.store_url)
        assert documents <= set(report.graphs)
        counts = run_query("count_types", endpoint=server.query_url).dicts()
    assert counts == run_query("count_types", [path]).dicts()


def test_two_turtle_files_with_one_name_get_two_graphs(tmp_path: Path) -> None:
    """A .ttl has no graph name: it gets its file name plus its absolute path's hash."""
    first, second = tmp_path / "a" / "g.ttl", tmp_path / "b" / "g.ttl"
    for index, path in enumerate((first, second)):
        path.parent.mkdir()
        path.write_text(f'<http://e/s> <http://e/p> "{index}" .\n', encoding="utf-8")
    with OxigraphServer() as server:
        one = load_graph(first, gsp=server.store_url)
        two = load_graph(second, gsp=server.store_url)
        assert set(one.graphs).isdisjoint(two.graphs)
        load_graph(first, gsp=server.store_url)  # again: replaces, adds nothing
        rows = select(server.query_url, "SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?o")
    assert [row["o"] for row in rows] == ["0", "1"]


# ----------------------------------------------------------------- killed loads


def _version(tmp_path: Path, name: str, docs: int, tag: str) -> Path:
    """``docs`` documents' graphs; each triple says which version it belongs to."""
    lines = []
    for d in range(docs):
        for k in range(40 + (d * 7 + len(tag)) % 23):
            lines.append(f'<http://e/s{d}-{k}> <http://e/p> "{tag}-{d}-{k}" <http://e/doc/{d}> .\n')
    path = tmp_path / name
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _stored(query_url: str) -> dict[str, set[tuple[str, str, str]]]:
    """The test's graphs (<http://e/doc/N>) as stored (a store may hold others)."""
    test_graphs = 'FILTER(STRSTARTS(STR(?g), "http://e/"))'
    rows = select(
        query_url, f"SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {test_graphs} }}"
    )
    graphs: dict[str, set[tuple[str, str, str]]] = {}
    for row in rows:
        graphs.setdefault(row["g"], set()).add((row["s"], row["p"], row["o"]))
    return graphs


def _expected(path: Path) -> dict[str, set[tuple[str, str, str]]]:
    return {
        name: {(s.value, p.value, o.value) for s, p, o in triples}
        for name, triples in read_graphs(path).items()
    }


def _count(query_url: str, tag: str) -> int:
    """Triples of one version (``old`` or ``new``) in the store."""
    query = (
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o "
        f'FILTER(STRSTARTS(STR(?o), "{tag}-")) }} }}'
    )
    return int(select(query_url, query)[0]["n"])


def _kill_midway(
    path: Path, store_url: str, query_url: str, env: dict[str, str] | None = None
) -> bool:
    """Start ``kg load``, SIGKILL it at the first moment the store changed: fewer old
    triples or any new one (a DROP request alone shows as the former).

    Returns True if it was killed before it finished (bounded: 60 s)."""
    old = _count(query_url, "old")
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "load", str(path), "--gsp", store_url, "--batch-docs", "20"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    deadline = time.monotonic() + 60
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if _count(query_url, "old") < old or _count(query_url, "new"):
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.005)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
    return process.returncode == -signal.SIGKILL


def test_a_killed_load_never_leaves_a_partial_graph(tmp_path: Path) -> None:
    """First loads and reloads killed with SIGKILL half-way: every graph is the old
    complete one, the new complete one, or (first load) absent; a rerun completes."""
    old = _version(tmp_path, "old.nq", 60, "old")
    new = _version(tmp_path, "new.nq", 60, "new")
    before, after = _expected(old), _expected(new)
    assert all(before[g] != after[g] for g in before)
    killed = 0
    with OxigraphServer(tmp_path / "db") as server:
        killed += _kill_midway(new, server.store_url, server.query_url)  # a first load
        for name, triples in _stored(server.query_url).items():
            assert triples == after[name], name
        for trial in range(3):  # reloads over complete old graphs
            load_graph(old, gsp=server.store_url)
            assert _stored(server.query_url) == before
            killed += _kill_midway(new, server.store_url, server.query_url)
            stored = _stored(server.query_url)
            assert set(stored) == set(before), trial  # no graph lost
            for name, triples in stored.items():
                assert triples in (before[name], after[name]), (trial, name)
        result = subprocess.run(
            [sys.executable, "-m", "kg", "load", str(new), "--gsp", server.store_url],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert _stored(server.query_url) == after  # complete, nothing duplicated
    assert killed >= 1  # at least one load really died half-way


# ----------------------------------------------------------------- ports


def test_kg_serve_takes_another_port_when_7878_is_busy(tmp_path: Path) -> None:
    holder = None
    if port_free("127.0.0.1", DEFAULT_PORT):
        holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        holder.bind(("127.0.0.1", DEFAULT_PORT))
        holder.listen(1)
    try:
        served = Served([])
    finally:
        if holder is not None:
            holder.close()
    try:
        port = int(served.query.split(":")[2].split("/")[0])
        assert port != DEFAULT_PORT
        assert run_query("ASK { }", endpoint=served.query).boolean is True
    finally:
        served.stop()
    assert f"port {DEFAULT_PORT} is in use; serving on port {port}" in served.stderr


def test_default_port_is_taken_when_free() -> None:
    port = free_port()
    with OxigraphServer(port=port, fallback=True) as server:
        assert server.port == port and server.moved_from is None
        with OxigraphServer(port=port, fallback=True) as other:
            assert other.moved_from == port and other.port != port


def test_restart_right_after_stopping_reuses_the_port(tmp_path: Path) -> None:
    """A connection still open when the server stops leaves the port in TIME_WAIT."""
    port = free_port()
    session = requests.Session()
    for _ in range(2):
        with OxigraphServer(tmp_path / "db", port=port) as server:
            answer = session.post(server.query_url, data={"query": "ASK {}"}, timeout=10)
            assert answer.status_code == 200  # keep-alive: the server closes first
        assert port_free("127.0.0.1", port)
    session.close()


# ----------------------------------------------------------------- one-line errors


@pytest.mark.parametrize(
    "args",
    [
        ["load", str(SMALL_TRIG), "--gsp", "127.0.0.1:7878/store"],
        ["load", str(SMALL_TRIG), "--update", "localhost:7878/update"],
        ["query", "count_types", "--endpoint", "127.0.0.1:7878/query"],
    ],
    ids=["load-gsp", "load-update", "query"],
)
def test_a_url_without_scheme_is_one_line_and_exit_2(args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "did you mean http://" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["load", "query"])
def test_an_unreachable_endpoint_is_one_line_and_exit_2(command: str) -> None:
    base = f"http://127.0.0.1:{free_port()}"
    args = (
        ["load", str(SMALL_TRIG), "--gsp", base + "/store", "--retries", "0"]
        if command == "load"
        else ["query", "count_types", "--endpoint", base + "/query"]
    )
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "[E051] Cannot reach" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


@pytest.fixture()
def server() -> Iterator[OxigraphServer]:
    with OxigraphServer() as running:
        yield running


def test_query_refusal_quotes_the_endpoint(server: OxigraphServer) -> None:
    result = CliRunner().invoke(
        app, ["query", "count_types", "--endpoint", server.base_url + "/nowhere"]
    )
    assert result.exit_code == 1 and "failed with 404" in result.stderr
