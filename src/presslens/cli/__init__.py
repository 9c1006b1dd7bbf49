"""Command line: ``presslens analyze | eval <task> | train <task>``.

Thin wrappers over the Python API (STYLE.md habit 4).  Only this package and
``present/terminal.py`` print.
"""

from __future__ import annotations

import sys

import typer

from presslens.about import __version__
from presslens.errors import PresslensError

app = typer.Typer(
    name="presslens",
    help="Dissect news and opinion articles into a structured, sourced analysis.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    """Print the version and stop (``--version``)."""
    if value:
        typer.echo(f"presslens {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """presslens command line."""


def _register() -> None:
    """Attach every command to the app (imports stay lazy)."""
    from presslens.cli import analyze, corpus, evaluate, serve

    analyze.register(app)
    evaluate.register(app)
    corpus.register(app)
    serve.register(app)


def main() -> None:
    """Entry point of the ``presslens`` console script."""
    _register()
    try:
        app()
    except PresslensError as exc:
        typer.echo(f"presslens: error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("presslens: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        import os

        if os.environ.get("PRESSLENS_DEBUG"):
            raise
        detail = " ".join(str(exc).split())[:300]
        typer.echo(f"presslens: error: internal error: {exc.__class__.__name__}: {detail} "
                   "(set PRESSLENS_DEBUG=1 for the traceback)", err=True)
        sys.exit(2)
