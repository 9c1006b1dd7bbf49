"""Analysis → the view model of the report (plain dicts and lists, no HTML).

Everything the template shows is computed here, so the template only loops
and prints (auto-escaped).  Links into the text use anchor ids created by
:class:`RefIndex` or the annotation ids of :mod:`annotations`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from presslens.about import SCHEMA_ID, __version__
from presslens.model.analysis import Analysis
from presslens.present.html import annotations as A
from presslens.present.html.charts import loadedness_chart, timeline_chart, world_map
from presslens.present.html.segments import safe_id
from presslens.present.speakers import group_key, speaker_label


def _clip(text: str, n: int = 140) -> str:
    """Shorten a text for a table cell, on a word boundary."""
    text = " ".join(text.split())
    if len(text) <= n:
        return text
    return text[: n - 1].rsplit(" ", 1)[0] + "…"


def _name(analysis: Analysis, entity_id: str | None) -> str | None:
    """Canonical name of an entity id, or None."""
    ent = analysis.entity(entity_id)
    return ent.name if ent else None


def _names(analysis: Analysis, ids: tuple[str, ...]) -> str:
    """Comma-separated canonical names of entity ids (unknown ids skipped)."""
    return ", ".join(n for n in (_name(analysis, i) for i in ids) if n)


def display_title(doc: Any) -> str:
    """The document's title; else its first line when that reads as a headline (ingest's own rule)."""
    if doc.title:
        return str(doc.title)
    from presslens.ingest.build import is_title_line

    first, _, rest = doc.text.strip().partition("\n")
    if rest.strip() and is_title_line(first.strip(), rest.strip()):
        return first.strip()
    return "(untitled article)"


def header(analysis: Analysis, refs: A.RefIndex) -> dict[str, Any]:
    """Title, source, dates, language, genre, version, schema, layer failures."""
    doc = analysis.document
    pub = doc.published
    evidence = [{"ref": refs.ref(s), "text": _clip(doc.text_of(s), 80)} for s in pub.evidence]
    genre = analysis.genre
    return {
        "title": display_title(doc),
        "source": doc.source, "doc_id": doc.id, "language": doc.language,
        "published": pub.value, "inferred": pub.inferred, "evidence": evidence,
        "confidence": pub.confidence,
        "guesses": [{"value": c.value, "confidence": c.confidence} for c in pub.candidates],
        "genre": f"{genre.label} ({genre.score:.2f})" if genre else None,
        "genre_reasons": [f"{r.description}: {r.value:g}" for r in genre.reasons] if genre else [],
        "words": len(doc.text.split()), "version": __version__, "schema": SCHEMA_ID,
        "failures": [f"{n}: {e}" for n, e in analysis.provenance.failures],
    }


def entities_panel(analysis: Analysis, mentions: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Entity cards by confidence (resolved first, surer first, then most mentioned); uncertain
    ones say so and list the entities they may denote."""
    cards = []
    for ent in sorted(analysis.entities, key=_entity_order):
        eid = safe_id(ent.id)
        geo = ent.geo
        cards.append({
            "id": eid, "name": ent.name, "type": ent.type, "tclass": A.type_class(ent.type),
            "uncertain": ent.uncertain, "type_uncertain": ent.type_uncertain,
            "confidence": None if ent.confidence is None else f"{ent.confidence:.0%}",
            "type_confidence": None if ent.type_confidence is None else f"{ent.type_confidence:.0%}",
            "candidates": [{"id": safe_id(c.entity), "name": _name(analysis, c.entity) or c.entity,
                            "confidence": f"{c.confidence:.0%}"} for c in ent.candidates],
            "aliases": [a for a in ent.aliases if a != ent.name], "titles": list(ent.titles),
            "count": len(ent.mentions), "first": next(iter(mentions.get(eid) or []), None),
            "geo": {"lat": geo.lat, "lon": geo.lon, "country": geo.country} if geo else None,
            "country": ent.country or (geo.country if geo else None),
        })
    return cards


def _entity_order(ent: Any) -> tuple[bool, float, int, str]:
    """Resolved before uncertain, surer (in tenths) first, then most mentioned, then by name."""
    sure = round(ent.confidence, 1) if ent.confidence is not None else 1.0
    return ent.uncertain, -sure, -len(ent.mentions), ent.name


def timeline_panel(analysis: Analysis, refs: A.RefIndex) -> dict[str, Any]:
    """Timeline items (dated and undated) and the chart of the dated ones."""
    items = []
    for entry in sorted(analysis.timeline, key=lambda e: e.date is None):  # stable: undated last
        items.append({"date": entry.date, "precision": entry.precision,
                      "text": _clip(entry.text, 90), "ref": refs.ref(entry.evidence),
                      "kind": "event" if entry.event else ("claim" if entry.claim else "item"),
                      "of": entry.event or entry.claim or "", "uncertain": entry.uncertain})
    return {"items": items, "chart": timeline_chart([i for i in items if i["date"]])}


def events_panel(analysis: Analysis, refs: A.RefIndex) -> list[dict[str, Any]]:
    """Events with actor → target names, status, place and date."""
    out = []
    for ev in analysis.events:
        out.append({
            "id": ev.id, "type": ev.type, "status": ev.status, "negated": ev.negated,
            "actor": _names(analysis, ev.actor) or "—", "target": _names(analysis, ev.target) or "—",
            "where": _name(analysis, ev.location) or "", "date": ev.date or "",
            "trigger": analysis.document.text_of(ev.trigger), "ref": refs.ref(ev.sentence),
            "confidence": "" if ev.confidence is None else f"{ev.confidence:.2f}", "uncertain": ev.uncertain,
            "reference": ev.reference,
        })
    return out


def claims_panel(analysis: Analysis, claim_ids: dict[str, str]) -> list[dict[str, Any]]:
    """Claim rows with kind, attribution, score and reasons, most check-worthy first (``pos``: document order)."""
    rows = []
    across = {c["claim"]: c for c in (analysis.crossdoc or {}).get("claims", [])}
    for pos, claim in enumerate(analysis.claims, 1):
        att = claim.attribution
        rows.append({
            "id": claim.id, "anchor": claim_ids.get(claim.id), "pos": pos,
            "text": _clip(analysis.document.text_of(claim.span), 220),
            "kind": claim.kind, "att": att.type, "source": _name(analysis, att.source) or "",
            "score": round(claim.checkworthiness, 2), "bucket": A.cw_bucket(claim.checkworthiness),
            "reasons": list(claim.reasons), "hedges": [analysis.document.text_of(h) for h in claim.hedges],
            "uncertain": claim.uncertain, "confidence": claim.confidence,
            "candidates": " or ".join(f"{k.kind} {k.confidence:.2f}" for k in claim.kind_candidates),
            "across": _across(across.get(claim.id)),
        })
    return sorted(rows, key=lambda r: (-r["score"], r["pos"]))


def _across(record: dict[str, Any] | None) -> dict[str, Any] | None:
    """A claim's corroboration, contradictions and fact-check matches across the corpus, for the report."""
    if record is None:
        return None

    def ref(x: dict[str, Any]) -> dict[str, Any]:
        """A linked claim of another document, as the template shows it."""
        return {"document": x["document"], "span": f"{x['start']}–{x['end']}", "text": _clip(x["text"], 160),
                "confidence": f"{x['confidence']:.2f}", "why": "; ".join(x.get("reasons", []))}

    return {"summary": "only source" if record["only_source"] else
            f"corroborated by {record['corroborated_by']} independent source{'s' if record['corroborated_by'] != 1 else ''}"
            f", contradicted by {record['contradicted_by']}",
            "contradictions": [ref(x) for x in record["contradictions"]],
            "corroborations": [ref(x) for x in record["corroborations"]],
            "factchecks": [{"status": f["status"], "rating": f["rating"] or "unrated", "reviewer": f["reviewer"] or "",
                            "url": f["url"] or "", "claim": _clip(f["claim"], 160),
                            "confidence": f"{f['confidence']:.2f}"} for f in record["factchecks"]]}


def quotes_panel(analysis: Analysis, quote_ids: dict[str, str]) -> list[dict[str, Any]]:
    """Quotes grouped by speaker (most quoted first; uncertain speakers, then unknown, last)."""
    colours = A.speaker_index(analysis)
    groups: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    labels: dict[str | None, str] = {}
    for quote in analysis.quotes:
        key = group_key(quote)
        labels.setdefault(key, speaker_label(analysis, quote))
        groups[key].append({
            "text": _clip(analysis.document.text_of(quote.span), 260), "direct": quote.direct,
            "anchor": quote_ids.get(quote.id)})
    order = sorted(groups, key=lambda s: (s is None, (s or "").startswith("?"), -len(groups[s])))
    return [{"speaker": labels[s],
             "entity": safe_id(s) if s is not None and analysis.entity(s) else None,
             "uncertain": s is not None and s.startswith("?"),
             "colour": A.SPEAKER_COLOURS[colours[s]] if s in colours else "#777777",
             "quotes": groups[s]} for s in order]


def techniques_panel(analysis: Analysis) -> dict[str, Any]:
    """Counts per technique (author's voice vs quoted) and the loadedness chart."""
    total = Counter(t.technique for t in analysis.techniques if not t.uncertain)
    quoted = Counter(t.technique for t in analysis.techniques if t.quoted and not t.uncertain)
    uncertain = Counter(t.technique for t in analysis.techniques if t.uncertain)
    examples: dict[str, list[dict[str, str]]] = defaultdict(list)
    for i, tech in enumerate(analysis.techniques):
        if len(examples[tech.technique]) < 6 and not tech.uncertain:
            examples[tech.technique].append(
                {"anchor": f"k-{i}", "text": _clip(analysis.document.text_of(tech.span), 50)})
    counts = [{"name": name.replace("_", " "), "count": total[name], "quoted": quoted[name],
               "uncertain": uncertain[name], "examples": examples[name]}
              for name, _ in (total + uncertain).most_common()]
    values = [{"paragraph": ld.paragraph, "value": ld.value, "author": ld.author_value,
               "ref": f"p{ld.paragraph}"} for ld in analysis.loadedness]
    return {"counts": counts, "chart": loadedness_chart(values)}


def inconsistencies_panel(analysis: Analysis, refs: A.RefIndex) -> list[dict[str, Any]]:
    """Inconsistencies with a link to each of their spans."""
    return [{"kind": inc.kind.replace("_", " "), "message": inc.message,
             "spans": [{"ref": refs.ref(s), "text": _clip(analysis.document.text_of(s), 60)}
                       for s in inc.spans],
             "documents": list(inc.documents)} for inc in analysis.inconsistencies]


def quantities_panel(analysis: Analysis, qty_ids: list[str]) -> list[dict[str, Any]]:
    """Quantities in text order with their normalised value."""
    return [{"text": analysis.document.text_of(q.span), "label": A.quantity_label(q)[10:],
             "anchor": aid, "uncertain": q.uncertain} for q, aid in zip(analysis.quantities, qty_ids, strict=False)]


def map_panel(cards: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The world map of geocoded entities (None when there is none)."""
    places = [{"id": c["id"], "name": c["name"], "lat": c["geo"]["lat"], "lon": c["geo"]["lon"]}
              for c in cards if c["geo"]]
    countries = {c["country"] for c in cards if c["country"]}
    return world_map(places, countries)
