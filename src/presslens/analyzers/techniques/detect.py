"""Turn a document's token table into Technique records: learned spans plus cue rules.

Learned spans come from the token tagger (``tagger.decode``) and get their technique from the
span classifier; rule spans (``rules.py``) add short lexical spans the tagger misses.  A rule
span fully inside a learned span of the same technique is dropped.  Each record explains
itself: tagger and classifier probabilities and the lexicon cues inside, or the rule's cue.
``quoted`` marks spans inside a quotation (the quotes layer, or quote marks in the text).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

import numpy as np

from presslens.analyzers.index import SpanIndex
from presslens.analyzers.techniques.bundle import Model
from presslens.analyzers.techniques.classifier import classify, token_range
from presslens.analyzers.techniques.features import TokenTable
from presslens.analyzers.techniques.lexicon import CLASSES
from presslens.analyzers.techniques.rules import rule_spans
from presslens.analyzers.techniques.tagger import decode, token_proba
from presslens.model.records import TECHNIQUES, Technique
from presslens.model.span import Span

_PEJ = CLASSES.index("pejorative")
_PUNCT = 14  # spaCy PUNCT - 83
_CONTENT = (1, 3, 9, 13, 17)  # ADJ ADV NOUN PROPN VERB


def _cues(table: TokenTable, start: int, end: int, limit: int = 3) -> list[str]:
    """Lexicon cues inside a span as "word [class]" strings."""
    a, b = token_range(table, start, end)
    out: list[str] = []
    for i in range(a, min(b, len(table))):
        hit = sorted(np.flatnonzero(table.lex[i]).tolist(), key=lambda c: (c != _PEJ, c))
        if hit and table.pos[i] != _PUNCT:
            word = table.text[int(table.start[i]) : int(table.end[i])]
            out.append(f"'{word}' [{CLASSES[hit[0]].removesuffix('_phrases')}]")
        if len(out) >= limit:
            break
    return out


def _explain(tech: str, probs: np.ndarray, span_p: float, cues: list[str]) -> str:
    """Explanation of a learned span."""
    order = np.argsort(-probs)
    runner = TECHNIQUES[int(order[1])] if len(order) > 1 else ""
    text = (f"token tagger p={span_p:.2f}; span classifier {tech} {probs[order[0]]:.2f}"
            f" (next {runner} {probs[order[1]]:.2f})")
    return text + ("; cues: " + ", ".join(cues) if cues else "")


def _is_quoted(table: TokenTable, start: int, end: int, quotes: SpanIndex[Span]) -> bool:
    """True when a span lies inside a quote record or between quotation marks."""
    if quotes.around(Span(start, end)):
        return True
    a, b = token_range(table, start, end)
    return bool(b > a and table.quoted[a:b].mean() >= 0.5)


def learned(table: TokenTable, model: Model) -> list[tuple[int, int, str, float, str]]:
    """Tagger spans labelled by the classifier: (start, end, technique, score, explanation)."""
    p = model.params
    th = float(p["threshold"])
    spans = decode(table, token_proba(model.tagger, table, model.vocab), th, int(p["width"]), int(p["gap"]))
    if not spans:
        return []
    probs = classify(model.classifier, table, model.vocab, [(s, e) for s, e, _ in spans])
    out = []
    for (s, e, sp), pr in zip(spans, probs, strict=True):
        a, b = token_range(table, s, e)
        if not np.isin(table.pos[a:b], _CONTENT).any():
            continue  # function words only ("the"): no technique to name
        j = int(np.argmax(pr))
        conf = min(1.0, 0.5 + 0.5 * (sp - th) / max(1.0 - th, 1e-6))
        out.append((s, e, TECHNIQUES[j], round(float(pr[j]) * conf, 3), _explain(TECHNIQUES[j], pr, sp, _cues(table, s, e))))
    return out


def detect(table: TokenTable, model: Model, quotes: Sequence[Span] = (), rules: bool = True) -> list[Technique]:
    """All technique records of one document, sorted by position.

    A rule span is dropped when a span of the same technique found before it (learned, or an
    earlier rule's) contains it; the containment look-up is by offset, not a scan.
    """
    found = learned(table, model)
    if rules:
        kept = _Containers(found)
        for r in rule_spans(table):
            if not kept.contains(r.technique, r.start, r.end):
                found.append((r.start, r.end, r.technique, r.score, r.explanation))
                kept.add(r.technique, r.start, r.end)
    found.sort(key=lambda x: (x[0], x[1], x[2]))
    index = SpanIndex(quotes, lambda q: q)
    return [Technique(Span(s, e), t, sc, ex, _is_quoted(table, s, e, index)) for s, e, t, sc, ex in found]


class _Containers:
    """Spans by technique, sorted by start, answering "does one contain [start, end)?"."""

    def __init__(self, found: Sequence[tuple[int, int, str, float, str]]) -> None:
        """Index the spans found so far."""
        self._starts: dict[str, list[int]] = {}
        self._ends: dict[str, list[int]] = {}
        self._longest = 0
        for s, e, t, _, _ in found:
            self.add(t, s, e)

    def add(self, technique: str, start: int, end: int) -> None:
        """Add a span of a technique."""
        starts = self._starts.setdefault(technique, [])
        at = bisect_right(starts, start)
        starts.insert(at, start)
        self._ends.setdefault(technique, []).insert(at, end)
        self._longest = max(self._longest, end - start)

    def contains(self, technique: str, start: int, end: int) -> bool:
        """True when a span of the technique starts at or before ``start`` and ends at or after ``end``."""
        starts, ends = self._starts.get(technique, []), self._ends.get(technique, [])
        hi = bisect_right(starts, start)
        lo = bisect_left(starts, start - self._longest)
        return any(ends[k] >= end for k in range(lo, hi))
