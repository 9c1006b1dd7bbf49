"""OffsetMap: the map from normalised text back to the original input.

Normalisers (ingest/normalize.py) never return a bare string: they return the
new text plus the list of :class:`Edit` they applied to the old one.  An
:class:`OffsetMap` built from those edits answers ``to_source(span)`` for any
span of the new text; maps of successive normalisation stages compose.

Hand-written because no maintained library keeps a character map through
str→str normalisation (textacy and trafilatura both drop it; see STYLE.md).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from presslens.model.span import Span


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``source[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class _Segment:
    """A run of the new text: copied verbatim (same length) or replaced."""

    new_start: int
    new_end: int
    old_start: int
    old_end: int

    @property
    def copied(self) -> bool:
        return self.new_end - self.new_start == self.old_end - self.old_start


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, OffsetMap]:
    """Apply non-overlapping edits to ``text``; return the new text and its map.

    Args:
        text: the old text.
        edits: edits in any order; they must not overlap.

    Returns:
        ``(new_text, offset_map)`` where ``offset_map.to_source`` maps spans of
        ``new_text`` to spans of ``text``.
    """
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    parts: list[str] = []
    segments: list[_Segment] = []
    old_pos = new_pos = 0
    for edit in ordered:
        if edit.start < old_pos or edit.end > len(text):
            raise ValueError(f"overlapping or out-of-range edit {edit}")
        if edit.start > old_pos:
            run = edit.start - old_pos
            segments.append(_Segment(new_pos, new_pos + run, old_pos, edit.start))
            parts.append(text[old_pos : edit.start])
            new_pos += run
        repl = len(edit.replacement)
        segments.append(_Segment(new_pos, new_pos + repl, edit.start, edit.end))
        parts.append(edit.replacement)
        new_pos += repl
        old_pos = edit.end
    if old_pos < len(text) or not segments:
        segments.append(_Segment(new_pos, new_pos + len(text) - old_pos, old_pos, len(text)))
        parts.append(text[old_pos:])
    return "".join(parts), OffsetMap((tuple(segments),), len(text))


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps positions of a normalised text to positions of the source text.

    ``stages`` holds one segment table per normalisation step, oldest first.
    An empty map is the identity.
    """

    stages: tuple[tuple[_Segment, ...], ...] = ()
    source_length: int = 0
    _starts: tuple[tuple[int, ...], ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        starts = tuple(tuple(s.new_start for s in stage) for stage in self.stages)
        object.__setattr__(self, "_starts", starts)

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """Return the map of an unchanged text of ``length`` characters."""
        return cls((), length)

    @property
    def is_identity(self) -> bool:
        """True when no normalisation changed the text."""
        return not self.stages

    def then(self, later: OffsetMap) -> OffsetMap:
        """Compose: ``self`` maps stage-1 text to source, ``later`` maps stage-2 to stage-1."""
        return OffsetMap(self.stages + later.stages, self.source_length)

    def to_source(self, span: Span) -> Span:
        """Map a span of the normalised text to the span of the source it came from."""
        start, end = span.start, span.end
        for index in range(len(self.stages) - 1, -1, -1):
            start = self._map(index, start, is_end=False)
            end = max(start, self._map(index, end, is_end=True))
        return Span(start, end)

    def _map(self, index: int, pos: int, *, is_end: bool) -> int:
        stage, starts = self.stages[index], self._starts[index]
        if not stage:
            return pos
        i = bisect_right(starts, pos) - 1
        if is_end:
            # an end position belongs to the segment it closes
            while i > 0 and stage[i].new_start == pos:
                i -= 1
        i = max(i, 0)
        seg = stage[i]
        if pos >= seg.new_end:
            return seg.old_end + (pos - seg.new_end)
        if seg.copied:
            return seg.old_start + (pos - seg.new_start)
        return seg.old_end if is_end else seg.old_start


def compose(maps: Sequence[OffsetMap]) -> OffsetMap:
    """Compose maps listed oldest first into one."""
    if not maps:
        return OffsetMap()
    result = maps[0]
    for later in maps[1:]:
        result = result.then(later)
    return result
