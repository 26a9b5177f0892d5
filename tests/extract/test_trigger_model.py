"""The trained trigger model: its rule on hand-made parses (no model), the shipped model
loaded for real, and the training data conversion."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kg.errors import ModelError
from kg.extract import trigger_model as tm
from kg.extract.events import triggers as tr
from kg.types import EVENT_TYPES
from tests.extract.events.sites import on

ROOT = Path(__file__).resolve().parents[2]

# "sought" is in no lexicon: the rules pass on it, the model may decide
SOUGHT = """
Rebels     NNS  nsubj 1  rebel
sought     VBD  ROOT  1  seek
refuge     NN   dobj  1  refuge
.          .    punct 1
"""


def scored(doc, j: int, label: str, score: float) -> None:
    """Set what the model component sets: token ``j`` scored, the others at 0."""
    doc.user_data[tm.SCORES] = [(label, score) if k == j else ("", 0.0) for k in range(len(doc))]


def marked(table: str, i: int, label: str, score: float, at: int | None = None):
    """The rule's arguments for token ``i`` with the model's score on token ``at``."""
    token, resolver, para = on(table, i)
    scored(para.doc, i if at is None else at, label, score)
    return token, resolver, para


def test_trained_model():
    found = tr.trained_model(*marked(SOUGHT, 1, "Other", 0.9))
    assert found is not None
    typ, toks, conf = found
    assert (typ, [t.text for t in toks], conf) == ("Other", ["sought"], 0.5)
    # below the threshold, on another token, or with no model run: no trigger
    assert tr.trained_model(*marked(SOUGHT, 1, "Other", tm.THRESHOLD - 0.01)) is None
    assert tr.trained_model(*marked(SOUGHT, 1, "Other", 0.9, at=2)) is None
    assert tr.trained_model(*on(SOUGHT, 1)) is None


def test_trained_model_comes_last_and_the_rules_decide_first():
    assert tr.TRIGGER.rules[-1].func is tr.trained_model
    # the model marks "sought": no rule types it, so the model's rule decides
    decision = tr.find_trigger(*marked(SOUGHT, 1, "Other", 0.9))
    assert decision is not None and decision.rule == "events.trigger.trained_model"
    # the model marks the full stop: a rule refuses it first
    decision = tr.find_trigger(*marked(SOUGHT, 3, "Attack", 0.99))
    assert decision is not None and decision.value is None
    assert decision.rule == "events.trigger.not_a_content_word"
    # the model calls "shelled" an AirStrike: the lexicon's verb rule decides it
    decision = tr.find_trigger(*marked(tr_table(), 2, "AirStrike", 0.99))
    assert decision.value[0] == "Shelling" and decision.rule != "events.trigger.trained_model"


def tr_table() -> str:
    from tests.extract.events.test_triggers import FORCES_SHELLED

    return FORCES_SHELLED


def test_doubted_by_model(monkeypatch):
    from kg.extract.events.builder import Candidate, doubted_by_model

    token, _, para = on(tr_table(), 2)
    cand = Candidate(token, "Shelling", (token,), {2: "Shelling"}, {})
    monkeypatch.setattr(tm, "VETO", 0.1)
    assert doubted_by_model(cand) is None  # the model did not run
    scored(para.doc, 2, "Shelling", 0.05)
    assert doubted_by_model(cand) is True
    scored(para.doc, 2, "Shelling", 0.5)
    assert doubted_by_model(cand) is None
    scored(para.doc, 2, "Shelling", 0.05)
    monkeypatch.setattr(tm, "VETO", 0.0)  # off: the default
    assert doubted_by_model(cand) is None


def test_a_missing_model_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="trigger model"):
        tm.TriggerModel(str(tmp_path / "nowhere"))


@pytest.mark.slow
def test_the_shipped_model_marks_triggers():
    from kg.extract.nlp import load_nlp

    assert (tm.MODEL_DIR / "trigger_model" / "model").is_file()
    nlp = load_nlp(None, "shipped")
    assert nlp.pipe_names[-1] == "ckg_trigger_model"
    doc = nlp("Russian forces shelled the village on Monday, killing three civilians.")
    group = doc.spans[tm.SPANS_KEY]
    assert all(s.end - s.start == 1 and s.label_ in EVENT_TYPES for s in group)
    best = doc.user_data[tm.SCORES]
    assert len(best) == len(doc) and all(0.0 <= p <= 1.0 for _, p in best)
    assert {s.text for s in group} == {t.text for t in doc if best[t.i][1] >= tm.THRESHOLD}
    found = {s.text: s.label_ for s in group}
    assert found.get("shelled") == "Shelling" and found.get("killing") == "Casualties"
    assert "village" not in found and "Monday" not in found


def test_an_event_of_the_model_records_its_rule():
    from kg.extract.entities import find_entities
    from kg.extract.events.builder import Builder
    from tests.extract.handmade import parsed

    p = parsed(SOUGHT)
    scored(p.paragraphs[0].doc, 1, "Other", 0.8)
    found = Builder(p, find_entities(p), []).paragraph(p.paragraphs[0], {})
    assert [(f.event.type, f.event.trigger.text, f.event.rule) for f in found] == [
        ("Other", "sought", "events.trigger.trained_model")
    ]


def test_trigger_offsets_take_the_nth_occurrence_in_the_sentence():
    sys.path.insert(0, str(ROOT / "scripts"))
    import trigger_data

    text = "Title\nTwo were killed and one killed later. Peace."
    events = [
        {
            "type": "Casualties",
            "trigger": "killed",
            "sentence": "Two were killed and one killed later.",
        },
        {
            "type": "Casualties",
            "trigger": "killed",
            "sentence": "Two were killed and one killed later.",
        },
        {"type": "Other", "trigger": "absent", "sentence": "Peace."},
    ]
    got = trigger_data.trigger_offsets(text, events)
    assert [(text[s:e], t) for s, e, t in got] == [("killed", "Casualties")] * 2
    assert got[0][0] == text.index("killed") and got[1][0] == text.rindex("killed")


# "evacuate wounded men": the casualty rule passes on "wounded" (victims described)
WOUNDED_MEN = """
They      PRP  nsubj 1  they
evacuated VBD  ROOT  1  evacuate
wounded   JJ   amod  3  wounded
men       NNS  dobj  1  man
"""


def test_trained_model_leaves_the_words_the_rules_know():
    assert "wounded" in tr.known_words() and "seek" not in tr.known_words()
    assert tr.trained_model(*marked(WOUNDED_MEN, 2, "Casualties", 0.99)) is None


def test_trained_model_leaves_modifiers():
    table = """
They     PRP  nsubj 1  they
cleared  VBD  ROOT  1  clear
a        DT   det   4
retaken  JJ   amod  4  retake
town     NN   dobj  1
"""
    assert tr.trained_model(*marked(table, 3, "Capture", 0.99)) is None


@pytest.mark.slow
def test_kg_build_with_the_trigger_model(tmp_path):
    from rdflib import Graph
    from typer.testing import CliRunner

    from kg.cli import app

    story = tmp_path / "s.txt"
    story.write_text("Sudanese army troops shelled Omdurman on Tuesday, a spokesman said.\n")
    args = ["build", str(story), "--date", "2023-05-10", "-q", "--trigger-model"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="turtle")
    types = {str(o).rsplit("#", 1)[-1] for o in graph.objects()}
    assert "Shelling" in types
