"""Run-time check-worthiness predictor: numpy only, weights loaded once.

The weights file (``.npz``, no pickles) holds a linear model over the features
of ``features.py`` and the sentence embedding of ``presslens.nlp.embeddings``
(a static model distilled from MiniLM, numpy at run time; scaled by
``emb_scale``) plus a Platt calibration (``a``, ``b``) fitted on grouped
out-of-fold scores and the F1-optimal decision threshold.  The reasons of a
score are the dense features whose contribution ``a * w_j * x_j`` is largest.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from presslens import resources
from presslens.analyzers.claims import features as ft

WEIGHTS_FILE = "weights.npz"
RESOURCE = "claims/checkworthy/" + WEIGHTS_FILE
REASON_MIN = 0.15  # smallest logit contribution worth naming as a reason


@dataclass(frozen=True)
class Prediction:
    """A calibrated probability plus per-feature logit contributions."""

    probability: float
    logit: float
    contributions: tuple[tuple[str, float], ...]

    def reasons(self, limit: int = 4) -> tuple[str, ...]:
        """Names of the features that moved the score most (lowering ones marked)."""
        strong = [(n, c) for n, c in self.contributions if abs(c) >= REASON_MIN and n not in ft.NOT_REASONS]
        strong.sort(key=lambda nc: -abs(nc[1]))
        return tuple(n if c > 0 else f"{n} (lowers)" for n, c in strong[:limit])


class Predictor:
    """A linear check-worthiness model over hashed n-grams and named cues."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.w_hash = arrays["w_hash"].astype(np.float32)
        self.w_dense = [float(w) for w in arrays["w_dense"]]
        self.names = tuple(str(n) for n in arrays["dense_names"])
        if self.names != ft.DENSE_NAMES or int(arrays["hash_bits"]) != ft.HASH_BITS:
            raise ValueError("check-worthiness weights do not match the feature code; retrain")
        self.w_emb = arrays["w_emb"].astype(np.float32) if "w_emb" in arrays else None
        self.emb_scale = float(arrays["emb_scale"]) if "emb_scale" in arrays else 0.0
        self.bias = float(arrays["bias"])
        self.a, self.b = float(arrays["platt_a"]), float(arrays["platt_b"])
        self.threshold = float(arrays["threshold"])

    def predict(self, sentence: str, dense: Sequence[float] | None = None, vector: np.ndarray | None = None) -> Prediction:
        """Score one sentence: probability that it is worth checking.

        ``dense`` (its cues) and ``vector`` (its sentence embedding) may be given when already
        computed; otherwise they are computed here.
        """
        idx = ft.hashed_indices(sentence)
        sparse = float(self.w_hash[idx].sum()) / math.sqrt(len(idx)) if idx else 0.0
        cues = ft.dense_features(sentence) if dense is None else dense
        contrib = [w * x for w, x in zip(self.w_dense, cues, strict=True)]
        z = self.bias + sparse + sum(contrib) + self._embedding_part(sentence, vector)
        logit = self.a * z + self.b
        pairs = tuple((n, self.a * c) for n, c in zip(self.names, contrib, strict=True))
        return Prediction(1.0 / (1.0 + math.exp(-logit)), logit, pairs)

    def _embedding_part(self, sentence: str, vector: np.ndarray | None) -> float:
        """The sentence embedding's share of the logit (0 for weights trained without it)."""
        if self.w_emb is None:
            return 0.0
        if vector is None:
            vector = self.vectors([sentence])[0]
        return float(self.emb_scale * (self.w_emb @ vector))

    def vectors(self, sentences: Sequence[str]) -> np.ndarray:
        """Sentence embeddings for this model (an empty array when it uses none)."""
        if self.w_emb is None:
            return np.zeros((len(sentences), 0), dtype=np.float32)
        from presslens.nlp.embeddings import embed

        return embed(list(sentences), resources.folder("embeddings"))  # recorded as read (provenance)

    def label(self, sentence: str) -> bool:
        """Yes/No at the stored F1-optimal threshold."""
        return self.predict(sentence).probability >= self.threshold


def load_arrays(path: str | Path | None = None) -> dict[str, np.ndarray]:
    """Read a weights file (default: the packaged one) without allowing pickles."""
    if path is None:
        with resources.open_binary(RESOURCE) as fh, np.load(fh, allow_pickle=False) as npz:
            return {k: npz[k] for k in npz.files}
    with np.load(Path(path), allow_pickle=False) as npz:
        return {k: npz[k] for k in npz.files}


@functools.cache
def packaged_predictor() -> Predictor:
    """The packaged model, loaded once per process."""
    return Predictor(load_arrays())


def load_predictor(path: str | Path | None = None) -> Predictor:
    """A predictor from a weights file or directory (default: the packaged model)."""
    if path is None:
        return packaged_predictor()
    p = Path(path)
    return Predictor(load_arrays(p / WEIGHTS_FILE if p.is_dir() else p))
