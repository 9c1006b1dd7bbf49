"""SemEval-2020 Task 11 scorers on tiny hand-made gold, and the PTC reader on the shared set."""

from __future__ import annotations

import pytest

from conftest import shared_data
from presslens.eval.ptc import (
    Label,
    confidence_scores,
    folds,
    merge_spans,
    parse_labels,
    read_articles,
    read_labels,
    span_scores,
    technique_scores,
)


def lab(start: int, end: int, art: str = "1", tech: str = "") -> Label:
    """A label of article ``art``."""
    return Label(art, tech, start, end)


def test_merge_spans_merges_only_overlaps() -> None:
    assert merge_spans([(0, 5), (3, 8), (8, 10), (20, 22)]) == [(0, 8), (8, 10), (20, 22)]


def test_exact_match_is_perfect() -> None:
    s = span_scores([lab(0, 10)], [lab(0, 10)])
    assert s["precision"] == s["recall"] == s["f1"] == 1.0


def test_confidence_right_means_overlap_with_any_gold_span_of_the_article() -> None:
    gold = [lab(10, 20, tech="Doubt"), lab(0, 5, art="2")]
    pred = [(lab(15, 30), 0.9), (lab(20, 25), 0.7), (lab(0, 5), 0.1), (lab(3, 4, art="2"), 0.5)]
    res = confidence_scores(pred, gold)
    # right: 15-30 (overlaps 10-20), 3-4 of article 2; wrong: 20-25 (touches only), 0-5 of article 1
    assert res["right"] == pytest.approx(0.5)
    expected = ((0.9 - 1) ** 2 + 0.7 ** 2 + 0.1 ** 2 + (0.5 - 1) ** 2) / 4
    assert res["brier"] == pytest.approx(expected)


def test_confidence_bands_count_every_span_once() -> None:
    gold = [lab(0, 10)]
    confs = [0.0, 0.19, 0.2, 0.55, 0.8, 1.0]
    res = confidence_scores([(lab(0, 5), c) for c in confs], gold)
    bands = res["bands"]
    assert sum(b["n"] for b in bands) == len(confs)
    assert [(b["low"], b["n"]) for b in bands] == [(0.0, 2), (0.2, 1), (0.4, 1), (0.8, 2)]
    assert all(b["right"] == 1.0 for b in bands)
    assert bands[-1]["high"] == 1.0 and bands[-1]["mean_confidence"] == pytest.approx(0.9)


def test_confidence_of_no_spans_is_empty() -> None:
    assert confidence_scores([], [lab(0, 3)]) == {"brier": 0.0, "n": 0, "right": 0.0, "bands": []}


def test_partial_overlap_gives_partial_credit() -> None:
    # predicted 0-10, gold 5-25: |∩| = 5 → P = 5/10, R = 5/20
    s = span_scores([lab(0, 10)], [lab(5, 25)])
    assert s["precision"] == pytest.approx(0.5)
    assert s["recall"] == pytest.approx(0.25)
    assert s["f1"] == pytest.approx(2 * 0.5 * 0.25 / 0.75)


def test_overlapping_predictions_are_merged_before_scoring() -> None:
    merged = span_scores([lab(0, 6), lab(4, 10)], [lab(0, 10)])
    assert merged["n_pred"] == 1 and merged["f1"] == 1.0


def test_spans_of_other_articles_do_not_match() -> None:
    s = span_scores([lab(0, 10, art="2")], [lab(0, 10, art="1")])
    assert s["f1"] == 0.0 and s["n_pred"] == 1 and s["n_gold"] == 1


def test_recall_divides_by_gold_count() -> None:
    s = span_scores([lab(0, 10)], [lab(0, 10), lab(50, 60)])
    assert s["precision"] == 1.0 and s["recall"] == pytest.approx(0.5)


def test_technique_scores_micro_is_accuracy_and_per_class_f1() -> None:
    gold = ["Doubt", "Doubt", "Loaded_Language", "Repetition"]
    pred = ["Doubt", "Loaded_Language", "Loaded_Language", "Doubt"]
    s = technique_scores(pred, gold)
    assert s["micro_f1"] == pytest.approx(0.5)
    per = s["per_technique"]
    assert per["Loaded_Language"] == pytest.approx(2 / 3)  # P 1/2, R 1
    assert per["Doubt"] == pytest.approx(0.5)  # P 1/2, R 1/2
    assert per["Repetition"] == 0.0
    with pytest.raises(ValueError):
        technique_scores(pred[:2], gold)


def test_parse_labels_tc_and_si_lines() -> None:
    out = parse_labels(["7\tDoubt\t3\t9\n", "7\t10\t12\n", "\n"])
    assert out == [Label("7", "Doubt", 3, 9), Label("7", "", 10, 12)]


def test_folds_are_disjoint_and_cover() -> None:
    ids = [str(i) for i in range(23)]
    parts = folds(ids, 5)
    assert sorted(x for p in parts for x in p) == sorted(ids)
    assert len({x for p in parts for x in p}) == 23


def test_shared_ptc_reads_and_labels_fit_articles() -> None:
    base = shared_data("ptc") / "train"
    texts = read_articles(base / "train-articles")
    labels = read_labels(base / "train-task2-TC.labels")
    assert len(texts) > 300 and len(labels) > 5000
    sample = labels[:200]
    assert all(0 <= x.start < x.end <= len(texts[x.article]) for x in sample)
    # PTC v2 trims spans of edge spaces and punctuation
    assert all(texts[x.article][x.start] not in " \n" for x in sample)


def test_holdout_is_a_fixed_fifth_by_article_id() -> None:
    from presslens.eval.ptc import is_holdout, split_ids

    ids = [str(700000000 + 7919 * i) for i in range(2000)]
    held = split_ids(ids, "holdout")
    rest = split_ids(ids, "train")
    assert 0.17 < len(held) / len(ids) < 0.23
    assert set(held).isdisjoint(rest) and len(held) + len(rest) == len(ids)
    assert held == split_ids(list(reversed(ids)), "holdout")  # order of input does not matter
    assert all(is_holdout(a) for a in held)
