"""``presslens train entities`` and ``presslens eval entities``: the entity confidences.

Train fits the rates per bin on one audit split (default ``dev``), measures their reliability
(Brier score, observed vs predicted per band) on another (default ``heldout``) and writes the
table to ``--out`` - by default a user data directory, so the packaged
``resources/entities/confidence.json`` is only replaced when ``--out`` names it.  Eval measures
the reliability of the bundled (or a given) table on a split.  Cluster precision and coverage
are ``presslens eval audit --layers entities``.
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
    """Add ``eval entities`` and ``train entities``."""
    eval_app.command("entities")(eval_entities)
    train_app.command("entities")(train_entities)


def eval_entities(
    data: Path = typer.Option(DEFAULT_DATA, "--data", help="Folder holding the audit articles (bbc/, polnear/)."),
    split: str = typer.Option("heldout", "--split", help="Audit split to measure on (dev, heldout or all)."),
    table: Path | None = typer.Option(None, "--table", help="A confidence.json to measure (default: the bundled one)."),
) -> None:
    """Reliability of the entity confidences (membership, entity, type) on an audit split."""
    from presslens import resources
    from presslens.cli.evaluate import print_metrics
    from presslens.errors import DatasetError
    from presslens.training.entities import audit_rows, reliability

    if not data.is_dir():
        raise DatasetError(f"{data}: no such folder (pass --data DIR, the folder holding bbc/ and polnear/)")
    fitted = json.loads(table.read_text("utf-8")) if table else resources.json_data("entities/confidence.json")
    measured = {head: reliability(fitted[head], rows) for head, rows in audit_rows(data, split).items()}
    rows: list[tuple[str, ...]] = [("head", "split", "n", "brier", "bands (predicted/observed)")]
    rows += [(h, split, str(r.get("n", 0)), str(r.get("brier", "-")),
              "  ".join(f"{b['band']}: {b['predicted']}/{b['observed']} (n={b['n']})" for b in r.get("bands", ())))
             for h, r in measured.items()]
    print_metrics(f"Entity confidences on the audit {split} split", {"split": split, "reliability": measured}, rows=rows)


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
