"""Batch runner: ingest lazily, analyse in a stream, isolate per-input failures.

``analyze_items`` yields ``(source, Analysis | Exception)`` in input order.
With ``n_process > 1`` documents are analysed by forked workers (the spaCy
model is loaded before the fork and shared copy-on-write); at most
``2 × n_process × chunk`` documents are in flight, so memory stays constant.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from presslens.ingest import InputItem
from presslens.model.analysis import Analysis
from presslens.model.document import Document

_WORKER_PIPELINE: Any = None


def _load(item: InputItem) -> Document | Exception:
    try:
        return item.load()
    except Exception as exc:  # noqa: BLE001 - reported per input, batch goes on
        return exc


def analyze_items(items: Iterable[InputItem], pipeline: Any, *, n_process: int = 1) -> Iterator[tuple[str, Analysis | Exception]]:
    """Analyse inputs in order; a failing input yields its exception, never stops the rest."""
    if n_process > 1:
        yield from _parallel(items, pipeline, n_process)
        return
    for chunk in _chunks(items, pipeline.settings.batch_size):
        loaded = [(item.source, _load(item)) for item in chunk]
        docs = [d for _, d in loaded if isinstance(d, Document)]
        try:
            results: list[Analysis | Exception] = list(pipeline.analyze_many(docs))
        except Exception:  # noqa: BLE001 - fall back to one by one to isolate the culprit
            results = [_safe_analyze(pipeline, d) for d in docs]
        it = iter(results)
        for source, doc in loaded:
            yield source, next(it) if isinstance(doc, Document) else doc


def _safe_analyze(pipeline: Any, doc: Document) -> Analysis | Exception:
    try:
        return pipeline.analyze(doc)  # type: ignore[no-any-return]
    except Exception as exc:  # noqa: BLE001
        return exc


def _chunks(items: Iterable[InputItem], size: int) -> Iterator[list[InputItem]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _init_worker(pipeline: Any) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline


def _work(doc: Document) -> Analysis | Exception:
    return _safe_analyze(_WORKER_PIPELINE, doc)


def _parallel(items: Iterable[InputItem], pipeline: Any, n_process: int) -> Iterator[tuple[str, Analysis | Exception]]:
    import multiprocessing as mp

    from presslens.nlp import get_nlp

    get_nlp()  # load before fork: shared copy-on-write
    ctx = mp.get_context("fork")
    with ctx.Pool(n_process, initializer=_init_worker, initargs=(pipeline,)) as pool:
        for chunk in _chunks(items, 64 * n_process):
            loaded = [(item.source, _load(item)) for item in chunk]
            docs = [d for _, d in loaded if isinstance(d, Document)]
            it = iter(pool.imap(_work, docs, chunksize=4))
            for source, doc in loaded:
                yield source, next(it) if isinstance(doc, Document) else doc
