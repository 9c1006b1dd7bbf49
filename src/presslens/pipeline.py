"""Pipeline: resolve analyzers by layer, check their order, run, record provenance.

``Pipeline.analyze(document)`` parses with spaCy and runs every analyzer;
``Pipeline.analyze_many(documents)`` streams through ``nlp.pipe`` (and, with
``n_process > 1``, a pool of forked workers) keeping memory constant.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from presslens.analyzers import load_builtins, spec_for_layer
from presslens.analyzers.base import AnalyzerSpec, Context
from presslens.errors import PipelineError
from presslens.model.analysis import Analysis, Provenance
from presslens.model.document import Document, Published
from presslens.settings import Settings

log = logging.getLogger(__name__)
_ANALYSIS_FIELDS = {f.name for f in dataclasses.fields(Analysis)} - {"document", "provenance"}


def resolve(layers: Iterable[str]) -> list[AnalyzerSpec]:
    """Order the requested layers and add hard requirements; raise if impossible."""
    load_builtins()
    wanted = list(dict.fromkeys(layers))
    specs: dict[str, AnalyzerSpec] = {}
    queue = list(wanted)
    while queue:
        layer = queue.pop(0)
        if layer in specs:
            continue
        spec = spec_for_layer(layer)
        specs[layer] = spec
        queue.extend(r for r in spec.requires if r not in specs)
    ordered: list[AnalyzerSpec] = []
    done: set[str] = set()
    from presslens.settings import DEFAULT_LAYERS

    rank = {name: i for i, name in enumerate(DEFAULT_LAYERS)}
    pending = sorted(specs.values(), key=lambda s: rank.get(s.layer, len(rank)))
    while pending:
        ready = [s for s in pending if all(r in done for r in s.requires)]
        if not ready:
            names = ", ".join(s.layer for s in pending)
            raise PipelineError(f"circular layer requirements among: {names}")
        spec = ready[0]
        ordered.append(spec)
        done.add(spec.layer)
        pending.remove(spec)
    return ordered


class Pipeline:
    """A resolved, built sequence of analyzers plus the shared spaCy model."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.specs = resolve(self.settings.layers)
        self.analyzers = [(spec, spec.factory()) for spec in self.specs]

    def analyze(self, document: Document) -> Analysis:
        """Parse and analyse one document."""
        from presslens.nlp import make_doc

        return self.run(document, make_doc(document.text))

    def run(self, document: Document, nlp_doc: Any) -> Analysis:
        """Run every analyzer on a document whose spaCy Doc is already made."""
        from presslens.nlp import sentence_spans

        document = dataclasses.replace(document, sentences=sentence_spans(nlp_doc))
        layers: dict[str, Any] = {}
        failures: list[tuple[str, str]] = []
        for spec, analyzer in self.analyzers:
            ctx = Context(nlp_doc=nlp_doc, settings=self.settings, layers=layers)
            try:
                out = analyzer(document, ctx)
            except Exception as exc:
                if self.settings.on_error == "raise":
                    raise
                log.warning("analyzer %s failed on %s: %s", spec.name, document.source, exc)
                failures.append((spec.name, f"{exc.__class__.__name__}: {exc}"))
                continue
            _check_output(spec, out)
            layers.update(out)
        return _assemble(document, layers, self.specs, failures)

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
    extra = set(out) - set(spec.produces)
    if extra:
        raise PipelineError(f"analyzer {spec.name} produced undeclared fields: {sorted(extra)}")


def _assemble(
    document: Document,
    layers: dict[str, Any],
    specs: list[AnalyzerSpec],
    failures: list[tuple[str, str]],
) -> Analysis:
    published = layers.get("published")
    if isinstance(published, Published) and not document.published.value:
        document = dataclasses.replace(document, published=published)
    fields = {k: v for k, v in layers.items() if k in _ANALYSIS_FIELDS}
    provenance = Provenance(tuple((s.name, s.name.rsplit(".", 1)[-1]) for s in specs), tuple(failures))
    return Analysis(document=document, provenance=provenance, **fields)
