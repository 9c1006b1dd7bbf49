"""``presslens analyze PATH…``: thin wrapper over ingest → Pipeline → presenters."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typer

from presslens.errors import PresslensError
from presslens.settings import DEFAULT_LAYERS, Settings


@dataclass
class BatchReport:
    """What happened to each input of a batch."""

    done: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)


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
    max_bytes: int = typer.Option(20_000_000, "--max-bytes", help="Refuse inputs larger than this."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (0 = one per core, up to 4, for 16+ inputs)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No terminal summary or progress bar."),
) -> None:
    """Analyse articles and write the summary, JSON, JSONL, HTML or CSV."""
    if published is not None and not _valid_date(published):
        raise typer.BadParameter("--published takes a date as YYYY-MM-DD", param_hint="--published")
    if input_format not in ("auto", "text", "jsonl"):
        raise typer.BadParameter("use auto, text or jsonl", param_hint="--input-format")
    for option, target in (("--json", json_out), ("--jsonl", jsonl_out), ("--claims-csv", claims_csv)):
        if target and target != "-" and Path(target).is_dir():
            _fail(f"{option} {target}: is a directory; give a file name")
    settings = Settings(
        max_bytes=max_bytes,
        keep_text=keep_text,
        published=published,
        layers=_parse_layers(layers),
        n_process=max(1, jobs) if jobs > 0 else 1,
        on_error="record",
    )
    from presslens.ingest import iter_inputs

    items, single, total = _peek(iter_inputs(paths, settings, input_format=input_format), paths)
    report = BatchReport()
    sinks = _Sinks(json_out, jsonl_out, html_out, claims_csv, single=single)
    show_summary = single and not quiet and json_out != "-" and jsonl_out != "-"
    try:
        for analysis in _run(items, settings, report, progress=not single and not quiet, total=total,
                             jobs_auto=jobs <= 0):
            sinks.add(analysis)
            if show_summary:
                from presslens.present.terminal import print_summary

                print_summary(analysis)
    except PresslensError as exc:
        sinks.abort()
        _fail(error_line("presslens", exc).removeprefix("presslens: "))
    except KeyboardInterrupt:
        sinks.finish()
        _fail("interrupted; outputs hold the documents finished so far")
    sinks.finish()
    _finish(report, single=single, quiet=quiet)


def _peek(items: Iterator[Any], paths: list[str]) -> tuple[Iterator[Any], bool, int | None]:
    """Return ``(items, single, total)`` without materialising a stream of records.

    File and directory inputs are listed (cheap: loaders only); JSONL records
    stay a lazy stream whose length is unknown (``total`` None).
    """
    import itertools

    if any(p.lower().endswith(".jsonl") or p == "-" for p in paths):
        head = list(itertools.islice(items, 2))
        single = len(head) == 1 and not any(p.lower().endswith(".jsonl") for p in paths)
        return itertools.chain(head, items), single, None
    listed = list(items)
    return iter(listed), len(listed) == 1 and len(paths) == 1, len(listed)


def _workers(requested: int, auto: bool, total: int | None) -> int:
    """Worker processes: as asked, or (auto) one per core up to 4 when there are 16+ inputs.

    Forked workers share the loaded model copy-on-write; below ~16 documents
    the pool start-up and pickling cost more than the second core saves.
    """
    if not auto:
        return requested
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(cores, 4) if total is None or total >= 16 else 1


def _run(items: Iterator[Any], settings: Settings, report: BatchReport, *, progress: bool,
         total: int | None, jobs_auto: bool = False) -> Iterator[Any]:
    """Analyse the items, record failures in ``report``, yield the analyses."""
    from presslens import load_pipeline
    from presslens.runner import analyze_items

    pipeline = load_pipeline(settings)
    stream = analyze_items(items, pipeline, n_process=_workers(settings.n_process, jobs_auto, total))
    if not progress:
        for source, result in stream:
            yield from _account(source, result, report)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        transient=False, console=_stderr_console(),
    ) as bar:
        task = bar.add_task("analyse", total=total)
        for source, result in stream:
            yield from _account(source, result, report)
            bar.advance(task)


def error_line(source: str, exc: BaseException) -> str:
    """``<source>: <what went wrong> [E0xx]``: one line, the source named once."""
    import re

    from presslens.runner import describe

    msg = describe(exc)
    code = ""
    m = re.match(r"\[(E\d{3})\]\s*", msg)
    if m:
        code, msg = f" [{m.group(1)}]", msg[m.end():]
    if not msg.startswith(source):
        msg = f"{source}: {msg}"
    return msg + code


def _account(source: str, result: Any, report: BatchReport) -> Iterator[Any]:
    """Record a failure in ``report`` or pass the analysis on."""
    if isinstance(result, BaseException):
        report.failures.append((source, error_line(source, result)))
        return
    report.done += 1
    yield result


class _Sinks:
    """Every output the user asked for, fed one Analysis at a time."""

    def __init__(self, json_out: str | None, jsonl_out: str | None, html_out: str | None,
                 claims_csv: str | None, *, single: bool) -> None:
        """Open the requested outputs (temporary files until ``finish``)."""
        from presslens.cli.outputs import AtomicWriter

        self.single = single
        self.json_out, self.html_out = json_out, html_out
        self.json_items: list[dict[str, Any]] = []
        # many inputs: the JSON array is streamed, so memory stays constant
        self.json_array = AtomicWriter(json_out) if json_out and not single else None
        self.json_count = 0
        self.jsonl = AtomicWriter(jsonl_out) if jsonl_out else None
        self.csv = None
        if claims_csv:
            from presslens.present.claims_csv import ClaimsCsvWriter

            self.csv = ClaimsCsvWriter(AtomicWriter(claims_csv))

    def add(self, analysis: Any) -> None:
        """Write one analysis to every output."""
        from presslens.present.json import to_jsonl_line

        if self.json_array:
            import json

            body = json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2)
            self.json_array.write(("[\n" if not self.json_count else ",\n") + body)
            self.json_count += 1
        elif self.json_out:
            self.json_items.append(analysis.to_dict())
        if self.jsonl:
            self.jsonl.write(to_jsonl_line(analysis) + "\n")
        if self.csv:
            self.csv.add(analysis)
        if self.html_out:
            self._write_html(analysis)

    def _write_html(self, analysis: Any) -> None:
        """Write the HTML report (one file per document for many inputs)."""
        from presslens.cli.outputs import write_atomic
        from presslens.present.html import render_html

        target = self.html_out or ""
        if not self.single:
            name = Path(analysis.document.source).stem or analysis.document.id
            target = str(Path(target) / f"{name}.{analysis.document.id[:8]}.html")
        write_atomic(target, render_html(analysis))

    def finish(self) -> None:
        """Close every output and move it into place."""
        import json

        from presslens.cli.outputs import write_atomic

        if self.json_array:
            self.json_array.write("\n]\n" if self.json_count else "[]\n")
            self.json_array.commit()
        elif self.json_out and self.json_items:
            write_atomic(self.json_out, json.dumps(self.json_items[0], ensure_ascii=False, indent=2) + "\n")
        if self.jsonl:
            self.jsonl.commit()
        if self.csv:
            self.csv.commit()

    def abort(self) -> None:
        """Drop every partial output; existing files keep their content."""
        if self.json_array:
            self.json_array.abort()
        if self.jsonl:
            self.jsonl.abort()
        if self.csv:
            self.csv.abort()


def _stderr_console() -> Any:
    """A rich console on stderr (progress bars never mix with JSON on stdout)."""
    from rich.console import Console

    return Console(stderr=True)


def _finish(report: BatchReport, *, single: bool, quiet: bool) -> None:
    """Print one line per failed input, the batch summary, and exit 1 if anything failed."""
    for _, msg in report.failures:
        typer.echo(f"presslens: error: {msg}", err=True)
    if not single and not quiet:
        typer.echo(f"presslens: {report.done} analysed, {len(report.failures)} failed", err=True)
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
