"""Analysis → the rows of the query tables (pure functions, no database).

Every row names its document and the exact span (``start``/``end`` offsets of
``document.text`` and the text they cover).  Lists (aliases, hedges, actor
names…) are stored as JSON arrays of strings.  ``name_key`` is the casefolded,
whitespace-collapsed name that cross-document lookups match on.
"""

from __future__ import annotations

import calendar
import json
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from presslens.model.analysis import Analysis
from presslens.model.records import Claim, Entity, Event, Quote, TimelineEntry
from presslens.model.span import Span

Row = tuple[Any, ...]


def name_key(name: str) -> str:
    """The lookup key of a name: casefolded, inner whitespace collapsed."""
    return " ".join(name.casefold().split())


def dumps(values: Any) -> str:
    """A compact JSON text (lists of strings in the row tables)."""
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def compress_analysis(analysis: Analysis) -> bytes:
    """The analysis as zlib-compressed JSON, without the document text (stored beside it)."""
    body = json.dumps(analysis.to_dict(include_text=False), ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(body.encode("utf-8"), 6)


def decompress_analysis(body: bytes, text: str) -> Analysis:
    """Rebuild the Analysis from :func:`compress_analysis` output and the document text."""
    data = json.loads(zlib.decompress(body).decode("utf-8"))
    data["document"]["text"] = text
    return Analysis.from_dict(data)


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_DECADE = re.compile(r"^(\d{3})X?$")


def date_range(value: str | None) -> tuple[str | None, str | None]:
    """First and last ISO day a TIMEX3 value covers (``2020-04`` → 2020-04-01, 2020-04-30).

    Values that name no calendar interval (``PAST_REF``, ``P3Y``) give ``(None, None)``.
    """
    if not value:
        return None, None
    if m := _DAY.match(value):
        return m.group(0), m.group(0)
    if m := _MONTH.match(value):
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            return None, None
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
    if m := _YEAR.match(value):
        return f"{m.group(1)}-01-01", f"{m.group(1)}-12-31"
    if m := _QUARTER.match(value):
        first = 3 * int(m.group(2)) - 2
        year = int(m.group(1))
        last = first + 2
        return f"{year:04d}-{first:02d}-01", f"{year:04d}-{last:02d}-{calendar.monthrange(year, last)[1]:02d}"
    if m := _DECADE.match(value):
        return f"{m.group(1)}0-01-01", f"{m.group(1)}9-12-31"
    return None, None


@dataclass
class DocumentRows:
    """The rows one analysis contributes to each query table."""

    document: Row
    entities: list[Row] = field(default_factory=list)
    entity_names: list[Row] = field(default_factory=list)
    totals: list[Row] = field(default_factory=list)
    mentions: list[Row] = field(default_factory=list)
    claims: list[Row] = field(default_factory=list)
    claim_entities: list[Row] = field(default_factory=list)
    quotes: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    event_participants: list[Row] = field(default_factory=list)
    timeline: list[Row] = field(default_factory=list)


def rows_for(analysis: Analysis, added_at: str) -> DocumentRows:
    """Every row of one analysis (the ``documents`` row first)."""
    doc = analysis.document
    ents = {e.id: e for e in analysis.entities}
    out = DocumentRows(document=_document_row(analysis, added_at))
    for ent in analysis.entities:
        _add_entity(out, doc.id, doc.text, ent)
    out.totals = _totals(analysis.entities)
    qtext = {q.id: doc.text[q.span.start : q.span.end] for q in analysis.quantities}
    for claim in analysis.claims:
        _add_claim(out, doc.id, doc.text, claim, ents, qtext)
    out.quotes = [_quote_row(doc.id, doc.text, q, ents) for q in analysis.quotes]
    for event in analysis.events:
        _add_event(out, doc.id, doc.text, event, ents)
    out.timeline = [_timeline_row(doc.id, doc.text, i, t) for i, t in enumerate(analysis.timeline)]
    return out


def summed_totals(docs: Sequence[DocumentRows]) -> list[Row]:
    """The name totals of many documents added up per ``(name_key, type)``, in key order.

    One upsert per name instead of one per name and document; the key order is the order in
    which concurrent writers take the rows' locks, so they cannot deadlock on them.
    """
    acc: dict[tuple[str, str], list[Any]] = {}
    for doc in docs:
        for key, etype, name, n_docs, mentions in doc.totals:
            entry = acc.setdefault((key, etype), [name, 0, 0])
            entry[1] += n_docs
            entry[2] += mentions
    return [(k, t, name, d, m) for (k, t), (name, d, m) in sorted(acc.items())]


def _document_row(analysis: Analysis, added_at: str) -> Row:
    """``documents`` columns after ``num``: id … text."""
    doc = analysis.document
    url = doc.meta.get("url") if isinstance(doc.meta.get("url"), str) else None
    meta = {k: v for k, v in doc.meta.items() if k != "url"}
    return (doc.id, doc.source, doc.title, url, doc.published.value, int(doc.published.inferred),
            doc.language, len(doc.text), added_at, dumps(meta), doc.text)


def _span(text: str, span: Span | None) -> tuple[int | None, int | None, str | None]:
    """``(start, end, text)`` of a span, or three Nones."""
    if span is None:
        return None, None, None
    return span.start, span.end, text[span.start : span.end]


def _add_entity(out: DocumentRows, doc_id: str, text: str, ent: Entity) -> None:
    """The entity row, its name keys and its mention rows."""
    lat, lon = (ent.geo.lat, ent.geo.lon) if ent.geo else (None, None)
    country = ent.country or (ent.geo.country if ent.geo else None)
    out.entities.append((doc_id, ent.id, ent.name, name_key(ent.name), ent.type, dumps(list(ent.aliases)),
                         dumps(list(ent.titles)), len(ent.mentions), country, lat, lon))
    keys = {name_key(n) for n in (ent.name, *ent.aliases)} - {""}
    out.entity_names.extend((k, doc_id, ent.id) for k in sorted(keys))
    spans = sorted(set(ent.mentions))
    out.mentions.extend((doc_id, ent.id, s.start, s.end, text[s.start : s.end]) for s in spans)


def _totals(entities: tuple[Entity, ...]) -> list[Row]:
    """``(name_key, type, name, 1, mentions)`` per distinct name of the document, sorted."""
    acc: dict[tuple[str, str], list[Any]] = {}
    for ent in entities:
        key = (name_key(ent.name), ent.type)
        if key[0]:
            acc.setdefault(key, [ent.name, 0])[1] += len(ent.mentions)
    return [(k, t, name, 1, n) for (k, t), (name, n) in sorted(acc.items())]


def _add_claim(out: DocumentRows, doc_id: str, text: str, claim: Claim, ents: dict[str, Entity],
               qtext: dict[str, str]) -> None:
    """The claim row and its links to the entities it mentions or is attributed to."""
    att = claim.attribution
    speaker = ents.get(att.source) if att.source else None
    cue = _span(text, att.cue)
    out.claims.append((
        doc_id, claim.id, claim.span.start, claim.span.end, text[claim.span.start : claim.span.end],
        claim.kind, float(claim.checkworthiness), att.type, att.source, speaker.name if speaker else None,
        *cue, dumps([text[h.start : h.end] for h in claim.hedges]), dumps(list(claim.reasons)),
        dumps([qtext.get(q, q) for q in claim.quantities]),
    ))
    links = {(e, "mentioned") for e in claim.entities if e in ents}
    if att.source and att.source in ents:
        links.add((att.source, "source"))
    out.claim_entities.extend((doc_id, claim.id, e, role) for e, role in sorted(links))


def _quote_row(doc_id: str, text: str, quote: Quote, ents: dict[str, Entity]) -> Row:
    """The quote row with its speaker's name, status, confidence and candidates."""
    speaker = ents.get(quote.speaker) if quote.speaker else None
    candidates = [{"entity": c.entity, "name": ents[c.entity].name if c.entity in ents else None,
                   "confidence": c.confidence} for c in quote.candidates]
    return (doc_id, quote.id, quote.span.start, quote.span.end, text[quote.span.start : quote.span.end],
            int(quote.direct), quote.speaker, speaker.name if speaker else None,
            *_span(text, quote.cue), *_span(text, quote.source),
            quote.speaker_status, quote.confidence, dumps(candidates))


def _names(ids: tuple[str, ...], ents: dict[str, Entity]) -> str:
    """JSON list of the names of these entity ids (unknown ids kept as they are)."""
    return dumps([ents[i].name if i in ents else i for i in ids])


def _add_event(out: DocumentRows, doc_id: str, text: str, event: Event, ents: dict[str, Entity]) -> None:
    """The event row and its participants (actors, targets, location)."""
    loc = ents.get(event.location) if event.location else None
    lat, lon = (loc.geo.lat, loc.geo.lon) if loc and loc.geo else (None, None)
    loc_country = (loc.country or (loc.geo.country if loc.geo else None)) if loc else None
    start, end = date_range(event.date)
    out.events.append((
        doc_id, event.id, event.type, event.mode, event.status, int(event.negated), event.date, start, end,
        *_span(text, event.trigger), *_span(text, event.sentence),
        _names(event.actor, ents), dumps(list(event.actor_country)),
        _names(event.target, ents), dumps(list(event.target_country)),
        event.location, loc.name if loc else None, loc_country, lat, lon,
    ))
    roles = {(a, "actor") for a in event.actor} | {(t, "target") for t in event.target}
    if event.location:
        roles.add((event.location, "location"))
    out.event_participants.extend((doc_id, event.id, e, r) for e, r in sorted(roles) if e in ents)


def _timeline_row(doc_id: str, text: str, seq: int, entry: TimelineEntry) -> Row:
    """One timeline row with the interval its date covers."""
    start, end = date_range(entry.date)
    return (doc_id, seq, entry.date, entry.precision, start, end, entry.text,
            *_span(text, entry.evidence), entry.event, entry.claim)
