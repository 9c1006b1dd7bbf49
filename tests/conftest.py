"""The only conftest: shared fixtures for every test module."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def seed_path() -> Path | None:
    """The seed article in ../shared/seeds, when present."""
    seeds = sorted((SHARED / "seeds").glob("*.txt")) if (SHARED / "seeds").is_dir() else []
    return seeds[0] if seeds else None


def shared_data(name: str) -> Path:
    """A dataset folder of ../shared/data, or skip the test with a clear reason."""
    path = SHARED / "data" / name
    if not path.exists():
        pytest.skip(f"dataset ../shared/data/{name} is absent")
    return path


@pytest.fixture(scope="session")
def nlp():
    """The shared spaCy pipeline (loaded once per test session)."""
    from presslens.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def seed_analysis():
    """The full analysis of the seed article (skips when the seed is absent)."""
    path = seed_path()
    if path is None:
        pytest.skip("seed article ../shared/seeds/*.txt is absent")
    import presslens
    from presslens.ingest import ingest_path

    return presslens.analyze_document(ingest_path(path))


@pytest.fixture(scope="session")
def example_analyses():
    """Analyses of every bundled example article, by file name."""
    import presslens
    from presslens.ingest import ingest_path

    return {p.name: presslens.analyze_document(ingest_path(p)) for p in sorted(EXAMPLES.glob("*.txt"))}
