"""Output files follow the user's umask (not mkstemp's private 0600)."""

from __future__ import annotations

import os
import stat

from presslens.present.writers import write_atomic


def test_outputs_follow_umask(tmp_path):
    old = os.umask(0o022)
    try:
        target = tmp_path / "report.json"
        write_atomic(str(target), "{}\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_text() == "{}\n"
