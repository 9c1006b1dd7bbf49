"""consistency layer (placeholder: replaced by its issue's implementation)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from presslens.analyzers.base import Context, register
from presslens.model.document import Document


@register("presslens.consistency.v1", layer="consistency", produces=("inconsistencies",), requires=())
def make_consistency() -> Any:
    """Build the consistency analyzer."""

    def analyze(document: Document, ctx: Context) -> Mapping[str, Any]:
        return {}

    return analyze
