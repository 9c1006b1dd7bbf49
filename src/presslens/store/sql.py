"""SQL shared by both backends: migrations, the one-transaction write, failures, stats.

SQL is written once with ``?`` placeholders and always parameterised; the
PostgreSQL store rewrites them to ``%s``.  A write is a function of a cursor
run by :meth:`SQLStore._transaction`, which retries it when the database is
busy (another writer holds the lock) or reports a deadlock, so concurrent
``corpus add`` processes wait for each other instead of failing.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from presslens.about import __version__
from presslens.errors import SchemaTooNewError, StoreError
from presslens.model.analysis import Analysis
from presslens.model.document import Document, Paragraph, Published
from presslens.model.span import Span
from presslens.store import queries
from presslens.store.base import (
    ClaimHit,
    EntityProfile,
    EntitySummary,
    FailureRow,
    Page,
    QuoteHit,
    SearchHit,
    TimelineHit,
    utc_now,
)
from presslens.store.rows import (
    DocumentRows,
    Row,
    compress_analysis,
    decompress_analysis,
    rows_for,
    summed_totals,
)
from presslens.store.schema import MIGRATIONS_TABLE, SCHEMA_VERSION, pending

T = TypeVar("T")
RETRIES = 50
Prepared = tuple[str, str, DocumentRows, bytes]  # document id, time, query rows, compressed analysis
BatchItem = tuple[Analysis, str, str | None, str | None]  # analysis, source, origin, input hash

_INSERTS = {
    "entities": 11, "entity_names": 3, "mentions": 5, "claims": 16, "claim_entities": 4,
    "quotes": 17, "events": 24, "event_participants": 4, "timeline": 12,
}
_DOC_TABLES = ("entities", "entity_names", "mentions", "claims", "claim_entities", "quotes", "events",
               "event_participants", "timeline", "analyses")
_DOCUMENT_COLUMNS = ("id, source, title, url, published, published_inferred, language, n_chars, added_at, "
                     "meta, text")


class SQLStore:
    """The backend-independent part of a store; subclasses supply the connection hooks."""

    url: str
    dialect: str
    conn: Any

    # --- hooks ---------------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        """The SQL in this driver's placeholder style."""
        return sql

    def _begin(self, cur: Any) -> None:
        """Start a write transaction."""

    def _commit(self, cur: Any) -> None:
        """Commit the write transaction."""

    def _rollback(self) -> None:
        """Roll the write transaction back."""

    def _retryable(self, exc: BaseException) -> bool:
        """True when ``exc`` means "busy, try again" (lock held, deadlock)."""
        return False

    def _migration_lock(self, cur: Any) -> None:
        """Serialise migrations across processes (inside the migration transaction)."""

    def _insert_document(self, cur: Any, row: tuple[Any, ...]) -> None:
        """Insert the document row (and its search entry) unless it exists."""
        raise NotImplementedError

    def _lock_document(self, cur: Any, document_id: str) -> None:
        """Hold the document's row until commit (two writers of one document take turns)."""

    def search(self, query: str, *, limit: int | None, offset: int) -> Page[SearchHit]:
        """Ranked full-text search (backend-specific)."""
        raise NotImplementedError

    def iter_rows(self, sql: str, params: Sequence[Any] = (), batch: int = 5000) -> Iterator[tuple[Any, ...]]:
        """Stream the rows of a query (backend-specific)."""
        raise NotImplementedError

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    # --- plumbing ------------------------------------------------------------------------
    def execute(self, cur: Any, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one parameterised statement on ``cur``."""
        cur.execute(self._sql(sql), tuple(params))
        return cur

    def executemany(self, cur: Any, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one parameterised statement for many rows."""
        if rows:
            cur.executemany(self._sql(sql), rows)

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """All rows of a read query."""
        cur = self.conn.cursor()
        try:
            return list(self.execute(cur, sql, params).fetchall())
        finally:
            cur.close()

    def fetchone(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        """The first row of a read query, or None."""
        rows = self.fetchall(sql, params)
        return rows[0] if rows else None

    def transaction(self, fn: Callable[[Any], T]) -> T:
        """Run ``fn(cursor)`` in one write transaction (retried while busy); for the corpus layer."""
        return self._transaction(fn)

    def _transaction(self, fn: Callable[[Any], T]) -> T:
        """Run ``fn(cursor)`` in one write transaction, retrying while the database is busy."""
        delay = 0.05
        for attempt in range(RETRIES):
            cur = self.conn.cursor()
            try:
                self._begin(cur)
                result = fn(cur)
                self._commit(cur)
                return result
            except Exception as exc:
                self._rollback()
                if not self._retryable(exc) or attempt == RETRIES - 1:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 2.0)
            finally:
                cur.close()
        raise StoreError(f"{self.url}: the store stayed busy; try again")  # pragma: no cover

    # --- schema --------------------------------------------------------------------------
    def _check_schema(self, version: int) -> None:
        """Refuse a store written by a newer presslens (before anything is written)."""
        if version > SCHEMA_VERSION:
            raise SchemaTooNewError(
                f"{self.url}: this store has schema version {version}, written by a newer presslens; "
                f"this presslens ({__version__}) knows up to version {SCHEMA_VERSION}. Upgrade presslens "
                "to use it (the store was not modified)"
            )

    def schema_version(self) -> int:
        """The highest migration applied (0 for an empty store)."""
        row = self.fetchone("SELECT MAX(version) FROM schema_migrations")
        return int(row[0]) if row and row[0] is not None else 0

    def migrate(self) -> None:
        """Apply the pending migrations, each in its own locked transaction."""

        def create(cur: Any) -> None:
            # under the lock: two processes creating the table at once race in PostgreSQL's catalogue
            self._migration_lock(cur)
            self.execute(cur, MIGRATIONS_TABLE)

        self._transaction(create)
        for migration in pending(self.schema_version()):

            def apply(cur: Any, m: Any = migration) -> None:
                self._migration_lock(cur)
                row = self.execute(cur, "SELECT MAX(version) FROM schema_migrations").fetchone()
                if row and row[0] is not None and int(row[0]) >= m.version:
                    return  # another process applied it while we waited
                for statement in m.statements[self.dialect]:
                    self.execute(cur, statement)
                self.execute(cur, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                             (m.version, m.name, utc_now()))

            self._transaction(apply)
        self._check_schema(self.schema_version())

    # --- writes --------------------------------------------------------------------------
    def lookup(self, document_id: str, source: str) -> tuple[list[str], bool]:
        """The stored analysis versions of a document, and whether ``source`` is linked to it."""
        versions = [r[0] for r in self.fetchall("SELECT version FROM analyses WHERE document_id = ?",
                                                (document_id,))]
        linked = self.fetchone("SELECT 1 FROM document_sources WHERE document_id = ? AND source = ?",
                               (document_id, source))
        return versions, linked is not None

    def put_analysis(self, analysis: Analysis, *, version: str, source: str, origin: str | None,
                     replace: bool = False, input_hash: str | None = None) -> bool:
        """Store the analysis with every query row in one transaction; False if already current.

        A stale analysis (another version) is replaced; with ``replace`` a current one is too.
        ``input_hash`` fingerprints the input file (see :meth:`find_input`).
        """
        prepared = self._prepare(analysis)
        return self._transaction(
            lambda cur: self._write(cur, prepared, version, source, origin, replace, input_hash))

    def put_many(self, items: Sequence[tuple[Analysis, str, str | None]], *, version: str) -> int:
        """Store many ``(analysis, source, origin)`` in ONE transaction (bulk loads); return how many were new."""
        return sum(self.put_batch([(a, source, origin, None) for a, source, origin in items], version=version))

    def put_batch(self, items: Sequence[BatchItem], *, version: str, replace: bool = False) -> list[bool]:
        """Store ``(analysis, source, origin, input_hash)`` items in ONE transaction: the bulk path.

        ``corpus add`` commits each small batch of results, and shard loading each shard, this way:
        the per-document checks of :meth:`put_analysis` run as they do there, but the query-table
        rows of the whole batch go in with one statement per table (PostgreSQL: ``COPY``) and the
        name totals are summed first.  Documents are written in id order (two writers that share
        documents lock them in the same order).  Returns, per item, whether it was written.
        """
        prepared = [(self._prepare(a), source, origin, input_hash) for a, source, origin, input_hash in items]
        return self._transaction(lambda cur: self._write_batch(cur, prepared, version, replace))

    def _write_batch(self, cur: Any, prepared: list[tuple[Prepared, str, str | None, str | None]], version: str,
                     replace: bool) -> list[bool]:
        """Write a batch inside the open transaction; the rows of every written document at the end."""
        wrote = [False] * len(prepared)
        deferred: list[DocumentRows] = []
        written: set[str] = set()
        for i in sorted(range(len(prepared)), key=lambda i: prepared[i][0][0]):
            p, source, origin, input_hash = prepared[i]
            if p[0] in written:  # the same text twice in one batch: link the second source only
                self._link_source(cur, p[0], source, origin, p[1], input_hash)
                self.execute(cur, "DELETE FROM failures WHERE source = ?", (source,))
                continue
            wrote[i] = self._write(cur, p, version, source, origin, replace, input_hash, deferred)
            written.add(p[0])
        self._insert_many_rows(cur, deferred)
        return wrote

    def _prepare(self, analysis: Analysis) -> Prepared:
        """Everything a write needs, computed before the transaction opens (keeps locks short)."""
        now = utc_now()
        return analysis.document.id, now, rows_for(analysis, now), compress_analysis(analysis)

    def _write(self, cur: Any, prepared: Prepared, version: str, source: str, origin: str | None, replace: bool,
               input_hash: str | None = None, deferred: list[DocumentRows] | None = None) -> bool:
        """Insert or replace one document's analysis and rows inside the open transaction.

        With ``deferred``, the query-table rows are appended there for one bulk insert later.
        """
        doc_id, now, rows, body = prepared
        self._insert_document(cur, rows.document)
        self._lock_document(cur, doc_id)
        self._link_source(cur, doc_id, source, origin, now, input_hash)
        self.execute(cur, "DELETE FROM failures WHERE source = ?", (source,))
        versions = [r[0] for r in self.execute(
            cur, "SELECT version FROM analyses WHERE document_id = ?", (doc_id,)).fetchall()]
        if versions == [version] and not replace:
            return False
        if versions:
            self._delete_document_rows(cur, doc_id)
        self.execute(cur, "INSERT INTO analyses (document_id, version, tool_version, created_at, n_bytes, body) "
                     "VALUES (?, ?, ?, ?, ?, ?)", (doc_id, version, __version__, now, len(body), body))
        if deferred is None:
            self._insert_rows(cur, rows)
        else:
            deferred.append(rows)
        return True

    def _insert_rows(self, cur: Any, rows: DocumentRows) -> None:
        """Insert the query-table rows of one document and add its names to the totals."""
        self._insert_many_rows(cur, [rows])

    def _insert_many_rows(self, cur: Any, docs: Sequence[DocumentRows]) -> None:
        """Insert the query-table rows of many documents (one statement per table), then the totals."""
        for table, width in _INSERTS.items():
            rows = [row for doc in docs for row in getattr(doc, table)]
            if rows:
                self._bulk_insert(cur, table, width, rows)
        self.executemany(
            cur,
            "INSERT INTO entity_totals (name_key, type, name, documents, mentions) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (name_key, type) DO UPDATE SET documents = entity_totals.documents + excluded.documents, "
            "mentions = entity_totals.mentions + excluded.mentions",
            summed_totals(docs),
        )

    def _bulk_insert(self, cur: Any, table: str, width: int, rows: list[Row]) -> None:
        """Insert rows into a query table (PostgreSQL overrides this with ``COPY``)."""
        self.executemany(cur, f"INSERT INTO {table} VALUES ({', '.join('?' * width)})", rows)

    def _delete_document_rows(self, cur: Any, doc_id: str) -> None:
        """Remove a document's analyses and query rows, taking its names off the totals."""
        names = self.execute(cur, "SELECT name_key, type, SUM(n_mentions) FROM entities WHERE document_id = ? "
                             "GROUP BY name_key, type ORDER BY name_key, type", (doc_id,)).fetchall()
        for key, etype, mentions in names:
            self.execute(cur, "UPDATE entity_totals SET documents = documents - 1, mentions = mentions - ? "
                         "WHERE name_key = ? AND type = ?", (int(mentions or 0), key, etype))
            self.execute(cur, "DELETE FROM entity_totals WHERE name_key = ? AND type = ? AND documents <= 0",
                         (key, etype))
        for table in _DOC_TABLES:
            self.execute(cur, f"DELETE FROM {table} WHERE document_id = ?", (doc_id,))

    def _link_source(self, cur: Any, doc_id: str, source: str, origin: str | None, now: str,
                     input_hash: str | None = None) -> None:
        """Link an input name to a document (once; a new input hash replaces the old one)."""
        self.execute(cur, "INSERT INTO document_sources (document_id, source, origin, input_hash, added_at) "
                     "VALUES (?, ?, ?, ?, ?) ON CONFLICT (document_id, source) DO UPDATE SET "
                     "input_hash = COALESCE(excluded.input_hash, document_sources.input_hash)",
                     (doc_id, source, origin, input_hash, now))

    def find_input(self, input_hash: str, source: str) -> tuple[str, bool] | None:
        """The document that a file with these bytes gave before, and whether under this source name."""
        row = self.fetchone("SELECT document_id, source FROM document_sources WHERE input_hash = ? "
                            "ORDER BY CASE WHEN source = ? THEN 0 ELSE 1 END LIMIT 1", (input_hash, source))
        return (row[0], row[1] == source) if row else None

    def source_known(self, source: str) -> bool:
        """True when an input of this name was stored before."""
        return self.fetchone("SELECT 1 FROM document_sources WHERE source = ? LIMIT 1", (source,)) is not None

    def add_source(self, document_id: str, source: str, origin: str | None, input_hash: str | None = None) -> None:
        """Record another input name for a stored document (and clear its old failure)."""

        def write(cur: Any) -> None:
            self._link_source(cur, document_id, source, origin, utc_now(), input_hash)
            self.execute(cur, "DELETE FROM failures WHERE source = ?", (source,))

        self._transaction(write)

    def put_failure(self, failure: FailureRow) -> None:
        """Record the failure of one input (attempts count up on each retry)."""
        f = failure
        self._transaction(lambda cur: self.execute(
            cur,
            "INSERT INTO failures (source, origin, code, message, stage, analysis_version, document_id, attempts, "
            "failed_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?) ON CONFLICT (source) DO UPDATE SET "
            "origin = excluded.origin, code = excluded.code, message = excluded.message, stage = excluded.stage, "
            "analysis_version = excluded.analysis_version, document_id = excluded.document_id, "
            "attempts = failures.attempts + 1, failed_at = excluded.failed_at",
            (f.source, f.origin, f.code, f.message, f.stage, f.analysis_version, f.document_id, f.failed_at),
        ))

    def optimize(self) -> None:
        """Refresh the planner's statistics (after a large load; autovacuum does it later anyway)."""

    # --- reads ---------------------------------------------------------------------------
    def failures(self) -> list[FailureRow]:
        """Every recorded failure, oldest first."""
        rows = self.fetchall("SELECT source, origin, code, message, stage, analysis_version, document_id, "
                             "attempts, failed_at FROM failures ORDER BY failed_at, source")
        return [FailureRow(*r) for r in rows]

    def failed_sources(self) -> set[str]:
        """The sources with a recorded failure."""
        return {r[0] for r in self.fetchall("SELECT source FROM failures")}

    def get_analysis(self, document_id: str) -> Analysis | None:
        """The current analysis of a document, rebuilt from its compressed JSON."""
        row = self.fetchone("SELECT a.body, d.text FROM analyses a JOIN documents d ON d.id = a.document_id "
                            "WHERE a.document_id = ? ORDER BY a.created_at DESC", (document_id,))
        return decompress_analysis(bytes(row[0]), row[1]) if row else None

    def stale_documents(self, version: str) -> list[str]:
        """Ids of stored documents with no analysis under ``version``, in storage order."""
        rows = self.fetchall("SELECT d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM analyses a "
                             "WHERE a.document_id = d.id AND a.version = ?) ORDER BY d.num", (version,))
        return [r[0] for r in rows]

    def load_document(self, document_id: str) -> Document | None:
        """The stored Document, ready to analyse again (an inferred date is inferred anew)."""
        row = self.fetchone("SELECT id, source, title, url, published, published_inferred, language, meta, text "
                            "FROM documents WHERE id = ?", (document_id,))
        if row is None:
            return None
        doc_id, source, title, url, published, inferred, language, meta, text = row
        meta_dict = json.loads(meta or "{}")
        if url:
            meta_dict["url"] = url
        analysis = self.get_analysis(document_id)
        paragraphs = analysis.document.paragraphs if analysis else (Paragraph(Span(0, len(text))),)
        return Document(text=text, source=source, id=doc_id, title=title, language=language or "en",
                        published=Published(value=published) if published and not inferred else Published(),
                        paragraphs=paragraphs, meta=meta_dict)

    def entities(self, *, type: str | None = None, limit: int | None = 50) -> Page[EntitySummary]:
        """Names by the number of documents they appear in."""
        return queries.entities(self, type=type, limit=limit)

    def entity(self, name: str, *, limit: int | None = None) -> EntityProfile | None:
        """Every occurrence of a name or alias, across documents."""
        return queries.entity(self, name, limit=limit)

    def claims(self, *, entity: str | None = None, speaker: str | None = None, kind: str | None = None,
               min_score: float | None = None, limit: int | None = 50, offset: int = 0) -> Page[ClaimHit]:
        """Claims, most check-worthy first."""
        return queries.claims(self, entity=entity, speaker=speaker, kind=kind, min_score=min_score,
                              limit=limit, offset=offset)

    def quotes(self, *, speaker: str | None = None, limit: int | None = 50, offset: int = 0) -> Page[QuoteHit]:
        """Quotes, optionally of one speaker."""
        return queries.quotes(self, speaker=speaker, limit=limit, offset=offset)

    def timeline(self, *, entity: str | None = None, date_from: str | None = None, date_to: str | None = None,
                 limit: int | None = 100, offset: int = 0) -> Page[TimelineHit]:
        """Timeline entries in date order (undated last)."""
        return queries.timeline(self, entity=entity, date_from=date_from, date_to=date_to, limit=limit,
                                offset=offset)

    def stats(self, version: str | None = None) -> dict[str, Any]:
        """Counts of documents, analyses, failures and query rows; stale analyses given a version."""
        return queries.stats(self, version)
