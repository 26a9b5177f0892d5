"""`kg kb fetch` and online linking against a real local Oxigraph server loaded with
our Wikidata-shaped fixture (tests/data/link/wikidata_fixture.ttl)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.errors import UnreachableError
from kg.link import link_extractions
from kg.link.cli import kb_app
from kg.link.kb import bundled_kb, load_kb
from kg.link.manage import fetch
from kg.link.sparql import SparqlClient, lookup_names, names_query, user_agent
from kg.types import Entity, Extraction, SourceDoc, Span

ROOT = Path(__file__).resolve().parent.parent
OXIGRAPH = Path(sys.executable).parent / "oxigraph"  # as kg.server.find_oxigraph looks
FIXTURE = ROOT / "tests" / "data" / "link" / "wikidata_fixture.ttl"

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """A real Oxigraph server on 127.0.0.1 with the fixture loaded; stopped afterwards."""
    if not OXIGRAPH.exists():
        pytest.skip(f"{OXIGRAPH} is missing: pip install oxigraph into the venv")
    location = tmp_path_factory.mktemp("oxigraph") / "db"
    subprocess.run(
        [str(OXIGRAPH), "load", "--location", str(location), "--file", str(FIXTURE)],
        check=True,
        capture_output=True,
    )
    port = _free_port()
    proc = subprocess.Popen(
        [str(OXIGRAPH), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1):
                    break
            except OSError:
                time.sleep(0.05)
        else:
            pytest.fail("the oxigraph server did not answer within 5 s")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _doc(text: str, *ents: tuple[str, str], doc_id: str = "d") -> Extraction:
    out = []
    for i, (name, type_) in enumerate(ents):
        start = text.index(name)
        out.append(Entity(f"e{i}", type_, name, (Span(start, start + len(name), name),)))  # type: ignore[arg-type]
    return Extraction(SourceDoc(doc_id, text), tuple(out))


def _qids(ext: Extraction) -> list[str | None]:
    return [e.link.qid if e.link else None for e in ext.entities]


def test_user_agent_names_the_project():
    assert user_agent().startswith("conflict-kg/")


def test_names_query_escapes_literals():
    query = names_query(['Say "hi"\\'])
    assert '"Say \\"hi\\"\\\\"@en' in query


def test_lookup_names_reads_types_regions_coordinates(endpoint, tmp_path):
    client = SparqlClient(endpoint, cache_dir=tmp_path)
    entries = {e.qid: e for e in lookup_names(client, ["Novohrafske", "Vodianka"], bundled_kb())}
    assert set(entries) == {"Q999999901", "Q999999902", "Q999999903", "Q999999904"}
    village = entries["Q999999901"]
    assert village.type == "Settlement" and village.oblast == "Q170666"
    assert (village.lat, village.lon) == (49.6, 37.1) and village.population == 812
    assert "Novografskoe" in village.aliases and village.labels["uk"] == "Новографське"
    assert entries["Q999999902"].oblast == "Q171965"
    assert entries["Q999999903"].type == "River"


def test_responses_are_cached_on_disk(endpoint, tmp_path):
    client = SparqlClient(endpoint, cache_dir=tmp_path)
    lookup_names(client, ["Novohrafske"])
    lookup_names(client, ["Novohrafske"])
    assert client.requests == 1 and list(tmp_path.rglob("*.json"))
    again = SparqlClient(endpoint, cache_dir=tmp_path)
    assert lookup_names(again, ["Novohrafske"]) and again.requests == 0


def test_fetch_region_into_user_kb(endpoint, tmp_path):
    kb_path = tmp_path / "user.json.gz"
    given, total = fetch(endpoint=endpoint, region="Q170666", kb_path=kb_path,
                         cache_dir=tmp_path / "cache")  # fmt: skip
    assert given == 2 and total == 2  # the two fixture places inside Kharkiv Oblast
    kb = load_kb(kb_path, user=False)
    assert kb.by_qid("Q999999904").oblast == "Q170666"
    text = "Shelling hit Novohrafske overnight."
    assert _qids(link_extractions([_doc(text, ("Novohrafske", "Settlement"))], kb)[0]) == [
        "Q999999901"
    ]


def test_cli_fetch_by_names(endpoint, tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("Ostap Testenko\nVodianka\n")
    kb_path = tmp_path / "user.json"
    args = ["fetch", "--endpoint", endpoint, "--names", str(names), "--kb", str(kb_path)]
    result = CliRunner().invoke(kb_app, [*args, "--cache-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    kb = load_kb(kb_path, user=False)
    assert kb.by_qid("Q999999905").type == "Person"
    result = CliRunner().invoke(kb_app, ["fetch", "--endpoint", endpoint, "--kb", str(kb_path)])
    assert result.exit_code == 2 and "exactly one" in result.output


def test_online_linking_uses_context(endpoint, tmp_path):
    docs = [
        _doc(
            "Shelling hit Novohrafske in the Kharkiv region.",
            ("Novohrafske", "Settlement"),
            doc_id="a",
        ),
        _doc("Novohrafske, Luhansk Oblast, lost power.", ("Novohrafske", "Settlement"), doc_id="b"),
        _doc("Troops held the Vodianka river line.", ("Vodianka river", "River"), doc_id="c"),
        _doc("Ostap Testenko said the line held.", ("Ostap Testenko", "Person"), doc_id="d"),
        _doc("Kupiansk was shelled.", ("Kupiansk", "Settlement"), doc_id="e"),
    ]
    offline = link_extractions(docs)
    assert [_qids(d)[0] for d in offline] == [None, None, None, None, "Q889555"]
    online = link_extractions(docs, online=True, endpoint=endpoint, cache_dir=tmp_path)
    assert [_qids(d)[0] for d in online] == [
        "Q999999901", "Q999999902", "Q999999903", "Q999999905", "Q889555"
    ]  # fmt: skip


def test_online_without_context_links_nothing_ambiguous(endpoint, tmp_path):
    ext = _doc("Novohrafske was quiet.", ("Novohrafske", "Settlement"))
    linked = link_extractions([ext], online=True, endpoint=endpoint, cache_dir=tmp_path)
    assert _qids(linked[0]) == [None]


def test_unreachable_endpoint(tmp_path):
    url = f"http://127.0.0.1:{_free_port()}/query"
    client = SparqlClient(url, cache_dir=tmp_path, retries=1, backoff=0.01)
    with pytest.raises(UnreachableError, match="Cannot reach .* after 2 attempts"):
        client.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert client.requests == 1  # one query; urllib3 retried it once
    # kg kb fetch: one line, exit 2
    names = tmp_path / "names.txt"
    names.write_text("Vodianka\n")
    args = ["fetch", "--endpoint", url, "--names", str(names), "--kb", str(tmp_path / "kb.json")]
    result = CliRunner().invoke(kb_app, [*args, "--cache-dir", str(tmp_path)])
    assert result.exit_code == 2 and "[E051]" in result.output and "Traceback" not in result.output
    no_scheme = url.removeprefix("http://")
    args[2] = no_scheme
    result = CliRunner().invoke(kb_app, [*args, "--cache-dir", str(tmp_path)])
    assert result.exit_code == 2 and "did you mean http://" in result.output
    # online linking survives it: the entity just stays unlinked
    ext = _doc("Novohrafske was shelled.", ("Novohrafske", "Settlement"))
    linked = link_extractions([ext], online=True, endpoint=url, cache_dir=tmp_path)
    assert _qids(linked[0]) == [None]
