"""Shared fixtures: the real spaCy model (loaded once), the seed article, ../shared/."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "000_c5e17baf4e438267.txt"


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared/ (contract, gold, wikidata); tests that need it fail loudly without it."""
    assert SHARED.is_dir(), f"{SHARED} is missing: tests need the project's shared/ folder"
    return SHARED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    """The real English pipeline with conflict-kg's components (slow: ~1 s to load)."""
    from kg.extract import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_build(nlp):
    """The seed article built once with the real pipeline: (KnowledgeGraph, BuildReport)."""
    import kg

    return kg.build_graph([SEED])


@pytest.fixture(scope="session")
def seed_ttl(seed_build, tmp_path_factory) -> Path:
    """The seed graph written as Turtle, as `kg build` writes it."""
    import kg

    path = tmp_path_factory.mktemp("seed") / "seeds.ttl"
    kg.write_graph(seed_build[0], path)
    return path


@pytest.fixture(scope="session")
def seed_text_ttl(nlp, tmp_path_factory) -> Path:
    """The seed graph built with --include-text (nif:isString), as Turtle."""
    import kg

    graph, _ = kg.build_graph([SEED], include_text=True)
    path = tmp_path_factory.mktemp("seed-text") / "seeds.ttl"
    kg.write_graph(graph, path)
    return path
