"""``presslens corpus stories | story | syndication | show``: the cross-document layer of a corpus.

Each command first brings the layer up to date (rebuilt only when documents or analyses changed
since the last build, with a progress line on stderr), then prints a table, or ``--json`` /
``--jsonl``.  ``show DOC --json`` prints the stored analysis with its cross-document fields
(schema ``presslens.analysis/2``).
"""

from __future__ import annotations

import json
import sys
from typing import Any

import typer

from presslens.cli.corpus import DB, JSON, JSONL, LIMIT_HELP, _emit, _limit, _open


def register(app: typer.Typer) -> None:
    """Add the cross-document commands to the ``corpus`` group."""
    app.command("stories")(stories_cmd)
    app.command("story")(story_cmd)
    app.command("syndication")(syndication_cmd)
    app.command("show")(show_cmd)


def _refreshed(db: str | None) -> Any:
    """Open the corpus and refresh its cross-document layer, saying so on stderr when it rebuilds."""
    corpus = _open(db)
    from presslens.corpus.crossdoc import is_current

    if not is_current(corpus.store):
        typer.echo("presslens: corpus: building the cross-document layer (syndication, stories, entities, events)…",
                   err=True)
        report = corpus.refresh_crossdoc(tick=_tick)
        typer.echo(f"presslens: corpus: {report.documents} documents, {report.groups} sources "
                   f"({report.syndicated} syndicated copies), {report.stories} stories, {report.entities} entities, "
                   f"{report.events} linked events", err=True)
    return corpus


def _tick(step: str, done: int, total: int) -> None:
    """Progress of a build step on stderr (one line per step and batch)."""
    typer.echo(f"presslens: corpus: {step} {done}/{total}" if total else f"presslens: corpus: {step}", err=True)


def stories_cmd(db: str | None = DB,
                min_documents: int = typer.Option(2, "--min-documents", min=1, help="Smallest story to list."),
                limit: int = typer.Option(50, "--limit", help=LIMIT_HELP), offset: int = typer.Option(0, "--offset"),
                as_json: bool = JSON, as_jsonl: bool = JSONL) -> None:
    """Stories across the corpus: articles reporting one incident, with their independent sources."""
    page = _refreshed(db).stories(min_documents=min_documents, limit=_limit(limit), offset=offset)
    if as_json or as_jsonl:
        _emit(page, as_json, as_jsonl, "stories", "stories")
        return
    _stories_table(page.items)
    if page.more:
        typer.echo(f"presslens: more results: --offset {offset + (page.limit or 0)} for the next page, "
                   "--limit 0 for all", err=True)


def story_cmd(story_id: str = typer.Argument(..., help="A story id (see 'corpus stories')."), db: str | None = DB,
              as_json: bool = JSON) -> None:
    """One story: its documents, dates, sources and confidence."""
    found = _refreshed(db).story(story_id)
    if found is None:
        typer.echo(f"presslens: error: no story {story_id!r} in the corpus", err=True)
        sys.exit(1)
    if as_json:
        typer.echo(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
        return
    _members_table(found)


def syndication_cmd(db: str | None = DB, differences: bool = typer.Option(False, "--differences",
                    help="Show what each copy changed against the representative."),
                    as_json: bool = JSON) -> None:
    """Groups of syndicated copies (one independent source each), with their differences."""
    from presslens.corpus.crossdoc import differences as diff_of

    corpus = _refreshed(db)
    groups = corpus.syndication(min_size=2)
    rows = []
    for group in groups:
        row = group.to_dict()
        if differences or as_json:
            row["differences"] = [d.to_dict() for d in diff_of(corpus.store, group)]
        rows.append(row)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    _groups_table(rows, differences)


def show_cmd(document: str = typer.Argument(..., help="A document id (content hash)."), db: str | None = DB,
             html: str | None = typer.Option(None, "--html", help="Write the HTML report (with the claims' "
                                             "corroboration, contradictions and fact-checks) to this file.")) -> None:
    """The stored analysis of one document with its cross-document fields, as JSON (presslens.analysis/2)."""
    analysis = _refreshed(db).analysis(document, crossdoc=True)
    if analysis is None:
        typer.echo(f"presslens: error: no document {document!r} in the corpus", err=True)
        sys.exit(1)
    if html:
        from presslens.present.html import render_html

        try:
            with open(html, "w", encoding="utf-8") as fh:
                fh.write(render_html(analysis))
        except OSError as exc:
            typer.echo(f"presslens: error: cannot write {html}: {exc.strerror}", err=True)
            sys.exit(1)
        return
    typer.echo(json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2))


def _stories_table(items: Any) -> None:
    """Stories as a rich table."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"stories ({len(items)} shown)")
    for name in ("story", "label", "dates", "documents", "sources", "places", "people"):
        table.add_column(name, overflow="fold")
    for s in items:
        dates = s.date_start if s.date_start == s.date_end else f"{s.date_start or '?'} – {s.date_end or '?'}"
        table.add_row(s.id, s.label, dates or "", str(s.documents), str(s.sources), ", ".join(s.places),
                      ", ".join(s.people))
    Console().print(table)


def _members_table(found: Any) -> None:
    """A story's documents as a rich table."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{found.id}: {found.label} ({found.documents} documents, {found.sources} sources)")
    for name in ("document", "source", "title", "published", "syndication group", "confidence"):
        table.add_column(name, overflow="fold")
    for m in found.members:
        table.add_row(m.document, m.source, m.title or "", m.published or "", m.group or "", f"{m.confidence:.2f}")
    Console().print(table)


def _groups_table(rows: list[dict[str, Any]], differences: bool) -> None:
    """Syndication groups as a rich table (with the differences when asked)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"syndication groups ({len(rows)})")
    for name in ("group", "members", "similarity", *(("differences",) if differences else ())):
        table.add_column(name, overflow="fold")
    for row in rows:
        members = "\n".join(m["document"] + (" (representative)" if m["representative"] else "") for m in row["members"])
        sims = "\n".join(f"J {m['jaccard']:.2f} C {m['containment']:.2f}" for m in row["members"])
        cells = [row["id"], members, sims]
        if differences:
            cells.append("\n".join(_difference_line(d) for d in row["differences"]))
        table.add_row(*cells)
    Console().print(table)


def _difference_line(diff: dict[str, Any]) -> str:
    """One copy's differences in a line."""
    parts = []
    if diff["title"]:
        parts.append(f"headline {diff['title'][0]!r} → {diff['title'][1]!r}")
    for key in ("removed", "added", "edited", "moved"):
        if diff[key]:
            parts.append(f"{len(diff[key])} paragraph(s) {key}")
    return f"{diff['document']}: " + ("; ".join(parts) or "identical")
