"""Is this English prose?  A function-word ratio test plus a test for real words.

Hand-written because the maintained detectors (lingua, fastText lid) ship
large models and load slowly, and we only need one decision: English or not.
English prose has 35–55% of its tokens among the 120 most frequent English
function words; other languages written in Latin script score under 10%.

Text that is not prose is not English either: when most of its characters
sit in "words" longer than any real word (a 5 MB run of letters, a base64
blob), or a very short text holds no known English word at all, the answer
is "und".
"""

from __future__ import annotations

import re

_FUNCTION_WORDS = frozenset(
    """the of and to a in is that for it as was with be by on not he i this are or his
    from at which but have an they you were her she there been has their one all we would
    will more if no when who so what its about up out them said into than can only other
    new some could also these two may then do first any my now such like our over even most
    after before between because while where how many much should very through those did
    had him us your me being under against during without since until both each few
    """.split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SPACE = re.compile(r"\s+")
_LONG_TOKEN = re.compile(r"\S{101,}")
_MAX_WORD = 30  # longer letter runs are not words ("Llanfairpwllgwyngyll…" is 58, but is a name)
_SAMPLE = 20_000


def english_score(text: str, *, sample_chars: int = _SAMPLE) -> float:
    """Share of word tokens in the sample that are English function words."""
    words = _WORD.findall(text[:sample_chars].lower())
    if not words:
        return 0.0
    return sum(1 for w in words if w in _FUNCTION_WORDS) / len(words)


def is_junk(text: str) -> bool:
    """True when over half the non-space characters (and over 1,000) sit in tokens over 100 characters.

    URLs and long hyphenated compounds stay well under that; a multi-megabyte
    "word" or a base64 blob does not.
    """
    long_chars = sum(len(m.group()) for m in _LONG_TOKEN.finditer(text))
    if long_chars <= 1000:
        return False
    non_space = len(text) - sum(len(m.group()) for m in _SPACE.finditer(text))
    return long_chars > non_space / 2


def _has_known_word(words: list[str]) -> bool:
    """True when some word of a short text is an English function word or dictionary word."""
    from presslens.ingest.lexicon import english_words

    known = english_words()
    lowered = [w.lower() for w in words if len(w) <= _MAX_WORD]
    return any(w in _FUNCTION_WORDS or w in known for w in lowered)


def guess_language(text: str) -> str:
    """Return "en" when the text reads as English prose, else "und" (undetermined)."""
    if is_junk(text):
        return "und"
    words = [w for w in _WORD.findall(text[:_SAMPLE]) if len(w) <= _MAX_WORD]
    if len(words) < 3:
        return "en" if words and _has_known_word(words) else "und"
    if len(words) < 8:
        return "en" if english_score(text) >= 0.1 else "und"
    return "en" if english_score(text) >= 0.15 else "und"
