"""``presslens eval timex --timeml DIR``: TempEval-3 Task A on TimeML ``.tml`` files.

Each document's ``<TEXT>`` is analysed with only the timexes layer, the DCT given
as the document date, and the result scored with ``presslens.eval.timeml``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from presslens.cli.evaluate import print_metrics


def run(folder: Path, limit: int | None = None, errors: int = 0) -> dict[str, Any]:
    """Analyse every TimeML document of a folder and score its timexes (TempEval-3 Task A)."""
    from presslens.eval.timeml import GoldTimex, TimexScores, iter_tml, score_document
    from presslens.ingest import ingest_text
    from presslens.pipeline import Pipeline
    from presslens.settings import Settings

    docs = [d for d in iter_tml(folder, limit) if d.text.strip()]
    if not docs:
        raise typer.BadParameter(f"no .tml files under {folder}", param_hint="--timeml")
    settings = Settings(keep_text=True, layers=("timexes",), require_english=False)
    pipeline = Pipeline(settings)
    total = TimexScores()
    for doc in docs:
        document = ingest_text(doc.text, source=doc.id, settings=settings, published=doc.dct)
        analysis = pipeline.analyze(document)
        system = [GoldTimex(t.span.start, t.span.end, t.type, t.value, t.id, t.mod) for t in analysis.timexes]
        total.add(score_document(doc.text, system, doc.timexes, doc.id))
    for doc_id, sys_t, gold_t in total.errors[:errors]:
        typer.echo(f"{doc_id}\tSYS {sys_t}\tGOLD {gold_t}", err=True)
    return {"documents": len(docs), **total.metrics()}


def register(eval_app: typer.Typer, train_app: typer.Typer) -> None:
    """Add ``eval timex``."""

    @eval_app.command("timex")
    def timex(
        timeml: Path = typer.Option(..., "--timeml", exists=True, file_okay=False, help="Folder of TimeML .tml files (searched recursively)."),
        limit: int = typer.Option(0, "--limit", min=0, help="Score only the first N documents (0 = all)."),
        errors: int = typer.Option(0, "--errors", min=0, help="Print up to N mismatches (extent or value) to stderr."),
    ) -> None:
        """Score temporal expressions: strict/relaxed extent P/R/F1, value F1, type F1."""
        m = run(timeml, limit or None, errors)
        rows: list[tuple[str, ...]] = [("measure", "precision", "recall", "F1")]
        for name in ("strict", "relaxed"):
            rows.append((name, *(f"{m[f'{name}_{k}']:.4f}" for k in ("precision", "recall", "f1"))))
        rows.append(("value", "", f"accuracy {m['value_accuracy']:.4f}", f"{m['value_f1']:.4f}"))
        rows.append(("type", "", f"accuracy {m['type_accuracy']:.4f}", f"{m['type_f1']:.4f}"))
        print_metrics(f"TempEval-3 Task A: {timeml} ({m['documents']} documents)", m, rows=rows)
