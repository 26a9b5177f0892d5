"""Check gold annotation files against their article texts before they are used.

python benchmarks/check_gold.py tests/data/eval/dev      # a corpus folder (docs/ and gold/)

A corpus folder holds ``docs/<id>.txt`` (the article text as stored), ``docs/<id>.json``
(metadata: date, title, url, publisher, theatre, style) and ``gold/<id>.json`` (the format
of ``shared/gold/seed.json``). Every problem is printed as ``<id>: <what>``; exit 1 if any.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import kg.types

ENTITY_TYPES = {*kg.types.ENTITY_TYPES, "OtherPlace"}  # the gold's name for ckg:Place
EVENT_TYPES = set(kg.types.EVENT_TYPES)
META_KEYS = {"date", "title", "url", "publisher", "theatre", "style"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check(folder: Path) -> list[str]:
    problems = []
    docs = folder / "docs"
    for gold_path in sorted((folder / "gold").glob("*.json")):
        doc_id = gold_path.stem

        def say(what: str, doc_id: str = doc_id) -> None:
            problems.append(f"{doc_id}: {what}")

        text_path, meta_path = docs / f"{doc_id}.txt", docs / f"{doc_id}.json"
        if not text_path.is_file() or not meta_path.is_file():
            say("docs/<id>.txt or docs/<id>.json missing")
            continue
        text = text_path.read_text(encoding="utf-8")
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        for key in sorted(META_KEYS - set(meta)):
            say(f"metadata lacks {key!r}")
        if meta.get("date") and not DATE.match(str(meta["date"])):
            say(f"metadata date {meta['date']!r} is not YYYY-MM-DD")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if gold.get("doc") != doc_id:
            say(f"'doc' is {gold.get('doc')!r}, not the file's id")
        names = set()
        for ent in gold.get("entities", []):
            name = ent.get("name")
            if name in names:
                say(f"entity {name!r} twice")
            names.add(name)
            if ent.get("type") not in ENTITY_TYPES:
                say(f"entity {name!r}: type {ent.get('type')!r} is not a contract class")
            if not ent.get("mentions"):
                say(f"entity {name!r} has no mentions")
            for mention in ent.get("mentions", []):
                if mention not in text:
                    say(f"entity {name!r}: mention {mention!r} is not in the text")
        for i, ev in enumerate(gold.get("events", [])):
            where = f"event {i} ({ev.get('type')} {ev.get('trigger')!r})"
            if ev.get("type") not in EVENT_TYPES:
                say(f"{where}: type is not a contract event class")
            sentence = ev.get("sentence") or ""
            if sentence not in text:
                say(f"{where}: sentence is not in the text")
            elif (ev.get("trigger") or "") not in sentence:
                say(f"{where}: trigger is not in its sentence")
            for role in ("agent", "patient"):
                if ev.get(role) is not None and ev[role] not in names:
                    say(f"{where}: {role} {ev[role]!r} is no entity name")
            for place in ev.get("place") or []:
                if place not in names:
                    say(f"{where}: place {place!r} is no entity name")
        for i, st in enumerate(gold.get("statements", [])):
            where = f"statement {i}"
            if st.get("speaker") is not None and st["speaker"] not in names:
                say(f"{where}: speaker {st['speaker']!r} is no entity name")
            if (st.get("sentence") or "") not in text:
                say(f"{where}: sentence is not in the text")
            if not isinstance(st.get("direct"), bool):
                say(f"{where}: 'direct' must be true or false")
    return problems


def main(argv: list[str]) -> int:
    problems = [p for arg in argv for p in check(Path(arg))]
    print("\n".join(problems) if problems else "gold files check out")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
