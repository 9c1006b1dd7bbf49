"""``number_mismatch``: the same measure given two values that nothing reconciles.

Quantities counting the same thing, with the same unit and the same governing verb and subject,
given two values that neither an approximation (±10%) nor a range or bound reconciles, in
sentences with no differing dates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from presslens import resources
from presslens.model.records import Inconsistency, Quantity, Timex
from presslens.model.span import Span
from presslens.nlp.language import doc_text, sent_of
from presslens.nlp.syntax import subject

LOWER_BOUNDS = resources.entries("lexicon/qualifiers.tsv", use="bounds", where=("bound", "lower"))
UPPER_BOUNDS = resources.entries("lexicon/qualifiers.tsv", use="bounds", where=("bound", "upper"))


def _measure(doc: Any, q: Quantity) -> tuple[str, str, str, str] | None:
    """What a quantity measures: (counted thing, unit, governing verb, that verb's subject).

    None unless all four are known, the figure is written in digits and is
    not a share (percentages of a whole usually break it down, not restate it).
    """
    text = doc_text(doc)[q.span.start : q.span.end]
    if not q.counts or not any(c.isdigit() for c in text) or "%" in text or (q.unit or "").startswith("percent"):
        return None
    counts = re.sub(r"^(the|a|an|some|of)\s+", "", q.counts.lower().strip())
    span = doc.char_span(q.span.start, q.span.end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    while tok.head.i != tok.i and tok.pos_ not in ("VERB", "AUX"):
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    subj = subject(tok)
    if subj is None or subj.pos_ == "PRON" or subj.i in range(span.start, span.end) or subj.lemma_.lower() in counts:
        return None
    return counts, q.unit or "", tok.lemma_.lower(), subj.lemma_.lower()


def _bounds(q: Quantity) -> tuple[float, float]:
    """The interval a quantity allows: a range, or open-ended after "more than" / "up to"."""
    lo, hi = q.value, q.value_max if q.value_max is not None else q.value
    qual = (q.qualifier or "").lower()
    if any(w in qual for w in LOWER_BOUNDS):
        hi = float("inf")
    elif any(w in qual for w in UPPER_BOUNDS):
        lo = float("-inf")
    return lo, hi


def _agree(a: Quantity, b: Quantity) -> bool:
    """Two values that may describe the same measure: equal, within ranges, bounds or approximations."""
    lo_a, hi_a = _bounds(a)
    lo_b, hi_b = _bounds(b)
    if lo_a <= hi_b and lo_b <= hi_a:
        return True
    if a.approximate or b.approximate or a.qualifier or b.qualifier:
        return abs(a.value - b.value) <= 0.1 * max(abs(a.value), abs(b.value))
    return False


def number_mismatches(doc: Any, quantities: Sequence[Quantity], timexes: Sequence[Timex]) -> list[Inconsistency]:
    """The same measure given two different values in two sentences with no differing dates."""
    out: list[Inconsistency] = []
    measures = [(q, _measure(doc, q)) for q in quantities]
    keyed = [(q, m) for q, m in measures if m is not None]
    for i, (a, ma) in enumerate(keyed):
        for b, mb in keyed[i + 1 :]:
            if ma != mb or _agree(a, b) or _same_sentence(doc, a.span, b.span):
                continue
            if _dated_apart(doc, a.span, b.span, timexes):
                continue
            text = doc_text(doc)
            msg = (
                f"'{ma[0]}' is given as {text[a.span.start:a.span.end]} here "
                f"and as {text[b.span.start:b.span.end]} later"
            )
            out.append(Inconsistency("number_mismatch", msg, (a.span, b.span)))
    return out


def _sentence_of(doc: Any, span: Span) -> Any | None:
    """The spaCy sentence containing a span's start."""
    tok = doc.char_span(span.start, span.end, alignment_mode="expand")
    return sent_of(tok[0]) if tok is not None and len(tok) else None


def _same_sentence(doc: Any, a: Span, b: Span) -> bool:
    """True when two spans start in the same sentence."""
    sa, sb = _sentence_of(doc, a), _sentence_of(doc, b)
    return sa is not None and sb is not None and sa.start == sb.start


def _dated_apart(doc: Any, a: Span, b: Span, timexes: Sequence[Timex]) -> bool:
    """True when the two sentences carry different dates (figures at different times)."""
    sa, sb = _sentence_of(doc, a), _sentence_of(doc, b)
    if sa is None or sb is None:
        return False

    def dates(s: Any) -> set[str]:
        """DATE values inside sentence ``s``."""
        return {t.value for t in timexes if s.start_char <= t.span.start < s.end_char and t.type == "DATE"}

    da, db = dates(sa), dates(sb)
    return bool(da or db) and da != db
