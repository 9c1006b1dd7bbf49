"""Scoring an inferred document date against the true one (TimeML DCT, a file-name date).

``outcome`` compares what presslens shows for ``document.published`` (a value of year, month
or day precision, or nothing when its confidence was below the threshold) with the true date:
right when the true date lies inside the shown period.  The best candidate (the shown value,
or the withheld guess) and its confidence give the calibration pairs.  ``summarise`` sums
outcomes into the share shown, precision of what is shown (at each precision), and the Brier
score of the confidences.  Hand-written: a few comparisons of ISO dates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from presslens.eval.calibration import brier, reliability


def period(value: str | None) -> tuple[date, date, str] | None:
    """First day, last day and precision of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", (value or "").strip())
    if not m:
        return None
    year = int(m.group(1))
    if m.group(3):
        d = date(year, int(m.group(2)), int(m.group(3)))
        return d, d, "day"
    if m.group(2):
        month = int(m.group(2))
        nxt = date(year + month // 12, month % 12 + 1, 1)
        return date(year, month, 1), date.fromordinal(nxt.toordinal() - 1), "month"
    return date(year, 1, 1), date(year, 12, 31), "year"


def _inside(value: str | None, true: date) -> bool:
    """True when ``true`` lies in the period a value names."""
    got = period(value)
    return got is not None and got[0] <= true <= got[1]


def outcome(true: str | None, published: Any) -> dict[str, Any]:
    """How the shown date (or the withheld best guess) compares with the true date."""
    truth = date.fromisoformat(true[:10]) if true else None
    shown = getattr(published, "value", None) if published is not None else None
    candidates = list(getattr(published, "candidates", ()) or ())
    best = shown or (candidates[0].value if candidates else None)
    conf = getattr(published, "confidence", None) if shown else (candidates[0].confidence if candidates else None)
    got = period(shown)
    return {
        "known": truth is not None, "shown": shown is not None, "precision": got[2] if got else None,
        "right": truth is not None and _inside(shown, truth),
        "year_right": truth is not None and got is not None and got[0].year == truth.year,
        "best": best, "best_right": truth is not None and _inside(best, truth), "confidence": conf,
    }


def summarise(outcomes: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Share shown, precision of the shown dates, year precision, Brier of the confidences."""
    known = [o for o in outcomes if o["known"]]
    shown = [o for o in known if o["shown"]]
    pairs = [(float(o["confidence"]), bool(o["best_right"])) for o in known if o["confidence"] is not None]
    by_precision = {p: sum(1 for o in shown if o["precision"] == p) for p in ("year", "month", "day")}
    return {
        "date_documents": len(known),
        "date_shown": round(len(shown) / len(known), 4) if known else 0.0,
        "date_right": round(sum(o["right"] for o in shown) / len(shown), 4) if shown else 0.0,
        "date_year_right": round(sum(o["year_right"] for o in shown) / len(shown), 4) if shown else 0.0,
        "date_best_right": round(sum(o["best_right"] for o in known) / len(known), 4) if known else 0.0,
        "date_brier": brier(pairs), "date_reliability": reliability(pairs),
        **{f"date_shown_{p}": n for p, n in by_precision.items()},
    }
