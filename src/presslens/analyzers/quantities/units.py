"""The unit and currency lexicon of the quantities layer.

We keep what quantulum3 does well — its curated unit and currency lexicon
(``quantulum3/units.json``: 317 units with surfaces, symbols, ISO currency codes) — and read it
as data (its parser is not used).  ``resources/quantities/units.tsv`` adds the surfaces and
symbols news needs that it lacks or gets wrong (sterling, pence and cents, "per cent",
"percentage points", "km/h", "MW", "C$"); function words that happen to be unit symbols
("in" inch, "a" are) and units that news prose uses as ordinary words ("quarter", "drop",
``quantities/unit_stoplist.txt``) are dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from presslens import resources

_FUNCTION_WORDS = resources.words("lexicon/function_words.tsv", use="units")
_STOPLIST = resources.words("quantities/unit_stoplist.txt")
TIME_UNITS = frozenset({"second", "minute", "hour", "day", "night", "week", "fortnight", "month", "year",
                        "decade", "century", "millennium"})
SUBUNITS = frozenset({"cent", "pence", "penny"})


@dataclass(frozen=True, slots=True)
class Units:
    """Unit lexicon: lower-case surface/symbol → (unit name, ISO currency code or None)."""

    words: Mapping[str, tuple[str, str | None]]
    symbols: Mapping[str, tuple[str, str | None]]
    max_words: int


def load_units() -> Units:
    """Read quantulum3's unit lexicon and our additions (once per analyzer)."""
    raw = resources.package_json("quantulum3", "units.json")
    words: dict[str, tuple[str, str | None]] = {}
    symbols: dict[str, tuple[str, str | None]] = {}
    for name, unit in raw.items():
        if (unit.get("entity") in ("dimensionless", "unknown") and name != "percentage") or name in _STOPLIST:
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
    for row in resources.table("quantities/units.tsv").dicts():
        target = words if row["kind"] == "word" else symbols
        target[row["surface"]] = (row["unit"], row["currency"] or None)
    max_words = max(len(k.split()) for k in words)
    return Units(words, symbols, min(max_words, 4))


def _plural(word: str) -> str:
    """English plural of a unit surface ("inch" → "inches", "mile" → "miles")."""
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def is_currency(tok: Any, units: Units) -> bool:
    """True for a currency symbol token ("$", "£", "US$")."""
    entry = units.symbols.get(tok.text)
    return entry is not None and entry[1] is not None


def symbol(units: Units, text: str) -> tuple[str, str | None] | None:
    """The unit a symbol names, case as written first ("GB", "km", "°C"), else lower case."""
    return units.symbols.get(text) or (units.symbols.get(text.lower()) if len(text) > 1 else None)
