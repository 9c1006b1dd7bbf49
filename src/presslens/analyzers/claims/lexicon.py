"""Word lists behind the check-worthiness features and the claims layer, loaded from resources.

Hand-written because no packaged resource covers them (see each file's header): the hedge and
booster lists follow Hyland's metadiscourse categories (``resources/lexicon/hedges.tsv``); the
check-worthiness cues follow the feature families of the ClaimBuster papers (Hassan et al.
2017; ``resources/claims/*``); speech cues and source nouns follow the attribution literature
(Pareti 2016, PolNeAR guidelines; ``resources/lexicon/speech_verbs.tsv``).  The lists that
feed the check-worthiness model are part of its feature definition: change them only with a
retrain.  Every entry is lower case; multi-word entries match on word boundaries.
"""

from __future__ import annotations

import re

from presslens import resources

HEDGES: tuple[str, ...] = resources.entries("lexicon/hedges.tsv", use="claims", where=("class", "hedge"))
BOOSTERS: tuple[str, ...] = resources.entries("lexicon/hedges.tsv", use="claims", where=("class", "booster"))
CAUSAL: tuple[str, ...] = (
    resources.entries("lexicon/cues.tsv", use="features", where=("class", "causal"))
    + resources.entries("lexicon/cues.tsv", use="features", where=("class", "causal_phrases"))
)
SUPERLATIVE_WORDS: tuple[str, ...] = resources.entries("claims/superlatives.txt")
COMPARATIVE: tuple[str, ...] = resources.entries("claims/comparative.txt")
CHANGE: tuple[str, ...] = resources.entries("claims/change.txt")
STATISTIC: tuple[str, ...] = resources.entries("claims/statistic.txt")
CASUALTY: tuple[str, ...] = resources.entries("claims/casualty.txt")
OFFICIAL_ACT: tuple[str, ...] = resources.entries("claims/official_acts.txt")
OPINION_VERBS: tuple[str, ...] = resources.entries("claims/opinion.tsv", use="features")
MODALS: tuple[str, ...] = resources.entries("lexicon/modality.tsv", use="features")
FUTURE: tuple[str, ...] = resources.entries("claims/future.txt")
EVALUATIVE: tuple[str, ...] = resources.entries("lexicon/cues.tsv", use="features", where=("class", "evaluative"))
SPEECH_VERBS: tuple[str, ...] = resources.entries("lexicon/speech_verbs.tsv", use="features")
DOCUMENT_SOURCES: tuple[str, ...] = resources.entries("claims/document_sources.txt")
LOADED: tuple[str, ...] = resources.entries("lexicon/cues.tsv", use="claims", where=("class", "loaded"))
SPEECH_LEMMAS: frozenset[str] = resources.words("lexicon/speech_verbs.tsv", use="claims")


def phrase_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    """Compile a case-insensitive, word-bounded alternation, longest phrases first."""
    alts = sorted(set(words), key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in alts)
    return re.compile(rf"(?<![\w'-])(?:{body})(?![\w'-])", re.IGNORECASE)
