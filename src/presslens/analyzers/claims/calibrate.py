"""Fitted claim-level models: the kind, how sure kind and attribution are, check-worthiness on news.

The rules of ``units.py`` and ``attribution.py`` and the sentence model of ``model.py`` give raw
signals; three small logistic models fitted on labelled news (the audit set's dev split,
``presslens train claims-calibration``; see ``resources/claims/calibration/MODEL_CARD.md``)
turn them into what a desk reads:

* **kind**: a multinomial logistic over the rule's kind, the attribution type, the sentence
  cues of ``features.py`` and the parse features of ``units.syntax_features`` (5 classes), for units the rules call factual, opinion or prediction
  (questions, headings and fragments are decided by form and kept, and so is a cause asserted
  in the author's own voice, factual by the labelling convention);
* **attribution confidence**: a binary logistic, P(attribution type and source are right), over
  the attribution type, whether a source entity and a cue were found, quotation marks, whether
  the source is an uncertain quote's likeliest speaker (then capped by that speaker's
  probability from the quotes layer) and kind;
* **check-worthiness on news**: Platt scaling (a logistic over one input) of the sentence
  model's logit (trained on debates) plus fixed, documented offsets for the claim-level signals
  (:data:`OFFSETS`: kind, who asserts it, linked quantities and entities).

``confidence`` = P(kind) × P(attribution); below :attr:`Calibration.threshold` (measured on
held-out articles, recorded in the model card) a claim is kept but marked ``uncertain`` and
carries its likeliest kinds.  Numpy only at run time; the weights are plain arrays in an
``.npz`` read without pickles.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from presslens import resources
from presslens.analyzers.claims import features as ft
from presslens.analyzers.claims.units import SYNTAX_NAMES
from presslens.model.records import Attribution, ClaimKind

RESOURCE = "claims/calibration/weights.npz"
KINDS: tuple[ClaimKind, ...] = ("factual", "opinion", "prediction", "question", "other")
ATTRIBUTIONS: tuple[str, ...] = ("author", "named", "anonymous", "document")
SIGNALS: tuple[str, ...] = (
    "sentence model", "opinion", "prediction", "question", "heading or fragment",
    "unattributed assertion of fact", "anonymous source", "contains a number", "casualty figure", "named actor",
)
"""Inputs of the news check-worthiness model; each name (but the first) is also its reason."""
OFFSETS: tuple[float, ...] = (1.0, -1.0, -0.6, -1.5, -2.5, 0.5, 0.3, 0.3, 0.4, 0.2)
"""Fixed logit offsets of the signals (CheckThat! guidelines: opinions, predictions and questions
are not check-worthy; unsourced factual claims are verified first).  Only the scale and bias of
their sum are fitted on news: 600 labelled units cannot fit ten weights with stable signs."""
_CAUSAL = ft.DENSE_NAMES.index("causal claim")
QUOTE_MARKS = "\"“”«»"
STRUCTURAL = frozenset(("question", "other"))
"""Kinds the rules decide from form alone (a question mark, a heading or fragment): never re-judged."""


@dataclass(frozen=True)
class Draft:
    """What the rules and the sentence model say about one claim unit, before calibration."""

    rule_kind: ClaimKind
    attribution: Attribution
    dense: tuple[float, ...]
    text: str
    n_quantities: int = 0
    casualty: bool = False
    n_entities: int = 0
    speaker_confidence: float | None = None  # source taken from an uncertain quote's top candidate
    syntax: tuple[float, ...] = ()  # units.syntax_features, in the order of units.SYNTAX_NAMES


def _onehot(value: str, values: Sequence[str]) -> list[float]:
    """1.0 at the position of ``value`` in ``values``, 0.0 elsewhere."""
    return [1.0 if value == v else 0.0 for v in values]


def kind_features(draft: Draft) -> np.ndarray:
    """Inputs of the kind model: rule kind, attribution type, sentence cues, parse features."""
    syntax = list(draft.syntax) or [0.0] * len(SYNTAX_NAMES)
    return np.array(_onehot(draft.rule_kind, KINDS) + _onehot(draft.attribution.type, ATTRIBUTIONS) + list(draft.dense) + syntax)


def attribution_features(draft: Draft, kind: str) -> np.ndarray:
    """Inputs of the attribution-confidence model."""
    att = draft.attribution
    quoted = any(c in draft.text for c in QUOTE_MARKS)
    guessed = draft.speaker_confidence is not None
    flags = [float(att.source is not None), float(att.cue is not None), float(quoted), float(guessed)]
    return np.array(_onehot(att.type, ATTRIBUTIONS) + flags + _onehot(kind, KINDS))


def signal_values(logit: float, kind: str, draft: Draft) -> np.ndarray:
    """Which signals apply (the logit itself first), in the order of :data:`SIGNALS`."""
    factual = kind == "factual"
    return np.array([
        logit, kind == "opinion", kind == "prediction", kind == "question", kind == "other",
        factual and draft.attribution.type == "author", factual and draft.attribution.type == "anonymous",
        draft.n_quantities > 0, draft.casualty, draft.n_entities > 0,
    ], dtype=float)


def _causal_assertion(draft: Draft) -> bool:
    """A cause asserted in the author's own voice: factual by the labelling convention, kept."""
    return draft.rule_kind == "factual" and draft.attribution.type == "author" and draft.dense[_CAUSAL] > 0


def _sigmoid(z: float) -> float:
    """The logistic function, safe for large |z|."""
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


@dataclass(frozen=True)
class Verdict:
    """Calibrated kind, confidences and check-worthiness of one claim."""

    kind: ClaimKind
    kind_probs: tuple[float, ...]
    confidence: float
    uncertain: bool
    score: float
    signal_contributions: tuple[tuple[str, float], ...]
    logit_weight: float


class Calibration:
    """The three fitted claim models (arrays of ``weights.npz``).

    ``threshold``: below this confidence kind and attribution are shown as uncertain; ``flag``:
    the check-worthiness at or above which a claim is flagged check-worthy (chosen on held-out
    articles to keep recall at the trainer's ``FLAG_RECALL``).
    """

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        """Check the arrays against the feature code and keep them."""
        names = tuple(str(n) for n in arrays["dense_names"]), tuple(str(n) for n in arrays.get("syntax_names", ()))
        if names != (ft.DENSE_NAMES, SYNTAX_NAMES):
            raise ValueError("claim calibration does not match the feature code; retrain")
        self.kind_w, self.kind_b = arrays["kind_w"].astype(float), arrays["kind_b"].astype(float)
        self.att_w, self.att_b = arrays["att_w"].astype(float), float(arrays["att_b"])
        self.cw_a, self.cw_b = float(arrays["cw_a"]), float(arrays["cw_b"])
        self.threshold = float(arrays["threshold"])
        self.flag = float(arrays["cw_flag"])

    def kind_probs(self, draft: Draft) -> np.ndarray:
        """P(kind) for each of :data:`KINDS`; structural kinds (question, other) stay the rule's."""
        if draft.rule_kind in STRUCTURAL or _causal_assertion(draft):
            return np.array(_onehot(draft.rule_kind, KINDS))
        z = kind_features(draft) @ self.kind_w + self.kind_b
        e = np.exp(z - z.max())
        return np.asarray(e / e.sum())

    def attribution_prob(self, draft: Draft, kind: str) -> float:
        """P(the attribution is right), never above the quotes layer's own speaker confidence."""
        p = _sigmoid(float(attribution_features(draft, kind) @ self.att_w) + self.att_b)
        return p if draft.speaker_confidence is None else min(p, draft.speaker_confidence)

    def judge(self, draft: Draft, logit: float) -> Verdict:
        """Kind, confidence, uncertainty and news check-worthiness of one draft."""
        probs = self.kind_probs(draft)
        kind = KINDS[int(np.argmax(probs))]
        confidence = float(probs.max()) * self.attribution_prob(draft, kind)
        values = signal_values(logit, kind, draft) * np.array(OFFSETS)
        contributions = tuple((name, float(self.cw_a * x)) for name, x in zip(SIGNALS[1:], values[1:], strict=True))
        score = _sigmoid(self.cw_a * float(values.sum()) + self.cw_b)
        return Verdict(kind, tuple(float(p) for p in probs), confidence, confidence < self.threshold, score,
                       contributions, self.cw_a)


def load_arrays() -> dict[str, np.ndarray]:
    """The packaged calibration arrays (no pickles)."""
    with resources.open_binary(RESOURCE) as fh, np.load(fh, allow_pickle=False) as npz:
        return {k: npz[k] for k in npz.files}


@functools.cache
def packaged_calibration() -> Calibration:
    """The packaged calibration, loaded once per process."""
    return Calibration(load_arrays())
