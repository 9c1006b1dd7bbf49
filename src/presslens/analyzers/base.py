"""Analyzer contract: a registered spec, a read-only typed Context, one layer out.

An analyzer is built once by its factory, ``factory(settings) -> analyzer`` (resources loaded
there, never per call), and called as ``analyzer(document, ctx) -> {field: value}`` where every
key is one of the spec's ``produces``.  It never mutates what it is given.

``requires`` are hard (the pipeline adds them and runs them first), ``uses`` are soft (the
analyzer works without them, less well; when both run, the used layer runs first).  The order
of a pipeline comes from these two declarations alone.  An analyzer reads earlier layers only
through its :class:`Context`, and only the layers it declares: reading any other raises
:class:`~presslens.errors.PipelineError`, so the declarations cannot drift from the code.

Registered names carry a version, ``"<namespace>.<layer>.v<N>"``; the newest version of a
layer is the one with the highest ``N``, compared as a number (v10 is newer than v2).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from presslens.errors import PipelineError
from presslens.model.document import Document, Published
from presslens.model.records import (
    Claim,
    Entity,
    Event,
    Genre,
    Inconsistency,
    Loadedness,
    Quantity,
    Quote,
    Technique,
    TimelineEntry,
    Timex,
)
from presslens.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

_VERSIONED = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.v(\d+)$")


class Analyzer(Protocol):
    """A built analyzer: Document + Context → the fields of its layer."""

    def __call__(self, document: Document, ctx: Context) -> Mapping[str, Any]: ...


def name_version(name: str) -> int:
    """The version number of a registered name ("presslens.claims.v12" → 12)."""
    found = _VERSIONED.match(name)
    if found is None:
        raise PipelineError(f"analyzer name {name!r} must end in a version, e.g. 'acme.{name}.v1'")
    return int(found.group(1))


@dataclass(frozen=True, slots=True)
class AnalyzerSpec:
    """Registration metadata of an analyzer (versioned name, layer, contract)."""

    name: str
    layer: str
    produces: tuple[str, ...]
    requires: tuple[str, ...]
    uses: tuple[str, ...]
    factory: Callable[..., Analyzer]

    @property
    def version(self) -> int:
        """The version number of the registered name."""
        return name_version(self.name)

    @property
    def reads(self) -> frozenset[str]:
        """Every layer the analyzer may read: its requires and uses."""
        return frozenset(self.requires) | frozenset(self.uses)


# Fields whose producing layer differs from the field name (built-ins; the pipeline adds the
# ``produces`` of the analyzers it runs).
_FIELD_LAYERS = {"published": "timexes", "genre": "techniques", "loadedness": "techniques",
                 "inconsistencies": "consistency"}


class Context:
    """Read-only, typed view of what earlier stages produced for one document.

    Typed properties (``ctx.entities -> tuple[Entity, ...]``, ``ctx.published -> Published |
    None`` …) give the built-in layers; ``ctx.get(field)`` gives any field, plugins' included.
    Every read is recorded in ``reads`` (layer names); with ``allowed`` set (the pipeline sets
    it to the analyzer's requires ∪ uses), reading any other layer raises PipelineError.
    """

    __slots__ = ("_allowed", "_fields", "_layers", "_owner", "nlp_doc", "reads", "settings")

    def __init__(
        self,
        nlp_doc: Doc | Any,
        settings: Settings,
        layers: Mapping[str, Any] | None = None,
        *,
        fields: Mapping[str, str] | None = None,
        allowed: frozenset[str] | None = None,
        owner: str = "",
    ) -> None:
        """Wrap the parsed Doc, the settings and the fields produced so far.

        Args:
            nlp_doc: the spaCy Doc of ``document.text`` (parsed once by the pipeline).
            settings: the run's settings.
            layers: field name → value, as produced by the earlier analyzers.
            fields: field name → producing layer (default: the built-ins' mapping).
            allowed: layers this analyzer may read; None = any (tests, ad-hoc use).
            owner: the analyzer's registered name, for error messages.
        """
        self.nlp_doc = nlp_doc
        self.settings = settings
        self._layers: Mapping[str, Any] = layers if layers is not None else {}
        self._fields = fields if fields is not None else _FIELD_LAYERS
        self._allowed = allowed
        self._owner = owner
        self.reads: set[str] = set()

    def layer_of(self, field: str) -> str:
        """The layer that produces a field ("published" → "timexes")."""
        return self._fields.get(field) or _FIELD_LAYERS.get(field, field)

    def _check(self, layer: str) -> None:
        """Record a read of ``layer``; refuse it when the analyzer did not declare that layer."""
        if self._allowed is not None and layer not in self._allowed:
            raise PipelineError(
                f"analyzer {self._owner or '?'} reads layer {layer!r} without declaring it in requires or uses"
            )
        self.reads.add(layer)

    def _read(self, field: str) -> Any:
        """The field's value (None when absent), after checking and recording the read."""
        self._check(self.layer_of(field))
        return self._layers.get(field)

    def get(self, field: str, default: Any = ()) -> Any:
        """Any field an earlier layer produced (untyped: for plugin layers), else ``default``."""
        value = self._read(field)
        return default if value is None else value

    def layer(self, name: str) -> Any:
        """Alias of :meth:`get` kept for plugins written against the first contract."""
        return self.get(name)

    def has(self, layer: str) -> bool:
        """True when the named layer ran before this stage (counts as a read of that layer)."""
        self._check(layer)
        return any(self.layer_of(f) == layer for f in self._layers)

    def _records(self, field: str) -> tuple[Any, ...]:
        """A tuple-of-records field, empty when its layer did not run."""
        return tuple(self._read(field) or ())

    @property
    def entities(self) -> tuple[Entity, ...]:
        """The entities layer's records."""
        return self._records("entities")

    @property
    def quantities(self) -> tuple[Quantity, ...]:
        """The quantities layer's records."""
        return self._records("quantities")

    @property
    def timexes(self) -> tuple[Timex, ...]:
        """The timexes layer's records."""
        return self._records("timexes")

    @property
    def published(self) -> Published | None:
        """The document date the timexes layer inferred, if it inferred one."""
        value = self._read("published")
        return value if isinstance(value, Published) else None

    @property
    def events(self) -> tuple[Event, ...]:
        """The events layer's records."""
        return self._records("events")

    @property
    def quotes(self) -> tuple[Quote, ...]:
        """The quotes layer's records."""
        return self._records("quotes")

    @property
    def claims(self) -> tuple[Claim, ...]:
        """The claims layer's records."""
        return self._records("claims")

    @property
    def techniques(self) -> tuple[Technique, ...]:
        """The techniques layer's technique records."""
        return self._records("techniques")

    @property
    def genre(self) -> Genre | None:
        """The techniques layer's genre."""
        value = self._read("genre")
        return value if isinstance(value, Genre) else None

    @property
    def loadedness(self) -> tuple[Loadedness, ...]:
        """The techniques layer's per-paragraph loadedness."""
        return self._records("loadedness")

    @property
    def inconsistencies(self) -> tuple[Inconsistency, ...]:
        """The consistency layer's records."""
        return self._records("inconsistencies")

    @property
    def timeline(self) -> tuple[TimelineEntry, ...]:
        """The timeline layer's entries."""
        return self._records("timeline")


_REGISTRY: dict[str, AnalyzerSpec] = {}


def register(
    name: str,
    *,
    layer: str,
    produces: tuple[str, ...] | None = None,
    requires: tuple[str, ...] = (),
    uses: tuple[str, ...] = (),
) -> Callable[[Callable[..., Analyzer]], Callable[..., Analyzer]]:
    """Decorator registering an analyzer factory under a versioned name ("acme.layer.v1")."""
    name_version(name)

    def deco(factory: Callable[..., Analyzer]) -> Callable[..., Analyzer]:
        _REGISTRY[name] = AnalyzerSpec(name, layer, produces or (layer,), requires, uses, factory)
        return factory

    return deco


def registered() -> dict[str, AnalyzerSpec]:
    """All registered analyzer specs by name."""
    return dict(_REGISTRY)


def spec_for_layer(layer: str) -> AnalyzerSpec:
    """The newest registered analyzer for a layer name (highest version number)."""
    found = [s for s in _REGISTRY.values() if s.layer == layer]
    if not found:
        known = ", ".join(sorted({s.layer for s in _REGISTRY.values()}))
        raise PipelineError(f"unknown layer {layer!r}; known layers: {known}")
    return max(found, key=lambda s: (s.version, s.name))
