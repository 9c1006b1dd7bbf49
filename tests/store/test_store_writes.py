"""Writes: idempotent, stale analyses replaced in full, failures recorded, newer schemas refused (both backends)."""

from __future__ import annotations

import dataclasses

import pytest
from invented import budget, ferry, harbour, invented

from presslens.errors import SchemaTooNewError, StoreError, StoreNotFoundError
from presslens.store import FailureRow, open_store
from presslens.store.schema import SCHEMA_VERSION

TABLES = ("documents", "analyses", "entities", "entity_names", "mentions", "claims", "claim_entities", "quotes",
          "events", "event_participants", "timeline", "entity_totals", "document_sources")


def counts(store) -> dict[str, int]:
    """Rows per table."""
    return {t: store.fetchone(f"SELECT COUNT(*) FROM {t}")[0] for t in TABLES}


def test_putting_the_same_analysis_twice_changes_nothing(store_url):
    s = open_store(store_url)
    a = harbour()
    assert s.put_analysis(a, version="v1", source="a.txt", origin="dir")
    before = counts(s)
    assert not s.put_analysis(a, version="v1", source="a.txt", origin="dir")
    assert counts(s) == before
    assert s.lookup(a.document.id, "a.txt") == (["v1"], True)
    assert s.lookup(a.document.id, "copy.txt") == (["v1"], False)
    s.add_source(a.document.id, "copy.txt", "dir")
    assert counts(s)["document_sources"] == before["document_sources"] + 1
    assert counts(s)["documents"] == 1
    s.close()


def test_put_many_writes_a_batch_in_one_transaction(store_url):
    s = open_store(store_url)
    batch = [(a, a.document.source, "bulk") for a in invented()]
    assert s.put_many(batch, version="v1") == 3
    assert s.put_many(batch, version="v1") == 0
    assert counts(s)["analyses"] == 3 and s.claims(limit=None).items
    s.close()


def test_a_stale_analysis_is_replaced_with_all_its_rows(store_url):
    s = open_store(store_url)
    for a in invented():
        s.put_analysis(a, version="v1", source=a.document.source, origin=None)
    full = counts(s)
    smaller = dataclasses.replace(harbour(), entities=harbour().entities[:1], claims=(), quotes=(), events=(),
                                  timeline=())
    assert s.put_analysis(smaller, version="v2", source="harbour.txt", origin=None)
    after = counts(s)
    assert after["documents"] == 3 and after["analyses"] == 3
    assert after["claims"] == full["claims"] - 3 and after["quotes"] == full["quotes"] - 1
    versions = dict(s.fetchall("SELECT document_id, version FROM analyses"))
    assert versions[harbour().document.id] == "v2"
    # the totals forget the names the new analysis no longer has; Quintel keeps ferry's count
    names = {e.name: e for e in s.entities(limit=None).items}
    assert "Port Authority" not in names and "Chamber of Commerce" not in names
    assert names["Mara Quintel"].documents == 2
    assert s.stale_documents("v2") == [ferry().document.id, budget().document.id]
    s.close()


def test_entity_totals_match_a_recount_after_replacements(store_url):
    s = open_store(store_url)
    for version in ("v1", "v2", "v3"):
        for a in invented():
            s.put_analysis(a, version=version, source=a.document.source, origin=None)
    recount = {(k, t): (d, m) for k, t, d, m in s.fetchall(
        "SELECT name_key, type, COUNT(DISTINCT document_id), SUM(n_mentions) FROM entities GROUP BY name_key, type")}
    totals = {(k, t): (d, m) for k, t, d, m in s.fetchall("SELECT name_key, type, documents, mentions FROM entity_totals")}
    assert totals == recount
    s.close()


def test_replace_rewrites_a_current_analysis(store_url):
    s = open_store(store_url)
    a = budget()
    s.put_analysis(a, version="v1", source="b", origin=None)
    before = counts(s)
    assert s.put_analysis(a, version="v1", source="b", origin=None, replace=True)
    assert counts(s) == before
    s.close()


def test_failures_are_recorded_counted_and_cleared_by_success(store_url):
    s = open_store(store_url)
    row = FailureRow("harbour.txt", "dir", "E002", "harbour.txt: the input is empty", "ingest", "v1", None, 1,
                     "2024-01-01T00:00:00+00:00")
    s.put_failure(row)
    s.put_failure(row)
    [f] = s.failures()
    assert f.attempts == 2 and f.code == "E002" and f.message == row.message
    assert s.failed_sources() == {"harbour.txt"}
    s.put_analysis(harbour(), version="v1", source="harbour.txt", origin="dir")
    assert s.failures() == []
    s.close()


def test_a_store_from_a_newer_schema_is_refused_untouched(store_url):
    s = open_store(store_url)
    s.put_analysis(budget(), version="v1", source="b", origin=None)
    s._transaction(lambda cur: s.execute(
        cur, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
        (SCHEMA_VERSION + 1, "from the future", "2099-01-01")))
    before = counts(s)
    s.close()
    with pytest.raises(SchemaTooNewError, match="newer presslens"):
        open_store(store_url)
    assert raw_counts(store_url) == (SCHEMA_VERSION + 1, before["documents"])


def raw_counts(url: str) -> tuple[int, int]:
    """(schema version, documents) read with the plain driver, not through the store."""
    if "://" in url:
        import psycopg

        with psycopg.connect(url) as conn:
            version = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
            return version, conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    import sqlite3

    conn = sqlite3.connect(url)
    try:
        version = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
        return version, conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    finally:
        conn.close()


def test_migrations_are_recorded_once(store_url):
    s = open_store(store_url)
    s.close()
    s = open_store(store_url)
    rows = s.fetchall("SELECT version, name FROM schema_migrations")
    assert [r[0] for r in rows] == list(range(1, SCHEMA_VERSION + 1))
    s.close()


def test_missing_or_foreign_sqlite_files_give_clear_errors(tmp_path):
    with pytest.raises(StoreNotFoundError, match="no corpus store"):
        open_store(str(tmp_path / "absent.db"), create=False)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open as a SQLite store"):
        open_store(str(junk))
    with pytest.raises(StoreError, match="unknown store URL"):
        open_store("mysql://x/y")


def test_unreachable_postgres_is_one_clear_error(tmp_path):
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL"):
        open_store(f"postgresql://nobody:secret@/nowhere?host={tmp_path}&connect_timeout=2")
    try:
        open_store(f"postgresql://nobody:secret@/nowhere?host={tmp_path}")
    except StoreError as exc:
        assert "secret" not in str(exc)


def test_a_version_1_store_is_migrated_in_place(store_url):
    from presslens.store.schema import MIGRATIONS, MIGRATIONS_TABLE

    statements = [MIGRATIONS_TABLE, *MIGRATIONS[0].statements["postgresql" if "://" in store_url else "sqlite"],
                  "INSERT INTO schema_migrations VALUES (1, 'v1', '2024-01-01')",
                  "INSERT INTO document_sources (document_id, source, origin, added_at) VALUES ('d', 's', NULL, 'x')"]
    if "://" in store_url:
        import psycopg

        with psycopg.connect(store_url) as conn:
            for sql in statements:
                conn.execute(sql)
    else:
        import sqlite3

        conn = sqlite3.connect(store_url)
        for sql in statements:
            conn.execute(sql)
        conn.commit()
        conn.close()
    s = open_store(store_url)
    assert s.schema_version() == SCHEMA_VERSION
    assert s.fetchall("SELECT document_id, source, input_hash FROM document_sources") == [("d", "s", None)]
    s.close()


def test_many_processes_opening_a_fresh_store_at_once_all_succeed(store_url):
    """Creating the migrations table races in PostgreSQL's catalogue unless it is done under the lock."""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    with ctx.Pool(6) as pool:
        versions = pool.map(_open_and_report, [store_url] * 6)
    assert versions == [SCHEMA_VERSION] * 6
    s = open_store(store_url)
    rows = s.fetchall("SELECT version FROM schema_migrations ORDER BY version")
    assert [r[0] for r in rows] == list(range(1, SCHEMA_VERSION + 1))


def _open_and_report(url: str) -> int:
    """Open (and so migrate) the store in a fresh process; return its schema version."""
    store = open_store(url)
    try:
        return store.schema_version()
    finally:
        store.close()
