"""The linker: ambiguity cases, type filtering, context, thresholds, seed floors, and
one Link per real entity across the documents of a run."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path

import pytest

from kg.link import link_extractions
from kg.link.kb import KbEntry, KnowledgeBase, bundled_kb
from kg.link.linker import Linker, LinkerConfig
from kg.types import Entity, Extraction, SourceDoc, Span

ROOT = Path(__file__).resolve().parent.parent
AMBIGUITY = json.loads((ROOT / "tests" / "data" / "link" / "ambiguity.json").read_text())


def _bench():
    spec = importlib.util.spec_from_file_location(
        "bench_link", ROOT / "benchmarks" / "bench_link.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def doc(text: str, *ents: tuple[str, str], doc_id: str = "d") -> Extraction:
    """An Extraction whose entities are the given (name, type) at their first mention."""
    out = []
    for i, (name, type_) in enumerate(ents):
        start = text.index(name)
        out.append(Entity(f"e{i}", type_, name, (Span(start, start + len(name), name),)))  # type: ignore[arg-type]
    return Extraction(SourceDoc(doc_id, text), tuple(out))


def qids(ext: Extraction) -> list[str | None]:
    return [e.link.qid if e.link else None for e in ext.entities]


@pytest.mark.parametrize("case", AMBIGUITY, ids=[c["id"] for c in AMBIGUITY])
def test_ambiguity_case(case):
    exts, expected = _bench().ambiguity_extractions()
    pos = [c["id"] for c in AMBIGUITY].index(case["id"])
    linked = link_extractions([exts[pos]])[0]
    for ent, want in zip(linked.entities, expected[pos], strict=True):
        if want != "*":
            got = ent.link.qid if ent.link else None
            assert got == want, f"{ent.label} ({ent.type}) -> {got}, expected {want}"


def test_lyman_needs_context():
    assert qids(
        link_extractions([doc("Lyman was quiet on Sunday.", ("Lyman", "Settlement"))])[0]
    ) == [None]


def test_type_must_agree_settlement_region_river():
    text = "Kharkiv, the Kharkiv region and the Oskil river."
    linked = link_extractions([doc(text, ("Kharkiv", "River"), ("Kharkiv region", "River"))])[0]
    assert qids(linked) == [None, None]
    # a city typed Person or River never links
    linked = link_extractions(
        [doc("Kharkiv and Izium.", ("Kharkiv", "Person"), ("Izium", "River"))]
    )[0]
    assert qids(linked) == [None, None]


def test_link_carries_label_coordinates_and_geonames():
    linked = link_extractions([doc("Heavy fighting near Izyum.", ("Izyum", "Settlement"))])[0]
    link = linked.entities[0].link
    assert link is not None and link.qid == "Q544003" and link.label == "Izium"
    assert 0.0 < link.confidence <= 1.0
    assert abs(link.lat - 49.21) < 0.05 and abs(link.lon - 37.27) < 0.05
    assert link.geonames == "707292"


def test_people_get_no_coordinates():
    linked = link_extractions([doc("Zelensky spoke.", ("Zelensky", "Person"))])[0]
    link = linked.entities[0].link
    assert link is not None and link.qid == "Q3874799" and link.lat is None


def test_generic_entities_are_left_alone():
    ent = Entity("e1", "Settlement", "Kharkiv", (Span(0, 7, "Kharkiv"),), generic=True)
    linked = link_extractions([Extraction(SourceDoc("d", "Kharkiv"), (ent,))])[0]
    assert linked.entities[0].link is None


def test_threshold_links_nothing_when_unsure():
    strict = LinkerConfig(threshold=0.999)
    kb = bundled_kb()
    ext = doc("Balakliya fell.", ("Balakliya", "Settlement"))
    assert qids(Linker(kb, strict).link_all([ext])[0]) == [None]
    assert qids(Linker(kb).link_all([ext])[0]) == ["Q986263"]


def test_best_candidate_without_qid_links_nothing():
    kb = KnowledgeBase(
        [
            KbEntry(
                id="x:1", type="Settlement", kind="settlement", label="Testove", population=90000
            ),
            KbEntry(id="Q1", qid="Q1", type="Settlement", kind="settlement", label="Testove"),
        ]
    )
    assert qids(link_extractions([doc("In Testove.", ("Testove", "Settlement"))], kb)[0]) == [None]


def test_same_entity_same_link_across_documents():
    a = doc("Fighting in Lyman, Donetsk Oblast, went on.", ("Lyman", "Settlement"), doc_id="a")
    b = doc("Lyman was shelled again.", ("Lyman", "Settlement"), doc_id="b")
    c = doc(
        "Kharkiv was quiet; Izium too.",
        ("Kharkiv", "Settlement"),
        ("Izium", "Settlement"),
        doc_id="c",
    )
    d = doc("In Izyum, a school was hit.", ("Izyum", "Settlement"), doc_id="d")
    la, lb, lc, ld = link_extractions([a, b, c, d])
    assert la.entities[0].link.qid == "Q2234641"
    # b alone is ambiguous, but the run names that Lyman elsewhere and b's best guess agrees
    assert lb.entities[0].link == la.entities[0].link
    assert lc.entities[1].link == ld.entities[0].link  # one Link object value per QID


def test_unlinked_run_link_not_adopted_across_types():
    a = doc("Fighting in Lyman, Donetsk Oblast.", ("Lyman", "Settlement"), doc_id="a")
    b = doc("Lyman said the talks failed.", ("Lyman", "Person"), doc_id="b")
    _, lb = link_extractions([a, b])
    assert lb.entities[0].link is None


def test_links_are_new_objects_and_input_untouched():
    ext = doc("Kherson was freed.", ("Kherson", "Settlement"))
    linked = link_extractions([ext])[0]
    assert ext.entities[0].link is None and linked.entities[0].link is not None
    assert linked.doc is ext.doc


def test_seed_gold_mentions_floor(shared, seed_text):
    bench = _bench()
    gold = bench.gold_expectations(shared)
    linked = link_extractions([bench.gold_extraction(seed_text, gold)])[0]
    score = bench.score_gold(linked, gold)
    assert score["verifiable"] >= 10
    assert score["precision"] >= 0.98, score["wrong"]
    assert score["recall"] >= 0.95, score["missed"]


@pytest.mark.slow
def test_seed_extracted_entities_floor(nlp, shared, seed_text):
    from kg.extract import extract

    bench = _bench()
    gold = bench.gold_expectations(shared)
    extracted = extract(SourceDoc(id="seed", text=seed_text, date=dt.date(2022, 9, 9)), nlp)
    score = bench.score_extracted(link_extractions([extracted])[0], gold)
    assert score["precision"] >= 0.9, score["wrong"]
    assert score["recall"] >= 0.7, score["missed"]


@pytest.mark.slow
def test_own_sentences_through_extraction(nlp):
    from kg.extract import extract

    texts = [
        "Ukrainian forces retook Kupyansk and pushed on towards Lyman in Donetsk Oblast.",
        "Shelling was reported overnight in Kherson, the regional administration said.",
    ]
    docs = [SourceDoc(id=f"t{i}", text=t) for i, t in enumerate(texts)]
    linked = link_extractions([extract(d, nlp) for d in docs])
    found = {e.link.qid for ext in linked for e in ext.entities if e.link}
    assert {"Q889555", "Q156732"} <= found
    assert all(e.link.qid != "Q4261670" for ext in linked for e in ext.entities if e.link)
