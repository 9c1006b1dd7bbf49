"""The quantity grammar: token patterns → readings (value, range, unit, kind, rate).

One pass over spaCy tokens; at each position the patterns are tried in this order
(English usage, Quirk et al. 1985 §6.63-6.67; AP and Guardian style for money, per cent
and ages):

  vague      "dozens of", "tens of thousands of", "billions of dollars"
  ratio      "one in 10", "three out of four", "4 to 1"
  multiple   "twice", "tenfold", "tripled", "sevenfold"
  fraction   "one-third", "two-thirds", "a quarter", "half"
  age        "aged 43", "at the age of 15", "at age 12", "in his 30s", "Name, 58,"
  ordinal    "for the third time", "his second Oscar", "the sixth month in a row"
  amount     [currency] NUMBER [scale] [range] [unit | currency word | per cent | -unit(-old)] [rate]

An amount's unit decides its kind: money (ISO code; pence and cents converted to the main
unit), percent, percentage point, a time unit (duration; age when "-old" follows), another
measure, or none (a count).  "80-19" and "312 votes to 207", where the second number is
smaller, are two counts (a tally), not a range.  Which numbers are not amounts at all (names,
dates, labels, the pronoun "one") is decided in ``exclude.py``; what is counted in
``counted.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from presslens import resources
from presslens.analyzers.quantities.numbers import (
    FRACTIONS,
    UNITS_WORDS,
    VAGUE,
    Num,
    range_tail,
    read_fraction,
    read_number,
    scale_lower,
    vague_amount,
)
from presslens.analyzers.quantities.units import SUBUNITS, TIME_UNITS, Units, is_currency, symbol
from presslens.nlp.language import doc_text

MULTIPLES = resources.numbers("quantities/multiples.tsv")
ORDINALS: dict[str, int] = {k: int(v) for k, v in resources.numbers("timexes/ordinals.tsv").items() if int(v) > 0}
PER_NOUNS = resources.words("quantities/per_words.txt")
_QUALIFIERS: tuple[tuple[str, ...], ...] = tuple(
    tuple(q.split())
    for q in sorted(resources.entries("lexicon/qualifiers.tsv", use="quantities"), key=lambda q: -len(q.split()))
)
_QUALIFIER_WORDS = max((len(q) for q in _QUALIFIERS), default=0)
_EXACT = resources.words("lexicon/qualifiers.tsv", use="exact")
_POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my", "your"})
_IN_A_ROW = frozenset({"consecutive", "straight", "successive"})
_AGE_WORDS = frozenset({"early", "mid", "mid-", "late"})
_EURO_HINTS = ("€", "euro", "EUR")


@dataclass
class Reading:
    """A quantity read from tokens ``[start, end)`` (before what it counts is found)."""

    start: int
    end: int
    value: float
    kind: str
    unit: str | None = None
    value_max: float | None = None
    qualifier: str | None = None
    approximate: bool = False
    per: str | None = None
    words: bool = False
    flags: set[str] = field(default_factory=set)
    num_end: int = -1  # end of the number itself (before the unit)
    counts: str | None = None
    counts_how: str = ""


class Grammar:
    """Reads quantities at token positions with the unit lexicon."""

    def __init__(self, units: Units, doc: Any) -> None:
        """Keep the lexicon and the parsed document; note the currency a bare "cents" means."""
        self.units, self.doc = units, doc
        text = doc_text(doc)
        self.cent_currency = "EUR" if any(h in text for h in _EURO_HINTS) and "$" not in text else "USD"

    def read(self, i: int) -> list[Reading]:
        """The readings starting at token ``i`` (two for a tally), or none."""
        for pattern in (self._vague, self._ratio, self._multiple, self._fraction, self._age, self._ordinal):
            found = pattern(i)
            if found is not None:
                return [self._qualified(found)]
        return [self._qualified(r) for r in self._amount(i)]

    # --- patterns -------------------------------------------------------------------------

    def _vague(self, i: int) -> Reading | None:
        """ "dozens of people", "tens of thousands of", "billions of dollars", "among millions"."""
        num = vague_amount(self.doc, i)
        if num is None:
            return self._vague_noun(i)
        words = " ".join(t.lower_ for t in self.doc[i : num.end])
        r = Reading(i, num.end, num.value, "vague", qualifier=words, approximate=True, words=True, num_end=num.end)
        nxt = num.end + 1
        if nxt < len(self.doc):
            unit = self.units.words.get(self.doc[nxt].lower_)
            if unit and unit[1]:
                r.unit, r.kind, r.end = unit[0], "money", nxt + 1
        return r

    def _vague_noun(self, i: int) -> Reading | None:
        """ "one among millions", "by the thousands", "in their hundreds": a vague plural alone."""
        doc = self.doc
        low = doc[i].lower_
        if low not in VAGUE or low in ("tens", "scores") or i == 0:
            return None
        before = " ".join(t.lower_ for t in doc[max(0, i - 2) : i])
        if not (before.endswith("among") or before in ("in the", "by the", "in their", "by their")):
            return None
        return Reading(i, i + 1, float(VAGUE[low]), "vague", qualifier=low, approximate=True, words=True, num_end=i + 1)

    def _ratio(self, i: int) -> Reading | None:
        """ "one in 10", "three out of four" (a share: value = a / b)."""
        doc = self.doc
        first = read_number(doc, i)
        if first is None or first.suffix or first.end >= len(doc):
            return None
        j = first.end
        if doc[j].lower_ == "in":
            j += 1
        elif doc[j].lower_ == "out" and j + 1 < len(doc) and doc[j + 1].lower_ == "of":
            j += 2
        else:
            return None
        second = read_number(doc, j) if j < len(doc) else None
        if second is None or second.suffix or second.value <= first.value or second.value > 1e6:
            return None
        if not second.words and 1900 <= second.value <= 2100 and "," not in doc[j].text:
            return None  # "the next one in 1992": a year
        return Reading(i, second.end, first.value / second.value, "ratio", words=first.words, num_end=second.end)

    def _multiple(self, i: int) -> Reading | None:
        """ "twice", "tenfold", "tripled", "sevenfold" (a factor, unit none)."""
        low = self.doc[i].lower_
        value = MULTIPLES.get(low)
        if value is None and low.endswith("fold") and low[:-4] in UNITS_WORDS:
            value = UNITS_WORDS[low[:-4]]
        if value is None:
            return None
        return Reading(i, i + 1, float(value), "multiple", words=True, num_end=i + 1)

    def _fraction(self, i: int) -> Reading | None:
        """ "one-third of", "two-thirds", "a quarter of", "half (of|its|a)"."""
        doc = self.doc
        num = read_fraction(doc, i)
        if num is None:
            return None
        nxt = doc[num.end].lower_ if num.end < len(doc) else ""
        if doc[num.end - 1].lower_ == "half" and not self._half_is_amount(i, nxt):
            return None
        if doc[i].lower_ in ("a", "an") and nxt != "of" and not self._has_qualifier(i):
            return None  # "a quarter" as a period, "a third" as an ordinal: only with "of"
        r = Reading(i, num.end, num.value, "fraction", words=num.words, num_end=num.end)
        if nxt == "a" or nxt == "an":  # "half a percentage point"
            unit = self._unit_words(num.end + 1)
            if unit is not None:
                r.unit, r.end = unit[0], unit[2]
                r.kind = "percent" if unit[0] in ("percent", "percentage point") else "measure"
        return r

    def _half_is_amount(self, i: int, nxt: str) -> bool:
        """ "half of", "half its", "nearly half": an amount; "first half", "half-time": not."""
        prev = self.doc[i - 1].lower_ if i > 0 else ""
        if prev in ORDINALS or prev in ("the", "and", "-") or nxt == "-":
            return False
        return nxt in ("of", "the", "its", "his", "her", "their", "our", "all", "a", "an") or self._has_qualifier(i)

    def _age(self, i: int) -> Reading | None:
        """ "aged 43", "at the age of 15", "at age 12", "in his 30s", "Tomas Reyl, 58,"."""
        doc = self.doc
        tok = doc[i]
        decade = _decade(tok.text)
        if decade and i >= 1 and (doc[i - 1].lower_ in _POSSESSIVES or doc[i - 1].lower_.rstrip("-") in _AGE_WORDS):
            return Reading(i, i + 1, float(decade), "age", "year", approximate=True, num_end=i + 1)
        num = read_number(doc, i)
        if num is None or num.suffix or not 0 < num.value < 125 or num.value != int(num.value):
            return None
        if num.end < len(doc) and (doc[num.end].lower_ in TIME_UNITS or doc[num.end].text == "-"):
            return None  # "aged 18 months", "26-year-old": the amount pattern reads the unit
        start = self._qualifier_start(i)
        before = [t.lower_ for t in doc[max(0, start - 4) : start]]
        if before[-1:] == ["aged"] or before[-2:] in (["at", "age"], ["age", "of"], ["ages", "of"]):
            return Reading(i, num.end, num.value, "age", "year", words=num.words, num_end=num.end)
        if self._appositive_age(i, num):
            return Reading(i, num.end, num.value, "age", "year", num_end=num.end, flags={"apposition"})
        return None

    def _appositive_age(self, i: int, num: Num) -> bool:
        """ "Tomas Reyl, 58, has run …": a number between commas right after a person's name."""
        doc = self.doc
        if num.words or i < 2 or doc[i - 1].text != "," or num.end >= len(doc):
            return False
        if doc[num.end].text not in (",", ")", ".") or not 10 <= num.value < 120:
            return False
        name = doc[i - 2]
        return name.pos_ == "PROPN" and (name.ent_type_ == "PERSON" or name.ent_type_ == "")

    def _ordinal(self, i: int) -> Reading | None:
        """Ordinals that count: "for the third time", "his second Oscar", "the sixth month in a
        row", "the fourth nomination of his career"."""
        doc = self.doc
        value = ORDINALS.get(doc[i].lower_)
        if value is None or i == 0 or i + 1 >= len(doc) or not doc[i].whitespace_:
            return None
        prev = doc[i - 1].lower_
        k = i + 1
        while k < len(doc) - 1 and doc[k].pos_ == "ADJ" and prev in _POSSESSIVES:
            k += 1  # "her second best actress Oscar"
        noun = doc[k]
        if noun.pos_ not in ("NOUN", "PROPN") or noun.text == "-":
            return None
        if doc[i].lower_ == "first" and prev not in _POSSESSIVES:
            return None  # "for the first time": a fact about order, not an amount
        after = [t.lower_ for t in doc[k + 1 : k + 4]]
        counting = prev in _POSSESSIVES or (prev == "the" and (
            noun.lower_ == "time" or after[:3] == ["in", "a", "row"] or doc[i + 1].lower_ in _IN_A_ROW
            or (after[:1] == ["of"] and after[1:2] and after[1] in _POSSESSIVES)))
        if not counting:
            return None
        return Reading(i, i + 1, float(value), "ordinal", words=True, num_end=i + 1)

    def _amount(self, i: int) -> list[Reading]:
        """[currency] NUMBER [scale] [range] [unit] [rate]; a tally gives two readings."""
        doc = self.doc
        currency = None
        j = i
        if is_currency(doc[i], self.units) or doc[i].text in ("Rs", "Rs."):
            currency = (self.units.symbols.get(doc[i].text) or ("INR", "INR"))[1]
            j = i + 1
            if j >= len(doc):
                return []
        num = read_number(doc, j, money=currency is not None)
        if num is None:
            return []
        r = Reading(i, num.end, num.value, "count", words=num.words, num_end=num.end)
        if currency:
            r.unit, r.kind = currency, "money"
        second = self._range(r, num)
        if second is not None:
            return [r, second]
        if not currency:
            self._unit(r, num)
        self._rate(r)
        return [r]

    def _range(self, r: Reading, num: Num) -> Reading | None:
        """Extend ``r`` over "to 5 million" / "-15"; return the second count of a tally."""
        doc = self.doc
        between = any(t.lower_ == "between" for t in doc[max(0, r.start - 3) : r.start])
        tail = range_tail(doc, r.end, between)
        if tail is None:
            return None
        joiner, upper = tail
        lower = scale_lower(num, upper)
        if upper.value > lower:
            r.value, r.value_max, r.end, r.num_end = lower, upper.value, upper.end, upper.end
            r.approximate = True
            return None
        if joiner == "to" and upper.value == 1:
            r.kind, r.end, r.num_end, r.flags = "ratio", upper.end, upper.end, {"x_to_1"}
            return None
        if joiner in ("-", "–", "to") and not r.unit:
            r.flags.add("tally")
            return Reading(upper.start, upper.end, upper.value, "count", words=upper.words, num_end=upper.end,
                           flags={"tally"})
        return None

    def _unit(self, r: Reading, num: Num) -> None:
        """The unit after a number: a glued suffix, "-year(-old)", "%", a word or a symbol."""
        doc = self.doc
        if num.suffix:
            self._glued_unit(r, num.suffix)
            return
        end = r.end
        if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
            self._hyphen_unit(r, end + 1)
            return
        found = self._unit_words(end)
        if found is None:
            return
        name, currency, new_end = found
        if name == "percentage point" and doc[end].lower_ == "points" and "%" not in doc.text and "per cent" not in doc.text.lower():
            return  # "scored 20 points": points of a game, not of a percentage
        r.end = new_end
        self._set_unit(r, name, currency)
        if name == "year" and new_end < len(doc) and doc[new_end].lower_ == "old":
            r.kind, r.end = "age", new_end + 1

    def _unit_words(self, end: int) -> tuple[str, str | None, int] | None:
        """(unit, currency, end) of the unit words or symbol at token ``end``."""
        doc = self.doc
        if end >= len(doc):
            return None
        tok = doc[end]
        if tok.text == "%":
            return "percent", None, end + 1
        for n in range(self.units.max_words, 0, -1):
            if end + n > len(doc):
                continue
            words = " ".join(t.lower_ for t in doc[end : end + n])
            if words in self.units.words and not (doc[end].is_title and doc[end].i > 0 and n == 1 and words not in ("celsius",)):
                unit, currency = self.units.words[words]
                return unit, currency, end + n
        for n in (3, 2):  # "km/h", "m/s": a symbol spaCy split at the slash
            if end + n <= len(doc) and all(not t.whitespace_ for t in doc[end : end + n - 1]):
                sym = symbol(self.units, "".join(t.text for t in doc[end : end + n]))
                if sym is not None:
                    return sym[0], sym[1], end + n
        sym = symbol(self.units, tok.text)
        if sym is not None and (len(tok.text) > 1 or tok.text == "m") and not tok.is_sent_start:
            return sym[0], sym[1], end + 1
        return None

    def _glued_unit(self, r: Reading, suffix: str) -> None:
        """ "38C", "64GB", "5km", "50p": a unit symbol written onto the digits."""
        sym = symbol(self.units, suffix) or self.units.symbols.get(suffix)
        if sym is not None:
            self._set_unit(r, sym[0], sym[1])
        else:
            r.flags.add("unknown_suffix")

    def _hyphen_unit(self, r: Reading, k: int) -> None:
        """ "10-year sentence", "90-minute", "five-cent", "26-year-old", "18-month-old"."""
        doc = self.doc
        low = doc[k].lower_
        entry = self.units.words.get(low)
        if entry is None:
            r.flags.add("hyphen_noun")
            return
        r.end = k + 1
        r.flags.add("hyphen")
        self._set_unit(r, entry[0], entry[1])
        if k + 2 < len(doc) and doc[k + 1].text == "-" and doc[k + 2].lower_ == "old":
            r.kind, r.end = "age", k + 3

    def _set_unit(self, r: Reading, name: str, currency: str | None) -> None:
        """Record a unit and the kind it gives; sub-units of money become the main unit."""
        if name in SUBUNITS or (currency and name in ("pence", "cent")):
            r.value /= 100
            r.value_max = r.value_max / 100 if r.value_max is not None else None
            code = "GBP" if name in ("pence", "penny") else self.cent_currency
            r.unit, r.kind = code, "money"
            return
        if currency == "GBP" and name == "GBP" and self._weight_context(r):
            name, currency = "pound-mass", None
        r.unit = name
        if currency:
            r.kind = "money"
        elif name in ("percent", "percentage"):
            r.unit, r.kind = "percent", "percent"
        elif name in ("percentage point", "basis point"):
            r.kind = "points"
        elif name in TIME_UNITS:
            r.kind = "duration"
        else:
            r.kind = "measure"

    def _weight_context(self, r: Reading) -> bool:
        """ "weighs 3 pounds": pounds of weight, not sterling."""
        sent = self.doc[r.start].sent
        return any(t.lemma_ in ("weigh", "weight", "heavy", "lb", "lbs") for t in sent)

    def _rate(self, r: Reading) -> None:
        """ "£11.50 an hour", "2.5 per cent a year", "3,000 cars a week", "€20 per month"."""
        doc = self.doc
        for k in range(r.end, min(len(doc) - 1, r.end + 4)):
            low = doc[k].lower_
            nxt = doc[k + 1]
            if low == "per" and nxt.pos_ in ("NOUN", "PROPN") and nxt.lower_ != "cent":
                r.per = _singular(nxt)
                return
            if low in ("a", "an", "each") and _singular(nxt) in PER_NOUNS and k > r.end - 1:
                if k == r.end or all(t.pos_ in ("NOUN", "ADJ") or t.lower_ == "of" for t in doc[r.end : k]):
                    r.per = _singular(nxt)
                return
            if doc[k].is_punct or doc[k].pos_ == "VERB":
                return
        if r.end < len(doc) and doc[r.end].lower_ in ("annually", "yearly"):
            r.per = "year"

    # --- qualifiers -------------------------------------------------------------------------

    def _qualified(self, r: Reading) -> Reading:
        """Record a qualifier before the quantity ("more than one-third", "nearly 40 days");
        the span stays the amount itself, as the JSON contract has always given it."""
        start = self._qualifier_start(r.start)
        if start < r.start and r.kind != "vague":
            text = " ".join(t.lower_ for t in self.doc[start : r.start])
            r.qualifier = text
            r.approximate = r.approximate or text not in _EXACT
        return r

    def _qualifier_start(self, i: int) -> int:
        """Start of the qualifier right before token ``i`` (``i`` when there is none)."""
        before = tuple(t.lower_ for t in self.doc[max(0, i - _QUALIFIER_WORDS) : i])
        for words in _QUALIFIERS:
            n = len(words)
            if i - n >= 0 and before[len(before) - n :] == words:
                return i - n
        return i

    def _has_qualifier(self, i: int) -> bool:
        """True when a qualifier stands right before token ``i``."""
        return self._qualifier_start(i) < i


def _singular(tok: Any) -> str:
    """The singular of a noun token ("hours" → "hour")."""
    lemma = str(tok.lemma_).lower()
    return lemma if lemma and lemma != "-pron-" else str(tok.lower_)


def _decade(text: str) -> int | None:
    """ "30s" → 30 (ages in decades); None for anything else ("1980s" is a period)."""
    if len(text) == 3 and text.endswith("s") and text[:2].isdigit() and text[1] == "0" and text[0] != "0":
        return int(text[:2])
    return None


FRACTION_WORDS = frozenset(FRACTIONS)
# Every word a pattern of ``Grammar.read`` can start at (see ``may_start``).
_START_WORDS = frozenset(VAGUE) | frozenset(MULTIPLES) | frozenset(UNITS_WORDS) | frozenset(ORDINALS) | {
    "a", "an", "one", "half"}
_DIGIT = re.compile(r"\d")
_ARTICLE_WORDS = frozenset({"a", "an"}) - frozenset(VAGUE) - frozenset(MULTIPLES) - frozenset(ORDINALS)
_AFTER_ARTICLE = frozenset({"hundred", "thousand", "million", "billion", "trillion", "dozen"}) | frozenset(FRACTIONS)


def may_start(doc: Any, units: Units) -> list[bool]:
    """Per token: False when no pattern of ``Grammar.read`` can start there (a cheap pre-filter).

    Derived from the patterns, so it only skips tokens where ``read`` finds nothing: each one
    opens with a vague, multiple, number, ordinal or fraction word, an article ("a million"),
    "half", a hyphenated word ("two-thirds"), a word ending "-fold", digits (plain, glued to a
    suffix, a decade) or a currency symbol.  One pass over the tokens instead of every pattern
    at every token.
    """
    toks = [(tok.lower_, tok.text) for tok in doc]
    out = []
    for i, (low, text) in enumerate(toks):
        if low in _ARTICLE_WORDS:  # "a million", "a dozen", "a quarter": only before these
            out.append((i + 1 < len(toks) and toks[i + 1][0] in _AFTER_ARTICLE) or text in units.symbols)
            continue
        out.append(low in _START_WORDS or "-" in low or low.endswith("fold") or text in units.symbols
                   or text in ("Rs", "Rs.") or _DIGIT.search(text) is not None)
    return out
