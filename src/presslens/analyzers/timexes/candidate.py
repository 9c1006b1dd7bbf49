"""The tagger's working record: an extent plus a (possibly underspecified) value.

Underspecified values follow HeidelTime's idea (Strötgen & Gertz 2013) of
tagging first and normalising later: ``need`` says what the value still lacks
(a year, a weekday's date, a shift from a reference date, the document date),
and ``resolve.py`` fills it in from the document creation time or the
narrative reference time.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cand:
    """A temporal expression candidate: ``[start, end)`` of the text and its value."""

    start: int
    end: int
    type: str
    value: str = ""
    rule: str = ""
    need: str = ""  # "" | "year" | "weekday" | "shift" | "dct" | "chain"
    month: int = 0
    day: int = 0
    suffix: str = ""  # what follows the year once it is known, e.g. "-03-19", "-SU", "-Q2"
    unit: str = ""  # shift unit: day, week, weekend, month, quarter, year, decade, century
    n: int = 0  # shift amount (negative = past)
    base: str = "DCT"  # "DCT" or "REF" (narrative reference time)
    direction: int = 0  # -1 strictly before / +1 strictly after the reference ("last June")
    weekday: int = -1
    time: str = ""  # "TMO", "T19:15" … appended to a resolved day
    mod: str | None = None
    quant: str | None = None
    freq: str | None = None
    anchor: str | None = None
    event_words: tuple[str, ...] = field(default_factory=tuple)
    implies: str | None = None  # "three days after <dated event>": the date the duration points at
    tense: str = ""  # tense used to anchor it
    coarse: bool = False  # the document date is coarser than this expression needs
    quoted: bool = False  # inside quotation marks
    speech: bool = False  # anchored to the dated speech it was quoted from
    voted: bool = False  # its weekday date was changed to the article's one date for that weekday
    confidence: float | None = None
    uncertain: bool = False
    candidates: tuple[tuple[str, float], ...] = ()

    @property
    def length(self) -> int:
        """Number of characters covered."""
        return self.end - self.start
