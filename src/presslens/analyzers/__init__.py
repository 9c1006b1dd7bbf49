"""Built-in analyzers; ``load_builtins`` imports them so they register.

Registration happens through the same decorator a third-party analyzer uses.
"""

from __future__ import annotations

import importlib

from presslens.analyzers.base import AnalyzerSpec, Context, register, registered, spec_for_layer

BUILTIN_MODULES: tuple[str, ...] = (
    "entities",
    "quantities",
    "timexes",
    "events",
    "quotes",
    "claims",
    "techniques",
    "consistency",
    "timeline",
)
_loaded = False


def load_builtins() -> None:
    """Import the built-in analyzer modules (once) so that they register."""
    global _loaded
    if not _loaded:
        for mod in BUILTIN_MODULES:
            importlib.import_module(f"presslens.analyzers.{mod}")
        _loaded = True


__all__ = ["AnalyzerSpec", "Context", "load_builtins", "register", "registered", "spec_for_layer"]
