"""Attribution scoring on BRAT standoff (PolNeAR layout): span P/R/F1 per role.

Gold: ``T`` lines ``T<n><TAB><Label> <start> <end>[;<start> <end>…]<TAB><text>``
with labels Source, Cue and Content (Attribution, Discuss, Discard… are
ignored); a discontinuous span counts as one gold item per segment.  PolNeAR
ships ``text/<name>.txt`` and ``attributions/<name>_<annotator>.ann`` (several
annotators may annotate one article: each ``.ann`` is scored); a flat BRAT
folder (``name.txt`` beside ``name.ann``) works too.

Predictions map presslens Quote records to roles: ``source`` → Source, ``cue``
→ Cue, ``span`` → Content.  PolNeAR content includes the quotation marks of a
direct quote and the complementiser of reported speech ("that …"), so the
mapping widens our spans to those conventions before scoring (and a source to the comma
closing its apposition, and to a possessive "'s", as PolNeAR marks them).
Metrics: exact match (identical offsets) and overlap (any shared character;
precision = share of predictions touching a gold item, recall = share of gold
items touched by a prediction), F1 of the two, per role and micro over roles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from presslens.model.records import Quote

ROLES: tuple[str, ...] = ("Source", "Cue", "Content")
QUOTE_MARKS = "\"'“”‘’«»‹›"
CONTRACTING = frozenset({"he", "she", "it", "who", "that", "there", "what"})
_T_LINE = re.compile(r"^T\d+\t(\S+) ([\d ;]+)\t")


@dataclass(frozen=True, slots=True, order=True)
class Item:
    """One role span of one document."""

    doc: str
    role: str
    start: int
    end: int


def read_ann(text: str, doc: str = "") -> list[Item]:
    """Parse a BRAT ``.ann`` file's text into Source/Cue/Content items (one per segment)."""
    out: list[Item] = []
    for line in text.splitlines():
        m = _T_LINE.match(line)
        if not m or m.group(1) not in ROLES:
            continue
        for seg in m.group(2).split(";"):
            start, end = (int(x) for x in seg.split())
            out.append(Item(doc, m.group(1), start, end))
    return out


def pair_files(folder: Path) -> list[tuple[Path, Path]]:
    """(text, ann) pairs of a PolNeAR split folder or a flat BRAT folder, sorted."""
    texts = folder / "text"
    anns = folder / "attributions"
    if texts.is_dir() and anns.is_dir():
        by_stem = {p.stem: p for p in texts.glob("*.txt")}
        pairs = []
        for ann in sorted(anns.glob("*.ann")):
            stem = ann.stem if ann.stem in by_stem else re.sub(r"_[0-9a-f]+$", "", ann.stem)
            if stem in by_stem:
                pairs.append((by_stem[stem], ann))
        return pairs
    return [(t, t.with_suffix(".ann")) for t in sorted(folder.glob("*.txt")) if t.with_suffix(".ann").exists()]


def _widen_content(text: str, start: int, end: int, direct: bool) -> tuple[int, int]:
    """Widen a content span to PolNeAR's conventions (quote marks; a leading "that")."""
    if direct:
        if start > 0 and text[start - 1] in QUOTE_MARKS:
            start -= 1
        k = end
        while k < len(text) and k - end < 3 and text[k] in ",.?!;:":
            k += 1
        if k < len(text) and text[k] in QUOTE_MARKS:
            end = k + 1
    if text[max(0, start - 5) : start].lower() == "that ":
        start -= 5
    return start, end


def _widen_source(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a source span to PolNeAR's conventions: the comma closing an apposition
    ("Kerr Putney, the police chief, said") and a possessive ending ("Trump's statement"); a
    pronoun's "'s" is "is" or "has" ("He's said"), never a possessive."""
    if "," in text[start:end] and text[end : end + 1] == ",":
        return start, end + 1
    if text[end : end + 2] in ("’s", "'s") and text[start:end].lower() not in CONTRACTING:
        return start, end + 2
    return start, end


def predicted_items(doc: str, text: str, quotes: Iterable[Quote]) -> list[Item]:
    """Role items of a document's Quote records, widened and de-duplicated."""
    items: set[Item] = set()
    rows = [(*_widen_content(text, q.span.start, q.span.end, q.direct), q) for q in quotes]
    for s, e, q in rows:
        if q.cue is not None and any(
            o.cue == q.cue and s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2, o in rows
        ):
            continue  # a partial quote inside reported speech with the same cue
        items.add(Item(doc, "Content", s, e))
        if q.cue is not None:
            items.add(Item(doc, "Cue", q.cue.start, q.cue.end))
        if q.source is not None:
            items.add(Item(doc, "Source", *_widen_source(text, q.source.start, q.source.end)))
    return sorted(items)


def _prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from matched counts."""
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _overlap_hits(a: Sequence[Item], b: Sequence[Item]) -> int:
    """How many items of ``a`` share a character with some item of ``b`` (same doc and role)."""
    index: dict[tuple[str, str], list[Item]] = {}
    for it in b:
        index.setdefault((it.doc, it.role), []).append(it)
    return sum(
        any(o.start < it.end and it.start < o.end for o in index.get((it.doc, it.role), ()))
        for it in a
    )


def score(gold: Sequence[Item], pred: Sequence[Item]) -> dict[str, float | int]:
    """Exact and overlap P/R/F1 per role and micro-averaged over the three roles."""
    gold_set, pred_set = set(gold), set(pred)
    metrics: dict[str, float | int] = {}
    for role in (*ROLES, "all"):
        g = [x for x in gold_set if role in ("all", x.role)]
        p = [x for x in pred_set if role in ("all", x.role)]
        exact = len(set(g) & set(p))
        key = role.lower()
        metrics[f"{key}_gold"], metrics[f"{key}_pred"] = len(g), len(p)
        for name, (pr, rc, f1) in (
            ("exact", _prf(exact, len(p), exact, len(g))),
            ("overlap", _prf(_overlap_hits(p, g), len(p), _overlap_hits(g, p), len(g))),
        ):
            metrics[f"{key}_{name}_p"] = round(pr, 4)
            metrics[f"{key}_{name}_r"] = round(rc, 4)
            metrics[f"{key}_{name}_f1"] = round(f1, 4)
    return metrics
