"""Streaming build for N-Quads and N-Triples: memory that does not grow with the corpus,
and the same bytes as the in-memory build (``kg.pipeline.build_graph`` + ``kg.write``).

Documents are read lazily and parsed in batches (``extract_stream``: in this process,
in ``-j`` processes, or on Dask, see ``kg.engines``). Two things in a graph depend on the
whole run, so the extractions are spilled to a temporary file on the way:

1. pass one extracts every document, decides its links and counts what linking needs
   from the whole run (``RunLinks.observe``), and spills both;
2. pass two reads the spill back, links each document (``RunLinks.apply``), counts
   label votes (``LabelVotes``), and writes its quads, sorted, in runs of at most
   ``RUN_LINES`` lines to temporary files. An entity's rdfs:label is written as a
   placeholder (it depends on every document), and every other name as skos:altLabel;
3. the merge reads all runs at once in order (``heapq.merge``), puts each entity's
   run-wide label in place of the placeholder, drops the alt label that equals it, drops
   repeats, counts nodes for the summary, and writes the output atomically.

In the runs a tab stands for the space before the graph (or the final dot), so a
triple is the text before it; a tab sorts like that space against everything a line
holds. Why the placeholder keeps the order: all the label lines of one subject share the text
up to the object and have the same object, so they sit together and in graph order
whatever the label is.
"""

from __future__ import annotations

import heapq
import io
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from decimal import Decimal
from pathlib import Path
from typing import IO

from rdflib import URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from .build import LabelVotes, RunInfo, _add_run, add_extraction, doc_iri, rules_used
from .errors import NoDocumentsError, OutputError
from .ontology import CKG
from .turtle import _string, _Terms
from .types import ENTITY_TYPES, EVENT_TYPES, BuildReport, Extraction, SourceDoc

STREAM_FORMATS = ("nq", "nt")
#: Lines sorted in memory before a run goes to disk.
RUN_LINES = 200_000
_HOLE = "\x00"  # starts a label placeholder: "\x00" + the entity IRI
_HOLE_TEXT = '"\\u0000'  # how the writer spells its start
_LABEL = f"<{RDFS.label}>"
_ALT = f"<{SKOS.altLabel}>"
_TYPE = f"<{RDF.type}>"
#: Functional properties an entity seen in several documents has once: the highest.
_HIGHEST = (f"<{CKG.confidence}>", f"<{CKG.linkConfidence}>")
_COUNTED = {f"<{CKG[name]}>": name for name in (*ENTITY_TYPES, *EVENT_TYPES, "Statement")}


class _Placeholders:
    """Labels for ``add_extraction`` that are holes to fill once the run is read."""

    def __getitem__(self, iri: str) -> str:
        return _HOLE + iri


class _Triples(list):
    """What ``add_extraction`` writes into: a plain list of triples (no rdflib store)."""

    def add(self, triple: tuple) -> None:
        self.append(triple)


def stream_build(
    extractions: Iterable[Extraction],
    out: str | Path,
    fmt: str,
    *,
    report: BuildReport,
    link: str = "offline",
    include_text: bool = False,
    timestamp: bool = False,
    workdir: str | Path | None = None,
    run_lines: int = RUN_LINES,
    known_label: Callable[[str], str | None] | None = None,
) -> BuildReport:
    """Write the graph of ``extractions`` to ``out`` (a path or ``-``) as ``fmt`` (nq or
    nt), holding one run of lines at a time; counts go into ``report``.
    ``known_label(iri)`` gives the label an entity already has elsewhere (in a store
    being added to), which then wins over this run's."""
    import datetime as dt

    from .extract.rules import rule_docs

    with tempfile.TemporaryDirectory(prefix="kg-stream-", dir=workdir) as tmp:
        spill = Path(tmp) / "extractions.pickle"
        links, count, model = _spill(extractions, spill, link)
        if count == 0:
            detail = report.failures[0].message if report.failures else "no input given"
            raise NoDocumentsError(f"no document could be read ({detail})")
        started = dt.datetime.now(dt.UTC).replace(microsecond=0) if timestamp else None
        run = RunInfo(model=model, rules=rule_docs(), started=started)
        votes = LabelVotes()
        linked = _linked(spill, links)
        runs = _write_runs(linked, Path(tmp), fmt, run, votes, include_text, run_lines)
        _merge(runs, out, votes, report, known_label)
    report.documents = count
    return report


def _spill(
    extractions: Iterable[Extraction], spill: Path, link: str
) -> tuple[object | None, int, str | None]:
    """Pass one: extractions to ``spill``, the run-wide link figures counted."""
    links = None
    if link != "none":
        from .link import Linker, RunLinks, _default_kb

        links = RunLinks(Linker(_default_kb()))
    count, model = 0, None
    with spill.open("wb") as stream:
        for ext in extractions:
            decisions = links.observe(ext) if links is not None else None
            pickle.dump((ext, decisions), stream, protocol=pickle.HIGHEST_PROTOCOL)
            count += 1
            model = model or ext.model
    return links, count, model


def _linked(spill: Path, links) -> Iterator[Extraction]:
    """Pass two: the spilled extractions, read back one at a time, linked."""
    with spill.open("rb") as stream:
        while True:
            try:
                ext, decisions = pickle.load(stream)
            except EOFError:
                return
            yield ext if links is None else links.apply(ext, decisions)


def _write_runs(
    extractions: Iterator[Extraction],
    tmp: Path,
    fmt: str,
    run: RunInfo,
    votes: LabelVotes,
    include_text: bool,
    run_lines: int,
) -> list[Path]:
    """Each document's lines (default-graph lines too), sorted, in runs on disk."""
    runs: list[Path] = []
    lines: set[str] = set()
    terms = _Terms(prefixed=False)
    run_node = URIRef(run.iri)
    used: set[str] = set()
    holes = _Placeholders()
    for ext in extractions:
        votes.add(ext)
        used |= rules_used([ext])
        triples = _Triples()
        add_extraction(triples, ext, holes, include_text)
        graph = URIRef(doc_iri(ext.doc.id))
        tail = "\t" + terms(graph) + " .\n" if fmt == "nq" else "\t.\n"
        for s, p, o in triples:
            lines.add(f"{terms(s)} {terms(p)} {terms(o)}{tail}")
        lines.add(f"{terms(run_node)} {terms(PROV.used)} {terms(graph)}\t.\n")
        if len(lines) >= run_lines:
            runs.append(_flush(lines, tmp, len(runs)))
            lines, terms = set(), _Terms(prefixed=False)
    default = _Triples()
    _add_run(default, run, [], used=used)
    lines.update(f"{terms(s)} {terms(p)} {terms(o)}\t.\n" for s, p, o in default)
    runs.append(_flush(lines, tmp, len(runs)))
    return runs


def _flush(lines: set[str], tmp: Path, number: int) -> Path:
    path = tmp / f"run-{number:05d}.txt"
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        stream.writelines(sorted(lines))
    return path


def _merge(runs: list[Path], out: str | Path, votes: LabelVotes, report, known_label) -> None:
    """All runs in order, holes filled, repeats dropped, written atomically."""
    with ExitStack() as stack:
        streams = [stack.enter_context(p.open(encoding="utf-8", newline="\n")) for p in runs]
        with _output(out) as sink:
            merged = _highest_confidences(heapq.merge(*streams))
            _write_merged(merged, sink, votes, report, known_label)


def _highest_confidences(lines: Iterator[str]) -> Iterator[str]:
    """Each entity's confidence lines (one per document graph) all carry the highest
    value, as the in-memory build writes them: the lines of one subject and property
    are neighbours in the merge, so a block at a time is held."""
    block: list[str] = []
    for line in lines:
        s, p, _ = line.split(" ", 2)
        if block and block[0].split(" ", 2)[:2] != [s, p]:
            yield from _same_value(block)
            block = []
        if p in _HIGHEST:
            block.append(line)
        else:
            yield line
    yield from _same_value(block)


def _same_value(block: list[str]) -> list[str]:
    if len(block) < 2:
        return block
    head = block[0].split(" ", 2)
    rest = [line.split(" ", 2)[2].split("\t", 1) for line in block]
    best = max((obj for obj, _ in rest), key=lambda obj: Decimal(obj[1 : obj.index('"', 1)]))
    return sorted({f"{head[0]} {head[1]} {best}\t{tail}" for _, tail in rest})


def _write_merged(
    lines: Iterator[str], sink: IO[str], votes: LabelVotes, report, known_label=None
) -> None:
    labels: dict[str, str] = {}  # the last subject's label, spelt (subjects come in order)

    def label(subject: str) -> str:
        if subject not in labels:
            labels.clear()
            iri = subject[1:-1]
            known = known_label(iri) if known_label is not None else None
            labels[subject] = _string(known or votes.label(iri))
        return labels[subject]

    previous, previous_triple = None, None
    typed: dict[str, int] = {}
    triples = 0
    for line in lines:
        s, p, rest = line.split(" ", 2)
        if p == _LABEL and rest.startswith(_HOLE_TEXT):
            end = rest.index('"', 1) + 1
            line = f"{s} {p} {label(s)}{rest[end:]}"
        elif p == _ALT and rest.startswith(label(s) + "\t"):
            continue  # the run-wide label itself is no alternative
        if line == previous:
            continue
        previous = line
        triple = line.split("\t", 1)[0]
        if triple != previous_triple:
            previous_triple = triple
            triples += 1
            if p == _TYPE:
                kind = _COUNTED.get(triple.split(" ", 2)[2])
                if kind:
                    typed[kind] = typed.get(kind, 0) + 1
        sink.write(line.replace("\t", " ", 1))
    report.triples = triples
    report.entities = {k: n for k in ENTITY_TYPES if (n := typed.get(k, 0))}
    report.events = {k: n for k in EVENT_TYPES if (n := typed.get(k, 0))}
    report.statements = typed.get("Statement", 0)


class _output:
    """A text sink: stdout for ``-``, else a temporary file renamed into place on success."""

    def __init__(self, out: str | Path) -> None:
        self.out = str(out)
        self.tmp: str | None = None

    def __enter__(self) -> IO[str]:
        if self.out == "-":  # UTF-8 whatever the locale, as the in-memory build writes
            sys.stdout.flush()
            self.stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
            return self.stream
        path = Path(self.out)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, self.tmp = tempfile.mkstemp(
                prefix=f".{path.name}.", suffix=".part", dir=path.parent
            )
        except OSError as exc:
            raise OutputError(f"{path}: cannot write the output ({exc.strerror})") from exc
        self.stream = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        return self.stream

    def __exit__(self, kind, value, tb) -> None:
        if self.out == "-":
            self.stream.flush()
            self.stream.detach()  # leave sys.stdout open
            return
        try:
            if kind is None:
                self.stream.flush()
                os.fsync(self.stream.fileno())
            self.stream.close()
            if kind is None:
                os.chmod(self.tmp, 0o644)
                os.replace(self.tmp, self.out)
        except OSError as exc:
            raise OutputError(f"{self.out}: cannot write the output ({exc.strerror})") from exc
        finally:
            if self.tmp and Path(self.tmp).exists() and kind is not None:
                Path(self.tmp).unlink()


def read_documents(
    inputs: Iterable[str | Path],
    report: BuildReport,
    date=None,
    max_bytes: int | None = None,
    *,
    dayfirst: bool = False,
    stdin_id: str | None = None,
) -> Iterator[SourceDoc]:
    """The inputs' documents, lazily (``read_inputs_lazily``), dated; failures and
    warnings go into ``report``."""
    from .ingest import MAX_BYTES, read_inputs_lazily
    from .pipeline import dated
    from .types import Failure

    found = read_inputs_lazily(
        inputs,
        default_date=date,
        max_bytes=max_bytes or MAX_BYTES,
        dayfirst=dayfirst,
        stdin_id=stdin_id,
        warnings=report.warnings,
    )
    for item in found:
        if isinstance(item, Failure):
            report.failures.append(item)
        else:
            yield dated(item, report)


ProgressHook = Callable[[SourceDoc], None]
