"""How ``presslens corpus`` shows results: rich tables, JSONL lines, the add progress bar and summary."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

import typer

OUTCOMES = ("added", "skipped", "stale", "failed", "failed_before")


def _console(stderr: bool = False) -> Any:
    """A rich console (stdout for results, stderr for progress)."""
    from rich.console import Console

    return Console(stderr=stderr)


def print_rows(items: Iterable[Any]) -> None:
    """One JSON object per line."""
    for item in items:
        typer.echo(json.dumps(item.to_dict(), ensure_ascii=False))


def _one_line(text: str, width: int = 160) -> str:
    """Text on one line, cut to ``width`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _where(item: Any) -> str:
    """``document:start-end`` of an item's span."""
    span = item.span if hasattr(item, "span") else item.evidence
    return f"{item.document[:10]}:{span.start}-{span.end}"


def _snippet(hit: Any) -> Any:
    """The hit's fragment with its matches in bold (offsets from the document spans)."""
    from rich.text import Text

    if hit.fragment is None:
        return Text(_one_line(hit.snippet, 400))
    frag = hit.fragment
    text = Text(frag.text.replace("\n", " "))
    for h in hit.highlights:
        text.stylize("bold yellow", h.start - frag.start, h.end - frag.start)
    if hit.snippet.startswith("…"):
        text = Text("…") + text
    if hit.snippet.endswith("…"):
        text.append("…")
    return text


_COLUMNS: dict[str, tuple[tuple[str, Any], ...]] = {
    "search": (("score", lambda h: f"{h.score:.3f}"), ("document", lambda h: h.document[:10]),
               ("source", lambda h: h.source), ("snippet", _snippet)),
    "entities": (("name", lambda e: e.name), ("type", lambda e: e.type), ("documents", lambda e: str(e.documents)),
                 ("mentions", lambda e: str(e.mentions))),
    "claims": (("score", lambda c: f"{c.checkworthiness:.2f}"), ("kind", lambda c: c.kind),
               ("speaker", lambda c: c.speaker or c.attribution), ("claim", lambda c: _one_line(c.span.text)),
               ("where", _where)),
    "quotes": (("speaker", lambda q: q.speaker or "?"), ("quote", lambda q: _one_line(q.span.text)),
               ("direct", lambda q: "yes" if q.direct else "no"), ("where", _where)),
    "timeline": (("date", lambda t: t.date or "undated"), ("text", lambda t: _one_line(t.text, 120)),
                 ("source", lambda t: t.source), ("where", _where)),
}


def page_table(page: Any, title: str, kind: str) -> None:
    """A page of results as a rich table."""
    from rich.table import Table

    table = Table(title=f"{title} ({len(page.items)} shown)", show_lines=False, expand=False)
    for name, _ in _COLUMNS[kind]:
        table.add_column(name, overflow="fold")
    for item in page.items:
        table.add_row(*(fn(item) for _, fn in _COLUMNS[kind]))
    _console().print(table)


def failures_table(rows: list[Any]) -> None:
    """The recorded failures as a table."""
    from rich.table import Table

    table = Table(title=f"failures ({len(rows)})")
    for name in ("source", "stage", "code", "message", "attempts", "failed at"):
        table.add_column(name, overflow="fold")
    for f in rows:
        table.add_row(f.source, f.stage, f.code, f.message, str(f.attempts), f.failed_at)
    _console().print(table)


def entity_tables(profile: Any) -> None:
    """An entity profile: a summary, then one row per document occurrence."""
    from rich.table import Table

    console = _console()
    roles = ", ".join(f"{k} {v}" for k, v in profile.roles.items()) or "none found"
    console.print(f"[bold]{profile.name}[/] ({', '.join(profile.types)}): {profile.documents} documents, "
                  f"{profile.mentions} mentions")
    console.print(f"aliases: {', '.join(profile.aliases)}")
    console.print(f"titles: {', '.join(profile.titles) or 'none found'}")
    console.print(f"roles: {roles}")
    table = Table(title=f"occurrences ({len(profile.occurrences)} shown)")
    for name in ("document", "source", "entity", "roles", "mentions"):
        table.add_column(name, overflow="fold")
    for occ in profile.occurrences:
        spans = ", ".join(f"{m.start}-{m.end} {m.text!r}" for m in occ.mentions[:6])
        more = f" (+{len(occ.mentions) - 6})" if len(occ.mentions) > 6 else ""
        table.add_row(occ.document[:10], occ.source, f"{occ.entity_id} {occ.name}", ", ".join(occ.roles),
                      spans + more)
    console.print(table)


@contextlib.contextmanager
def add_progress(total: int | None, *, enabled: bool) -> Iterator[tuple[Any, dict[str, int]]]:
    """A progress bar with rate and ETA; yields ``(tick, counts)``."""
    counts = dict.fromkeys(OUTCOMES, 0)

    def count(outcome: str) -> None:
        """Count one outcome."""
        counts[outcome] += 1

    if not enabled:
        yield count, counts
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    rate = TextColumn("{task.fields[rate]}")
    tally = TextColumn("{task.fields[tally]}")
    with Progress(TextColumn("corpus add"), BarColumn(), MofNCompleteColumn(), rate, TimeElapsedColumn(),
                  TextColumn("ETA"), TimeRemainingColumn(), tally, console=_console(stderr=True)) as bar:
        task = bar.add_task("add", total=total, rate="", tally="")

        def tick(outcome: str) -> None:
            """Advance the bar by one input and refresh the counters."""
            count(outcome)
            speed = bar.tasks[task].speed
            bar.update(task, advance=1, rate=f"{speed:.1f} docs/s" if speed else "",
                       tally=f"{counts['added']} added, {counts['skipped'] + counts['stale']} skipped, "
                             f"{counts['failed']} failed")

        yield tick, counts


def summary_line(report: Any, url: str) -> str:
    """``presslens: corpus add: N added, M skipped, … in T`` with hints for stale and failed inputs."""
    parts = [f"{report.added} added", f"{report.skipped} skipped (already stored)"]
    if report.stale:
        parts.append(f"{report.stale} stale kept (--reanalyse stale to redo)")
    parts.append(f"{report.failed} failed")
    if report.failed_before:
        parts.append(f"{report.failed_before} failed before (--retry-failed to retry)")
    return f"presslens: corpus add: {', '.join(parts)} in {report.seconds:.1f}s ({url})"
