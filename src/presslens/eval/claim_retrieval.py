"""Claim retrieval on CheckThat! 2020 Task 2: read the pool, the queries and the qrels; score MAP@5.

Layouts: the pool ``verified_claims.docs.tsv`` (``vclaim_id<TAB>vclaim<TAB>title``, header), the
queries ``tweets.queries.tsv`` (``tweet_id<TAB>tweet_content``, header) and TREC qrels
(``tweet_id 0 vclaim_id 1``).  MAP@5 is the task's official measure: for each query, the mean of
precision@k over the ranks k ≤ 5 that hold a relevant claim, divided by min(relevant, 5); queries
without a relevant claim in the top 5 count 0.

Held-out split (fixed before any tuning): every 5th query of the train file by position
(``held_out``) is never used to fit the re-ranker.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path


def _rows(path: str | Path) -> list[list[str]]:
    """The rows of a tab-separated file without its header (CSV-quoted fields, tab delimiter)."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    return [r for r in rows[1:] if r and r[0].strip()]


def read_pool(path: str | Path) -> list[tuple[str, str, str]]:
    """``(vclaim id, claim, title)`` of every verified claim of a pool file."""
    return [(r[0].strip(), r[1] if len(r) > 1 else "", r[2] if len(r) > 2 else "") for r in _rows(path)]


def read_queries(path: str | Path) -> list[tuple[str, str]]:
    """``(query id, text)`` of a queries file, in file order."""
    return [(r[0].strip(), r[1] if len(r) > 1 else "") for r in _rows(path)]


def read_qrels(path: str | Path) -> dict[str, set[str]]:
    """Query id → ids of its relevant pool entries (TREC qrels, relevance > 0)."""
    rel: dict[str, set[str]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[3] != "0":
            rel.setdefault(parts[0], set()).add(parts[2])
    return rel


def held_out(queries: Sequence[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``(tune, held)``: every 5th query by position is held out."""
    return [q for i, q in enumerate(queries) if i % 5 != 4], [q for i, q in enumerate(queries) if i % 5 == 4]


def average_precision(ranked: Sequence[str], relevant: Iterable[str], k: int = 5) -> float:
    """AP@k of one ranked list."""
    rel = set(relevant)
    if not rel:
        return 0.0
    hits, total = 0, 0.0
    for i, doc in enumerate(ranked[:k], start=1):
        if doc in rel:
            hits += 1
            total += hits / i
    return total / min(len(rel), k)


def map_at_k(runs: Mapping[str, Sequence[str]], qrels: Mapping[str, set[str]], k: int = 5) -> float:
    """Mean AP@k over the queries of ``runs`` that have relevance judgements."""
    judged = [q for q in runs if qrels.get(q)]
    if not judged:
        return 0.0
    return sum(average_precision(runs[q], qrels[q], k) for q in judged) / len(judged)
