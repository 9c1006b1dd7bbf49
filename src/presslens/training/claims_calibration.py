"""Fit the claims layer's calibration (kind, attribution confidence, news check-worthiness).

Data: the audit set's ``dev`` articles (hand labels in ``eval/audit/labels/what``).  Each article
is analysed by the pipeline's quotes, quantities and entities layers; the claims layer's rules
and sentence model then give one :class:`~presslens.analyzers.claims.calibrate.Draft` per claim
unit, paired with the gold unit it overlaps most (``eval.audit.what.best_gold``).  Units that
overlap no gold unit (bylines, lists) are "not check-worthy" and have no kind to learn.

Three scikit-learn logistic regressions, exported as numpy arrays:

1. kind (multinomial) over ``kind_features``;
2. attribution right (binary) over ``attribution_features``;
3. check-worthy: Platt scaling of the sentence model's logit plus the fixed signal offsets.

Every training figure is **leave-one-article-out**: each article is scored by models fitted on
the other articles, the kind fed to models 2 and 3 included.  The uncertainty threshold is the
lowest confidence at which those held-out claims reach :data:`TARGET_PRECISION` with at least
:data:`MIN_RESOLVED` of them resolved; reliability
tables and Brier scores are computed on the same held-out probabilities.  :func:`measure`
scores a fitted calibration on another split (``presslens eval claims-calibration``, default the
``heldout`` articles) at its own threshold and flag.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from presslens.analyzers.claims import calibrate as cb
from presslens.analyzers.claims import features as ft
from presslens.analyzers.claims.units import SYNTAX_NAMES

TARGET_PRECISION = 0.75
MIN_RESOLVED = 0.2
"""The uncertainty threshold: the lowest confidence whose held-out claims reach TARGET_PRECISION
while at least MIN_RESOLVED of them stay resolved (else the most precise such cut)."""
FLAG_RECALL = 0.85
"""The check-worthy flag is set at the highest score that still finds this share of held-out gold."""
C_KIND, C_ATT, C_CW = 0.3, 1.0, 1e4
BINS = (0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0)
WEIGHTS_FILE = "weights.npz"


@dataclass
class Row:
    """One system claim unit with its gold labels (``kind`` None: no gold unit overlaps it)."""

    article: str
    draft: cb.Draft
    logit: float
    kind: str | None
    attribution_ok: bool
    checkworthy: bool


@dataclass
class CalibrationReport:
    """Leave-one-article-out figures of the three models."""

    n_claims: int = 0
    n_articles: int = 0
    rule_kind_accuracy: float = 0.0
    kind_accuracy: float = 0.0
    both_rule: float = 0.0
    both: float = 0.0
    threshold: float = 0.0
    resolved_precision: float = 0.0
    resolved_share: float = 0.0
    thresholds: list[tuple[float, float, float]] = field(default_factory=list)
    cw_flag: float = 0.5
    cw_flag_precision: float = 0.0
    cw_flag_recall: float = 0.0
    cw_brier: float = 0.0
    cw_brier_sentence_model: float = 0.0
    cw_reliability: list[tuple[str, int, float, float]] = field(default_factory=list)
    confidence_reliability: list[tuple[str, int, float, float]] = field(default_factory=list)
    confidence_brier: float = 0.0


def audit_rows(data_dir: Path, split: str = "dev") -> Iterator[Row]:
    """Rows of every audit article of ``split`` (analysed without claims, then drafted here)."""
    from presslens.eval.audit import load_groups, read_article

    group = next(g for g in load_groups(names=["what"]))
    for article, label in sorted(group.labels.items()):
        if split in (label["split"], "all"):
            raw = read_article(data_dir, article, [label])
            yield from _article_rows(data_dir / article, raw, article, label)


def _article_rows(path: Path, raw: bytes, article: str, label: dict[str, Any]) -> Iterator[Row]:
    """The rows of one article."""
    from presslens.analyzers.base import Context
    from presslens.analyzers.claims import drafts
    from presslens.analyzers.claims.model import load_predictor
    from presslens.eval.audit.what import best_gold, source_agrees
    from presslens.ingest import ingest_bytes
    from presslens.model.records import Claim
    from presslens.nlp import make_doc
    from presslens.pipeline import Pipeline
    from presslens.settings import Settings

    settings = Settings(keep_text=True, require_english=False, layers=("entities", "quotes", "quantities"))
    document = ingest_bytes(raw, source=str(path), settings=settings)
    nlp_doc = make_doc(document.text)
    analysis = Pipeline(settings).run(document, nlp_doc)
    ctx = Context(nlp_doc, settings, {"entities": analysis.entities, "quotes": analysis.quotes,
                                      "quantities": analysis.quantities})
    for _unit, span, draft, pred, _linked in drafts(document, ctx, load_predictor()):
        gold = best_gold(span, label.get("claims", ()))
        ok = gold is not None and draft.attribution.type == gold["attribution"]["type"] and source_agrees(
            Claim("x", span, draft.rule_kind, attribution=draft.attribution), gold, analysis)
        yield Row(article, draft, pred.logit, gold["kind"] if gold else None, bool(ok),
                  bool(gold and gold["checkworthy"] == "yes"))


def _fit(x: np.ndarray, y: np.ndarray, c: float) -> Any:
    """A fitted scikit-learn logistic regression."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=5000).fit(x, y)


def _kind_coef(model: Any) -> tuple[np.ndarray, np.ndarray]:
    """(features × kinds) weights and per-kind biases; kinds never seen get a very low bias."""
    n = model.coef_.shape[1]
    w, b = np.zeros((n, len(cb.KINDS))), np.full(len(cb.KINDS), -30.0)
    if len(model.classes_) == 2:  # binary: softmax over (0, z) is the logistic of z
        b[int(model.classes_[0])] = 0.0
        w[:, int(model.classes_[1])], b[int(model.classes_[1])] = model.coef_[0], model.intercept_[0]
        return w, b
    for j, cls in enumerate(model.classes_):
        w[:, int(cls)], b[int(cls)] = model.coef_[j], model.intercept_[j]
    return w, b


def fit_models(rows: list[Row]) -> dict[str, np.ndarray]:
    """Fit the three models on ``rows``; return the arrays (threshold left at 0)."""
    paired = [r for r in rows if r.kind is not None]
    semantic = [r for r in paired if r.draft.rule_kind not in cb.STRUCTURAL]
    xk = np.array([cb.kind_features(r.draft) for r in semantic])
    yk = np.array([cb.KINDS.index(r.kind) for r in semantic])  # type: ignore[arg-type]
    kind_w, kind_b = _kind_coef(_fit(xk, yk, C_KIND))
    cal = cb.Calibration({"kind_w": kind_w, "kind_b": kind_b, "att_w": np.zeros(1), "att_b": np.array(0.0),
                          "cw_a": np.array(1.0), "cw_b": np.array(0.0), "threshold": np.array(0.0),
                          "cw_flag": np.array(0.5), "dense_names": np.array(ft.DENSE_NAMES),
                          "syntax_names": np.array(SYNTAX_NAMES)})
    kinds = [cb.KINDS[int(np.argmax(cal.kind_probs(r.draft)))] for r in rows]
    att = _fit(np.array([cb.attribution_features(r.draft, k) for r, k in zip(rows, kinds, strict=True) if r.kind]),
               np.array([r.attribution_ok for r in paired]), C_ATT)
    offsets = np.array(cb.OFFSETS)
    z = np.array([float((cb.signal_values(r.logit, k, r.draft) * offsets).sum()) for r, k in zip(rows, kinds, strict=True)])
    cw = _fit(z.reshape(-1, 1), np.array([r.checkworthy for r in rows]), C_CW)
    return {
        "kind_w": kind_w, "kind_b": kind_b, "att_w": att.coef_[0], "att_b": np.array(att.intercept_[0]),
        "cw_a": np.array(cw.coef_[0][0]), "cw_b": np.array(cw.intercept_[0]), "threshold": np.array(0.0), "cw_flag": np.array(0.5),
        "dense_names": np.array(ft.DENSE_NAMES), "syntax_names": np.array(SYNTAX_NAMES), "signals": np.array(cb.SIGNALS),
    }


def held_out(rows: list[Row]) -> list[cb.Verdict]:
    """Leave-one-article-out verdicts, in the order of ``rows``."""
    out: list[cb.Verdict | None] = [None] * len(rows)
    for article in sorted({r.article for r in rows}):
        cal = cb.Calibration(fit_models([r for r in rows if r.article != article]))
        for i, r in enumerate(rows):
            if r.article == article:
                out[i] = cal.judge(r.draft, r.logit)
    return [v for v in out if v is not None]


def reliability(prob: np.ndarray, outcome: np.ndarray) -> list[tuple[str, int, float, float]]:
    """(bin, n, mean predicted, observed rate) over :data:`BINS`."""
    table = []
    for lo, hi in itertools.pairwise(BINS):
        inside = (prob >= lo) & ((prob < hi) if hi < 1.0 else (prob <= hi))
        if inside.any():
            table.append((f"{lo:.1f}-{hi:.1f}", int(inside.sum()), float(prob[inside].mean()), float(outcome[inside].mean())))
    return table


def report(rows: list[Row], verdicts: list[cb.Verdict], fixed: cb.Calibration | None = None) -> CalibrationReport:
    """Held-out figures: kind accuracy, precision by threshold, reliability, Brier.

    Without ``fixed`` the uncertainty threshold and the check-worthy flag are chosen on these
    verdicts (training); with it, ``fixed``'s own threshold and flag are measured (evaluation).
    """
    paired = [(r, v) for r, v in zip(rows, verdicts, strict=True) if r.kind is not None]
    right = np.array([v.kind == r.kind and r.attribution_ok for r, v in paired])
    conf = np.array([v.confidence for _, v in paired])
    rep = CalibrationReport(n_claims=len(paired), n_articles=len({r.article for r in rows}))
    rep.rule_kind_accuracy = float(np.mean([r.draft.rule_kind == r.kind for r, _ in paired]))
    rep.kind_accuracy = float(np.mean([v.kind == r.kind for r, v in paired]))
    rep.both_rule = float(np.mean([r.draft.rule_kind == r.kind and r.attribution_ok for r, _ in paired]))
    rep.both = float(right.mean())
    for t in np.arange(0.0, 0.96, 0.05):
        kept = conf >= t
        if kept.any():
            rep.thresholds.append((round(float(t), 2), float(right[kept].mean()), float(kept.mean())))
    rep.threshold = fixed.threshold if fixed else _threshold(rep.thresholds)
    kept = conf >= rep.threshold
    rep.resolved_precision, rep.resolved_share = float(right[kept].mean()) if kept.any() else 0.0, float(kept.mean())
    score = np.array([v.score for v in verdicts])
    gold = np.array([r.checkworthy for r in rows], dtype=float)
    base = 1.0 / (1.0 + np.exp(-np.array([r.logit for r in rows])))
    rep.cw_brier, rep.cw_brier_sentence_model = float(np.mean((score - gold) ** 2)), float(np.mean((base - gold) ** 2))
    rep.cw_reliability = reliability(score, gold)
    _flag(rep, score, gold.astype(bool), fixed.flag if fixed else None)
    rep.confidence_reliability = reliability(conf, right.astype(float))
    rep.confidence_brier = float(np.mean((conf - right) ** 2))
    return rep


def _threshold(thresholds: list[tuple[float, float, float]]) -> float:
    """The lowest cut reaching TARGET_PRECISION with MIN_RESOLVED resolved, else the most precise."""
    usable = [row for row in thresholds if row[2] >= MIN_RESOLVED] or thresholds
    reach = [t for t, p, _ in usable if p >= TARGET_PRECISION]
    return reach[0] if reach else max(usable, key=lambda x: x[1])[0]


def _flag(rep: CalibrationReport, score: np.ndarray, gold: np.ndarray, fixed: float | None = None) -> None:
    """The highest score threshold (0.05 steps) whose held-out recall reaches :data:`FLAG_RECALL`
    (or the ``fixed`` one), with its precision and recall."""
    if fixed is not None:
        flagged = score >= fixed
        rep.cw_flag, rep.cw_flag_recall = fixed, float((flagged & gold).sum() / max(gold.sum(), 1))
        rep.cw_flag_precision = float(gold[flagged].mean()) if flagged.any() else 0.0
        return
    for t in np.arange(0.95, 0.0, -0.05):
        flagged = score >= t
        recall = float((flagged & gold).sum() / max(gold.sum(), 1))
        if recall >= FLAG_RECALL:
            rep.cw_flag, rep.cw_flag_recall = round(float(t), 2), recall
            rep.cw_flag_precision = float(gold[flagged].mean())
            return


def train(data_dir: Path) -> tuple[dict[str, np.ndarray], CalibrationReport]:
    """Rows of the audit dev split → final arrays (threshold from held-out) and the report."""
    rows = list(audit_rows(data_dir))
    rep = report(rows, held_out(rows))
    arrays = fit_models(rows)
    arrays["threshold"] = np.array(rep.threshold)
    arrays["cw_flag"] = np.array(rep.cw_flag)
    return arrays, rep


def measure(data_dir: Path, split: str = "heldout", cal: cb.Calibration | None = None) -> CalibrationReport:
    """Figures of a fitted calibration (default: the packaged one) on an audit split, at its own
    threshold and flag: nothing is refitted, so on ``heldout`` they are held-out figures."""
    cal = cal or cb.packaged_calibration()
    rows = list(audit_rows(data_dir, split))
    return report(rows, [cal.judge(r.draft, r.logit) for r in rows], fixed=cal)


def save(arrays: dict[str, np.ndarray], out_dir: str | Path) -> Path:
    """Write ``weights.npz`` into ``out_dir``; return its path."""
    path = Path(out_dir)
    path.mkdir(parents=True, exist_ok=True)
    target = path / WEIGHTS_FILE
    np.savez_compressed(target, **arrays)  # type: ignore[arg-type]
    return target
