"""Fit the claim re-ranker: a logistic regression over :data:`retrieval.FEATURES` (training only).

Rows are the BM25 candidates (top :data:`retrieval.DEPTH`) of the *tune* queries of CheckThat!
2020 T2 train (every 5th query is held out, :func:`presslens.eval.claim_retrieval.held_out`); the
label says whether the candidate is the query's verified claim.  The threshold for a match shown as
fact is the lowest probability at which the best candidate of a tune query is right at least 90%
of the time.  Run ``presslens train claim-retrieval --data DATA_DIR``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from presslens.corpus.crossdoc import retrieval
from presslens.eval import claim_retrieval as data

OUT = Path(__file__).resolve().parents[1] / "resources" / "claims" / "retrieval.json"


def rows(index: retrieval.Index, queries: Sequence[tuple[str, str]],
         qrels: Mapping[str, set[str]]) -> tuple[np.ndarray, np.ndarray, list[tuple[int, bool]]]:
    """Feature rows and labels of every query's candidates, plus (row of its best BM25 candidate, gold?)."""
    xs, ys = [], []
    for qid, text in queries:
        positions = index.candidates(text)
        if not positions:
            continue
        xs.append(index.features(text, positions))
        ys.append(np.asarray([index.entries[p].id in qrels.get(qid, set()) for p in positions], dtype=int))
    return np.vstack(xs), np.concatenate(ys), []


def fit(x: np.ndarray, y: np.ndarray, c: float = 1.0) -> tuple[list[float], float]:
    """Coefficients and intercept of a balanced-enough logistic regression."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=3000).fit(x, y)
    return [float(v) for v in model.coef_[0]], float(model.intercept_[0])


def threshold(index: retrieval.Index, model: retrieval.Model, queries: Sequence[tuple[str, str]],
              qrels: Mapping[str, set[str]], precision: float = 0.9) -> float:
    """Lowest top-1 probability above which the top match is right at least ``precision`` of the time."""
    tops = []
    for qid, text in queries:
        hits = index.rank(text, model=model)
        if hits:
            tops.append((hits[0].confidence, hits[0].entry.id in qrels.get(qid, set())))
    tops.sort(reverse=True)
    best, right = 1.0, 0
    for n, (conf, ok) in enumerate(tops, start=1):
        right += ok
        if right / n >= precision:
            best = conf
    return round(best, 4)


def train(folder: Path, out: Path = OUT) -> dict[str, Any]:
    """Fit on the tune part of ``folder``'s train queries, write the model JSON; return what was fitted."""
    index = retrieval.Index(data.read_pool(folder / "verified_claims.docs.tsv"))
    tune, _ = data.held_out(data.read_queries(folder / "train" / "tweets.queries.tsv"))
    qrels = data.read_qrels(folder / "train" / "tweet-vclaim-pairs.qrels")
    x, y, _ = rows(index, tune, qrels)
    coef, intercept = fit(x, y)
    model = retrieval.Model(tuple(coef), intercept, 0.5)
    cut = threshold(index, model, tune, qrels)
    out.write_text(json.dumps({
        "features": list(retrieval.FEATURES), "coef": [round(v, 6) for v in coef], "intercept": round(intercept, 6),
        "threshold": cut, "depth": retrieval.DEPTH,
        "trained_on": "BM25 candidates of the tune queries of CheckThat! 2020 T2 train (every 5th query held out)",
    }, indent=1) + "\n", encoding="utf-8")
    return {"out": str(out), "rows": len(y), "positive": int(y.sum()), "threshold": cut}
