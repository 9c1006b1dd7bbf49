"""Dask: shards of a corpus mapped over a ``dask.distributed`` cluster.

``presslens corpus add PATH… --executor dask [--scheduler tcp://HOST:PORT | --workers N]``
runs :class:`DaskExecutor`.  Without a scheduler address it starts a ``LocalCluster`` of
``N`` single-threaded worker processes (spaCy holds the GIL: one thread per process).

* **The model loads once per worker.**  :class:`LoadModel` is a ``WorkerPlugin``: its
  ``setup`` builds the pipeline (analyzers and the spaCy model) when a worker starts, also on
  a worker that replaces a dead one; every task then finds it in the worker's cache
  (``presslens.api.load_pipeline``).  Tasks receive input items and settings (plain data:
  paths, records, ingested Documents) and return a small :class:`~presslens.scale.ShardResult`;
  no spaCy object crosses the network.
* **Shard files, bulk-loaded by the client** (not one writer fed by the workers).  Each task is
  :func:`~presslens.scale.process_shard`, which writes its shard's analyses and failures
  atomically to ``--shard-dir``; the client reads each finished shard and writes it to the
  store in ONE transaction (``Store.put_batch``; ``COPY`` on PostgreSQL).  Why: the shard
  files are the checkpoint (a worker killed mid-shard loses only that shard, and a retry or
  rerun skips every finished one), the database sees a single writer doing large
  transactions instead of N workers holding locks, workers need no database credentials or
  connections, and the same files serve engines other than Dask and object storage.  The
  price is a folder that workers and client both see: any folder on a ``LocalCluster``, a
  shared file system on a real cluster.
* **A dead worker costs its in-flight shard only.**  The scheduler reschedules the tasks of
  a worker that died (``distributed.scheduler.allowed-failures`` times); results are read
  and released as each shard finishes, and a shard whose files were already written is
  skipped when it runs again.
* At most ``2 × workers + 1`` shards are in flight, so the client's memory stays flat over
  any number of inputs; the progress bar advances per finished shard.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from presslens.ingest import InputItem
from presslens.scale.shard import (
    ShardInput,
    ShardResult,
    process_shard,
    read_shard,
    shard_name,
    shard_settings,
)
from presslens.settings import Settings

DEFAULT_SHARD_SIZE = 32
# What the nanny sets before it starts a LocalCluster worker: dask's defaults (numerical libraries on one
# thread) without MALLOC_TRIM_THRESHOLD_=65536, whose constant trimming cost ~15 ms of system time per
# article (+12% CPU) in an interleaved measurement, for no gain: a worker's memory stays flat without it.
WORKER_ENVIRON = {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1}
# Slower housekeeping for a LocalCluster: with dask's defaults (a 20 ms event-loop tick, a profiler
# sampling every 10 ms, monitors every 100-500 ms) two idle workers and the scheduler burn 6.9% of a
# core between them; with these, 1.3%.  Shards take seconds, so nothing needs a faster beat.
QUIET = {"distributed.admin.tick.interval": "1s", "distributed.admin.system-monitor.interval": "2s",
         "distributed.worker.profile.enabled": False, "distributed.worker.memory.monitor-interval": "1s",
         "distributed.scheduler.work-stealing-interval": "1s"}
_LOADED: dict[str, Any] = {}  # on a worker: what LoadModel.setup loaded, and when


class LoadModel(WorkerPlugin):
    """Builds the presslens pipeline (and spaCy) once when a worker starts."""

    name = "presslens-load-model"

    def __init__(self, settings: Settings) -> None:
        """Remember the settings whose pipeline the tasks will ask for."""
        self.settings = shard_settings(settings)

    def setup(self, worker: Any) -> None:
        """Load the pipeline and the spaCy model into this worker process."""
        from presslens.api import load_pipeline
        from presslens.nlp import get_nlp

        started = time.perf_counter()
        pipeline = load_pipeline(self.settings)
        get_nlp()
        _LOADED.update(pid=os.getpid(), pipeline_id=id(pipeline), seconds=round(time.perf_counter() - started, 2))


def worker_state() -> dict[str, Any]:
    """On a worker: what :class:`LoadModel` loaded, and how many pipelines the worker has built."""
    from presslens import api

    return {**_LOADED, "pipelines": len(api._PIPELINES),
            "pipeline_ids": sorted(id(p) for p in api._PIPELINES.values())}


@contextmanager
def connect(settings: Settings, *, scheduler: str | None = None, workers: int = 2,
            memory_limit: str | None = "auto") -> Iterator[Client]:
    """A client to ``scheduler``, or to a new LocalCluster of ``workers`` processes; LoadModel registered."""
    cluster = None
    if scheduler:
        client = Client(scheduler, timeout="30s")
    else:
        with dask.config.set({"distributed.nanny.pre-spawn-environ": WORKER_ENVIRON, **QUIET}):
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                                   memory_limit=memory_limit, silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        client.register_plugin(LoadModel(settings))
        client.wait_for_workers(1, timeout=600)
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def worker_count(client: Client) -> int:
    """How many workers the cluster has now (at least 1)."""
    return max(1, len(client.scheduler_info().get("workers", {})))


def map_shards(client: Client, shards: Iterable[list[ShardInput]], out_dir: str | Path, settings: Settings, *,
               fmt: str = ".jsonl", window: int | None = None) -> Iterator[tuple[int, ShardResult]]:
    """Run :func:`process_shard` on each shard; yield ``(shard number, result)`` as shards finish.

    At most ``window`` shards (default ``2 × workers + 1``) are submitted at a time.
    """
    out = Path(out_dir)
    window = window or 2 * worker_count(client) + 1
    settings = shard_settings(settings)
    queue = iter(enumerate(shards))
    done = as_completed()
    numbers: dict[Any, int] = {}

    def submit() -> bool:
        """Submit the next shard, if any."""
        nxt = next(queue, None)
        if nxt is None:
            return False
        number, inputs = nxt
        name = shard_name(inputs)
        future = client.submit(process_shard, inputs, str(out / f"{name}{fmt}"), settings,
                               key=f"process_shard-{name}-{number}", retries=2, pure=False)
        numbers[future.key] = number
        done.add(future)
        return True

    for _ in range(window):
        if not submit():
            break
    for future in done:
        result = future.result()
        number = numbers.pop(future.key)
        future.release()
        yield number, result
        submit()


def cut(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Cut a stream into lists of ``size`` (the last may be shorter)."""
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class DaskExecutor:
    """The ``corpus add`` executor on Dask: shards on the cluster, each finished shard one store batch.

    ``on_start(dashboard_url, workers)`` is called once connected; ``on_shard(result)`` after
    each finished shard (before its batch is stored).
    """

    def __init__(self, *, scheduler: str | None = None, workers: int = 2, shard_size: int = DEFAULT_SHARD_SIZE,
                 shard_dir: str | None = None, fmt: str = ".jsonl", client: Client | None = None,
                 on_start: Callable[[str, int], None] | None = None,
                 on_shard: Callable[[ShardResult], None] | None = None) -> None:
        """Remember how to reach the cluster; nothing starts until the executor is called."""
        if shard_size < 1 or workers < 1:
            raise ValueError("shard_size and workers must be at least 1")
        self.scheduler, self.workers, self.shard_size = scheduler, workers, shard_size
        self.shard_dir, self.fmt, self.client = shard_dir, fmt, client
        self.on_start = on_start or (lambda url, n: None)
        self.on_shard = on_shard or (lambda result: None)
        self.results: list[ShardResult] = []

    def __call__(self, items: Iterator[InputItem], settings: Settings) -> Iterator[list[tuple[int, Any]]]:
        """Analyse the items shard by shard; yield each finished shard's ``(position, result)`` list."""
        first = next(items, None)
        if first is None:
            return
        stream = _chain(first, items)
        keep = self.shard_dir is not None
        out = Path(self.shard_dir or tempfile.mkdtemp(prefix="presslens-shards-"))
        try:
            if self.client is not None:
                self.client.register_plugin(LoadModel(settings))
                yield from self._run(self.client, stream, settings, out, keep)
            else:
                with connect(settings, scheduler=self.scheduler, workers=self.workers) as client:
                    yield from self._run(client, stream, settings, out, keep)
        finally:
            if not keep:
                shutil.rmtree(out, ignore_errors=True)

    def _run(self, client: Client, items: Iterator[InputItem], settings: Settings, out: Path,
             keep: bool) -> Iterator[list[tuple[int, Any]]]:
        """Map the shards; turn each finished shard into a batch of positioned results."""
        self.on_start(client.dashboard_link or "", worker_count(client))
        positions: dict[int, list[int]] = {}

        def shards() -> Iterator[list[ShardInput]]:
            for number, chunk in enumerate(cut(enumerate(items), self.shard_size)):
                positions[number] = [p for p, _ in chunk]
                yield [item for _, item in chunk]

        for number, result in map_shards(client, shards(), out, settings, fmt=self.fmt):
            self.results.append(result)
            self.on_shard(result)
            batch = [(p, r) for p, (_s, r) in zip(positions.pop(number), read_shard(result.output), strict=True)]
            yield batch
            if not keep:
                for path in (result.output, result.failures_path, result.manifest):
                    Path(path).unlink(missing_ok=True)


def _chain(first: InputItem, rest: Iterator[InputItem]) -> Iterator[InputItem]:
    """``first`` then the rest."""
    yield first
    yield from rest
