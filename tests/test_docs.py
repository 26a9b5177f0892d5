"""Every command is documented: in the README and with examples in its --help."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from kg.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands() -> dict:
    return dict(typer.main.get_command(app).commands)


@pytest.mark.parametrize("name", sorted(_commands()))
def test_command_is_in_the_readme(name):
    assert f"kg {name}" in README, f"README.md does not show `kg {name}`"


@pytest.mark.parametrize("name", sorted(_commands()))
def test_command_help_has_text(name):
    command = _commands()[name]
    assert command.help and len(command.help) > 30


def test_readme_first_screen_has_the_two_commands():
    first_screen = "\n".join(README.splitlines()[:30])
    assert "make run" in first_screen and "make test" in first_screen
