"""The engine behind :func:`presslens.analyze_items`: load, check, analyse, in input order.

Each input goes through four steps; a failure at any step becomes a
:class:`~presslens.model.failure.Failure` for that input and the stream goes on.

1. *Checks* without parsing, in the calling process (``ingest.inputs``, ``ingest.jsonl``):
   file type, size, emptiness, record fields.
2. *Loading* (bytes → Document).  Items marked ``isolate`` (anything that parses
   untrusted bytes: PDF, HTML, charset detection) load in a worker process,
   bounded by ``Settings.timeout_s`` and ``Settings.memory_mb``; a hang, a
   segfault or an out-of-memory kill costs that input only.
3. *The word limit* (``Settings.max_words``), still before the model loads:
   the pipeline, and with it spaCy, is built only for the first document that
   passes, so a batch of bad inputs fails fast.
4. *Analysis*: in-process with ``workers=1`` (one ``nlp.pipe`` stream, no time
   limit: the word limit bounds its memory), else in ``workers`` forked processes that share
   the loaded model copy-on-write, one batch per task with a time limit of
   ``timeout_s`` per document.  A batch that times out or loses its worker is
   retried document by document, so the failure lands on the input that caused it.

At most a few batches are in flight, so memory stays flat over any number of inputs.
In a daemonic process (a Dask worker), which may not start children, every
step runs in-process: isolation is then the host's job.

Why pebble (a maintained library) instead of ``multiprocessing.Pool`` or
``concurrent.futures``: ``Pool`` waits forever for a task whose worker the
out-of-memory killer took (the hang issue 9 measured), ``ProcessPoolExecutor``
marks the whole pool broken when one worker dies, and neither can stop one
task at a timeout.  pebble's ``ProcessPool`` kills a task's worker at its
timeout, reports a dead worker on that task's future only
(``ProcessExpired``), and starts a replacement.
"""

from __future__ import annotations

import itertools
import os
import re
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from presslens import errors
from presslens.errors import (
    InternalError,
    LimitError,
    MemoryLimitError,
    PresslensError,
    TimeLimitError,
    TooLargeError,
    WordLimitError,
    WorkerDiedError,
)
from presslens.ingest.inputs import InputItem
from presslens.model.analysis import Analysis
from presslens.model.document import Document
from presslens.model.failure import Failure, Stage
from presslens.settings import Settings

# found-ingest's page and decompression limits (E040–E049) subclass LimitExceededError.
LIMIT_ERRORS: tuple[type[BaseException], ...] = tuple(
    c for c in (LimitError, TooLargeError, getattr(errors, "LimitExceededError", None)) if c is not None
)
FAULT_HOOK: Callable[[Document], None] | None = None  # tests only: runs in the worker before each analysis
_WORD = re.compile(r"\S+")
_WORKER_PIPELINE: Any = None
MESSAGE_CHARS = 400


@dataclass(frozen=True, slots=True)
class Failed:
    """A failure plus what ``on_error="raise"`` raises: the original error, or its type."""

    failure: Failure
    error: BaseException | None = None
    error_type: type[PresslensError] = InternalError

    def exception(self) -> BaseException:
        """The error to raise: the original when it was raised here, else rebuilt from its type."""
        if self.error is not None:
            return self.error
        exc = self.error_type.__new__(self.error_type)
        Exception.__init__(exc, f"[{self.failure.code}] {self.failure.message}")
        return exc

    def portable(self) -> Failed:
        """A copy safe to send between processes (the error kept as its type only)."""
        kind = type(self.error) if isinstance(self.error, PresslensError) else self.error_type
        return Failed(self.failure, None, kind)


Loaded = Document | Failed
Result = Analysis | Failed


def failed(source: str, exc: BaseException, stage: Stage) -> Failed:
    """The Failed record of ``exc`` for one input (limit errors get the stage ``limit``)."""
    if isinstance(exc, MemoryError):
        exc = MemoryLimitError(f"{source}: ran out of memory (raise --memory-mb, or split the input)")
    code = exc.code if isinstance(exc, PresslensError) else "E099"
    stage = "limit" if isinstance(exc, LIMIT_ERRORS) else stage
    return Failed(Failure(printable(source), code, one_line(source, exc), stage), exc)


def one_line(source: str, exc: BaseException) -> str:
    """The message of ``exc`` as one printable line that names the source once."""
    if isinstance(exc, PresslensError):
        text = str(exc).removeprefix(f"[{exc.code}] ")
    else:
        text = f"internal error: {exc.__class__.__name__}: {exc}"
    text = printable(" ".join(text.split()) or exc.__class__.__name__)
    source = printable(source)
    if not text.startswith(source):
        text = f"{source}: {text}"
    return text if len(text) <= MESSAGE_CHARS else text[: MESSAGE_CHARS - 1] + "…"


def printable(text: str) -> str:
    """Text that encodes as UTF-8: lone surrogates become ``\\udcxx`` escapes."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def run(items: Iterable[InputItem], settings: Settings, get_pipeline: Callable[[], Any], *,
        workers: int = 1) -> Iterator[tuple[str, Result]]:
    """Analyse items in order: ``(source, Analysis | Failed)`` for each.

    Worker processes are stopped when the stream ends, is closed or is
    interrupted (KeyboardInterrupt passes through after the stop).
    """
    pools = Pools(settings, workers)
    try:
        loaded = load_stream(items, settings, pools)
        checked = ((source, check_words(source, doc, settings)) for source, doc in loaded)
        if pools.workers > 1:
            yield from analyse_in_workers(checked, settings, get_pipeline, pools)
        else:
            yield from analyse_here(checked, settings, get_pipeline)
    finally:
        pools.stop()


class Pools:
    """The worker pools of one run, started on first use: isolated loading, analysis."""

    def __init__(self, settings: Settings, workers: int) -> None:
        """Remember the limits; start nothing yet.

        A daemonic process (a Dask worker, a pool worker) may not start children:
        there, loading and analysis run in-process (``can_fork`` False).
        """
        import multiprocessing

        self.settings = settings
        self.can_fork = not multiprocessing.current_process().daemon
        self.workers = workers if self.can_fork else 1
        self._ingest: Any = None
        self._analysis: Any = None

    def ingest(self) -> Any:
        """The pool that loads isolated items (bytes → Document), one per worker count."""
        if self._ingest is None:
            self._ingest = _pool(self.workers, _init_worker, (self.settings.memory_mb, None))
        return self._ingest

    def analysis(self, pipeline: Any) -> Any:
        """The pool of forked analysis workers (the model is loaded before the fork and shared)."""
        if self._analysis is None:
            from presslens.nlp import get_nlp

            get_nlp()
            self._analysis = _pool(self.workers, _init_worker, (self.settings.memory_mb, pipeline))
        return self._analysis

    def stop(self) -> None:
        """Stop every worker now (pending tasks are dropped) and wait for the pools to close."""
        for pool in (self._ingest, self._analysis):
            if pool is not None:
                pool.stop()
                pool.join()
        self._ingest = self._analysis = None


def _pool(workers: int, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> Any:
    """A pebble ProcessPool of forked workers."""
    import multiprocessing

    from pebble import ProcessPool

    return ProcessPool(max_workers=workers, initializer=initializer, initargs=initargs,
                       context=multiprocessing.get_context("fork"))


def _init_worker(memory_mb: int, pipeline: Any) -> None:
    """Worker start-up: default signals, the address-space limit, the (forked) pipeline.

    SIGINT is ignored so that Ctrl-C in a terminal (sent to the whole process
    group) reaches only the parent, which stops the pool; SIGTERM is restored
    to its default so the pool can always end a worker.
    """
    global _WORKER_PIPELINE
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER_PIPELINE = pipeline
    limit_memory(memory_mb)


def limit_memory(memory_mb: int) -> None:
    """Cap this process's address space at its current size plus ``memory_mb`` MiB (Linux)."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as fh:
            current = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (ImportError, OSError, ValueError):  # pragma: no cover - not Linux
        return
    limit = current + memory_mb * 1024 * 1024
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


# -- step 2: loading --------------------------------------------------------------------------

def load_stream(items: Iterable[InputItem], settings: Settings, pools: Pools) -> Iterator[tuple[str, Loaded]]:
    """``(source, Document | Failed)`` in order; isolated loads run ahead in the ingest pool."""
    ahead = 2 * settings.batch_size * max(pools.workers, 1)
    pending: deque[tuple[str, Any]] = deque()
    for item in items:
        pending.append((item.source, _start_load(item, settings, pools)))
        if len(pending) > ahead:
            yield _finish_load(*pending.popleft(), settings)
    while pending:
        yield _finish_load(*pending.popleft(), settings)


def _start_load(item: InputItem, settings: Settings, pools: Pools) -> Any:
    """Schedule an isolated load (a future), or load here (the result)."""
    if item.isolate and pools.can_fork:
        return pools.ingest().schedule(load_isolated, args=(item.source, item.load), timeout=settings.timeout_s)
    return load_here(item.source, item.load)


def load_here(source: str, load: Callable[[], Document]) -> Loaded:
    """Run a loader; its error becomes a Failed record."""
    try:
        return load()
    except Exception as exc:
        return failed(source, exc, "ingest")


def load_isolated(source: str, load: Callable[[], Document]) -> Loaded:
    """Worker side of an isolated load: the Document, or a portable Failed record."""
    result = load_here(source, load)
    return result.portable() if isinstance(result, Failed) else result


def _finish_load(source: str, pending: Any, settings: Settings) -> tuple[str, Loaded]:
    """Wait for a scheduled load (bounded by its timeout) or pass a finished one on."""
    if isinstance(pending, (Document, Failed)):
        return source, pending
    return source, outcome(pending, source, settings.timeout_s, "reading")


def outcome(future: Any, source: str, timeout_s: float, doing: str) -> Any:
    """A worker future's value, or the Failed record of its timeout, death or error."""
    from concurrent.futures import TimeoutError as FutureTimeout

    from pebble import ProcessExpired

    try:
        return future.result()
    except FutureTimeout:
        return failed(source, TimeLimitError(f"{source}: {doing} took longer than the {timeout_s:g} s limit "
                                             "(raise --timeout)"), "limit")
    except ProcessExpired as exc:
        return failed(source, WorkerDiedError(f"{source}: the worker process {doing} it died "
                                              f"({_death(exc.exitcode)})"), "worker")
    except Exception as exc:
        return failed(source, exc, "worker")


def _death(exitcode: int | None) -> str:
    """How a worker ended: 'killed by SIGKILL, perhaps out of memory', 'exit code 3'…"""
    if exitcode is None or exitcode >= 0:
        return f"exit code {exitcode}"
    name = signal.Signals(-exitcode).name if -exitcode in signal.valid_signals() else str(-exitcode)
    return f"killed by {name}" + (", perhaps by the out-of-memory killer" if name == "SIGKILL" else "")


# -- step 3: the word limit ---------------------------------------------------------------------

def check_words(source: str, doc: Loaded, settings: Settings) -> Loaded:
    """Refuse a document with more than ``max_words`` words (counting stops just past the limit)."""
    if isinstance(doc, Failed):
        return doc
    limit = settings.max_words
    count = sum(1 for _ in itertools.islice(_WORD.finditer(doc.text), limit + 1))
    if count > limit:
        return failed(source, WordLimitError(f"{source}: the text has more than {limit:,} words "
                                             "(split it or raise --max-words)"), "limit")
    return doc


# -- step 4: analysis ---------------------------------------------------------------------------

def analyse_here(stream: Iterable[tuple[str, Loaded]], settings: Settings,
                 get_pipeline: Callable[[], Any]) -> Iterator[tuple[str, Result]]:
    """In-process analysis, one parser stream per batch; the pipeline is built on first need."""
    for chunk in chunks(stream, settings.batch_size):
        docs = [d for _, d in chunk if isinstance(d, Document)]
        yield from merge(chunk, analyze_batch(get_pipeline(), docs) if docs else [])


def analyze_batch(pipeline: Any, docs: list[Document]) -> list[Result]:
    """Analyse a batch with one parser stream; on failure retry one by one to isolate it."""
    try:
        return list(pipeline.analyze_many(docs))
    except Exception:
        return [analyze_one(pipeline, d) for d in docs]


def analyze_one(pipeline: Any, doc: Document) -> Result:
    """Analyse one document; its error becomes a Failed record."""
    try:
        return pipeline.analyze(doc)  # type: ignore[no-any-return]
    except Exception as exc:
        return failed(doc.source, exc, "analyze")


def merge(chunk: list[tuple[str, Loaded]], results: list[Result]) -> Iterator[tuple[str, Result]]:
    """Put analyses back in input order beside the inputs that failed before analysis."""
    it = iter(results)
    for source, doc in chunk:
        yield source, next(it) if isinstance(doc, Document) else doc


def chunks(stream: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Cut a stream into lists of ``size`` (the last may be shorter)."""
    it = iter(stream)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def work(docs: list[Document]) -> list[Result]:
    """Worker side of analysis: a batch's results, failures made portable."""
    if FAULT_HOOK is not None:
        for doc in docs:
            FAULT_HOOK(doc)
    results = analyze_batch(_WORKER_PIPELINE, docs)
    return [r.portable() if isinstance(r, Failed) else r for r in results]


def analyse_in_workers(stream: Iterable[tuple[str, Loaded]], settings: Settings,
                       get_pipeline: Callable[[], Any], pools: Pools) -> Iterator[tuple[str, Result]]:
    """Batches to forked workers, at most two per worker in flight, yielded in order."""
    pending: deque[tuple[list[tuple[str, Loaded]], list[Document], Any]] = deque()
    for chunk in chunks(stream, settings.batch_size):
        docs = [d for _, d in chunk if isinstance(d, Document)]
        future = _submit(pools.analysis(get_pipeline()), docs, settings) if docs else None
        pending.append((chunk, docs, future))
        while len(pending) > 2 * pools.workers:
            yield from _collect(*pending.popleft(), settings, pools)
    while pending:
        yield from _collect(*pending.popleft(), settings, pools)


def _submit(pool: Any, docs: list[Document], settings: Settings) -> Any:
    """Schedule one batch with a time limit of ``timeout_s`` per document."""
    return pool.schedule(work, args=(docs,), timeout=settings.timeout_s * len(docs))


def _collect(chunk: list[tuple[str, Loaded]], docs: list[Document], future: Any, settings: Settings,
             pools: Pools) -> Iterator[tuple[str, Result]]:
    """The results of one batch, in order; a batch that timed out or died is retried doc by doc."""
    if future is None:
        yield from merge(chunk, [])
        return
    results = outcome(future, docs[0].source, settings.timeout_s * len(docs), "analysing")
    if isinstance(results, Failed) and len(docs) > 1:
        retries = [_submit(pools.analysis(None), [d], settings) for d in docs]
        results = [_single(f, d.source, settings) for f, d in zip(retries, docs, strict=True)]
    elif isinstance(results, Failed):
        results = [results]
    yield from merge(chunk, results)


def _single(future: Any, source: str, settings: Settings) -> Result:
    """The one result of a single-document retry."""
    value = outcome(future, source, settings.timeout_s, "analysing")
    return value if isinstance(value, Failed) else value[0]  # type: ignore[no-any-return]
