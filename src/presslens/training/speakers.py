"""Fit the quotes layer's speaker confidence (``presslens train speakers``).

Labelled speaker links come from two places, and each link is one candidate of one quote:
- PolNeAR train (articles whose name hashes outside the held-out fifth): a quote paired with
  a gold attribution (overlapping Content) whose speaker was found by name or modifier is right when the syntactic head of the gold Source lies in one of the
  candidate entity's mentions ("Clinton's spokesman Brian Fallon" → Fallon, not Clinton).
  PolNeAR does not link pronouns or descriptions ("the ministry") to names, so those links
  are not labelled here.
- The audit set's dev split (real articles, every speaker an entity): every candidate of a
  paired quote, labelled by the audit scorer's rule (``eval.audit.who.speaker_right``).
A logistic regression (scikit-learn) is fitted on both; the threshold is the lowest one at
which article-grouped 5-fold cross-validated predictions keep ``TARGET_PRECISION`` of the
speakers shown right on the audit rows.  Reliability is reported on what was not fitted:
PolNeAR's held-out fifth of train, and the audit held-out split (totals only).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from presslens.analyzers.quotes.confidence import FEATURES, METHODS, vector

TARGET_PRECISION = 0.97
NAMED_METHODS = frozenset({"name", "modifier"})  # a description's antecedent is not in PolNeAR either
_T = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_E = re.compile(r"^E\d+\t(.*)$")


@dataclass(frozen=True, slots=True)
class Row:
    """One labelled candidate: where it comes from, its quote, its features and the label."""

    source: str  # "polnear" | "audit"
    group: str  # the article (cross-validation groups)
    quote: int  # index of the quote within the article
    rank: int  # 0 = the candidate that would be shown
    method: str
    x: tuple[float, ...]
    label: int


def heldout(stem: str) -> bool:
    """PolNeAR train articles kept aside: one in five by a hash of the file name."""
    return int(hashlib.md5(stem.encode()).hexdigest(), 16) % 5 == 0


def _relations(ann: str) -> list[tuple[list[tuple[int, int]], list[tuple[int, int]]]]:
    """(Source segments, Content segments) of each attribution relation of a BRAT file."""
    spans: dict[str, list[tuple[int, int]]] = {}
    out = []
    for line in ann.splitlines():
        m = _T.match(line)
        if m:
            spans[m.group(1)] = [tuple(int(x) for x in s.split()) for s in m.group(3).split(";")]  # type: ignore[misc]
            continue
        e = _E.match(line)
        if e:
            roles = dict(part.split(":") for part in e.group(1).split() if ":" in part)
            if "Source" in roles and "Content" in roles:
                out.append((spans.get(roles["Source"], []), spans.get(roles["Content"], [])))
    return out


def _drafts(text: str) -> tuple[Any, list[Any], Any]:
    """Parse and draft one article: (analysis, drafts, spaCy doc)."""
    import presslens
    from presslens.analyzers.quotes import draft_quotes
    from presslens.analyzers.quotes.cues import lexicon
    from presslens.nlp.language import make_doc
    from presslens.settings import Settings

    settings = Settings(keep_text=True, layers=("entities",), require_english=False)
    analysis = presslens.analyze(text, settings=settings)
    doc = make_doc(analysis.document.text)
    return analysis, draft_quotes(analysis.document, doc, analysis.entities, lexicon()), doc


def polnear_rows(folder: Path, *, part: str, limit: int = 0,
                 progress: Callable[[str], None] | None = None) -> Iterator[Row]:
    """Labelled candidates of PolNeAR articles (``part``: "tune" or "heldout"; ``limit`` files, 0 = all)."""
    from presslens.eval.attribution import pair_files

    pairs = [p for p in pair_files(folder) if heldout(p[0].stem) == (part == "heldout")]
    for text_path, ann_path in pairs[: limit or None]:
        text = text_path.read_text("utf-8")
        analysis, drafts, doc = _drafts(text)
        relations = _relations(ann_path.read_text("utf-8"))
        by_id = {e.id: e for e in analysis.entities}
        for qi, draft in enumerate(drafts):
            if draft.resolution.method not in NAMED_METHODS:
                continue
            sources = [src for src, content in relations
                       if any(s < draft.span.end and draft.span.start < e for s, e in content)]
            heads = [h for h in (_head(doc, seg) for src in sources for seg in src[:1]) if h is not None]
            if not heads:
                continue
            for rank, option in enumerate(draft.resolution.options):
                mentions = by_id[option.entity].mentions
                label = int(any(m.start <= h < m.end for m in mentions for h in heads))
                yield Row("polnear", ann_path.stem, qi, rank, draft.resolution.method,
                          tuple(vector(draft.resolution.method, option.features)), label)
        if progress is not None:
            progress(text_path.stem)


def _head(doc: Any, seg: tuple[int, int]) -> int | None:
    """Start offset of the syntactic head of a gold span."""
    span = doc.char_span(seg[0], seg[1], alignment_mode="expand")
    if span is None or not len(span) or span.root.pos_ == "PRON":
        return None  # PolNeAR marks "he" / "who" as the source: it does not say who that is
    return int(span.root.idx)


def audit_rows(data_dir: Path, split: str, progress: Callable[[str], None] | None = None) -> Iterator[Row]:
    """Labelled candidates of the audit set's articles of one split."""
    from presslens.eval.audit import load_groups, read_article, select_articles
    from presslens.eval.audit.who import GoldEntities, _pair, best_match, speaker_right

    groups = [g for g in load_groups() if g.name == "who"]
    for article, _split in select_articles(groups, split):
        gold = groups[0].labels[article]
        raw = read_article(data_dir, article, [gold])
        analysis, drafts, _doc = _drafts(raw.decode("utf-8"))
        index = GoldEntities(gold.get("entities", ()))
        spans = [_pair(q["content"]) for q in gold.get("quotes", ())]
        for qi, draft in enumerate(drafts):
            i = best_match((draft.span.start, draft.span.end), spans)
            if i is None:
                continue
            for rank, option in enumerate(draft.resolution.options):
                label = int(speaker_right(gold["quotes"][i], analysis.entity(option.entity), index))
                yield Row("audit", article, qi, rank, draft.resolution.method,
                          tuple(vector(draft.resolution.method, option.features)), label)
        if progress is not None:
            progress(article)


def fit(rows: Sequence[Row], c: float = 1.0) -> tuple[list[float], float]:
    """Logistic regression weights and intercept (scikit-learn, L2)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(np.array([r.x for r in rows]), np.array([r.label for r in rows]))
    return [float(w) for w in model.coef_[0]], float(model.intercept_[0])


def predict(weights: Sequence[float], bias: float, rows: Sequence[Row]) -> list[float]:
    """Probabilities of rows under given weights."""
    import math

    return [1.0 / (1.0 + math.exp(-(bias + sum(w * x for w, x in zip(weights, r.x, strict=True))))) for r in rows]


def cross_validated(rows: Sequence[Row], folds: int = 5) -> list[float]:
    """Out-of-fold probabilities, folds grouped by article."""
    out = [0.0] * len(rows)
    fold_of = {g: int(hashlib.md5(g.encode()).hexdigest(), 16) % folds for g in {r.group for r in rows}}
    for k in range(folds):
        train = [r for r in rows if fold_of[r.group] != k]
        weights, bias = fit(train)
        test = [i for i, r in enumerate(rows) if fold_of[r.group] == k]
        for i, p in zip(test, predict(weights, bias, [rows[i] for i in test]), strict=True):
            out[i] = p
    return out


def shown(rows: Sequence[Row], probs: Sequence[float], threshold: float) -> tuple[int, int, int]:
    """(quotes with a candidate, speakers shown, shown right) at a threshold: the top candidate per quote."""
    best: dict[tuple[str, str, int], tuple[float, int]] = {}
    for r, p in zip(rows, probs, strict=True):
        key = (r.source, r.group, r.quote)
        if key not in best or p > best[key][0]:
            best[key] = (p, r.label)
    resolved = [(p, y) for p, y in best.values() if p >= threshold]
    return len(best), len(resolved), sum(y for _p, y in resolved)


def choose_threshold(rows: Sequence[Row], probs: Sequence[float], target: float = TARGET_PRECISION) -> float:
    """The lowest threshold whose shown speakers are at least ``target`` right (audit rows)."""
    audit = [(r, p) for r, p in zip(rows, probs, strict=True) if r.source == "audit"]
    a_rows, a_probs = [r for r, _ in audit], [p for _, p in audit]
    for t in [x / 100 for x in range(30, 100)]:
        _n, k, right = shown(a_rows, a_probs, t)
        if k and right / k >= target:
            return t
    return 0.99


def reliability(rows: Sequence[Row], probs: Sequence[float], bins: int = 5) -> list[dict[str, Any]]:
    """Reliability table: per probability bin, count, mean predicted, observed share right; plus Brier."""
    table = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        sel = [(p, r.label) for r, p in zip(rows, probs, strict=True) if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if sel:
            table.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": len(sel), "mean_p": round(sum(p for p, _ in sel) / len(sel), 3),
                          "observed": round(sum(y for _, y in sel) / len(sel), 3)})
    return table


def brier(rows: Sequence[Row], probs: Sequence[float]) -> float:
    """Mean squared error of the probabilities against the labels."""
    return round(sum((p - r.label) ** 2 for r, p in zip(rows, probs, strict=True)) / max(len(rows), 1), 4)


def save(path: Path, weights: Sequence[float], bias: float, threshold: float, report: dict[str, Any]) -> None:
    """Write the model resource (features, weights, bias, threshold, measured figures)."""
    data = {"about": "speaker confidence of the quotes layer; fitted by `presslens train speakers` "
                     "(presslens/training/speakers.py); see its docstring for the data",
            "features": list(FEATURES), "methods": list(METHODS), "weights": [round(w, 6) for w in weights],
            "bias": round(bias, 6), "threshold": threshold, "measured": report}
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def report(rows: Sequence[Row], held: Sequence[Row], audit_held: Sequence[Row]) -> dict[str, Any]:
    """Fit on ``rows``, pick the threshold by cross-validation, measure on both held-out sets."""
    probs = cross_validated(rows)
    threshold = choose_threshold(rows, probs)
    weights, bias = fit(rows)
    out: dict[str, Any] = {"weights": weights, "bias": bias, "threshold": threshold,
                           "target_precision": TARGET_PRECISION, "rows_fitted": len(rows)}
    for name, part, p in (("cv", rows, probs), ("polnear_heldout", held, predict(weights, bias, held)),
                          ("audit_heldout", audit_held, predict(weights, bias, audit_held))):
        quotes, resolved, right = shown(part, p, threshold)
        out[f"{name}_quotes"] = quotes
        out[f"{name}_resolved"] = resolved
        out[f"{name}_precision"] = round(right / resolved, 4) if resolved else None
        out[f"{name}_resolved_share"] = round(resolved / quotes, 4) if quotes else None
        out[f"{name}_brier"] = brier(part, p)
        out[f"{name}_reliability"] = reliability(part, p)
    return out


def table_rows(report: dict[str, Any]) -> list[tuple[str, ...]]:
    """Reliability tables as printable rows."""
    rows: list[tuple[str, ...]] = [("set", "bin", "n", "mean p", "observed")]
    for name in ("cv", "polnear_heldout", "audit_heldout"):
        rows += [(name, b["bin"], str(b["n"]), f"{b['mean_p']:.3f}", f"{b['observed']:.3f}")
                 for b in report[f"{name}_reliability"]]
    return rows
