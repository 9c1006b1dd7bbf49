"""Crash safety with real processes: ``kill -9`` at random moments, then a rerun finishes the job with no
document lost, duplicated or half-written; two concurrent ``corpus add`` on one store both complete.

Kill points are drawn from a seeded RNG: after k committed documents (k random, increasing) plus a
random delay, so some kills land between transactions and others inside one.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import zlib

import pytest
from articles import write_corpus

pytestmark = pytest.mark.slow
N_DOCS = 24
KILLS = 5


def cli(*args: str) -> list[str]:
    """The presslens command line, run by this interpreter."""
    return [sys.executable, "-m", "presslens", *args]


def count(url: str, sql: str = "SELECT COUNT(*) FROM analyses") -> int:
    """One number from the store, read with the plain driver (0 while it has no tables yet)."""
    try:
        if "://" in url:
            import psycopg

            with psycopg.connect(url, connect_timeout=5) as conn:
                return int(conn.execute(sql).fetchone()[0])
        conn = sqlite3.connect(url, timeout=30)
        try:
            return int(conn.execute(sql).fetchone()[0])
        finally:
            conn.close()
    except Exception:
        return 0


def kill_after(args: list[str], url: str, committed: int, delay: float) -> bool:
    """Start ``corpus add``; SIGKILL it once ``committed`` analyses are stored and ``delay`` has passed."""
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        if count(url) >= committed:
            time.sleep(delay)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=60)
            return True
        time.sleep(0.02)
    proc.wait(timeout=60)
    return False


def assert_whole(url: str, n: int) -> None:
    """Exactly n documents, each with one analysis whose query rows are all there."""
    assert count(url, "SELECT COUNT(*) FROM documents") == n
    assert count(url) == n
    assert count(url, "SELECT COUNT(DISTINCT document_id) FROM analyses") == n
    assert count(url, "SELECT COUNT(*) FROM document_sources") == n
    assert count(url, "SELECT COUNT(*) FROM failures") == 0
    for doc_id, body in rows(url, "SELECT document_id, body FROM analyses"):
        data = json.loads(zlib.decompress(bytes(body)))
        for table, key in (("claims", "claims"), ("quotes", "quotes"), ("events", "events"), ("entities", "entities")):
            assert count(url, f"SELECT COUNT(*) FROM {table} WHERE document_id = '{doc_id}'") == len(data[key])
    if "://" not in url:
        assert rows(url, "PRAGMA integrity_check") == [("ok",)]
        assert count(url, "SELECT COUNT(*) FROM documents_fts") == n


def rows(url: str, sql: str) -> list[tuple]:
    """All rows of a query, with the plain driver."""
    if "://" in url:
        import psycopg

        with psycopg.connect(url) as conn:
            return [tuple(r) for r in conn.execute(sql).fetchall()]
    conn = sqlite3.connect(url)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_kill_9_at_random_moments_then_rerun_finishes_exactly(store_url, tmp_path):
    folder = tmp_path / "in"
    write_corpus(folder, N_DOCS)
    args = cli("corpus", "add", str(folder), "--db", store_url, "--quiet")
    rng = random.Random(20240612)
    points = sorted(rng.sample(range(0, N_DOCS - 4), KILLS))
    killed = 0
    for committed in points:
        killed += kill_after(args, store_url, committed, rng.uniform(0.0, 0.08))
        stored = count(store_url)
        assert count(store_url, "SELECT COUNT(DISTINCT document_id) FROM analyses") == stored
        assert count(store_url, "SELECT COUNT(*) FROM documents") == stored
    assert killed >= KILLS - 1, "the runs finished before they could be killed"
    done = subprocess.run(args, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert_whole(store_url, N_DOCS)
    again = subprocess.run(args, capture_output=True, text=True, timeout=600)
    assert f"0 added, {N_DOCS} skipped" in again.stderr
    assert_whole(store_url, N_DOCS)


def test_two_concurrent_adds_on_one_store_both_finish(store_url, tmp_path):
    paths = [str(p) for p in write_corpus(tmp_path / "in", N_DOCS)]
    first, second = paths[: 2 * N_DOCS // 3], paths[N_DOCS // 3 :]
    procs = [subprocess.Popen(cli("corpus", "add", *part, "--db", store_url, "--quiet"), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for part in (first, second)]
    outs = [p.communicate(timeout=600) for p in procs]
    for proc, (_out, err) in zip(procs, outs, strict=True):
        assert proc.returncode == 0, err
    assert_whole(store_url, N_DOCS)
    added = [int(err.split("corpus add: ")[1].split(" added")[0]) for _out, err in outs]
    assert sum(added) == N_DOCS  # each document stored by exactly one of them
