"""Read the claim links and fact-check matches of a store: one claim's record, all contradictions.

Counts are made here, over syndication groups: a claim is corroborated by N independent sources
(the distinct syndication groups of the documents that corroborate it, its own group left out),
contradicted by M, and is the "only source" when no other source corroborates or contradicts it.
Uncertain links are listed with their confidence and never counted.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from presslens.corpus.crossdoc import factchecks as fc_mod
from presslens.store.base import Store

_LINKS = ("SELECT l.other_document, l.other_claim, l.relation, l.confidence, l.reasons, c.start_char, c.end_char, "
          "c.text FROM xdoc_claim_links l JOIN claims c ON c.document_id = l.other_document "
          "AND c.claim_id = l.other_claim WHERE l.document_id = ? AND l.claim_id = ? "
          "ORDER BY l.confidence DESC, l.other_document, l.other_claim")


def claim_record(store: Store, document: str, claim_id: str) -> dict[str, Any] | None:
    """One claim with its corroboration, contradictions, uncertain links and fact-check matches."""
    row = store.fetchone("SELECT start_char, end_char, text, kind, checkworthiness FROM claims "
                         "WHERE document_id = ? AND claim_id = ?", (document, claim_id))
    if row is None:
        return None
    found = store.fetchall(_LINKS, (document, claim_id))
    source = _sources(store, {document, *(str(r[0]) for r in found)})
    own = source.get(document, document)
    links: dict[str, list[dict[str, Any]]] = {"corroborates": [], "contradicts": [], "uncertain": []}
    for other, oc, relation, conf, reasons, s, e, text in found:
        links.setdefault(relation, []).append({
            "document": other, "claim": oc, "start": int(s), "end": int(e), "text": text,
            "source": source.get(other, other), "confidence": round(float(conf), 4),
            "reasons": json.loads(reasons or "[]")})
    corroborating = {x["source"] for x in links["corroborates"]} - {own}
    contradicting = {x["source"] for x in links["contradicts"]} - {own}
    return {"document": document, "claim": claim_id, "start": int(row[0]), "end": int(row[1]), "text": row[2],
            "kind": row[3], "checkworthiness": float(row[4]), "source": own,
            "corroborated_by": len(corroborating), "contradicted_by": len(contradicting),
            "only_source": not corroborating and not contradicting,
            "corroborations": links["corroborates"], "contradictions": links["contradicts"],
            "uncertain": links["uncertain"], "factchecks": factcheck_matches(store, document, claim_id)}


def factcheck_matches(store: Store, document: str, claim_id: str) -> list[dict[str, Any]]:
    """The fact-checks a claim was matched to (match or uncertain), best first."""
    rows = store.fetchall(
        "SELECT m.status, m.confidence, f.factcheck_id, f.claim, f.title, f.rating, f.reviewer, f.url, f.date_published, "
        "f.claimant FROM factcheck_matches m JOIN factchecks f ON f.factcheck_id = m.factcheck_id "
        "WHERE m.document_id = ? AND m.claim_id = ? ORDER BY m.rank", (document, claim_id))
    return [{"status": st, "confidence": round(float(c), 4),
             **fc_mod.FactCheck(i, cl, t or "", r, rv, u, d, cm).to_dict()} for st, c, i, cl, t, r, rv, u, d, cm in rows]


_PAIRS = ("SELECT l.document_id, l.claim_id, a.start_char, a.end_char, a.text, l.other_document, l.other_claim, "
          "b.start_char, b.end_char, b.text, l.confidence, l.reasons FROM xdoc_claim_links l "
          "JOIN claims a ON a.document_id = l.document_id AND a.claim_id = l.claim_id "
          "JOIN claims b ON b.document_id = l.other_document AND b.claim_id = l.other_claim "
          "WHERE l.relation = ? AND l.document_id < l.other_document")
_PAIR_ORDER = " ORDER BY l.confidence DESC, l.document_id, l.claim_id, l.other_document, l.other_claim"


def _pair(r: Sequence[Any]) -> dict[str, Any]:
    """A link row of :data:`_PAIRS` as both claims' spans, the confidence and the reasons."""
    return {"claim": {"document": r[0], "claim": r[1], "start": int(r[2]), "end": int(r[3]), "text": r[4]},
            "other": {"document": r[5], "claim": r[6], "start": int(r[7]), "end": int(r[8]), "text": r[9]},
            "confidence": round(float(r[10]), 4), "reasons": json.loads(r[11] or "[]")}


def contradictions(store: Store, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Every contradiction between two documents' claims (each pair once), most confident first."""
    sql = _PAIRS + _PAIR_ORDER
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    if offset:
        sql += (" LIMIT -1" if limit is None and store.dialect == "sqlite" else "") + f" OFFSET {int(offset)}"
    return [_pair(r) for r in store.fetchall(sql, ("contradicts",))]


def document_claims(store: Store, document: str) -> list[dict[str, Any]]:
    """The cross-document record of every claim of a document that has a link or a fact-check match."""
    ids = [str(r[0]) for r in store.fetchall(
        "SELECT DISTINCT claim_id FROM xdoc_claim_links WHERE document_id = ? UNION "
        "SELECT DISTINCT claim_id FROM factcheck_matches WHERE document_id = ?", (document, document))]
    found = [claim_record(store, document, c) for c in sorted(ids)]
    return [f for f in found if f is not None]


def _sources(store: Store, documents: set[str]) -> dict[str, str]:
    """Document id → its syndication group, for the given documents only (a claim's links, not the corpus)."""
    ids = sorted(documents)
    out: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        out.update({str(d): str(g) for d, g in store.fetchall(
            f"SELECT document_id, group_id FROM xdoc_syndication WHERE document_id IN ({', '.join('?' * len(chunk))})",
            tuple(chunk))})
    return out


def put_factchecks(store: Store, checks: Sequence[fc_mod.FactCheck]) -> int:
    """Store fact-checks (an id already stored is replaced); return how many were written."""
    rows = list({c.id: c.row() for c in checks}.values())
    if rows:
        store.transaction(lambda cur: store.executemany(
            cur, "INSERT INTO factchecks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (factcheck_id) DO UPDATE SET "
            "claim = excluded.claim, title = excluded.title, rating = excluded.rating, reviewer = excluded.reviewer, "
            "url = excluded.url, date_published = excluded.date_published, claimant = excluded.claimant, "
            "origin = excluded.origin", rows))
    return len(rows)


def list_factchecks(store: Store, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """The stored fact-checks with how many stored claims match each."""
    rows = store.fetchall(
        "SELECT f.factcheck_id, f.claim, f.title, f.rating, f.reviewer, f.url, f.date_published, f.claimant, "
        "(SELECT COUNT(*) FROM factcheck_matches m WHERE m.factcheck_id = f.factcheck_id AND m.status = 'match') "
        "FROM factchecks f ORDER BY f.factcheck_id")
    rows = rows[offset:][:limit] if limit else rows[offset:]
    return [{**fc_mod.FactCheck(*r[:8]).to_dict(), "matched_claims": int(r[8])} for r in rows]


def claim_reviews(store: Store) -> list[dict[str, Any]]:
    """Every stored claim matched to a fact-check (status "match") as schema.org ClaimReview JSON-LD."""
    rows = store.fetchall(
        "SELECT c.document_id, c.claim_id, c.start_char, c.end_char, c.text, m.confidence, f.factcheck_id, f.claim, "
        "f.title, f.rating, f.reviewer, f.url, f.date_published, f.claimant FROM factcheck_matches m "
        "JOIN claims c ON c.document_id = m.document_id AND c.claim_id = m.claim_id "
        "JOIN factchecks f ON f.factcheck_id = m.factcheck_id WHERE m.status = 'match' "
        "ORDER BY c.document_id, c.start_char, m.rank")
    out = []
    for doc, cid, start, end, text, conf, *check in rows:
        review = fc_mod.claim_review({"document": doc, "text": text}, fc_mod.FactCheck(*check), float(conf))
        review["itemReviewed"]["appearance"].update({"presslens:claim": cid, "presslens:start": int(start),
                                                     "presslens:end": int(end)})
        out.append(review)
    return out


def story_links(store: Store, documents: Sequence[str], *, limit: int = 50) -> dict[str, list[dict[str, Any]]]:
    """Corroborating and contradicting claim pairs between the given documents (a story), each pair once.

    Every side is ``{document, claim, start, end, text}``; at most ``limit`` pairs of each relation,
    most confident first. Uncertain links are left out: they are shown on each claim's own page.
    """
    ids = sorted(set(documents))
    if not ids:
        return {"corroborates": [], "contradicts": []}
    marks = ", ".join("?" * len(ids))
    sql = (f"{_PAIRS} AND l.document_id IN ({marks}) AND l.other_document IN ({marks})"
           f"{_PAIR_ORDER} LIMIT {int(limit)}")
    return {relation: [_pair(r) for r in store.fetchall(sql, (relation, *ids, *ids))]
            for relation in ("corroborates", "contradicts")}
