"""Quoted speech and the time it was spoken: relative dates inside a quotation.

"Next year we will win," he said in 2012: "next year" is 2013, not the year after the
article.  A relative date inside quotation marks is anchored to the time of the speech
when the words around the quotation date it (a resolved date outside the quotation marks
in the sentences that hold it, "said in 2012", "told reporters on March 3") and that time
lies more than a month before the document date; otherwise to the document date as usual,
and the confidence model knows it was quoted.  Quotation regions are found from the marks
themselves (typographic or straight double quotes, paired within a paragraph), which is
all this needs; the quotes layer does the full attribution.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from datetime import date

from presslens.analyzers.timexes.calendar import parse_value
from presslens.analyzers.timexes.candidate import Cand
from presslens.model.span import Span

_PAIRS = re.compile(r"“[^”\n]{1,2000}”|\"[^\"\n]{1,2000}\"")
OLDER_THAN_DAYS = 31


def quote_regions(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every quoted stretch (the marks included), in text order."""
    return [(m.start(), m.end()) for m in _PAIRS.finditer(text)]


class Quotes:
    """Which candidates are quoted, and the time the words around a quotation give it."""

    def __init__(self, text: str, sentences: Sequence[Span]) -> None:
        """Index the quotation regions and the sentences."""
        self.regions = quote_regions(text)
        self.starts = [r[0] for r in self.regions]
        self.sentences = list(sentences)

    def region_of(self, c: Cand) -> tuple[int, int] | None:
        """The quotation holding a candidate, or None."""
        k = bisect.bisect_right(self.starts, c.start) - 1
        if k >= 0 and self.regions[k][0] <= c.start and c.end <= self.regions[k][1]:
            return self.regions[k]
        return None

    def _around(self, region: tuple[int, int]) -> tuple[int, int]:
        """The span of the sentences a quotation touches (the region itself without sentences)."""
        lo, hi = region
        for s in self.sentences:
            if s.end > region[0] and s.start < region[1]:
                lo, hi = min(lo, s.start), max(hi, s.end)
        return lo, hi

    def speech_time(self, c: Cand, resolved: Sequence[Cand], dct: date | None) -> tuple[date, str, int] | None:
        """(day, granularity, index) of the dated speech a quoted candidate belongs to, when older.

        The date must stand outside every quotation, inside the sentences around this one, and
        lie more than a month before the document date.
        """
        region = self.region_of(c)
        if region is None or dct is None:
            return None
        lo, hi = self._around(region)
        for k, other in enumerate(resolved):
            if other is c or not lo <= other.start < hi or self.region_of(other) is not None:
                continue
            parsed = parse_value(other.value) if other.type in ("DATE", "TIME") and "X" not in other.value else None
            if parsed is not None and (dct - parsed[0]).days > OLDER_THAN_DAYS:
                return parsed[0], parsed[1], k
        return None
