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

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from presslens.analyzers.base import Context, register
from presslens.analyzers.claims import features as ft
from presslens.analyzers.claims.attribution import Mentions, attribute, speaker_guess
from presslens.analyzers.claims.calibrate import KINDS, Calibration, Draft, packaged_calibration
from presslens.analyzers.claims.combine import casualty_quantity, reasons
from presslens.analyzers.claims.hedges import hedge_spans
from presslens.analyzers.claims.model import Prediction, Predictor, load_predictor
from presslens.analyzers.claims.units import Unit, classify, sentence_units, syntax_features
from presslens.analyzers.index import SpanIndex
from presslens.model.document import Document
from presslens.model.records import Attribution, Claim, KindCandidate, Quantity, Quote
from presslens.model.span import Span
from presslens.nlp.language import sentence_table
from presslens.settings import Settings

_CASUALTY_CUE = ft.DENSE_NAMES.index("casualty figure")


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
    calibration = packaged_calibration()

    def analyze(document: Document, ctx: Context) -> Mapping[str, Any]:
        if ctx.nlp_doc is None:
            return {"claims": ()}
        return {"claims": tuple(build_claims(document, ctx, predictor, calibration))}

    return analyze


def _heading_spans(document: Document) -> list[Span]:
    """Spans of section headings: heading paragraphs but the document's title.

    A section heading is a marker (kind "other"); the title is a headline, which asserts
    ("Minister quits over leak") and is judged like any sentence.
    """
    text, title = document.text, (document.title or "").strip()
    return [p.span for p in document.paragraphs
            if p.kind == "heading" and not (title and text[p.span.start : p.span.end].strip() == title)]


@dataclass(frozen=True)
class Linked:
    """What a claim can link to: the quotes and quantities across it, the document's mentions."""

    quotes: list[Quote]
    quantities: list[Quantity]
    mentions: Mentions


def drafts(document: Document, ctx: Context, predictor: Predictor) -> Iterator[tuple[Unit, Span, Draft, Prediction, Linked]]:
    """Every claim unit of the document with what the rules and the sentence model say about it."""
    text = document.text
    headings = SpanIndex(_heading_spans(document), lambda h: h)
    quotes = SpanIndex(ctx.quotes, lambda q: q.span)
    quantities = SpanIndex(ctx.quantities, lambda q: q.span)
    mentions = Mentions(ctx.entities)
    found = []
    for sent in sentence_table(ctx.nlp_doc)[0]:
        for unit in sentence_units(sent, text):
            span = Span(unit.start, unit.end)
            near = headings.overlapping(span) + headings.inside(span)
            heading = any(h.contains(span) or span.contains(h) for h in near)
            linked = Linked(quotes.overlapping(span), quantities.overlapping(span), mentions)
            found.append((unit, span, _draft(unit, span, text, heading, linked), linked))
    vectors = predictor.vectors([draft.text for _, _, draft, _ in found])  # one batch per document
    for k, (unit, span, draft, linked) in enumerate(found):
        vector = vectors[k] if vectors.shape[1] else None
        yield unit, span, draft, predictor.predict(draft.text, draft.dense, vector), linked


def _draft(unit: Unit, span: Span, text: str, heading: bool, linked: Linked) -> Draft:
    """The rules' view of one unit: kind, attribution, cues and links."""
    body = text[span.start : span.end]
    dense = tuple(ft.dense_features(body))
    attribution = attribute(unit.tokens, span, text, linked.quotes, linked.mentions)
    guess = speaker_guess(span, linked.quotes, unit.tokens.root.idx) if attribution.type != "document" else None
    if guess is not None:
        attribution = Attribution("named", guess[0], attribution.cue)
    return Draft(
        rule_kind=classify(unit, text, heading=heading),
        attribution=attribution,
        speaker_confidence=guess[1] if guess else None,
        syntax=syntax_features(unit),
        dense=dense,
        text=body,
        n_quantities=len(linked.quantities),
        casualty=casualty_quantity(linked.quantities) or dense[_CASUALTY_CUE] > 0,
        n_entities=len(linked.mentions.entity_ids(span)),
    )


def build_claims(document: Document, ctx: Context, predictor: Predictor, calibration: Calibration | None = None) -> list[Claim]:
    """Every claim of the document, ids C1… in text order."""
    cal = calibration or packaged_calibration()
    claims: list[Claim] = []
    for _unit, span, draft, pred, linked in drafts(document, ctx, predictor):
        claims.append(_claim(f"C{len(claims) + 1}", span, document.text, draft, pred, linked, cal))
    return claims


def _claim(cid: str, span: Span, text: str, draft: Draft, pred: Prediction, linked: Linked, cal: Calibration) -> Claim:
    """One Claim record from a draft and the calibration."""
    verdict = cal.judge(draft, pred.logit)
    candidates: tuple[KindCandidate, ...] = ()
    if verdict.uncertain:
        ranked = sorted(zip(KINDS, verdict.kind_probs, strict=True), key=lambda kp: -kp[1])[:2]
        candidates = tuple(KindCandidate(k, round(p, 4)) for k, p in ranked)
    return Claim(
        id=cid,
        span=span,
        kind=verdict.kind,
        checkworthiness=round(verdict.score, 4),
        reasons=reasons(pred, verdict),
        attribution=draft.attribution,
        hedges=hedge_spans(text, span.start, span.end),
        quantities=tuple(q.id for q in linked.quantities),
        entities=linked.mentions.entity_ids(span),
        confidence=round(verdict.confidence, 4),
        uncertain=verdict.uncertain,
        kind_candidates=candidates,
    )
