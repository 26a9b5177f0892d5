"""A user's own entries as plain CSV: ``name,qid,type,lat,lon,aliases,country``.

``type`` is a contract entity type (Settlement, Region, Country, River, Facility, Place,
Organization, MilitaryUnit, Person); ``aliases`` are separated by ``;`` or ``|``;
``country`` is an ISO 3166-1 alpha-2 code. ``qid``, ``lat``, ``lon``, ``aliases`` and
``country`` may be empty. ``kg kb import my_places.csv`` reads it into the user KB.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from ..errors import KbError
from ..types import ENTITY_TYPES
from .kb import KbEntry

__all__ = ["CSV_COLUMNS", "is_user_csv", "read_user_csv"]

CSV_COLUMNS = ("name", "qid", "type", "lat", "lon", "aliases", "country")
_QID = re.compile(r"^Q[1-9]\d*$")
_KINDS = {"Country": "country", "Region": "region", "Settlement": "settlement"}


def is_user_csv(head: str) -> bool:
    """The first line names the columns this reader needs."""
    cols = {c.strip().lower() for c in head.split(",")}
    return {"name", "qid", "type"} <= cols


def _coord(value: str, row: int, low: float, high: float) -> float | None:
    if not value.strip():
        return None
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not low <= number <= high:
        raise KbError(f"row {row}: coordinate {value!r} is not a number in [{low}, {high}]")
    return round(number, 5)


def _entry(row: dict[str, str], line: int) -> KbEntry:
    name = (row.get("name") or "").strip()
    type_ = (row.get("type") or "").strip()
    qid = (row.get("qid") or "").strip().upper() or None
    if not name:
        raise KbError(f"row {line}: the name is empty")
    if type_ not in ENTITY_TYPES:
        raise KbError(f"row {line}: type {type_!r} is not one of {', '.join(ENTITY_TYPES)}")
    if qid is not None and not _QID.match(qid):
        raise KbError(f"row {line}: {qid!r} is not a QID (Q followed by digits)")
    aliases = [a.strip() for a in re.split(r"[;|]", row.get("aliases") or "") if a.strip()]
    country = (row.get("country") or "").strip().upper() or None
    return KbEntry(
        id=qid or f"user:{name}:{type_}",
        type=type_,
        kind=_KINDS.get(type_, type_.lower()),
        label=name,
        qid=qid,
        aliases=[a for a in aliases if a != name],
        lat=_coord(row.get("lat") or "", line, -90, 90),
        lon=_coord(row.get("lon") or "", line, -180, 180),
        country=country,
        source="user-csv",
    )


def read_user_csv(path: Path | str) -> list[KbEntry]:
    """Entries from a user CSV; raises KbError naming the first bad row."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            reader.fieldnames = [f.strip().lower() for f in reader.fieldnames or []]
            missing = {"name", "qid", "type"} - set(reader.fieldnames)
            if missing:
                raise KbError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
            return [_entry(row, i) for i, row in enumerate(reader, start=2)]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise KbError(f"cannot read {path}: {exc}") from exc
