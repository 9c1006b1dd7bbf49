"""The Store protocol and the records its queries return.

Two implementations follow it: :class:`~presslens.store.sqlite.SQLiteStore`
(the default, one file) and :class:`~presslens.store.postgres.PostgresStore`
(a server, for teams).  Both share the SQL of :mod:`presslens.store.sql`;
only connections, locking, full-text search and streaming differ.

Every query result names its document and exact span: a :class:`DocSpan` is
``{document, start, end, text}`` with ``text == documents.text[start:end]``,
the cross-document reference of DESIGN.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from presslens.model.analysis import Analysis
from presslens.model.document import Document

T = TypeVar("T")


def utc_now() -> str:
    """The current UTC time as ISO 8601 (seconds)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class Record:
    """Mixin: ``to_dict()`` of a frozen result record (nested records become dicts)."""

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-ready data."""
        return dataclasses.asdict(self)  # type: ignore[call-overload, no-any-return]


@dataclass(frozen=True, slots=True)
class DocSpan(Record):
    """An exact span of one stored document: ``text == documents.text[start:end]``."""

    document: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of results: ``more`` says whether rows remain past ``offset + limit``."""

    items: tuple[T, ...]
    limit: int | None
    offset: int
    more: bool

    def to_dict(self) -> dict[str, Any]:
        """The page as JSON-ready data."""
        return {"items": [i.to_dict() for i in self.items], "limit": self.limit,  # type: ignore[attr-defined]
                "offset": self.offset, "more": self.more}


@dataclass(frozen=True, slots=True)
class SearchHit(Record):
    """A document matching a full-text search, with its best fragment highlighted."""

    document: str
    source: str
    title: str | None
    score: float
    snippet: str
    fragment: DocSpan | None
    highlights: tuple[DocSpan, ...]


@dataclass(frozen=True, slots=True)
class EntitySummary(Record):
    """A name (with its type) across the corpus: in how many documents, how many mentions."""

    name: str
    type: str
    documents: int
    mentions: int


@dataclass(frozen=True, slots=True)
class EntityOccurrence(Record):
    """One document's entity that carries the name: its aliases, titles, roles and mentions."""

    document: str
    source: str
    entity_id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    titles: tuple[str, ...]
    roles: tuple[str, ...]
    mentions: tuple[DocSpan, ...]


@dataclass(frozen=True, slots=True)
class EntityProfile(Record):
    """Everything the corpus holds under one name: aliases, titles, roles, per-document mentions."""

    name: str
    types: tuple[str, ...]
    documents: int
    mentions: int
    aliases: tuple[str, ...]
    titles: tuple[str, ...]
    roles: dict[str, int]
    occurrences: tuple[EntityOccurrence, ...]


@dataclass(frozen=True, slots=True)
class ClaimHit(Record):
    """A stored claim with its score, kind and who asserts it."""

    document: str
    source: str
    claim_id: str
    span: DocSpan
    kind: str
    checkworthiness: float
    attribution: str
    speaker: str | None
    speaker_id: str | None
    cue: DocSpan | None
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QuoteHit(Record):
    """A stored quote with its speaker and cue; its speaker status, confidence and candidates."""

    document: str
    source: str
    quote_id: str
    span: DocSpan
    direct: bool
    speaker: str | None
    speaker_id: str | None
    cue: DocSpan | None
    speaker_status: str | None = None  # resolved | uncertain | unknown (None: stored before schema 3)
    confidence: float | None = None
    candidates: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class TimelineHit(Record):
    """A dated (or undated) timeline entry of one document."""

    document: str
    source: str
    date: str | None
    precision: str
    date_start: str | None
    date_end: str | None
    text: str
    evidence: DocSpan
    event_id: str | None
    claim_id: str | None


@dataclass(frozen=True, slots=True)
class FailureRow(Record):
    """An input that failed, with its one-line reason."""

    source: str
    origin: str | None
    code: str
    message: str
    stage: str
    analysis_version: str
    document_id: str | None
    attempts: int
    failed_at: str


class Store(Protocol):
    """What the corpus needs from a database: resumable writes, queries, streaming reads."""

    url: str
    dialect: str

    def close(self) -> None:
        """Close the connection."""

    def schema_version(self) -> int:
        """The highest migration applied."""

    def lookup(self, document_id: str, source: str) -> tuple[list[str], bool]:
        """The stored analysis versions of a document, and whether ``source`` is linked to it."""

    def put_analysis(self, analysis: Analysis, *, version: str, source: str, origin: str | None,
                     replace: bool = False, input_hash: str | None = None) -> bool:
        """Store (or replace a stale) analysis in one transaction; False if it was already current."""

    def put_many(self, items: Sequence[tuple[Analysis, str, str | None]], *, version: str) -> int:
        """Store many ``(analysis, source, origin)`` in one transaction (bulk loads); return how many were new."""

    def put_batch(self, items: Sequence[tuple[Analysis, str, str | None, str | None]], *, version: str,
                  replace: bool = False) -> list[bool]:
        """Store ``(analysis, source, origin, input_hash)`` items in ONE transaction; per item, whether written."""

    def add_source(self, document_id: str, source: str, origin: str | None, input_hash: str | None = None) -> None:
        """Record another input name for a stored document."""

    def find_input(self, input_hash: str, source: str) -> tuple[str, bool] | None:
        """The document that a file with these bytes gave before, and whether under this source name."""

    def source_known(self, source: str) -> bool:
        """True when an input of this name was stored before."""

    def put_failure(self, failure: FailureRow) -> None:
        """Record (or update) the failure of one input."""

    def optimize(self) -> None:
        """Refresh the query planner's statistics (after a large load)."""

    def failures(self) -> list[FailureRow]:
        """Every recorded failure."""

    def failed_sources(self) -> set[str]:
        """The sources with a recorded failure."""

    def get_analysis(self, document_id: str) -> Analysis | None:
        """The current analysis of a document."""

    def stale_documents(self, version: str) -> list[str]:
        """Ids of documents with no analysis under ``version``."""

    def load_document(self, document_id: str) -> Document | None:
        """The stored Document (text, title, date given), ready to analyse again."""

    def search(self, query: str, *, limit: int | None, offset: int) -> Page[SearchHit]:
        """Ranked full-text search with a highlighted fragment per document."""

    def entities(self, *, type: str | None, limit: int | None) -> Page[EntitySummary]:
        """Names by number of documents."""

    def entity(self, name: str, *, limit: int | None) -> EntityProfile | None:
        """Every occurrence of a name or alias."""

    def claims(self, *, entity: str | None, speaker: str | None, kind: str | None, min_score: float | None,
               limit: int | None, offset: int) -> Page[ClaimHit]:
        """Claims, most check-worthy first."""

    def quotes(self, *, speaker: str | None, limit: int | None, offset: int) -> Page[QuoteHit]:
        """Quotes, optionally of one speaker."""

    def timeline(self, *, entity: str | None, date_from: str | None, date_to: str | None,
                 limit: int | None, offset: int) -> Page[TimelineHit]:
        """Timeline entries in date order (undated last)."""

    def stats(self, version: str | None = None) -> dict[str, Any]:
        """Row counts; with ``version``, how many analyses are stale."""

    def iter_rows(self, sql: str, params: Sequence[Any] = (), batch: int = 5000) -> Iterator[tuple[Any, ...]]:
        """Stream the rows of a read query in batches (constant memory)."""

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """All rows of a parameterised read query."""

    def fetchone(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        """The first row of a parameterised read query, or None."""

    def transaction(self, fn: Callable[[Any], T]) -> T:
        """Run ``fn(cursor)`` in one write transaction, retried while the database is busy."""

    def execute(self, cur: Any, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one parameterised statement on a cursor of :meth:`transaction`."""

    def executemany(self, cur: Any, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one parameterised statement for many rows."""
