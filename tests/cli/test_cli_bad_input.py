"""Bad input through the CLI: one clear line per input, non-zero exit, never a traceback."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presslens.cli import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "harbour-strike.txt"

FRENCH = ("Le port de Valdora a rouvert lundi après une grève de trois semaines. Les syndicats ont "
          "salué un accord qui prévoit la réembauche des ouvriers licenciés en février, et la "
          "direction promet de nouveaux investissements dans les grues du quai nord.\n")
GERMAN = ("Der Hafen von Valdora wurde am Montag nach einem dreiwöchigen Streik wieder geöffnet. "
          "Die Gewerkschaft begrüßte die Einigung, die die Wiedereinstellung der im Februar "
          "entlassenen Arbeiter vorsieht, und die Hafenbehörde kündigte neue Kräne an.\n")
SPANISH = ("El puerto de Valdora reabrió el lunes tras una huelga de tres semanas. El sindicato "
           "celebró el acuerdo, que prevé la readmisión de los trabajadores despedidos en febrero, "
           "y la autoridad portuaria anunció nuevas grúas para el muelle norte.\n")


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


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    """Every kind of bad input, written to ``tmp``."""
    from examples_pdf import build_pdf

    files = {
        "empty": tmp / "empty.txt",
        "whitespace": tmp / "blank.txt",
        "binary": tmp / "image.png",
        "encoding": tmp / "noise.txt",
        "directory": tmp / "nothing-here",
        "missing": tmp / "missing.txt",
        "html": tmp / "cut.html",
        "pdf": tmp / "cut.pdf",
        "huge": tmp / "huge.txt",
        "french": tmp / "fr.txt",
        "german": tmp / "de.txt",
        "spanish": tmp / "es.txt",
    }
    files["empty"].write_bytes(b"")
    files["whitespace"].write_bytes(b"  \n\t\n   \r\n")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    rng = random.Random(7)
    files["encoding"].write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(4000)))
    files["directory"].mkdir()
    page = (EXAMPLE.read_text(encoding="utf-8").replace("\n\n", "</p><p>"))
    files["html"].write_text(f"<html><head><title>Strike</title></head><body><article><p>{page}"[:1500]
                             + "<p cla", encoding="utf-8")
    pdf = build_pdf(tmp / "whole.pdf").read_bytes()
    files["pdf"].write_bytes(pdf[: len(pdf) // 2])
    with open(files["huge"], "wb") as fh:  # sparse: 50 MB on disk without writing them
        fh.truncate(50 * 1024 * 1024)
    files["french"].write_text(FRENCH, encoding="utf-8")
    files["german"].write_text(GERMAN, encoding="utf-8")
    files["spanish"].write_text(SPANISH, encoding="utf-8")
    return files


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "examples"))
    import importlib

    sys.modules.setdefault("examples_pdf", importlib.import_module("make_pdf"))
    return _bad_inputs(tmp_path_factory.mktemp("bad"))


KINDS = ["empty", "whitespace", "binary", "encoding", "directory", "missing", "html", "pdf",
         "huge", "french", "german", "spanish"]


@pytest.mark.parametrize("kind", KINDS)
def test_each_bad_input_gives_one_error_line(cli, bad, kind, tmp_path):
    out = tmp_path / "out.json"
    code, stdout, stderr = cli("analyze", str(bad[kind]), "--layers", "none", "--json", str(out))
    lines = [x for x in stderr.splitlines() if x.strip()]
    assert code != 0
    assert len(lines) == 1, stderr
    assert lines[0].startswith("presslens: error: ")
    assert bad[kind].name in lines[0]
    assert "Traceback" not in stderr + stdout
    assert not out.exists()


def test_messages_say_what_is_wrong(cli, bad):
    expect = {"empty": "empty", "binary": "binary", "encoding": "encoding", "missing": "no such file",
              "html": "truncated HTML", "pdf": "PDF", "huge": "limit", "french": "English"}
    for kind, words in expect.items():
        _, _, stderr = cli("analyze", str(bad[kind]), "--layers", "none", "-q")
        assert words in stderr, (kind, stderr)


def test_batch_goes_on_and_writes_the_good_ones(cli, bad, tmp_path):
    out = tmp_path / "batch.jsonl"
    inputs = [str(bad[k]) for k in ("empty", "binary", "french", "missing")] + [str(EXAMPLE)]
    code, _, stderr = cli("analyze", *inputs, "--layers", "none", "--jsonl", str(out), "-q")
    assert code == 1
    errors = [x for x in stderr.splitlines() if x.startswith("presslens: error: ")]
    assert len(errors) == 4
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["document"]["source"] for r in records] == [str(EXAMPLE)]


def test_failed_run_does_not_clobber_existing_output(cli, bad, tmp_path):
    out = tmp_path / "keep.json"
    out.write_text("previous content\n", encoding="utf-8")
    code, _, _ = cli("analyze", str(bad["binary"]), "--layers", "none", "--json", str(out))
    assert code == 1
    assert out.read_text(encoding="utf-8") == "previous content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.json"]  # no temporary left behind


def test_output_path_that_is_a_directory(cli, tmp_path):
    code, _, stderr = cli("analyze", str(EXAMPLE), "--layers", "none", "--json", str(tmp_path))
    assert code == 1 and "is a directory" in stderr


def test_stdin_and_empty_stdin(cli):
    code, stdout, _ = cli("analyze", "-", "--layers", "none", "--json", "-",
                          stdin=EXAMPLE.read_text(encoding="utf-8"))
    assert code == 0
    assert json.loads(stdout)["document"]["source"] == "<stdin>"
    code, _, stderr = cli("analyze", "-", "--layers", "none", "--json", "-", stdin="")
    assert code == 1 and stderr.startswith("presslens: error: <stdin>")


def test_real_process_has_no_traceback(bad):
    exe = Path(sys.executable).with_name("presslens")
    if not exe.exists():
        pytest.skip("console script not installed")
    proc = subprocess.run([str(exe), "analyze", str(bad["binary"]), str(bad["pdf"]), "--layers", "none", "-q"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 2 and all(x.startswith("presslens: error: ") for x in lines)
    assert "Traceback" not in proc.stderr


def test_json_array_for_many_inputs(cli, bad, tmp_path):
    out = tmp_path / "many.json"
    code, _, _ = cli("analyze", str(EXAMPLE), str(bad["empty"]), str(EXAMPLE), "--layers", "none",
                     "--json", str(out), "-q")
    assert code == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [d["document"]["source"] for d in data] == [str(EXAMPLE), str(EXAMPLE)]
