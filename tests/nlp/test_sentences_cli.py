"""``presslens eval sentences``: the command end to end, both ingest paths, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CASES = [
    {"id": "c1", "category": "list", "text": "1. Fill the tank 2. Check the oil",
     "sentences": ["1. Fill the tank", "2. Check the oil"], "split": "heldout"},
    {"id": "c2", "category": "quote", "text": "\"We are done.\" she said. The room emptied.",
     "sentences": ["\"We are done.\" she said.", "The room emptied."], "split": "tune"},
    {"id": "c3", "category": "newline", "text": "The bus was\nlate again.",
     "sentences": ["The bus was\nlate again."], "split": "tune"},
]


def _presslens(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the console entry point in a subprocess (the real CLI)."""
    code = "import sys; from presslens.cli import main; sys.argv = ['presslens', *sys.argv[1:]]; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=600)


def test_eval_sentences_prints_per_split_figures_on_both_paths(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in CASES), encoding="utf-8")
    for extra in ([], ["--keep-text"]):
        done = _presslens("eval", "sentences", "--cases", str(path), "--segmenters", "presslens,document", *extra)
        assert done.returncode == 0, done.stderr
        metrics = json.loads(done.stdout.strip().splitlines()[-1])
        assert metrics["cases"] == 3
        assert metrics["keep_text"] is bool(extra)
        assert metrics["presslens_accuracy"] == 1.0
        assert metrics["presslens_heldout_accuracy"] == 1.0 and metrics["presslens_tune_accuracy"] == 1.0
        assert metrics["document_agrees_with_presslens"] == 1.0


def test_eval_sentences_bad_input_is_one_clear_line(tmp_path: Path) -> None:
    missing = _presslens("eval", "sentences", "--cases", str(tmp_path / "none.jsonl"))
    assert missing.returncode != 0
    assert "no such case file" in missing.stderr and "Traceback" not in missing.stderr
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps(CASES[0]) + "\n", encoding="utf-8")
    unknown = _presslens("eval", "sentences", "--cases", str(path), "--segmenters", "nltk")
    assert unknown.returncode != 0
    assert "unknown segmenter" in unknown.stderr and "Traceback" not in unknown.stderr


def test_analyze_writes_the_same_sentences_with_and_without_keep_text(tmp_path: Path) -> None:
    """The JSON written by ``presslens analyze`` holds the rules' boundaries on both paths."""
    text = ("1.) Sweep the yard 2.) Lock the shed\n\n\"The lock is broken.\" he said. "
            "She once worked at Yahoo! in sales. Doors open at 9 a.m. Guests queue outside.\n")
    expected = ["1.) Sweep the yard", "2.) Lock the shed", "\"The lock is broken.\" he said.",
                "She once worked at Yahoo! in sales.", "Doors open at 9 a.m.", "Guests queue outside."]
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    for extra in ([], ["--keep-text"]):
        done = _presslens("analyze", str(path), "--layers", "none", "--json", "-", *extra)
        assert done.returncode == 0, done.stderr
        document = json.loads(done.stdout)["document"]
        got = [document["text"][s["start"] : s["end"]] for s in document["sentences"]]
        assert got == expected
