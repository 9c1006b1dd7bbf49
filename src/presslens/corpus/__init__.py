"""The corpus: a store of analyses that resumes, answers questions and exports.

The Python API mirrors the ``presslens corpus`` commands::

    from presslens.corpus import Corpus

    with Corpus("presslens.db") as corpus:          # or "postgresql://user@host/db"
        report = corpus.add(["articles/"])           # resumable, idempotent
        corpus.search("harbour strike").items        # SearchHit: snippet, fragment, highlights
        corpus.entities(type="PERSON", top=20)
        corpus.entity("Mara Quintel")                # aliases, titles, roles, mentions
        corpus.claims(entity="Port Authority", min_score=0.5, kind="factual")
        corpus.quotes(speaker="Mara Quintel")
        corpus.timeline(entity="Valdora", date_from="2024-01", date_to="2024-06")
        corpus.stats()                               # {"documents": …, "analyses": …, "failures": …}
        corpus.export("claims", "parquet", "claims.parquet")
        corpus.sources()                             # {document: syndication group}: independent sources
        corpus.syndication(min_size=2)               # groups of copies of one text
        corpus.stories(min_documents=2)              # StoryHit: label, dates, documents, sources, members
        corpus.analysis(doc_id, crossdoc=True)       # schema presslens.analysis/2: + the "crossdoc" key

Every result names its document and exact span (:class:`~presslens.store.DocSpan`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from presslens.corpus.add import Adder, AddReport, Executor, Tick, iter_sources, retry_items, stored_stale
from presslens.corpus.export import TABLES, export
from presslens.model.analysis import Analysis
from presslens.settings import Settings
from presslens.store import (
    ClaimHit,
    EntityProfile,
    EntitySummary,
    FailureRow,
    Page,
    QuoteHit,
    SearchHit,
    TimelineHit,
    open_store,
)

__all__ = ["TABLES", "AddReport", "Corpus"]


class Corpus:
    """A corpus store opened by URL (file path, ``sqlite:///…``, ``postgresql://…``; default ``$PRESSLENS_DB``)."""

    def __init__(self, url: str | None = None, *, create: bool = True) -> None:
        """Open the store; ``create=False`` refuses a store that does not exist yet."""
        self.store = open_store(url, create=create)
        self.url = self.store.url

    def __enter__(self) -> Corpus:
        """Use as a context manager (closes the store)."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close the store."""
        self.close()

    def close(self) -> None:
        """Close the store's connection."""
        self.store.close()

    def add(self, paths: Iterable[str] = (), *, settings: Settings | None = None, input_format: str = "auto",
            reanalyse: str = "none", retry_failed: bool = False, workers: int = 1, tick: Tick | None = None,
            version: str | None = None, executor: Executor | None = None) -> AddReport:
        """Add files, folders, JSONL/CSV records or ``-``; skip what is current; commit small batches.

        With no paths, ``reanalyse="stale"`` re-analyses stored documents from their stored text
        and ``retry_failed`` re-reads the inputs that failed before.  ``executor`` analyses the
        inputs that need it (default: this process and ``workers`` worker processes; see
        :class:`presslens.scale.DaskExecutor` for a cluster).
        """
        settings = (settings or Settings()).with_(on_error="record")
        paths = list(paths)
        adder = Adder(self.store, settings, reanalyse=reanalyse, retry_failed=retry_failed, workers=workers,
                      tick=tick, version=version, executor=executor)
        if paths:
            items = iter_sources(paths, settings, input_format)
        elif retry_failed:
            items = retry_items(self.store, settings, input_format)
        elif reanalyse in ("stale", "all"):
            items = stored_stale(self.store, adder.report.version if reanalyse == "stale" else "")
        else:
            items = iter(())
        return adder.run(items)

    def search(self, query: str, *, limit: int | None = 20, offset: int = 0) -> Page[SearchHit]:
        """Full-text search ranked by relevance, with highlighted fragments."""
        return self.store.search(query, limit=limit, offset=offset)

    def entities(self, *, type: str | None = None, top: int | None = 50) -> Page[EntitySummary]:
        """The names found in the most documents."""
        return self.store.entities(type=type, limit=top)

    def entity(self, name: str, *, limit: int | None = None) -> EntityProfile | None:
        """Mentions, aliases, titles and roles of a name across documents (None if absent)."""
        return self.store.entity(name, limit=limit)

    def claims(self, *, entity: str | None = None, min_score: float | None = None, kind: str | None = None,
               speaker: str | None = None, limit: int | None = 50, offset: int = 0) -> Page[ClaimHit]:
        """Claims, most check-worthy first."""
        return self.store.claims(entity=entity, speaker=speaker, kind=kind, min_score=min_score, limit=limit,
                                 offset=offset)

    def quotes(self, *, speaker: str | None = None, limit: int | None = 50, offset: int = 0) -> Page[QuoteHit]:
        """Quotes, optionally of one speaker."""
        return self.store.quotes(speaker=speaker, limit=limit, offset=offset)

    def timeline(self, *, entity: str | None = None, date_from: str | None = None, date_to: str | None = None,
                 limit: int | None = 100, offset: int = 0) -> Page[TimelineHit]:
        """Timeline entries in date order; with dates, only entries that overlap [from, to]."""
        return self.store.timeline(entity=entity, date_from=date_from, date_to=date_to, limit=limit,
                                   offset=offset)

    def stats(self, *, settings: Settings | None = None, stale: bool = True) -> dict[str, Any]:
        """Counts (``documents``, ``analyses``, ``failures``, …); ``stale`` against the current version."""
        if not stale:
            return self.store.stats()
        from presslens.corpus.service import analysis_version

        return self.store.stats(analysis_version(settings or Settings()))

    def failures(self) -> list[FailureRow]:
        """The inputs that failed, with their one-line reasons."""
        return self.store.failures()

    def analysis(self, document_id: str, *, crossdoc: bool = False) -> Analysis | None:
        """The stored analysis of one document; with ``crossdoc``, its cross-document fields too (schema /2)."""
        analysis = self.store.get_analysis(document_id)
        if analysis is None or not crossdoc:
            return analysis
        from presslens.corpus.crossdoc import refresh
        from presslens.corpus.crossdoc.queries import document_crossdoc

        refresh(self.store)
        return analysis.with_layers(crossdoc=document_crossdoc(self.store, document_id))

    def stories(self, *, min_documents: int = 1, limit: int | None = 50, offset: int = 0,
                refresh: bool = True) -> Page[Any]:
        """Stories (``StoryHit``), largest first; the cross-document layer is refreshed first unless
        ``refresh`` is False (a read-only reader gets the layer as last built)."""
        from presslens.corpus.crossdoc import refresh as rebuild
        from presslens.corpus.crossdoc.queries import stories

        if refresh:
            rebuild(self.store)
        return stories(self.store, min_documents=min_documents, limit=limit, offset=offset)

    def story(self, story_id: str, *, refresh: bool = True) -> Any:
        """One story (``StoryHit`` or None); ``refresh`` as for :meth:`stories`."""
        from presslens.corpus.crossdoc import refresh as rebuild
        from presslens.corpus.crossdoc.queries import story

        if refresh:
            rebuild(self.store)
        return story(self.store, story_id)

    def claim(self, claim_ref: str) -> dict[str, Any] | None:
        """One claim (``DOCUMENT#CLAIM``) with its corroboration, contradictions and fact-check matches."""
        from presslens.corpus.crossdoc import refresh
        from presslens.corpus.crossdoc.claim_views import claim_record

        document, _, claim_id = claim_ref.partition("#")
        refresh(self.store)
        return claim_record(self.store, document, claim_id)

    def contradictions(self, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Claims of two documents that give a different number or date for one measure or event."""
        from presslens.corpus.crossdoc import refresh
        from presslens.corpus.crossdoc.claim_views import contradictions

        refresh(self.store)
        return contradictions(self.store, limit=limit, offset=offset)

    def import_factchecks(self, path: str) -> tuple[int, list[str]]:
        """Import fact-checks from a file and match every stored claim again: ``(imported, problems)``."""
        from presslens.corpus.crossdoc import claims, factchecks, refresh
        from presslens.corpus.crossdoc.claim_views import put_factchecks

        found, problems = factchecks.read(path)
        n = put_factchecks(self.store, found)
        refresh(self.store)
        if n:
            claims.rematch_factchecks(self.store)
        return n, problems

    def factchecks(self, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """The stored fact-checks, with how many stored claims match each."""
        from presslens.corpus.crossdoc.claim_views import list_factchecks

        return list_factchecks(self.store, limit=limit, offset=offset)

    def refresh_crossdoc(self, *, force: bool = False, tick: Any = None) -> Any:
        """Rebuild the cross-document layer when the corpus changed (``BuildReport``)."""
        from presslens.corpus.crossdoc import refresh

        return refresh(self.store, force=force, tick=tick)

    def sources(self) -> dict[str, str]:
        """Document id → its syndication group id: copies of one text count as one source."""
        from presslens.corpus.crossdoc import sources

        return sources(self.store)

    def syndication(self, *, min_size: int = 2) -> list[Any]:
        """Groups of syndicated copies (``Group``: members, representative first)."""
        from presslens.corpus.crossdoc import syndication_groups

        return syndication_groups(self.store, min_size=min_size)

    def export(self, table: str, fmt: str, out: str, *, on_batch: Any = None) -> int:
        """Stream a whole table to ``out`` (csv, jsonl or parquet); return the rows written."""
        return export(self.store, table, fmt, out, on_batch=on_batch)
