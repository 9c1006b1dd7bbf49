"""Smoke test of ``presslens eval timex`` on a few shared TempEval-3 documents (skips when absent)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import shared_data


def test_eval_timex_runs_on_a_few_timebank_documents() -> None:
    folder = shared_data("tempeval3") / "TimeBank"
    from presslens.cli.tasks.timex import run

    metrics = run(folder, limit=4)
    assert metrics["documents"] == 4 and metrics["documents_gold_timexes"] > 0
    assert 0.5 < metrics["relaxed_f1"] <= 1.0
    assert metrics["value_f1"] <= metrics["relaxed_f1"]


def test_eval_timex_cli_prints_one_json_line() -> None:
    folder = shared_data("tempeval3") / "AQUAINT"
    cmd = [sys.executable, "-m", "presslens", "eval", "timex", "--timeml", str(folder), "--limit", "2"]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"strict_f1", "relaxed_f1", "value_f1", "type_f1"} <= set(metrics)
