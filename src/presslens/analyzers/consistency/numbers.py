"""``number_mismatch``: the same measure given two values that nothing reconciles.

Quantities counting the same thing, with the same unit and the same governing verb and subject,
given two values that neither an approximation (±10%) nor a range or bound reconciles, in
sentences with no differing dates.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from presslens import resources
from presslens.model.records import Inconsistency, Quantity, Timex
from presslens.model.span import Span
from presslens.nlp.language import doc_text, sentence_table
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
    """Figures that contradict an earlier figure of the same measure, in sentences with the same dates.

    Each figure is reported once, against the first earlier value of its measure (in order of
    appearance) that it contradicts: a text giving five values for one count yields four
    findings, not ten pairs.  Grouping by (measure, dates) and by value keeps the work
    proportional to the document.
    """
    keyed = [(q, m) for q in quantities if (m := _measure(doc, q)) is not None]
    where = _Sentences(doc, timexes)
    sents = [where.index(q.span) for q, _ in keyed]
    groups: dict[tuple[Any, ...], dict[tuple[Any, ...], list[int]]] = {}
    out: list[Inconsistency] = []
    text = doc_text(doc)
    for j, (b, measure) in enumerate(keyed):
        values = groups.setdefault((measure, where.dates(sents[j])), {})
        i = _first_clash(values, keyed, sents, j)
        if i is not None:
            a = keyed[i][0]
            msg = (f"'{measure[0]}' is given as {text[a.span.start:a.span.end]} here "
                   f"and as {text[b.span.start:b.span.end]} later")
            out.append(Inconsistency("number_mismatch", msg, (a.span, b.span)))
        values.setdefault(_signature(b), []).append(j)
    return out


def _signature(q: Quantity) -> tuple[Any, ...]:
    """What ``_agree`` reads of a quantity: equal signatures always agree."""
    return q.value, q.value_max, q.qualifier, q.approximate


def _first_clash(values: dict[tuple[Any, ...], list[int]], keyed: list[tuple[Quantity, Any]],
                 sents: list[int | None], j: int) -> int | None:
    """The first earlier figure (by value, in order of appearance) that figure ``j`` contradicts
    in another sentence, or None."""
    b = keyed[j][0]
    for signature, earlier in values.items():
        if signature == _signature(b) or _agree(keyed[earlier[0]][0], b):
            continue
        found = next((i for i in earlier if sents[i] is None or sents[i] != sents[j]), None)
        if found is not None:
            return found
    return None


class _Sentences:
    """Sentence index of a span and the DATE values each sentence carries (built once)."""

    def __init__(self, doc: Any, timexes: Sequence[Timex]) -> None:
        """Index the Doc's sentences and the DATE timexes starting in each."""
        self.doc = doc
        sents, self.token_sentence = sentence_table(doc)
        starts = [sent.start_char for sent in sents]
        self._dates: dict[int, set[str]] = {}
        for t in timexes:
            k = bisect_right(starts, t.span.start) - 1
            if t.type == "DATE" and k >= 0 and t.span.start < sents[k].end_char:
                self._dates.setdefault(k, set()).add(t.value)

    def index(self, span: Span) -> int | None:
        """The index of the sentence containing a span's start, or None."""
        tok = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        return self.token_sentence[tok[0].i] if tok is not None and len(tok) else None

    def dates(self, sentence: int | None) -> frozenset[str] | None:
        """The DATE values inside a sentence (None without a sentence, which a measured figure always has)."""
        return None if sentence is None else frozenset(self._dates.get(sentence, ()))
