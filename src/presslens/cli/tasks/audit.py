"""``presslens eval audit``: precision and coverage per layer on the hand-labelled audit set.

The label groups, the matching rules and the counts are in ``presslens.eval.audit`` (and its
group modules ``who``, ``what``); this command runs them and prints one row per layer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

DEFAULT_DATA = Path("../shared/data")


def register(eval_app: typer.Typer, train_app: typer.Typer) -> None:
    """Add ``eval audit`` (there is nothing to train)."""
    eval_app.command("audit")(eval_audit)


def eval_audit(
    split: str = typer.Option("dev", "--split", help="dev, heldout or all (all also shows each split)."),
    layers: str = typer.Option("", "--layers", help="Comma-separated layers (quotes or who.quotes); default all."),
    data: Path = typer.Option(DEFAULT_DATA, "--data", help="Folder holding the audit articles (bbc/, polnear/)."),
    json_out: Path | None = typer.Option(None, "--json-out", help="Also write the summary to this JSON file."),
    labels: Path | None = typer.Option(None, "--labels", help="Label folder (one sub-folder per group); default the bundled set."),
    published_from_labels: bool = typer.Option(
        False, "--published-from-labels", help="Give presslens the true publication date where the labels state it."),
) -> None:
    """Score presslens against hand labels: precision (95% Wilson interval) and coverage per layer."""
    from presslens.cli.evaluate import print_metrics
    from presslens.errors import DatasetError
    from presslens.eval.audit import load_groups, run, select_articles, summarise

    if split not in ("dev", "heldout", "all"):
        raise typer.BadParameter("--split must be dev, heldout or all", param_hint="--split")
    if not data.is_dir():
        raise DatasetError(f"{data}: no such folder (pass --data DIR, the folder holding bbc/ and polnear/)")
    if labels is not None and not labels.is_dir():
        raise DatasetError(f"{labels}: no such label folder")
    groups = load_groups(labels)
    total = len(select_articles(groups, split)) if groups else 0
    chosen = [x for x in layers.split(",") if x.strip()] or None
    with _progress(total) as advance:
        tally = run(data, split, chosen, published_from_labels=published_from_labels, groups=groups,
                    progress=advance)
    summary = summarise(tally, split)
    summary["published_from_labels"] = published_from_labels
    if json_out is not None:
        _write_json(json_out, summary)
    print_metrics(f"Audit set ({split}, {summary['articles']} articles)", summary, rows=table_rows(summary))


def table_rows(summary: dict[str, Any]) -> list[tuple[str, ...]]:
    """Header plus one row per layer and split: counts, precision (%) with interval, coverage (%)."""
    rows: list[tuple[str, ...]] = [("layer", "split", "pred", "ok", "prec%", "95% CI", "gold", "found", "cov%")]
    for name, c in summary["layers"].items():
        layer, _, split = name.rpartition(".") if name.count(".") == 2 else (name, "", summary["split"])
        ci = c["precision_ci95"]
        rows.append((layer, split.replace("heldout", "held"), str(c["predicted"]), str(c["correct"]),
                     _pct(c["precision"]), f"{100 * ci[0]:.0f}-{100 * ci[1]:.0f}" if ci else "-",
                     str(c["gold"]), str(c["found"]), _pct(c["coverage"])))
    return rows


def _pct(value: float | None) -> str:
    """A rate as a percentage, or a dash when undefined."""
    return "-" if value is None else f"{100 * value:.1f}"


def _write_json(path: Path, summary: dict[str, Any]) -> None:
    """Write the summary atomically (a temporary file renamed into place)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(summary, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)


class _progress:
    """A rich progress bar on stderr; yields the callback that advances it by one article."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import Progress

        self.bar = Progress(console=Console(stderr=True), transient=True)
        self.task = self.bar.add_task("analysing audit articles", total=total)

    def __enter__(self) -> Any:
        self.bar.start()
        return lambda _article: self.bar.advance(self.task)

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()
