"""A small invented corpus for the web tests and their fixtures (imported by name by the test modules:
a tests/web/conftest.py would shadow tests/conftest.py for ``from conftest import``): three hand-built articles, a hostile one, 45 generated.

Nothing here runs spaCy: the analyses are hand-built (tests/store/invented.py, the
hostile report fixture) or generated (benchmarks/synth_corpus.py), so every answer a
page shows is known.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
for sub in ("tests/store", "tests/present", "benchmarks"):
    if str(ROOT / sub) not in sys.path:
        sys.path.insert(0, str(ROOT / sub))

from invented import invented  # noqa: E402
from synth_corpus import synth_analysis  # noqa: E402
from test_html_safety import hostile_analysis  # noqa: E402

from presslens.store import open_store  # noqa: E402
from presslens.web import WebConfig, create_app  # noqa: E402

GENERATED = 45
RTL = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: reorders the text after it unless isolated
LONG = "x" * 20_000  # one 20,000-character word


def rtl_long_analysis() -> Any:
    """A hostile article of its own: an RTL override in title, names and claims, a 20,000-character
    line, an event-handler name and a javascript: URL (hand-built analysis, exact spans)."""
    from presslens.model.analysis import Analysis
    from presslens.model.document import Document
    from presslens.model.records import Claim, Entity
    from presslens.model.span import Span

    title = f"Invoice {RTL}fdp.exe scandal"
    text = (f"{title}\n\nThe mayor {RTL}Anna Gale<img src=x onerror=window.__pwned=11> denied it. {LONG} "
            "Click javascript:window.__pwned=12 to read more, the council said.")
    name = f"{RTL}Anna Gale<img src=x onerror=window.__pwned=11>"
    at = text.index(name)
    claim_at = text.index("The mayor")
    doc = Document(text=text, source=f"rtl-{RTL}long.txt", title=title)
    ent = Entity("E1", name, "PERSON", (), (), (Span(at, at + len(name)),), confidence=0.9)
    claim = Claim("C1", Span(claim_at, text.index(" denied it.") + len(" denied it.")), "factual", 0.88)
    return Analysis(doc, entities=(ent,), claims=(claim,))


def build_corpus(url: str) -> dict[str, str]:
    """Fill the store at ``url``; return the ids of the named documents (harbour, ferry, budget, hostile)."""
    store = open_store(url)
    named = invented()
    hostile = hostile_analysis()
    rtl = rtl_long_analysis()
    rng = random.Random(7)
    items = [(a, a.document.source, "test") for a in [*named, hostile, rtl]]
    items += [(synth_analysis(i, rng), f"synthetic/{i}.txt", "test") for i in range(GENERATED)]
    store.put_many(items, version="test")
    store.close()
    return {"harbour": named[0].document.id, "ferry": named[1].document.id, "budget": named[2].document.id,
            "hostile": hostile.document.id, "rtl": rtl.document.id}


def make_client(db: str, **config: object) -> object:
    """A TestClient over a new app on the store ``db`` (config: WebConfig fields)."""
    from fastapi.testclient import TestClient

    return TestClient(create_app(WebConfig(db=db, **config)), base_url="http://127.0.0.1:8765")  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    """A SQLite store of the invented corpus, and the ids of its named documents."""
    url = str(tmp_path_factory.mktemp("web") / "corpus.db")
    return url, build_corpus(url)


@pytest.fixture(scope="module")
def ids(corpus_db: tuple[str, dict[str, str]]) -> dict[str, str]:
    """Ids of the named documents."""
    return corpus_db[1]


@pytest.fixture(scope="module")
def client(corpus_db: tuple[str, dict[str, str]]) -> Iterator[Any]:
    """A client of the app over the invented corpus."""
    with make_client(corpus_db[0]) as c:
        yield c


@pytest.fixture
def empty_db(tmp_path: Path) -> str:
    """The URL of an empty store."""
    return str(tmp_path / "empty.db")
