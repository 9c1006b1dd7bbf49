"""Scale-out: the same analysis over millions of articles on an existing distributed engine.

* :func:`process_shard` (:mod:`presslens.scale.shard`): one pure, restartable unit of work;
  any engine can call it (Dask, Ray, a batch scheduler's array job, a shell loop).
* :class:`DaskExecutor` (:mod:`presslens.scale.dask`, the ``presslens[dask]`` extra): shards
  over a ``dask.distributed`` cluster for ``corpus add --executor dask``.
* :mod:`presslens.scale.ray` (the ``presslens[ray]`` extra): the same unit in Ray actors.

``docs/scaling.md`` explains how to run on a real cluster, with measured figures.
"""

from __future__ import annotations

from typing import Any

from presslens.errors import MissingExtraError
from presslens.scale.shard import ShardResult, done_manifest, process_shard, read_shard, shard_name

__all__ = ["DaskExecutor", "ShardResult", "done_manifest", "process_shard", "read_shard", "require_dask",
           "shard_name"]


def require_dask() -> None:
    """Raise MissingExtraError (E058) when dask.distributed is not installed."""
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError("--executor dask needs the dask extra: pip install 'presslens[dask]'") from exc


def __getattr__(name: str) -> Any:
    """``DaskExecutor`` imports dask.distributed only when asked for."""
    if name == "DaskExecutor":
        require_dask()
        from presslens.scale.dask import DaskExecutor

        return DaskExecutor
    raise AttributeError(name)
