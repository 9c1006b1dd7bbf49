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


def best_threshold(gold: Sequence[bool | int], prob: Sequence[float]) -> float:
    """The probability cut-off maximising F1 of Yes (ties: the lower cut)."""
    best, best_f1 = 0.5, -1.0
    for step in range(5, 96):
        thr = step / 100
        f1 = binary_scores(gold, [p >= thr for p in prob])["f1"]
        if f1 > best_f1 + 1e-12:
            best, best_f1 = thr, f1
    return best


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
