"""Writers: every format parses with rdflib and pyoxigraph, all are isomorphic, the same
graph gives the same bytes, files are written atomically."""

from __future__ import annotations

import io

import pyoxigraph
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.build import graph_from_extractions
from kg.errors import OutputError, UsageError
from kg.write import FORMATS, format_for, serialize, write_graph
from tests.test_build import sample

RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}
OX_FORMAT = {
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "nq": pyoxigraph.RdfFormat.N_QUADS,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
}


@pytest.fixture(scope="module")
def kg():
    return graph_from_extractions([sample("d1", link=True), sample("d2")])


def _as_graph(data: bytes, fmt: str) -> Graph:
    if fmt in ("trig", "nq", "jsonld"):
        ds = Dataset()
        ds.parse(data=data, format=RDFLIB_FORMAT[fmt])
        union = Graph()
        for s, p, o, _ in ds.quads():
            union.add((s, p, o))
        return union
    return Graph().parse(data=data, format=RDFLIB_FORMAT[fmt])


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_parses_and_is_isomorphic(kg, fmt):
    data = serialize(kg, fmt)
    assert isomorphic(_as_graph(data, fmt), kg.union())
    quads = list(pyoxigraph.parse(io.BytesIO(data), OX_FORMAT[fmt]))
    assert len({(q.subject, q.predicate, q.object) for q in quads}) == len(kg.union())


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld"])
def test_named_graph_per_document(kg, fmt):
    ds = Dataset()
    ds.parse(data=serialize(kg, fmt), format=RDFLIB_FORMAT[fmt])
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert set(kg.graphs) <= names
    quads = pyoxigraph.parse(io.BytesIO(serialize(kg, fmt)), OX_FORMAT[fmt])
    per_graph: dict[str, set] = {}
    for q in quads:
        if isinstance(q.graph_name, pyoxigraph.NamedNode):
            per_graph.setdefault(q.graph_name.value, set()).add((q.subject, q.predicate, q.object))
    assert {name: len(triples) for name, triples in per_graph.items()} == {
        name: len(graph) for name, graph in kg.graphs.items() if len(graph)
    }  # the same split as TriG, read by a second parser


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_same_graph_same_bytes(fmt):
    one = serialize(graph_from_extractions([sample("d1", link=True), sample("d2")]), fmt)
    two = serialize(graph_from_extractions([sample("d1", link=True), sample("d2")]), fmt)
    assert one == two


def test_format_from_extension_or_flag():
    assert format_for("out/x.nq") == "nq"
    assert format_for("-") == "ttl"
    assert format_for("x.ttl", "json-ld") == "jsonld"
    with pytest.raises(UsageError):
        format_for("x.rdf")
    with pytest.raises(UsageError):
        format_for("x.ttl", "xml")


def test_write_is_atomic_and_leaves_no_temp_files(kg, tmp_path):
    out = tmp_path / "sub" / "g.ttl"
    write_graph(kg, out)
    write_graph(kg, out)
    assert [p.name for p in out.parent.iterdir()] == ["g.ttl"]
    assert Graph().parse(out).__len__() == len(kg.union())


def test_unwritable_output_is_a_clear_error(kg, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError) as err:
        write_graph(kg, blocker / "g.ttl")
    assert "cannot write" in str(err.value)


def test_same_bytes_whatever_the_hash_seed(tmp_path):
    """Python's string hashing changes between processes; the output must not."""
    import os
    import subprocess
    import sys

    script = (
        "import sys; sys.path.insert(0, 'tests'); from test_build import sample; "
        "from kg.build import graph_from_extractions; from kg.write import serialize; "
        "kg = graph_from_extractions([sample('d2'), sample('d1', link=True)]); "
        "sys.stdout.buffer.write(b''.join(serialize(kg, f) for f in "
        "('ttl', 'nt', 'trig', 'nq', 'jsonld')))"
    )
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    outputs = set()
    for seed in ("1", "2", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", script], cwd=root, env=env, capture_output=True)
        assert run.returncode == 0, run.stderr.decode()
        outputs.add(run.stdout)
    assert len(outputs) == 1


@pytest.mark.parametrize("fmt", ["ttl", "trig", "jsonld"])
def test_document_text_survives_every_format(fmt):
    from kg.ontology import NIF
    from kg.types import Extraction, SourceDoc

    text = 'One.\n   \n\tTab "quoted" \\ and """ triple\r\nEnd.'
    kg = graph_from_extractions([Extraction(SourceDoc("t", text))], include_text=True)
    graph = _as_graph(serialize(kg, fmt), fmt)
    assert [str(o) for o in graph.objects(None, NIF.isString)] == [text]
