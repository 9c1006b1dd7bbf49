"""Techniques layer: persuasion techniques at span level, genre and per-paragraph loadedness.

Techniques follow the 14 classes of the Propaganda Techniques Corpus (SemEval-2020 Task 11,
Da San Martino et al. 2019/2020).  A linear token tagger proposes spans and a linear span
classifier names the technique (both trained on PTC train, shipped as numpy weights under
``resources/techniques/model/``, see MODEL_CARD.md); hand-written cue rules add short name-calling,
loaded-language, repetition and anaphora spans.  Spans are whole words in one voice (the author's
or a quoted source's); each carries a calibrated confidence and is shown as uncertain below the
measured threshold.  Genre comes from a model trained on labelled articles, with reasons.
Everything reads the spaCy Doc the pipeline already parsed (no re-parse) with vectorised numpy
lookups.

Modules: ``lexicon`` (cue lists compiled to spaCy string hashes), ``features`` (token tables),
``linear`` (numpy run time of the linear models), ``tagger`` (span proposer), ``classifier``
(technique of a span), ``rules`` (cue rules), ``detect`` (Technique records), ``calibration``
(confidence and the uncertain threshold), ``genre`` (genre model and reasons), ``loadedness``
(per-paragraph loadedness), ``bundle`` (the shipped weights).  Training lives in
``presslens.training``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from presslens.analyzers.base import Context, register
from presslens.model.document import Document
from presslens.settings import Settings


@register("presslens.techniques.v1", layer="techniques", produces=("techniques", "genre", "loadedness"),
          requires=(), uses=("quotes",))
def make_techniques(settings: Settings | None = None) -> Any:
    """Build the techniques analyzer (model and lexicons loaded once, here)."""
    from presslens.analyzers.techniques.bundle import load_model
    from presslens.analyzers.techniques.calibration import load_calibrator
    from presslens.analyzers.techniques.detect import detect
    from presslens.analyzers.techniques.features import token_table
    from presslens.analyzers.techniques.genre import genre_hashes, genre_of, load_genre_model
    from presslens.analyzers.techniques.lexicon import load_lexicon
    from presslens.analyzers.techniques.loadedness import loadedness
    from presslens.analyzers.techniques.tagger import token_proba

    model = load_model()
    calibrator = load_calibrator()
    lexicon = load_lexicon()
    genre = genre_of(load_genre_model(), genre_hashes(lexicon))

    def analyze(document: Document, ctx: Context) -> Mapping[str, Any]:
        """Techniques, genre and loadedness of one document."""
        if ctx.nlp_doc is None or not document.text.strip():
            return {"techniques": (), "genre": None, "loadedness": ()}
        table = token_table(ctx.nlp_doc, lexicon, document.text)
        prob = token_proba(model.tagger, table, model.vocab)
        found_genre = genre(table, prob)
        opinion = dict(found_genre.scores).get("opinion")
        quotes = tuple(q.span for q in ctx.quotes)
        techniques = tuple(detect(table, model, quotes, calibrator=calibrator, prob=prob, opinion=opinion))
        return {
            "techniques": techniques,
            "genre": found_genre,
            "loadedness": loadedness(document, table, techniques),
        }

    return analyze
