"""The one module that knows the order of the stages:
ingest -> extract -> link -> build. ``kg.build_graph`` is the library call behind
``kg build``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from .build import KnowledgeGraph, RunInfo, graph_from_extractions
from .errors import W_LINK, W_NO_DATE, KgError, NoDocumentsError
from .ingest import MAX_BYTES, read_inputs
from .types import BuildReport, Extraction, Failure, SourceDoc

LINK_MODES = ("offline", "online", "online,offline", "none")


def extract_documents(
    docs: Iterable[SourceDoc],
    *,
    model: str | None = None,
    triggers: str | None = None,
    jobs: int = 1,
    report: BuildReport | None = None,
    on_document: Callable[[SourceDoc], None] | None = None,
) -> Iterator[Extraction]:
    """Extract each document (parsing in ``jobs`` processes); one whose extraction fails
    is recorded in ``report`` and skipped; ``triggers`` adds the trained trigger model
    (see ``kg.extract.nlp.load_nlp``)."""
    from .extract import extract_parsed, load_nlp, model_name
    from .extract.parsed import parse_many

    nlp = load_nlp(model, triggers)
    name = model_name(nlp)
    for parsed in parse_many(docs, nlp, n_process=max(1, jobs)):
        doc = parsed.doc
        try:
            yield extract_parsed(parsed, name)
        except KgError:
            raise
        except Exception as exc:  # a bug or a pathological document: report, go on
            if report is None:
                raise
            report.failures.append(
                Failure(doc.source or doc.id, f"{doc.id}: extraction failed ({exc!r})", "E021")
            )
        finally:
            if on_document is not None:
                on_document(doc)


def dated(doc: SourceDoc, report: BuildReport | None = None) -> SourceDoc:
    """A document without a publication date takes the one its dateline gives
    ("KHARTOUM, Oct 12, 2024 (Reuters) -"); one with none at all is kept, with a
    warning: its "on Friday" and "yesterday" cannot be resolved to dates."""
    if doc.date is not None or doc.date_literal is not None:
        return doc
    from .extract.dateline import dateline_date

    date = dateline_date(doc.text)
    if date is not None:
        return replace(doc, date=date)
    if report is not None:
        report.warnings.append(
            Failure(
                doc.source or doc.id,
                f"{doc.id}: no publication date (no metadata, no dateline); relative dates "
                "stay unresolved: give one with a sidecar .json, a JSONL 'date' or --date",
                W_NO_DATE,
            )
        )
    return doc


def link_documents(
    extractions: Sequence[Extraction],
    mode: str = "offline",
    endpoint: str | None = None,
    report: BuildReport | None = None,
) -> list[Extraction]:
    """Link entities to Wikidata: the bundled KB offline, plus the endpoint online.

    When the endpoint fails, ``report`` gets a warning with the number of mentions left
    unlinked; with ``online`` (not ``online,offline``) the build is also marked failed.
    """
    if mode == "none":
        return list(extractions)
    from .link import link_extractions

    def failed(mentions: int, error: str) -> None:
        if report is None:
            return
        fallback = mode == "online,offline"
        report.warnings.append(
            Failure(
                endpoint or "wikidata",
                f"the SPARQL endpoint failed ({error}); {mentions} mentions left unlinked"
                + ("; the bundled KB linked the rest" if fallback else ""),
                W_LINK,
            )
        )
        report.link_failed = report.link_failed or not fallback

    online = mode in ("online", "online,offline")
    return link_extractions(extractions, online=online, endpoint=endpoint, on_failure=failed)


def build_graph(
    inputs: Sequence[str | Path],
    *,
    date: dt.date | None = None,
    model: str | None = None,
    triggers: str | None = None,
    include_text: bool = False,
    link: str = "offline",
    endpoint: str | None = None,
    timestamp: bool = False,
    max_bytes: int = MAX_BYTES,
    jobs: int = 1,
    progress: Callable[[int], Callable[[SourceDoc], None]] | None = None,
    dayfirst: bool = False,
    stdin_id: str | None = None,
) -> tuple[KnowledgeGraph, BuildReport]:
    """Read ``inputs`` (files, folders, ``-``), extract, link and build the graph.

    ``date`` is the publication date for documents that give none; ``dayfirst`` reads
    12/10/2024 as 12 October; ``stdin_id`` names a document read from ``-``; ``jobs`` > 1
    parses in that many processes; ``triggers`` adds the trained trigger model ("shipped"
    or a path). Repaired metadata is in the report's ``warnings``.
    Bad documents are reported in the returned BuildReport's ``failures`` and skipped;
    NoDocumentsError is raised only when no document at all could be read.
    """
    report = BuildReport()
    docs: list[SourceDoc] = []
    found = read_inputs(
        inputs,
        default_date=date,
        max_bytes=max_bytes,
        dayfirst=dayfirst,
        stdin_id=stdin_id,
        warnings=report.warnings,
    )
    for item in found:
        if isinstance(item, Failure):
            report.failures.append(item)
        else:
            docs.append(dated(item, report))
    if not docs:
        detail = "; ".join(f.message for f in report.failures[:5]) or "no input given"
        raise NoDocumentsError(f"no document could be read ({detail})")
    tick = progress(len(docs)) if progress else None
    extractions = list(
        extract_documents(
            docs, model=model, triggers=triggers, jobs=jobs, report=report, on_document=tick
        )
    )
    if not extractions:
        raise NoDocumentsError("every document failed: " + report.failures[0].message)
    extractions = link_documents(extractions, link, endpoint, report)
    from .extract.rules import rule_docs

    run = RunInfo(
        model=extractions[0].model,
        rules=rule_docs(),
        started=dt.datetime.now(dt.UTC).replace(microsecond=0) if timestamp else None,
    )
    graph = graph_from_extractions(extractions, run=run, include_text=include_text)
    _count(graph, report)
    report.documents = len(extractions)
    return graph, report


def _count(graph: KnowledgeGraph, report: BuildReport) -> None:
    """Count distinct nodes by contract type, from the graph itself."""
    from rdflib.namespace import RDF

    from .ontology import CKG
    from .types import ENTITY_TYPES, EVENT_TYPES

    typed: dict[object, set] = {}
    triples = set()
    for part in (graph.default, *graph.graphs.values()):
        for triple in part:
            triples.add(triple)
        for subject, kind in part.subject_objects(RDF.type):
            typed.setdefault(kind, set()).add(subject)
    count = {name: len(typed.get(CKG[name], ())) for name in ENTITY_TYPES}
    report.entities = {name: n for name, n in count.items() if n}
    count = {name: len(typed.get(CKG[name], ())) for name in EVENT_TYPES}
    report.events = {name: n for name, n in count.items() if n}
    report.statements = len(typed.get(CKG.Statement, ()))
    report.triples = len(triples)
