"""Peak memory against corpus size: `kg build` (N-Quads, streamed) on N and 10N documents
generated from the DEV articles (each document one DEV article's first paragraphs, under
its own id, in a JSONL.gz file), whole processes, side by side. Prints peak RSS of each
and their ratio (flat memory: ~1.0; target <= 1.2). Asserts nothing.

    python benchmarks/bench_memory.py [--docs 200] [--factor 10] [--words 120]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "eval" / "dev" / "docs"


def head(text: str, words: int) -> str:
    """The first paragraphs of ``text`` holding about ``words`` words."""
    out, count = [], 0
    for para in text.splitlines():
        if count >= words:
            break
        out.append(para)
        count += len(para.split())
    return "\n".join(out).strip()


def corpus(path: Path, docs: int, words: int) -> None:
    texts = [head(p.read_text(encoding="utf-8"), words) for p in sorted(DEV.glob("*.txt"))]
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        for i in range(docs):
            record = {"id": f"gen-{i:06d}", "date": "2024-05-01", "text": texts[i % len(texts)]}
            stream.write(json.dumps(record) + "\n")


def peak_rss_mib(cmd: list[str]) -> tuple[float, float]:
    """Wall time and peak RSS (MiB) of ``cmd`` run in a child (via the child's rusage)."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    t = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", probe, *cmd], check=True, cwd=ROOT, capture_output=True, text=True
    )
    return time.perf_counter() - t, int(done.stdout.split()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--words", type=int, default=120)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kg-memory-"))
    peaks = []
    for n in (args.docs, args.docs * args.factor):
        path = tmp / f"corpus-{n}.jsonl.gz"
        corpus(path, n, args.words)
        cmd = [sys.executable, "-m", "kg", "build", str(path), "-o", str(tmp / f"{n}.nq"), "-q"]
        seconds, peak = peak_rss_mib(cmd)
        peaks.append(peak)
        print(f"{n:>7} documents  {seconds:7.1f} s  peak RSS {peak:7.1f} MiB")
    print(
        f"ratio            {peaks[1] / peaks[0]:.2f}x the memory for {args.factor}x the documents"
    )


if __name__ == "__main__":
    main()
