"""Our writers against rdflib's and pyoxigraph's serialisers on the same triples.

    python benchmarks/bench_writers.py [--triples 1000000] [--skip-rdflib-turtle]

The graph is benchmarks/gen_graph.py's synthetic conflict-kg graph (about N triples,
union of its named graphs), parsed once with rdflib. Each writer is timed on the same
triples in this process, one after the other. pyoxigraph is timed from its own terms
(conversion from rdflib not counted, to its advantage) and does not sort, so its bytes
vary with insertion order; ours sort everything and give the same bytes every run.
Prints seconds and the speed-up over rdflib. Asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_graph import generate  # noqa: E402

from kg.jsonld import jsonld  # noqa: E402
from kg.turtle import ntriples, turtle  # noqa: E402


def timed(label: str, func) -> float:
    t = time.perf_counter()
    size = len(func())
    seconds = time.perf_counter() - t
    print(f"  {label:<28} {seconds:7.2f} s  ({size / 1e6:6.1f} MB)", flush=True)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--skip-rdflib-turtle", action="store_true")
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp(prefix="kg-writers-")) / "graph.nq"
    generate(args.triples, path)
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    triples_ox = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads))
    nt_text = ox.serialize(triples_ox, format=ox.RdfFormat.N_TRIPLES)
    graph = Graph()
    graph.parse(data=nt_text, format="nt")
    print(f"{len(graph):,} distinct triples")

    def ox_write(fmt):
        return lambda: ox.serialize(triples_ox, format=fmt)

    results = {}
    print("Turtle")
    results["ours ttl"] = timed("kg.turtle.turtle", lambda: turtle([(None, graph)]))
    results["ox ttl"] = timed("pyoxigraph (unsorted)", ox_write(ox.RdfFormat.TURTLE))
    if not args.skip_rdflib_turtle:
        results["rdflib ttl"] = timed("rdflib serialize", lambda: graph.serialize(format="turtle"))
    print("N-Triples")
    results["ours nt"] = timed("kg.turtle.ntriples", lambda: ntriples([(None, graph)]))
    results["ox nt"] = timed("pyoxigraph (unsorted)", ox_write(ox.RdfFormat.N_TRIPLES))
    results["rdflib nt"] = timed("rdflib serialize", lambda: graph.serialize(format="nt"))
    print("JSON-LD")
    results["ours jsonld"] = timed("kg.jsonld.jsonld", lambda: jsonld(graph))
    buffer = io.BytesIO()
    results["ox jsonld"] = timed(
        "pyoxigraph (unsorted)",
        ox_write(ox.RdfFormat.JSON_LD) if hasattr(ox.RdfFormat, "JSON_LD") else lambda: b"",
    )
    del buffer
    for fmt in ("ttl", "nt"):
        if f"rdflib {fmt}" in results:
            ratio = results[f"rdflib {fmt}"] / results[f"ours {fmt}"]
            print(f"{fmt}: ours is {ratio:.1f}x rdflib's speed")


if __name__ == "__main__":
    main()
