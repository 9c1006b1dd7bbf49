"""``corpus add``: ingest, skip what is stored, analyse the rest, commit each document.

The loop, for every input in order:

1. an input whose source failed in an earlier run is skipped (``--retry-failed``
   tries it again); it is never read, so an input that hangs is not retried forever;
2. the input is ingested (cheap: about 1 ms for a news article) to learn its
   content hash, the document id;
3. if the store holds that document under the current analysis version it is
   skipped; under an older version it is left alone unless ``reanalyse`` is
   ``stale`` (or ``all``);
4. the rest go to an *executor*, which yields their results in batches: by
   default the service path in this process (or ``--jobs`` worker processes),
   a batch being the results of up to :data:`COMMIT_EVERY` documents (at most
   :data:`COMMIT_SECONDS` apart); with ``--executor dask``
   (:mod:`presslens.scale.dask`) a batch is one finished shard, analysed on a
   cluster by :func:`presslens.scale.process_shard`, which calls the same
   service path.  Each batch is written with all its query rows in ONE
   transaction (:meth:`Store.put_batch`, the bulk path), and its failures are
   recorded.  Nothing is half-written, so after ``kill -9`` the same command
   finishes the job: committed documents are skipped, the rest are analysed.

A failure never stops the batch.  Two processes adding to one store both
finish: the store serialises their transactions, and a document the other
process stored first is simply found current.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from presslens.corpus.service import Failure, analysis_version, analyze_stream, failure_of, preloaded
from presslens.ingest import InputItem, iter_inputs
from presslens.model.analysis import Analysis
from presslens.settings import Settings
from presslens.store.base import FailureRow, Store, utc_now

REANALYSE = ("none", "stale", "all")
STDIN = "<stdin>"
OPTIMIZE_AFTER = 500  # documents added in one run before the planner's statistics are refreshed
COMMIT_EVERY = 16  # results per transaction of the in-process add (the runner's batch size)...
COMMIT_SECONDS = 1.0  # ...or fewer, when the first of them has waited this long
Tick = Callable[[str], None]
Result = Analysis | Failure
Batch = list[tuple[int, Result]]  # (position of the input in the stream given to the executor, result)
Executor = Callable[[Iterator[InputItem], Settings], Iterator[Batch]]


def in_process(workers: int = 1, every: int = COMMIT_EVERY, seconds: float = COMMIT_SECONDS) -> Executor:
    """The default executor: the service path here (``workers`` processes), results in small batches."""

    def run(items: Iterator[InputItem], settings: Settings) -> Iterator[Batch]:
        """Analyse in input order; yield every ``every`` results or ``seconds`` after a batch began."""
        batch: Batch = []
        began = 0.0
        for position, (_source, result) in enumerate(analyze_stream(items, settings, workers=workers)):
            if not batch:
                began = time.monotonic()
            batch.append((position, result))
            if len(batch) >= every or time.monotonic() - began >= seconds:
                yield batch
                batch = []
        if batch:
            yield batch

    return run


@dataclass
class AddReport:
    """What one ``corpus add`` did with each input."""

    added: int = 0
    skipped: int = 0
    stale: int = 0
    failed: int = 0
    failed_before: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    version: str = ""

    @property
    def seen(self) -> int:
        """Inputs handled."""
        return self.added + self.skipped + self.stale + self.failed + self.failed_before

    def to_dict(self) -> dict[str, object]:
        """The summary as JSON-ready data."""
        return {"added": self.added, "skipped": self.skipped, "stale": self.stale, "failed": self.failed,
                "failed_before": self.failed_before, "seconds": round(self.seconds, 3),
                "analysis_version": self.version}


Source = tuple[str | None, InputItem, bool]  # (origin, item, the item is a whole file)
RECORD_FILES = (".jsonl", ".csv", ".tsv")


def iter_sources(paths: Iterable[str], settings: Settings, input_format: str = "auto") -> Iterator[Source]:
    """``(origin, item, whole_file)`` for every input of the paths (origin: the path it came from)."""
    records = input_format in ("jsonl", "csv")
    for raw in paths:
        origin = None if raw == "-" else raw
        for item in iter_inputs([raw], settings, input_format=input_format):
            whole = (not records and raw != "-" and not item.source.lower().endswith(RECORD_FILES)
                     and (item.source == raw or item.source.startswith(raw.rstrip("/") + "/")))
            yield origin, item, whole


def stored_stale(store: Store, version: str) -> Iterator[Source]:
    """Items for the stored documents whose analysis is not ``version`` (re-analysed from stored text)."""
    for doc_id in store.stale_documents(version):
        doc = store.load_document(doc_id)
        if doc is not None:
            yield "store", preloaded(doc.source, doc), False


def retry_items(store: Store, settings: Settings, input_format: str = "auto") -> Iterator[Source]:
    """Items for every recorded failure whose origin can be read again."""
    failed = store.failed_sources()
    origins = sorted({f.origin for f in store.failures() if f.origin and f.origin != "store"})
    for origin, item, whole in iter_sources(origins, settings, input_format):
        if item.source in failed:
            yield origin, item, whole


def input_hash(path: str, settings: Settings) -> str | None:
    """SHA-256 of a regular file's bytes and the settings that shape its Document (None if not a file)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        digest = hashlib.sha256(f"keep_text={settings.keep_text};".encode())
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


class Adder:
    """One run of ``corpus add`` over a stream of inputs."""

    def __init__(self, store: Store, settings: Settings, *, reanalyse: str = "none", retry_failed: bool = False,
                 workers: int = 1, tick: Tick | None = None, version: str | None = None,
                 executor: Executor | None = None) -> None:
        """Prepare a run; ``tick(outcome)`` is called once per input (for a progress bar).

        ``executor`` analyses the inputs that need it (default: :func:`in_process` with ``workers``).
        """
        if reanalyse not in REANALYSE:
            raise ValueError(f"reanalyse must be one of {', '.join(REANALYSE)}")
        self.store, self.settings = store, settings
        self.reanalyse, self.retry_failed, self.workers = reanalyse, retry_failed, workers
        self.executor = executor or in_process(workers)
        self.tick = tick or (lambda outcome: None)
        self.report = AddReport(version=version or analysis_version(settings))
        self.failed_before = set() if retry_failed else store.failed_sources()
        self.pending: dict[int, tuple[str, str | None, str | None, str | None]] = {}
        self.sent = 0

    def run(self, items: Iterable[Source]) -> AddReport:
        """Add every input; return the report (also on Ctrl-C, via the caller's ``report``)."""
        started = time.perf_counter()
        try:
            for batch in self.executor(self._to_analyse(items), self.settings):
                self._store_batch(batch)
        finally:
            self.report.seconds = time.perf_counter() - started
        if self.report.added >= OPTIMIZE_AFTER:
            self.store.optimize()
        return self.report

    def _count(self, outcome: str) -> None:
        """Count one input's outcome and tell the progress bar."""
        setattr(self.report, outcome, getattr(self.report, outcome) + 1)
        self.tick(outcome)

    def _to_analyse(self, items: Iterable[Source]) -> Iterator[InputItem]:
        """The inputs that need analysis; the others are counted here.

        A file whose bytes were stored before (under any name) is judged from the hash of its
        bytes, without being parsed.  Records, and files whose name is already in the store, are
        ingested here (cheap) to learn their document id.  New files go to the service path as
        they are, so parsing untrusted bytes stays isolated there.
        """
        for origin, item, whole in items:
            if item.source in self.failed_before and item.source != STDIN:
                self._count("failed_before")
                continue
            fingerprint = input_hash(item.source, self.settings) if whole else None
            known = self.store.find_input(fingerprint, item.source) if fingerprint else None
            if known and self._skip(known[0], item.source, origin, None if known[1] else fingerprint):
                continue
            if item.isolate and not self.store.source_known(item.source):
                yield self._send(item, origin, None, fingerprint)
                continue
            try:
                doc = item.load()
            except Exception as exc:
                self._fail(failure_of(item.source, exc, "ingest"), origin, None)
                continue
            if self._skip(doc.id, item.source, origin, fingerprint):
                continue
            yield self._send(preloaded(item.source, doc), origin, doc.id, fingerprint)

    def _send(self, item: InputItem, origin: str | None, doc_id: str | None, fingerprint: str | None) -> InputItem:
        """Remember what the store needs to know about an input handed to the executor."""
        self.pending[self.sent] = (item.source, origin, doc_id, fingerprint)
        self.sent += 1
        return item

    def _skip(self, doc_id: str, source: str, origin: str | None, fingerprint: str | None) -> bool:
        """Count and skip a document already stored (current, or stale without --reanalyse)."""
        versions, linked = self.store.lookup(doc_id, source)
        version = self.report.version
        if not versions or self.reanalyse == "all" or (self.reanalyse == "stale" and version not in versions):
            return False
        if not linked or fingerprint:  # link the source, or remember its bytes for the next run
            self.store.add_source(doc_id, source, origin, fingerprint)
        self._count("skipped" if version in versions else "stale")
        return True

    def _store_batch(self, batch: Batch) -> None:
        """Write a batch's analyses in one transaction (the bulk path), then record its failures."""
        done = [(self.pending.pop(position), result) for position, result in batch]
        analyses = [(result, meta) for meta, result in done if isinstance(result, Analysis)]
        if analyses:
            wrote = self.store.put_batch([(a, source, origin, fingerprint)
                                          for a, (source, origin, _doc, fingerprint) in analyses],
                                         version=self.report.version, replace=self.reanalyse == "all")
            for new in wrote:
                self._count("added" if new else "skipped")
        for (_source, origin, doc_id, _fingerprint), result in done:
            if not isinstance(result, Analysis):
                self._fail(result, origin, doc_id)

    def _fail(self, failure: Failure, origin: str | None, doc_id: str | None) -> None:
        """Record a failure in the store and the report."""
        self.store.put_failure(FailureRow(failure.source, origin, failure.code, failure.message, failure.stage,
                                          self.report.version, doc_id, 1, utc_now()))
        self.report.failures.append(failure)
        self._count("failed")


def count_inputs(paths: list[str]) -> int | None:
    """How many inputs the paths hold, when that is cheap to know (files and folders of files)."""
    records = (".jsonl", ".csv", ".tsv")
    if any(p == "-" or p.lower().endswith(records) for p in paths):
        return None
    total = 0
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            if any(f.suffix.lower() in records for f in p.rglob("*")):
                return None
            total += sum(1 for _ in iter_inputs([raw]))
        else:
            total += 1
    return total
