"""Packaging: what a built package holds and needs. The full wheel in a fresh venv is
scripts/check-wheel.sh (run by .ci/run); these checks run offline."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


# run-time dependencies, and the user-facing extras (``pip install conflict-kg[dask]``:
# the code importing them says how to install them when they are missing); not "dev"
DECLARED = {_name(req) for req in PYPROJECT["project"]["dependencies"]} | {
    _name(req)
    for extra, reqs in PYPROJECT["project"]["optional-dependencies"].items()
    if extra != "dev"
    for req in reqs
}


def _imported_top_level_modules() -> set[str]:
    found = set()
    for path in (ROOT / "kg").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"kg"}


def test_every_imported_package_is_declared() -> None:
    owners = importlib.metadata.packages_distributions()
    missing = {}
    for module in _imported_top_level_modules():
        dists = {d.lower().replace("_", "-") for d in owners.get(module, [module])}
        if not dists & DECLARED:
            missing[module] = sorted(dists)
    assert not missing, f"imported by kg/ but not in pyproject's dependencies: {missing}"


def test_what_the_library_needs_at_run_time_is_declared() -> None:
    """pyshacl and owlready2 (kg validate); lxml_html_clean (trafilatura's HTML path)."""
    assert {"pyshacl", "owlready2", "lxml-html-clean"} <= DECLARED
    assert not any(
        _name(r) == "pyshacl" for r in PYPROJECT["project"]["optional-dependencies"]["dev"]
    )


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to list the tracked files")
def test_the_build_ships_ontology_and_queries_and_an_installed_kg_finds_them(tmp_path) -> None:
    src, lib, elsewhere = tmp_path / "src", tmp_path / "lib", tmp_path / "elsewhere"
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    for name in tracked:
        if (ROOT / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    subprocess.run(
        [sys.executable, "setup.py", "-q", "build_py", "-d", str(lib)],
        cwd=src,
        check=True,
        capture_output=True,
    )
    for folder in ("ontology", "queries"):
        for path in (ROOT / folder).iterdir():
            shipped = lib / "kg" / "data" / folder / path.name
            assert shipped.read_bytes() == path.read_bytes(), shipped
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(lib)}
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import kg.query, kg.validate as v; "
            "print(kg.query.QUERIES_DIR); print(*v.default_shapes(), sep='\\n')",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert where and all(Path(p).is_relative_to(lib / "kg" / "data") for p in where), where
    listed = subprocess.run(
        [sys.executable, "-m", "kg", "query", "--list"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert len(listed) == len(list((ROOT / "queries").glob("*.rq")))
    example = ROOT.parent / "shared" / "contract" / "example.ttl"
    checked = subprocess.run(
        [sys.executable, "-m", "kg", "validate", str(example), "--no-owl"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "shapes: shapes.ttl, contract-shapes.ttl" in checked.stdout
