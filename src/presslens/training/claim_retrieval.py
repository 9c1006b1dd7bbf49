"""Fit the claim re-ranker: a logistic regression over :data:`retrieval.FEATURES` (training only).

Rows are the BM25 candidates (top :data:`retrieval.DEPTH`) of the *tune* queries of CheckThat!
2020 T2 train (every 5th query is held out, :func:`presslens.eval.claim_retrieval.held_out`); the
label says whether the candidate is the query's verified claim.  The threshold for a match shown as
fact is the lowest probability at which candidate pairs of the tune queries are right at least
80% of the time (:data:`PRECISION`; a pool entry that repeats the verified claim word for word
counts as right).  Run ``presslens train claim-retrieval --data DATA_DIR``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from presslens.corpus.crossdoc import retrieval
from presslens.eval import claim_retrieval as data

PRECISION = 0.8  # of a link shown as fact, on the tune pairs
OUT = Path(__file__).resolve().parents[1] / "corpus" / "crossdoc" / "data" / "claim_retrieval.json"


def rows(index: retrieval.Index, queries: Sequence[tuple[str, str]],
         qrels: Mapping[str, set[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature rows and labels of every query's candidates, and labels that also accept a pool
    entry whose claim is the verified claim's word for word (the pool lists some claims twice)."""
    same = _same_text(index)
    xs, ys, eq = [], [], []
    for qid, text in queries:
        positions = index.candidates(text)
        if not positions:
            continue
        gold = qrels.get(qid, set())
        texts = {same[g] for g in gold if g in same}
        xs.append(index.features(text, positions))
        ys.append(np.asarray([index.entries[p].id in gold for p in positions], dtype=int))
        eq.append(np.asarray([same[index.entries[p].id] in texts for p in positions], dtype=int))
    return np.vstack(xs), np.concatenate(ys), np.concatenate(eq)


def _same_text(index: retrieval.Index) -> dict[str, str]:
    """Pool id → its claim as compared for duplicates (lower-cased words)."""
    return {e.id: " ".join(retrieval.tokens(e.claim)) for e in index.entries}


def fit(x: np.ndarray, y: np.ndarray, c: float = 1.0) -> tuple[list[float], float]:
    """Coefficients and intercept of a balanced-enough logistic regression."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=3000).fit(x, y)
    return [float(v) for v in model.coef_[0]], float(model.intercept_[0])


def threshold(probs: np.ndarray, y: np.ndarray, precision: float = 0.9) -> float:
    """Lowest probability above which candidate pairs are right at least ``precision`` of the time.

    Measured over every candidate pair, not only each query's best: in a corpus most claims have
    no fact-check at all, so a match must stand on its own probability, not on being the best.
    """
    order = np.argsort(-probs, kind="stable")
    right = np.cumsum(y[order])
    share = right / np.arange(1, len(order) + 1)
    ok = np.nonzero(share >= precision)[0]
    return round(float(probs[order][ok[-1]]), 4) if len(ok) else 1.0


def train(folder: Path, out: Path = OUT) -> dict[str, Any]:
    """Fit on the tune part of ``folder``'s train queries, write the model JSON; return what was fitted."""
    index = retrieval.Index([retrieval.Entry(*row) for row in data.read_pool(folder / "verified_claims.docs.tsv")])
    tune, _ = data.held_out(data.read_queries(folder / "train" / "tweets.queries.tsv"))
    qrels = data.read_qrels(folder / "train" / "tweet-vclaim-pairs.qrels")
    x, y, equal = rows(index, tune, qrels)
    coef, intercept = fit(x, y)
    cut = threshold(retrieval.Model(tuple(coef), intercept, 0.5).predict(x), equal, PRECISION)
    out.write_text(json.dumps({
        "features": list(retrieval.FEATURES), "coef": [round(v, 6) for v in coef], "intercept": round(intercept, 6),
        "threshold": cut, "threshold_precision": PRECISION, "depth": retrieval.DEPTH,
        "trained_on": "BM25 candidates of the tune queries of CheckThat! 2020 T2 train (every 5th query held out)",
    }, indent=1) + "\n", encoding="utf-8")
    return {"out": str(out), "rows": len(y), "positive": int(y.sum()), "threshold": cut}
