"""Latency of ``presslens serve`` pages on a generated 100,000-document SQLite store.

The store is filled by the store benchmark's generator (``bench_store.build`` over
``synth_corpus``: Zipf-distributed words and names), kept at ``$BENCH_STORE``
(default ``/tmp/presslens-bench-web-100000.db``) so a rerun skips the build.  Each page is
requested through the whole app (middleware, query, Jinja2 rendering) with Starlette's
TestClient, in this process, so no network time is counted; each is paired with the
baseline measured in the same run: the bare Corpus/store query the page is built on.
Prints p50/p95 per page and the page/query ratio; the target is p95 < 300 ms.

    make bench-web              # BENCH_DOCS=100000 BENCH_REPEAT=30 BENCH_STORE=… override
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import build
from synth_corpus import WORDS, zipf_name

TARGET_P95_MS = 300.0


def pages(rng: random.Random) -> dict[str, tuple[Callable[[], str], Callable[[Any], Any]]]:
    """Per page: a URL maker, and the baseline query (Corpus or store) the page is built on."""
    from presslens.web import queries as Q

    common, mid = WORDS[:20], WORDS[20:600]
    state: dict[str, str] = {}

    def draw(key: str, value: str) -> str:
        """Remember a drawn argument so the baseline query uses the same one."""
        state[key] = value
        return value

    return {
        "search, common word": (lambda: f"/search?q={draw('q', rng.choice(common))}",
                                lambda c: Q.search(c.store, state["q"], Q.SearchFilters(), limit=20, offset=0)),
        "search, two words": (lambda: f"/search?q={quote_plus(draw('q', rng.choice(common) + ' ' + rng.choice(mid)))}",
                              lambda c: Q.search(c.store, state["q"], Q.SearchFilters(), limit=20, offset=0)),
        "search + entity + score": (
            lambda: f"/search?q={draw('q', rng.choice(mid))}&entity={quote_plus(draw('e', zipf_name(rng)))}&min_score=0.5",
            lambda c: Q.search(c.store, state["q"], Q.SearchFilters(entity=state["e"], min_score=0.5), limit=20,
                               offset=0)),
        "search page 50": (lambda: f"/search?q={draw('q', rng.choice(common))}&page=50",
                           lambda c: Q.search(c.store, state["q"], Q.SearchFilters(), limit=20, offset=980)),
        "documents, date filter": (lambda: "/search?date_from=2015-01-01&date_to=2016-12-31",
                                   lambda c: Q.documents(c.store, Q.SearchFilters("2015-01-01", "2016-12-31"),
                                                         limit=20, offset=0)),
        "entity page": (lambda: f"/entity?name={quote_plus(draw('e', zipf_name(rng)))}",
                        lambda c: c.entity(state["e"], limit=50)),
        "claims, top": (lambda: "/claims", lambda c: (c.claims(limit=20), Q.count_claims(
            c.store, entity=None, speaker=None, kind=None, min_score=None))),
        "claims, kind + score": (lambda: "/claims?kind=factual&min_score=0.8",
                                 lambda c: (c.claims(kind="factual", min_score=0.8, limit=20), Q.count_claims(
                                     c.store, entity=None, speaker=None, kind="factual", min_score=0.8))),
        "claims, entity": (lambda: f"/claims?entity={quote_plus(draw('e', zipf_name(rng)))}",
                           lambda c: (c.claims(entity=state["e"], limit=20), Q.count_claims(
                               c.store, entity=state["e"], speaker=None, kind=None, min_score=None))),
        "home": (lambda: "/", lambda c: (c.stats(stale=False), c.entities(top=15))),
    }


def percentiles(times: list[float]) -> tuple[float, float]:
    """p50 and p95 of a list of milliseconds."""
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def measure(url: str, repeat: int) -> dict[str, dict[str, float]]:
    """p50/p95 of each page and of its baseline query, and their ratio."""
    from fastapi.testclient import TestClient

    from presslens.corpus import Corpus
    from presslens.web import WebConfig, create_app

    rng = random.Random(11)
    out: dict[str, dict[str, float]] = {}
    app = create_app(WebConfig(db=url, read_only=True))
    with TestClient(app, base_url="http://127.0.0.1") as client, Corpus(url, create=False) as corpus:
        for label, (make_url, baseline) in pages(rng).items():
            client.get(make_url())  # warm the page cache
            page_ms, base_ms = [], []
            for _ in range(repeat):
                path = make_url()
                start = time.perf_counter()
                r = client.get(path)
                page_ms.append(1000 * (time.perf_counter() - start))
                assert r.status_code in (200, 404), (path, r.status_code, r.text[:200])
                start = time.perf_counter()
                baseline(corpus)
                base_ms.append(1000 * (time.perf_counter() - start))
            p50, p95 = percentiles(page_ms)
            b50, b95 = percentiles(base_ms)
            out[label] = {"p50_ms": round(p50, 1), "p95_ms": round(p95, 1), "query_p50_ms": round(b50, 1),
                          "query_p95_ms": round(b95, 1), "page_over_query_p50": round(p50 / max(b50, 0.01), 2)}
            flag = "" if p95 < TARGET_P95_MS else "   (over the 300 ms target)"
            print(f"  {label:<26} page p50 {p50:7.1f} ms  p95 {p95:7.1f} ms | query p50 {b50:7.1f} ms  "
                  f"p95 {b95:7.1f} ms | page/query {p50 / max(b50, 0.01):5.2f}{flag}", flush=True)
    return out


def main() -> None:
    """Build (or reuse) the store, measure, print the closing JSON line."""
    n = int(os.environ.get("BENCH_DOCS", "100000"))
    repeat = int(os.environ.get("BENCH_REPEAT", "30"))
    path = Path(os.environ.get("BENCH_STORE", f"/tmp/presslens-bench-web-{n}.db"))
    print(f"== store of {n:,} generated documents at {path}")
    seconds = build(str(path), n)
    print(f"   ready in {seconds:.0f} s")
    print(f"== page latency, {repeat} requests each (TestClient, in process; baseline: the page's own queries)")
    result = measure(str(path), repeat)
    worst = max(v["p95_ms"] for v in result.values())
    print(f"worst p95 {worst:.1f} ms (target < {TARGET_P95_MS:.0f} ms)")
    print(json.dumps({"documents": n, "repeat": repeat, "pages": result, "worst_p95_ms": worst}))


if __name__ == "__main__":
    main()
