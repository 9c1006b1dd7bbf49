"""TimeML reader and TempEval-3 Task A scorer (temporal expression extraction).

Reader: a ``.tml`` file's ``<TEXT>`` element becomes plain text (tags removed,
XML entities unescaped) and every ``<TIMEX3>`` inside it becomes a gold timex
with character offsets into that text; the document creation time (DCT) is the
``TIMEX3`` whose ``functionInDocument`` is ``CREATION_TIME``.

Scorer (UzZaman et al., "SemEval-2013 Task 1: TempEval-3", 2013): a *strict*
match is an identical extent, a *relaxed* match any overlap (pairs are matched
one-to-one, largest overlap first); precision and recall are counted over
system and gold timexes; attribute F1 (value, type) = relaxed F1 × the share of
relaxed matches whose attribute string is exactly right.

Split (fixed before the timex work of issue 10 measured anything): every document dated 1999
or later is held out (45 AQUAINT articles, 419 timexes; the TempEval-3 platinum test set is
newswire of a later year too); the rest (TimeBank's 183 and AQUAINT's 28 articles of 1998)
is tuned on.  :func:`split_of` applies the rule.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_:]+)\s*=\s*"([^"]*)"')
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT = re.compile(r"<TIMEX3([^>]*functionInDocument=\"CREATION_TIME\"[^>]*)>")


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One TIMEX3 of a TimeML text: offsets into the plain text plus attributes."""

    start: int
    end: int
    type: str
    value: str
    tid: str = ""
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    """A TimeML document: id, plain text, DCT (YYYY-MM-DD or None), gold timexes."""

    id: str
    text: str
    dct: str | None
    timexes: tuple[GoldTimex, ...] = ()


@dataclass
class TimexScores:
    """Counts of a TempEval-3 Task A comparison (summable over documents)."""

    system: int = 0
    gold: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    type_ok: int = 0
    value_shown_ok: int = 0  # right values among those shown (an uncertain anchor withheld counts wrong)
    withheld: int = 0  # system timexes marked uncertain
    errors: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, other: TimexScores) -> None:
        """Accumulate another document's counts."""
        for name in ("system", "gold", "strict", "relaxed", "value_ok", "type_ok", "value_shown_ok", "withheld"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)

    def metrics(self) -> dict[str, float | int]:
        """Strict/relaxed P/R/F1 and value/type F1 (TempEval-3 definitions)."""
        out: dict[str, float | int] = {"documents_gold_timexes": self.gold, "system_timexes": self.system}
        for name, hits in (("strict", self.strict), ("relaxed", self.relaxed)):
            p, r = _ratio(hits, self.system), _ratio(hits, self.gold)
            out[f"{name}_precision"], out[f"{name}_recall"], out[f"{name}_f1"] = p, r, _f1(p, r)
        relaxed_f1 = float(out["relaxed_f1"])
        out["value_accuracy"] = _ratio(self.value_ok, self.relaxed)
        out["type_accuracy"] = _ratio(self.type_ok, self.relaxed)
        out["value_f1"] = relaxed_f1 * float(out["value_accuracy"])
        out["type_f1"] = relaxed_f1 * float(out["type_accuracy"])
        out["value_f1_shown"] = relaxed_f1 * _ratio(self.value_shown_ok, self.relaxed)
        out["uncertain_share"] = _ratio(self.withheld, self.system)
        return out


def _ratio(a: int, b: int) -> float:
    """a / b, or 0 when b is 0."""
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    """Harmonic mean of precision and recall."""
    return 2 * p * r / (p + r) if p + r else 0.0


def _attrs(raw: str) -> dict[str, str]:
    """Parse XML attributes of a tag into a dict."""
    return {k: html.unescape(v) for k, v in _ATTR.findall(raw)}


def parse_text(raw: str) -> tuple[str, list[GoldTimex]]:
    """Strip tags from a TEXT element's content; return text and its TIMEX3s with offsets."""
    parts: list[str] = []
    length = 0
    open_stack: list[tuple[int, dict[str, str]]] = []
    found: list[GoldTimex] = []
    pos = 0
    for m in _TAG.finditer(raw):
        chunk = html.unescape(raw[pos : m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name = m.group(1) == "/", m.group(2)
        if name != "TIMEX3" or m.group(4):
            continue
        if not closing:
            open_stack.append((length, _attrs(m.group(3))))
        elif open_stack:
            start, at = open_stack.pop()
            found.append(GoldTimex(start, length, at.get("type", ""), at.get("value", ""),
                                   at.get("tid", ""), at.get("mod")))
    parts.append(html.unescape(raw[pos:]))
    return "".join(parts), sorted(found, key=lambda t: (t.start, t.end))


def read_tml(path: str | Path) -> TimeMLDoc:
    """Read one TimeML file."""
    raw = Path(path).read_text(encoding="utf-8")
    body = _TEXT.search(raw)
    text, timexes = parse_text(body.group(1) if body else "")
    dct_m = _DCT.search(raw)
    dct = _attrs(dct_m.group(1)).get("value") if dct_m else None
    if dct:
        dct = dct[:10]
    return TimeMLDoc(Path(path).stem, text, dct, tuple(timexes))


HELDOUT_FROM_YEAR = 1999


def split_of(doc: TimeMLDoc) -> str:
    """ "heldout" for a document dated 1999 or later, else "tune"."""
    year = (doc.dct or "")[:4]
    return "heldout" if year.isdigit() and int(year) >= HELDOUT_FROM_YEAR else "tune"


def iter_tml(directory: str | Path, limit: int | None = None) -> list[TimeMLDoc]:
    """Read every ``.tml`` file under a directory (sorted, recursive)."""
    paths = sorted(Path(directory).rglob("*.tml"))
    if limit is not None:
        paths = paths[:limit]
    return [read_tml(p) for p in paths]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters shared by two intervals (<= 0 when disjoint)."""
    return min(a[1], b[1]) - max(a[0], b[0])


def match(
    system: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """One-to-one relaxed matching: pairs (system index, gold index), largest overlap first."""
    cands = sorted(
        ((_overlap(s, g), i, j) for i, s in enumerate(system) for j, g in enumerate(gold)
         if _overlap(s, g) > 0),
        reverse=True,
    )
    used_s: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in cands:
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def score_document(
    text: str, system: Iterable[GoldTimex], gold: Iterable[GoldTimex], doc_id: str = ""
) -> TimexScores:
    """Compare one document's system timexes with its gold ones."""
    sys_l, gold_l = list(system), list(gold)
    pairs = match([(t.start, t.end) for t in sys_l], [(t.start, t.end) for t in gold_l])
    s = TimexScores(system=len(sys_l), gold=len(gold_l), relaxed=len(pairs))
    for i, j in pairs:
        a, b = sys_l[i], gold_l[j]
        s.strict += (a.start, a.end) == (b.start, b.end)
        s.value_ok += a.value == b.value
        s.type_ok += a.type == b.type
        if a.value != b.value or (a.start, a.end) != (b.start, b.end):
            s.errors.append((doc_id, f"{text[a.start:a.end]!r} {a.type} {a.value}",
                             f"{text[b.start:b.end]!r} {b.type} {b.value}"))
    return s
