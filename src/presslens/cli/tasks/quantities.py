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


def register(eval_app: typer.Typer, train_app: typer.Typer) -> None:
    """Add ``eval quantities`` (there is nothing to train)."""
    eval_app.command("quantities")(eval_quantities)


def eval_quantities(
    cases: list[Path] = typer.Option(list(DEFAULT_CASES), "--cases", help="Quantity cases (JSONL); repeatable."),
    show_errors: bool = typer.Option(False, "--errors", help="Print every disagreement to stderr."),
) -> None:
    """Share of gold quantities found with the right value, unit and counted thing, per split."""
    from presslens.cli.evaluate import print_metrics
    from presslens.eval.quantities import load_cases, metrics, run

    loaded = [c for path in cases for c in load_cases(path)]
    totals, notes = run(loaded)
    rows: list[tuple[str, ...]] = [("split", "gold", "shown", "uncertain", *_COLUMNS)]
    out: dict[str, object] = {"cases": len(loaded)}
    for split in sorted(totals, key=lambda s: (s == "all", s)):
        m = metrics(totals[split])
        rows.append((split, str(m["gold"]), str(m["shown"]), str(m["uncertain"]), *(f"{m[k]:.3f}" for k in _COLUMNS)))
        out.update({f"{split}_{k}": v for k, v in m.items()} if split != "all" else m)
    if show_errors:
        for line in notes:
            typer.echo(line, err=True)
    print_metrics("Quantities: value, unit, what is counted", out, rows=rows)
