"""The two plans of the by-name queries (walk an ordered index for a frequent name, gather and sort
for a rare one) give the same pages: a generated SQLite store, every name queried both ways."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synth_corpus import NAMES, synth_analysis

from presslens.store import open_store
from presslens.store import queries as SQ


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A SQLite store of 120 generated documents (Zipf names: some in many documents, some in few)."""
    s = open_store(str(tmp_path_factory.mktemp("plans") / "c.db"))
    rng = random.Random(3)
    s.put_many([(synth_analysis(i, rng), f"synthetic/{i}.txt", "t") for i in range(120)], version="t")
    yield s
    s.close()


def _pages(store, name, limit):
    """Claims (plain, with a score floor), timeline (plain, from a date) and quotes of a name, page by page."""
    out = []
    for offset in (0, limit, 3 * limit):
        out.append(store.claims(entity=name, limit=limit, offset=offset))
        out.append(store.claims(entity=name, min_score=0.5, limit=limit, offset=offset))
        out.append(store.timeline(entity=name, limit=limit, offset=offset))
        out.append(store.timeline(entity=name, date_from="2015", limit=limit, offset=offset))
        out.append(store.quotes(speaker=name, limit=limit, offset=offset))
    return out


@pytest.mark.parametrize("limit", [5, 50])
def test_walking_and_sorting_give_the_same_pages(store, monkeypatch, limit):
    """Forced to walk (share 0) or to sort (share above 1), every name gets identical pages, and
    at least one name really is dense enough to walk at the default share."""
    names = [n for n in NAMES[:40] if store.entity(n, limit=1)]
    assert any(SQ._dense(store, SQ._keys(store, n, "e")) for n in names)
    assert not all(SQ._dense(store, SQ._keys(store, n, "e")) for n in names)
    monkeypatch.setattr(SQ, "DENSE", 0.0)
    walked = {n: _pages(store, n, limit) for n in names}
    monkeypatch.setattr(SQ, "DENSE", 1.1)
    sorted_ = {n: _pages(store, n, limit) for n in names}
    assert walked == sorted_
    assert any(p.items for pages in walked.values() for p in pages)
