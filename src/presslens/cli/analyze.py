"""``presslens analyze PATH…``: parse options, call ``presslens.analyze_items``, print.

Everything else lives behind the API: checks, limits, worker processes
(``presslens.runner``) and the output writers (``presslens.present.writers``).
This module only wires them, shows progress on stderr, prints one line per
failed input and per skipped file, and the summary ``N analysed, M failed,
K skipped``; the exit code is 1 when any input failed.

Ctrl-C and SIGTERM: the worker processes stop, every output target keeps its
previous content, the documents finished so far are saved to
``NAME.interrupted.EXT`` beside each streamed output, and the CLI says how
many it finished and where they are (exit 130, or 143 for SIGTERM).  Signals
are held back while one analysis is written to every output, so outputs never
end in half a record and agree on which documents they hold.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

import typer

from presslens.errors import PresslensError
from presslens.settings import DEFAULT_LAYERS, Settings

SKIPS_SHOWN = 20


@dataclass
class Report:
    """What happened to each input of a run."""

    done: int = 0
    failures: list[Any] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def skip(self, path: str, reason: str) -> None:
        """Note a directory entry that was not read."""
        self.skipped.append((path, reason))


def register(app: typer.Typer) -> None:
    """Add the ``analyze`` command."""
    app.command("analyze")(analyze_cmd)


def analyze_cmd(
    paths: list[str] = typer.Argument(..., help="Files, directories, '-' for stdin, or JSONL files."),
    json_out: str | None = typer.Option(None, "--json", help="Write the JSON analysis here ('-' = stdout)."),
    html_out: str | None = typer.Option(None, "--html", help="Write the HTML report here (a directory for many inputs)."),
    jsonl_out: str | None = typer.Option(None, "--jsonl", help="Write one JSON analysis per line here."),
    claims_csv: str | None = typer.Option(None, "--claims-csv", help="Write one row per claim here."),
    published: str | None = typer.Option(None, "--published", help="The document date, YYYY-MM-DD."),
    keep_text: bool = typer.Option(False, "--keep-text", help="Keep document.text exactly the decoded input."),
    layers: str | None = typer.Option(None, "--layers", help=f"Comma-separated layers, or 'none' for the document only (default: {','.join(DEFAULT_LAYERS)})."),
    input_format: str = typer.Option("auto", "--input-format", help="auto, text or jsonl."),
    max_bytes: int = typer.Option(20_000_000, "--max-bytes", min=1, help="Refuse inputs larger than this."),
    max_words: int = typer.Option(100_000, "--max-words", min=1, help="Refuse texts with more words (memory grows ~20 KB a word)."),
    timeout: float = typer.Option(120.0, "--timeout", min=0.001, help="Seconds allowed to read (and, with workers, analyse) one input."),
    memory_mb: int = typer.Option(4096, "--memory-mb", min=1, help="MiB a worker may add while handling one input."),
    max_pdf_pages: int = typer.Option(1_000, "--max-pdf-pages", min=1, help="Refuse PDFs with more pages."),
    max_decompressed_bytes: int = typer.Option(32_000_000, "--max-decompressed-bytes", min=1,
                                               help="Refuse PDFs whose streams expand beyond this."),
    max_html_tags: int = typer.Option(200_000, "--max-html-tags", min=1, help="Refuse HTML pages with more tags."),
    jobs: int = typer.Option(0, "--jobs", "-j", min=0, help="Worker processes (0 = one per core, up to 4, for 16+ inputs)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No terminal summary, progress bar or skip list."),
    timeline_uncertain: bool = typer.Option(False, "--timeline-uncertain", help="Put uncertain events on the timeline too (marked)."),
) -> None:
    """Analyse articles and write the summary, JSON, JSONL, HTML or CSV."""
    if published is not None and not _valid_date(published):
        raise typer.BadParameter("--published takes a date as YYYY-MM-DD", param_hint="--published")
    if input_format not in ("auto", "text", "jsonl"):
        raise typer.BadParameter("use auto, text or jsonl", param_hint="--input-format")
    settings = Settings(max_bytes=max_bytes, keep_text=keep_text, published=published, layers=_parse_layers(layers),
                        on_error="record", timeout_s=timeout, memory_mb=memory_mb,
                        max_words=max_words, max_pdf_pages=max_pdf_pages,
                        max_decompressed_bytes=max_decompressed_bytes, max_html_tags=max_html_tags,
                        timeline_uncertain=timeline_uncertain).with_env()
    from presslens.ingest import iter_inputs

    report = Report()
    items, single, total = _peek(iter_inputs(paths, settings, input_format=input_format, on_skip=report.skip), paths)
    outputs = {"json_out": json_out, "jsonl_out": jsonl_out, "html_out": html_out, "claims_csv": claims_csv}
    summary = single and not quiet and not any(t in ("-", "/dev/stdout") for t in outputs.values())
    with _Signals() as signals:
        _run(items, settings, outputs, report, signals, single=single, summary=summary,
             progress=not single and not quiet, total=total, workers=_workers(jobs, total))
    _finish(report, single=single, quiet=quiet)


def _run(items: Iterator[Any], settings: Settings, outputs: dict[str, str | None], report: Report,
         signals: _Signals, *, single: bool, summary: bool, progress: bool, total: int | None, workers: int) -> None:
    """Stream the analyses into the writers; on an interrupt, save the finished work and stop."""
    from presslens import analyze_items
    from presslens.model.failure import Failure
    from presslens.present.writers import open_writers

    try:
        writers = open_writers(single=single, **outputs)
    except PresslensError as exc:
        _fail(f"{str(exc).removeprefix(f'[{exc.code}] ')} [{exc.code}]")
    results = analyze_items(items, settings, workers=workers)
    try:
        for _, result in _progress(results, progress, total):
            if isinstance(result, Failure):
                report.failures.append(result)
                continue
            with signals.held():
                for writer in writers:
                    writer.add(result)
                report.done += 1
            if summary:
                from presslens.present.terminal import print_summary

                print_summary(result)
    except KeyboardInterrupt:
        with signals.held():
            saved = [where for w in writers if (where := w.commit(interrupted=True))]
        _interrupted(saved, report, signals.code)
    except BaseException:
        for writer in writers:
            writer.abort()
        raise
    finally:
        results.close()  # stops the worker processes however the loop ended
    with signals.held():  # a signal now leaves every output whole, then interrupts
        for writer in writers:
            writer.commit()


def _interrupted(saved: list[str], report: Report, code: int) -> None:
    """Report the finished work and where it was saved; exit 130 (143 for SIGTERM)."""
    _print_failures(report)
    where = f"; finished work saved in {', '.join(saved)}" if saved and report.done else ""
    typer.echo(f"presslens: interrupted: {report.done} analysed, {len(report.failures)} failed{where}; "
               "earlier outputs were left as they were", err=True)
    sys.exit(code)


class _Signals:
    """SIGINT and SIGTERM as KeyboardInterrupt, held back while an analysis is being written."""

    def __init__(self) -> None:
        """No handler installed yet."""
        self.code = 130
        self._holding = False
        self._pending: int | None = None
        self._old: dict[int, Any] = {}

    def __enter__(self) -> _Signals:
        """Install the handlers (main thread only: signals cannot be handled elsewhere)."""
        import threading

        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._old[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        """Restore the previous handlers."""
        for sig, handler in self._old.items():
            signal.signal(sig, handler)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        """Raise KeyboardInterrupt now, or once the write in progress is done."""
        self.code = 128 + signum
        if self._holding:
            self._pending = signum
            return
        raise KeyboardInterrupt

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Hold signals back for the duration of the block."""
        self._holding = True
        try:
            yield
        finally:
            self._holding = False
        if self._pending is not None:
            self._pending = None
            raise KeyboardInterrupt


def _peek(items: Iterator[Any], paths: list[str]) -> tuple[Iterator[Any], bool, int | None]:
    """Return ``(items, single, total)`` without materialising a stream of records.

    File and directory inputs are listed (cheap: checks only); JSONL records
    and stdin stay a lazy stream whose length is unknown (``total`` None).
    """
    import itertools

    if any(p.lower().endswith(".jsonl") or p == "-" for p in paths):
        head = list(itertools.islice(items, 2))
        single = len(head) == 1 and not any(p.lower().endswith(".jsonl") for p in paths)
        return itertools.chain(head, items), single, None
    listed = list(items)
    return iter(listed), len(listed) == 1 and len(paths) == 1, len(listed)


def _workers(jobs: int, total: int | None) -> int:
    """Worker processes: as asked, or (0) one per core up to 4 when there are 16+ inputs.

    Forked workers share the loaded model copy-on-write; below ~16 documents
    the pool start-up and pickling cost more than the second core saves.
    """
    if jobs > 0:
        return jobs
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(cores, 4) if total is None or total >= 16 else 1


def _progress(stream: Iterator[Any], show: bool, total: int | None) -> Iterator[Any]:
    """Pass the stream through, with a rich progress bar on stderr when ``show``."""
    if not show:
        yield from stream
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  transient=False, console=Console(stderr=True)) as bar:
        task = bar.add_task("analyse", total=total)
        for pair in stream:
            yield pair
            bar.advance(task)


def _print_failures(report: Report) -> None:
    """One line per failed input: ``presslens: error: <source>: <why> [E0xx]``."""
    for failure in report.failures:
        typer.echo(f"presslens: error: {failure.line()}", err=True)


def _finish(report: Report, *, single: bool, quiet: bool) -> None:
    """Print failures, skipped files and the summary; exit 1 if anything failed."""
    _print_failures(report)
    if not quiet:
        for path, reason in report.skipped[:SKIPS_SHOWN]:
            typer.echo(f"presslens: skipped: {path} ({reason})", err=True)
        if len(report.skipped) > SKIPS_SHOWN:
            typer.echo(f"presslens: skipped: … and {len(report.skipped) - SKIPS_SHOWN} more", err=True)
    if not quiet and (not single or report.skipped):
        typer.echo(f"presslens: {report.done} analysed, {len(report.failures)} failed, "
                   f"{len(report.skipped)} skipped", err=True)
    if report.failures:
        sys.exit(1)


def _fail(msg: str) -> None:
    """Print one error line and exit 1."""
    typer.echo(f"presslens: error: {msg}", err=True)
    sys.exit(1)


def _parse_layers(value: str | None) -> tuple[str, ...]:
    """``--layers`` value → layer names; ``none`` keeps only the document layer."""
    if value is None:
        return DEFAULT_LAYERS
    names = tuple(x.strip() for x in value.split(",") if x.strip())
    return () if names in ((), ("none",)) else names


def _valid_date(value: str) -> bool:
    """True for an ISO date YYYY-MM-DD."""
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True
