"""Cross-validated figures of the trigger model: rules alone vs rules + model on DEV.

The model is trained on DEV, so DEV figures with it say nothing. Here the DEV articles
are split into K folds by article, stratified by theatre (sorted by theatre and id, dealt
round-robin); for each fold a model is trained on the other folds
(scripts/train_triggers.py, the committed config and seed), the held-out articles are
built with the rules alone and with the rules + that model, and scored with
kg.evaluate. Printed: the pooled held-out P/R/F1 of events (exact type, lenient type,
with arguments), for each model threshold asked for.

    python benchmarks/crossval_triggers.py                  # 5 folds, threshold 0.5
    python benchmarks/crossval_triggers.py --thresholds 0.5 0.7 0.9 --vetoes 0 0.01 0.05
    python benchmarks/crossval_triggers.py --workdir /tmp/cv --reuse   # keep fold models
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import train_triggers  # noqa: E402
import trigger_data  # noqa: E402

import kg  # noqa: E402
from kg.evaluate import Counts, GraphReader, micro, score_corpus  # noqa: E402
from kg.extract import trigger_model  # noqa: E402

DEV = ROOT / "tests" / "data" / "eval" / "dev"
EVENT_METRICS = ("ev", "ev_lenient", "ev_args")


def folds(folder: Path, k: int) -> list[list[str]]:
    """The article ids in ``k`` folds, stratified by theatre."""

    def theatre(doc_id: str) -> str:
        meta = folder / "docs" / f"{doc_id}.json"
        data = json.loads(meta.read_text(encoding="utf-8")) if meta.is_file() else {}
        return data.get("theatre") or doc_id.split("_", 1)[0]

    ids = sorted(trigger_data.article_ids(folder), key=lambda i: (theatre(i), i))
    return [ids[f::k] for f in range(k)]


def held_out(folder: Path, ids: list[str], triggers: str | None, tmp: Path) -> list[dict]:
    """Build the articles ``ids`` (with the trigger model at ``triggers``) and score them."""
    texts = [folder / "docs" / f"{i}.txt" for i in ids]
    graph, _ = kg.build_graph(texts, triggers=triggers)
    out = tmp / "fold.ttl"
    kg.write_graph(graph, out)
    return score_corpus(GraphReader(out), folder / "gold", folder / "docs", only=ids)


def line(name: str, total: dict[str, Counts]) -> str:
    cells = "".join(
        f"   {total[m].precision:.3f} {total[m].recall:.3f} {total[m].f1:.3f}"
        for m in EVENT_METRICS
    )
    return f"{name:<26}{cells}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", type=Path, default=DEV)
    ap.add_argument("-k", type=int, default=5, help="number of folds")
    ap.add_argument("--thresholds", type=float, nargs="+", default=[trigger_model.THRESHOLD])
    ap.add_argument("--vetoes", type=float, nargs="+", default=[trigger_model.VETO])
    ap.add_argument("--workdir", type=Path, help="where fold models go (default: a temp dir)")
    ap.add_argument("--reuse", action="store_true", help="reuse fold models in --workdir")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ckg-cv-") as tmp_name:
        tmp = Path(tmp_name)
        work = args.workdir or tmp
        rules: list[dict] = []
        combos = [(t, v) for t in args.thresholds for v in args.vetoes]
        model: dict[tuple[float, float], list[dict]] = {c: [] for c in combos}
        for f, ids in enumerate(folds(args.folder, args.k)):
            path = work / f"fold{f}"
            if not (args.reuse and path.is_dir()):
                start = time.perf_counter()
                rest = [i for i in trigger_data.article_ids(args.folder) if i not in ids]
                train_triggers.train_model(rest, path, args.folder)
                print(f"fold {f}: trained in {time.perf_counter() - start:.0f} s", file=sys.stderr)
            rules += held_out(args.folder, ids, None, tmp)
            for t, v in combos:
                trigger_model.THRESHOLD, trigger_model.VETO = t, v
                model[t, v] += held_out(args.folder, ids, str(path), tmp)
        print(f"== {args.k}-fold cross-validation on {args.folder.name}, pooled held-out articles")
        print(f"{'':<26}" + "".join(f"   {m + ' P R F1':<17}" for m in EVENT_METRICS))
        print(line("rules", micro(rules)))
        for (t, v), results in model.items():
            print(line(f"+model t={t:.2f} veto={v:.2f}", micro(results)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
