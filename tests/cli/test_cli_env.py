"""The CLI maps PRESSLENS_CACHE_DIR / PRESSLENS_NO_CACHE into Settings (analyzers never read env)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

ARTICLE = "The mayor of Portsmouth met union leaders in Southampton on Monday to discuss the strike.\n"


def _analyze(tmp_path, **env: str) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    full = {**os.environ, **env}
    full.pop("PRESSLENS_NO_CACHE", None) if "PRESSLENS_NO_CACHE" not in env else None
    proc = subprocess.run([sys.executable, "-m", "presslens", "analyze", str(src), "--layers", "entities",
                           "--json", str(tmp_path / "out.json")], env=full, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.slow
def test_cache_dir_from_environment_receives_the_index(tmp_path):
    cache = tmp_path / "cache"
    _analyze(tmp_path, PRESSLENS_CACHE_DIR=str(cache))
    assert cache.is_dir() and any(cache.iterdir())


@pytest.mark.slow
def test_no_cache_from_environment_writes_nothing(tmp_path):
    cache = tmp_path / "cache"
    _analyze(tmp_path, PRESSLENS_CACHE_DIR=str(cache), PRESSLENS_NO_CACHE="1")
    assert not cache.exists() or not any(cache.iterdir())
