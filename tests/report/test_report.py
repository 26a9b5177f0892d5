"""kg.report on the real seed graph: every event and statement of the graph is on the page,
nothing is fetched, and a graph without text or a large corpus is summarised."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from kg.report import build_report
from kg.store import open_store
from kg.tables import read_tables

pytestmark = pytest.mark.slow


def payload(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


@pytest.fixture(scope="module")
def tables(seed_text_ttl):
    return read_tables(open_store([seed_text_ttl]))


@pytest.fixture(scope="module")
def html(tables) -> str:
    return build_report(tables, title="Seed <report>")


def test_every_event_and_statement_is_embedded_and_marked(tables, html):
    data = payload(html)
    assert len(data["events"]) == len(tables.events) > 0
    assert len(data["statements"]) == len(tables.statements) > 0
    text_html = data["documents"][0]["html"]
    marked = set(re.findall(r'data-k="([vs]\d+)"', text_html))
    assert {e["k"] for e in data["events"]} <= marked
    assert {s["k"] for s in data["statements"]} <= marked
    assert sum(data["counts"]["events"].values()) == len(tables.events)


def test_the_text_is_the_document(tables, html):
    text_html = payload(html)["documents"][0]["html"]
    assert unescape(re.sub(r"<[^>]+>", "", text_html)) == tables.documents[0]["text"]


def test_self_contained(html):
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html, re.I)
    assert "default-src 'none'" in html  # the page may not load anything
    assert "Natural Earth" in html
    assert "Seed &lt;report&gt;" in html and "<report>" not in html


def test_deterministic(tables, html):
    assert build_report(tables, title="Seed <report>") == html


def test_summaries_without_text(seed_ttl, tables):
    plain = read_tables(open_store([seed_ttl]))
    doc = payload(build_report(plain))["documents"][0]
    assert not doc["has_text"] and not doc["full"]
    items = {e["iri"] for e in plain.events} | {s["iri"] for s in plain.statements}
    assert doc["html"].count("<li>") == sum(m["node"] in items for m in plain.mentions) > 0
    short = payload(build_report(tables, full_text=0, max_items=5))
    assert not short["documents"][0]["full"] and short["documents"][0]["has_text"]
    assert len(short["events"]) == 5
    assert short["omitted"]["events"] == len(tables.events) - 5
