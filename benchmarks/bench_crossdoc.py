"""Cross-document layer benchmark: cost per document at two corpus sizes (near-linear growth).

Usage: ``make bench-crossdoc`` or ``python benchmarks/bench_crossdoc.py``.  Environment:
``BENCH_DOCS`` (the smaller corpus, default 2000; the larger is ``BENCH_FACTOR`` times it,
default 4), ``BENCH_COPIES`` (share of documents that get a syndicated copy, default 0.1).

Each corpus is generated (``synth_corpus``: templated news analyses, no spaCy) into a fresh
SQLite store; then the whole cross-document layer is built (fingerprints, syndication, stories,
entities, events) and timed, first from nothing and then again with the fingerprints already
stored (what a refresh after adding documents costs).  The figures are seconds per 1,000
documents at both sizes, and their ratio: 1.0 is linear growth, 4.0 would be quadratic at a
factor of 4.  Ends with one JSON line.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth_corpus import synth_analysis

from presslens.corpus.crossdoc import refresh
from presslens.model.document import content_id
from presslens.store import open_store


def fill(path: str, n: int, copies: float, seed: int = 14) -> int:
    """Write ``n`` generated analyses (and syndicated copies of a share of them); return the documents stored."""
    rng = random.Random(seed)
    store = open_store(path)
    batch, total = [], 0
    for i in range(n):
        analysis = synth_analysis(i, rng)
        items = [analysis]
        if rng.random() < copies:
            text = analysis.document.text + "\n\nDistributed by Harbour Wire."
            doc = replace(analysis.document, text=text, id=content_id(text), source=f"copy/{i}.txt")
            items.append(replace(analysis, document=doc))
        batch.extend((a, a.document.source, None) for a in items)
        if len(batch) >= 500:
            total += store.put_many(batch, version="bench")
            batch = []
    total += store.put_many(batch, version="bench") if batch else 0
    store.optimize()
    store.close()
    return total


def measure(n: int, copies: float) -> dict[str, float]:
    """Build times of the cross-document layer for a generated corpus of ``n`` documents."""
    with tempfile.TemporaryDirectory(prefix="presslens-xdoc-") as tmp:
        path = str(Path(tmp) / "corpus.db")
        docs = fill(path, n, copies)
        store = open_store(path)
        start = time.perf_counter()
        first = refresh(store, force=True)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        refresh(store, force=True)
        warm = time.perf_counter() - start
        store.close()
    return {"documents": docs, "first_s": cold, "rebuild_s": warm, "first_ms_per_doc": 1000 * cold / docs,
            "rebuild_ms_per_doc": 1000 * warm / docs, "stories": first.stories, "groups": first.groups,
            "entities": first.entities}


def main() -> None:
    """Measure both sizes, print a table and the JSON line."""
    small = int(os.environ.get("BENCH_DOCS", "2000"))
    factor = int(os.environ.get("BENCH_FACTOR", "4"))
    copies = float(os.environ.get("BENCH_COPIES", "0.1"))
    results = [measure(small, copies), measure(small * factor, copies)]
    print(f"{'documents':>10} {'first build':>12} {'ms/doc':>8} {'rebuild':>10} {'ms/doc':>8} {'stories':>8}")
    for r in results:
        print(f"{r['documents']:>10} {r['first_s']:>11.1f}s {r['first_ms_per_doc']:>8.2f} {r['rebuild_s']:>9.1f}s "
              f"{r['rebuild_ms_per_doc']:>8.2f} {r['stories']:>8}")
    ratio_first = results[1]["first_ms_per_doc"] / results[0]["first_ms_per_doc"]
    ratio_rebuild = results[1]["rebuild_ms_per_doc"] / results[0]["rebuild_ms_per_doc"]
    print(f"cost per document, larger / smaller corpus ({factor}x the documents): first build {ratio_first:.2f}, "
          f"rebuild {ratio_rebuild:.2f} (1.0 = linear, {factor:.1f} = quadratic)")
    print(json.dumps({"sizes": [r["documents"] for r in results], "first_ms_per_doc": [round(r["first_ms_per_doc"], 3)
                      for r in results], "rebuild_ms_per_doc": [round(r["rebuild_ms_per_doc"], 3) for r in results],
                      "per_doc_ratio_first": round(ratio_first, 3), "per_doc_ratio_rebuild": round(ratio_rebuild, 3)}))


if __name__ == "__main__":
    main()
