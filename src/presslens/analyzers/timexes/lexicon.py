"""Word tables of the temporal tagger: months, weekdays, numbers, units, modifiers.

The vocabulary follows the TimeML / TIMEX3 annotation guidelines (Pustejovsky
et al., TimeML 1.2.1; Ferro et al., TIDES 2005 "Standard for the Annotation of
Temporal Expressions") and the categories of HeidelTime's English resources
(Strötgen & Gertz, 2013); the lists themselves are written here, not copied.
Regex fragments are plain strings so that ``grammar.py`` composes them once.
"""

from __future__ import annotations

from collections.abc import Iterable

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI",
}
UNITS: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "weekend": "WE",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
    "night": "D", "trading day": "D", "business day": "D", "fiscal year": "Y",
    "season": "S", "centurie": "CE", "millennium": "ML",
}
TIME_UNITS = {"second", "minute", "hour"}
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "thirtieth": 30, "last": -1,
}
SMALL: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "couple": 2, "a couple of": 2, "couple of": 2, "a dozen": 12, "dozen": 12,
    "half a": 0, "a half": 0,
}
VAGUE = ("several", "a few", "few", "some", "many", "a number of", "dozens of", "hundreds of",
         "the next few", "recent", "coming")

# "about three years" → mod; TimeML mod values (TimeML 1.2.1 §2.2.1.1).
QUANT_MODS: dict[str, str] = {
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
    "some": "APPROX", "nearly": "APPROX", "almost": "APPROX", "close to": "APPROX",
    "more than": "MORE_THAN", "less than": "LESS_THAN",
    "fewer than": "LESS_THAN", "under": "LESS_THAN", "at least": "EQUAL_OR_MORE",
    "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "just under": "LESS_THAN",
}
# modifiers TempEval-3 annotators mostly leave outside the extent: recorded as mod only.
MOD_OUTSIDE = frozenset({"about"})
# "early April" → mod START (TimeML: START, MID, END).
PART_MODS: dict[str, str] = {
    "early": "START", "the beginning of": "START", "the start of": "START",
    "the early part of": "START", "beginning of": "START", "start of": "START",
    "late": "END", "the end of": "END", "end of": "END", "the close of": "END",
    "the late part of": "END", "mid": "MID", "the middle of": "MID", "middle of": "MID",
    "the mid": "MID", "mid-": "MID", "earlier": "START", "later": "END",
}
# deictic words with a fixed TIMEX3 value (TimeML reference values).
REFERENCE_WORDS: dict[str, tuple[str, str]] = {
    "now": ("DATE", "PRESENT_REF"), "currently": ("DATE", "PRESENT_REF"),
    "current": ("DATE", "PRESENT_REF"), "nowadays": ("DATE", "PRESENT_REF"),
    "these days": ("DATE", "PRESENT_REF"), "at present": ("DATE", "PRESENT_REF"),
    "at the moment": ("DATE", "PRESENT_REF"),
    "presently": ("DATE", "PRESENT_REF"), "the present": ("DATE", "PRESENT_REF"),
    "recently": ("DATE", "PAST_REF"),
    "lately": ("DATE", "PAST_REF"), "the past": ("DATE", "PAST_REF"),
    "recent years": ("DATE", "PAST_REF"),
    "the future": ("DATE", "FUTURE_REF"),
    "soon": ("DATE", "FUTURE_REF"), "the near future": ("DATE", "FUTURE_REF"),
    "the near term": ("DATE", "FUTURE_REF"), "the short term": ("DATE", "FUTURE_REF"),
    "the long term": ("DATE", "FUTURE_REF"),
    "someday": ("DATE", "FUTURE_REF"),
    "the coming years": ("DATE", "FUTURE_REF"), "the years ahead": ("DATE", "FUTURE_REF"),
}
# one-word day references resolved against the document date (shift in days).
DAY_WORDS: dict[str, int] = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0,
                             "the day before yesterday": -2, "the day after tomorrow": 2}
SET_ADVERBS: dict[str, str] = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
    "quarterly": "P3M", "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W",
    "semiannually": "P6M", "biannually": "P6M",
}
HOLIDAYS: dict[str, str] = {
    "christmas": "12-25", "christmas day": "12-25", "christmas eve": "12-24",
    "new year's day": "01-01", "new year's eve": "12-31", "independence day": "07-04",
    "halloween": "10-31", "valentine's day": "02-14", "boxing day": "12-26",
}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the words (longest first, spaces and dots escaped)."""
    import re

    items = sorted(set(words), key=len, reverse=True)
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
