"""``presslens eval quantities [--cases FILE]``: value, unit and counted thing on case files.

By default both packaged case files run (``quantities_tune.jsonl`` and the held-out
``quantities_heldout.jsonl``) and the table shows each split; see
``presslens.eval.quantities`` for the format and the metrics.
"""

from __future__ import annotations

from pathlib import Path

import typer

from presslens.eval import packaged_cases

DEFAULT_CASES = (packaged_cases("quantities_tune.jsonl"), packaged_cases("quantities_heldout.jsonl"))
_COLUMNS = ("value_found", "unit_accuracy", "counts_accuracy", "all_correct", "precision", "coverage")
_HEADS = ("value", "unit", "counts", "all", "prec", "cov")


def register(eval_app: typer.Typer, train_app: typer.Typer) -> None:
    """Add ``eval quantities`` and ``train quantities`` (the reading confidence)."""
    eval_app.command("quantities")(eval_quantities)
    train_app.command("quantities")(train_quantities)


def eval_quantities(
    cases: list[Path] = typer.Option(list(DEFAULT_CASES), "--cases", help="Quantity cases (JSONL); repeatable."),
    show_errors: bool = typer.Option(False, "--errors", help="Print every disagreement to stderr."),
) -> None:
    """Share of gold quantities found with the right value, unit and counted thing, per split."""
    from presslens.cli.evaluate import print_metrics
    from presslens.eval.calibration import brier, expected_calibration_error
    from presslens.eval.quantities import load_cases, metrics, run

    loaded = [c for path in cases for c in load_cases(path)]
    totals, notes, pairs = run(loaded)
    rows: list[tuple[str, ...]] = [("split", "gold", "shown", "unsure", *_HEADS, "brier")]
    out: dict[str, object] = {"cases": len(loaded)}
    for split in sorted(totals, key=lambda s: (s == "all", s)):
        m: dict[str, object] = {**metrics(totals[split]), "brier": brier(pairs[split]),
                                "ece": expected_calibration_error(pairs[split])}
        rows.append((split, str(m["gold"]), str(m["shown"]), str(m["uncertain"]),
                     *(f"{m[k]:.3f}" for k in _COLUMNS), str(m["brier"])))
        out.update({f"{split}_{k}": v for k, v in m.items()} if split != "all" else m)
    if show_errors:
        for line in notes:
            typer.echo(line, err=True)
    print_metrics("Quantities: value, unit, what is counted", out, rows=rows)


def train_quantities(
    data: Path = typer.Option(Path("../shared/data"), "--data", help="Folder holding the audit articles (bbc/, polnear/)."),
    cases: list[Path] = typer.Option([DEFAULT_CASES[0]], "--cases", help="Tune case files (JSONL); never the held-out one."),
    out: Path = typer.Option(..., "--out", help="Where to write confidence.json (the packaged one: src/presslens/resources/quantities/confidence.json)."),
    c: float = typer.Option(0.5, "--c", help="Inverse L2 regularisation of the logistic regression."),
    target: float = typer.Option(0.97, "--target", help="Out-of-fold precision the shown readings must reach."),
) -> None:
    """Fit the confidence of quantity readings on the tune cases and the audit set's dev articles."""
    from presslens.training import require

    require()
    from presslens.cli.evaluate import print_metrics
    from presslens.eval.calibration import reliability, summary
    from presslens.training.quantities import save, train

    result, n = train(cases, data, c=c, target=target)
    report = {"examples": n, **summary(result.oof, result.threshold)}
    path = save(result, out, {k: v for k, v in report.items() if k != "reliability"})
    rows: list[tuple[str, ...]] = [("bin", "n", "confidence", "right")]
    rows += [(str(r["bin"]), str(r["n"]), str(r["confidence"]), str(r["right"])) for r in reliability(result.oof)]
    print_metrics(f"Quantity confidence (out-of-fold), written to {path}", report, rows=rows)
