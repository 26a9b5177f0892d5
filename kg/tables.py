"""A built graph read back as plain tables: documents, mentions, entities, events, statements.

One SPARQL query per kind of node on a pyoxigraph store (:func:`kg.store.open_store`), then
the rows are joined in Python. Rows are plain dicts (no pandas here): ``kg.export`` writes
them as CSV and GeoJSON, ``kg.api`` turns them into DataFrames, ``kg.report`` into HTML.
Every row is sorted, so the same graph gives the same tables.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import Field, dataclass, field, fields
from functools import cache
from importlib import resources

import pyoxigraph as ox

from .extract import lexicon
from .ontology import ID
from .outline import country_at

__all__ = [
    "ACTOR_TYPES",
    "EventRow",
    "GraphTables",
    "PLACE_TYPES",
    "StatementRow",
    "columns",
    "event_codes",
    "read_tables",
]

CKG = "https://w3id.org/conflict-kg/ontology#"
WD = "http://www.wikidata.org/entity/"
PLACE_TYPES = ("Settlement", "Facility", "GenericFacility", "Region", "River", "Place", "Country")
"""Place classes, most specific first: an event's location is its first located place."""
ACTOR_TYPES = ("Person", "Organization", "MilitaryUnit", "Country")
GEO_PRECISION = {"Settlement": 1, "Facility": 1, "GenericFacility": 1, "Region": 2, "River": 2}
"""ACLED's geo_precision: 1 the place itself, 2 a part of a region or near it, 3 larger."""

_PREFIXES = """PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX gaf: <http://groundedannotationframework.org/gaf#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

DOCUMENTS = """SELECT ?doc ?id ?date ?url ?title ?text WHERE {
  ?doc a nif:Context ; dcterms:identifier ?id .
  OPTIONAL { ?doc schema:datePublished ?date }
  OPTIONAL { ?doc schema:url ?url }
  OPTIONAL { ?doc schema:headline ?title }
  OPTIONAL { ?doc nif:isString ?text }
}"""

MENTIONS = """SELECT ?node ?m ?doc ?begin ?end ?anchor WHERE {
  ?node gaf:denotedBy ?m .
  ?m nif:referenceContext ?doc ; nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?anchor .
}"""

ENTITIES = """SELECT ?node ?type ?label ?same ?wkt WHERE {
  ?node a ?type ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?type), STR(ckg:)))
  OPTIONAL { ?node owl:sameAs ?same }
  OPTIONAL { ?node geo:hasGeometry/geo:asWKT ?wkt }
}"""

ITEMS = """SELECT ?node ?p ?o WHERE {
  ?node ?p ?o .
  VALUES ?p { ckg:agent ckg:target ckg:place ckg:date ckg:datePrecision ckg:datePhrase
              ckg:factuality ckg:confidence ckg:reportedBy ckg:fatalities ckg:injured
              ckg:quote ckg:direct ckg:speaker ckg:medium ckg:about prov:wasGeneratedBy
              ckg:eventSubtype ckg:acledSubEventType }
}"""

TYPES = "SELECT ?node ?type WHERE { ?node a ?type . FILTER(STRSTARTS(STR(?type), STR(ckg:))) }"

_POINT = re.compile(r"POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+|\n+")


def _internal(default_factory=list) -> Field:  # type: ignore[no-untyped-def]
    return field(default_factory=default_factory, metadata={"internal": True})


@dataclass
class EventRow:
    """One event, ACLED-like; the fields before ``iri`` are the export's columns."""

    event_id: str
    event_date: str  # YYYY-MM-DD, resolved against the document's date; '' when none
    date_precision: str  # day, week, month, year, vague (ACLED's time_precision)
    date_phrase: str
    event_type: str  # the ontology's class
    event_subtype: str  # Other events: arrest, protest, ...
    acled_event_type: str  # from the class's skos:closeMatch (event_types.tsv)
    acled_sub_event_type: str
    plover: str
    cameo: str
    actor1: str  # the agent(s), '; '-joined
    actor1_qid: str
    actor2: str  # the target(s)
    actor2_qid: str
    location: str  # the most specific located place
    location_qid: str
    places: str  # every place of the event
    admin1: str
    country: str
    latitude: float | None
    longitude: float | None
    geo_precision: int | None  # 1 settlement or facility, 2 region, 3 larger
    factuality: str
    fatalities: str
    injured: str
    document: str
    url: str
    document_date: str
    trigger: str
    begin: int
    end: int
    sentence: str
    confidence: float | None
    rule: str
    iri: str = field(default="", metadata={"internal": True})
    reported_by: list[str] = _internal()
    agent_iris: list[str] = _internal()
    target_iris: list[str] = _internal()
    place_iris: list[str] = _internal()


@dataclass
class StatementRow:
    """One reported statement; the fields before ``iri`` are the export's columns."""

    statement_id: str
    speaker: str
    speaker_qid: str
    quote: str
    direct: bool | None
    medium: str
    date: str  # the document's date
    about: str
    factuality: str  # of the events the statement reports
    document: str
    url: str
    begin: int
    end: int
    confidence: float | None
    rule: str
    iri: str = field(default="", metadata={"internal": True})
    speaker_iris: list[str] = _internal()


def columns(row_type: type) -> tuple[str, ...]:
    """The exported columns of a row dataclass (its fields before the internal ones).

    >>> columns(StatementRow)[:3]
    ('statement_id', 'speaker', 'speaker_qid')
    """
    return tuple(f.name for f in fields(row_type) if not f.metadata.get("internal"))


@cache
def event_codes() -> dict[str, dict[str, str]]:
    """Event class -> its ACLED, PLOVER and CAMEO codes (``kg/data/lexicon/event_types.tsv``).

    >>> event_codes()["Shelling"]["acled_sub_event_type"]
    'Shelling/artillery/missile attack'
    """
    blank = {"-": ""}
    return {
        row["type"]: {key: blank.get(value, value) for key, value in row.items()}
        for row in lexicon.rows("event_types")
    }


@cache
def acled_event_types() -> dict[str, str]:
    """ACLED sub-event type -> its event type (``kg/data/export/acled_sub_event_types.tsv``).

    >>> acled_event_types()["Arrests"]
    'Strategic developments'
    """
    path = resources.files("kg") / "data" / "export" / "acled_sub_event_types.tsv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    return dict(line.split("\t") for line in lines[1:] if line)


@dataclass
class GraphTables:
    """Everything the exports and the report need, as plain rows."""

    documents: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    entities: dict[str, dict] = field(default_factory=dict)
    events: list[dict] = field(default_factory=list)
    statements: list[dict] = field(default_factory=list)
    doc_index: dict[str, dict] = field(default_factory=dict, repr=False)

    def places(self) -> list[dict]:
        """Every place entity with a point, sorted by label."""
        rows = [e for e in self.entities.values() if e["kind"] == "place" and e["latitude"]]
        return sorted(rows, key=lambda e: (e["label"], e["iri"]))


def _value(term: object) -> str:
    return "" if term is None else getattr(term, "value", str(term))


def _select(store: ox.Store, query: str) -> Iterable[dict[str, str]]:
    solutions = store.query(_PREFIXES + query)
    names = [v.value for v in solutions.variables]
    for solution in solutions:
        yield {name: _value(solution[name]) for name in names}


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def read_tables(store: ox.Store) -> GraphTables:
    """Read a built graph's documents, mentions, entities, events and statements."""
    tables = GraphTables()
    docs = {row["doc"]: _document(row) for row in _select(store, DOCUMENTS)}
    tables.documents = sorted(docs.values(), key=lambda d: d["id"])
    tables.doc_index = {d["id"]: d for d in tables.documents}
    tables.entities = _entities(store)
    types = defaultdict(set)
    for row in _select(store, TYPES):
        types[row["node"]].add(_local(row["type"]))
    props: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in _select(store, ITEMS):
        props[row["node"]][_local(row["p"])].append(row["o"])
    mentions = _mentions(store, docs)
    tables.mentions = sorted(
        (m for ms in mentions.values() for m in ms), key=lambda m: (m["doc"], m["begin"], m["end"])
    )
    codes = event_codes()
    for node, node_types in types.items():
        found = sorted(node_types & codes.keys())
        if found and mentions.get(node):
            tables.events.append(_event(node, found[0], props[node], mentions[node], tables))
        elif "Statement" in node_types and mentions.get(node):
            tables.statements.append(_statement(node, props[node], mentions[node], tables))
    reported = defaultdict(set)
    for event in tables.events:
        for stmt in event["reported_by"]:
            reported[stmt].add(event["factuality"])
    for stmt in tables.statements:
        stmt["factuality"] = "; ".join(sorted(f for f in reported[stmt["iri"]] if f))
    tables.events.sort(key=lambda e: (e["document"], e["begin"], e["iri"]))
    tables.statements.sort(key=lambda s: (s["document"], s["begin"], s["iri"]))
    return tables


def _document(row: dict[str, str]) -> dict:
    return {
        "iri": row["doc"],
        "id": row["id"],
        "date": row["date"],
        "url": row["url"],
        "title": row["title"],
        "text": row["text"] or None,
    }


def _mentions(store: ox.Store, docs: dict[str, dict]) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = defaultdict(list)
    for row in _select(store, MENTIONS):
        doc = docs.get(row["doc"])
        found[row["node"]].append(
            {
                "node": row["node"],
                "doc": doc["id"] if doc else _local(row["doc"]),
                "begin": int(row["begin"]),
                "end": int(row["end"]),
                "anchor": row["anchor"],
            }
        )
    for rows in found.values():
        rows.sort(key=lambda m: (m["doc"], m["begin"], m["end"]))
    return found


def _entities(store: ox.Store) -> dict[str, dict]:
    entities: dict[str, dict] = {}
    for row in _select(store, ENTITIES):
        kind_type = _local(row["type"])
        if kind_type not in PLACE_TYPES and kind_type not in ACTOR_TYPES:
            continue
        old = entities.get(row["node"])
        if old is not None and (old["type"] == "GenericFacility" or kind_type == "Facility"):
            continue  # GenericFacility is the more specific of the two
        point = _POINT.search(row["wkt"])
        lon, lat = (float(point.group(1)), float(point.group(2))) if point else (None, None)
        entities[row["node"]] = {
            "iri": row["node"],
            "type": kind_type,
            "kind": "place" if kind_type in PLACE_TYPES else "actor",
            "label": row["label"],
            "qid": row["same"].removeprefix(WD) if row["same"].startswith(WD) else "",
            "latitude": lat,
            "longitude": lon,
        }
    return entities


def _labels(iris: list[str], tables: GraphTables) -> tuple[str, str]:
    found = [tables.entities[i] for i in sorted(iris) if i in tables.entities]
    return "; ".join(e["label"] for e in found), "; ".join(e["qid"] for e in found if e["qid"])


def _location(iris: list[str], tables: GraphTables) -> dict | None:
    """The event's most specific place with a point, else its most specific place."""
    places = [tables.entities[i] for i in iris if i in tables.entities]
    places.sort(
        key=lambda e: (PLACE_TYPES.index(e["type"]) if e["type"] in PLACE_TYPES else 9, e["iri"])
    )
    located = [p for p in places if p["latitude"] is not None]
    return (located or places or [None])[0]


def _sentence(doc: dict | None, begin: int, end: int, anchor: str) -> str:
    text = doc["text"] if doc else None
    if not text:
        return anchor
    start = 0
    for match in _SENTENCE_END.finditer(text, 0, begin):
        start = match.end()
    stop = _SENTENCE_END.search(text, end)
    return text[start : stop.start() + 1 if stop else len(text)].strip()


def _doc_by_id(tables: GraphTables) -> dict[str, dict]:
    return tables.doc_index


def _event(node: str, kind: str, props: dict, mentions: list[dict], tables: GraphTables) -> dict:
    first = mentions[0]
    doc = _doc_by_id(tables).get(first["doc"])
    codes = event_codes()[kind]
    acled_sub, acled_type = codes["acled_sub_event_type"], codes["acled_event_type"]
    if props["acledSubEventType"]:  # an Other event's own sub-event type
        acled_sub = props["acledSubEventType"][0]
        acled_type = acled_event_types().get(acled_sub, "")
    place = _location(props["place"], tables)
    actor1, actor1_qid = _labels(props["agent"], tables)
    actor2, actor2_qid = _labels(props["target"], tables)
    precision = (
        _local(props["datePrecision"][0]).removesuffix("Precision")
        if props["datePrecision"]
        else ""
    )
    row = EventRow(
        event_id=node.removeprefix(ID + "event/"),
        iri=node,
        event_date=min(props["date"], default=""),
        date_precision=precision.lower(),
        date_phrase="; ".join(sorted(props["datePhrase"])),
        event_type=kind,
        event_subtype=props["eventSubtype"][0] if props["eventSubtype"] else "",
        acled_event_type=acled_type,
        acled_sub_event_type=acled_sub,
        plover=codes["plover"],
        cameo=codes["cameo"],
        actor1=actor1,
        actor1_qid=actor1_qid,
        actor2=actor2,
        actor2_qid=actor2_qid,
        location=place["label"] if place else "",
        location_qid=place["qid"] if place else "",
        places=_labels(props["place"], tables)[0],
        admin1=_admin1(place),
        country=_country(place),
        latitude=place["latitude"] if place else None,
        longitude=place["longitude"] if place else None,
        geo_precision=_geo_precision(place),
        factuality=_local(props["factuality"][0]).lower() if props["factuality"] else "",
        fatalities=min(props["fatalities"], default=""),
        injured=min(props["injured"], default=""),
        document=first["doc"],
        url=doc["url"] if doc else "",
        document_date=doc["date"] if doc else "",
        trigger=first["anchor"],
        begin=first["begin"],
        end=first["end"],
        sentence=_sentence(doc, first["begin"], first["end"], first["anchor"]),
        confidence=float(props["confidence"][0]) if props["confidence"] else None,
        rule=_local(props["wasGeneratedBy"][0]) if props["wasGeneratedBy"] else "",
        reported_by=sorted(props["reportedBy"]),
        agent_iris=sorted(props["agent"]),
        target_iris=sorted(props["target"]),
        place_iris=sorted(props["place"]),
    )
    return dict(vars(row))


def _geo_precision(place: dict | None) -> int | None:
    if place is None or place["latitude"] is None:
        return None
    return GEO_PRECISION.get(place["type"], 3)


def _country(place: dict | None) -> str:
    if place is None:
        return ""
    if place["type"] == "Country":
        return place["label"]
    if place["latitude"] is None:
        return ""
    return country_at(place["longitude"], place["latitude"]) or ""


def _admin1(place: dict | None) -> str:
    """The place's oblast/province: itself for a region, else the bundled KB's, by QID."""
    if place is None:
        return ""
    if place["type"] == "Region":
        return place["label"]
    if not place["qid"]:
        return ""
    from .link.kb import bundled_kb  # the KB is loaded on first use only

    kb = bundled_kb()
    entry = kb.by_qid(place["qid"])
    oblast = getattr(entry, "oblast", None) if entry else None
    parent = (kb.by_qid(oblast) or kb.by_id(oblast)) if oblast else None
    return parent.label if parent else ""


def _statement(node: str, props: dict, mentions: list[dict], tables: GraphTables) -> dict:
    first = mentions[0]
    doc = _doc_by_id(tables).get(first["doc"])
    speaker, speaker_qid = _labels(props["speaker"], tables)
    medium, _ = _labels(props["medium"], tables)
    row = StatementRow(
        statement_id=node.removeprefix(ID + "statement/"),
        iri=node,
        speaker=speaker,
        speaker_qid=speaker_qid,
        quote=props["quote"][0] if props["quote"] else first["anchor"],
        direct=props["direct"][0] == "true" if props["direct"] else None,
        medium=medium,
        date=doc["date"] if doc else "",
        about=_labels(props["about"], tables)[0],
        factuality="",  # set once every event is read
        document=first["doc"],
        url=doc["url"] if doc else "",
        begin=first["begin"],
        end=first["end"],
        confidence=float(props["confidence"][0]) if props["confidence"] else None,
        rule=_local(props["wasGeneratedBy"][0]) if props["wasGeneratedBy"] else "",
        speaker_iris=sorted(props["speaker"]),
    )
    return dict(vars(row))
