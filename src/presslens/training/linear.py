"""Fit the techniques layer's linear models with scikit-learn (training only).

Stacks feature blocks (``analyzers.techniques.linear.Block``) into one scipy CSR matrix, fits a
logistic regression and cuts the coefficients back into per-group weight tables, which the
run-time :class:`~presslens.analyzers.techniques.linear.LinearModel` scores with numpy alone.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from presslens.analyzers.techniques.linear import Block, LinearModel


def stack(blocks: dict[str, Block], dense: np.ndarray, sizes: dict[str, int], n_rows: int) -> Any:
    """One scipy CSR matrix: every group's one-hot columns, then the dense columns."""
    import scipy.sparse as sp

    mats = []
    for name in sorted(sizes):
        rows, ids, vals = blocks[name]
        mats.append(sp.csr_matrix((vals, (rows, ids)), shape=(n_rows, sizes[name])))
    mats.append(sp.csr_matrix(dense))
    return sp.hstack(mats, format="csr")


def fit(
    blocks: dict[str, Block], dense: np.ndarray, y: np.ndarray, sizes: dict[str, int],
    labels: tuple[str, ...], c: float = 1.0, class_weight: Any = None,
) -> LinearModel:
    """Fit a logistic regression and cut its coefficients into group tables."""
    from sklearn.linear_model import LogisticRegression

    x = stack(blocks, dense, sizes, len(y))
    clf = LogisticRegression(C=c, max_iter=300, class_weight=class_weight, solver="lbfgs")
    clf.fit(x, y)
    coef = clf.coef_.T  # (n_features, n_out or 1)
    if len(clf.classes_) > 2:
        full = np.zeros((coef.shape[0], len(labels)))
        bias = np.full(len(labels), -30.0)
        for j, cls in enumerate(clf.classes_):
            full[:, int(cls)], bias[int(cls)] = coef[:, j], clf.intercept_[j]
        coef = full
    else:
        bias = clf.intercept_
    groups: dict[str, np.ndarray] = {}
    at = 0
    for name in sorted(sizes):
        groups[name] = coef[at : at + sizes[name]]
        at += sizes[name]
    return LinearModel(groups, coef[at:], np.asarray(bias), labels)
