"""The knowledge base the linker reads: entries with names, a type, a place in Ukraine's
administrative tree, coordinates and a QID where one is verified.

A KB file is gzip-compressed (or plain) JSON: ``{"meta": {...}, "entries": [...]}``.
The bundled KB (``kg/data/kb/bundled.json.gz``, built by ``scripts/build_kb.py``) is
always loaded; a user KB (``kg kb import`` / ``kg kb fetch``) is read on top of it.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ..errors import KbError
from .normalise import NORMALISER_VERSION, exact_key, skeleton

__all__ = [
    "KbEntry",
    "KnowledgeBase",
    "BUNDLED_KB",
    "default_user_kb",
    "load_kb",
    "load_kb_file",
    "save_kb_file",
    "bundled_kb",
    "REGION_DESIGNATORS",
    "split_designator",
]

BUNDLED_KB = Path(__file__).resolve().parent.parent / "data" / "kb" / "bundled.json.gz"
_QID = re.compile(r"^Q[1-9]\d*$")
#: Countries whose place names reach English through Cyrillic: only their gazetteer
#: names match by skeleton ("Izyum" = "Izium"); elsewhere "Shama" is not "Shamiya".
SKELETON_COUNTRIES = frozenset({"UA", "RU", "BY"})

#: Words that name what kind of place a name is, and the KB kinds they point to.
REGION_DESIGNATORS: dict[str, tuple[str, ...]] = {
    "oblast": ("oblast",),
    "region": ("oblast", "region"),
    "province": ("oblast", "region"),
    "governorate": ("oblast", "region"),
    "raion": ("raion",),
    "rayon": ("raion",),
    "district": ("raion",),
    "river": ("river",),
    "city": ("settlement",),
    "town": ("settlement",),
    "village": ("settlement",),
    "state": ("region",),
}
_SUFFIX = re.compile(
    r"^(?P<base>.+?)\s+(?P<d>oblast|oblast'|region|province|governorate|raion|rayon|"
    r"district|river|city|town|village|state)$",
    re.IGNORECASE,
)
_PREFIX = re.compile(
    r"^(?:the\s+)?(?P<d>city|town|village|river|region|oblast|province)\s+of\s+(?P<base>.+)$",
    re.IGNORECASE,
)


def split_designator(name: str) -> tuple[str, str | None]:
    """ "Kharkiv Oblast" -> ("Kharkiv", "oblast"); "the city of Izium" -> ("Izium", "city")."""
    name = name.strip()
    for pattern in (_SUFFIX, _PREFIX):
        m = pattern.match(name)
        if m:
            return m.group("base").strip(), m.group("d").lower().rstrip("'")
    return name, None


@dataclass
class KbEntry:
    """One thing the linker can link to (or knows about without a QID).

    ``type`` is a contract entity type; ``kind`` refines it (oblast, raion, settlement,
    river, country, person, ...). ``strict_aliases`` only count when the extracted type
    equals ``type`` (e.g. "Moscow" for the Country Russia, "Ukrainian" for Ukraine).
    ``oblast`` is the QID of the first-level region the entry lies in.
    """

    id: str
    type: str
    kind: str
    label: str
    qid: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    strict_aliases: list[str] = field(default_factory=list)
    oblast: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames: str | None = None
    population: int | None = None
    description: str | None = None
    source: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2 code of the country it lies in

    def names(self) -> list[str]:
        seen: dict[str, None] = {}
        for name in [self.label, *self.labels.values(), *self.aliases]:
            if name:
                seen.setdefault(name, None)
        return list(seen)

    def to_json(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v not in (None, [], {}, "")}

    @classmethod
    def from_json(cls, data: dict) -> KbEntry:
        qid = data.get("qid")
        if qid is not None and not _QID.match(qid):
            raise KbError(f"KB entry {data.get('id')!r} has a malformed QID {qid!r}")
        return cls(**data)


@dataclass(frozen=True)
class Hit:
    """An index hit: entry position, whether the name matched exactly (not only by
    skeleton), whether it was a base name (designator removed), and a strict alias."""

    index: int
    exact: bool
    base: bool
    strict: bool


class KnowledgeBase:
    """Entries plus the name indexes the linker uses."""

    def __init__(self, entries: Iterable[KbEntry] = (), meta: dict | None = None):
        self.meta: dict = dict(meta or {})
        self.entries: list[KbEntry] = []
        self._by_id: dict[str, int] = {}
        self._by_qid: dict[str, int] = {}
        self._exact: dict[str, list[tuple[int, bool, bool]]] = {}
        self._skel: dict[str, list[tuple[int, bool, bool]]] = {}
        self.world = None  # a WorldGazetteer consulted by lookup (see attach_world)
        self._world_pos: dict[int, int] = {}
        self._by_geonames: dict[str, int] | None = None
        self.add(entries)

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, entries: Iterable[KbEntry], *, dedupe: bool = True) -> None:
        """Add entries; an entry with an id or QID already present is merged into the old
        one (later sources win on fields they set). With ``dedupe``, a settlement that
        shares a name with one already present less than 8 km away, where at most one
        of the two has a QID, is taken to be the same place and merged too."""
        self._by_geonames = None
        for entry in entries:
            pos = self._by_id.get(entry.id)
            if pos is None and entry.qid:
                pos = self._by_qid.get(entry.qid)
            if pos is None and dedupe:
                pos = self._same_place(entry)
            if pos is not None:
                old = self.entries[pos]
                entry = _merge(old, entry)
                if entry.qid and not old.qid:
                    entry.id = entry.qid
                self.entries[pos] = entry
            else:
                pos = len(self.entries)
                self.entries.append(entry)
            self._by_id[entry.id] = pos
            if entry.qid:
                self._by_qid[entry.qid] = pos
            self._index(pos, entry)

    def _same_place(self, entry: KbEntry, km: float = 8.0) -> int | None:
        if entry.type != "Settlement" or entry.lat is None or entry.lon is None:
            return None
        for name in entry.names():
            for hit in self.lookup(name):
                other = self.entries[hit.index]
                if other.type != "Settlement" or other.lat is None or other.lon is None:
                    continue
                if other.qid and entry.qid and other.qid != entry.qid:
                    continue
                dlat = (other.lat - entry.lat) * 111.2
                dlon = (other.lon - entry.lon) * 111.2 * math.cos(math.radians(entry.lat))
                if math.hypot(dlat, dlon) < km:
                    return hit.index
        return None

    def copy(self) -> KnowledgeBase:
        """A KB sharing nothing mutable with this one (cheaper than re-indexing)."""
        new = KnowledgeBase(meta=self.meta)
        new.entries = list(self.entries)
        new._by_id = dict(self._by_id)
        new._by_qid = dict(self._by_qid)
        new._exact = {k: list(v) for k, v in self._exact.items()}
        new._skel = {k: list(v) for k, v in self._skel.items()}
        new.world = self.world
        new._world_pos = dict(self._world_pos)
        return new

    def attach_world(self, world) -> None:
        """Also look names up in ``world`` (a WorldGazetteer), lazily."""
        self.world = world
        self._world_pos = {}
        self._by_geonames = None

    def _world_place(self, place: int) -> int:
        """The entry position of a gazetteer row: an entry already here that is the
        same place (same QID, same GeoNames id, or a country of the same name) gets the
        gazetteer's missing facts; otherwise the row becomes a new entry."""
        if place in self._world_pos:
            return self._world_pos[place]
        from .world import world_entry

        entry = world_entry(self.world.row(place))
        pos = self._same_world_entry(entry)
        if pos is None:
            pos = len(self.entries)
            self.entries.append(entry)
            self._by_id.setdefault(entry.id, pos)
            if entry.qid:
                self._by_qid.setdefault(entry.qid, pos)
        else:
            old = self.entries[pos]
            filled = {
                k: getattr(entry, k)
                for k in ("qid", "lat", "lon", "geonames", "country", "population")
                if getattr(old, k) is None and getattr(entry, k) is not None
            }
            if old.qid and entry.qid and old.qid != entry.qid:
                filled.pop("qid", None)
            if filled:
                self.entries[pos] = replace(old, **filled)
                if filled.get("qid"):
                    self._by_qid.setdefault(filled["qid"], pos)
        self._world_pos[place] = pos
        return pos

    def _same_world_entry(self, entry: KbEntry) -> int | None:
        if entry.qid and entry.qid in self._by_qid:  # a city-state is a region too
            pos = self._by_qid[entry.qid]
            return pos if self.entries[pos].type == entry.type else None
        if self._by_geonames is None:
            self._by_geonames = {e.geonames: i for i, e in enumerate(self.entries) if e.geonames}
        if entry.geonames and entry.geonames in self._by_geonames:
            return self._by_geonames[entry.geonames]
        for pos, _, _ in self._exact.get(exact_key(entry.label), ()):
            if _same_named_place(self.entries[pos], entry):
                return pos
        return None

    def _index(self, pos: int, entry: KbEntry, keys: list | None = None) -> None:
        for exact, skel, base, strict in keys if keys is not None else index_keys(entry):
            for index, key in ((self._exact, exact), (self._skel, skel)):
                if not key:
                    continue
                bucket = index.setdefault(key, [])
                if (pos, base, strict) not in bucket:
                    bucket.append((pos, base, strict))

    def add_indexed(self, entries: list[KbEntry], keys: list[list]) -> None:
        """Add deduplicated entries with their precomputed ``index_keys`` (fast load)."""
        for entry, entry_keys in zip(entries, keys, strict=True):
            pos = len(self.entries)
            self.entries.append(entry)
            self._by_id[entry.id] = pos
            if entry.qid:
                self._by_qid[entry.qid] = pos
            self._index(pos, entry, entry_keys)

    def lookup(self, name: str) -> list[Hit]:
        """Entries whose names match ``name`` exactly (folded) or by skeleton."""
        hits: dict[tuple[int, bool, bool], Hit] = {}
        for pos, base, strict in self._exact.get(exact_key(name), ()):
            hits[(pos, base, strict)] = Hit(pos, True, base, strict)
        for pos, base, strict in self._skel.get(skeleton(name), ()):
            hits.setdefault((pos, base, strict), Hit(pos, False, base, strict))
        if self.world is not None:
            for place, exact, base, strict in self.world.hits(name):
                if not exact and self.world.row(place)["country"] not in SKELETON_COUNTRIES:
                    continue  # transliteration folding is for names from Cyrillic
                pos = self._world_place(place)
                old = hits.get((pos, base, strict))
                if old is None or (exact and not old.exact):
                    hits[(pos, base, strict)] = Hit(pos, exact, base, strict)
        return list(hits.values())

    def by_qid(self, qid: str) -> KbEntry | None:
        pos = self._by_qid.get(qid)
        return None if pos is None else self.entries[pos]

    def by_id(self, entry_id: str) -> KbEntry | None:
        pos = self._by_id.get(entry_id)
        return None if pos is None else self.entries[pos]

    def oblast_of_name(self, name: str) -> KbEntry | None:
        """The oblast (or Crimea), or the one first-level region, a region name like
        "kharkiv region" refers to; None when several regions bear the name."""
        base, _ = split_designator(name)
        for key in (name, base):
            found = {
                id(self.entries[hit.index]): self.entries[hit.index]
                for hit in self.lookup(key)
                if self.entries[hit.index].kind in ("oblast", "region")
            }
            oblasts = [e for e in found.values() if e.kind == "oblast"]
            if len(oblasts) == 1:
                return oblasts[0]
            if found:  # "Punjab province": India's or Pakistan's? Neither, then.
                return next(iter(found.values())) if len(found) == 1 else None
        return None


def _same_named_place(old: KbEntry, new: KbEntry) -> bool:
    """A gazetteer row and an entry of the same name are one place: a country the
    entry gives no QID, an entry without coordinates (a curated one) of the same type,
    or a settlement less than 8 km away without a conflicting QID."""
    if old.type != new.type or (old.qid and new.qid and old.qid != new.qid):
        return False
    if new.type == "Country":
        return not old.qid
    if old.lat is None or old.lon is None or new.lat is None or new.lon is None:
        return old.lat is None and (old.country in (None, new.country))
    dlat = (old.lat - new.lat) * 111.2
    dlon = (old.lon - new.lon) * 111.2 * math.cos(math.radians(new.lat))
    return new.type == "Settlement" and math.hypot(dlat, dlon) < 8.0


def index_keys(entry: KbEntry) -> list[tuple[str, str, bool, bool]]:
    """(exact key, skeleton, is a base name, is a strict alias) for each of its names."""
    names = entry.names()
    if entry.type == "Person":  # a surname alone names the person too
        names += [n.split()[-1] for n in names if len(n.split()) > 1]
    keys: dict[tuple[str, str, bool, bool], None] = {}
    for group, strict in ((names, False), (entry.strict_aliases, True)):
        for name in group:
            keys[(exact_key(name), skeleton(name), False, strict)] = None
            base, designator = split_designator(name)
            if designator and entry.kind in REGION_DESIGNATORS.get(designator, ()):
                keys[(exact_key(base), skeleton(base), True, strict)] = None
    return list(keys)


def _merge(old: KbEntry, new: KbEntry) -> KbEntry:
    data = old.to_json()
    for key, value in new.to_json().items():
        if key in ("aliases", "strict_aliases"):
            data[key] = list(dict.fromkeys([*data.get(key, []), *value]))
        elif key == "labels":
            data[key] = {**data.get(key, {}), **value}
        elif key == "id":
            continue
        else:
            data[key] = value
    if new.label and new.label != old.label:
        data["aliases"] = list(dict.fromkeys([*data.get("aliases", []), old.label]))
    return KbEntry.from_json(data)


def default_user_kb() -> Path:
    """Where ``kg kb import``/``fetch`` write by default: $XDG_DATA_HOME (or
    ~/.local/share)/conflict-kg/kb/user.json.gz; ``KG_KB`` overrides it."""
    if os.environ.get("KG_KB"):
        return Path(os.environ["KG_KB"])
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "conflict-kg" / "kb" / "user.json.gz"


def load_kb_file(path: Path | str) -> tuple[dict, list[KbEntry]]:
    """Read a KB file (gzip or plain JSON); raises KbError saying how to fix it."""
    meta, entries, _ = _read_kb_file(path)
    return meta, entries


def _read_kb_file(path: Path | str) -> tuple[dict, list[KbEntry], list | None]:
    path = Path(path)
    try:
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        data = json.loads(raw)
        entries = [KbEntry.from_json(e) for e in data["entries"]]
    except FileNotFoundError as exc:
        raise KbError(f"KB file {path} does not exist; create it with `kg kb import`") from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KbError(
            f"KB file {path} cannot be read ({exc.__class__.__name__}: {exc}); "
            "rebuild it with `kg kb import` or delete it"
        ) from exc
    index = data.get("index") or {}
    keys = index.get("keys") if index.get("normaliser") == NORMALISER_VERSION else None
    if keys is not None and len(keys) != len(entries):
        keys = None
    return data.get("meta", {}), entries, keys


def save_kb_file(
    path: Path | str, entries: Iterable[KbEntry], meta: dict, *, with_index: bool = False
) -> Path:
    """Write entries as compact JSON (gzip when the name ends in .gz); ``with_index``
    also stores each entry's name keys so that loading skips normalisation."""
    path = Path(path)
    entries = list(entries)
    data: dict = {"meta": meta, "entries": [e.to_json() for e in entries]}
    if with_index:
        data["index"] = {
            "normaliser": NORMALISER_VERSION,
            "keys": [[list(k) for k in index_keys(e)] for e in entries],
        }
    payload = json.dumps(
        data,
        ensure_ascii=False,
        separators=(",", ":"),
        sort_keys=True,
    ).encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".gz":
            payload = gzip.compress(payload, compresslevel=9, mtime=0)
        path.write_bytes(payload)
    except OSError as exc:
        raise KbError(f"cannot write KB file {path}: {exc}; choose another --kb path") from exc
    return path


@lru_cache(maxsize=1)
def bundled_kb() -> KnowledgeBase:
    """The KB shipped with conflict-kg (loaded once per process)."""
    meta, entries, keys = _read_kb_file(BUNDLED_KB)
    kb = KnowledgeBase(meta=meta)
    if keys is not None:
        kb.add_indexed(entries, keys)
    else:  # stale or missing index: normalise now
        kb.add(entries, dedupe=False)
    for entry in kb.entries:  # the Who's On First extract is Ukraine's
        if entry.source == "wof" and entry.country is None:
            entry.country = "UA"
    from .world import world_gazetteer

    world = world_gazetteer()
    if world is not None:
        kb.attach_world(world)
    return kb


def load_kb(*paths: Path | str, bundled: bool = True, user: bool = True) -> KnowledgeBase:
    """The bundled KB, plus the default user KB if it exists, plus ``paths`` in order."""
    kb = bundled_kb().copy() if bundled else KnowledgeBase()
    files = [default_user_kb()] if user and default_user_kb().exists() else []
    for path in [*files, *map(Path, paths)]:
        _, entries = load_kb_file(path)
        kb.add(entries)
    return kb
