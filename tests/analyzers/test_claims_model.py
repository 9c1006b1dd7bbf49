"""The packaged numpy predictor: loads without pickles, ranks sensibly, explains itself."""

from __future__ import annotations

import numpy as np
import pytest

from presslens.analyzers.claims import load_predictor
from presslens.analyzers.claims.model import Predictor, load_arrays


def test_packaged_weights_are_plain_arrays():
    arrays = load_arrays()
    assert arrays["w_hash"].dtype == np.float16
    assert 0.05 < float(arrays["threshold"]) < 0.95
    assert all(a.dtype != object for a in arrays.values())


def test_factual_figure_outranks_opinion_and_question():
    p = load_predictor()
    fact = p.predict("Unemployment rose to 9.4 percent in 2010, the highest rate since 1983.")
    opinion = p.predict("I think we can do better than this.")
    question = p.predict("What are you going to do about it?")
    assert fact.probability > 0.5 > question.probability
    assert fact.probability > opinion.probability
    assert "contains a number" in fact.reasons()
    assert any(r.endswith("(lowers)") for r in question.reasons())


def test_predictor_is_loaded_once():
    assert load_predictor() is load_predictor()


def test_mismatched_weights_are_refused():
    arrays = dict(load_arrays())
    arrays["dense_names"] = np.array(["something else"])
    with pytest.raises(ValueError, match="retrain"):
        Predictor(arrays)
