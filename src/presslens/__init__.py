"""presslens: dissect news and opinion articles into a structured, sourced analysis.

Public API::

    import presslens
    analysis = presslens.analyze("Some article text …")
    analysis.to_dict()            # the versioned JSON contract
    presslens.analysis_version()  # what produced it, as one short hash (no parsing)
    for a in presslens.analyze_many(["a.txt", "b.html"]): ...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from presslens.about import SCHEMA_ID, __version__
from presslens.model import Analysis, Document, Span
from presslens.settings import Settings

__all__ = [
    "SCHEMA_ID",
    "Analysis",
    "Document",
    "Settings",
    "Span",
    "__version__",
    "analysis_version",
    "analyze",
    "analyze_document",
    "analyze_many",
    "load_pipeline",
]

_PIPELINES: dict[Settings, object] = {}


def load_pipeline(settings: Settings | None = None):  # type: ignore[no-untyped-def]
    """Return a built Pipeline for these settings (cached per settings)."""
    from presslens.pipeline import Pipeline

    settings = settings or Settings()
    if settings not in _PIPELINES:
        _PIPELINES[settings] = Pipeline(settings)
    return _PIPELINES[settings]


def analysis_version(settings: Settings | None = None) -> str:
    """The analysis version for these settings (default settings when None), without parsing.

    A short hash over the tool version, the spaCy model package and its version, spaCy's
    version, every layer's registered name and version, the settings that change results and
    the bundled resources; ``Analysis.provenance.analysis_version`` carries the same string.
    """
    from presslens.pipeline import analysis_version as compute

    return compute(settings)


def analyze_document(document: Document, settings: Settings | None = None) -> Analysis:
    """Analyse an already ingested Document."""
    return load_pipeline(settings).analyze(document)  # type: ignore[attr-defined, no-any-return]


def analyze(
    text: str,
    *,
    source: str = "<string>",
    published: str | None = None,
    title: str | None = None,
    settings: Settings | None = None,
) -> Analysis:
    """Analyse one article given as text.

    Args:
        text: the article (plain text; hard-wrapped text is reflowed).
        source: a name for it (path, URL, id).
        published: its date, YYYY-MM-DD, when known.
        title: its title, when known.
        settings: options (layers, keep_text, …).

    Returns:
        The immutable Analysis (``.to_dict()`` gives the JSON contract).
    """
    from presslens.ingest import ingest_text

    settings = settings or Settings()
    doc = ingest_text(text, source=source, settings=settings, title=title, published=published)
    return analyze_document(doc, settings)


def analyze_many(
    paths: Iterable[str | Path], settings: Settings | None = None
) -> Iterator[Analysis]:
    """Analyse files (or directories, JSONL files) in a stream; failures raise."""
    from presslens.ingest import iter_inputs

    settings = settings or Settings()
    docs = (item.load() for item in iter_inputs([str(p) for p in paths], settings))
    yield from load_pipeline(settings).analyze_many(docs)  # type: ignore[attr-defined]
