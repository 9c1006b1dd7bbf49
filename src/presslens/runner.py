"""Batch runner: ingest lazily, analyse in a stream, isolate per-input failures.

``analyze_items`` yields ``(source, Analysis | Exception)`` in input order.
In-process, inputs are read ``batch_size`` at a time and parsed with one
``nlp.pipe`` stream.  With ``n_process > 1``, batches go to forked workers
(the spaCy model is loaded before the fork and shared copy-on-write), each
running the same batched ``analyze_many``; at most ``2 × n_process`` batches
are in flight, so memory stays constant over any number of inputs.
Reading and decoding stay in the parent, so an unreadable input never
reaches a worker and its error keeps its type.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from presslens.errors import PresslensError
from presslens.ingest import InputItem
from presslens.model.analysis import Analysis
from presslens.model.document import Document

_WORKER_PIPELINE: Any = None
Result = Analysis | Exception


class WorkerError(Exception):
    """A failure inside a worker process, carried back as its one-line description."""


def describe(exc: BaseException) -> str:
    """One line saying what went wrong: the message of a PresslensError, else its type."""
    if isinstance(exc, (PresslensError, WorkerError)):
        msg = str(exc)
    else:
        msg = f"internal error: {exc.__class__.__name__}: {exc}"
    lines = msg.strip().splitlines()
    return lines[0] if lines else exc.__class__.__name__


def _load(item: InputItem) -> Document | Exception:
    """Load one input; its exception is returned, not raised."""
    try:
        return item.load()
    except Exception as exc:
        return exc


def analyze_items(items: Iterable[InputItem], pipeline: Any, *, n_process: int = 1) -> Iterator[tuple[str, Result]]:
    """Analyse inputs in order; a failing input yields its exception, never stops the rest."""
    size = pipeline.settings.batch_size
    if n_process > 1:
        yield from _parallel(items, pipeline, n_process, size)
        return
    for chunk in _chunks(items, size):
        loaded = [(item.source, _load(item)) for item in chunk]
        docs = [d for _, d in loaded if isinstance(d, Document)]
        yield from _merge(loaded, _analyze_batch(pipeline, docs))


def _analyze_batch(pipeline: Any, docs: list[Document]) -> list[Result]:
    """Analyse a batch with one parser stream; on failure retry one by one to isolate it."""
    try:
        return list(pipeline.analyze_many(docs))
    except Exception:
        return [_safe_analyze(pipeline, d) for d in docs]


def _merge(loaded: list[tuple[str, Document | Exception]], results: list[Result]) -> Iterator[tuple[str, Result]]:
    """Put analyses back in input order beside the inputs that failed to load."""
    it = iter(results)
    for source, doc in loaded:
        yield source, next(it) if isinstance(doc, Document) else doc


def _safe_analyze(pipeline: Any, doc: Document) -> Result:
    """Analyse one document; its exception is returned, not raised."""
    try:
        return pipeline.analyze(doc)  # type: ignore[no-any-return]
    except Exception as exc:
        return exc


def _chunks(items: Iterable[InputItem], size: int) -> Iterator[list[InputItem]]:
    """Cut the item stream into lists of ``size`` (the last may be shorter)."""
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _init_worker(pipeline: Any) -> None:
    """Worker start-up: keep the (forked) pipeline in a global."""
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline


def _work(docs: list[Document]) -> list[Result]:
    """Worker side: analyse a batch; exceptions travel back as WorkerError lines."""
    results = _analyze_batch(_WORKER_PIPELINE, docs)
    return [WorkerError(describe(r)) if isinstance(r, Exception) else r for r in results]


def _parallel(items: Iterable[InputItem], pipeline: Any, n_process: int, size: int) -> Iterator[tuple[str, Result]]:
    """Feed batches to forked workers, keeping at most 2 × n_process in flight, in order."""
    import multiprocessing as mp

    from presslens.nlp import get_nlp

    get_nlp()  # load before fork: shared copy-on-write
    ctx = mp.get_context("fork")
    pending: deque[tuple[list[tuple[str, Document | Exception]], Any]] = deque()
    with ctx.Pool(n_process, initializer=_init_worker, initargs=(pipeline,)) as pool:
        for chunk in _chunks(items, size):
            loaded = [(item.source, _load(item)) for item in chunk]
            docs = [d for _, d in loaded if isinstance(d, Document)]
            pending.append((loaded, pool.apply_async(_work, (docs,))))
            while len(pending) > 2 * n_process:
                done, job = pending.popleft()
                yield from _merge(done, job.get())
        while pending:
            done, job = pending.popleft()
            yield from _merge(done, job.get())
