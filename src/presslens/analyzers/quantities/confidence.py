"""Calibrated confidence of a quantity reading (value, unit and what is counted all right).

A logistic model on a handful of features of how the reading was made (its kind, whether
the number is in words, a qualifier, a range, how the counted words were found, whether
spaCy's entity tagger agrees it is an amount, a capitalised word beside it that could make
it part of a name).  Weights are fitted by ``presslens train quantities`` on the tune case
file and the audit set's dev articles and shipped as ``resources/quantities/confidence.json``
with the threshold below which a reading is shown as uncertain; the run time is a dot
product (no numpy).  Without the file every reading has confidence None and is shown.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from presslens import resources
from presslens.analyzers.quantities.grammar import Reading
from presslens.errors import ModelError

KINDS = ("money", "percent", "points", "measure", "duration", "age", "count", "vague", "fraction", "ratio",
         "multiple", "ordinal")
HOWS = ("of", "modified", "hyphen_modified", "money_for", "before_of", "subject", "verb_object", "aged",
        "apposition", "subject_noun")
RESOURCE = "quantities/confidence.json"
_AMOUNT_ENTS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})


def features(doc: Any, r: Reading) -> dict[str, float]:
    """The named features of one reading (all 0/1 except the bias)."""
    out = {"bias": 1.0, f"kind={r.kind}": 1.0}
    if r.counts:
        out["counted"] = 1.0
        out[f"how={r.counts_how}"] = 1.0
    elif r.kind in ("count", "percent", "money", "measure", "fraction", "points"):
        out[f"uncounted={r.kind}"] = 1.0
    flags = {
        "words": r.words, "qualified": r.qualifier is not None, "range": r.value_max is not None,
        "tally": "tally" in r.flags, "hyphen": "hyphen" in r.flags, "rate": r.per is not None,
        "apposition": "apposition" in r.flags,
    }
    out.update({k: 1.0 for k, on in flags.items() if on})
    ents = {t.ent_type_ for t in doc[r.start : r.end] if t.ent_type_}
    out["ent_amount" if ents & _AMOUNT_ENTS else "ent_other" if ents else "ent_none"] = 1.0
    if _capital_neighbour(doc, r):
        out["capital_beside"] = 1.0
    if r.kind == "count" and r.value == int(r.value) and 1900 <= r.value <= 2100 and not r.words:
        out["year_like"] = 1.0
    if r.kind == "count" and r.value < 10 and not r.words and not r.counts:
        out["small_bare"] = 1.0
    return out


def _capital_neighbour(doc: Any, r: Reading) -> bool:
    """A capitalised word (not sentence-initial) right before or after the reading."""
    for k in (r.start - 1, r.end):
        if 0 <= k < len(doc) and doc[k].is_alpha and doc[k].text[0].isupper() and not doc[k].is_sent_start:
            return True
    return False


@dataclass(frozen=True, slots=True)
class Model:
    """Logistic weights by feature name and the threshold of shown readings."""

    weights: Mapping[str, float]
    threshold: float

    def probability(self, feats: Mapping[str, float]) -> float:
        """P(reading right) = sigmoid(w · x)."""
        z = sum(self.weights.get(name, 0.0) * value for name, value in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def load() -> Model | None:
    """The shipped model, or None when the resource is absent."""
    if RESOURCE not in resources.names():
        return None
    data = resources.json_data(RESOURCE)
    try:
        return Model({str(k): float(v) for k, v in data["weights"].items()}, float(data["threshold"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"malformed resource {RESOURCE}: {exc}") from exc
