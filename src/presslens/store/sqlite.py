"""The default store: one SQLite file (stdlib ``sqlite3``) in WAL mode, searched with FTS5.

Why the stdlib driver: it ships with Python, FTS5 is compiled in, and the
queries are plain SQL that the PostgreSQL store shares, so an ORM or
SQLAlchemy would add a layer without removing code.

Safety: WAL journal (readers never block the writer; a ``kill -9`` leaves the
last committed transaction intact), ``synchronous=NORMAL`` (a crash of the
process loses nothing committed; a power cut may lose the last commits but
never corrupts), every write ``BEGIN IMMEDIATE`` (the write lock is taken up
front, so two writers queue instead of deadlocking), a 60-second busy timeout
plus retries in :meth:`SQLStore._transaction`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from presslens.errors import StoreError, StoreNotFoundError
from presslens.store.base import Page, SearchHit
from presslens.store.queries import _limit_sql
from presslens.store.search import ELLIPSIS, START, STOP, fts5_query, make_hit
from presslens.store.sql import SQLStore

BUSY_MS = 60_000


class SQLiteStore(SQLStore):
    """A corpus in one SQLite file."""

    dialect = "sqlite"

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        """Open (and, with ``create``, make) the store at ``path``; apply pending migrations."""
        self.path = Path(path)
        self.url = str(self.path)
        if not create and not self.path.exists():
            raise StoreNotFoundError(f"{self.path}: no corpus store here (add documents with "
                                     "'presslens corpus add PATH --db ...' first)")
        if self.path.exists() and not self.path.is_file():
            raise StoreError(f"{self.path}: not a file; give the path of a SQLite store")
        try:
            self.conn = sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None,
                                        check_same_thread=False)
            self._check_schema(self._existing_version())
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open as a SQLite store ({exc})") from exc

    def _existing_version(self) -> int:
        """The schema version already in the file, read without writing anything."""
        found = self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
        if found.fetchone() is None:
            return 0
        row = self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    # --- hooks ---------------------------------------------------------------------------
    def _begin(self, cur: Any) -> None:
        """Take the write lock now (BEGIN IMMEDIATE): writers queue, never deadlock."""
        cur.execute("BEGIN IMMEDIATE")

    def _commit(self, cur: Any) -> None:
        """Commit."""
        cur.execute("COMMIT")

    def _rollback(self) -> None:
        """Roll back if a transaction is open."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def _retryable(self, exc: BaseException) -> bool:
        """Busy or locked: another process holds the write lock."""
        return isinstance(exc, sqlite3.OperationalError) and any(
            w in str(exc).lower() for w in ("locked", "busy"))

    def _insert_document(self, cur: Any, row: tuple[Any, ...]) -> None:
        """Insert the document and its FTS5 entry (same transaction) unless it exists."""
        from presslens.store.sql import _DOCUMENT_COLUMNS

        cur.execute(f"INSERT INTO documents ({_DOCUMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (id) DO NOTHING RETURNING num", row)
        inserted = cur.fetchone()
        if inserted is not None:
            cur.execute("INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)",
                        (inserted[0], row[2] or "", row[-1]))

    def optimize(self) -> None:
        """``PRAGMA optimize``: SQLite gathers the statistics its planner lacks."""
        self.conn.execute("PRAGMA optimize")

    # --- reads ---------------------------------------------------------------------------
    def search(self, query: str, *, limit: int | None = 20, offset: int = 0) -> Page[SearchHit]:
        """BM25-ranked FTS5 search (title weighted twice), best fragment of the text highlighted.

        Ranking fetches row ids only; the snippet is then made for the page's hits alone (one
        rowid-constrained MATCH each), so a word found in every document costs one ranking pass.
        """
        match = fts5_query(query)
        clause, extra = _limit_sql(limit, offset)
        top = self.fetchall("SELECT rowid, -bm25(documents_fts, 2.0, 1.0) AS score FROM documents_fts "
                            f"WHERE documents_fts MATCH ? ORDER BY score DESC, rowid{clause}", [match, *extra])
        more = limit is not None and len(top) > limit
        hits = []
        for num, score in top[:limit]:
            row = self.fetchone(
                f"SELECT d.id, d.source, d.title, snippet(documents_fts, 1, '{START}', '{STOP}', '{ELLIPSIS}', 24), "
                "d.text FROM documents_fts JOIN documents d ON d.num = documents_fts.rowid "
                "WHERE documents_fts MATCH ? AND documents_fts.rowid = ?", (match, num))
            if row is not None:
                hits.append(make_hit(row[0], row[1], row[2], float(score), row[3], row[4]))
        return Page(tuple(hits), limit, offset, more)

    def iter_rows(self, sql: str, params: Sequence[Any] = (), batch: int = 5000) -> Iterator[tuple[Any, ...]]:
        """Stream a query's rows ``batch`` at a time (SQLite steps the statement lazily)."""
        cur = self.conn.cursor()
        try:
            cur.execute(sql, tuple(params))
            while rows := cur.fetchmany(batch):
                yield from rows
        finally:
            cur.close()
