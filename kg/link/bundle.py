"""Assembling the bundled KB from the reference files (used by scripts/build_kb.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .kb import KbEntry, KnowledgeBase
from .normalise import NORMALISER_VERSION
from .sources import read_curated, read_verified_names, read_verified_qids, read_wof

__all__ = ["build_bundled", "CURATED", "SOURCES_META"]

CURATED = Path(__file__).resolve().parent.parent / "data" / "kb" / "curated.json"

SOURCES_META = [
    {
        "name": "Who's On First, whosonfirst-data-admin-ua",
        "attribution": "Data from Who's On First",
        "licence": "CC0 (Who's On First data); CC-BY for GeoNames/Quattroshapes-derived fields",
        "url": "https://whosonfirst.org/",
    },
    {
        "name": "Wikidata identifiers and facts",
        "licence": "CC0",
        "note": "QIDs only where verified in conflict-kg's reference files",
    },
    {"name": "conflict-kg curated list (kg/data/kb/curated.json)", "licence": "MIT"},
]


def build_bundled(
    wof: Path | str,
    verified: Path | str,
    curated: Path | str = CURATED,
    min_population: int = 10000,
) -> tuple[dict, list[KbEntry]]:
    """Entries and metadata for the bundled KB.

    From the WOF extract: the country, all regions (oblasts, Crimea), every locality with
    a QID carried by a current record, QID-less localities of ``min_population`` or more,
    QID-less namesakes of kept places (so ambiguity is known) and current raions. From
    the curated list: entries whose QIDs are verified in ``verified`` or in WOF.
    """
    wof_entries = read_wof(wof, min_population=min_population, keep_homonyms=True)
    allowed = read_verified_qids(verified) | {e.qid for e in wof_entries if e.qid}
    kb = KnowledgeBase(wof_entries)
    kb.add(read_curated(curated, allowed_qids=allowed))
    for qid, name in read_verified_names(verified).items():  # the names the gold uses
        entry = kb.by_qid(qid)
        if entry is not None and entry.type in ("Settlement",) and entry.label != name:
            entry.aliases = list(dict.fromkeys([entry.label, *entry.aliases]))
            entry.label = name
    meta = {
        "name": "conflict-kg bundled KB",
        "built": dt.date.today().isoformat(),
        "normaliser": NORMALISER_VERSION,
        "entries": len(kb.entries),
        "with_qid": sum(1 for e in kb.entries if e.qid),
        "sources": SOURCES_META,
        "attribution": "Data from Who's On First. Wikidata facts are CC0.",
    }
    return meta, kb.entries
