"""Training and validation of the genre model (reporting / opinion / satire).

Data: SemEval-2023 Task 3 subtask-1 English train (433 articles: 382 opinion, 41 reporting, 10
satire) plus BBC News articles (all reporting).  Class mix: sample weights make every class
weigh the same in the loss (satire a tenth of that: :data:`SATIRE_WEIGHT`), and inside
``reporting`` the BBC articles together weigh as much as the SemEval ones, so neither source alone
defines the class.  Validation: stratified k-fold CV
(out-of-fold predictions), and *across sources*: a model trained without BBC scored on BBC, and
the packaged model scored on sources it never saw (the audit set's PolNeAR outlets and BBC
articles kept out of training).  The model ships as JSON (means, scales, weights) read with
numpy at run time.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from presslens.analyzers.techniques.bundle import load_model
from presslens.analyzers.techniques.features import token_table
from presslens.analyzers.techniques.genre import GenreModel, count_features, feature_names, genre_hashes
from presslens.analyzers.techniques.lexicon import load_lexicon
from presslens.analyzers.techniques.tagger import token_proba
from presslens.eval.genre import LABELS, GenreItem

DEFAULT_C = 0.01
SATIRE_WEIGHT = 0.1
"""Satire's share of a balanced class weight: 10 training examples; at full weight, satire calls in
cross-validation were right about 1 time in 13 and short opinion texts were called satire at p 0.97."""


def featurise(texts: Sequence[str], log: Callable[[str], None] = print) -> np.ndarray:
    """Raw feature rows of texts, read through the same ingest and parse as run time."""
    from presslens.ingest import ingest_text
    from presslens.nlp.language import make_docs
    from presslens.settings import Settings

    settings = Settings(layers=("techniques",), require_english=False)
    docs = [ingest_text(t, settings=settings).text for t in texts]
    lex = load_lexicon()
    hs = genre_hashes(lex)
    model = load_model()
    rows = []
    for i, nlp_doc in enumerate(make_docs(docs, batch_size=16)):
        table = token_table(nlp_doc, lex, docs[i])
        rows.append(count_features(table, hs, token_proba(model.tagger, table, model.vocab)).values)
        if i % 100 == 99:
            log(f"parsed {i + 1}/{len(docs)} articles")
    return np.vstack(rows) if rows else np.zeros((0, len(feature_names())))


def sample_weights(items: Sequence[GenreItem], satire: float = SATIRE_WEIGHT) -> np.ndarray:
    """Equal total weight per class (satire: ``satire`` of it); inside a class, equal total weight per source."""
    w = np.zeros(len(items))
    for lab in LABELS:
        members = [i for i, x in enumerate(items) if x.label == lab]
        sources = sorted({items[i].source for i in members})
        for src in sources:
            group = [i for i in members if items[i].source == src]
            w[group] = (satire if lab == "satire" else 1.0) / (len(sources) * len(group))
    return w * len(items) / max(w.sum(), 1e-12)


def fit(raw: np.ndarray, items: Sequence[GenreItem], c: float = DEFAULT_C) -> GenreModel:
    """Standardise log1p rates and fit a multinomial logistic regression with balanced weights."""
    from sklearn.linear_model import LogisticRegression

    logs = np.log1p(raw)
    mean, scale = logs.mean(axis=0), logs.std(axis=0)
    scale[scale < 1e-9] = 1.0
    y = np.array([LABELS.index(x.label) for x in items])
    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit((logs - mean) / scale, y, sample_weight=sample_weights(items))
    coef = np.zeros((len(LABELS), raw.shape[1]))
    intercept = np.full(len(LABELS), -30.0)
    if len(clf.classes_) == 2:  # binary fit: one weight row, the other class at logit 0
        low, high = (int(c) for c in clf.classes_)
        coef[high], intercept[high], intercept[low] = clf.coef_[0], clf.intercept_[0], 0.0
    else:
        for k, cls in enumerate(clf.classes_):
            coef[int(cls)], intercept[int(cls)] = clf.coef_[k], clf.intercept_[k]
    return GenreModel(feature_names(), mean, scale, coef, intercept, LABELS)


def stratified_folds(items: Sequence[GenreItem], k: int, seed: int = 7) -> list[np.ndarray]:
    """k folds with every label (and source) spread evenly; deterministic."""
    rng = np.random.default_rng(seed)
    fold_of = np.zeros(len(items), dtype=np.int64)
    for key in sorted({(x.label, x.source) for x in items}):
        members = np.array([i for i, x in enumerate(items) if (x.label, x.source) == key])
        rng.shuffle(members)
        fold_of[members] = np.arange(len(members)) % k
    return [np.flatnonzero(fold_of == f) for f in range(k)]


def cross_validate(raw: np.ndarray, items: Sequence[GenreItem], k: int = 5, c: float = DEFAULT_C) -> np.ndarray:
    """Out-of-fold class probabilities (n, 3)."""
    out = np.zeros((len(items), len(LABELS)))
    for fold in stratified_folds(items, k):
        train = np.setdiff1d(np.arange(len(items)), fold)
        model = fit(raw[train], [items[i] for i in train], c)
        out[fold] = model.proba(raw[fold])
    return out


def reliability(prob: np.ndarray, items: Sequence[GenreItem], bins: int = 5) -> dict[str, Any]:
    """Brier score and a reliability table of the top-label probability."""
    y = np.array([LABELS.index(x.label) for x in items])
    onehot = np.eye(len(LABELS))[y]
    top = prob.max(axis=1)
    right = prob.argmax(axis=1) == y
    table = []
    edges = np.linspace(1 / len(LABELS), 1.0, bins + 1)
    for lo, hi in itertools.pairwise(edges):
        sel = (top >= lo) & ((top < hi) | (hi == 1.0))
        if sel.any():
            table.append({"bin": f"{lo:.2f}-{hi:.2f}", "n": int(sel.sum()), "mean_p": float(top[sel].mean()),
                          "accuracy": float(right[sel].mean())})
    return {"brier": float(((prob - onehot) ** 2).sum(axis=1).mean()), "table": table}


def save(model: GenreModel, out: Path, meta: Mapping[str, Any]) -> Path:
    """Write ``genre.json`` (feature names, standardisation, weights, labels, training notes)."""
    out.mkdir(parents=True, exist_ok=True)
    doc = {"features": list(model.names), "mean": model.mean.round(6).tolist(), "scale": model.scale.round(6).tolist(),
           "coef": model.coef.round(6).tolist(), "intercept": model.intercept.round(6).tolist(),
           "labels": list(model.labels), "meta": dict(meta)}
    path = out / "genre.json"
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    return path
