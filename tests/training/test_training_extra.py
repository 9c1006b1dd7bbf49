"""The training extra: run time never imports it, and ``presslens train`` says clearly when it is missing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from presslens.errors import MissingExtraError
from presslens.training import missing, require


def test_require_names_the_missing_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "sklearn", None)
    assert missing() == ["sklearn"]
    with pytest.raises(MissingExtraError, match=r"pip install 'presslens\[training\]' \(scikit-learn not installed\)"):
        require()


def test_require_passes_when_installed():
    pytest.importorskip("sklearn")
    require()


@pytest.mark.parametrize("command", [["train", "checkworthy", "--tsv", "{tsv}"], ["train", "techniques", "--ptc", "{dir}"]])
def test_train_without_the_extra_is_one_line_and_non_zero(tmp_path, command):
    tsv = tmp_path / "train.tsv"
    tsv.write_text("Sentence_id\tText\tclass_label\n1\tThe city spent 3 million dollars.\tYes\n", encoding="utf-8")
    args = [a.format(tsv=tsv, dir=tmp_path) for a in command]
    code = ("import sys; sys.modules['sklearn'] = None; sys.modules['scipy'] = None; "
            f"sys.argv = ['presslens', *{args!r}]; from presslens.cli import main; main()")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode != 0
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "[E058]" in lines[0] and "presslens[training]" in lines[0], out.stderr


def test_the_run_time_path_never_imports_training():
    code = ("import sys, presslens; from presslens.pipeline import Pipeline; Pipeline(); "
            "print(sorted(m for m in sys.modules if m.startswith(('presslens.training', 'sklearn', 'scipy'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300)
    assert out.stdout.strip() == "[]"
