"""Anchoring: fill underspecified values from the document date or the narrative time.

Strategy after HeidelTime (Strötgen & Gertz 2013): in news, deictic and
underspecified expressions resolve against the document creation time (DCT),
the clause's tense deciding the direction; anaphoric ones ("two days later",
"the next day", "that year") resolve against the last date mentioned (the
reference time).  "N days after <event>" stays a duration (TimeML) and records the date it implies
from the referenced event: the nearest earlier sentence that carries a date and
mentions the same event word (matched on a 6-letter stem: "assassinated" ~ "assassination").
Without any DCT, the latest explicit date stands in for it and the anchor says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from presslens import resources
from presslens.analyzers.timexes.calendar import (
    GRAN_RANK,
    fmt,
    parse_value,
    pick_weekday,
    pick_year,
    shift,
    shifted_value,
)
from presslens.analyzers.timexes.candidate import Cand
from presslens.analyzers.timexes.tense import tense_at
from presslens.model.span import Span

_WORDS = re.compile(r"[A-Za-z]{4,}")
_PERIOD_REACH = 400  # characters between a quarter and "a year earlier" comparing with it
_CHAIN_REACH = 3000  # characters back to look for the referenced event
_EVENT_SUFFIXES = resources.entries("timexes/event_suffixes.txt")
_OPEN_CUES = re.compile(
    r"\b(?:effective|until|till|through|payable|due|expires?|expiring|record|extended\s+to|deadline\s+of)\s+(?:on\s+)?$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Dct:
    """The document date used for anchoring: a proxy day, its value and granularity."""

    day: date
    value: str
    gran: str


def dct_from_value(value: str | None) -> Dct | None:
    """A Dct from a TIMEX3 date value ("2020-04-19", "2020-04", "2020") or a date dateutil reads."""
    parsed = parse_value(value or "")
    if parsed is None and value:
        from dateutil import parser

        try:
            value = parser.parse(value, default=datetime(2000, 1, 1)).date().isoformat()
        except (ValueError, OverflowError):
            return None
        parsed = parse_value(value)
    if parsed is None:
        return None
    return Dct(parsed[0], value or "", parsed[1])


_NEEDED_RANK = {"day": 0, "week": 1, "month": 2, "year": 4}


def needed_granularity(c: Cand) -> str:
    """The coarsest document date that still resolves a candidate ("Friday" needs a day)."""
    if c.need == "weekday":
        return "day"
    if c.need == "thisyear":
        return "year"
    if c.need == "year" or (c.rule == "theunit" and c.unit == "quarter"):
        return "month"
    if c.unit in ("year", "decade", "century", "fiscal year"):
        return "year"
    if c.unit in ("month", "quarter", "season"):
        return "month"
    return "day"


class Resolver:
    """Resolves candidates in text order, tracking the narrative reference time.

    Expressions resolved against the document date are never anchored to anything else: with
    no document date they stay underspecified, and with a coarse one ("2016") those that need
    a finer one ("Friday", "last week") are marked ``coarse`` (kept back as uncertain by the
    confidence step).  Relative dates inside a dated older quotation are anchored to the time
    of the speech (``quoted.py``), and every bare weekday of one article gets one date.
    """

    def __init__(self, text: str, sentences: Sequence[Span], nlp_doc: Any, dct: Dct | None) -> None:
        """Keep the text, sentences, parse and DCT used for anchoring."""
        from presslens.analyzers.timexes.quoted import Quotes

        self.text, self.sentences, self.doc, self.dct = text, sentences, nlp_doc, dct
        self.done: list[Cand] = []
        self.ref: tuple[date, str, int] | None = None  # date, granularity, index in done
        self.quotes = Quotes(text, sentences)

    def run(self, cands: Sequence[Cand]) -> list[Cand]:
        """Resolve every candidate (mutating them) and return them in order."""
        for c in cands:
            self.resolve(c)
            self.done.append(c)
            self._update_ref(c)
        self._quoted_speech()
        one_date_per_weekday(self.done)
        return self.done

    def _update_ref(self, c: Cand) -> None:
        """Make a resolved date the new narrative reference time."""
        parsed = parse_value(c.value) if c.type in ("DATE", "TIME") else None
        if parsed is not None and GRAN_RANK.get(parsed[1], 9) <= GRAN_RANK["year"]:
            self.ref = (parsed[0], parsed[1], len(self.done) - 1)

    def _base(self, c: Cand) -> tuple[date, str] | None:
        """Reference date for a candidate and the anchor label to record (None: nothing to anchor to)."""
        if c.base == "REF" and self.ref is not None:
            return self.ref[0], f"T{self.ref[2] + 1}"
        if self.dct is not None:
            return self.dct.day, "DCT"
        return None

    def resolve(self, c: Cand) -> None:
        """Fill ``c.value`` (and ``c.anchor``) according to what it needs."""
        if not c.need:
            return
        if c.need == "chain":
            self._chain(c)
            c.need = ""
            return
        base = self._base(c)
        if base is None:
            c.value = _unresolved(c)
            return
        ref, c.anchor = base
        c.tense = self._tense(c)
        c.value = self._value(c, ref)
        if c.anchor == "DCT" and self.dct is not None:
            c.coarse = _NEEDED_RANK[needed_granularity(c)] < _NEEDED_RANK.get(self.dct.gran, 4)

    def _value(self, c: Cand, ref: date) -> str:
        """The value of an anchored candidate seen from ``ref``."""
        if c.need in ("year", "thisyear"):
            return self._year_value(c, ref)
        if c.need == "weekday":
            day = pick_weekday(ref, c.weekday, c.tense or self._tense(c), c.direction)
            return fmt(day, "weekend") if c.unit == "weekend" else day.isoformat() + c.time
        if c.rule == "theunit" and c.unit == "quarter":
            return self._last_quarter() or shifted_value(ref, "quarter", -1)
        return self._shift(c, ref)

    def _quoted_speech(self) -> None:
        """Re-anchor relative dates inside a dated older quotation to the time of the speech."""
        for c in self.done:
            if self.quotes.region_of(c) is None:
                continue
            c.quoted = True
            if c.anchor != "DCT" or self.dct is None:
                continue
            speech = self.quotes.speech_time(c, self.done, self.dct.day)
            if speech is not None:
                c.value, c.anchor, c.speech, c.coarse = self._value(c, speech[0]), f"T{speech[2] + 1}", True, False

    def _tense(self, c: Cand) -> str:
        """Tense at the candidate; deadline words ("effective", "until") make it open."""
        if _OPEN_CUES.search(self.text, max(0, c.start - 24), c.start):
            return "unknown"
        return tense_at(self.doc, c.start, c.end)

    def _year_value(self, c: Cand, ref: date) -> str:
        """Value of a date lacking its year (month-day, month, season, quarter)."""
        if c.need == "thisyear":
            return f"{ref.year + c.n:04d}{c.suffix}"
        tense = c.tense or self._tense(c)
        if c.rule == "quarter" and not c.direction:
            tense = "past"  # a quarter named in news is a reported (or the current) one, whatever the verb
        year = pick_year(ref, c.month, c.day, tense, c.direction, c.weekday)
        if c.rule == "movable":
            from presslens.analyzers.timexes.relative import movable_date

            return movable_date(c.suffix, year).isoformat()
        return f"{year:04d}{c.suffix}"

    def _last_quarter(self) -> str | None:
        """The last quarter value mentioned ("the quarter" refers back to it)."""
        for prev in reversed(self.done):
            if re.fullmatch(r"\d{4}-Q[1-4]", prev.value):
                return prev.value
        return None

    def _shift(self, c: Cand, ref: date) -> str:
        """Value of a shift from ``ref``; coarse DCTs keep their own precision for "today"."""
        if c.anchor == "DCT" and self.dct is not None and c.n == 0 and c.unit == "day" and self.dct.gran != "day":
            return self.dct.value
        period = self._compared_period(c)
        if period is not None:
            return period
        unit = c.unit
        if c.anchor != "DCT" and self.ref is not None:  # never invent precision the reference lacks
            coarse = self.ref[1]
            if GRAN_RANK.get(coarse, 0) > GRAN_RANK.get(unit, 0) and coarse in ("month", "year", "quarter"):
                return fmt(shift(ref, unit, c.n), coarse)
        value = shifted_value(ref, unit, c.n)
        return value + c.time if c.time and len(value) == 10 else value

    def _compared_period(self, c: Cand) -> str | None:
        """ "a year ago/earlier" right after a quarter keeps the quarter: 2019-Q3 → 2018-Q3.

        Financial news compares a reported period with the same period a year before;
        the TimeML annotation gives that period's value.
        """
        if c.unit != "year" or c.n >= 0 or c.rule not in ("amount", "yearago") or self.ref is None:
            return None
        ref_day, gran, idx = self.ref
        if gran != "quarter" or c.start - self.done[idx].end > _PERIOD_REACH:
            return None
        return fmt(shift(ref_day, "year", c.n), "quarter")

    def _chain(self, c: Cand) -> bool:
        """Anchor "N days after <event>" to the date of that event's earlier mention."""
        strong, weak = self._event_words(c)
        here = self._sentence(c.start).start
        for idx in range(len(self.done) - 1, -1, -1):
            prev = self.done[idx]
            if here - prev.start > _CHAIN_REACH:
                break
            parsed = parse_value(prev.value) if prev.type == "DATE" else None
            if parsed is None or parsed[1] not in ("day", "month"):
                continue
            hit = _event_match(self._sentence_words(prev.start), strong, weak)
            if hit:
                c.implies = shifted_value(parsed[0], c.unit, c.n)
                c.anchor = f"T{idx + 1}:{hit}"
                return True
        return False

    def _event_words(self, c: Cand) -> tuple[set[str], set[str]]:
        """Event words after "after/before": strong (verbs, event nouns) and weak (other nouns)."""
        if self.doc is None:
            return set(c.event_words), set()
        span = self.doc.char_span(c.end, min(len(self.text), c.end + 80), alignment_mode="contract")
        strong: set[str] = set()
        weak: set[str] = set()
        for tok in span or ():
            if tok.is_punct and tok.text in ",;:.!?":
                break
            if tok.pos_ == "VERB" or (tok.pos_ == "NOUN" and tok.lower_.endswith(_EVENT_SUFFIXES)):
                strong.update({tok.lower_, tok.lemma_.lower()})
            elif tok.pos_ == "NOUN" and len(tok.text) > 3:
                weak.add(tok.lower_)
        return strong, weak

    def _sentence_words(self, offset: int) -> set[str]:
        """Lower-cased words of the sentence containing ``offset``."""
        sent = self._sentence(offset)
        return {w.lower() for w in _WORDS.findall(self.text[sent.start : sent.end])}

    def _sentence(self, offset: int) -> Span:
        """The sentence containing ``offset`` (a window when sentences are unknown)."""
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return Span(max(0, offset - 200), min(len(self.text), offset + 200))


def one_date_per_weekday(cands: Sequence[Cand]) -> None:
    """Every bare mention of one weekday ("Friday") in an article names one day.

    The date most of them were resolved to wins (ties: the one a past-tense clause gave,
    then the first); "last Friday" / "next Friday" keep their own.
    """
    groups: dict[tuple[int, str, str], list[Cand]] = {}
    for c in cands:
        if c.need == "weekday" and not c.direction and c.anchor == "DCT" and not c.speech and c.unit != "weekend":
            groups.setdefault((c.weekday, c.time, c.anchor or ""), []).append(c)
    for group in groups.values():
        values = [c.value for c in group]
        if len(set(values)) < 2:
            continue
        votes = {v: (values.count(v), any(c.tense == "past" for c in group if c.value == v), -values.index(v))
                 for v in values}
        winner = max(votes, key=lambda v: votes[v])
        for c in group:
            if c.value != winner:
                c.value, c.voted = winner, True


def _event_match(words: set[str], strong: set[str], weak: set[str]) -> str | None:
    """The earlier sentence's word sharing a 6-letter stem: any form for strong words; a
    derived form only for weak nouns ("defeat" ~ "defeated", but "team" ≁ "team")."""
    stems = {w[:6]: w for w in sorted(words)}
    for w in sorted(strong):
        if w[:6] in stems:
            return stems[w[:6]]
    for w in sorted(weak):
        if w[:6] in stems and stems[w[:6]] != w and w not in words:
            return stems[w[:6]]
    return None


def _unresolved(c: Cand) -> str:
    """TIMEX3 value of an expression that nothing can anchor."""
    if c.need in ("year", "thisyear"):
        return "XXXX" + (c.suffix if c.rule != "movable" else f"-{c.month:02d}-XX")
    if c.need == "weekday":
        return f"XXXX-WXX-{c.weekday + 1}"
    return "PAST_REF" if c.n < 0 else "FUTURE_REF" if c.n > 0 else "PRESENT_REF"
