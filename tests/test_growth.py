"""Every layer's cost grows linearly with document length (a growth ratio, never an absolute time).

An invented article (``growth_article.py``) is parsed at N and 4N words; each analyzer then runs
on both with the layers it reads already filled, and its CPU time per call is compared.  Linear
work gives a ratio near 4; a scan of every item for every item (quadratic) gives about 16.  The
bound of 6 leaves room for noise on a shared machine while catching any quadratic step.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import time

import pytest

from growth_article import article
from presslens.ingest import ingest_text
from presslens.nlp import make_doc, sentence_spans
from presslens.pipeline import Pipeline
from presslens.settings import Settings

try:
    from threadpoolctl import threadpool_limits
except ImportError:  # comes with the training extra; without it BLAS keeps its threads

    def threadpool_limits(limits=None):  # type: ignore[no-untyped-def]
        """No limit available: a no-op context."""
        return contextlib.nullcontext()

WORDS = 1500
FACTOR = 4
MAX_RATIO = 6.0
MIN_CPU = 0.1  # seconds of CPU per measurement: repeat short calls until this much has run
ROUNDS = 3  # measurements per size, alternating sizes so both see the same machine load


def _cpu_per_call(call) -> float:  # type: ignore[no-untyped-def]
    """CPU seconds per call over repeated calls, garbage collector paused, BLAS on one thread.

    (A collection costs in proportion to everything alive in the process, not to the
    document; OpenBLAS threads spinning around larger matrix products add CPU time that is no
    work of ours.  Both would only add noise.)
    """
    gc.collect()
    gc.disable()
    with threadpool_limits(limits=1):
        try:
            runs, start = 0, time.process_time()
            while True:
                call()
                runs += 1
                spent = time.process_time() - start
                if spent >= MIN_CPU:
                    return spent / runs
        finally:
            gc.enable()


@pytest.fixture(scope="module")
def timings() -> dict[int, dict[str, float]]:
    """Best CPU time per call of every analyzer on the article at WORDS and FACTOR × WORDS words."""
    settings = Settings(use_cache=False)
    pipe = Pipeline(settings)
    calls: dict[int, dict[str, object]] = {}
    for words in (WORDS, FACTOR * WORDS):
        document = ingest_text(article(words), settings=settings)
        nlp_doc = make_doc(document.text)
        document = dataclasses.replace(document, sentences=sentence_spans(nlp_doc))
        layers: dict[str, object] = {}
        calls[words] = {}
        for spec, analyzer in pipe.analyzers:

            def call(spec=spec, analyzer=analyzer, document=document, nlp_doc=nlp_doc, seen=tuple(layers.items())):  # type: ignore[no-untyped-def]
                return analyzer(document, pipe.context(spec, nlp_doc, dict(seen)))

            calls[words][spec.layer] = call
            layers.update(call())
    out: dict[int, dict[str, float]] = {words: {} for words in calls}
    for layer in calls[WORDS]:
        samples: dict[int, list[float]] = {words: [] for words in calls}
        for _ in range(ROUNDS):
            for words in calls:
                samples[words].append(_cpu_per_call(calls[words][layer]))
        for words in calls:
            out[words][layer] = min(samples[words])
    return out


def test_article_grows_with_the_words_asked_for():
    short, long = article(WORDS), article(FACTOR * WORDS)
    assert WORDS <= len(short.split()) < WORDS + 80
    assert len(long.split()) / len(short.split()) == pytest.approx(FACTOR, rel=0.05)
    assert long.startswith(short.rsplit("\n\n", 1)[0])  # the same text, continued


@pytest.mark.parametrize("layer", sorted(Settings().layers))
def test_layer_cost_grows_linearly(timings, layer):
    small, large = timings[WORDS][layer], timings[FACTOR * WORDS][layer]
    ratio = large / small
    assert ratio < MAX_RATIO, f"{layer}: {small * 1000:.1f} ms → {large * 1000:.1f} ms for {FACTOR}× the words (×{ratio:.1f})"
