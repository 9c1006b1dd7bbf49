"""Analysis layers → highlight annotations (``Ann``) with classes and labels.

One function per layer; each returns the annotations of that layer over
``document.text``.  Colours follow the Okabe–Ito palette (Okabe & Ito 2008,
"Color Universal Design"), safe for the common colour-vision deficiencies;
every layer also differs by *style* (fill, band, dotted, double, wavy, bar),
so colour is never the only cue.
"""

from __future__ import annotations

from presslens.model.analysis import Analysis
from presslens.model.span import Span
from presslens.present.html.segments import Ann, safe_id
from presslens.present.speakers import speaker_label

OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
ENTITY_COLOURS = {
    "PERSON": "#E69F00", "ORG": "#56B4E9", "GPE": "#009E73", "LOC": "#F0E442",
    "NORP": "#CC79A7", "FAC": "#0072B2", "EVENT": "#D55E00",
}
OTHER_COLOUR = "#999999"
SPEAKER_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")

LAYERS = (
    ("ent", "Entities", "fill by type"),
    ("date", "Dates", "dotted underline"),
    ("qty", "Quantities", "double underline"),
    ("quote", "Quotes", "bar above, colour by speaker"),
    ("claim", "Claims", "band below, darker = more check-worthy"),
    ("tech", "Techniques", "wavy underline"),
)


def type_class(etype: str) -> str:
    """CSS class of an entity type (unknown types share one grey class)."""
    return f"et-{etype}" if etype in ENTITY_COLOURS else "et-OTHER"


def cw_bucket(score: float) -> int:
    """Check-worthiness 0–1 → shade bucket 0–4."""
    return min(4, max(0, int(score * 5)))


class RefIndex:
    """Anchors for arbitrary evidence spans (inconsistencies, timeline, cues)."""

    def __init__(self) -> None:
        self.anns: dict[tuple[int, int], Ann] = {}

    def ref(self, span: Span | None) -> str | None:
        """Return the anchor id of a span (created on first use)."""
        if span is None:
            return None
        key = (span.start, span.end)
        if key not in self.anns:
            self.anns[key] = Ann(f"r{len(self.anns)}", "ref", span.start, span.end, (), "", False)
        return self.anns[key].id


def entity_anns(analysis: Analysis) -> tuple[list[Ann], dict[str, list[str]]]:
    """One annotation per entity mention, and the mention ids of each entity."""
    out: list[Ann] = []
    by_entity: dict[str, list[str]] = {}
    for ent in analysis.entities:
        eid = safe_id(ent.id)
        label = f"{ent.type}: {ent.name}"
        if ent.titles:
            label += f" ({'; '.join(ent.titles[:3])})"
        ids = by_entity.setdefault(eid, [])
        for i, span in enumerate(ent.mentions):
            aid = f"m-{eid}-{i}"
            ids.append(aid)
            out.append(Ann(aid, "ent", span.start, span.end,
                           ("ent", type_class(ent.type), f"e-{eid}"), label))
    return out, by_entity


def timex_anns(analysis: Analysis) -> list[Ann]:
    """One annotation per temporal expression."""
    out = []
    for i, tx in enumerate(analysis.timexes):
        label = f"{tx.type.title()}: {tx.value}"
        if tx.anchor:
            label += f" (anchored on {tx.anchor})"
        if tx.uncertain:
            guess = f"; best guess {tx.candidates[0].value} ({tx.candidates[0].confidence:.0%})" if tx.candidates else ""
            label += f" · uncertain{guess}"
        out.append(Ann(f"t-{safe_id(tx.id)}-{i}", "date", tx.span.start, tx.span.end, ("tx",), label))
    return out


def fmt_number(value: float) -> str:
    """A readable number: integers with thousands separators, else 6 significant digits."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}"


def quantity_label(q) -> str:  # type: ignore[no-untyped-def]
    """Human label of a quantity: value, range, unit, qualifier, what it counts."""
    value = fmt_number(q.value) + (f"–{fmt_number(q.value_max)}" if q.value_max is not None else "")
    parts = [f"Quantity: {value}" + (f" {q.unit}" if q.unit else "")]
    if q.approximate or q.qualifier:
        parts.append(f"approximate{': ' + q.qualifier if q.qualifier else ''}")
    if getattr(q, "per", None):
        parts.append(f"per {q.per}")
    if q.counts:
        parts.append(f"counts {q.counts}")
    if getattr(q, "uncertain", False):  # below the calibrated threshold: never shown as fact
        parts.append(f"uncertain reading (confidence {q.confidence:.0%})")
    return " · ".join(parts)


def quantity_anns(analysis: Analysis) -> list[Ann]:
    """One annotation per quantity."""
    return [Ann(f"n-{safe_id(q.id)}-{i}", "qty", q.span.start, q.span.end, ("qt",), quantity_label(q))
            for i, q in enumerate(analysis.quantities)]


def speaker_index(analysis: Analysis) -> dict[str | None, int]:
    """Colour index of each quote speaker, by first appearance (None = unknown)."""
    order: dict[str | None, int] = {}
    for quote in sorted(analysis.quotes, key=lambda q: q.span.start):
        if quote.speaker is not None and quote.speaker not in order:
            order[quote.speaker] = len(order) % len(SPEAKER_COLOURS)
    return order


def quote_anns(analysis: Analysis) -> list[Ann]:
    """One annotation per quote, coloured by speaker."""
    colours = speaker_index(analysis)
    out = []
    for i, quote in enumerate(analysis.quotes):
        who = speaker_label(analysis, quote)
        cls = f"qs-{colours[quote.speaker]}" if quote.speaker in colours else "qs-x"
        kind = "Direct quote" if quote.direct else "Reported speech"
        out.append(Ann(f"u-{safe_id(quote.id)}-{i}", "quote", quote.span.start, quote.span.end,
                       ("qu", cls), f"{kind} — {who}"))
    return out


def attribution_text(analysis: Analysis, claim) -> str:  # type: ignore[no-untyped-def]
    """Who asserts a claim, in words."""
    att = claim.attribution
    ent = analysis.entity(att.source)
    if ent is not None:
        return f"{att.type}: {ent.name}"
    return att.type


def claim_anns(analysis: Analysis) -> list[Ann]:
    """One annotation per claim, shaded by check-worthiness."""
    out = []
    for i, claim in enumerate(analysis.claims):
        kind = f"{claim.kind}, uncertain" if claim.uncertain else claim.kind
        label = (f"Claim ({kind}), check-worthiness {claim.checkworthiness:.2f}, "
                 f"asserted by {attribution_text(analysis, claim)}")
        if claim.reasons:
            label += " — " + "; ".join(claim.reasons[:4])
        out.append(Ann(f"c-{safe_id(claim.id)}-{i}", "claim", claim.span.start, claim.span.end,
                       ("cl", f"cw-{cw_bucket(claim.checkworthiness)}"), label))
    return out


def technique_anns(analysis: Analysis) -> list[Ann]:
    """One annotation per persuasion-technique span."""
    out = []
    for i, tech in enumerate(analysis.techniques):
        sure = tech.confidence if tech.confidence is not None else tech.score
        label = f"{tech.technique.replace('_', ' ')} (confidence {sure:.2f})"
        if tech.uncertain:
            label = "uncertain: " + label
        if tech.explanation:
            label += f": {tech.explanation}"
        if tech.quoted:
            label += " [quoted: a source's words]"
        classes = ("tq",) + (("tq-quoted",) if tech.quoted else ()) + (("tq-uncertain",) if tech.uncertain else ())
        out.append(Ann(f"k-{i}", "tech", tech.span.start, tech.span.end, classes, label))
    return out
