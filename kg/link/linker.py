"""Choosing a Wikidata item for each extracted entity, or none.

For each entity: candidates by name (its label, other labels and mention texts, folded
by ``normalise``), a type filter, a prior (population, kind), and the document's
context (the oblasts it names, distances to places already resolved in it). A
candidate's confidence is its share of the candidates' scores (a softmax) times how
well its name and type match; below ``threshold`` nothing is linked, and a best
candidate without a QID (a namesake we know of but cannot identify) links nothing.
Across documents, one QID gets one Link, and a document whose best candidate fell just
short of the threshold adopts the link other documents of the run made for the name.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from ..types import PLACE_TYPES, Entity, Extraction, Link
from .kb import REGION_DESIGNATORS, KbEntry, KnowledgeBase, split_designator
from .normalise import skeleton, strip_article

__all__ = ["LinkerConfig", "Candidate", "Linker", "type_compatibility"]

#: (extracted type, KB type) -> how compatible; absent pairs are incompatible.
_COMPAT: dict[tuple[str, str], float] = {
    ("Settlement", "Country"): 0.85,  # spaCy tags countries GPE
    ("Place", "Country"): 0.8,
    ("Settlement", "Region"): 0.6,  # only for a region's own name, never its base name
    ("Place", "Region"): 0.8,
    ("Place", "Settlement"): 0.8,
    ("Place", "River"): 0.8,
    ("Place", "Facility"): 0.7,
    ("Facility", "Place"): 0.7,
    ("Region", "Place"): 0.7,
    ("Organization", "MilitaryUnit"): 0.8,
    ("MilitaryUnit", "Organization"): 0.8,
    ("Country", "Organization"): 0.5,
    ("Organization", "Country"): 0.5,
}
_KIND_PRIOR = {
    "geographic": 10.0,
    "country": 7.5,
    "oblast": 6.5,
    "region": 6.0,
    "raion": 4.0,
    "river": 5.0,
}
#: Kinds of place too large for distance or "lies in a named region" bonuses.
_WHOLE = frozenset({"oblast", "region", "geographic", "country"})
_REGION_IN_TEXT = re.compile(
    r"\b((?:[A-Z][\w'’ʼ-]+\s){0,1}[A-Z][\w'’ʼ-]+)\s+(?:[Oo]blast|region|[Pp]rovince|State|[Gg]overnorate)\b"
)


def type_compatibility(extracted: str, kb_type: str) -> float:
    """1 for the same type, a fraction for compatible types, 0 for incompatible ones."""
    if extracted == kb_type:
        return 1.0
    return _COMPAT.get((extracted, kb_type), 0.0)


@dataclass(frozen=True)
class LinkerConfig:
    """Weights and thresholds (defaults tuned on the seed and our ambiguity cases)."""

    threshold: float = 0.55
    adopt_threshold: float = 0.25  # across documents (the world has many namesakes)
    prior_weight: float = 0.8
    region_named_bonus: float = 2.5
    region_implied_bonus: float = 1.0
    other_region_penalty: float = 0.7
    near_km: float = 60.0
    near_bonus: float = 1.5
    skeleton_match: float = 0.85
    designator_bonus: float = 0.5
    country_bonus: float = 2.0
    foreign_min_population: int = 1_000_000
    other_country_penalty: float = 1.0


@dataclass
class Candidate:
    """One KB entry considered for an entity, with its score parts."""

    entry: KbEntry
    match: float
    compat: float
    designated: bool = False
    score: float = 0.0
    share: float = 0.0

    @property
    def confidence(self) -> float:
        return self.share * self.match * self.compat


@dataclass
class _Context:
    named_oblasts: set[str] = field(default_factory=set)
    implied_oblasts: set[str] = field(default_factory=set)
    points: list[tuple[float, float]] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)


def _haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


def entity_names(ent: Entity) -> list[str]:
    """The names an entity goes by in its document, longest first."""
    names = [ent.label, *ent.alt_labels, *(m.text for m in ent.mentions)]
    cleaned = [strip_article(n) for n in names if n and n.strip()]
    return sorted(dict.fromkeys(n for n in cleaned if n), key=len, reverse=True)


class Linker:
    """Links entities against a KnowledgeBase; one instance can serve many runs."""

    def __init__(self, kb: KnowledgeBase, config: LinkerConfig | None = None):
        self.kb = kb
        self.config = config or LinkerConfig()

    # -- candidates -------------------------------------------------------------
    def candidates(self, ent: Entity) -> list[Candidate]:
        """KB entries the entity may be, with match and type compatibility set."""
        cfg = self.config
        found: dict[str, Candidate] = {}
        for name in entity_names(ent):
            base, designator = split_designator(name)
            kinds = REGION_DESIGNATORS.get(designator or "", ())
            queries = [(name, False)] + ([(base, True)] if designator else [])
            for query, designated in queries:
                for hit in self.kb.lookup(query):
                    entry = self.kb.entries[hit.index]
                    if hit.strict and entry.type != ent.type:
                        continue
                    if designated and entry.kind not in kinds:
                        continue
                    if hit.base and not designated and ent.type not in ("Region", "Place"):
                        continue
                    compat = type_compatibility(ent.type, entry.type)
                    if compat == 0.0 or (hit.base and entry.type != "Region" and not designated):
                        continue
                    if designator and not designated and entry.type == "Region":
                        compat = max(compat, 1.0 if ent.type in ("Region", "Place") else compat)
                    match = 1.0 if hit.exact else cfg.skeleton_match
                    if hit.strict:
                        match *= 0.95
                    cand = Candidate(entry, match, compat, designated or bool(designator))
                    old = found.get(entry.id)
                    if old is None or (cand.match * cand.compat) > (old.match * old.compat):
                        found[entry.id] = cand
        return list(found.values())

    # -- scoring ----------------------------------------------------------------
    def _prior(self, entry: KbEntry) -> float:
        if entry.kind in _KIND_PRIOR:
            return _KIND_PRIOR[entry.kind]
        if entry.population:
            return math.log10(max(entry.population, 10))
        if entry.type in PLACE_TYPES:
            return 3.0 if entry.qid else 2.7
        return 5.0

    def _score(self, cands: list[Candidate], ctx: _Context) -> None:
        cfg = self.config
        for c in cands:
            e = c.entry
            s = cfg.prior_weight * self._prior(e)
            s += 4.0 * (c.match - 1.0) + 4.0 * (c.compat - 1.0)
            if c.designated:
                s += cfg.designator_bonus
            if e.type in ("Settlement", "Region") and e.kind not in _WHOLE and e.oblast:
                if e.oblast in ctx.named_oblasts:
                    s += cfg.region_named_bonus
                elif e.oblast in ctx.implied_oblasts:
                    s += cfg.region_implied_bonus
                elif ctx.named_oblasts and (e.population or 0) < 100_000:
                    s -= cfg.other_region_penalty
            if e.type in ("Settlement", "Region") and e.country and ctx.countries:
                if e.country in ctx.countries:
                    s += cfg.country_bonus
                else:
                    s -= cfg.other_country_penalty
            if e.lat is not None and e.lon is not None and ctx.points and e.kind not in _WHOLE:
                dist = min(_haversine_km((e.lat, e.lon), p) for p in ctx.points)
                if dist < cfg.near_km:
                    s += cfg.near_bonus
                elif dist < 2 * cfg.near_km:
                    s += cfg.near_bonus / 2
            c.score = s
        top = max((c.score for c in cands), default=0.0)
        total = sum(math.exp(c.score - top) for c in cands)
        for c in cands:
            c.share = math.exp(c.score - top) / total

    def _foreign(self, entry: KbEntry, ctx: _Context) -> bool:
        """A region or town of a country the document neither names nor borders on (a
        document on Sudan names no "Halfaya" of Syria; a big city may still be named)."""
        if not ctx.countries or entry.type not in ("Settlement", "Region"):
            return False
        if entry.country is None or entry.country in ctx.countries:
            return False
        if (entry.population or 0) >= self.config.foreign_min_population:
            return False
        near = self._neighbours()
        return not any(entry.country in near.get(c, ()) for c in ctx.countries)

    def _neighbours(self) -> dict[str, frozenset[str]]:
        world = getattr(self.kb, "world", None)
        return world.neighbours() if world is not None else {}

    def rank(self, ent: Entity, ctx: _Context | None = None) -> list[Candidate]:
        """Candidates for ``ent``, best first, scored in the given context."""
        ctx = ctx or _Context()
        cands = [c for c in self.candidates(ent) if not self._foreign(c.entry, ctx)]
        self._score(cands, ctx)
        return sorted(cands, key=lambda c: (-c.confidence, c.entry.id))

    # -- documents --------------------------------------------------------------
    def _doc_context(self, ext: Extraction) -> _Context:
        ctx = _Context()
        for m in _REGION_IN_TEXT.finditer(ext.doc.text):
            oblast = self.kb.oblast_of_name(m.group(0))
            if oblast is None and " " in m.group(1):  # "the Kharkiv region" -> "Kharkiv"
                oblast = self.kb.oblast_of_name(m.group(0).split(" ", 1)[1])
            if oblast is not None and (oblast.qid or oblast.kind == "region"):
                ctx.named_oblasts.add(oblast.qid or oblast.id)
                if oblast.kind == "oblast" and oblast.country:  # "in Donetsk Oblast"
                    ctx.countries.add(oblast.country)
        return ctx

    def decide(self, ext: Extraction) -> dict[str, tuple[Candidate | None, list[Candidate]]]:
        """For each entity key: the chosen candidate (or None) and the ranked list."""
        ctx = self._doc_context(ext)
        ents = [e for e in ext.entities if not e.generic]
        for ent in ents:  # the countries the document names come first
            ranked = self.rank(ent, ctx)
            if ranked and ranked[0].confidence >= 0.8 and ranked[0].entry.type == "Country":
                if ranked[0].entry.country:
                    ctx.countries.add(ranked[0].entry.country)
        for ent in ents:
            ranked = self.rank(ent, ctx)
            if ranked and ranked[0].confidence >= 0.8:
                _learn(ctx, ranked[0].entry)
        out = {}
        for ent in ents:
            ranked = self.rank(ent, ctx)
            best = ranked[0] if ranked else None
            ok = best is not None and best.entry.qid and best.confidence >= self.config.threshold
            out[ent.key] = (best if ok else None, ranked)
        return out

    def link_all(self, extractions: Sequence[Extraction]) -> list[Extraction]:
        """Link every document; one QID gets one Link across the run."""
        decisions = [self.decide(ext) for ext in extractions]
        chosen: dict[str, float] = {}
        by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
        for ext, dec in zip(extractions, decisions, strict=True):
            for ent in ext.entities:
                best, _ = dec.get(ent.key, (None, []))
                if best is not None:
                    qid = best.entry.qid or ""
                    chosen[qid] = max(chosen.get(qid, 0.0), best.confidence)
                    by_name[(_type_group(ent.type), skeleton(ent.label))].add(qid)
        # adopt a run-wide link where a document's own best guess agrees but fell short
        for ext, dec in zip(extractions, decisions, strict=True):
            for ent in ext.entities:
                best, ranked = dec.get(ent.key, (None, []))
                if best is not None or not ranked:
                    continue
                qids = by_name.get((_type_group(ent.type), skeleton(ent.label)), set())
                top = ranked[0]
                if len(qids) == 1 and top.entry.qid in qids:
                    if top.confidence >= self.config.adopt_threshold:
                        dec[ent.key] = (top, ranked)
        links: dict[str, Link] = {}
        result = []
        for ext, dec in zip(extractions, decisions, strict=True):
            new_ents = []
            for ent in ext.entities:
                best, _ = dec.get(ent.key, (None, []))
                if best is None or not best.entry.qid:
                    new_ents.append(ent if ent.link is None else replace(ent, link=None))
                    continue
                qid = best.entry.qid
                if qid not in links:
                    conf = chosen.get(qid, best.confidence)
                    links[qid] = make_link(best.entry, conf)
                new_ents.append(replace(ent, link=links[qid], type=kb_type(ent, best.entry)))
            result.append(replace(ext, entities=tuple(new_ents)))
        return result


def _learn(ctx: _Context, entry: KbEntry) -> None:
    """What a confidently resolved place tells about the document's other places."""
    if entry.kind in ("oblast", "region") and entry.qid:
        ctx.named_oblasts.add(entry.qid)
    elif entry.type == "Settlement":
        if entry.oblast:
            ctx.implied_oblasts.add(entry.oblast)
        if entry.lat is not None and entry.lon is not None:
            ctx.points.append((entry.lat, entry.lon))


def _type_group(type_: str) -> str:
    if type_ in ("Organization", "MilitaryUnit"):
        return "Org"
    if type_ in ("Settlement", "Country", "Place"):
        return "GPE"
    return type_


def kb_type(ent: Entity, entry: KbEntry) -> str:
    """The entity's type once linked: a place takes the KB's country, region or
    settlement type (a "United States" tagged as a town is a Country)."""
    if ent.type in PLACE_TYPES and entry.type in ("Country", "Region", "Settlement"):
        return entry.type
    return ent.type


def make_link(entry: KbEntry, confidence: float) -> Link:
    """The Link for a KB entry (coordinates and GeoNames only for places)."""
    place = entry.type in PLACE_TYPES
    return Link(
        qid=entry.qid or "",
        label=entry.label,
        confidence=round(max(0.0, min(1.0, confidence)), 3),
        lat=entry.lat if place else None,
        lon=entry.lon if place else None,
        geonames=entry.geonames if place else None,
    )


def unresolved(extractions: Iterable[Extraction], linker: Linker) -> list[Entity]:
    """Entities that have no candidate at all in the linker's KB (for online lookup)."""
    out = []
    for ext in extractions:
        for ent in ext.entities:
            if not ent.generic and not linker.candidates(ent):
                out.append(ent)
    return out
