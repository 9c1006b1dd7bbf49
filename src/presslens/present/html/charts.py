"""Geometry of the inline SVG charts: timeline, loadedness bars, world map.

Pure functions returning plain dicts of numbers and strings; the Jinja
template draws them (so every label is auto-escaped).  The base map is a
bundled, simplified Natural Earth 110m file (see ``data/build_worldmap.py``),
in an equirectangular projection: x = lon + 180, y = 90 - lat.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Any

_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
TL_WIDTH, TL_LEFT, TL_ROW = 640, 110, 18
TL_MAX_ROWS = 80  # the list under the chart shows every item


def date_position(value: str | None) -> tuple[float, float] | None:
    """A TIMEX3 date value → (start, end) in fractional years, or None."""
    match = _ISO.match(value or "")
    if not match:
        return None
    year = int(match.group(1))
    if match.group(3):
        start = year + (int(match.group(2)) - 1) / 12 + (int(match.group(3)) - 1) / 365
        return start, start
    if match.group(2):
        month = min(max(int(match.group(2)), 1), 12)
        return year + (month - 1) / 12, year + month / 12
    return float(year), year + 1.0


def _ticks(lo: float, hi: float) -> list[tuple[float, str]]:
    """Axis ticks: months when the span is short, years (thinned) otherwise."""
    if hi - lo <= 2:
        out = []
        months = int(lo * 12), int(hi * 12) + 1
        step = 1 if months[1] - months[0] <= 8 else 3
        for m in range(months[0], months[1] + 1, step):
            out.append((m / 12, f"{m // 12}-{m % 12 + 1:02d}"))
        return out
    step = max(1, int((hi - lo) / 8) + 1)
    return [(float(y), str(y)) for y in range(int(lo), int(hi) + 1, step)]


def _row_label(text: str, x: float, width: float) -> dict[str, Any]:
    """Where a row's short label goes: right of the mark, or left when it sits right of centre."""
    if x > (TL_LEFT + TL_WIDTH) / 2:
        room, lx, anchor = x - TL_LEFT - 12, x - 6, "end"
    else:
        room, lx, anchor = TL_WIDTH - (x + width) - 8, x + max(width, 5) + 6, "start"
    chars = max(int(room / 5.6), 0)
    label = text if len(text) <= chars else text[: max(chars - 1, 0)].rstrip() + "…"
    return {"lx": round(lx, 1), "anchor": anchor, "label": label if chars >= 6 else ""}


def timeline_chart(items: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Rows of a Gantt-like chart: one row per dated item, bar width = precision."""
    placed: list[tuple[dict[str, Any], tuple[float, float]]] = []
    for it in items:
        pos = date_position(it["date"])
        if pos is not None:
            placed.append((it, pos))
    placed = placed[:TL_MAX_ROWS]
    if not placed:
        return None
    lo = min(p[0] for _, p in placed)
    hi = max(p[1] for _, p in placed)
    pad = max((hi - lo) * 0.05, 1 / 24)
    lo, hi = lo - pad, hi + pad
    scale = (TL_WIDTH - TL_LEFT - 10) / (hi - lo)
    rows = []
    for n, (it, (a, b)) in enumerate(placed):
        x1 = TL_LEFT + (a - lo) * scale
        width = max((b - a) * scale, 0.0)
        rows.append({**it, "x": round(x1, 1), "w": round(width, 1), "y": 24 + n * TL_ROW,
                     **_row_label(it.get("text") or "", x1, width)})
    ticks = [{"x": round(TL_LEFT + (t - lo) * scale, 1), "label": lab}
             for t, lab in _ticks(lo, hi) if lo <= t <= hi]
    return {"width": TL_WIDTH, "height": 30 + len(rows) * TL_ROW, "left": TL_LEFT,
            "rows": rows, "ticks": ticks}


def loadedness_chart(values: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Bars of loadedness per paragraph, scaled to the largest (at least 0.05)."""
    if not values:
        return None
    top = max(max(v["value"] for v in values), 0.05)
    width = 640
    bar = width / max(len(values), 1)
    height = 80
    bars = []
    for i, v in enumerate(values):
        h = round(v["value"] / top * (height - 10), 1)
        bars.append({**v, "x": round(i * bar + 1, 1), "w": round(max(bar - 2, 1), 1),
                     "y": round(height - h, 1), "h": h})
    return {"width": width, "height": height, "bars": bars, "top": round(top, 3)}


@functools.cache
def _world() -> dict[str, Any]:
    """The bundled simplified world map (loaded once per process)."""
    ref = resources.files("presslens.present.html").joinpath("data/worldmap.json")
    return json.loads(ref.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _viewbox(pins: list[dict[str, Any]]) -> tuple[float, float, float, float]:
    """A 2:1 box around the pins (at least 60° wide), clipped to the world."""
    xs = [p["x"] for p in pins]
    ys = [p["y"] for p in pins]
    w = max(max(xs) - min(xs) + 30, 60.0, (max(ys) - min(ys) + 20) * 2)
    w = min(w, 360.0)
    h = w / 2
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x0 = min(max(cx - w / 2, 0.0), 360 - w)
    y0 = min(max(cy - h / 2, 0.0), 180 - h)
    return round(x0, 1), round(y0, 1), round(w, 1), round(h, 1)


def world_map(places: list[dict[str, Any]], countries: set[str]) -> dict[str, Any] | None:
    """Countries (those mentioned highlighted) and pins of geocoded places."""
    if not places:
        return None
    pins = [{**p, "x": round(p["lon"] + 180, 2), "y": round(90 - p["lat"], 2)} for p in places]
    box = _viewbox(pins)
    shapes = [{"iso": iso, "name": name, "d": d, "hl": iso in countries}
              for iso, name, d in _world()["countries"]]
    return {"viewbox": " ".join(map(str, box)), "shapes": shapes, "pins": pins,
            "r": round(box[2] / 120, 2), "source": _world()["source"]}
