"""``kg report``: one self-contained HTML page showing what a graph holds.

Per document, the text with entities highlighted by type, event triggers marked with their
type and factuality (arguments on hover) and quotes joined to their speakers; a statements
table, an event timeline, a map (the Natural Earth outline inlined, zoom and pan in plain
SVG), filters by event type, actor and factuality, counts per class. Every item links to
its character offsets (``#d3-1505-1513``: document 3, characters 1505 to 1513).

Nothing is fetched: the script, the style and the outline are inlined from
``kg/report/{template.html,report.js,report.css}``. The text needs ``kg build
--include-text``; without it, each document shows the anchors the graph holds. Documents
after the first ``full_text`` show a summary (their events and statements) instead of the
text (drawn by the page's script from the embedded events and statements), and at most
``max_items`` events and statements are embedded, so a large corpus
gives a page of a few MB (the CSV export has every row).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from html import escape
from importlib import resources
from pathlib import Path

from ..outline import world_outline
from ..tables import GraphTables
from ..write import write_bytes
from .text import Mark, render_text

__all__ = ["build_report", "write_report", "FULL_TEXT_DOCS", "MAX_ITEMS"]

FULL_TEXT_DOCS = 20
"""Documents shown with their full text; later ones are summarised."""
MAX_ITEMS = 20000
"""Events (and, separately, statements) embedded at most; the rest are counted only."""


def _asset(name: str) -> str:
    return (resources.files("kg.report") / name).read_text(encoding="utf-8")


def _keys(tables: GraphTables) -> dict[str, str]:
    """A short key per entity, event and statement IRI (``e12``, ``v3``, ``s7``)."""
    keys = {iri: f"e{i}" for i, iri in enumerate(sorted(tables.entities))}
    keys.update({e["iri"]: f"v{i}" for i, e in enumerate(tables.events)})
    keys.update({s["iri"]: f"s{i}" for i, s in enumerate(tables.statements)})
    return keys


def _entity_rows(tables: GraphTables, keys: dict[str, str], mentions: Counter) -> list[dict]:
    return [
        dict(
            k=keys[iri],
            label=e["label"],
            type=e["type"],
            qid=e["qid"],
            lat=e["latitude"],
            lon=e["longitude"],
            n=mentions[iri],
        )
        for iri, e in sorted(tables.entities.items())
    ]


def _event_row(event: dict, keys: dict[str, str], doc_index: dict[str, int]) -> dict:
    return dict(
        k=keys[event["iri"]],
        id=event["event_id"],
        type=event["event_type"],
        date=event["event_date"],
        prec=event["date_precision"],
        phrase=event["date_phrase"],
        fact=event["factuality"] or "unknown",
        agents=[keys[i] for i in event["agent_iris"] if i in keys],
        targets=[keys[i] for i in event["target_iris"] if i in keys],
        places=[keys[i] for i in event["place_iris"] if i in keys],
        loc=event["location"],
        lat=event["latitude"],
        lon=event["longitude"],
        acled=" / ".join(
            x for x in (event["acled_event_type"], event["acled_sub_event_type"]) if x
        ),
        codes=" ".join(
            x for x in (event["plover"], event["cameo"] and f"CAMEO {event['cameo']}") if x
        ),
        doc=doc_index[event["document"]],
        b=event["begin"],
        e=event["end"],
        trigger=event["trigger"],
        conf=event["confidence"],
        by=[keys[i] for i in event["reported_by"] if i in keys],
    )


def _statement_row(stmt: dict, keys: dict[str, str], doc_index: dict[str, int]) -> dict:
    return dict(
        k=keys[stmt["iri"]],
        speaker=stmt["speaker"],
        speakers=[keys[i] for i in stmt["speaker_iris"] if i in keys],
        quote=stmt["quote"],
        medium=stmt["medium"],
        direct=stmt["direct"],
        fact=stmt["factuality"],
        date=stmt["date"],
        about=stmt["about"],
        doc=doc_index[stmt["document"]],
        b=stmt["begin"],
        e=stmt["end"],
    )


def _marks(tables: GraphTables, keys: dict[str, str]) -> dict[str, tuple[list, list]]:
    """Per document: (marks, quotes) for :func:`render_text`."""
    kinds = {
        e["iri"]: f"ev {e['event_type']} f-{e['factuality'] or 'unknown'}" for e in tables.events
    }
    kinds.update({iri: f"ent {e['type']}" for iri, e in tables.entities.items()})
    quotes = {s["iri"] for s in tables.statements}
    found: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for mention in tables.mentions:
        node = mention["node"]
        if node in quotes:
            found[mention["doc"]][1].append(Mark(mention["begin"], mention["end"], "q", keys[node]))
        elif node in kinds:
            mark = Mark(mention["begin"], mention["end"], kinds[node], keys[node])
            found[mention["doc"]][0].append(mark)
    return found


def _summary(marks: list[Mark], quotes: list[Mark], anchors: dict, prefix: str) -> str:
    """A document without its text: its event triggers and quotes, in order, with offsets."""
    items = sorted(
        (m for m in marks + quotes if not m.classes.startswith("ent")), key=lambda m: m.begin
    )
    lines = []
    for m in items:
        text = escape(anchors.get((m.begin, m.end), ""), quote=False)
        ident = (
            f"{prefix}-q{m.begin}-{m.end}" if m.classes == "q" else f"{prefix}-{m.begin}-{m.end}"
        )
        lines.append(
            f'<li><a class="off" href="#{ident}">{m.begin}&#8211;{m.end}</a> '
            f'<span class="{m.classes}" data-k="{m.key}" data-b="{m.begin}" data-e="{m.end}" '
            f'id="{ident}">{text}</span></li>'
        )
    return f'<ul class="summary">{"".join(lines)}</ul>'


def _documents(tables: GraphTables, keys: dict[str, str], full_text: int) -> list[dict]:
    marks = _marks(tables, keys)
    anchors: dict[str, dict] = defaultdict(dict)
    for mention in tables.mentions:
        anchors[mention["doc"]][(mention["begin"], mention["end"])] = mention["anchor"]
    rows = []
    for n, doc in enumerate(tables.documents):
        doc_marks, doc_quotes = marks.get(doc["id"], ([], []))
        prefix = f"d{n}"
        full = bool(doc["text"]) and n < full_text
        if full:
            html = render_text(doc["text"], doc_marks, doc_quotes, prefix)
        elif n < full_text:  # no text in the graph: the anchors it holds
            html = _summary(doc_marks, doc_quotes, anchors[doc["id"]], prefix)
        else:  # summarised in the page from the events and statements (report.js)
            html = ""
        rows.append(
            {
                "id": doc["id"],
                "title": doc["title"],
                "date": doc["date"],
                "url": doc["url"],
                "full": full,
                "has_text": bool(doc["text"]),
                "html": html,
            }
        )
    return rows


def _counts(tables: GraphTables) -> dict[str, dict[str, int]]:
    return {
        "documents": {"documents": len(tables.documents), "mentions": len(tables.mentions)},
        "entities": dict(sorted(Counter(e["type"] for e in tables.entities.values()).items())),
        "events": dict(sorted(Counter(e["event_type"] for e in tables.events).items())),
        "factuality": dict(
            sorted(Counter(e["factuality"] or "unknown" for e in tables.events).items())
        ),
        "statements": {
            "statements": len(tables.statements),
            "direct": sum(1 for s in tables.statements if s["direct"]),
            "attributed": sum(1 for s in tables.statements if s["speaker"]),
        },
    }


def build_report(
    tables: GraphTables,
    title: str = "conflict-kg report",
    full_text: int = FULL_TEXT_DOCS,
    max_items: int = MAX_ITEMS,
) -> str:
    """The report page as one HTML string (deterministic: same tables, same bytes)."""
    keys = _keys(tables)
    doc_index = {d["id"]: n for n, d in enumerate(tables.documents)}
    mentions = Counter(m["node"] for m in tables.mentions)
    payload = {
        "title": title,
        "counts": _counts(tables),
        "entities": _entity_rows(tables, keys, mentions),
        "events": [_event_row(e, keys, doc_index) for e in tables.events[:max_items]],
        "statements": [_statement_row(s, keys, doc_index) for s in tables.statements[:max_items]],
        "omitted": {
            "events": max(0, len(tables.events) - max_items),
            "statements": max(0, len(tables.statements) - max_items),
        },
        "documents": _documents(tables, keys, full_text),
    }
    page = _asset("template.html")
    for marker, value in (
        ("/*STYLE*/", _asset("report.css")),
        ("/*SCRIPT*/", _asset("report.js")),
        ("/*DATA*/", _json(payload)),
        ("/*WORLD*/", _json(world_outline())),
        ("<!--TITLE-->", escape(title)),
    ):
        page = page.replace(marker, value, 1)
    return page


def _json(data: object) -> str:
    """JSON safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c")


def write_report(tables: GraphTables, out: str | Path, **options: object) -> int:
    """Write the report atomically; returns its size in bytes."""
    data = build_report(tables, **options).encode("utf-8")  # type: ignore[arg-type]
    write_bytes(data, out)
    return len(data)
