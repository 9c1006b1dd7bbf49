"""Dataset readers and the datasets' own scorers, one module per task.

Case files the team wrote (events, sentence golden rules) ship inside the package
under ``eval/cases/`` so that ``presslens eval …`` defaults work from any install.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def packaged_cases(name: str) -> Path:
    """Path of a case file bundled in ``presslens/eval/cases``."""
    return Path(str(resources.files("presslens.eval").joinpath("cases", name)))
