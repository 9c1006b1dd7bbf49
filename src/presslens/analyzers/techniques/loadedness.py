"""Per-paragraph loadedness: the share of word tokens covered by technique spans.

Each token is weighted by the highest confidence of a technique span covering it; ``value``
counts every span, ``author_value`` only spans in the author's own voice (not quoted).  Spans
shown as uncertain count too, at their (low) confidence.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from presslens.analyzers.techniques.features import TokenTable
from presslens.model.document import Document
from presslens.model.records import Loadedness, Technique
from presslens.model.span import Span

_PUNCT_POS = 14  # PUNCT - 83


def _weights(table: TokenTable, techniques: Sequence[Technique]) -> tuple[np.ndarray, np.ndarray]:
    """Per-token weight from every span, and from author-voice spans only."""
    all_w = np.zeros(len(table), dtype=np.float32)
    own_w = np.zeros(len(table), dtype=np.float32)
    for t in techniques:  # tokens are sorted and disjoint: the covered ones are one slice
        first = int(np.searchsorted(table.end, t.span.start, side="right"))
        stop = int(np.searchsorted(table.start, t.span.end, side="left"))
        score = np.float32(t.score)
        np.maximum(all_w[first:stop], score, out=all_w[first:stop])
        if not t.quoted:
            np.maximum(own_w[first:stop], score, out=own_w[first:stop])
    return all_w, own_w


def loadedness(document: Document, table: TokenTable, techniques: Sequence[Technique]) -> tuple[Loadedness, ...]:
    """Per-paragraph share of word tokens covered by techniques, weighted by score."""
    words = ~table.space & (table.pos != _PUNCT_POS)
    all_w, own_w = _weights(table, techniques)
    out: list[Loadedness] = []
    for i, para in enumerate(document.paragraphs):
        lo = int(np.searchsorted(table.start, para.span.start, side="left"))
        hi = int(np.searchsorted(table.end, para.span.end, side="right"))
        sel = words[lo:hi]
        n = int(sel.sum())
        v = float(all_w[lo:hi][sel].sum()) / n if n else 0.0
        a = float(own_w[lo:hi][sel].sum()) / n if n else 0.0
        out.append(Loadedness(i, Span(para.span.start, para.span.end), round(v, 4), round(a, 4)))
    return tuple(out)
