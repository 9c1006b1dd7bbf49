"""Build the cross-document layer of a store: syndication → stories → entities and events.

:func:`refresh` is the one entry point: when the corpus changed since the last build (the
stamp of :mod:`~presslens.corpus.crossdoc.tables` differs) it fingerprints the new documents,
recomputes every cross-document result over the whole corpus and replaces the result tables in
one transaction.  Each step grows near-linearly with the corpus (LSH for copies, blocking keys
for stories and entities, events only within a story); ``benchmarks/bench_crossdoc.py`` measures
the cost per document at two corpus sizes.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from presslens.corpus.crossdoc import claims, entities, events, stories, syndication, tables
from presslens.corpus.crossdoc import profile as profile_mod
from presslens.store.base import Store

VERSION = "xdoc-2"  # bump when a result changes for the same corpus
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
    meta = {doc_id: (title, published) for doc_id, title, published, _ in tables.documents_meta(store)}
    groups = _syndication(store, tick)
    found = _stories(store, groups, tick)
    story = stories.story_of(found)
    occurrences = _occurrences(store, story)
    canon = entities.resolve(occurrences)
    linked = _events(store, story)
    source, shown = syndication.group_of(groups), entities.display_names(occurrences)
    results = {
        "xdoc_syndication": tables.syndication_rows(groups),
        "xdoc_stories": [_story_row(s, meta, source, shown) for s in found],
        "xdoc_story_documents": [(d, s.id, float(s.confidence[d])) for s in found for d in s.documents],
        "xdoc_entities": [_entity_row(e) for e in canon],
        "xdoc_entity_members": [(d, e, x.id, float(c)) for x in canon for d, e, c in x.members],
        "xdoc_events": linked[0],
        "xdoc_event_mentions": linked[1],
    }
    tables.write_results(store, stamp, results)
    claims.refresh(store, force=force)
    return BuildReport(True, len(meta), len(groups), sum(len(g.members) - 1 for g in groups), len(found),
                       len(canon), len(linked[0]))


def _syndication(store: Store, tick: Tick | None) -> list[syndication.Group]:
    """Syndication groups of every stored document (fingerprints read from the store)."""
    copies = [syndication.Copy(doc_id, title=title, published=published, length=int(n or 0))
              for doc_id, title, published, n in tables.documents_meta(store)]
    prints = {doc_id: (sig, n) for doc_id, sig, n in tables.fingerprints(store)}
    if tick:
        tick("syndication", 0, len(copies))
    return syndication.group(copies, prints, text_of=lambda key: tables.document_text(store, key))


def _stories(store: Store, groups: list[syndication.Group], tick: Tick | None) -> list[stories.Story]:
    """Stories of every analysed document (profiles pruned to their rarest words)."""
    df: Counter[str] = Counter()
    n = 0
    for _, text in tables.document_texts(store):
        df.update(set(profile_mod.content_words(text)))
        n += 1
    profiles = [profile_mod.prune(profile_mod.profile(a), df, n) for a in tables.stored_analyses(store)]
    if tick:
        tick("stories", 0, len(profiles))
    together = [g.documents for g in groups if len(g.members) > 1]
    return stories.group(profiles, together=together)


def _occurrences(store: Store, story: dict[str, str]) -> list[entities.Occurrence]:
    """Every stored entity as an occurrence, with its document's story and other names."""
    rows = [entities.Row(doc_id, ent_id, name, etype, tuple(json.loads(aliases or "[]")),
                         tuple(json.loads(titles or "[]")), int(n or 0),
                         (float(lat), float(lon)) if lat is not None and lon is not None else None)
            for doc_id, ent_id, name, etype, aliases, titles, n, lat, lon in tables.entity_rows(store)]
    return entities.occurrences(rows, story)


def _events(store: Store, story: dict[str, str]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Cross-document events (one per story, PLOVER type and sense) and their mention rows."""
    groups: dict[str, list[tuple[Any, ...]]] = {}
    for doc_id, ev_id, etype, status, trigger, date, location in tables.event_rows(store):
        if doc_id not in story or status == "hypothetical":
            continue
        word = (trigger or "").lower().split()[-1:] or [""]
        key = f"{story[doc_id]}|{etype}|{events.sense(word[0], text=trigger or '')}"
        groups.setdefault(key, []).append((doc_id, ev_id, etype, trigger, date, location))
    rows: list[tuple[Any, ...]] = []
    mentions: list[tuple[Any, ...]] = []
    for key, members in sorted(groups.items()):
        xid = f"xe-{hashlib.sha256(key.encode()).hexdigest()[:12]}"
        dates = Counter(m[4] for m in members if m[4])
        places = Counter(m[5] for m in members if m[5])
        label = Counter(m[3] for m in members).most_common(1)[0][0]
        rows.append((xid, key.split("|", 1)[0], members[0][2], label, dates.most_common(1)[0][0] if dates else None,
                     places.most_common(1)[0][0] if places else None, len({m[0] for m in members}), len(members)))
        confidence = 1.0 if len({m[0] for m in members}) == 1 else 0.8
        mentions.extend((m[0], m[1], xid, confidence) for m in members)
    return rows, mentions


def _story_row(story: stories.Story, meta: dict[str, tuple[Any, Any]], source: dict[str, str],
               shown: dict[str, str]) -> tuple[Any, ...]:
    """The ``xdoc_stories`` row of a story (label: the title of its earliest document; names as written)."""
    first = min(story.documents, key=lambda d: (meta.get(d, (None, None))[1] or "9999", d))
    label = meta.get(first, (None, None))[0] or first
    return (story.id, label, story.date_start, story.date_end, len(story.documents),
            len({source.get(d, d) for d in story.documents}), json.dumps([shown.get(n, n) for n in story.places]),
            json.dumps([shown.get(n, n) for n in story.people]))


def _entity_row(entity: entities.CanonicalEntity) -> tuple[Any, ...]:
    """The ``xdoc_entities`` row of a canonical entity."""
    return (entity.id, entity.name, entity.type, json.dumps(list(entity.aliases)), json.dumps(list(entity.titles)),
            entity.documents, len(entity.members))


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
