"""Score a graph against gold annotations; prints precision, recall and F1.

python benchmarks/score.py out/seeds.ttl                      # the seed article
python benchmarks/score.py GRAPH --gold G.json --text T.txt --doc ID
python benchmarks/score.py --set tests/data/eval               # build and score a set

A set is a folder of articles ``<stem>.txt`` (with their ``<stem>.json`` metadata) and
gold files ``<stem>.gold.json``; stems starting with ``dev_`` form the DEV part and
``test_`` the TEST part (see tests/data/eval/README.md). The set is built with
``kg.build_graph`` (offline linking) and scored per article and micro-averaged per part.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kg.evaluate import Score, score_files, score_graph, sum_scores

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("dev", "test")


def set_articles(folder: Path) -> list[Path]:
    """The articles of a set: every ``<stem>.txt`` in ``folder`` with a ``<stem>.gold.json``."""
    return [p for p in sorted(Path(folder).glob("*.txt")) if p.with_suffix(".gold.json").is_file()]


def part_of(stem: str) -> str:
    """ "dev" or "test" from the stem's prefix ("other" for anything else)."""
    prefix = stem.split("_", 1)[0].lower()
    return prefix if prefix in PARTS else "other"


def score_set(folder: Path) -> dict[str, list[Score]]:
    """Build the set's articles in one run and score each against its gold: stem -> scores."""
    import kg

    articles = set_articles(folder)
    if not articles:
        raise SystemExit(f"{folder}: no <stem>.txt with a <stem>.gold.json found")
    graph, report = kg.build_graph(articles)
    if report.failures:
        raise SystemExit("; ".join(f.message for f in report.failures))
    union = graph.union()
    out = {}
    for path in articles:
        gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        out[path.stem] = score_graph(union, gold, text, doc_id=path.stem)
    return out


def micro_by_part(per_doc: dict[str, list[Score]]) -> dict[str, list[Score]]:
    """Micro-averaged scores of each part ("dev", "test") of a scored set."""
    parts: dict[str, list[list[Score]]] = {}
    for stem, scores in per_doc.items():
        parts.setdefault(part_of(stem), []).append(scores)
    return {part: sum_scores(runs) for part, runs in sorted(parts.items())}


def _print_set(folder: Path) -> None:
    per_doc = score_set(folder)
    for stem, scores in per_doc.items():
        print(f"== {stem} ({part_of(stem).upper()})")
        for score in scores:
            print(score.line())
    for part, scores in micro_by_part(per_doc).items():
        n = sum(part_of(s) == part for s in per_doc)
        print(f"== {part.upper()} micro-average over {n} articles")
        for score in scores:
            print(score.line())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path, nargs="?", help="a built graph (not with --set)")
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared/gold/seed.json")
    parser.add_argument("--text", type=Path, default=ROOT / "seeds/000_c5e17baf4e438267.txt")
    parser.add_argument("--doc", default=None, help="document id in the graph (default: all)")
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
    for score in score_files(args.graph, args.gold, args.text, args.doc):
        print(score.line())


if __name__ == "__main__":
    main()
