"""Sentence features for the check-worthiness model: hashed n-grams + named cues.

Two families, computed from the raw sentence string only (no parser), so the
trainer and the run-time predictor see identical inputs and scoring stays cheap:

* sparse: lower-cased word unigrams and bigrams, digits folded to ``0``, hashed
  with CRC-32 (stable across runs and platforms; ``hash()`` is salted) into
  ``2**HASH_BITS`` buckets — the hashing trick of Weinberger et al. 2009;
* dense: interpretable cues (numbers, casualty words, named actors, causal,
  comparative and superlative language, first person, opinion verbs, modals,
  questions, length…) whose weights double as the *reasons* of a score.

The dense cue families follow ClaimBuster (Hassan et al., KDD 2017) and the
CheckThat! lab overviews; the word lists live in ``lexicon.py``.
"""

from __future__ import annotations

import itertools
import math
import re
import zlib
from collections.abc import Callable

from presslens.checkworthy import lexicon as lx

HASH_BITS = 18
N_HASH = 1 << HASH_BITS
_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[$%€£?]")
_DIGITS = re.compile(r"\d")
_US = re.compile(r"\bU\.?S\.?A?\b\.?")
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|"
    r"billions|trillion|dozen|dozens|half|twice|triple|double)\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"%|\bper\s?cent\b", re.IGNORECASE)
_MONEY = re.compile(r"[$€£]\s?\d|\b\d[\d,.]*\s*(?:dollars|euros|pounds)\b|\b(?:million|billion|trillion)\s+dollars\b", re.IGNORECASE)
_YEAR = re.compile(
    r"\b(?:1[89]\d\d|20\d\d)s?\b|\b(?:January|February|March|April|June|July|August|September|"
    r"October|November|December)\b"
)
_CAPWORD = re.compile(r"(?<=[a-z,;:] )(?:[A-Z][a-z]+|[A-Z]{2,})(?:\s+[A-Z][a-z]+)*")
_SUPER_EST = re.compile(r"\b[a-z]{3,}est\b")
_NOT_SUPER = frozenset(
    "interest honest west rest test protest request forest guest suggest invest harvest arrest "
    "contest modest digest chest manifest latest earnest conquest quest inquest priest nest".split()
)
_COMP_ER = re.compile(r"\b[a-z]{3,}er\s+than\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|no|never|nobody|nothing|none|neither|nor)\b|n['’]t\b", re.IGNORECASE)
_YOU = re.compile(r"\byou(?:r|rs)?\b", re.IGNORECASE)
_PAST_ED = re.compile(r"\b[a-z]{3,}ed\b")

_RX = {name: lx.phrase_regex(words) for name, words in {
    "causal": lx.CAUSAL, "superlative": lx.SUPERLATIVE_WORDS, "comparative": lx.COMPARATIVE,
    "statistic": lx.STATISTIC, "casualty": lx.CASUALTY, "act": lx.OFFICIAL_ACT,
    "first": lx.FIRST_PERSON, "opinion": lx.OPINION_VERBS, "modal": lx.MODALS, "future": lx.FUTURE,
    "evaluative": lx.EVALUATIVE, "speech": lx.SPEECH_VERBS, "hedge": lx.HEDGES, "booster": lx.BOOSTERS,
}.items()}


def _count(name: str) -> Callable[[str], float]:
    """A feature: does the named lexicon occur (0/1)."""
    rx = _RX[name]
    return lambda s: 1.0 if rx.search(s) else 0.0


def _has(rx: re.Pattern[str]) -> Callable[[str], float]:
    """A feature: does the regex match (0/1)."""
    return lambda s: 1.0 if rx.search(s) else 0.0


def _numbers(s: str) -> float:
    """Saturating count of number mentions (0, 0.5, 0.75, …)."""
    n = len(_NUMBER.findall(s))
    return 1.0 - 0.5**n


def _casualty_figure(s: str) -> float:
    """A number together with a casualty / victims word."""
    return 1.0 if _NUMBER.search(s) and _RX["casualty"].search(s) else 0.0


def _named(s: str) -> float:
    """Saturating count of capitalised words after the first (named actors, places)."""
    names = [m for m in _CAPWORD.findall(s) if m not in ("I", "I'm", "OK")]
    return 1.0 - 0.5 ** len(names)


def _superlative(s: str) -> float:
    """Superlative words or ``-est`` adjectives (minus common false friends)."""
    if _RX["superlative"].search(s):
        return 1.0
    return 1.0 if any(w not in _NOT_SUPER for w in _SUPER_EST.findall(s.lower())) else 0.0


def _length(s: str) -> float:
    """Log word count scaled to roughly [0, 1]."""
    return min(math.log1p(len(s.split())) / math.log(61), 1.5)


def _short(s: str) -> float:
    """Five words or fewer: fragments, interjections, headings."""
    return 1.0 if len(s.split()) <= 5 else 0.0


def _first_person(s: str) -> float:
    """First-person pronouns (speaker-centred talk rarely carries a checkable fact); "US" is not "us"."""
    return 1.0 - 0.5 ** sum(1 for m in _RX["first"].findall(s) if m != "US")


DENSE: tuple[tuple[str, Callable[[str], float]], ...] = (
    ("contains a number", _numbers),
    ("percentage", _has(_PERCENT)),
    ("money amount", _has(_MONEY)),
    ("date or year", _has(_YEAR)),
    ("casualty figure", _casualty_figure),
    ("named actor", _named),
    ("causal claim", _count("causal")),
    ("superlative", _superlative),
    ("comparison", lambda s: 1.0 if _RX["comparative"].search(s) or _COMP_ER.search(s) else 0.0),
    ("statistical term", _count("statistic")),
    ("official act", _count("act")),
    ("past event", _has(_PAST_ED)),
    ("reported speech", _count("speech")),
    ("first person", _first_person),
    ("opinion verb", _count("opinion")),
    ("modal verb", _count("modal")),
    ("future tense", _count("future")),
    ("evaluative language", _count("evaluative")),
    ("hedge", _count("hedge")),
    ("booster", _count("booster")),
    ("negation", _has(_NEGATION)),
    ("addresses the audience", _has(_YOU)),
    ("question", lambda s: 1.0 if s.rstrip().endswith("?") else 0.0),
    ("very short", _short),
    ("length", _length),
)
DENSE_NAMES: tuple[str, ...] = tuple(name for name, _ in DENSE)


def dense_features(sentence: str) -> list[float]:
    """The interpretable feature vector of one sentence (order of ``DENSE_NAMES``)."""
    return [fn(sentence) for _, fn in DENSE]


def tokens(sentence: str) -> list[str]:
    """Lower-cased word tokens with digits folded to ``0``."""
    return _TOKEN.findall(_DIGITS.sub("0", _US.sub("usa", sentence).lower()))


def hashed_indices(sentence: str) -> list[int]:
    """Distinct hash buckets of the sentence's unigrams and bigrams."""
    toks = tokens(sentence)
    grams = toks + [f"{a} {b}" for a, b in itertools.pairwise(toks)]
    return sorted({zlib.crc32(g.encode("utf-8")) & (N_HASH - 1) for g in grams})
