"""The ``kg report`` and ``kg export`` commands (thin, over kg.report and kg.export).

``kg.cli`` mounts them with :func:`register`. Messages go to stderr; exit 1 on a bad
graph or an unwritable output, 2 on a usage error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli_errors import fail
from kg.errors import KgError, UsageError

__all__ = ["export_cli", "register", "report_cli"]

_REPORT_HELP = """Write one self-contained HTML page showing what a graph holds.

Per document the text with entities highlighted by type, event triggers with their type,
factuality and arguments on hover, quotes joined to their speakers; a statements table, an
event timeline, a map (Natural Earth outline, zoom and pan), filters by event type, actor
and factuality, counts per class. Nothing is fetched from the network. The text needs a
graph built with --include-text; without it, the anchors the graph holds are shown.

Examples:

  kg build seeds/ --include-text -o out/seeds.ttl && kg report out/seeds.ttl -o out/seeds.html

  kg report out/news.trig -o out/news.html --full-text 50 --title "News, October"
"""

_EXPORT_HELP = """Export events and statements as CSV, located events and places as GeoJSON.

Events have ACLED-like columns: event_id, event_date, date_precision, event_type,
acled_event_type, acled_sub_event_type, plover, cameo, actor1 (agent), actor2 (target),
their QIDs, location, admin1, country, latitude, longitude, geo_precision, factuality,
document, url, sentence, confidence, ...

Examples:

  kg export out/seeds.ttl --events out/seeds-events.csv

  kg export out/news.trig --events ev.csv --statements st.csv --geojson places.geojson
"""


def _tables(graphs: list[Path]):
    from kg.store import open_store
    from kg.tables import read_tables

    return read_tables(open_store(graphs))


def report_cli(
    graphs: Annotated[list[Path], typer.Argument(help="Graph files (.ttl .nt .trig .nq .jsonld).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path(
        "report.html"
    ),
    title: Annotated[str, typer.Option("--title", help="The page's title.")] = "conflict-kg report",
    full_text: Annotated[
        int, typer.Option("--full-text", help="Documents shown in full; later ones summarised.")
    ] = 20,
    max_items: Annotated[
        int, typer.Option("--max-items", help="Events (and statements) embedded at most.")
    ] = 20000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
) -> None:
    from kg.report import write_report
    from kg.write import check_writable

    try:
        if full_text < 0 or max_items < 0:
            raise UsageError("--full-text and --max-items cannot be negative.")
        check_writable(output)
        tables = _tables(graphs)
        size = write_report(tables, output, title=title, full_text=full_text, max_items=max_items)
    except KgError as err:
        raise fail(err) from None
    if not quiet:
        typer.echo(
            f"kg: {len(tables.documents)} documents, {len(tables.events)} events, "
            f"{len(tables.statements)} statements -> {output} ({size:,} bytes)",
            err=True,
        )


def export_cli(
    graphs: Annotated[list[Path], typer.Argument(help="Graph files (.ttl .nt .trig .nq .jsonld).")],
    events: Annotated[Path | None, typer.Option("--events", help="Events CSV to write.")] = None,
    statements: Annotated[
        Path | None, typer.Option("--statements", help="Statements CSV to write.")
    ] = None,
    geojson: Annotated[
        Path | None, typer.Option("--geojson", help="GeoJSON of located events and places.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
) -> None:
    from kg.export import export
    from kg.write import check_writable

    try:
        outputs = [p for p in (events, statements, geojson) if p is not None]
        if not outputs:
            raise UsageError("Give at least one of --events, --statements, --geojson.")
        for path in outputs:
            check_writable(path)
        written = export(_tables(graphs), events, statements, geojson)
    except KgError as err:
        raise fail(err) from None
    if not quiet:
        for line in written:
            typer.echo(f"kg: {line}", err=True)


def register(app: typer.Typer) -> None:
    """Add ``report`` and ``export`` to the ``kg`` Typer app."""
    app.command("report", help=_REPORT_HELP)(report_cli)
    app.command("export", help=_EXPORT_HELP)(export_cli)
