"""Training and cross-validation of the span tagger, technique classifier and calibrator on PTC.

Training needs scikit-learn and scipy (``presslens train techniques``); the result is a folder
of ``tagger.npz``, ``classifier.npz``, ``vocab.json`` and ``calibrator.json`` that run time reads
with numpy only.  Cross-validation splits by article (never scores an article the model saw) and
reports the SemEval-2020 Task 11 metrics from :mod:`presslens.eval.ptc`; its out-of-fold
candidates (learned and rule spans, as the layer outputs them) are the calibrator's training
rows, labelled by whether a gold span overlaps them.  The fixed held-out fifth of PTC train
(:func:`presslens.eval.ptc.is_holdout`) is left out of all of it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from presslens.analyzers.techniques.bundle import Model
from presslens.analyzers.techniques.calibration import Calibrator, Candidate, candidate_features
from presslens.analyzers.techniques.calibration import feature_names as calibrator_features
from presslens.analyzers.techniques.classifier import classifier_sizes, classify, span_features
from presslens.analyzers.techniques.detect import candidates
from presslens.analyzers.techniques.features import TokenTable, Vocab, token_table
from presslens.analyzers.techniques.lexicon import load_lexicon
from presslens.analyzers.techniques.linear import Block, LinearModel
from presslens.analyzers.techniques.tagger import decode, tagger_features, tagger_sizes, token_proba
from presslens.eval.ptc import Label, folds, merge_spans, span_scores, technique_scores
from presslens.model.records import TECHNIQUES
from presslens.training.linear import fit


@dataclass
class Params:
    """Hyper-parameters (chosen by cross-validation on PTC train)."""

    min_count: int = 2
    tagger_c: float = 0.3
    classifier_c: float = 1.0
    threshold: float = 0.27
    width: int = 0
    gap: int = 40
    calibrator_c: float = 1.0
    shown_threshold: float = 0.5
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Bundle:
    """A trained model: vocabulary, tagger, classifier and decoding parameters."""

    vocab: Vocab
    tagger: LinearModel
    classifier: LinearModel
    params: Params
    calibrator: Calibrator | None = None

    def model(self) -> Model:
        """The run-time view of this bundle (what ``detect`` takes)."""
        p = self.params
        return Model(self.vocab, self.tagger, self.classifier, {"threshold": p.threshold, "width": p.width, "gap": p.gap})


def parse_articles(texts: Mapping[str, str], log: Callable[[str], None] = print) -> dict[str, TokenTable]:
    """Parse articles with the shared spaCy pipeline into token tables."""
    from presslens.nlp.language import make_docs

    lex = load_lexicon()
    ids = sorted(texts)
    out: dict[str, TokenTable] = {}
    for i, doc in enumerate(make_docs((texts[k] for k in ids), batch_size=16)):
        out[ids[i]] = token_table(doc, lex)
        if i % 50 == 49:
            log(f"parsed {i + 1}/{len(ids)} articles")
    return out


def build_vocab(tables: Iterable[TokenTable], min_count: int) -> Vocab:
    """Words seen at least ``min_count`` times (by lower-case form) and all fine tags."""
    words: Counter[str] = Counter()
    tags: set[str] = set()
    for t in tables:
        words.update(_words_of(t))
    from presslens.nlp import get_nlp

    tags = set(get_nlp().get_pipe("tagger").labels)
    return Vocab(tuple(sorted(w for w, c in words.items() if c >= min_count)), tuple(sorted(tags)))


def _words_of(table: TokenTable) -> list[str]:
    """Lower-case token strings of a table (from its text)."""
    return [table.text[a:b].lower() for a, b in zip(table.start.tolist(), table.end.tolist(), strict=True)]


def token_labels(table: TokenTable, spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """1 for tokens overlapping a gold span."""
    y = np.zeros(len(table), dtype=np.int64)
    for s, e in merge_spans(spans):
        y[(table.start < e) & (table.end > s)] = 1
    y[table.space] = 0
    return y


def _concat(parts: list[tuple[dict[str, Block], np.ndarray, int]]) -> tuple[dict[str, Block], np.ndarray, int]:
    """Concatenate feature blocks of several documents (row offsets shifted)."""
    blocks: dict[str, list[Block]] = {}
    at = 0
    for b, _, n in parts:
        for name, (r, i, v) in b.items():
            blocks.setdefault(name, []).append((r + at, i, v))
        at += n
    merged = {k: tuple(np.concatenate(x) for x in zip(*v, strict=True)) for k, v in blocks.items()}
    dense = np.vstack([d for _, d, _ in parts])
    return merged, dense, at  # type: ignore[return-value]


def train(tables: Mapping[str, TokenTable], labels: Sequence[Label], params: Params) -> Bundle:
    """Fit vocabulary, tagger and classifier on the given articles."""
    vocab = build_vocab(tables.values(), params.min_count)
    by_art: dict[str, list[Label]] = {}
    for lab in labels:
        by_art.setdefault(lab.article, []).append(lab)
    tag_parts, ys = [], []
    cls_parts: list[tuple[dict[str, Block], np.ndarray, int]] = []
    yc: list[int] = []
    for art, table in tables.items():
        labs = by_art.get(art, [])
        if not len(table):
            continue
        b, d = tagger_features(table, vocab)
        tag_parts.append((b, d, len(table)))
        ys.append(token_labels(table, [(x.start, x.end) for x in labs]))
        if labs:
            cb, cd = span_features(table, vocab, [(x.start, x.end) for x in labs])
            cls_parts.append((cb, cd, len(labs)))
            yc.extend(TECHNIQUES.index(x.technique) for x in labs)
    tb, td, _ = _concat(tag_parts)
    tagger = fit(tb, td, np.concatenate(ys), tagger_sizes(vocab), ("propaganda",), c=params.tagger_c)
    cb, cd, _ = _concat(cls_parts)
    clf = fit(cb, cd, np.array(yc), classifier_sizes(vocab), TECHNIQUES, c=params.classifier_c)
    return Bundle(vocab, tagger, clf, params)


def predict_spans(bundle: Bundle, table: TokenTable) -> list[tuple[int, int, float]]:
    """Decoded technique spans of one article."""
    p = bundle.params
    return decode(table, token_proba(bundle.tagger, table, bundle.vocab), p.threshold, p.width, p.gap)


def cross_validate(tables: Mapping[str, TokenTable], labels: Sequence[Label], params: Params, k: int,
                   log: Callable[[str], None] = print, thresholds: Sequence[float] = ()) -> dict[str, Any]:
    """k-fold CV by article: SI P/R/F1, TC micro-F1 and the layer's candidates, on held-out articles only.

    ``span`` scores the learned tagger alone (best of ``thresholds``); ``layer_span`` scores what
    the layer outputs (learned + rule candidates); ``candidates``/``features``/``correct`` are the
    calibrator's training rows.
    """
    pred_tc: list[str] = []
    gold_tc: list[str] = []
    probs: dict[str, np.ndarray] = {}
    cands: list[tuple[str, Candidate]] = []
    rows: list[np.ndarray] = []
    for i, fold in enumerate(folds(list(tables), k)):
        held = set(fold)
        bundle = train({a: t for a, t in tables.items() if a not in held},
                       [x for x in labels if x.article not in held], params)
        for art in fold:
            probs[art] = token_proba(bundle.tagger, tables[art], bundle.vocab)
            found, density = candidates(tables[art], bundle.model())
            cands.extend((art, c) for c in found)
            rows.append(candidate_features(found, tables[art], density))
            labs = [x for x in labels if x.article == art]
            if labs:
                pr = classify(bundle.classifier, tables[art], bundle.vocab, [(x.start, x.end) for x in labs])
                pred_tc.extend(TECHNIQUES[j] for j in pr.argmax(axis=1))
                gold_tc.extend(x.technique for x in labs)
        log(f"fold {i + 1}/{k} done")
    sweep = {}
    for th in thresholds or (params.threshold,):
        pred = [Label(a, "", s, e) for a, t in tables.items()
                for s, e, _ in decode(t, probs[a], th, params.width, params.gap)]
        sweep[th] = span_scores(pred, labels)
    best = max(sweep, key=lambda th: sweep[th]["f1"])
    layer = [Label(a, c.technique, c.start, c.end) for a, c in cands]
    return {"span": sweep[best], "threshold": best, "sweep": sweep, "probs": probs,
            "technique": technique_scores(pred_tc, gold_tc), "layer_span": span_scores(layer, labels),
            "candidates": cands, "features": np.vstack(rows) if rows else np.zeros((0, len(calibrator_features()))),
            "correct": overlaps_gold(cands, labels)}


def overlaps_gold(cands: Sequence[tuple[str, Candidate]], labels: Sequence[Label]) -> np.ndarray:
    """1 for each candidate that shares a character with a gold span of its article."""
    by_art: dict[str, list[tuple[int, int]]] = {}
    for lab in labels:
        by_art.setdefault(lab.article, []).append((lab.start, lab.end))
    merged = {a: merge_spans(v) for a, v in by_art.items()}
    out = np.zeros(len(cands), dtype=np.int64)
    for r, (art, c) in enumerate(cands):
        out[r] = any(s < c.end and c.start < e for s, e in merged.get(art, ()))
    return out


def fit_calibrator(x: np.ndarray, y: np.ndarray, c: float, threshold: float) -> Calibrator:
    """Logistic calibrator on candidate features (out-of-fold rows only)."""
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(x, y)
    return Calibrator(calibrator_features(), clf.coef_[0].astype(np.float64), float(clf.intercept_[0]), threshold)


def reliability(p: np.ndarray, y: np.ndarray, bins: int = 10) -> dict[str, Any]:
    """Brier score and a reliability table (equal-width bins of predicted probability)."""
    table = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        sel = (p >= lo) & ((p < hi) | (b == bins - 1))
        if sel.any():
            table.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": int(sel.sum()), "mean_p": float(p[sel].mean()),
                          "observed": float(y[sel].mean())})
    return {"brier": float(((p - y) ** 2).mean()) if len(y) else 0.0, "table": table}


def save_bundle(bundle: Bundle, out: Path, meta: Mapping[str, Any]) -> None:
    """Write tagger.npz, classifier.npz, vocab.json (and calibrator.json when fitted) to a folder."""
    out.mkdir(parents=True, exist_ok=True)
    bundle.tagger.save(out / "tagger.npz")
    bundle.classifier.save(out / "classifier.npz")
    p = bundle.params
    doc = {"words": list(bundle.vocab.words), "tags": list(bundle.vocab.tags),
           "params": {"threshold": p.threshold, "width": p.width, "gap": p.gap, "min_count": p.min_count,
                      "tagger_c": p.tagger_c, "classifier_c": p.classifier_c}, "meta": dict(meta)}
    (out / "vocab.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    if bundle.calibrator is not None:
        cal = bundle.calibrator.to_dict({"fitted_on": "out-of-fold candidates, PTC train minus the held-out fifth"})
        (out / "calibrator.json").write_text(json.dumps(cal, indent=1), encoding="utf-8")
