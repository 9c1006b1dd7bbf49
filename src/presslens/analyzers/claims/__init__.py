"""claims layer: claim units with kind, attribution, hedges, links and check-worthiness.

For every sentence of the spaCy parse (``ctx.nlp_doc``, never re-parsed) we
cut claim units (``checkworthy.units``), label their kind, attribute them
(``checkworthy.attribution``: quotes layer first, then "according to" and
speech verbs), find hedges/boosters, link the quantities and entities whose
spans overlap, and score check-worthiness with the packaged numpy model
(``checkworthy.model``, trained on CheckThat! 2024; see MODEL_CARD.md) combined
with those claim-level signals (``checkworthy.combine``).

``quotes``, ``quantities`` and ``entities`` are *used*, not required: without
them attribution falls back to the parse and links stay empty.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from presslens.analyzers.base import Context, register
from presslens.analyzers.claims.attribution import Mention, attribute, mention_index
from presslens.analyzers.claims.combine import combine
from presslens.analyzers.claims.hedges import hedge_spans
from presslens.analyzers.claims.model import Predictor, load_predictor
from presslens.analyzers.claims.units import Unit, classify, sentence_units
from presslens.model.document import Document
from presslens.model.records import Claim, Quantity
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
    headings = _heading_spans(document)
    quotes = ctx.quotes
    quantities = ctx.quantities
    mentions = mention_index(ctx.entities)
    claims: list[Claim] = []
    for sent in sentence_table(ctx.nlp_doc)[0]:
        for unit in sentence_units(sent, text):
            span = Span(unit.start, unit.end)
            heading = any(h.contains(span) or span.contains(h) for h in headings)
            claims.append(_claim(f"C{len(claims) + 1}", unit, span, text, heading, quotes, quantities, mentions, predictor))
    return claims


def _claim(
    cid: str,
    unit: Unit,
    span: Span,
    text: str,
    heading: bool,
    quotes: Sequence[Any],
    quantities: Sequence[Quantity],
    mentions: Sequence[Mention],
    predictor: Predictor,
) -> Claim:
    """One Claim record for a unit."""
    kind = classify(unit, text, heading=heading)
    attribution = attribute(unit.tokens, span, text, quotes, mentions)
    linked = [q for q in quantities if q.span.overlaps(span)]
    entity_ids = tuple(dict.fromkeys(eid for m, eid, _ in mentions if m.overlaps(span)))
    score, reasons = combine(predictor.predict(text[span.start : span.end]), kind, attribution, linked, len(entity_ids))
    return Claim(
        id=cid,
        span=span,
        kind=kind,
        checkworthiness=score,
        reasons=reasons,
        attribution=attribution,
        hedges=hedge_spans(text, span.start, span.end),
        quantities=tuple(q.id for q in linked),
        entities=entity_ids,
    )
