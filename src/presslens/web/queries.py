"""The few reads the pages need that the Corpus API does not give: filtered search, totals, links.

The corpus store answers search, entities, claims, quotes and timeline; the web pages
also need (1) search narrowed by date, source, entity, claim kind and score, (2) exact
totals so pagination never caps silently, (3) a document's links to what it shares with
other documents, and (4) a plain document list for the home page.  They are written here
as SQL over the store's tables for both backends (SQLite FTS5, PostgreSQL tsvector), with
the store's own query rewriting (``fts5_query``) and snippet location (``make_hit``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from presslens.store.base import Page, SearchHit
from presslens.store.queries import _keys  # the store's name -> keys rule (aliases), reused as is
from presslens.store.search import ELLIPSIS, START, STOP, check_query, fts5_query, make_hit


@dataclass(frozen=True)
class SearchFilters:
    """What a search is narrowed by (every field optional)."""

    date_from: str | None = None
    date_to: str | None = None
    source: str | None = None
    entity: str | None = None
    kind: str | None = None
    min_score: float | None = None

    def active(self) -> bool:
        """True when any filter is set."""
        return any(v not in (None, "") for v in vars(self).values())


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere (its own % and _ escaped with \\)."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def filter_sql(store: Any, f: SearchFilters) -> tuple[list[str], list[Any]]:
    """WHERE conditions on ``documents d`` for the filters, and their parameters."""
    where: list[str] = []
    params: list[Any] = []
    if f.date_from:
        where.append("substr(d.published, 1, 10) >= ?")
        params.append(f.date_from)
    if f.date_to:
        where.append("substr(d.published, 1, 10) <= ?")
        params.append(f.date_to + "\uffff")
    if f.source:
        where.append("(d.source LIKE ? ESCAPE '\\' OR coalesce(d.url, '') LIKE ? ESCAPE '\\')")
        params += [_like(f.source), _like(f.source)]
    if f.entity:
        keys = _keys(store, f.entity, "entity")
        where.append(f"d.id IN (SELECT document_id FROM entity_names WHERE name_key IN ({', '.join('?' * len(keys))}))")
        params += keys
    if f.kind or f.min_score is not None:
        conds: list[str] = []
        cparams: list[Any] = []
        if f.kind:
            conds.append("c.kind = ?")
            cparams.append(f.kind.lower())
        if f.min_score is not None:
            conds.append("c.checkworthiness >= ?")
            cparams.append(float(f.min_score))
        # EXISTS per document (the claims key starts with document_id): a score filter most documents
        # pass would make an IN (…) list of nearly every document on every query
        where.append(f"EXISTS (SELECT 1 FROM claims c WHERE c.document_id = d.id AND {' AND '.join(conds)})")
        params += cparams
    return where, params


def search(store: Any, query: str, f: SearchFilters, *, limit: int, offset: int) -> tuple[Page[SearchHit], int]:
    """Ranked, highlighted, filtered full-text search and the total number of matches."""
    if store.dialect == "postgresql":
        return _search_pg(store, query, f, limit, offset)
    match = fts5_query(query)
    where, params = filter_sql(store, f)
    cond = "".join(f" AND {w}" for w in where)
    base = ("FROM documents_fts JOIN documents d ON d.num = documents_fts.rowid "
            f"WHERE documents_fts MATCH ?{cond}") if where else "FROM documents_fts WHERE documents_fts MATCH ?"
    total = int(store.fetchone(f"SELECT count(*) {base}", [match, *params])[0])
    top = store.fetchall(f"SELECT documents_fts.rowid, -bm25(documents_fts, 2.0, 1.0) AS score {base} "
                         "ORDER BY score DESC, documents_fts.rowid LIMIT ? OFFSET ?", [match, *params, limit, offset])
    hits = []
    for num, score in top:
        row = store.fetchone(
            f"SELECT d.id, d.source, d.title, snippet(documents_fts, 1, '{START}', '{STOP}', '{ELLIPSIS}', 24), "
            "d.text FROM documents_fts JOIN documents d ON d.num = documents_fts.rowid "
            "WHERE documents_fts MATCH ? AND documents_fts.rowid = ?", (match, num))
        if row is not None:
            hits.append(make_hit(row[0], row[1], row[2], float(score), row[3], row[4]))
    return Page(tuple(hits), limit, offset, offset + len(hits) < total), total


_PG_HEADLINE = f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15, MaxFragments=1, FragmentDelimiter={ELLIPSIS}"


def _search_pg(store: Any, query: str, f: SearchFilters, limit: int, offset: int) -> tuple[Page[SearchHit], int]:
    """The PostgreSQL twin of :func:`search` (``websearch_to_tsquery``, ``ts_rank_cd``, ``ts_headline``)."""
    check_query(query)
    where, params = filter_sql(store, f)
    cond = "".join(f" AND {w}" for w in where)
    base = f"FROM documents d, q WHERE d.tsv @@ q.q{cond}"
    with_q = "WITH q AS (SELECT websearch_to_tsquery('english', ?) AS q) "
    total = int(store.fetchone(f"{with_q}SELECT count(*) {base}", [query, *params])[0])
    rows = store.fetchall(
        f"{with_q}, top AS (SELECT d.num, ts_rank_cd(d.tsv, q.q) AS score {base} ORDER BY score DESC, d.num "
        "LIMIT ? OFFSET ?) SELECT d.id, d.source, d.title, top.score, ts_headline('english', d.text, q.q, ?), d.text "
        "FROM top JOIN documents d ON d.num = top.num, q ORDER BY top.score DESC, d.num",
        [query, *params, limit, offset, _PG_HEADLINE])
    hits = tuple(make_hit(r[0], r[1], r[2], float(r[3]), r[4], r[5]) for r in rows)
    return Page(hits, limit, offset, offset + len(hits) < total), total


def documents(store: Any, f: SearchFilters, *, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """Documents (newest added first) narrowed by the filters, and their total."""
    where, params = filter_sql(store, f)
    cond = (" WHERE " + " AND ".join(where)) if where else ""
    total = int(store.fetchone(f"SELECT count(*) FROM documents d{cond}", params)[0])
    rows = store.fetchall(f"SELECT d.id, d.source, d.title, d.published, d.n_chars, d.added_at FROM documents d{cond} "
                          "ORDER BY d.num DESC LIMIT ? OFFSET ?", [*params, limit, offset])
    keys = ("id", "source", "title", "published", "n_chars", "added_at")
    return [dict(zip(keys, r, strict=True)) for r in rows], total


def count_claims(store: Any, *, entity: str | None, speaker: str | None, kind: str | None,
                 min_score: float | None) -> int:
    """How many claims the claims query with these filters returns in all."""
    source = "FROM claims c"
    where: list[str] = []
    params: list[Any] = []
    if entity:
        keys = _keys(store, entity, "entity")
        source = ("FROM entity_names en JOIN claim_entities ce ON ce.document_id = en.document_id "
                  "AND ce.entity_id = en.entity_id JOIN claims c ON c.document_id = ce.document_id "
                  "AND c.claim_id = ce.claim_id")
        where.append(f"en.name_key IN ({', '.join('?' * len(keys))}) AND ce.role = 'mentioned'")
        params += keys
    if speaker:
        keys = _keys(store, speaker, "speaker")
        source += " JOIN entity_names sn ON sn.document_id = c.document_id AND sn.entity_id = c.speaker_id"
        where.append(f"sn.name_key IN ({', '.join('?' * len(keys))})")
        params += keys
    if kind:
        where.append("c.kind = ?")
        params.append(kind.lower())
    if min_score is not None:
        where.append("c.checkworthiness >= ?")
        params.append(float(min_score))
    cond = (" WHERE " + " AND ".join(where)) if where else ""
    if entity or speaker:  # the joins can repeat a claim: count distinct ones
        sql = f"SELECT count(*) FROM (SELECT DISTINCT c.document_id, c.claim_id {source}{cond}) x"
    else:
        sql = f"SELECT count(*) {source}{cond}"
    return int(store.fetchone(sql, params)[0])


def claim_kinds(store: Any) -> list[str]:
    """The claim kinds present in the store (for the filter menus).

    One index seek per kind on ``claims_kind_score`` (a loose index scan): ``SELECT DISTINCT``
    would read every claim (about 90 ms at 400,000 claims, on every page with a kind menu).
    """
    kinds: list[str] = []
    while True:
        row = store.fetchone("SELECT min(kind) FROM claims WHERE kind > ?", (kinds[-1] if kinds else "",))
        if row is None or row[0] is None:
            return kinds
        kinds.append(str(row[0]))


def document_row(store: Any, document_id: str) -> dict[str, Any] | None:
    """A document's metadata (no text), or None."""
    row = store.fetchone("SELECT id, source, title, url, published, language, n_chars, added_at FROM documents "
                         "WHERE id = ?", (document_id,))
    keys = ("id", "source", "title", "url", "published", "language", "n_chars", "added_at")
    return dict(zip(keys, row, strict=True)) if row else None


def shared_entities(store: Any, document_id: str, limit: int = 40) -> list[dict[str, Any]]:
    """The document's names with the number of other documents that also have them (most shared first)."""
    rows = store.fetchall(
        "SELECT e.name, e.type, max(t.documents) - 1 AS others FROM entities e JOIN entity_totals t "
        "ON t.name_key = e.name_key AND t.type = e.type WHERE e.document_id = ? "
        "GROUP BY e.name, e.type ORDER BY others DESC, e.name LIMIT ?", (document_id, limit))
    return [{"name": r[0], "type": r[1], "other_documents": int(r[2])} for r in rows]


def document_claims(store: Any, document_id: str, limit: int = 10) -> list[dict[str, Any]]:
    """The document's most check-worthy claims."""
    rows = store.fetchall("SELECT claim_id, text, kind, checkworthiness FROM claims WHERE document_id = ? "
                          "ORDER BY checkworthiness DESC, start_char LIMIT ?", (document_id, limit))
    return [{"claim_id": r[0], "text": r[1], "kind": r[2], "checkworthiness": float(r[3])} for r in rows]


def recent_documents(store: Any, limit: int = 10) -> list[dict[str, Any]]:
    """The documents added last."""
    return documents(store, SearchFilters(), limit=limit, offset=0)[0]


CONTEXT_CHARS = 280


def claim_detail(store: Any, document_id: str, claim_id: str) -> dict[str, Any] | None:
    """One claim with its evidence span and the text around it (before / span / after)."""
    row = store.fetchone(
        "SELECT c.document_id, d.source, d.title, c.claim_id, c.start_char, c.end_char, c.text, c.kind, "
        "c.checkworthiness, c.attribution_type, c.speaker_name, c.cue_text, c.hedges, c.reasons, c.quantities "
        "FROM claims c JOIN documents d ON d.id = c.document_id WHERE c.document_id = ? AND c.claim_id = ?",
        (document_id, claim_id))
    if row is None:
        return None
    start, end = int(row[4]), int(row[5])
    lo = max(0, start - CONTEXT_CHARS)
    around = store.fetchone("SELECT substr(text, ?, ?) FROM documents WHERE id = ?",
                            (lo + 1, end + CONTEXT_CHARS - lo, document_id))[0] or ""

    return {
        "document": row[0], "source": row[1], "title": row[2], "claim_id": row[3],
        "span": {"document": row[0], "start": start, "end": end, "text": row[6]},
        "kind": row[7], "checkworthiness": float(row[8]), "attribution": row[9], "speaker": row[10],
        "cue": row[11], "hedges": json.loads(row[12]), "reasons": json.loads(row[13]),
        "quantities": json.loads(row[14]),
        "context": {"before": around[: start - lo], "span": around[start - lo : end - lo],
                    "after": around[end - lo :], "start": lo},
    }


def source_documents(store: Any, source: str) -> list[str]:
    """The documents an input name gave (the analyse page finds its result this way)."""
    return [r[0] for r in store.fetchall("SELECT document_id FROM document_sources WHERE source = ?", (source,))]


def story_count(store: Any, min_documents: int) -> int:
    """How many stories have at least ``min_documents`` documents (the stories page's exact total)."""
    return int(store.fetchone("SELECT count(*) FROM xdoc_stories WHERE documents >= ?", (min_documents,))[0])


def document_story(store: Any, document_id: str) -> dict[str, Any] | None:
    """The story a document belongs to (id, label, how many documents), as last built; None if none."""
    row = store.fetchone("SELECT t.story_id, t.label, t.documents FROM xdoc_story_documents s JOIN xdoc_stories t "
                         "ON t.story_id = s.story_id WHERE s.document_id = ?", (document_id,))
    return {"id": row[0], "label": row[1], "documents": int(row[2])} if row else None
