"""The kg command through Typer's CliRunner: help, version, build, exit codes, streams."""

from __future__ import annotations

import json
import re

import pytest
from rdflib import Dataset, Graph
from typer.testing import CliRunner

from kg import __version__
from kg.cli import app

runner = CliRunner()

STORY = (
    "Sudanese army troops shelled positions of the Rapid Support Forces in Omdurman on "
    'Tuesday, a spokesman said. "We will not retreat," he told Al Jazeera.\n'
)


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_help_teaches():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "build" in result.output and "kg build seeds/" in result.output
    build_help = runner.invoke(app, ["build", "--help"])
    assert "Examples" in build_help.output and "--format" in build_help.output


@pytest.mark.slow
def test_build_to_stdout_is_turtle_only(nlp, tmp_path):
    (tmp_path / "s.txt").write_text(STORY, "utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "s.txt"), "--date", "2023-05-10", "-q"])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert len(graph) > 20


@pytest.mark.slow
def test_build_formats_by_extension(nlp, tmp_path):
    (tmp_path / "s.txt").write_text(STORY, "utf-8")
    for name, fmt in [("g.trig", "trig"), ("g.jsonld", "json-ld"), ("g.nq", "nquads")]:
        result = runner.invoke(app, ["build", str(tmp_path / "s.txt"), "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert "triples" in result.stderr  # the summary goes to stderr
        ds = Dataset()
        ds.parse(tmp_path / name, format=fmt)
        assert len(ds) > 0 or sum(len(g) for g in ds.graphs()) > 0


@pytest.mark.slow
def test_one_bad_document_is_skipped_and_reported(nlp, tmp_path):
    (tmp_path / "good.txt").write_text(STORY, "utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x01binary")
    out = tmp_path / "out.ttl"
    result = runner.invoke(app, ["build", str(tmp_path), "-o", str(out), "--link", "none"])
    assert result.exit_code == 1
    assert "skipped" in result.stderr and "bad.txt" in result.stderr
    assert len(Graph().parse(out)) > 20  # the good document still landed


def test_nothing_readable_exits_1(tmp_path):
    (tmp_path / "empty.txt").write_text("", "utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "empty.txt")])
    assert result.exit_code == 1 and "E070" in result.stderr


def test_usage_errors_exit_2(tmp_path):
    assert runner.invoke(app, ["build", "x.txt", "--format", "rdfxml"]).exit_code == 2
    assert runner.invoke(app, ["build", "x.txt", "--date", "yesterday"]).exit_code == 2
    assert runner.invoke(app, ["build", "x.txt", "--link", "maybe"]).exit_code == 2
    assert runner.invoke(app, ["build"]).exit_code == 2


@pytest.mark.slow
def test_jsonl_from_stdin(nlp):
    lines = [
        json.dumps({"id": "a1", "text": STORY, "date": "2023-05-10"}),
        json.dumps({"id": "a2", "text": "Drones struck a depot near Kherson on Monday."}),
    ]
    result = runner.invoke(app, ["build", "-", "-f", "nq", "-q"], input="\n".join(lines))
    assert result.exit_code == 0, result.output
    graphs = {line.rsplit(" ", 2)[-2] for line in result.stdout.splitlines() if line}
    assert {
        "<https://w3id.org/conflict-kg/id/doc/a1>",
        "<https://w3id.org/conflict-kg/id/doc/a2>",
    } <= graphs


def test_an_undated_document_lands_with_a_warning(nlp, tmp_path):
    (tmp_path / "wire.txt").write_text("KHARTOUM, Oct 12, 2024 (Reuters) - Shelling hit Omdurman.")
    (tmp_path / "bare.txt").write_text("Shelling hit Omdurman on Friday.")
    out = tmp_path / "g.ttl"
    result = runner.invoke(app, ["build", str(tmp_path), "-o", str(out), "--link", "none", "-q"])
    assert result.exit_code == 0
    assert "[W001] warning: bare: no publication date" in result.stderr
    assert "wire" not in result.stderr
    assert '"2024-10-12"^^xsd:date' in out.read_text()


def test_an_unwritable_output_fails_before_any_input_is_read(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    missing = str(tmp_path / "no-such-input.txt")  # reading it would fail with E070, exit 1
    for out in (blocker / "sub" / "g.ttl", tmp_path):
        result = runner.invoke(app, ["build", missing, "-o", str(out), "-f", "ttl", "-q"])
        assert result.exit_code == 2, result.output
        assert "[E031]" in result.stderr and "E070" not in result.stderr


@pytest.mark.slow
def test_stdin_takes_an_id_or_a_content_hash(nlp):
    story = "Russian forces shelled Kharkiv on Friday."
    named = runner.invoke(app, ["build", "-", "--id", "story-1", "-f", "nt", "-q"], input=story)
    assert named.exit_code == 0, named.output
    assert "<https://w3id.org/conflict-kg/id/doc/story-1>" in named.stdout
    plain = runner.invoke(app, ["build", "-", "-f", "nt", "-q"], input=story)
    other = runner.invoke(app, ["build", "-", "-f", "nt", "-q"], input=story + " Again.")
    ids = [set(re.findall(r"/id/doc/(stdin-[0-9a-f]+)", r.stdout)) for r in (plain, other)]
    assert len(ids[0]) == len(ids[1]) == 1 and ids[0] != ids[1]
    assert "doc/stdin>" not in plain.stdout
