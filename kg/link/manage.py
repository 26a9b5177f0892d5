"""Extending the user KB: import reference files, fetch from a SPARQL endpoint.

The CLI (``kg kb``) is a thin layer over these functions.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from ..errors import KbError, UsageError
from .kb import KbEntry, KnowledgeBase, bundled_kb, default_user_kb, load_kb_file, save_kb_file
from .sources import read_warreport, read_wikidata_json, read_wof
from .sparql import DEFAULT_ENDPOINT, SparqlClient, fetch_region, lookup_names
from .usercsv import is_user_csv, read_user_csv

__all__ = ["ImportFormat", "guess_format", "read_source", "add_to_user_kb", "import_file", "fetch"]

ImportFormat = Literal["wof", "warreport", "wikidata-json", "csv"]
FORMATS: tuple[str, ...] = ("wof", "warreport", "wikidata-json", "csv")


def guess_format(path: Path) -> str:
    """The import format from the file's name or first line."""
    name = path.name.lower()
    if name.endswith((".json", ".jsonl", ".ndjson", ".json.gz")):
        return "wikidata-json"
    try:
        with open(path, encoding="utf-8") as fh:
            head = fh.readline()
    except (OSError, UnicodeDecodeError) as exc:
        raise KbError(f"cannot read {path}: {exc}") from exc
    if "placetype" in head and "\t" in head:
        return "wof"
    if head.startswith("name,aliases"):
        return "warreport"
    if is_user_csv(head):
        return "csv"
    if head.lstrip().startswith(("{", "[")):
        return "wikidata-json"
    raise UsageError(f"cannot tell the format of {path}; pass --format ({', '.join(FORMATS)})")


def read_source(path: Path | str, fmt: str | None = None) -> list[KbEntry]:
    """Entries from a Who's On First TSV, the war-report CSV, Wikidata JSON entities or
    a user CSV (name,qid,type,lat,lon,aliases,country)."""
    path = Path(path)
    fmt = fmt or guess_format(path)
    if fmt == "wof":
        return read_wof(path, min_population=0, keep_homonyms=True)
    if fmt == "warreport":
        return read_warreport(path, bundled_kb())
    if fmt == "wikidata-json":
        return read_wikidata_json(path, bundled_kb())
    if fmt == "csv":
        return read_user_csv(path)
    raise UsageError(f"unknown KB format {fmt!r}; use one of: {', '.join(FORMATS)}")


def add_to_user_kb(
    entries: list[KbEntry], kb_path: Path | str | None, source: str
) -> tuple[int, int]:
    """Merge entries into the user KB file (created if missing). Returns (given, total)."""
    path = Path(kb_path) if kb_path else default_user_kb()
    meta: dict = {"name": "conflict-kg user KB", "sources": []}
    existing: list[KbEntry] = []
    if path.exists():
        meta, existing = load_kb_file(path)
    kb = KnowledgeBase(existing)
    kb.add(entries)
    meta.setdefault("sources", []).append(
        {"source": source, "entries": len(entries), "date": dt.date.today().isoformat()}
    )
    save_kb_file(path, kb.entries, meta)
    return len(entries), len(kb.entries)


def import_file(
    path: Path | str, fmt: str | None = None, kb_path: Path | str | None = None
) -> tuple[int, int]:
    """``kg kb import``: read a reference file into the user KB."""
    entries = read_source(path, fmt)
    return add_to_user_kb(entries, kb_path, f"{fmt or guess_format(Path(path))}:{path}")


def fetch(
    *,
    endpoint: str = DEFAULT_ENDPOINT,
    region: str | None = None,
    names: list[str] | None = None,
    kb_path: Path | str | None = None,
    cache_dir: Path | str | None = None,
    min_interval: float | None = None,
) -> tuple[int, int]:
    """``kg kb fetch``: entries from a SPARQL endpoint by region or by names."""
    if bool(region) == bool(names):
        raise UsageError("give exactly one of --region QID or --names FILE")
    client = SparqlClient(endpoint, cache_dir=cache_dir, min_interval=min_interval)
    if region:
        entries = fetch_region(client, region, bundled_kb())
    else:
        entries = lookup_names(client, names or [], bundled_kb())
    return add_to_user_kb(entries, kb_path, f"sparql:{endpoint}")
