"""Speed and memory of `kg build`, stage by stage. Prints figures; asserts nothing.

    python benchmarks/bench_build.py [--docs 40]

The corpus is the seed article repeated under different ids (so cross-document merging
is exercised too). Each stage is timed separately: model load, extraction, linking,
graph building, and serialisation in every format.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from kg.build import graph_from_extractions
from kg.extract import extract_many, load_nlp
from kg.ingest import read_inputs
from kg.pipeline import link_documents
from kg.types import SourceDoc
from kg.write import FORMATS, serialize

ROOT = Path(__file__).resolve().parent.parent


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=40)
    args = parser.parse_args()
    [seed] = [d for d in read_inputs([ROOT / "seeds"]) if isinstance(d, SourceDoc)]
    docs = [SourceDoc(f"copy-{i:04d}", seed.text, seed.date) for i in range(args.docs)]
    words = sum(len(d.text.split()) for d in docs)

    t = time.perf_counter()
    nlp = load_nlp()
    load = time.perf_counter() - t
    t = time.perf_counter()
    extractions = list(extract_many(docs, nlp))
    extract = time.perf_counter() - t
    t = time.perf_counter()
    linked = link_documents(extractions, "offline")
    link = time.perf_counter() - t
    t = time.perf_counter()
    graph = graph_from_extractions(linked)
    triples = len(graph)
    build = time.perf_counter() - t

    print(f"corpus        {len(docs)} documents, {words:,} words")
    print(f"model load    {load:.2f} s")
    print(f"extraction    {extract:.2f} s  ({words / extract:,.0f} words/s)")
    print(f"linking       {link:.2f} s  ({100 * link / extract:.1f}% of extraction)")
    print(f"graph build   {build:.2f} s  ({triples:,} triples)")
    for fmt in FORMATS:
        t = time.perf_counter()
        size = len(serialize(graph, fmt))
        print(f"write {fmt:<7} {time.perf_counter() - t:.2f} s  ({size / 1e6:.1f} MB)")
    print(f"peak RSS      {rss_mib():,.0f} MiB")


if __name__ == "__main__":
    main()
