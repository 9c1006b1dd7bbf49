"""Terminal summary: a compact rich layout of an Analysis that fits 100 columns.

Sections (each a small table; empty layers are listed on one closing line):
header, entities, timeline, claims (most check-worthy first, with
attribution), quotes by speaker, quantities, techniques (with a per-paragraph
loadedness sparkline), inconsistencies.

Article text is hostile input here too: every string taken from the document
goes through :func:`clean` (control characters, including ESC of ANSI
sequences, removed; whitespace collapsed) and into ``rich.text.Text`` objects,
never through rich's markup parser, so ``[bold]`` or ``[/]`` in an article
prints literally and cannot raise or restyle the terminal.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from presslens.model.analysis import Analysis
from presslens.present.html.annotations import fmt_number

WIDTH = 100
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]+")
_SPARK = "▁▂▃▄▅▆▇█"


def clean(text: str | None, limit: int = 0) -> str:
    """Remove control/bidi characters, collapse whitespace, clip to limit chars."""
    out = " ".join(_CONTROL.sub(" ", text or "").split())
    if limit and len(out) > limit:
        out = out[: limit - 1].rstrip() + "…"
    return out


def _t(text: str | None, limit: int = 0, style: str = "") -> Any:
    """A rich Text of cleaned article-derived text (no markup parsing)."""
    from rich.text import Text

    return Text(clean(text, limit), style=style)


def _table(title: str, *columns: tuple[str, dict[str, Any]]) -> Any:
    """A compact left-titled table with the given (header, options) columns."""
    from rich import box
    from rich.table import Table

    table = Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                  pad_edge=False, show_edge=False, expand=False)
    for name, opts in columns:
        table.add_column(name, overflow="fold", **opts)
    return table


def _name(analysis: Analysis, entity_id: str | None) -> str | None:
    """Canonical name of an entity id, or None."""
    ent = analysis.entity(entity_id)
    return ent.name if ent else None


def header(analysis: Analysis) -> Any:
    """Title, then source · date (inferred, evidence) · language · genre · words."""
    from rich.text import Text

    doc = analysis.document
    pub = doc.published
    head = Text()
    head.append(clean(doc.title or "(untitled)", 200), style="bold")
    date = pub.value or "date unknown"
    if pub.inferred and pub.value:
        evidence = ", ".join(clean(doc.text_of(s), 40) for s in pub.evidence[:2])
        date += f" (inferred{' from “' + evidence + '”' if evidence else ''})"
    elif pub.candidates:  # inferred below the threshold: a guess, never shown as the date
        best = pub.candidates[0]
        date += f" (uncertain guess {clean(best.value)}, {best.confidence:.0%})"
    parts = [clean(doc.source, 60), date, doc.language]
    if analysis.genre is not None:
        why = ", ".join(r.description for r in analysis.genre.reasons[:2])
        parts.append(f"{analysis.genre.label} {analysis.genre.score:.2f}" + (f" ({why})" if why else ""))
    parts.append(f"{len(doc.text.split()):,} words")
    head.append("\n" + " · ".join(parts), style="dim")
    for name, err in analysis.provenance.failures:
        head.append(f"\nlayer failed: {clean(name)}: {clean(err, 80)}", style="red")
    return head


def entities_table(analysis: Analysis, top: int = 10) -> Any:
    """Entities by confidence with type, count, titles or place; uncertain ones marked "?" and
    dimmed, with the entities they may denote; an uncertain type as "ORG?"."""
    table = _table(f"Entities ({len(analysis.entities)})", ("name", {"max_width": 30}),
                   ("type", {}), ("n", {"justify": "right"}), ("titles · aliases · place", {"max_width": 52}))
    for ent in sorted(analysis.entities, key=entity_order)[:top]:
        extra = [*ent.titles[:2], *(a for a in ent.aliases[:3] if a != ent.name)]
        if ent.geo is not None:
            extra.append(f"{ent.geo.country or ''} {ent.geo.lat:.2f},{ent.geo.lon:.2f}".strip())
        if ent.candidates:
            extra.insert(0, "may be " + " or ".join(
                f"{_name(analysis, c.entity) or c.entity} ({c.confidence:.0%})" for c in ent.candidates))
        name = _t(clean(ent.name, 28) + (" ?" if ent.uncertain else ""), style="italic dim" if ent.uncertain else "")
        table.add_row(name, _t(ent.type + ("?" if ent.type_uncertain else "")), str(len(ent.mentions)),
                      _t("; ".join(extra), 100))
    return table


def entity_order(ent: Any) -> tuple[bool, float, int, str]:
    """Entities by confidence: resolved before uncertain, surer (in tenths) first, then most mentioned."""
    sure = round(ent.confidence, 1) if ent.confidence is not None else 1.0
    return ent.uncertain, -sure, -len(ent.mentions), ent.name


def timeline_table(analysis: Analysis, top: int = 12) -> Any:
    """Dated items in order (undated ones after)."""
    table = _table(f"Timeline ({len(analysis.timeline)})", ("date", {"no_wrap": True}),
                   ("prec.", {}), ("what", {"max_width": 70}))
    ordered = sorted(analysis.timeline, key=lambda e: e.date is None)  # stable: undated last
    for entry in ordered[:top]:
        date = (entry.date or "undated") + (" ?" if entry.uncertain else "")
        table.add_row(_t(date), entry.precision, _t(entry.text, 140, "dim" if entry.uncertain else ""))
    return table


def events_table(analysis: Analysis, top: int = 12) -> Any:
    """Events in text order: type and status, who → whom, confidence; uncertain ones dimmed."""
    unsure = sum(ev.uncertain for ev in analysis.events)
    note = f", {unsure} uncertain, off the timeline" if unsure else ""
    table = _table(f"Events ({len(analysis.events)}{note})", ("conf.", {"justify": "right"}),
                   ("type · status", {"max_width": 26}), ("who → whom · trigger", {"max_width": 62}))
    doc = analysis.document
    for ev in analysis.events[:top]:
        conf = "" if ev.confidence is None else f"{ev.confidence:.2f}" + ("?" if ev.uncertain else "")
        kind = ev.type + ("" if ev.status == "happened" else f" · {ev.status}")
        who = " ".join(p for p in (_names(analysis, ev.actor, ev.actor_spans), "→",
                                   _names(analysis, ev.target, ev.target_spans)) if p)
        body = _t(f"{who} · “{doc.text_of(ev.trigger)}”", 120, "dim" if ev.uncertain else "")
        table.add_row(conf, _t(kind, 0, "dim" if ev.uncertain else ""), body)
    return table


def _names(analysis: Analysis, ids: tuple[str, ...], spans: tuple[Any, ...]) -> str:
    """Entity names of an event's actors or targets, else the words of the text, else "—"."""
    names = [n for n in (_name(analysis, i) for i in ids) if n]
    words = [" ".join(analysis.document.text_of(s).split()) for s in spans]
    return ", ".join(names or words) or "—"


def claims_table(analysis: Analysis, top: int = 8) -> Any:
    """The most check-worthy claims with kind, attribution, score and reasons."""
    table = _table(f"Claims ({len(analysis.claims)}, most check-worthy first)", ("score", {"justify": "right"}),
                   ("kind", {}), ("asserted by", {"max_width": 22}), ("claim · reasons", {"max_width": 58}))
    doc = analysis.document
    for claim in sorted(analysis.claims, key=lambda c: -c.checkworthiness)[:top]:
        att = claim.attribution
        who = att.type + (f": {_name(analysis, att.source)}" if _name(analysis, att.source) else "")
        body = _t(doc.text_of(claim.span), 160)
        if claim.reasons:
            body.append("\n" + clean("; ".join(claim.reasons), 100), style="dim")
        kind = f"{claim.kind}?\n(uncertain)" if claim.uncertain else claim.kind
        table.add_row(f"{claim.checkworthiness:.2f}", kind, _t(who, 44), body)
    return table


def quotes_table(analysis: Analysis, per_speaker: int = 2) -> Any:
    """Quotes grouped by speaker (most quoted first), a few per speaker."""
    from presslens.present.speakers import group_key, speaker_label

    groups: dict[str | None, list[Any]] = defaultdict(list)
    for quote in analysis.quotes:
        groups[group_key(quote)].append(quote)
    table = _table(f"Quotes ({len(analysis.quotes)})", ("speaker", {"max_width": 24}),
                   ("n", {"justify": "right"}), ("words", {"max_width": 66}))
    for speaker in sorted(groups, key=lambda s: (s is None, (s or "").startswith("?"), -len(groups[s]))):
        quotes = groups[speaker]
        words = "\n".join(("“" + clean(analysis.document.text_of(q.span), 110) + "”") if q.direct
                          else clean(analysis.document.text_of(q.span), 110) + " (reported)"
                          for q in quotes[:per_speaker])
        table.add_row(_t(speaker_label(analysis, quotes[0]), 40), str(len(quotes)), _t_lines(words))
    return table


def _t_lines(text: str) -> Any:
    """A Text of already-cleaned lines (newlines kept)."""
    from rich.text import Text

    return Text(text)


def quantities_table(analysis: Analysis, top: int = 10) -> Any:
    """Quantities in text order with value, unit, qualifier and what they count."""
    table = _table(f"Quantities ({len(analysis.quantities)})", ("as written", {"max_width": 30}),
                   ("value", {"justify": "right"}), ("unit", {"max_width": 14}), ("counts · qualifier", {"max_width": 36}))
    for q in analysis.quantities[:top]:
        value = fmt_number(q.value) + (f"–{fmt_number(q.value_max)}" if q.value_max is not None else "")
        unit = (q.unit or "") + (f" per {q.per}" if q.per else "")
        extra = "; ".join(x for x in (q.counts, q.qualifier or ("approx." if q.approximate else None)) if x)
        if q.uncertain:  # a reading below the calibrated threshold: shown, never as fact
            value += " ?"
            extra = f"uncertain reading ({q.confidence:.0%})" + (f"; {extra}" if extra else "")
        table.add_row(_t(analysis.document.text_of(q.span), 60), value, _t(unit), _t(extra, 72))
    return table


def sparkline(values: list[float]) -> str:
    """One block character per value, scaled to the largest (at least 0.05)."""
    top = max([*values, 0.05])
    return "".join(_SPARK[min(len(_SPARK) - 1, int(v / top * (len(_SPARK) - 1) + 0.5))] for v in values)


def techniques_table(analysis: Analysis) -> Any:
    """Counts per technique (and how many sit inside quotes), loadedness sparkline."""
    shown = [t for t in analysis.techniques if not t.uncertain]
    total = Counter(t.technique for t in shown)
    quoted = Counter(t.technique for t in shown if t.quoted)
    uncertain = Counter(t.technique for t in analysis.techniques if t.uncertain)
    title = f"Techniques ({len(shown)} spans, {sum(uncertain.values())} uncertain)"
    table = _table(title, ("technique", {"max_width": 40}), ("spans", {"justify": "right"}),
                   ("in quotes", {"justify": "right"}), ("uncertain", {"justify": "right"}))
    for name, _ in (total + uncertain).most_common():
        table.add_row(_t(name.replace("_", " ")), str(total[name]), str(quoted[name]), str(uncertain[name]))
    return table


def loadedness_line(analysis: Analysis) -> Any:
    """Loadedness per paragraph as a sparkline (one character a paragraph, first 80)."""
    from rich.text import Text

    values = [ld.value for ld in analysis.loadedness]
    line = Text("Loadedness per paragraph ", style="bold")
    line.append(sparkline(values[:80]))
    line.append(f"  max {max(values):.2f}", style="dim")
    return line


def inconsistencies_table(analysis: Analysis, top: int = 8) -> Any:
    """Inconsistencies with the text of their spans."""
    table = _table(f"Inconsistencies ({len(analysis.inconsistencies)})", ("kind", {"max_width": 18}),
                   ("message · evidence", {"max_width": 76}))
    for inc in analysis.inconsistencies[:top]:
        body = _t(inc.message, 150)
        spans = " ↔ ".join("“" + clean(analysis.document.text_of(s), 40) + "”" for s in inc.spans[:3])
        if spans:
            body.append("\n" + spans, style="dim")
        table.add_row(_t(inc.kind.replace("_", " ")), body)
    return table


SECTIONS = (
    ("entities", entities_table), ("timeline", timeline_table), ("events", events_table), ("claims", claims_table),
    ("quotes", quotes_table), ("quantities", quantities_table), ("techniques", techniques_table),
    ("inconsistencies", inconsistencies_table),
)


def render_summary(analysis: Analysis) -> list[Any]:
    """Build the rich renderables of the summary (pure: no printing)."""
    from rich.text import Text

    out: list[Any] = [header(analysis)]
    empty = []
    for layer, build in SECTIONS:
        if getattr(analysis, layer):
            out.append(build(analysis))
        else:
            empty.append(layer)
    if analysis.loadedness:
        out.append(loadedness_line(analysis))
    if empty:
        out.append(Text("No " + ", ".join(empty) + " found.", style="dim"))
    return out


def print_summary(analysis: Analysis) -> None:
    """Print the summary to stdout."""
    from rich.console import Console

    console = Console(width=min(WIDTH, Console().width or WIDTH))
    for part in render_summary(analysis):
        console.print(part)
