"""``kg kb``: extend the knowledge base the linker uses (a Typer sub-app).

Mount it in kg/cli.py with ``app.add_typer(kb_app, name="kb")``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..cli_errors import fail
from ..errors import KgError
from .kb import default_user_kb, load_kb_file
from .manage import FORMATS, fetch, import_file
from .sparql import DEFAULT_ENDPOINT

__all__ = ["kb_app"]

kb_app = typer.Typer(
    name="kb",
    help=(
        "Manage the Wikidata knowledge base used for linking.\n\n"
        "\b\nExamples:\n"
        "  kg kb import my_places.csv     # name,qid,type,lat,lon,aliases,country\n"
        "  kg kb fetch --region Q170666   # an oblast's places from Wikidata\n"
        "  kg kb info"
    ),
    no_args_is_help=True,
)

KbOption = Annotated[
    Path | None,
    typer.Option("--kb", help=f"user KB file to write (default {default_user_kb()})"),
]


@kb_app.command("import")
def import_cmd(
    file: Annotated[
        Path,
        typer.Argument(
            help="a CSV (name,qid,type,lat,lon,aliases,country), a WOF extract TSV, "
            "a war-report CSV or Wikidata JSON"
        ),
    ],
    format: Annotated[
        str | None,
        typer.Option("--format", help=f"one of {', '.join(FORMATS)} (guessed if omitted)"),
    ] = None,
    kb: KbOption = None,
) -> None:
    """Import a reference file into the user KB (merged with what it holds).

    Examples:

      kg kb import my_places.csv

      kg kb import wof_extract.tsv --format wof --kb ./my_kb.json.gz
    """
    try:
        given, total = import_file(file, format, kb)
    except KgError as exc:
        raise fail(exc) from None
        return
    typer.echo(f"imported {given} entries; {kb or default_user_kb()} now holds {total}", err=True)


@kb_app.command("fetch")
def fetch_cmd(
    endpoint: Annotated[str, typer.Option(help="SPARQL query URL")] = DEFAULT_ENDPOINT,
    region: Annotated[str | None, typer.Option(help="QID of a region: fetch its places")] = None,
    names: Annotated[
        Path | None, typer.Option(help="a file of names, one a line: fetch items so named")
    ] = None,
    kb: KbOption = None,
    cache_dir: Annotated[Path | None, typer.Option(help="where responses are cached")] = None,
) -> None:
    """Fetch entries from a SPARQL endpoint (Wikidata's by default) into the user KB.

    Examples:

      kg kb fetch --region Q170666

      kg kb fetch --names names.txt --endpoint http://localhost:7878/query
    """
    try:
        name_list = None
        if names is not None:
            try:
                name_list = [n.strip() for n in names.read_text(encoding="utf-8").splitlines()]
            except OSError as exc:
                raise KgError(f"cannot read --names file {names}: {exc}") from exc
        given, total = fetch(
            endpoint=endpoint,
            region=region,
            names=[n for n in name_list or [] if n] or None,
            kb_path=kb,
            cache_dir=cache_dir,
        )
    except KgError as exc:
        raise fail(exc) from None
        return
    typer.echo(f"fetched {given} entries; {kb or default_user_kb()} now holds {total}", err=True)


@kb_app.command("info")
def info_cmd(kb: KbOption = None) -> None:
    """Show what a user KB holds (entries, with QIDs, sources).

    Example:

      kg kb info --kb ./my_kb.json.gz
    """
    path = kb or default_user_kb()
    try:
        meta, entries = load_kb_file(path)
    except KgError as exc:
        raise fail(exc) from None
        return
    with_qid = sum(1 for e in entries if e.qid)
    typer.echo(f"{path}: {len(entries)} entries, {with_qid} with a QID")
    for src in meta.get("sources", []):
        typer.echo(f"  {src}")
