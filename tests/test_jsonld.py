"""kg.jsonld: JSON-LD written from triples parses back to the same graph."""

from __future__ import annotations

import json
import random

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.jsonld import jsonld
from tests.test_turtle import odd_graph


def test_parses_back_to_the_same_graph() -> None:
    g = odd_graph()
    text = jsonld(g)
    assert isomorphic(Graph().parse(data=text, format="json-ld"), g)
    assert len(list(ox.parse(text.encode(), format=ox.RdfFormat.JSON_LD))) == len(g)


def test_sorted_and_compact() -> None:
    data = json.loads(jsonld(odd_graph()))
    ids = [node["@id"] for node in data["@graph"]]
    assert ids == sorted(ids)
    assert "place:izium" in ids and any(i.startswith("_:") for i in ids)
    izium = next(n for n in data["@graph"] if n["@id"] == "place:izium")
    assert izium["@type"] == ["ckg:Settlement"]
    assert {"@value": "0.950", "@type": "xsd:decimal"} in izium["ckg:confidence"]
    assert {"@value": "Ізюм", "@language": "uk"} in izium["rdfs:label"]
    assert sorted(data["@context"]) == ["ckg", "doc", "place", "rdfs", "xsd"]  # only those used


def test_same_triples_in_any_order_give_the_same_text() -> None:
    triples = list(odd_graph())
    texts = set()
    for seed in range(4):
        random.Random(seed).shuffle(triples)
        texts.add(jsonld(triples + triples[:5]))
    assert len(texts) == 1
