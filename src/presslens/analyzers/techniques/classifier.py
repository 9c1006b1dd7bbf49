"""Technique classifier: which of the 14 PTC techniques a given span carries.

Features of a span (its tokens plus a little context): bag of words inside, first and last
word, words in a ±3 context window, POS bag, length bin, lexicon class counts inside and in
the sentence, and document-level repetition: how many times the span's words (as a phrase, and
its head word) recur in the article, the strongest single signal for ``Repetition`` in the
SemEval-2020 system reports.  A multinomial logistic regression over them; the weights ship as
numpy arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from presslens.analyzers.techniques.features import N_CLASSES, TokenTable, Vocab, doc_counts, sentence_sums
from presslens.analyzers.techniques.linear import Block, LinearModel

CONTEXT = 3
_CONTENT_POS = [1, 9, 13, 17]  # ADJ NOUN PROPN VERB (spaCy univ_pos_t - 83)


def classifier_sizes(vocab: Vocab) -> dict[str, int]:
    """Table size of every feature group of the classifier."""
    return {"bow": vocab.n_words, "first": vocab.n_words, "last": vocab.n_words, "ctx": vocab.n_words,
            "pos": 21, "len": 10}


def token_range(table: TokenTable, start: int, end: int) -> tuple[int, int]:
    """Token indices [a, b) covering characters [start, end)."""
    a = int(np.searchsorted(table.end, start, side="right"))
    b = int(np.searchsorted(table.start, end, side="left"))
    return (a, max(b, a + 1)) if a < len(table) else (a, a)


class Recurrence:
    """How often each token sequence of the document recurs in it, for sequences of 1–12 tokens.

    For each length asked for, every window of that length is counted at once (``np.unique``
    over the windows' bytes, exact), so a span's count is a look-up instead of a scan of the
    document per span.
    """

    MAX_TOKENS = 12

    def __init__(self, lower: np.ndarray) -> None:
        """Count over the token hashes ``lower`` (lengths computed on demand)."""
        self.lower = np.ascontiguousarray(lower, dtype=np.uint64)
        self._by_length: dict[int, np.ndarray] = {}

    def count(self, a: int, b: int) -> int:
        """Occurrences of tokens ``[a, b)`` as a sequence in the document (1 = only here)."""
        k = b - a
        if k <= 0 or k > self.MAX_TOKENS or b > len(self.lower):
            return 1
        if k not in self._by_length:
            windows = np.ascontiguousarray(np.lib.stride_tricks.sliding_window_view(self.lower, k))
            keys = windows.view(np.dtype((np.void, 8 * k))).ravel()
            _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
            self._by_length[k] = counts[inverse.ravel()]
        return int(self._by_length[k][a]) or 1


def span_features(table: TokenTable, vocab: Vocab, spans: list[tuple[int, int]],
                  words: np.ndarray | None = None) -> tuple[dict[str, Block], np.ndarray]:
    """Feature blocks and dense matrix of character spans of one document."""
    w = vocab.word_ids(table.lower) if words is None else words
    rows: dict[str, list[np.ndarray]] = {k: [] for k in ("bow", "first", "last", "ctx", "pos", "len")}
    cols: dict[str, list[np.ndarray]] = {k: [] for k in rows}
    dense = np.zeros((len(spans), _DENSE), dtype=np.float32)
    sent_lex = sentence_sums(table, table.lex) if len(table) else table.lex
    counts = np.where(np.isin(table.pos, _CONTENT_POS), doc_counts(table), 1)
    shared = _Shared(counts, Recurrence(table.lower), np.bincount(table.sent) if len(table) else np.zeros(0, np.int64))
    for r, (start, end) in enumerate(spans):
        a, b = token_range(table, start, end)
        b = min(b, len(table))
        if b <= a:
            continue
        keep = ~table.space[a:b]
        inside = w[a:b][keep]
        ctx = np.concatenate([w[max(0, a - CONTEXT) : a], w[b : b + CONTEXT]])
        for name, ids in (("bow", inside), ("first", w[a : a + 1]), ("last", w[b - 1 : b]),
                          ("ctx", ctx), ("pos", table.pos[a:b][keep]),
                          ("len", np.array([min(int(np.log2(len(inside) + 1) * 2), 9)]))):
            rows[name].append(np.full(len(ids), r))
            cols[name].append(ids.astype(np.int64))
        dense[r] = _dense_row(table, a, b, (start, end), sent_lex, shared)
    blocks: dict[str, Block] = {}
    for name in rows:
        rr = np.concatenate(rows[name]) if rows[name] else np.zeros(0, np.int64)
        cc = np.concatenate(cols[name]) if cols[name] else np.zeros(0, np.int64)
        blocks[name] = (rr.astype(np.int64), cc, _bag_values(rr))
    return blocks, dense


def _bag_values(rows: np.ndarray) -> np.ndarray:
    """1/sqrt(bag size) weights so long spans do not dominate."""
    if len(rows) == 0:
        return np.zeros(0, np.float32)
    counts = np.bincount(rows)
    return (1.0 / np.sqrt(counts[rows])).astype(np.float32)


_DENSE = 2 * N_CLASSES + 9


@dataclass(frozen=True)
class _Shared:
    """Per-document arrays every span's dense row reads (computed once per document)."""

    counts: np.ndarray  # recurrence of each content token's word
    recurrence: Recurrence  # recurrence of token sequences
    sentence_lengths: np.ndarray  # tokens per sentence


def _dense_row(table: TokenTable, a: int, b: int, span: tuple[int, int], sent_lex: np.ndarray,
               shared: _Shared) -> np.ndarray:
    """Lexicon counts inside and in the sentence, repetition, shape and punctuation cues."""
    text, (start, end) = table.text, span
    inside = table.lex[a:b].sum(axis=0)
    n_tok = b - a
    sent_tokens = int(shared.sentence_lengths[int(table.sent[a])])
    after = text[end : end + 2]
    extras = [
        np.log1p(shared.recurrence.count(a, b) - 1),
        float(np.log1p(np.max(shared.counts[a:b]) - 1)),
        float(table.quoted[a:b].mean()),
        float("!" in text[start:end] or "!" in after),
        float("?" in text[start:end] or "?" in after),
        n_tok / max(sent_tokens, 1),
        float(text[start:end].isupper()),
        float(sum(c.isupper() for c in text[start:end]) / max(end - start, 1)),
        float(any(ch.isdigit() for ch in text[start:end])),
    ]
    return np.concatenate([np.log1p(inside), np.log1p(sent_lex[a]), np.array(extras, np.float32)])


def classify(model: LinearModel, table: TokenTable, vocab: Vocab,
             spans: list[tuple[int, int]]) -> np.ndarray:
    """(n_spans, n_techniques) probabilities."""
    if not spans:
        return np.zeros((0, len(model.labels)))
    blocks, dense = span_features(table, vocab, spans)
    return model.proba(blocks, dense, len(spans))
