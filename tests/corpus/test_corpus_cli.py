"""``presslens corpus …`` as a user runs it: tables, --json/--jsonl, PRESSLENS_DB, one-line errors."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from articles import write_corpus

pytestmark = pytest.mark.slow


def run(*args: str, env: dict[str, str] | None = None, cwd=None) -> subprocess.CompletedProcess[str]:
    """Run ``presslens`` with this interpreter."""
    full_env = {**os.environ, "COLUMNS": "200", **(env or {})}
    return subprocess.run([sys.executable, "-m", "presslens", *args], capture_output=True, text=True, timeout=600,
                          env=full_env, cwd=cwd)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """A SQLite store with six invented articles and one failed input, made through the CLI."""
    root = tmp_path_factory.mktemp("cli")
    write_corpus(root / "in", 6)
    (root / "in" / "blank.txt").write_text("\n\n", encoding="utf-8")
    path = str(root / "c.db")
    done = run("corpus", "add", str(root / "in"), "--db", path)
    assert done.returncode == 1  # one input failed
    assert "6 added" in done.stderr and "1 failed" in done.stderr and "blank.txt" in done.stderr
    assert "docs/s" in done.stderr  # the progress bar shows the rate
    return path


def test_stats_json_has_the_documented_keys(db):
    out = run("corpus", "stats", "--json", "--db", db)
    stats = json.loads(out.stdout)
    assert (stats["documents"], stats["analyses"], stats["failures"]) == (6, 6, 1)


def test_presslens_db_environment_variable(db):
    out = run("corpus", "stats", "--json", env={"PRESSLENS_DB": db})
    assert json.loads(out.stdout)["documents"] == 6


def test_queries_print_tables_and_machine_formats(db):
    table = run("corpus", "search", "harbour", "--db", db)
    assert table.returncode == 0 and "search: harbour" in table.stdout
    lines = run("corpus", "claims", "--min-score", "0.5", "--jsonl", "--db", db).stdout.splitlines()
    claims = [json.loads(line) for line in lines]
    assert claims and all(c["checkworthiness"] >= 0.5 for c in claims)
    assert set(claims[0]["span"]) == {"document", "start", "end", "text"}
    page = json.loads(run("corpus", "entities", "--top", "2", "--json", "--db", db).stdout)
    assert len(page["items"]) == 2 and page["more"] is True
    more = run("corpus", "entities", "--top", "2", "--db", db)
    assert "--limit 0 for all" in more.stderr
    for command in (["quotes"], ["timeline", "--from", "2023"], ["entity", "Mara Quintel"], ["failures"]):
        done = run("corpus", *command, "--db", db)
        assert done.returncode == 0, done.stderr


def test_export_writes_the_file(db, tmp_path):
    out = tmp_path / "claims.csv"
    done = run("corpus", "export", "claims", "--format", "csv", "--out", str(out), "--db", db)
    assert done.returncode == 0 and out.read_text(encoding="utf-8").startswith("document,claim,start,end,text")


@pytest.mark.parametrize("args,message", [
    (["corpus", "search", "  "], "give at least one word"),
    (["corpus", "timeline", "--from", "soon"], "give a date"),
    (["corpus", "export", "users", "--out", "x.csv"], "unknown table"),
    (["corpus", "entity", "Nobody Atall"], "no entity named"),
])
def test_bad_requests_are_one_line_errors(db, args, message, tmp_path):
    done = run(*args, "--db", db, cwd=tmp_path)
    assert done.returncode == 1 and message in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_missing_store_and_newer_schema_are_refused(db, tmp_path):
    missing = run("corpus", "stats", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 1 and "no corpus store" in missing.stderr
    assert not (tmp_path / "none.db").exists()
    newer = tmp_path / "newer.db"
    conn = sqlite3.connect(db)
    conn.execute(f"VACUUM INTO '{newer}'")
    conn.close()
    conn = sqlite3.connect(newer)
    conn.execute("INSERT INTO schema_migrations VALUES (99, 'future', '2099-01-01')")
    conn.commit()
    conn.close()
    before = newer.read_bytes()
    done = run("corpus", "add", str(tmp_path), "--db", str(newer))
    assert done.returncode == 1 and "newer presslens" in done.stderr and "[E071]" in done.stderr
    assert newer.read_bytes() == before


def test_add_without_inputs_is_a_usage_error(tmp_path):
    done = run("corpus", "add", "--db", str(tmp_path / "x.db"))
    assert done.returncode == 2 and "give files or folders" in done.stderr
