"""Numbers written in digits and words, ranges and scales ("1,400", "twenty-five", "3 to 5 million").

English number grammar (Quirk et al. 1985, §6.63); the number words, scale words and vague
plurals are resources (``lexicon/number_words.tsv``, ``quantities/scales.tsv``, ``vague.tsv``).
"""

from __future__ import annotations

import re
from typing import Any

from presslens import resources

UNITS_WORDS = resources.numbers("lexicon/number_words.tsv", use="quantities")
SCALES = resources.numbers("quantities/scales.tsv")
VAGUE = resources.numbers("quantities/vague.tsv")
NUM_RE = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def parse_number(words: list[str]) -> float | None:
    """Value of a number written in digits and/or words ("1,400", "twenty-five", "2.5 million")."""
    total, current, seen = 0.0, 0.0, False
    for raw in words:
        word = raw.lower().replace("\u2011", "-")
        if NUM_RE.match(word):
            current += float(word.replace(",", ""))
            seen = True
        elif "-" in word and all(p in UNITS_WORDS for p in word.split("-")):
            current += sum(UNITS_WORDS[p] for p in word.split("-"))
            seen = True
        elif word in UNITS_WORDS:
            current += UNITS_WORDS[word]
            seen = True
        elif word == "hundred":
            current = (current or 1) * 100
            seen = True
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0.0
            seen = True
        elif word in ("and", "-"):
            continue
        else:
            return None
    return total + current if seen else None


def is_number_token(tok: Any) -> bool:
    low = tok.lower_
    return bool(NUM_RE.match(tok.text)) or low in SCALES or (
        low in UNITS_WORDS and low not in ("a", "an")
    ) or ("-" in low and all(p in UNITS_WORDS for p in low.split("-")))


def number_run(doc: Any, i: int) -> int:
    """End (exclusive) of the run of number tokens starting at ``i``."""
    j = i
    while j < len(doc):
        tok = doc[j]
        if is_number_token(tok):
            j += 1
        elif tok.text == "-" and j > i and j + 1 < len(doc) and doc[j + 1].lower_ in UNITS_WORDS and doc[j - 1].lower_ in UNITS_WORDS:
            j += 1
        elif tok.lower_ == "and" and j > i and doc[j - 1].lower_ == "hundred" and j + 1 < len(doc) and is_number_token(doc[j + 1]):
            j += 1
        else:
            break
    # a scale word alone is not a number ("million" in "a million"): needs a head
    if j > i and all(t.lower_ in SCALES for t in doc[i:j]):
        return i
    return j


def range_tail(doc: Any, end: int, value: float) -> tuple[float | None, int]:
    """Upper bound of "3 to 5 million" / "3-5" / "between 3 and 5"; scales the lower bound."""
    if end + 1 < len(doc) and doc[end].lower_ in ("to", "-", "–", "and") and is_number_token(doc[end + 1]):
        tail_end = number_run(doc, end + 1)
        upper = parse_number([t.text for t in doc[end + 1 : tail_end]])
        if upper is not None and tail_end > end + 1:
            if doc[end].lower_ == "and" and not any(t.lower_ == "between" for t in doc[max(0, end - 4) : end]):
                return None, end
            return upper, tail_end
    return None, end


def scaled_lower(doc: Any, start: int, end: int, value: float, value_max: float | None) -> float:
    """ "3 to 5 million": the lower bound takes the upper bound's scale."""
    if value_max is None or any(t.lower_ in SCALES for t in doc[start:end]):
        return value
    scale = 1.0
    while value_max >= 1000 * value * scale and scale < 1e12:
        scale *= 1000
    return value * scale
