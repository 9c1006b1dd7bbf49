"""``make fuzz``: push generated hostile inputs through ingest and ``presslens.analyze``.

Inputs are generated deterministically from ``(seed, index)`` (see
``fuzz_hostile.py``): random bytes, invented articles as text in several
encodings (with and without BOM), HTML pages (declared charsets, navigation,
entities, inline markup), PDFs (well-formed, many pages, deflate bombs), all
mutated at character or byte level, and Python strings with lone surrogates
and control characters (the JSONL and API path).

Each input runs in a worker process; a watchdog in this process kills a
worker whose input runs over ``--timeout`` seconds (a hang) and starts a new
one.  The seconds are the worker's CPU seconds (from ``/proc``), so that a
machine shared with other jobs does not turn slow inputs into "hangs"; a
worker that sits idle on one input for six times as long in wall time (a
blocking read) is a hang too.  Reported per input: a *crash* (any exception other than a
PresslensError), a *hang*, or an *offset violation* (``fuzz_checks.py``).
The run prints a table and ends with one JSON line.  Failing inputs are
written to ``test-artifacts/fuzz/`` for reproduction.

    python tests/fuzz/run_fuzz.py [--inputs 100000] [--analyze 1000] [--workers 2] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass
from multiprocessing import Pipe, Process
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_hostile as H
from fuzz_checks import analysis_violations, document_violations

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "fuzz"
KINDS = [("bytes", 12), ("text", 30), ("html", 30), ("pdf", 13), ("str", 15)]


@dataclass(frozen=True)
class Case:
    """One generated input: its kind, a name and the bytes (or str for the API path)."""

    kind: str
    name: str
    payload: bytes | str


def make_case(seed: int, index: int) -> Case:
    """The input number ``index`` of the run with ``seed`` (deterministic)."""
    rng = random.Random(seed * 1_000_003 + index)
    if index % 5000 == 4999:
        return _extreme(rng, index)
    kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
    return Case(kind, f"{kind}-{index}", globals()[f"_gen_{kind}"](rng))


def _gen_bytes(rng: random.Random) -> bytes:
    """Random bytes, sometimes behind a PDF magic, a BOM or a markup prefix."""
    body = rng.randbytes(rng.randint(0, 3000))
    return rng.choice([b"", b"", b"%PDF-1.7\n", b"\xef\xbb\xbf", b"\xff\xfe", b"<html><body><p>"]) + body


def _gen_text(rng: random.Random) -> bytes:
    """An article (maybe hard-wrapped) mutated, encoded, sometimes byte-mutated."""
    title, paras = H.article(rng, rng.randint(1, 6))
    if rng.random() < 0.4:
        paras = ["\n".join(H.wrap(p, rng.randint(30, 90))) for p in paras]
    text = H.mutate_text("\n\n".join([title, *paras]), rng) if rng.random() < 0.7 else "\n\n".join([title, *paras])
    enc = rng.choice(["utf-8", "utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le", "utf-16-be"])
    data = text.encode(enc, "replace") if enc != "utf-8" else text.encode("utf-8", "surrogatepass")
    return H.mutate_bytes(data, rng) if rng.random() < 0.3 else data


def _gen_html(rng: random.Random) -> bytes:
    """A news page (or a navigation-only page), mutated as text or bytes."""
    charset = rng.choice(["utf-8", "windows-1252", "iso-8859-1", None, "koi8-r", "utf-16", "bogus"])
    page = H.article_html(rng, charset=charset, nav_only=rng.random() < 0.05)
    if rng.random() < 0.6:
        page = H.mutate_text(page, rng)
    enc = "cp1252" if charset in ("windows-1252", "iso-8859-1") else "utf-8"
    data = page.encode(enc, "replace") if enc != "utf-8" else page.encode("utf-8", "surrogatepass")
    return H.mutate_bytes(data, rng) if rng.random() < 0.4 else data


def _gen_pdf(rng: random.Random) -> bytes:
    """A PDF article, byte-mutated most of the time."""
    data = H.article_pdf(rng, rng.randint(1, 3)) if rng.random() < 0.9 else H.many_pages_pdf(rng.randint(1, 40))
    return H.mutate_bytes(data, rng) if rng.random() < 0.8 else data


def _gen_str(rng: random.Random) -> str:
    """A Python string as JSONL or the API would pass it: surrogates, controls, odd spaces."""
    title, paras = H.article(rng, rng.randint(1, 4))
    text = "\n\n".join([title, *paras])
    for _ in range(rng.randint(1, 3)):
        text = H.mutate_text(text, rng)
    return text


def _extreme(rng: random.Random, index: int) -> Case:
    """Rare, expensive inputs: giant words, 20,000 pages, deflate bombs, UTF-16 without BOM."""
    which = (index // 5000) % 5
    if which == 0:
        return Case("str", f"giant-word-{index}", "a" * 5_000_000)
    if which == 1:
        return Case("pdf", f"pages-{index}", H.many_pages_pdf(20_000))
    if which == 2:
        return Case("pdf", f"bomb-{index}", H.deflate_bomb_pdf(200_000_000))
    if which == 3:
        return Case("text", f"utf16-{index}", (H.article(rng, 30)[1][0] * 50).encode("utf-16-le"))
    return Case("html", f"nav-{index}", H.article_html(rng, nav_only=True).encode())


# ---- worker ------------------------------------------------------------------------------


def _source_text(case: Case, settings: Any) -> tuple[str, bool]:
    """The text a Document's offsets index, and whether it is HTML markup."""
    from presslens.ingest.decode import decode_text, sniff

    if isinstance(case.payload, str):
        return case.payload, False
    kind = sniff(case.payload, case.name)
    if kind == "pdf":
        from presslens.ingest.pdf import pdf_to_text

        return pdf_to_text(case.payload, case.name, settings)[0], False
    return decode_text(case.payload), kind == "html"


def run_case(case: Case, analyze: bool, settings: Any) -> tuple[str, str]:
    """``(outcome, detail)``: ok, refused, analysed, crash or violation."""
    import presslens
    from presslens.errors import PresslensError
    from presslens.ingest import ingest_bytes, ingest_text

    try:
        if isinstance(case.payload, str):
            doc = ingest_text(case.payload, source=case.name, settings=settings)
        else:
            doc = ingest_bytes(case.payload, source=case.name, settings=settings)
    except PresslensError as exc:
        return "refused", type(exc).__name__
    except Exception:
        return "crash", traceback.format_exc(limit=6)
    try:
        source, markup = _source_text(case, settings)
        problems = document_violations(doc, source, markup=markup)
        if problems:
            return "violation", "; ".join(problems)
        if not analyze:
            return "ok", ""
        data = presslens.analyze_document(doc, settings).to_dict()
        problems = analysis_violations(data)
        return ("violation", "; ".join(problems)) if problems else ("analysed", "")
    except PresslensError as exc:
        return "refused", type(exc).__name__
    except Exception:
        return "crash", traceback.format_exc(limit=6)


def worker(conn: Connection, seed: int, analyze: bool, mem_limit: int) -> None:
    """Run the cases the parent sends, one at a time, and answer with their outcome."""
    import logging

    logging.disable(logging.CRITICAL)
    resource.setrlimit(resource.RLIMIT_AS, (mem_limit, mem_limit))
    from presslens.settings import Settings

    settings = Settings()
    if analyze:
        import presslens

        presslens.analyze("The port of Valdora reopened on Monday after a strike, officials said.")
    conn.send(("ready", -1, "", ""))
    while True:
        index = conn.recv()
        if index is None:
            return
        case = make_case(seed, index)
        outcome, detail = run_case(case, analyze, settings)
        if outcome in ("crash", "violation"):
            _save(case, outcome, detail)
        conn.send((outcome, index, case.kind, detail))


def _save(case: Case, outcome: str, detail: str) -> None:
    """Write a failing input and its report under test-artifacts/fuzz/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    payload = case.payload.encode("utf-8", "surrogatepass") if isinstance(case.payload, str) else case.payload
    (ARTIFACTS / f"{outcome}-{case.name}.bin").write_bytes(payload)
    (ARTIFACTS / f"{outcome}-{case.name}.txt").write_text(detail, encoding="utf-8", errors="replace")


# ---- parent: dispatch with a watchdog ----------------------------------------------------


@dataclass
class Slot:
    """A worker process, its pipe and the input it is running (with its start time)."""

    proc: Process
    conn: Connection
    index: int | None = None
    started: float = 0.0
    cpu_started: float = 0.0


def _spawn(seed: int, analyze: bool, mem_limit: int) -> Slot:
    """Start a worker and wait until it is ready (model loaded, when analysing)."""
    parent, child = Pipe()
    proc = Process(target=worker, args=(child, seed, analyze, mem_limit), daemon=True)
    proc.start()
    parent.recv()
    return Slot(proc, parent)


def run_phase(name: str, seed: int, target: int, *, analyze: bool, args: argparse.Namespace,
              counts: Counter[str], failures: list[dict[str, Any]]) -> int:
    """Dispatch inputs from ``seed`` until ``target`` have been ingested (or analysed); return how many ran."""
    from rich.progress import Progress

    slots = [_spawn(seed, analyze, args.mem_limit) for _ in range(args.workers)]
    next_index, done, reached = 0, 0, 0
    with Progress(transient=True) as progress:
        task = progress.add_task(name, total=target)
        while reached < target or any(s.index is not None for s in slots):
            for slot in slots:
                if slot.index is None and reached + _busy(slots) < target:
                    slot.conn.send(next_index)
                    slot.index, slot.started, next_index = next_index, time.monotonic(), next_index + 1
                    slot.cpu_started = _cpu_seconds(slot.proc.pid)
            ready = wait([s.conn for s in slots if s.index is not None], timeout=0.5)
            for slot in slots:
                if slot.conn in ready:
                    try:
                        outcome, index, kind, detail = slot.conn.recv()
                    except EOFError:  # the worker died (out of memory, signal)
                        outcome, index, kind, detail = "crash", slot.index, "?", "worker died"
                        _replace(slot, seed, analyze, args.mem_limit)
                    counts[f"{name}:{kind}:{outcome}"] += 1
                    counts[f"{name}:{outcome}"] += 1
                    if outcome in ("crash", "violation"):
                        failures.append({"phase": name, "index": index, "kind": kind, "outcome": outcome,
                                         "detail": detail.strip().splitlines()[-1][:200] if detail else ""})
                    done += 1
                    reached += 1 if (outcome == "analysed" or not analyze) else 0
                    slot.index = None
                    progress.update(task, completed=min(reached, target))
                    if done % 10_000 == 0 and not sys.stderr.isatty():
                        print(f"{name}: {done:,} inputs done, {reached:,} counted", file=sys.stderr, flush=True)
                elif slot.index is not None and _over_time(slot, args.timeout):
                    counts[f"{name}:hang"] += 1
                    failures.append({"phase": name, "index": slot.index, "kind": "?", "outcome": "hang",
                                     "detail": f"over {args.timeout} s"})
                    counts[f"{name}:{make_case(seed, slot.index).kind}:hang"] += 1
                    _save(make_case(seed, slot.index), "hang", f"over {args.timeout} s")
                    _replace(slot, seed, analyze, args.mem_limit)
                    done += 1
                    reached += 0 if analyze else 1
    for slot in slots:
        slot.conn.send(None)
        slot.proc.join(timeout=5)
    return done


def _cpu_seconds(pid: int | None) -> float:
    """User + system CPU seconds of process ``pid`` so far (0 when unknown)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _over_time(slot: Slot, timeout: float) -> bool:
    """Has the worker's current input used over ``timeout`` CPU seconds (or 6x that in wall time)?"""
    if time.monotonic() - slot.started > 6 * timeout:
        return True
    return _cpu_seconds(slot.proc.pid) - slot.cpu_started > timeout


def _busy(slots: list[Slot]) -> int:
    """Workers with an input in flight."""
    return sum(1 for s in slots if s.index is not None)


def _replace(slot: Slot, seed: int, analyze: bool, mem_limit: int) -> None:
    """Kill a worker (hung or dead) and put a fresh one in its slot."""
    if slot.proc.pid is not None and slot.proc.is_alive():
        os.kill(slot.proc.pid, 9)
    slot.proc.join(timeout=5)
    fresh = _spawn(seed, analyze, mem_limit)
    slot.proc, slot.conn, slot.index = fresh.proc, fresh.conn, None


def report(counts: Counter[str], failures: list[dict[str, Any]], totals: dict[str, int], seconds: float) -> dict[str, Any]:
    """Print the summary table; return the JSON summary."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title="presslens fuzz")
    for col in ("phase", "kind", "inputs", "accepted", "refused", "crashes", "hangs", "violations"):
        table.add_column(col, justify="right" if col not in ("phase", "kind") else "left")
    for phase in ("ingest", "analyze"):
        for kind in [k for k, _ in KINDS]:
            row = {o: counts[f"{phase}:{kind}:{o}"] for o in ("ok", "analysed", "refused", "crash", "violation")}
            total = sum(row.values()) + counts[f"{phase}:{kind}:hang"]
            if total:
                table.add_row(phase, kind, str(total), str(row["ok"] + row["analysed"]), str(row["refused"]),
                              str(row["crash"]), str(counts[f"{phase}:{kind}:hang"]), str(row["violation"]))
        table.add_row(phase, "all", str(totals.get(phase, 0)), "", str(counts[f"{phase}:refused"]),
                      str(counts[f"{phase}:crash"]), str(counts[f"{phase}:hang"]), str(counts[f"{phase}:violation"]))
    console = Console(stderr=True)
    console.print(table)
    for failure in failures[:20]:
        console.print(f"{failure['phase']} #{failure['index']} {failure['kind']}: {failure['outcome']}: {failure['detail']}")
    summary = {
        "inputs_ingest": totals.get("ingest", 0), "inputs_analyzed": counts["analyze:analysed"],
        "inputs_analyze_tried": totals.get("analyze", 0),
        "crashes": counts["ingest:crash"] + counts["analyze:crash"],
        "hangs": counts["ingest:hang"] + counts["analyze:hang"],
        "offset_violations": counts["ingest:violation"] + counts["analyze:violation"],
        "seconds": round(seconds, 1),
    }
    return summary


def main(argv: list[str] | None = None) -> int:
    """Run both phases and print the table and the JSON line; exit 1 on any finding."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=int(os.environ.get("FUZZ_INPUTS", 100_000)))
    parser.add_argument("--analyze", type=int, default=int(os.environ.get("FUZZ_ANALYZE", 1_000)))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("FUZZ_WORKERS", 2)))
    parser.add_argument("--seed", type=int, default=int(os.environ.get("FUZZ_SEED", 1)))
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--mem-limit", type=int, default=6 * 1024**3, help="address-space limit per worker")
    args = parser.parse_args(argv)
    counts: Counter[str] = Counter()
    failures: list[dict[str, Any]] = []
    start = time.monotonic()
    totals = {"ingest": run_phase("ingest", args.seed, args.inputs, analyze=False, args=args,
                                  counts=counts, failures=failures)}
    if args.analyze:
        totals["analyze"] = run_phase("analyze", args.seed + 7919, args.analyze, analyze=True, args=args,
                                      counts=counts, failures=failures)
    summary = report(counts, failures, totals, time.monotonic() - start)
    print(json.dumps(summary, sort_keys=True))
    return 1 if summary["crashes"] or summary["hangs"] or summary["offset_violations"] else 0


if __name__ == "__main__":
    sys.exit(main())
