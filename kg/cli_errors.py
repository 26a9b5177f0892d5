"""The one place a KgError becomes a message on stderr and an exit code (all commands)."""

from __future__ import annotations

import typer

from .errors import KgError


def fail(err: KgError) -> typer.Exit:
    """Print ``err`` on stderr and return the Exit to raise (1 data error, 2 usage)."""
    typer.echo(f"kg: {err}", err=True)
    return typer.Exit(err.exit_code)
