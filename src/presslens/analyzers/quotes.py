"""quotes layer (placeholder: replaced by its issue's implementation)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from presslens.analyzers.base import Context, register
from presslens.model.document import Document


@register("presslens.quotes.v1", layer="quotes", produces=("quotes",), requires=("entities",))
def make_quotes() -> Any:
    """Build the quotes analyzer."""

    def analyze(document: Document, ctx: Context) -> Mapping[str, Any]:
        return {}

    return analyze
