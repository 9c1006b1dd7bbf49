"""consistency layer: what a text contradicts in itself.

Four conservative checks, one module each, each reading earlier layers when they ran (and
finding nothing when they did not):

* ``names.py`` — ``name_variant``: one name spelt two ways ("Kadhimi" / "Kadhemi");
* ``dates.py`` — ``date_order``: an explicit order ("after", "then", "before") or an
  appointment the dates contradict;
* ``numbers.py`` — ``number_mismatch``: the same measure given two irreconcilable values;
* ``contradictions.py`` — ``contradiction``: a clause and its negation, both asserted.

Hand-written because no offline library checks a single article against itself; the checks
follow the fact-checkers' "internal consistency" list (Silverman, ed., *Verification
Handbook*, 2014) and stay small and explainable.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from presslens.analyzers.base import Context, register
from presslens.analyzers.consistency.contradictions import contradictions
from presslens.analyzers.consistency.dates import date_order
from presslens.analyzers.consistency.names import name_variants
from presslens.analyzers.consistency.numbers import number_mismatches
from presslens.model.document import Document
from presslens.model.records import Inconsistency
from presslens.model.span import Span
from presslens.settings import Settings

__all__ = ["make_consistency", "name_variants"]


@register(
    "presslens.consistency.v1",
    layer="consistency",
    produces=("inconsistencies",),
    requires=(),
    uses=("entities", "timexes", "quantities", "quotes"),
)
def make_consistency(settings: Settings | None = None) -> Any:
    """Build the consistency analyzer."""

    def analyze(document: Document, ctx: Context) -> Mapping[str, Any]:
        """Inconsistencies of one document."""
        entities = ctx.entities
        found: list[Inconsistency] = []
        found += name_variants(document.text, entities)
        if ctx.nlp_doc is not None:
            timexes = ctx.timexes
            found += date_order(ctx.nlp_doc, timexes, entities)
            found += number_mismatches(ctx.nlp_doc, ctx.quantities, timexes)
            found += contradictions(ctx.nlp_doc, _quoted_spans(ctx))
        return {"inconsistencies": tuple(sorted(found, key=lambda i: (i.spans[0].start, i.kind)))}

    return analyze


def _quoted_spans(ctx: Context) -> list[Span]:
    """Content spans of direct quotes (a speaker's words, not the text's own assertions)."""
    return [q.span for q in ctx.quotes if q.direct]
