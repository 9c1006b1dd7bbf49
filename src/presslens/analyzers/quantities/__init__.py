"""Quantities: numbers with their value, unit or currency, kind, rate and what they count.

Why a grammar of our own over spaCy tokens rather than ``quantulum3.parser``:
measured here, quantulum3 costs 4.6 s before its first result (2.0 s import,
2.6 s loading a 20 MB TF-IDF unit classifier pickled for one scikit-learn
version), over the whole 3 s cold-start budget; it misses vague quantities
("dozens of soldiers"), spelled-out numbers as noun modifiers ("three
rockets") come back without what they count, and it never says what is
counted.  We keep what it does well — its curated unit and currency lexicon
(``quantulum3/units.json``: 317 units with surfaces, symbols, ISO currency
codes) — and read numbers from the tokens the parser already made.

Modules: ``numbers`` (digits, number words, scales, fractions, ranges), ``units`` (unit and
currency lexicon), ``grammar`` (the patterns: money, per cent, ages, durations, measures,
ratios, fractions, vague amounts, counting ordinals, tallies, rates), ``exclude`` (digits in
names, dates and clock times, labels, pronoun "one"), ``counted`` (what is counted, from the
parse), ``confidence`` (calibrated probability that the reading is right; below the shipped
threshold a quantity is kept and marked ``uncertain``).  Numbers inside the dates and times
the timexes layer found are not amounts, except counts of time units ("22 years ago"); when
the timexes layer does not run, its tagger is asked directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from presslens.analyzers.base import Context, register
from presslens.analyzers.quantities.confidence import Model, features, load
from presslens.analyzers.quantities.counted import Counted
from presslens.analyzers.quantities.exclude import blocked, not_amount
from presslens.analyzers.quantities.grammar import Grammar, Reading, may_start
from presslens.analyzers.quantities.numbers import parse_number
from presslens.analyzers.quantities.units import load_units
from presslens.model.document import Document
from presslens.model.records import Quantity
from presslens.model.span import Span
from presslens.settings import Settings

__all__ = ["QuantityFinder", "make_quantities", "parse_number", "time_tokens"]


class QuantityFinder:
    """The built analyzer: holds the unit lexicon and the confidence model."""

    def __init__(self) -> None:
        """Load the unit lexicon and the calibrated confidence model once."""
        self.units = load_units()
        self.model: Model | None = load()

    def __call__(self, document: Document, ctx: Context) -> Mapping[str, Any]:
        """Find every quantity of the document."""
        spans = _date_spans(document, ctx)
        found = [self._record(q, f, n) for n, (q, f) in enumerate(self.scan(ctx.nlp_doc, spans), 1)]
        return {"quantities": tuple(found)}

    def scan(self, doc: Any, date_spans: list[tuple[int, int]]) -> list[tuple[Quantity, dict[str, float]]]:
        """Every quantity of a parsed text (without id and confidence) with its features."""
        in_time = time_tokens(doc, date_spans)
        grammar, counted = Grammar(self.units, doc), Counted(doc)
        starts = may_start(doc, self.units)
        out: list[tuple[Quantity, dict[str, float]]] = []
        i = 0
        while i < len(doc):
            readings = [] if not starts[i] or blocked(doc, i, in_time) else [
                r for r in grammar.read(i) if not not_amount(doc, r)]
            if not readings:
                i += 1
                continue
            for r in reversed(readings):  # a tally's second number first: both count the same thing
                r.counts, r.counts_how = counted.find(r)
                if r.counts is None and "tally" in r.flags and r is readings[0]:
                    r.counts, r.counts_how = readings[-1].counts, readings[-1].counts_how
            for r in readings:
                out.append((_quantity(doc, r), features(doc, r)))
            i = max(r.end for r in readings)
        return out

    def _record(self, q: Quantity, feats: dict[str, float], n: int) -> Quantity:
        """Give a quantity its id, confidence and uncertain flag."""
        conf = round(self.model.probability(feats), 3) if self.model is not None else None
        uncertain = self.model is not None and conf is not None and conf < self.model.threshold
        return Quantity(f"N{n}", q.span, q.value, q.unit, q.approximate, q.qualifier, q.counts, q.value_max,
                        q.kind, q.per, conf, uncertain)


def _quantity(doc: Any, r: Reading) -> Quantity:
    """A Quantity record (no id yet) from a reading."""
    last = doc[r.end - 1]
    span = Span(doc[r.start].idx, last.idx + len(last.text))
    return Quantity("", span, r.value, r.unit, r.approximate, r.qualifier, r.counts, r.value_max, r.kind, r.per)


def _date_spans(document: Document, ctx: Context) -> list[tuple[int, int]]:
    """Character spans of the dates, times and sets in the text (not durations)."""
    if ctx.has("timexes"):
        return [(t.span.start, t.span.end) for t in ctx.timexes if t.type != "DURATION"]
    from presslens.analyzers.timexes import find

    return [(c.start, c.end) for c in find(document.text) if c.type != "DURATION"]


def time_tokens(doc: Any, spans: list[tuple[int, int]]) -> set[int]:
    """Indices of the tokens inside the given character spans."""
    out: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return out


@register("presslens.quantities.v1", layer="quantities", uses=("timexes",))
def make_quantities(settings: Settings | None = None) -> QuantityFinder:
    """Build the quantities analyzer (loads the unit lexicon and confidence model once)."""
    return QuantityFinder()
