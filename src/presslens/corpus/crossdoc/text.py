"""Text helpers the cross-document modules share: words, shingles, paragraphs, name keys.

Plain regular expressions and ``unicodedata``: each helper is a few lines, and the exact
behaviour (what a word is, what a paragraph is) must be the same in every module.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)
SHINGLE = 5  # words per shingle: long enough that two unrelated articles share almost none


COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower case without accents ("Zoë" → "zoe"): the comparison form of a text (offsets not kept)."""
    return COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold())).replace("’", "'")


def words(text: str) -> list[str]:
    """The folded words of a text (punctuation dropped; "U.S." and "don't" stay one word)."""
    return WORD.findall(fold(text))


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """The set of ``size``-word shingles of a text (a text shorter than that is one shingle)."""
    toks = words(text)
    if len(toks) <= size:
        return {" ".join(toks)} if toks else set()
    return {" ".join(toks[i:i + size]) for i in range(len(toks) - size + 1)}


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each non-blank line of a text, trimmed of surrounding spaces."""
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            yield start, end


def jaccard(a: set[str], b: set[str]) -> float:
    """|A ∩ B| / |A ∪ B| (0 for two empty sets)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def containment(a: set[str], b: set[str]) -> float:
    """|A ∩ B| / min(|A|, |B|): how much of the smaller set the larger one holds."""
    small = min(len(a), len(b))
    return len(a & b) / small if small else 0.0
