"""The dependency rules of the architecture, checked on the source (every import, lazy ones too).

* ``analyzers/`` never imports ``store``, ``present``, ``cli`` or ``web``: analyzers are pure.
* ``model/`` imports nothing else from presslens (``presslens.about``, the name and schema
  constants, is the one exception: the JSON writer stamps them).
* ``ingest/`` and ``nlp/`` never import analyzers, presenters, the store or the CLI.
* ``import presslens`` stays light: no spaCy, trafilatura, pypdf or rich until needed.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "presslens"

RULES = {
    "analyzers": ("presslens.store", "presslens.present", "presslens.cli", "presslens.web"),
    "ingest": ("presslens.analyzers", "presslens.present", "presslens.store", "presslens.cli", "presslens.web"),
    "nlp": ("presslens.analyzers", "presslens.present", "presslens.store", "presslens.cli", "presslens.web"),
}


def imported_modules(path: Path, root: Path = SRC.parent) -> set[str]:
    """Every absolute module name a file imports, anywhere in it (relative ones resolved)."""
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _files(area: str) -> list[Path]:
    return sorted((SRC / area).rglob("*.py"))


@pytest.mark.parametrize("area", sorted(RULES))
def test_layer_does_not_import_forbidden_packages(area):
    bad = []
    for path in _files(area):
        for name in imported_modules(path):
            if any(name == f or name.startswith(f + ".") for f in RULES[area]):
                bad.append(f"{path.relative_to(SRC)} imports {name}")
    assert not bad, bad


def test_model_imports_nothing_else_from_presslens():
    bad = []
    for path in _files("model"):
        for name in imported_modules(path):
            inside = name.startswith("presslens.") and not name.startswith(("presslens.model", "presslens.about"))
            if inside:
                bad.append(f"{path.relative_to(SRC)} imports {name}")
    assert not bad, bad


def test_rule_checker_sees_lazy_and_relative_imports(tmp_path):
    pkg = tmp_path / "presslens" / "analyzers"
    pkg.mkdir(parents=True)
    probe = pkg / "probe.py"
    probe.write_text("def f():\n    from ..present import terminal\n    import presslens.cli\n", encoding="utf-8")
    names = imported_modules(probe, root=tmp_path)
    assert "presslens.present" in names and "presslens.cli" in names


def test_import_presslens_is_light():
    code = ("import sys, presslens, presslens.cli; "
            "print(','.join(m for m in ('spacy','trafilatura','pypdf','rich','thinc') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == ""
