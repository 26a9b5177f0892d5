"""What a ruler entity becomes: the rules of ``entities.ruler``.

Each rule takes a ``RulerMatch`` (a ruler entity of the paragraph, trimmed) and returns
its candidates, passes (None), or drops it (``NOTHING``). A capital that speaks is its
country, a gazetteer name is that name; every other match has a rule id (``"@region"``,
``"@unit"``, ...; see ``ruler.py``) and the rule named after it makes the label from
the matched words. ``ruler_candidates`` runs them in this order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from spacy.tokens import Span as SpacySpan

from ..rules import NOTHING, RuleList
from . import ruler as pat
from .candidates import (
    CONTEXT,
    GAZETTEER,
    RULE,
    Candidate,
    Finder,
    country_of_forces,
    decided,
    gazetteer_names,
)
from .cues import (
    armed_name,
    country_in,
    fighting_alliance,
    is_government,
    owner_before,
    possessive_owner,
    region_label,
    titled,
    trim,
)

__all__ = ["RULER", "RulerMatch", "ruler_candidates"]

RULER: RuleList[list[Candidate]] = RuleList("entities.ruler")


@dataclass
class RulerMatch:
    """A ruler entity: its pattern id (or canonical name) and its trimmed tokens."""

    f: Finder
    ent: SpacySpan
    ident: str
    start: int
    end: int

    @property
    def type(self) -> str:
        """The ruler's label: a contract type."""
        return self.ent.label_

    @property
    def tokens(self) -> SpacySpan:
        return self.f.doc[self.start : self.end]

    def make(self, type_: str, label: str, conf: float, source: str, **kw) -> list[Candidate]:
        """The candidate for the whole (trimmed) match."""
        return self.f.make(self.start, self.end, type_, label, conf, source, **kw)


def ruler_candidates(f: Finder, ent: SpacySpan) -> list[Candidate]:
    """The candidates of one ruler entity."""
    start, end = trim(f.doc, ent.start, ent.end, ent.label_)
    match = RulerMatch(f, ent, ent.ent_id_ or ent.text, start, end)
    decision = RULER.decide(match)
    if decision is None:
        raise KeyError(f"no rule of entities.ruler for the ruler pattern {match.ident!r}")
    return decided(decision)


def for_pattern(ident: str) -> Callable:
    """Decorator: a rule of ``entities.ruler`` for the matches of pattern ``ident`` only."""

    def register(func: Callable) -> Callable:
        @wraps(func)
        def rule(m: RulerMatch):
            return func(m) if m.ident == ident else None

        RULER.rule(rule)
        return func

    return register


@RULER.rule
def capital_as_government(m: RulerMatch):
    """ "Moscow said": a capital that acts or speaks is its country."""
    country = pat.country_by_capital().get(m.tokens.text)
    if country and is_government(m.f.doc[m.end - 1]):
        return m.make("Country", country.name, CONTEXT, "context", country=country.name)
    return None


@RULER.rule
def named(m: RulerMatch):
    """A gazetteer name (or a pattern's canonical name): that name, typed by the ruler."""
    if m.ident.startswith("@"):
        return None
    country = pat.country_by_name().get(m.ident.lower())
    forces = country_of_forces(m.ident)
    source = "gazetteer" if m.ident in gazetteer_names() else "rule"
    end = m.end
    after = m.f.doc[end] if end < len(m.f.doc) else None
    if m.type == "Settlement" and after is not None and after.text == "City":
        end += 1  # "Kherson City": the city itself, not a settlement "City"
        m.f.cover(m.start, end)
    conf = GAZETTEER if source == "gazetteer" else RULE
    country_name = country.name if country and m.type == "Country" else forces
    return m.f.make(m.start, end, m.type, m.ident, conf, source, country=country_name)


@for_pattern("@ministry")
def ministry(m: RulerMatch):
    """ "the Russian defence ministry", "Gaza's health ministry": Ministry of X of Y."""
    doc, tokens = m.f.doc, m.tokens
    found = country_in(tokens)
    country = found[0].name if found else None
    kinds = pat.MINISTRY_KINDS
    kind = next((kinds[t.lower_] for t in tokens if t.lower_ in kinds), None) or "Defence"
    start, end = tokens.start, tokens.end
    while end > start and doc[end - 1].pos_ == "ADP":
        end -= 1
    owner = None if country else owner_before(doc, start)
    if owner:  # "Gaza's health ministry", "the Hamas-run health ministry"
        return m.f.make(start, end, m.type, f"Ministry of {kind} of {owner}", RULE, "rule")
    before = doc[start - 1] if start > 0 else None
    if (
        not country
        and before is not None
        and before.pos_ == "PROPN"
        and before.is_title
        and before.lower_ not in pat.country_by_name()
    ):  # "the Gaza Health Ministry": the place names it
        label = f"Ministry of {kind} of {before.text}"
        return m.f.make(start - 1, end, m.type, label, RULE, "rule")
    label = f"Ministry of {kind} of {country}" if country else f"Ministry of {kind}"
    return m.f.make(start, end, m.type, label, RULE, "rule", country=country, kind=kind)


@for_pattern("@national")
def national_government(m: RulerMatch):
    """ "the Ethiopian government": the country itself, as the state that acts."""
    found = country_in(m.tokens)
    if found and m.tokens[-1].lemma_.lower() == "government" and found[1] == m.tokens.end - 1:
        country = found[0]
        return m.make("Country", country.name, CONTEXT, "context", country=country.name)
    return None


@for_pattern("@national")
def national(m: RulerMatch):
    """ "Ukrainian General Staff", "Israeli air force": the adjective and the body."""
    tokens = m.tokens
    found = country_in(tokens)
    country, after = found if found else (None, tokens.start + 1)
    rest = " ".join(t.text for t in tokens if t.i >= after and t.lower_ not in {"'s", "’s"})
    return national_body(m, country, titled(rest))


@for_pattern("@statemedia")
def statemedia(m: RulerMatch):
    """ "Iranian state media", "North Korean state news agency"."""
    found = country_in(m.tokens)
    country = found[0] if found else None
    last = m.tokens[-1].lower_
    what = {"media": "state media", "agency": "state news agency"}.get(last, "state television")
    return national_body(m, country, what)


def national_body(m: RulerMatch, country: pat.Country | None, what: str) -> list[Candidate]:
    """ "<nationality adjective> <what>", tied to the country when there is one."""
    adjective = country.adjectives[0] if country and country.adjectives else m.tokens[0].text
    name = country.name if country else None
    return m.make(m.type, f"{adjective} {what}", RULE, "rule", country=name)


@for_pattern("@forces")
def forces(m: RulerMatch):
    """ "Ukrainian troops": the country's armed forces ("a Ukrainian military blogger":
    the country)."""
    found = country_in(m.tokens)
    if found is None:
        return NOTHING
    country, doc = found[0], m.f.doc
    after = doc[m.end] if m.end < len(doc) else None
    if after is not None and after.lower_ in pat.COMMENTATOR_NOUNS:
        at = m.start
        while at < found[1] - 1 and doc[at].pos_ in ("DET", "PUNCT"):
            at += 1
        name = country.name
        return m.f.make(at, found[1], "Country", name, CONTEXT, "context", country=name)
    return m.make(m.type, country.forces, RULE, "rule", country=country.name)


@for_pattern("@command")
def command(m: RulerMatch):
    """'Khortytsia group of forces' -> 'Khortytsia Group of Forces'; a dangling
    'of the' ('Operational Command of the ...' with no forces after it) is cut."""
    doc, end = m.f.doc, m.end
    while end > m.start and doc[end - 1].lower_ in {"of", "the"}:
        end -= 1
    words = [t.text for t in doc[m.start : end]]
    label = " ".join(w if w.lower() in {"of", "the"} else w[:1].upper() + w[1:] for w in words)
    return m.f.make(m.start, end, m.type, label, RULE, "rule")


@for_pattern("@unit")
def unit(m: RulerMatch):
    """ "the 47th separate mechanized brigade": the unit, title-cased."""
    return m.make(m.type, titled(m.tokens.text), RULE, "rule")


def _group_name(m: RulerMatch) -> tuple[int, int]:
    """The token range of an armed group's own name: "Wagner" of "Wagner mercenary
    group", "Akhmat" of "Chechen Akhmat battalion"."""
    doc = m.f.doc
    name_end = m.start
    while name_end < m.end and not (
        doc[name_end].lower_ in pat.GROUP_MODIFIERS | pat.GROUP_NOUNS
        or doc[name_end].text in {"Force", "Forces"}
    ):
        name_end += 1
    name_start = m.start
    while name_start < name_end - 1 and (
        doc[name_start].pos_ != "PROPN"
        or doc[name_start].text in pat.ETHNIC_ADJECTIVES
        or doc[name_start].text in pat.country_by_adjective()
    ):
        name_start += 1
    for i in range(name_start, name_end):  # "Chechen Akhmat": the known "Akhmat"
        if pat.name_index().get(doc[i:name_end].text.lower()):
            return i, name_end
    return name_start, name_end


@for_pattern("@group")
def group(m: RulerMatch):
    """ "Wagner mercenary group", "People's Defence Force": the armed group."""
    doc, tokens = m.f.doc, m.tokens
    name_start, name_end = _group_name(m)
    name = doc[name_start:name_end].text
    entry = pat.name_index().get(name.lower())
    if entry and entry.type != "MilitaryUnit":  # "a Telegram group": the platform
        return m.f.make(name_start, name_end, entry.type, entry.name, GAZETTEER, "gazetteer")
    noun = tokens[-1]
    if entry:
        label = entry.name
    elif noun.lower_ == "group":
        label = f"{name} Group"
    elif noun.lower_ in {"regiment", "battalion", "brigade"}:
        label = f"{name} {noun.lower_.title()}"
    elif noun.text in {"Force", "Forces"}:
        label = tokens.text
    else:
        label = name
    start = m.start
    if armed_name([t.text for t in tokens]) and possessive_owner(doc, start):
        start -= 2  # "People's Defence Force"
        label = doc[start : m.end].text
    return m.f.make(start, m.end, m.type, label, RULE, "rule")


@for_pattern("@region")
def region(m: RulerMatch):
    """ "the Sumy region", "Kherson oblast": the region ("Southern Military District":
    a unit)."""
    tokens = m.tokens
    words = [t for t in tokens if t.lower_ not in pat.REGION_NOUNS | {"of", "state"}]
    noun = next((t.lower_ for t in tokens if t.lower_ in pat.REGION_NOUNS | {"state"}), "region")
    name = m.f.doc[words[0].i : words[-1].i + 1].text if words else tokens.text
    if "military" in name.lower().split() and noun == "district":
        return m.make("MilitaryUnit", tokens.text, RULE, "rule")
    if noun == "corridor":  # "the Lachin corridor": a corridor is a place, no region
        return m.make("Place", region_label(name, noun), RULE, "rule")
    return m.make(m.type, region_label(name, noun), RULE, "rule")


@for_pattern("@regions")
def regions(m: RulerMatch):
    """ "the Kyiv, Dnipropetrovsk and Odesa regions": one region per listed name."""
    tokens = m.tokens
    noun = pat.PLURAL_REGION_NOUNS[tokens[-1].lower_]
    found = []
    for tok in (t for t in tokens[:-1] if t.lower_ not in {",", "and"}):
        name = tok.text
        entry = pat.name_index().get(name.lower())
        if noun in {"region", "oblast"} and name.lower() in pat.OBLASTS:
            label = f"{name} Oblast"
        elif noun == "district" and name.lower() in pat.OBLASTS:
            label = f"{name} Raion"
        elif entry and entry.type == "Region":
            label = entry.name
        else:
            label = f"{name} {noun.title()}"
        found += m.f.make(tok.i, tok.i + 1, "Region", label, RULE, "rule")
    return found


@for_pattern("@org")
def org(m: RulerMatch):
    """ "the Sudan Doctors Network", "International Organization for Migration"."""
    text = m.tokens.text
    entry = pat.name_index().get(text.lower())
    if entry:
        return m.make(entry.type, entry.name, GAZETTEER, "gazetteer")
    country = pat.country_by_name().get(text.lower())
    if country:  # "the Soviet Union"
        return m.make("Country", country.name, RULE, "rule", country=country.name)
    if fighting_alliance([t.text for t in m.tokens], m.tokens.root):
        # "an offensive launched by the Three Brotherhood Alliance": an armed group
        return m.make("MilitaryUnit", text, CONTEXT, "context")
    return m.make("Organization", text, RULE, "rule")


@for_pattern("@administration")
def administration(m: RulerMatch):
    """ "the Donetsk regional military administration": a body, not the place."""
    return m.make("Organization", titled(m.tokens.text), RULE, "rule")


@for_pattern("@compass")
def compass(m: RulerMatch):
    """ "North Darfur", "South Kordofan": the compass word is part of the name."""
    tokens = m.tokens
    entry = pat.name_index().get(tokens.text.lower())
    country = pat.country_by_name().get(tokens.text.lower())
    last = tokens[-1].lower_
    if not entry and not country and tokens[-1].pos_ == "ADJ":
        return NOTHING  # "Central Asian states": an adjective, no region's name
    if entry:
        return m.make(entry.type, entry.name, GAZETTEER, "gazetteer")
    if country:
        return m.make("Country", country.name, RULE, "rule", country=country.name)
    if last in {"command", "front"} | pat.UNIT_NOUNS:
        return m.make("MilitaryUnit", tokens.text, RULE, "rule")
    if last in pat.ORG_WORDS:
        return m.make("Organization", tokens.text, RULE, "rule")
    return m.make("Region", tokens.text, RULE, "rule")


@for_pattern("@river")
def river(m: RulerMatch):
    """ "the Inhulets river", "River Dnipro": the river, by its gazetteer name if known."""
    words = [t for t in m.tokens if t.lower_ != "river"]
    name = m.f.doc[words[0].i : words[-1].i + 1].text if words else m.tokens.text
    entry = pat.name_index().get(name.lower())
    label = entry.name if entry and entry.type == "River" else name
    return m.make(m.type, label, RULE, "rule")


@for_pattern("@facility")
def facility(m: RulerMatch):
    """ "Zaporizhzhia nuclear power plant": a named facility."""
    entry = pat.name_index().get(m.tokens.text.lower())
    label = entry.name if entry else titled(m.tokens.text)
    return m.make(m.type, label, RULE, "rule")


@for_pattern("@place")
def military_camp(m: RulerMatch):
    """ "Lashio's Teinn Tan camp" among military camps: a named military camp is a facility."""
    if m.tokens[-1].lower_ != "camp":
        return None
    lemmas = {t.lemma_.lower() for t in m.tokens.sent} | {t.lower_ for t in m.tokens.sent}
    if lemmas & pat.MILITARY_CAMP_CUES and not lemmas & pat.SHELTER_CAMP_CUES:
        return m.make("Facility", m.tokens.text, RULE, "rule")
    return None


@for_pattern("@place")
def place(m: RulerMatch):
    """ "Zamzam camp", "the Western Front": a place as written."""
    return m.make(m.type, m.tokens.text, RULE, "rule")
