"""The versioned JSON contract writer (and JSONL lines for batches)."""

from __future__ import annotations

import json

from presslens.model.analysis import Analysis


def to_json(analysis: Analysis, *, indent: int | None = 2) -> str:
    """Serialise an Analysis to the ``presslens.analysis/1`` JSON text."""
    return json.dumps(analysis.to_dict(), ensure_ascii=False, indent=indent)


def to_jsonl_line(analysis: Analysis) -> str:
    """One compact JSON line (no trailing newline) for a JSONL stream."""
    return json.dumps(analysis.to_dict(), ensure_ascii=False, separators=(",", ":"))
