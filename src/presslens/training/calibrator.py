"""Fit a small calibrated logistic model on named 0/1 features (scikit-learn, training only).

Used for the confidences of quantity readings, timex anchors and the inferred document date:
each example is ``(features: {name: value}, right: bool)``.  The model is an L2 logistic
regression; its honest probabilities are the out-of-fold ones of a grouped k-fold
(``groups`` keep one article's examples together), and the threshold is the lowest one whose
out-of-fold precision of the shown findings reaches ``target`` (coverage kept as high as that
allows).  The final weights are refitted on all examples and exported as plain numbers
(feature name → weight) that the analyzers apply with a dot product.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Example = tuple[Mapping[str, float], bool]


@dataclass
class Fit:
    """Weights, the chosen threshold and the out-of-fold (probability, right) pairs."""

    weights: dict[str, float]
    threshold: float
    oof: list[tuple[float, bool]] = field(default_factory=list)


def _matrix(examples: Sequence[Example], names: list[str]) -> Any:
    """Dense design matrix (rows = examples) without the bias column."""
    import numpy as np

    index = {n: k for k, n in enumerate(names)}
    x = np.zeros((len(examples), len(names)))
    for row, (feats, _) in enumerate(examples):
        for name, value in feats.items():
            if name in index:
                x[row, index[name]] = value
    return x


def _model(c: float) -> Any:
    """An L2 logistic regression with an intercept (the ``bias`` feature)."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=2000)


def fit(examples: Sequence[Example], groups: Sequence[str], *, c: float = 1.0, folds: int = 5,
        target: float = 0.95) -> Fit:
    """Out-of-fold probabilities by grouped k-fold, threshold for ``target``, final weights."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    names = sorted({n for feats, _ in examples for n in feats if n != "bias"})
    x, y = _matrix(examples, names), np.array([int(ok) for _, ok in examples])
    oof = np.full(len(y), float(y.mean()))
    splits = GroupKFold(n_splits=min(folds, len(set(groups)))).split(x, y, groups)
    for train, test in splits:
        if len(set(y[train])) < 2:
            continue
        oof[test] = _model(c).fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    final = _model(c).fit(x, y)
    weights = {"bias": float(final.intercept_[0])}
    weights.update({n: round(float(w), 4) for n, w in zip(names, final.coef_[0], strict=True)})
    pairs = [(float(p), bool(ok)) for p, ok in zip(oof, y, strict=True)]
    return Fit(weights, choose_threshold(pairs, target), pairs)


def choose_threshold(pairs: Sequence[tuple[float, bool]], target: float) -> float:
    """Lowest threshold (rounded to 0.05) whose shown findings reach ``target`` precision."""
    for step in range(0, 20):
        t = round(step * 0.05, 2)
        shown = [ok for p, ok in pairs if p >= t]
        if shown and sum(shown) / len(shown) >= target:
            return t
    return 0.95
