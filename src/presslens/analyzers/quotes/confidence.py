"""Speaker confidence: a logistic model over how a speaker was found, calibrated on labels.

Each candidate speaker (``discourse.Option``) carries features: the resolution method
(name, modifier, pronoun, neuter, description, continued), the entity type, salience
(sentence distance, subjecthood, last speaker, margin over rivals), gender agreement.  A
logistic regression over them was fitted on labelled speaker links (PolNeAR train Source
spans minus a held-out fifth, and the audit set's dev split; ``presslens train speakers``)
and ships as ``resources/quotes/speaker_confidence.json``: weights, the threshold below
which a speaker is left unresolved, and the precision and coverage measured for it.  Plain
arithmetic on a dozen numbers: no library needed at run time.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass

from presslens import resources

METHODS: tuple[str, ...] = ("name", "modifier", "pronoun", "neuter", "description", "continued")
NUMERIC: tuple[str, ...] = (
    "type_person", "type_org", "type_place", "type_norp", "subj_noun", "dist", "margin", "rivals",
    "subject", "last_speaker", "gender_agree", "gender_unknown", "quoted", "mentions", "gap", "intervening",
)
FEATURES: tuple[str, ...] = tuple(f"method_{m}" for m in METHODS) + NUMERIC
RESOURCE = "quotes/speaker_confidence.json"


@dataclass(frozen=True, slots=True)
class Calibrator:
    """Logistic weights per feature, an intercept and the resolution threshold."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, method: str, features: Mapping[str, float]) -> float:
        """P(speaker right) for one candidate."""
        z = self.bias + sum(w * x for w, x in zip(self.weights, vector(method, features), strict=True))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def vector(method: str, features: Mapping[str, float]) -> list[float]:
    """The model's input: method one-hot, then the numeric features (absent = 0; counts squashed)."""
    out = [float(method == m) for m in METHODS]
    for name in NUMERIC:
        value = float(features.get(name, 0.0))
        out.append(math.log1p(value) if name in ("dist", "rivals", "mentions", "gap") else value)
    return out


@functools.cache
def calibrator() -> Calibrator:
    """The shipped model (checked against the feature list it was fitted with)."""
    data = resources.json_data(RESOURCE)
    if tuple(data["features"]) != FEATURES:
        from presslens.errors import ModelError

        raise ModelError(f"{RESOURCE}: fitted on other features; retrain with `presslens train speakers`")
    return Calibrator(tuple(float(w) for w in data["weights"]), float(data["bias"]), float(data["threshold"]))
