"""The scorer (kg.evaluate) on small hand-made graphs, and its agreement with the reference
scorer ``../shared/eval/score.py``: the same counts on the hand-made cases and on the seed
graph the pipeline builds.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from kg.evaluate import (
    METRICS,
    Counts,
    GraphReader,
    jaccard,
    micro,
    norm,
    prf,
    score_corpus,
    score_document,
    score_graph,
)

TEXT = (
    "Russian troops shelled Kharkiv. The attack killed two people. "
    'Zelensky said: "We will hold the city." Russia denied a retreat.'
)


def at(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


class Turtle:
    """A tiny graph of one document in the shape ``kg build`` writes."""

    def __init__(self, doc: str = "d") -> None:
        self.doc = doc
        self.lines = [
            "@prefix ckg: <https://w3id.org/conflict-kg/ontology#> .",
            "@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .",
            "@prefix gaf: <http://groundedannotationframework.org/gaf#> .",
            "@prefix dcterms: <http://purl.org/dc/terms/> .",
            "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
            "@prefix owl: <http://www.w3.org/2002/07/owl#> .",
            "@prefix ex: <http://example.org/> .",
            f'ex:doc_{doc} a nif:Context ; dcterms:identifier "{doc}" .',
        ]

    def _mentions(self, node: str, spans) -> None:
        for b, e in spans:
            m = f"ex:m_{self.doc}_{b}_{e}"
            self.lines.append(f"{node} gaf:denotedBy {m} .")
            self.lines.append(
                f"{m} nif:referenceContext ex:doc_{self.doc} ; nif:beginIndex {b} ; "
                f"nif:endIndex {e} ; nif:anchorOf {json.dumps(TEXT[b:e])} ."
            )

    def entity(self, key, type_, label, *spans, qid=None) -> Turtle:
        node = f"ex:{key}"
        self.lines.append(f"{node} a ckg:{type_} ; rdfs:label {json.dumps(label)} .")
        if qid:
            self.lines.append(f"{node} owl:sameAs <http://www.wikidata.org/entity/{qid}> .")
        self._mentions(node, spans)
        return self

    def event(self, key, type_, *spans, agent=None, places=(), factuality=None) -> Turtle:
        node = f"ex:{key}"
        self.lines.append(f"{node} a ckg:{type_} .")
        if agent:
            self.lines.append(f"{node} ckg:agent ex:{agent} .")
        for place in places:
            self.lines.append(f"{node} ckg:place ex:{place} .")
        if factuality:
            self.lines.append(f"{node} ckg:factuality ckg:{factuality} .")
        self._mentions(node, spans)
        return self

    def statement(self, key, span, quote, speaker=None) -> Turtle:
        node = f"ex:{key}"
        self.lines.append(f"{node} a ckg:Statement ; ckg:quote {json.dumps(quote)} .")
        if speaker:
            self.lines.append(f"{node} ckg:speaker ex:{speaker} .")
        self._mentions(node, [span])
        return self

    def write(self, path: Path) -> Path:
        path.write_text("\n".join(self.lines) + "\n", encoding="utf-8")
        return path


SENTENCES = [
    "Russian troops shelled Kharkiv.",
    "The attack killed two people.",
    'Zelensky said: "We will hold the city."',
]


def gold(events=None, statements=None, entities=None) -> dict:
    return {
        "doc": "d",
        "entities": entities
        if entities is not None
        else [
            {
                "name": "Russian Armed Forces",
                "type": "MilitaryUnit",
                "mentions": ["Russian troops"],
            },
            {"name": "Kharkiv", "type": "Settlement", "mentions": ["Kharkiv"]},
            {
                "name": "Volodymyr Zelensky",
                "type": "Person",
                "mentions": ["Zelensky"],
                "wikidata": "Q3874799",
            },
        ],
        "events": events
        if events is not None
        else [
            {
                "type": "Shelling",
                "trigger": "shelled",
                "sentence": SENTENCES[0],
                "agent": "Russian Armed Forces",
                "place": ["Kharkiv"],
            },
            {
                "type": "Casualties",
                "trigger": "killed",
                "sentence": SENTENCES[1],
                "agent": None,
                "place": [],
            },
        ],
        "statements": statements
        if statements is not None
        else [
            {
                "speaker": "Volodymyr Zelensky",
                "quote": "We will hold the city.",
                "sentence": SENTENCES[2],
            }
        ],
    }


def base(kharkiv_type="Settlement", shelling="Shelling", agent="raf", speaker="zel") -> Turtle:
    """The right graph for :func:`gold`, with one thing changed at a time."""
    return (
        Turtle()
        .entity("raf", "MilitaryUnit", "Russian Armed Forces", at("Russian troops"))
        .entity("kharkiv", kharkiv_type, "Kharkiv", at("Kharkiv"))
        .entity("zel", "Person", "Volodymyr Zelensky", at("Zelensky"), qid="Q3874799")
        .event("e1", shelling, at("shelled"), agent=agent, places=["kharkiv"])
        .event("e2", "Casualties", at("killed"))
        .statement("s1", at("We will hold the city."), "We will hold the city.", speaker=speaker)
    )


@pytest.fixture
def score(tmp_path):
    """Score a hand-made graph: kg.evaluate's result for document "d"."""

    def run(graph: Turtle, gold_: dict) -> dict:
        return score_document(graph.write(tmp_path / "g.ttl"), gold_, TEXT)

    return run


def f1(result: dict) -> dict[str, float]:
    return {m: round(result[m].f1, 3) for m in METRICS}


# --- helpers ------------------------------------------------------------------------------


def test_prf_and_micro():
    assert prf(0, 0, 0) == (1.0, 1.0, 1.0)  # nothing to find, nothing claimed
    assert prf(0, 2, 0) == (0.0, 1.0, 0.0)
    assert prf(0, 0, 3) == (0.0, 0.0, 0.0)
    assert Counts(2, 4, 2).f1 == pytest.approx(2 / 3)
    docs = [{m: Counts(1, 2, 3) for m in METRICS}, {m: Counts(1, 1, 1) for m in METRICS}]
    assert micro(docs)["ev"] == (2, 3, 4)


def test_norm_and_jaccard():
    assert norm("The Russians'") == norm("russians") == "russians"
    assert norm("Ukraine's") == norm("“Ukraine”") == "ukraine"
    assert jaccard("We will hold the city.", "we will hold the city") == 1.0
    assert jaccard("We will hold the city.", "hold the line") == pytest.approx(2 / 6)
    assert jaccard("", "") == 0.0


# --- hand-made cases ----------------------------------------------------------------------


def test_exact_match_scores_one(score):
    result = score(base(), gold())
    assert f1(result) == {m: 1.0 for m in METRICS}
    assert result["ent"] == (3, 3, 3)
    assert result["link"] == (1, 1, 1)
    assert result["ev"] == (2, 2, 2)
    assert result["st_speaker"] == (1, 1, 1)


def test_wrong_entity_type_counts_untyped_only(score):
    result = score(base(kharkiv_type="Region"), gold())
    assert result["ent_untyped"] == (3, 3, 3)
    assert result["ent"] == (2, 3, 3)


def test_place_and_specific_type_counts_as_the_specific_one(score):
    graph = base().entity("kharkiv", "Place", "Kharkiv")  # a second type on the same node
    assert score(graph, gold())["ent"] == (3, 3, 3)


def test_event_of_the_same_group_is_lenient_not_exact(score):
    result = score(base(shelling="Attack"), gold())
    assert result["ev"] == (1, 2, 2)
    assert result["ev_lenient"] == (2, 2, 2)
    assert result["ev_args"] == (2, 2, 2)


def test_event_of_another_group_is_no_match(score):
    result = score(base(shelling="Capture"), gold())
    assert result["ev_lenient"] == (1, 2, 2)


def test_two_mentions_of_one_event_node_both_count(score):
    graph = base()
    graph.event("e1", "Shelling", at("attack"))  # "the attack" is a second mention of e1
    events = gold()["events"] + [
        {
            "type": "Attack",
            "trigger": "attack",
            "sentence": SENTENCES[1],
            "agent": None,
            "place": [],
        }
    ]
    result = score(graph, gold(events=events))
    assert result["ev_lenient"] == (3, 3, 3)
    assert result["ev"] == (2, 3, 3)  # "attack" is an Attack, the node a Shelling


def test_one_mention_matches_one_gold_event_only(score):
    events = gold()["events"] + [dict(gold()["events"][0], trigger="Kharkiv")]
    result = score(base(), gold(events=events))
    assert result["ev_lenient"] == (2, 2, 3)


def test_denied_and_hypothetical_events_are_left_out(score):
    graph = base()
    graph.event("e3", "Withdrawal", at("retreat"), factuality="Denied")
    graph.event("e4", "Attack", at("attack"), factuality="Hypothetical")
    result = score(graph, gold())
    assert result["ev"] == (2, 2, 2)
    graph.event("e5", "Withdrawal", at("retreat"), factuality="Asserted")
    assert score(graph, gold())["ev"] == (2, 3, 2)


def test_wrong_agent_fails_args_not_lenient(score):
    result = score(base(agent="zel"), gold())
    assert result["ev_lenient"] == (2, 2, 2)
    assert result["ev_args"] == (1, 2, 2)
    result = score(base(agent=None), gold())  # no agent where the gold gives one
    assert result["ev_args"] == (1, 2, 2)


def test_agent_right_through_a_mention_in_the_document(score):
    graph = (
        Turtle()
        .entity("rus", "MilitaryUnit", "Russian Ground Forces", at("Russian troops"))
        .entity("kharkiv", "Settlement", "Kharkiv", at("Kharkiv"))
        .event("e1", "Shelling", at("shelled"), agent="rus", places=["kharkiv"])
    )
    result = score(graph, gold(statements=[]))
    assert result["ev_args"] == (1, 1, 2)


def test_speaker_through_a_mention_or_qid_versus_another_entity(score):
    # the speaker node's label is not the gold name, but its mention "Zelensky" is
    graph = base(speaker="zel2").entity("zel2", "Person", "President", at("Zelensky"))
    assert score(graph, gold())["st_speaker"] == (1, 1, 1)
    # no mention, another label, but the gold QID
    graph = base(speaker="zel3").entity("zel3", "Person", "President", qid="Q3874799")
    assert score(graph, gold())["st_speaker"] == (1, 1, 1)
    # another entity: the statement is found, its speaker is wrong
    result = score(base(speaker="raf"), gold())
    assert result["st"] == (1, 1, 1)
    assert result["st_speaker"] == (0, 1, 1)
    # no speaker where the gold gives one is wrong; none where the gold gives none is right
    assert score(base(speaker=None), gold())["st_speaker"] == (0, 1, 1)
    no_speaker = [dict(gold()["statements"][0], speaker=None)]
    assert score(base(speaker=None), gold(statements=no_speaker))["st_speaker"] == (1, 1, 1)


def test_statement_found_by_quote_jaccard(score):
    other_sentence = at("Russia denied a retreat.")  # no overlap with the gold sentence
    graph = Turtle().statement("s1", other_sentence, "we will hold")  # Jaccard 3/5
    assert score(graph, gold(events=[], entities=[]))["st"] == (1, 1, 1)
    graph = Turtle().statement("s1", other_sentence, "hold the line")  # Jaccard 2/6
    assert score(graph, gold(events=[], entities=[]))["st"] == (0, 1, 1)


def test_link_right_and_wrong(score):
    graph = base()
    graph.lines.append("ex:kharkiv owl:sameAs <http://www.wikidata.org/entity/Q42> .")
    g = gold()
    g["entities"][1]["wikidata"] = "Q42"
    assert score(graph, g)["link"] == (2, 2, 2)
    g["entities"][1]["wikidata"] = "Q1"
    assert score(graph, g)["link"] == (1, 2, 2)


def test_other_documents_do_not_count(tmp_path):
    path = base().write(tmp_path / "g.ttl")
    other = Turtle(doc="e").entity("x", "Country", "Ukraine", at("Kharkiv"))
    with path.open("a", encoding="utf-8") as f:
        f.write("\n".join(other.lines[7:]) + "\n")
    reader = GraphReader(path)
    assert reader.doc_ids() == ["d", "e"]
    assert score_document(reader, gold(), TEXT)["ent"] == (3, 3, 3)


def test_score_corpus_and_score_graph(tmp_path):
    path = base().write(tmp_path / "g.ttl")
    (tmp_path / "gold").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "gold" / "d.json").write_text(json.dumps(gold()), encoding="utf-8")
    (tmp_path / "docs" / "d.txt").write_text(TEXT, encoding="utf-8")
    [result] = score_corpus(path, tmp_path / "gold", tmp_path / "docs")
    assert result["doc"] == "d" and f1(result) == {m: 1.0 for m in METRICS}
    assert score_corpus(path, tmp_path / "gold", tmp_path / "docs", only=["x"]) == []
    # the long-named figures, the graph's only document found whatever the gold calls it
    figures = {s.name: s.f1 for s in score_graph(path, dict(gold(), doc="seed"), TEXT)}
    assert figures["events (with arguments)"] == figures["entities (typed, named)"] == 1.0


# --- agreement with the reference scorer --------------------------------------------------


def reference(shared: Path):
    spec = importlib.util.spec_from_file_location("reference_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HAND_MADE = {
    "exact": (base(), gold()),
    "region": (base(kharkiv_type="Region"), gold()),
    "attack": (base(shelling="Attack"), gold()),
    "wrong agent": (base(agent="zel"), gold()),
    "wrong speaker": (base(speaker="raf"), gold()),
    "no speaker": (base(speaker=None), gold()),
    "denied": (base().event("e3", "Withdrawal", at("retreat"), factuality="Denied"), gold()),
    "two mentions": (base().event("e1", "Shelling", at("attack")), gold()),
    "jaccard": (
        Turtle().statement("s1", at("Russia denied a retreat."), "we will hold"),
        gold(events=[]),
    ),
}


@pytest.mark.parametrize("case", sorted(HAND_MADE))
def test_reference_agrees_on_hand_made_cases(shared, tmp_path, case):
    graph, gold_ = HAND_MADE[case]
    path = graph.write(tmp_path / "g.ttl")
    expected = reference(shared).score_doc(reference(shared).Graph(str(path)), gold_, TEXT, {})
    got = score_document(path, gold_, TEXT)
    assert {m: tuple(got[m]) for m in METRICS} == {m: tuple(expected[m]) for m in METRICS}


@pytest.mark.slow
def test_reference_agrees_on_the_seed_graph(shared, seed_ttl, seed_text):
    ref = reference(shared)
    gold_ = json.loads((shared / "gold" / "seed.json").read_text(encoding="utf-8"))
    doc_ids = GraphReader(seed_ttl).doc_ids()
    assert len(doc_ids) == 1
    gold_ = dict(gold_, doc=doc_ids[0])  # the reference looks the gold's id up in the graph
    expected = ref.score_doc(ref.Graph(str(seed_ttl)), gold_, seed_text, {})
    got = score_document(seed_ttl, gold_, seed_text)
    assert {m: tuple(got[m]) for m in METRICS} == {m: tuple(expected[m]) for m in METRICS}
    assert got["ev"].n_gold == len(gold_["events"]) and got["ev"].tp > 0
