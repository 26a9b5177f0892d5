"""Build kg/data/outline/countries-110m.json, the world outline the HTML report inlines.

Source: Natural Earth 1:110m Admin 0 countries (public domain, naturalearthdata.com), version
4.1.0, as redistributed in TopoJSON by the npm package world-atlas 2.0.2
(countries-110m.json; `npm pack world-atlas@2.0.2`, ISC licence for the packaging).
The TopoJSON arcs are decoded, simplified (Douglas-Peucker, --tolerance degrees) and rounded
to 0.01 degree, so the file stays small.

    python scripts/build_outline.py package/countries-110m.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kg" / "data" / "outline" / "countries-110m.json"
ATTRIBUTION = (
    "Made with Natural Earth (1:110m Admin 0 countries, v4.1.0, public domain), "
    "via world-atlas 2.0.2 (ISC); simplified by scripts/build_outline.py"
)


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as absolute lon/lat points (undoing quantisation and deltas)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list) -> list[tuple[float, float]]:
    """One ring's points from its arc indices (~i is arc i reversed)."""
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative, keeping the first and last points."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = 0.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            if norm:
                dist = abs(dy * (x - x1) - dx * (y - y1)) / norm
            else:  # a closed ring: distance to its first point
                dist = ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if dist > best:
                best, index = dist, i
        if best > tolerance and index > 0:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def build(topology: dict, tolerance: float) -> dict:
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = []
        for polygon in polygons:
            for ring in polygon:
                points = simplify(ring_points(ring, arcs), tolerance)
                flat = [round(v, 2) for point in points for v in point]
                if len(flat) >= 8:
                    rings.append(flat)
        if rings:
            countries.append({"name": geometry["properties"]["name"], "rings": rings})
    countries.sort(key=lambda c: c["name"])
    return {"attribution": ATTRIBUTION, "countries": countries}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-110m.json")
    parser.add_argument("--tolerance", type=float, default=0.2, help="degrees (default 0.2)")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    data = build(json.loads(args.topojson.read_text(encoding="utf-8")), args.tolerance)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    args.output.write_text(text + "\n", encoding="utf-8")
    print(f"{len(data['countries'])} countries, {len(text):,} bytes -> {args.output}")


if __name__ == "__main__":
    main()
