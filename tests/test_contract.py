"""The seed article, built with the real model, holds the graph contract
(../shared/contract/): SHACL shapes, exact mention offsets, every format readable."""

from __future__ import annotations

import io

import pyoxigraph
import pytest
from pyshacl import validate
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

import kg
from kg.ontology import CKG, NIF

pytestmark = pytest.mark.slow


def test_seed_graph_conforms_to_the_contract(seed_ttl, shared):
    data = Graph().parse(seed_ttl)
    shapes = Graph().parse(shared / "contract" / "shapes.ttl")
    conforms, _, text = validate(data, shacl_graph=shapes, advanced=True)
    assert conforms, text[:3000]


def test_seed_graph_conforms_to_our_own_shapes(seed_ttl):
    from pathlib import Path

    ours = Path(kg.__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
    if not ours.exists():
        pytest.fail("ontology/shapes.ttl is missing")
    conforms, _, text = validate(
        Graph().parse(seed_ttl), shacl_graph=Graph().parse(ours), advanced=True
    )
    assert conforms, text[:3000]


def test_every_anchor_is_the_text_at_its_offsets(seed_build, seed_text):
    graph = seed_build[0].union()
    mentions = set(graph.subjects(RDF.type, NIF.Phrase))
    assert len(mentions) > 50
    for mention in mentions:
        begin = int(graph.value(mention, NIF.beginIndex))
        end = int(graph.value(mention, NIF.endIndex))
        assert str(graph.value(mention, NIF.anchorOf)) == seed_text[begin:end]
        assert str(mention).endswith(f"#char={begin},{end}")


def test_seed_graph_holds_what_the_article_says(seed_build):
    graph = seed_build[0].union()
    for cls in (CKG.Person, CKG.MilitaryUnit, CKG.Settlement, CKG.Statement):
        assert len(set(graph.subjects(RDF.type, cls))) >= 2, cls
    events = [s for s in graph.subjects(RDF.type, None) if (s, CKG.factuality, None) in graph]
    assert len(set(events)) >= 10


def test_all_formats_agree_on_the_seed(seed_build):
    graph = seed_build[0]
    reference = graph.union()
    for fmt, ox in [
        ("nt", pyoxigraph.RdfFormat.N_TRIPLES),
        ("jsonld", pyoxigraph.RdfFormat.JSON_LD),
    ]:
        data = kg.serialize(graph, fmt)
        dataset = Dataset()
        dataset.parse(data=data, format="nt" if fmt == "nt" else "json-ld")
        union = Graph()
        for s, p, o, _g in dataset.quads():
            union.add((s, p, o))
        assert isomorphic(union, reference)
        quads = pyoxigraph.parse(io.BytesIO(data), ox)
        assert len({(q.subject, q.predicate, q.object) for q in quads}) == len(reference)


def test_two_builds_give_identical_bytes(seed_build, nlp):
    from tests.conftest import SEED

    again, _ = kg.build_graph([SEED])
    for fmt in ("ttl", "trig", "nq", "jsonld"):
        assert kg.serialize(again, fmt) == kg.serialize(seed_build[0], fmt)
