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

TASKS: tuple[str, ...] = ("timex", "events", "attribution", "checkworthy", "techniques", "genre", "sentences", "audit",
                          "entities", "quantities", "crossdoc")

eval_app = typer.Typer(help="Measure accuracy on a public dataset in its standard format.", no_args_is_help=True)
train_app = typer.Typer(help="Retrain a bundled model from a public dataset.", no_args_is_help=True)


def register(app: typer.Typer, tasks: tuple[str, ...] = TASKS, package: str = "presslens.cli.tasks") -> None:
    """Attach the eval and train groups, with every task's commands.

    A task whose module fails to import is never dropped in silence: a broken
    import inside presslens raises (it is a bug), and a missing third-party
    package (an optional extra not installed) gives the task placeholder
    commands that fail with one line naming the package.
    """
    for task in tasks:
        try:
            module = importlib.import_module(f"{package}.{task}")
        except ModuleNotFoundError as exc:
            if exc.name is None or exc.name.split(".")[0] in ("presslens", package.split(".")[0]):
                raise
            _register_missing(task, exc.name)
            continue
        module.register(eval_app, train_app)
    app.add_typer(eval_app, name="eval")
    app.add_typer(train_app, name="train")


def _register_missing(task: str, package: str) -> None:
    """Placeholder ``eval TASK`` / ``train TASK`` commands saying which package is missing."""

    def missing() -> None:
        """Fail with one line: the optional package this task needs is not installed."""
        from presslens.errors import MissingExtraError

        raise MissingExtraError(f"'{task}' needs the optional package '{package}', which is not installed "
                           f"(pip install {package.split('.')[0]}, or the presslens extra that provides it)")

    help_text = f"Unavailable: needs the optional package '{package}'."
    eval_app.command(task, help=help_text, context_settings={"ignore_unknown_options": True,
                                                             "allow_extra_args": True})(missing)
    train_app.command(task, help=help_text, context_settings={"ignore_unknown_options": True,
                                                              "allow_extra_args": True})(missing)


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
