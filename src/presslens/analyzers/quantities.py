"""quantities layer (placeholder: replaced by its issue's implementation)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from presslens.analyzers.base import Context, register
from presslens.model.document import Document


@register("presslens.quantities.v1", layer="quantities", produces=("quantities",), requires=())
def make_quantities() -> Any:
    """Build the quantities analyzer."""

    def analyze(document: Document, ctx: Context) -> Mapping[str, Any]:
        return {}

    return analyze
