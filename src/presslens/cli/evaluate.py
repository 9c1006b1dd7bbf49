"""``presslens eval <task>`` and ``presslens train <task>``: one module per task.

Each task module in ``presslens.cli.tasks`` defines ``register(eval_app,
train_app)`` and adds its own commands; the metrics code lives in
``presslens.eval``.  Every eval prints a table and ends with one JSON line.
"""

from __future__ import annotations

import importlib
import json
from typing import Any

import typer

TASKS: tuple[str, ...] = ("timex", "events", "attribution", "checkworthy", "techniques", "sentences", "audit")

eval_app = typer.Typer(help="Measure accuracy on a public dataset in its standard format.", no_args_is_help=True)
train_app = typer.Typer(help="Retrain a bundled model from a public dataset.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Attach the eval and train groups, with every task's commands."""
    for task in TASKS:
        try:
            module = importlib.import_module(f"presslens.cli.tasks.{task}")
        except ModuleNotFoundError:
            continue
        module.register(eval_app, train_app)
    app.add_typer(eval_app, name="eval")
    app.add_typer(train_app, name="train")


def print_metrics(title: str, metrics: dict[str, Any], *, rows: list[tuple[str, ...]] | None = None) -> None:
    """Print a metrics table, then the metrics as one machine-readable JSON line (last)."""
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=False)
    table = Table(title=title)
    if rows:
        header, *body = rows
        for col in header:
            table.add_column(col)
        for row in body:
            table.add_row(*row)
    else:
        table.add_column("metric")
        table.add_column("value", justify="right")
        for key, value in metrics.items():
            if isinstance(value, (int, float)):
                table.add_row(key, f"{value:.4f}" if isinstance(value, float) else str(value))
    console.print(table)
    typer.echo(json.dumps(metrics, sort_keys=True))
