"""Calibrated confidence of a timex value, and the threshold below which an anchor is withheld.

A logistic model over how the value was obtained: the rule family, what it needed (a year, a
weekday's date, a shift), what it was anchored to (the given document date, an inferred one
and its confidence, the narrative time, the time of a quoted speech), the tense used, whether
the text wrote it in full.  Fitted by ``presslens train timex`` on the TempEval-3 tune
documents (analysed with their DCT and without it) and shipped in
``resources/timexes/anchors.json``.  An anchored value whose probability is below the
threshold, or that needs a finer document date than the inferred one ("Friday" against
"2016"), is withheld: the value becomes underspecified (``XXXX-WXX-5``, ``PAST_REF``) and the
guess moves to ``candidates`` with its probability.  A value written in full keeps its
value and only gets ``uncertain``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from presslens import resources
from presslens.analyzers.timexes.candidate import Cand
from presslens.errors import ModelError

RESOURCE = "timexes/anchors.json"
_RULES = frozenset({"weekday", "relunit", "amount", "dayword", "md", "dm", "month", "quarter", "partofday",
                    "refword", "season", "holiday", "yearago", "theunit", "year", "mdy", "dmy", "iso", "slash",
                    "bareplural", "decade", "setadv", "dayref"})


@dataclass(frozen=True, slots=True)
class Anchoring:
    """What the document date of one analysis was: its source, granularity and confidence."""

    source: str  # "given", "inferred" or "none"
    gran: str = "day"
    confidence: float = 1.0


def features(c: Cand, doc_date: Anchoring, underspecified: bool) -> dict[str, float]:
    """Named features of one candidate's value."""
    f = {"bias": 1.0, f"type={c.type}": 1.0, f"rule={c.rule if c.rule in _RULES else 'other'}": 1.0}
    if not c.need and not c.anchor:
        f["written"] = 1.0
        return f
    f[f"need={c.need or 'chain'}"] = 1.0
    anchor = "dct" if c.anchor == "DCT" else "speech" if c.speech else "ref" if c.anchor else "none"
    f[f"anchor={anchor}"] = 1.0
    if anchor == "dct":
        f[f"dct={doc_date.source}"] = 1.0
        if doc_date.source == "inferred":
            f["dct_confidence"] = doc_date.confidence
    if c.tense:
        f[f"tense={c.tense}"] = 1.0
    flags = {"directed": bool(c.direction), "quoted": c.quoted, "voted": c.voted, "underspecified": underspecified}
    f.update({k: 1.0 for k, on in flags.items() if on})
    return f


@dataclass(frozen=True, slots=True)
class AnchorModel:
    """Logistic weights and the threshold of shown anchored values."""

    weights: Mapping[str, float]
    threshold: float

    def probability(self, feats: Mapping[str, float]) -> float:
        """P(value right) = sigmoid(w · x)."""
        z = sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def load() -> AnchorModel | None:
    """The shipped model, or None when the resource is absent."""
    if RESOURCE not in resources.names():
        return None
    data = resources.json_data(RESOURCE)
    try:
        return AnchorModel({k: float(v) for k, v in data["weights"].items()}, float(data["threshold"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"malformed resource {RESOURCE}: {exc}") from exc


def is_underspecified(value: str) -> bool:
    """True for values that name no definite date ("XXXX-06", "PAST_REF")."""
    return not value or "X" in value or value.endswith("_REF")


def apply(cands: Sequence[Cand], model: AnchorModel | None, doc_date: Anchoring) -> None:
    """Give every candidate its confidence; withhold uncertain anchored values."""
    from presslens.analyzers.timexes.resolve import _unresolved

    for c in cands:
        under = is_underspecified(c.value)
        if model is not None:
            c.confidence = round(model.probability(features(c, doc_date, under)), 3)
        anchored = bool(c.anchor) and not under and c.need not in ("", "chain")
        low = c.confidence is not None and model is not None and c.confidence < model.threshold
        if anchored and (c.coarse or low):
            c.candidates = ((c.value, c.confidence if c.confidence is not None else 0.0),)
            c.value, c.uncertain = _unresolved(c), True
        elif low:
            c.uncertain = True
