"""``presslens eval events --cases FILE.jsonl`` and ``presslens train events``.

Eval scoring lives in ``presslens.eval.events``; ``--split dev|heldout`` keeps the held-out
cases (ids ending in ``--holdout`` digits) apart from tuning.  The events scored are those the
layer asserts (``--with-uncertain`` / ``--with-references`` add the others); the JSON line also
carries the calibration of the confidences (Brier score, reliability table).  Train refits the
confidence calibrator (``presslens.training.events``) on the audit set's dev split and the tune
split of the case files, and reports its reliability on their held-out parts.
"""

from __future__ import annotations

from pathlib import Path

import typer

from presslens.eval import packaged_cases

DEFAULT_CASES = packaged_cases("events_cases.jsonl")


def register(eval_app: typer.Typer, train_app: typer.Typer) -> None:
    """Add ``eval events``, ``eval judged-events`` and ``train events``."""
    eval_app.command("events")(eval_events)
    eval_app.command("judged-events")(eval_judged_events)
    train_app.command("events")(train_events)


def eval_judged_events(
    judged: Path = typer.Option(packaged_cases("events_judged.jsonl"), "--judged", help="Hand-judged events (JSONL)."),
    split: str = typer.Option("heldout", "--split", help="tune, heldout or all."),
    data: Path = typer.Option(Path("../shared/data"), "--data", help="Folder holding the judged articles (bbc/, polnear/)."),
) -> None:
    """Hand-judged precision on real articles: events shown as resolved, and all events."""
    from presslens.cli.evaluate import print_metrics
    from presslens.eval.events import judged_analyses, judged_precision

    if split not in ("tune", "heldout", "all"):
        raise typer.BadParameter("--split must be tune, heldout or all")
    metrics = judged_precision(judged_analyses(judged, data, split))
    metrics["split"] = split
    rows: list[tuple[str, ...]] = [("metric", "value")]
    rows += [(k, str(v)) for k, v in metrics.items() if k != "calibration"]
    print_metrics(f"Hand-judged events ({split})", metrics, rows=rows)


def eval_events(
    cases: Path = typer.Option(DEFAULT_CASES, "--cases", help="Event cases (JSONL, DESIGN.md format)."),
    split: str = typer.Option("all", "--split", help="all, dev or heldout."),
    holdout: str = typer.Option("012", "--holdout", help="Last digits of held-out case ids."),
    prefix: str = typer.Option("", "--prefix", help="Only cases whose id starts with this (e.g. ev, fr)."),
    show_errors: bool = typer.Option(False, "--errors", help="Print every sentence whose types differ."),
    confident_only: bool = typer.Option(False, "--confident-only", help="Score only the events above the confidence threshold."),
    with_references: bool = typer.Option(False, "--with-references", help="Also score passing references ('after the attack')."),
) -> None:
    """Event-type precision/recall/F1 (micro and macro over 16 types), role agreement, calibration."""
    from presslens.cli.evaluate import print_metrics
    from presslens.eval.events import load_cases, predict_cases, reported, score, select

    if split not in ("all", "dev", "heldout"):
        raise typer.BadParameter("--split must be all, dev or heldout")
    chosen = select(load_cases(cases), split, holdout, prefix)
    predictions = predict_cases(chosen)
    tally = score(chosen, predictions, confident_only=confident_only, with_references=with_references)
    confident = score(chosen, predictions, confident_only=True, with_references=with_references).metrics()
    if show_errors:
        for case in chosen:
            gold = sorted(e["type"] for e in case.get("events", []))
            kept = reported(predictions.get(str(case["id"]), []), confident_only=confident_only, with_references=with_references)
            got = sorted(e["type"] for e in kept)
            if gold != got:
                typer.echo(f"{case['id']}: gold={gold} predicted={got} | {case['text']}", err=True)
    rows: list[tuple[str, ...]] = [("type", "precision", "recall", "F1", "gold")]
    rows += [(t, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", str(n)) for t, p, r, f, n in tally.per_type()]
    metrics = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in tally.metrics().items()}
    rows.append(("micro", f"{metrics['precision']:.3f}", f"{metrics['recall']:.3f}", f"{metrics['f1']:.3f}",
                 str(metrics["gold_events"])))
    metrics["split"] = f"{prefix}{'*' if prefix else ''}:{split}"
    metrics["scored"] = ("confident" if confident_only else "reported") + ("+references" if with_references else "")
    metrics["confident_precision"] = round(confident["precision"], 4)
    metrics["confident_recall"] = round(confident["recall"], 4)
    metrics["calibration"] = tally.reliability.summary()
    print_metrics(f"PLOVER events ({split})", metrics, rows=rows)


def train_events(
    cases: list[Path] = typer.Option([packaged_cases("events_plover_cases.jsonl")], "--cases",
                                     help="Case files whose tune split (ids not ending in --holdout digits) is fitted on."),
    holdout: str = typer.Option("012", "--holdout", help="Last digits of held-out case ids."),
    data: Path = typer.Option(Path("../shared/data"), "--data", help="Folder holding the audit articles (bbc/, polnear/)."),
    judged: Path = typer.Option(packaged_cases("events_judged.jsonl"), "--judged",
                                help="Hand-judged events of real articles (their tune split is fitted on)."),
    out: Path | None = typer.Option(None, "--out", help="Where to write confidence.json (default: print only)."),
    target: float = typer.Option(0.85, "--target", help="Precision the threshold must reach on the fitted data."),
    c: float = typer.Option(1.0, "--c", help="Inverse L2 regularisation of the logistic regression."),
) -> None:
    """Refit the event confidence calibrator; report fit and held-out reliability; write confidence.json."""
    from presslens.training import require

    require()
    from presslens.cli.evaluate import print_metrics
    from presslens.training.events import fit_calibrator, write

    model, report = fit_calibrator(cases, holdout, data, judged=judged, target=target, c=c)
    if out is not None:
        typer.echo(f"wrote {write(model, out)}", err=True)
    rows: list[tuple[str, ...]] = [("signal", "weight")]
    rows += [(name, f"{w:+.3f}") for name, w in sorted(model["weights"].items(), key=lambda kv: -abs(kv[1]))]
    rows.append(("(bias)", f"{model['bias']:+.3f}"))
    rows.append(("(threshold)", f"{model['threshold']:.3f}"))
    print_metrics("Event confidence calibrator", report, rows=rows)
