"""Scoring: F1 of the Yes class on hand-made gold."""

from __future__ import annotations

import pytest

from presslens.eval.checkworthy import best_threshold, binary_scores


def test_binary_scores_by_hand():
    gold = [1, 1, 0, 0, 1]
    pred = [1, 0, 1, 0, 1]
    s = binary_scores(gold, pred)
    assert s["precision"] == pytest.approx(2 / 3)
    assert s["recall"] == pytest.approx(2 / 3)
    assert s["f1"] == pytest.approx(2 / 3)
    assert s["accuracy"] == pytest.approx(3 / 5)


def test_no_positive_predictions_gives_zero_f1():
    assert binary_scores([1, 0], [0, 0])["f1"] == 0.0


def test_length_mismatch_is_an_error():
    with pytest.raises(ValueError):
        binary_scores([1], [1, 0])


def test_best_threshold_separates_perfectly():
    thr = best_threshold([1, 1, 0, 0], [0.9, 0.7, 0.4, 0.1])
    assert 0.4 < thr <= 0.7


def test_tolerance_prefers_the_lower_cut_where_f1_is_flat():
    gold, prob = [1, 1, 0, 0, 1], [0.9, 0.8, 0.2, 0.1, 0.25]
    # cuts 0.21-0.25: F1 1.0; 0.11-0.20: one false alarm, F1 0.857; up to 0.10: F1 0.75
    assert best_threshold(gold, prob) == 0.21
    assert best_threshold(gold, prob, tolerance=0.15) == 0.11
    assert best_threshold(gold, prob, tolerance=0.3) == 0.05
