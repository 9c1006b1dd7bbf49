"""PTC reader and SemEval-2020 Task 11 scorers (span identification, technique classification).

Format (PTC v2, Da San Martino et al., EMNLP 2019): one ``article<ID>.txt`` per article and
labels ``ID<TAB>technique<TAB>start<TAB>end`` (character offsets, end exclusive; the SI
files omit the technique column).  The span-identification metric re-implements the official
``task-SI_scorer.py``: spans become sets of character positions, overlapping spans of an
article are merged, precision = Σ|s∩t|/|s| over predicted×gold pairs / #predicted,
recall = Σ|s∩t|/|t| / #gold.  Technique classification gives gold spans and scores micro-F1
(one label per gold line, so micro-F1 equals accuracy); per-technique F1 is reported too.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

_ARTICLE = re.compile(r"article(\d+)\.txt$")


@dataclass(frozen=True, slots=True)
class Label:
    """One gold or predicted technique span of an article."""

    article: str
    technique: str
    start: int
    end: int


def read_articles(folder: str | Path) -> dict[str, str]:
    """Read every ``article<ID>.txt`` of a folder (exact text, no newline translation)."""
    out: dict[str, str] = {}
    for path in sorted(Path(folder).glob("article*.txt")):
        m = _ARTICLE.search(path.name)
        if m:
            with open(path, encoding="utf-8", newline="") as fh:
                out[m.group(1)] = fh.read()
    return out


def parse_labels(lines: Iterable[str]) -> list[Label]:
    """Parse TC (4 columns) or SI (3 columns) label lines; SI lines get technique ``""``."""
    out: list[Label] = []
    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) == 4:
            out.append(Label(cols[0], cols[1], int(cols[2]), int(cols[3])))
        elif len(cols) == 3:
            out.append(Label(cols[0], "", int(cols[1]), int(cols[2])))
    return out


def read_labels(path: str | Path) -> list[Label]:
    """Read a labels file, or every ``*.labels`` file of a folder."""
    path = Path(path)
    files = sorted(path.glob("*.labels")) if path.is_dir() else [path]
    out: list[Label] = []
    for f in files:
        out.extend(parse_labels(f.read_text(encoding="utf-8").splitlines()))
    return out


def find_labels(ptc_dir: str | Path) -> Path | None:
    """Locate the TC labels next to a PTC articles folder (the standard layout)."""
    base = Path(ptc_dir)
    for cand in (base / "train-task2-TC.labels", base.parent / "train-task2-TC.labels",
                 base / "train-labels-task2-technique-classification"):
        if cand.exists():
            return cand
    return None


def articles_dir(ptc_dir: str | Path) -> Path:
    """The folder holding ``article*.txt`` (the given one or its ``*-articles`` child)."""
    base = Path(ptc_dir)
    if any(base.glob("article*.txt")):
        return base
    for child in sorted(base.glob("*articles*")):
        if child.is_dir():
            return child
    return base


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping spans (sharing at least one character), as the official scorer."""
    merged: list[list[int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def _by_article(labels: Iterable[Label]) -> dict[str, list[tuple[int, int]]]:
    """Group spans by article and merge overlaps."""
    groups: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for lab in labels:
        groups[lab.article].append((lab.start, lab.end))
    return {k: merge_spans(v) for k, v in groups.items()}


def span_scores(pred: Iterable[Label], gold: Iterable[Label]) -> dict[str, float]:
    """SemEval-2020 Task 11 SI precision, recall and F1 (character-overlap partial credit)."""
    p_spans, g_spans = _by_article(pred), _by_article(gold)
    n_pred = sum(len(v) for v in p_spans.values())
    n_gold = sum(len(v) for v in g_spans.values())
    p_num = r_num = 0.0
    for art, preds in p_spans.items():
        for ps, pe in preds:
            for gs, ge in g_spans.get(art, ()):
                inter = min(pe, ge) - max(ps, gs)
                if inter > 0:
                    p_num += inter / (pe - ps)
                    r_num += inter / (ge - gs)
    precision = p_num / n_pred if n_pred else 0.0
    recall = r_num / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "n_pred": n_pred, "n_gold": n_gold}


def technique_scores(pred: Sequence[str], gold: Sequence[str]) -> dict[str, object]:
    """Micro-F1 (= accuracy with one label per gold span), macro-F1 and per-technique F1."""
    if len(pred) != len(gold):
        raise ValueError("one predicted technique per gold span is required")
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter(pred)
    n_gold: Counter[str] = Counter(gold)
    for p, g in zip(pred, gold, strict=True):
        if p == g:
            tp[p] += 1
    per: dict[str, float] = {}
    for tech in sorted(n_gold | n_pred):
        prec = tp[tech] / n_pred[tech] if n_pred[tech] else 0.0
        rec = tp[tech] / n_gold[tech] if n_gold[tech] else 0.0
        per[tech] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    micro = sum(tp.values()) / len(gold) if gold else 0.0
    macro = sum(per.values()) / len(per) if per else 0.0
    return {"micro_f1": micro, "macro_f1": macro, "per_technique": per, "support": dict(n_gold)}


def _overlaps_gold(lab: Label, gold: Mapping[str, list[tuple[int, int]]]) -> bool:
    """True when the span shares a character with a gold span of its article (any technique)."""
    return any(min(lab.end, ge) > max(lab.start, gs) for gs, ge in gold.get(lab.article, ()))


def confidence_scores(pred: Sequence[tuple[Label, float]], gold: Iterable[Label],
                      edges: Sequence[float] = (0.2, 0.4, 0.6, 0.8)) -> dict[str, object]:
    """Brier score and reliability bands of span confidences against PTC gold.

    A predicted span counts as right when it overlaps a gold span of its article (the audit's
    rule for a correct technique span), so ``confidence`` can be read as P(right).  Each band
    ``[lo, hi)`` gives the number of spans, their mean confidence and the share that were right.
    """
    g_spans = _by_article(gold)
    right = [1.0 if _overlaps_gold(lab, g_spans) else 0.0 for lab, _ in pred]
    conf = [c for _, c in pred]
    brier = sum((c - r) ** 2 for c, r in zip(conf, right, strict=True)) / len(conf) if conf else 0.0
    bounds = [0.0, *edges, 1.0 + 1e-9]
    bands: list[dict[str, float]] = []
    for lo, hi in pairwise(bounds):
        idx = [i for i, c in enumerate(conf) if lo <= c < hi]
        if idx:
            bands.append({"low": lo, "high": min(hi, 1.0), "n": len(idx),
                          "mean_confidence": sum(conf[i] for i in idx) / len(idx),
                          "right": sum(right[i] for i in idx) / len(idx)})
    return {"brier": brier, "n": len(conf), "right": sum(right) / len(right) if right else 0.0, "bands": bands}


def folds(ids: Sequence[str], k: int, seed: int = 13) -> list[list[str]]:
    """Split article ids into k disjoint folds (deterministic shuffle)."""
    import random

    order = sorted(ids)
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def labels_for(labels: Iterable[Label], articles: Mapping[str, str] | set[str]) -> list[Label]:
    """Keep only the labels of the given articles."""
    keep = set(articles)
    return [lab for lab in labels if lab.article in keep]


HOLDOUT_SHARE = 0.2


def is_holdout(article: str, share: float = HOLDOUT_SHARE) -> bool:
    """True for the fixed held-out part of PTC train: SHA-256 of the article id, first 8 hex digits.

    Fixed before any tuning of the techniques layer: about a fifth of the articles, the same on
    every machine, never used to fit or tune the shipped model.
    """
    import hashlib

    value = int(hashlib.sha256(f"ptc-article-{article}".encode()).hexdigest()[:8], 16)
    return value < share * 0x1_0000_0000


def split_ids(ids: Iterable[str], part: str) -> list[str]:
    """Article ids of ``part``: ``holdout`` (the fixed held-out fifth), ``train`` (the rest) or ``all``."""
    if part not in ("holdout", "train", "all"):
        raise ValueError(f"unknown PTC part {part!r}: use holdout, train or all")
    return sorted(a for a in ids if part == "all" or is_holdout(a) == (part == "holdout"))
