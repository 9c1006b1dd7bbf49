"""rhetoric layer (placeholder: replaced by its issue's implementation)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from presslens.analyzers.base import Context, register
from presslens.model.document import Document


@register("presslens.techniques.v1", layer="techniques", produces=("techniques", "genre", "loadedness"), requires=())
def make_rhetoric() -> Any:
    """Build the rhetoric analyzer."""

    def analyze(document: Document, ctx: Context) -> Mapping[str, Any]:
        return {}

    return analyze
