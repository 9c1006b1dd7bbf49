"""Development-time builder of ``worldmap.json`` (never run by presslens itself).

Source: Natural Earth 1:110m admin-0 countries (public domain,
naturalearthdata.com), as shipped inside the PyPI wheel ``geopandas==0.14.4``
(``geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp``), read with
``pyshp``.  Usage (both packages downloaded to /tmp, not installed)::

    pip download --no-deps geopandas==0.14.4 pyshp -d /tmp/ne
    cd /tmp/ne && unzip -q geopandas-*.whl 'geopandas/datasets/*' && unzip -q pyshp-*.whl
    PYTHONPATH=/tmp/ne python build_worldmap.py \
        /tmp/ne/geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp worldmap.json

Output: ``{"source": …, "projection": "equirectangular", "viewBox": …,
"countries": [[iso_a3, name, svg_path_d], …]}`` where x = lon + 180 and
y = 90 - lat, rounded to 0.1 degree, with rings simplified by
Douglas–Peucker (tolerance 0.25 degree) and tiny rings dropped.
"""

from __future__ import annotations

import itertools
import json
import math
import sys

TOLERANCE = 0.25
MIN_RING_AREA = 0.3  # square degrees


def _dp(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas–Peucker simplification of a polyline."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = math.hypot(dx, dy) or 1e-12
    best, idx = -1.0, 0
    for i in range(1, len(points) - 1):
        px, py = points[i]
        d = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm
        if d > best:
            best, idx = d, i
    if best <= tol:
        return [points[0], points[-1]]
    return _dp(points[: idx + 1], tol)[:-1] + _dp(points[idx:], tol)


def _area(ring: list[tuple[float, float]]) -> float:
    """Absolute shoelace area of a ring."""
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=False))) / 2


def _ring_path(ring: list[tuple[float, float]]) -> str:
    """SVG path data of one ring in map coordinates (x = lon+180, y = 90-lat)."""
    mid = len(ring) // 2
    simple = _dp(ring[: mid + 1], TOLERANCE)[:-1] + _dp(ring[mid:], TOLERANCE)
    pts = [(round(lon + 180, 1), round(90 - lat, 1)) for lon, lat in simple]
    dedup = [p for i, p in enumerate(pts) if i == 0 or p != pts[i - 1]]
    if len(dedup) < 4:
        return ""
    body = " ".join(f"{x:g} {y:g}" for x, y in dedup[1:-1])
    return f"M{dedup[0][0]:g} {dedup[0][1]:g}L{body}Z"


def _shape_path(shape) -> str:  # type: ignore[no-untyped-def]
    """SVG path data of every sizeable ring of a shapefile polygon."""
    parts = [*list(shape.parts), len(shape.points)]
    out = []
    for a, b in itertools.pairwise(parts):
        ring = [tuple(p) for p in shape.points[a:b]]
        if _area(ring) >= MIN_RING_AREA:
            out.append(_ring_path(ring))
    return "".join(out)


def main(src: str, dst: str) -> None:
    """Read the shapefile, write the compact JSON map."""
    import shapefile  # pyshp, development time only

    reader = shapefile.Reader(src)
    fields = [f[0] for f in reader.fields[1:]]
    countries = []
    for rec, shape in zip(reader.records(), reader.shapes(), strict=False):
        row = dict(zip(fields, rec, strict=False))
        if row["name"] == "Antarctica":
            continue
        path = _shape_path(shape)
        if path:
            countries.append([row["iso_a3"], row["name"], path])
    data = {
        "source": "Natural Earth 1:110m admin-0 countries (public domain), "
        "via the geopandas 0.14.4 wheel; simplified by build_worldmap.py",
        "projection": "equirectangular: x = lon + 180, y = 90 - lat",
        "viewBox": [0, 0, 360, 180],
        "countries": countries,
    }
    with open(dst, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
