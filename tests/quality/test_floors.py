"""floors.json: well formed, its slices match the shared data, and no floor ever went down."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import gate
import pytest
from ratchet import NoHistory, committed_versions, lowered_floors

REL = "tests/quality/floors.json"


def test_every_task_has_a_slice_a_digest_and_floors_in_range():
    config = gate.load_floors()
    assert set(config["tasks"]) == set(gate.TASKS)
    for task, spec in config["tasks"].items():
        assert spec["digest"].startswith("sha256:") and len(spec["digest"]) == 71, task
        assert spec["floors"], task
        assert all(0.0 <= f <= 1.0 for f in spec["floors"].values()), task
        assert ("packaged" in spec) != ("source" in spec), task


@pytest.mark.parametrize("task", ["timex", "attribution", "checkworthy", "techniques", "events", "events_plover", "sentences",
                                  "sentence_rules", "audit"])
def test_slice_digest_matches_the_data(task):
    """The gold data under each slice is the data its floors were set on (skip: dataset absent)."""
    spec = gate.load_floors()["tasks"][task]
    prepare, _ = gate.TASKS[task]
    with tempfile.TemporaryDirectory() as tmp:
        try:
            prepared = prepare(spec, Path(tmp))
        except gate.Skipped as exc:
            pytest.skip(str(exc))
    assert prepared.digest == spec["digest"], "slice data changed: review, then gate.py --accept " + task
    assert prepared.count > 0


def test_no_floor_went_down_since_any_committed_version():
    """A floor may only rise: the working copy against HEAD, HEAD's parents and the branch history."""
    try:
        versions = committed_versions(gate.ROOT, REL)
    except NoHistory as exc:
        pytest.skip(f"no git history: {exc}")
    if not versions:
        pytest.skip(f"{REL} has no committed version yet")
    current = gate.load_floors()
    problems = [f"{rev}: {p}" for rev, old in versions for p in lowered_floors(old, current)]
    assert not problems, "a floor may only rise: " + "; ".join(problems)


def _floors(value: float, digest: str = "sha256:a") -> dict:
    """A one-task floors document."""
    return {"tasks": {"timex": {"digest": digest, "floors": {"strict_f1": value}}}}


def test_lowered_floors_compares_only_within_one_slice():
    assert lowered_floors(_floors(0.8), _floors(0.81)) == []
    assert lowered_floors(_floors(0.8), _floors(0.79)) == ["timex.strict_f1 went down from 0.8 to 0.79"]
    assert lowered_floors(_floors(0.8), _floors(0.5, digest="sha256:b")) == []  # new slice, new floors
    assert lowered_floors(_floors(0.8), {"tasks": {}}) == ["task timex was removed"]
    gone = {"tasks": {"timex": {"digest": "sha256:a", "floors": {}}}}
    assert lowered_floors(_floors(0.8), gone) == ["timex.strict_f1 (floor 0.8) was removed"]


def _commit(repo: Path, value: float, message: str) -> None:
    """Write and commit a floors file with one floor."""
    path = repo / REL
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(_floors(value)))
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    who = ["-c", "user.name=gate test", "-c", "user.email=gate@example.invalid"]
    subprocess.run(["git", "-C", str(repo), *who, "commit", "-qm", message], check=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_committed_versions_reads_the_history_of_a_real_repository(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    _commit(tmp_path, 0.7, "first floors")
    _commit(tmp_path, 0.8, "raised")
    (tmp_path / REL).write_text(json.dumps(_floors(0.75)))  # uncommitted drop
    versions = committed_versions(tmp_path, REL)
    assert sorted(v["tasks"]["timex"]["floors"]["strict_f1"] for _, v in versions) == [0.7, 0.8]
    current = json.loads((tmp_path / REL).read_text())
    problems = [p for _, old in versions for p in lowered_floors(old, current)]
    assert problems and all("went down from 0.8 to 0.75" in p for p in problems)


def test_committed_versions_without_a_repository_says_why(tmp_path):
    with pytest.raises(NoHistory):
        committed_versions(tmp_path, REL)
