"""The README's console examples are what users get: each ``$ kg ...`` line of a
```console block runs here, and its output must be the lines under it.

The commands run in order in a scratch folder holding a copy of seeds/ (so
``kg build seeds/ -o out/seeds.ttl`` makes the graph the next examples read); stdout then
stderr is compared, with trailing spaces ignored. Keep such blocks to cheap commands.
After a change that alters the output, rewrite the blocks from the real output with
``python tests/test_readme.py --update`` and read the diff.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def examples(text: str) -> list[tuple[str, str]]:
    """(command, expected output) for every ``$ `` line of every console block."""
    found = []
    for block in BLOCK.findall(text):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            found.append((command, output))
    return found


def run(command: str, cwd: Path) -> str:
    args = shlex.split(command)
    assert args[0] == "kg", f"README console examples run kg only: {command}"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    done = subprocess.run(
        [sys.executable, "-m", "kg", *args[1:]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return done.stdout + done.stderr


def _clean(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.rstrip("\n").splitlines())


def scratch(tmp: Path) -> Path:
    shutil.copytree(ROOT / "seeds", tmp / "seeds")
    return tmp


@pytest.mark.slow
def test_readme_console_examples_show_the_real_output(tmp_path) -> None:
    cases = examples(README.read_text(encoding="utf-8"))
    commands = [command for command, _ in cases]
    assert any(c.startswith("kg build seeds/") for c in commands)
    assert any(c.startswith("kg query ") for c in commands)
    assert any(c.startswith("kg validate ") for c in commands)
    cwd = scratch(tmp_path)
    for command, expected in cases:
        assert _clean(run(command, cwd)) == _clean(expected), (
            f"README example `{command}` shows other output than it gives; "
            "run python tests/test_readme.py --update"
        )


def test_examples_are_read_from_console_blocks() -> None:
    text = "```console\n$ kg a\none\ntwo\n$ kg b\n```\n```sh\n$ kg c\n```"
    assert examples(text) == [("kg a", "one\ntwo\n"), ("kg b", "")]


def update(tmp: Path) -> None:
    """Rewrite every console block of README.md from the real output."""
    cwd = scratch(tmp)
    text = README.read_text(encoding="utf-8")

    def redo(match: re.Match) -> str:
        body = ""
        for command, _ in examples(match.group(0)):
            output = _clean(run(command, cwd))
            body += f"$ {command}\n" + (f"{output}\n" if output else "")
        return f"```console\n{body}```"

    README.write_text(BLOCK.sub(redo, text), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit(__doc__)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        update(Path(tmp))
