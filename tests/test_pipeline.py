"""Pipeline: layer resolution and order, switching layers off, plugins, error policy, contracts."""

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
    def make_shouting(settings):
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
    def make_broken(settings):
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
    def make_sneaky(settings):
        def analyze(document, ctx):
            return {"entities": ()}

        return analyze

    with pytest.raises(PipelineError, match="undeclared"):
        Pipeline(Settings(layers=("sneaky",))).analyze(ingest_text(TEXT))


def test_pipeline_order_comes_from_requires_and_uses_alone():
    import itertools

    from presslens.settings import DEFAULT_LAYERS

    orders = {tuple(s.layer for s in resolve(p)) for p in itertools.permutations(DEFAULT_LAYERS[:5])}
    assert len(orders) == 1  # however the layers are listed
    full = [s.layer for s in resolve(reversed(DEFAULT_LAYERS))]
    for spec in resolve(DEFAULT_LAYERS):
        for dep in spec.reads:  # a uses edge orders two layers when both run
            assert full.index(dep) < full.index(spec.layer), (dep, spec.layer)


def test_pipeline_uses_edge_orders_only_when_both_run():
    assert [s.layer for s in resolve(["consistency"])] == ["consistency"]
    layers = [s.layer for s in resolve(["consistency", "quotes"])]
    assert layers == ["entities", "quotes", "consistency"]


def test_pipeline_circular_contracts_are_refused():
    @register("tests.hen.v1", layer="hen", produces=("claims",), uses=("egg",))
    def make_hen(settings):
        return lambda document, ctx: {}

    @register("tests.egg.v1", layer="egg", produces=("quotes",), requires=("hen",))
    def make_egg(settings):
        return lambda document, ctx: {}

    with pytest.raises(PipelineError, match="circular"):
        resolve(["egg"])


def test_versions_compare_as_numbers():
    from presslens.analyzers.base import name_version, spec_for_layer

    for version in (2, 10, 9):
        register(f"tests.versioned.v{version}", layer="versioned", produces=("claims",))(lambda settings: None)
    assert spec_for_layer("versioned").name == "tests.versioned.v10"
    assert name_version("presslens.claims.v12") == 12
    with pytest.raises(PipelineError, match="version"):
        register("tests.unversioned", layer="unversioned")


def test_reading_an_undeclared_layer_is_refused():
    @register("tests.peeker.v1", layer="peeker", produces=("claims",), requires=("quantities",))
    def make_peeker(settings):
        def analyze(document, ctx):
            assert ctx.quantities  # declared: fine
            return {"claims": tuple(ctx.entities)}  # not declared

        return analyze

    with pytest.raises(PipelineError, match="'entities' without declaring"):
        Pipeline(Settings(layers=("entities", "peeker"), on_error="record")).analyze(ingest_text(TEXT))
