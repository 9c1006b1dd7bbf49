"""Claim units and their kind, from the spaCy parse already in the Context.

A unit is a sentence, or one of its coordinated independent clauses when each
has its own subject ("The army withdrew in May, and the rebels took the
town." → two claims): the ``conj``/``parataxis`` daughters of the sentence
root that carry an ``nsubj``, as in clause-level claim splitting (Levy et al.
2014; ClaimBuster's sentence units).  Kinds are decided by ordered cues:

* question — ends with "?";
* other — headings, fragments (no verb, or three words or fewer);
* prediction — future marking on the unit ("will", "is expected to", "is set
  to", "plans to", a reported "would");
* opinion — deontic modals ("should", "must"), stance verbs ("I think",
  "believe"), or loaded/evaluative vocabulary (two such words, or one with
  nothing checkable beside it) unless the unit asserts a cause ("led to",
  "because"): a sweeping causal claim is a checkable one;
* factual — everything else that asserts (events, numbers, causes, acts).

These rule kinds are an input of the fitted kind model (``calibrate.py``).
Hand-written because no packaged model labels claim kinds; the cue lists are
in ``lexicon.py`` (Hyland 2005; the CheckThat! annotation guidelines treat
opinions, predictions and questions as not check-worthy).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from presslens import resources
from presslens.analyzers.claims import lexicon as lx
from presslens.model.records import ClaimKind
from presslens.model.span import trim_offsets
from presslens.nlp.syntax import has_subject

SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_MIN_CLAUSE_TOKENS = 4
_FUTURE = re.compile(
    r"\b(?:will|shall|won't|going to|(?:is|are|was|were) (?:set|expected|due|poised|likely) to|"
    r"plans? to|intends? to|(?:forecasts?|predicts?|projects?) (?:that|to)|(?:forecast|predicted|projected) to)\b|'ll\b",
    re.IGNORECASE,
)
_DEONTIC = lx.phrase_regex(resources.entries("lexicon/modality.tsv", use="deontic"))
_STANCE = lx.phrase_regex(resources.entries("claims/opinion.tsv", use="stance"))
_LOADED = lx.phrase_regex(lx.LOADED)
_CAUSAL = lx.phrase_regex(lx.CAUSAL)
_CHECKABLE = re.compile(r"\d|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")
_TRIM = " \t\r\n,;:–—-"


@dataclass(frozen=True)
class Unit:
    """A claim unit: character offsets plus the spaCy tokens it covers."""

    start: int
    end: int
    tokens: Any  # a spaCy Span


def _has_subject(tok: Any) -> bool:
    """True when the verb has its own subject daughter (expletive and clausal ones included)."""
    return has_subject(tok, SUBJECTS)


def _finite(tok: Any) -> bool:
    """A finite verb, or one with a finite auxiliary ("has gone", "will leave")."""
    if tok.tag_ in FINITE:
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE for c in tok.children)


def _split_points(sent: Any) -> list[tuple[int, int]]:
    """(end of left clause, start of right clause) token indices for each split."""
    root = sent.root
    if not _has_subject(root):
        return []
    points = []
    for tok in root.children:
        if tok.dep_ not in ("conj", "parataxis") or tok.i < root.i or tok.pos_ not in ("VERB", "AUX"):
            continue
        if not _has_subject(tok) or not _finite(tok):
            continue
        right = tok.left_edge.i
        left = right
        while left > sent.start and sent.doc[left - 1].dep_ in ("cc", "punct") and sent.doc[left - 1].text not in ('"', "”", "’"):
            left -= 1
        points.append((left, right))
    return points


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past surrounding spaces and clause punctuation."""
    return trim_offsets(text, start, end, _TRIM)


def sentence_units(sent: Any, text: str) -> Iterator[Unit]:
    """The claim units of one spaCy sentence (itself, or its independent clauses) in ``text``."""
    doc = sent.doc
    cuts = [(sent.start, sent.start)]
    for left, right in _split_points(sent):
        if left - cuts[-1][1] >= _MIN_CLAUSE_TOKENS and sent.end - right >= _MIN_CLAUSE_TOKENS:
            cuts.append((left, right))
    bounds = [(cuts[i][1], cuts[i + 1][0] if i + 1 < len(cuts) else sent.end) for i in range(len(cuts))]
    for a, b in bounds:
        if b <= a:
            continue
        start, end = _trim(text, doc[a].idx, doc[b - 1].idx + len(doc[b - 1]))
        if end > start:
            yield Unit(start, end, doc[a:b])


def classify(unit: Unit, text: str, *, heading: bool) -> ClaimKind:
    """The kind of a claim unit (question, other, prediction, opinion, factual)."""
    body = text[unit.start : unit.end]
    if body.rstrip("\"'”’»)] ").endswith("?"):
        return "question"
    words = [t for t in unit.tokens if not t.is_punct and not t.is_space]
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in words)
    if heading or len(words) <= 3 or not has_verb:
        return "other"
    if _FUTURE.search(body) or ("would" in body and _reported_would(unit.tokens)):
        return "prediction"
    if _is_opinion(body):
        return "opinion"
    return "factual"


def _reported_would(tokens: Any) -> bool:
    """A "would" under a speech verb ("said the state would invest"): a reported plan."""
    for tok in tokens:
        if tok.lower_ == "would" and tok.head.dep_ == "ccomp" and tok.head.head.lemma_ in lx.SPEECH_LEMMAS:
            return True
    return False


def _is_opinion(body: str) -> bool:
    """Deontic modality, stance verbs, or enough loaded vocabulary.

    A causal claim ("the closure caused the layoffs") asserts a checkable state of affairs even
    when sweeping or loaded, so loaded words alone do not make it an opinion.
    """
    if _DEONTIC.search(body) or _STANCE.search(body):
        return True
    if _CAUSAL.search(body):
        return False
    loaded = len(_LOADED.findall(body))
    return loaded >= 2 or (loaded == 1 and not _CHECKABLE.search(body))


SYNTAX_NAMES: tuple[str, ...] = (
    "predicative adjective", "comparative or superlative adjective", "adverb of degree",
    "adjective share", "pronoun subject", "proper-noun subject", "copula root", "present tense root",
)
"""Parse features of a unit for the kind model: evaluations are mostly said with adjectives
after a copula ("the plan is reckless"), by degree, about "it/this"; events with named
subjects and past-tense verbs."""


def syntax_features(unit: Unit) -> tuple[float, ...]:
    """The parse features of :data:`SYNTAX_NAMES` for one unit (0/1 flags and one share)."""
    words = [t for t in unit.tokens if not t.is_punct and not t.is_space]
    root = unit.tokens.root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    adjectives = [t for t in words if t.pos_ == "ADJ"]
    return (
        float(any(t.dep_ == "acomp" or (t.pos_ == "ADJ" and t.head.lemma_ == "be" and t.dep_ != "amod") for t in words)),
        float(any(t.tag_ in ("JJR", "JJS", "RBR", "RBS") for t in words)),
        float(any(t.pos_ == "ADV" and t.head.pos_ == "ADJ" for t in words)),
        len(adjectives) / max(len(words), 1),
        float(any(s.pos_ == "PRON" for s in subjects)),
        float(any(s.pos_ == "PROPN" or s.ent_type_ for s in subjects)),
        float(root.lemma_ == "be"),
        float(root.tag_ in ("VBP", "VBZ") or any(c.tag_ in ("VBP", "VBZ") and c.dep_ in ("aux", "auxpass") for c in root.children)),
    )
