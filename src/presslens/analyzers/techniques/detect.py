"""Turn a document's token table into Technique records: learned spans plus cue rules, calibrated.

1. Voice: a token is *quoted* when it lies inside a quote record (direct or reported speech, from
   the quotes layer) or between quotation marks.  A learned span that crosses from the author's
   words into a quotation is cut at the boundary, so every span has one voice, and ``quoted``
   labels the source's words.
2. Whole words: span edges are moved out to word boundaries ("-jacked" → "hi-jacked", "'s the
   bravest move" → "it's the bravest move"), then edge spaces and punctuation are trimmed; a span
   of function words only is dropped.
3. Technique: the span classifier names it; ``Repetition`` needs the span's words to recur in the
   author's own words (a quotation the article repeats is not the author's repetition), else the
   classifier's next choice is taken.  Rule spans (``rules.py``) add short lexical spans; one fully
   inside a learned span of the same technique is dropped.
4. Confidence: the calibrator (``calibration.py``) turns each candidate's features into a
   probability that a judge finds a technique there; below the shipped threshold the record is
   kept with ``uncertain = True`` (shown as uncertain, never dropped).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

import numpy as np

from presslens.analyzers.techniques.bundle import Model
from presslens.analyzers.techniques.calibration import Calibrator, Candidate, candidate_features
from presslens.analyzers.techniques.classifier import classify, token_range
from presslens.analyzers.techniques.features import TokenTable
from presslens.analyzers.techniques.lexicon import CLASSES
from presslens.analyzers.techniques.rules import rule_spans
from presslens.analyzers.techniques.tagger import decode, token_proba
from presslens.model.records import TECHNIQUES, Technique
from presslens.model.span import Span, trim_offsets

_PEJ = CLASSES.index("pejorative")
_PUNCT = 14  # spaCy PUNCT - 83
_CONTENT = (1, 3, 9, 13, 17)  # ADJ ADV NOUN PROPN VERB
_JOIN = "-'’"
_EDGE = frozenset(" \n\t.,:;-–—")
_REPETITION = TECHNIQUES.index("Repetition")


def voice_mask(table: TokenTable, quotes: Sequence[Span]) -> np.ndarray:
    """True for tokens in a source's words: inside a quote record or between quotation marks."""
    mask = table.quoted.copy()
    for q in quotes:
        a, b = np.searchsorted(table.start, [q.start, q.end], side="left")
        mask[a:b] = True
    return mask


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole words (hyphen and apostrophe joins included), trim edges."""
    while start > 0 and (text[start - 1].isalnum() or (text[start - 1] in _JOIN and start >= 2 and text[start - 2].isalnum())):
        start -= 1
    n = len(text)
    while end < n and (text[end].isalnum() or (text[end] in _JOIN and end + 1 < n and text[end + 1].isalnum())):
        end += 1
    return trim_offsets(text, start, end, _EDGE)


def split_voice(table: TokenTable, quoted: np.ndarray, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Cut a span where its word tokens pass between the author's and a source's words."""
    a, b = token_range(table, start, end)
    b = min(b, len(table))
    pieces: list[list[int]] = []  # [first token, last token, quoted]
    for i in range(a, b):
        if table.space[i] or table.pos[i] == _PUNCT:
            continue
        q = int(quoted[i])
        if pieces and pieces[-1][2] == q:
            pieces[-1][1] = i
        else:
            pieces.append([i, i, q])
    return [(max(int(table.start[f]), start), min(int(table.end[last]), end), bool(q)) for f, last, q in pieces]


def _author_counts(table: TokenTable, quoted: np.ndarray) -> np.ndarray:
    """Per token: how often its word occurs among the author's content words (0 for other tokens)."""
    own = ~quoted & np.isin(table.pos, _CONTENT)
    out = np.zeros(len(table), dtype=np.int64)
    if own.any():
        _, inv, counts = np.unique(table.lower[own], return_inverse=True, return_counts=True)
        out[own] = counts[inv]
    return out


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


def _explain(tech: str, probs: np.ndarray, span_p: float, cues: list[str], quoted: bool) -> str:
    """Explanation of a learned span."""
    order = np.argsort(-probs)
    runner = TECHNIQUES[int(order[1])] if len(order) > 1 else ""
    text = (f"token tagger p={span_p:.2f}; span classifier {tech} {probs[TECHNIQUES.index(tech)]:.2f}"
            f" (next {runner} {probs[order[1]]:.2f})")
    text += "; cues: " + ", ".join(cues) if cues else ""
    return text + ("; in a source's words" if quoted else "")


def _pieces(table: TokenTable, prob: np.ndarray, model: Model, quoted: np.ndarray) -> list[tuple[int, int, float, bool]]:
    """Decoded spans cut by voice and widened to whole words, with their mean token probability."""
    p = model.params
    out = []
    for s, e, _ in decode(table, prob, float(p["threshold"]), int(p["width"]), int(p["gap"])):
        for ps, pe, q in split_voice(table, quoted, s, e):
            ws, we = whole_words(table.text, ps, pe)
            a, b = token_range(table, ws, we)
            b = min(b, len(table))
            if we > ws and b > a and np.isin(table.pos[a:b], _CONTENT).any():
                out.append((ws, we, float(prob[a:b][~table.space[a:b]].mean()), q))
    return out


def learned(table: TokenTable, model: Model, quoted: np.ndarray,
            prob: np.ndarray | None = None) -> tuple[list[Candidate], float]:
    """Tagger spans labelled by the classifier, and the document's mean token probability."""
    prob = token_proba(model.tagger, table, model.vocab) if prob is None else prob
    words = ~table.space & (table.pos != _PUNCT)
    density = float(prob[words].mean()) if words.any() else 0.0
    pieces = _pieces(table, prob, model, quoted)
    if not pieces:
        return [], density
    probs = classify(model.classifier, table, model.vocab, [(s, e) for s, e, _, _ in pieces])
    counts = _author_counts(table, quoted)
    th = float(model.params["threshold"])
    out = []
    for (s, e, sp, q), pr in zip(pieces, probs, strict=True):
        order = np.argsort(-pr)
        j = int(order[0])
        if j == _REPETITION and not _recurs(table, counts, s, e, q):
            j = int(order[1])
        conf = min(1.0, 0.5 + 0.5 * (sp - th) / max(1.0 - th, 1e-6))
        expl = _explain(TECHNIQUES[j], pr, sp, _cues(table, s, e), q)
        out.append(Candidate(s, e, TECHNIQUES[j], round(float(pr[j]) * min(max(conf, 0.05), 1.0), 3), expl, "", sp, float(pr[j]), q))
    return out, density


def _recurs(table: TokenTable, counts: np.ndarray, start: int, end: int, quoted: bool) -> bool:
    """True when the span is the author's and one of its content words recurs in the author's words."""
    a, b = token_range(table, start, end)
    return not quoted and b > a and int(counts[a:b].max(initial=0)) >= 2


def candidates(table: TokenTable, model: Model, quotes: Sequence[Span] = (), rules: bool = True,
               prob: np.ndarray | None = None) -> tuple[list[Candidate], float]:
    """Learned and rule candidates of one document (before calibration), sorted by position."""
    quoted = voice_mask(table, quotes)
    found, density = learned(table, model, quoted, prob)
    if rules:
        kept = _Containers([(c.start, c.end, c.technique) for c in found])
        for r in rule_spans(table, ~quoted):
            s, e = whole_words(table.text, r.start, r.end)
            if e > s and not kept.contains(r.technique, s, e):
                a, b = token_range(table, s, e)
                q = bool(b > a and quoted[a:b].mean() >= 0.5)
                found.append(Candidate(s, e, r.technique, r.score, r.explanation + ("; in a source's words" if q else ""),
                                       r.rule, quoted=q))
                kept.add(r.technique, s, e)
    found.sort(key=lambda c: (c.start, c.end, c.technique))
    return found, density


def detect(table: TokenTable, model: Model, quotes: Sequence[Span] = (), rules: bool = True,
           calibrator: Calibrator | None = None, prob: np.ndarray | None = None,
           opinion: float | None = None) -> list[Technique]:
    """All technique records of one document, sorted by position, with calibrated confidence.

    ``prob``: the tagger's token probabilities when already computed; ``opinion``: P(opinion) of
    the article (the calibrator's second stage needs it).
    """
    found, density = candidates(table, model, quotes, rules, prob)
    if calibrator is None:
        return [Technique(Span(c.start, c.end), c.technique, c.score, c.explanation, c.quoted) for c in found]
    p1 = calibrator.proba(candidate_features(found, table, density))
    conf = calibrator.final(p1, np.array([c.quoted for c in found], dtype=bool), opinion)
    shown = [round(float(p), 3) for p in conf]  # the flag follows the confidence users see
    return [Technique(Span(c.start, c.end), c.technique, c.score, c.explanation, c.quoted, p,
                      p < calibrator.threshold) for c, p in zip(found, shown, strict=True)]


class _Containers:
    """Spans by technique, sorted by start, answering "does one contain [start, end)?"."""

    def __init__(self, found: Sequence[tuple[int, int, str]]) -> None:
        """Index the spans found so far."""
        self._starts: dict[str, list[int]] = {}
        self._ends: dict[str, list[int]] = {}
        self._longest = 0
        for s, e, t in found:
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
