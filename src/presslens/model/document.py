"""Document: the immutable, normalised article every analyzer reads."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from presslens.model.offsets import OffsetMap
from presslens.model.span import Span

ParagraphKind = Literal["heading", "paragraph"]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of the text: a heading line or a body paragraph."""

    span: Span
    kind: ParagraphKind = "paragraph"


@dataclass(frozen=True, slots=True)
class DateCandidate:
    """A date value held back as uncertain, with the probability that it is right."""

    value: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Published:
    """The document's publication date and how it was obtained.

    An inferred date whose calibrated confidence is below the threshold is not shown:
    ``value`` is None and ``candidates`` holds the best guesses with their confidences.
    """

    value: str | None = None
    inferred: bool = False
    evidence: tuple[Span, ...] = ()
    confidence: float | None = None
    candidates: tuple[DateCandidate, ...] = ()


def content_id(text: str) -> str:
    """Return the document id: a short SHA-256 of its normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _empty_meta() -> Mapping[str, Any]:
    return {}


@dataclass(frozen=True, slots=True)
class Document:
    """A normalised article: text, structure and the map back to its source.

    Created only by ``presslens.ingest``; never modified.  ``sentences`` are
    filled once by the language layer (``dataclasses.replace``).
    """

    text: str
    source: str = "<string>"
    id: str = ""
    title: str | None = None
    language: str = "en"
    published: Published = field(default_factory=Published)
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Span, ...] = ()
    offsets: OffsetMap = field(default_factory=OffsetMap)
    meta: Mapping[str, Any] = field(default_factory=_empty_meta)

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", content_id(self.text))
        if not self.paragraphs and self.text:
            object.__setattr__(self, "paragraphs", (Paragraph(Span(0, len(self.text))),))

    def text_of(self, span: Span) -> str:
        """Return the text a span covers."""
        return self.text[span.start : span.end]

    def to_source(self, span: Span) -> Span:
        """Map a span of ``text`` back to the original input.

        Exact unless ``source_is_exact(span)`` says otherwise (HTML whose extractor
        moved or rewrote text); an inexact region still covers the span's source.
        """
        return self.offsets.to_source(span)

    def source_is_exact(self, span: Span) -> bool:
        """True when ``to_source(span)`` is exactly where the span's text came from."""
        return self.offsets.is_exact(span)

    def sentence_of(self, offset: int) -> Span | None:
        """Return the sentence containing character ``offset``, if any."""
        from bisect import bisect_right

        starts = [s.start for s in self.sentences]
        i = bisect_right(starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def paragraph_index(self, offset: int) -> int:
        """Return the index of the paragraph containing ``offset`` (or the last before it)."""
        from bisect import bisect_right

        starts = [p.span.start for p in self.paragraphs]
        return max(bisect_right(starts, offset) - 1, 0)
