"""``contradiction``: a clause and its negation, both asserted by the text.

Same subject, predicate and object lemmas, opposite polarity, both asserted: no modal, no
question, not inside a direct quote (a speaker's words are not the text's own assertions).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from presslens import resources
from presslens.analyzers.index import SpanIndex
from presslens.model.records import Inconsistency
from presslens.model.span import Span
from presslens.nlp.language import sent_of, sentence_table
from presslens.nlp.syntax import subject

MODALS = resources.words("lexicon/modality.tsv", use="assertion")


def _proposition(root: Any) -> tuple[tuple[str, str, str], bool] | None:
    """(subject, predicate, object) lemmas of an asserted clause and its polarity."""
    kids = list(root.children)
    if any(k.lower_ in MODALS for k in kids) or sent_of(root).text.rstrip().endswith("?"):
        return None
    subj = subject(root)
    obj = next((k for k in kids if k.dep_ in ("dobj", "attr", "acomp", "oprd")), None)
    if subj is None or obj is None or subj.pos_ == "PRON":
        return None
    negated = any(k.dep_ == "neg" or k.lower_ in ("never", "no") for k in kids + list(obj.children))
    return (subj.lemma_.lower(), root.lemma_.lower(), obj.lemma_.lower()), negated


def contradictions(doc: Any, quoted: Sequence[Span]) -> list[Inconsistency]:
    """A clause and its negation asserted by the text (same subject, predicate and object).

    Each clause is reported once, against the first earlier clause that says the opposite.
    """
    first: dict[tuple[tuple[str, str, str], bool], Span] = {}
    quotes = SpanIndex(quoted, lambda q: q)
    out: list[Inconsistency] = []
    for sent in sentence_table(doc)[0]:
        span = Span(sent.start_char, sent.end_char)
        if quotes.overlapping(span):
            continue
        prop = _proposition(sent.root)
        if prop is None:
            continue
        key, negated = prop
        other = first.get((key, not negated))
        if other is not None:
            msg = f"the text both asserts and denies that {' '.join(key)}"
            out.append(Inconsistency("contradiction", msg, (other, span)))
        first.setdefault((key, negated), span)
    return out
