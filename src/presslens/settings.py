"""Settings: one frozen options object, built once and passed everywhere."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

DEFAULT_LAYERS: tuple[str, ...] = (
    "entities",
    "quantities",
    "timexes",
    "events",
    "quotes",
    "claims",
    "techniques",
    "consistency",
    "timeline",
)


@dataclass(frozen=True, slots=True)
class Settings:
    """Every option of ingest, pipeline and presenters, validated once.

    Attributes:
        max_bytes: inputs larger than this are refused (E005).
        keep_text: keep ``document.text`` byte-for-byte the decoded input.
        published: the document date (YYYY-MM-DD) given by the user, if any.
        layers: analyzer layers to run, by name; dependencies are added.
        require_english: refuse text that is not English (E006).
        batch_size: documents per spaCy batch in ``analyze_many``.
        n_process: worker processes for ``analyze_many`` (1 = in-process).
        on_error: "raise" or "record" (keep going, note the failure).
        timeout_s: wall-time limit for reading (and, in worker processes, analysing)
            one input, in seconds (E051).
        memory_mb: address space a worker process may add while handling one
            input, in MiB (E052); Linux only.
        max_words: inputs with more words are refused before the model loads
            (E053): the analysis needs about 20 KB of memory per word.
        max_pdf_pages: PDFs with more pages are refused before any text is extracted (E041).
        max_decompressed_bytes: bound on what a PDF's compressed streams may expand to, per
            stream and in total over the page contents (E042).
        max_html_tags: HTML pages with more tags are refused before extraction (E045); a news
            page has a few thousand, and extraction time grows faster than the tag count.
    """

    max_bytes: int = 20_000_000
    keep_text: bool = False
    published: str | None = None
    layers: tuple[str, ...] = DEFAULT_LAYERS
    require_english: bool = True
    batch_size: int = 16
    n_process: int = 1
    on_error: str = "raise"
    timeout_s: float = 120.0
    memory_mb: int = 4096
    max_words: int = 100_000
    max_pdf_pages: int = 1_000
    max_decompressed_bytes: int = 32_000_000
    max_html_tags: int = 200_000

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        if self.on_error not in ("raise", "record"):
            raise ValueError("on_error must be 'raise' or 'record'")
        if self.n_process < 1 or self.batch_size < 1:
            raise ValueError("n_process and batch_size must be at least 1")
        if self.timeout_s <= 0 or self.memory_mb <= 0 or self.max_words <= 0:
            raise ValueError("timeout_s, memory_mb and max_words must be positive")
        if min(self.max_pdf_pages, self.max_decompressed_bytes, self.max_html_tags) < 1:
            raise ValueError("max_pdf_pages, max_decompressed_bytes and max_html_tags must be positive")

    def with_(self, **changes: Any) -> Settings:
        """Return a copy with some options changed."""
        return replace(self, **changes)
