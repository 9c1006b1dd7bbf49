"""Build the cross-document layer of a store: syndication → stories → entities and events.

:func:`refresh` is the one entry point: when the corpus changed since the last build (the
stamp of :mod:`~presslens.corpus.crossdoc.tables` differs) it fingerprints the new documents,
recomputes every cross-document result over the whole corpus and replaces the result tables in
one transaction.  Each step grows near-linearly with the corpus (LSH for copies, blocking keys
for stories and entities, events only within a story); ``benchmarks/bench_crossdoc.py`` measures
the cost per document at two corpus sizes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from presslens.corpus.crossdoc import syndication, tables
from presslens.store.base import Store

VERSION = "xdoc-1"  # bump when a result changes for the same corpus
Tick = Callable[[str, int, int], None]  # (step, done, total)


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a refresh did: whether it rebuilt, and how many of each it found."""

    rebuilt: bool
    documents: int
    groups: int
    syndicated: int
    stories: int = 0
    entities: int = 0
    events: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"rebuilt": self.rebuilt, "documents": self.documents, "groups": self.groups,
                "syndicated": self.syndicated, "stories": self.stories, "entities": self.entities,
                "events": self.events}


def is_current(store: Store) -> bool:
    """True when the stored cross-document results match the corpus as it is now."""
    return tables.state(store, "stamp") == tables.corpus_stamp(store, VERSION)


def refresh(store: Store, *, force: bool = False, tick: Tick | None = None) -> BuildReport:
    """Rebuild the cross-document results when the corpus changed (or with ``force``)."""
    stamp = tables.corpus_stamp(store, VERSION)
    if not force and tables.state(store, "stamp") == stamp:
        return _report_stored(store)
    update_fingerprints(store, tick=tick)
    copies = [syndication.Copy(doc_id, title=title, published=published, length=int(n or 0))
              for doc_id, title, published, n in tables.documents_meta(store)]
    prints = {doc_id: (sig, n) for doc_id, sig, n in tables.fingerprints(store)}
    if tick:
        tick("syndication", 0, len(copies))
    groups = syndication.group(copies, prints, text_of=lambda key: tables.document_text(store, key))
    results: dict[str, list[Any]] = {"xdoc_syndication": tables.syndication_rows(groups)}
    tables.write_results(store, stamp, results)
    return BuildReport(True, len(copies), len(groups), sum(len(g.members) - 1 for g in groups))


def update_fingerprints(store: Store, *, tick: Tick | None = None) -> int:
    """Fingerprint the documents that have none yet (stored in batches); return how many."""
    missing = tables.missing_fingerprints(store)
    size = tables.FINGERPRINT_BATCH
    for at in range(0, len(missing), size):
        rows = []
        for doc_id, text in tables.texts(store, missing[at:at + size]):
            sig, n = syndication.fingerprint(text)
            rows.append((doc_id, n, tables.encode_signature(sig)))
        tables.put_fingerprints(store, rows)
        if tick:
            tick("fingerprints", min(at + size, len(missing)), len(missing))
    return len(missing)


def _report_stored(store: Store) -> BuildReport:
    """The counts of the stored build (nothing recomputed)."""
    def count(sql: str) -> int:
        row = store.fetchone(sql)
        return int(row[0]) if row and row[0] is not None else 0

    docs = count("SELECT COUNT(*) FROM xdoc_syndication")
    groups = count("SELECT COUNT(DISTINCT group_id) FROM xdoc_syndication")
    return BuildReport(False, docs, groups, docs - groups, count("SELECT COUNT(*) FROM xdoc_stories"),
                       count("SELECT COUNT(*) FROM xdoc_entities"), count("SELECT COUNT(*) FROM xdoc_events"))
