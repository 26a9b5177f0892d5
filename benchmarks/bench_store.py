"""Load throughput and saved-query latency on synthetic graphs of 10k, 100k and 1M triples.

Prints figures (no assertions). Targets: GSP >= 50,000 triples/s into an on-disk
Oxigraph; every saved query < 1 s on 1M triples (embedded store, as `kg query` runs).

    .venv/bin/python benchmarks/bench_store.py            # 10k, 100k, 1M
    .venv/bin/python benchmarks/bench_store.py --sizes 10000 100000
    .venv/bin/python benchmarks/bench_store.py --sizes 1000000 --no-loads   # queries only
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_graph import generate  # noqa: E402

from kg.query import list_queries, run_query  # noqa: E402
from kg.server import OxigraphServer, bulk_load  # noqa: E402
from kg.store import load_graph, open_store  # noqa: E402

UPDATE_MAX = 200_000  # SPARQL Update is slow by design; skip it on the biggest graph
HOT_ENTITY = """
SELECT ?label (COUNT(?statement) AS ?n) WHERE {
  ?statement <https://w3id.org/conflict-kg/ontology#about> ?entity .
  ?entity <http://www.w3.org/2000/01/rdf-schema#label> ?label
} GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT 1
"""


def bench_loads(path: Path, work: Path, size: int) -> None:
    modes = [("GSP batched (default)", None)]
    if size <= UPDATE_MAX:
        modes.append(("GSP 1 graph/update", 1))
    for name, batch_docs in modes:
        with OxigraphServer(work / f"gsp-{size}-{batch_docs}") as server:
            report = load_graph(path, gsp=server.store_url, batch_docs=batch_docs)
            print(
                f"  {name:<22}{report.triples:>9,} triples  {len(report.graphs):>6,} graphs"
                f"  {report.seconds:7.2f} s  {report.rate:>9,.0f} triples/s  ({report.detail})"
            )
            again = load_graph(path, gsp=server.store_url, batch_docs=batch_docs)
            print(f"    reload (replace)    {again.seconds:7.2f} s  {again.rate:>9,.0f} triples/s")
    if size <= UPDATE_MAX:
        with OxigraphServer(work / f"update-{size}") as server:
            report = load_graph(path, update=server.update_url, chunk_size=1000)
            print(
                f"  Update 1k chunks      {report.triples:>9,} triples"
                f"  {report.requests:>6,} requests"
                f"  {report.seconds:7.2f} s  {report.rate:>9,.0f} triples/s"
            )
    started = time.perf_counter()
    bulk_load(work / f"bulk-{size}", [path])
    seconds = time.perf_counter() - started
    print(f"  oxigraph load (bulk)  {seconds:7.2f} s  {size / seconds:>9,.0f} triples/s")


def bench_queries(path: Path, repeats: int = 3) -> None:
    started = time.perf_counter()
    store = open_store([path])
    print(f"  embedded store load   {time.perf_counter() - started:7.2f} s")
    label = next(iter(run_query("list_units", store=store).dicts()), {}).get("unit_label", "x")
    hot = next(iter(store.query(HOT_ENTITY)), None)
    hot_label = hot["label"].value if hot else label
    print(f"  parameters: a unit ({label!r}); hot = most talked-about entity ({hot_label!r})")
    worst = 0.0
    for query in list_queries():
        if query.services:
            continue
        required = [p.name for p in query.params if not p.optional]
        runs = [("", label)] + ([(" (hot)", hot_label)] if "name" in required else [])
        for suffix, value in runs:
            params = dict.fromkeys(required, value)
            times, rows = [], 0
            for _ in range(repeats):
                started = time.perf_counter()
                result = run_query(query.path, store=store, params=params)
                times.append(time.perf_counter() - started)
                rows = len(result)
            median = statistics.median(times)
            worst = max(worst, median)
            name = query.name + suffix
            print(f"  {name:<30} {median * 1000:9.1f} ms  ({rows:,} results)")
    print(f"  slowest saved query            {worst * 1000:9.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description="conflict-kg store benchmark")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--no-loads", action="store_true", help="time the saved queries only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as folder:
        work = Path(folder)
        for size in args.sizes:
            path = work / f"graph-{size}.nq"
            count = generate(size, path)
            print(f"== {count:,} triples ({path.stat().st_size / 1e6:.1f} MB N-Quads)")
            if not args.no_loads:
                bench_loads(path, work, size)
            bench_queries(path)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
