"""Quality gate: every ``presslens eval`` task on a small fixed slice, against floors.

``make gate`` (or ``python tests/quality/gate.py``) runs each task of
``floors.json`` through the CLI (``python -m presslens eval …``; the metrics are
the JSON last line), so the gate survives refactors of the package.  A slice is
a fixed list of files (or a line range, or a packaged case file) with a SHA-256
digest of its gold data: a changed slice is an error, never a silent new
baseline.  The slice is linked (files) or written (line ranges) into a
temporary folder, because the eval commands take folders; nothing is copied
into the repository.

A metric fails when it falls below its floor minus ``EPSILON``.  A floor only
rises (``test_floors.py`` checks git history): ``--raise-floors`` writes the
floors that are now clearly exceeded; ``--accept TASK`` records a new slice
digest (the only case where that task's floors may be set lower, since they
then measure different data).  A dataset absent from ``../shared/data`` skips
its task with the reason; a failing command, a missing metric, a changed digest
or a wrong item count fails the gate.

Hand-written because this is project glue (which slice, which floors) that no
library provides; it only orchestrates the CLI.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FLOORS = Path(__file__).resolve().with_name("floors.json")
EPSILON = 0.005  # a metric may sit this far below its floor (float noise, not regressions)
SLACK = 0.01  # a new floor sits this far below the measured value, rounded down to 0.01
RAISE_STEP = 0.02  # "clearly exceeded": the suggested floor is at least this much higher
TIMEOUT_S = 600


class Skipped(Exception):
    """The task's dataset is absent: the gate skips it and says why."""


class GateError(Exception):
    """The task cannot be trusted (command failed, slice changed, metric missing): gate fails."""


@dataclass(frozen=True)
class Prepared:
    """A task ready to run: CLI arguments, digest of its gold data, expected item count."""

    argv: list[str]
    digest: str
    count: int


@dataclass
class Outcome:
    """What one task produced: rows of (metric, value, floor, status), or why it did not run."""

    task: str
    rows: list[tuple[str, float | None, float, str]] = field(default_factory=list)
    skipped: str = ""
    error: str = ""
    seconds: float = 0.0
    metrics: dict[str, Any] = field(default_factory=dict)
    digest: str = ""

    @property
    def failed(self) -> bool:
        """True when the task errored or any metric is below its floor."""
        return bool(self.error) or any(status in ("FAIL", "MISSING") for *_, status in self.rows)


def data_root() -> Path:
    """The shared datasets folder (``PRESSLENS_DATA`` or ``../shared/data`` beside the checkout)."""
    return Path(os.environ.get("PRESSLENS_DATA", ROOT.parent / "shared" / "data"))


def digest_of(parts: Iterable[tuple[str, bytes]]) -> str:
    """SHA-256 over (name, bytes) pairs, order included."""
    h = hashlib.sha256()
    for name, blob in parts:
        h.update(name.encode() + b"\0" + str(len(blob)).encode() + b"\0" + blob)
    return "sha256:" + h.hexdigest()


def dataset(rel: str) -> Path:
    """A path under the shared data folder, or ``Skipped`` when that dataset is absent."""
    path = data_root() / rel
    if not path.exists():
        raise Skipped(f"dataset ../shared/data/{rel} is absent")
    return path


def link_slice(base: Path, files: list[str], dest: Path) -> list[tuple[str, bytes]]:
    """Symlink each slice file (relative to ``base``) under ``dest``; return their contents."""
    parts = []
    for rel in files:
        src = base / rel
        if not src.is_file():
            raise GateError(f"slice file {rel} is missing from {base}")
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(src.resolve())
        parts.append((rel, src.read_bytes()))
    return parts


def packaged_file(name: str) -> Path:
    """A file (or folder, ``parent/name``) shipped inside the installed ``presslens`` package.

    Found by name rather than by module path, so that moving it between subpackages does
    not break the gate.
    """
    import importlib.util

    spec = importlib.util.find_spec("presslens")
    if spec is None or not spec.submodule_search_locations:
        raise GateError("the presslens package is not installed")
    parent, _, leaf = name.rpartition("/")
    hits = sorted(p for loc in spec.submodule_search_locations for p in Path(loc).rglob(leaf)
                  if not parent or p.parent.name == parent)
    if len(hits) != 1:
        raise GateError(f"expected one packaged {name}, found {len(hits)}")
    return hits[0]


def prep_timex(spec: dict[str, Any], tmp: Path) -> Prepared:
    """TimeML documents: one folder of linked ``.tml`` files."""
    parts = link_slice(dataset(spec["source"]), spec["files"], tmp / "timeml")
    return Prepared(["eval", "timex", "--timeml", str(tmp / "timeml")], digest_of(parts), len(spec["files"]))


def prep_attribution(spec: dict[str, Any], tmp: Path) -> Prepared:
    """PolNeAR: linked ``text/`` and ``attributions/`` files (one gold file per ``.ann``)."""
    parts = link_slice(dataset(spec["source"]), spec["files"], tmp / "brat")
    anns = sum(f.endswith(".ann") for f in spec["files"])
    return Prepared(["eval", "attribution", "--brat", str(tmp / "brat")], digest_of(parts), anns)


def prep_techniques(spec: dict[str, Any], tmp: Path) -> Prepared:
    """PTC: linked articles plus the label lines of exactly those articles."""
    base = dataset(spec["source"])
    parts = link_slice(base, spec["files"], tmp / "ptc")
    ids = {Path(f).stem.removeprefix("article") for f in spec["files"]}
    labels = [ln for ln in (base / spec["labels"]).read_text("utf-8").splitlines() if ln.split("\t")[0] in ids]
    (tmp / "labels.tsv").write_text("\n".join(labels) + "\n", encoding="utf-8")
    parts.append((spec["labels"], "\n".join(labels).encode()))
    articles = str(tmp / "ptc" / Path(spec["files"][0]).parent)
    argv = ["eval", "techniques", "--ptc", articles, "--labels", str(tmp / "labels.tsv")]
    return Prepared(argv, digest_of(parts), len(spec["files"]))


def prep_checkworthy(spec: dict[str, Any], tmp: Path) -> Prepared:
    """CheckThat! TSV: the header plus file lines ``first..last`` (1-based, inclusive)."""
    first, last = spec["lines"]
    lines = dataset(spec["source"]).read_bytes().splitlines(keepends=True)
    if last > len(lines) or first < 2:
        raise GateError(f"line range {first}..{last} is outside {spec['source']} ({len(lines)} lines)")
    chosen = lines[first - 1 : last]
    (tmp / "slice.tsv").write_bytes(lines[0] + b"".join(chosen))
    return Prepared(["eval", "checkworthy", "--tsv", str(tmp / "slice.tsv")],
                    digest_of([(spec["source"], b"".join(chosen))]), len(chosen))


def prep_packaged(command: str, extra: list[str]) -> Callable[[dict[str, Any], Path], Prepared]:
    """A task over case files shipped in the package (no dataset needed, never skipped)."""

    def prepare(spec: dict[str, Any], tmp: Path) -> Prepared:
        """One case file is scored in place; several are joined, in order, into one."""
        names = [spec["packaged"]] if isinstance(spec["packaged"], str) else spec["packaged"]
        paths = [packaged_file(name) for name in names]
        blobs = [path.read_bytes() for path in paths]
        target = paths[0]
        if len(paths) > 1:
            target = tmp / "cases.jsonl"
            target.write_bytes(b"".join(b if b.endswith(b"\n") else b + b"\n" for b in blobs))
        count = sum(1 for blob in blobs for ln in blob.splitlines() if ln.strip())
        argv = ["eval", command, "--cases", str(target), *extra]
        return Prepared(argv, digest_of(zip([p.name for p in paths], blobs, strict=True)), count)

    return prepare


def prep_audit(spec: dict[str, Any], tmp: Path) -> Prepared:
    """The hand-labelled audit set: its listed articles linked under a data folder, packaged labels.

    The digest covers every group's label file for those articles and the articles themselves.
    """
    labels = packaged_file(spec["packaged"])
    parts = []
    for path in sorted(labels.glob("*/*.json")):
        if json.loads(path.read_text("utf-8")).get("article") in spec["articles"]:
            parts.append((f"{path.parent.name}/{path.name}", path.read_bytes()))
    for article in spec["articles"]:
        dataset(str(Path(article).parent))
    parts += link_slice(data_root(), spec["articles"], tmp / "data")
    argv = ["eval", "audit", "--split", spec["split"], "--data", str(tmp / "data")]
    return Prepared(argv, digest_of(parts), len(spec["articles"]))


def prep_crossdoc(spec: dict[str, Any], tmp: Path) -> Prepared:
    """ECB+/GVC layout: ``dataset.conll`` and ``event_mentions.json`` linked; the eval keeps its split."""
    parts = link_slice(dataset(spec["source"]), ["dataset.conll", "event_mentions.json"], tmp / "data")
    argv = ["eval", "crossdoc", "--data", str(tmp / "data"), "--split", spec["split"]]
    return Prepared(argv, digest_of(parts), int(spec["documents"]))


def prep_claim_retrieval(spec: dict[str, Any], tmp: Path) -> Prepared:
    """CheckThat! 2020 T2: the pool and one split's queries and qrels, linked."""
    files = ["verified_claims.docs.tsv", f"{spec['split']}/tweets.queries.tsv", f"{spec['split']}/tweet-vclaim-pairs.qrels"]
    parts = link_slice(dataset(spec["source"]), files, tmp / "data")
    argv = ["eval", "claim-retrieval", "--pool", str(tmp / "data" / files[0]), "--queries", str(tmp / "data" / files[1]),
            "--qrels", str(tmp / "data" / files[2])]
    return Prepared(argv, digest_of(parts), int(spec["queries"]))


# task -> (how to prepare its slice, the metric that must equal the slice's item count)
TASKS: dict[str, tuple[Callable[[dict[str, Any], Path], Prepared], str]] = {
    "timex": (prep_timex, "documents"),
    "attribution": (prep_attribution, "annotations"),
    "checkworthy": (prep_checkworthy, "n"),
    "techniques": (prep_techniques, "articles"),
    "events": (prep_packaged("events", ["--split", "all"]), "sentences"),
    "events_plover": (prep_packaged("events", ["--split", "all"]), "sentences"),
    "sentences": (prep_packaged("sentences", ["--segmenters", "presslens"]), "cases"),
    "sentence_rules": (prep_packaged("sentences", ["--segmenters", "presslens,document"]), "cases"),
    "audit": (prep_audit, "articles"),
    "crossdoc": (prep_crossdoc, "documents"),
    "claim_retrieval": (prep_claim_retrieval, "queries"),
}


def run_cli(argv: list[str], timeout: float = TIMEOUT_S) -> dict[str, Any]:
    """Run ``python -m presslens ARGV``; return its last stdout line as JSON, or ``GateError``."""
    cmd = [sys.executable, "-m", "presslens", *argv]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False, cwd=ROOT)
    except subprocess.TimeoutExpired as exc:
        raise GateError(f"timed out after {timeout:.0f} s") from exc
    if proc.returncode != 0:
        tail = (proc.stderr.strip() or proc.stdout.strip()).splitlines()[-3:]
        raise GateError(f"exit {proc.returncode}: {' | '.join(tail)}")
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    try:
        metrics = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError) as exc:
        raise GateError("the last output line is not JSON") from exc
    if not isinstance(metrics, dict):
        raise GateError("the last output line is not a JSON object")
    return metrics


def lookup(metrics: dict[str, Any], name: str) -> Any:
    """A metric by name; ``a/b/c`` walks nested objects (``layers/who.quotes/precision``)."""
    value: Any = metrics
    for key in name.split("/"):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def suggested_floor(value: float) -> float:
    """The floor for a measured value: ``SLACK`` below it, rounded down to 0.01."""
    return max(0.0, math.floor(round((value - SLACK) * 100, 6)) / 100)


def judge(metrics: dict[str, Any], floors: dict[str, float]) -> list[tuple[str, float | None, float, str]]:
    """One row per floor: ok, FAIL (below floor - EPSILON), MISSING, or ``raise to X``."""
    rows: list[tuple[str, float | None, float, str]] = []
    for name, floor in floors.items():
        value = lookup(metrics, name)
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            rows.append((name, None, floor, "MISSING"))
        elif value < floor - EPSILON:
            rows.append((name, float(value), floor, "FAIL"))
        elif suggested_floor(value) >= floor + RAISE_STEP - 1e-9:
            rows.append((name, float(value), floor, f"raise to {suggested_floor(value):.2f}"))
        else:
            rows.append((name, float(value), floor, "ok"))
    return rows


def check_slice(spec: dict[str, Any], prepared: Prepared, metrics: dict[str, Any], count_key: str) -> None:
    """``GateError`` when the gold data changed or the command scored another number of items."""
    if spec.get("digest") != prepared.digest:
        raise GateError(f"gold data of the slice changed (digest {prepared.digest[:19]}…, floors.json has "
                        f"{str(spec.get('digest'))[:19]}…): if intended, `make gate GATE_ARGS='--accept TASK'`")
    if metrics.get(count_key) != prepared.count:
        raise GateError(f"scored {metrics.get(count_key)!r} {count_key}, the slice has {prepared.count}")


def run_task(name: str, spec: dict[str, Any], *, accept: bool = False) -> Outcome:
    """Prepare, run and judge one task; never raises for Skipped/GateError."""
    prepare, count_key = TASKS[name]
    outcome = Outcome(name)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"gate-{name}-") as tmp:
        try:
            prepared = prepare(spec, Path(tmp))
            outcome.digest = prepared.digest
            outcome.metrics = run_cli(prepared.argv)
            check_slice({**spec, "digest": prepared.digest} if accept else spec, prepared,
                        outcome.metrics, count_key)
            outcome.rows = judge(outcome.metrics, spec.get("floors", {}))
        except Skipped as exc:
            outcome.skipped = str(exc)
        except GateError as exc:
            outcome.error = str(exc)
    outcome.seconds = time.perf_counter() - start
    return outcome


def report(outcomes: list[Outcome], notes: dict[str, str]) -> None:
    """Print the table, the skips and errors, and the floors worth raising."""
    print(f"{'task':<15} {'metric':<34} {'value':>7} {'floor':>7}  status")
    for o in outcomes:
        for metric, value, floor, status in o.rows:
            shown = "-" if value is None else f"{value:.4f}"
            print(f"{o.task:<15} {metric:<34} {shown:>7} {floor:>7.2f}  {status}")
    for o in outcomes:
        if o.skipped:
            print(f"SKIPPED {o.task}: {o.skipped}")
        if o.error:
            print(f"ERROR   {o.task}: {o.error}")
    for o in outcomes:
        if o.rows and o.task in notes:
            print(f"note    {o.task}: {notes[o.task]}")
    raises = [(o.task, m, s) for o in outcomes for m, _, _, s in o.rows if s.startswith("raise")]
    if raises:
        print("floors now clearly exceeded: " + ", ".join(f"{t}.{m} ({s})" for t, m, s in raises)
              + "; `make gate GATE_ARGS=--raise-floors` writes them (a floor may only rise)")
    print("  ".join(f"{o.task} {o.seconds:.1f} s" for o in outcomes))


def load_floors() -> dict[str, Any]:
    """The parsed floors file."""
    return json.loads(FLOORS.read_text(encoding="utf-8"))


def save_floors(config: dict[str, Any]) -> None:
    """Write the floors file (2-space JSON, trailing newline)."""
    FLOORS.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def raise_floors(config: dict[str, Any], outcomes: list[Outcome]) -> list[str]:
    """Raise every clearly exceeded floor to its suggestion; return what changed."""
    changed = []
    for o in outcomes:
        floors = config["tasks"][o.task]["floors"]
        for metric, value, floor, status in o.rows:
            if status.startswith("raise") and value is not None:
                floors[metric] = suggested_floor(value)
                changed.append(f"{o.task}.{metric} {floor:.2f} -> {floors[metric]:.2f}")
    return changed


def accept_slice(config: dict[str, Any], outcome: Outcome) -> list[str]:
    """Record a task's new digest and reset its floors to the measured values (see module doc)."""
    spec = config["tasks"][outcome.task]
    if outcome.error or not outcome.digest:
        return []
    same = spec.get("digest") == outcome.digest
    spec["digest"] = outcome.digest
    for metric, value, floor, _ in outcome.rows:
        if value is not None:
            new = suggested_floor(value)
            spec["floors"][metric] = max(new, floor) if same else new
    return [f"{outcome.task}: digest {outcome.digest[:19]}…, floors {spec['floors']}"]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options of the gate."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", choices=sorted(TASKS), help="run only this task (repeatable)")
    parser.add_argument("--raise-floors", action="store_true", help="write floors that are clearly exceeded")
    parser.add_argument("--accept", action="append", choices=sorted(TASKS), default=[],
                        help="record this task's changed slice digest and re-base its floors")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the gate; exit 1 when any task fails."""
    args = parse_args(argv)
    config = load_floors()
    names = [t for t in config["tasks"] if not args.only or t in args.only]
    unknown = sorted(set(config["tasks"]) - set(TASKS))
    if unknown:
        print(f"floors.json names unknown tasks: {', '.join(unknown)}")
        return 1
    outcomes = [run_task(t, config["tasks"][t], accept=t in args.accept) for t in names]
    report(outcomes, {t: s.get("note", "") for t, s in config["tasks"].items() if s.get("note")})
    changes = raise_floors(config, outcomes) if args.raise_floors else []
    changes += [c for o in outcomes if o.task in args.accept for c in accept_slice(config, o)]
    if changes:
        save_floors(config)
        print("wrote floors.json: " + "; ".join(changes))
    # an accepted task's floors were just re-based on this run; its errors still count
    failed = [o.task for o in outcomes if o.error or (o.failed and o.task not in args.accept)]
    print(f"gate: {'FAILED: ' + ', '.join(failed) if failed else 'passed'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
