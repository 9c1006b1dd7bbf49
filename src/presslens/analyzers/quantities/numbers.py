"""Numbers written in digits and words, scales, fractions and ranges over spaCy tokens.

English number grammar (Quirk et al. 1985, §6.63-6.67): digits with thousands separators
("1,693"), a scale after them ("2.5 million", "£1.2bn", "300k"), number words ("twenty-five",
"two hundred and fifty", "eleven thousand", "a million"), fractions ("one-third",
"three-quarters", "a fifth", "half"), and ranges ("3 to 5 million", "12-15", "between 30 and 35").
spaCy splits these unevenly ("$2.5m" → ``$ 2.5 m``, "4bn" stays one token, "26-year-old" is
five tokens), so a token may carry a number and a suffix, read here by regex.  The word lists
are resources (``lexicon/number_words.tsv``, ``quantities/scales.tsv``, ``fractions.tsv``,
``vague.tsv``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from presslens import resources

UNITS_WORDS = resources.numbers("lexicon/number_words.tsv", use="quantities")
SCALES = resources.numbers("quantities/scales.tsv")
VAGUE = resources.numbers("quantities/vague.tsv")
FRACTIONS = resources.numbers("quantities/fractions.tsv")
NUM_RE = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
GLUED = re.compile(r"^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([A-Za-z°$/][A-Za-z°/]*)$")
_SCALE_WORDS = frozenset({"hundred", "thousand", "million", "billion", "trillion"})
_SUFFIX_SCALES = frozenset({"bn", "mn", "tn", "trn", "k", "b", "m"})
_ARTICLES = frozenset({"a", "an"})


@dataclass(frozen=True, slots=True)
class Num:
    """A number read from tokens ``[start, end)``: its value and how it was written."""

    start: int
    end: int
    value: float
    words: bool = False  # written in words only ("seventeen", "a million")
    suffix: str = ""  # letters glued to the digits that are not a scale ("38C" → "C")
    scaled: bool = False  # a scale word or suffix was read ("2.5m", "3 million")


def digits_value(text: str) -> float | None:
    """Value of a digit string with thousands separators ("1,693" → 1693.0), else None."""
    if not NUM_RE.match(text):
        return None
    return float(text.replace(",", ""))


def parse_number(words: list[str]) -> float | None:
    """Value of a number written in digits and/or words ("1,400", "twenty-five", "2.5 million")."""
    total, current, seen = 0.0, 0.0, False
    for raw in words:
        word = raw.lower().replace("\u2011", "-")
        if NUM_RE.match(word):
            current += float(word.replace(",", ""))
        elif "-" in word and all(p in UNITS_WORDS for p in word.split("-")):
            current += sum(UNITS_WORDS[p] for p in word.split("-"))
        elif word in UNITS_WORDS:
            current += UNITS_WORDS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0.0
        elif word in ("and", "-"):
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def _word_number(low: str) -> bool:
    """True for a number word or a hyphenated one ("twenty-five"); not "a"/"an"."""
    if low in _ARTICLES:
        return False
    return low in UNITS_WORDS or ("-" in low and all(p in UNITS_WORDS and p not in _ARTICLES for p in low.split("-")))


def read_number(doc: Any, i: int, money: bool = False) -> Num | None:
    """The number starting at token ``i`` (digits or words, with its scale), or None.

    ``money`` allows the scale suffix "m" written apart ("$2.5 m") and "b" ("$4b").
    """
    text = doc[i].text
    if re.match(r"0\d", text):
        return None  # "007", "0800": codes, not amounts
    if NUM_RE.match(text):
        return _digits(doc, i, float(text.replace(",", "")), money)
    glued = GLUED.match(text)
    if glued:
        return _glued(doc, i, float(glued.group(1).replace(",", "")), glued.group(2), money)
    return _words(doc, i)


def _digits(doc: Any, i: int, value: float, money: bool) -> Num:
    """Digits, then scale words or a scale abbreviation written apart ("3 million", "$2.5 m")."""
    j = i + 1
    scale = 1.0
    while j < len(doc) and doc[j].lower_ in _SCALE_WORDS:
        scale *= SCALES[doc[j].lower_]
        j += 1
    if j == i + 1 and j < len(doc) and not doc[i].whitespace_:
        low = doc[j].lower_
        if low in ("bn", "mn", "tn", "trn") or (money and low in ("m", "b", "k")):
            scale = float(SCALES.get(low, 1e9 if low == "b" else 1e6))
            j += 1
    elif j == i + 1 and money and j < len(doc) and doc[j].lower_ in ("m", "bn", "mn"):
        scale = float(SCALES[doc[j].lower_] if doc[j].lower_ != "m" else 1e6)
        j += 1
    return Num(i, j, value * scale, scaled=scale != 1.0)


def _glued(doc: Any, i: int, value: float, suffix: str, money: bool) -> Num | None:
    """Digits with letters glued on: a scale ("4bn", "300k", "$2.5m") or a unit kept as suffix."""
    low = suffix.lower()
    if low in ("st", "nd", "rd", "th", "s", "am", "pm"):
        return None  # ordinals, decades, clock times: not amounts here
    if low in _SUFFIX_SCALES and (low not in ("m", "b") or money):
        scale = float(SCALES.get(low, 1e9 if low == "b" else 1e6))
        return Num(i, i + 1, value * scale, scaled=True)
    if low == "m" and i + 1 < len(doc) and doc[i + 1].tag_ == "NNS" and doc[i + 1].lower_ not in ("metres", "meters"):
        return Num(i, i + 1, value * 1e6, scaled=True)  # "3m people": British shorthand for million
    return Num(i, i + 1, value, suffix=suffix)


def _words(doc: Any, i: int) -> Num | None:
    """A run of number words ("two hundred and fifty", "a million", "eleven thousand")."""
    j = i
    while j < len(doc):
        low = doc[j].lower_
        if j > i and doc[j].is_title and not doc[i].is_title:
            break  # "two Six Nations games": a capitalised number word starts a name
        nxt = doc[j + 1].lower_ if j + 1 < len(doc) else ""
        if _word_number(low) or (low in _SCALE_WORDS and j > i):
            j += 1
        elif low in _ARTICLES and j == i and (nxt in _SCALE_WORDS or nxt == "dozen"):
            j += 1
        elif low == "dozen" and j > i:
            j += 1
        elif low == "-" and i < j and j + 1 < len(doc) and _word_number(nxt) and not doc[j - 1].whitespace_:
            j += 1
        elif low == "and" and j > i and doc[j - 1].lower_ == "hundred" and j + 1 < len(doc) and _word_number(nxt):
            j += 1
        else:
            break
    if j == i or all(doc[k].lower_ in _ARTICLES for k in range(i, j)):
        return None
    words = [("12" if doc[k].lower_ == "dozen" else doc[k].text) for k in range(i, j)]
    if doc[i].lower_ in _ARTICLES and j > i + 1 and doc[i + 1].lower_ == "dozen":
        words = ["12"]
    value = parse_number([w for w in words if w.lower() not in _ARTICLES or w is words[0]])
    if value is None:
        return None
    scaled = any(doc[k].lower_ in _SCALE_WORDS for k in range(i, j))
    return Num(i, j, value, words=True, scaled=scaled)


def read_fraction(doc: Any, i: int) -> Num | None:
    """A fraction: "one-third", "two-thirds", "a quarter", "three-quarters", "half", "a fifth"."""
    tok = doc[i]
    low = tok.lower_
    if low in ("a", "an", "one") and i + 1 < len(doc) and doc[i + 1].lower_ in FRACTIONS:
        return Num(i, i + 2, 1 / FRACTIONS[doc[i + 1].lower_], words=True)
    if low == "half":
        return Num(i, i + 1, 0.5, words=True)
    if "-" in low:  # one token "two-thirds"
        head, _, tail = low.partition("-")
        if head in UNITS_WORDS and tail in FRACTIONS:
            return Num(i, i + 1, UNITS_WORDS[head] / FRACTIONS[tail], words=True)
    numerator = UNITS_WORDS.get(low) if low not in _ARTICLES else None
    if numerator is None and NUM_RE.match(tok.text):
        numerator = float(tok.text.replace(",", ""))
    if numerator is None or i + 1 >= len(doc):
        return None
    if doc[i + 1].text == "-" and not tok.whitespace_ and i + 2 < len(doc) and doc[i + 2].lower_ in FRACTIONS:
        return Num(i, i + 3, numerator / FRACTIONS[doc[i + 2].lower_], words=not tok.text[0].isdigit())
    if i + 1 < len(doc) and doc[i + 1].lower_ in FRACTIONS and doc[i + 1].lower_.endswith("s") and numerator > 1:
        return Num(i, i + 2, numerator / FRACTIONS[doc[i + 1].lower_], words=True)
    return None


def range_tail(doc: Any, end: int, between: bool) -> tuple[str, Num] | None:
    """The second number of "3 to 5", "12-15", "between 30 and 35", "80-19": (joiner, number)."""
    if end + 1 >= len(doc):
        return None
    joiner = doc[end].lower_
    if joiner not in ("to", "-", "–", "—", "and") or (joiner == "and" and not between):
        return None
    if joiner in ("-", "–", "—") and (doc[end - 1].whitespace_ or doc[end].whitespace_):
        return None  # a dash with spaces is punctuation, not a range
    upper = read_number(doc, end + 1)
    if upper is None or upper.suffix:
        return None
    return joiner, upper


def scale_lower(lower: Num, upper: Num) -> float:
    """ "3 to 5 million": the lower bound takes the upper bound's scale when it has none."""
    if lower.scaled or not upper.scaled:
        return lower.value
    scale = 1.0
    while upper.value >= 1000 * lower.value * scale and scale < 1e12:
        scale *= 1000
    return lower.value * scale


def vague_amount(doc: Any, i: int) -> Num | None:
    """ "dozens of", "tens of thousands of", "hundreds of millions of": the lower bound."""
    low = doc[i].lower_
    if low not in VAGUE or i + 1 >= len(doc) or doc[i + 1].lower_ != "of":
        return None
    value, j = float(VAGUE[low]), i + 1
    if j + 2 < len(doc) and doc[j + 1].lower_ in VAGUE and doc[j + 2].lower_ == "of" and low in ("tens", "hundreds", "dozens"):
        value *= float(VAGUE[doc[j + 1].lower_]) / (2 if doc[j + 1].lower_ not in ("tens", "dozens") else 1)
        j += 2
    return Num(i, j, value, words=True, scaled=True)
