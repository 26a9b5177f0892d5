"""Score a built graph against gold annotations (the format of ``shared/gold/seed.json``).

Matching follows the gold README:

- an entity matches when one of its mention strings or its label equals a gold mention
  or name (case- and punctuation-insensitive); typed, when its type is the gold type too;
- an event matches when its trigger lies inside the gold sentence and its type equals
  the gold type (lenient: the same type group); "with arguments" when its place and
  agent match too: the agent matches the gold agent (no agent where the gold has none),
  and, where the gold names places, one of the event's places is one of them;
- a statement matches when its mention overlaps the gold sentence (or its quote shares
  half its words); "with speaker" when the speaker matches too.

Matching is one-to-one (a maximum matching), so a duplicate never counts twice.
Everything is read from the graph itself, so this measures what users get. Entities are
scored twice: all of them, and only the named ones (the gold does not annotate generic
common-noun facilities such as "a school", which the graph marks ``ckg:generic true``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from .extract import lexicon
from .ontology import CKG, GAF, NIF
from .types import ENTITY_TYPES, EVENT_TYPES

#: Event types that count as one in lenient matching (the ``group`` column of
#: ``kg/data/lexicon/event_types.tsv``).
TYPE_GROUPS = [set(group) for group in lexicon.groups("event_types", "group")]


def norm(text: str) -> str:
    """Case- and punctuation-insensitive form of a name."""
    text = text.replace("\u2019", "'").lower()
    text = re.sub(r"'s\b", "", text)
    return re.sub(r"[\W_]+", " ", text).strip()


def same_group(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in TYPE_GROUPS)


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 from counts."""

    name: str
    tp_pred: int  # predictions that matched
    n_pred: int
    tp_gold: int  # gold items that were matched
    n_gold: int

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return (
            f"{self.name:<28} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"
            f"   ({self.tp_pred}/{self.n_pred} predicted, {self.tp_gold}/{self.n_gold} gold)"
        )


@dataclass
class _Node:
    iri: str
    type: str
    names: set[str]  # normalised label, alt labels and mention strings
    spans: list[tuple[int, int]]
    extra: dict


def _names(graph: Graph, node) -> set[str]:
    names = {str(o) for o in graph.objects(node, RDFS.label)}
    names |= {str(o) for o in graph.objects(node, SKOS.altLabel)}
    for mention in graph.objects(node, GAF.denotedBy):
        names |= {str(o) for o in graph.objects(mention, NIF.anchorOf)}
    return {norm(n) for n in names if norm(n)}


def _spans(graph: Graph, node, context: URIRef | None) -> list[tuple[int, int]]:
    spans = []
    for mention in graph.objects(node, GAF.denotedBy):
        if context is not None and (mention, NIF.referenceContext, context) not in graph:
            continue
        begin = graph.value(mention, NIF.beginIndex)
        end = graph.value(mention, NIF.endIndex)
        if begin is not None and end is not None:
            spans.append((int(begin), int(end)))
    return sorted(spans)


def _nodes(graph: Graph, types: Iterable[str], context: URIRef | None) -> list[_Node]:
    out = []
    for type_ in types:
        for node in sorted(set(graph.subjects(RDF.type, CKG[type_]))):
            spans = _spans(graph, node, context)
            if context is not None and not spans:
                continue
            out.append(_Node(str(node), type_, _names(graph, node), spans, {}))
    return out


def _match(preds: list, golds: list, ok: Callable[[object, object], bool]) -> tuple[int, int]:
    """Maximum one-to-one matching (Kuhn's augmenting paths); returns (matched, matched)."""
    edges = [[j for j, gold in enumerate(golds) if ok(pred, gold)] for pred in preds]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    hits = sum(augment(i, set()) for i in range(len(preds)))
    return hits, hits


def _find_sentence(text: str, sentence: str) -> tuple[int, int]:
    start = text.find(sentence)
    if start < 0:  # tolerate whitespace differences
        pattern = r"\s+".join(map(re.escape, sentence.split()))
        match = re.search(pattern, text)
        if not match:
            return (-1, -1)
        return match.span()
    return (start, start + len(sentence))


def score_graph(graph: Graph, gold: dict, text: str, doc_id: str | None = None) -> list[Score]:
    """All scores of one document of ``graph`` against ``gold`` (a seed.json dict)."""
    context = None
    if doc_id is not None:
        for node in graph.subjects(RDF.type, NIF.Context):
            if str(graph.value(node, URIRef("http://purl.org/dc/terms/identifier"))) == doc_id:
                context = node
    gold_names = {g["name"]: {norm(g["name"]), *map(norm, g["mentions"])} for g in gold["entities"]}

    def gold_type(g: dict) -> str:
        return "Place" if g["type"] == "OtherPlace" else g["type"]

    def names_match(node_names: set[str], gold_name: str | None) -> bool:
        if gold_name is None:
            return False
        return bool(node_names & gold_names.get(gold_name, {norm(gold_name)}))

    # entities
    entities = _nodes(graph, ENTITY_TYPES, context)
    by_iri = {e.iri: e for e in entities}
    golds = gold["entities"]
    untyped = _match(entities, golds, lambda e, g: names_match(e.names, g["name"]))
    typed = _match(
        entities, golds, lambda e, g: e.type == gold_type(g) and names_match(e.names, g["name"])
    )
    named = [e for e in entities if (URIRef(e.iri), CKG.generic, None) not in graph]
    named_typed = _match(
        named, golds, lambda e, g: e.type == gold_type(g) and names_match(e.names, g["name"])
    )
    scores = [
        Score("entities (untyped)", untyped[0], len(entities), untyped[1], len(golds)),
        Score("entities (typed)", typed[0], len(entities), typed[1], len(golds)),
        Score("entities (typed, named)", named_typed[0], len(named), named_typed[1], len(golds)),
    ]

    # events
    events = _nodes(graph, EVENT_TYPES, context)
    for event in events:
        node = URIRef(event.iri)
        event.extra["agent"] = [by_iri.get(str(a)) for a in graph.objects(node, CKG.agent)]
        event.extra["places"] = [by_iri.get(str(p)) for p in graph.objects(node, CKG.place)]
    for g in gold["events"]:
        g["_span"] = _find_sentence(text, g["sentence"])

    def inside(event: _Node, g: dict) -> bool:
        b, e = g["_span"]
        return any(b <= s and t <= e for s, t in event.spans)

    def args_ok(event: _Node, g: dict) -> bool:
        agents = [a for a in event.extra["agent"] if a is not None]
        if g.get("agent"):
            if not any(names_match(a.names, g["agent"]) for a in agents):
                return False
        elif agents:
            return False
        places = [p for p in event.extra["places"] if p is not None]
        wanted = g.get("place") or []
        return not wanted or any(names_match(p.names, w) for p in places for w in wanted)

    golds = gold["events"]
    exact = _match(events, golds, lambda e, g: inside(e, g) and e.type == g["type"])
    lenient = _match(events, golds, lambda e, g: inside(e, g) and same_group(e.type, g["type"]))
    with_args = _match(
        events,
        golds,
        lambda e, g: inside(e, g) and same_group(e.type, g["type"]) and args_ok(e, g),
    )
    n = len(events)
    scores += [
        Score("events (exact type)", exact[0], n, exact[1], len(golds)),
        Score("events (lenient type)", lenient[0], n, lenient[1], len(golds)),
        Score("events (with arguments)", with_args[0], n, with_args[1], len(golds)),
    ]

    # statements
    statements = []
    for node in sorted(set(graph.subjects(RDF.type, CKG.Statement))):
        spans = _spans(graph, node, context)
        if context is not None and not spans:
            continue
        speaker = graph.value(node, CKG.speaker)
        stmt = _Node(str(node), "Statement", set(), spans, {})
        stmt.extra["quote"] = str(graph.value(node, CKG.quote) or "")
        stmt.extra["speaker"] = by_iri.get(str(speaker)) if speaker is not None else None
        statements.append(stmt)
    for g in gold["statements"]:
        g["_span"] = _find_sentence(text, g["sentence"])

    def words(text: str) -> set[str]:
        return set(norm(text).split())

    def found(s: _Node, g: dict) -> bool:
        b, e = g["_span"]
        if any(x < e and b < y for x, y in s.spans):
            return True
        gw, sw = words(g["quote"]), words(s.extra["quote"])
        return bool(gw) and len(gw & sw) >= len(gw) / 2

    def speaker_ok(s: _Node, g: dict) -> bool:
        speaker = s.extra["speaker"]
        if g.get("speaker") is None:
            return speaker is None
        return speaker is not None and names_match(speaker.names, g["speaker"])

    golds = gold["statements"]
    hit = _match(statements, golds, found)
    spk = _match(statements, golds, lambda s, g: found(s, g) and speaker_ok(s, g))
    n = len(statements)
    scores += [
        Score("statements (found)", hit[0], n, hit[1], len(golds)),
        Score("statements (with speaker)", spk[0], n, spk[1], len(golds)),
    ]
    return scores


def sum_scores(runs: Iterable[list[Score]]) -> list[Score]:
    """Micro-average: the counts of each score summed over several documents' runs."""
    total: dict[str, list[int]] = {}
    for scores in runs:
        for s in scores:
            counts = total.setdefault(s.name, [0, 0, 0, 0])
            for i, value in enumerate((s.tp_pred, s.n_pred, s.tp_gold, s.n_gold)):
                counts[i] += value
    return [Score(name, *counts) for name, counts in total.items()]


def score_files(graph_path: Path, gold_path: Path, text_path: Path, doc_id: str | None = None):
    graph = Graph()
    graph.parse(graph_path)
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    text = Path(text_path).read_text(encoding="utf-8")
    return score_graph(graph, gold, text, doc_id)
