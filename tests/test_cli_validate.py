"""``kg validate`` and ``kg build --validate`` with the real model, real files and HermiT."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, XSD
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.cli_validate import validate_built
from kg.ontology import CKG
from kg.validate import validate_graph

pytestmark = pytest.mark.slow
runner = CliRunner()
DEV = Path(__file__).resolve().parent / "data" / "eval" / "dev" / "docs"
# Two pairs of documents that share an entity the extractor is differently sure of in
# each: the Congolese army (0.95 and 0.85) and Somalia (0.60 and 0.95).
SHARED_ENTITY_DOCS = [
    "drc_un_sake_peacekeepers_wounded",
    "drc_aljazeera_kavumu_airport_seized",
    "somalia_aussom_sabiid_anole_recaptured",
    "somalia_hiiraan_awdheegle_villages_recaptured",
]


@pytest.fixture(scope="module")
def multi_doc(nlp, tmp_path_factory) -> tuple[kg.build.KnowledgeGraph, Path]:
    graph, report = kg.build_graph([DEV / f"{name}.txt" for name in SHARED_ENTITY_DOCS])
    assert report.documents == 4 and not report.failures
    path = tmp_path_factory.mktemp("multi") / "news.trig"
    kg.write_graph(graph, path)
    return graph, path


def test_an_entity_in_several_documents_has_one_confidence(multi_doc) -> None:
    graph, _ = multi_doc
    seen_in = Counter(
        node
        for part in graph.graphs.values()
        for node in set(part.subjects(CKG.confidence, None))
        if "/event/" not in str(node) and "/statement/" not in str(node)
    )
    shared = [node for node, count in seen_in.items() if count > 1]
    assert shared, "the documents no longer share an entity: pick others"
    union = graph.union()
    for node in shared:
        values = set(union.objects(node, CKG.confidence))
        assert len(values) == 1, (node, values)
    for node in union.subjects(CKG.linkConfidence, None):
        assert len(set(union.objects(node, CKG.linkConfidence))) == 1, node


def test_a_multi_document_graph_conforms_and_is_consistent(multi_doc) -> None:
    _, path = multi_doc
    report = validate_graph(path)
    assert report.violations == (), report.violations[:3]
    assert report.owl is not None and report.owl.skipped is None
    assert report.owl.consistent and report.owl.checked == report.owl.total > 50


def test_kg_validate_on_the_seed_graph_conforms(seed_ttl) -> None:
    result = runner.invoke(app, ["validate", str(seed_ttl)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("SHACL   0 violations")
    assert "consistent with the ontology (HermiT; all " in result.stdout
    assert result.stdout.rstrip().endswith("conforms")


def _broken_seed(seed_ttl: Path, tmp_path: Path) -> tuple[Path, str]:
    """The seed graph with a person who is also a settlement and has two confidences."""
    graph = Graph().parse(seed_ttl)
    person = sorted(graph.subjects(RDF.type, CKG.Person), key=str)[0]
    graph.add((person, RDF.type, CKG.Settlement))
    graph.add((person, CKG.confidence, Literal("0.123", datatype=XSD.decimal)))
    path = tmp_path / "broken.ttl"
    graph.serialize(path, format="turtle")
    return path, str(person).rsplit("/", 1)[1]


def test_kg_validate_names_the_broken_node(seed_ttl, tmp_path) -> None:
    path, person = _broken_seed(seed_ttl, tmp_path)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert f"violation: person:{person}" in out
    assert "path    ckg:confidence" in out and '"0.123"^^xsd:decimal' in out
    assert "exactly one most-specific contract type" in out  # from the contract's shapes
    assert "OWL     INCONSISTENT" in out
    assert out.rstrip().endswith("does not conform")


def test_kg_validate_explain_names_the_contradicting_node(seed_ttl, tmp_path) -> None:
    path, person = _broken_seed(seed_ttl, tmp_path)
    result = runner.invoke(app, ["validate", str(path), "--explain"])
    assert result.exit_code == 1
    assert f"OWL contradiction among 1 nodes: person:{person}" in result.stdout


def test_kg_validate_with_other_shapes_and_no_owl(seed_ttl, tmp_path, shared) -> None:
    path, person = _broken_seed(seed_ttl, tmp_path)
    contract = shared / "contract" / "shapes.ttl"
    args = ["validate", str(path), "--shapes", str(contract), "--no-owl"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert f"violation: person:{person}" in result.stdout and "ckg:confidence" not in result.stdout
    assert "OWL     not checked (--no-owl)" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "no/such/file.ttl"],
        ["validate", "README.md"],
        ["validate", "x.ttl", "--sample", "0"],
    ],
)
def test_kg_validate_usage_errors_exit_2(args) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""


def test_kg_build_validate_checks_the_output(nlp, tmp_path) -> None:
    from tests.conftest import SEED

    out = tmp_path / "seed.ttl"
    result = runner.invoke(app, ["build", str(SEED), "-o", str(out), "--validate", "-q"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr.rstrip().endswith("conforms")


class _Built:
    """What build_graph returns, as far as validate_built needs it."""

    def __init__(self, graph: Graph):
        self._graph = graph

    def union(self) -> Graph:
        return self._graph


def test_build_validate_fails_a_broken_graph(seed_ttl, tmp_path, capsys) -> None:
    path, _ = _broken_seed(seed_ttl, tmp_path)
    assert validate_built(_Built(Graph().parse(path)), "-") is False
    assert validate_built(None, str(path)) is False
    assert validate_built(_Built(Graph().parse(seed_ttl)), "-") is True
    captured = capsys.readouterr()
    assert captured.out == "" and "does not conform" in captured.err
