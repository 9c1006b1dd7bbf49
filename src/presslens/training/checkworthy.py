"""Train the check-worthiness model (scikit-learn at training time only).

Model: L2 logistic regression (liblinear) over ``features.py`` (hashed n-grams, named cues) and
the static sentence embedding of ``presslens.nlp.embeddings`` (columns scaled by ``EMB_SCALE``:
+0.011 F1 on debates held out in 5 contiguous blocks, every block up); then

1. grouped cross-validation: ``id_blocks`` folds of contiguous sentence ids
   (whole debates held out, see ``data.py``) give out-of-fold scores — the
   honest figure, since the shared dev split comes from the same debates;
2. Platt scaling (Platt 1999) fitted on those out-of-fold scores, so the
   probability is calibrated for *unseen* debates, not for the training ones;
3. the decision threshold: the lowest cut whose out-of-fold F1 of Yes is within
   ``THRESHOLD_TOLERANCE`` of the best (recall first where the F1 curve is flat);
4. export to ``.npz``: float16 hashed weights, float32 dense weights, bias,
   Platt ``a``/``b``, threshold, feature names and hash size (no pickles).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from presslens.analyzers.claims import features as ft
from presslens.eval.checkthat import Example
from presslens.eval.checkworthy import best_threshold, binary_scores
from presslens.training.claims_calibration import reliability

DEFAULT_C = 1.0
EMB_SCALE = 2.0
"""Scale of the sentence-embedding columns (unit rows) beside the L2-normalised n-grams and 0/1 cues."""
DEFAULT_FOLDS = 10
THRESHOLD_TOLERANCE = 0.005
"""The Yes/No cut is the lowest whose out-of-fold F1 is within this of the best: recall first."""


@dataclass
class TrainReport:
    """What training measured: grouped-CV scores and the chosen threshold."""

    n: int
    folds: int
    cv: dict[str, float] = field(default_factory=dict)
    fold_f1: list[float] = field(default_factory=list)
    threshold: float = 0.5
    reliability: list[tuple[str, int, float, float]] = field(default_factory=list)
    brier: float = 0.0


def featurize(texts: list[str]) -> Any:
    """Sparse design matrix: L2-normalised binary hashed n-grams, then dense cues."""
    from scipy import sparse

    rows, cols, vals = [], [], []
    for i, text in enumerate(texts):
        idx = ft.hashed_indices(text)
        w = 1.0 / math.sqrt(len(idx)) if idx else 0.0
        rows.extend([i] * len(idx))
        cols.extend(idx)
        vals.extend([w] * len(idx))
    hashed = sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), ft.N_HASH))
    dense = sparse.csr_matrix(np.array([ft.dense_features(t) for t in texts]))
    from presslens.nlp.embeddings import embed

    vectors = sparse.csr_matrix(embed(texts) * EMB_SCALE)
    return sparse.hstack([hashed, dense, vectors], format="csr")


def fit_linear(x: Any, y: np.ndarray, c: float = DEFAULT_C) -> tuple[np.ndarray, float]:
    """Fit the logistic regression; return (coefficients, intercept)."""
    from sklearn.linear_model import LogisticRegression

    used = np.unique(x.indices)  # unseen hash buckets keep weight 0 (same optimum, far fewer columns)
    clf = LogisticRegression(C=c, solver="liblinear", max_iter=200)
    clf.fit(x[:, used], y)
    coef = np.zeros(x.shape[1])
    coef[used] = clf.coef_[0]
    return coef, float(clf.intercept_[0])


def oof_scores(x: Any, y: np.ndarray, groups: list[int], c: float) -> np.ndarray:
    """Out-of-fold decision values, each group scored by a model that never saw it."""
    out = np.zeros(len(y))
    garr = np.asarray(groups)
    for g in sorted(set(groups)):
        test = garr == g
        coef, icpt = fit_linear(x[~test], y[~test], c)
        out[test] = x[test] @ coef + icpt
    return out


def platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Fit p = sigmoid(a*z + b) on held-out scores."""
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=1e4).fit(z.reshape(-1, 1), y)
    return float(lr.coef_[0][0]), float(lr.intercept_[0])


def train(examples: list[Example], *, c: float = DEFAULT_C, folds: int = DEFAULT_FOLDS) -> tuple[dict[str, np.ndarray], TrainReport]:
    """Train on labelled examples; return the weight arrays and the grouped-CV report."""
    data = [ex for ex in examples if ex.label is not None]
    y = np.array([1 if ex.label else 0 for ex in data])
    x = featurize([ex.text for ex in data])
    groups = id_blocks(data, folds)
    z = oof_scores(x, y, groups, c)
    a, b = platt(z, y)
    prob = 1.0 / (1.0 + np.exp(-(a * z + b)))
    thr = best_threshold(y.tolist(), prob.tolist(), THRESHOLD_TOLERANCE)
    report = TrainReport(len(data), folds, threshold=thr)
    report.cv = binary_scores(y.tolist(), (prob >= thr).tolist())
    report.cv["f1_at_0.5"] = binary_scores(y.tolist(), (prob >= 0.5).tolist())["f1"]
    garr = np.asarray(groups)
    report.reliability = reliability(prob, y.astype(float))
    report.brier = float(np.mean((prob - y) ** 2))
    report.fold_f1 = [binary_scores(y[garr == g].tolist(), (prob[garr == g] >= thr).tolist())["f1"] for g in range(folds)]
    coef, icpt = fit_linear(x, y, c)
    return export_arrays(coef, icpt, a, b, thr), report


def export_arrays(coef: np.ndarray, icpt: float, a: float, b: float, thr: float) -> dict[str, np.ndarray]:
    """Pack a fitted model into plain numpy arrays."""
    return {
        "w_hash": coef[: ft.N_HASH].astype(np.float16),
        "w_dense": coef[ft.N_HASH : ft.N_HASH + len(ft.DENSE_NAMES)].astype(np.float32),
        "w_emb": coef[ft.N_HASH + len(ft.DENSE_NAMES) :].astype(np.float32),
        "emb_scale": np.array(EMB_SCALE),
        "bias": np.array(icpt),
        "platt_a": np.array(a),
        "platt_b": np.array(b),
        "threshold": np.array(thr),
        "dense_names": np.array(ft.DENSE_NAMES),
        "hash_bits": np.array(ft.HASH_BITS),
    }


def save(arrays: dict[str, np.ndarray], out_dir: str | Path) -> Path:
    """Write ``weights.npz`` (compressed) into ``out_dir``; return its path."""
    from presslens.analyzers.claims.model import WEIGHTS_FILE

    path = Path(out_dir)
    path.mkdir(parents=True, exist_ok=True)
    target = path / WEIGHTS_FILE
    np.savez_compressed(target, **arrays)  # type: ignore[arg-type]
    return target


def id_blocks(examples: list[Example], n: int) -> list[int]:
    """Group index per example: ``n`` contiguous blocks of the sorted numeric ids."""
    keys = [int(ex.sentence_id) if ex.sentence_id.isdigit() else i for i, ex in enumerate(examples)]
    order = sorted(range(len(examples)), key=lambda i: keys[i])
    groups = [0] * len(examples)
    for rank, i in enumerate(order):
        groups[i] = rank * n // max(len(examples), 1)
    return groups
