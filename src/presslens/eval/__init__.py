"""Dataset readers and the datasets' own scorers, one module per task.

Case files the team wrote (events, sentence golden rules) ship inside the package
under ``eval/cases/`` so that ``presslens eval …`` defaults work from any install.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from presslens.errors import DatasetError

T = TypeVar("T")


def packaged_cases(name: str) -> Path:
    """Path of a case file bundled in ``presslens/eval/cases``."""
    return Path(str(resources.files("presslens.eval").joinpath("cases", name)))


def read_case_file(path: str | Path, parse: Callable[[dict[str, Any]], T], what: str) -> list[T]:
    """Parse every non-blank line of a JSONL case file with ``parse``.

    A missing file or a line that is not a well-formed ``what`` record raises ``DatasetError``
    naming the file and line (one clear message, never a traceback)."""
    p = Path(path)
    if not p.is_file():
        raise DatasetError(f"{p}: no such case file")
    cases = []
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            cases.append(parse(json.loads(line)))
        except (ValueError, KeyError, TypeError) as exc:
            raise DatasetError(f"{p}:{n}: malformed {what} ({exc.__class__.__name__}: {exc})") from exc
    return cases
