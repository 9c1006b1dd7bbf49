"""Sentence features for the check-worthiness model: hashed n-grams + named cues.

Two families, computed from the raw sentence string only (no parser), so the
trainer and the run-time predictor see identical inputs and scoring stays cheap:

* sparse: lower-cased word unigrams and bigrams, digits folded to ``0``, hashed
  with CRC-32 (stable across runs and platforms; ``hash()`` is salted) into
  ``2**HASH_BITS`` buckets — the hashing trick of Weinberger et al. 2009;
* dense: interpretable cues (numbers, casualty words, named actors, causal,
  comparative and superlative language, first person, stance verbs, modals,
  questions, sweeping generalisations, length…) whose weights double as the
  *reasons* of a score.  A reason is shown to users, so each cue must be true of
  the sentence it fires on: words match whole words only, a capitalised word
  inside the sentence is part of a name and fires no word cue ("United States"
  is no speech verb, "May" no modal), approximators count as hedges only before
  a number, and ambiguous words are left out of the lists (``tests/analyzers/
  test_claims_cues.py`` holds sentences each cue must not fire on).

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
from presslens.analyzers.claims.hedges import cue_spans, may_have_cue

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
_NOT_SUPER = resources.words("claims/not_superlatives.txt")
_COMP_ER = re.compile(r" ([a-z]{3,}er) than ")
_NOT_COMPARATIVE = frozenset(("rather", "other", "either", "neither", "whether", "never", "ever", "over", "under", "after"))
_UNIVERSAL = frozenset(("everyone", "everybody", "nobody", "everything", "nothing", "anyone", "anybody"))

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?(?:-[A-Za-z]+)*")
_OPENERS = "\"“‘'(:;—–-"
_NAME_FUNCTION_WORDS = frozenset(
    "the a an it its this that these those he she they we you i his her their our my your but and or "
    "so if in on at for to of as by with from when while after before there here what who why how".split()
)


class Lexicon:
    """A word list matched on a sentence's common words (single words) and padded text (phrases)."""

    def __init__(self, entries: tuple[str, ...]) -> None:
        self.words = frozenset(e for e in entries if " " not in e)
        self.phrases = tuple(f" {e} " for e in entries if " " in e)
        # A phrase can be in ``padded`` only when its first word is one of the common ``words``.
        self.by_first: dict[str, tuple[str, ...]] = {}
        for p in self.phrases:
            first = p[1:].split(" ", 1)[0]
            self.by_first[first] = (*self.by_first.get(first, ()), p)

    def hits(self, view: View) -> bool:
        """True when any entry is present."""
        if not self.words.isdisjoint(view.words):
            return True
        return any(p in view.padded for w in view.words & self.by_first.keys() for p in self.by_first[w])


def _is_name_part(sentence: str, m: re.Match[str], first: bool) -> bool:
    """A capitalised word inside a sentence (not its first word, not after a quote or colon): a name."""
    word = m.group(0)
    if first or not word[:1].isupper() or word == "I" or word.startswith(("I'", "I’")):
        return False
    before = sentence[: m.start()].rstrip()
    return not before or before[-1] not in _OPENERS + ".!?"


@dataclass(frozen=True)
class View:
    """One sentence prepared once for the cues.

    ``words`` and ``padded`` hold the lower-cased common words only: a capitalised word inside
    the sentence is part of a name ("United States", "Will Smith", "May"), so it never fires a
    word cue; ``padded`` keeps a ``_`` in its place so that phrases do not match across it.
    ``names`` are those capitalised words, minus function words that open a clause.
    """

    raw: str
    words: frozenset[str]
    padded: str
    n_words: int
    names: tuple[str, ...]

    @classmethod
    def of(cls, sentence: str) -> View:
        """Tokenise a sentence for lexicon lookups."""
        text = sentence.replace("’", "'")
        common, padded, names = [], [], []
        for k, m in enumerate(_WORD.finditer(text)):
            low = m.group(0).lower()
            if _is_name_part(text, m, k == 0):
                padded.append("_")
                if low not in _NAME_FUNCTION_WORDS:
                    names.append(m.group(0))
            else:
                common.append(low)
                padded.append(low)
        return cls(sentence, frozenset(common), " " + " ".join(padded) + " ", len(sentence.split()), tuple(names))


LEX = {name: Lexicon(words) for name, words in {
    "causal": lx.CAUSAL, "superlative": lx.SUPERLATIVE_WORDS, "comparative": lx.COMPARATIVE,
    "change": lx.CHANGE, "statistic": lx.STATISTIC, "casualty": lx.CASUALTY, "act": lx.OFFICIAL_ACT,
    "opinion": lx.OPINION_VERBS, "modal": lx.MODALS, "future": lx.FUTURE,
    "evaluative": lx.EVALUATIVE, "speech": lx.SPEECH_VERBS,
}.items()}
_FIRST_WORDS = resources.words("lexicon/pronouns.tsv", use="features", where=("type", "first"))
_CURRENCY = resources.words("claims/currency_words.txt")
_NEGATORS = resources.words("claims/negators.txt")
_AUDIENCE = resources.words("lexicon/pronouns.tsv", use="features", where=("type", "second"))
_REPORTS_THAT = re.compile(r" (?:states|claims|reports|reported|notes|noted|argues|explains|explained|suggests|adds|added) that ")
_WILL = re.compile(r"(\S+) will ")
_DETERMINERS = frozenset("the a his her their its our my your free political ill good".split())
LEX["future_no_will"] = Lexicon(tuple(w for w in lx.FUTURE if w != "will"))
_NOT_PAST = frozenset(("hundred", "sacred", "naked", "wicked", "kindred", "rugged", "wretched", "embed", "shred", "indeed"))


def _lex(name: str) -> Callable[[View], float]:
    """A feature: does the named lexicon occur (0/1)."""
    lexicon = LEX[name]
    return lambda v: 1.0 if lexicon.hits(v) else 0.0


def _has(rx: re.Pattern[str]) -> Callable[[View], float]:
    """A feature: does the regex match the raw sentence (0/1)."""
    return lambda v: 1.0 if rx.search(v.raw) else 0.0


def _number_count(v: View) -> int:
    """Digit runs plus distinct number words ("one" is left out: "no one", "one of them")."""
    return len(_DIGIT_RUN.findall(v.raw)) + len(NUMBER_WORDS & v.words)


def _numbers(v: View) -> float:
    """Saturating count of number mentions (0, 0.5, 0.75, …)."""
    return 1.0 - 0.5 ** _number_count(v)


def _casualty_figure(v: View) -> float:
    """A number together with a word for people killed or hurt."""
    return 1.0 if LEX["casualty"].hits(v) and _number_count(v) else 0.0


def _named(v: View) -> float:
    """Saturating count of capitalised words inside the sentence (named actors, places)."""
    return 1.0 - 0.5 ** len(v.names)


def _superlative(v: View) -> float:
    """Superlative words or ``-est`` adjectives (minus common false friends)."""
    if LEX["superlative"].hits(v):
        return 1.0
    return 1.0 if any(w.endswith("est") and len(w) > 5 and w not in _NOT_SUPER for w in v.words) else 0.0


def _comparison(v: View) -> float:
    """A comparison ("more than", "doubled", "-er than"), or a change in a quantity beside a number."""
    if LEX["comparative"].hits(v) or (LEX["change"].hits(v) and _number_count(v)):
        return 1.0
    return 1.0 if "than" in v.words and any(m.group(1).lower() not in _NOT_COMPARATIVE for m in _COMP_ER.finditer(v.padded)) else 0.0


def _length(v: View) -> float:
    """Log word count scaled to roughly [0, 1]."""
    return min(math.log1p(v.n_words) / _LOG61, 1.5)


def _short(v: View) -> float:
    """Five words or fewer: fragments, interjections, headings."""
    return 1.0 if v.n_words <= 5 else 0.0


def _first_person(v: View) -> float:
    """First-person pronouns, whole words only ("used" holds no "us"; "US" is a country)."""
    return 1.0 - 0.5 ** len(_FIRST_WORDS & v.words)


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
    """A past-tense / participle "-ed" word (not "-eed": "need", "speed")."""
    return 1.0 if any(len(w) >= 5 and w.endswith("ed") and not w.endswith("eed") and w not in _NOT_PAST for w in v.words) else 0.0


def _future(v: View) -> float:
    """Future marking ("will", "is expected to", "next year"); "the will" or "his will" is a noun."""
    if not LEX["future"].hits(v):
        return 0.0
    if "will" not in v.words or LEX["future_no_will"].hits(v):
        return 1.0
    return 1.0 if any(m.group(1) not in _DETERMINERS for m in _WILL.finditer(v.padded)) else 0.0


def _speech(v: View) -> float:
    """A verb of saying ("said", "told", "according to"), or "states/claims/reports that"."""
    return 1.0 if LEX["speech"].hits(v) or _REPORTS_THAT.search(v.padded) else 0.0


def _cue_class(kind: str) -> Callable[[View], float]:
    """A feature: a hedge or booster by the claims layer's own rules (approximators before numbers)."""
    return lambda v: 1.0 if may_have_cue(v.raw) and cue_spans(v.raw, 0, len(v.raw), kind) else 0.0


def _negation(v: View) -> float:
    """A negator ("not", "never", "n't"…)."""
    return 1.0 if not _NEGATORS.isdisjoint(v.words) or "n't" in v.padded else 0.0


def _question(v: View) -> float:
    """Ends with a question mark."""
    return 1.0 if v.raw.rstrip().endswith("?") else 0.0


def _generic(v: View) -> float:
    """A sweeping universal with nothing specific beside it ("No one is above the law").

    A universal subject word and no number, date or name: a maxim or slogan, not a checkable fact.
    """
    if _UNIVERSAL.isdisjoint(v.words) and " no one " not in v.padded:
        return 0.0
    return 0.0 if v.names or _number_count(v) or _YEAR.search(v.raw) else 1.0


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
    ("statistical or economic term", _lex("statistic")),
    ("official act", _lex("act")),
    ("past tense", _past_event),
    ("reported speech", _speech),
    ("first person", _first_person),
    ("stance verb (I think, I believe)", _lex("opinion")),
    ("modal verb", _lex("modal")),
    ("future or plan", _future),
    ("evaluative language", _lex("evaluative")),
    ("hedge", _cue_class("hedge")),
    ("booster", _cue_class("booster")),
    ("negation", _negation),
    ("addresses the audience", _word_set(_AUDIENCE)),
    ("question", _question),
    ("sweeping generalisation", _generic),
    ("very short", _short),
    ("length", _length),
)
NOT_REASONS = frozenset(("length", "past tense"))
"""Features the model uses but never names as a reason: they describe form, not why to check."""
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
