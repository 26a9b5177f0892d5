"""kg.validate: SHACL against the shipped shapes, HermiT on the ontology plus the graph."""

from __future__ import annotations

from pathlib import Path

import owlready2
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD

from kg.errors import ValidationError
from kg.ontology import CKG, ID
from kg.resources import resource_dir
from kg.validate import (
    ValidationReport,
    _sample_graph,
    default_shapes,
    format_report,
    owl_check,
    read_graph,
    shacl_check,
    validate_graph,
)

EVENT = URIRef(f"{ID}event/test-1")
REGION = URIRef(f"{ID}region/test-oblast")


def test_the_shipped_contract_shapes_are_the_contracts(shared: Path) -> None:
    shipped = resource_dir("ontology") / "contract-shapes.ttl"
    assert "../shared/contract/shapes.ttl" in shipped.read_text(encoding="utf-8")[:300]
    contract = Graph().parse(shared / "contract" / "shapes.ttl")
    assert isomorphic(Graph().parse(shipped), contract)


def test_default_shapes_are_the_projects_and_the_contracts() -> None:
    assert [p.name for p in default_shapes()] == ["shapes.ttl", "contract-shapes.ttl"]
    assert all(p.is_file() for p in default_shapes())


@pytest.mark.slow
def test_hermit_reads_the_ontology_as_shipped() -> None:
    """No ignore_unsupported_datatypes: every datatype the ontology names is OWL 2's."""
    check = owl_check(Graph())
    assert check.skipped is None and check.consistent and check.unsatisfiable == ()


@pytest.mark.slow
def test_hermit_rejects_a_datatype_outside_owl2() -> None:
    """The reason the ontology's ckg:date range is rdfs:Literal: HermiT refuses xsd:date."""
    graph = Graph()
    graph.add((CKG.date, RDFS.range, XSD.date))
    with pytest.raises(ValidationError, match="XMLSchema#date"):
        owl_check(graph)


def _events(count: int, agent_type: URIRef) -> Graph:
    """``count`` attacks, each with an agent of ``agent_type``."""
    graph = Graph()
    for n in range(count):
        event, agent = URIRef(f"{ID}event/t-{n}"), URIRef(f"{ID}x/agent-{n}")
        graph.add((event, RDF.type, CKG.Attack))
        graph.add((event, CKG.agent, agent))
        graph.add((event, CKG.date, Literal("2022-09-09", datatype=XSD.date)))
        graph.add((agent, RDF.type, agent_type))
    return graph


@pytest.mark.slow
def test_dates_reach_hermit_and_two_dates_contradict() -> None:
    graph = _events(1, CKG.Person)
    assert owl_check(graph).consistent
    graph.add((URIRef(f"{ID}event/t-0"), CKG.date, Literal("2022-09-10", datatype=XSD.date)))
    assert not owl_check(graph).consistent


def test_a_sample_keeps_the_types_of_what_it_points_at() -> None:
    graph = _events(3, CKG.Region)
    event = URIRef(f"{ID}event/t-1")
    part = _sample_graph(graph, [event])
    assert (URIRef(f"{ID}x/agent-1"), RDF.type, CKG.Region) in part
    assert len(part) == 4 and all(s != URIRef(f"{ID}event/t-0") for s in part.subjects())


@pytest.mark.slow
def test_a_large_graph_is_sampled() -> None:
    """60 nodes (30 attacks, 30 agents): 40 of them hold at least 10 attacks, and a
    region as an attack's agent is a contradiction."""
    bad = owl_check(_events(30, CKG.Region), sample=40)
    assert (bad.checked, bad.total, bad.consistent) == (40, 60, False)
    assert bad.triples < len(_events(30, CKG.Region))
    good = owl_check(_events(30, CKG.Person), sample=40)
    assert good.consistent and good.checked == 40
    assert owl_check(_events(30, CKG.Person), sample=40) == good  # the same sample each time


def test_without_java_the_owl_check_is_skipped(monkeypatch) -> None:
    monkeypatch.setattr(owlready2, "JAVA_EXE", "no-such-java-here")
    check = owl_check(Graph())
    assert check.skipped and "no-such-java-here" in check.skipped
    report = validate_graph(Graph(), owl=True)
    assert report.conforms and "not checked: no Java" in format_report(report)


def test_shacl_names_the_node_the_path_and_the_values() -> None:
    graph = Graph()
    graph.add((REGION, RDF.type, CKG.Region))
    graph.add((REGION, RDFS.label, Literal("Test Oblast")))
    graph.add((REGION, CKG.confidence, Literal("0.5", datatype=XSD.decimal)))
    graph.add((REGION, CKG.confidence, Literal("0.9", datatype=XSD.decimal)))
    found = shacl_check(graph, default_shapes()[0])
    two = [v for v in found if v.constraint == "MaxCount"]
    assert len(two) == 1
    assert two[0].focus == "region:test-oblast"
    assert two[0].path == "ckg:confidence"
    assert '"0.5"^^xsd:decimal' in two[0].value and '"0.9"^^xsd:decimal' in two[0].value
    contract = shacl_check(graph, default_shapes()[1])
    assert {v.path for v in contract} == {"gaf:denotedBy"}  # a mention is required


def test_report_lists_the_first_violations_and_counts_the_rest() -> None:
    graph = Graph()
    for n in range(4):
        node = URIRef(f"{ID}event/t-{n}")
        graph.add((node, RDF.type, CKG.Attack))
        graph.add((node, CKG.confidence, Literal("1.5", datatype=XSD.decimal)))
    report = validate_graph(graph, owl=False)
    assert not report.conforms
    text = format_report(report, limit=2)
    assert text.count("\nviolation: ") == 2 and "... and " in text
    assert text.endswith("does not conform")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.ttl", None, "does not exist"),
        ("graph.xyz", "", "cannot tell the format"),
        ("broken.ttl", "<a> <b> .", "not readable as turtle"),
    ],
)
def test_unreadable_graphs_are_usage_errors(tmp_path, name, content, message) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ValidationError, match=message) as caught:
        read_graph(path)
    assert caught.value.exit_code == 2


def test_a_shapes_file_that_does_not_exist_is_a_usage_error(tmp_path) -> None:
    with pytest.raises(ValidationError, match="does not exist"):
        validate_graph(Graph(), shapes=[tmp_path / "nope.ttl"], owl=False)


def test_named_graphs_are_read_as_their_union(tmp_path) -> None:
    path = tmp_path / "g.trig"
    path.write_text(
        "<http://e/g1> { <http://e/a> <http://e/p> 1 . }\n"
        "<http://e/g2> { <http://e/b> <http://e/p> 2 . }\n",
        encoding="utf-8",
    )
    assert len(read_graph(path)) == 2


@pytest.mark.slow
def test_explain_narrows_a_contradiction_down_to_its_node() -> None:
    graph = _events(4, CKG.Person)
    bad, region = URIRef(f"{ID}event/t-bad"), URIRef(f"{ID}x/a-region")
    graph.add((bad, RDF.type, CKG.Shelling))
    graph.add((bad, CKG.agent, region))
    graph.add((region, RDF.type, CKG.Region))
    check = owl_check(graph, explain=True)
    assert not check.consistent
    assert check.culprits == ("event:t-bad",)
    text = format_report(ValidationReport(len(graph), (), (), (), check))
    assert "OWL contradiction among 1 nodes: event:t-bad" in text
