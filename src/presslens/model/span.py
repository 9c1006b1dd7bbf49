"""Span: a half-open interval of ``document.text`` in Python ``str`` indices.

A span never stores its text; the JSON writer slices it from the document, so
``text == document.text[start:end]`` holds by construction.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """A ``[start, end)`` character interval of a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        """Return True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        """Return True when ``other`` lies inside this span."""
        return self.start <= other.start and other.end <= self.end

    def shift(self, delta: int) -> Span:
        """Return the span moved by ``delta`` characters."""
        return Span(self.start + delta, self.end + delta)


def trim_offsets(text: str, start: int, end: int, chars: str | frozenset[str]) -> tuple[int, int]:
    """Shrink ``[start, end)`` of ``text`` past any of ``chars`` at either end."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end
