"""Quantity scoring on case files (JSONL): value, unit and what is counted.

Case format, one JSON object a line::

    {"id", "category", "text", "split": "tune"|"heldout",
     "quantities": [{"text": "$2.5m", "value": 2500000, "value_max": null, "unit": "USD",
                     "approximate": false, "counts": "flood defences" | null, "per": "year" | null}]}

``text`` of a quantity is the words that say it (the first occurrence in the case text);
``counts`` the words naming what is counted (null = not checked); a case with no
quantities lists sentences whose digits are not amounts (names, dates, times, the pronoun
"one").  Units are quantulum3's unit names (``percent``, ``percentage point``, ``kilometre``,
``degree Celsius``, ``year`` …) or ISO 4217 codes; sub-units are converted ("90 pence" =
0.9 GBP).

Case files (``eval/cases/``): ``quantities_tune.jsonl`` and ``quantities_heldout.jsonl``,
182 sentences in 14 kinds (currencies with m/bn/k suffixes, currency words, vague amounts,
fractions, ratios, percentages and points, ages, durations, SI and imperial measures, rates,
numbers in words, counting ordinals, tallies, and look-alikes that are not amounts) written
from the rules of how English writes quantities, before the quantities layer was changed,
and split by a hash of the case id (two in five held out) before anything was measured.

Metrics (per split and overall): ``value_found`` = gold quantities found by an overlapping
system quantity with the right value (the measure of the public unit-bearing set);
``unit_accuracy`` / ``counts_accuracy`` among those found; ``all_correct`` = gold quantities
with value, unit and counted thing all right; ``precision`` = system quantities shown as
resolved (not ``uncertain``) that read a gold quantity entirely right, over all shown;
``spurious`` = shown system quantities that match no gold one.  Hand-written: the case
format is this project's own.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from presslens.errors import DatasetError
from presslens.eval import read_case_file

_ALIASES = {
    "per cent": "percent", "percentage": "percent", "%": "percent", "pct": "percent",
    "kilometer": "kilometre", "meter": "metre", "liter": "litre", "ton": "tonne",
    "metric ton": "tonne", "degree celsius": "degree celsius", "feet": "foot",
    "pound mass": "pound-mass", "times": None, "ratio": None,
}
_SUBUNITS = {"cent": ("USD", 0.01), "penny": ("GBP", 0.01), "pence": ("GBP", 0.01)}


@dataclass(frozen=True, slots=True)
class Gold:
    """One gold quantity of a case, with its character span."""

    start: int
    end: int
    value: float
    value_max: float | None
    unit: str | None
    approximate: bool
    counts: tuple[int, int] | None
    per: str | None


@dataclass(frozen=True, slots=True)
class Case:
    """One sentence and its gold quantities."""

    id: str
    category: str
    text: str
    golds: tuple[Gold, ...]
    split: str = "tune"


def load_cases(path: str | Path) -> list[Case]:
    """Read quantity cases from a JSONL file; raise DatasetError when malformed."""
    p = Path(path)
    cases = read_case_file(p, _case, "quantity case")
    if not cases:
        raise DatasetError(f"{p}: no cases")
    return cases


def _case(row: dict[str, Any]) -> Case:
    """A Case from one JSON row (spans found in the text)."""
    text = str(row["text"])
    golds = tuple(_gold(text, g) for g in row.get("quantities", ()))
    return Case(str(row["id"]), str(row.get("category", "")), text, golds, str(row.get("split", "tune")))


def _gold(text: str, g: dict[str, Any]) -> Gold:
    """A Gold from one quantity row; its words must occur in the text."""
    start = text.find(g["text"])
    if start < 0:
        raise ValueError(f"{g['text']!r} is not in the text")
    counts = None
    if g.get("counts"):
        c = text.find(g["counts"])
        if c < 0:
            raise ValueError(f"counts {g['counts']!r} is not in the text")
        counts = (c, c + len(g["counts"]))
    vmax = g.get("value_max")
    return Gold(start, start + len(g["text"]), float(g["value"]), float(vmax) if vmax is not None else None,
                g.get("unit"), bool(g.get("approximate")), counts, g.get("per"))


def norm_unit(unit: str | None) -> str | None:
    """One spelling per unit: ISO codes upper case, names lower case and singular."""
    if unit is None:
        return None
    key = unit.strip()
    if len(key) == 3 and key.isalpha() and key.isupper():
        return key
    low = key.lower().replace("_", " ")
    if low in _ALIASES:
        return _ALIASES[low]
    if low.endswith("es") and low[:-2] in ("inch", "pass"):
        low = low[:-2]
    elif low.endswith("s") and len(low) > 3 and not low.endswith("ss"):
        low = low[:-1]
    return _ALIASES.get(low, low)


def reading(q: Any) -> tuple[float, float | None, str | None]:
    """A system quantity's value, upper bound and normalised unit (sub-units converted)."""
    unit = norm_unit(q.unit)
    if unit in _SUBUNITS:
        code, factor = _SUBUNITS[unit]
        return q.value * factor, q.value_max * factor if q.value_max is not None else None, code
    return q.value, q.value_max, unit


def value_right(g: Gold, value: float, value_max: float | None, text: str) -> bool:
    """True when the system value (and upper bound) reads the gold quantity."""
    words_only = not any(ch.isdigit() for ch in text[g.start : g.end])
    if g.approximate and g.value_max is None and words_only and g.value >= 10:
        return g.value <= value < g.value * 10  # "thousands": any reading of the right order
    if not math.isclose(value, g.value, rel_tol=0.01, abs_tol=1e-9):
        return False
    if g.value_max is None:
        return value_max is None or math.isclose(value_max, g.value, rel_tol=0.01)
    return value_max is not None and math.isclose(value_max, g.value_max, rel_tol=0.01)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _best(span: tuple[int, int], golds: Sequence[Gold]) -> int | None:
    """Index of the gold quantity a system span overlaps most (at least half the shorter)."""
    best, best_overlap = None, 0
    for i, g in enumerate(golds):
        shared = _overlap(span, (g.start, g.end))
        shorter = min(span[1] - span[0], g.end - g.start)
        if shared * 2 >= shorter > 0 and shared > best_overlap:
            best, best_overlap = i, shared
    return best


def counts_right(g: Gold, q: Any, text: str) -> bool:
    """What the system says is counted overlaps the gold words (unchecked when gold is null)."""
    if g.counts is None:
        return True
    if not q.counts:
        return False
    lo = max(0, q.span.start - 200)
    at = text.find(q.counts, lo)
    while at >= 0:
        if _overlap((at, at + len(q.counts)), g.counts):
            return True
        at = text.find(q.counts, at + 1)
    return False


def score_case(case: Case, quantities: Iterable[Any], pairs: list[tuple[float, bool]] | None = None
               ) -> tuple[Counter[str], list[str]]:
    """Counts for one case and a line per disagreement; (confidence, right) added to ``pairs``."""
    counts: Counter[str] = Counter(gold=len(case.golds))
    notes: list[str] = []
    pairs = pairs if pairs is not None else []
    hits: dict[int, list[tuple[Any, dict[str, bool]]]] = {}
    for q in quantities:
        shown = not getattr(q, "uncertain", False)
        counts["system"] += 1
        counts["shown"] += int(shown)
        counts["uncertain"] += int(not shown)
        i = _best((q.span.start, q.span.end), case.golds)
        if i is None:
            counts["spurious"] += int(shown)
            notes.append(f"{case.id}: spurious {case.text[q.span.start:q.span.end]!r} = {q.value} {q.unit}")
            if getattr(q, "confidence", None) is not None:
                pairs.append((q.confidence, False))
            continue
        g = case.golds[i]
        value, vmax, unit = reading(q)
        checks = {"value": value_right(g, value, vmax, case.text), "unit": unit == norm_unit(g.unit),
                  "counts": counts_right(g, q, case.text), "per": getattr(q, "per", None) == g.per}
        hits.setdefault(i, []).append((q, checks))
        right = checks["value"] and checks["unit"] and checks["counts"]
        counts["correct"] += int(shown and right)
        if getattr(q, "confidence", None) is not None:
            pairs.append((q.confidence, right))
    for i, g in enumerate(case.golds):
        _score_gold(case, g, hits.get(i, []), counts, notes)
    return counts, notes


def _score_gold(case: Case, g: Gold, found: list[tuple[Any, dict[str, bool]]], counts: Counter[str],
                notes: list[str]) -> None:
    """Add one gold quantity's outcome (its best system reading) to the counts."""
    surface = case.text[g.start : g.end]
    if not found:
        notes.append(f"{case.id}: missed {surface!r}")
        return
    counts["found"] += 1
    q, checks = max(found, key=lambda f: sum(f[1].values()))
    for name, ok in checks.items():
        counts[f"{name}_ok"] += int(ok)
    counts["all_ok"] += int(checks["value"] and checks["unit"] and checks["counts"])
    if not all(checks.values()):
        wrong = ", ".join(k for k, ok in checks.items() if not ok)
        notes.append(f"{case.id}: {surface!r} wrong {wrong}: {q.value} {q.value_max} {q.unit} "
                     f"per={getattr(q, 'per', None)} counts={q.counts!r}")


def metrics(counts: Counter[str]) -> dict[str, float | int]:
    """Rates from summed counts."""
    def rate(a: str, b: str) -> float:
        """counts[a] / counts[b], 0 when empty."""
        return round(counts[a] / counts[b], 4) if counts[b] else 0.0

    return {
        "gold": counts["gold"], "found": counts["found"], "system": counts["system"],
        "shown": counts["shown"], "uncertain": counts["uncertain"], "spurious": counts["spurious"],
        "value_found": rate("value_ok", "gold"), "coverage": rate("found", "gold"),
        "unit_accuracy": rate("unit_ok", "found"), "counts_accuracy": rate("counts_ok", "found"),
        "per_accuracy": rate("per_ok", "found"), "all_correct": rate("all_ok", "gold"),
        "precision": rate("correct", "shown"),
    }


def run(cases: Sequence[Case]) -> tuple[dict[str, Counter[str]], list[str], dict[str, list[tuple[float, bool]]]]:
    """Analyse every case with the quantities layer; counts per split and in total, notes, and
    the (confidence, right) pairs per split for the calibration check."""
    from presslens.ingest import ingest_text
    from presslens.pipeline import Pipeline
    from presslens.settings import Settings

    settings = Settings(keep_text=True, layers=("quantities",), require_english=False)
    pipeline = Pipeline(settings)
    totals: dict[str, Counter[str]] = {"all": Counter()}
    pairs: dict[str, list[tuple[float, bool]]] = {"all": []}
    notes: list[str] = []
    for case in cases:
        analysis = pipeline.analyze(ingest_text(case.text, source=case.id, settings=settings))
        mine: list[tuple[float, bool]] = []
        counts, lines = score_case(case, analysis.quantities, mine)
        totals["all"].update(counts)
        totals.setdefault(case.split, Counter()).update(counts)
        pairs["all"].extend(mine)
        pairs.setdefault(case.split, []).extend(mine)
        notes.extend(lines)
    return totals, notes, pairs
