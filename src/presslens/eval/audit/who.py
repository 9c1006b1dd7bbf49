"""Audit scorers, group ``who``: quotes, entities, quantities, timexes and the publication date.

Protocol: ``score(layer, gold, analysis, text)`` returns counts for one article; the framework
(:mod:`presslens.eval.audit`) sums them and prints precision = ``correct / predicted`` (what
the system shows as resolved or as fact) and coverage = ``found / gold``.  Gold conventions are
in ``labels/who/README.md``.  Two spans *match* when they share at least half of the shorter
one (:func:`overlap_ok`); a system item is paired with the gold item it overlaps most
(intersection over union), so a short quote nested in a long one goes to the nested gold quote.

quotes
    ``predicted`` = system quotes paired with a gold quote and showing a speaker; ``correct`` =
    the speaker entity is the gold speaker: most of its mentions that hit gold mentions belong
    to the gold speaker (or a listed alternative), or - when none hits a gold mention - one of
    its mentions overlaps the gold ``speaker_span``.  A resolved speaker for a gold quote whose
    speaker is anonymous, a document or unknown is wrong unless it points at those words.
    ``found`` = gold quotes paired with any system quote.  Extras: ``named_gold`` (gold quotes
    with a named speaker), ``named_resolved`` / ``named_correct`` (those the system resolved /
    resolved right), ``unresolved`` (paired, no speaker shown), ``spurious`` (system quotes
    paired with no gold quote; not in precision).
entities
    ``predicted`` = system clusters shown as resolved (not ``uncertain``); one is ``correct``
    when it hits at least one gold mention and every gold mention it hits belongs to one gold
    cluster (or to clusters the labels link with ``also``: a demonym and its country).  A
    cluster hitting no gold mention is ``junk`` and wrong.  ``found`` = gold clusters more than
    half of whose mentions fall in one resolved system cluster.  Extras: ``type_correct``
    (correct clusters with the gold type), ``type_sure`` / ``type_sure_correct`` (those whose
    type confidence reaches the layer's type threshold), ``merged``, ``junk``, ``uncertain``
    (clusters shown as uncertain: kept, not counted as resolved), ``mentions_gold`` /
    ``mentions_found`` (over every cluster).
quantities
    ``predicted`` = every system quantity shown as fact (one marked ``uncertain`` is counted in
    the extras ``uncertain`` / ``uncertain_right`` instead); ``correct`` =
    paired with a gold quantity and the value (within 1%, both ends of a range; a word-only
    approximate amount such as "millions" may be read anywhere in [v, 10v); one end of a gold
    range read on its own passes), the normalised
    unit and what is counted all agree.  A gold ``counts`` of null means "not labelled": any
    reading passes; otherwise the system's counted words must overlap the gold span.
    ``found`` = gold quantities paired with a system quantity, uncertain or not.  Extras: ``value_correct``,
    ``unit_correct``, ``counts_correct`` (among paired), ``spurious``.
timexes
    A system timex paired with a gold timex whose value depends on an unknown document date
    (``relative``) is neither right nor wrong (extras ``relative_paired``,
    ``relative_committed`` when it still shows a full value).  One whose value still holds an
    ``X``, or that is only ``PAST_REF`` / ``PRESENT_REF`` / ``FUTURE_REF`` where the gold
    names a date, is shown as unresolved (extra ``uncertain``).  Every other system timex is
    ``predicted``; ``correct`` = paired and the TIMEX3 value is exactly the gold value.
    ``found`` = gold timexes paired with any system timex.  Extras: ``type_correct``,
    ``spurious``.
published
    One item per article.  ``predicted`` = the system shows a date (given or inferred); a date
    inferred below the threshold and kept only as ``candidates`` counts as ``found`` and
    ``uncertain`` (``uncertain_right`` when its best candidate fits), not as predicted;
    ``correct`` = the true date lies inside the period of the shown value ("2016" or
    "2016-09" or "2016-09-25"), or for an undated article the period meets the labelled
    bounds.  Extras for dated articles: ``day_correct``,
    ``month_correct``, ``year_correct`` (right at that precision).

Written by hand: this is the project's own label format and matching rule; no library scores it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from presslens.eval.published import period
from presslens.model.analysis import Analysis
from presslens.model.records import Entity, Quantity, Quote, Timex

LAYERS: tuple[str, ...] = ("quotes", "entities", "quantities", "timexes", "published")
ANALYZERS: tuple[str, ...] = ("entities", "quantities", "timexes", "quotes")

Pair = tuple[int, int]
TYPE_SURE = 0.8
"""The entities layer's type threshold (``resources/entities/confidence.json``): a type shown
without a question mark has at least this confidence."""


def score(layer: str, gold: dict[str, Any], analysis: Analysis, text: str) -> dict[str, int]:
    """Counts for one article and one layer (keys: predicted, correct, gold, found, extras)."""
    scorers: dict[str, Callable[[dict[str, Any], Analysis, str], dict[str, int]]] = {
        "quotes": score_quotes, "entities": score_entities, "quantities": score_quantities,
        "timexes": score_timexes, "published": score_published,
    }
    if layer not in scorers:
        raise ValueError(f"unknown layer {layer!r}; expected one of {', '.join(LAYERS)}")
    return scorers[layer](gold, analysis, text)


# --- span matching ---------------------------------------------------------------------------

def overlap(a: Pair, b: Pair) -> int:
    """Characters shared by two ``(start, end)`` spans."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def overlap_ok(a: Pair, b: Pair) -> bool:
    """True when the spans share at least half of the shorter one."""
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and overlap(a, b) * 2 >= shorter


def iou(a: Pair, b: Pair) -> float:
    """Intersection over union of two spans."""
    inter = overlap(a, b)
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union if union else 0.0


def best_match(span: Pair, golds: Sequence[Pair]) -> int | None:
    """Index of the gold span this span matches best (highest IoU among acceptable), or None."""
    best, best_iou = None, -1.0
    for i, g in enumerate(golds):
        if overlap_ok(span, g) and iou(span, g) > best_iou:
            best, best_iou = i, iou(span, g)
    return best


def _pair(span: Any) -> Pair:
    """A Span record or a ``[start, end]`` list as a tuple."""
    return (span.start, span.end) if hasattr(span, "start") else (int(span[0]), int(span[1]))


# --- entities ----------------------------------------------------------------------------

class GoldEntities:
    """Gold clusters with a mention index: which gold cluster a system mention hits."""

    def __init__(self, clusters: Sequence[dict[str, Any]]) -> None:
        self.clusters = list(clusters)
        self.ids = [c["id"] for c in self.clusters]
        self.mentions: list[Pair] = []
        self.owner: list[str] = []
        for c in self.clusters:
            for m in c["mentions"]:
                self.mentions.append(_pair(m))
                self.owner.append(c["id"])
        self.linked = _linked(self.clusters)

    def hit(self, span: Pair) -> int | None:
        """Index of the gold mention a system mention hits, or None."""
        return best_match(span, self.mentions)

    def owners_of(self, entity: Entity) -> Counter[str]:
        """How many of a system entity's mentions hit each gold cluster."""
        hits = (self.hit(_pair(m)) for m in entity.mentions)
        return Counter(self.owner[i] for i in hits if i is not None)

    def same(self, a: str, b: str) -> bool:
        """True when two gold clusters are one, or linked by ``also``."""
        return a == b or b in self.linked.get(a, ())


def _linked(clusters: Iterable[dict[str, Any]]) -> dict[str, set[str]]:
    """Symmetric ``also`` links between gold clusters (a demonym and its country)."""
    out: dict[str, set[str]] = {}
    for c in clusters:
        for other in c.get("also", ()):
            out.setdefault(c["id"], set()).add(other)
            out.setdefault(other, set()).add(c["id"])
    return out


def score_entities(gold: dict[str, Any], analysis: Analysis, text: str) -> dict[str, int]:
    """Cluster purity (precision) and gold clusters kept mostly together (coverage)."""
    index = GoldEntities(gold.get("entities", ()))
    types = {c["id"]: c["type"] for c in index.clusters}
    shown = [e for e in analysis.entities if not e.uncertain]
    counts = Counter({"predicted": len(shown), "gold": len(index.clusters), "mentions_gold": len(index.mentions),
                      "uncertain": len(analysis.entities) - len(shown)})
    for entity in shown:
        owners = index.owners_of(entity)
        if not owners:
            counts["junk"] += 1
            continue
        first = next(iter(owners))
        if all(index.same(first, o) for o in owners):
            counts["correct"] += 1
            type_ok = types[owners.most_common(1)[0][0]] == entity.type
            counts["type_correct"] += int(type_ok)
            if entity.type_confidence is None or entity.type_confidence >= TYPE_SURE:
                counts["type_sure"] += 1
                counts["type_sure_correct"] += int(type_ok)
        else:
            counts["merged"] += 1
    counts["found"] = _clusters_kept(index, shown)
    counts["mentions_found"] = _mentions_found(index, analysis.entities)
    return _ints(counts, "correct", "found", "junk", "merged", "type_correct", "type_sure", "type_sure_correct",
                 "uncertain")


def _clusters_kept(index: GoldEntities, entities: Sequence[Entity]) -> int:
    """Gold clusters more than half of whose mentions fall in one system cluster."""
    per_gold: dict[str, Counter[int]] = {}
    for n, entity in enumerate(entities):
        hit_ids = {i for i in (index.hit(_pair(m)) for m in entity.mentions) if i is not None}
        for i in hit_ids:
            per_gold.setdefault(index.owner[i], Counter())[n] += 1
    sizes = Counter(index.owner)
    return sum(1 for gid, by_sys in per_gold.items() if by_sys.most_common(1)[0][1] * 2 > sizes[gid])


def _mentions_found(index: GoldEntities, entities: Sequence[Entity]) -> int:
    """Gold mentions hit by any system mention."""
    hit = {i for e in entities for i in (index.hit(_pair(m)) for m in e.mentions) if i is not None}
    return len(hit)


def _ints(counts: Counter[str], *keys: str) -> dict[str, int]:
    """A plain dict of counts in which every listed key is present (zero when absent)."""
    out = {k: int(v) for k, v in counts.items()}
    for key in ("predicted", "correct", "gold", "found", *keys):
        out.setdefault(key, 0)
    return out


# --- quotes ----------------------------------------------------------------------------

def score_quotes(gold: dict[str, Any], analysis: Analysis, text: str) -> dict[str, int]:
    """Speaker precision on paired quotes and quote coverage."""
    golds = list(gold.get("quotes", ()))
    spans = [_pair(q["content"]) for q in golds]
    index = GoldEntities(gold.get("entities", ()))
    counts = Counter({"gold": len(golds), "named_gold": sum(1 for q in golds if q.get("speaker"))})
    paired: dict[int, list[Quote]] = {}
    for quote in analysis.quotes:
        i = best_match(_pair(quote.span), spans)
        if i is None:
            counts["spurious"] += 1
        else:
            paired.setdefault(i, []).append(quote)
    for i, quotes in paired.items():
        _score_pair(golds[i], quotes, analysis, index, counts)
    counts["found"] = len(paired)
    return _ints(counts, "named_resolved", "named_correct", "unresolved", "spurious")


def _score_pair(g: dict[str, Any], quotes: list[Quote], analysis: Analysis, index: GoldEntities,
                counts: Counter[str]) -> None:
    """Add the counts of the system quotes paired with one gold quote."""
    resolved = [q for q in quotes if q.speaker and analysis.entity(q.speaker) is not None]
    counts["unresolved"] += len(quotes) - len(resolved)
    right = [q for q in resolved if speaker_right(g, analysis.entity(q.speaker), index)]
    counts["predicted"] += len(resolved)
    counts["correct"] += len(right)
    if g.get("speaker") and resolved:
        counts["named_resolved"] += 1
        counts["named_correct"] += int(len(right) == len(resolved))


def speaker_right(g: dict[str, Any], entity: Entity | None, index: GoldEntities) -> bool:
    """True when a system speaker entity is the gold quote's speaker."""
    if entity is None:
        return False
    owners = index.owners_of(entity)
    if owners:
        top = owners.most_common(1)[0][0]
        allowed = [g["speaker"], *g.get("speaker_alternatives", ())] if g.get("speaker") else []
        return any(index.same(top, a) for a in allowed)
    span = g.get("speaker_span")
    return span is not None and any(overlap_ok(_pair(m), _pair(span)) for m in entity.mentions)


# --- quantities ------------------------------------------------------------------------

_UNIT_ALIASES = {
    "percentage": "percent", "per cent": "percent", "%": "percent", "pct": "percent",
    "years": "year", "yr": "year", "days": "day", "weeks": "week", "months": "month",
    "hours": "hour", "h": "hour", "minutes": "minute", "min": "minute", "seconds": "second",
    "s": "second", "kilometre": "km", "kilometer": "km", "kilometres": "km", "metre": "m",
    "meter": "m", "gigabyte": "gb", "gigabytes": "gb", "acres": "acre", "tonnes": "tonne",
    "ton": "tonne", "times": None, "ratio": None, "dollar": "USD", "pound sterling": "GBP",
    "pound": "GBP", "euro": "EUR", "baht": "THB",
}
_SUBUNITS = {"cent": ("USD", 0.01), "cents": ("USD", 0.01), "penny": ("GBP", 0.01),
             "pence": ("GBP", 0.01), "p": ("GBP", 0.01)}


def norm_unit(unit: str | None) -> str | None:
    """A unit name or code in one spelling: currency codes upper case, other units lower case.

    ``None`` stands for plain counts and ratios ("times").
    """
    if unit is None:
        return None
    key = unit.strip()
    low = key.lower().replace("_", " ")
    if low in _UNIT_ALIASES:
        return _UNIT_ALIASES[low]
    if len(key) == 3 and key.isalpha() and key.isupper():
        return key
    return low[:-1] if low.endswith("s") and len(low) > 3 else low


def _system_reading(q: Quantity) -> tuple[float, float | None, str | None]:
    """The system's value, upper bound and normalised unit (sub-units converted)."""
    if q.unit and q.unit.lower() in _SUBUNITS:
        code, factor = _SUBUNITS[q.unit.lower()]
        return q.value * factor, q.value_max * factor if q.value_max is not None else None, code
    return q.value, q.value_max, norm_unit(q.unit)


def value_right(g: dict[str, Any], value: float, value_max: float | None, text: str) -> bool:
    """True when a system value (and upper bound) reads the gold quantity right."""
    gv, gmax = float(g["value"]), g.get("value_max")
    start, end = _pair(g["span"])
    if g.get("approximate") and gmax is None and not re.search(r"\d", text[start:end]):
        return gv <= value < gv * 10  # "millions": any reading of the right order
    if gmax is not None and value_max is None:
        # one end of a gold range read on its own ("$500,000 to more than $1 million")
        return any(math.isclose(value, x, rel_tol=0.01) for x in (gv, float(gmax)))
    if not math.isclose(value, gv, rel_tol=0.01, abs_tol=1e-9):
        return False
    if gmax is None:
        return value_max is None or math.isclose(value_max, gv, rel_tol=0.01)
    return value_max is not None and math.isclose(value_max, float(gmax), rel_tol=0.01)


def counts_right(g: dict[str, Any], q: Quantity, text: str) -> bool:
    """True when what the system says is counted agrees with the gold (null gold = unlabelled)."""
    if g.get("counts") is None:
        return True
    if not q.counts:
        return False
    found = locate(text, q.counts, _pair(q.span))
    return found is not None and overlap(found, _pair(g["counts"])) > 0


def locate(text: str, words: str, near: Pair, window: int = 300) -> Pair | None:
    """The occurrence of ``words`` in ``text`` nearest to ``near`` (within ``window``), or None."""
    lo = max(0, near[0] - window)
    best: Pair | None = None
    for m in re.finditer(re.escape(words), text[lo : near[1] + window]):
        cand = (lo + m.start(), lo + m.end())
        if best is None or _distance(cand, near) < _distance(best, near):
            best = cand
    return best


def _distance(a: Pair, b: Pair) -> int:
    """Characters between two spans (0 when they overlap)."""
    return max(0, b[0] - a[1], a[0] - b[1])


def quantity_right(g: dict[str, Any], q: Quantity, text: str) -> bool:
    """True when a system quantity reads a gold one right: value, normalised unit and counts."""
    value, vmax, unit = _system_reading(q)
    return value_right(g, value, vmax, text) and unit == norm_unit(g.get("unit")) and counts_right(g, q, text)


def score_quantities(gold: dict[str, Any], analysis: Analysis, text: str) -> dict[str, int]:
    """Value, unit and counted thing of every system quantity shown as fact (uncertain ones aside)."""
    golds = list(gold.get("quantities", ()))
    spans = [_pair(g["span"]) for g in golds]
    counts = Counter({"gold": len(golds)})
    found: set[int] = set()
    for q in analysis.quantities:
        i = best_match(_pair(q.span), spans)
        if i is not None:
            found.add(i)
        if getattr(q, "uncertain", False):
            counts["uncertain"] += 1
            counts["uncertain_right"] += int(i is not None and quantity_right(golds[i], q, text))
            continue
        counts["predicted"] += 1
        if i is None:
            counts["spurious"] += 1
            continue
        value, vmax, unit = _system_reading(q)
        checks = {"value_correct": value_right(golds[i], value, vmax, text),
                  "unit_correct": unit == norm_unit(golds[i].get("unit")),
                  "counts_correct": counts_right(golds[i], q, text)}
        counts.update(k for k, ok in checks.items() if ok)
        counts["correct"] += int(all(checks.values()))
    counts["found"] = len(found)
    return _ints(counts, "value_correct", "unit_correct", "counts_correct", "spurious", "uncertain", "uncertain_right")


# --- timexes ---------------------------------------------------------------------------

def score_timexes(gold: dict[str, Any], analysis: Analysis, text: str) -> dict[str, int]:
    """Exact TIMEX3 values of resolved system timexes; coverage of gold timexes."""
    golds = list(gold.get("timexes", ()))
    spans = [_pair(g["span"]) for g in golds]
    counts = Counter({"gold": len(golds)})
    found: set[int] = set()
    for t in analysis.timexes:
        i = best_match(_pair(t.span), spans)
        if i is not None:
            found.add(i)
        _score_timex(t, golds[i] if i is not None else None, counts)
    counts["found"] = len(found)
    return _ints(counts, "type_correct", "uncertain", "relative_paired", "relative_committed", "spurious")


def _score_timex(t: Timex, g: dict[str, Any] | None, counts: Counter[str]) -> None:
    """Add one system timex to the counts (see the module docstring)."""
    unresolved = (getattr(t, "uncertain", False) or not t.value or "X" in t.value
                  or (_is_ref(t.value) and g is not None and not _is_ref(g.get("value"))))
    if g is not None and g.get("relative"):
        counts["relative_paired"] += 1
        counts["relative_committed"] += int(not unresolved)
    elif unresolved:
        counts["uncertain"] += 1
    else:
        counts["predicted"] += 1
        if g is None:
            counts["spurious"] += 1
        else:
            counts["correct"] += int(g.get("value") is not None and t.value.upper() == str(g["value"]).upper())
            counts["type_correct"] += int(t.type == g.get("type"))


def _is_ref(value: str | None) -> bool:
    """True for the vague TIMEX3 values PAST_REF, PRESENT_REF and FUTURE_REF."""
    return bool(value) and str(value).upper().endswith("_REF")


# --- published -------------------------------------------------------------------------

def score_published(gold: dict[str, Any], analysis: Analysis, text: str) -> dict[str, int]:
    """The shown document date against the true date (or the labelled bounds)."""
    published = analysis.document.published
    shown = published.value
    if not gold.get("published") and not gold.get("published_bounds"):
        return _ints(Counter(), "day_correct", "month_correct", "year_correct", "uncertain", "uncertain_right")
    counts = Counter({"gold": 1})
    got = period(shown) if shown else None
    if got is None:
        withheld = tuple(getattr(published, "candidates", ()) or ())
        if withheld:  # inferred but below the threshold: shown as uncertain, kept out of precision
            counts["found"] = counts["uncertain"] = 1
            counts["uncertain_right"] = int(_date_fits(gold, withheld[0].value))
        return _ints(counts, "day_correct", "month_correct", "year_correct", "uncertain", "uncertain_right")
    counts["predicted"] = counts["found"] = 1
    if gold.get("published"):
        true = date.fromisoformat(gold["published"])
        counts["correct"] = int(got[0] <= true <= got[1])
        counts["year_correct"] = int(got[0].year == true.year)
        counts["month_correct"] = int(got[2] != "year" and (got[0].year, got[0].month) == (true.year, true.month))
        counts["day_correct"] = int(got[2] == "day" and got[0] == true)
    else:
        counts["correct"] = int(_date_fits(gold, shown))
    return _ints(counts, "day_correct", "month_correct", "year_correct", "uncertain", "uncertain_right")


def _date_fits(gold: dict[str, Any], value: str | None) -> bool:
    """True when a date value's period holds the true date (or meets the labelled bounds)."""
    got = period(value) if value else None
    if got is None:
        return False
    if gold.get("published"):
        true = date.fromisoformat(gold["published"])
        return got[0] <= true <= got[1]
    lo, hi = (date.fromisoformat(x) for x in gold["published_bounds"])
    return got[0] <= hi and lo <= got[1]
