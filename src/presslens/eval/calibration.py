"""Checking a confidence against outcomes: Brier score, reliability table, threshold trade-off.

A confidence is a probability when, among the findings given about p, about p are right.
``reliability`` bins (confidence, outcome) pairs and compares each bin's mean confidence with
its share right; ``brier`` is the mean squared error of the confidences (0 is perfect, 0.25 is
a coin); ``expected_calibration_error`` weights each bin's gap by its size.  ``at_threshold``
gives precision and coverage of what is shown (confidence at or above the threshold) beside
what is kept back as uncertain.  :class:`Reliability` is the same arithmetic as a collector
(equal-width bins) for layers that gather pairs article by article.  Hand-written: a few lines
over plain lists, the same for every layer that reports a calibrated confidence.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

Pair = tuple[float, bool]
EDGES: tuple[float, ...] = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0001)


def brier(pairs: Sequence[Pair]) -> float | None:
    """Mean squared difference between confidence and outcome (None without pairs)."""
    if not pairs:
        return None
    return round(sum((p - float(ok)) ** 2 for p, ok in pairs) / len(pairs), 4)


def reliability(pairs: Sequence[Pair], edges: Sequence[float] = EDGES) -> list[dict[str, float | int | str]]:
    """Per confidence bin: range, count, mean confidence and share right."""
    rows: list[dict[str, float | int | str]] = []
    for lo, hi in itertools.pairwise(edges):
        inside = [(p, ok) for p, ok in pairs if lo <= p < hi]
        if not inside:
            continue
        rows.append({
            "bin": f"{lo:.2f}-{min(hi, 1.0):.2f}", "n": len(inside),
            "confidence": round(sum(p for p, _ in inside) / len(inside), 3),
            "right": round(sum(ok for _, ok in inside) / len(inside), 3),
        })
    return rows


def expected_calibration_error(pairs: Sequence[Pair], edges: Sequence[float] = EDGES) -> float | None:
    """Size-weighted mean gap between confidence and share right over the bins."""
    if not pairs:
        return None
    rows = reliability(pairs, edges)
    gap = sum(int(r["n"]) * abs(float(r["confidence"]) - float(r["right"])) for r in rows)
    return round(gap / len(pairs), 4)


def at_threshold(pairs: Sequence[Pair], threshold: float) -> dict[str, float | int]:
    """Precision of the shown findings (confidence ≥ threshold) and the share shown."""
    shown = [ok for p, ok in pairs if p >= threshold]
    return {
        "threshold": threshold, "shown": len(shown), "uncertain": len(pairs) - len(shown),
        "precision_shown": round(sum(shown) / len(shown), 4) if shown else 0.0,
        "precision_all": round(sum(ok for _, ok in pairs) / len(pairs), 4) if pairs else 0.0,
        "share_shown": round(len(shown) / len(pairs), 4) if pairs else 0.0,
    }


def summary(pairs: Sequence[Pair], threshold: float | None) -> dict[str, object]:
    """Brier, ECE, reliability rows and the threshold trade-off in one dict."""
    out: dict[str, object] = {"pairs": len(pairs), "brier": brier(pairs),
                              "ece": expected_calibration_error(pairs), "reliability": reliability(pairs)}
    if threshold is not None:
        out.update(at_threshold(pairs, threshold))
    return out


@dataclass(slots=True)
class Reliability:
    """(confidence, right) pairs and their summaries."""

    pairs: list[tuple[float, bool]] = field(default_factory=list)

    def add(self, confidence: float, right: bool) -> None:
        """Record one finding."""
        self.pairs.append((float(confidence), bool(right)))

    def extend(self, other: Reliability) -> None:
        """Add another collection's pairs."""
        self.pairs.extend(other.pairs)

    def brier(self) -> float | None:
        """Mean squared error of the confidences (None without pairs)."""
        if not self.pairs:
            return None
        return sum((p - float(y)) ** 2 for p, y in self.pairs) / len(self.pairs)

    def table(self, bins: int = 5) -> list[dict[str, Any]]:
        """Per equal-width bin: range, count, mean confidence, share right."""
        rows = []
        for b in range(bins):
            lo, hi = b / bins, (b + 1) / bins
            inside = [(p, y) for p, y in self.pairs if lo <= p < hi or (b == bins - 1 and p == 1.0)]
            if inside:
                rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": len(inside),
                             "confidence": sum(p for p, _ in inside) / len(inside),
                             "right": sum(y for _, y in inside) / len(inside)})
        return rows

    def ece(self, bins: int = 5) -> float | None:
        """Expected calibration error: bin gaps weighted by bin size (None without pairs)."""
        if not self.pairs:
            return None
        return sum(r["n"] * abs(r["confidence"] - r["right"]) for r in self.table(bins)) / len(self.pairs)

    def above(self, threshold: float) -> tuple[int, int]:
        """How many findings reach the threshold, and how many of those are right."""
        kept = [y for p, y in self.pairs if p >= threshold]
        return len(kept), sum(kept)

    def summary(self, threshold: float | None = None) -> dict[str, Any]:
        """Brier, ECE, the table, and precision/coverage at a threshold (when given)."""
        out: dict[str, Any] = {"n": len(self.pairs), "brier": _round(self.brier()), "ece": _round(self.ece()),
                               "table": [{k: _round(v) for k, v in r.items()} for r in self.table()]}
        if threshold is not None and self.pairs:
            kept, right = self.above(threshold)
            out["threshold"] = threshold
            out["kept"] = kept
            out["precision_kept"] = _round(right / kept) if kept else None
            out["share_kept"] = _round(kept / len(self.pairs))
        return out


def _round(value: Any) -> Any:
    """Round floats to 4 places (other values unchanged)."""
    return round(value, 4) if isinstance(value, float) else value
