"""process_shard: same analyses as the service path, atomic files, skip when done, redo otherwise."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from news import article, write_news

import presslens
from presslens.present.json import to_jsonl_line
from presslens.scale import process_shard, read_shard, shard_name
from presslens.scale import shard as shard_module
from presslens.scale.shard import done_manifest, iter_analysis_json, shard_paths
from presslens.settings import Settings

pytestmark = pytest.mark.slow


def service_lines(inputs, settings=None):
    """The in-process service path's JSON lines, sorted (the reference)."""
    settings = (settings or Settings()).with_(on_error="record")
    return sorted(to_jsonl_line(r) for _, r in presslens.analyze_items(inputs, settings)
                  if isinstance(r, presslens.Analysis))


@pytest.fixture(scope="module")
def paths(tmp_path_factory):
    """Four invented articles on disk."""
    return [str(p) for p in write_news(tmp_path_factory.mktemp("news"), 4)]


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_shard_equals_the_service_path_and_is_skipped_when_done(paths, tmp_path, suffix):
    out = tmp_path / f"{shard_name(paths)}{suffix}"
    first = process_shard(paths, out)
    assert (first.inputs, first.analyses, first.failures, first.skipped) == (4, 4, 0, False)
    assert sorted(iter_analysis_json(out)) == service_lines(paths)
    assert [source for source, _ in read_shard(out)] == paths  # input order
    stamps = [os.stat(p).st_mtime_ns for p in shard_paths(out)]
    again = process_shard(paths, out)
    assert again.skipped and again.analyses == 4
    assert [os.stat(p).st_mtime_ns for p in shard_paths(out)] == stamps
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_another_analysis_version_or_damaged_output_is_redone(paths, tmp_path):
    out = tmp_path / "s.jsonl"
    process_shard(paths[:2], out)
    fewer = Settings(layers=("entities",))
    redone = process_shard(paths[:2], out, fewer)
    assert not redone.skipped and redone.analysis_version == presslens.analysis_version(fewer.with_(on_error="record"))
    assert process_shard(paths[:2], out, fewer).skipped
    out.write_text(out.read_text(encoding="utf-8").replace("Mayor", "Mayer"), encoding="utf-8")
    assert done_manifest(out, redone.analysis_version) is None  # the bytes no longer match the manifest
    assert not process_shard(paths[:2], out, fewer).skipped
    assert sorted(iter_analysis_json(out)) == service_lines(paths[:2], fewer)


def test_failures_keep_their_place_and_records_files_are_inputs(tmp_path):
    records = tmp_path / "records.jsonl"
    rows = [{"id": "r1", "text": article(7)}, {"id": "r2", "text": ""}, {"id": "r3", "text": article(8)}]
    records.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "mixed.jsonl"
    result = process_shard([str(records), str(empty)], out)
    assert (result.inputs, result.analyses, result.failures) == (4, 2, 2)
    kinds = [(source, type(r).__name__) for source, r in read_shard(out)]
    assert kinds == [("r1", "Analysis"), ("r2", "Failure"), ("r3", "Analysis"), (str(empty), "Failure")]
    failures = [json.loads(line) for line in shard_paths(out)[1].read_text(encoding="utf-8").splitlines()]
    assert [(f["source"], f["code"], f["stage"]) for f in failures] == [("r2", "E002", "ingest"),
                                                                         (str(empty), "E002", "ingest")]


def test_parquet_records_file_gives_the_same_analyses_as_jsonl(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"id": f"p{i}", "text": article(20 + i), "title": None, "published": "2024-05-02"} for i in range(3)]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "in.parquet")
    (tmp_path / "in.jsonl").write_text("".join(json.dumps({k: v for k, v in r.items() if v is not None}) + "\n"
                                               for r in rows), encoding="utf-8")
    a = process_shard(str(tmp_path / "in.parquet"), tmp_path / "a.jsonl")
    b = process_shard(str(tmp_path / "in.jsonl"), tmp_path / "b.jsonl")
    assert a.analyses == b.analyses == 3
    assert list(iter_analysis_json(a.output)) == list(iter_analysis_json(b.output))


def test_a_crash_mid_shard_leaves_nothing_half_written(paths, tmp_path, monkeypatch):
    out = tmp_path / "crash.jsonl"
    real = shard_module.analyze_stream

    def dies_after_one(items, settings):
        stream = real(items, settings)
        yield next(stream)
        raise SystemExit("killed")

    monkeypatch.setattr(shard_module, "analyze_stream", dies_after_one)
    with pytest.raises(SystemExit):
        process_shard(paths, out)
    assert list(tmp_path.iterdir()) == []  # no output, no manifest, no .part file
    monkeypatch.setattr(shard_module, "analyze_stream", real)
    assert not process_shard(paths, out).skipped
    assert sorted(iter_analysis_json(out)) == service_lines(paths)


def test_shard_names_are_content_addressed(paths):
    assert shard_name(paths) == shard_name(list(paths))
    assert shard_name(paths) != shard_name(paths[::-1])
    assert shard_name([{"id": "a", "text": "x"}]) == shard_name([{"text": "x", "id": "a"}])
    assert shard_name([{"id": "a", "text": "x"}]) != shard_name([{"id": "a", "text": "y"}])
    assert shard_name(paths).startswith("shard-") and len(shard_name(paths)) == 26


def test_the_default_install_never_imports_dask():
    code = ("import sys; import presslens, presslens.scale, presslens.scale.shard, presslens.corpus.add; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "[]", out.stderr


def test_executor_dask_without_the_extra_is_one_clear_line(tmp_path):
    (tmp_path / "a.txt").write_text(article(1), encoding="utf-8")
    code = ("import sys; sys.modules['distributed'] = None; sys.argv = ['presslens', 'corpus', 'add', "
            f"{str(tmp_path / 'a.txt')!r}, '--db', {str(tmp_path / 'c.db')!r}, '--executor', 'dask']; "
            "from presslens.cli import main; main()")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [
        "presslens: error: [E058] --executor dask needs the dask extra: pip install 'presslens[dask]'"]


def test_release_memory_trims_the_c_heap_on_linux():
    """A worker hands freed heap pages back after each shard (glibc malloc_trim) where the platform has it."""
    import sys

    from presslens.scale.shard import release_memory

    assert release_memory() is sys.platform.startswith("linux")
