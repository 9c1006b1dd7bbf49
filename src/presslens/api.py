"""The Python API: one article (``analyze``) or a stream of inputs (``analyze_items``).

``analyze_items`` is the one service path: the CLI, the corpus store, the
Dask scale-out and the web app all call it.  It takes paths, ``InputItem``s or
records, checks each input before anything loads the model, isolates the
risky parsing in worker processes, and yields ``(source, Analysis | Failure)``
in input order (see :mod:`presslens.runner` for the steps and limits).

Importing this module stays light: spaCy, pebble and the ingest code load on first use.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presslens.model.analysis import Analysis
from presslens.model.document import Document
from presslens.model.failure import Failure
from presslens.settings import Settings

if TYPE_CHECKING:
    from presslens.ingest.inputs import InputItem
    from presslens.pipeline import Pipeline

log = logging.getLogger(__name__)
_PIPELINES: dict[Settings, Any] = {}
Input = str | Path | Mapping[str, Any]


def load_pipeline(settings: Settings | None = None) -> Pipeline:
    """Return a built Pipeline for these settings (cached per settings)."""
    from presslens.pipeline import Pipeline

    settings = settings or Settings()
    if settings not in _PIPELINES:
        _PIPELINES[settings] = Pipeline(settings)
    return _PIPELINES[settings]  # type: ignore[no-any-return]


def analyze_document(document: Document, settings: Settings | None = None) -> Analysis:
    """Analyse an already ingested Document."""
    return load_pipeline(settings).analyze(document)


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


def analyze_items(
    inputs: Iterable[InputItem | Input] | Input,
    settings: Settings | None = None,
    *,
    on_error: str = "record",
    workers: int = 1,
    on_skip: Callable[[str, str], None] | None = None,
) -> Generator[tuple[str, Analysis | Failure], None, None]:
    """Analyse a stream of inputs; yield ``(source, Analysis | Failure)`` in input order.

    Args:
        inputs: paths (files, directories, ``-`` for stdin; ``.jsonl`` files give one
            input per record), :class:`~presslens.ingest.InputItem`\\ s, or records
            ``{"id", "text", "published"?, "title"?, "url"?}``; a single one is accepted too.
        settings: options, limits included (``timeout_s``, ``memory_mb``, ``max_words``).
        on_error: ``"record"`` yields a Failure and goes on; ``"raise"`` raises the first
            failure's PresslensError (an unexpected error is raised as it was).
        workers: ``1`` analyses in this process; more use that many worker processes.
            Files and stdin are always read in a worker process with the time and memory limits.
        on_skip: called with ``(path, reason)`` for each directory entry not read
            (default: logged at INFO).

    Yields:
        ``(source, Analysis)`` or ``(source, Failure)`` for every input, in order.
    """
    from presslens import runner

    if on_error not in ("record", "raise"):
        raise ValueError("on_error must be 'record' or 'raise'")
    if workers < 1:
        raise ValueError("workers must be at least 1")
    settings = settings or Settings()
    items = as_items(inputs, settings, on_skip=on_skip or _log_skip)
    for source, result in runner.run(items, settings, lambda: load_pipeline(settings), workers=workers):
        if isinstance(result, runner.Failed):
            if on_error == "raise":
                raise result.exception()
            yield source, result.failure
        else:
            yield source, result


def as_items(inputs: Iterable[InputItem | Input] | Input, settings: Settings, *,
             on_skip: Callable[[str, str], None] | None = None) -> Iterator[InputItem]:
    """Turn paths, records and items into InputItems, lazily and in order."""
    from presslens.ingest import InputItem, iter_inputs
    from presslens.ingest.jsonl import record_item

    if isinstance(inputs, (str, Path, Mapping, InputItem)):
        inputs = [inputs]
    for n, value in enumerate(inputs, 1):
        if isinstance(value, InputItem):
            yield value
        elif isinstance(value, Mapping):
            yield record_item(value, settings, f"<record {n}>")
        elif isinstance(value, (str, Path)):
            yield from iter_inputs([str(value)], settings, on_skip=on_skip)
        else:
            raise TypeError(f"analyze_items takes paths, records or InputItems, not {type(value).__name__}")


def _log_skip(path: str, reason: str) -> None:
    """Default skip report: one log line."""
    log.info("skipped %s: %s", path, reason)


def analyze_many(paths: Iterable[str | Path], settings: Settings | None = None) -> Iterator[Analysis]:
    """Analyse files (or directories, JSONL files) in a stream; the first failure raises.

    ``settings.n_process`` worker processes analyse (1: in this process).
    """
    settings = settings or Settings()
    for _, result in analyze_items(paths, settings, on_error="raise", workers=settings.n_process):
        if isinstance(result, Analysis):  # always: on_error="raise" never yields a Failure
            yield result
