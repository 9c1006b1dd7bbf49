"""The fitted claim calibration: kinds, confidence, uncertainty and reasons that are true."""

from __future__ import annotations

import numpy as np
import pytest

from presslens.analyzers.claims import features as ft
from presslens.analyzers.claims.calibrate import (
    KINDS,
    Calibration,
    Draft,
    load_arrays,
    packaged_calibration,
)
from presslens.model.records import Attribution


def _draft(text: str, kind: str = "factual", att: str = "author") -> Draft:
    return Draft(kind, Attribution(att), tuple(ft.dense_features(text)), text)  # type: ignore[arg-type]


def test_packaged_arrays_are_plain_and_match_the_features():
    arrays = load_arrays()
    assert all(a.dtype != object for a in arrays.values())
    assert arrays["kind_w"].shape == (len(KINDS) + 4 + len(ft.DENSE_NAMES), len(KINDS))
    assert arrays["cw_a"].shape == () and float(arrays["cw_a"]) > 0
    cal = packaged_calibration()
    assert 0.0 < cal.threshold < 1.0 and 0.0 < cal.flag < 1.0


def test_mismatched_features_are_refused():
    arrays = dict(load_arrays())
    arrays["dense_names"] = np.array(["something else"])
    with pytest.raises(ValueError, match="retrain"):
        Calibration(arrays)


@pytest.mark.parametrize(("text", "kind"), [("Will the dam hold?", "question"), ("Flood relief falters", "other")])
def test_structural_kinds_are_kept(text, kind):
    verdict = packaged_calibration().judge(_draft(text, kind), 0.0)
    assert verdict.kind == kind
    assert verdict.kind_probs[KINDS.index(kind)] == 1.0


def test_confidence_is_a_product_of_probabilities_and_sets_uncertain():
    cal = packaged_calibration()
    for text in ("The council cut 40 jobs in 2019.", "The plan is a shameful disaster.", "It will rain."):
        v = cal.judge(_draft(text), 0.5)
        assert 0.0 <= v.confidence <= max(v.kind_probs) <= 1.0
        assert v.uncertain == (v.confidence < cal.threshold)
        assert 0.0 < v.score < 1.0


def test_news_score_rises_with_the_sentence_model():
    cal = packaged_calibration()
    draft = _draft("The council cut 40 jobs in 2019.")
    assert cal.judge(draft, 2.0).score > cal.judge(draft, -2.0).score
