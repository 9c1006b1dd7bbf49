"""Calendar arithmetic on TIMEX3 values: parse, format at a granularity, shift.

Plain ``datetime`` arithmetic; ISO weeks via ``date.isocalendar`` and
month shifts via ``dateutil.relativedelta`` (which handles month ends).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

GRAN_RANK = {"day": 0, "week": 1, "weekend": 1, "month": 2, "season": 3, "quarter": 3,
             "year": 4, "decade": 5, "century": 6}
_VALUE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?|-Q([1-4])|-W(\d\d?)|-(SP|SU|FA|WI))?")
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def parse_value(value: str) -> tuple[date, str] | None:
    """A representative date and granularity of a TIMEX3 date value ("2020-04" → 1 Apr, month)."""
    m = _VALUE.match(value)
    if not m:
        return None
    y = int(m.group(1))
    if m.group(3):
        try:
            return date(y, int(m.group(2)), int(m.group(3))), "day"
        except ValueError:
            return None
    if m.group(2):
        return (date(y, int(m.group(2)), 1), "month") if 1 <= int(m.group(2)) <= 12 else None
    if m.group(4):
        return date(y, 3 * int(m.group(4)) - 2, 1), "quarter"
    if m.group(5):
        wk = max(1, min(int(m.group(5)), 52))
        return date.fromisocalendar(y, wk, 1), "week"
    if m.group(6):
        return date(y, _SEASON_MONTH[m.group(6)], 1), "season"
    return date(y, 1, 1), "year"


def fmt(d: date, gran: str) -> str:
    """Format a date at a granularity as a TIMEX3 value."""
    if gran == "day":
        return d.isoformat()
    if gran in ("week", "weekend"):
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}" + ("-WE" if gran == "weekend" else "")
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran == "season":
        code = {12: "WI", 1: "WI", 2: "WI"}.get(d.month) or ("SP" if d.month < 6 else "SU" if d.month < 9 else "FA")
        return f"{d.year:04d}-{code}"
    if gran == "decade":
        return f"{d.year // 10:03d}"
    if gran == "century":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


def shift(d: date, unit: str, n: int) -> date:
    """Move a date by n units (day, week, weekend, month, quarter, season, year, decade, century)."""
    if unit in ("day", "hour", "minute", "second"):
        return d + timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "season": 3, "year": 12, "decade": 120, "century": 1200}
    return d + relativedelta(months=months.get(unit, 12) * n)


def shifted_value(d: date, unit: str, n: int) -> str:
    """TIMEX3 value of ``d`` moved by n units, at that unit's granularity."""
    gran = "day" if unit in ("hour", "minute", "second") else unit
    gran = "year" if gran == "fiscal year" else gran
    return fmt(shift(d, unit, n), gran if gran in GRAN_RANK else "year")


def pick_year(ref: date, month: int, day: int, tense: str, direction: int = 0, weekday: int = -1) -> int:
    """Year of an underspecified month(-day) seen from ``ref`` (HeidelTime's news strategy).

    Past tense or "last": the latest occurrence not after ref; future or "next": the
    first not before ref; otherwise the occurrence nearest to ref.
    """
    def key(y: int) -> tuple[int, int]:
        """Sort key of the candidate year at the precision given."""
        return (y, month * 100 + day) if day else (y, month * 100)

    here = (ref.year, ref.month * 100 + (ref.day if day else 0))
    years = [ref.year - 1, ref.year, ref.year + 1]
    if weekday >= 0 and day:
        fits = [y for y in years if _weekday_of(y, month, day) == weekday]
        if fits:
            return min(fits, key=lambda y: abs(y - ref.year))
    if direction < 0:
        return max(y for y in years if key(y) < here)
    if direction > 0:
        return min(y for y in years if key(y) > here)
    if tense == "past":
        soon = date(ref.year, month, max(day, 1)) - ref
        if 0 < soon.days <= 31:
            return ref.year  # a past-tense clause about the next weeks: deadlines, schedules
        return max(y for y in years if key(y) <= here)
    if tense == "future":
        return min(y for y in years if key(y) >= here)
    return min(years, key=lambda y: _distance(date(y, month, max(day, 1)), ref))


def _distance(d: date, ref: date) -> int:
    """Days between d and ref, future dates counting double (news mostly reports the past)."""
    delta = (d - ref).days
    return 2 * delta if delta > 0 else -delta


def _weekday_of(y: int, month: int, day: int) -> int:
    """Weekday of a date, or -1 when it does not exist (29 February)."""
    try:
        return date(y, month, day).weekday()
    except ValueError:
        return -1


def pick_weekday(ref: date, weekday: int, tense: str, direction: int = 0) -> date:
    """Date of a weekday name seen from ``ref``: past → on/before, future → on/after, else nearest."""
    back = (ref.weekday() - weekday) % 7
    ahead = (weekday - ref.weekday()) % 7
    if direction < 0:
        return ref - timedelta(days=back or 7)
    if direction > 0:
        return ref + timedelta(days=ahead or 7)
    if tense == "future" or (tense != "past" and 2 * ahead < back):
        return ref + timedelta(days=ahead)
    return ref - timedelta(days=back)
