"""Calibrator fitting pieces of the techniques training (synthetic rows; no PTC needed)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn")

from presslens.analyzers.techniques.calibration import Calibrator, Candidate, feature_names
from presslens.eval.ptc import Label
from presslens.training.techniques import fit_calibrator, overlaps_gold, reliability


def test_overlap_with_gold_is_per_article_and_needs_a_shared_character() -> None:
    gold = [Label("1", "Doubt", 10, 20), Label("2", "Doubt", 0, 5)]
    cands = [("1", Candidate(19, 25, "Doubt", 0.5, "")), ("1", Candidate(20, 25, "Doubt", 0.5, "")),
             ("2", Candidate(10, 12, "Doubt", 0.5, "")), ("3", Candidate(0, 5, "Doubt", 0.5, ""))]
    assert overlaps_gold(cands, gold).tolist() == [1, 0, 0, 0]


def test_fitted_calibrator_follows_the_evidence_and_round_trips() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(600, len(feature_names())))
    y = (rng.random(600) < 1 / (1 + np.exp(-2 * x[:, 0]))).astype(int)
    cal = fit_calibrator(x, y, 1.0, 0.6)
    lo, hi = np.zeros((1, x.shape[1])), np.zeros((1, x.shape[1]))
    lo[0, 0], hi[0, 0] = -2.0, 2.0
    assert cal.proba(hi)[0] > 0.9 > 0.1 > cal.proba(lo)[0]
    again = Calibrator.from_dict(cal.to_dict())
    assert again.threshold == 0.6
    assert np.allclose(again.proba(x), cal.proba(x), atol=1e-4)
    table = reliability(cal.proba(x), y)
    assert sum(row["n"] for row in table["table"]) == 600 and 0.0 <= table["brier"] < 0.25


def test_calibrator_refuses_other_features() -> None:
    with pytest.raises(ValueError):
        Calibrator.from_dict({"features": ["a"], "coef": [1.0], "intercept": 0.0, "threshold": 0.5})
