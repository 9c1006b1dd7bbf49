"""Store.put_batch, the bulk path of corpus add and shard loading, on SQLite and PostgreSQL (COPY).

Every query-table row it writes must be exactly the row ``rows_for`` makes for that analysis, the
name totals must equal a recount, and a batch is one transaction: all of it or none of it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "store"))
from invented import budget, ferry, harbour, invented

from presslens.store import FailureRow, open_store
from presslens.store.rows import rows_for
from presslens.store.sql import _INSERTS


def table_rows(store, table):
    """Every row of a query table, sorted (values as Python scalars)."""
    return sorted(tuple(r) for r in store.fetchall(f"SELECT * FROM {table}"))


def expected_rows(analyses, table):
    """The rows rows_for makes for these analyses, sorted."""
    return sorted(tuple(r) for a in analyses for r in getattr(rows_for(a, "now"), table))


def recount(store):
    """entity_totals recomputed from the entities table."""
    rows = store.fetchall("SELECT name_key, type, COUNT(DISTINCT document_id), SUM(n_mentions) FROM entities "
                          "GROUP BY name_key, type")
    return sorted((k, t, int(d), int(m)) for k, t, d, m in rows)


def totals(store):
    """entity_totals as stored."""
    return sorted((k, t, int(d), int(m)) for k, t, _n, d, m in store.fetchall("SELECT * FROM entity_totals"))


def test_a_batch_writes_exactly_the_rows_of_its_analyses(store_url):
    store = open_store(store_url)
    analyses = invented()
    wrote = store.put_batch([(a, f"in/{i}.txt", "in", f"hash{i}") for i, a in enumerate(analyses)], version="v1")
    assert wrote == [True, True, True]
    for table in _INSERTS:
        assert table_rows(store, table) == expected_rows(analyses, table), table
    assert totals(store) == recount(store)
    assert store.find_input("hash1", "in/1.txt") == (analyses[1].document.id, True)
    assert store.put_batch([(a, f"in/{i}.txt", "in", None) for i, a in enumerate(analyses)], version="v1") == [
        False, False, False]
    assert store.stats()["analyses"] == 3 and totals(store) == recount(store)
    store.close()


def test_the_same_text_twice_in_a_batch_is_stored_once_under_both_names(store_url):
    store = open_store(store_url)
    doc = harbour()
    assert store.put_batch([(doc, "a.txt", None, None), (ferry(), "b.txt", None, None),
                            (doc, "copy-of-a.txt", None, None)], version="v1") == [True, True, False]
    assert store.stats()["documents"] == 2 and store.stats()["analyses"] == 2
    assert store.lookup(doc.document.id, "copy-of-a.txt") == (["v1"], True)
    assert table_rows(store, "claims") == expected_rows([doc, ferry()], "claims")
    store.close()


def test_a_stale_batch_is_replaced_and_the_totals_follow(store_url):
    store = open_store(store_url)
    store.put_batch([(a, f"{i}.txt", None, None) for i, a in enumerate(invented())], version="old")
    store.put_failure(FailureRow("9.txt", None, "E002", "9.txt: the input is empty", "ingest", "old", None, 1, "t"))
    wrote = store.put_batch([(budget(), "2.txt", None, None), (harbour(), "0.txt", None, None),
                             (budget(), "9.txt", None, None)], version="new")
    assert wrote == [True, True, False]
    assert sorted(r[0] for r in store.fetchall("SELECT version FROM analyses")) == ["new", "new", "old"]
    assert totals(store) == recount(store)
    for table in _INSERTS:
        assert table_rows(store, table) == expected_rows(invented(), table), table
    assert store.failures() == []  # a stored document clears its source's failure
    store.close()


def test_a_batch_is_one_transaction(store_url, monkeypatch):
    store = open_store(store_url)
    store.put_batch([(harbour(), "a.txt", None, None)], version="v1")

    def broken(cur, docs):
        raise RuntimeError("the connection dropped")

    monkeypatch.setattr(store, "_insert_many_rows", broken)
    with pytest.raises(RuntimeError):
        store.put_batch([(ferry(), "b.txt", None, None), (budget(), "c.txt", None, None)], version="v1")
    monkeypatch.undo()
    assert store.stats()["documents"] == 1 and store.stats()["analyses"] == 1
    assert not store.source_known("b.txt")
    assert store.put_batch([(ferry(), "b.txt", None, None), (budget(), "c.txt", None, None)], version="v1") == [
        True, True]
    for table in _INSERTS:
        assert table_rows(store, table) == expected_rows(invented(), table), table
    store.close()
