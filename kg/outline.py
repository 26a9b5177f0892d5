"""The world outline the report draws and the exports' country lookup.

``kg/data/outline/countries-110m.json``: Natural Earth 1:110m Admin 0 countries (public
domain), simplified by ``scripts/build_outline.py`` (its docstring says where the file came
from). Rings are flat ``[lon, lat, lon, lat, ...]`` lists.

>>> country_at(36.23, 49.99)   # Kharkiv
'Ukraine'
>>> country_at(-30.0, 0.0) is None   # the Atlantic
True
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

__all__ = ["country_at", "world_outline"]


@cache
def world_outline() -> dict:
    """``{"attribution": str, "countries": [{"name", "rings"}]}``, read once."""
    path = resources.files("kg") / "data" / "outline" / "countries-110m.json"
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _boxes() -> list[tuple[str, tuple[float, float, float, float], list[list[float]]]]:
    boxes = []
    for country in world_outline()["countries"]:
        xs = [v for ring in country["rings"] for v in ring[0::2]]
        ys = [v for ring in country["rings"] for v in ring[1::2]]
        boxes.append((country["name"], (min(xs), min(ys), max(xs), max(ys)), country["rings"]))
    return boxes


def _inside(x: float, y: float, ring: list[float]) -> bool:
    inside = False
    n = len(ring) // 2
    for i in range(n):
        x1, y1 = ring[2 * i], ring[2 * i + 1]
        x2, y2 = ring[2 * ((i + 1) % n)], ring[2 * ((i + 1) % n) + 1]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def country_at(lon: float, lat: float) -> str | None:
    """The Natural Earth country a point falls in (even-odd rule, holes count), or None.

    At 1:110m, simplified, a point within a few km of a border or coast can miss.
    """
    for name, (x0, y0, x1, y1), rings in _boxes():
        if x0 <= lon <= x1 and y0 <= lat <= y1:
            if sum(_inside(lon, lat, ring) for ring in rings) % 2:
                return name
    return None
