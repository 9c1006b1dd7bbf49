"""The reasons of a claim's check-worthiness, from the sentence model and the news calibration.

The sentence model (trained on debate sentences, ``model.py``) sees only words; the news model
of ``calibrate.py`` adds what the claim layer knows (kind, who asserts it, linked quantities and
entities) with weights fitted on labelled news.  Each input's share of the final logit is one
readable reason: the sentence model's cues scaled by the weight the news model gives its logit,
and each claim-level signal by its own fitted weight (``"opinion (lowers)"``, ``"contains a
number"`` …).  Only cues that fired are named (a cue's contribution is zero when it is absent),
and :data:`~presslens.analyzers.claims.features.NOT_REASONS` are never named.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from presslens.analyzers.claims.calibrate import Verdict
from presslens.analyzers.claims.features import NOT_REASONS
from presslens.analyzers.claims.model import REASON_MIN, Prediction
from presslens.model.records import Quantity

CASUALTY = re.compile(r"\b(?:killed|dead|deaths?|died|wounded|injured|injuries|casualties|victims?|fatalities)\b", re.IGNORECASE)
MAX_REASONS = 5


def casualty_quantity(quantities: Sequence[Quantity]) -> bool:
    """A linked quantity counts people killed or hurt."""
    return any(q.counts and CASUALTY.search(q.counts) for q in quantities)


def reasons(pred: Prediction, verdict: Verdict) -> tuple[str, ...]:
    """Reasons of the final score, strongest first, each named once."""
    weights: dict[str, float] = {}
    scaled = [(n, c * verdict.logit_weight) for n, c in pred.contributions if n not in NOT_REASONS and c != 0.0]
    for name, value in scaled + [(n, c) for n, c in verdict.signal_contributions if c != 0.0]:
        label = name if value > 0 else f"{name} (lowers)"
        weights[label] = weights.get(label, 0.0) + value
    ranked = sorted((kv for kv in weights.items() if abs(kv[1]) >= REASON_MIN), key=lambda kv: -abs(kv[1]))
    return tuple(name for name, _ in ranked[:MAX_REASONS])
