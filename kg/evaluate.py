"""Score a built graph against hand-made gold annotations (the format of
``shared/gold/seed.json``; rules in ``shared/gold/README.md``).

The figures are exactly those of the project's reference scorer ``shared/eval/score.py``
(``tests/test_evaluate.py`` checks that they agree); this module is the same scoring as a
library. The graph is read with pyoxigraph and the same SPARQL queries, one document
(``dcterms:identifier``) at a time:

- **entities** (``ent``, ``ent_untyped``): every entity node with a mention in the document
  is one prediction. Its surface forms (its mention strings and its label, normalised by
  :func:`norm`) are paired with each gold entity's name and mentions; pairs are taken
  greedily, one-to-one, by the number of shared forms (+0.5 when the type is the gold type).
  ``ent_untyped`` counts the pairs, ``ent`` the pairs whose type is the gold type. Gold
  ``OtherPlace`` is ``ckg:Place``; a node typed ``Place`` and a more specific place type
  counts as the specific one.
- **links** (``link``): a matched entity's Wikidata QID (``owl:sameAs``) against the gold
  QID; precision over matched entities the graph links and whose gold has a QID, recall
  over gold entities with a QID.
- **events** (``ev``, ``ev_lenient``, ``ev_args``): per mention. Every ``gaf:denotedBy``
  span of an event node is one predicted mention (a node that merges "the strike ... the
  attack" carries both), matched one-to-one (a maximum matching) to gold mentions whose
  sentence the span overlaps. ``ev`` needs the same type, ``ev_lenient`` the same type
  group (:data:`EVENT_GROUPS`), ``ev_args`` the same group and, where the gold gives them,
  an agent and one of the places right. Events whose ``ckg:factuality`` is Denied or
  Hypothetical are left out, as the gold leaves them out.
- **statements** (``st``, ``st_speaker``): a statement matches a gold one when one of its
  mentions overlaps the gold sentence or the two quotes' word sets have a Jaccard index of
  at least 0.5; pairs are taken greedily by that index. ``st_speaker`` also needs the
  speaker right (or neither to have one).

An agent, place or speaker is *right* when the predicted entity is the gold entity: its
label or one of its mention strings in the document equals (normalised) one of the gold
entity's names, or its QID equals the gold QID.

Each metric is a :class:`Counts` ``(tp, n_pred, n_gold)``; :func:`micro` sums them over
documents and :func:`prf` turns them into precision, recall and F1.

    >>> prf(3, 4, 6)
    (0.75, 0.5, 0.6)
    >>> norm("The Russians'")
    'russians'
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import pyoxigraph as ox

from .extract import lexicon
from .types import ENTITY_TYPES, EVENT_TYPES

CKG = "https://w3id.org/conflict-kg/ontology#"
WIKIDATA = "http://www.wikidata.org/entity/"

#: the metrics of one document, in report order
METRICS = ("ent", "ent_untyped", "link", "ev", "ev_lenient", "ev_args", "st", "st_speaker")
#: the gold files' names of contract classes that differ
GOLD_TYPE = {"OtherPlace": "Place"}
#: event types that count as one another for the lenient event score (the ``group``
#: column of ``kg/data/lexicon/event_types.tsv``)
EVENT_GROUPS = lexicon.groups("event_types", "group")

PREFIXES = f"""
PREFIX ckg: <{CKG}>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX gaf: <http://groundedannotationframework.org/gaf#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""

Span = tuple[int, int]


# --- counts -------------------------------------------------------------------------------


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts; nothing predicted and nothing to find is 1.0."""
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


class Counts(NamedTuple):
    """One metric's counts: matched predictions, predictions, gold items (a plain tuple)."""

    tp: int
    n_pred: int
    n_gold: int

    @property
    def precision(self) -> float:
        return prf(*self)[0]

    @property
    def recall(self) -> float:
        return prf(*self)[1]

    @property
    def f1(self) -> float:
        return prf(*self)[2]


def micro(results: Iterable[dict[str, Any]]) -> dict[str, Counts]:
    """Micro-average: each metric's counts summed over documents' results."""
    total = {m: [0, 0, 0] for m in METRICS}
    for result in results:
        for m in METRICS:
            for k in range(3):
                total[m][k] += result[m][k]
    return {m: Counts(*total[m]) for m in METRICS}


# --- text helpers -------------------------------------------------------------------------


def norm(s: str | None) -> str:
    """A surface form compared case-, punctuation-, "the"- and possessive-insensitively."""
    s = unicodedata.normalize("NFKC", s or "").casefold()
    s = re.sub(r"[\u2018\u2019\u201c\u201d\"'`.,;:!?()\[\]]", " ", s)
    s = re.sub(r"^\s*the\s+", "", s)
    s = re.sub(r"'s\b|\s+s$", "", s)
    return re.sub(r"\s+", " ", s).strip()


def jaccard(a: str, b: str) -> float:
    """Jaccard index of two texts' normalised word sets (0.0 when both are empty)."""
    x, y = set(norm(a).split()), set(norm(b).split())
    return len(x & y) / len(x | y) if x | y else 0.0


def find_span(text: str, sentence: str) -> Span | None:
    """Where a gold sentence is in the text (tolerating whitespace differences), or None."""
    i = text.find(sentence)
    if i >= 0:
        return i, i + len(sentence)
    pattern = r"\s+".join(re.escape(w) for w in sentence.split())
    m = re.search(pattern, text)
    return (m.start(), m.end()) if m else None


def overlaps(spans: Iterable[Span], span: Span | None) -> bool:
    return span is not None and any(b < span[1] and e > span[0] for b, e in spans)


def same_group(a: str, b: str) -> bool:
    """The same event type, or two types of one group of :data:`EVENT_GROUPS`."""
    return a == b or any(a in g and b in g for g in EVENT_GROUPS)


# --- matching -----------------------------------------------------------------------------


def greedy(pairs: Iterable[tuple[float, Any, Any]]) -> list[tuple[Any, Any]]:
    """One-to-one pairs from ``(score, pred, gold)``, best score first (ties: given order)."""
    used_p, used_g, out = set(), set(), []
    for _, pk, gk in sorted(pairs, key=lambda x: -x[0]):
        if pk in used_p or gk in used_g:
            continue
        used_p.add(pk)
        used_g.add(gk)
        out.append((pk, gk))
    return out


def max_matching(edges: list[list[int]]) -> int:
    """Size of a maximum one-to-one matching; ``edges[i]``: the gold items ``i`` may match."""
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(augment(i, set()) for i in range(len(edges)))


# --- the graph ----------------------------------------------------------------------------


def _local(iri: str) -> str | None:
    return iri.rsplit("#", 1)[-1] if iri.startswith(CKG) else None


def _val(term) -> str | None:
    return None if term is None else term.value


def _load_store(source) -> ox.Store:
    """A pyoxigraph store of a graph file, an rdflib graph, a KnowledgeGraph or a store."""
    if isinstance(source, ox.Store):
        return source
    store = ox.Store()
    if isinstance(source, str | Path):
        suffix = Path(source).suffix.lstrip(".")
        fmt = ox.RdfFormat.from_extension(suffix) or ox.RdfFormat.TURTLE
        with open(source, "rb") as f:
            store.bulk_load(f, fmt)
        return store
    if hasattr(source, "union"):  # kg's KnowledgeGraph
        source = source.union()
    data = source.serialize(format="nt", encoding="utf-8")  # an rdflib graph
    store.bulk_load(io.BytesIO(data), ox.RdfFormat.N_TRIPLES)
    return store


class GraphReader:
    """The entities, events and statements of each document of a graph, as the scorer sees
    them. ``source``: a graph file (format from its suffix, Turtle by default), an rdflib
    ``Graph``, a ``kg`` KnowledgeGraph or a ``pyoxigraph.Store``."""

    def __init__(self, source) -> None:
        self.store = _load_store(source)
        #: every rdfs:label of every node, and each node's Wikidata QID
        self.labels: dict[str, set[str]] = {}
        self.wd: dict[str, str] = {}
        for r in self.rows("SELECT ?e ?l WHERE { ?e rdfs:label ?l }"):
            self.labels.setdefault(r["e"].value, set()).add(r["l"].value)
        for r in self.rows(
            'SELECT ?e ?w WHERE { ?e owl:sameAs ?w FILTER(STRSTARTS(STR(?w), "' + WIKIDATA + '")) }'
        ):
            self.wd[r["e"].value] = r["w"].value.rsplit("/", 1)[-1]

    def rows(self, query: str) -> list:
        return list(self.store.query(PREFIXES + query))

    def doc_ids(self) -> list[str]:
        """The identifiers of the documents (``nif:Context``) in the graph."""
        rows = self.rows(
            "SELECT DISTINCT ?id WHERE { ?doc a nif:Context ; dcterms:identifier ?id }"
        )
        return sorted(r["id"].value for r in rows)

    def entities(self, doc: str, named_only: bool = False) -> dict[str, dict]:
        """Entity nodes with a mention in ``doc``: IRI -> types, type, label, anchors, wd.

        ``named_only`` leaves out generic entities (``ckg:generic true``, "a school"); the
        reference scorer counts them (it is False for every figure of :data:`METRICS`)."""
        generic = "FILTER NOT EXISTS { ?e ckg:generic true }" if named_only else ""
        q = f"""SELECT ?e ?t ?label ?a ?wd WHERE {{
          ?doc dcterms:identifier ?id . FILTER(STR(?id) = {json.dumps(doc)})
          ?e gaf:denotedBy ?m . ?m nif:referenceContext ?doc ; nif:anchorOf ?a .
          ?e a ?t .
          OPTIONAL {{ ?e rdfs:label ?label }}
          OPTIONAL {{ ?e owl:sameAs ?wd
                      FILTER(STRSTARTS(STR(?wd), "http://www.wikidata.org/entity/")) }}
        {generic}}}"""
        ents: dict[str, dict] = {}
        for r in self.rows(q):
            t = _local(r["t"].value)
            if t not in ENTITY_TYPES:
                continue
            e = ents.setdefault(
                r["e"].value, {"types": set(), "label": None, "anchors": set(), "wd": None}
            )
            e["types"].add(t)
            e["label"] = _val(r["label"]) or e["label"]
            e["anchors"].add(r["a"].value)
            if r["wd"] is not None:
                e["wd"] = r["wd"].value.rsplit("/", 1)[-1]
        for e in ents.values():
            specific = e["types"] - {"Place"} or e["types"]
            e["type"] = sorted(specific)[0]
        return ents

    def events(self, doc: str) -> dict[str, dict]:
        """Event nodes with a mention in ``doc``, Denied and Hypothetical ones left out:
        IRI -> type, spans (every mention), places, agents."""
        q = f"""SELECT ?ev ?t ?b ?end ?place ?agent WHERE {{
          ?doc dcterms:identifier ?id . FILTER(STR(?id) = {json.dumps(doc)})
          ?ev gaf:denotedBy ?m .
          ?m nif:referenceContext ?doc ; nif:beginIndex ?b ; nif:endIndex ?end .
          ?ev a ?t .
          OPTIONAL {{ ?ev ckg:place ?place }}
          OPTIONAL {{ ?ev ckg:agent ?agent }}
          FILTER NOT EXISTS {{ ?ev ckg:factuality ?f FILTER(?f IN (ckg:Denied, ckg:Hypothetical)) }}
        }}"""
        evs: dict[str, dict] = {}
        for r in self.rows(q):
            t = _local(r["t"].value)
            if t not in EVENT_TYPES:
                continue
            e = evs.setdefault(
                r["ev"].value, {"type": t, "spans": set(), "places": set(), "agents": set()}
            )
            e["spans"].add((int(r["b"].value), int(r["end"].value)))
            if r["place"] is not None:
                e["places"].add(r["place"].value)
            if r["agent"] is not None:
                e["agents"].add(r["agent"].value)
        return evs

    def statements(self, doc: str) -> dict[str, dict]:
        """Statement nodes with a mention in ``doc``: IRI -> spans, quote, speaker, medium."""
        q = f"""SELECT ?s ?b ?end ?quote ?speaker ?medium WHERE {{
          ?doc dcterms:identifier ?id . FILTER(STR(?id) = {json.dumps(doc)})
          ?s a ckg:Statement ; gaf:denotedBy ?m .
          ?m nif:referenceContext ?doc ; nif:beginIndex ?b ; nif:endIndex ?end .
          OPTIONAL {{ ?s ckg:quote ?quote }}
          OPTIONAL {{ ?s ckg:speaker ?speaker }}
          OPTIONAL {{ ?s ckg:medium ?medium }}
        }}"""
        sts: dict[str, dict] = {}
        for r in self.rows(q):
            s = sts.setdefault(
                r["s"].value, {"spans": set(), "quote": None, "speaker": None, "medium": None}
            )
            s["spans"].add((int(r["b"].value), int(r["end"].value)))
            s["quote"] = _val(r["quote"]) or s["quote"]
            s["speaker"] = _val(r["speaker"]) or s["speaker"]
            s["medium"] = _val(r["medium"]) or s["medium"]
        return sts


def _reader(graph) -> GraphReader:
    return graph if isinstance(graph, GraphReader) else GraphReader(graph)


# --- scoring ------------------------------------------------------------------------------


def score_document(
    graph,
    gold: dict,
    text: str,
    qids: dict[str, str] | None = None,
    *,
    doc_id: str | None = None,
    named_only: bool = False,
) -> dict[str, Any]:
    """Score one document: ``{"doc": id, metric: Counts, ...}`` for every metric of
    :data:`METRICS`.

    ``graph``: a :class:`GraphReader` (reuse one for many documents) or anything it reads;
    ``gold``: a gold dict; ``text``: the exact text the graph was built from; ``qids``: gold
    entity name -> QID for entities whose gold gives none; ``doc_id``: the document's
    identifier in the graph when it is not the gold's ``doc``; ``named_only``: leave
    generic entities out of the entity figures (not a reference figure).
    """
    graph = _reader(graph)
    qids = qids or {}
    doc = doc_id or gold["doc"]
    names = {
        g["name"]: {norm(g["name"])} | set(map(norm, g.get("mentions", [])))
        for g in gold["entities"]
    }
    gold_qid = {g["name"]: g.get("wikidata") or qids.get(g["name"]) for g in gold["entities"]}
    gold_type = {g["name"]: GOLD_TYPE.get(g["type"], g["type"]) for g in gold["entities"]}
    pred = graph.entities(doc, named_only=named_only)

    def refers(iri: str, gold_name: str) -> bool:
        """The predicted entity is the gold one: a label or mention in names, or the QID."""
        surface = {norm(x) for x in graph.labels.get(iri, ())}
        if iri in pred:
            surface |= {norm(a) for a in pred[iri]["anchors"]}
        if gold_name in names and surface & names[gold_name]:
            return True
        qid = graph.wd.get(iri)
        return qid is not None and qid == gold_qid.get(gold_name)

    # entities: greedy one-to-one by shared surface forms, a half point for the right type
    pairs = []
    for pk, p in pred.items():
        surface = {norm(a) for a in p["anchors"]} | ({norm(p["label"])} if p["label"] else set())
        for g in gold["entities"]:
            shared = len(surface & names[g["name"]])
            if shared:
                right_type = p["type"] == gold_type[g["name"]]
                pairs.append((shared + (0.5 if right_type else 0), pk, g["name"]))
    matched = greedy(pairs)
    ent_typed = sum(1 for pk, gk in matched if pred[pk]["type"] == gold_type[gk])

    # links: over matched entities, against the gold QIDs
    link_gold = {name: qid for name, qid in gold_qid.items() if qid}
    link_ok = link_wrong = 0
    for pk, gk in matched:
        if gk in link_gold and pred[pk]["wd"]:
            if pred[pk]["wd"] == link_gold[gk]:
                link_ok += 1
            else:
                link_wrong += 1

    # events: every (event node, span) is one predicted mention; maximum matching
    events = graph.events(doc)
    gold_events = [dict(e, span=find_span(text, e["sentence"])) for e in gold["events"]]
    mentions = [(pk, sp) for pk, p in events.items() for sp in sorted(p["spans"])]

    def event_matches(ok: Callable[[dict, dict], bool]) -> int:
        edges = [
            [
                i
                for i, g in enumerate(gold_events)
                if overlaps({sp}, g["span"]) and ok(events[pk], g)
            ]
            for pk, sp in mentions
        ]
        return max_matching(edges)

    def args_ok(p: dict, g: dict) -> bool:
        if g.get("place") and not any(refers(pl, gp) for pl in p["places"] for gp in g["place"]):
            return False
        return not g.get("agent") or any(refers(a, g["agent"]) for a in p["agents"])

    ev = event_matches(lambda p, g: p["type"] == g["type"])
    ev_lenient = event_matches(lambda p, g: same_group(p["type"], g["type"]))
    ev_args = event_matches(lambda p, g: same_group(p["type"], g["type"]) and args_ok(p, g))

    # statements: sentence overlap or quote Jaccard >= 0.5, greedy by Jaccard
    statements = graph.statements(doc)
    gold_sts = [dict(s, span=find_span(text, s["sentence"])) for s in gold["statements"]]
    pairs = []
    for pk, p in statements.items():
        for i, g in enumerate(gold_sts):
            j = jaccard(p["quote"] or "", g["quote"] or "")
            if overlaps(p["spans"], g["span"]) or j >= 0.5:
                pairs.append((j + 0.1, pk, i))
    st_matched = greedy(pairs)

    def speaker_ok(speaker: str | None, gold_speaker: str | None) -> bool:
        if gold_speaker and speaker:
            return refers(speaker, gold_speaker)
        return not gold_speaker and not speaker

    st_speaker = sum(
        speaker_ok(statements[pk]["speaker"], gold_sts[i].get("speaker")) for pk, i in st_matched
    )

    n_ent, n_gold_ent = len(pred), len(gold["entities"])
    return {
        "doc": gold["doc"],
        "ent": Counts(ent_typed, n_ent, n_gold_ent),
        "ent_untyped": Counts(len(matched), n_ent, n_gold_ent),
        "link": Counts(link_ok, link_ok + link_wrong, len(link_gold)),
        "ev": Counts(ev, len(mentions), len(gold_events)),
        "ev_lenient": Counts(ev_lenient, len(mentions), len(gold_events)),
        "ev_args": Counts(ev_args, len(mentions), len(gold_events)),
        "st": Counts(len(st_matched), len(statements), len(gold_sts)),
        "st_speaker": Counts(st_speaker, len(statements), len(gold_sts)),
    }


def load_qids(path: str | Path) -> dict[str, str]:
    """Gold entity name -> QID from a TSV (header; name, QID, _, "verified" columns)."""
    qids = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) >= 4 and cols[1].startswith("Q") and cols[3].strip() == "verified":
            qids[cols[0]] = cols[1]
    return qids


def score_corpus(
    graph,
    gold_dir: str | Path,
    docs_dir: str | Path,
    qids: dict[str, str] | None = None,
    only: Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    """Score every ``GOLD_DIR/<id>.json`` against the graph, with ``DOCS_DIR/<doc>.txt`` as
    its text (``doc`` is the gold's id); ``only`` keeps the listed documents. One result
    of :func:`score_document` per document, in file-name order."""
    reader = _reader(graph)
    keep = set(only) if only is not None else None
    results = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if keep is not None and gold["doc"] not in keep:
            continue
        text = (Path(docs_dir) / f"{gold['doc']}.txt").read_text(encoding="utf-8")
        results.append(score_document(reader, gold, text, qids))
    return results


# --- the earlier interface ----------------------------------------------------------------

#: the earlier report names of the metrics
LONG_NAMES = {
    "ent_untyped": "entities (untyped)",
    "ent": "entities (typed)",
    "link": "links",
    "ev": "events (exact type)",
    "ev_lenient": "events (lenient type)",
    "ev_args": "events (with arguments)",
    "st": "statements (found)",
    "st_speaker": "statements (with speaker)",
}


@dataclass(frozen=True)
class Score:
    """A named metric's counts, with precision, recall and F1."""

    name: str
    counts: Counts

    @property
    def precision(self) -> float:
        return self.counts.precision

    @property
    def recall(self) -> float:
        return self.counts.recall

    @property
    def f1(self) -> float:
        return self.counts.f1

    def line(self) -> str:
        tp, n_pred, n_gold = self.counts
        return (
            f"{self.name:<28} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"
            f"   ({tp} matched, {n_pred} predicted, {n_gold} gold)"
        )


def score_graph(graph, gold: dict, text: str, doc_id: str | None = None) -> list[Score]:
    """One document's figures under their long names, plus "entities (typed, named)" (the
    typed entity score with generic entities left out). ``doc_id``: the document's id in
    the graph; by default the gold's ``doc``, or the graph's only document."""
    reader = _reader(graph)
    if doc_id is None:
        ids = reader.doc_ids()
        doc_id = ids[0] if gold["doc"] not in ids and len(ids) == 1 else gold["doc"]
    result = score_document(reader, gold, text, doc_id=doc_id)
    named = score_document(reader, gold, text, doc_id=doc_id, named_only=True)
    scores = [Score(LONG_NAMES[m], result[m]) for m in METRICS]
    scores.insert(2, Score("entities (typed, named)", named["ent"]))
    return scores
