"""`kg build` with -j 1, -j 2 and --engine dask (a 2-worker LocalCluster), whole
processes, side by side on the same corpus (default: the DEV articles, N-Quads out).
Prints wall times, speed-ups over -j 1, and whether the outputs are byte-identical.
Near-linear speed-up needs idle cores: on a busy machine the figures say little.
Asserts nothing.

    python benchmarks/bench_parallel.py [--docs DIR] [--rounds 1]
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
RUNS = {"-j 1": ["-j", "1"], "-j 2": ["-j", "2"], "dask x2": ["--engine", "dask", "-j", "2"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=DEV)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kg-parallel-"))
    times: dict[str, list[float]] = {name: [] for name in RUNS}
    for _ in range(args.rounds):
        for name, extra in RUNS.items():
            out = tmp / f"{name.replace(' ', '')}.nq"
            cmd = [sys.executable, "-m", "kg", "build", str(args.docs), "-o", str(out), "-q"]
            t = time.perf_counter()
            subprocess.run([*cmd, *extra], check=True, cwd=tmp)
            times[name].append(time.perf_counter() - t)
    base = statistics.median(times["-j 1"])
    outputs = {name: (tmp / f"{name.replace(' ', '')}.nq").read_bytes() for name in RUNS}
    for name in RUNS:
        median = statistics.median(times[name])
        same = "same bytes" if outputs[name] == outputs["-j 1"] else "DIFFERENT BYTES"
        print(f"{name:<8} {median:7.1f} s  {base / median:4.2f}x  {same}")


if __name__ == "__main__":
    main()
