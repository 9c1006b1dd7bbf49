"""claims layer: claim units with kind, attribution, hedges, links and check-worthiness.

For every sentence of the spaCy parse (``ctx.nlp_doc``, never re-parsed) we
cut claim units (``units.py``), label their kind, attribute them
(``attribution.py``: quotes layer first, then "according to" and speech
verbs), find hedges/boosters (``hedges.py``), link the quantities and entities
whose spans overlap, and score check-worthiness with the packaged numpy model
(``model.py`` over ``features.py``, trained on CheckThat! 2024; see
``resources/claims/checkworthy/MODEL_CARD.md``) combined with those claim-level
signals (``combine.py``).  Quotes, quantities and mentions are looked up by
offset (``analyzers.index.SpanIndex``), so the layer is linear in document length.

``quotes``, ``quantities`` and ``entities`` are *used*, not required: without
them attribution falls back to the parse and links stay empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from presslens.analyzers.base import Context, register
from presslens.analyzers.claims.attribution import Mentions, attribute
from presslens.analyzers.claims.combine import combine
from presslens.analyzers.claims.hedges import hedge_spans
from presslens.analyzers.claims.model import Predictor, load_predictor
from presslens.analyzers.claims.units import Unit, classify, sentence_units
from presslens.analyzers.index import SpanIndex
from presslens.model.document import Document
from presslens.model.records import Claim, Quantity, Quote
from presslens.model.span import Span
from presslens.nlp.language import sentence_table
from presslens.settings import Settings


@register(
    "presslens.claims.v1",
    layer="claims",
    produces=("claims",),
    requires=(),
    uses=("quotes", "quantities", "entities"),
)
def make_claims(settings: Settings | None = None) -> Any:
    """Build the claims analyzer (loads the check-worthiness weights once)."""
    predictor = load_predictor()

    def analyze(document: Document, ctx: Context) -> Mapping[str, Any]:
        if ctx.nlp_doc is None:
            return {"claims": ()}
        return {"claims": tuple(build_claims(document, ctx, predictor))}

    return analyze


def _heading_spans(document: Document) -> list[Span]:
    """Spans of heading paragraphs."""
    return [p.span for p in document.paragraphs if p.kind == "heading"]


def build_claims(document: Document, ctx: Context, predictor: Predictor) -> list[Claim]:
    """Every claim of the document, ids C1… in text order."""
    text = document.text
    headings = SpanIndex(_heading_spans(document), lambda h: h)
    quotes = SpanIndex(ctx.quotes, lambda q: q.span)
    quantities = SpanIndex(ctx.quantities, lambda q: q.span)
    mentions = Mentions(ctx.entities)
    claims: list[Claim] = []
    for sent in sentence_table(ctx.nlp_doc)[0]:
        for unit in sentence_units(sent, text):
            span = Span(unit.start, unit.end)
            near = headings.overlapping(span) + headings.inside(span)
            heading = any(h.contains(span) or span.contains(h) for h in near)
            linked = Linked(quotes.overlapping(span), quantities.overlapping(span), mentions)
            claims.append(_claim(f"C{len(claims) + 1}", unit, span, text, heading, linked, predictor))
    return claims


@dataclass(frozen=True)
class Linked:
    """What a claim can link to: the quotes and quantities across it, the document's mentions."""

    quotes: list[Quote]
    quantities: list[Quantity]
    mentions: Mentions


def _claim(
    cid: str,
    unit: Unit,
    span: Span,
    text: str,
    heading: bool,
    linked: Linked,
    predictor: Predictor,
) -> Claim:
    """One Claim record for a unit."""
    kind = classify(unit, text, heading=heading)
    attribution = attribute(unit.tokens, span, text, linked.quotes, linked.mentions)
    entity_ids = linked.mentions.entity_ids(span)
    quantities = linked.quantities
    score, reasons = combine(predictor.predict(text[span.start : span.end]), kind, attribution, quantities, len(entity_ids))
    return Claim(
        id=cid,
        span=span,
        kind=kind,
        checkworthiness=score,
        reasons=reasons,
        attribution=attribution,
        hedges=hedge_spans(text, span.start, span.end),
        quantities=tuple(q.id for q in quantities),
        entities=entity_ids,
    )
