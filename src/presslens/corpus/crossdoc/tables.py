"""The cross-document tables of the store (schema version 4): read, write, and what they were built from.

Every statement is parameterised and runs unchanged on SQLite and PostgreSQL.  Results are
written in one transaction (old rows out, new rows in), so a reader sees either the previous
build or the new one.  ``xdoc_state`` records the corpus stamp a build was made from.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from presslens.corpus.crossdoc.syndication import Group, Member, signature_bytes, signature_from_bytes
from presslens.store.base import Store

RESULT_TABLES = ("xdoc_syndication", "xdoc_stories", "xdoc_story_documents", "xdoc_entities",
                 "xdoc_entity_members", "xdoc_events", "xdoc_event_mentions")
FINGERPRINT_BATCH = 500


def corpus_stamp(store: Store, version: str) -> str:
    """What the cross-document layer depends on: documents, analyses (count, newest, size), its version."""
    docs = store.fetchone("SELECT COUNT(*) FROM documents")
    analyses = store.fetchone("SELECT COUNT(*), MAX(created_at), SUM(n_bytes) FROM analyses")
    return f"{version}|{docs[0] if docs else 0}|{'|'.join(str(v) for v in (analyses or ()))}"


def state(store: Store, name: str) -> str | None:
    """A value of ``xdoc_state`` (None when never written)."""
    row = store.fetchone("SELECT value FROM xdoc_state WHERE name = ?", (name,))
    return str(row[0]) if row else None


def documents_meta(store: Store) -> Iterator[tuple[str, str | None, str | None, int]]:
    """``(id, title, published, n_chars)`` of every stored document, in storage order."""
    yield from store.iter_rows("SELECT id, title, published, n_chars FROM documents ORDER BY num")


def documents_meta_of(store: Store, ids: Sequence[str]) -> list[tuple[str, str | None, str | None, int]]:
    """``(id, title, published, n_chars)`` of some documents."""
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    return [(str(r[0]), r[1], r[2], int(r[3] or 0)) for r in store.fetchall(
        f"SELECT id, title, published, n_chars FROM documents WHERE id IN ({marks})", list(ids))]


def document_text(store: Store, document_id: str) -> str:
    """One document's text ("" when absent)."""
    row = store.fetchone("SELECT text FROM documents WHERE id = ?", (document_id,))
    return str(row[0]) if row else ""


def missing_fingerprints(store: Store) -> list[str]:
    """Ids of documents without a stored fingerprint, in storage order."""
    return [str(r[0]) for r in store.fetchall("SELECT d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM "
                                              "xdoc_fingerprints f WHERE f.document_id = d.id) ORDER BY d.num")]


def texts(store: Store, ids: Sequence[str]) -> list[tuple[str, str]]:
    """``(id, text)`` of some documents (one query)."""
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    return [(str(a), str(b)) for a, b in store.fetchall(f"SELECT id, text FROM documents WHERE id IN ({marks})",
                                                       list(ids))]


def put_fingerprints(store: Store, rows: Sequence[tuple[str, int, bytes]]) -> None:
    """Store fingerprints ``(document id, shingle count, signature bytes)`` (existing ones kept)."""
    store.transaction(lambda cur: store.executemany(
        cur, "INSERT INTO xdoc_fingerprints (document_id, n_shingles, signature) VALUES (?, ?, ?) "
        "ON CONFLICT (document_id) DO NOTHING", rows))


def fingerprints(store: Store) -> Iterator[tuple[str, Any, int]]:
    """``(document id, signature array, shingle count)`` of every stored document."""
    for doc_id, n, blob in store.iter_rows("SELECT f.document_id, f.n_shingles, f.signature FROM "
                                           "xdoc_fingerprints f JOIN documents d ON d.id = f.document_id"):
        yield doc_id, signature_from_bytes(blob), int(n)


def syndication_rows(groups: Sequence[Group]) -> list[tuple[Any, ...]]:
    """``xdoc_syndication`` rows of some groups."""
    return [(m.document, g.id, int(m.representative), float(m.jaccard), float(m.containment))
            for g in groups for m in g.members]


def write_results(store: Store, stamp: str, tables: Mapping[str, Sequence[Sequence[Any]]]) -> None:
    """Replace every result table by the new rows and record the stamp, in one transaction."""

    def write(cur: Any) -> None:
        for table in RESULT_TABLES:
            store.execute(cur, f"DELETE FROM {table}")
        for table, rows in tables.items():
            if table not in RESULT_TABLES:
                raise ValueError(f"not a cross-document table: {table}")
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                store.executemany(cur, f"INSERT INTO {table} VALUES ({marks})", rows)
        store.execute(cur, "INSERT INTO xdoc_state (name, value) VALUES ('stamp', ?) ON CONFLICT (name) "
                      "DO UPDATE SET value = excluded.value", (stamp,))

    store.transaction(write)


def read_groups(store: Store) -> list[Group]:
    """The stored syndication groups (singletons included), representative first."""
    members: dict[str, list[Member]] = {}
    for doc_id, group_id, rep, jac, con in store.iter_rows(
            "SELECT document_id, group_id, representative, jaccard, containment FROM xdoc_syndication "
            "ORDER BY group_id, representative DESC, document_id"):
        members.setdefault(group_id, []).append(Member(doc_id, float(jac), float(con), bool(rep)))
    return [Group(gid, tuple(ms)) for gid, ms in members.items()]


def source_map(store: Store) -> dict[str, str]:
    """Document id → syndication group id (its independent source)."""
    return {str(d): str(g) for d, g in store.iter_rows("SELECT document_id, group_id FROM xdoc_syndication")}


def encode_signature(sig: Any) -> bytes:
    """A signature as stored."""
    return signature_bytes(sig)


def document_texts(store: Store) -> Iterator[tuple[str, str]]:
    """``(id, text)`` of every document, streamed in storage order."""
    for doc_id, text in store.iter_rows("SELECT id, text FROM documents ORDER BY num"):
        yield str(doc_id), str(text)


def stored_analyses(store: Store) -> Iterator[Any]:
    """The current analysis of every document, streamed (one per document, the newest)."""
    from presslens.store.rows import decompress_analysis

    last: tuple[str, Any] | None = None
    for doc_id, body, text in store.iter_rows(
            "SELECT a.document_id, a.body, d.text FROM analyses a JOIN documents d ON d.id = a.document_id "
            "ORDER BY d.num, a.created_at DESC"):
        if last is not None and last[0] == doc_id:
            continue
        last = (doc_id, None)
        yield decompress_analysis(bytes(body), text)


def entity_rows(store: Store) -> Iterator[tuple[Any, ...]]:
    """``(document, entity id, name, type, aliases, titles, mentions, lat, lon)`` of every stored entity."""
    yield from store.iter_rows("SELECT document_id, entity_id, name, type, aliases, titles, n_mentions, lat, lon "
                               "FROM entities ORDER BY document_id, entity_id")


def event_rows(store: Store) -> Iterator[tuple[Any, ...]]:
    """``(document, event id, type, status, trigger text, date, location name)`` of every stored event."""
    yield from store.iter_rows("SELECT document_id, event_id, type, status, trigger_text, date, location_name "
                               "FROM events ORDER BY document_id, event_id")
