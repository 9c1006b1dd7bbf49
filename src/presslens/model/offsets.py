"""OffsetMap: the map from normalised text back to the original input.

Normalisers (ingest/normalize.py) never return a bare string: they return the
new text plus the list of :class:`Edit` they applied to the old one.  An
:class:`OffsetMap` built from those edits answers ``to_source(span)`` for any
span of the new text; maps of successive normalisation stages compose.

Exactness: a stage may also be built directly from segments (HTML extraction,
``from_segments``) whose source order differs from the text order (the extractor
moved a block) or whose text could not be found in the source.  Such segments
are flagged ``exact=False``.  ``locate`` then says, per span, whether its region
is exact: every segment it touches is exact and, stage by stage, the segments
follow one another in the source without a jump.  An inexact span maps to the
hull of everything it touches (so the region still covers the text), never
silently to a wrong place.  Maps built by ``apply_edits`` are always exact.

Hand-written because no maintained library keeps a character map through
str→str normalisation (textacy and trafilatura both drop it; see STYLE.md).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

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
    exact: bool = True

    @property
    def copied(self) -> bool:
        """True when the run is copied verbatim (same length in both texts)."""
        return self.new_end - self.new_start == self.old_end - self.old_start

    def touched(self, a: int, b: int) -> tuple[int, int]:
        """The source range of the part ``[a, b)`` of this segment's new range."""
        if self.copied:
            lo, hi = max(a, self.new_start), min(b, self.new_end)
            return self.old_start + (lo - self.new_start), self.old_start + (hi - self.new_start)
        return self.old_start, self.old_end


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
    _plain: tuple[bool, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        starts = tuple(tuple(s.new_start for s in stage) for stage in self.stages)
        object.__setattr__(self, "_starts", starts)
        object.__setattr__(self, "_plain", tuple(_is_plain(stage) for stage in self.stages))

    @classmethod
    def from_segments(
        cls, segments: Sequence[tuple[int, int, int, int, bool]], source_length: int
    ) -> OffsetMap:
        """A one-stage map from ``(new_start, new_end, old_start, old_end, exact)`` rows.

        Rows must tile the new text in order; their source ranges may be in any order.
        """
        return cls((tuple(_Segment(*row) for row in segments),), source_length)

    @property
    def is_exact_everywhere(self) -> bool:
        """True when every span maps exactly (no reordered or unlocated segment)."""
        return all(self._plain)

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
        return self.locate(span)[0]

    def is_exact(self, span: Span) -> bool:
        """True when ``to_source(span)`` is exactly the source of ``span`` (see the module docstring)."""
        return self.locate(span)[1]

    def locate(self, span: Span) -> tuple[Span, bool]:
        """``(source span, exact)`` of a span of the normalised text."""
        start, end, exact = span.start, span.end, True
        for index in range(len(self.stages) - 1, -1, -1):
            if self._plain[index]:
                start = self._map(index, start, is_end=False)
                end = max(start, self._map(index, end, is_end=True))
            elif start == end:
                start = end = self._map(index, start, is_end=False)
            else:
                start, end, stage_exact = self._map_span(index, start, end)
                exact = exact and stage_exact
        return Span(start, end), exact

    def _map_span(self, index: int, start: int, end: int) -> tuple[int, int, bool]:
        """Map ``[start, end)`` through a stage that may hold jumps or inexact segments."""
        stage, starts = self.stages[index], self._starts[index]
        first = max(bisect_right(starts, start) - 1, 0)
        last = max(bisect_right(starts, end - 1) - 1, first)
        exact, contiguous = True, True
        lo, hi = self.source_length, 0
        for k in range(first, last + 1):
            seg = stage[k]
            a, b = seg.touched(start, end)
            lo, hi = min(lo, a), max(hi, b)
            exact = exact and seg.exact
            if k < last and seg.old_end != stage[k + 1].old_start:
                contiguous = False
        if contiguous:
            mapped = self._map(index, start, is_end=False)
            return mapped, max(mapped, self._map(index, end, is_end=True)), exact
        return lo, max(lo, hi), False

    def _map(self, index: int, pos: int, *, is_end: bool) -> int:
        """Map one position through stage ``index`` (an end belongs to the segment it closes)."""
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


def _is_plain(stage: Sequence[_Segment]) -> bool:
    """True when every segment is exact and each starts in the source where the previous ended."""
    return all(seg.exact for seg in stage) and all(
        prev.old_end == seg.old_start for prev, seg in pairwise(stage)
    )


def compose(maps: Sequence[OffsetMap]) -> OffsetMap:
    """Compose maps listed oldest first into one."""
    if not maps:
        return OffsetMap()
    result = maps[0]
    for later in maps[1:]:
        result = result.then(later)
    return result
