"""Build and score the real-news evaluation corpus (tests/data/eval/{dev,test}).

    python benchmarks/eval_corpus.py                 # DEV and TEST tables (``make eval``)
    python benchmarks/eval_corpus.py --only dev      # one part
    python benchmarks/eval_corpus.py --json OUT.json # also the per-document counts
    python benchmarks/eval_corpus.py --check         # and agree with shared/eval/score.py

Each part's ``docs/<id>.txt`` are built in one run of ``kg.build_graph`` (offline
linking; dates and titles from the ``docs/<id>.json`` metadata), the graph is written as
Turtle, and every ``gold/<id>.json`` is scored by ``kg.evaluate`` against it. Printed per
part: one row per theatre (the ``theatre`` of the metadata; micro-averaged over its
documents) and an "all" row, with the F1 of entities (typed), links, events (lenient
type, with arguments) and statements (found, with speaker). ``--check`` also scores the
same graph with the reference scorer ``../shared/eval/score.py`` (when it exists) and
fails unless every document's counts are the same.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.evaluate import METRICS, Counts, GraphReader, micro, score_corpus  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "eval"
REFERENCE = ROOT.parent / "shared" / "eval" / "score.py"
PARTS = ("dev", "test")
#: the columns of the table: metric -> header
COLUMNS = {
    "ent": "ent",
    "link": "link",
    "ev_lenient": "ev_len",
    "ev_args": "ev_args",
    "st": "st",
    "st_speaker": "st_spk",
}


def metadata(docs: Path, doc_id: str) -> dict:
    path = docs / f"{doc_id}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def scored_ids(folder: Path) -> tuple[list[Path], list[str]]:
    """The part's texts, and the ids that have both a text and a gold file."""
    texts = sorted((folder / "docs").glob("*.txt"))
    golds = {p.stem for p in (folder / "gold").glob("*.json")}
    return texts, sorted(golds & {p.stem for p in texts})


def build(texts: list[Path], out: Path) -> float:
    """Build the texts into one Turtle graph at ``out``; returns the seconds it took."""
    import kg

    start = time.perf_counter()
    graph, report = kg.build_graph(texts)
    for failure in report.failures:
        print(f"warning: {failure.message}", file=sys.stderr)
    kg.write_graph(graph, out)
    return time.perf_counter() - start


def reference_counts(ttl: Path, folder: Path, ids: list[str]) -> dict[str, dict]:
    """Per-document counts of the reference scorer on the same graph and gold."""
    spec = importlib.util.spec_from_file_location("reference_score", REFERENCE)
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    graph = ref.Graph(str(ttl))
    out = {}
    for doc_id in ids:
        gold = json.loads((folder / "gold" / f"{doc_id}.json").read_text(encoding="utf-8"))
        text = (folder / "docs" / f"{gold['doc']}.txt").read_text(encoding="utf-8")
        out[gold["doc"]] = ref.score_doc(graph, gold, text, {})
    return out


def table(part: str, results: list[dict], n_texts: int, seconds: float) -> str:
    by_theatre: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        by_theatre[r["theatre"]].append(r)
    head = f"{'theatre':<20}{'docs':>5}" + "".join(f"{h:>9}" for h in COLUMNS.values())

    def row(name: str, rs: list[dict]) -> str:
        total = micro(rs)
        return f"{name:<20}{len(rs):>5}" + "".join(f"{total[m].f1:>9.2f}" for m in COLUMNS)

    lines = [
        f"== {part.upper()}: {len(results)} documents scored ({n_texts} built, {seconds:.0f} s);"
        " F1, micro-averaged",
        head,
        *(row(t, rs) for t, rs in sorted(by_theatre.items())),
        row("all", results),
    ]
    return "\n".join(lines)


def run_part(part: str, root: Path, check: bool, tmp: Path) -> dict:
    folder = root / part
    texts, ids = scored_ids(folder)
    if not ids:
        print(f"== {part.upper()}: no document with both a text and a gold file in {folder}")
        return {"docs": [], "summary": {}}
    ttl = tmp / f"{part}.ttl"
    seconds = build(texts, ttl)
    results = score_corpus(GraphReader(ttl), folder / "gold", folder / "docs", only=ids)
    for r in results:
        meta = metadata(folder / "docs", r["doc"])
        r["theatre"] = meta.get("theatre") or r["doc"].split("_", 1)[0]
        r["style"] = meta.get("style")
    print(table(part, results, len(texts), seconds))
    total = micro(results)
    if check:
        if not REFERENCE.is_file():
            print(f"--check: {REFERENCE} not found; not checked")
        else:
            ref = reference_counts(ttl, folder, ids)
            ours = {r["doc"]: r for r in results}
            assert set(ref) == set(ours), (sorted(ref), sorted(ours))
            for doc, counts in ref.items():
                for m in METRICS:
                    assert tuple(counts[m]) == tuple(ours[doc][m]), (
                        doc,
                        m,
                        counts[m],
                        ours[doc][m],
                    )
            ref_total = micro(ref.values())
            assert ref_total == total, (ref_total, total)
            print(
                f"--check: the reference scorer gives the same counts for all {len(ref)} documents"
            )
    print()
    return {
        "docs": [
            {k: list(v) if isinstance(v, Counts) else v for k, v in r.items()} for r in results
        ],
        "summary": {
            m: {"counts": list(c), "p": c.precision, "r": c.recall, "f1": c.f1}
            for m, c in total.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=PARTS, help="score one part only")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write per-document counts")
    parser.add_argument("--check", action="store_true", help="agree with shared/eval/score.py")
    parser.add_argument("--root", type=Path, default=CORPUS, help="the corpus folder")
    args = parser.parse_args()
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for part in [args.only] if args.only else PARTS:
            out[part] = run_part(part, args.root, args.check, Path(tmp))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
