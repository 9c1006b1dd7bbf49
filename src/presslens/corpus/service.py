"""The two seams between the corpus and the analysis service, each one small function.

* :func:`analyze_stream` calls the one service path, ``presslens.analyze_items``, and
  yields ``(source, Analysis | Failure)`` in input order (isolation, limits and worker
  processes are the service's).
* :func:`analysis_version` names what produced an analysis: ``presslens.analysis_version``
  (tool, model and package versions, layer versions, resources and the result-changing
  settings).  The store keys analyses on it, so a changed tool, model, layer or setting
  makes them stale.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from presslens.ingest import InputItem
from presslens.model.analysis import Analysis
from presslens.model.document import Document
from presslens.model.failure import Failure
from presslens.settings import Settings

__all__ = ["Failure", "Preloaded", "analysis_version", "analyze_stream", "failure_of", "preloaded", "preloaded_document"]


@dataclass(frozen=True, slots=True)
class Preloaded:
    """The picklable loader of a pre-ingested input: calling it returns the Document."""

    document: Document

    def __call__(self) -> Document:
        """Return the document."""
        return self.document


def preloaded(source: str, document: Document) -> InputItem:
    """An input item for a Document the corpus has already ingested (to check the store first)."""
    return InputItem(source, Preloaded(document))


def preloaded_document(item: InputItem) -> Document | None:
    """The Document of an item made by :func:`preloaded` (None for any other item)."""
    return item.load.document if isinstance(item.load, Preloaded) else None


def failure_of(source: str, exc: BaseException, stage: str) -> Failure:
    """The service's Failure for an error raised while the corpus ingested an input."""
    from presslens.runner import failed

    return failed(source, exc, stage).failure  # type: ignore[arg-type]


def analyze_stream(items: Iterable[InputItem], settings: Settings, *, workers: int = 1
                   ) -> Iterator[tuple[str, Analysis | Failure]]:
    """Analyse inputs through the service path; yields ``(source, Analysis | Failure)`` in order.

    The model loads only once a first input needs it (a rerun that skips everything stays fast).
    """
    from presslens.api import analyze_items

    stream = iter(items)
    first = next(stream, None)
    if first is None:
        return
    yield from analyze_items(itertools.chain([first], stream), settings, on_error="record", workers=workers)


def analysis_version(settings: Settings) -> str:
    """A short stable hash of everything that determines an analysis (no document is parsed)."""
    from presslens.pipeline import analysis_version as pipeline_version

    return pipeline_version(settings)
