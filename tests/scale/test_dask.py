"""Dask, for real: a 2-worker LocalCluster on invented articles.

* the shards' analyses are byte-identical to the in-process service path's;
* each worker built its pipeline once (the worker plugin), never per task;
* ``corpus add`` on Dask stores what the in-process add stores, and a rerun skips everything;
* a worker killed with SIGKILL in the middle of a shard loses that shard only: it is retried,
  and the store ends with every document exactly once;
* the CLI reaches an existing scheduler, prints the dashboard URL, and the URL serves it.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the dask extra (presslens[dask]) is not installed")

from news import write_news

import presslens
from presslens.corpus import Corpus
from presslens.present.json import to_jsonl_line
from presslens.scale.dask import DaskExecutor, connect, map_shards, worker_state
from presslens.scale.shard import iter_analysis_json
from presslens.settings import Settings

pytestmark = pytest.mark.slow
SETTINGS = Settings()


def service_lines(paths):
    """The in-process service path's analyses as sorted JSON lines."""
    settings = SETTINGS.with_(on_error="record")
    return sorted(to_jsonl_line(r) for _, r in presslens.analyze_items(paths, settings))


def stored_lines(url):
    """Every stored analysis as a JSON line, sorted."""
    with Corpus(url) as corpus:
        ids = [r[0] for r in corpus.store.fetchall("SELECT id FROM documents")]
        return sorted(to_jsonl_line(corpus.analysis(i)) for i in ids)


@pytest.fixture(scope="module")
def client():
    """A LocalCluster of 2 single-threaded worker processes with the model-loading plugin."""
    with connect(SETTINGS, workers=2) as c:
        c.wait_for_workers(2, timeout=600)
        yield c


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    """Sixteen invented articles and their in-process analyses."""
    paths = [str(p) for p in write_news(tmp_path_factory.mktemp("news"), 16)]
    return paths, service_lines(paths)


def test_two_workers_give_byte_identical_analyses_and_load_the_model_once(client, news, tmp_path):
    paths, expected = news
    shards = [paths[i : i + 2] for i in range(0, 8, 2)]
    results = dict(map_shards(client, shards, tmp_path, SETTINGS))
    assert sorted(results) == [0, 1, 2, 3] and all(not r.skipped for r in results.values())
    lines = sorted(line for r in results.values() for line in iter_analysis_json(r.output))
    assert lines == service_lines(paths[:8])
    assert set(lines) <= set(expected)
    for state in client.run(worker_state).values():
        assert state["pipelines"] == 1  # built once by the plugin, found by every task
        assert state["pipeline_ids"] == [state["pipeline_id"]]


def test_corpus_add_on_dask_stores_what_the_in_process_add_stores(client, news, tmp_path):
    paths, expected = news
    dask_db, local_db = str(tmp_path / "dask.db"), str(tmp_path / "local.db")
    executor = DaskExecutor(client=client, shard_size=3)
    with Corpus(dask_db) as corpus:
        report = corpus.add(paths, executor=executor)
    assert (report.added, report.failed) == (16, 0)
    assert [r.inputs for r in executor.results] and sum(r.inputs for r in executor.results) == 16
    with Corpus(local_db) as corpus:
        corpus.add(paths)
    assert stored_lines(dask_db) == stored_lines(local_db) == expected
    rerun = DaskExecutor(client=client, shard_size=3)
    with Corpus(dask_db) as corpus:
        again = corpus.add(paths, executor=rerun)
    assert (again.added, again.skipped, rerun.results) == (0, 16, [])


def kill_a_worker_mid_shard(shard_dir: Path, pids: set[int], killed: dict[str, object]) -> None:
    """Once a shard is done, SIGKILL the worker that is writing another one (its .part file names it)."""
    part = re.compile(r"^\.(shard-[0-9a-f]+)\.jsonl\.[^.]*-(\d+)\.part$")
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        names = os.listdir(shard_dir) if shard_dir.exists() else []
        if any(n.endswith(".manifest.json") for n in names):
            for name in names:
                m = part.match(name)
                if m and int(m.group(2)) in pids:
                    os.kill(int(m.group(2)), signal.SIGKILL)
                    late = (shard_dir / f"{m.group(1)}.manifest.json").exists()  # it finished first after all
                    killed.update(shard=m.group(1), pid=int(m.group(2)), late=late)
                    return
        time.sleep(0.005)


def test_a_worker_killed_mid_shard_loses_only_that_shard(client, news, tmp_path):
    paths, expected = news
    shard_dir = tmp_path / "shards"
    pids = set(client.run(os.getpid).values())
    killed: dict[str, object] = {}
    watcher = threading.Thread(target=kill_a_worker_mid_shard, args=(shard_dir, pids, killed), daemon=True)
    watcher.start()
    executor = DaskExecutor(client=client, shard_size=2, shard_dir=str(shard_dir))
    with Corpus(str(tmp_path / "c.db")) as corpus:
        report = corpus.add(paths, executor=executor)
    watcher.join(timeout=5)
    assert killed, "no worker was caught in the middle of a shard"
    assert (report.added, report.skipped, report.failed) == (16, 0, 0)
    by_shard = {r.name: r for r in executor.results}
    assert len(executor.results) == len(by_shard) == 8  # each shard delivered once
    retried = by_shard[str(killed["shard"])]
    assert retried.inputs == 2
    if not killed["late"]:  # killed while writing it: the shard was run again by another worker
        assert retried.pid != killed["pid"]
    manifests = sorted(shard_dir.glob("*.manifest.json"))
    assert len(manifests) == 8 and sum(json.loads(m.read_text())["analyses"] for m in manifests) == 16
    assert stored_lines(str(tmp_path / "c.db")) == expected  # nothing lost, nothing twice
    assert not [p for p in shard_dir.iterdir() if p.name.endswith(".part") and str(killed["pid"]) not in p.name]
    client.wait_for_workers(2, timeout=600)  # the nanny replaced the dead worker


def test_cli_reaches_a_running_scheduler_and_prints_a_live_dashboard(client, news, tmp_path):
    paths, _expected = news
    db = str(tmp_path / "cli.db")
    args = [sys.executable, "-m", "presslens", "corpus", "add", *paths[:4], "--db", db, "--executor", "dask",
            "--scheduler", client.scheduler.address, "--shard-size", "2", "--quiet"]
    done = subprocess.run(args, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    url = re.search(r"dashboard (http://\S+)", done.stderr)
    assert url, done.stderr
    assert "corpus add: 4 added" in done.stderr
    with urllib.request.urlopen(url.group(1), timeout=30) as page:
        assert page.status == 200 and b"Dask" in page.read()
    bad = subprocess.run([*args[:-7], "--jobs", "2", "--executor", "dask"], capture_output=True, text=True,
                         timeout=120)
    assert bad.returncode == 2 and "--workers" in bad.stderr
