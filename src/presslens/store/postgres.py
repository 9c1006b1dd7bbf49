"""The team store: PostgreSQL through psycopg 3, searched with a tsvector + GIN index.

psycopg 3 is the maintained PostgreSQL driver (binary wheels, server-side
cursors for streaming, pipelined ``executemany``).  The SQL is the one the
SQLite store runs (placeholders rewritten to ``%s``); only search (English
``tsvector`` with ``websearch_to_tsquery`` and ``ts_headline``), document
locking (``SELECT … FOR UPDATE``), migrations (a transaction-level advisory
lock), streaming (a named server-side cursor) and the bulk path (the query rows
of a batch go in with ``COPY``, inside the batch's one transaction) are specific here.
The connection runs in autocommit mode; each write is an explicit
transaction, retried on deadlock or serialisation failure.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from typing import Any

from presslens.errors import StoreError
from presslens.store.base import Page, SearchHit
from presslens.store.queries import _limit_sql
from presslens.store.search import START, STOP, check_query, make_hit
from presslens.store.sql import _DOCUMENT_COLUMNS, SQLStore

MIGRATION_LOCK = 7_310_012  # advisory lock key of presslens migrations
_HEADLINE = f"StartSel={START}, StopSel={STOP}, MaxWords=40, MinWords=15, MaxFragments=1"


def redact(url: str) -> str:
    """The URL with any password replaced by ``***`` (for error messages)."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


@functools.lru_cache(maxsize=512)
def _pg_sql(sql: str) -> str:
    """``?`` placeholders → ``%s`` (literal ``%`` doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresStore(SQLStore):
    """A corpus in a PostgreSQL database (``postgresql://user@host/db``)."""

    dialect = "postgresql"

    def __init__(self, url: str, *, create: bool = True) -> None:
        """Connect, refuse a newer schema, apply pending migrations."""
        import psycopg

        self.url = redact(url)
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=15)
        except psycopg.Error as exc:
            detail = " ".join(str(exc).split())[:300]
            raise StoreError(f"{self.url}: cannot connect to PostgreSQL ({detail})") from exc
        self._tx: Any = None
        try:
            self._check_schema(self._existing_version())
            self.migrate()
        except psycopg.Error as exc:
            raise StoreError(f"{self.url}: {' '.join(str(exc).split())[:300]}") from exc

    def _existing_version(self) -> int:
        """The schema version already in the database, read without writing anything."""
        row = self.fetchone("SELECT to_regclass('schema_migrations') IS NOT NULL")
        if not row or not row[0]:
            return 0
        return self.schema_version()

    # --- hooks ---------------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        """``%s`` placeholders for psycopg."""
        return _pg_sql(sql)

    def _begin(self, cur: Any) -> None:
        """Open an explicit transaction on the autocommit connection."""
        self._tx = self.conn.transaction()
        self._tx.__enter__()

    def _commit(self, cur: Any) -> None:
        """Commit the open transaction."""
        tx, self._tx = self._tx, None
        tx.__exit__(None, None, None)

    def _rollback(self) -> None:
        """Roll back the open transaction (if any)."""
        import psycopg

        tx, self._tx = self._tx, None
        if tx is not None:
            exc = psycopg.Rollback()
            tx.__exit__(type(exc), exc, None)

    def _retryable(self, exc: BaseException) -> bool:
        """Deadlock, serialisation failure or lock timeout: run the transaction again."""
        from psycopg import errors

        return isinstance(exc, (errors.DeadlockDetected, errors.SerializationFailure, errors.LockNotAvailable))

    def _migration_lock(self, cur: Any) -> None:
        """One migrating process at a time (released at commit)."""
        self.execute(cur, "SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))

    def _insert_document(self, cur: Any, row: tuple[Any, ...]) -> None:
        """Insert the document unless it exists (its tsvector column fills itself)."""
        self.execute(cur, f"INSERT INTO documents ({_DOCUMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                     "ON CONFLICT (id) DO NOTHING", row)

    def _lock_document(self, cur: Any, document_id: str) -> None:
        """Lock the document row until commit: two writers of one document take turns."""
        self.execute(cur, "SELECT 1 FROM documents WHERE id = ? FOR UPDATE", (document_id,))

    def _bulk_insert(self, cur: Any, table: str, width: int, rows: list[tuple[Any, ...]]) -> None:
        """``COPY table FROM STDIN``: the rows of a whole batch in one stream, no statement per row."""
        with cur.copy(f"COPY {table} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def optimize(self) -> None:
        """``ANALYZE``: fresh statistics, so name lookups start from the name index after a bulk load."""
        self.conn.execute("ANALYZE")

    # --- reads ---------------------------------------------------------------------------
    def search(self, query: str, *, limit: int | None = 20, offset: int = 0) -> Page[SearchHit]:
        """``ts_rank_cd``-ranked search over title (weight A) and text (B); ``ts_headline`` fragments."""
        check_query(query)
        clause, extra = _limit_sql(limit, offset)
        clause = clause.replace("LIMIT -1", "LIMIT ALL")
        rows = self.fetchall(
            "WITH q AS (SELECT websearch_to_tsquery('english', ?) AS q), "
            "top AS (SELECT d.num, ts_rank_cd(d.tsv, q.q) AS score FROM documents d, q WHERE d.tsv @@ q.q "
            f"ORDER BY score DESC, d.num{clause}) "
            "SELECT d.id, d.source, d.title, top.score, ts_headline('english', d.text, q.q, ?), d.text "
            "FROM top JOIN documents d ON d.num = top.num, q ORDER BY top.score DESC, d.num",
            [query, *extra, _HEADLINE],
        )
        more = limit is not None and len(rows) > limit
        hits = tuple(make_hit(r[0], r[1], r[2], float(r[3]), r[4], r[5]) for r in rows[:limit])
        return Page(hits, limit, offset, more)

    def iter_rows(self, sql: str, params: Sequence[Any] = (), batch: int = 5000) -> Iterator[tuple[Any, ...]]:
        """Stream a query through a named server-side cursor, ``batch`` rows per round trip."""
        with self.conn.transaction(), self.conn.cursor(name="presslens_export") as cur:
            cur.itersize = batch
            cur.execute(self._sql(sql), tuple(params))
            yield from cur
