"""Fit the story model: a logistic regression over the pair features of :mod:`presslens.corpus.crossdoc.pairs`.

Rows are the candidate pairs (documents sharing a blocking key) of the tune topics of ECB+ and
GVC validation folders; the label says whether both documents belong to one gold subtopic
(incident).  The fitted weights, the linkage threshold and what they were fitted on are written
as JSON; the corpus layer reads them with numpy only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np


def fit(rows: Sequence[tuple[Any, Any]]) -> tuple[list[float], float]:
    """Coefficients and intercept of a logistic regression on the stacked ``(X, y)`` rows."""
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([np.asarray(a) for a, _ in rows if len(a)])
    y = np.concatenate([np.asarray(b) for a, b in rows if len(a)])
    model = LogisticRegression(C=1.0, max_iter=2000).fit(x, y)
    return [float(c) for c in model.coef_[0]], float(model.intercept_[0])


def write(model: tuple[list[float], float], out: Path, threshold: float, sources: Sequence[str]) -> None:
    """Write the model JSON (features, coefficients, intercept, threshold, provenance)."""
    from presslens.corpus.crossdoc.pairs import FEATURES

    coef, intercept = model
    data = {"features": list(FEATURES), "coef": [round(c, 6) for c in coef], "intercept": round(intercept, 6),
            "threshold": threshold,
            "trained_on": f"candidate pairs of the tune topics of {', '.join(sources)} (presslens train stories)"}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
