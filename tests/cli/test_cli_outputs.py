"""CLI outputs: --keep-text, --published, JSONL in and out, ids joined back to inputs."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from presslens.cli import app


@pytest.fixture(scope="module")
def run():
    from presslens.cli import _register

    if not any(getattr(c, "name", None) == "analyze" for c in app.registered_commands):
        _register()
    runner = CliRunner()

    def invoke(*args: str, stdin: str | None = None):
        result = runner.invoke(app, list(args), input=stdin)
        return result.exit_code, result.stdout, result.stderr

    return invoke


RAW = ("Port Reopens\r\n\r\nThe port of Valdora   reopened on Monday after a\r\nthree-week strike, "
       "the Port Authority said.\r\n\r\nShipping lines are expected to return by Friday.\r\n")


def test_keep_text_keeps_the_decoded_input(run, tmp_path):
    path = tmp_path / "wrapped.txt"
    path.write_bytes(RAW.encode("cp1252"))
    code, out, err = run("analyze", str(path), "--keep-text", "--layers", "none", "--json", "-")
    assert code == 0, err
    doc = json.loads(out)["document"]
    assert doc["text"] == RAW
    for sent in doc["sentences"]:
        assert RAW[sent["start"] : sent["end"]].strip() == RAW[sent["start"] : sent["end"]]
    code, out, _ = run("analyze", str(path), "--layers", "none", "--json", "-")
    normalised = json.loads(out)["document"]["text"]
    assert "\r" not in normalised and "   " not in normalised and "after a three-week" in normalised


def test_published_option(run, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(RAW, encoding="utf-8")
    code, out, _ = run("analyze", str(path), "--published", "2024-05-02", "--layers", "none", "--json", "-")
    assert code == 0 and json.loads(out)["document"]["published"]["value"] == "2024-05-02"
    code, _, err = run("analyze", str(path), "--published", "May 2", "--layers", "none")
    assert code != 0 and "YYYY-MM-DD" in err


def test_jsonl_in_jsonl_out_keeps_ids(run, tmp_path):
    src = tmp_path / "in.jsonl"
    records = [
        {"id": "rec-1", "text": "The ferry to Brisk resumed on Monday after a two-week halt, its operator said."},
        {"id": "rec-2", "text": ""},
        {"id": "rec-3", "text": "Dockers returned to work at the port of Valdora on Tuesday morning.",
         "published": "2024-03-14"},
    ]
    src.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _, err = run("analyze", str(src), "--layers", "none", "--jsonl", str(out), "-q", "--jobs", "1")
    assert code == 1 and "rec-2" in err
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["document"]["source"] for x in lines] == ["rec-1", "rec-3"]
    assert lines[1]["document"]["published"]["value"] == "2024-03-14"
