"""Pipeline: layer resolution, switching layers off, plugin registration, error policy."""

from __future__ import annotations

import pytest

import presslens
from presslens.analyzers.base import register
from presslens.errors import PipelineError
from presslens.ingest import ingest_text
from presslens.model.records import Inconsistency
from presslens.pipeline import Pipeline, resolve
from presslens.settings import Settings

TEXT = (
    "Talks between the two unions collapsed on Monday. The Transport Minister, Carla Diaz, said 1,200 "
    "drivers would strike on Friday.\n\nDiaz later met union leaders in Lisbon."
)


def test_pipeline_requires_are_added_in_order():
    layers = [spec.layer for spec in resolve(["timeline"])]
    assert layers[-1] == "timeline"
    for req in resolve(["timeline"])[-1].requires:
        assert req in layers and layers.index(req) < layers.index("timeline")


def test_pipeline_unknown_layer_lists_known_ones():
    with pytest.raises(PipelineError, match="known layers"):
        resolve(["nonsense"])


def test_pipeline_single_layer_leaves_others_empty():
    analysis = presslens.analyze(TEXT, settings=Settings(layers=("quantities",)))
    assert analysis.quantities
    assert analysis.entities == () and analysis.techniques == () and analysis.claims == ()
    assert [name for name, _ in analysis.provenance.analyzers] == ["presslens.quantities.v1"]


def test_pipeline_sentences_filled_once():
    analysis = presslens.analyze(TEXT, settings=Settings(layers=("quantities",)))
    texts = [analysis.document.text_of(s) for s in analysis.document.sentences]
    assert texts[0].startswith("Talks") and texts[-1].startswith("Diaz later")
    assert len(texts) == 3


def test_pipeline_plugin_through_the_same_registry():
    @register("tests.shouting.v1", layer="shouting", produces=("inconsistencies",))
    def make_shouting():
        def analyze(document, ctx):
            found = tuple(
                Inconsistency("shouting", "word in capitals", (presslens.Span(t.idx, t.idx + len(t.text)),))
                for t in ctx.nlp_doc
                if t.is_upper and len(t.text) > 3
            )
            return {"inconsistencies": found}

        return analyze

    pipe = Pipeline(Settings(layers=("shouting",)))
    analysis = pipe.analyze(ingest_text("They said STOP the WORKS now, twice."))
    assert [analysis.document.text_of(i.spans[0]) for i in analysis.inconsistencies] == ["STOP", "WORKS"]


def test_pipeline_error_policy_record_keeps_going():
    @register("tests.broken.v1", layer="broken", produces=("claims",))
    def make_broken():
        def analyze(document, ctx):
            raise RuntimeError("boom")

        return analyze

    doc = ingest_text(TEXT)
    with pytest.raises(RuntimeError):
        Pipeline(Settings(layers=("broken",))).analyze(doc)
    analysis = Pipeline(Settings(layers=("quantities", "broken"), on_error="record")).analyze(doc)
    assert analysis.quantities
    assert analysis.provenance.failures[0][0] == "tests.broken.v1"


def test_pipeline_undeclared_output_is_refused():
    @register("tests.sneaky.v1", layer="sneaky", produces=("claims",))
    def make_sneaky():
        def analyze(document, ctx):
            return {"entities": ()}

        return analyze

    with pytest.raises(PipelineError, match="undeclared"):
        Pipeline(Settings(layers=("sneaky",))).analyze(ingest_text(TEXT))
