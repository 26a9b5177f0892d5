"""World gazetteer figures: size, counts by type and country, QID and coordinate
coverage, and linking's share of a build's time on the seed documents.

Run: .venv/bin/python benchmarks/bench_world.py [DOCS ...]   (default: seeds/)
Prints figures only; timings are wall-clock and vary with the machine's load.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.link.world import WORLD_DB  # noqa: E402


def gazetteer_figures(path: Path = WORLD_DB, top: int = 12) -> None:
    db = sqlite3.connect(path)
    print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB")
    rows = db.execute(
        "SELECT type, count(*), count(qid), count(lat), count(geonames) FROM places "
        "GROUP BY type ORDER BY type"
    )
    for type_, n, qid, lat, gn in rows:
        print(f"  {type_:<11} {n:>6}  with QID {qid:>6}  coordinates {lat:>6}  GeoNames {gn:>6}")
    names = db.execute("SELECT count(*) FROM names").fetchone()[0]
    print(f"  names indexed: {names}")
    print("  top countries (places): ", end="")
    rows = db.execute(
        "SELECT country, count(*) AS n FROM places GROUP BY country ORDER BY n DESC, country "
        f"LIMIT {top}"
    )
    print(", ".join(f"{c} {n}" for c, n in rows))


def link_share(inputs: list[str]) -> None:
    from kg.ingest import read_inputs
    from kg.link import bundled_kb, link_extractions
    from kg.pipeline import dated, extract_documents

    docs = [dated(d) for d in read_inputs(inputs)]
    start = time.perf_counter()
    exts = list(extract_documents(docs))
    extract_s = time.perf_counter() - start
    start = time.perf_counter()
    bundled_kb()
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    link_extractions(exts)
    link_s = time.perf_counter() - start
    total = extract_s + load_s + link_s
    print(
        f"{len(docs)} documents: extraction {extract_s:.2f} s, KB load {load_s:.2f} s, "
        f"linking {link_s:.2f} s; linking (with load) is {100 * (load_s + link_s) / total:.1f}% "
        "of extract+link"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="*", default=[str(ROOT / "seeds")])
    args = parser.parse_args()
    gazetteer_figures()
    link_share(args.docs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
