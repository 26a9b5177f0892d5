"""Build the bundled KB, kg/data/kb/bundled.json.gz, from the reference files.

Usage: python scripts/build_kb.py [--shared ../shared] [--out kg/data/kb/bundled.json.gz]

Reads ``<shared>/wikidata/wof_admin_ua_extract.tsv`` (Who's On First, CC0/CC-BY:
"Data from Who's On First"), ``<shared>/wikidata/qids_seed_entities.tsv`` (only rows
marked verified) and kg/data/kb/curated.json. Never reads the GPL war-report file.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kg.link.bundle import build_bundled
from kg.link.kb import BUNDLED_KB, load_kb_file, save_kb_file

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=BUNDLED_KB)
    parser.add_argument("--min-population", type=int, default=10000)
    args = parser.parse_args(argv)
    wikidata = args.shared / "wikidata"
    meta, entries = build_bundled(
        wikidata / "wof_admin_ua_extract.tsv",
        wikidata / "qids_seed_entities.tsv",
        min_population=args.min_population,
    )
    save_kb_file(args.out, entries, meta, with_index=True)
    start = time.perf_counter()
    load_kb_file(args.out)
    print(
        f"{args.out}: {meta['entries']} entries ({meta['with_qid']} with a QID), "
        f"{args.out.stat().st_size / 1024:.0f} KiB, read in {time.perf_counter() - start:.3f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
