"""Wikidata over SPARQL (kg.http_client): a polite client with a User-Agent naming
conflict-kg, a rate limit, retries with backoff and an on-disk cache, plus the two
queries the linker needs: items by name, and settlements inside a region.

The same code serves ``kg kb fetch`` and online linking. Any SPARQL 1.1 endpoint with
Wikidata's vocabulary works (tests use a local Oxigraph server).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from ..errors import KbError, StoreError
from ..http_client import HttpClient, check_url
from .kb import KbEntry, KnowledgeBase
from .normalise import latin_variants
from .sources import LANGS, type_from_classes

__all__ = [
    "DEFAULT_ENDPOINT",
    "SparqlClient",
    "user_agent",
    "default_cache_dir",
    "names_query",
    "region_query",
    "lookup_names",
    "fetch_region",
    "entries_from_results",
]

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
_ENTITY = "http://www.wikidata.org/entity/"
_POINT = re.compile(r"Point\(\s*([-\d.eE+]+)\s+([-\d.eE+]+)\s*\)", re.IGNORECASE)
_PREFIXES = """PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
"""


def user_agent() -> str:
    """conflict-kg/<version> (+project URL), as Wikimedia's User-Agent policy asks."""
    try:
        version = metadata.version("conflict-kg")
    except metadata.PackageNotFoundError:
        version = "0"
    return f"conflict-kg/{version} (https://github.com/conflict-kg/conflict-kg; entity linking)"


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "conflict-kg" / "sparql"


class SparqlClient:
    """SELECT queries with caching, a minimum interval between requests and retries.

    Requests go through :class:`kg.http_client.HttpClient` (urllib3 retries with
    backoff, honouring ``Retry-After``). Raises KbError quoting the endpoint when it
    refuses a query, UnreachableError when it cannot be reached.
    """

    def __init__(
        self,
        endpoint: str = DEFAULT_ENDPOINT,
        *,
        cache_dir: Path | str | None = None,
        min_interval: float | None = None,
        retries: int = 3,
        backoff: float = 1.0,
        timeout: float = 60.0,
    ):
        self.endpoint = check_url(endpoint, "--endpoint")
        self.cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
        local = re.match(r"https?://(127\.0\.0\.1|localhost)[:/]", endpoint) is not None
        self.min_interval = min_interval if min_interval is not None else (0.0 if local else 1.0)
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self._last = 0.0
        self.requests = 0  # queries sent (not cache hits; retries are urllib3's)
        self._http = HttpClient(
            timeout=timeout,
            retries=retries,
            backoff=backoff,
            user_agent=user_agent(),
            error=KbError,
        )

    def _cache_path(self, query: str) -> Path:
        digest = hashlib.sha256(f"{self.endpoint}\n{query}".encode()).hexdigest()
        return self.cache_dir / f"{digest[:2]}" / f"{digest}.json"

    def select(self, query: str) -> list[dict[str, str]]:
        """Run a SELECT; rows as {variable: value} (cached on disk by endpoint+query)."""
        path = self._cache_path(query)
        if path.exists():
            try:
                return json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                path.unlink(missing_ok=True)
        rows = self._request(query)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
            tmp.replace(path)
        except OSError:
            pass  # a cache that cannot be written only costs time
        return rows

    def _request(self, query: str) -> list[dict[str, str]]:
        wait = self.min_interval - (time.monotonic() - self._last)
        if wait > 0:
            time.sleep(wait)
        self._last = time.monotonic()
        self.requests += 1
        response = self._http.request(
            "POST",
            self.endpoint,
            data={"query": query},
            headers={"Accept": "application/sparql-results+json"},
        )
        try:
            bindings = response.json()["results"]["bindings"]
            return [{k: v["value"] for k, v in b.items()} for b in bindings]
        except (KeyError, TypeError, ValueError) as exc:
            raise KbError(
                f"SPARQL endpoint {self.endpoint} returned no SELECT results ({exc}); "
                "check that --endpoint is a SPARQL query URL"
            ) from exc


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_SELECT = """SELECT ?item (SAMPLE(?enLabel) AS ?label)
  (GROUP_CONCAT(DISTINCT CONCAT(LANG(?n), ":", STR(?n)); separator="|") AS ?names)
  (GROUP_CONCAT(DISTINCT STR(?class); separator=" ") AS ?classes)
  (SAMPLE(?oblast) AS ?region) (SAMPLE(?coord) AS ?point) (SAMPLE(?desc) AS ?description)
  (MAX(?pop) AS ?population) (SAMPLE(?gn) AS ?geonames)
WHERE {
"""
_FACTS = """  OPTIONAL {{ ?item rdfs:label ?enLabel FILTER(LANG(?enLabel) = "en") }}
  OPTIONAL {{ {{ ?item rdfs:label ?n }} UNION {{ ?item skos:altLabel ?n }}
             FILTER(LANG(?n) IN ("en", "uk", "ru")) }}
  OPTIONAL {{ ?item wdt:P31 ?class }}
  OPTIONAL {{ ?item wdt:P625 ?coord }}
  OPTIONAL {{ ?item wdt:P1082 ?pop }}
  OPTIONAL {{ ?item wdt:P1566 ?gn }}
  OPTIONAL {{ ?item schema:description ?desc FILTER(LANG(?desc) = "en") }}
  OPTIONAL {{ VALUES ?oblast {{ {oblasts} }} ?item wdt:P131+ ?oblast }}
}}
GROUP BY ?item
"""


def _oblast_values(kb: KnowledgeBase | None) -> str:
    qids = sorted({e.qid for e in kb.entries if e.kind == "oblast" and e.qid}) if kb else []
    return " ".join(f"wd:{q}" for q in qids) or "wd:Q0"


def names_query(names: Iterable[str], kb: KnowledgeBase | None = None) -> str:
    """Items whose label or alias (en/uk/ru) is one of ``names``, with their facts."""
    values = " ".join(
        f"{_literal(n)}@{lang}" for n in sorted(set(names)) for lang in ("en", "uk", "ru")
    )
    body = (
        f"  VALUES ?name {{ {values} }}\n"
        "  { ?item rdfs:label ?name } UNION { ?item skos:altLabel ?name }\n"
    )
    return _PREFIXES + _SELECT + body + _FACTS.format(oblasts=_oblast_values(kb))


def region_query(region_qid: str, kb: KnowledgeBase | None = None, limit: int = 5000) -> str:
    """Places with coordinates located (P131, transitively) in ``region_qid``."""
    if not re.fullmatch(r"Q[1-9]\d*", region_qid):
        raise KbError(f"--region must be a QID like Q170666, not {region_qid!r}")
    body = f"  ?item wdt:P131+ wd:{region_qid} . ?item wdt:P625 ?anyCoord .\n"
    query = _PREFIXES + _SELECT + body + _FACTS.format(oblasts=_oblast_values(kb))
    return query + f"LIMIT {int(limit)}\n"


def entries_from_results(rows: list[dict[str, str]], kb: KnowledgeBase | None) -> list[KbEntry]:
    """KB entries from the rows of ``names_query``/``region_query``."""
    entries = []
    for row in rows:
        item = row.get("item", "")
        if not item.startswith(_ENTITY):
            continue
        qid = item[len(_ENTITY) :]
        labels: dict[str, str] = {}
        aliases: list[str] = []
        for chunk in filter(None, row.get("names", "").split("|")):
            lang, _, value = chunk.partition(":")
            if lang in LANGS and value:
                if lang not in labels:
                    labels[lang] = value
                aliases.append(value)
                if lang != "en":
                    aliases.extend(latin_variants(value, lang))
        classes = [c.rsplit("/", 1)[-1] for c in row.get("classes", "").split()]
        desc = row.get("description") or None
        type_, kind = type_from_classes(classes, desc) or ("Place", "place")
        label = row.get("label") or labels.get("en") or next(iter(labels.values()), qid)
        lat = lon = None
        m = _POINT.search(row.get("point", ""))
        if m:
            lon, lat = round(float(m.group(1)), 5), round(float(m.group(2)), 5)
        region = row.get("region", "")
        pop = row.get("population")
        entries.append(
            KbEntry(
                id=qid,
                qid=qid,
                type=type_,
                kind=kind,
                label=label,
                labels=labels,
                aliases=[a for a in dict.fromkeys(aliases) if a != label],
                oblast=region.rsplit("/", 1)[-1] if region.startswith(_ENTITY) else None,
                lat=lat,
                lon=lon,
                geonames=row.get("geonames") or None,
                population=int(float(pop)) if pop else None,
                description=desc,
                source="sparql",
            )
        )
    return entries


def lookup_names(
    client: SparqlClient,
    names: Iterable[str],
    kb: KnowledgeBase | None = None,
    *,
    strict: bool = True,
    batch: int = 40,
) -> list[KbEntry]:
    """Entries for items named by any of ``names`` (batched). With ``strict=False`` a
    failing endpoint yields no entries instead of raising (online linking)."""
    names = sorted({n.strip() for n in names if n and n.strip()})
    out: list[KbEntry] = []
    for i in range(0, len(names), batch):
        try:
            rows = client.select(names_query(names[i : i + batch], kb))
        except (KbError, StoreError):  # refused, unreachable or refused credentials
            if strict:
                raise
            break  # the endpoint is down: do not hammer it with the other batches
        out.extend(entries_from_results(rows, kb))
    return out


def fetch_region(
    client: SparqlClient, region_qid: str, kb: KnowledgeBase | None = None, limit: int = 5000
) -> list[KbEntry]:
    """Entries for the places inside a region (e.g. an oblast's settlements)."""
    entries = entries_from_results(client.select(region_query(region_qid, kb, limit)), kb)
    for e in entries:
        e.oblast = e.oblast or region_qid
    return entries
