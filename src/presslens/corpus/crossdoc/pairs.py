"""Pairs of documents for story grouping: blocking keys, and the features of a pair.

Comparing every pair of a corpus grows with its square, so candidates come from blocking keys
(:func:`keys`): the names of people, places and organisations and the document's rarest
content words; a key held by more than :data:`MAX_BLOCK` documents says nothing about a story
and is skipped.  Each candidate pair is described by :data:`FEATURES`, weighted by how rare a
shared name or word is in the corpus (inverse document frequency), so "Chicago" counts less than
"Kokomo" in a corpus of American shootings.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from presslens.corpus.crossdoc.profile import Profile

MAX_BLOCK = 400  # documents sharing one key at most (more: the key is too common to block on)
MAX_PARTNERS = 40  # candidate partners kept per document (the best by shared-key IDF)
RARE_TERMS = 12  # rarest content words of a document used as blocking keys
FEATURES = ("text", "places", "places_apart", "people", "people_apart", "orgs", "figures", "same_date",
            "days_apart", "no_dates", "events", "years_apart", "lead_apart")


class Weights:
    """Document frequencies of names and words over a set of profiles, as IDF weights."""

    def __init__(self, profiles: Sequence[Profile]) -> None:
        """Count in how many documents each term and name occurs."""
        self.n = max(len(profiles), 1)
        self.df: Counter[str] = Counter()
        for p in profiles:
            self.df.update(p.terms.keys())
            self.df.update(f"N:{name}" for name in p.places | p.orgs | p.people | p.surnames | p.figures)

    def idf(self, key: str) -> float:
        """Smoothed inverse document frequency (0 < idf ≤ log(n + 1) + 1)."""
        return math.log((self.n + 1) / (self.df.get(key, 0) + 1)) + 1.0

    def name_idf(self, name: str) -> float:
        """IDF of a name, normalised to 0–1 by the largest possible."""
        return self.idf(f"N:{name}") / (math.log(self.n + 1) + 1.0)

    def vector(self, p: Profile) -> dict[str, float]:
        """The L2-normalised tf-idf vector of a profile's content words (log term frequency)."""
        vec = {t: (1 + math.log(c)) * self.idf(t) for t, c in p.terms.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}


def keys(p: Profile, weights: Weights) -> set[str]:
    """Blocking keys of a document: its names and its rarest content words."""
    rare = sorted(p.terms, key=lambda t: (-weights.idf(t), t))[:RARE_TERMS]
    names = {f"N:{n}" for n in p.places | p.orgs | p.people | p.surnames}
    return names | {f"T:{t}" for t in rare}


def candidates(profiles: Sequence[Profile], weights: Weights) -> list[tuple[int, int]]:
    """Index pairs sharing a blocking key held by at most :data:`MAX_BLOCK` documents.

    Each document keeps its :data:`MAX_PARTNERS` best partners (by the summed IDF of the keys
    they share); a pair is a candidate when either side keeps it.  So the pairs grow with the
    documents (at most ``MAX_PARTNERS`` per document), however many share a common key.
    """
    blocks: dict[str, list[int]] = {}
    doc_keys = [keys(p, weights) for p in profiles]
    for i, ks in enumerate(doc_keys):
        for key in ks:
            blocks.setdefault(key, []).append(i)
    idf = {k: weights.idf(k[2:] if k.startswith("T:") else k) for k, v in blocks.items() if 1 < len(v) <= MAX_BLOCK}
    pairs: set[tuple[int, int]] = set()
    for i, ks in enumerate(doc_keys):
        score: dict[int, float] = {}
        for key in ks:
            weight = idf.get(key)
            if weight is None:
                continue
            for j in blocks[key]:
                if j != i:
                    score[j] = score.get(j, 0.0) + weight
        best = heapq.nlargest(MAX_PARTNERS, score.items(), key=lambda kv: (kv[1], -kv[0]))
        pairs.update((min(i, j), max(i, j)) for j, _ in best)
    return sorted(pairs)


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def _shared(a: Iterable[str], b: frozenset[str], weights: Weights) -> float:
    """Sum of the normalised IDF of the names two documents share (capped at 2)."""
    return min(sum(weights.name_idf(n) for n in set(a) & b), 2.0)


def features(a: Profile, b: Profile, va: dict[str, float], vb: dict[str, float], weights: Weights) -> np.ndarray:
    """The feature vector of a pair (order of :data:`FEATURES`)."""
    places = _shared(a.places, b.places, weights)
    apart = float(bool(a.places) and bool(b.places) and not (a.places & b.places))
    people_apart = float(bool(a.surnames) and bool(b.surnames) and not (a.surnames & b.surnames))
    when_a, when_b = a.when, b.when
    days = abs((when_a - when_b).days) if when_a and when_b else None
    same_date = float(bool(a.dates & b.dates) or (days == 0))
    union = a.event_types | b.event_types
    events = len(a.event_types & b.event_types) / len(union) if union else 0.0
    year_a, year_b = a.latest_year, b.latest_year
    years = math.log1p(abs(year_a - year_b)) if year_a is not None and year_b is not None else 0.0
    return np.array([
        cosine(va, vb), places, apart, _shared(a.people | a.surnames, b.people | b.surnames, weights),
        people_apart, _shared(a.orgs, b.orgs, weights),
        _shared(a.figures, b.figures, weights), same_date,
        math.log1p(days) if days is not None else 0.0, float(days is None), events, years, _leads_apart(a, b),
    ])


def _leads_apart(a: Profile, b: Profile) -> float:
    """1 when both documents are about a person (:attr:`Profile.lead`) and each is about another one."""
    if a.lead is None or b.lead is None or a.lead == b.lead:
        return 0.0
    return 1.0
