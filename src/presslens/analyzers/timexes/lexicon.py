"""Word tables of the temporal tagger: months, weekdays, numbers, units, modifiers.

The vocabulary follows the TimeML / TIMEX3 annotation guidelines (Pustejovsky
et al., TimeML 1.2.1; Ferro et al., TIDES 2005 "Standard for the Annotation of
Temporal Expressions") and the categories of HeidelTime's English resources
(Strötgen & Gertz, 2013); the lists themselves are written by us, not copied, and live in
``resources/timexes/*.tsv`` (number words and qualifiers, shared with other layers, in
``resources/lexicon/``).  Regex fragments are plain strings so that ``grammar.py`` composes
them once.
"""

from __future__ import annotations

from collections.abc import Iterable

from presslens import resources

MONTHS: dict[str, int] = {k: int(v) for k, v in resources.numbers("timexes/months.tsv").items()}
WEEKDAYS: dict[str, int] = {k: int(v) for k, v in resources.numbers("timexes/weekdays.tsv").items()}
SEASONS: dict[str, str] = resources.mapping("timexes/seasons.tsv", "value")
PARTS_OF_DAY: dict[str, str] = resources.mapping("timexes/parts_of_day.tsv", "value")
UNITS: dict[str, str] = resources.mapping("timexes/units.tsv", "value")
TIME_UNITS = resources.words("timexes/time_units.txt")
ORDINALS: dict[str, int] = {k: int(v) for k, v in resources.numbers("timexes/ordinals.tsv").items()}
SMALL: dict[str, int] = {k: int(v) for k, v in resources.numbers("lexicon/number_words.tsv", use="timexes").items()}

# "about three years" → mod; TimeML mod values (TimeML 1.2.1 §2.2.1.1).
QUANT_MODS: dict[str, str] = resources.mapping("lexicon/qualifiers.tsv", "timeml", use="timexes")
# modifiers TempEval-3 annotators mostly leave outside the extent: recorded as mod only.
MOD_OUTSIDE = resources.words("lexicon/qualifiers.tsv", use="timex-outside")
# "early April" → mod START (TimeML: START, MID, END).
PART_MODS: dict[str, str] = resources.mapping("timexes/part_mods.tsv", "mod")
# deictic words with a fixed TIMEX3 value (TimeML reference values).
REFERENCE_WORDS: dict[str, tuple[str, str]] = {
    row["entry"]: (row["type"], row["value"]) for row in resources.table("timexes/reference_words.tsv").dicts()
}
# one-word day references resolved against the document date (shift in days).
DAY_WORDS: dict[str, int] = {k: int(v) for k, v in resources.numbers("timexes/day_words.tsv", "shift").items()}
SET_ADVERBS: dict[str, str] = resources.mapping("timexes/set_adverbs.tsv", "value")
HOLIDAYS: dict[str, str] = resources.mapping("timexes/holidays.tsv", "date")


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the words (longest first, then alphabetical: never the order of a set,
    which changes with the hash seed; spaces and dots escaped). Group it before adding a suffix."""
    import re

    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


def number_value(text: str) -> int | None:
    """Value of a number in digits or words ("17", "seventeen", "twenty-five"); None if vague."""
    t = " ".join(text.lower().replace(",", "").split())
    if t.isdigit():
        return int(t)
    if t in SMALL:
        return SMALL[t]
    parts = t.replace("-", " ").split()
    if parts and all(p in SMALL for p in parts):
        return sum(SMALL[p] for p in parts if p not in ("a", "an"))
    return None
