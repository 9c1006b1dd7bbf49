"""``presslens train timex``: fit the confidences of the document date and of timex anchors."""

from __future__ import annotations

import typer


def register_train(train_app: typer.Typer) -> None:
    """Add ``train timex`` (filled in with the calibrators)."""
