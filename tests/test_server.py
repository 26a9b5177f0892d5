"""OxigraphServer and bulk_load against the real oxigraph binary on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.server import OxigraphServer, bulk_load, find_oxigraph, free_port

pytestmark = pytest.mark.slow

TRIPLES = """\
<http://example.org/a> <http://example.org/p> "one" .
<http://example.org/b> <http://example.org/p> "two" .
<http://example.org/c> <http://example.org/p> "three" .
"""


def _count(server: OxigraphServer) -> int:
    query = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    url = server.query_url + "?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        data = json.load(response)
    return int(data["results"]["bindings"][0]["n"]["value"])


def _port_open(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def test_binary_is_found() -> None:
    assert find_oxigraph().is_file()


def test_in_memory_server_answers_and_stops() -> None:
    with OxigraphServer() as server:
        assert server.is_running()
        assert server.query_url == f"http://127.0.0.1:{server.port}/query"
        assert server.update_url.endswith("/update")
        assert server.store_url.endswith("/store")
        assert _count(server) == 0
        port = server.port
    assert not server.is_running()
    assert not _port_open("127.0.0.1", port)


def test_on_disk_server_keeps_data_across_restarts(tmp_path: Path) -> None:
    location = tmp_path / "db"
    with OxigraphServer(location) as server:
        request = urllib.request.Request(
            server.store_url + "?default",
            data=TRIPLES.encode(),
            method="POST",
            headers={"Content-Type": "application/n-triples"},
        )
        urllib.request.urlopen(request, timeout=5).close()
        assert _count(server) == 3
    with OxigraphServer(location) as server:
        assert _count(server) == 3


def test_bulk_load_then_serve(tmp_path: Path) -> None:
    data = tmp_path / "data.nt"
    data.write_text(TRIPLES, encoding="utf-8")
    location = tmp_path / "db"
    bulk_load(location, [data])
    with OxigraphServer(location, port=free_port()) as server:
        assert _count(server) == 3


def test_bulk_load_rejects_bad_file_with_oxigraph_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.nt"
    bad.write_text("<http://example.org/a> <http://example.org/p> \n", encoding="utf-8")
    with pytest.raises(StoreError, match="oxigraph load"):
        bulk_load(tmp_path / "db", [bad])


def test_bulk_load_while_serving_names_the_lock(tmp_path: Path) -> None:
    data = tmp_path / "data.nt"
    data.write_text(TRIPLES, encoding="utf-8")
    location = tmp_path / "db"
    with OxigraphServer(location):
        with pytest.raises(StoreError, match="failed"):
            bulk_load(location, [data])


def test_port_in_use_gives_store_error() -> None:
    with OxigraphServer() as first:
        with pytest.raises(StoreError, match="already in use"):
            OxigraphServer(port=first.port, timeout=5).start()


def test_failing_binary_start_quotes_stderr(tmp_path: Path) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="stderr"):
        OxigraphServer(not_a_dir, timeout=5).start()


def test_kg_serve_loads_serves_and_stops_on_sigint(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    data = Path(__file__).resolve().parent / "data" / "store" / "small.trig"
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg",
            "serve",
            str(data),
            "--port",
            str(port),
            "--location",
            str(tmp_path / "db"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = [process.stdout.readline().strip() for _ in range(3)]
        assert lines[0] == f"query:  http://127.0.0.1:{port}/query"
        assert lines[1].startswith("update: ") and lines[2].startswith("store:  ")
        server = OxigraphServer(port=port)  # only for its URLs; not started
        query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"  # union default graph
        url = server.query_url + "?" + urllib.parse.urlencode({"query": query})
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=5) as response:
            assert json.load(response)["results"]["bindings"][0]["n"]["value"] == "238"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
        assert not _port_open("127.0.0.1", port)
    finally:
        if process.poll() is None:  # a failed assertion: stop it the way Ctrl-C does, so
            process.send_signal(signal.SIGINT)  # kg serve stops its Oxigraph child too
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
