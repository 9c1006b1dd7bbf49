"""``presslens eval attribution --brat DIR``: quotes layer vs BRAT Source/Cue/Content spans.

``presslens train speakers --polnear DIR --out FILE`` refits the quotes layer's speaker confidence
(needs the training extra) and prints its reliability on the data it was not fitted on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from presslens.cli.evaluate import print_metrics


def run(folder: Path, limit: int | None = None, part: str = "all") -> dict[str, Any]:
    """Analyse every article of a BRAT folder and score its quotes against the gold spans.

    ``part``: "heldout" keeps the fifth of the articles held out of all tuning (by a hash of the
    file name, as ``train speakers`` does), "tune" the rest, "all" every article.
    """
    import presslens
    from presslens.eval.attribution import Item, pair_files, predicted_items, read_ann, score
    from presslens.settings import Settings
    from presslens.training.speakers import heldout

    pairs = [p for p in pair_files(folder) if part == "all" or heldout(p[0].stem) == (part == "heldout")]
    pairs = pairs[: limit or None]
    if not pairs:
        raise typer.BadParameter(f"no .txt/.ann pairs under {folder}", param_hint="--brat")
    settings = Settings(keep_text=True, layers=("entities", "quotes"), require_english=False)
    gold: list[Item] = []
    pred: list[Item] = []
    cache: dict[Path, list[Item]] = {}
    for text_path, ann_path in pairs:
        text = text_path.read_text(encoding="utf-8")
        if text_path not in cache:
            analysis = presslens.analyze(text, source=str(text_path), settings=settings)
            cache[text_path] = predicted_items(text_path.stem, analysis.document.text, analysis.quotes)
        doc = ann_path.stem
        gold.extend(Item(doc, it.role, it.start, it.end) for it in read_ann(ann_path.read_text("utf-8")))
        pred.extend(Item(doc, it.role, it.start, it.end) for it in cache[text_path])
    metrics: dict[str, Any] = {"annotations": len(pairs), "articles": len(cache), **score(gold, pred)}
    return metrics


def register(eval_app: typer.Typer, train_app: typer.Typer) -> None:
    """Add ``eval attribution`` and ``train speakers``."""
    train_app.command("speakers")(train_speakers)

    @eval_app.command("attribution")
    def attribution(
        brat: Path = typer.Option(..., "--brat", exists=True, file_okay=False, help="BRAT folder (PolNeAR split or flat)."),
        limit: int = typer.Option(0, "--limit", min=0, help="Score only the first N annotation files (0 = all)."),
        part: str = typer.Option("all", "--part", help="all, or heldout / tune: the held-out fifth of the "
                                 "articles (by file-name hash, as train speakers) or the rest."),
    ) -> None:
        """Score quotes (Source / Cue / Content spans) on BRAT standoff, exact and overlap F1."""
        if part not in ("all", "heldout", "tune"):
            raise typer.BadParameter("use all, heldout or tune", param_hint="--part")
        metrics = run(brat, limit or None, part)
        rows: list[tuple[str, ...]] = [("role", "gold", "pred", "exact P", "exact R", "exact F1", "overlap P", "overlap R", "overlap F1")]
        for role in ("source", "cue", "content", "all"):
            cells = [f"{metrics[f'{role}_{m}_{k}']:.3f}" for m in ("exact", "overlap") for k in ("p", "r", "f1")]
            rows.append((role, str(metrics[f"{role}_gold"]), str(metrics[f"{role}_pred"]), *cells))
        print_metrics(f"attribution: {brat}", metrics, rows=rows)


def train_speakers(
    polnear: Path = typer.Option(..., "--polnear", exists=True, file_okay=False, help="PolNeAR train folder."),
    data: Path = typer.Option(Path("../shared/data"), "--data", exists=True, file_okay=False,
                              help="Folder holding the audit articles (bbc/, polnear/)."),
    out: Path = typer.Option(..., "--out", dir_okay=False, help="Where to write speaker_confidence.json."),
    limit: int = typer.Option(0, "--limit", min=0, help="PolNeAR files per part (tune, held out); 0 = all."),
) -> None:
    """Fit the speaker confidence on PolNeAR train (held-out fifth kept aside) and the audit dev split."""
    from presslens.training import require

    require()
    from rich.progress import Progress

    from presslens.training import speakers as sp

    with Progress(transient=True) as bar:
        task = bar.add_task("labelled speaker links", total=None)

        def tick(name: str) -> None:
            """Advance the progress bar by one article."""
            bar.update(task, advance=1, description=name[:40])

        rows = [*sp.polnear_rows(polnear, part="tune", limit=limit, progress=tick), *sp.audit_rows(data, "dev", progress=tick)]
        held = [*sp.polnear_rows(polnear, part="heldout", limit=limit // 3, progress=tick)]
        audit_held = [*sp.audit_rows(data, "heldout", progress=tick)]
    report = sp.report(rows, held, audit_held)
    sp.save(out, report.pop("weights"), report.pop("bias"), report["threshold"], report)
    typer.echo(f"wrote {out}", err=True)
    print_metrics("speaker confidence", {k: v for k, v in report.items() if not isinstance(v, list)},
                  rows=sp.table_rows(report))
