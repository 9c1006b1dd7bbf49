"""Scale-out benchmark: one process, a 2-worker Dask LocalCluster, and ``--jobs 2``, in one run.

Usage: ``make bench-scale`` or ``python benchmarks/bench_scale.py``.  Environment:
``BENCH_LIMIT`` (articles, default all of ``../shared/data/bbc``; the bundled examples when it
is absent), ``BENCH_ROUNDS`` (default 1; rounds alternate the order of the three ways, so a
drift in the machine's load hits them alike), ``BENCH_SHARD`` (inputs per Dask shard, default
25), ``BENCH_WORKERS`` (default 2).

The three ways analyse the same files with the same settings and write every analysis as a
JSON line (Dask: ``process_shard`` writes shard files; the others a JSONL file), all inside the
timing.  The model is loaded before any timing (in this process, and by the worker plugin on
each Dask worker).  Per way and round it prints wall time, docs/s, CPU seconds (this process
plus its children; for Dask the client with its scheduler plus the worker processes) and the
CPU share (CPU ÷ wall; 200% = both cores busy).  The machine is shared, so the 1-minute load
average is printed before and after each pass: read the speed-ups beside it.  Then:

* the speed-ups against one process (wall; and CPU per document, which load does not change);
* whether the three sets of analyses are byte-identical once sorted;
* each Dask worker's resident memory after its shards at 0/25/50/75/100% of its stream, and
  its peak (flat = constant memory per worker).

Ends with one JSON line of the headline figures.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def corpus_files() -> list[str]:
    """The benchmark articles: BBC when present, else the bundled examples."""
    data = ROOT.parent / "shared" / "data" / "bbc"
    files = sorted(data.glob("*_*.txt")) if data.is_dir() else []
    files = files or sorted((ROOT / "examples").glob("*.txt"))
    limit = int(os.environ.get("BENCH_LIMIT", "0") or 0)
    return [str(f) for f in (files[:limit] if limit > 0 else files)]


def load() -> float:
    """The 1-minute load average."""
    return os.getloadavg()[0]


def cpu_self_and_children() -> float:
    """CPU seconds of this process and of its finished children."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def worker_cpu() -> float:
    """On a Dask worker: its process's CPU seconds."""
    import psutil

    t = psutil.Process().cpu_times()
    return float(t.user + t.system)


def run_service(files: list[str], settings: Any, workers: int, out: Path) -> dict[str, Any]:
    """One process (workers=1) or ``--jobs 2`` (workers=2): analyze_items, every analysis to JSONL."""
    from presslens import Analysis, analyze_items
    from presslens.present.json import to_jsonl_line

    cpu, wall = cpu_self_and_children(), time.perf_counter()
    with open(out, "w", encoding="utf-8") as fh:
        for _source, result in analyze_items(files, settings, workers=workers):
            if isinstance(result, Analysis):
                fh.write(to_jsonl_line(result) + "\n")
    return {"wall": time.perf_counter() - wall, "cpu": cpu_self_and_children() - cpu, "files": [out]}


def run_dask(client: Any, files: list[str], settings: Any, shard: int, out: Path) -> dict[str, Any]:
    """The Dask way: shards of ``shard`` files through process_shard on the cluster."""
    from presslens.scale.dask import map_shards

    shards = [files[i : i + shard] for i in range(0, len(files), shard)]
    before = sum(client.run(worker_cpu).values())
    cpu, wall = cpu_self_and_children(), time.perf_counter()
    results = [r for _, r in map_shards(client, shards, out, settings)]
    elapsed = time.perf_counter() - wall
    workers_cpu = sum(client.run(worker_cpu).values()) - before
    return {"wall": elapsed, "cpu": cpu_self_and_children() - cpu + workers_cpu, "results": results,
            "files": [Path(r.output) for r in results]}


def digest(paths: list[Path]) -> tuple[str, int, int]:
    """SHA-256 of the sorted analysis lines of these files, how many lines, and their UTF-8 bytes."""
    from presslens.scale.shard import iter_analysis_json

    lines = sorted(line for p in paths for line in iter_analysis_json(p))
    blob = "\n".join(lines).encode()
    return hashlib.sha256(blob).hexdigest(), len(lines), len(blob)


def rss_profile(results: list[Any]) -> dict[str, Any]:
    """Per worker: RSS after its shards at 0/25/50/75/100% of its stream, and its peak (MB)."""
    by_pid: dict[int, list[Any]] = {}
    for r in results:
        by_pid.setdefault(r.pid, []).append(r)
    out = {}
    for pid, rs in by_pid.items():
        at = [rs[min(len(rs) - 1, round(q * (len(rs) - 1)))].rss_mb for q in (0, 0.25, 0.5, 0.75, 1)]
        out[str(pid)] = {"shards": len(rs), "rss_mb": at, "peak_rss_mb": max(r.peak_rss_mb for r in rs)}
    return out


def warm(client: Any, files: list[str], settings: Any) -> None:
    """Model and lazy resources loaded everywhere before any timing."""
    from presslens import analyze_items
    from presslens.scale.dask import map_shards, worker_count

    list(analyze_items(files[:2], settings))
    with tempfile.TemporaryDirectory(prefix="presslens-bench-warm-") as tmp:
        list(map_shards(client, [[f] for f in files[: 2 * worker_count(client)]], tmp, settings))


def main() -> None:
    """Run the three ways for BENCH_ROUNDS rounds and print the figures."""
    from presslens.scale.dask import connect, worker_count
    from presslens.settings import Settings

    files = corpus_files()
    rounds = int(os.environ.get("BENCH_ROUNDS", "1"))
    shard = int(os.environ.get("BENCH_SHARD", "25"))
    n_workers = int(os.environ.get("BENCH_WORKERS", "2"))
    settings = Settings(on_error="record")
    print(f"{len(files)} articles, {rounds} round(s), shards of {shard}, {os.cpu_count()} cores, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    started = time.perf_counter()
    with connect(settings, workers=n_workers) as client:
        client.wait_for_workers(n_workers, timeout=600)
        print(f"LocalCluster of {worker_count(client)} workers up, model loaded on each, in "
              f"{time.perf_counter() - started:.1f} s; dashboard {client.dashboard_link}", flush=True)
        warm(client, files, settings)
        passes = bench_rounds(client, files, settings, shard, n_workers, rounds)
    report(passes, len(files))


def bench_rounds(client: Any, files: list[str], settings: Any, shard: int, n_workers: int,
                 rounds: int) -> dict[str, list[dict[str, Any]]]:
    """The timed passes, the order of the ways alternating between rounds."""
    ways = ["one process", f"dask {n_workers} workers", f"--jobs {n_workers}"]
    passes: dict[str, list[dict[str, Any]]] = {w: [] for w in ways}
    with tempfile.TemporaryDirectory(prefix="presslens-bench-scale-") as tmp:
        for r in range(rounds):
            for way in ways if r % 2 == 0 else ways[::-1]:
                out = Path(tmp) / f"{len(passes[way])}-{way.replace(' ', '_')}"
                before = load()
                if way.startswith("dask"):
                    res = run_dask(client, files, settings, shard, out)
                else:
                    res = run_service(files, settings, 1 if way == "one process" else n_workers,
                                      out.with_suffix(".jsonl"))
                res["load"] = (before, load())
                res["digest"] = digest(res.pop("files"))
                passes[way].append(res)
                print(f"round {r + 1}/{rounds}  {way:<16} {res['wall']:8.1f} s  {len(files) / res['wall']:6.2f} docs/s"
                      f"  cpu {res['cpu']:8.1f} s ({100 * res['cpu'] / res['wall']:3.0f}% of a core)"
                      f"  load {res['load'][0]:.2f}→{res['load'][1]:.2f}", flush=True)
    return passes


def report(passes: dict[str, list[dict[str, Any]]], n: int) -> None:
    """Speed-ups, identity of the analyses, memory per worker, and the JSON line."""
    one, dask_way, jobs = passes
    wall = {w: statistics.median(p["wall"] for p in ps) for w, ps in passes.items()}
    cpu = {w: statistics.median(p["cpu"] for p in ps) for w, ps in passes.items()}
    for w in passes:
        print(f"{w:<16} median {wall[w]:8.1f} s  {n / wall[w]:6.2f} docs/s  {1000 * cpu[w] / n:6.0f} ms CPU/doc  "
              f"speed-up ×{wall[one] / wall[w]:.2f} (wall)  CPU/doc ×{cpu[w] / cpu[one]:.2f} of one process")
    digests = {p["digest"] for ps in passes.values() for p in ps}
    _sha, n_analyses, n_bytes = next(iter(digests))
    print(f"analyses byte-identical across the three ways (sorted JSON lines): {'yes' if len(digests) == 1 else 'NO'}"
          f" ({n_analyses} analyses each, {n_bytes / max(1, n_analyses) / 1000:.1f} KB of JSON per analysis)")
    results = passes[dask_way][-1]["results"]
    rss = rss_profile(results)
    for pid, prof in rss.items():
        print(f"dask worker {pid}: {prof['shards']} shards, RSS after shards at 0/25/50/75/100% "
              f"{' '.join(f'{x:.0f}' for x in prof['rss_mb'])} MB, peak {prof['peak_rss_mb']:.0f} MB")
    print(json.dumps({
        "docs": n, "rounds": len(passes[one]),
        "docs_per_s": {w: round(n / wall[w], 2) for w in passes},
        "speedup_dask": round(wall[one] / wall[dask_way], 3), "speedup_jobs": round(wall[one] / wall[jobs], 3),
        "cpu_ms_per_doc": {w: round(1000 * cpu[w] / n, 1) for w in passes},
        "identical": len(digests) == 1, "json_kb_per_analysis": round(n_bytes / max(1, n_analyses) / 1000, 1),
        "peak_rss_mb_per_worker": {pid: prof["peak_rss_mb"] for pid, prof in rss.items()},
        "load_1min": [round(p["load"][i], 2) for ps in passes.values() for p in ps for i in (0, 1)],
    }))


if __name__ == "__main__":
    sys.exit(main())
