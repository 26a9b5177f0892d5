"""kg.tables on a small hand-written graph: rows, codes, locations, sentences, no model."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.tables import EventRow, StatementRow, acled_event_types, columns, read_tables

TEXT = 'Police arrested two men in Kharkiv. "We will hold," the mayor said.'
GRAPH = f"""
@prefix ckg: <https://w3id.org/conflict-kg/ontology#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix gaf: <http://groundedannotationframework.org/gaf#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix geo: <http://www.opengis.net/ont/geosparql#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/conflict-kg/id/> .

id:doc\\/d1 a nif:Context, schema:NewsArticle ; dcterms:identifier "d1" ;
  schema:datePublished "2024-10-12"^^xsd:date ; schema:url <https://example.org/a> ;
  nif:isString {TEXT!r} .
id:event\\/d1-7 a ckg:Other ; ckg:eventSubtype "arrest" ; ckg:acledSubEventType "Arrests" ;
  gaf:denotedBy id:doc\\/d1\\#char\\=7\\,15 ; ckg:agent id:org\\/police ;
  ckg:place id:settlement\\/kharkiv, id:country\\/ukraine ; ckg:factuality ckg:Asserted .
id:stmt\\/d1-37 a ckg:Statement ; ckg:quote "We will hold," ; ckg:direct true ;
  gaf:denotedBy id:doc\\/d1\\#char\\=37\\,50 .
id:doc\\/d1\\#char\\=7\\,15 nif:referenceContext id:doc\\/d1 ; nif:beginIndex 7 ; nif:endIndex 15 ;
  nif:anchorOf "arrested" .
id:doc\\/d1\\#char\\=37\\,50 nif:referenceContext id:doc\\/d1 ; nif:beginIndex 37 ;
  nif:endIndex 50 ; nif:anchorOf "We will hold," .
id:org\\/police a ckg:Organization ; rdfs:label "Police" .
id:settlement\\/kharkiv a ckg:Settlement ; rdfs:label "Kharkiv" ;
  owl:sameAs <http://www.wikidata.org/entity/Q42308> ;
  geo:hasGeometry [ geo:asWKT "POINT(36.23 49.98)"^^geo:wktLiteral ] .
id:country\\/ukraine a ckg:Country ; rdfs:label "Ukraine" ;
  geo:hasGeometry [ geo:asWKT "POINT(32.6 49.2)"^^geo:wktLiteral ] .
"""


@pytest.fixture(scope="module")
def tables():
    store = ox.Store()
    store.load(GRAPH.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    return read_tables(store)


def test_an_other_event_keeps_its_own_acled_type(tables):
    (event,) = tables.events
    assert event["event_type"] == "Other" and event["event_subtype"] == "arrest"
    assert (event["acled_event_type"], event["acled_sub_event_type"]) == (
        "Strategic developments",
        "Arrests",
    )


def test_location_is_the_most_specific_located_place(tables):
    (event,) = tables.events
    assert (event["location"], event["location_qid"], event["geo_precision"]) == (
        "Kharkiv",
        "Q42308",
        1,
    )
    assert event["places"] == "Ukraine; Kharkiv" and event["country"] == "Ukraine"
    assert (event["latitude"], event["longitude"]) == (49.98, 36.23)


def test_sentence_offsets_and_document(tables):
    (event,) = tables.events
    assert event["sentence"] == "Police arrested two men in Kharkiv."
    assert (event["begin"], event["end"], event["trigger"]) == (7, 15, "arrested")
    assert (event["document"], event["url"], event["document_date"]) == (
        "d1",
        "https://example.org/a",
        "2024-10-12",
    )
    (stmt,) = tables.statements
    assert (stmt["quote"], stmt["direct"], stmt["speaker"], stmt["date"]) == (
        "We will hold,",
        True,
        "",
        "2024-10-12",
    )


def test_columns_and_hierarchy():
    assert columns(EventRow)[:2] == ("event_id", "event_date")
    assert "iri" not in columns(EventRow) and "speaker_iris" not in columns(StatementRow)
    assert acled_event_types()["Air/drone strike"] == "Explosions/Remote violence"
    assert len(acled_event_types()) == 25
