"""Timeline layer (``presslens.timeline.v1``): dated events and claims in date order.

Every dated event, and every claim carrying a calendar timex inside its span, becomes
one :class:`TimelineEntry` with the precision its TIMEX3 value has (day, month, year,
decade, century).  An event the events layer shows as uncertain stays off the timeline unless
``Settings.timeline_uncertain`` is set; then its entry is marked ``uncertain``.  Each entry's
label says the event's status when it is not plain "happened" (planned, demanded,
hypothetical, reported, denied, negated) and marks passing references.  ISO-8601 values sort as strings ("2003" < "2003-03-19" < "2011"),
so a year-only entry comes before the days of that year; ties keep text order.  Undated
events follow, in text order.  A claim is left out when an event already placed on the
timeline lies inside it with the same date (the event is the more specific entry).
A derived layer: it reads the events, timexes and claims layers and parses nothing; timexes
and event triggers inside a claim are found by offset (``SpanIndex``), so it is linear.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from presslens.analyzers.base import Context, register
from presslens.analyzers.events.linking import date_value, precision
from presslens.analyzers.index import SpanIndex
from presslens.model.document import Document
from presslens.model.records import Claim, Entity, Event, TimelineEntry, Timex
from presslens.settings import Settings


@register("presslens.timeline.v1", layer="timeline", produces=("timeline",), requires=("events",),
          uses=("timexes", "claims", "entities"))
def make_timeline(settings: Settings | None = None) -> Any:
    """Build the timeline analyzer."""
    with_uncertain = bool(settings and settings.timeline_uncertain)

    def analyze(document: Document, ctx: Context) -> Mapping[str, Any]:
        """Order the document's dated events and claims."""
        return {"timeline": build_timeline(document, ctx.events, ctx.timexes, ctx.claims, ctx.entities,
                                           with_uncertain=with_uncertain)}

    return analyze


def build_timeline(document: Document, events: Sequence[Event], timexes: Sequence[Timex],
                   claims: Sequence[Claim], entities: Sequence[Entity] = (), *,
                   with_uncertain: bool = False) -> tuple[TimelineEntry, ...]:
    """Dated entries sorted by (date, text position), then undated events in text order.

    ``with_uncertain``: also place the events shown as uncertain (their entries are marked).
    """
    names = {e.id: e.name for e in entities}
    timex_index = SpanIndex(timexes, lambda t: t.span)
    shown = [ev for ev in events if with_uncertain or not ev.uncertain]
    trigger_index = SpanIndex(shown, lambda ev: ev.trigger)
    dated: list[tuple[str, int, TimelineEntry]] = []
    undated: list[tuple[int, TimelineEntry]] = []
    for ev in shown:
        entry = event_entry(document, ev, names)
        if ev.date:
            dated.append((ev.date, ev.trigger.start, entry))
        else:
            undated.append((ev.trigger.start, entry))
    for claim in claims:
        found = claim_entry(document, claim, timex_index.inside(claim.span))
        if found and not _covered(claim, found.date, trigger_index.inside(claim.span)):
            dated.append((found.date or "", claim.span.start, found))
    dated.sort(key=lambda d: (d[0], d[1]))
    undated.sort(key=lambda d: d[0])
    return tuple(e for *_, e in dated) + tuple(e for _, e in undated)


def _roles(ids: Sequence[str], spans: Sequence[Any], names: Mapping[str, str], document: Document) -> str:
    """Readable actors or targets: the words of the text, else the entity names."""
    words = [" ".join(document.text_of(s).split()) for s in spans] or [names[i] for i in ids if i in names]
    return " and ".join(words)


def event_entry(document: Document, ev: Event, names: Mapping[str, str]) -> TimelineEntry:
    """The timeline entry of one event, with a short who-did-what label."""
    actor = _roles(ev.actor, ev.actor_spans, names, document)
    target = _roles(ev.target, ev.target_spans, names, document)
    label = f"{ev.type}{status_note(ev)}: "
    label += " ".join(p for p in (actor, document.text_of(ev.trigger), target and f"→ {target}") if p)
    prec = precision(ev.date) if ev.date else "unknown"
    return TimelineEntry(date=ev.date, precision=prec, text=label, evidence=ev.sentence, event=ev.id,  # type: ignore[arg-type]
                         uncertain=ev.uncertain)


def status_note(ev: Event) -> str:
    """What the label says besides the type: status, negation, reference, uncertainty."""
    notes: list[str] = [] if ev.status == "happened" else [ev.status]
    if ev.negated and ev.status not in ("negated", "denied"):
        notes.append("negated")
    if ev.reference:
        notes.append("mentioned in passing")
    if ev.uncertain:
        notes.append(f"uncertain {ev.confidence:.2f}" if ev.confidence is not None else "uncertain")
    return f" ({', '.join(notes)})" if notes else ""


def claim_entry(document: Document, claim: Claim, timexes: Sequence[Timex]) -> TimelineEntry | None:
    """The entry of a claim dated by its most precise calendar timex, or None.

    ``timexes`` may be only those inside the claim (the others are ignored anyway).
    """
    inside = [(v, t) for t in timexes if claim.span.contains(t.span) and (v := date_value(t))]
    if not inside:
        return None
    value, _ = max(inside, key=lambda vt: (len(vt[0]), -vt[1].span.start))
    text = " ".join(document.text_of(claim.span).split())
    label = f"claim: {text[:117]}…" if len(text) > 120 else f"claim: {text}"
    return TimelineEntry(date=value, precision=precision(value), text=label, evidence=claim.span,  # type: ignore[arg-type]
                         claim=claim.id)


def _covered(claim: Claim, date: str | None, events: Sequence[Event]) -> bool:
    """True when an event of the same date lies inside the claim (``events``: at least those)."""
    return any(ev.date == date and claim.span.contains(ev.trigger) for ev in events)
