"""Incremental adds: the same documents added to an empty on-disk store and to one that
already holds a large graph (benchmarks/gen_graph.py's synthetic documents, bulk-loaded
with their union), then added again (replaced). If adding is proportional to the new
documents, the times are close whatever the store holds. Asserts nothing.

    python benchmarks/bench_incremental.py [--triples 500000] [--docs 10]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_graph import generate  # noqa: E402

from kg.extract import load_nlp  # noqa: E402
from kg.incremental import add_documents  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "eval" / "dev" / "docs"


def timed_add(docs: list[Path], db: Path) -> float:
    t = time.perf_counter()
    add_documents(docs, db)
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=500_000)
    parser.add_argument("--docs", type=int, default=10)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kg-incremental-"))
    docs = sorted(DEV.glob("*.txt"))[: args.docs]
    load_nlp()  # the model load is no part of an add
    big = tmp / "big"
    generate(args.triples, tmp / "big.nq")
    store = ox.Store(str(big))
    store.bulk_load(path=str(tmp / "big.nq"), format=ox.RdfFormat.N_QUADS)
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    store.flush()
    size = len(store)
    del store
    empty_s = timed_add(docs, tmp / "empty")
    big_s = timed_add(docs, big)
    again_s = timed_add(docs, big)
    print(f"add {len(docs)} documents to an empty store      {empty_s:6.1f} s")
    print(f"add them to a store of {size:,} quads  {big_s:6.1f} s")
    print(f"add them again (each replaced)             {again_s:6.1f} s")


if __name__ == "__main__":
    main()
