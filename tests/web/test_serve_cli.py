"""``presslens serve`` as a user runs it: refused without a token beyond localhost; serving otherwise."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from corpus_fixture import build_corpus

CLI = [sys.executable, "-m", "presslens"]


def test_binding_beyond_localhost_without_token_is_one_clear_line(tmp_path: Path) -> None:
    """Exit 1 and one line on stderr naming --token; nothing listens."""
    env = {k: v for k, v in os.environ.items() if k != "PRESSLENS_TOKEN"}
    r = subprocess.run([*CLI, "serve", "--db", str(tmp_path / "c.db"), "--host", "0.0.0.0"], capture_output=True,
                       text=True, timeout=120, env=env)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "--token" in lines[0] and "Traceback" not in r.stderr


def test_read_only_on_a_missing_store_is_one_clear_line(tmp_path: Path) -> None:
    """--read-only never creates a store: a wrong path is one line on stderr and exit 1."""
    r = subprocess.run([*CLI, "serve", "--db", str(tmp_path / "missing.db"), "--read-only"], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert not (tmp_path / "missing.db").exists()


def test_serve_answers_on_localhost(tmp_path: Path) -> None:
    """The real command serves the corpus home and a JSON twin, then stops on SIGINT."""
    db = str(tmp_path / "c.db")
    build_corpus(db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([*CLI, "serve", "--db", db, "--port", str(port), "--read-only"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        body = ""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/home", timeout=5) as r:
                    body = r.read().decode()
                break
            except OSError:
                time.sleep(0.3)
        assert '"documents":50' in body.replace(" ", "")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/analyse", timeout=5) as r:
            assert "read-only" in r.read().decode()
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    assert "127.0.0.1" in (proc.stderr.read() if proc.stderr else "")
