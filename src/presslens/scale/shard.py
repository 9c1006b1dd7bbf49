"""``process_shard``: one pure, restartable unit of work that any engine can run.

A *shard* is a list of inputs (paths, records, or :class:`~presslens.ingest.InputItem`\\ s),
or one JSONL / CSV / Parquet file of records.  ``process_shard(inputs, output, settings)``
analyses it through the one service path (:func:`presslens.corpus.service.analyze_stream`,
the same call ``corpus add`` makes in-process) and writes three files beside ``output``:

* ``NAME.jsonl`` (or ``NAME.parquet``): the analyses, in input order.  JSONL lines are the
  ``presslens.analysis/1`` JSON contract; Parquet rows are ``source``, ``document_id``,
  ``analysis_version`` and ``analysis`` (that same JSON text);
* ``NAME.failures.jsonl``: one :class:`~presslens.model.failure.Failure` object per line;
* ``NAME.manifest.json``: the shard's analysis version, its input keys, the counts, the
  order of analyses and failures, and the SHA-256 of both files.

Each file is written to a hidden ``.NAME….part`` file in the same folder and renamed into
place; the manifest is renamed last, so it is the commit point: a shard is *done* when its
manifest exists, names the current analysis version and matches the files beside it.  A done
shard is skipped (nothing is read or analysed); anything else is redone from the start.  So a
worker killed mid-shard loses that shard only, and running the same shard twice (a retry, a
second engine) writes the same bytes.

Shard names are content-addressed: :func:`shard_name` hashes the shard's input list (a path
by its name, a record by its canonical JSON, a pre-ingested document by its source and
content hash), so re-cutting the same inputs into the same shards finds the finished ones.

Hand-written: the atomic rename and the manifest are a few lines of ``os.replace``; the
Parquet file is written by pyarrow.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import hashlib
import json
import os
import resource
import socket
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from presslens.corpus.service import analysis_version, analyze_stream, preloaded_document
from presslens.ingest import InputItem
from presslens.model.analysis import Analysis
from presslens.model.failure import Failure
from presslens.settings import Settings

FORMAT = "presslens.shard/1"
FORMATS = (".jsonl", ".parquet")
ShardInput = str | Path | Mapping[str, Any] | InputItem
PARQUET_ROWS = 64  # analyses per Parquet row group (a row group is held in memory)


@dataclass(frozen=True, slots=True)
class ShardResult:
    """What one call of :func:`process_shard` did: plain data, small, safe to send between processes.

    ``skipped`` is True when the shard was already done (same analysis version) and nothing was
    analysed.  ``rss_mb`` and ``peak_rss_mb`` are the calling process's resident memory after
    the shard and its peak so far (a worker's memory over the stream).
    """

    name: str
    output: str
    failures_path: str
    manifest: str
    analysis_version: str
    inputs: int
    analyses: int
    failures: int
    skipped: bool
    seconds: float
    cpu_seconds: float
    rss_mb: float
    peak_rss_mb: float
    pid: int
    host: str

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-ready data."""
        return asdict(self)


def shard_settings(settings: Settings | None) -> Settings:
    """The settings a shard runs with: ``on_error="record"`` (engines preload this pipeline)."""
    return (settings or Settings()).with_(on_error="record")


def input_key(value: ShardInput) -> str:
    """The stable key of one shard input (what :func:`shard_name` hashes)."""
    if isinstance(value, (str, Path)):
        return f"path:{value}"
    if isinstance(value, InputItem):
        doc = preloaded_document(value)
        return f"doc:{value.source}:{doc.id}" if doc is not None else f"item:{value.source}"
    canonical = json.dumps(dict(value), sort_keys=True, ensure_ascii=False, default=str)
    return "record:" + hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def shard_name(inputs: Iterable[ShardInput] | str | Path) -> str:
    """``shard-`` and 20 hex digits of the SHA-256 of the input keys, in order."""
    values = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    digest = hashlib.sha256("\n".join(input_key(v) for v in values).encode("utf-8", "surrogatepass"))
    return f"shard-{digest.hexdigest()[:20]}"


def shard_paths(output: str | Path) -> tuple[Path, Path, Path]:
    """``(analyses, failures, manifest)`` paths for an output such as ``out/shard-ab12.jsonl``."""
    out = Path(output)
    if out.suffix not in FORMATS:
        raise ValueError(f"{output}: a shard output ends in .jsonl or .parquet")
    return out, out.with_name(f"{out.stem}.failures.jsonl"), out.with_name(f"{out.stem}.manifest.json")


def process_shard(inputs: Sequence[ShardInput] | str | Path, output: str | Path,
                  settings: Settings | None = None) -> ShardResult:
    """Analyse a shard into ``output`` (+ failures and manifest), atomically; skip it when already done.

    Args:
        inputs: paths (files, folders, JSONL/CSV files), records, InputItems, or one
            ``.parquet`` / ``.jsonl`` / ``.csv`` file of records.
        output: ``….jsonl`` or ``….parquet``; its folder is created.
        settings: the analysis options (``on_error`` is always ``record``: a failure is written
            to the failures file and the shard goes on).

    Returns:
        A :class:`ShardResult` (counts, timings, memory; ``skipped`` when nothing was done).
    """
    started, cpu = time.perf_counter(), time.process_time()
    settings = shard_settings(settings)
    version = analysis_version(settings)
    out, fail_path, manifest_path = shard_paths(output)
    manifest = done_manifest(out, version)
    if manifest is None:
        out.parent.mkdir(parents=True, exist_ok=True)
        keys: list[ShardInput] = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
        manifest = _write_shard(_items(keys, settings), out, fail_path, manifest_path, settings, version,
                                [input_key(k) for k in keys])
        skipped = False
    else:
        skipped = True
    release_memory()
    rss, peak = memory_mb()
    return ShardResult(out.stem, str(out), str(fail_path), str(manifest_path), version, manifest["inputs"],
                       manifest["analyses"], manifest["failures"], skipped, time.perf_counter() - started,
                       time.process_time() - cpu, rss, peak, os.getpid(), socket.gethostname())


def _items(inputs: list[ShardInput], settings: Settings) -> Iterator[InputItem]:
    """The shard's inputs as InputItems, lazily (Parquet record files read in batches)."""
    from presslens.api import as_items

    for value in inputs:
        if isinstance(value, (str, Path)) and str(value).lower().endswith(".parquet"):
            yield from parquet_items(str(value), settings)
        else:
            yield from as_items([value], settings)


def parquet_items(path: str, settings: Settings, batch: int = 256) -> Iterator[InputItem]:
    """One InputItem per row of a Parquet file of records (``id``, ``text``, optional ``title`` …)."""
    import pyarrow.parquet as pq

    from presslens.ingest.jsonl import record_item

    n = 0
    for rows in pq.ParquetFile(path).iter_batches(batch_size=batch):
        for record in rows.to_pylist():
            n += 1
            yield record_item({k: v for k, v in record.items() if v is not None}, settings, f"{path}:{n}")


def done_manifest(output: str | Path, version: str) -> dict[str, Any] | None:
    """The manifest of a finished shard at ``output`` under ``version``, else None (redo it)."""
    out, fail_path, manifest_path = shard_paths(output)
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT or manifest.get("analysis_version") != version:
            return None
        if file_sha256(out) != manifest["sha256"] or file_sha256(fail_path) != manifest["failures_sha256"]:
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return manifest  # type: ignore[no-any-return]


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def release_memory() -> bool:
    """Collect garbage and hand the C heap's free pages back to the system (glibc ``malloc_trim``).

    A long-lived worker's resident memory otherwise keeps the high-water mark of every shard it
    ran (freed blocks stay in the process's heap), so it creeps up over a stream although nothing
    is live; Dask's documentation gives the same remedy ("Memory not released back to the OS").
    True when the trim ran (Linux with glibc), False elsewhere.
    """
    gc.collect()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        return False
    return True


def memory_mb() -> tuple[float, float]:
    """This process's resident memory now and its peak so far, in MB (Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            rss = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):  # pragma: no cover - not Linux
        rss = peak
    return round(rss, 1), round(peak, 1)


def _part(path: Path) -> Path:
    """The hidden temporary name beside ``path`` (one per process: two writers never share it)."""
    return path.with_name(f".{path.name}.{socket.gethostname()}-{os.getpid()}.part")


def _write_shard(items: Iterator[InputItem], out: Path, fail_path: Path, manifest_path: Path,
                 settings: Settings, version: str, keys: list[str]) -> dict[str, Any]:
    """Stream the results into temporary files, then rename them into place, manifest last."""
    parts = [_part(p) for p in (out, fail_path, manifest_path)]
    order: list[str] = []
    try:
        with AnalysisWriter(parts[0], out.suffix == ".parquet") as analyses, open(parts[1], "w", encoding="utf-8") as failures:
            for _source, result in analyze_stream(items, settings):
                if isinstance(result, Analysis):
                    analyses.add(result)
                    order.append("a")
                else:
                    failures.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                    order.append("f")
        manifest = {"format": FORMAT, "name": out.stem, "analysis_version": version, "inputs": len(order),
                    "analyses": order.count("a"), "failures": order.count("f"), "order": "".join(order),
                    "output": out.name, "sha256": file_sha256(parts[0]), "failures_file": fail_path.name,
                    "failures_sha256": file_sha256(parts[1]), "keys": keys}
        parts[2].write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        for part, final in zip(parts, (out, fail_path, manifest_path), strict=True):
            os.replace(part, final)
    finally:
        for part in parts:
            part.unlink(missing_ok=True)
    return manifest


class AnalysisWriter:
    """Streams analyses to a JSONL file, or to a Parquet file in row groups of :data:`PARQUET_ROWS`."""

    def __init__(self, path: Path, parquet: bool) -> None:
        """Write to ``path`` (a ``.part`` name), as Parquet or as JSONL."""
        self.parquet = parquet
        self.path = path
        self.rows: list[dict[str, str]] = []
        self.fh: IO[str] | None = None
        self.writer: Any = None

    def __enter__(self) -> AnalysisWriter:
        """Open the file (Parquet: the schema is fixed, the writer opens on first flush)."""
        if not self.parquet:
            self.fh = open(self.path, "w", encoding="utf-8")
        return self

    def add(self, analysis: Analysis) -> None:
        """Write one analysis (Parquet: buffered up to a row group)."""
        line = json.dumps(analysis.to_dict(), ensure_ascii=False, separators=(",", ":"))
        if self.fh is not None:
            self.fh.write(line + "\n")
            return
        self.rows.append({"source": analysis.document.source, "document_id": analysis.document.id,
                          "analysis_version": analysis.provenance.analysis_version or "", "analysis": line})
        if len(self.rows) >= PARQUET_ROWS:
            self._flush()

    def _flush(self) -> None:
        """Write the buffered rows as one Parquet row group."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([(name, pa.string()) for name in ("source", "document_id", "analysis_version",
                                                             "analysis")])
        if self.writer is None:
            self.writer = pq.ParquetWriter(str(self.path), schema, compression="zstd")
        self.writer.write_table(pa.Table.from_pylist(self.rows, schema=schema))
        self.rows = []

    def __exit__(self, *exc: object) -> None:
        """Flush and close (an empty Parquet shard still gets a valid file)."""
        if self.fh is not None:
            self.fh.close()
            return
        if self.rows or self.writer is None:
            self._flush()
        self.writer.close()


def read_shard(output: str | Path) -> Iterator[tuple[str, Analysis | Failure]]:
    """The results of a finished shard, in input order: ``(source, Analysis | Failure)``."""
    out, fail_path, manifest_path = shard_paths(output)
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    analyses = iter_analyses(out)
    with open(fail_path, encoding="utf-8") as failures:
        for kind in manifest["order"]:
            if kind == "a":
                analysis = next(analyses)
                yield analysis.document.source, analysis
            else:
                failure = Failure(**json.loads(failures.readline()))
                yield failure.source, failure


def iter_analyses(path: str | Path) -> Iterator[Analysis]:
    """The analyses of a shard file (JSONL or Parquet), in order, in constant memory."""
    for line in iter_analysis_json(path):
        yield Analysis.from_dict(json.loads(line))


def iter_analysis_json(path: str | Path) -> Iterator[str]:
    """The JSON text of each analysis of a shard file, in order."""
    if str(path).endswith(".parquet"):
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(str(path)).iter_batches(columns=["analysis"], batch_size=PARQUET_ROWS):
            yield from batch.column(0).to_pylist()
        return
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n")
