"""Terminal summary: a compact rich layout of an Analysis that fits 100 columns."""

from __future__ import annotations

from typing import Any

from presslens.model.analysis import Analysis

WIDTH = 100


def render_summary(analysis: Analysis) -> list[Any]:
    """Build the rich renderables of the summary (pure: no printing)."""
    from rich.table import Table
    from rich.text import Text

    doc = analysis.document
    out: list[Any] = []
    head = Text()
    head.append(doc.title or "(untitled)", style="bold")
    pub = doc.published
    date = pub.value or "unknown date"
    if pub.inferred:
        date += " (inferred)"
    head.append(f"\n{doc.source} · {date} · {doc.language} · {len(doc.text.split()):,} words")
    out.append(head)
    if analysis.entities:
        table = Table(title="Entities", title_justify="left", expand=False)
        for col in ("name", "type", "mentions", "titles / place"):
            table.add_column(col, overflow="fold")
        top = sorted(analysis.entities, key=lambda e: -len(e.mentions))[:12]
        for ent in top:
            extra = "; ".join(ent.titles[:2])
            if ent.geo is not None:
                extra = (extra + " " if extra else "") + f"[{ent.geo.country or ''} {ent.geo.lat:.2f},{ent.geo.lon:.2f}]"
            table.add_row(ent.name, ent.type, str(len(ent.mentions)), extra)
        out.append(table)
    if analysis.quantities:
        table = Table(title="Quantities", title_justify="left")
        for col in ("quantity", "value", "unit", "counts"):
            table.add_column(col, overflow="fold")
        for q in analysis.quantities[:10]:
            text = doc.text_of(q.span)
            if q.qualifier:
                text = f"({q.qualifier}) {text}"
            table.add_row(text, f"{q.value:,.6g}", q.unit or "", q.counts or "")
        out.append(table)
    return out


def print_summary(analysis: Analysis) -> None:
    """Print the summary to stdout."""
    from rich.console import Console

    console = Console(width=min(WIDTH, Console().width or WIDTH))
    for part in render_summary(analysis):
        console.print(part)
