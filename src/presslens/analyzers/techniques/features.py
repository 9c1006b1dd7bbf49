"""Token tables and feature ids for the technique tagger and classifier (numpy only).

A :class:`TokenTable` is read from an already parsed spaCy Doc with one ``Doc.to_array`` call
(lower-case hashes, coarse POS, fine tags, offsets, sentence starts); every feature is then a
vectorised lookup: word ids by binary search in a sorted hash vocabulary, hashed bigrams,
lexicon class matrices, sentence and document aggregates.  The same code builds training
matrices (with scikit-learn, at training time only) and scores at run time (a sum of weight
rows), so train and run features cannot drift apart.  Feature design after the PTC error
analyses of Da San Martino et al. (2019) and the SemEval-2020 Task 11 system reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from presslens.analyzers.techniques.lexicon import CLASSES, Lexicon, hash_word

N_CLASSES = len(CLASSES)
BIGRAM_BUCKETS = 1 << 17
_QUOTED = re.compile(r"“[^”\n]{1,600}”|\"[^\"\n]{1,600}\"|‘[^’\n]{3,300}’")
_POS_BASE = 83  # spaCy univ_pos_t ids run 84 (ADJ) … 103 (SPACE)


@dataclass
class TokenTable:
    """Per-token arrays of one document (all aligned, length n)."""

    text: str
    lower: np.ndarray  # uint64 hashes
    pos: np.ndarray  # small ints (0..20)
    tag: np.ndarray  # uint64 hashes
    start: np.ndarray  # char offsets
    end: np.ndarray
    sent: np.ndarray  # sentence index per token
    space: np.ndarray  # bool: whitespace / newline token
    quoted: np.ndarray  # bool: inside quotation marks
    lex: np.ndarray  # (n, N_CLASSES) lexicon classes
    hits: list[tuple[int, int, int, str]]  # phrase hits

    def __len__(self) -> int:
        return len(self.lower)


def token_table(doc: Any, lexicon: Lexicon, text: str | None = None) -> TokenTable:
    """Read a parsed spaCy Doc into a TokenTable (one ``to_array`` call).

    ``text`` is the Doc's text when the caller has it (``Doc.text`` rebuilds the string).
    """
    from spacy.attrs import IDX, LENGTH, LOWER, POS, SENT_START, TAG

    text = doc.text if text is None else text
    n = len(doc)
    arr = doc.to_array([LOWER, POS, TAG, IDX, LENGTH, SENT_START]) if n else np.zeros((0, 6), np.uint64)
    lower = arr[:, 0].astype(np.uint64)
    pos = np.clip(arr[:, 1].astype(np.int64) - _POS_BASE, 0, 20)
    start = arr[:, 3].astype(np.int64)
    end = start + arr[:, 4].astype(np.int64)
    sent_start = arr[:, 5].astype(np.int64) == 1
    if n:
        sent_start[0] = True
    sent = np.cumsum(sent_start) - 1
    space = pos == 20
    lex, hits = lexicon.classes(lower)
    return TokenTable(text, lower, pos, arr[:, 2].astype(np.uint64), start, end, sent, space,
                      quoted_mask(text, start), lex, hits)


def quoted_mask(text: str, starts: np.ndarray) -> np.ndarray:
    """True for tokens that start inside a pair of quotation marks."""
    out = np.zeros(len(starts), dtype=bool)
    for m in _QUOTED.finditer(text):
        a, b = np.searchsorted(starts, [m.start() + 1, m.end() - 1])
        out[a:b] = True
    return out


@dataclass(frozen=True)
class Vocab:
    """Sorted hash vocabularies: words and fine tags (id 0 = padding, 1 = unknown)."""

    words: tuple[str, ...]
    tags: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_w", _sorted_hashes(self.words))
        object.__setattr__(self, "_t", _sorted_hashes(self.tags))

    def word_ids(self, lower: np.ndarray) -> np.ndarray:
        """Word ids (2.. for known words, 1 unknown)."""
        return _lookup(self._w, lower)  # type: ignore[attr-defined]

    def tag_ids(self, tag: np.ndarray) -> np.ndarray:
        """Fine-tag ids (2.. known, 1 unknown)."""
        return _lookup(self._t, tag)  # type: ignore[attr-defined]

    @property
    def n_words(self) -> int:
        """Size of a word table (with padding and unknown rows)."""
        return len(self.words) + 2

    @property
    def n_tags(self) -> int:
        """Size of a tag table."""
        return len(self.tags) + 2


def _sorted_hashes(items: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Sorted hashes of items and the id (index + 2) of each."""
    hashes = np.array([hash_word(w) for w in items], dtype=np.uint64)
    order = np.argsort(hashes)
    return hashes[order], (order + 2).astype(np.int64)


def _lookup(table: tuple[np.ndarray, np.ndarray], keys: np.ndarray) -> np.ndarray:
    """Vectorised dictionary lookup by binary search; 1 where absent."""
    hashes, ids = table
    if len(hashes) == 0 or len(keys) == 0:
        return np.ones(len(keys), dtype=np.int64)
    pos = np.minimum(np.searchsorted(hashes, keys), len(hashes) - 1)
    return np.where(hashes[pos] == keys, ids[pos], 1)


def shift(ids: np.ndarray, offset: int, pad: int = 0) -> np.ndarray:
    """ids[i + offset] for every i, padded at the ends."""
    if offset == 0:
        return ids
    out = np.full_like(ids, pad)
    if offset > 0:
        out[:-offset] = ids[offset:]
    else:
        out[-offset:] = ids[:offset]
    return out


def shift_rows(mat: np.ndarray, offset: int) -> np.ndarray:
    """Row-shifted copy of a matrix (zero padded)."""
    out = np.zeros_like(mat)
    if offset > 0:
        out[:-offset] = mat[offset:]
    elif offset < 0:
        out[-offset:] = mat[:offset]
    else:
        out[:] = mat
    return out


def doc_counts(table: TokenTable) -> np.ndarray:
    """How often each token's lower form occurs in the document."""
    if len(table) == 0:
        return np.zeros(0, dtype=np.int64)
    _, inv, counts = np.unique(table.lower, return_inverse=True, return_counts=True)
    return counts[inv]


def sentence_sums(table: TokenTable, values: np.ndarray) -> np.ndarray:
    """Per-token sum of ``values`` (n, k) over the token's sentence."""
    n_sent = int(table.sent[-1]) + 1 if len(table) else 0
    sums = np.zeros((n_sent, values.shape[1]), dtype=np.float32)
    np.add.at(sums, table.sent, values)
    return sums[table.sent]


def bigram_ids(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Hashed bigram bucket of two word-id arrays."""
    return ((a * 1_000_003 + b * 7_919) % BIGRAM_BUCKETS).astype(np.int64)
