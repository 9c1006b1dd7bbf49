"""Calibration of probabilities against outcomes: Brier score and a reliability table.

A confidence is calibrated when, among findings shown with confidence near p, a share p is
right.  :class:`Reliability` collects (confidence, right) pairs and reports the Brier score
(mean squared error of the probability), the expected calibration error over equal-width bins
and, per bin, the count, mean confidence and observed share right.  Hand-written: a dozen
lines of arithmetic, the same for every layer that reports a calibrated confidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
