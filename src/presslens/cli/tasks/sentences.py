"""``presslens eval sentences [--cases FILE]``: sentence boundaries on golden rules.

Scores spaCy's parser alone, presslens's rules + parser, and pySBD on the
same ingested texts (see ``presslens.eval.sentences``).
"""

from __future__ import annotations

from pathlib import Path

import typer

from presslens.eval import packaged_cases

DEFAULT_CASES = packaged_cases("sentences_golden.jsonl")


def register(eval_app: typer.Typer, train_app: typer.Typer) -> None:
    """Add ``eval sentences`` (there is nothing to train)."""
    eval_app.command("sentences")(eval_sentences)


def eval_sentences(
    cases: Path = typer.Option(DEFAULT_CASES, "--cases", help="Golden-rules cases (JSONL)."),
    segmenters: str = typer.Option("spacy,presslens,pysbd", "--segmenters", help="Comma-separated segmenters."),
    show_errors: bool = typer.Option(False, "--errors", help="Print every wrongly segmented case."),
) -> None:
    """Share of golden-rules cases segmented exactly, per segmenter."""
    from presslens.cli.evaluate import print_metrics
    from presslens.eval.sentences import load_cases, run

    names = [s.strip() for s in segmenters.split(",") if s.strip()]
    results = run(load_cases(cases), names)
    rows: list[tuple[str, ...]] = [("segmenter", "accuracy", "held-out", "offset exact", "chars/s")]
    metrics: dict[str, object] = {}
    for name, (summary, outcomes) in results.items():
        held = summary["heldout_accuracy"]
        rows.append((name, f"{summary['accuracy']:.3f}", "-" if held is None else f"{held:.3f}",
                     f"{summary['offset_exact']:.3f}", f"{summary['chars_per_s']:,.0f}"))
        metrics[f"{name}_accuracy"] = round(summary["accuracy"], 4)
        if held is not None:
            metrics[f"{name}_heldout_accuracy"] = round(held, 4)
        metrics[f"{name}_offset_exact"] = round(summary["offset_exact"], 4)
        if show_errors:
            for o in outcomes:
                if not o.correct:
                    typer.echo(f"[{name}] {o.case.id} {o.case.category}: {list(o.predicted)}", err=True)
    metrics["cases"] = len(next(iter(results.values()))[1]) if results else 0
    print_metrics("Sentence boundaries (golden rules)", metrics, rows=rows)
