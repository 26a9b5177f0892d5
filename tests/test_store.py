"""kg.store against real Oxigraph servers: GSP and Update loads, idempotence, errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.errors import StoreError, UnreachableError, UsageError
from kg.server import OxigraphServer, free_port
from kg.store import (
    _bnode_chunks,
    count_graphs,
    credentials,
    default_graph_iri,
    load_graph,
    read_graphs,
    select,
)

pytestmark = pytest.mark.slow

DATA = Path(__file__).resolve().parent / "data" / "store"
SMALL_TRIG = DATA / "small.trig"
SMALL_TTL = DATA / "small.ttl"
DOC = "https://w3id.org/conflict-kg/id/doc/"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[OxigraphServer]:
    """An on-disk Oxigraph server, fresh for each test."""
    with OxigraphServer(tmp_path / "db") as running:
        yield running


def total(server: OxigraphServer) -> int:
    rows = select(server.query_url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(rows[0]["n"])


def test_read_graphs_keeps_documents_apart() -> None:
    graphs = read_graphs(SMALL_TRIG)
    assert set(graphs) == {DOC + "aleppo-brief", DOC + "khartoum-report"}
    assert sum(len(t) for t in graphs.values()) == 238
    single = read_graphs(SMALL_TTL)
    assert list(single) == [default_graph_iri(SMALL_TTL)]
    assert "/graph/small.ttl-" in default_graph_iri(SMALL_TTL)
    assert list(read_graphs(SMALL_TRIG, "https://example.org/all")) == ["https://example.org/all"]


def test_bnode_chunks_never_split_a_blank_node() -> None:
    p = ox.NamedNode("http://e/p")
    triples = []
    for i in range(50):
        s = ox.NamedNode(f"http://e/s{i}")
        b = ox.BlankNode(f"b{i}")
        triples += [(s, p, b), (b, p, ox.Literal(str(i))), (s, p, ox.Literal("x"))]
    chunks = list(_bnode_chunks(triples, 7))
    assert sum(len(c) for c in chunks) == len(triples)
    assert max(len(c) for c in chunks) <= 7
    for i in range(50):
        holders = {n for n, c in enumerate(chunks) for t in c if ox.BlankNode(f"b{i}") in t}
        assert len(holders) == 1


@pytest.mark.parametrize("path", [SMALL_TRIG, SMALL_TTL], ids=["trig", "ttl"])
def test_gsp_load_twice_changes_nothing(server: OxigraphServer, path: Path) -> None:
    first = load_graph(path, gsp=server.store_url)
    assert first.triples == 238 and first.method == "gsp"
    new_graphs = len(first.graphs)
    assert first.detail.startswith(f"{new_graphs} new graphs by dataset POST, 0 replaced")
    assert first.detail.endswith(", 100 per request")
    assert total(server) == 238
    second = load_graph(path, gsp=server.store_url)
    assert second.graphs == first.graphs
    assert second.detail.startswith(f"0 new graphs by dataset POST, {new_graphs} replaced")
    assert total(server) == 238


@pytest.mark.parametrize("chunk_size", [1000, 9])
def test_update_load_twice_changes_nothing(server: OxigraphServer, chunk_size: int) -> None:
    report = load_graph(SMALL_TRIG, update=server.update_url, chunk_size=chunk_size)
    assert report.triples == 238
    if chunk_size == 9:
        assert report.requests > 238 // 9
    load_graph(SMALL_TRIG, update=server.update_url, chunk_size=chunk_size)
    assert total(server) == 238


@pytest.mark.parametrize("batch_docs", [1, 1000, 7])
def test_gsp_batches_replace_many_documents(
    server: OxigraphServer, tmp_path: Path, batch_docs: int
) -> None:
    """30 documents (one sharing a blank node across statements), loaded, then reloaded
    with some documents shrunk: every graph holds exactly its new triples."""
    path = tmp_path / "many.nq"
    lines = []
    for d in range(30):
        graph = f"<{DOC}doc-{d}>"
        for k in range(d % 5 + 1):
            lines.append(f'<http://e/s{d}> <http://e/p{k}> "v{k}" {graph} .\n')
        lines.append(f"<http://e/s{d}> <http://e/geo> _:b{d} {graph} .\n")
        lines.append(f'_:b{d} <http://e/wkt> "POINT({d} {d})" {graph} .\n')
    path.write_text("".join(lines), encoding="utf-8")
    first = load_graph(path, gsp=server.store_url, batch_docs=batch_docs)
    assert first.detail.startswith("30 new graphs by dataset POST, 0 replaced by update")
    assert first.detail.endswith(f", {batch_docs} per request") and len(first.graphs) == 30
    assert total(server) == first.triples == sum(d % 5 + 3 for d in range(30))
    shrunk = tmp_path / "shrunk.nq"
    shrunk.write_text("".join(line for line in lines if "p0" not in line), encoding="utf-8")
    second = load_graph(shrunk, gsp=server.store_url, batch_docs=batch_docs)
    assert total(server) == second.triples == first.triples - 30
    assert second.detail.startswith("0 new graphs by dataset POST, 30 replaced by update")
    rows = select(
        server.query_url,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s <http://e/geo> ?b . ?b ?p ?wkt } }",
    )
    assert rows[0]["n"] == "30"


def test_a_reload_sends_only_what_changed(server: OxigraphServer, tmp_path: Path) -> None:
    """Oxigraph reloads: graphs without blank nodes get DELETE DATA / INSERT DATA of
    their difference; an unchanged graph costs no update at all."""
    path = tmp_path / "docs.nq"

    def write(values: dict[int, list[str]]) -> None:
        path.write_text(
            "".join(
                f'<http://e/s{d}> <http://e/p> "{v}"@en <{DOC}d{d}> .\n'
                f'<http://e/s{d}> <http://e/n> "{len(v)}"^^<{XSD}integer> <{DOC}d{d}> .\n'
                for d, vs in values.items()
                for v in vs
            ),
            encoding="utf-8",
        )

    write({d: [f"a{d}", f"b{d}"] for d in range(5)})
    load_graph(path, gsp=server.store_url, batch_docs=2)
    same = load_graph(path, gsp=server.store_url, batch_docs=2)
    assert "5 replaced by update (0 with changes)" in same.detail
    write({0: ["a0", "c0"], **{d: [f"a{d}", f"b{d}"] for d in range(1, 5)}})
    changed = load_graph(path, gsp=server.store_url, batch_docs=2)
    assert "(1 with changes)" in changed.detail
    rows = select(server.query_url, f"SELECT ?o WHERE {{ GRAPH <{DOC}d0> {{ ?s ?p ?o }} }}")
    assert sorted(row["o"] for row in rows) == ["2", "a0", "c0"]
    assert total(server) == 5 * 3


def test_virtuoso_chunk_size_is_capped() -> None:
    with pytest.raises(UsageError, match="looks like Virtuoso.*--chunk-size 1000"):
        load_graph(SMALL_TRIG, update="http://127.0.0.1:1/sparql-auth", chunk_size=2000)
    with pytest.raises(UsageError, match="--batch-docs"):
        load_graph(SMALL_TRIG, gsp="http://127.0.0.1:1/store", batch_docs=0)


def test_reload_replaces_a_documents_graph(server: OxigraphServer, tmp_path: Path) -> None:
    load_graph(SMALL_TRIG, gsp=server.store_url)
    smaller = tmp_path / "smaller.nq"
    quads = [q for q in ox.parse(path=str(SMALL_TRIG)) if "aleppo" in q.graph_name.value]
    ox.serialize(quads[:10], str(smaller), ox.RdfFormat.N_QUADS)
    load_graph(smaller, update=server.update_url)
    counts = count_graphs(server.query_url, [DOC + "aleppo-brief", DOC + "khartoum-report"])
    assert counts == {DOC + "aleppo-brief": 10, DOC + "khartoum-report": 120}


def test_blank_nodes_survive_chunked_updates(server: OxigraphServer, tmp_path: Path) -> None:
    path = tmp_path / "places.ttl"
    lines = ["@prefix geo: <http://www.opengis.net/ont/geosparql#> ."]
    for i in range(40):
        lines.append(
            f'<http://e/place{i}> geo:hasGeometry [ geo:asWKT "POINT({i} {i})"^^geo:wktLiteral ] .'
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    load_graph(path, update=server.update_url, chunk_size=5, graph="https://example.org/places")
    load_graph(path, update=server.update_url, chunk_size=5, graph="https://example.org/places")
    rows = select(
        server.query_url,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?p ?has ?b . ?b ?as ?wkt } }",
    )
    assert rows[0]["n"] == "40"


def test_count_check_catches_a_store_that_lost_triples(server: OxigraphServer) -> None:
    with OxigraphServer() as empty:
        with pytest.raises(StoreError, match="other counts"):
            load_graph(SMALL_TRIG, gsp=server.store_url, query=empty.query_url)


def test_store_that_is_down_gives_a_clear_error() -> None:
    url = f"http://127.0.0.1:{free_port()}/store"
    with pytest.raises(UnreachableError, match="Cannot reach.*Is the server running"):
        load_graph(SMALL_TRIG, gsp=url, retries=1, backoff=0.01)


def test_store_refusal_quotes_the_store(server: OxigraphServer, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="failed with 4"):
        load_graph(SMALL_TRIG, gsp=server.base_url + "/no-such-endpoint", retries=0)


def test_invalid_file_is_refused_before_sending(server: OxigraphServer, tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://e/a> <http://e/p> .\n", encoding="utf-8")
    with pytest.raises(StoreError, match="nothing was loaded"):
        load_graph(broken, gsp=server.store_url)
    assert total(server) == 0


def test_usage_errors() -> None:
    with pytest.raises(UsageError):
        load_graph(SMALL_TRIG)
    with pytest.raises(UsageError):
        load_graph(SMALL_TRIG, gsp="http://a", update="http://b")


def test_credentials_from_environment_and_netrc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KG_STORE_USER", raising=False)
    monkeypatch.delenv("KG_STORE_PASSWORD", raising=False)
    netrc = tmp_path / "netrc"
    netrc.write_text("machine store.example.org login writer password s3cret\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    assert credentials("https://store.example.org/sparql") == ("writer", "s3cret")
    assert credentials("https://other.example.org/sparql") is None
    monkeypatch.setenv("KG_STORE_USER", "dba")
    monkeypatch.setenv("KG_STORE_PASSWORD", "dba")
    assert credentials("https://store.example.org/sparql") == ("dba", "dba")


def test_cli_load_and_a_store_that_is_down(server: OxigraphServer) -> None:
    from kg.cli import app

    loaded = CliRunner().invoke(app, ["load", str(SMALL_TRIG), "--gsp", server.store_url])
    assert loaded.exit_code == 0, loaded.output
    assert "loaded 238 triples into 2 graph(s)" in loaded.stdout
    down = f"http://127.0.0.1:{free_port()}/store"
    failed = CliRunner().invoke(app, ["load", str(SMALL_TRIG), "--gsp", down, "--retries", "0"])
    assert failed.exit_code == 2
    assert "Cannot reach" in failed.stderr and "[E051]" in failed.stderr
    assert len(failed.stderr.strip().splitlines()) == 1 and "Traceback" not in failed.stderr
    usage = CliRunner().invoke(app, ["load", str(SMALL_TRIG)])
    assert usage.exit_code == 2


def test_load_reports_progress_in_graphs(server: OxigraphServer) -> None:
    heard: list[tuple[int, int]] = []
    report = load_graph(
        SMALL_TRIG, gsp=server.store_url, batch_docs=1, progress=lambda d, t: heard.append((d, t))
    )
    assert heard == [(1, len(report.graphs)), (2, len(report.graphs))]
    heard.clear()
    load_graph(SMALL_TRIG, update=server.update_url, progress=lambda d, t: heard.append((d, t)))
    assert heard[-1] == (len(report.graphs), len(report.graphs))
