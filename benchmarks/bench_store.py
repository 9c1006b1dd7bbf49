"""Corpus store benchmark: what storing costs beside analysing, and how fast queries are at 100,000 documents.

Usage: ``make bench-store`` or ``python benchmarks/bench_store.py``.  Environment:
``BENCH_LIMIT`` (articles for part 1, default 300; BBC when present, else the examples),
``BENCH_DOCS`` (generated documents for part 2, default 100000), ``BENCH_STORE`` (where the
generated SQLite store is kept between runs; ``BENCH_REBUILD=1`` remakes it), ``BENCH_PG_URL``
(also measure PostgreSQL: an empty database; part 2 then loads it too), ``BENCH_REPEAT``
(timings per query, default 20), ``BENCH_SKIP_OVERHEAD=1`` (part 2 only).

1. **Store overhead, in one run**, on the same ingested articles: the analysis alone (the service
   path, model already loaded) against the store's work for the same documents (the skip check
   plus the write of each analysis with its query rows), as a ratio of wall and of CPU time; the
   write measured twice from an empty store: one transaction per document (``ratio_*_per_doc``)
   and the bulk path ``corpus add`` uses (``Store.put_batch`` per 16 results, ``COPY`` on
   PostgreSQL; ``ratio_*``).  Then a rerun of ``Corpus.add`` over the same files, which must skip
   everything.
2. **Query latency** on a store of generated analyses (templates, no spaCy: it builds in minutes):
   each query is run ``BENCH_REPEAT`` times with varied arguments; p50 and p95 in milliseconds.
Ends with one JSON line of the headline figures.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth_corpus import WORDS, synth_analysis, zipf_name  # noqa: E402


def corpus_files() -> list[Path]:
    """The benchmark articles: BBC when present, else the bundled examples."""
    data = ROOT.parent / "shared" / "data" / "bbc"
    files = sorted(p for p in data.glob("*_*.txt")) if data.is_dir() else []
    files = files or sorted((ROOT / "examples").glob("*.txt"))
    limit = int(os.environ.get("BENCH_LIMIT", "300") or 0)
    return files[:limit] if limit > 0 else files


def clock() -> tuple[float, float]:
    """(wall, CPU) seconds now."""
    return time.perf_counter(), time.process_time()


def since(start: tuple[float, float]) -> tuple[float, float]:
    """(wall, CPU) seconds elapsed."""
    wall, cpu = clock()
    return wall - start[0], cpu - start[1]


def overhead(url_for: dict[str, str]) -> dict[str, Any]:
    """Part 1: analysis alone vs the store's work on the same documents, per backend."""
    from presslens.corpus import Corpus
    from presslens.corpus.service import analysis_version, analyze_stream, preloaded
    from presslens.ingest import ingest_path
    from presslens.settings import Settings
    from presslens.store import open_store

    settings = Settings(on_error="record")
    files = corpus_files()
    docs = [ingest_path(f) for f in files]
    version = analysis_version(settings)
    list(analyze_stream([preloaded("warm", docs[0])], settings))  # load the model outside the timing
    start = clock()
    analyses = [a for _, a in analyze_stream([preloaded(str(f), d) for f, d in zip(files, docs, strict=True)],
                                             settings)]
    an_wall, an_cpu = since(start)
    out: dict[str, Any] = {"documents": len(docs), "analysis_s": round(an_wall, 2), "analysis_cpu_s": round(an_cpu, 2)}
    print(f"analysis alone: {len(docs)} documents in {an_wall:.1f} s wall, {an_cpu:.1f} s CPU "
          f"({len(docs) / an_wall:.1f} docs/s)")
    for backend, url in url_for.items():
        for path, key in (("one transaction per document", "_per_doc"), (BATCHED, "")):
            store = open_store(url)
            empty(store)
            start = clock()
            write(store, files, analyses, version, batched=not key)
            st_wall, st_cpu = since(start)
            out[f"store_{backend}{key}_s"] = round(st_wall, 3)
            out[f"ratio_{backend}{key}"] = round(st_wall / an_wall, 4)
            out[f"ratio_cpu_{backend}{key}"] = round(st_cpu / an_cpu, 4)
            if not key:
                out[f"store_kb_per_doc_{backend}"] = round(stored_kb(store, url) / len(docs), 1)
            print(f"{backend}, {path}: store work {st_wall:.2f} s wall ({1000 * st_wall / len(docs):.1f} ms/doc), "
                  f"{st_cpu:.2f} s CPU → overhead ratio {st_wall / an_wall:.3f} wall, {st_cpu / an_cpu:.3f} CPU")
            store.close()
        print(f"{backend}: {out[f'store_kb_per_doc_{backend}']:.1f} KB on disk per document (tables, indexes, full text)")
        start = clock()
        with Corpus(url) as corpus:
            report = corpus.add([str(f) for f in files], settings=settings)
        rerun = since(start)[0]
        out[f"rerun_{backend}_s"] = round(rerun, 2)
        print(f"{backend}: rerun of corpus add over the same files: {report.skipped} skipped, "
              f"{report.added} added in {rerun:.2f} s")
    return out


BATCHED = "batches of 16 in one transaction (corpus add)"


def write(store: Any, files: list[Path], analyses: list[Any], version: str, *, batched: bool) -> None:
    """The store's work for these analyses: the skip check of each, then its write.

    ``batched``: as ``corpus add`` writes now, ``Store.put_batch`` per 16 results (COPY on
    PostgreSQL); else ``put_analysis``, one transaction per document.
    """
    from presslens.corpus.add import COMMIT_EVERY

    pending: list[Any] = []
    for f, a in zip(files, analyses, strict=True):
        store.lookup(a.document.id, str(f))
        if not batched:
            store.put_analysis(a, version=version, source=str(f), origin=None)
            continue
        pending.append((a, str(f), None, None))
        if len(pending) == COMMIT_EVERY:
            store.put_batch(pending, version=version)
            pending = []
    if pending:
        store.put_batch(pending, version=version)


def stored_kb(store: Any, url: str) -> float:
    """Kilobytes the store takes on disk now: PostgreSQL's relations with their indexes, or the SQLite files."""
    if store.dialect == "postgresql":
        row = store.conn.execute("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n "
                                 "ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm') "
                                 "AND n.nspname = current_schema()").fetchone()
        return float(row[0] or 0) / 1000
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in Path(url).parent.glob(Path(url).name + "*")) / 1000


def empty(store: Any) -> None:
    """Remove every row (both measurements start from an empty store)."""
    tables = ("documents", "document_sources", "analyses", "entities", "entity_names", "entity_totals", "mentions",
              "claims", "claim_entities", "quotes", "events", "event_participants", "timeline", "failures")
    if store.dialect == "postgresql":
        store.conn.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY")
        return
    store.conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('delete-all')")
    for table in tables:
        store.conn.execute(f"DELETE FROM {table}")
    store.conn.execute("VACUUM")


def build(url: str, n: int) -> float:
    """Fill an empty store with n generated analyses (batches of 500 per transaction); return seconds."""
    from presslens.store import open_store

    store = open_store(url)
    row = store.fetchone("SELECT COUNT(*) FROM document_sources WHERE origin = 'bench'")  # type: ignore[attr-defined]
    have = int(row[0]) if row else 0
    rng = random.Random(7)
    start = time.perf_counter()
    batch: list[Any] = []
    for i in range(n):
        a = synth_analysis(i, rng)
        if i < have:
            continue
        batch.append((a, f"synthetic/{i}.txt", "bench"))
        if len(batch) == 500:
            store.put_many(batch, version="bench")
            batch = []
            if i % 10_000 < 500:
                print(f"  … {i + 1:,} documents ({time.perf_counter() - start:.0f} s)", flush=True)
    if batch:
        store.put_many(batch, version="bench")
    store.optimize()  # fresh planner statistics, as autovacuum would gather after a bulk load
    store.close()
    return time.perf_counter() - start


def queries(rng: random.Random) -> dict[str, Callable[[Any], Any]]:
    """The timed queries, each a function of the corpus drawing its arguments at random."""
    common, rare = WORDS[:20], WORDS[300:3000]

    def name() -> str:
        """A person's name, drawn as often as documents mention it."""
        return zipf_name(rng)

    return {
        "search common word": lambda c: c.search(rng.choice(common)),
        "search rare word": lambda c: c.search(rng.choice(rare)),
        "search two words": lambda c: c.search(f"{rng.choice(common)} {rng.choice(WORDS[:300])}"),
        "search phrase": lambda c: c.search(f'"{rng.choice(["port authority", "city council", "union leader"])}"'),
        "entities top 50": lambda c: c.entities(top=50),
        "entities --type PERSON": lambda c: c.entities(type="PERSON", top=50),
        "entity NAME": lambda c: c.entity(name(), limit=20),
        "claims (top 50)": lambda c: c.claims(),
        "claims --entity": lambda c: c.claims(entity=name()),
        "claims --speaker": lambda c: c.claims(speaker=name()),
        "claims --kind --min-score": lambda c: c.claims(kind="factual", min_score=0.8),
        "quotes --speaker": lambda c: c.quotes(speaker=name()),
        "timeline": lambda c: c.timeline(),
        "timeline --from --to": lambda c: c.timeline(date_from=f"20{rng.randint(10, 23)}-0{rng.randint(1, 9)}",
                                                     date_to=f"20{rng.randint(10, 23)}-12"),
        "timeline --entity": lambda c: c.timeline(entity=name()),
        "stats": lambda c: c.stats(stale=False),
    }


def latency(url: str, repeat: int) -> dict[str, dict[str, float]]:
    """Part 2: p50/p95 ms per query."""
    from presslens.corpus import Corpus

    rng = random.Random(11)
    out: dict[str, dict[str, float]] = {}
    with Corpus(url) as corpus:
        for label, fn in queries(rng).items():
            fn(corpus)  # warm the page cache
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                fn(corpus)
                times.append(1000 * (time.perf_counter() - start))
            times.sort()
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            out[label] = {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(p95, 1)}
            print(f"  {label:<28} p50 {out[label]['p50_ms']:>8.1f} ms   p95 {p95:>8.1f} ms", flush=True)
    return out


def main() -> None:
    """Run both parts and print the closing JSON line."""
    pg = os.environ.get("BENCH_PG_URL")
    tmp_dir = tempfile.TemporaryDirectory(prefix="presslens-bench-store-")
    tmp = tmp_dir.name
    urls = {"sqlite": str(Path(tmp) / "overhead.db")}
    if pg:
        urls["postgresql"] = pg
    result: dict[str, Any] = {"overhead": {}}
    if not os.environ.get("BENCH_SKIP_OVERHEAD"):
        print("== 1. store overhead beside analysis (same documents, one run)")
        result["overhead"] = overhead(urls)
    tmp_dir.cleanup()
    n = int(os.environ.get("BENCH_DOCS", "100000"))
    repeat = int(os.environ.get("BENCH_REPEAT", "20"))
    path = Path(os.environ.get("BENCH_STORE", f"/tmp/presslens-bench-store-{n}.db"))
    if os.environ.get("BENCH_REBUILD") and path.exists():
        path.unlink()
    targets = {"sqlite": str(path)}
    if pg:
        targets["postgresql"] = pg
    for backend, url in targets.items():
        print(f"== 2. query latency on {n:,} generated documents ({backend})")
        seconds = build(url, n)
        print(f"  built in {seconds:.0f} s" if seconds > 1 else "  (store reused)")
        result[f"latency_{backend}"] = latency(url, repeat)
    worst = {b: max(v["p95_ms"] for v in result[f"latency_{b}"].values()) for b in targets}
    print(json.dumps({"store_overhead_ratio": result["overhead"].get("ratio_sqlite"),
                      "store_overhead_ratio_cpu": result["overhead"].get("ratio_cpu_sqlite"),
                      "store_overhead_ratio_pg": result["overhead"].get("ratio_postgresql"),
                      "documents_generated": n, "worst_query_p95_ms": worst, **result}))


if __name__ == "__main__":
    main()
