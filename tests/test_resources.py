"""kg.resources: the shipped folders are found in a checkout and inside a built package."""

from __future__ import annotations

from pathlib import Path

import kg.resources as resources
from kg.ontology import ONTOLOGY_FILE
from kg.query import QUERIES_DIR
from kg.resources import resource_dir

ROOT = Path(__file__).resolve().parent.parent


def test_in_a_checkout_the_top_level_folders_are_used() -> None:
    assert resource_dir("ontology") == ROOT / "ontology"
    assert QUERIES_DIR == ROOT / "queries" and ONTOLOGY_FILE == ROOT / "ontology/conflict-kg.ttl"


def test_no_copy_of_them_is_kept_inside_the_package() -> None:
    for name in ("ontology", "queries"):
        assert not (ROOT / "kg" / "data" / name).exists(), f"kg/data/{name} duplicates {name}/"


def test_the_packaged_folder_wins(tmp_path, monkeypatch) -> None:
    package = tmp_path / "site-packages" / "kg"
    (package / "data" / "queries").mkdir(parents=True)
    (tmp_path / "site-packages" / "queries").mkdir()  # a stray folder beside the package
    monkeypatch.setattr(resources, "_PACKAGE", package)
    assert resource_dir("queries") == package / "data" / "queries"
