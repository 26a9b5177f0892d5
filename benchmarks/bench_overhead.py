"""`kg build` against spaCy's own `nlp.pipe`, side by side, whole processes, same texts.

    python benchmarks/bench_overhead.py [--rounds 2] [--docs DIR]

Each round runs, one after the other: (a) `kg build DIR -o x.nq -q` and (b) a process
that loads the same pipeline (`kg.extract.load_nlp`: the model plus our entity ruler)
and runs `nlp.pipe` over the same documents' texts and nothing else. Prints wall
times, words/s and the ratio kg/spaCy of words/s (1.0 = no overhead of ours; the target
is >= 0.8). Medians over rounds; the machine may be busy, so compare within one run.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "eval" / "dev" / "docs"

SPACY_ONLY = """
import sys
from kg.extract import load_nlp
from kg.ingest import read_inputs
from kg.types import SourceDoc
texts = [d.text for d in read_inputs([sys.argv[1]]) if isinstance(d, SourceDoc)]
nlp = load_nlp()
for _ in nlp.pipe(texts, batch_size=64):
    pass
"""


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def words_in(folder: Path) -> int:
    from kg.ingest import read_inputs
    from kg.types import SourceDoc

    return sum(len(d.text.split()) for d in read_inputs([folder]) if isinstance(d, SourceDoc))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--docs", type=Path, default=DEV)
    args = parser.parse_args()
    words = words_in(args.docs)
    out = Path(tempfile.mkdtemp(prefix="kg-overhead-")) / "graph.nq"
    kg_cmd = [sys.executable, "-m", "kg", "build", str(args.docs), "-o", str(out), "-q"]
    spacy_cmd = [sys.executable, "-c", SPACY_ONLY, str(args.docs)]
    kg_times, spacy_times = [], []
    for _ in range(args.rounds):
        kg_times.append(timed(kg_cmd))
        spacy_times.append(timed(spacy_cmd))
    kg_s, spacy_s = statistics.median(kg_times), statistics.median(spacy_times)
    print(f"corpus          {args.docs} ({words:,} words)")
    print(
        f"spaCy nlp.pipe  {spacy_s:6.1f} s  {words / spacy_s:8,.0f} words/s  (runs: "
        + ", ".join(f"{t:.1f}" for t in spacy_times)
        + ")"
    )
    print(
        f"kg build        {kg_s:6.1f} s  {words / kg_s:8,.0f} words/s  (runs: "
        + ", ".join(f"{t:.1f}" for t in kg_times)
        + ")"
    )
    print(f"ratio           {spacy_s / kg_s:.2f}x spaCy's words/s (target >= 0.8)")


if __name__ == "__main__":
    main()
