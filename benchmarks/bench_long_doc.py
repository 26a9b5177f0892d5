"""Time against document length: one document of ~100 KB and one of ~1 MB, each made by
concatenating the real DEV articles (tests/data/eval/dev/docs/*.txt) in sorted order,
built by whole `kg build` processes side by side. Prints both times and their ratio
(linear would be ~10x). Asserts nothing.

    python benchmarks/bench_long_doc.py [--sizes 100 1000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "eval" / "dev" / "docs"


def long_text(kib: int) -> str:
    """About ``kib`` KiB of real news: DEV articles joined by blank lines, repeated."""
    texts = [p.read_text(encoding="utf-8").strip() for p in sorted(DEV.glob("*.txt"))]
    out, size, i = [], 0, 0
    while size < kib * 1024:
        text = texts[i % len(texts)]
        out.append(text)
        size += len(text.encode("utf-8")) + 2
        i += 1
    return "\n\n".join(out) + "\n"


def build_seconds(path: Path, out: Path) -> float:
    cmd = [sys.executable, "-m", "kg", "build", str(path), "-o", str(out), "-q"]
    cmd += ["--date", "2024-01-01", "--max-bytes", str(50 * 1024 * 1024)]
    t = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT)
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="KiB")
    parser.add_argument("--keep", type=Path, help="write the documents and graphs here")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kg-long-"))
    folder.mkdir(parents=True, exist_ok=True)
    times = []
    for kib in args.sizes:
        doc = folder / f"long-{kib}k.txt"
        doc.write_text(long_text(kib), encoding="utf-8")
        seconds = build_seconds(doc, folder / f"long-{kib}k.nq")
        words = len(doc.read_text(encoding="utf-8").split())
        times.append(seconds)
        print(
            f"{kib:>6} KiB  {words:>8,} words  {seconds:8.1f} s  ({words / seconds:,.0f} words/s)"
        )
    if len(times) > 1:
        ratio = times[-1] / times[0]
        size = args.sizes[-1] / args.sizes[0]
        print(f"ratio        {ratio:.1f}x the time for {size:.0f}x the text (linear: {size:.0f}x)")


if __name__ == "__main__":
    main()
