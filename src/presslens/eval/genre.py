"""Genre data readers and scorer (SemEval-2023 Task 3 subtask 1 format, BBC folders).

SemEval-2023 Task 3 subtask 1 (Piskorski et al., 2023): one ``article<ID>.txt`` per article (title
on line 1) and a labels file of ``ID<TAB>label`` lines, labels ``opinion``, ``reporting``,
``satire``; the official metric is macro-F1 over the three classes.  The BBC News folder (all
reporting) is read as ``<topic>_<NNN>.txt`` files.  Hand-written: a few lines of format reading and
the standard F1 arithmetic.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from presslens.errors import DatasetError

LABELS: tuple[str, ...] = ("reporting", "opinion", "satire")
_ARTICLE = re.compile(r"article(\d+)\.txt$")


@dataclass(frozen=True, slots=True)
class GenreItem:
    """One labelled article: id, source family, label and text."""

    id: str
    source: str
    label: str
    text: str


def find_labels(folder: Path) -> Path | None:
    """The ``*labels-subtask-1*`` file in or beside a SemEval folder."""
    for base in (folder, folder.parent):
        found = sorted(base.glob("*labels-subtask-1*.txt"))
        if found:
            return found[0]
    return None


def articles_folder(folder: Path) -> Path:
    """The folder holding ``article*.txt`` (the given one or its ``*articles*`` child)."""
    if any(folder.glob("article*.txt")):
        return folder
    for child in sorted(folder.glob("*articles*")):
        if child.is_dir():
            return child
    raise DatasetError(f"{folder}: no article*.txt files (expected SemEval-2023 Task 3 layout)")


def read_semeval(folder: str | Path, labels: str | Path | None = None, source: str = "semeval") -> list[GenreItem]:
    """Labelled articles of a SemEval-2023 Task 3 subtask-1 folder (articles without a label skipped)."""
    base = Path(folder)
    path = Path(labels) if labels else find_labels(base)
    if path is None or not path.is_file():
        raise DatasetError(f"{base}: labels file not found (pass --labels FILE)")
    gold: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.strip().split("\t")
        if len(cols) >= 2 and cols[1].strip() in LABELS:
            gold[cols[0].strip()] = cols[1].strip()
    items = []
    for art in sorted(articles_folder(base).glob("article*.txt")):
        m = _ARTICLE.search(art.name)
        if m and m.group(1) in gold:
            items.append(GenreItem(m.group(1), source, gold[m.group(1)], art.read_text(encoding="utf-8")))
    if not items:
        raise DatasetError(f"{base}: no article matches a label in {path}")
    return items


def read_bbc(folder: str | Path, exclude: Sequence[str] = (), every: int = 1) -> list[GenreItem]:
    """BBC articles (label ``reporting``), every ``every``-th file in name order, minus ``exclude``."""
    files = sorted(p for p in Path(folder).glob("*_*.txt") if p.name not in set(exclude))
    return [GenreItem(p.stem, "bbc", "reporting", p.read_text(encoding="utf-8", errors="replace"))
            for p in files[::every]]


def genre_scores(pred: Sequence[str], gold: Sequence[str], labels: Sequence[str] = LABELS) -> dict[str, object]:
    """Macro-F1 over ``labels``, accuracy, per-class precision / recall / F1 and the confusion counts."""
    if len(pred) != len(gold):
        raise ValueError("one prediction per gold label is required")
    pairs = Counter(zip(gold, pred, strict=True))
    per: dict[str, dict[str, float]] = {}
    for lab in labels:
        tp = pairs[(lab, lab)]
        n_pred = sum(v for (g, p), v in pairs.items() if p == lab)
        n_gold = sum(v for (g, p), v in pairs.items() if g == lab)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[lab] = {"precision": prec, "recall": rec, "f1": f1, "support": n_gold}
    macro = sum(v["f1"] for v in per.values()) / len(per) if per else 0.0
    accuracy = sum(pairs[(lab, lab)] for lab in set(gold)) / len(gold) if gold else 0.0
    confusion = {f"{g}->{p}": v for (g, p), v in sorted(pairs.items())}
    return {"macro_f1": macro, "accuracy": accuracy, "per_class": per, "confusion": confusion, "n": len(gold)}
