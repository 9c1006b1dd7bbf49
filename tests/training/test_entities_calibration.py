"""The bundled entity calibration is reproducible from the audit labels, and its CLI runs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import shared_data
from presslens import resources

pytestmark = pytest.mark.slow


def test_train_reproduces_the_bundled_rates_and_eval_reads_them(tmp_path):
    """`train entities` on the dev split gives the bundled rates and thresholds; `eval entities` measures them."""
    data = shared_data("bbc").parent
    out = tmp_path / "confidence.json"
    cli = [sys.executable, "-m", "presslens"]
    done = subprocess.run([*cli, "train", "entities", "--data", str(data), "--check-split", "", "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    fitted, bundled = json.loads(out.read_text("utf-8")), resources.json_data("entities/confidence.json")
    for head in ("member", "entity", "type", "thresholds"):
        assert fitted[head] == bundled[head], head
    done = subprocess.run([*cli, "eval", "entities", "--data", str(data), "--split", "dev", "--table", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["reliability"]["member"]["n"] > 100 and 0 <= summary["reliability"]["type"]["brier"] < 0.25
