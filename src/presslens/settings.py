"""Settings: one frozen options object, built once and passed everywhere.

Options that change what an analysis contains (``layers``, ``keep_text``, ``published``,
``require_english`` …) form the settings hash of ``Provenance``; options that only change how
the work is done (batch size, workers, caches, error policy, limits) are marked
``operational`` and never change it.  A new option counts as result-changing unless its field
says ``metadata=OPERATIONAL``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

# The layers a default analysis runs (a set: the pipeline orders them from their contracts).
DEFAULT_LAYERS: tuple[str, ...] = (
    "claims",
    "consistency",
    "entities",
    "events",
    "quantities",
    "quotes",
    "techniques",
    "timeline",
    "timexes",
)
OPERATIONAL: Mapping[str, bool] = {"operational": True}


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
        cache_dir: where built resource indexes (the gazetteer) are cached; None = the user
            cache directory (``$XDG_CACHE_HOME/presslens`` or ``~/.cache/presslens``).
        use_cache: False = build indexes in memory only, never read or write a cache file.
        max_pdf_pages: PDFs with more pages are refused before any text is extracted (E041).
        max_decompressed_bytes: bound on what a PDF's compressed streams may expand to, per
            stream and in total over the page contents (E042).
        max_html_tags: HTML pages with more tags are refused before extraction (E045); a news
            page has a few thousand, and extraction time grows faster than the tag count.
        timeline_uncertain: also put events shown as uncertain (confidence below the events
            layer's threshold) on the timeline, marked uncertain; by default they stay off it.
    """

    max_bytes: int = field(default=20_000_000, metadata=OPERATIONAL)
    keep_text: bool = False
    published: str | None = None
    layers: tuple[str, ...] = DEFAULT_LAYERS
    require_english: bool = True
    batch_size: int = field(default=16, metadata=OPERATIONAL)
    n_process: int = field(default=1, metadata=OPERATIONAL)
    on_error: str = field(default="raise", metadata=OPERATIONAL)
    timeout_s: float = field(default=120.0, metadata=OPERATIONAL)
    memory_mb: int = field(default=4096, metadata=OPERATIONAL)
    max_words: int = field(default=100_000, metadata=OPERATIONAL)
    cache_dir: str | None = field(default=None, metadata=OPERATIONAL)
    use_cache: bool = field(default=True, metadata=OPERATIONAL)
    max_pdf_pages: int = field(default=1_000, metadata=OPERATIONAL)
    max_decompressed_bytes: int = field(default=32_000_000, metadata=OPERATIONAL)
    max_html_tags: int = field(default=200_000, metadata=OPERATIONAL)
    timeline_uncertain: bool = False

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

    def result_options(self) -> dict[str, Any]:
        """The options that change what an analysis contains (for the settings hash)."""
        return {
            f.name: list(value) if isinstance(value := getattr(self, f.name), tuple) else value
            for f in fields(self)
            if not f.metadata.get("operational")
        }

    def with_env(self, environ: Mapping[str, str] | None = None) -> Settings:
        """A copy with the environment's overrides (for the CLI; analyzers never read it).

        ``PRESSLENS_NO_CACHE`` (any non-empty value) turns caches off;
        ``PRESSLENS_CACHE_DIR`` sets the cache directory.
        """
        env = os.environ if environ is None else environ
        changes: dict[str, Any] = {}
        if env.get("PRESSLENS_NO_CACHE"):
            changes["use_cache"] = False
        if env.get("PRESSLENS_CACHE_DIR"):
            changes["cache_dir"] = env["PRESSLENS_CACHE_DIR"]
        return replace(self, **changes) if changes else self
