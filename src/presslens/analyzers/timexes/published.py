"""Infer the document date from its own text when no metadata gives it.

Evidence, strongest first: "N years ago, on <full date>" fixes the year of
writing (year + N); "as of <date>" says the text was written on or after that
date; otherwise the latest explicit dated mention gives the year.  Within the
year, the latest bare date mentioned in a past-tense clause is a lower bound
and the earliest one in a future-tense clause ("expected ... before April 23")
an upper bound; the result has month precision when the bounds allow it.
There is no public tool for this; the cues are the ones a fact-checker uses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from presslens.analyzers.timexes.calendar import parse_value
from presslens.analyzers.timexes.candidate import Cand
from presslens.analyzers.timexes.tense import tense_at
from presslens.model.document import Published
from presslens.model.span import Span

_AS_OF = re.compile(r"\b(?:as\s+of|as\s+at)\s+$", re.I)
_BARE_RULES = frozenset({"md", "dm", "month"})


def _explicit(c: Cand) -> tuple[date, str] | None:
    """Date and granularity of a fully specified date candidate."""
    return parse_value(c.value) if not c.need and c.type == "DATE" else None


def _year_fix(cands: Sequence[Cand], text: str) -> tuple[int, list[Cand], float] | None:
    """The writing year from "N years ago" next to an explicit date, or from "as of <date>"."""
    for i, c in enumerate(cands):
        if c.need == "shift" and c.base == "DCT" and c.unit == "year" and c.n < 0:
            for other in (cands[j] for j in (i + 1, i - 1) if 0 <= j < len(cands)):
                parsed = _explicit(other)
                gap = text[min(c.end, other.end) : max(c.start, other.start)]
                if parsed and len(gap) < 20 and not any(ch in gap for ch in ".\n;"):
                    return parsed[0].year - c.n, [c, other], 0.8
    for c in cands:
        parsed = _explicit(c)
        if parsed and parsed[1] == "day" and _AS_OF.search(text[max(0, c.start - 10) : c.start]):
            return parsed[0].year, [c], 0.6
    return None


def _latest_explicit(cands: Sequence[Cand]) -> tuple[int, list[Cand], float] | None:
    """The year of the latest explicit day or month date (weak evidence).

    Bare years alone ("in 1979 and 2003") say little about when a text was written:
    no date is inferred from them; anchoring then falls back to the narrative time.
    """
    dated = [(p[0], c) for c in cands if (p := _explicit(c)) and p[1] in ("day", "month")]
    if dated:
        d, c = max(dated, key=lambda x: x[0])
        return d.year, [c], 0.4
    return None


def _bounds(cands: Sequence[Cand], year: int, doc: Any) -> tuple[tuple[date, Cand] | None, tuple[date, Cand] | None]:
    """Latest past-tense and earliest future-tense bare date of the writing year."""
    past: list[tuple[date, Cand]] = []
    future: list[tuple[date, Cand]] = []
    for c in cands:
        if c.rule not in _BARE_RULES or c.need != "year" or c.direction or c.mod:
            continue
        d = date(year, c.month, max(c.day, 1))
        tense = tense_at(doc, c.start, c.end)
        (past if tense == "past" else future if tense == "future" else []).append((d, c))
    low = max(past, key=lambda x: x[0]) if past else None
    highs = [f for f in future if low is None or f[0] >= low[0]]
    return low, (min(highs, key=lambda x: x[0]) if highs else None)


def infer_published(cands: Sequence[Cand], text: str, doc: Any) -> Published | None:
    """Infer ``Published(value, inferred=True, evidence, confidence)`` or None."""
    fix = _year_fix(cands, text) or _latest_explicit(cands)
    if fix is None:
        return None
    year, evidence, conf = fix
    low, high = _bounds(cands, year, doc)
    value = f"{year:04d}"
    if low is not None:
        value = f"{year:04d}-{low[0].month:02d}"
        evidence.append(low[1])
        conf += 0.1
        if high is not None and high[0].month == low[0].month:
            evidence.append(high[1])
            conf += 0.05
    elif conf < 0.5 and (p := _explicit(evidence[0])) and p[1] in ("day", "month"):
        value = f"{year:04d}-{p[0].month:02d}"
    spans = tuple(sorted({Span(c.start, c.end) for c in evidence}))
    return Published(value, inferred=True, evidence=spans, confidence=round(min(conf, 0.95), 2))


def proxy_day(value: str, cands: Sequence[Cand], doc: Any) -> date | None:
    """A representative day for an inferred month/year DCT (the latest past mention in it)."""
    parsed = parse_value(value)
    if parsed is None:
        return None
    d, gran = parsed
    if gran == "day":
        return d
    low, _ = _bounds(cands, d.year, doc)
    if low is not None and (gran == "year" or low[0].month == d.month):
        return low[0]
    return date(d.year, 6, 30) if gran == "year" else d.replace(day=15)
