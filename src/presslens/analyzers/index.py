"""Offset indexes: find the records inside, around or overlapping a span without scanning them all.

Analyzers often ask, for each claim or technique, which quantities, mentions, quotes or timexes
fall inside or across it.  Scanning every record for every item is quadratic in document
length; :class:`SpanIndex` sorts the records by start once and answers each query by binary
search plus a window bounded by the longest record span, so a query costs O(log n + k).
Results come back in the records' original order, so code that relied on that order (the
first overlapping mention wins, ties keep text order) behaves exactly as before.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from presslens.model.document import Document
from presslens.model.span import Span

T = TypeVar("T")


class SpanIndex(Generic[T]):
    """Records located by a character span, for overlap and containment look-ups."""

    def __init__(self, items: Iterable[T], key: Callable[[T], Span]) -> None:
        """Index ``items`` by ``key(item)`` (kept in their given order)."""
        self.items = list(items)
        spans = [key(item) for item in self.items]
        self._order = sorted(range(len(spans)), key=lambda i: spans[i].start)
        self._spans = spans
        self._starts = [spans[i].start for i in self._order]
        self._longest = max((len(s) for s in spans), default=0)

    def __len__(self) -> int:
        return len(self.items)

    def _between(self, low: int, high: int) -> list[int]:
        """Original positions of the records whose start lies in ``[low, high]``."""
        a = bisect_left(self._starts, low)
        b = bisect_right(self._starts, high)
        return self._order[a:b]

    def _pick(self, positions: list[int], keep: Callable[[Span], bool]) -> list[T]:
        """The records at ``positions`` whose span ``keep`` accepts, in original order."""
        return [self.items[i] for i in sorted(positions) if keep(self._spans[i])]

    def overlapping(self, span: Span) -> list[T]:
        """Records sharing at least one character with ``span`` (``Span.overlaps``)."""
        near = self._between(span.start - self._longest, span.end - 1)
        return self._pick(near, span.overlaps)

    def inside(self, span: Span) -> list[T]:
        """Records lying inside ``span`` (``span.contains(record)``)."""
        return self._pick(self._between(span.start, span.end), span.contains)

    def around(self, span: Span) -> list[T]:
        """Records whose span contains ``span``."""
        near = self._between(span.start - self._longest, span.start)
        return self._pick(near, lambda s: s.contains(span))

    def at(self, offset: int) -> list[T]:
        """Records whose span covers the character at ``offset``."""
        return self.overlapping(Span(offset, offset + 1))


def paragraph_finder(document: Document) -> Callable[[int], int]:
    """``document.paragraph_index`` with the paragraph starts computed once, not per call."""
    starts = [p.span.start for p in document.paragraphs]
    return lambda offset: max(bisect_right(starts, offset) - 1, 0)
