"""The CLI under hostile inputs, targets and signals (issue 9): real processes, real signals."""

from __future__ import annotations

import csv
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presslens.cli import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "harbour-strike.txt"
EXE = Path(sys.executable).with_name("presslens")
TEXT = "Dockers at Valdora returned to work on Tuesday after the strike, the port authority said."


@pytest.fixture(scope="module")
def cli():
    """Invoke ``presslens`` in-process; returns (exit code, stdout, stderr)."""
    from presslens.cli import _register

    if not any(getattr(c, "name", None) == "analyze" for c in app.registered_commands):
        _register()
    runner = CliRunner()

    def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
        result = runner.invoke(app, list(args), input=stdin)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        return result.exit_code, result.stdout, result.stderr

    return invoke


def _presslens(*args: str, **kw) -> subprocess.Popen:
    if not EXE.exists():
        pytest.skip("console script not installed")
    return subprocess.Popen([str(EXE), *args], **kw)


def _records(n: int) -> bytes:
    return b"".join(json.dumps({"id": f"r{i}", "text": f"{TEXT} Item {i}."}).encode() + b"\n" for i in range(n))


def _wait_for(predicate, limit: float = 180.0) -> None:
    """Poll until ``predicate()`` holds; a guard against hangs, not a timing assertion."""
    end = time.monotonic() + limit
    while not predicate():
        if time.monotonic() > end:
            pytest.fail("the condition never held")
        time.sleep(0.1)


def _part_lines(folder: Path) -> int:
    parts = list(folder.glob(".*.part"))
    return sum(p.read_bytes().count(b"\n") for p in parts)


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupt_keeps_previous_output_and_saves_finished_work(tmp_path, sig, code):
    out = tmp_path / "out.jsonl"
    csv_out = tmp_path / "claims.csv"
    out.write_text("previous\n", encoding="utf-8")
    proc = _presslens("analyze", "-", "--input-format", "jsonl", "--layers", "none", "--jsonl", str(out),
                      "--claims-csv", str(csv_out), "-q", "-j", "1",
                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin is not None
    proc.stdin.write(_records(100))  # stdin stays open: the run waits for more
    proc.stdin.flush()
    try:
        _wait_for(lambda: _part_lines(tmp_path) >= 16)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == code, err
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert not csv_out.exists()
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".*.part"))
    saved = tmp_path / "out.interrupted.jsonl"
    lines = [json.loads(x) for x in saved.read_text(encoding="utf-8").splitlines()]
    assert [x["document"]["source"] for x in lines] == [f"r{i}" for i in range(len(lines))]
    message = err.decode().strip().splitlines()[-1]
    assert f"interrupted: {len(lines)} analysed, 0 failed" in message and str(saved) in message
    with open(tmp_path / "claims.interrupted.csv", newline="", encoding="utf-8") as fh:
        assert next(csv.reader(fh))[0] == "document"


def test_json_to_a_device_writes_in_place(cli, tmp_path):
    if os.geteuid() != 0:
        pytest.skip("making a character device needs root")
    node = tmp_path / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    code, _, err = cli("analyze", str(EXAMPLE), "--layers", "none", "--json", str(node))
    assert code == 0, err
    assert stat.S_ISCHR(os.stat(node).st_mode), "the device node was replaced by a file"
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


def test_dev_null_stays_a_device(cli):
    before = os.stat("/dev/null")
    code, _, err = cli("analyze", str(EXAMPLE), "--layers", "none", "--json", "/dev/null", "--jsonl", "/dev/null")
    assert code == 0, err
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_json_to_a_fifo_is_written_in_place(cli, tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = cli("analyze", str(EXAMPLE), str(EXAMPLE), "--layers", "none", "--json", str(fifo), "-q")
    reader.join(60)
    assert code == 0, err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert [d["document"]["source"] for d in json.loads(got[0])] == [str(EXAMPLE)] * 2


def test_json_to_dev_stdout(tmp_path):
    target = tmp_path / "captured.json"
    before = os.lstat("/dev/stdout")
    with open(target, "wb") as fh:
        proc = _presslens("analyze", str(EXAMPLE), "--layers", "none", "--json", "/dev/stdout", stdout=fh,
                          stderr=subprocess.PIPE)
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    after = os.lstat("/dev/stdout")
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino), "/dev/stdout was replaced"
    assert json.loads(target.read_text(encoding="utf-8"))["document"]["source"] == str(EXAMPLE)


def test_hostile_ids_with_html_reports(cli, tmp_path):
    records = [
        {"id": "../../escape/" + "x" * 200, "text": TEXT},
        {"id": "x" * 300, "text": TEXT},
        {"id": "nul\u0000id", "text": TEXT},
        {"id": "\u00e9t\u00e9/..\\..\\win", "text": TEXT + " Again."},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    reports = tmp_path / "reports"
    code, _, err = cli("analyze", str(src), "--layers", "none", "--html", str(reports), "-q")
    assert code == 1
    errors = [x for x in err.splitlines() if x.startswith("presslens: error: ")]
    assert len(errors) == 2 and "255 bytes" in errors[0] and "control character" in errors[1]
    names = sorted(p.name for p in reports.iterdir())
    assert len(names) == 2 and all(len(n) < 120 and n.endswith(".html") for n in names)
    assert not (tmp_path / "escape").exists()


def test_csv_cells_cannot_start_a_formula(cli, tmp_path):
    records = [{"id": "=HYPERLINK(\"http://x\")", "text": "+44 people were hurt in the blast on Monday, police said."},
               {"id": "@cmd", "text": "-5 degrees was the low in Valdora on Tuesday, the weather office said."}]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    out = tmp_path / "claims.csv"
    code, _, err = cli("analyze", str(src), "--layers", "claims", "--claims-csv", str(out), "-q")
    assert code == 0, err
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows, "no claims found"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), row
    assert {r["source"] for r in rows} <= {"'=HYPERLINK(\"http://x\")", "'@cmd"}


def test_directory_summary_counts_skipped(cli, tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "NOTES").write_text(TEXT, encoding="utf-8")
    code, _, err = cli("analyze", str(tmp_path), "--layers", "none", "--jsonl", str(tmp_path / "o.jsonl"))
    assert code == 0, err
    assert "presslens: skipped: " in err and "b.docx (unsupported file type .docx)" in err
    assert "NOTES (no file extension)" in err
    assert err.strip().splitlines()[-1] == "presslens: 1 analysed, 0 failed, 2 skipped"


def test_fifo_input_fails_fast(tmp_path):
    fifo = tmp_path / "in.txt"
    os.mkfifo(fifo)
    proc = _presslens("analyze", str(fifo), "--layers", "none", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 1
    assert err.decode().strip() == f"presslens: error: {fifo}: is a FIFO (named pipe), not a regular file; " \
                                   "presslens reads regular files only [E054]"


def test_limits_are_options(cli, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(" ".join([TEXT] * 10), encoding="utf-8")
    code, _, err = cli("analyze", str(path), "--layers", "none", "--max-words", "50")
    assert code == 1 and "[E053]" in err and "50 words" in err
