"""Score a graph against gold annotations with ``kg.evaluate``; prints P, R and F1.

python benchmarks/score.py out/seeds.ttl                      # the seed article
python benchmarks/score.py GRAPH --gold G.json --text T.txt --doc ID
python benchmarks/score.py --set tests/data/eval/inhouse       # build and score a set

``--doc`` is the document's id in the graph (default: the gold's ``doc``, or the graph's
only document). A set is a folder of articles ``<stem>.txt`` (with their ``<stem>.json``
metadata) and gold files ``<stem>.gold.json`` (the layout of tests/data/eval/inhouse);
stems starting with ``dev_`` form its DEV part and ``test_`` its TEST part. The set is
built with ``kg.build_graph`` (offline linking) and micro-averaged per part. The real-news
corpus (tests/data/eval/{dev,test}) is scored by ``benchmarks/eval_corpus.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.evaluate import (  # noqa: E402
    LONG_NAMES,
    METRICS,
    GraphReader,
    Score,
    micro,
    score_document,
    score_graph,
)

PARTS = ("dev", "test")


def set_articles(folder: Path) -> list[Path]:
    """The articles of a set: every ``<stem>.txt`` in ``folder`` with a ``<stem>.gold.json``."""
    return [p for p in sorted(Path(folder).glob("*.txt")) if p.with_suffix(".gold.json").is_file()]


def part_of(stem: str) -> str:
    """ "dev" or "test" from the stem's prefix ("other" for anything else)."""
    prefix = stem.split("_", 1)[0].lower()
    return prefix if prefix in PARTS else "other"


def score_set(folder: Path) -> dict[str, dict]:
    """Build the set's articles in one run and score each against its gold: stem -> result."""
    import kg

    articles = set_articles(folder)
    if not articles:
        raise SystemExit(f"{folder}: no <stem>.txt with a <stem>.gold.json found")
    graph, report = kg.build_graph(articles)
    if report.failures:
        raise SystemExit("; ".join(f.message for f in report.failures))
    reader = GraphReader(graph)
    out = {}
    for path in articles:
        gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        out[path.stem] = score_document(reader, gold, text, doc_id=path.stem)
    return out


def _lines(result: dict) -> list[str]:
    return [Score(LONG_NAMES[m], result[m]).line() for m in METRICS]


def _print_set(folder: Path) -> None:
    per_doc = score_set(folder)
    for stem, result in per_doc.items():
        print(f"== {stem} ({part_of(stem).upper()})")
        print("\n".join(_lines(result)))
    for part in sorted({part_of(s) for s in per_doc}):
        results = [r for s, r in per_doc.items() if part_of(s) == part]
        print(f"== {part.upper()} micro-average over {len(results)} articles")
        print("\n".join(_lines(micro(results))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path, nargs="?", help="a built graph (not with --set)")
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared/gold/seed.json")
    parser.add_argument("--text", type=Path, default=ROOT / "seeds/000_c5e17baf4e438267.txt")
    parser.add_argument("--doc", default=None, help="the document's id in the graph")
    parser.add_argument(
        "--set",
        type=Path,
        default=None,
        dest="set_",
        metavar="FOLDER",
        help="build and score a folder of articles with <stem>.gold.json",
    )
    args = parser.parse_args()
    if args.set_ is not None:
        _print_set(args.set_)
        return
    if args.graph is None:
        parser.error("give a GRAPH to score, or --set FOLDER")
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    text = args.text.read_text(encoding="utf-8")
    for score in score_graph(args.graph, gold, text, args.doc):
        print(score.line())


if __name__ == "__main__":
    main()
