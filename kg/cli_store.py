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

  kg load out/seeds.ttl --gsp http://127.0.0.1:8890/sparql-graph-crud-auth --user dba

  kg load out/seeds.trig --update http://127.0.0.1:8890/sparql-auth --chunk-size 1000

On Oxigraph (recognised by its Server header) --gsp sends --batch-docs documents per
request (default 100): their graphs are dropped, then POSTed together as N-Quads with
Oxigraph's no_transaction, which is about twice as fast on disk but not atomic: a
request that fails half-way can leave part of its triples. The count check after the
load reports any such graph; load again to replace it. --atomic makes each POST one
transaction (about 1.5x slower); --batch-docs 1 PUTs one graph per request, as on any
other Graph Store. Virtuoso always gets one PUT per graph, and --update refuses a
--chunk-size above 1000 there.
"""

_SERVE_HELP = """Serve graphs over SPARQL with Oxigraph on 127.0.0.1 until Ctrl-C.

The graphs are bulk-loaded into --location first (a temporary folder, removed on exit,
when none is given). Documents keep their named graphs, and the default graph holds
the set union of all their triples, which the saved queries read.

Examples:

  kg serve out/seeds.trig

  kg serve out/seeds.ttl --location data/oxigraph --port 7878
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
    store: Annotated[
        Path | None,
        typer.Option("--store", help="Query this on-disk store (kg build --store) instead."),
    ] = None,
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
        if sum(map(bool, (graphs, endpoint, store))) > 1:
            raise UsageError("Give graph files, --endpoint or --store, only one of them.")
        if not graphs and not endpoint and store is None:
            raise UsageError("Give at least one graph file, --endpoint URL or --store DIR.")
        result = run_query(
            query,
            graphs or [],
            endpoint=endpoint,
            params=_parse_params(param or []),
            store=_stored(store),
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


def _stored(location: Path | None):
    """The on-disk store of ``kg build --store``, read-only (None for no store)."""
    if location is None:
        return None
    from kg.incremental import open_persistent

    return open_persistent(location, read_only=True)


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
        str, typer.Option("--auth-scheme", help="auto, basic or digest.")
    ] = "auto",
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds per request.")] = 300.0,
    retries: Annotated[int, typer.Option("--retries", help="Retries on errors and 5xx.")] = 3,
    batch_docs: Annotated[
        int | None,
        typer.Option(
            "--batch-docs",
            min=1,
            help="Documents per request on Oxigraph (default 100; 1 = a PUT per graph).",
        ),
    ] = None,
    atomic: Annotated[
        bool,
        typer.Option("--atomic", help="Oxigraph: each batch in one transaction (slower)."),
    ] = False,
) -> None:
    import os

    from kg.store import credentials, load_graph

    try:
        auth = None
        if user:
            password = os.environ.get("KG_STORE_PASSWORD")
            if password is None:
                found = credentials(gsp or update or "")
                password = found[1] if found and found[0] == user else None
            if password is None:
                password = typer.prompt(f"Password for {user}", hide_input=True, err=True)
            auth = (user, password)
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
            atomic=atomic,
            progress=_load_progress(),
        )
    except KgError as err:
        raise fail(err) from None
    typer.echo(
        f"loaded {report.triples} triples into {len(report.graphs)} graph(s) at "
        f"{report.target} in {report.seconds:.2f} s ({report.rate:,.0f} triples/s, "
        f"{report.requests} requests; {report.detail}); counts checked"
    )


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
        typer.Option(
            "--location",
            "--store",
            "-l",
            help="Database folder (kept; a kg build --store folder); default a temp folder.",
        ),
    ] = None,
    port: Annotated[int | None, typer.Option("--port", help="Port (default: a free one).")] = None,
) -> None:
    from kg.server import OxigraphServer, bulk_load

    temporary = location is None
    folder = Path(tempfile.mkdtemp(prefix="kg-serve-")) / "db" if temporary else location
    assert folder is not None

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        if graphs:
            with tempfile.TemporaryDirectory(prefix="kg-serve-union-") as scratch:
                bulk_load(folder, [*graphs, *_flattened(graphs, Path(scratch))])
        with OxigraphServer(folder, port=port) as server:
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


def _flattened(graphs: list[Path], work: Path) -> list[Path]:
    """N-Triples copies of the TriG/N-Quads files' distinct triples, for the default graph.

    Saved queries read the default graph; as a set union of the documents' graphs it
    holds each shared entity triple once (a bag union would repeat it per document).
    """
    import pyoxigraph as ox

    from kg.store import rdf_format

    out: list[Path] = []
    work.mkdir(parents=True, exist_ok=True)
    for index, path in enumerate(graphs):
        if rdf_format(path) not in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
            continue
        triples = dict.fromkeys(
            ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path))
        )
        target = work / f"union-{index}.nt"
        ox.serialize(list(triples), str(target), ox.RdfFormat.N_TRIPLES)
        out.append(target)
    return out


def register(app: typer.Typer) -> None:
    """Add ``query``, ``load`` and ``serve`` to the ``kg`` Typer app."""
    app.command("query", help=_QUERY_HELP)(query_cli)
    app.command("load", help=_LOAD_HELP)(load_cli)
    app.command("serve", help=_SERVE_HELP)(serve_cli)
