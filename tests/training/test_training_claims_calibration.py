"""Fitting the claims calibration on invented rows: arrays load, held-out report is consistent."""

from __future__ import annotations

import random

import numpy as np

from presslens.analyzers.claims import features as ft
from presslens.analyzers.claims.calibrate import Calibration, Draft
from presslens.model.records import Attribution
from presslens.training.claims_calibration import Row, fit_models, held_out, reliability, report, save

FACTS = ["The council cut {n} jobs in {y}.", "Exports rose {n} percent in {y}.", "The port handled {n} ships in {y}."]
OPINIONS = ["The plan is a shameful disaster.", "This was a brilliant decision.", "Their response was pathetic."]


def _rows(n_articles: int = 6, per: int = 12) -> list[Row]:
    rng = random.Random(3)
    rows = []
    for a in range(n_articles):
        for i in range(per):
            fact = i % 2 == 0
            text = rng.choice(FACTS).format(n=rng.randint(2, 900), y=rng.randint(1990, 2020)) if fact else rng.choice(OPINIONS)
            att = "author" if i % 3 else "named"
            draft = Draft("factual", Attribution(att), tuple(ft.dense_features(text)), text, n_quantities=int(fact))  # type: ignore[arg-type]
            rows.append(Row(f"a{a}", draft, 1.0 if fact else -1.0, "factual" if fact else "opinion", att == "author", fact))
    return rows


def test_fit_report_and_save(tmp_path):
    rows = _rows()
    rep = report(rows, held_out(rows))
    assert rep.n_articles == 6 and rep.n_claims == len(rows)
    assert rep.kind_accuracy > rep.rule_kind_accuracy  # the rule said "factual" for every unit
    assert 0.0 <= rep.resolved_precision <= 1.0 and 0.0 < rep.resolved_share <= 1.0
    arrays = fit_models(rows)
    arrays["threshold"] = np.array(rep.threshold)
    cal = Calibration(dict(np.load(save(arrays, tmp_path), allow_pickle=False)))
    assert cal.judge(rows[1].draft, -1.0).kind == "opinion"
    assert cal.judge(rows[0].draft, 1.0).kind == "factual"


def test_reliability_bins():
    table = reliability(np.array([0.05, 0.05, 0.95, 0.95]), np.array([0.0, 0.0, 1.0, 0.0]))
    assert table == [("0.0-0.1", 2, 0.05, 0.0), ("0.9-1.0", 2, 0.95, 0.5)]


def test_a_fixed_calibration_is_measured_at_its_own_threshold_and_flag():
    rows = _rows()
    arrays = fit_models(rows)
    arrays["threshold"], arrays["cw_flag"] = np.array(0.55), np.array(0.35)
    cal = Calibration(arrays)
    rep = report(rows, [cal.judge(r.draft, r.logit) for r in rows], fixed=cal)
    assert rep.threshold == 0.55 and rep.cw_flag == 0.35
    flagged = [cal.judge(r.draft, r.logit).score >= 0.35 for r in rows]
    worthy = [r.checkworthy for r in rows]
    assert rep.cw_flag_recall == sum(f and w for f, w in zip(flagged, worthy, strict=True)) / sum(worthy)
    assert 0.0 <= rep.confidence_brier <= 1.0
    assert sum(n for _, n, _, _ in rep.confidence_reliability) == len(rows)
