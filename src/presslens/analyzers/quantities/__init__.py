"""Quantities: numbers with units or currencies, approximation qualifiers, what they count.

Why a grammar of our own over spaCy tokens rather than ``quantulum3.parser``:
measured here, quantulum3 costs 4.6 s before its first result (2.0 s import,
2.6 s loading a 20 MB TF-IDF unit classifier pickled for one scikit-learn
version), over the whole 3 s cold-start budget; it misses vague quantities
("dozens of soldiers"), spelled-out numbers as noun modifiers ("three
rockets") come back without what they count, and it never says what is
counted.  We keep what it does well — its curated unit and currency lexicon
(``quantulum3/units.json``: 317 units with surfaces, symbols, ISO currency
codes) — and read numbers from the tokens the parser already made.

Grammar (one pass over tokens):
  [qualifier] [currency] NUMBER [scale] [unit | currency word] [(to|-|and) NUMBER [scale]]
where NUMBER is digits ("1,400", "2.5") or number words ("twenty-five",
"seventeen"), scale is hundred/thousand/million/billion/trillion (and "bn",
"m" after currency), a qualifier ("an estimated", "nearly", "more than", …)
makes the quantity approximate, and vague plurals ("dozens of", "hundreds
of") are quantities with their lower bound as value.  Numbers inside DATE,
TIME and ORDINAL entities belong to the time layer and are skipped.
What is counted: the noun the number modifies (``nummod``) with its compound
and adjective modifiers, or the object of "of" ("dozens of soldiers").

Modules: ``numbers`` (number words, scales, ranges), ``units`` (unit and currency lexicon),
``counted`` (what is counted); the word lists are resources (``resources/quantities/``,
``resources/lexicon/number_words.tsv``, ``qualifiers.tsv``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from presslens import resources
from presslens.analyzers.base import Context, register
from presslens.analyzers.quantities.counted import counted, money_for, of_object
from presslens.analyzers.quantities.numbers import (
    VAGUE,
    number_run,
    parse_number,
    range_tail,
    scaled_lower,
)
from presslens.analyzers.quantities.units import is_currency, load_units
from presslens.model.document import Document
from presslens.model.records import Quantity
from presslens.model.span import Span
from presslens.settings import Settings

__all__ = ["QuantityFinder", "make_quantities", "parse_number"]

# Multi-word qualifiers first (longest match wins).
_QUALIFIERS: tuple[tuple[str, ...], ...] = tuple(
    tuple(q.split())
    for q in sorted(resources.entries("lexicon/qualifiers.tsv", use="quantities"), key=lambda q: -len(q.split()))
)
_EXACT = resources.words("lexicon/qualifiers.tsv", use="exact")
_SKIP_ENTS = frozenset({"DATE", "TIME", "ORDINAL"})
_TIME_WORDS = resources.words("quantities/time_words.txt")


class QuantityFinder:
    """The built analyzer: holds the unit lexicon."""

    def __init__(self) -> None:
        self.units = load_units()

    def __call__(self, document: Document, ctx: Context) -> Mapping[str, Any]:
        """Find every quantity of the document."""
        doc = ctx.nlp_doc
        found: list[Quantity] = []
        i = 0
        while i < len(doc):
            match = self._match_at(doc, i)
            if match is None:
                i += 1
                continue
            quantity, next_i = match
            found.append(_with_id(quantity, len(found) + 1))
            i = next_i
        return {"quantities": tuple(found)}

    def _match_at(self, doc: Any, i: int) -> tuple[Quantity, int] | None:
        tok = doc[i]
        if _in_time_expression(tok) and not is_currency(tok, self.units):
            return None
        if tok.lower_ in VAGUE and i + 1 < len(doc) and doc[i + 1].lower_ == "of":
            return self._vague(doc, i)
        start = i
        currency = None
        if is_currency(tok, self.units):
            currency = self.units.symbols[tok.text][1]
            i += 1
            if i >= len(doc):
                return None
        num_end = number_run(doc, i)
        if num_end == i or not _acceptable_number(doc, i, num_end):
            return None
        value = parse_number([t.text for t in doc[i:num_end]])
        if value is None:
            return None
        value_max, end = range_tail(doc, num_end, value)
        value = scaled_lower(doc, i, num_end, value, value_max)
        unit, end = self._unit_after(doc, end, currency)
        return self._build(doc, start, end, value, value_max, unit), end

    def _vague(self, doc: Any, i: int) -> tuple[Quantity, int]:
        tok = doc[i]
        counts = of_object(doc[i + 1])
        q = Quantity("", Span(tok.idx, tok.idx + len(tok.text)), float(VAGUE[tok.lower_]), None,
                     True, tok.lower_, counts)
        return q, i + 1

    def _unit_after(self, doc: Any, end: int, currency: str | None) -> tuple[str | None, int]:
        if currency:
            return currency, end
        if end < len(doc) and doc[end].text in self.units.symbols:
            return self.units.symbols[doc[end].text][0], end + 1
        for n in range(self.units.max_words, 0, -1):
            if end + n > len(doc):
                continue
            words = " ".join(t.lower_ for t in doc[end : end + n])
            if words in self.units.words and not doc[end].is_title:
                return self.units.words[words][0], end + n
        return None, end

    def _build(self, doc: Any, start: int, end: int, value: float, value_max: float | None,
               unit: str | None) -> Quantity:
        qualifier, exact = _qualifier_before(doc, start)
        last = doc[end - 1]
        span = Span(doc[start].idx, last.idx + len(last.text))
        if unit and unit.isupper() and len(unit) == 3:
            counts = money_for(doc, end)
        elif unit and unit != "percent":
            counts = of_object(doc[end]) if end < len(doc) and doc[end].lower_ == "of" else None
        else:
            counts = counted(doc, start, end)
        approximate = bool(qualifier and not exact) or value_max is not None
        return Quantity("", span, value, unit, approximate, qualifier, counts, value_max)


def _with_id(q: Quantity, n: int) -> Quantity:
    return Quantity(f"N{n}", q.span, q.value, q.unit, q.approximate, q.qualifier, q.counts, q.value_max)


def _acceptable_number(doc: Any, i: int, end: int) -> bool:
    """Skip dates, ordinals, years, pronoun "one", and digits inside names ("COVID-19")."""
    first = doc[i]
    if any(_in_time_expression(t) for t in doc[i:end]):
        return False
    if first.is_alpha and end < len(doc) and doc[end].lower_ == "of" and first.lower_ in ("one", "two", "three"):
        return False
    if first.lower_ == "one" and first.dep_ not in ("nummod", "quantmod") and first.ent_type_ != "CARDINAL":
        return False
    if first.is_alpha and first.ent_type_ not in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY") and first.dep_ != "nummod":
        return False
    if i > 0 and doc[i - 1].text in ("-", "/", "#") and not doc[i - 1].whitespace_:
        return False
    text = first.text
    return not (end - i == 1 and re.fullmatch(r"(1[5-9]|20)\d\d", text) and doc[end - 1].dep_ != "nummod")


def _in_time_expression(tok: Any) -> bool:
    """A token of a real DATE/TIME/ORDINAL entity (the small model also tags "four mortars" DATE)."""
    if tok.ent_type_ == "ORDINAL":
        return True
    if tok.ent_type_ not in _SKIP_ENTS:
        return False
    doc = tok.doc
    ent_start = tok.i
    while ent_start > 0 and doc[ent_start].ent_iob_ == "I":
        ent_start -= 1
    ent_end = tok.i + 1
    while ent_end < len(doc) and doc[ent_end].ent_iob_ == "I":
        ent_end += 1
    return any(t.lower_ in _TIME_WORDS or re.fullmatch(r"\d{4}s?|\d{1,2}:\d\d", t.text) for t in doc[ent_start:ent_end])


def _qualifier_before(doc: Any, start: int) -> tuple[str | None, bool]:
    for words in _QUALIFIERS:
        n = len(words)
        if start - n < 0:
            continue
        if tuple(t.lower_ for t in doc[start - n : start]) == words:
            text = " ".join(words)
            return text, text in _EXACT
    return None, False


@register("presslens.quantities.v1", layer="quantities")
def make_quantities(settings: Settings | None = None) -> QuantityFinder:
    """Build the quantities analyzer (loads the unit lexicon once)."""
    return QuantityFinder()
