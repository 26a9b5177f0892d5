"""kg report and kg export through Typer's CliRunner: files written, summaries on stderr,
usage errors exit 2."""

from __future__ import annotations

import csv

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


@pytest.mark.slow
def test_report_and_export_write_files(seed_text_ttl, tmp_path):
    html = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(seed_text_ttl), "-o", str(html)])
    assert result.exit_code == 0, result.output
    assert "statements ->" in result.stderr and result.stdout == ""
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    events = tmp_path / "e.csv"
    result = runner.invoke(
        app,
        [
            "export",
            str(seed_text_ttl),
            "--events",
            str(events),
            "--geojson",
            str(tmp_path / "p.geojson"),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(events.open(encoding="utf-8")))
    assert rows and {"event_id", "acled_event_type", "latitude"} <= set(rows[0])
    assert (tmp_path / "p.geojson").exists() and not (tmp_path / "s.csv").exists()


def test_export_needs_an_output(tmp_path):
    result = runner.invoke(app, ["export", str(tmp_path / "g.ttl")])
    assert result.exit_code == 2 and "--events" in result.stderr


def test_report_of_a_missing_graph_is_a_data_error(tmp_path):
    result = runner.invoke(
        app, ["report", str(tmp_path / "none.ttl"), "-o", str(tmp_path / "r.html")]
    )
    assert result.exit_code == 1 and "does not exist" in result.stderr
    assert not (tmp_path / "r.html").exists()
