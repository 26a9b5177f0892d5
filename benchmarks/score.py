"""Score a graph against gold annotations; prints precision, recall and F1.

python benchmarks/score.py out/seeds.ttl                      # the seed article
python benchmarks/score.py GRAPH --gold G.json --text T.txt --doc ID
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.evaluate import score_files

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path)
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared/gold/seed.json")
    parser.add_argument("--text", type=Path, default=ROOT / "seeds/000_c5e17baf4e438267.txt")
    parser.add_argument("--doc", default=None, help="document id in the graph (default: all)")
    args = parser.parse_args()
    for score in score_files(args.graph, args.gold, args.text, args.doc):
        print(score.line())


if __name__ == "__main__":
    main()
