"""A floor may only rise: compare floors.json with the versions git has committed.

Which versions: HEAD's, those of HEAD's parents (a merge must keep the higher
floor of both sides), and every version along the first-parent history of the
current branch.  A floor is compared only while its task's slice digest is
unchanged: a new slice measures different data, so its floors start afresh
(the digest change itself is visible in review).  Hand-written: a few ``git``
calls, nothing a library would add.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any


class NoHistory(Exception):
    """Git or the repository history is not available: the check is skipped with this reason."""


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run git in ``root`` (trusted explicitly, so a clone owned by another user works)."""
    cmd = ["git", "-c", f"safe.directory={root}", "-C", str(root), *args]
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=60)
    except FileNotFoundError as exc:
        raise NoHistory("git is not installed") from exc


def committed_versions(root: Path, rel: str) -> list[tuple[str, dict[str, Any]]]:
    """``(revision, parsed file)`` for every committed version to compare against."""
    head = _git(root, "rev-parse", "--verify", "-q", "HEAD")
    if head.returncode != 0:
        raise NoHistory(f"{root} is not a git checkout with commits")
    revs = head.stdout.split()
    parents = _git(root, "rev-parse", "HEAD^@")
    revs += parents.stdout.split() if parents.returncode == 0 else []
    log = _git(root, "log", "--first-parent", "--format=%H", "--", rel)
    revs += log.stdout.split() if log.returncode == 0 else []
    versions = []
    for rev in dict.fromkeys(revs):
        shown = _git(root, "show", f"{rev}:{rel}")
        if shown.returncode == 0:
            versions.append((rev[:10], json.loads(shown.stdout)))
    return versions


def lowered_floors(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Every floor of ``old`` that ``new`` lowers or drops, for tasks whose digest is unchanged."""
    problems = []
    for task, spec in old.get("tasks", {}).items():
        current = new.get("tasks", {}).get(task)
        if current is None:
            problems.append(f"task {task} was removed")
            continue
        if current.get("digest") != spec.get("digest"):
            continue
        for metric, floor in spec.get("floors", {}).items():
            now = current.get("floors", {}).get(metric)
            if now is None:
                problems.append(f"{task}.{metric} (floor {floor}) was removed")
            elif now < floor - 1e-12:
                problems.append(f"{task}.{metric} went down from {floor} to {now}")
    return problems
