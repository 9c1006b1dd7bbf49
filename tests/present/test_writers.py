"""Output writers: atomic regular files, in-place special targets, interrupted runs, safe report names."""

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


def test_abort_keeps_previous_content_and_leaves_no_part(tmp_path):
    from presslens.present.writers import OutputFile

    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    out = OutputFile(str(target))
    out.open()
    out.write("new\n")
    assert target.read_text() == "old\n"
    out.abort()
    assert target.read_text() == "old\n" and [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_interrupted_commit_goes_beside_the_target(tmp_path):
    from presslens.present.writers import OutputFile

    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    out = OutputFile(str(target))
    out.write("partial\n")
    where = out.commit(interrupted=True)
    assert where == str(tmp_path / "out.interrupted.jsonl")
    assert target.read_text() == "old\n" and (tmp_path / "out.interrupted.jsonl").read_text() == "partial\n"


def test_a_link_stays_a_link(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomic(str(link), "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_which_targets_are_replaced(tmp_path):
    import pytest

    from presslens.errors import OutputError
    from presslens.present.writers import replaceable

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert replaceable(str(tmp_path / "new.json")) and not replaceable(str(fifo))
    assert not replaceable("-") and not replaceable("/dev/null") and not replaceable("/dev/stdout")
    with pytest.raises(OutputError):
        replaceable(str(tmp_path))


def test_report_names_are_safe():
    from presslens.model.analysis import Analysis
    from presslens.model.document import Document
    from presslens.present.writers import report_name

    names = set()
    for source in ("../../etc/passwd", "a/b", "a_b", "x" * 5000, "nul\x00id", "..", "<stdin>", "C:\\x\\..\\y"):
        name = report_name(Analysis(document=Document(text="Same text.", source=source)))
        assert "/" not in name and "\\" not in name and "\x00" not in name and not name.startswith(".")
        assert len(name) <= 120 and name.endswith(".html")
        names.add(name)
    assert len(names) == 8
