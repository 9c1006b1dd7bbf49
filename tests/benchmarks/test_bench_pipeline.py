"""The benchmark's bookkeeping (no model, no timing assertions): spreads, corpus selection."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_pipeline.py"


@pytest.fixture(scope="module")
def bench():
    """The benchmark script, imported as a module (it only runs under ``__main__``)."""
    spec = importlib.util.spec_from_file_location("bench_pipeline", PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_pipeline"] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("bench_pipeline", None)


def test_spread_gives_median_range_and_quartiles(bench):
    s = bench.spread([0.80, 0.70, 0.90, 0.85, 0.60])
    assert s == {"median": 0.80, "min": 0.60, "max": 0.90, "q1": 0.70, "q3": 0.85}
    assert bench.spread([0.5]) == {"median": 0.5, "min": 0.5, "max": 0.5, "q1": 0.5, "q3": 0.5}


def test_corpus_is_sorted_and_capped_by_bench_limit(bench, tmp_path, monkeypatch):
    for name in ("b.txt", "a.txt", "c.txt", "README.TXT"):
        (tmp_path / name).write_text("An invented article about a harbour.")
    monkeypatch.setenv("BENCH_DATA", str(tmp_path))
    monkeypatch.setenv("BENCH_LIMIT", "2")
    assert [p.name for p in bench.corpus()] == ["a.txt", "b.txt"]
    monkeypatch.setenv("BENCH_LIMIT", "")
    assert [p.name for p in bench.corpus()] == ["a.txt", "b.txt", "c.txt"]


def test_rounds_default_and_floor(bench, monkeypatch):
    monkeypatch.delenv("BENCH_ROUNDS", raising=False)
    assert bench.rounds() == 5
    monkeypatch.setenv("BENCH_ROUNDS", "0")
    assert bench.rounds() == 1


def test_timed_measures_wall_and_cpu_of_the_work(bench):
    t = bench.timed(lambda: sum(i * i for i in range(200_000)))
    assert t.wall > 0 and t.cpu > 0 and t.cpu_share > 0
