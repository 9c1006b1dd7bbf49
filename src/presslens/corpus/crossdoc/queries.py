"""Reading the cross-document layer: stories, canonical entities, and one document's cross-document fields.

Every reference into another document is ``{document, start, end, text}`` with ``text`` equal to
that document's ``text[start:end]`` (read from the store's mention and event rows, which hold the
exact spans).  Results are paged like the store's other queries.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from presslens.corpus.crossdoc.claim_views import document_claims
from presslens.store.base import DocSpan, Page, Record, Store
from presslens.store.queries import _limit_sql


@dataclass(frozen=True, slots=True)
class StoryMember(Record):
    """A document of a story: its source name, title, date, syndication group and confidence."""

    document: str
    source: str
    title: str | None
    published: str | None
    group: str | None
    confidence: float


@dataclass(frozen=True, slots=True)
class StoryHit(Record):
    """A story: label, dates, how many documents and independent sources, shared places and people."""

    id: str
    label: str
    date_start: str | None
    date_end: str | None
    documents: int
    sources: int
    places: tuple[str, ...]
    people: tuple[str, ...]
    members: tuple[StoryMember, ...]


_STORY_COLUMNS = "story_id, label, date_start, date_end, documents, sources, places, people"


def stories(store: Store, *, min_documents: int = 1, limit: int | None = 50, offset: int = 0) -> Page[StoryHit]:
    """Stories with at least ``min_documents`` documents, largest (then most recent) first."""
    clause, extra = _limit_sql(limit, offset)
    rows = store.fetchall(f"SELECT {_STORY_COLUMNS} FROM xdoc_stories WHERE documents >= ? "
                          f"ORDER BY documents DESC, sources DESC, COALESCE(date_end, '') DESC, story_id{clause}",
                          [min_documents, *extra])
    more = limit is not None and len(rows) > limit
    return Page(tuple(_story(store, r) for r in rows[:limit]), limit, offset, more)


def story(store: Store, story_id: str) -> StoryHit | None:
    """One story by id."""
    row = store.fetchone(f"SELECT {_STORY_COLUMNS} FROM xdoc_stories WHERE story_id = ?", (story_id,))
    return _story(store, row) if row else None


def _story(store: Store, row: tuple[Any, ...]) -> StoryHit:
    """A StoryHit with its members."""
    members = store.fetchall(
        "SELECT s.document_id, d.source, d.title, d.published, y.group_id, s.confidence FROM xdoc_story_documents s "
        "JOIN documents d ON d.id = s.document_id LEFT JOIN xdoc_syndication y ON y.document_id = s.document_id "
        "WHERE s.story_id = ? ORDER BY COALESCE(d.published, '9999'), d.num", (row[0],))
    return StoryHit(row[0], row[1], row[2], row[3], int(row[4]), int(row[5]), tuple(json.loads(row[6])),
                    tuple(json.loads(row[7])), tuple(StoryMember(m[0], m[1], m[2], m[3], m[4], float(m[5]))
                                                     for m in members))


def document_crossdoc(store: Store, document_id: str) -> dict[str, Any]:
    """The cross-document fields of one stored document (the ``crossdoc`` key of schema /2)."""
    return {"syndication": _syndication(store, document_id), "story": _document_story(store, document_id),
            "entities": _entities(store, document_id), "events": _events(store, document_id),
            "claims": document_claims(store, document_id)}


def _syndication(store: Store, document_id: str) -> dict[str, Any] | None:
    """The document's syndication group: id, whether it is the representative, the other copies."""
    row = store.fetchone("SELECT group_id, representative FROM xdoc_syndication WHERE document_id = ?", (document_id,))
    if row is None:
        return None
    copies = store.fetchall("SELECT document_id, jaccard, containment FROM xdoc_syndication WHERE group_id = ? "
                            "AND document_id <> ? ORDER BY document_id", (row[0], document_id))
    return {"group": row[0], "representative": bool(row[1]),
            "copies": [{"document": c[0], "jaccard": round(float(c[1]), 4), "containment": round(float(c[2]), 4)}
                       for c in copies]}


def _document_story(store: Store, document_id: str) -> dict[str, Any] | None:
    """The document's story: id, label, confidence and the other documents."""
    row = store.fetchone("SELECT s.story_id, s.confidence, t.label FROM xdoc_story_documents s JOIN xdoc_stories t "
                         "ON t.story_id = s.story_id WHERE s.document_id = ?", (document_id,))
    if row is None:
        return None
    others = store.fetchall("SELECT document_id FROM xdoc_story_documents WHERE story_id = ? AND document_id <> ? "
                            "ORDER BY document_id", (row[0], document_id))
    return {"id": row[0], "label": row[2], "confidence": round(float(row[1]), 4), "documents": [o[0] for o in others]}


def _entities(store: Store, document_id: str) -> list[dict[str, Any]]:
    """Each entity of the document that other documents also name: its canonical entity and their mentions."""
    out = []
    for entity_id, xid, confidence, name in store.fetchall(
            "SELECT m.entity_id, m.xentity_id, m.confidence, x.name FROM xdoc_entity_members m JOIN xdoc_entities x "
            "ON x.xentity_id = m.xentity_id WHERE m.document_id = ? AND x.documents > 1 ORDER BY m.entity_id",
            (document_id,)):
        same = store.fetchall(
            "SELECT o.document_id, MIN(n.start_char) FROM xdoc_entity_members o JOIN mentions n ON "
            "n.document_id = o.document_id AND n.entity_id = o.entity_id WHERE o.xentity_id = ? AND o.document_id <> ? "
            "GROUP BY o.document_id ORDER BY o.document_id", (xid, document_id))
        out.append({"entity": entity_id, "canonical": xid, "name": name, "confidence": round(float(confidence), 4),
                    "same_as": [_mention_ref(store, d, start) for d, start in same]})
    return out


def _mention_ref(store: Store, document_id: str, start: int) -> dict[str, Any]:
    """The first mention (at ``start``) of an entity in another document, as a reference."""
    row = store.fetchone("SELECT end_char, text FROM mentions WHERE document_id = ? AND start_char = ? "
                         "ORDER BY end_char LIMIT 1", (document_id, start))
    return DocSpan(document_id, int(start), int(row[0]), row[1]).to_dict() if row else {}


def _events(store: Store, document_id: str) -> list[dict[str, Any]]:
    """Each event of the document linked to events of other documents, with their triggers."""
    out = []
    for event_id, xid, confidence in store.fetchall(
            "SELECT m.event_id, m.xevent_id, m.confidence FROM xdoc_event_mentions m JOIN xdoc_events x "
            "ON x.xevent_id = m.xevent_id WHERE m.document_id = ? AND x.documents > 1 ORDER BY m.event_id",
            (document_id,)):
        same = store.fetchall(
            "SELECT e.document_id, e.trigger_start, e.trigger_end, e.trigger_text FROM xdoc_event_mentions o JOIN "
            "events e ON e.document_id = o.document_id AND e.event_id = o.event_id WHERE o.xevent_id = ? AND "
            "o.document_id <> ? ORDER BY e.document_id, e.trigger_start", (xid, document_id))
        out.append({"event": event_id, "linked": xid, "confidence": round(float(confidence), 4),
                    "same_as": [DocSpan(d, int(s), int(e), t).to_dict() for d, s, e, t in same]})
    return out
