"""Entities: NER mentions clustered per document (placeholder until issue #2 lands)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from presslens.analyzers.base import Context, register
from presslens.model.document import Document


@register("presslens.entities.v1", layer="entities")
def make_entities() -> Any:
    """Build the entities analyzer."""

    def analyze(document: Document, ctx: Context) -> Mapping[str, Any]:
        return {"entities": ()}

    return analyze
