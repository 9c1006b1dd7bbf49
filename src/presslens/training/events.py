"""Fit the events layer's confidence calibrator (training only; needs scikit-learn).

Labelled examples, one per event presslens outputs:

* the audit set's **dev** articles (real news, every event mention labelled by hand): an event is
  right when the audit's matching rule says ``correct`` (type and status);
* the **tune** split of the event case files (ids not ending in a held-out digit): a reported
  event is right when it aligns with a gold event of its type with a compatible status.  Passing
  references are left out there (the case files code only what a sentence reports);
* the **tune** articles of the hand-judged set (``eval/cases/events_judged.jsonl``: real
  articles whose events were judged right or wrong one by one, offsets and labels only): an
  event counts when its trigger, type and status are the ones judged.

Features are the event's named ``signals`` (binary); the model is an L2 logistic regression
(Platt-style calibration on a dozen interpretable cues).  The real-article examples are weighted
so that they count as much as the case sentences together: the confidence is meant for articles
(isolated wire sentences are easier, and their events are right far more often).  The uncertainty threshold is chosen on
**cross-validated** probabilities of the real-article examples (5 folds grouped by article): the
lowest threshold at which the events kept reach the target precision.  Held-out data (the
audit's heldout split, the case files' held-out ids) is never read here: ``presslens eval audit
--split heldout`` and ``presslens eval events --split heldout`` report the calibration on it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from presslens.eval.calibration import Reliability


@dataclass
class Examples:
    """Signals, labels and groups of the labelled events."""

    signals: list[tuple[str, ...]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    real: list[bool] = field(default_factory=list)  # from a real article (the audit set)

    def add(self, signals: Sequence[str], right: bool, group: str, real: bool) -> None:
        """Record one event."""
        self.signals.append(tuple(signals))
        self.labels.append(int(right))
        self.groups.append(group)
        self.real.append(real)


def audit_examples(data: Path, out: Examples) -> None:
    """Every event of the audit set's dev articles, labelled by the audit's matching rule."""
    from presslens.eval.audit import _analyse, load_groups, read_article, select_articles
    from presslens.eval.audit.what import event_verdict, span

    groups = load_groups(names=["what"])
    group = groups[0]
    for article, _ in select_articles(groups, "dev"):
        label = group.labels[article]
        raw = read_article(data, article, [label])
        analysis, _ = _analyse(data / article, raw, [group], article, False)
        gold = list(label.get("events", ()))
        non_triggers = [span(n["span"]) for n in label.get("event_non_triggers", ())]
        for ev in analysis.events:
            out.add(ev.signals, event_verdict(ev, gold, non_triggers) == "correct", article, True)


def case_examples(paths: Sequence[Path], holdout: str, out: Examples) -> None:
    """Every reported event of the case files' tune split, right when aligned with gold."""
    from presslens.eval.events import align, load_cases, predict_cases, select, status_compatible

    for path in paths:
        cases = select(load_cases(path), "dev", holdout)
        predictions = predict_cases(cases)
        for case in cases:
            gold = case.get("events", [])
            reported = [p for p in predictions.get(str(case["id"]), []) if not p["reference"]]
            right = {pi for gi, pi in align(gold, reported) if status_compatible(gold[gi], reported[pi])}
            for i, p in enumerate(reported):
                out.add(p["signals"], i in right, f"{path.name}:{case['id']}", False)


def judged_examples(path: Path, data: Path, split: str, out: Examples) -> None:
    """The events of the judged articles of one split that match a judgment (trigger, type, status)."""
    from presslens.eval.events import judged_analyses

    for row, analysis in judged_analyses(path, data, split):
        verdicts = {(tuple(j["trigger"]), j["type"], j["status"]): j["right"] for j in row["judgments"]}
        for ev in analysis.events:
            right = verdicts.get(((ev.trigger.start, ev.trigger.end), ev.type, ev.status))
            if right is not None:
                out.add(ev.signals, right, row["article"], True)


def matrix(examples: Examples, names: Sequence[str]) -> np.ndarray:
    """The binary design matrix of some examples over the signal ``names``."""
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(examples.signals), len(names)))
    for row, sigs in enumerate(examples.signals):
        for s in sigs:
            if s in index:
                x[row, index[s]] = 1.0
    return x


def weights(real: np.ndarray) -> np.ndarray:
    """Sample weights: the real-article examples together weigh as much as the case examples."""
    n_real, n_case = int(real.sum()), int((~real).sum())
    return np.where(real, n_case / n_real if n_real and n_case else 1.0, 1.0)


def cross_validated(x: np.ndarray, y: np.ndarray, groups: Sequence[str], w: np.ndarray, c: float,
                    folds: int = 5, repeats: int = 5) -> np.ndarray:
    """Out-of-fold probabilities (folds grouped by article or case), averaged over ``repeats``
    random assignments of the groups to folds (one assignment is a noisy estimate on ~200 events)."""
    from sklearn.linear_model import LogisticRegression

    names = sorted(set(groups))
    index = np.array([names.index(g) for g in groups])
    probs = np.zeros(len(y))
    for seed in range(repeats):
        fold_of = np.random.default_rng(seed).permutation(len(names)) % folds
        for k in range(folds):
            test = fold_of[index] == k
            clf = LogisticRegression(C=c, max_iter=1000).fit(x[~test], y[~test], sample_weight=w[~test])
            probs[test] += clf.predict_proba(x[test])[:, 1] / repeats
    return probs


def choose_threshold(probs: np.ndarray, y: np.ndarray, target: float) -> float:
    """The lowest threshold at which the events kept reach the target precision (0.5 if none)."""
    for t in np.round(np.arange(0.30, 0.96, 0.01), 2):
        kept = probs >= t
        if kept.sum() >= 10 and y[kept].mean() >= target:
            return float(t)
    return 0.5


def fit_calibrator(cases: Sequence[Path], holdout: str, data: Path, *, judged: Path | None = None,
                   target: float = 0.85, c: float = 1.0) -> tuple[dict[str, Any], dict[str, Any]]:
    """Fit the calibrator; return its parameters and a report (cross-validated reliability)."""
    from sklearn.linear_model import LogisticRegression

    examples = Examples()
    audit_examples(data, examples)
    if judged is not None:
        judged_examples(judged, data, "tune", examples)
    case_examples(cases, holdout, examples)
    names = sorted({s for sigs in examples.signals for s in sigs})
    x, y = matrix(examples, names), np.array(examples.labels)
    real = np.array(examples.real)
    w = weights(real)
    probs = cross_validated(x, y, examples.groups, w, c)
    threshold = choose_threshold(probs[real], y[real], target)
    clf = LogisticRegression(C=c, max_iter=1000).fit(x, y, sample_weight=w)
    coef = {n: round(float(v), 4) for n, v in zip(names, clf.coef_[0], strict=True) if abs(v) >= 1e-4}
    report = {"examples": len(y), "real_article_examples": int(real.sum()), "share_right": round(float(y.mean()), 4),
              "cv_real": _reliability(probs[real], y[real], threshold),
              "cv_cases": _reliability(probs[~real], y[~real], threshold)}
    model = {"about": "events confidence calibrator: logistic regression over the named signals "
                      "(presslens.training.events); threshold chosen on cross-validated real-article events",
             "weights": coef, "bias": round(float(clf.intercept_[0]), 4), "threshold": threshold,
             "c": c, "target_precision": target, "fitted_on": report}
    return model, report


def _reliability(probs: np.ndarray, y: np.ndarray, threshold: float) -> dict[str, Any]:
    """Brier, ECE, reliability table and precision/share kept at the threshold."""
    rel = Reliability()
    for p, right in zip(probs, y, strict=True):
        rel.add(float(p), bool(right))
    return rel.summary(threshold)


def write(model: dict[str, Any], out: Path) -> Path:
    """Write ``confidence.json`` into ``out`` (a folder) or to ``out`` (a .json path)."""
    path = out if out.suffix == ".json" else out / "confidence.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path
