"""A calibrated confidence for each event, from its named signals.

The model is a logistic regression over the binary signals of ``signals`` (Platt-style
calibration with a handful of interpretable features), fitted by ``presslens train events`` on
hand-labelled data: the audit set's dev articles and the tune split of the event case files
(``training/events.py``).  Its parameters ship as ``resources/events/confidence.json`` with the
threshold below which an event is shown as uncertain (kept, marked, off the timeline by
default); the file also records the data, the fit and the held-out reliability it was checked
against.  Scoring needs no third-party package: a dot product and a logistic function.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from presslens import resources

RESOURCE = "events/confidence.json"


@dataclass(frozen=True)
class Calibrator:
    """Weights per signal, the intercept and the uncertainty threshold."""

    weights: Mapping[str, float]
    bias: float
    threshold: float

    def probability(self, signals: Iterable[str]) -> float:
        """The calibrated probability that an event with these signals is right."""
        z = self.bias + sum(self.weights.get(s, 0.0) for s in signals)
        return 1.0 / (1.0 + math.exp(-z))

    def uncertain(self, confidence: float) -> bool:
        """True below the threshold."""
        return confidence < self.threshold


def from_data(data: Mapping[str, Any]) -> Calibrator:
    """A calibrator from the JSON structure ``training/events.py`` writes."""
    return Calibrator(dict(data["weights"]), float(data["bias"]), float(data["threshold"]))


@functools.cache
def load() -> Calibrator:
    """The packaged calibrator (read once)."""
    return from_data(resources.json_data(RESOURCE))
