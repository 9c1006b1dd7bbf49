"""``presslens eval``/``train`` registration: a broken task import is never swallowed (issue 9)."""

from __future__ import annotations

import sys

import pytest
import typer
from typer.testing import CliRunner


@pytest.fixture
def tasks_package(tmp_path, monkeypatch):
    """A throwaway package of task modules: one fine, one broken inside, one needing a missing extra."""
    pkg = tmp_path / "fake_tasks_pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "fine.py").write_text(
        "def register(eval_app, train_app):\n"
        "    @eval_app.command('fine')\n"
        "    def fine():\n"
        "        print('fine ran')\n", encoding="utf-8")
    (pkg / "broken.py").write_text("import presslens.no_such_module_here\n", encoding="utf-8")
    (pkg / "broken_local.py").write_text("import fake_tasks_pkg.missing_helper\n", encoding="utf-8")
    (pkg / "extra.py").write_text("import surely_not_installed_pkg.sub\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield "fake_tasks_pkg"
    for name in [m for m in sys.modules if m.startswith("fake_tasks_pkg")]:
        del sys.modules[name]


@pytest.fixture
def fresh_groups(monkeypatch):
    """Fresh eval/train groups, so the real ones stay untouched."""
    from presslens.cli import evaluate

    monkeypatch.setattr(evaluate, "eval_app", typer.Typer(no_args_is_help=True))
    monkeypatch.setattr(evaluate, "train_app", typer.Typer(no_args_is_help=True))
    return evaluate


@pytest.mark.parametrize("task", ["broken", "broken_local"])
def test_a_broken_task_import_raises(tasks_package, fresh_groups, task):
    with pytest.raises(ModuleNotFoundError):
        fresh_groups.register(typer.Typer(), tasks=("fine", task), package=tasks_package)


def test_a_missing_optional_package_is_one_clear_line(tasks_package, fresh_groups):
    from presslens.errors import PresslensError

    app = typer.Typer()
    fresh_groups.register(app, tasks=("fine", "extra"), package=tasks_package)
    runner = CliRunner()
    assert "fine ran" in runner.invoke(app, ["eval", "fine"]).stdout
    result = runner.invoke(app, ["eval", "extra", "--tsv", "x"])
    assert isinstance(result.exception, PresslensError)
    assert "'surely_not_installed_pkg'" in str(result.exception) and "[E058]" in str(result.exception) and "\n" not in str(result.exception)


def test_every_real_task_registers():
    from presslens.cli import evaluate

    app = typer.Typer()
    evaluate.register(app)
    names = {c.name for c in evaluate.eval_app.registered_commands}
    assert set(evaluate.TASKS) <= names
