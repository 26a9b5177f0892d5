"""The bundled world gazetteer (``kg/data/kb/world.sqlite``, built by
``scripts/build_world.py``): countries, first-level regions and populated places with
coordinates, GeoNames ids and QIDs where two public sources agree.

It is read lazily: nothing is loaded until a name is looked up, and then only the rows
whose name keys match (two indexed SQLite queries). ``KnowledgeBase.lookup`` asks it
after its own in-memory indexes.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path

from .normalise import NORMALISER_VERSION, exact_key, skeleton

__all__ = ["WORLD_DB", "WorldGazetteer", "world_gazetteer", "WorldHit"]

WORLD_DB = Path(__file__).resolve().parent.parent / "data" / "kb" / "world.sqlite"

#: (row id, matched exactly, is a base name, is a strict alias)
WorldHit = tuple[int, bool, bool, bool]

_COLUMNS = (
    "eid, type, kind, label, qid, country, region, lat, lon, geonames, population, "
    "description, source, aliases, strict"
)


class WorldGazetteer:
    """Read-only access to the world gazetteer file."""

    def __init__(self, path: Path | str = WORLD_DB):
        self.path = Path(path)
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._rows: dict[int, dict] = {}

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        return self._db

    @property
    def meta(self) -> dict[str, str]:
        with self._lock:
            return dict(self._conn().execute("SELECT key, value FROM meta").fetchall())

    def neighbours(self) -> dict[str, frozenset[str]]:
        """ISO code -> the codes of the countries it borders (GeoNames)."""
        if not hasattr(self, "_neighbours"):
            raw = json.loads(self.meta.get("neighbours") or "{}")
            self._neighbours = {k: frozenset(v) for k, v in raw.items()}
        return self._neighbours

    def usable(self) -> bool:
        """The file exists and its name keys were made by this normaliser."""
        try:
            return self.path.exists() and self.meta.get("normaliser") == str(NORMALISER_VERSION)
        except sqlite3.Error:
            return False

    def hits(self, name: str) -> list[WorldHit]:
        """Rows whose names match ``name`` exactly (folded) or by skeleton."""
        key, skel = exact_key(name), skeleton(name)
        if not key:
            return []
        return _cached_hits(self, key, skel)

    def _query(self, key: str, skel: str) -> list[WorldHit]:
        with self._lock:
            db = self._conn()
            exact = db.execute(
                "SELECT place, base, strict FROM names WHERE key = ?", (key,)
            ).fetchall()
            loose = db.execute(
                "SELECT place, base, strict FROM names WHERE skel = ?", (skel,)
            ).fetchall()
        out: dict[tuple[int, bool, bool], bool] = {}
        for rows, is_exact in ((exact, True), (loose, False)):
            for place, base, strict in rows:
                out.setdefault((place, bool(base), bool(strict)), is_exact)
        return sorted((p, ex, b, s) for (p, b, s), ex in out.items())

    def row(self, place: int) -> dict:
        """The fields of one place (cached)."""
        if place not in self._rows:
            with self._lock:
                cur = self._conn().execute(f"SELECT {_COLUMNS} FROM places WHERE id = ?", (place,))
                values = cur.fetchone()
                names = [d[0] for d in cur.description]
            self._rows[place] = dict(zip(names, values, strict=True))
        return self._rows[place]

    def count(self) -> dict[str, int]:
        with self._lock:
            rows = self._conn().execute("SELECT type, count(*) FROM places GROUP BY type")
            return dict(rows.fetchall())


@lru_cache(maxsize=65536)
def _cached_hits(world: WorldGazetteer, key: str, skel: str) -> list[WorldHit]:
    return world._query(key, skel)


def world_entry(row: dict):
    """A KbEntry for a gazetteer row."""
    from .kb import KbEntry

    return KbEntry(
        id=row["eid"],
        type=row["type"],
        kind=row["kind"],
        label=row["label"],
        qid=row["qid"],
        aliases=[a for a in (row["aliases"] or "").split("\t") if a],
        strict_aliases=[a for a in (row["strict"] or "").split("\t") if a],
        oblast=row["region"],
        lat=row["lat"],
        lon=row["lon"],
        geonames=row["geonames"],
        population=row["population"],
        description=row["description"],
        source=row["source"],
        country=row["country"],
    )


@lru_cache(maxsize=1)
def world_gazetteer() -> WorldGazetteer | None:
    """The bundled gazetteer, or None when the file is missing or stale."""
    world = WorldGazetteer()
    return world if world.usable() else None
