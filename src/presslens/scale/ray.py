"""Ray: the same shard unit in Ray actors that hold the model (the ``presslens[ray]`` extra).

An actor builds the pipeline (and spaCy) once in ``__init__`` and then runs
:func:`~presslens.scale.process_shard` for every shard it is given, so the model is never
loaded per task, and only paths, records and small :class:`~presslens.scale.ShardResult`\\ s
cross the object store.  Actors are created with ``max_restarts`` and ``max_task_retries``:
when an actor's process dies, Ray starts a new one (which loads the model again) and runs
the lost shard again; a shard whose files were written is skipped on a retry.

Usage (results as shards finish)::

    import ray
    from presslens.scale.ray import map_shards

    ray.init()
    for result in map_shards(shards, "s3-mounted/out", Settings(), actors=8):
        print(result.name, result.analyses)

Dask is the engine ``corpus add`` drives (``--executor dask``); this adapter is for teams that
already run Ray.  Its test skips when Ray is not installed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import ray

from presslens.scale.shard import ShardInput, ShardResult, process_shard, shard_name, shard_settings
from presslens.settings import Settings


class ShardWorker:
    """Holds the loaded pipeline; processes one shard per call."""

    def __init__(self, settings: Settings) -> None:
        """Load the pipeline and the spaCy model once."""
        from presslens.api import load_pipeline
        from presslens.nlp import get_nlp

        self.settings = shard_settings(settings)
        self.pipeline_id = id(load_pipeline(self.settings))
        get_nlp()

    def process(self, inputs: list[ShardInput], output: str) -> ShardResult:
        """Run :func:`process_shard` on one shard."""
        return process_shard(inputs, output, self.settings)

    def state(self) -> dict[str, Any]:
        """How many pipelines this actor built (1 when the model was loaded once)."""
        from presslens import api

        return {"pipelines": len(api._PIPELINES), "loaded": self.pipeline_id,
                "cached": [id(p) for p in api._PIPELINES.values()]}


def actors(settings: Settings, n: int) -> list[Any]:
    """``n`` restartable actors, one CPU each."""
    remote = ray.remote(num_cpus=1, max_restarts=-1, max_task_retries=-1)(ShardWorker)
    return [remote.remote(settings) for _ in range(n)]


def map_shards(shards: Iterable[list[ShardInput]], out_dir: str | Path, settings: Settings, *, actors_n: int = 2,
               fmt: str = ".jsonl", pool: list[Any] | None = None) -> Iterator[ShardResult]:
    """Run every shard on a pool of actors; yield results as shards finish (unordered)."""
    from ray.util import ActorPool

    out = Path(out_dir)
    workers = ActorPool(pool or actors(settings, actors_n))
    jobs = ((list(s), str(out / f"{shard_name(s)}{fmt}")) for s in shards)
    yield from workers.map_unordered(lambda actor, job: actor.process.remote(*job), jobs)
