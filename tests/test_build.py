"""The builder: IRIs, merging across documents, provenance; Extractions made by hand."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.build import RunInfo, doc_iri, entity_iri, graph_from_extractions, slug
from kg.ontology import CKG, GAF, GEO, NIF, WD
from kg.types import Entity, Event, Extraction, Link, SourceDoc, Span, Statement, TimeRef

TEXT = "Russian forces shelled Izyum on Friday, Ivan Petrenko told Radio Svoboda."


def span(text: str, word: str) -> Span:
    start = text.index(word)
    return Span(start, start + len(word), word)


def sample(doc_id: str = "d1", text: str = TEXT, link: bool = False) -> Extraction:
    izyum_link = Link("Q544003", "Izium", 0.97, lat=49.2, lon=37.26, geonames="707753")
    ents = (
        Entity("e1", "MilitaryUnit", "Russian Armed Forces", (span(text, "Russian forces"),)),
        Entity(
            "e2", "Settlement", "Izyum", (span(text, "Izyum"),), link=izyum_link if link else None
        ),
        Entity("e3", "Person", "Ivan Petrenko", (span(text, "Ivan Petrenko"),), confidence=0.9),
        Entity("e4", "Organization", "Radio Svoboda", (span(text, "Radio Svoboda"),)),
    )
    event = Event(
        "v1",
        "Shelling",
        span(text, "shelled"),
        agent="e1",
        target="e2",
        places=("e2", "e4"),  # e4 is not a place: must be dropped
        time=TimeRef(dt.date(2022, 9, 9), "day", span(text, "on Friday")),
        factuality="claimed",
        statement="s1",
    )
    stmt = Statement(
        "s1",
        "Russian forces shelled Izyum",
        span(text, "Russian forces shelled Izyum"),
        direct=False,
        speaker="e3",
        medium="e4",
        about=("e2",),
    )
    doc = SourceDoc(doc_id, text, date=dt.date(2022, 9, 10), url="https://example.org/a b")
    return Extraction(doc, ents, (event,), (stmt,), model="en_test 1.0")


def test_document_entity_event_statement_triples():
    graph = graph_from_extractions([sample()]).union()
    doc = URIRef(doc_iri("d1"))
    assert (doc, RDF.type, NIF.Context) in graph
    assert graph.value(doc, URIRef("https://schema.org/datePublished")) == Literal(
        "2022-09-10", datatype=XSD.date
    )
    unit = URIRef("https://w3id.org/conflict-kg/id/unit/russian-armed-forces")
    assert (unit, RDF.type, CKG.MilitaryUnit) in graph
    [mention] = graph.objects(unit, GAF.denotedBy)
    assert str(mention).endswith("#char=0,14")
    assert graph.value(mention, NIF.anchorOf) == Literal("Russian forces")
    event = URIRef(f"https://w3id.org/conflict-kg/id/event/d1-{TEXT.index('shelled')}")
    assert (event, RDF.type, CKG.Shelling) in graph
    assert graph.value(event, CKG.agent) == unit
    assert graph.value(event, CKG.date) == Literal("2022-09-09", datatype=XSD.date)
    assert graph.value(event, CKG.factuality) == CKG.Claimed
    places = set(graph.objects(event, CKG.place))
    assert places == {URIRef("https://w3id.org/conflict-kg/id/settlement/izyum")}
    stmt = graph.value(event, CKG.reportedBy)
    assert graph.value(stmt, CKG.direct) == Literal(False)
    assert graph.value(stmt, CKG.speaker) == URIRef(
        "https://w3id.org/conflict-kg/id/person/ivan-petrenko"
    )


def test_linked_entity_has_one_sameas_and_a_point():
    graph = graph_from_extractions([sample(link=True)]).union()
    [node] = graph.subjects(OWL.sameAs, WD.Q544003)
    assert graph.value(node, RDFS.label) == Literal("Izium")  # the KB's canonical name
    assert (node, SKOS.altLabel, Literal("Izyum")) in graph
    wkt = graph.value(graph.value(node, GEO.hasGeometry), GEO.asWKT)
    assert str(wkt) == "POINT(37.260000 49.200000)"  # longitude first


def test_same_entity_in_two_documents_is_one_node():
    text2 = "Russian forces shelled Izyum on Friday, Ivan Petrenko told Radio Svoboda again."
    kg = graph_from_extractions([sample("d1", link=True), sample("d2", text2, link=True)])
    union = kg.union()
    assert len(set(union.subjects(OWL.sameAs, WD.Q544003))) == 1
    assert len(set(union.subjects(RDF.type, CKG.Person))) == 1
    [person] = union.subjects(RDF.type, CKG.Person)
    contexts = {union.value(m, NIF.referenceContext) for m in union.objects(person, GAF.denotedBy)}
    assert contexts == {URIRef(doc_iri("d1")), URIRef(doc_iri("d2"))}
    assert len(kg.graphs) == 2


def test_generic_entities_stay_in_their_document():
    text = "A school was hit."
    ent = Entity("e1", "Facility", "school", (span(text, "school"),), generic=True)
    exts = [Extraction(SourceDoc(d, text), (ent,)) for d in ("a", "b")]
    union = graph_from_extractions(exts).union()
    assert len(set(union.subjects(RDF.type, CKG.GenericFacility))) == 2


def test_generic_facilities_are_no_named_entities():
    """'a school' is typed GenericFacility alone (a named-facility query leaves it out),
    and the graph says it is a Facility, so shapes asking for a place accept it."""
    text = "A school was hit."
    ent = Entity("e1", "Facility", "school", (span(text, "school"),), generic=True)
    union = graph_from_extractions([Extraction(SourceDoc("a", text), (ent,))]).union()
    assert not set(union.subjects(RDF.type, CKG.Facility))
    assert (CKG.GenericFacility, RDFS.subClassOf, CKG.Facility) in union


def test_entities_of_different_types_never_merge():
    text = "Oskil and the Oskil."
    ents = (
        Entity("e1", "Settlement", "Oskil", (Span(0, 5, "Oskil"),)),
        Entity("e2", "River", "Oskil", (Span(14, 19, "Oskil"),)),
    )
    union = graph_from_extractions([Extraction(SourceDoc("x", text), ents)]).union()
    assert len(set(union.subjects(RDFS.label, Literal("Oskil")))) == 2


def test_one_label_per_entity_across_documents():
    a = Extraction(
        SourceDoc("a", "Zelensky spoke."),
        (Entity("e1", "Person", "Zelensky", (Span(0, 8, "Zelensky"),)),),
    )
    b = Extraction(
        SourceDoc("b", "ZELENSKY spoke."),
        (Entity("e1", "Person", "ZELENSKY", (Span(0, 8, "ZELENSKY"),)),),
    )
    union = graph_from_extractions([a, b]).union()
    [node] = set(union.subjects(RDF.type, CKG.Person))
    assert len(list(union.objects(node, RDFS.label))) == 1


def test_run_provenance_without_and_with_timestamp():
    kg = graph_from_extractions([sample()], run=RunInfo(model="en_test 1.0"))
    run = next(kg.default.subjects(RDF.type, CKG.ExtractionRun))
    assert str(kg.default.value(run, CKG.model)) == "en_test"
    assert str(kg.default.value(run, CKG.modelVersion)) == "1.0"
    assert kg.default.value(run, URIRef("http://www.w3.org/ns/prov#startedAtTime")) is None
    stamped = RunInfo(model="en_test 1.0", started=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    kg = graph_from_extractions([sample()], run=stamped)
    assert kg.default.value(run, URIRef("http://www.w3.org/ns/prov#startedAtTime")) is not None


@given(st.text(min_size=1, max_size=40))
def test_any_document_id_gives_a_valid_iri(doc_id):
    iri = doc_iri(doc_id)
    assert not any(c in iri for c in ' <>"{}|\\^`\n\t')
    assert URIRef(iri) == URIRef(iri)


@given(st.text(min_size=1, max_size=60))
def test_slug_is_safe_and_stable(name):
    out = slug(name)
    assert out and out == slug(name)
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in out)


def test_entity_iri_is_readable():
    ent = Entity("e1", "Region", "Kharkiv Oblast", (Span(0, 7, "Kharkiv"),))
    assert entity_iri(ent, "d") == "https://w3id.org/conflict-kg/id/region/kharkiv-oblast"


def test_coreferent_event_mentions_are_all_denoted():
    text = "Troops began an offensive. The offensive stalled."
    event = Event(
        "v1", "Offensive", Span(14, 23, "offensive"), mentions=(Span(31, 40, "offensive"),)
    )
    union = graph_from_extractions([Extraction(SourceDoc("d", text), events=(event,))]).union()
    [node] = union.subjects(RDF.type, CKG.Offensive)
    anchors = sorted(
        int(union.value(m, NIF.beginIndex)) for m in union.objects(node, GAF.denotedBy)
    )
    assert anchors == [14, 31]


def test_other_events_carry_their_subtype_and_rules():
    from kg.build import rule_iri

    text = "Police arrested four men."
    event = Event(
        key="ev7",
        type="Other",
        trigger=Span(7, 15, "arrested"),
        subtype="arrest",
        acled_sub_event_type="Arrests",
        rule="events.trigger.political_event",
        decided_by=("factuality.plain",),
    )
    kg_ = graph_from_extractions([Extraction(SourceDoc(id="d", text=text), events=(event,))])
    graph = kg_.union()
    node = next(graph.subjects(CKG.eventSubtype, None))
    assert str(graph.value(node, CKG.eventSubtype)) == "arrest"
    assert str(graph.value(node, CKG.acledSubEventType)) == "Arrests"
    generated = rule_iri("events.trigger.political_event")
    assert (node, PROV.wasGeneratedBy, URIRef(generated)) in graph
    assert (URIRef(generated), RDF.type, CKG.ExtractionRule) in kg_.default


def test_the_second_speaker_of_the_same_words_gets_its_own_statement_iri():
    ext = sample()
    first = ext.statements[0]
    second = Statement("s1-2", first.quote, first.span, direct=False, speaker="e4")
    ext = Extraction(ext.doc, ext.entities, ext.events, (first, second), model=ext.model)
    kg = graph_from_extractions([ext], run=RunInfo(model="en_test 1.0"))
    nodes = {str(s) for g in kg.graphs.values() for s in g.subjects(RDF.type, CKG.Statement)}
    base = f"https://w3id.org/conflict-kg/id/statement/d1-{first.span.start}"
    assert nodes == {base, f"{base}-2"}


def test_an_entity_in_two_documents_gets_one_confidence_the_highest():
    """ckg:confidence and ckg:linkConfidence are functional: one value per entity IRI,
    the same in every document's graph, however many documents name it."""
    from dataclasses import replace

    first, second = sample("d1", link=True), sample("d2", link=True)
    second = replace(
        second,
        entities=tuple(
            replace(ent, confidence=0.95, link=replace(ent.link, confidence=0.99))
            if ent.link is not None
            else replace(ent, confidence=0.4 if ent.confidence else None)
            for ent in second.entities
        ),
    )
    kg = graph_from_extractions([first, second])
    izyum = URIRef(entity_iri(first.entities[1], "d1"))
    petrenko = URIRef(entity_iri(first.entities[2], "d1"))
    for part in kg.graphs.values():
        assert list(part.objects(izyum, CKG.confidence)) == [Literal("0.950", datatype=XSD.decimal)]
        assert list(part.objects(izyum, CKG.linkConfidence)) == [
            Literal("0.990", datatype=XSD.decimal)
        ]
        assert list(part.objects(petrenko, CKG.confidence)) == [
            Literal("0.900", datatype=XSD.decimal)
        ]
    assert kg.union().value(izyum, CKG.linkConfidence) == Literal("0.990", datatype=XSD.decimal)
