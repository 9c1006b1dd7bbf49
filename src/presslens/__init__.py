"""presslens: dissect news and opinion articles into a structured, sourced analysis.

Public API::

    import presslens
    analysis = presslens.analyze("Some article text …")
    analysis.to_dict()            # the versioned JSON contract
    presslens.analysis_version()  # what produces analyses with these settings (no parsing)
    for source, result in presslens.analyze_items(["a.txt", "corpus/", "records.jsonl"]):
        ...                       # an Analysis, or a Failure saying why not
"""

from __future__ import annotations

from typing import Any

from presslens.about import SCHEMA_ID, __version__
from presslens.api import analyze, analyze_document, analyze_items, analyze_many, load_pipeline
from presslens.model import Analysis, Document, Span
from presslens.model.failure import Failure
from presslens.settings import Settings

__all__ = [
    "SCHEMA_ID",
    "Analysis",
    "Document",
    "Failure",
    "InputItem",
    "Settings",
    "Span",
    "__version__",
    "analysis_version",
    "analyze",
    "analyze_document",
    "analyze_items",
    "analyze_many",
    "load_pipeline",
]


def analysis_version(settings: Settings | None = None) -> str:
    """The analysis version for these settings (default settings when None), without parsing.

    A short hash over the tool version, the spaCy model package and its version, spaCy's and the
    data packages' versions, every layer's registered name and version, the settings that change
    results and the bundled resources; ``Analysis.provenance.analysis_version`` carries it too.
    """
    from presslens.pipeline import analysis_version as compute

    return compute(settings)


def __getattr__(name: str) -> Any:
    """``presslens.InputItem`` on first use (the ingest package is not imported by ``import presslens``)."""
    if name == "InputItem":
        from presslens.ingest import InputItem

        return InputItem
    raise AttributeError(f"module 'presslens' has no attribute {name!r}")
