"""Analyzer contract: a registered spec, a read-only Context, one layer out.

An analyzer is built once by its factory (resources loaded there, never per
call) and called as ``analyzer(document, ctx) -> {field: value}`` where every
key is one of the spec's ``produces``.  It never mutates what it is given.
``requires`` are hard (the pipeline refuses to start without them), ``uses``
are soft (the analyzer works without them, less well).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from presslens.errors import PipelineError
from presslens.model.document import Document
from presslens.settings import Settings


class Analyzer(Protocol):
    """A built analyzer: Document + Context → the fields of its layer."""

    def __call__(self, document: Document, ctx: Context) -> Mapping[str, Any]: ...


@dataclass(frozen=True, slots=True)
class AnalyzerSpec:
    """Registration metadata of an analyzer (versioned name, layer, contract)."""

    name: str
    layer: str
    produces: tuple[str, ...]
    requires: tuple[str, ...]
    uses: tuple[str, ...]
    factory: Callable[..., Analyzer]


@dataclass(frozen=True)
class Context:
    """Read-only view of what earlier stages produced for this document."""

    nlp_doc: Any
    settings: Settings
    layers: Mapping[str, Any] = field(default_factory=dict)

    def layer(self, name: str) -> Any:
        """Return an earlier layer's value, or ``()`` when it did not run."""
        return self.layers.get(name, ())

    def has(self, name: str) -> bool:
        """True when the named layer ran before this stage."""
        return name in self.layers


_REGISTRY: dict[str, AnalyzerSpec] = {}


def register(
    name: str,
    *,
    layer: str,
    produces: tuple[str, ...] | None = None,
    requires: tuple[str, ...] = (),
    uses: tuple[str, ...] = (),
) -> Callable[[Callable[..., Analyzer]], Callable[..., Analyzer]]:
    """Decorator registering an analyzer factory under a versioned name."""

    def deco(factory: Callable[..., Analyzer]) -> Callable[..., Analyzer]:
        _REGISTRY[name] = AnalyzerSpec(name, layer, produces or (layer,), requires, uses, factory)
        return factory

    return deco


def registered() -> dict[str, AnalyzerSpec]:
    """All registered analyzer specs by name."""
    return dict(_REGISTRY)


def spec_for_layer(layer: str) -> AnalyzerSpec:
    """The newest registered analyzer for a layer name (e.g. "entities")."""
    found = sorted((s for s in _REGISTRY.values() if s.layer == layer), key=lambda s: s.name)
    if not found:
        known = ", ".join(sorted({s.layer for s in _REGISTRY.values()}))
        raise PipelineError(f"unknown layer {layer!r}; known layers: {known}")
    return found[-1]
