"""Golden list of registered analyzer names: a removed or renamed name fails (STYLE habit 2)."""

from __future__ import annotations

from presslens.analyzers import load_builtins, registered

GOLDEN = {
    "presslens.entities.v1": "entities",
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
