"""``presslens eval|train checkworthy --tsv FILE`` and ``presslens eval|train claims-calibration``.

Eval scores a CheckThat! TSV (F1 of Yes, P, R, accuracy) with the packaged
model or ``--weights``.  Train refits the model (scikit-learn), reports the
grouped cross-validation (whole debates held out) and writes ``weights.npz``
to ``--out`` — by default a user data directory, so the packaged weights are
only replaced when ``--out`` names their folder explicitly.  ``train claims-calibration`` refits
the claim kind / confidence / news models on the audit dev split (leave-one-article-out figures);
``eval claims-calibration`` measures a fitted one on another split (default ``heldout``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import typer


def default_out() -> Path:
    """Where ``train checkworthy`` writes without ``--out``: the user's data dir."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "presslens" / "checkworthy"


def register(eval_app: typer.Typer, train_app: typer.Typer) -> None:
    """Add ``eval checkworthy`` and ``train checkworthy``."""
    eval_app.command("checkworthy")(eval_checkworthy)
    train_app.command("checkworthy")(train_checkworthy)
    train_app.command("claims-calibration")(train_claims_calibration)
    eval_app.command("claims-calibration")(eval_claims_calibration)


def eval_checkworthy(
    tsv: Path = typer.Option(..., "--tsv", exists=True, dir_okay=False, help="CheckThat! TSV: Sentence_id, Text, class_label."),
    weights: Path | None = typer.Option(None, "--weights", help="weights.npz (or its folder); default: the packaged model."),
) -> None:
    """F1 of the Yes class (plus precision, recall, accuracy) on a CheckThat! TSV."""
    from presslens.cli.evaluate import print_metrics
    from presslens.eval.checkworthy import evaluate_tsv

    metrics = evaluate_tsv(tsv, weights)
    rows: list[tuple[str, ...]] = [("metric", "value")]
    rows += [(k, f"{v:.4f}" if isinstance(v, float) else str(v)) for k, v in metrics.items()]
    print_metrics(f"Check-worthiness on {tsv.name}", {k: round(v, 4) if isinstance(v, float) else v for k, v in metrics.items()}, rows=rows)


def train_checkworthy(
    tsv: Path = typer.Option(..., "--tsv", exists=True, dir_okay=False, help="CheckThat! training TSV."),
    out: Path | None = typer.Option(None, "--out", help=f"Output folder for weights.npz (default: {default_out()})."),
    c: float = typer.Option(3.0, "--c", help="Inverse L2 regularisation of the logistic regression."),
    folds: int = typer.Option(10, "--folds", help="Grouped CV folds (contiguous sentence-id blocks = whole debates)."),
) -> None:
    """Retrain the check-worthiness model; report grouped-CV F1; write weights.npz."""
    from presslens.training import require

    require()
    from presslens.cli.evaluate import print_metrics
    from presslens.eval.checkthat import read_tsv
    from presslens.training.checkworthy import save, train

    target = out or default_out()
    arrays, report = train(read_tsv(tsv), c=c, folds=folds)
    path = save(arrays, target)
    typer.echo(f"wrote {path}", err=True)
    metrics: dict[str, object] = {f"grouped_cv_{k}": round(v, 4) for k, v in report.cv.items()}
    metrics.update(n=report.n, folds=report.folds, threshold=report.threshold, weights=str(path))
    rows: list[tuple[str, ...]] = [("fold", "F1 of Yes")]
    rows += [(str(i), f"{f:.4f}") for i, f in enumerate(report.fold_f1)]
    rows.append(("pooled", f"{report.cv['f1']:.4f}"))
    rows += [(f"p {b}: n={n}", f"mean {m:.3f} / Yes {o:.3f}") for b, n, m, o in report.reliability]
    metrics["grouped_cv_brier"] = round(report.brier, 4)
    print_metrics("Check-worthiness: grouped cross-validation (held-out debates)", metrics, rows=rows)


def train_claims_calibration(
    data: Path = typer.Option(Path("../shared/data"), "--data", help="Folder holding the audit articles (bbc/, polnear/)."),
    out: Path | None = typer.Option(None, "--out", help="Output folder for weights.npz (default: the user data dir)."),
) -> None:
    """Refit the claim kind, attribution-confidence and news check-worthiness models on the audit dev split."""
    from presslens.training import require

    require()
    from presslens.cli.evaluate import print_metrics
    from presslens.training.claims_calibration import save, train

    target = out or default_out().parent / "claims-calibration"
    arrays, rep = train(data)
    path = save(arrays, target)
    typer.echo(f"wrote {path}", err=True)
    metrics, rows = _calibration_table(rep)
    print_metrics("Claims calibration: leave-one-article-out on the audit dev split", metrics, rows=rows)


def eval_claims_calibration(
    data: Path = typer.Option(Path("../shared/data"), "--data", help="Folder holding the audit articles (bbc/, polnear/)."),
    split: str = typer.Option("heldout", "--split", help="Audit split to measure on (dev, heldout or all)."),
    weights: Path | None = typer.Option(None, "--weights", exists=True, dir_okay=False,
                                        help="A claims calibration weights.npz (default: the packaged one)."),
) -> None:
    """Precision and coverage by confidence, reliability and Brier of the claims calibration on an audit split."""
    import numpy as np

    from presslens.analyzers.claims.calibrate import Calibration
    from presslens.cli.evaluate import print_metrics
    from presslens.errors import DatasetError
    from presslens.training.claims_calibration import measure

    if not data.is_dir():
        raise DatasetError(f"{data}: no such folder (pass --data DIR, the folder holding bbc/ and polnear/)")
    if split not in ("dev", "heldout", "all"):
        raise DatasetError(f"--split {split}: expected dev, heldout or all")
    cal = None
    if weights is not None:
        with np.load(weights, allow_pickle=False) as npz:
            cal = Calibration({k: npz[k] for k in npz.files})
    rep = measure(data, split, cal)
    metrics, rows = _calibration_table(rep)
    print_metrics(f"Claims calibration on the audit {split} split (threshold and flag as fitted)", metrics, rows=rows)


def _calibration_table(rep: Any) -> tuple[dict[str, Any], list[tuple[str, ...]]]:
    """(metrics, table rows) of a calibration report: precision and coverage by confidence, reliability."""
    rows: list[tuple[str, ...]] = [("confidence ≥", "precision (kind+attribution)", "share resolved")]
    rows += [(f"{t:.2f}", f"{p:.3f}", f"{s:.3f}") for t, p, s in rep.thresholds]
    rows += [("confidence bin", "n", "mean confidence / observed right")]
    rows += [(b, str(n), f"{m:.3f} / {o:.3f}") for b, n, m, o in rep.confidence_reliability]
    rows += [("score bin", "n", "mean score / observed check-worthy")]
    rows += [(b, str(n), f"{m:.3f} / {o:.3f}") for b, n, m, o in rep.cw_reliability]
    metrics = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in vars(rep).items()
               if not isinstance(v, list)}
    return metrics, rows
