"""The held-out evaluation set (tests/data/eval): the project-written DEV and TEST
articles built with ``kg.build_graph`` and scored by ``kg.evaluate`` against their gold,
micro-averaged per part by ``benchmarks/score.py --set``. Floors sit a little under the
measured figures, so a change that makes extraction generalise worse fails here.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "data" / "eval" / "inhouse"

#: F1 floors per part: (DEV, TEST): the measured micro F1 (twelve DEV and six TEST
#: articles, tests/data/eval/README.md "Round 7") minus about 0.02.
FLOORS = {
    "entities (typed, named)": (0.92, 0.79),
    "events (lenient type)": (0.95, 0.85),
    "events (with arguments)": (0.92, 0.55),
    "statements (found)": (0.96, 0.96),
    "statements (with speaker)": (0.93, 0.79),
}


def _score_module():
    spec = importlib.util.spec_from_file_location("score", ROOT / "benchmarks" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def micro(nlp):
    score = _score_module()
    per_doc = score.score_set(EVAL)
    assert {score.part_of(stem) for stem in per_doc} == {"dev", "test"}
    return {
        part: {s.name: s for s in scores} for part, scores in score.micro_by_part(per_doc).items()
    }


def test_set_has_dev_and_test_articles_with_gold():
    score = _score_module()
    stems = [p.stem for p in score.set_articles(EVAL)]
    assert sum(s.startswith("dev_") for s in stems) >= 3
    assert sum(s.startswith("test_") for s in stems) >= 3
    for stem in stems:
        assert (EVAL / f"{stem}.json").is_file(), f"{stem}: metadata sidecar missing"


@pytest.mark.parametrize("name", sorted(FLOORS))
@pytest.mark.parametrize("part", ["dev", "test"])
def test_micro_f1_floor(micro, part, name):
    floor = FLOORS[name][0 if part == "dev" else 1]
    got = micro[part][name]
    assert got.f1 >= floor, f"{part.upper()} {got.line()} is under the floor {floor}"
