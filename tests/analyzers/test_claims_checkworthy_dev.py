"""The packaged model on a slice of the shared CheckThat! dev split (skipped when absent)."""

from __future__ import annotations

from conftest import shared_data
from presslens.analyzers.claims.model import load_predictor
from presslens.eval.checkthat import read_tsv
from presslens.eval.checkworthy import binary_scores


def test_dev_slice_f1():
    path = shared_data("checkthat2024") / "CT24_checkworthy_english_dev.tsv"
    examples = [e for e in read_tsv(path) if e.label is not None][:300]
    model = load_predictor()
    scores = binary_scores([bool(e.label) for e in examples], [model.label(e.text) for e in examples])
    assert scores["f1"] > 0.75  # full dev: ~0.89 (same debates as train; see MODEL_CARD.md)
