"""Combine the sentence model's score with what the claim layer knows.

The model (trained on debate sentences) sees only words.  The claim layer
adds structure the model cannot: the claim kind, who asserts it, the linked
quantities and entities.  We add fixed offsets to the model's calibrated
logit and squash again, so each adjustment is one readable reason:

=========================================  =======  ==============================
signal                                     logit    reason string
=========================================  =======  ==============================
kind opinion / prediction / question       −1.0 / −0.6 / −1.5 / ``"opinion (lowers)"`` …
kind other (heading, fragment)             −2.5     ``"heading or fragment (lowers)"``
factual, author's own voice                +0.5     ``"unattributed assertion of fact"``
factual, anonymous source                  +0.3     ``"anonymous source"``
linked quantity (quantities layer)         +0.3     ``"contains a number"``
a quantity counting people hurt/killed     +0.4     ``"casualty figure"``
linked entity (entities layer)             +0.2     ``"named actor"``
=========================================  =======  ==============================

The offsets were set by hand (CheckThat! guidelines: opinions, predictions
and questions are not check-worthy; unsourced factual claims are the first
to verify) and checked on the bundled example articles; they are not fitted.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from presslens.analyzers.claims.model import Prediction
from presslens.model.records import Attribution, ClaimKind, Quantity

KIND_OFFSET: dict[str, tuple[float, str]] = {
    "opinion": (-1.0, "opinion (lowers)"),
    "prediction": (-0.6, "prediction (lowers)"),
    "question": (-1.5, "question (lowers)"),
    "other": (-2.5, "heading or fragment (lowers)"),
}
_CASUALTY = re.compile(r"\b(?:kill|dead|death|die|wound|injur|casualt|victim|fatalit|civilian|people|soldier|case|refugee)", re.IGNORECASE)


def _signals(kind: ClaimKind, attribution: Attribution, quantities: Sequence[Quantity], n_entities: int) -> list[tuple[float, str]]:
    """The claim-level logit offsets that apply, with their reason strings."""
    out: list[tuple[float, str]] = []
    if kind in KIND_OFFSET:
        out.append(KIND_OFFSET[kind])
    if kind == "factual" and attribution.type == "author":
        out.append((0.5, "unattributed assertion of fact"))
    if kind == "factual" and attribution.type == "anonymous":
        out.append((0.3, "anonymous source"))
    if quantities:
        out.append((0.3, "contains a number"))
    if any(q.counts and _CASUALTY.search(q.counts) for q in quantities):
        out.append((0.4, "casualty figure"))
    if n_entities:
        out.append((0.2, "named actor"))
    return out


def combine(
    pred: Prediction, kind: ClaimKind, attribution: Attribution, quantities: Sequence[Quantity], n_entities: int
) -> tuple[float, tuple[str, ...]]:
    """Final 0–1 score and reasons (strongest first, each named once)."""
    signals = _signals(kind, attribution, quantities, n_entities)
    logit = pred.logit + sum(v for v, _ in signals)
    score = 1.0 / (1.0 + math.exp(-logit))
    weights: dict[str, float] = {}
    for name, value in [(n if c > 0 else f"{n} (lowers)", c) for n, c in pred.contributions if n != "length"] + [
        (r, v) for v, r in signals
    ]:
        weights[name] = weights.get(name, 0.0) + value
    ranked = sorted((kv for kv in weights.items() if abs(kv[1]) >= 0.15), key=lambda kv: -abs(kv[1]))
    return round(score, 4), tuple(name for name, _ in ranked[:5])
