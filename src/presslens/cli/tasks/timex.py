"""``presslens eval timex --timeml DIR``: TempEval-3 Task A on TimeML ``.tml`` files.

Each document's ``<TEXT>`` is analysed with only the timexes layer, the DCT given
as the document date, and the result scored with ``presslens.eval.timeml``; the table
shows the tune and held-out documents apart (``presslens.eval.timeml.split_of``).
With ``--no-dct`` the DCT is withheld, as for an article without metadata: the layer
infers the document date itself, and the date it shows (or leaves unset) is scored
against the true DCT beside the timexes, with the calibration of its confidence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from presslens.cli.evaluate import print_metrics

_SPLITS = ("tune", "heldout", "all")


def run(folders: Path | list[Path], limit: int | None = None, errors: int = 0, split: str = "all",
        no_dct: bool = False) -> dict[str, Any]:
    """Analyse the TimeML documents of some folders and score their timexes per split."""
    from presslens.eval.timeml import TimexScores, iter_tml, split_of

    folders = [folders] if isinstance(folders, Path) else folders
    docs = [d for f in folders for d in iter_tml(f, limit) if d.text.strip()]
    docs = [d for d in docs if split == "all" or split_of(d) == split]
    if not docs:
        raise typer.BadParameter(f"no .tml files of split {split} under {', '.join(map(str, folders))}",
                                 param_hint="--timeml")
    totals: dict[str, TimexScores] = {}
    dates: dict[str, list[dict[str, Any]]] = {}
    for doc, analysis in _analyses(docs, no_dct):
        scores = _score(doc, analysis)
        for name in (split_of(doc), "all"):
            totals.setdefault(name, TimexScores()).add(scores)
            dates.setdefault(name, []).append(_date_outcome(doc.dct, analysis.document.published))
    for doc_id, sys_t, gold_t in totals["all"].errors[:errors]:
        typer.echo(f"{doc_id}\tSYS {sys_t}\tGOLD {gold_t}", err=True)
    out: dict[str, Any] = {"documents": len(docs), "no_dct": no_dct, **totals["all"].metrics()}
    for name, scores in totals.items():
        if name != "all" and len(totals) > 2:
            out.update({f"{name}_{k}": v for k, v in scores.metrics().items()})
    if no_dct:
        from presslens.eval.published import summarise

        for name, outcomes in dates.items():
            prefix = "" if name == "all" else f"{name}_"
            out.update({f"{prefix}{k}": v for k, v in summarise(outcomes).items()})
    return out


def _analyses(docs: list[Any], no_dct: bool) -> Any:
    """(document, analysis) pairs with only the timexes layer."""
    from presslens.ingest import ingest_text
    from presslens.pipeline import Pipeline
    from presslens.settings import Settings

    settings = Settings(keep_text=True, layers=("timexes",), require_english=False)
    pipeline = Pipeline(settings)
    for doc in docs:
        document = ingest_text(doc.text, source=doc.id, settings=settings, published=None if no_dct else doc.dct)
        yield doc, pipeline.analyze(document)


def _score(doc: Any, analysis: Any) -> Any:
    """TempEval-3 counts of one document.

    The value scored is presslens's reading: the shown value, or for an anchor withheld as
    uncertain its best candidate (TempEval asks every system for a value); how many shown
    values are right is counted apart (``value_shown_ok``).
    """
    from presslens.eval.timeml import GoldTimex, score_document

    system = [GoldTimex(t.span.start, t.span.end, t.type, t.candidates[0].value if t.candidates else t.value,
                        t.id, t.mod) for t in analysis.timexes]
    scores = score_document(doc.text, system, doc.timexes, doc.id)
    shown = [GoldTimex(t.span.start, t.span.end, t.type, t.value, t.id, t.mod) for t in analysis.timexes]
    scores.value_shown_ok = score_document(doc.text, shown, doc.timexes, doc.id).value_ok
    scores.withheld = sum(1 for t in analysis.timexes if t.uncertain)
    return scores


def _date_outcome(true: str | None, shown: Any) -> dict[str, Any]:
    """The shown (or withheld) document date against the true DCT."""
    from presslens.eval.published import outcome

    return outcome(true, shown)


def register(eval_app: typer.Typer, train_app: typer.Typer) -> None:
    """Add ``eval timex`` and ``train timex``."""

    @eval_app.command("timex")
    def timex(
        timeml: list[Path] = typer.Option(..., "--timeml", exists=True, file_okay=False, help="Folder of TimeML .tml files (searched recursively); repeatable."),
        limit: int = typer.Option(0, "--limit", min=0, help="Score only the first N documents of each folder (0 = all)."),
        errors: int = typer.Option(0, "--errors", min=0, help="Print up to N mismatches (extent or value) to stderr."),
        split: str = typer.Option("all", "--split", help="tune, heldout (documents dated 1999 or later) or all."),
        no_dct: bool = typer.Option(False, "--no-dct", help="Withhold the DCT: the layer infers the document date."),
    ) -> None:
        """Score temporal expressions: strict/relaxed extent P/R/F1, value F1, type F1 (per split)."""
        if split not in _SPLITS:
            raise typer.BadParameter(f"use one of {', '.join(_SPLITS)}", param_hint="--split")
        m = run(timeml, limit or None, errors, split, no_dct)
        print_metrics(f"TempEval-3 Task A ({m['documents']} documents{', no DCT' if no_dct else ''})", m, rows=_rows(m))

    from presslens.cli.tasks.timex_train import register_train

    register_train(train_app)


def _rows(m: dict[str, Any]) -> list[tuple[str, ...]]:
    """Table rows: one per split and measure."""
    rows: list[tuple[str, ...]] = [("split", "measure", "precision", "recall", "F1")]
    for prefix, label in (("tune_", "tune"), ("heldout_", "held out"), ("", "all")):
        if f"{prefix}strict_f1" not in m:
            continue
        for name in ("strict", "relaxed"):
            rows.append((label, name, *(f"{m[f'{prefix}{name}_{k}']:.4f}" for k in ("precision", "recall", "f1"))))
        rows.append((label, "value", "", f"accuracy {m[f'{prefix}value_accuracy']:.4f}", f"{m[f'{prefix}value_f1']:.4f}"))
        rows.append((label, "type", "", f"accuracy {m[f'{prefix}type_accuracy']:.4f}", f"{m[f'{prefix}type_f1']:.4f}"))
        if f"{prefix}date_shown" in m:
            rows.append((label, "document date", f"right {m[f'{prefix}date_right']:.4f}",
                         f"shown {m[f'{prefix}date_shown']:.4f}", f"brier {m[f'{prefix}date_brier']}"))
    return rows
