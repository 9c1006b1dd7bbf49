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
from presslens.analyzers.claims.units import SYNTAX_NAMES, Unit, syntax_features
from presslens.model.records import Attribution
from presslens.nlp import make_doc


def _draft(text: str, kind: str = "factual", att: str = "author") -> Draft:
    return Draft(kind, Attribution(att), tuple(ft.dense_features(text)), text)  # type: ignore[arg-type]


def test_packaged_arrays_are_plain_and_match_the_features():
    arrays = load_arrays()
    assert all(a.dtype != object for a in arrays.values())
    assert arrays["kind_w"].shape == (len(KINDS) + 4 + len(ft.DENSE_NAMES) + len(SYNTAX_NAMES), len(KINDS))
    assert arrays["cw_a"].shape == () and float(arrays["cw_a"]) > 0
    cal = packaged_calibration()
    assert 0.0 < cal.threshold < 1.0 and 0.0 < cal.flag < 1.0


def test_mismatched_features_are_refused():
    arrays = dict(load_arrays())
    arrays["dense_names"] = np.array(["something else"])
    with pytest.raises(ValueError, match="retrain"):
        Calibration(arrays)
    arrays = dict(load_arrays())
    del arrays["syntax_names"]
    with pytest.raises(ValueError, match="retrain"):
        Calibration(arrays)


def _syntax(text: str) -> dict[str, float]:
    doc = make_doc(text)
    sent = next(iter(doc.sents))
    return dict(zip(SYNTAX_NAMES, syntax_features(Unit(sent.start_char, sent.end_char, sent)), strict=True))


@pytest.mark.parametrize(("text", "on", "off"), [
    # an evaluation: adjective after a copula, by degree, in the present
    ("The new plan is very reckless.", ("predicative adjective", "adverb of degree", "copula root", "present tense root"),
     ("proper-noun subject", "comparative or superlative adjective")),
    # an event: a named subject, a past-tense action verb, no adjective after a copula
    ("Senator Maria Lopez signed the bill on Monday.", ("proper-noun subject",),
     ("predicative adjective", "copula root", "present tense root", "pronoun subject", "adverb of degree")),
    ("It was the largest flood in a century.", ("comparative or superlative adjective", "pronoun subject", "copula root"),
     ("present tense root", "proper-noun subject")),
    # an attributive adjective is not predicative
    ("The angry crowd left the square.", (), ("predicative adjective", "copula root", "pronoun subject")),
])
def test_syntax_features_follow_the_parse(text, on, off):
    feats = _syntax(text)
    assert all(feats[name] == 1.0 for name in on), feats
    assert all(feats[name] == 0.0 for name in off), feats
    assert 0.0 < feats["adjective share"] < 1.0 or text.startswith("Senator")


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
