"""``presslens eval events --cases FILE.jsonl``: PLOVER event-type F1 and role agreement.

Scoring lives in ``presslens.eval.events``; ``--split dev|heldout`` keeps the
held-out cases (ids ending in ``--holdout`` digits) apart from tuning.
"""

from __future__ import annotations

from pathlib import Path

import typer

from presslens.eval import packaged_cases

DEFAULT_CASES = packaged_cases("events_cases.jsonl")


def register(eval_app: typer.Typer, train_app: typer.Typer) -> None:
    """Add ``eval events`` (there is nothing to train: the lexicon is hand-written)."""
    eval_app.command("events")(eval_events)


def eval_events(
    cases: Path = typer.Option(DEFAULT_CASES, "--cases", help="Event cases (JSONL, DESIGN.md format)."),
    split: str = typer.Option("all", "--split", help="all, dev or heldout."),
    holdout: str = typer.Option("012", "--holdout", help="Last digits of held-out case ids."),
    prefix: str = typer.Option("", "--prefix", help="Only cases whose id starts with this (e.g. ev, fr)."),
    show_errors: bool = typer.Option(False, "--errors", help="Print every sentence whose types differ."),
) -> None:
    """Event-type precision/recall/F1 (micro and macro over 16 types) and actor/target agreement."""
    from presslens.cli.evaluate import print_metrics
    from presslens.eval.events import load_cases, predict_cases, score, select

    if split not in ("all", "dev", "heldout"):
        raise typer.BadParameter("--split must be all, dev or heldout")
    chosen = select(load_cases(cases), split, holdout, prefix)
    predictions = predict_cases(chosen)
    tally = score(chosen, predictions)
    if show_errors:
        for case in chosen:
            gold = sorted(e["type"] for e in case.get("events", []))
            got = sorted(e["type"] for e in predictions.get(str(case["id"]), []))
            if gold != got:
                typer.echo(f"{case['id']}: gold={gold} predicted={got} | {case['text']}", err=True)
    rows: list[tuple[str, ...]] = [("type", "precision", "recall", "F1", "gold")]
    rows += [(t, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", str(n)) for t, p, r, f, n in tally.per_type()]
    metrics = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in tally.metrics().items()}
    rows.append(("micro", f"{metrics['precision']:.3f}", f"{metrics['recall']:.3f}", f"{metrics['f1']:.3f}",
                 str(metrics["gold_events"])))
    metrics["split"] = f"{prefix}{'*' if prefix else ''}:{split}"
    print_metrics(f"PLOVER events ({split})", metrics, rows=rows)
