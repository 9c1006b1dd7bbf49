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
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from presslens.analyzers.base import Context, register
from presslens.model.document import Document
from presslens.model.records import Quantity
from presslens.model.span import Span
from presslens.settings import Settings

_UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "mn": 1e6, "bn": 1e9, "tn": 1e12, "k": 1e3}
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2e6,
          "billions": 2e9, "tens": 20}
_DOZEN = {"dozen": 12, "half-dozen": 6, "couple": 2}
# Multi-word qualifiers first (longest match wins); True = approximate.
_QUALIFIERS: tuple[tuple[str, ...], ...] = tuple(
    tuple(q.split())
    for q in sorted(
        """an estimated|estimated|nearly|almost|about|around|some|approximately|roughly|
        close to|more than|over|at least|up to|fewer than|less than|just over|just under|
        as many as|as much as|upwards of|in excess of|well over|nearly all|at most|no more than|
        an approximate|approx.|approx|circa|c.|a total of|at least some|only|just|exactly|precisely""".replace("\n", "").split("|"),
        key=lambda q: -len(q.split()),
    )
    if q.strip()
)
_EXACT = frozenset({"exactly", "precisely", "only", "just", "a total of"})
_NUM_RE = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_SKIP_ENTS = frozenset({"DATE", "TIME", "ORDINAL"})
_TIME_WORDS = frozenset(
    """year years month months week weeks day days decade decades century centuries hour hours
    minute minutes ago today yesterday tomorrow night morning evening afternoon season quarter
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday spring summer autumn winter fall
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_FUNCTION_WORDS = frozenset("a an at in is it as be by do go if me my no of on or so to up us we am pm per".split())


@dataclass(frozen=True, slots=True)
class _Units:
    """Unit lexicon: lower-case surface/symbol → (unit name, ISO currency code or None)."""

    words: Mapping[str, tuple[str, str | None]]
    symbols: Mapping[str, tuple[str, str | None]]
    max_words: int


def _load_units() -> _Units:
    """Read quantulum3's unit lexicon once (data only; its parser is not used)."""
    raw = json.loads(resources.files("quantulum3").joinpath("units.json").read_text("utf-8"))
    words: dict[str, tuple[str, str | None]] = {}
    symbols: dict[str, tuple[str, str | None]] = {}
    for name, unit in raw.items():
        if unit.get("entity") in ("dimensionless", "unknown") and name != "percentage":
            continue
        value = (unit.get("currency_code") or name, unit.get("currency_code"))
        for surface in unit.get("surfaces", []):
            low = surface.lower()
            words.setdefault(low, value)
            words.setdefault(_plural(low), value)
        for sym in unit.get("symbols", []):
            if (len(sym) > 1 or not sym.isalpha()) and sym.lower() not in _FUNCTION_WORDS:
                symbols.setdefault(sym, value)
    for word in [w for w in words if w in _FUNCTION_WORDS]:
        del words[word]  # "in" (inch), "a" (are), "at" … are words before they are units
    words.pop("pound", None)  # "pounds" is ambiguous in news: mass or sterling
    words["pounds sterling"] = words["pound sterling"] = ("GBP", "GBP")
    words.update({"per cent": ("percent", None), "percent": ("percent", None),
                  "percentage points": ("percentage point", None), "kilometres": ("kilometre", None),
                  "kilometers": ("kilometre", None), "kilometre": ("kilometre", None),
                  "kilometer": ("kilometre", None)})
    symbols.update({"%": ("percent", None), "$": ("USD", "USD"), "US$": ("USD", "USD"),
                    "€": ("EUR", "EUR"), "£": ("GBP", "GBP"), "¥": ("JPY", "JPY"), "km": ("kilometre", None)})
    max_words = max(len(k.split()) for k in words)
    return _Units(words, symbols, min(max_words, 4))


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def parse_number(words: list[str]) -> float | None:
    """Value of a number written in digits and/or words ("1,400", "twenty-five", "2.5 million")."""
    total, current, seen = 0.0, 0.0, False
    for raw in words:
        word = raw.lower().replace("\u2011", "-")
        if _NUM_RE.match(word):
            current += float(word.replace(",", ""))
            seen = True
        elif "-" in word and all(p in _UNITS_WORDS for p in word.split("-")):
            current += sum(_UNITS_WORDS[p] for p in word.split("-"))
            seen = True
        elif word in _UNITS_WORDS:
            current += _UNITS_WORDS[word]
            seen = True
        elif word == "hundred":
            current = (current or 1) * 100
            seen = True
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0.0
            seen = True
        elif word in ("and", "-"):
            continue
        else:
            return None
    return total + current if seen else None


class QuantityFinder:
    """The built analyzer: holds the unit lexicon."""

    def __init__(self) -> None:
        self.units = _load_units()

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
        if _in_time_expression(tok) and not _is_currency(tok, self.units):
            return None
        if tok.lower_ in _VAGUE and i + 1 < len(doc) and doc[i + 1].lower_ == "of":
            return self._vague(doc, i)
        start = i
        currency = None
        if _is_currency(tok, self.units):
            currency = self.units.symbols[tok.text][1]
            i += 1
            if i >= len(doc):
                return None
        num_end = _number_run(doc, i)
        if num_end == i or not _acceptable_number(doc, i, num_end):
            return None
        value = parse_number([t.text for t in doc[i:num_end]])
        if value is None:
            return None
        value_max, end = _range_tail(doc, num_end, value)
        value = _scaled_lower(doc, i, num_end, value, value_max)
        unit, end = self._unit_after(doc, end, currency)
        return self._build(doc, start, end, value, value_max, unit), end

    def _vague(self, doc: Any, i: int) -> tuple[Quantity, int]:
        tok = doc[i]
        counts = _of_object(doc[i + 1])
        q = Quantity("", Span(tok.idx, tok.idx + len(tok.text)), float(_VAGUE[tok.lower_]), None,
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
            counts = _money_for(doc, end)
        elif unit and unit != "percent":
            counts = _of_object(doc[end]) if end < len(doc) and doc[end].lower_ == "of" else None
        else:
            counts = _counted(doc, start, end)
        approximate = bool(qualifier and not exact) or value_max is not None
        return Quantity("", span, value, unit, approximate, qualifier, counts, value_max)


def _with_id(q: Quantity, n: int) -> Quantity:
    return Quantity(f"N{n}", q.span, q.value, q.unit, q.approximate, q.qualifier, q.counts, q.value_max)


def _is_currency(tok: Any, units: _Units) -> bool:
    entry = units.symbols.get(tok.text)
    return entry is not None and entry[1] is not None


def _is_number_token(tok: Any) -> bool:
    low = tok.lower_
    return bool(_NUM_RE.match(tok.text)) or low in _SCALES or (
        low in _UNITS_WORDS and low not in ("a", "an")
    ) or ("-" in low and all(p in _UNITS_WORDS for p in low.split("-")))


def _number_run(doc: Any, i: int) -> int:
    """End (exclusive) of the run of number tokens starting at ``i``."""
    j = i
    while j < len(doc):
        tok = doc[j]
        if _is_number_token(tok):
            j += 1
        elif tok.text == "-" and j > i and j + 1 < len(doc) and doc[j + 1].lower_ in _UNITS_WORDS and doc[j - 1].lower_ in _UNITS_WORDS:
            j += 1
        elif tok.lower_ == "and" and j > i and doc[j - 1].lower_ == "hundred" and j + 1 < len(doc) and _is_number_token(doc[j + 1]):
            j += 1
        else:
            break
    # a scale word alone is not a number ("million" in "a million"): needs a head
    if j > i and all(t.lower_ in _SCALES for t in doc[i:j]):
        return i
    return j


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


def _range_tail(doc: Any, end: int, value: float) -> tuple[float | None, int]:
    """Upper bound of "3 to 5 million" / "3-5" / "between 3 and 5"; scales the lower bound."""
    if end + 1 < len(doc) and doc[end].lower_ in ("to", "-", "–", "and") and _is_number_token(doc[end + 1]):
        tail_end = _number_run(doc, end + 1)
        upper = parse_number([t.text for t in doc[end + 1 : tail_end]])
        if upper is not None and tail_end > end + 1:
            if doc[end].lower_ == "and" and not any(t.lower_ == "between" for t in doc[max(0, end - 4) : end]):
                return None, end
            return upper, tail_end
    return None, end


def _scaled_lower(doc: Any, start: int, end: int, value: float, value_max: float | None) -> float:
    """ "3 to 5 million": the lower bound takes the upper bound's scale."""
    if value_max is None or any(t.lower_ in _SCALES for t in doc[start:end]):
        return value
    scale = 1.0
    while value_max >= 1000 * value * scale and scale < 1e12:
        scale *= 1000
    return value * scale
    return None, end


def _qualifier_before(doc: Any, start: int) -> tuple[str | None, bool]:
    for words in _QUALIFIERS:
        n = len(words)
        if start - n < 0:
            continue
        if tuple(t.lower_ for t in doc[start - n : start]) == words:
            text = " ".join(words)
            return text, text in _EXACT
    return None, False


def _counted(doc: Any, start: int, end: int) -> str | None:
    """The noun phrase a count modifies: "600,000 Iraqi civilians" → "Iraqi civilians"."""
    last = doc[end - 1]
    head = last.head if last.dep_ in ("nummod", "compound", "quantmod") else None
    if head is not None and head.i >= end and head.pos_ in ("NOUN", "PROPN"):
        mods = [t for t in head.lefts if t.i >= end and t.dep_ in ("compound", "amod", "nmod")]
        first = max(end, min([head.i] + [t.left_edge.i for t in mods]))
        phrase = doc[first : head.i + 1].text
        of = [t for t in head.rights if t.lower_ == "of"]
        if of and head.lower_ in ("tonnes", "tons", "barrels", "litres", "gallons", "units", "pieces", "kilograms", "kg"):
            obj = _of_object(of[0])
            return f"{phrase} of {obj}" if obj else phrase
        return phrase
    if end < len(doc) and doc[end].lower_ == "of":
        return _of_object(doc[end])
    return None


def _money_for(doc: Any, end: int) -> str | None:
    """What money is for: "$2 trillion in war-related costs" → "war-related costs"."""
    if end < len(doc) and doc[end].lower_ in ("in", "for", "of", "on") and doc[end].head.i < end:
        return _of_object(doc[end])
    return None


def _of_object(prep: Any) -> str | None:
    objs = [t for t in prep.rights if t.dep_ == "pobj"]
    if not objs:
        return None
    obj = objs[0]
    mods = [t for t in obj.lefts if t.dep_ in ("compound", "amod", "nmod", "npadvmod")]
    left = min([obj.i] + [t.left_edge.i for t in mods])
    return str(prep.doc[left : obj.i + 1].text)


@register("presslens.quantities.v1", layer="quantities")
def make_quantities(settings: Settings | None = None) -> QuantityFinder:
    """Build the quantities analyzer (loads the unit lexicon once)."""
    return QuantityFinder()
