"""Second calibration stage of technique confidence, fitted on real news judged by hand.

The first stage (``training.techniques``) is fitted on PTC, a corpus of propaganda-rich articles,
and is over-confident on ordinary news.  This stage re-maps it with a three-input logistic
regression — the first stage's log-odds, whether the span is quoted, the log-odds that the article
is opinion (genre model) — fitted on the audit set's ``dev`` split (20 real articles, labels in
``eval/audit/labels/what``).  A span is *correct* when it overlaps a labelled technique span, the
audit's own rule.  The shown threshold is the lowest confidence at which the dev precision of the
spans shown reaches ``target``; the held-out split is never read here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from presslens.analyzers.techniques.calibration import Calibrator, news_inputs


def audit_rows(data: Path, split: str = "dev", log: Callable[[str], None] = print) -> dict[str, np.ndarray]:
    """First-stage confidence, quoted flag, P(opinion) and correctness of every span of a split."""
    from presslens.eval.audit import load_groups, read_article, select_articles
    from presslens.eval.audit.what import span

    groups = load_groups(names=["what"])
    cols: dict[str, list[Any]] = {"p1": [], "quoted": [], "opinion": [], "correct": []}
    for article, _ in select_articles(groups, split):
        label = groups[0].labels[article]
        raw = read_article(data, article, [label])
        gold = [span(t["span"]) for t in label.get("techniques", ())]
        for p1, quoted, opinion, sp in _spans(raw, str(data / article)):
            cols["p1"].append(p1)
            cols["quoted"].append(quoted)
            cols["opinion"].append(opinion)
            cols["correct"].append(int(any(sp.overlaps(g) for g in gold)))
        log(f"analysed {article}")
    return {k: np.array(v, dtype=np.float64) for k, v in cols.items()}


def _spans(raw: bytes, source: str) -> list[tuple[float, bool, float, Any]]:
    """(first-stage confidence, quoted, P(opinion), span) of each technique of one article."""
    import presslens
    from presslens.analyzers.techniques.bundle import load_model
    from presslens.analyzers.techniques.calibration import load_calibrator
    from presslens.analyzers.techniques.detect import detect
    from presslens.analyzers.techniques.features import token_table
    from presslens.analyzers.techniques.lexicon import load_lexicon
    from presslens.analyzers.techniques.tagger import token_proba
    from presslens.ingest import ingest_bytes
    from presslens.settings import Settings

    settings = Settings(keep_text=True, require_english=False, layers=("entities", "quotes", "techniques"))
    document = ingest_bytes(raw, source=source, settings=settings)
    analysis = presslens.analyze_document(document, settings)
    from presslens.nlp.language import make_docs

    model, lex = load_model(), load_lexicon()
    table = token_table(next(iter(make_docs([document.text]))), lex, document.text)
    stage1 = dataclasses.replace(load_calibrator(), news=None)
    opinion = dict(analysis.genre.scores)["opinion"] if analysis.genre is not None else 0.5
    found = detect(table, model, tuple(q.span for q in analysis.quotes), calibrator=stage1,
                   prob=token_proba(model.tagger, table, model.vocab))
    return [(float(t.confidence or 0.0), t.quoted, opinion, t.span) for t in found]


def fit_news(rows: dict[str, np.ndarray], c: float = 1.0) -> tuple[float, float, float, float]:
    """Weights (stage-1 log-odds, quoted, opinion log-odds) and bias of the second stage."""
    from sklearn.linear_model import LogisticRegression

    op = np.clip(rows["opinion"], 1e-4, 1 - 1e-4)
    x = np.column_stack([news_inputs(rows["p1"]), rows["quoted"], np.log(op / (1 - op))])
    clf = LogisticRegression(C=c, max_iter=1000).fit(x, rows["correct"].astype(int))
    a, b, cc = (float(v) for v in clf.coef_[0])
    return a, b, cc, float(clf.intercept_[0])


def shown_threshold(conf: np.ndarray, correct: np.ndarray, target: float, min_shown: int = 10) -> float:
    """Lowest confidence (0.05 steps) at which the precision of the spans at or above it reaches ``target``."""
    for th in np.arange(0.05, 1.0, 0.05):
        sel = conf >= th
        if sel.sum() >= min_shown and correct[sel].mean() >= target:
            return round(float(th), 2)
    return 0.95


def table(conf: np.ndarray, correct: np.ndarray) -> list[dict[str, float]]:
    """Precision and share shown at each threshold (0.1 steps), for the model card."""
    out = []
    for th in np.arange(0.1, 1.0, 0.1):
        sel = conf >= th
        out.append({"threshold": round(float(th), 1), "shown": int(sel.sum()),
                    "precision": float(correct[sel].mean()) if sel.any() else 0.0})
    return out


def with_news(calibrator: Calibrator, news: tuple[float, float, float, float], threshold: float) -> Calibrator:
    """The calibrator with its second stage and shown threshold set."""
    return dataclasses.replace(calibrator, news=news, threshold=threshold)
