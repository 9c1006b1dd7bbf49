"""The dependency rule of the architecture, checked on the source (every import, lazy ones too).

Imports point one way (DESIGN.md): model ← nlp ← analyzers ← pipeline ← api ← {present, store}
← corpus ← scale ← {web, cli}.  Every top-level module and package of ``presslens`` has a rank
below; a module may import only modules of a lower rank (or of its own package).  So analyzers
never import ingest, the pipeline, presenters, the store or the CLI; ``model`` imports nothing
but the tool's name and schema constants; and only the CLI may import ``training`` (the optional
extra), so nothing on the run-time path needs scikit-learn.  ``import presslens`` stays light.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "presslens"

RANKS: dict[str, int] = {
    "about": 0, "errors": 0,  # name, version, schema id; coded errors
    "model": 10, "settings": 10,  # pure data; the options object
    "nlp": 20, "resources": 20,  # spaCy and parse helpers; lexicons, weights and their loader
    "ingest": 30, "analyzers": 30,  # bytes → Document; Document → layers (never each other)
    "pipeline": 40,  # resolves, orders and runs the analyzers
    "runner": 45,  # behind the API: checks, isolated loading, workers
    "api": 50,  # analyze, analyze_items: the one service path
    "__init__": 55,  # the public names (re-exports of the API)
    "present": 60, "store": 60,  # writers and reports; corpus tables
    "eval": 70, "corpus": 70,  # dataset readers and scorers; the cross-document layer
    "training": 80,  # optional extra: fits the bundled models
    "scale": 85,  # process_shard, Dask and Ray executors (corpus add --executor dask reaches them from the CLI)
    "web": 88,  # the web app (the CLI's ``serve`` starts it)
    "cli": 90,  # command line
    "__main__": 100,
}
ONLY_CLI_IMPORTS = {"training"}  # the run-time path (scale, web, api …) never needs the extra


def area_of(module: str) -> str | None:
    """The top-level area of a ``presslens`` module name ("presslens.nlp.syntax" → "nlp")."""
    parts = module.split(".")
    if parts[0] != "presslens":
        return None
    return parts[1] if len(parts) > 1 and parts[1] in RANKS else "__init__"


def _module_of(path: Path, root: Path) -> str:
    """Dotted module name of a source file."""
    rel = path.relative_to(root).with_suffix("")
    parts = rel.parts[:-1] if rel.parts[-1] == "__init__" else rel.parts
    return ".".join(parts)


def imported_modules(path: Path, root: Path = SRC.parent) -> set[str]:
    """Every absolute module name a file imports, anywhere in it (relative ones resolved).

    ``from presslens import resources`` counts as importing ``presslens.resources`` (a
    submodule), not the package's public API.
    """
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
            subs = {f"{base}.{alias.name}" for alias in node.names}
            submodules = {s for s in subs if _is_module(s, root)}
            names.update(submodules)
            if subs - submodules:  # names defined in the module itself
                names.add(base)
    return names


def _is_module(name: str, root: Path) -> bool:
    """True when ``name`` is a module or package file under ``root``."""
    path = root.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _areas() -> set[str]:
    """Every top-level module and package of presslens."""
    found = {p.stem for p in SRC.glob("*.py")}
    found |= {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    return found


def test_every_package_has_a_place_in_the_rule():
    unplaced = sorted(_areas() - set(RANKS))
    assert not unplaced, f"add these to RANKS in tests/test_imports.py: {unplaced}"


@pytest.mark.parametrize("area", sorted(_areas() & set(RANKS)))
def test_imports_point_one_way(area):
    files = [SRC / f"{area}.py"] if (SRC / f"{area}.py").is_file() else sorted((SRC / area).rglob("*.py"))
    bad = []
    for path in files:
        for name in imported_modules(path):
            target = area_of(name)
            if target is None or target == area:
                continue
            if target not in RANKS or RANKS[target] >= RANKS[area]:
                bad.append(f"{path.relative_to(SRC)} imports {name}")
            elif target in ONLY_CLI_IMPORTS and area != "cli":
                bad.append(f"{path.relative_to(SRC)} imports {name} (only the CLI may)")
    assert not bad, bad


def test_model_imports_nothing_else_from_presslens():
    bad = []
    for path in sorted((SRC / "model").rglob("*.py")):
        for name in imported_modules(path):
            inside = name.startswith("presslens.") and not name.startswith(("presslens.model", "presslens.about"))
            if inside:
                bad.append(f"{path.relative_to(SRC)} imports {name}")
    assert not bad, bad


def test_rule_checker_sees_lazy_relative_and_submodule_imports(tmp_path):
    pkg = tmp_path / "presslens" / "analyzers"
    pkg.mkdir(parents=True)
    (tmp_path / "presslens" / "resources").mkdir()
    (tmp_path / "presslens" / "resources" / "__init__.py").write_text("", encoding="utf-8")
    probe = pkg / "probe.py"
    probe.write_text("def f():\n    from ..present import terminal\n    import presslens.cli\n"
                     "from presslens import resources, analyze\n", encoding="utf-8")
    names = imported_modules(probe, root=tmp_path)
    assert {"presslens.present", "presslens.cli", "presslens.resources", "presslens"} <= names
    assert area_of("presslens.resources") == "resources" and area_of("presslens") == "__init__"


def test_import_presslens_is_light():
    code = ("import sys, presslens, presslens.cli; "
            "print(','.join(m for m in ('spacy','trafilatura','pypdf','rich','thinc','sklearn') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == ""
