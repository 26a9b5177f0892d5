"""Speed and memory of `kg build`, stage by stage. Prints figures; asserts nothing.

    python benchmarks/bench_build.py [--docs 40]

The corpus is the seed article repeated under different ids (so cross-document merging
is exercised too). Each stage is timed separately: model load, extraction, linking,
graph building, and serialisation in every format; "entity ruler" is our spaCy
components alone (nationality marker + entity ruler) on the seed's paragraphs.

Figures (2 shared cores, medians of interleaved runs, 2026-11-25), entity ruler before
-> after the nationality marker and the LOWER phrase matcher (same output bytes):
ruler stage 82 -> 17 ms per seed article, 295 -> 64 ms on the seed + eval paragraphs
(5,545 tokens); its share of nlp.pipe 24% -> 8%, nlp.pipe 4,100 -> 4,930 words/s;
`--docs 20` extraction ~3,090 -> ~3,530 words/s. Matcher token patterns 904 -> 119.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from pathlib import Path

from spacy.language import Language

from kg.build import graph_from_extractions
from kg.extract import extract_many, load_nlp
from kg.ingest import read_inputs
from kg.pipeline import link_documents
from kg.types import SourceDoc
from kg.write import FORMATS, serialize

ROOT = Path(__file__).resolve().parent.parent


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ruler_seconds(nlp: Language, text: str, repeats: int = 5) -> float:
    """Median time of our components (the ``conflict_kg_*`` pipes) on the paragraphs of
    ``text``, parsed beforehand by the model's own pipes."""
    ours = [(name, pipe) for name, pipe in nlp.pipeline if name.startswith("conflict_kg")]
    with nlp.select_pipes(disable=[name for name, _ in ours] + ["ner"]):
        parsed = list(nlp.pipe(p for p in text.split("\n") if p.strip()))
    times = []
    for _ in range(repeats):
        docs = [doc.copy() for doc in parsed]
        t = time.perf_counter()
        for doc in docs:
            for _, pipe in ours:
                pipe(doc)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


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
    ruler = ruler_seconds(nlp, seed.text)
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
    print(f"entity ruler  {ruler * 1000:.0f} ms per seed article (median of 5)")
    print(f"linking       {link:.2f} s  ({100 * link / extract:.1f}% of extraction)")
    print(f"graph build   {build:.2f} s  ({triples:,} triples)")
    for fmt in FORMATS:
        t = time.perf_counter()
        size = len(serialize(graph, fmt))
        print(f"write {fmt:<7} {time.perf_counter() - t:.2f} s  ({size / 1e6:.1f} MB)")
    print(f"peak RSS      {rss_mib():,.0f} MiB")


if __name__ == "__main__":
    main()
