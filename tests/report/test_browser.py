"""The seed's report as a person sees it: real headless Chromium (Debian's chromium and
chromium-driver, via Selenium). Skipped when they are not installed (.ci/run installs them
with scripts/install-chromium.sh). The screenshot lands in out/seeds-report.png."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.report import write_report
from kg.store import open_store
from kg.tables import read_tables
from tests.report.chromium import file_url, find_chromium, headless_chromium

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_chromium() is None, reason="chromium/chromedriver/selenium missing"),
]

OUT = Path(__file__).resolve().parents[2] / "out"

COUNT = """return {
  ready: document.body.dataset.ready,
  events: new Set([...document.querySelectorAll('#documents .ev')].map(e => e.dataset.k)).size,
  entities: document.querySelectorAll('#documents .ent').length,
  quotes: new Set([...document.querySelectorAll('#documents .q')].map(e => e.dataset.k)).size,
  rows: document.querySelectorAll('#statements tbody tr').length,
  chips: document.querySelectorAll('#timeline .ev-chip').length,
  points: [...document.querySelectorAll('#points circle')].filter(c => {
    const r = c.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length,
  eventPoints: document.querySelectorAll('#points circle.ev').length,
  land: document.querySelector('#map path.land').getAttribute('d').length,
}"""


@pytest.fixture(scope="module")
def tables(seed_text_ttl):
    return read_tables(open_store([seed_text_ttl]))


@pytest.fixture(scope="module")
def page(tables, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "seeds.html"
    write_report(tables, path, title="Seed report")
    with headless_chromium() as driver:
        driver.get(file_url(path))
        yield driver


def test_renders_without_console_errors(page):
    assert page.execute_script("return document.body.dataset.ready") == "1"
    problems = [e for e in page.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert problems == []


def test_spans_statements_timeline_and_map(page, tables):
    seen = page.execute_script(COUNT)
    located = {(e["latitude"], e["longitude"]) for e in tables.events if e["latitude"] is not None}
    assert seen["events"] == len(tables.events)
    assert seen["quotes"] == len(tables.statements)
    assert seen["entities"] > 0
    assert seen["rows"] == len(tables.statements)
    assert seen["chips"] == len(tables.events)
    assert seen["eventPoints"] == len(located) > 0
    assert seen["points"] >= seen["eventPoints"]
    assert seen["land"] > 10000
    OUT.mkdir(exist_ok=True)
    page.save_screenshot(str(OUT / "seeds-report.png"))


def test_filters_and_offset_links(page, tables):
    from selenium.webdriver.support.ui import Select

    Select(page.find_element("id", "f-type")).select_by_value("Capture")
    captures = sum(e["event_type"] == "Capture" for e in tables.events)
    assert (
        page.execute_script("return document.querySelectorAll('#timeline .ev-chip').length")
        == captures
    )
    link = page.find_element("css selector", "#timeline .ev-chip")
    target = link.get_attribute("href").split("#", 1)[1]
    link.click()
    flashed = page.execute_script(f"return document.getElementById('{target}').className")
    assert "flash" in flashed and "Capture" in flashed
    Select(page.find_element("id", "f-type")).select_by_value("")
    assert page.execute_script(
        "return document.querySelectorAll('#timeline .ev-chip').length"
    ) == len(tables.events)
