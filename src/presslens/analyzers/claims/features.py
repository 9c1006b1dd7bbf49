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
from dataclasses import dataclass

from presslens import resources
from presslens.analyzers.claims import lexicon as lx

HASH_BITS = 18
N_HASH = 1 << HASH_BITS
_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[$%€£?]")
_DIGITS = re.compile(r"\d")
_US = re.compile(r"\bU\.?S\.?A?\b\.?")
_LOG61 = math.log(61)
_DIGIT_RUN = re.compile(r"\d+(?:[.,]\d+)*")
NUMBER_WORDS = resources.words("lexicon/number_words.tsv", use="features")
_MONEY = re.compile(r"[$€£]\s?\d|\b\d[\d,.]*\s*(?:dollars|euros|pounds)\b|\b(?:million|billion|trillion)\s+dollars\b", re.IGNORECASE)
_YEAR = re.compile(
    r"\b(?:1[89]\d\d|20\d\d)s?\b|\b(?:January|February|March|April|June|July|August|September|"
    r"October|November|December)\b"
)
_CAPWORD = re.compile(r"(?<=[a-z,;:] )(?:[A-Z][a-z]+|[A-Z]{2,})(?:\s+[A-Z][a-z]+)*")
_NOT_SUPER = resources.words("claims/not_superlatives.txt")
_COMP_ER = re.compile(r"\b[a-z]{3,}er\s+than\b", re.IGNORECASE)

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?(?:-[a-z]+)*")


class Lexicon:
    """A word list matched on a sentence's token set (single words) and padded text (phrases)."""

    def __init__(self, entries: tuple[str, ...]) -> None:
        self.words = frozenset(e for e in entries if " " not in e)
        self.phrases = tuple(f" {e} " for e in entries if " " in e)
        # A phrase can be in the padded text only when its first word is one of its tokens.
        self.by_first: dict[str, tuple[str, ...]] = {}
        for p in self.phrases:
            first = p[1:].split(" ", 1)[0]
            self.by_first[first] = (*self.by_first.get(first, ()), p)

    def hits(self, view: View) -> bool:
        """True when any entry is present."""
        if not self.words.isdisjoint(view.words):
            return True
        return any(p in view.padded for w in view.words & self.by_first.keys() for p in self.by_first[w])


@dataclass(frozen=True)
class View:
    """One sentence prepared once: raw, lower-cased word set, padded word string."""

    raw: str
    words: frozenset[str]
    padded: str
    n_words: int

    @classmethod
    def of(cls, sentence: str) -> View:
        """Tokenise a sentence for lexicon lookups."""
        toks = _WORD.findall(sentence.lower().replace("’", "'"))
        return cls(sentence, frozenset(toks), " " + " ".join(toks) + " ", len(sentence.split()))


LEX = {name: Lexicon(words) for name, words in {
    "causal": lx.CAUSAL, "superlative": lx.SUPERLATIVE_WORDS, "comparative": lx.COMPARATIVE,
    "statistic": lx.STATISTIC, "casualty": lx.CASUALTY, "act": lx.OFFICIAL_ACT,
    "opinion": lx.OPINION_VERBS, "modal": lx.MODALS, "future": lx.FUTURE,
    "evaluative": lx.EVALUATIVE, "speech": lx.SPEECH_VERBS, "hedge": lx.HEDGES, "booster": lx.BOOSTERS,
}.items()}
_FIRST_WORDS = resources.words("lexicon/pronouns.tsv", use="features", where=("type", "first"))
_CURRENCY = resources.words("claims/currency_words.txt")
_NEGATORS = resources.words("claims/negators.txt")
_AUDIENCE = resources.words("lexicon/pronouns.tsv", use="features", where=("type", "second"))


def _lex(name: str) -> Callable[[View], float]:
    """A feature: does the named lexicon occur (0/1)."""
    lexicon = LEX[name]
    return lambda v: 1.0 if lexicon.hits(v) else 0.0


def _has(rx: re.Pattern[str]) -> Callable[[View], float]:
    """A feature: does the regex match the raw sentence (0/1)."""
    return lambda v: 1.0 if rx.search(v.raw) else 0.0


def _number_count(v: View) -> int:
    """Digit runs plus distinct number words."""
    return len(_DIGIT_RUN.findall(v.raw)) + len(NUMBER_WORDS & v.words)


def _numbers(v: View) -> float:
    """Saturating count of number mentions (0, 0.5, 0.75, …)."""
    return 1.0 - 0.5 ** _number_count(v)


def _casualty_figure(v: View) -> float:
    """A number together with a casualty / victims word."""
    return 1.0 if LEX["casualty"].hits(v) and _number_count(v) else 0.0


def _named(v: View) -> float:
    """Saturating count of capitalised words after the first (named actors, places)."""
    names = [m for m in _CAPWORD.findall(v.raw) if m not in ("I", "I'm", "OK")]
    return 1.0 - 0.5 ** len(names)


def _superlative(v: View) -> float:
    """Superlative words or ``-est`` adjectives (minus common false friends)."""
    if LEX["superlative"].hits(v):
        return 1.0
    return 1.0 if any(w.endswith("est") and len(w) > 5 and w not in _NOT_SUPER for w in v.words) else 0.0


def _comparison(v: View) -> float:
    """Comparative language ("more than", "doubled", "-er than")."""
    return 1.0 if LEX["comparative"].hits(v) or ("than" in v.words and _COMP_ER.search(v.raw)) else 0.0


def _length(v: View) -> float:
    """Log word count scaled to roughly [0, 1]."""
    return min(math.log1p(v.n_words) / _LOG61, 1.5)


def _short(v: View) -> float:
    """Five words or fewer: fragments, interjections, headings."""
    return 1.0 if v.n_words <= 5 else 0.0


def _first_person(v: View) -> float:
    """First-person pronouns (speaker-centred talk rarely carries a checkable fact); "US" is not "us"."""
    hits = len(_FIRST_WORDS & v.words)
    if "us" in v.words and " us" in v.raw:  # lower-case "us", never "US"
        hits += 1
    return 1.0 - 0.5**hits


def _word_set(words: set[str] | frozenset[str]) -> Callable[[View], float]:
    """A feature: does any of these words occur (0/1)."""
    return lambda v: 0.0 if words.isdisjoint(v.words) else 1.0


def _percentage(v: View) -> float:
    """A percentage sign or the word percent."""
    return 1.0 if "%" in v.raw or "percent" in v.words or " per cent " in v.padded else 0.0


def _money(v: View) -> float:
    """A currency sign before a number, or an amount in dollars/euros/pounds."""
    if not (_CURRENCY & v.words or any(c in v.raw for c in "$€£")):
        return 0.0
    return 1.0 if _MONEY.search(v.raw) else 0.0


def _past_event(v: View) -> float:
    """A past-tense / participle "-ed" word."""
    return 1.0 if any(len(w) >= 5 and w.endswith("ed") for w in v.words) else 0.0


def _negation(v: View) -> float:
    """A negator ("not", "never", "n't"…)."""
    return 1.0 if not _NEGATORS.isdisjoint(v.words) or "n't" in v.padded else 0.0


def _question(v: View) -> float:
    """Ends with a question mark."""
    return 1.0 if v.raw.rstrip().endswith("?") else 0.0


DENSE: tuple[tuple[str, Callable[[View], float]], ...] = (
    ("contains a number", _numbers),
    ("percentage", _percentage),
    ("money amount", _money),
    ("date or year", _has(_YEAR)),
    ("casualty figure", _casualty_figure),
    ("named actor", _named),
    ("causal claim", _lex("causal")),
    ("superlative", _superlative),
    ("comparison", _comparison),
    ("statistical term", _lex("statistic")),
    ("official act", _lex("act")),
    ("past event", _past_event),
    ("reported speech", _lex("speech")),
    ("first person", _first_person),
    ("opinion verb", _lex("opinion")),
    ("modal verb", _lex("modal")),
    ("future tense", _lex("future")),
    ("evaluative language", _lex("evaluative")),
    ("hedge", _lex("hedge")),
    ("booster", _lex("booster")),
    ("negation", _negation),
    ("addresses the audience", _word_set(_AUDIENCE)),
    ("question", _question),
    ("very short", _short),
    ("length", _length),
)
DENSE_NAMES: tuple[str, ...] = tuple(name for name, _ in DENSE)


def dense_features(sentence: str) -> list[float]:
    """The interpretable feature vector of one sentence (order of ``DENSE_NAMES``)."""
    view = View.of(sentence)
    return [fn(view) for _, fn in DENSE]


def tokens(sentence: str) -> list[str]:
    """Lower-cased word tokens with digits folded to ``0``."""
    return _TOKEN.findall(_DIGITS.sub("0", _US.sub("usa", sentence).lower()))


def hashed_indices(sentence: str) -> list[int]:
    """Distinct hash buckets of the sentence's unigrams and bigrams."""
    toks = tokens(sentence)
    grams = toks + [f"{a} {b}" for a, b in itertools.pairwise(toks)]
    return sorted({zlib.crc32(g.encode("utf-8")) & (N_HASH - 1) for g in grams})
