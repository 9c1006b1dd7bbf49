"""What a syndicated copy changed against its group's representative, paragraph by paragraph.

Paragraphs are matched in three passes: identical after folding (case, accents, punctuation),
then nearly identical (``rapidfuzz.fuzz.ratio`` ≥ :data:`EDITED`: a typo fixed, a word changed),
and what remains is removed (only in the representative) or added (only in the copy).  Matched
paragraphs outside the longest run in the same order are reported as moved.  Every paragraph is a
cross-document reference ``{document, start, end, text}`` into the document it comes from.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from presslens.corpus.crossdoc.text import paragraphs, words
from presslens.store.base import DocSpan

EDITED = 85.0


@dataclass(frozen=True, slots=True)
class Differences:
    """A copy against its representative: headline, removed, added, edited and moved paragraphs."""

    document: str
    representative: str
    title: tuple[str | None, str | None] | None
    removed: tuple[DocSpan, ...]
    added: tuple[DocSpan, ...]
    edited: tuple[tuple[DocSpan, DocSpan], ...]
    moved: tuple[DocSpan, ...]

    @property
    def identical(self) -> bool:
        """True when the copy changed nothing the comparison sees."""
        return not (self.title or self.removed or self.added or self.edited or self.moved)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (references as ``{document, start, end, text}``)."""
        return {
            "document": self.document, "representative": self.representative,
            "title": list(self.title) if self.title else None,
            "removed": [s.to_dict() for s in self.removed], "added": [s.to_dict() for s in self.added],
            "edited": [{"representative": a.to_dict(), "copy": b.to_dict()} for a, b in self.edited],
            "moved": [s.to_dict() for s in self.moved],
        }


def _spans(doc_id: str, text: str) -> list[DocSpan]:
    """The paragraphs of a text as references."""
    return [DocSpan(doc_id, s, e, text[s:e]) for s, e in paragraphs(text)]


def _key(span: DocSpan) -> str:
    """The comparison form of a paragraph."""
    return " ".join(words(span.text))


def compare(rep_id: str, rep_text: str, doc_id: str, text: str, *, rep_title: str | None = None,
            title: str | None = None) -> Differences:
    """The differences of document ``doc_id`` against the representative ``rep_id``."""
    old, new = _spans(rep_id, rep_text), _spans(doc_id, text)
    pairs = _match_exact(old, new)
    edited = _match_fuzzy(old, new, pairs)
    pairs.update(edited)
    matched_new = set(pairs.values())
    removed = tuple(old[i] for i in range(len(old)) if i not in pairs)
    added = tuple(new[j] for j in range(len(new)) if j not in matched_new)
    moved = tuple(new[j] for j in _out_of_order(sorted(pairs.items(), key=lambda p: p[1])))
    changed_title = (rep_title, title) if (rep_title or title) and _fold(rep_title) != _fold(title) else None
    return Differences(doc_id, rep_id, changed_title, removed, added,
                       tuple((old[i], new[j]) for i, j in sorted(edited.items())), moved)


def _fold(title: str | None) -> str:
    """A title's comparison form."""
    return " ".join(words(title or ""))


def _match_exact(old: list[DocSpan], new: list[DocSpan]) -> dict[int, int]:
    """Old paragraph index → new index, for paragraphs identical after folding (first free match)."""
    free: dict[str, list[int]] = {}
    for j, span in enumerate(new):
        free.setdefault(_key(span), []).append(j)
    pairs = {}
    for i, span in enumerate(old):
        slots = free.get(_key(span))
        if slots:
            pairs[i] = slots.pop(0)
    return pairs


def _match_fuzzy(old: list[DocSpan], new: list[DocSpan], pairs: dict[int, int]) -> dict[int, int]:
    """Old → new for the remaining paragraphs that are nearly identical (best match first)."""
    from rapidfuzz import fuzz

    taken = set(pairs.values())
    scored = []
    for i, a in enumerate(old):
        if i in pairs:
            continue
        for j, b in enumerate(new):
            if j not in taken:
                score = fuzz.ratio(_key(a), _key(b), score_cutoff=EDITED)
                if score:
                    scored.append((-score, i, j))
    edited: dict[int, int] = {}
    for _, i, j in sorted(scored):
        if i not in edited and j not in taken:
            edited[i] = j
            taken.add(j)
    return edited


def _out_of_order(pairs_by_new: list[tuple[int, int]]) -> list[int]:
    """New indexes of matched paragraphs outside the longest run kept in the old order."""
    olds = [i for i, _ in pairs_by_new]
    keep = set(_longest_increasing(olds))
    return [j for k, (_, j) in enumerate(pairs_by_new) if k not in keep]


def _longest_increasing(values: list[int]) -> list[int]:
    """Positions of one longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []
    tail_pos: list[int] = []
    back = [-1] * len(values)
    for k, v in enumerate(values):
        at = bisect.bisect_left(tails, v)
        if at == len(tails):
            tails.append(v)
            tail_pos.append(k)
        else:
            tails[at], tail_pos[at] = v, k
        back[k] = tail_pos[at - 1] if at else -1
    out, k = [], tail_pos[-1] if tail_pos else -1
    while k >= 0:
        out.append(k)
        k = back[k]
    return out[::-1]
