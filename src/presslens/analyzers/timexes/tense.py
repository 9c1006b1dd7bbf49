"""Tense of the clause governing a temporal expression, from spaCy's parse.

HeidelTime decides the direction of underspecified dates ("January 3",
"Friday") from the tense of the sentence (Strötgen & Gertz 2013, §4.3); we
use the verb that governs the expression in the dependency parse, its
auxiliaries, and a small lexicon of planning verbs ("proposed a meeting in
June" points forward whatever the tense of "proposed").
"""

from __future__ import annotations

from typing import Any, Literal, cast

from presslens import resources

Tense = Literal["past", "present", "future", "unknown"]

FUTURE_AUX = resources.words("lexicon/modality.tsv", use="future")
PLANNING = resources.words("lexicon/planning_verbs.tsv", use="tense")


def governing_verb(doc: Any, start: int, end: int) -> Any | None:
    """The nearest verb or auxiliary above the expression's tokens in the parse."""
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and tok.i not in range(span.start, span.end):
            return tok
        if tok.head.i == tok.i:
            return tok if tok.pos_ in ("VERB", "AUX") else None
        tok = tok.head
    return None


def _verb_tense(verb: Any) -> str:
    """Tense of one verb from its tag and auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX:
        return "future"
    if any(a.tag_ == "MD" for a in auxes):
        return "modal"  # could / might / should: no direction, and the clause above does not decide
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past" if any(a.tag_ == "VBD" for a in auxes) else "unknown"
    if verb.tag_ == "VBN" and not auxes:
        return "past"
    if verb.tag_ in ("VBP", "VBZ") or any(a.tag_ in ("VBP", "VBZ") for a in auxes):
        return "present"
    return "unknown"


def tense_at(doc: Any, start: int, end: int) -> Tense:
    """Tense deciding the direction of an underspecified date at ``[start, end)``."""
    verb = governing_verb(doc, start, end)
    if verb is None:
        return "unknown"
    chain = [verb]
    head = verb
    for _ in range(3):
        if head.dep_ in ("xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "pcomp") and head.head.i != head.i:
            head = head.head
            chain.append(head)
        else:
            break
    if any(v.lemma_.lower() in PLANNING for v in chain):
        return "future"
    for v in chain:
        t = _verb_tense(v)
        if t == "modal":
            return "unknown"
        if t in ("past", "present", "future"):
            return cast(Tense, t)
    return "unknown"
