"""How long a large report takes to write and to open in headless Chromium.

Builds the seed article with its text (or takes --graph), copies its document N times under
new ids (every IRI and identifier holding the document id renamed, entities shared, as in a
real corpus), writes the report and opens it in Debian's chromium via Selenium, three times.
Prints the graph and report sizes, the time to read and write, and the time from navigation
to the page being ready (its script done: text, tables, timeline and map drawn).

    .venv/bin/python benchmarks/bench_report.py --docs 500
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.report import write_report  # noqa: E402
from kg.store import open_store  # noqa: E402
from kg.tables import read_tables  # noqa: E402
from tests.report.chromium import file_url, find_chromium, headless_chromium  # noqa: E402

SEED = ROOT / "seeds" / "000_c5e17baf4e438267.txt"
SEED_ID = SEED.stem


def seed_graph(folder: Path) -> Path:
    import kg

    graph, _ = kg.build_graph([SEED], include_text=True)
    path = folder / "seed.nt"
    kg.write_graph(graph, path)
    return path


def replicate(graph: Path, docs: int, out: Path) -> None:
    lines = graph.read_text(encoding="utf-8").splitlines()
    with out.open("w", encoding="utf-8") as stream:
        for i in range(docs):
            new = f"{SEED_ID}-r{i:04d}"
            stream.write("\n".join(line.replace(SEED_ID, new) for line in lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--graph", type=Path, help="a one-document graph with text (else built)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the report here too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = args.graph or seed_graph(folder)
        corpus = folder / "corpus.nt"
        replicate(source, args.docs, corpus)
        start = time.perf_counter()
        tables = read_tables(open_store([corpus]))
        read_s = time.perf_counter() - start
        report = args.keep or folder / "report.html"
        start = time.perf_counter()
        size = write_report(tables, report, title=f"{args.docs} documents")
        write_s = time.perf_counter() - start
        print(
            f"graph: {args.docs} documents, {corpus.stat().st_size:,} bytes N-Triples, "
            f"{len(tables.events):,} events, {len(tables.statements):,} statements"
        )
        print(f"read tables: {read_s:.2f} s; write report: {write_s:.2f} s; report: {size:,} bytes")
        if find_chromium() is None:
            print("chromium, chromedriver or selenium missing: no browser timing")
            return
        ready, loads = [], []
        for _ in range(args.runs):
            with headless_chromium() as driver:
                start = time.perf_counter()
                driver.get(file_url(report))
                loads.append(time.perf_counter() - start)
                ready.append(
                    driver.execute_script(
                        "const t = performance.getEntriesByType('navigation')[0];"
                        " return Math.max(window.kgReadyAt, t.loadEventEnd)"
                    )
                    / 1000
                )
                errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        print(
            f"chromium: page ready and loaded {statistics.median(ready):.2f} s after navigation "
            f"(median of {args.runs}: {', '.join(f'{r:.2f}' for r in ready)}); "
            f"driver.get returned after {statistics.median(loads):.2f} s; "
            f"console errors: {len(errors)}"
        )


if __name__ == "__main__":
    main()
