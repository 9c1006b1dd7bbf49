"""Claim retrieval: BM25 candidates re-ranked by a small logistic model over pair features.

Used twice: to find the fact-checks a stored claim repeats, and to find the claims of other
documents that say the same thing.  The first pass is BM25 (the ``bm25s`` library, sparse
matrices) over a pool of texts (a claim plus, for fact-checks, its title); the top ``depth``
candidates of each query are then scored by :data:`FEATURES` (BM25 of claim + title, static-embedding cosine with the claim and with the title, shared numbers and capitalised names,
word overlap) with the logistic weights in ``corpus/crossdoc/data/claim_retrieval.json`` (fitted by
:mod:`presslens.training.claim_retrieval` on the tune part of CheckThat! 2020 T2 train; numpy
only at run time).  The probability is the link's confidence.

The tokeniser is hand-written on purpose: it must split hashtags and camel case (``#FakeNews`` →
``fake news``) and drop URLs and handles, which no maintained tokeniser does for BM25 without a
model; it is a few regular expressions.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

FEATURES = ("bm25_all", "cos_claim", "cos_title", "numbers", "numbers_clash", "names", "overlap", "soft")
DEPTH = 30
K1, B = 1.5, 0.75  # bm25s defaults

_URL = re.compile(r"https?://\S+|pic\.twitter\.com/\S+|www\.\S+")
_HANDLE = re.compile(r"@\w+")
_QUOTES = re.compile(r"[\"“”‘’`]|(?<!\w)'|'(?!\w)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*|\d+(?:[.,]\d+)*%?")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
_STOP = frozenset(
    "a an the and or but if of to in on at by for with from as is are was were be been being it its this that these "
    "those he she they we you i his her their our your my me him them us not no so do does did has have had will "
    "would can could should may might must just than then there here what which who whom whose when where why how "
    "all any some more most other such only own same too very s t about into over after before up down out off again "
    "further once also rt via amp".split())


def clean(text: str) -> str:
    """The text without URLs, handles and quote marks, hashtags and camel case split into words.

    Quote marks go because a pool may hold one claim twice, quoted differently ("x" / 'x'): the two
    then score the same and keep their pool order.
    """
    text = _HANDLE.sub(" ", _URL.sub(" ", text))
    text = _QUOTES.sub("", text.replace("#", " "))
    return _CAMEL.sub(" ", text)


def tokens(text: str) -> list[str]:
    """Lower-cased content words of a cleaned text, with a light plural/suffix stem."""
    out = []
    for word in _WORD.findall(clean(text)):
        w = word.lower().replace("’", "'").split("'")[0]
        if len(w) < 2 or w in _STOP:
            continue
        out.append(_stem(w))
    return out


def _stem(word: str) -> str:
    """A light English stem (plural and a few verb endings), enough to join 'vaccines' and 'vaccine'."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: -len(suffix)] + keep
    return word


def numbers(text: str) -> set[str]:
    """The numbers a text states, normalised (``1,000`` → ``1000``); years and all."""
    return {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(_URL.sub(" ", text))}


def names(text: str) -> set[str]:
    """Lower-cased capitalised words not at a sentence start (a cheap stand-in for names)."""
    found = set()
    for match in _NAME.finditer(clean(text)):
        for word in match.group().split():
            if word.lower() not in _STOP:
                found.add(word.lower())
    return found


@dataclass(frozen=True, slots=True)
class Entry:
    """One retrievable text: an id, its claim and an optional title (fact-check headline)."""

    id: str
    claim: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class Background:
    """Word statistics of a larger collection than the pool: BM25 weights as if ranked within it.

    A story's few claims make a pool too small for BM25's word weights (every word is rare in
    it); with the corpus' claims as background, a pair scores what it would in the whole corpus,
    the scale the re-ranker was fitted on.
    """

    n: int
    df: dict[str, int]
    avglen: float

    @classmethod
    def of(cls, texts: Iterable[str]) -> Background:
        """The statistics of a collection of texts (one streaming pass)."""
        return cls(0, {}, 0.0).add(texts)

    def add(self, texts: Iterable[str]) -> Background:
        """These statistics with more texts counted in."""
        df = dict(self.df)
        n, total = self.n, self.avglen * self.n
        for text in texts:
            words = tokens(text)
            n, total = n + 1, total + len(words)
            for w in set(words):
                df[w] = df.get(w, 0) + 1
        return Background(n, df, total / n if n else 1.0)

    def score(self, query: Sequence[str], doc: Sequence[str]) -> float:
        """BM25 (Lucene variant, k1 = 1.5, b = 0.75, as ``bm25s``) of a document for a query."""
        total, norm = 0.0, K1 * (1 - B + B * len(doc) / max(self.avglen, 1e-9))
        counts: dict[str, int] = {}
        for w in doc:
            counts[w] = counts.get(w, 0) + 1
        for w in set(query):
            tf = counts.get(w, 0)
            if tf:
                df = self.df.get(w, 1)
                total += math.log(1 + (self.n - df + 0.5) / (df + 0.5)) * tf / (tf + norm)
        return total


@dataclass(frozen=True, slots=True)
class Hit:
    """A candidate for a query: the pool entry, its calibrated probability and BM25 rank."""

    entry: Entry
    confidence: float
    rank: int


class Index:
    """A BM25 index over a pool of entries, with their embeddings, ready to rank queries."""

    def __init__(self, entries: Sequence[Entry], background: Background | None = None) -> None:
        """Index ``entries`` (claim and title together); ``background``: weigh words as in a larger collection."""
        import bm25s

        self.entries = list(entries)
        self.background = background
        self._tokens = [tokens(f"{e.claim} {e.title}") for e in self.entries]
        self._all = _bm25(bm25s, self._tokens)
        self._numbers = [numbers(f"{e.claim} {e.title}") for e in self.entries]
        self._names = [names(f"{e.claim} {e.title}") for e in self.entries]
        self._words = [set(tokens(f"{e.claim} {e.title}")) for e in self.entries]
        self._word_vec: dict[str, np.ndarray] = {}
        n = max(1, len(self.entries))
        df: dict[str, int] = {}
        for words in self._words:
            for w in words:
                df[w] = df.get(w, 0) + 1
        self._idf = {w: math.log(1 + n / c) for w, c in df.items()}
        self._idf_unknown = math.log(1 + n)
        self._vec_claim: np.ndarray | None = None
        self._vec_title: np.ndarray | None = None

    def _vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """Embeddings of every claim and title (computed on first use)."""
        if self._vec_claim is None or self._vec_title is None:
            from presslens.nlp.embeddings import embed

            self._vec_claim = embed([clean(e.claim) for e in self.entries])
            self._vec_title = embed([clean(e.title or e.claim) for e in self.entries])
        return self._vec_claim, self._vec_title

    def candidates(self, query: str, depth: int = DEPTH) -> list[int]:
        """Positions of the ``depth`` best BM25 entries for ``query`` (best first; none without words)."""
        scores = _scores(self._all, tokens(query))
        if scores is None or not len(scores):
            return []
        k = min(depth, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        order = np.lexsort((top, -scores[top]))  # ties keep pool order
        return [int(i) for i in top[order] if scores[i] > 0]

    def features(self, query: str, positions: Sequence[int]) -> np.ndarray:
        """The :data:`FEATURES` rows of ``query`` against the pool entries at ``positions``."""
        if not positions:
            return np.zeros((0, len(FEATURES)), dtype=np.float64)
        from presslens.nlp.embeddings import embed

        words = tokens(query)
        pos = np.asarray(positions)
        if self.background is not None:
            s_all = np.asarray([self.background.score(words, self._tokens[i]) for i in positions])
        else:
            s_all = _scores(self._all, words)[pos]
        vec_claim, vec_title = self._vectors()
        q = embed([clean(query)])[0]
        cos_c, cos_t = vec_claim[pos] @ q, vec_title[pos] @ q
        q_nums, q_names, q_words = numbers(query), names(query), set(words)
        rows = []
        for j, i in enumerate(positions):
            shared = len(q_nums & self._numbers[i])
            rows.append((math.log1p(s_all[j]), float(cos_c[j]), float(cos_t[j]), min(shared, 3),
                         float(bool(q_nums and self._numbers[i] and not shared)),
                         min(len(q_names & self._names[i]), 5),
                         len(q_words & self._words[i]) / max(1, len(q_words)), self._soft(q_words, self._words[i])))
        return np.asarray(rows, dtype=np.float64)

    def _vec(self, words: set[str]) -> dict[str, np.ndarray]:
        """Static vectors of single words (cached)."""
        missing = sorted(w for w in words if w not in self._word_vec)
        if missing:
            from presslens.nlp.embeddings import embed

            self._word_vec.update(zip(missing, embed(missing), strict=True))
        return {w: self._word_vec[w] for w in words}

    def _soft(self, query: set[str], words: set[str]) -> float:
        """IDF-weighted mean, over the query's words, of the best cosine with a word of the candidate."""
        if not query or not words:
            return 0.0
        vq, vd = self._vec(query), self._vec(words)
        qs = sorted(query)
        a = np.vstack([vq[w] for w in qs])
        b = np.vstack([vd[w] for w in sorted(words)])
        best = (a @ b.T).max(axis=1)
        weights = np.asarray([self._idf.get(w, self._idf_unknown) for w in qs])
        return float((best * weights).sum() / weights.sum())

    def rank(self, query: str, depth: int = DEPTH, model: Model | None = None) -> list[Hit]:
        """The re-ranked candidates of ``query``, most probable first."""
        positions = self.candidates(query, depth)
        if not positions:
            return []
        probs = (model or load_model()).predict(self.features(query, positions))
        order = np.argsort(-probs, kind="stable")
        return [Hit(self.entries[positions[o]], float(probs[o]), int(o)) for o in order]


def _bm25(bm25s: Any, corpus: list[list[str]]) -> Any:
    """A ``bm25s.BM25`` over pre-tokenised texts (an empty text indexed as one filler token)."""
    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(w, len(vocab)) for w in doc] for doc in corpus]
    filler = vocab.setdefault("\x00", len(vocab))
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenization.Tokenized(ids=[d or [filler] for d in ids], vocab=vocab),
                    show_progress=False)
    retriever.presslens_vocab = vocab
    return retriever


def _scores(retriever: Any, words: list[str]) -> np.ndarray:
    """BM25 score of every indexed text for a tokenised query (words unknown to the index ignored)."""
    vocab = retriever.presslens_vocab
    known = [vocab[w] for w in words if w in vocab]
    n = int(retriever.scores["num_docs"])
    if not known:
        return np.zeros(n, dtype=np.float32)
    return np.asarray(retriever.get_scores(known), dtype=np.float32)


@dataclass(frozen=True, slots=True)
class Model:
    """Logistic weights over :data:`FEATURES` and the threshold for a match shown as fact."""

    coef: tuple[float, ...]
    intercept: float
    threshold: float

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Probability that each row is a match."""
        z = np.clip(x @ np.asarray(self.coef) + self.intercept, -50.0, 50.0)
        return np.asarray(1.0 / (1.0 + np.exp(-z)))


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The bundled re-ranking model (``corpus/crossdoc/data/claim_retrieval.json``)."""
    path = resources.files("presslens.corpus.crossdoc").joinpath("data", "claim_retrieval.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    if list(data["features"]) != list(FEATURES):
        raise ValueError("corpus/crossdoc/data/claim_retrieval.json was fitted on other features: retrain it")
    return Model(tuple(float(c) for c in data["coef"]), float(data["intercept"]), float(data["threshold"]))
