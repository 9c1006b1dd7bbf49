"""The head lemma of an event mention, from the spaCy parse of its sentence.

A mention may span several words ("took into custody", "fatally shot"); its head is the word
whose syntactic head lies outside the span (the span's root), and its lemma is what mentions are
compared on.  Sentences are parsed in one ``nlp.pipe`` batch with the model the analyzers use.
A head tagged as an adjective or a proper noun (a participle: "the fired coach", "FIRED" or
"Caught" in a headline) keeps the lemma the same word has as a verb (spaCy's own rule lemmatiser
with the verb tag: "caught" → "catch"), since the tagger leaves such a word uninflected.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SpanInSentence:
    """A mention's sentence text and its ``[start, end)`` inside that sentence."""

    sentence: str
    start: int
    end: int


def head_lemmas(spans: Sequence[SpanInSentence], *, batch_size: int = 64) -> list[tuple[str, str]]:
    """``(lemma, part of speech)`` of each mention's head word (lower case; the text itself when unparsable)."""
    from presslens.nlp import get_nlp

    nlp = get_nlp()
    unique = sorted({s.sentence for s in spans})
    parsed = dict(zip(unique, nlp.pipe(unique, batch_size=batch_size), strict=True))
    return [_as_verb(nlp, *_head(parsed[s.sentence], s.start, s.end)) for s in spans]


def _as_verb(nlp: object, lemma: str, pos: str) -> tuple[str, str]:
    """An adjective or proper-noun head lemmatised as the verb it may be a participle of (else unchanged)."""
    if pos not in ("ADJ", "PROPN") or not lemma.isalpha():
        return lemma, pos
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=[lemma])  # type: ignore[attr-defined]
    doc[0].pos_ = "VERB"
    forms = nlp.get_pipe("lemmatizer").rule_lemmatize(doc[0])  # type: ignore[attr-defined]
    return (forms[0].lower() if forms else lemma), pos


def _head(doc: object, start: int, end: int) -> tuple[str, str]:
    """Lemma and POS of the root of the tokens inside ``[start, end)`` of a parsed sentence."""
    tokens = [t for t in doc if t.idx < end and t.idx + len(t.text) > start]  # type: ignore[attr-defined]
    if not tokens:
        return doc.text[start:end].lower(), "X"  # type: ignore[attr-defined]
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    def is_content(t: object) -> bool:
        return t.pos_ in ("VERB", "NOUN", "PROPN", "ADJ", "ADV")  # type: ignore[attr-defined]

    content = [t for t in roots if is_content(t)] or [t for t in tokens if is_content(t)] or roots
    head = content[0]
    return head.lemma_.lower(), head.pos_
