"""How close the static model stays to its teacher, measured on text the distillation never saw.

Build time only (it loads the teacher, hence torch); run through
``python -m presslens.training.distill_embeddings evaluate``.  Data: CheckThat! 2020 Task 2
(``../shared/data/checkthat2020_t2``): 10,375 fact-checked claims (claim + title) and tweets that
repeat one of them.  The distillation reads no text, so all of it is unseen; the two distillation
knobs and the weight ``w`` of the combination below were chosen on **train**, figures are
reported on **train** and **dev**.

* ``spearman``: rank correlation of the student's cosines with the teacher's over pairs of
  (tweet, claim): per tweet its gold claim, BM25's top 10 and 20 random claims (seed 0).
* ``map_at_5`` over the whole pool: BM25 (``bm25s``, English stop words, claim + title), the
  static embedding alone, the teacher alone, and ``bm25 / max(bm25) + w * cosine``.
* ``speed``: sentences/s of teacher and student on the same texts, one thread each.

Tweets are cleaned before they are embedded (:func:`clean_tweet`): URLs and the byline of an
embedded tweet ("— Name (@handle) January 14, 2020") are many WordPiece tokens that carry no
claim and, averaged in, drown the few that do.  BM25 keeps the raw tweet: on train the byline's
names helped it (0.796 raw against 0.770 cleaned).
"""

from __future__ import annotations

import csv
import os
import re
import time
from pathlib import Path
from typing import Any

import numpy as np

WEIGHTS = (0.0, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0)
_BYLINE = re.compile(r"\s+—\s+[^—]*\(@\w+\)\s+\w+ \d{1,2}, \d{4}\s*$")
_LINK = re.compile(r"(?:https?://|pic\.twitter\.com/)\S+")


def clean_tweet(text: str) -> str:
    """Drop links, an embedded tweet's byline and the ``#``/``@`` signs (the words stay)."""
    text = _BYLINE.sub("", text)
    text = _LINK.sub(" ", text)
    return re.sub(r"[#@]", " ", text)


def _rows(path: Path) -> list[list[str]]:
    """Rows of a CheckThat! TSV file, header skipped (some cells are CSV-quoted)."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter="\t")
        next(reader)
        return [row for row in reader if row]


def load_pool(data: Path) -> tuple[list[str], list[str]]:
    """Ids and texts (claim + title) of the fact-checked claims."""
    rows = _rows(data / "verified_claims.docs.tsv")
    return [r[0] for r in rows], [f"{r[1]} {r[2]}" for r in rows]


def load_split(data: Path, name: str) -> tuple[list[str], list[set[str]]]:
    """Tweets of a split that have a gold claim, with their gold claim ids."""
    tweets = {r[0]: r[1] for r in _rows(data / name / "tweets.queries.tsv")}
    gold: dict[str, set[str]] = {}
    for line in (data / name / "tweet-vclaim-pairs.qrels").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 4:
            gold.setdefault(parts[0], set()).add(parts[2])
    ids = [i for i in tweets if i in gold]
    return [tweets[i] for i in ids], [gold[i] for i in ids]


def map_at_5(scores: np.ndarray, gold: list[set[str]], pool_ids: list[str]) -> float:
    """Mean average precision at 5 (CheckThat!'s ``map_cut_5``: divided by min(#gold, 5))."""
    total = 0.0
    for row, relevant in zip(scores, gold, strict=True):
        hits, precision = 0, 0.0
        for rank, j in enumerate(np.argsort(-row, kind="stable")[:5], start=1):
            if pool_ids[j] in relevant:
                hits += 1
                precision += hits / rank
        total += precision / min(len(relevant), 5)
    return total / len(gold)


class Bm25:
    """``bm25s`` over the pool, scoring every claim for a query."""

    def __init__(self, pool: list[str]) -> None:
        """Index the pool (English stop words, no stemming)."""
        import bm25s

        self._bm25s = bm25s
        self.index = bm25s.BM25()
        self.index.index(bm25s.tokenize(pool, stopwords="en", show_progress=False), show_progress=False)

    def scores(self, queries: list[str]) -> np.ndarray:
        """One row of pool scores per query."""
        tokens = self._bm25s.tokenize(queries, stopwords="en", show_progress=False, return_ids=False)
        return np.stack([self.index.get_scores(t) for t in tokens])


def teacher_vectors(texts: dict[str, list[str]], cache: Path | None) -> dict[str, np.ndarray]:
    """The teacher's normalised vectors of each named list of texts (cached in an npz file)."""
    if cache is not None and cache.exists():
        with np.load(cache) as stored:
            if set(stored.files) >= set(texts):
                return {k: stored[k] for k in texts}
    model = _teacher()
    vectors = {k: model.encode(v, batch_size=64, normalize_embeddings=True) for k, v in texts.items()}
    if cache is not None:
        np.savez(cache, **vectors)  # type: ignore[arg-type]
    return vectors


def _teacher() -> Any:
    """The teacher as a sentence-transformers model, from the PyPI package's folder."""
    from sentence_transformers import SentenceTransformer

    from presslens.training.distill_embeddings import teacher_dir

    return SentenceTransformer(str(teacher_dir()), device="cpu", local_files_only=True)


def _agreement(student: np.ndarray, teacher: np.ndarray, bm25: np.ndarray, gold_idx: list[list[int]]) -> float:
    """Spearman correlation of student and teacher cosines on gold, BM25-top and random pairs."""
    from scipy.stats import spearmanr

    rng = np.random.default_rng(0)
    xs: list[float] = []
    ys: list[float] = []
    for i, gold in enumerate(gold_idx):
        pairs = [*gold, *np.argsort(-bm25[i])[:10], *rng.integers(0, student.shape[1], 20)]
        xs += [float(teacher[i, j]) for j in pairs]
        ys += [float(student[i, j]) for j in pairs]
    return float(spearmanr(xs, ys).statistic)


def _split_scores(model: Path, data: Path, split: str, pool: tuple[list[str], list[str]], ctx: dict[str, Any]) -> dict[str, Any]:
    """Every score matrix of one split, and the figures that need no tuning."""
    from presslens.nlp.embeddings import embed

    pool_ids, _ = pool
    tweets, gold = load_split(data, split)
    bm25 = ctx["bm25"].scores(tweets)
    teacher = ctx["teacher"][split] @ ctx["teacher"]["pool"].T
    raw = embed(tweets, folder=model) @ ctx["pool_vectors"].T
    clean = embed([clean_tweet(t) for t in tweets], folder=model) @ ctx["pool_vectors"].T
    gold_idx = [[pool_ids.index(g) for g in rel] for rel in gold]
    return {
        "matrices": {"bm25": bm25, "static": clean, "teacher": teacher},
        "figures": {
            "queries": len(tweets),
            "spearman_vs_teacher": round(_agreement(clean, teacher, bm25, gold_idx), 4),
            "spearman_vs_teacher_raw_tweets": round(_agreement(raw, teacher, bm25, gold_idx), 4),
            "map_at_5_bm25": round(map_at_5(bm25, gold, pool_ids), 4),
            "map_at_5_static": round(map_at_5(clean, gold, pool_ids), 4),
            "map_at_5_static_raw_tweets": round(map_at_5(raw, gold, pool_ids), 4),
            "map_at_5_teacher_raw_tweets": round(map_at_5(teacher, gold, pool_ids), 4),
        },
        "gold": gold,
    }


def _combined(scores: dict[str, Any], dense: str, weight: float, pool_ids: list[str]) -> float:
    """MAP@5 of ``bm25 / max(bm25) + weight * cosine`` per query."""
    bm25 = scores["matrices"]["bm25"]
    norm = bm25 / np.maximum(bm25.max(axis=1, keepdims=True), 1e-9)
    return map_at_5(norm + weight * scores["matrices"][dense], scores["gold"], pool_ids)


def _speed(texts: list[str], model: Path) -> dict[str, float]:
    """Sentences per second of teacher and student on the same texts, one thread each."""
    import torch

    from presslens.nlp.embeddings import embed

    os.environ["TOKENIZERS_PARALLELISM"] = "false"
    torch.set_num_threads(1)
    teacher = _teacher()
    embed(texts[:10], folder=model)
    start = time.perf_counter()
    embed(texts, folder=model)
    student = len(texts) / (time.perf_counter() - start)
    start = time.perf_counter()
    teacher.encode(texts[:500], batch_size=64)
    slow = 500 / (time.perf_counter() - start)
    return {"static_sentences_per_s": round(student), "teacher_sentences_per_s": round(slow, 1), "ratio": round(student / slow, 1)}


def evaluate(model: Path, data: Path, cache: Path | None = None) -> dict[str, Any]:
    """All figures of the model card: agreement and MAP@5 on train and dev, ``w`` chosen on train."""
    from presslens.nlp.embeddings import embed

    pool = load_pool(data)
    tweets = {s: load_split(data, s)[0] for s in ("train", "dev")}
    ctx: dict[str, Any] = {
        "bm25": Bm25(pool[1]),
        "teacher": teacher_vectors({"pool": pool[1], **tweets}, cache),
        "pool_vectors": embed(pool[1], folder=model),
    }
    splits = {s: _split_scores(model, data, s, pool, ctx) for s in ("train", "dev")}
    result: dict[str, Any] = {"data": str(data), "weights_tried": list(WEIGHTS)}
    for dense in ("static", "teacher"):
        tried = {w: _combined(splits["train"], dense, w, pool[0]) for w in WEIGHTS}
        best = max(tried, key=tried.__getitem__)
        result[f"w_{dense}_chosen_on_train"] = best
        for scores in splits.values():
            scores["figures"][f"map_at_5_bm25_plus_{dense}"] = round(_combined(scores, dense, best, pool[0]), 4)
    for name, scores in splits.items():
        result[name] = scores["figures"]
    result["speed_one_thread"] = _speed(pool[1][:5000], model)
    return result
