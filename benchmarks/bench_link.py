"""Linking benchmark: precision/recall on the seed gold and on our ambiguity cases, KB
load time and size, linking time per document.

Run: .venv/bin/python benchmarks/bench_link.py [--no-extract]
Prints figures only (the floors are asserted in tests/test_link_linker.py).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "000_c5e17baf4e438267.txt"
AMBIGUITY = ROOT / "tests" / "data" / "link" / "ambiguity.json"
sys.path.insert(0, str(ROOT))

from kg.link import kb as kbmod  # noqa: E402
from kg.link import link_extractions  # noqa: E402
from kg.link.normalise import skeleton  # noqa: E402
from kg.types import Entity, Extraction, SourceDoc, Span  # noqa: E402

GOLD_TYPES = {"OtherPlace": "Place"}


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def verified_qids(shared: Path = SHARED) -> dict[str, str]:
    """skeleton(name) -> QID for the verified rows of qids_seed_entities.tsv."""
    out = {}
    with open(shared / "wikidata" / "qids_seed_entities.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["confidence"] == "verified":
                name = re.sub(r"\s*\(.*\)\s*$", "", row["name"])
                out[skeleton(name)] = row["qid"]
    return out


def gold_expectations(shared: Path = SHARED) -> list[dict]:
    """Gold entities with their expected QID (gold field, else a verified TSV row)."""
    gold = json.loads((shared / "gold" / "seed.json").read_text(encoding="utf-8"))
    verified = verified_qids(shared)
    out = []
    for ent in gold["entities"]:
        qid = ent.get("wikidata") or verified.get(skeleton(ent["name"]))
        out.append({**ent, "type": GOLD_TYPES.get(ent["type"], ent["type"]), "qid": qid})
    return out


def gold_extraction(text: str, gold: list[dict]) -> Extraction:
    """The gold entities as one Extraction (their own mention strings and types)."""
    ents = []
    for i, g in enumerate(gold):
        spans = []
        for mention in g["mentions"]:
            for m in re.finditer(re.escape(mention), text):
                spans.append(Span(m.start(), m.end(), mention))
        label = g["mentions"][0]
        alts = tuple(m for m in g["mentions"][1:])
        ents.append(Entity(f"g{i}", g["type"], label, tuple(spans), alts))
    return Extraction(SourceDoc("seed", text, dt.date(2022, 9, 9)), tuple(ents))


def score_gold(linked: Extraction, gold: list[dict]) -> dict:
    """Precision/recall of links where each entity is a gold entity (same order)."""
    made = correct = 0
    wrong = []
    for ent, g in zip(linked.entities, gold, strict=True):
        if ent.link is not None:
            made += 1
            if ent.link.qid == g["qid"]:
                correct += 1
            else:
                wrong.append((g["name"], ent.link.qid, g["qid"]))
    verifiable = sum(1 for g in gold if g["qid"])
    missed = [g["name"] for g, e in zip(gold, linked.entities, strict=True) if g["qid"] and (
        e.link is None or e.link.qid != g["qid"])]  # fmt: skip
    return {
        "links": made,
        "correct": correct,
        "verifiable": verifiable,
        "precision": correct / made if made else 1.0,
        "recall": correct / verifiable if verifiable else 1.0,
        "wrong": wrong,
        "missed": missed,
    }


def score_extracted(linked: Extraction, gold: list[dict]) -> dict:
    """Links on extracted entities, matched to gold by mention/label strings."""
    index: dict[str, dict] = {}
    for g in gold:
        for name in [g["name"], *g["mentions"]]:
            index.setdefault(_norm(name), g)
    made = correct = 0
    found: set[str] = set()
    wrong = []
    for ent in linked.entities:
        names = [ent.label, *ent.alt_labels, *(m.text for m in ent.mentions)]
        g = next((index[_norm(n)] for n in names if _norm(n) in index), None)
        if ent.link is None:
            continue
        made += 1
        if g is not None and g["qid"] == ent.link.qid:
            correct += 1
            found.add(g["name"])
        else:
            wrong.append((ent.label, ent.type, ent.link.qid, g and g["qid"]))
    verifiable = sum(1 for g in gold if g["qid"])
    return {
        "links": made,
        "correct": correct,
        "precision": correct / made if made else 1.0,
        "recall": len(found) / verifiable if verifiable else 1.0,
        "wrong": wrong,
        "missed": [g["name"] for g in gold if g["qid"] and g["name"] not in found],
    }


def ambiguity_extractions(path: Path = AMBIGUITY) -> tuple[list[Extraction], list[list]]:
    """Our ambiguity cases as Extractions, and the expected QIDs (None, or "*": any)."""
    exts, expected = [], []
    for case in json.loads(path.read_text(encoding="utf-8")):
        text, ents, exp, used = case["text"], [], [], set()
        for i, (name, type_, qid) in enumerate(case["entities"]):
            start = text.find(name)
            while (start, name) in used:
                start = text.find(name, start + 1)
            used.add((start, name))
            ents.append(Entity(f"e{i}", type_, name, (Span(start, start + len(name), name),)))
            exp.append(qid)
        exts.append(Extraction(SourceDoc(case["id"], text), tuple(ents)))
        expected.append(exp)
    return exts, expected


def score_ambiguity(linked: list[Extraction], expected: list[list]) -> dict:
    right = total = 0
    failures = []
    for ext, exp in zip(linked, expected, strict=True):
        for ent, qid in zip(ext.entities, exp, strict=True):
            if qid == "*":
                continue
            total += 1
            got = ent.link.qid if ent.link else None
            if got == qid:
                right += 1
            else:
                failures.append((ext.doc.id, ent.label, got, qid))
    return {"cases": total, "right": right, "failures": failures}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-extract", action="store_true", help="skip the spaCy extraction")
    args = parser.parse_args()

    size = kbmod.BUNDLED_KB.stat().st_size
    start = time.perf_counter()
    meta, entries = kbmod.load_kb_file(kbmod.BUNDLED_KB)
    read_s = time.perf_counter() - start
    start = time.perf_counter()
    kb = kbmod.bundled_kb()
    load_s = time.perf_counter() - start
    print(f"bundled KB: {len(kb)} entries ({meta['with_qid']} with a QID), {size / 1024:.0f} KiB")
    print(f"KB read {read_s:.3f} s; read+index (first use, once per process) {load_s:.3f} s")

    text = SEED.read_text(encoding="utf-8")
    gold = gold_expectations()
    ext = gold_extraction(text, gold)
    start = time.perf_counter()
    linked = link_extractions([ext], kb)[0]
    link_s = time.perf_counter() - start
    s = score_gold(linked, gold)
    print(
        f"seed, gold mentions: P={s['precision']:.3f} R={s['recall']:.3f} "
        f"({s['correct']}/{s['links']} links right, {s['verifiable']} verifiable); "
        f"linking {len(ext.entities)} entities took {link_s * 1000:.1f} ms"
    )
    print(f"  wrong: {s['wrong']}\n  missed: {s['missed']}")

    exts, expected = ambiguity_extractions()
    start = time.perf_counter()
    amb = score_ambiguity(link_extractions(exts, kb), expected)
    amb_s = time.perf_counter() - start
    print(
        f"ambiguity cases: {amb['right']}/{amb['cases']} right "
        f"({len(exts)} docs, {amb_s * 1000 / len(exts):.2f} ms/doc)"
    )
    for failure in amb["failures"]:
        print(f"  FAIL {failure}")

    if not args.no_extract:
        from kg.extract import extract, load_nlp

        nlp = load_nlp()
        start = time.perf_counter()
        extracted = extract(SourceDoc(id="seed", text=text, date=dt.date(2022, 9, 9)), nlp)
        ext_s = time.perf_counter() - start
        start = time.perf_counter()
        linked = link_extractions([extracted], kb)[0]
        link_s = time.perf_counter() - start
        s = score_extracted(linked, gold)
        print(
            f"seed, extracted entities ({len(extracted.entities)}): P={s['precision']:.3f} "
            f"R={s['recall']:.3f} ({s['correct']}/{s['links']} links right); extraction "
            f"{ext_s:.2f} s, linking {link_s * 1000:.1f} ms ({100 * link_s / ext_s:.1f}% of it)"
        )
        print(f"  wrong: {s['wrong']}\n  missed: {s['missed']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
