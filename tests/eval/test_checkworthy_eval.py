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
