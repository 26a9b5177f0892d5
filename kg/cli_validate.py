"""The ``kg validate`` command (thin, over kg.validate), and the check ``kg build --validate`` runs.

``kg.cli`` mounts it with :func:`register`. Exit codes as pySHACL's: 0 the graph
conforms, 1 it breaks the shapes or the ontology, 2 usage error (nothing was checked).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli_errors import fail
from kg.errors import KgError

__all__ = ["register", "validate_built", "validate_cli"]

_HELP = """Check a graph against the SHACL shapes and the OWL ontology.

SHACL: the shipped shapes, ontology/shapes.ttl (the project's) and
ontology/contract-shapes.ttl (the graph contract's), or the --shapes files given.
OWL: HermiT (needs Java) decides whether the ontology plus the graph is consistent;
on a graph with more than --sample entities, events and statements, a fixed sample of
that many is checked. The report, with the first violations' nodes, goes to stdout.
Exit code 0: conforms; 1: violations or inconsistent; 2: usage error.

Examples:

  kg validate out/seeds.ttl

  kg validate out/news.trig --sample 300

  kg validate out/news.trig --explain       # which nodes an OWL contradiction involves

  kg validate out/seeds.ttl --shapes ../shared/contract/shapes.ttl --no-owl
"""


def validate_cli(
    graph: Annotated[
        Path,
        typer.Argument(
            metavar="GRAPH", help="A graph file: .ttl .nt .trig .nq .jsonld.", show_default=False
        ),
    ],
    shapes: Annotated[
        list[Path] | None,
        typer.Option(
            "--shapes", "-s", metavar="FILE", help="SHACL shapes (repeat; default: the shipped)."
        ),
    ] = None,
    no_owl: Annotated[
        bool, typer.Option("--no-owl", help="Skip the OWL consistency check (HermiT).")
    ] = False,
    sample: Annotated[
        int,
        typer.Option(min=1, help="Reason over at most this many entities, events and statements."),
    ] = 1000,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many violations.")] = 20,
    explain: Annotated[
        bool,
        typer.Option(help="Narrow an OWL contradiction down to its nodes (more HermiT runs)."),
    ] = False,
) -> None:
    from kg.validate import format_report, validate_graph

    try:
        report = validate_graph(
            graph, shapes=shapes or None, owl=not no_owl, sample=sample, explain=explain
        )
    except KgError as err:
        raise fail(err) from None
    typer.echo(format_report(report, limit=limit))
    if report.owl is not None and report.owl.skipped:
        typer.echo(f"kg: warning: OWL check skipped: {report.owl.skipped}", err=True)
    raise typer.Exit(0 if report.conforms else 1)


def validate_built(graph, output: str) -> bool:
    """``kg build --validate``: check what was written (or, for stdout, the graph in memory).

    The report goes to stderr (stdout may hold the graph). True when it conforms.
    """
    from kg.validate import format_report, validate_graph

    source = graph.union() if output == "-" else Path(output)
    report = validate_graph(source)
    typer.echo(format_report(report), err=True)
    return report.conforms


def register(app: typer.Typer) -> None:
    """Mount ``validate`` on the ``kg`` app."""
    app.command("validate", help=_HELP)(validate_cli)
