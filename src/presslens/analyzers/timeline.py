"""timeline layer (placeholder: replaced by its issue's implementation)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from presslens.analyzers.base import Context, register
from presslens.model.document import Document


@register("presslens.timeline.v1", layer="timeline", produces=("timeline",), requires=("events",))
def make_timeline() -> Any:
    """Build the timeline analyzer."""

    def analyze(document: Document, ctx: Context) -> Mapping[str, Any]:
        return {}

    return analyze
