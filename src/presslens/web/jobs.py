"""Pasted and uploaded articles analysed in the background, one at a time, with a status to poll.

A job reads its bytes through ``ingest.ingest_bytes`` in a worker process (the service's
isolation, time and memory limits), is analysed through the corpus' one service path
(``corpus.add.Adder`` → ``presslens.analyze_items``) and is stored in one transaction, or
its failure is recorded.  The browser polls the job page until the report is ready.
One worker thread: the machine is shared, and a second article waits its turn.
"""

from __future__ import annotations

import functools
import secrets
import threading
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from presslens.settings import Settings

KEEP_JOBS = 200


@dataclass
class Job:
    """One analysis request and where it stands."""

    id: str
    label: str
    source: str
    state: str = "queued"  # queued | analysing | done | failed
    message: str = ""
    document_id: str | None = None
    created: float = field(default_factory=time.time)
    finished: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The job as JSON-ready data."""
        end = self.finished or time.time()
        return {"id": self.id, "label": self.label, "source": self.source, "state": self.state,
                "message": self.message, "document_id": self.document_id,
                "seconds": round(end - self.created, 1)}


class Jobs:
    """The job queue of one app (a single worker thread)."""

    def __init__(self, db: str, settings: Settings) -> None:
        """Jobs write to the store at ``db`` with these analysis settings."""
        self.db = db
        self.settings = settings.with_(on_error="record")
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="presslens-analyse")
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self.lock = threading.Lock()

    def submit(self, data: bytes, label: str) -> Job:
        """Queue the bytes of one article; returns its job at once."""
        job_id = secrets.token_hex(8)
        job = Job(job_id, label, source=f"web/{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{job_id}")
        with self.lock:
            self.jobs[job_id] = job
            while len(self.jobs) > KEEP_JOBS:
                self.jobs.popitem(last=False)
        self.pool.submit(self._run, job, data)
        return job

    def get(self, job_id: str) -> Job | None:
        """A job by id (None when unknown or forgotten)."""
        with self.lock:
            return self.jobs.get(job_id)

    def close(self) -> None:
        """Stop taking jobs; wait for the running one."""
        self.pool.shutdown(wait=True, cancel_futures=True)

    def _run(self, job: Job, data: bytes) -> None:
        """Analyse and store one job (never raises: a failure is the job's state)."""
        job.state = "analysing"
        try:
            self._analyse(job, data)
        except Exception as exc:  # the job page shows one line; the server goes on
            job.state, job.message = "failed", f"{exc.__class__.__name__}: {' '.join(str(exc).split())[:300]}"
        job.finished = time.time()

    def _analyse(self, job: Job, data: bytes) -> None:
        """Ingest isolated, analyse, store; set the job's document or failure."""
        from presslens import ingest
        from presslens.corpus import Corpus
        from presslens.corpus.add import Adder
        from presslens.ingest import InputItem
        from presslens.web.queries import source_documents

        item = InputItem(job.source, functools.partial(ingest.ingest_bytes, data, source=job.source,
                                                       settings=self.settings), isolate=True)
        with Corpus(self.db) as corpus:
            report = Adder(corpus.store, self.settings).run(iter([("web", item, False)]))
            if report.failures:
                failure = report.failures[0]
                job.state, job.message = "failed", f"{failure.code}: {failure.message}"
                return
            docs = source_documents(corpus.store, job.source)
        if not docs:
            job.state, job.message = "failed", "the article was not stored"
            return
        job.document_id, job.state = docs[0], "done"
