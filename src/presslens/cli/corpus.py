"""``presslens corpus add | failures | search | entities | entity | claims | quotes | timeline | stats | export``.

Thin wrappers over :class:`presslens.corpus.Corpus`: parse options, call,
print.  Tables by default (rich), ``--json`` (one JSON document) or ``--jsonl``
(one object per line) for machines.  Every command takes ``--db URL``
(``PRESSLENS_DB`` works too; default ``presslens.db``).  Lists are paged:
when more rows remain, a line on stderr says so (``--limit 0`` shows all).
"""

from __future__ import annotations

import json
import sys
from typing import Any

import typer

from presslens.cli.corpus_view import (
    entity_tables,
    failures_table,
    page_table,
    print_rows,
    summary_line,
)
from presslens.settings import DEFAULT_LAYERS, Settings

app = typer.Typer(name="corpus", help="A store of analyses: add articles, query them, export tables.",
                  no_args_is_help=True)
DB = typer.Option(None, "--db", envvar="PRESSLENS_DB", show_envvar=True,
                  help="Store: a SQLite file (default presslens.db) or postgresql://USER@HOST/DB.")
JSON = typer.Option(False, "--json", help="Print one JSON document.")
JSONL = typer.Option(False, "--jsonl", help="Print one JSON object per line.")
LIMIT_HELP = "Rows to show (0 = all)."


def register(root: typer.Typer) -> None:
    """Add the ``corpus`` command group (with the cross-document commands)."""
    from presslens.cli import corpus_claims, corpus_crossdoc

    corpus_crossdoc.register(app)
    corpus_claims.register(app, root)
    root.add_typer(app, name="corpus")


def _open(db: str | None, *, create: bool = False) -> Any:
    """Open the corpus (an error line, not a traceback, when it cannot be opened)."""
    from presslens.corpus import Corpus

    return Corpus(db, create=create)


def _limit(value: int) -> int | None:
    """``--limit 0`` means every row."""
    if value < 0:
        raise typer.BadParameter("must be 0 (all) or more", param_hint="--limit")
    return None if value == 0 else value


def _emit(page: Any, as_json: bool, as_jsonl: bool, title: str, columns: Any) -> None:
    """Print a page as JSON, JSONL or a table, and say on stderr when more rows remain."""
    if as_json:
        typer.echo(json.dumps(page.to_dict(), ensure_ascii=False, indent=2))
    elif as_jsonl:
        print_rows(page.items)
    else:
        page_table(page, title, columns)
    if page.more:
        nxt = page.offset + (page.limit or 0)
        typer.echo(f"presslens: more results: --offset {nxt} for the next page, --limit 0 for all", err=True)


@app.command("add")
def add_cmd(
    paths: list[str] = typer.Argument(None, help="Files, folders, JSONL or CSV files, or '-' for stdin."),
    db: str | None = DB,
    reanalyse: str = typer.Option("none", "--reanalyse", help="none; stale: redo analyses of another version "
                                  "(no PATH: every stored document); all: redo everything."),
    retry_failed: bool = typer.Option(False, "--retry-failed", help="Try inputs that failed before again "
                                      "(no PATH: every recorded failure)."),
    layers: str | None = typer.Option(None, "--layers", help=f"Comma-separated layers (default: {','.join(DEFAULT_LAYERS)})."),
    published: str | None = typer.Option(None, "--published", help="The document date, YYYY-MM-DD."),
    keep_text: bool = typer.Option(False, "--keep-text", help="Keep document.text exactly the decoded input."),
    input_format: str = typer.Option("auto", "--input-format", help="auto, text, jsonl or csv."),
    max_bytes: int = typer.Option(20_000_000, "--max-bytes", min=1, help="Refuse inputs larger than this."),
    max_words: int = typer.Option(100_000, "--max-words", min=1, help="Refuse texts with more words (memory grows ~20 KB a word)."),
    timeout: float = typer.Option(120.0, "--timeout", min=0.001, help="Seconds allowed to read (and, with workers, analyse) one input."),
    memory_mb: int = typer.Option(4096, "--memory-mb", min=1, help="MiB a worker may add while handling one input."),
    max_pdf_pages: int = typer.Option(1_000, "--max-pdf-pages", min=1, help="Refuse PDFs with more pages."),
    max_decompressed_bytes: int = typer.Option(32_000_000, "--max-decompressed-bytes", min=1,
                                               help="Refuse PDFs whose streams expand beyond this."),
    max_html_tags: int = typer.Option(200_000, "--max-html-tags", min=1, help="Refuse HTML pages with more tags."),
    jobs: int = typer.Option(1, "--jobs", "-j", help="Worker processes (--executor process)."),
    executor: str = typer.Option("process", "--executor", help="process: this machine (--jobs); dask: shards "
                                 "over a dask.distributed cluster (needs presslens[dask])."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Dask scheduler address, tcp://HOST:PORT "
                                         "(default: start a LocalCluster)."),
    workers: int = typer.Option(2, "--workers", min=1, help="LocalCluster worker processes (--executor dask)."),
    shard_size: int = typer.Option(32, "--shard-size", min=1, help="Inputs per shard (--executor dask)."),
    shard_dir: str | None = typer.Option(None, "--shard-dir", help="Keep shard files here; on a real cluster a "
                                         "folder every worker and this machine see (default: a temporary "
                                         "folder, removed as shards are stored)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as one JSON object on stdout."),
) -> None:
    """Analyse articles into the store: idempotent, resumable, one transaction per small batch or shard."""
    paths = paths or []
    run_on = _executor(executor, scheduler, shard_size, shard_dir, workers, quiet, jobs)
    if reanalyse not in ("none", "stale", "all"):
        raise typer.BadParameter("use none, stale or all", param_hint="--reanalyse")
    if input_format not in ("auto", "text", "jsonl", "csv"):
        raise typer.BadParameter("use auto, text, jsonl or csv", param_hint="--input-format")
    if not paths and not retry_failed and reanalyse == "none":
        raise typer.BadParameter("give files or folders to add (or --retry-failed / --reanalyse stale)",
                                 param_hint="PATH")
    if published is not None and not _valid_date(published):
        raise typer.BadParameter("--published takes a date as YYYY-MM-DD", param_hint="--published")
    names = tuple(x.strip() for x in layers.split(",") if x.strip()) if layers else DEFAULT_LAYERS
    settings = Settings(max_bytes=max_bytes, keep_text=keep_text, published=published, layers=names,
                        on_error="record", max_words=max_words, timeout_s=timeout, memory_mb=memory_mb,
                        max_pdf_pages=max_pdf_pages, max_decompressed_bytes=max_decompressed_bytes,
                        max_html_tags=max_html_tags).with_env()
    from presslens.cli.corpus_view import add_progress
    from presslens.corpus.add import count_inputs

    corpus = _open(db, create=True)
    total = count_inputs(paths) if paths else None
    with add_progress(total, enabled=not quiet) as (tick, report_box):
        try:
            report = corpus.add(paths, settings=settings, input_format=input_format, reanalyse=reanalyse,
                                retry_failed=retry_failed, workers=max(1, jobs), tick=tick, executor=run_on)
        except KeyboardInterrupt:
            typer.echo(f"presslens: interrupted; {report_box.get('added', 0)} documents were committed "
                       f"to {corpus.url}; run the same command again to finish", err=True)
            sys.exit(130)
    _finish_add(report, corpus.url, as_json)


def _executor(name: str, scheduler: str | None, shard_size: int, shard_dir: str | None, workers: int,
              quiet: bool, jobs: int) -> Any:
    """None for the in-process add, else a DaskExecutor that prints the dashboard URL and each shard."""
    if name not in ("process", "dask"):
        raise typer.BadParameter("use process or dask", param_hint="--executor")
    if name == "process":
        if scheduler or shard_dir:
            raise typer.BadParameter("--scheduler and --shard-dir need --executor dask", param_hint="--executor")
        return None
    if jobs != 1:
        raise typer.BadParameter("with --executor dask, give --workers (or the cluster's --scheduler)",
                                 param_hint="--jobs")
    from presslens.scale import require_dask

    require_dask()
    from presslens.scale.dask import DaskExecutor

    def started(url: str, n: int) -> None:
        """Say where the cluster's dashboard is."""
        where = scheduler or f"a LocalCluster of {n} workers"
        typer.echo(f"presslens: dask: {where}; dashboard {url or '(none)'}", err=True)

    return DaskExecutor(scheduler=scheduler, workers=workers, shard_size=shard_size, shard_dir=shard_dir,
                        on_start=started)


def _finish_add(report: Any, url: str, as_json: bool) -> None:
    """Print the failures and the summary; exit 1 when an input failed in this run."""
    for failure in report.failures:
        typer.echo(f"presslens: error: {failure.message} [{failure.code}]", err=True)
    typer.echo(summary_line(report, url), err=True)
    if as_json:
        typer.echo(json.dumps(report.to_dict()))
    if report.failed:
        sys.exit(1)


@app.command("failures")
def failures_cmd(db: str | None = DB, as_json: bool = JSON, as_jsonl: bool = JSONL) -> None:
    """List the inputs that failed, with their one-line reasons."""
    rows = _open(db).failures()
    if as_json:
        typer.echo(json.dumps([f.to_dict() for f in rows], ensure_ascii=False, indent=2))
    elif as_jsonl:
        print_rows(rows)
    else:
        failures_table(rows)


@app.command("search")
def search_cmd(query: str = typer.Argument(..., help='Words (ANDed), "a phrase", OR, -exclude.'),
               db: str | None = DB, limit: int = typer.Option(20, "--limit", help=LIMIT_HELP),
               offset: int = typer.Option(0, "--offset"), as_json: bool = JSON, as_jsonl: bool = JSONL) -> None:
    """Full-text search ranked by relevance, with highlighted snippets."""
    page = _open(db).search(query, limit=_limit(limit), offset=offset)
    _emit(page, as_json, as_jsonl, f"search: {query}", "search")


@app.command("entities")
def entities_cmd(db: str | None = DB, type: str | None = typer.Option(None, "--type", help="PERSON, ORG, GPE…"),
                 top: int = typer.Option(50, "--top", help="Names to show (0 = all)."),
                 as_json: bool = JSON, as_jsonl: bool = JSONL) -> None:
    """The names found in the most documents."""
    page = _open(db).entities(type=type, top=_limit(top))
    _emit(page, as_json, as_jsonl, "entities", "entities")


@app.command("entity")
def entity_cmd(name: str = typer.Argument(..., help="A name or alias (case-insensitive)."), db: str | None = DB,
               limit: int = typer.Option(20, "--limit", help="Documents to show (0 = all)."),
               as_json: bool = JSON) -> None:
    """One name across documents: aliases, titles, roles and every mention."""
    profile = _open(db).entity(name, limit=_limit(limit))
    if profile is None:
        typer.echo(f"presslens: error: no entity named {name!r} in the corpus", err=True)
        sys.exit(1)
    if as_json:
        typer.echo(json.dumps(profile.to_dict(), ensure_ascii=False, indent=2))
    else:
        entity_tables(profile)


@app.command("claims")
def claims_cmd(db: str | None = DB, entity: str | None = typer.Option(None, "--entity"),
               min_score: float | None = typer.Option(None, "--min-score", help="Lowest check-worthiness, 0–1."),
               kind: str | None = typer.Option(None, "--kind", help="factual, opinion, prediction, question, other."),
               speaker: str | None = typer.Option(None, "--speaker", help="Who the claim is attributed to."),
               limit: int = typer.Option(50, "--limit", help=LIMIT_HELP), offset: int = typer.Option(0, "--offset"),
               as_json: bool = JSON, as_jsonl: bool = JSONL) -> None:
    """Claims across the corpus, most check-worthy first."""
    page = _open(db).claims(entity=entity, min_score=min_score, kind=kind, speaker=speaker, limit=_limit(limit),
                            offset=offset)
    _emit(page, as_json, as_jsonl, "claims", "claims")


@app.command("quotes")
def quotes_cmd(db: str | None = DB, speaker: str | None = typer.Option(None, "--speaker"),
               limit: int = typer.Option(50, "--limit", help=LIMIT_HELP), offset: int = typer.Option(0, "--offset"),
               as_json: bool = JSON, as_jsonl: bool = JSONL) -> None:
    """Quotes across the corpus, optionally of one speaker."""
    page = _open(db).quotes(speaker=speaker, limit=_limit(limit), offset=offset)
    _emit(page, as_json, as_jsonl, "quotes", "quotes")


@app.command("timeline")
def timeline_cmd(db: str | None = DB, entity: str | None = typer.Option(None, "--entity"),
                 date_from: str | None = typer.Option(None, "--from", help="YYYY, YYYY-MM or YYYY-MM-DD."),
                 date_to: str | None = typer.Option(None, "--to", help="YYYY, YYYY-MM or YYYY-MM-DD."),
                 limit: int = typer.Option(100, "--limit", help=LIMIT_HELP),
                 offset: int = typer.Option(0, "--offset"), as_json: bool = JSON, as_jsonl: bool = JSONL) -> None:
    """Dated events and claims across documents, in date order (undated last)."""
    page = _open(db).timeline(entity=entity, date_from=date_from, date_to=date_to, limit=_limit(limit),
                              offset=offset)
    _emit(page, as_json, as_jsonl, "timeline", "timeline")


@app.command("stats")
def stats_cmd(db: str | None = DB, as_json: bool = JSON) -> None:
    """Counts of documents, analyses and failures (and stale analyses)."""
    stats = _open(db).stats()
    if as_json:
        typer.echo(json.dumps(stats))
        return
    for key, value in stats.items():
        typer.echo(f"{key:>18}  {value}")


@app.command("export")
def export_cmd(table: str = typer.Argument(..., help="documents, entities, mentions, claims, quotes, events, "
                                           "timeline, failures or acled (events, ACLED-like)."),
               fmt: str = typer.Option("csv", "--format", help="csv, jsonl or parquet."),
               out: str = typer.Option(..., "--out", help="Output file ('-' = stdout for csv/jsonl)."),
               db: str | None = DB) -> None:
    """Stream a whole table to CSV, JSONL or Parquet (no row limit, constant memory)."""
    corpus = _open(db)
    rows = corpus.export(table, fmt, out)
    if out != "-":
        typer.echo(f"presslens: wrote {rows} rows of {table} to {out}", err=True)


def _valid_date(value: str) -> bool:
    """True for an ISO date YYYY-MM-DD."""
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True
