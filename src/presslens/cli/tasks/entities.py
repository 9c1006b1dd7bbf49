"""``presslens train entities``: refit the entities layer's calibration on the audit labels.

Fits the rates per bin on one split (default ``dev``), measures their reliability (Brier score,
observed vs predicted per band) on another (default ``heldout``) and writes the table to
``--out`` - by default a user data directory, so the packaged
``resources/entities/confidence.json`` is only replaced when ``--out`` names it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer

DEFAULT_DATA = Path("../shared/data")
THRESHOLDS = {"member": 0.8, "entity": 0.75, "type": 0.8}


def default_out() -> Path:
    """Where ``train entities`` writes without ``--out``: the user's data dir."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "presslens" / "entities" / "confidence.json"


def register(eval_app: typer.Typer, train_app: typer.Typer) -> None:
    """Add ``train entities`` (the audit command evaluates)."""
    train_app.command("entities")(train_entities)


def train_entities(
    data: Path = typer.Option(DEFAULT_DATA, "--data", help="Folder holding the audit articles (bbc/, polnear/)."),
    fit_split: str = typer.Option("dev", "--fit-split", help="Audit split to fit on (dev, heldout or all)."),
    check_split: str = typer.Option("heldout", "--check-split", help="Audit split to measure reliability on ('' = none)."),
    out: Path = typer.Option(None, "--out", help="Where to write confidence.json (default: the user data dir)."),
) -> None:
    """Fit membership, entity and type confidences; print their reliability on the other split."""
    from presslens.cli.evaluate import print_metrics
    from presslens.errors import DatasetError
    from presslens.training.entities import audit_rows, fit, reliability

    if not data.is_dir():
        raise DatasetError(f"{data}: no such folder (pass --data DIR, the folder holding bbc/ and polnear/)")
    table = fit(audit_rows(data, fit_split), THRESHOLDS)
    checked = audit_rows(data, check_split) if check_split else {}
    table["about"] = (f"Fitted by `presslens train entities` on the audit set's {fit_split} split; "
                      "rate = share right per bin, shrunk toward the parent bin (see analyzers/entities/confidence.py).")
    table["reliability"] = {head: reliability(table[head], rows) for head, rows in checked.items()}
    target = out or default_out()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    rows: list[tuple[str, ...]] = [("head", "split", "n", "brier")]
    rows += [(h, check_split, str(r.get("n", 0)), str(r.get("brier", "-"))) for h, r in table["reliability"].items()]
    print_metrics(f"Entity confidences written to {target}", {"reliability": table["reliability"]}, rows=rows)
