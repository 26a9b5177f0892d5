"""Our entity ruler and the word lists behind it.

The ruler runs before spaCy's NER, so what it finds is kept and the statistical model
labels only the rest. Its labels are contract types; its ``id`` is either the canonical
label (gazetteer names: ``"AP"`` -> ``"Associated Press"``) or a rule name starting
with ``@`` (``"@region"``, ``"@unit"``, ...) that ``ruled.py`` turns into a label
from the matched words.

It is four small components, all spaCy public API (``add_entity_ruler``):

1. ``conflict_kg_nationality`` marks where a nationality starts and how long it is;
2. ``conflict_kg_ruler``, a ``span_ruler``: the token patterns and the exact-case
   phrases, matched into ``doc.spans["conflict_kg"]``;
3. ``conflict_kg_lower_ruler``, a ``span_ruler`` on ``LOWER``: the names written in
   lower case in the patterns, found in any case in one phrase-matcher pass;
4. ``conflict_kg_entity_chooser`` (``EntityChooser``): the longest match first, then
   the leftmost, then a gazetteer name over a rule; these become ``doc.ents``.

Gazetteers and word lists live in ``kg/data/lexicon/``: ``countries.jsonl`` (name, aliases,
nationality adjectives, plural demonyms, capitals, the armed forces' name) and
``names.jsonl`` (outlets, platforms, institutions, armed groups, a few well-known
regions, rivers, settlements and facilities). Everything else is token patterns over
the parse: NATIONALITY + force noun, ordinal + unit noun, NAME + region/river/facility
noun, ministries, state media.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from .. import lexicon

RULER_NAME = "conflict_kg_ruler"
LOWER_RULER_NAME = "conflict_kg_lower_ruler"
CHOOSER_NAME = "conflict_kg_entity_chooser"
#: The span group the two span rulers write and the chooser reads (and removes).
SPANS_KEY = "conflict_kg"

# --- word lists ---------------------------------------------------------------------

#: Nouns that, after a nationality adjective, name that country's armed forces.
FORCE_NOUNS = lexicon.words("force_nouns")
#: Words allowed between the nationality and the force noun ("Ukrainian spearhead units").
FORCE_MODIFIERS = lexicon.words("force_modifiers")
#: Words allowed between an ordinal and the unit noun ("93rd Separate Mechanized Brigade").
UNIT_KINDS = lexicon.words("unit_kinds")
UNIT_NOUNS = lexicon.words("unit_nouns")
#: Nouns right before a warship's name ("landing ship Caesar Kunikov").
WARSHIP_NOUNS = lexicon.words("warship_nouns")
#: Ethnic and regional adjectives that open a unit's description, not its name.
ETHNIC_ADJECTIVES = lexicon.words("ethnic_adjectives")
#: Nouns after a proper name that make it an armed group ("Wagner mercenary group").
GROUP_MODIFIERS = lexicon.words("group_modifiers")
GROUP_NOUNS = lexicon.words("armed_group_nouns")
REGION_NOUNS = lexicon.words("region_nouns")
#: Bodies named by nationality + these words ("the Israeli air force").
NATIONAL_BODIES = tuple((r["words"], r["type"]) for r in lexicon.rows("national_bodies"))
FACILITY_NAME_NOUNS = lexicon.words("facility_name_nouns")
#: Common nouns that name facilities (the parse adds their compounds: "arts centre").
FACILITY_NOUNS = lexicon.words("facility_nouns")
#: Facility heads that need a modifier to count ("command post", "arts centre").
FACILITY_NEEDS_MODIFIER = lexicon.words("facility_needs_modifier")
FACILITY_MODIFIERS = lexicon.words("facility_modifiers")
#: Words that make a capital city stand for its government when it is their subject.
GOVERNMENT_VERBS = lexicon.words("government_verbs")
#: Verbs whose object, a capital, is its government ("Kyiv blamed Moscow").
GOVERNMENT_OBJECT_VERBS = lexicon.words("government_object_verbs")
#: Verbs whose subject, a capital, is still the city ("Kyiv woke to sirens").
CITY_VERBS = lexicon.words("city_verbs")
#: Second parts of compounds where a capital stands for its government ("Moscow-backed").
GOVERNMENT_SUFFIXES = lexicon.words("government_suffixes")
#: Nouns whose "on"/"against" object, a capital, is its government ("pressure on Tehran").
GOVERNMENT_OBJECT_NOUNS = lexicon.words("government_object_nouns")
#: Words in a sentence that make a named camp a military camp ("junta camps").
MILITARY_CAMP_CUES = lexicon.words("military_camp_cues")
#: Words that keep a named camp a camp for people ("displaced people in Zamzam camp").
SHELTER_CAMP_CUES = lexicon.words("shelter_camp_cues")
#: Nouns after "Moscow's" that still mean the city, not the government.
CITY_PARTS = lexicon.words("city_parts")
SPEECH_VERBS = lexicon.words("speech_verbs")
#: Lemmas that make a sentence about fighting ("the Russians" there are the military).
MILITARY_WORDS = lexicon.words("military_words")
PLACE_PREPOSITIONS = lexicon.words("place_prepositions")
#: Verbs whose object is a place when it is a bare name ("reached Senkove").
PLACE_VERBS = lexicon.words("place_verbs")
#: Nouns whose "of X" names a place: "residents of X", "the outskirts of X".
DWELLER_NOUNS = lexicon.words("dweller_nouns")
SETTLEMENT_NOUNS = lexicon.words("settlement_nouns")
PERSON_ROLES = lexicon.words("person_roles")
#: Leading words stripped from person names: titles, ranks and roles.
TITLES = lexicon.words("titles")
#: Words that mark a name as an organisation, not a place.
ORG_WORDS = lexicon.words("org_words")
#: Leading words of photo credits and similar junk ("Photo / AP").
CREDIT_WORDS = lexicon.words("credit_words")
MINISTRY_KINDS = lexicon.table("ministry_kinds")
STATE_MEDIA = lexicon.words("state_media")
#: Ukrainian oblasts and Russian oblasts near the front: "<name> region" is "<name> Oblast".
OBLASTS = lexicon.words("oblasts")

#: Compass words that are part of a region's name ("North Darfur", "South Kivu").
COMPASS = frozenset({"North", "South", "East", "West", "Central"})
#: Head nouns of organisation names ("Sudan Doctors Network", "Norwegian Refugee Council").
ORG_HEADS = lexicon.words("org_heads")
#: Words between a place name and "administration" in a local authority's name.
ADMINISTRATION_WORDS = lexicon.words("administration_words")
#: Plural region nouns of a list of regions ("the Kyiv and Odesa regions").
PLURAL_REGION_NOUNS = lexicon.table("plural_region_nouns")
#: People a "Russian military ..." modifier describes without making them the forces.
COMMENTATOR_NOUNS = lexicon.words("commentator_nouns")
#: Ruler label for weapon systems (no contract type: the candidates skip them).
WEAPON = "WEAPON"

#: Country names that are also common given names: not matched by the ruler.
AMBIGUOUS_COUNTRIES = lexicon.words("ambiguous_countries")

# --- gazetteers ---------------------------------------------------------------------


@dataclass(frozen=True)
class Country:
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    forces: str


@dataclass(frozen=True)
class Name:
    """A gazetteer entry: canonical name, contract type, other spellings."""

    name: str
    type: str
    aliases: tuple[str, ...]


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """The countries in ``countries.jsonl``."""
    return tuple(
        Country(
            name=row["name"],
            aliases=tuple(row.get("aliases", ())),
            adjectives=tuple(row.get("adjectives", ())),
            demonyms=tuple(row.get("demonyms", ())),
            capitals=tuple(row.get("capitals", ())),
            forces=row.get("forces") or f"Armed Forces of {row['name']}",
        )
        for row in lexicon.records("countries")
    )


@lru_cache(maxsize=1)
def weapons() -> dict:
    """The weapons gazetteer (``weapons.json``): names, needs_noun, nouns, modifiers."""
    return lexicon.data("weapons")


@lru_cache(maxsize=1)
def names() -> tuple[Name, ...]:
    """The named entities in ``names.jsonl``."""
    return tuple(
        Name(row["name"], row["type"], tuple(row.get("aliases", ())))
        for row in lexicon.records("names")
    )


@lru_cache(maxsize=1)
def country_by_name() -> dict[str, Country]:
    """Lower-cased country names and aliases -> Country."""
    index: dict[str, Country] = {}
    for country in countries():
        for text in (country.name, *country.aliases):
            index.setdefault(text.lower(), country)
    return index


@lru_cache(maxsize=1)
def country_by_adjective() -> dict[str, Country]:
    """Nationality adjectives as written ("Russian") -> Country."""
    return {adj: c for c in countries() for adj in c.adjectives}


@lru_cache(maxsize=1)
def country_by_demonym() -> dict[str, Country]:
    """Plural demonyms as written ("Ukrainians") -> Country."""
    return {dem: c for c in countries() for dem in c.demonyms}


@lru_cache(maxsize=1)
def country_by_capital() -> dict[str, Country]:
    """Capitals as written ("Moscow", "Kyiv") -> Country."""
    return {cap: c for c in countries() for cap in c.capitals}


@lru_cache(maxsize=1)
def name_index() -> dict[str, Name]:
    """Lower-cased gazetteer names and aliases -> entry."""
    index: dict[str, Name] = {}
    for entry in names():
        for text in (entry.name, *entry.aliases):
            index.setdefault(text.lower(), entry)
    return index


# --- patterns -----------------------------------------------------------------------

_NOT_NAME_POS = ["ADP", "DET", "PRON", "AUX", "VERB", "CCONJ", "SCONJ", "PART", "NUM"]


def _name_token(op: str | None = None) -> dict:
    """A capitalised word that can be part of a name (not a nationality adjective)."""
    excluded = sorted(country_by_adjective()) + sorted(country_by_demonym())
    token: dict = {"IS_TITLE": True, "POS": {"NOT_IN": _NOT_NAME_POS}, "TEXT": {"NOT_IN": excluded}}
    if op:
        token["OP"] = op
    return token


def _name_seq() -> list[dict]:
    """One to three capitalised words, hyphenated ones included ("Nagorno-Karabakh")."""
    return [
        _name_token(),
        {"ORTH": "-", "OP": "?"},
        _name_token("?"),
        _name_token("?"),
    ]


def _phrase(nlp: Language, text: str) -> list[dict]:
    """Token pattern for a fixed phrase: exact case for short acronyms, else any case."""
    tokens = [t.text for t in nlp.make_doc(text)]
    exact = len(text) <= 5 and text.upper() == text
    return [{"ORTH": t} if exact else {"LOWER": t.lower()} for t in tokens]


def _gazetteer_patterns(nlp: Language) -> list[dict]:
    patterns = []
    for entry in names():
        for text in (entry.name, *entry.aliases):
            patterns.append({"label": entry.type, "pattern": _phrase(nlp, text), "id": entry.name})
    for country in countries():
        if country.name in AMBIGUOUS_COUNTRIES:
            continue  # also a person's name: left to the NER and the country index
        for text in (country.name, *country.aliases):
            if len(text) > 3 and text.upper() != text:
                pattern = [{"TEXT": t.text} for t in nlp.make_doc(text)]
            else:
                pattern = _phrase(nlp, text)
            patterns.append({"label": "Country", "pattern": pattern, "id": country.name})
    return patterns


def nationality_heads(nlp: Language) -> list[tuple[tuple[str, ...], bool]]:
    """Every way to name a nationality: "Russian", "South Sudanese", "Ukraine's", "the
    UK's", as (words as written, ends in a possessive "'s" of any case)."""
    heads = set()
    for country in countries():
        for adj in country.adjectives:
            heads.add((tuple(t.text for t in nlp.make_doc(adj)), False))
        for name in (country.name, *country.aliases):
            heads.add((tuple(t.text for t in nlp.make_doc(name)), True))
    return sorted(heads)


#: Token extension set by the nationality marker: on the first word of a nationality,
#: the number of tokens of the longest one starting there ("South Sudanese" -> 2 on
#: "South"); 0 elsewhere. The ruler's nationality patterns start from it.
NATIONALITY_ATTR = "kg_nationality"
NATIONALITY_MARKER = "conflict_kg_nationality"
if not Token.has_extension(NATIONALITY_ATTR):
    Token.set_extension(NATIONALITY_ATTR, default=0)


class NationalityMarker:
    """Marks where a nationality starts and how long it is, so that the ruler needs one
    pattern per construction and length instead of one per construction and nationality
    (each token pattern costs the Matcher work on every token)."""

    def __init__(self, nlp: Language):
        self.heads: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
        for words, possessive in nationality_heads(nlp):
            self.heads.setdefault(words[0], []).append((words[1:], possessive))

    def __call__(self, doc: Doc) -> Doc:
        texts = [token.text for token in doc]
        for start, text in enumerate(texts):
            longest = 0
            for rest, possessive in self.heads.get(text, ()):
                end = start + 1 + len(rest)
                if tuple(texts[start + 1 : end]) != rest:
                    continue
                if possessive:
                    if end >= len(texts) or doc[end].lower_ != "'s":
                        continue
                    end += 1
                longest = max(longest, end - start)
            if longest:
                doc[start]._.set(NATIONALITY_ATTR, longest)
        return doc


@Language.factory(NATIONALITY_MARKER)
def make_nationality_marker(nlp: Language, name: str) -> NationalityMarker:
    return NationalityMarker(nlp)


def nationality_lengths(nlp: Language) -> list[int]:
    """The token lengths of the nationality heads ("Ukraine's" is 2)."""
    return sorted({len(words) + possessive for words, possessive in nationality_heads(nlp)})


def _nationality_patterns(nlp: Language) -> list[dict]:
    """NATIONALITY (+ modifiers) + force noun -> the country's armed forces; ministries.

    A nationality is the ``NATIONALITY_ATTR`` mark of its first word followed by as many
    tokens as it says: one pattern per construction and nationality length."""
    patterns = []
    for label, tail, ident in _nationality_constructions():
        for length in nationality_lengths(nlp):
            head = [{"_": {NATIONALITY_ATTR: length}}] + [{}] * (length - 1)
            patterns.append({"label": label, "pattern": [*head, *tail], "id": ident})
    return patterns + _bare_ministry_patterns()


def _nationality_constructions() -> list[tuple[str, list[dict], str]]:
    """What follows a nationality: (label, token patterns, rule id)."""
    modifiers = {"LOWER": {"IN": sorted(FORCE_MODIFIERS)}, "OP": "*"}
    force = {"LOWER": {"IN": sorted(FORCE_NOUNS)}}
    kinds = sorted(MINISTRY_KINDS)
    return [
        ("MilitaryUnit", [modifiers, force], "@forces"),
        ("Organization", [{"LOWER": {"IN": kinds}}, {"LOWER": "ministry"}], "@ministry"),
        (
            "Organization",
            [
                {"LOWER": {"IN": ["ministry", "minstry"]}},
                {"LOWER": "of"},
                {"LOWER": {"IN": kinds}},
                {"LOWER": "affairs", "OP": "?"},
            ],
            "@ministry",
        ),
        (
            "Organization",
            [
                {"LOWER": "state"},
                {"LOWER": {"IN": ["news", "television", "tv"]}, "OP": "?"},
                {"LOWER": {"IN": sorted(STATE_MEDIA | {"agency"})}},
            ],
            "@statemedia",
        ),
        *(
            (label, [{"LOWER": w} for w in words.split()], "@national")
            for words, label in NATIONAL_BODIES
        ),
    ]


def _bare_ministry_patterns() -> list[dict]:
    """Ministries without a nationality: resolved to the most recently named country by
    ``passes.bare_ministries``."""
    kinds = sorted(MINISTRY_KINDS)
    return [
        {
            "label": "Organization",
            "pattern": [
                {"LOWER": "ministry"},
                {"LOWER": "of"},
                {"LOWER": {"IN": kinds}},
                {"LOWER": "affairs", "OP": "?"},
                {"LOWER": "of", "OP": "?"},
                {"IS_TITLE": True, "OP": "?"},
            ],
            "id": "@ministry",
        },
        {
            "label": "Organization",
            "pattern": [{"LOWER": {"IN": kinds}}, {"LOWER": "ministry"}],
            "id": "@ministry",
        },
    ]


def _structural_patterns() -> list[dict]:
    """Units, armed groups, regions, rivers, named facilities, fronts."""
    return _unit_patterns() + _place_patterns()


def _unit_patterns() -> list[dict]:
    """Units, armed groups, commands."""
    ordinal = {"TEXT": {"REGEX": r"^\d+(st|nd|rd|th)$"}}
    kind = {"LOWER": {"IN": sorted(UNIT_KINDS)}, "OP": "*"}
    title_kind = {"IS_TITLE": True, "POS": {"NOT_IN": _NOT_NAME_POS}, "OP": "*"}
    unit = {"LOWER": {"IN": sorted(UNIT_NOUNS)}}
    group_mod = {"LOWER": {"IN": sorted(GROUP_MODIFIERS)}, "OP": "*"}
    name = _name_seq()
    return [
        {"label": "MilitaryUnit", "pattern": [ordinal, kind, unit], "id": "@unit"},
        {"label": "MilitaryUnit", "pattern": [ordinal, title_kind, unit], "id": "@unit"},
        {
            "label": "MilitaryUnit",
            "pattern": [*name, group_mod, {"LOWER": {"IN": sorted(GROUP_NOUNS)}}],
            "id": "@group",
        },
        {
            "label": "MilitaryUnit",
            "pattern": [*name, {"TEXT": {"IN": ["Force", "Forces"]}}],
            "id": "@group",
        },
        {  # "the Eastern Group of Forces", "the Khortytsia group of forces"
            "label": "MilitaryUnit",
            "pattern": [*name, {"LOWER": "group"}, {"LOWER": "of"}, {"LOWER": "forces"}],
            "id": "@command",
        },
        {  # "Southern Operational Command", "Operational Command of the Polish Armed Forces"
            "label": "MilitaryUnit",
            "pattern": [
                _name_token("?"),
                {"LOWER": "operational"},
                {"LOWER": "command"},
                {"LOWER": "of", "OP": "?"},
                {"LOWER": "the", "OP": "?"},
                {"IS_TITLE": True, "POS": {"NOT_IN": _NOT_NAME_POS}, "OP": "?"},
                {"LOWER": {"IN": ["armed", "defence", "defense"]}, "OP": "?"},
                {"LOWER": "forces", "OP": "?"},
            ],
            "id": "@command",
        },
    ]


def _place_patterns() -> list[dict]:
    """Regions, camps, rivers, named facilities, fronts."""
    name = _name_seq()
    return [
        {
            "label": "Region",
            "pattern": [*name, {"LOWER": {"IN": sorted(REGION_NOUNS)}}],
            "id": "@region",
        },
        {"label": "Region", "pattern": [*name, {"ORTH": "state"}], "id": "@region"},
        {
            "label": "Region",
            "pattern": [{"LOWER": {"IN": sorted(REGION_NOUNS)}}, {"LOWER": "of"}, *name],
            "id": "@region",
        },
        {"label": "Place", "pattern": [*name, {"LOWER": "camp"}], "id": "@place"},
        {"label": "River", "pattern": [*name, {"LOWER": "river"}], "id": "@river"},
        {"label": "River", "pattern": [{"LOWER": "river"}, *name], "id": "@river"},
        {
            "label": "Facility",
            "pattern": [
                *name,
                {
                    "LOWER": {"IN": ["nuclear", "power", "thermal", "steel", "air", "railway"]},
                    "OP": "*",
                },
                {"LOWER": {"IN": sorted(FACILITY_NAME_NOUNS)}},
            ],
            "id": "@facility",
        },
        {
            "label": "Place",
            "pattern": [
                {"TEXT": {"IN": ["Eastern", "Western", "Southern", "Northern", "Southwestern"]}},
                {"TEXT": "Front"},
            ],
            "id": "@place",
        },
    ]


def _weapon_patterns(nlp: Language) -> list[dict]:
    """Weapon systems ("HIMARS", "Kh-101", "Patriot systems", "Shahed-type drones"):
    spans labelled ``WEAPON`` so that neither the NER nor our rules make them actors."""
    data = weapons()
    needs = set(data["needs_noun"])
    noun = {"LOWER": {"IN": sorted({n.lower() for n in data["nouns"]})}}
    mods = {"LOWER": {"IN": sorted(data["modifiers"])}, "OP": "*"}
    out = [
        {"label": WEAPON, "pattern": [{"TEXT": {"REGEX": data["model_regex"]}}], "id": "@weapon"}
    ]
    one_word = set()  # names of one token share a single pattern: one Matcher pass
    for name in data["names"]:
        words = [{"ORTH": t.text} for t in nlp.make_doc(name)]
        if name not in needs:
            out.append({"label": WEAPON, "pattern": words, "id": "@weapon"})
        if len(words) == 1:
            one_word.add(words[0]["ORTH"])
        else:
            out.append({"label": WEAPON, "pattern": [*words, mods, noun], "id": "@weapon"})
    if one_word:
        first = {"ORTH": {"IN": sorted(one_word)}}
        out.append({"label": WEAPON, "pattern": [first, mods, noun], "id": "@weapon"})
    return out


def _list_patterns() -> list[dict]:
    """Names sharing one plural region noun: "the Kyiv, Dnipropetrovsk and Odesa regions"."""
    name, comma = _name_token(), {"ORTH": ","}
    plural = {"LOWER": {"IN": sorted(PLURAL_REGION_NOUNS)}}
    sep_and = [{"ORTH": ",", "OP": "?"}, {"LOWER": "and"}]
    shapes = [
        [name, *sep_and, name, plural],
        [name, comma, name, *sep_and, name, plural],
        [name, comma, name, comma, name, *sep_and, name, plural],
    ]
    return [{"label": "Region", "pattern": p, "id": "@regions"} for p in shapes]


def _name_head_patterns() -> list[dict]:
    """Organisations by their head noun, local administrations, compass-point regions."""
    name = _name_seq()
    head = {"TEXT": {"IN": sorted(ORG_HEADS)}}
    tail = [{"LOWER": {"IN": ["for", "of", "on"]}}, {"LOWER": "the", "OP": "?"}, *name]
    admin = {"LOWER": {"IN": sorted(ADMINISTRATION_WORDS)}, "OP": "+"}
    adjective = {"TEXT": {"IN": sorted(country_by_adjective())}}  # "Norwegian Refugee Council"
    acronym = {"IS_UPPER": True, "LENGTH": {">=": 2}, "OP": "?"}  # "UN Relief and ..."
    joined = [acronym, *name, {"LOWER": "and"}, *name]  # "UN Relief and Works Agency"
    return [
        {"label": "Organization", "pattern": [*name, head], "id": "@org"},
        {"label": "Organization", "pattern": [*name, head, *tail], "id": "@org"},
        {"label": "Organization", "pattern": [*joined, head], "id": "@org"},
        {"label": "Organization", "pattern": [*joined, head, *tail], "id": "@org"},
        {"label": "Organization", "pattern": [head, *tail], "id": "@org"},
        {"label": "Organization", "pattern": [adjective, _name_token("*"), head], "id": "@org"},
        {
            "label": "Organization",
            "pattern": [adjective, _name_token("*"), head, *tail],
            "id": "@org",
        },
        {
            "label": "Organization",
            "pattern": [*name, admin, {"LOWER": "administration"}],
            "id": "@administration",
        },
        {
            "label": "Region",
            "pattern": [{"TEXT": {"IN": sorted(COMPASS)}}, *name],
            "id": "@compass",
        },
    ]


def build_patterns(nlp: Language) -> list[dict]:
    """All ruler patterns; on equal spans a gazetteer name beats a rule (EntityChooser)."""
    return (
        _gazetteer_patterns(nlp)
        + _nationality_patterns(nlp)
        + _structural_patterns()
        + _weapon_patterns(nlp)
        + _list_patterns()
        + _name_head_patterns()
    )


def add_entity_ruler(nlp: Language) -> None:
    """Add the conflict-kg entity ruler before spaCy's NER (idempotent): the nationality
    marker, the two span rulers and the chooser that makes their matches entities."""
    if RULER_NAME in nlp.pipe_names:
        return
    before = "ner" if "ner" in nlp.pipe_names else None
    if NATIONALITY_MARKER not in nlp.pipe_names:
        nlp.add_pipe(NATIONALITY_MARKER, before=before)
    ruler = nlp.add_pipe(
        "span_ruler", name=RULER_NAME, before=before, config={"spans_key": SPANS_KEY}
    )
    lower = nlp.add_pipe(
        "span_ruler",
        name=LOWER_RULER_NAME,
        before=before,
        config={"spans_key": SPANS_KEY, "phrase_matcher_attr": "LOWER", "overwrite": False},
    )
    nlp.add_pipe(CHOOSER_NAME, before=before)
    exact, any_case = split_patterns(nlp, build_patterns(nlp))
    with nlp.select_pipes(disable=nlp.pipe_names):  # phrase patterns need the tokenizer only
        ruler.add_patterns(exact)
        lower.add_patterns(any_case)


def split_patterns(nlp: Language, patterns: list[dict]) -> tuple[list[dict], list[dict]]:
    """The patterns of the exact ruler and of the ``LOWER`` ruler.

    A token pattern of exact words only becomes a phrase of the exact ruler; one of
    lower-case ``LOWER`` words only ("al jazeera" in any case) a phrase of the ``LOWER``
    ruler, when the tokenizer splits the phrase into those very words ("u.s.a." it does
    not: that one stays a token pattern). A phrase matcher finds all its phrases in one
    pass, where the Matcher spends a pass on every token pattern."""
    exact, any_case = [], []
    for pattern in patterns:
        words = lower_words(pattern["pattern"])
        phrase = " ".join(words) if words else ""
        if words and [t.text for t in nlp.make_doc(phrase)] == words:
            any_case.append({**pattern, "pattern": phrase})
        else:
            exact.append(_as_phrase(pattern))
    return exact, any_case


def _as_phrase(pattern: dict) -> dict:
    """A token pattern of exact words only becomes a phrase pattern: the phrase matcher
    finds it in one pass, where each token pattern costs the Matcher a pass of its own."""
    tokens = pattern["pattern"]
    if not isinstance(tokens, list):
        return pattern
    words = []
    for token in tokens:
        if len(token) != 1 or not isinstance(next(iter(token.values())), str):
            return pattern
        key, value = next(iter(token.items()))
        if key not in ("TEXT", "ORTH"):
            return pattern
        words.append(value)
    return {**pattern, "pattern": " ".join(words)}


def lower_words(pattern: object) -> list[str] | None:
    """The words of a token pattern made of lower-case ``LOWER`` values only, else None."""
    if not isinstance(pattern, list) or not pattern:
        return None
    words = []
    for token in pattern:
        value = token.get("LOWER") if len(token) == 1 else None
        if not isinstance(value, str) or value != value.lower():
            return None
        words.append(value)
    return words


def rank(span: Span) -> tuple[int, int, bool, int]:
    """Longest first, then leftmost, then a gazetteer name over a rule (``@...``) on the
    same words ("Israel Defense Forces" the name, not ``@group``), then a fixed order
    (the hash of "label||id") so that no tie depends on the order a ``set`` iterates."""
    ident = span.id_
    return (
        len(span),
        -span.start,
        not ident.startswith("@"),
        hash_string(f"{span.label_}||{ident}"),
    )


class EntityChooser:
    """Makes the span rulers' matches entities, as spaCy's EntityRuler chooses them.

    The matches (``doc.spans[spans_key]``, removed afterwards) are ranked by ``rank``;
    each, best first, becomes an entity unless it overlaps one already chosen or an
    entity the document had before."""

    def __init__(self, spans_key: str = SPANS_KEY) -> None:
        self.spans_key = spans_key

    def ranked(self, doc: Doc) -> list[Span]:
        """The distinct matches of ``doc``, best first."""
        if self.spans_key not in doc.spans:
            return []
        distinct = {(s.start, s.end, s.label_, s.id_): s for s in doc.spans[self.spans_key]}
        return sorted(distinct.values(), key=rank, reverse=True)

    def __call__(self, doc: Doc) -> Doc:
        entities, new, seen = list(doc.ents), [], set()
        for span in self.ranked(doc):
            start, end = span.start, span.end
            if any(t.ent_type for t in doc[start:end]) or start in seen or end - 1 in seen:
                continue
            new.append(Span(doc, start, end, label=span.label_, span_id=span.id_))
            entities = [e for e in entities if not (e.start < end and e.end > start)]
            seen.update(range(start, end))
        if self.spans_key in doc.spans:
            del doc.spans[self.spans_key]
        doc.ents = entities + new
        return doc


@Language.factory(CHOOSER_NAME, default_config={"spans_key": SPANS_KEY})
def make_entity_chooser(nlp: Language, name: str, spans_key: str) -> EntityChooser:
    return EntityChooser(spans_key)
