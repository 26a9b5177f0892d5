"""Readers that turn reference data into KB entries: a Who's On First extract (TSV),
the war-report settlement list (CSV), a Wikidata JSON dump subset, and our curated list.

Nothing here copies a file into the repository; ``scripts/build_kb.py`` chooses what the
bundled KB keeps, and ``kg kb import`` writes to a user KB.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import KbError
from ..extract import lexicon
from .kb import KbEntry, KnowledgeBase
from .normalise import latin_variants, skeleton

__all__ = [
    "read_wof",
    "read_warreport",
    "read_wikidata_json",
    "read_curated",
    "read_verified_qids",
    "read_verified_names",
    "type_from_classes",
]

_QID = re.compile(r"^Q[1-9]\d*$")

#: Wikidata classes (P31) -> (contract type, kind). Well-known upper classes only; the
#: description is used when none of these is present.
CLASS_TYPES: dict[str, tuple[str, str]] = {
    row["qid"]: (row["type"], row["kind"]) for row in lexicon.rows("wikidata_classes")
}
_DESCRIPTION_TYPES: tuple[tuple[re.Pattern[str], tuple[str, str]], ...] = tuple(
    (re.compile(row["pattern"], re.IGNORECASE), (row["type"], row["kind"]))
    for row in lexicon.rows("wikidata_descriptions")
)


def type_from_classes(classes: Iterable[str], description: str | None) -> tuple[str, str] | None:
    """(contract type, kind) from P31 classes, else from the description, else None."""
    for qid in classes:
        if qid in CLASS_TYPES:
            return CLASS_TYPES[qid]
    for pattern, result in _DESCRIPTION_TYPES:
        if description and pattern.search(description):
            return result
    return None


def _clean_qid(value: str | None) -> str | None:
    value = (value or "").strip().upper()
    return value if _QID.match(value) else None


def _open_rows(path: Path, delimiter: str) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh, delimiter=delimiter))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise KbError(f"cannot read {path}: {exc}; check the path and --format") from exc


def _float(value: str | None) -> float | None:
    try:
        return round(float(value), 5) if value not in (None, "") else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value not in (None, "") else None
    except ValueError:
        return None


def _current_rank(row: dict[str, str]) -> int:
    return {"1": 2, "0": 1}.get(row.get("is_current", ""), 0)


def _wof_names(row: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    labels: dict[str, str] = {}
    aliases: list[str] = []
    en = row.get("name_eng") or row.get("name") or ""
    labels["en"] = en
    for lang, col in (("uk", "name_ukr"), ("ru", "name_rus")):
        value = row.get(col, "")
        if value:
            labels[lang] = value
            aliases.extend(latin_variants(value, lang))
    aliases.append(row.get("name", ""))
    aliases.extend(v for v in (row.get("name_eng_variants") or "").split("|"))
    return labels, [a for a in dict.fromkeys(aliases) if a and a != en]


def _region_aliases(base: str, labels: dict[str, str]) -> list[str]:
    forms = [base]
    for word in ("Oblast", "region", "province"):
        forms.append(f"{base} {word}")
    for value in labels.values():
        forms.append(value)
    return forms


def _pick_label(rows: list[dict[str, str]]) -> str:
    """An English label: the variant spelled like the Ukrainian national scheme, or a
    variant that is the last word of the old name (decommunised "Krasnyi Lyman")."""
    for row in rows:
        words = skeleton(row.get("name_ukr") or row.get("name_eng") or "").split()
        for cand in (row.get("name_eng_variants") or "").split("|"):
            if len(words) > 1 and cand and " " not in cand and skeleton(cand) == words[-1]:
                return cand
    for row in rows:
        for cand in [*(row.get("name_eng_variants") or "").split("|"), row.get("name_eng", "")]:
            if cand and "'" not in cand and re.fullmatch(r"[A-Za-z\- ]+", cand):
                uk = row.get("name_ukr", "")
                if uk and skeleton(cand) == skeleton(uk):
                    return cand
    row = rows[0]
    uk = row.get("name_ukr", "")
    if re.search(r"[\u0400-\u04ff]", uk):
        return latin_variants(uk, "uk")[0]
    name = (row.get("name_eng") or row.get("name") or "").replace("'", "")
    return latin_variants(name, "uk")[0] if name else name


def read_wof(
    path: Path | str,
    *,
    min_population: int = 0,
    with_qid_only: bool = False,
    keep_homonyms: bool = True,
) -> list[KbEntry]:
    """Entries from a Who's On First extract TSV (columns as in whosonfirst-data-admin-ua).

    Country and regions always; localities with a QID (one entry per QID, from the
    current records: a QID that WOF also puts on non-current records is dropped from
    those) and localities without one whose population is at least ``min_population``;
    with ``keep_homonyms`` also QID-less localities sharing a name with a kept one, so
    the linker knows a name is ambiguous. County QIDs are not trusted (WOF puts city
    QIDs on counties), so counties come without QIDs.
    """
    rows = _open_rows(Path(path), "\t")
    if rows and "placetype" not in rows[0]:
        raise KbError(f"{path} is not a Who's On First extract (no 'placetype' column)")
    region_qid = {
        r["wof_id"]: _clean_qid(r.get("wikidata")) for r in rows if r["placetype"] == "region"
    }
    by_qid: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        qid = _clean_qid(row.get("wikidata"))
        if qid and row["placetype"] in ("locality", "region", "country"):
            by_qid[qid].append(row)
    owner: dict[str, str] = {}  # wof_id -> qid it legitimately carries
    for qid, group in by_qid.items():
        best = max(_current_rank(r) for r in group)
        if best == 0:
            continue  # only non-current records carry it: not trusted
        for r in group:
            if _current_rank(r) == best:
                owner[r["wof_id"]] = qid

    entries: list[KbEntry] = []
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    loose: list[dict[str, str]] = []
    for row in rows:
        if row["wof_id"] in owner:
            grouped[owner[row["wof_id"]]].append(row)
        elif row["placetype"] in ("locality", "county"):
            loose.append(row)
    for qid, group in grouped.items():
        group.sort(key=lambda r: (-_current_rank(r), -(_int(r.get("population")) or 0)))
        entries.append(_wof_entry(group, qid, region_qid))
    if not with_qid_only:
        kept: dict[str, list[KbEntry]] = defaultdict(list)
        for e in entries:
            for n in e.names():
                kept[skeleton(n)].append(e)
        for row in loose:
            if row["placetype"] == "county":
                if _current_rank(row) < 2:
                    continue
            elif _current_rank(row) == 0 and not keep_homonyms:
                continue
            pop = _int(row.get("population")) or 0
            names = [row.get("name", ""), row.get("name_eng", "")]
            namesakes = [e for n in names if n for e in kept.get(skeleton(n), [])]
            if row["placetype"] == "locality" and any(_near(row, e, 8.0) for e in namesakes):
                continue  # a second record of a place we keep (GeoNames duplicate)
            homonym = keep_homonyms and bool(namesakes)
            if row["placetype"] == "county" or pop >= max(min_population, 1) or homonym:
                entries.append(_wof_entry([row], None, region_qid))
    _fill_oblasts(entries)
    return entries


def _fill_oblasts(entries: list[KbEntry], km: float = 25.0) -> None:
    """Give settlements without an oblast the oblast of the nearest one that has it."""
    known = [e for e in entries if e.type == "Settlement" and e.oblast and e.lat is not None]
    cell: dict[tuple[int, int], list[KbEntry]] = defaultdict(list)
    for e in known:
        cell[(int(e.lat * 4), int(e.lon * 4))].append(e)  # type: ignore[operator]
    for e in entries:
        if e.type != "Settlement" or e.oblast or e.lat is None or e.lon is None:
            continue
        ci, cj = int(e.lat * 4), int(e.lon * 4)
        near = [
            o for di in (-1, 0, 1) for dj in (-1, 0, 1) for o in cell.get((ci + di, cj + dj), [])
        ]
        best = min(near, key=lambda o: (o.lat - e.lat) ** 2 + (o.lon - e.lon) ** 2, default=None)  # type: ignore[operator]
        if best is not None and _near({"lat": str(e.lat), "lon": str(e.lon)}, best, km):
            e.oblast = best.oblast


def _near(row: dict[str, str], entry: KbEntry, km: float) -> bool:
    lat, lon = _float(row.get("lat")), _float(row.get("lon"))
    if None in (lat, lon, entry.lat, entry.lon) or entry.type != "Settlement":
        return False
    dlat = (lat - entry.lat) * 111.2  # type: ignore[operator]
    dlon = (lon - entry.lon) * 111.2 * 0.65  # type: ignore[operator]  # ~cos(49°)
    return (dlat * dlat + dlon * dlon) ** 0.5 < km


def _wof_entry(group: list[dict[str, str]], qid: str | None, region_qid: dict) -> KbEntry:
    row = group[0]
    placetype = row["placetype"]
    labels, aliases = _wof_names(row)
    for other in group[1:]:
        more_labels, more = _wof_names(other)
        aliases.extend([more_labels.get("en", ""), *more])
    label = _pick_label(group)
    if placetype == "region":
        label = (row.get("name_eng") or row["name"]).replace("'", "")
        type_, kind = "Region", "oblast"
        aliases = _region_aliases(label, labels) + [
            a for a in aliases if "oblast" in a.lower() or a.lower().endswith(("ska", "s'ka"))
        ]
        label = f"{label} Oblast" if label != "Crimea" else label
    elif placetype == "country":
        type_, kind = "Country", "country"
    elif placetype == "county":
        type_, kind = "Region", "raion"
        base = re.sub(r"(?:s'?kyi|s'?ka|skyy|s'kyy)$", "sk", label)
        names = [*aliases, label, base]
        aliases = [f"{n} Raion" for n in names] + [f"{base} district"]
        labels = {k: f"{v} Raion" for k, v in labels.items()}
        label = f"{base} Raion"
    else:
        type_, kind = "Settlement", "settlement"
    oblast = region_qid.get(row.get("region_id", ""))
    if placetype in ("region", "country"):
        oblast = qid if placetype == "region" else None
    aliases = [a for a in dict.fromkeys(aliases) if a and a != label]
    pop = max((_int(r.get("population")) or 0 for r in group), default=0) or None
    geonames = next((r["geonames"] for r in group if r.get("geonames")), None)
    return KbEntry(
        id=qid or f"wof:{row['wof_id']}",
        qid=qid,
        type=type_,
        kind=kind,
        label=label,
        labels={k: v for k, v in labels.items() if v},
        aliases=aliases,
        oblast=oblast,
        lat=_float(row.get("lat")),
        lon=_float(row.get("lon")),
        geonames=geonames if placetype != "county" else None,
        population=pop,
        source="wof",
    )


def read_warreport(path: Path | str, kb: KnowledgeBase) -> list[KbEntry]:
    """Entries from the war-report settlement CSV (name, aliases;..., place, wikidata,
    region, lon, lat). QIDs are trimmed and upper-cased; rows without a valid QID keep
    their names. ``kb`` resolves region names ("kharkiv region") to oblast QIDs."""
    rows = _open_rows(Path(path), ",")
    if rows and not {"name", "aliases", "wikidata"} <= set(rows[0]):
        raise KbError(f"{path} is not a war-report settlement CSV (needs name, aliases, wikidata)")
    oblasts: dict[str, str | None] = {}
    entries = []
    for i, row in enumerate(rows):
        region = (row.get("region") or "").strip()
        if region not in oblasts:
            found = kb.oblast_of_name(region) if region else None
            oblasts[region] = found.qid if found else None
        qid = _clean_qid(row.get("wikidata"))
        name = row["name"].strip()
        aliases = [a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()]
        entries.append(
            KbEntry(
                id=qid or f"warreport:{i}",
                qid=qid,
                type="Settlement",
                kind="settlement",
                label=name.title(),
                aliases=[a.title() for a in aliases],
                oblast=oblasts[region],
                lat=_float(row.get("lat")),
                lon=_float(row.get("lon")),
                source="warreport",
            )
        )
    return entries


def _claim_values(claims: dict, prop: str) -> list:
    out = []
    for claim in claims.get(prop, []) or []:
        value = ((claim.get("mainsnak") or {}).get("datavalue") or {}).get("value")
        if value is not None:
            out.append(value)
    return out


def _iter_json_entities(path: Path) -> Iterator[dict]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KbError(f"cannot read {path}: {exc}") from exc
    stripped = text.lstrip()
    try:
        if stripped.startswith("["):
            yield from json.loads(stripped)
            return
        for line in text.splitlines():
            line = line.strip().rstrip(",")
            if line and line not in ("[", "]"):
                yield json.loads(line)
    except json.JSONDecodeError as exc:
        raise KbError(
            f"{path} is not a Wikidata JSON dump (one entity per line or an array): {exc}"
        ) from exc


def read_wikidata_json(path: Path | str, kb: KnowledgeBase | None = None) -> list[KbEntry]:
    """Entries from Wikidata JSON entities (a dump subset: one JSON object per line, or
    an array). Type from P31 (or the English description); coordinates from P625;
    population P1082; GeoNames P1566; oblast from P131 when it names a KB oblast."""
    entries = []
    for item in _iter_json_entities(Path(path)):
        qid = _clean_qid(item.get("id"))
        if not qid:
            continue
        labels = {k: v["value"] for k, v in (item.get("labels") or {}).items() if k in LANGS}
        aliases = [
            a["value"] for lang, vals in (item.get("aliases") or {}).items() if lang in LANGS
            for a in vals
        ]  # fmt: skip
        desc = ((item.get("descriptions") or {}).get("en") or {}).get("value")
        claims = item.get("claims") or {}
        classes = [v.get("id") for v in _claim_values(claims, "P31") if isinstance(v, dict)]
        typed = type_from_classes(classes, desc) or ("Place", "place")
        coords = next(iter(_claim_values(claims, "P625")), None) or {}
        parents = [v.get("id") for v in _claim_values(claims, "P131") if isinstance(v, dict)]
        pops = [_int(str(v.get("amount", "")).lstrip("+")) for v in _claim_values(claims, "P1082")]
        label = labels.get("en") or next(iter(labels.values()), qid)
        for lang in ("uk", "ru"):
            if labels.get(lang):
                aliases.extend(latin_variants(labels[lang], lang))
        entries.append(
            KbEntry(
                id=qid,
                qid=qid,
                type=typed[0],
                kind=typed[1],
                label=label,
                labels=labels,
                aliases=[a for a in dict.fromkeys(aliases) if a != label],
                oblast=_oblast_among(parents, kb),
                lat=_float(str(coords.get("latitude", ""))),
                lon=_float(str(coords.get("longitude", ""))),
                geonames=next(iter(_claim_values(claims, "P1566")), None),
                population=max((p for p in pops if p), default=None),
                description=desc,
                source="wikidata",
            )
        )
    return entries


LANGS = ("en", "uk", "ru")


def _oblast_among(parents: Iterable[str], kb: KnowledgeBase | None) -> str | None:
    if kb is None:
        return None
    for qid in parents:
        entry = kb.by_qid(qid)
        if entry is not None and entry.kind == "oblast":
            return qid
        if entry is not None and entry.oblast:
            return entry.oblast
    return None


def read_verified_qids(path: Path | str) -> set[str]:
    """QIDs marked ``verified`` in qids_seed_entities.tsv."""
    rows = _open_rows(Path(path), "\t")
    return {
        q for r in rows if r.get("confidence", "").strip() == "verified"
        for q in [_clean_qid(r.get("qid"))] if q
    }  # fmt: skip


def read_verified_names(path: Path | str) -> dict[str, str]:
    """QID -> name (without a parenthesised note) for the verified rows."""
    out = {}
    for row in _open_rows(Path(path), "\t"):
        qid = _clean_qid(row.get("qid"))
        if qid and row.get("confidence", "").strip() == "verified":
            out[qid] = re.sub(r"\s*\(.*\)\s*$", "", row["name"]).strip()
    return out


def read_curated(path: Path | str, allowed_qids: set[str] | None = None) -> list[KbEntry]:
    """Our hand-written entries (JSON list). With ``allowed_qids``, a QID outside that set
    is an error: curated QIDs must be verified in the reference files."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KbError(f"cannot read curated KB list {path}: {exc}") from exc
    entries = []
    for item in data:
        entry = KbEntry.from_json({"source": "curated", **item})
        if allowed_qids is not None and entry.qid and entry.qid not in allowed_qids:
            raise KbError(
                f"curated entry {entry.label!r} has QID {entry.qid} that is not verified in "
                "the reference files; remove the QID (never invent one)"
            )
        entries.append(entry)
    return entries
