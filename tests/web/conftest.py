"""Fixtures of the web tests: a store of the invented corpus and a TestClient on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from corpus_fixture import build_corpus

from presslens.web import WebConfig, create_app


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    """A SQLite store of the invented corpus, and the ids of its named documents."""
    url = str(tmp_path_factory.mktemp("web") / "corpus.db")
    return url, build_corpus(url)


@pytest.fixture(scope="module")
def ids(corpus_db: tuple[str, dict[str, str]]) -> dict[str, str]:
    """Ids of the named documents."""
    return corpus_db[1]


def make_client(db: str, **config: Any) -> Any:
    """A TestClient over a new app on the store ``db``."""
    from fastapi.testclient import TestClient

    return TestClient(create_app(WebConfig(db=db, **config)), base_url="http://127.0.0.1:8765")


@pytest.fixture(scope="module")
def client(corpus_db: tuple[str, dict[str, str]]) -> Iterator[Any]:
    """A client of the app over the invented corpus."""
    with make_client(corpus_db[0]) as c:
        yield c


@pytest.fixture
def empty_db(tmp_path: Path) -> str:
    """The URL of an empty store."""
    return str(tmp_path / "empty.db")
