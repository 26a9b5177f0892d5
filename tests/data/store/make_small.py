"""Write small.trig and small.ttl: two invented news snippets in the contract's shape.

The texts were written for these tests (no published article is copied); the Wikidata
QIDs are illustrative. Run from the repository root:
    .venv/bin/python tests/data/store/make_small.py
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from kg.ontology import CKG, GAF, GEO, ID, NIF, PREFIXES, SCHEMA, WD

HERE = Path(__file__).resolve().parent
DCT = "http://purl.org/dc/terms/"

DOCS = {
    "khartoum-report": (
        "2023-05-02",
        "KHARTOUM, May 2 (Desert Wire) - The paramilitary Rapid Support Forces shelled the "
        "Kafouri district of Khartoum on Monday, residents said. Army spokesman Nabil "
        'Abdallah told Sudan TV: "Our forces repelled the attack on Kafouri." The RSF '
        "claimed it had captured the Merowe airbase on Sunday.",
    ),
    "aleppo-brief": (
        "2016-12-11",
        "Syrian government troops retook the eastern districts of Aleppo on Saturday, the "
        'state agency SANA reported. "Aleppo is free," Colonel Samir Haddad said in a video '
        "posted on Telegram. Rebel commanders denied that they had withdrawn from Sheikh "
        "Saeed.",
    ),
}

# iri-path, class, label, alt labels, qid, point (lon lat), [(doc, surface)]
ENTITIES = [
    (
        "unit/rapid-support-forces",
        CKG.MilitaryUnit,
        "Rapid Support Forces",
        ["RSF"],
        "Q7293530",
        None,
        [("khartoum-report", "Rapid Support Forces"), ("khartoum-report", "RSF")],
    ),
    (
        "region/kafouri",
        CKG.Region,
        "Kafouri",
        [],
        None,
        None,
        [("khartoum-report", "Kafouri"), ("khartoum-report", "Kafouri", 2)],
    ),
    (
        "settlement/khartoum",
        CKG.Settlement,
        "Khartoum",
        [],
        "Q1963",
        "32.5599 15.5007",
        [("khartoum-report", "Khartoum")],
    ),
    (
        "person/nabil-abdallah",
        CKG.Person,
        "Nabil Abdallah",
        [],
        None,
        None,
        [("khartoum-report", "Nabil Abdallah")],
    ),
    (
        "org/sudan-tv",
        CKG.Organization,
        "Sudan TV",
        ["Sudan Television"],
        None,
        None,
        [("khartoum-report", "Sudan TV")],
    ),
    (
        "facility/merowe-airbase",
        CKG.Facility,
        "Merowe airbase",
        [],
        None,
        None,
        [("khartoum-report", "Merowe airbase")],
    ),
    (
        "unit/syrian-arab-army",
        CKG.MilitaryUnit,
        "Syrian Arab Army",
        ["Syrian government troops"],
        "Q1136645",
        None,
        [("aleppo-brief", "Syrian government troops")],
    ),
    (
        "settlement/aleppo",
        CKG.Settlement,
        "Aleppo",
        ["Halab"],
        "Q41183",
        "37.1612 36.2021",
        [("aleppo-brief", "Aleppo")],
    ),
    ("org/sana", CKG.Organization, "SANA", [], "Q1144538", None, [("aleppo-brief", "SANA")]),
    (
        "person/samir-haddad",
        CKG.Person,
        "Samir Haddad",
        [],
        None,
        None,
        [("aleppo-brief", "Samir Haddad")],
    ),
    (
        "org/telegram",
        CKG.Organization,
        "Telegram",
        [],
        "Q15616276",
        None,
        [("aleppo-brief", "Telegram")],
    ),
    (
        "unit/rebel-commanders",
        CKG.MilitaryUnit,
        "Syrian rebels",
        [],
        None,
        None,
        [("aleppo-brief", "Rebel commanders")],
    ),
    (
        "region/sheikh-saeed",
        CKG.Region,
        "Sheikh Saeed",
        [],
        None,
        None,
        [("aleppo-brief", "Sheikh Saeed")],
    ),
]

# iri-path, doc, class, trigger, agent, target, places, date, factuality, reportedBy
EVENTS = [
    (
        "event/khartoum-report-shelled",
        "khartoum-report",
        CKG.Shelling,
        "shelled",
        "unit/rapid-support-forces",
        None,
        ["region/kafouri", "settlement/khartoum"],
        "2023-05-01",
        CKG.Asserted,
        None,
    ),
    (
        "event/khartoum-report-captured",
        "khartoum-report",
        CKG.Capture,
        "captured",
        "unit/rapid-support-forces",
        "facility/merowe-airbase",
        ["facility/merowe-airbase"],
        "2023-04-30",
        CKG.Claimed,
        "statement/khartoum-report-rsf",
    ),
    (
        "event/aleppo-brief-retook",
        "aleppo-brief",
        CKG.Capture,
        "retook",
        "unit/syrian-arab-army",
        "settlement/aleppo",
        ["settlement/aleppo"],
        "2016-12-10",
        CKG.Asserted,
        None,
    ),
    (
        "event/aleppo-brief-withdrawn",
        "aleppo-brief",
        CKG.Withdrawal,
        "withdrawn",
        "unit/rebel-commanders",
        None,
        ["region/sheikh-saeed"],
        None,
        CKG.Denied,
        "statement/aleppo-brief-denial",
    ),
]

# iri-path, doc, quote, direct, speaker, medium, about
STATEMENTS = [
    (
        "statement/khartoum-report-spokesman",
        "khartoum-report",
        "Our forces repelled the attack on Kafouri.",
        True,
        "person/nabil-abdallah",
        "org/sudan-tv",
        ["region/kafouri"],
    ),
    (
        "statement/khartoum-report-rsf",
        "khartoum-report",
        "it had captured the Merowe airbase",
        False,
        "unit/rapid-support-forces",
        None,
        ["facility/merowe-airbase"],
    ),
    (
        "statement/aleppo-brief-colonel",
        "aleppo-brief",
        "Aleppo is free,",
        True,
        "person/samir-haddad",
        "org/telegram",
        ["settlement/aleppo"],
    ),
    (
        "statement/aleppo-brief-denial",
        "aleppo-brief",
        "they had withdrawn from Sheikh Saeed",
        False,
        "unit/rebel-commanders",
        None,
        ["region/sheikh-saeed"],
    ),
]


def node(path: str) -> URIRef:
    return URIRef(ID + path)


def mention(
    graph: Graph, doc: str, surface: str, owner: URIRef | None = None, nth: int = 1
) -> URIRef:
    text = DOCS[doc][1]
    begin = -1
    for _ in range(nth):
        begin = text.index(surface, begin + 1)
    end = begin + len(surface)
    iri = URIRef(f"{ID}doc/{doc}#char={begin},{end}")
    graph.add((iri, RDF.type, NIF.Phrase))
    graph.add((iri, NIF.referenceContext, node(f"doc/{doc}")))
    graph.add((iri, NIF.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger)))
    graph.add((iri, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
    graph.add((iri, NIF.anchorOf, Literal(surface)))
    if owner is not None:
        graph.add((owner, GAF.denotedBy, iri))
    return iri


def build() -> Dataset:
    dataset = Dataset()
    for prefix, iri in PREFIXES.items():
        dataset.bind(prefix, iri, override=True)
    graphs = {doc: dataset.graph(node(f"doc/{doc}")) for doc in DOCS}
    for doc, (published, _text) in DOCS.items():
        graph, iri = graphs[doc], node(f"doc/{doc}")
        graph.add((iri, RDF.type, SCHEMA.NewsArticle))
        graph.add((iri, RDF.type, NIF.Context))
        graph.add((iri, URIRef(DCT + "identifier"), Literal(doc)))
        graph.add((iri, SCHEMA.datePublished, Literal(published, datatype=XSD.date)))
    for path, cls, label, alts, qid, point, mentions in ENTITIES:
        for doc, surface, *nth in mentions:
            graph, iri = graphs[doc], node(path)
            graph.add((iri, RDF.type, cls))
            graph.add((iri, RDFS.label, Literal(label)))
            for alt in alts:
                graph.add((iri, SKOS.altLabel, Literal(alt)))
            if qid:
                graph.add((iri, OWL.sameAs, WD[qid]))
                graph.add((iri, CKG.linkConfidence, Literal("0.9", datatype=XSD.decimal)))
            if point:
                geometry = URIRef(f"{ID}{path}#geometry")
                graph.add((iri, GEO.hasGeometry, geometry))
                graph.add(
                    (geometry, GEO.asWKT, Literal(f"POINT({point})", datatype=GEO.wktLiteral))
                )
            mention(graph, doc, surface, iri, *nth)
    for path, doc, cls, trigger, agent, target, places, date, factuality, reported in EVENTS:
        graph, iri = graphs[doc], node(path)
        graph.add((iri, RDF.type, cls))
        mention(graph, doc, trigger, iri)
        if agent:
            graph.add((iri, CKG.agent, node(agent)))
        if target:
            graph.add((iri, CKG.target, node(target)))
        for place in places:
            graph.add((iri, CKG.place, node(place)))
        if date:
            graph.add((iri, CKG.date, Literal(date, datatype=XSD.date)))
        graph.add((iri, CKG.factuality, factuality))
        if reported:
            graph.add((iri, CKG.reportedBy, node(reported)))
    for path, doc, quote, direct, speaker, medium, about in STATEMENTS:
        graph, iri = graphs[doc], node(path)
        graph.add((iri, RDF.type, CKG.Statement))
        graph.add((iri, CKG.quote, Literal(quote.rstrip(",."))))
        graph.add((iri, CKG.direct, Literal(direct)))
        graph.add((iri, CKG.speaker, node(speaker)))
        if medium:
            graph.add((iri, CKG.medium, node(medium)))
        for entity in about:
            graph.add((iri, CKG.about, node(entity)))
        mention(graph, doc, quote, iri)
    return dataset


def main() -> None:
    dataset = build()
    (HERE / "small.trig").write_text(dataset.serialize(format="trig"), encoding="utf-8")
    union = Graph()
    for prefix, iri in PREFIXES.items():
        union.bind(prefix, iri, override=True)
    for quad in dataset.quads((None, None, None, None)):
        union.add(quad[:3])
    (HERE / "small.ttl").write_text(union.serialize(format="turtle"), encoding="utf-8")


if __name__ == "__main__":
    main()
