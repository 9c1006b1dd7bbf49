"""Corroboration benchmark: the cost per document of linking claims across a corpus, at two sizes.

Usage: ``make bench-corroboration`` or ``python benchmarks/bench_corroboration.py``.  Environment:
``BENCH_DOCS`` (the smaller corpus, default 2000; the larger is ``BENCH_FACTOR`` times it, default
4), ``BENCH_NEW`` (documents added afterwards, default 100).

Each corpus is generated (``synth_corpus``: templated news analyses, four claims each, a tenth
syndicated) into a fresh SQLite store and its cross-document layer built.  Then, timed:
* **full**: every document's claims linked from nothing (``claims.refresh(force=True)``);
* **new**: ``BENCH_NEW`` more documents added and linked against the stored ones (the
  incremental path of ``crossdoc.refresh``: only the stories that gained documents are read).
Printed: milliseconds per document at both sizes and their ratio (1.0 = linear growth of the
total; the factor itself would be quadratic).  Ends with one JSON line.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_crossdoc import fill
from synth_corpus import synth_analysis

from presslens.corpus.crossdoc import build, claims, refresh
from presslens.store import open_store


def add(store, start: int, n: int) -> None:
    """Store ``n`` more generated analyses, numbered from ``start``."""
    rng = random.Random(start)
    store.put_many([(a, a.document.source, None) for a in (synth_analysis(start + i, rng) for i in range(n))],
                   version="bench")


def measure(n: int, new: int) -> dict[str, float]:
    """Full and incremental claim-linking times for a generated corpus of ``n`` documents."""
    timings: list[float] = []
    original = claims.refresh

    def timed(store, *, force=False):
        """``claims.refresh``, timed."""
        start = time.perf_counter()
        done = original(store, force=force)
        timings.append(time.perf_counter() - start)
        return done

    with tempfile.TemporaryDirectory(prefix="presslens-claims-") as tmp:
        path = str(Path(tmp) / "corpus.db")
        docs = fill(path, n, 0.1)
        store = open_store(path)
        build.claims.refresh = timed  # type: ignore[assignment]
        try:
            refresh(store)
            start = time.perf_counter()
            claims.refresh(store, force=True)
            full = time.perf_counter() - start
            add(store, 10 * n, new)
            refresh(store)
        finally:
            build.claims.refresh = original  # type: ignore[assignment]
        links = store.fetchone("SELECT COUNT(*) FROM xdoc_claim_links")[0]
        store.close()
    return {"documents": docs, "full_ms_per_doc": 1000 * full / docs, "new_ms_per_doc": 1000 * timings[-1] / new,
            "links": int(links)}


def main() -> None:
    """Measure both sizes, print a table and the JSON line."""
    small = int(os.environ.get("BENCH_DOCS", "2000"))
    factor = int(os.environ.get("BENCH_FACTOR", "4"))
    new = int(os.environ.get("BENCH_NEW", "100"))
    results = [measure(small, new), measure(small * factor, new)]
    print(f"{'documents':>10} {'full ms/doc':>12} {'new ms/doc':>11} {'links':>8}")
    for r in results:
        print(f"{r['documents']:>10} {r['full_ms_per_doc']:>12.2f} {r['new_ms_per_doc']:>11.2f} {r['links']:>8}")
    ratio_full = results[1]["full_ms_per_doc"] / results[0]["full_ms_per_doc"]
    ratio_new = results[1]["new_ms_per_doc"] / results[0]["new_ms_per_doc"]
    print(f"cost per document, larger / smaller corpus ({factor}x the documents): full {ratio_full:.2f}, "
          f"new documents {ratio_new:.2f} (1.0 = linear, {factor:.1f} = quadratic)")
    print(json.dumps({"sizes": [r["documents"] for r in results],
                      "full_ms_per_doc": [round(r["full_ms_per_doc"], 3) for r in results],
                      "new_ms_per_doc": [round(r["new_ms_per_doc"], 3) for r in results],
                      "per_doc_ratio_full": round(ratio_full, 3), "per_doc_ratio_new": round(ratio_new, 3)}))


if __name__ == "__main__":
    main()
