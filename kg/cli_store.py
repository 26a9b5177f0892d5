"""The ``kg query``, ``kg load`` and ``kg serve`` commands (thin, over kg.query/store/server).

``kg.cli`` mounts them with :func:`register`. Data goes to stdout, messages to stderr;
exit 1 on a data or store error, 2 on a usage error.
"""

from __future__ import annotations

import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer

from kg.cli_errors import fail
from kg.errors import KgError, UsageError

__all__ = ["load_cli", "query_cli", "register", "serve_cli"]

_QUERY_HELP = """Run a saved query (by name or path) or a .rq file on graph files or an endpoint.

Examples:

  kg query timeline out/seeds.ttl

  kg query list_statements out/seeds.trig --param speaker="Vitaliy Ganchev" --format csv

  kg query queries/list_places_map.rq out/seeds.ttl --format json

  kg query events_at_place --endpoint http://127.0.0.1:7878/query --param place=Izium

  kg query --list
"""

_LOAD_HELP = """Load a graph file into a SPARQL store, one named graph per document.

Each document's graph is replaced, so loading twice changes nothing; the store's
counts are checked afterwards. Credentials: --user with KG_STORE_PASSWORD, or
KG_STORE_USER/KG_STORE_PASSWORD, or ~/.netrc.

Examples:

  kg load out/seeds.trig --gsp http://127.0.0.1:7878/store

  kg load out/seeds.ttl --gsp http://127.0.0.1:8890/sparql-graph-crud-auth --user dba --auth digest

  kg load out/seeds.trig --update http://127.0.0.1:8890/sparql-auth --chunk-size 1000

Loads are atomic per request: --batch-docs documents (default 100) are replaced by ONE
SPARQL Update (DROP SILENT GRAPH each, then one INSERT DATA), which Oxigraph and
Virtuoso apply as one transaction, so a load that is killed or fails half-way leaves
each graph either as it was or complete; run it again to finish. On Oxigraph
(recognised by its Server header) and Virtuoso, --gsp sends these updates to the update
endpoint next to it (/update, /sparql-auth); other Graph Stores get one PUT per graph.
On Virtuoso and with --update, a request also holds at most --chunk-size triples
(Virtuoso refuses more than 1000); a bigger graph goes in chunks, not atomically.

An unreachable store, refused credentials or a URL without http:// exit with code 2.
"""

_SERVE_HELP = """Serve graphs over SPARQL with Oxigraph on 127.0.0.1 until Ctrl-C.

The graphs are bulk-loaded into --location first (a temporary folder, removed on exit,
when none is given). Documents keep their named graphs, and the default graph is the
union of all graphs, so whatever `kg load` adds later is seen by the saved queries too.
The port is 7878 unless --port says otherwise; when 7878 is busy, a free port is taken
and named on stderr.

Examples:

  kg serve out/seeds.trig

  kg serve --location data/oxigraph
  kg load out/seeds.trig --gsp http://127.0.0.1:7878/store
  kg query list_statements --endpoint http://127.0.0.1:7878/query
"""


def _parse_params(items: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--param {item!r} should look like name=value.")
        params[name.strip()] = value
    return params


def query_cli(
    query: Annotated[
        str | None, typer.Argument(help="Saved query name (or part of it), or a .rq path.")
    ] = None,
    graphs: Annotated[
        list[Path] | None,
        typer.Argument(help="Graph files (.ttl .nt .trig .nq .jsonld) to query."),
    ] = None,
    endpoint: Annotated[
        str | None, typer.Option("--endpoint", "-e", help="Query this SPARQL endpoint instead.")
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="A parameter as name=value (repeatable)."),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="table, csv, tsv or json for SELECT/ASK; ttl or nt for CONSTRUCT.",
        ),
    ] = None,
    list_queries_: Annotated[
        bool, typer.Option("--list", help="List the saved queries and their parameters.")
    ] = False,
    user: Annotated[
        str | None, typer.Option("--user", "-u", help="--endpoint user (see kg load --help).")
    ] = None,
    auth_scheme: Annotated[
        str, typer.Option("--auth", help="basic, digest or auto (the server's challenge).")
    ] = "auto",
) -> None:
    from kg.query import format_result, list_queries, run_query

    try:
        if list_queries_:
            for saved in list_queries():
                params = (
                    ", ".join(f"{p.name}{'?' if p.optional else ''}" for p in saved.params) or "-"
                )
                typer.echo(f"{saved.name}\t{params}\t{saved.summary}")
            return
        if query is None:
            raise UsageError("Give a query name or .rq path (kg query --list shows them).")
        if graphs and endpoint:
            raise UsageError("Give graph files or --endpoint, not both.")
        if not graphs and not endpoint:
            raise UsageError("Give at least one graph file, or --endpoint URL.")
        result = run_query(
            query,
            graphs or [],
            endpoint=endpoint,
            params=_parse_params(param or []),
            auth=_user_auth(user, endpoint or ""),
            auth_scheme=auth_scheme,
        )
        text = format_result(result, fmt)
    except KgError as err:
        raise fail(err) from None
    typer.echo(text, nl=False)
    if result.truncated:
        typer.echo(
            "kg: warning: the endpoint cut the result short (X-SPARQL-MaxRows); "
            "page with LIMIT/OFFSET.",
            err=True,
        )


def load_cli(
    graph: Annotated[Path, typer.Argument(help="The graph file (.trig/.nq keep documents apart).")],
    gsp: Annotated[
        str | None, typer.Option("--gsp", help="Graph Store Protocol endpoint URL.")
    ] = None,
    update: Annotated[
        str | None, typer.Option("--update", help="SPARQL Update endpoint URL (no GSP).")
    ] = None,
    query: Annotated[
        str | None,
        typer.Option("--query", help="Query endpoint for the count check (default: derived)."),
    ] = None,
    chunk_size: Annotated[
        int, typer.Option("--chunk-size", help="Triples per INSERT DATA (Virtuoso: <= 1000).")
    ] = 1000,
    user: Annotated[
        str | None, typer.Option("--user", "-u", help="User; password from KG_STORE_PASSWORD.")
    ] = None,
    graph_iri: Annotated[
        str | None,
        typer.Option("--graph", help="Put every triple into this one named graph."),
    ] = None,
    auth_scheme: Annotated[
        str,
        typer.Option(
            "--auth",
            "--auth-scheme",
            help="basic, digest (Virtuoso) or auto (the server's challenge decides).",
        ),
    ] = "auto",
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds per request.")] = 300.0,
    retries: Annotated[int, typer.Option("--retries", help="Retries on errors and 5xx.")] = 3,
    batch_docs: Annotated[
        int | None,
        typer.Option(
            "--batch-docs",
            min=1,
            help="Documents (graphs) per update request (default 100).",
        ),
    ] = None,
    atomic: Annotated[
        bool,
        typer.Option("--atomic", hidden=True, help="Kept for old scripts: loads are atomic."),
    ] = False,
) -> None:
    from kg.store import load_graph

    del atomic  # every batch is one transaction now
    try:
        auth = _user_auth(user, gsp or update or "")
        report = load_graph(
            graph,
            gsp=gsp,
            update=update,
            query=query,
            graph=graph_iri,
            chunk_size=chunk_size,
            auth=auth,
            auth_scheme=auth_scheme,
            timeout=timeout,
            retries=retries,
            batch_docs=batch_docs,
            progress=_load_progress(),
        )
    except KgError as err:
        raise fail(err) from None
    typer.echo(
        f"loaded {report.triples} triples into {len(report.graphs)} graph(s) at "
        f"{report.target} in {report.seconds:.2f} s ({report.rate:,.0f} triples/s, "
        f"{report.requests} requests; {report.detail}); counts checked"
    )


def _user_auth(user: str | None, url: str) -> tuple[str, str] | None:
    """(user, password) for --user: KG_STORE_PASSWORD, ~/.netrc, else a prompt."""
    import os

    from kg.store import credentials

    if not user:
        return None
    password = os.environ.get("KG_STORE_PASSWORD")
    if password is None:
        found = credentials(url)
        password = found[1] if found and found[0] == user else None
    if password is None:
        password = typer.prompt(f"Password for {user}", hide_input=True, err=True)
    return user, password


def _load_progress():
    """A bar of graphs sent, on stderr, when it is a terminal (logs stay clean)."""
    if not sys.stderr.isatty():
        return None
    bar = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            from tqdm import tqdm

            bar = tqdm(total=total, unit="graph", file=sys.stderr, desc="loading", leave=False)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update


def serve_cli(
    graphs: Annotated[
        list[Path] | None, typer.Argument(help="Graph files to bulk-load before serving.")
    ] = None,
    location: Annotated[
        Path | None,
        typer.Option("--location", "-l", help="Database folder (kept); default a temp folder."),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option("--port", help="Port (default 7878, or a free one when 7878 is busy)."),
    ] = None,
) -> None:
    from kg.server import DEFAULT_PORT, OxigraphServer, bulk_load

    temporary = location is None
    folder = Path(tempfile.mkdtemp(prefix="kg-serve-")) / "db" if temporary else location
    assert folder is not None

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        if graphs:
            bulk_load(folder, list(graphs))
        server = OxigraphServer(
            folder,
            port=port or DEFAULT_PORT,
            union_default_graph=True,
            fallback=port is None,
        )
        with server:
            if server.moved_from is not None:
                typer.echo(
                    f"kg: port {server.moved_from} is in use; serving on port {server.port}",
                    err=True,
                )
            typer.echo(f"query:  {server.query_url}")
            typer.echo(f"update: {server.update_url}")
            typer.echo(f"store:  {server.store_url}")
            typer.echo("Press Ctrl-C to stop.", err=True)
            while server.is_running():
                time.sleep(0.2)
            raise KgError("The oxigraph server stopped on its own.")
    except KeyboardInterrupt:
        typer.echo("stopped", err=True)
    except KgError as err:
        raise fail(err) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
        if temporary:
            shutil.rmtree(folder.parent, ignore_errors=True)


def register(app: typer.Typer) -> None:
    """Add ``query``, ``load`` and ``serve`` to the ``kg`` Typer app."""
    app.command("query", help=_QUERY_HELP)(query_cli)
    app.command("load", help=_LOAD_HELP)(load_cli)
    app.command("serve", help=_SERVE_HELP)(serve_cli)
