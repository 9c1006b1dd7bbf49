"""``presslens eval sentences [--cases FILE] [--keep-text]``: sentence boundaries on case files.

Scores spaCy's parser alone, presslens's rules + parser, pySBD, and the whole
document path (``document.sentences`` as ``presslens analyze`` writes them) on
the same ingested texts (see ``presslens.eval.sentences``).
"""

from __future__ import annotations

from pathlib import Path

import typer

from presslens.eval import packaged_cases

DEFAULT_CASES = packaged_cases("sentences_rules_heldout.jsonl")


def register(eval_app: typer.Typer, train_app: typer.Typer) -> None:
    """Add ``eval sentences`` (there is nothing to train)."""
    eval_app.command("sentences")(eval_sentences)


def eval_sentences(
    cases: Path = typer.Option(DEFAULT_CASES, "--cases", help="Sentence cases (JSONL)."),
    segmenters: str = typer.Option("spacy,presslens,pysbd,document", "--segmenters",
                                   help="Comma-separated: spacy, presslens, pysbd, document."),
    keep_text: bool = typer.Option(False, "--keep-text", help="Ingest as --keep-text does (text unchanged)."),
    show_errors: bool = typer.Option(False, "--errors", help="Print every wrongly segmented case."),
) -> None:
    """Share of cases segmented exactly, per segmenter and per split."""
    from presslens.cli.evaluate import print_metrics
    from presslens.eval.sentences import agreement, load_cases, run

    names = [s.strip() for s in segmenters.split(",") if s.strip()]
    results = run(load_cases(cases), names, keep_text=keep_text)
    splits = sorted({k for summary, _ in results.values() for k in summary["by_split"]})
    rows: list[tuple[str, ...]] = [("segmenter", "accuracy", *splits, "offset exact", "chars/s")]
    metrics: dict[str, object] = {}
    for name, (summary, outcomes) in results.items():
        by_split = summary["by_split"]
        rows.append((name, f"{summary['accuracy']:.3f}", *(f"{by_split.get(k, 0):.3f}" for k in splits),
                     f"{summary['offset_exact']:.3f}", f"{summary['chars_per_s']:,.0f}"))
        metrics[f"{name}_accuracy"] = round(summary["accuracy"], 4)
        for k, v in by_split.items():
            metrics[f"{name}_{k}_accuracy"] = round(v, 4)
        metrics[f"{name}_offset_exact"] = round(summary["offset_exact"], 4)
        if show_errors:
            for o in outcomes:
                if not o.correct:
                    typer.echo(f"[{name}] {o.case.id} {o.case.category}: {list(o.predicted)}", err=True)
    if "presslens" in results and "document" in results:
        metrics["document_agrees_with_presslens"] = round(
            agreement(results["presslens"][1], results["document"][1]), 4)
    metrics["cases"] = len(next(iter(results.values()))[1]) if results else 0
    metrics["keep_text"] = keep_text
    print_metrics("Sentence boundaries", metrics, rows=rows)
