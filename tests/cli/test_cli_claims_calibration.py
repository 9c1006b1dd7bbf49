"""``presslens eval claims-calibration``: bad arguments are one clear line and a non-zero exit."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(("args", "needle"), [
    (["--data", "/no/such/folder/presslens"], "no such folder"),
    (["--split", "tomorrow"], "expected dev, heldout or all"),
])
def test_bad_arguments_are_one_line(tmp_path, args, needle):
    cmd = [sys.executable, "-m", "presslens", "eval", "claims-calibration", *args]
    if "--data" not in args:
        cmd += ["--data", str(tmp_path)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and "Traceback" not in done.stderr
