"""kg.turtle: our Turtle/TriG/N-Triples/N-Quads text parses back to the same graph."""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD, Namespace

from kg.ontology import CKG, ID
from kg.turtle import ntriples, turtle

EX = Namespace("http://example.org/p#")
S = URIRef(f"{ID}place/izium")
MENTION = URIRef(f"{ID}doc/a#char=10,15")
ODD_TEXTS = [
    'He said "we hold" \\ then left',
    "line one\nline two\r\n\ttabbed",
    "bell \x07 and nul-free \x1f control",
    "emoji 🚀 and combining e\u0301 and zero\u200bwidth",
    '\'single\' and """ triple quotes',
    "",
]


def odd_graph() -> Graph:
    g = Graph()
    g.add((S, RDF.type, CKG.Settlement))
    g.add((S, RDFS.label, Literal("Izium")))
    g.add((S, RDFS.label, Literal("Ізюм", lang="uk")))
    g.add((S, CKG.confidence, Literal("0.950", datatype=XSD.decimal)))
    g.add((S, EX.tally, Literal("12", datatype=XSD.integer)))
    g.add((S, EX.tally, Literal("twelve", datatype=XSD.integer)))  # ill-typed: quoted
    g.add((S, EX.direct, Literal(False)))
    g.add((S, EX.date, Literal("2022-09-09", datatype=XSD.date)))
    g.add((S, EX.size, Literal("1.5E3", datatype=XSD.double)))
    g.add((S, EX.same, Literal("5")))
    g.add((S, EX.same, Literal("5", datatype=XSD.integer)))  # same text, other term
    g.add((S, EX.other, URIRef(f"{ID}place/trailing.")))  # a local name may not end in "."
    g.add((S, EX.other, URIRef(f"{ID}place/1st-brigade")))  # may start with a digit
    g.add((S, EX.node, BNode("b0")))
    g.add((BNode("b0"), RDFS.label, Literal("blank")))
    g.add((S, EX.mention, MENTION))
    for i, text in enumerate(ODD_TEXTS):
        g.add((URIRef(f"{ID}doc/a#text{i}"), EX.quote, Literal(text)))
    return g


def test_turtle_parses_back_with_rdflib_and_pyoxigraph() -> None:
    g = odd_graph()
    text = turtle([(None, g)])
    assert isomorphic(Graph().parse(data=text, format="turtle"), g)
    assert len(list(ox.parse(text.encode(), format=ox.RdfFormat.TURTLE))) == len(g)


def test_ntriples_parse_back() -> None:
    g = odd_graph()
    text = ntriples([(None, g)])
    assert isomorphic(Graph().parse(data=text, format="nt"), g)
    assert text.splitlines() == sorted(text.splitlines())


def test_readable_forms() -> None:
    text = turtle([(None, odd_graph())])
    assert "place:izium a ckg:Settlement ;" in text
    assert "ckg:confidence 0.950" in text  # canonical decimal, bare
    assert '"twelve"^^xsd:integer' in text
    assert '"1500.0"^^xsd:double' in text  # doubles stay quoted
    assert "<https://w3id.org/conflict-kg/id/place/trailing.>" in text
    assert "place:1st-brigade" in text
    assert "<https://w3id.org/conflict-kg/id/doc/a#char=10,15>" in text
    assert "@prefix xsd:" in text and "@prefix owl:" not in text  # only the prefixes used


def test_same_triples_in_any_order_give_the_same_text() -> None:
    triples = list(odd_graph())
    texts = set()
    for seed in range(5):
        random.Random(seed).shuffle(triples)
        texts.add(turtle([(None, triples)]))
        texts.add(ntriples([(None, triples)]))
    assert len(texts) == 2


def test_repeated_triples_are_written_once() -> None:
    g = odd_graph()
    text = turtle([(None, [*g, *g])])
    assert isomorphic(Graph().parse(data=text, format="turtle"), g)
    assert text.count('"Izium"') == 1


@pytest.mark.parametrize("writer, fmt", [(turtle, "trig"), (ntriples, "nquads")])
def test_trig_and_nquads_keep_the_named_graphs(writer, fmt) -> None:
    named = Graph()
    named.add((S, RDFS.label, Literal("Izium")))
    default = Graph()
    default.add((URIRef(f"{ID}run/1"), RDF.type, CKG.ExtractionRun))
    text = writer([(None, default), (f"{ID}doc/a", named), (f"{ID}doc/empty", Graph())])
    ds = Dataset()
    ds.parse(data=text, format=fmt)
    graphs = {str(c.identifier): len(c) for c in ds.graphs() if len(c)}
    assert graphs[f"{ID}doc/a"] == 1
    assert sum(graphs.values()) == 2
    assert f"{ID}doc/empty" not in text


def test_unsafe_iri_characters_are_escaped() -> None:
    odd = URIRef("http://example.org/a b{c}")
    text = ntriples([(None, [(S, EX.other, odd)])])
    assert "<http://example.org/a\\u0020b\\u007Bc\\u007D>" in text
    parsed = Graph().parse(data=text, format="nt")
    assert set(parsed.objects(S, EX.other)) == {odd}
