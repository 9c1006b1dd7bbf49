"""Check-worthiness scoring as CheckThat! defines it: F1 of the Yes class.

Pure functions over gold/predicted booleans, so they are testable on tiny
hand-made gold; ``evaluate_tsv`` applies a predictor to a CheckThat! TSV.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any


def binary_scores(gold: Sequence[bool | int], pred: Sequence[bool | int]) -> dict[str, float]:
    """Precision, recall, F1 of the positive (Yes) class, and accuracy."""
    if len(gold) != len(pred):
        raise ValueError("gold and predictions differ in length")
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if g and p)
    fp = sum(1 for g, p in zip(gold, pred, strict=True) if p and not g)
    fn = sum(1 for g, p in zip(gold, pred, strict=True) if g and not p)
    correct = sum(1 for g, p in zip(gold, pred, strict=True) if bool(g) == bool(p))
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    acc = correct / len(gold) if gold else 0.0
    return {"f1": f1, "precision": prec, "recall": rec, "accuracy": acc}


def best_threshold(gold: Sequence[bool | int], prob: Sequence[float], tolerance: float = 0.0) -> float:
    """The lowest probability cut-off whose F1 of Yes is within ``tolerance`` of the best.

    With ``tolerance`` 0 this is the F1-optimal cut (ties: the lower one); a small tolerance
    prefers recall where the F1 curve is flat (a desk skims a false alarm; it never sees a miss).
    """
    cuts = [step / 100 for step in range(5, 96)]
    f1s = [binary_scores(gold, [p >= thr for p in prob])["f1"] for thr in cuts]
    top = max(f1s)
    return next(thr for thr, f1 in zip(cuts, f1s, strict=True) if f1 >= top - tolerance - 1e-12)


def evaluate_tsv(path: str | Path, weights: str | Path | None = None) -> dict[str, Any]:
    """Score a CheckThat! TSV with a predictor; return the metrics dict."""
    from presslens.analyzers.claims.model import load_predictor
    from presslens.eval.checkthat import read_tsv

    examples = [ex for ex in read_tsv(path) if ex.label is not None]
    predictor = load_predictor(weights)
    pred = [predictor.label(ex.text) for ex in examples]
    metrics: dict[str, Any] = dict(binary_scores([bool(ex.label) for ex in examples], pred))
    metrics.update(n=len(examples), positives=sum(bool(ex.label) for ex in examples), threshold=predictor.threshold)
    return metrics
