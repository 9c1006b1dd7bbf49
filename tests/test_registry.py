"""Golden list of registered analyzer names (a removed or renamed name fails, STYLE habit 2),
and the README's layer table checked against the registrations."""

from __future__ import annotations

import re
from pathlib import Path

from presslens.analyzers import load_builtins, registered
from presslens.analyzers.base import spec_for_layer

ROOT = Path(__file__).resolve().parent.parent

GOLDEN = {
    "presslens.entities.v2": "entities",
    "presslens.quantities.v1": "quantities",
    "presslens.timexes.v1": "timexes",
    "presslens.events.v1": "events",
    "presslens.quotes.v1": "quotes",
    "presslens.claims.v1": "claims",
    "presslens.techniques.v1": "techniques",
    "presslens.consistency.v1": "consistency",
    "presslens.timeline.v1": "timeline",
}


def test_registry_golden_names():
    load_builtins()
    specs = registered()
    for name, layer in GOLDEN.items():
        assert name in specs, f"registered analyzer {name} disappeared"
        assert specs[name].layer == layer


def test_registry_every_builtin_layer_has_its_package():
    load_builtins()
    for name, layer in GOLDEN.items():
        spec = registered()[name]
        assert spec.factory.__module__ == f"presslens.analyzers.{layer}", (name, spec.factory.__module__)


def test_readme_layer_table_matches_the_code():
    load_builtins()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\w+) \| `analyzers/(\w+)/`(?: \(([^)]*)\))? \|([^|]*)\|([^|]*)\|$", readme, re.M)
    assert {r[0] for r in rows} == set(GOLDEN.values())
    for layer, package, modules, requires, uses in rows:
        spec = spec_for_layer(layer)
        assert package == layer
        assert [x.strip() for x in requires.split(",") if x.strip()] == list(spec.requires), layer
        assert [x.strip() for x in uses.split(",") if x.strip()] == list(spec.uses), layer
        folder = ROOT / "src" / "presslens" / "analyzers" / package
        for module in filter(None, (m.strip() for m in modules.split(","))):
            assert (folder / f"{module}.py").is_file(), f"README names {package}/{module}.py"
