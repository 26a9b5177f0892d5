"""Entity candidates: every mention of one paragraph, cleaned and typed.

``paragraph_candidates(parsed, para)`` takes every ruler or NER entity of the
paragraph, cleans it (titles, "the", possessive "'s", photo credits out) and types it
with context rules from ``cues.py`` (a capital that speaks is its country; a name after
"near"/"the town of" is a settlement; a name with an appositive "a war correspondent"
is a person), then adds what the parse finds on tokens the NER left alone
(nationality adjectives, "the Russians" in a sentence about fighting, unnamed
facilities such as "a school", place names after "near", "X" the platform).

Ruler entities whose id starts with ``@`` (``"@region"``, ``"@unit"``, ...) are
labelled by the matching ``_Finder._rule_<name>`` method.

Confidence: gazetteer 0.95, ruler pattern 0.85, NER 0.75, NER retyped by context 0.6,
parse-only guesses 0.5.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ...types import ENTITY_TYPES, Span
from .. import lexicon
from ..parsed import Paragraph, Parsed
from . import ruler as pat
from .cues import (
    PLURAL_TAIL_NOUNS,
    REGION_NAME_HEADS,
    REGION_TAIL_NOUNS,
    after_dateline,
    after_slash,
    after_title,
    armed_name,
    counted_or_harmed,
    country_in,
    dateline_place,
    fighting_alliance,
    is_government,
    listed_in_region,
    looks_like_org,
    military,
    owner_before,
    owner_of_armed_name,
    person_context,
    place_context,
    possessive_owner,
    region_label,
    titled,
    trim,
)

__all__ = [
    "CONTEXT",
    "CONTRACT_TYPES",
    "GAZETTEER",
    "GUESS",
    "NER",
    "NER_TYPES",
    "PLACE_TYPES",
    "RULE",
    "UNKNOWN",
    "Candidate",
    "forces_country",
    "paragraph_candidates",
]

CONTRACT_TYPES = frozenset(ENTITY_TYPES)
#: spaCy NER labels we use -> the contract type they default to.
NER_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Settlement",
    "LOC": "Place",
    "FAC": "Facility",
    "NORP": "Country",
}
GAZETTEER, RULE, NER, CONTEXT, GUESS = 0.95, 0.85, 0.75, 0.6, 0.5
#: Type of an untagged proper name that a document pass may still recognise.
UNKNOWN = "Unknown"

#: First words of a named natural feature or line: "Cape Khersones", "the Gulf of Aden",
#: "Mount Hermon" are places, never settlements, and a "Line of Control" is no building.
PLACE_NAME_OPENERS = lexicon.words("place_name_openers")


def geographic_name(text: str) -> bool:
    """ "Cape Khersones", "Gulf of Aden", "Line of Control", "Line of Contact"."""
    words = text.split()
    if len(words) < 2:
        return False
    return words[0] in PLACE_NAME_OPENERS or (words[0] == "Line" and words[1] == "of")


PLACE_TYPES = frozenset({"Settlement", "Region", "River", "Facility", "Place"})
_FACILITY_WORDS = pat.FACILITY_NAME_NOUNS | pat.FACILITY_NOUNS | pat.FACILITY_NEEDS_MODIFIER
_NOT_NAME_POS = frozenset({"ADJ", "ADV", "VERB", "DET", "PRON", "ADP", "AUX", "SCONJ", "CCONJ"})


@dataclass
class Candidate:
    """One mention before merging: where, what type, which label, how sure."""

    span: Span
    type: str
    label: str
    confidence: float
    source: str = "ner"  # gazetteer | rule | ner | context | guess
    generic: bool = False
    country: str | None = None  # the country this mention names or belongs to
    kind: str | None = None  # ministry kind for a bare ministry ("Defence")


# --- candidates from one paragraph --------------------------------------------------


class _Para:
    """Helpers over one parsed paragraph."""

    def __init__(self, parsed: Parsed, para: Paragraph) -> None:
        self.parsed, self.para, self.doc = parsed, para, para.doc
        self.covered: set[int] = set()

    def span(self, start: int, end: int) -> Span:
        """A document Span for tokens [start, end)."""
        return self.parsed.span_of(self.para, self.doc[start:end])

    def cover(self, start: int, end: int) -> None:
        self.covered.update(range(start, end))


class _Finder:
    """Builds the candidates of one paragraph."""

    def __init__(self, p: _Para) -> None:
        self.p, self.doc = p, p.doc
        self.out: list[Candidate] = []

    def emit(self, start: int, end: int, type_: str, label: str, conf: float, source: str, **kw):
        if start >= end:
            return
        if label.isupper() and len(label) > 4 and type_ in PLACE_TYPES:
            label = label.title()  # a dateline's "KHARTOUM"
        self.out.append(Candidate(self.p.span(start, end), type_, label, conf, source, **kw))

    # ruler entities -------------------------------------------------------------
    def ruler(self, ent: SpacySpan) -> None:
        ident = ent.ent_id_ or ent.text
        start, end = trim(self.doc, ent.start, ent.end, ent.label_)
        tokens = self.doc[start:end]
        capital = pat.country_by_capital().get(tokens.text)
        if capital and is_government(self.doc[end - 1]):
            self.emit(start, end, "Country", capital.name, CONTEXT, "context", country=capital.name)
            return
        if not ident.startswith("@"):
            country = pat.country_by_name().get(ident.lower())
            forces = _forces_country().get(ident)
            source = "gazetteer" if ident in _gazetteer_names() else "rule"
            after = self.doc[end] if end < len(self.doc) else None
            if ent.label_ == "Settlement" and after is not None and after.text == "City":
                end += 1  # "Kherson City": the city itself, not a settlement "City"
                self.p.cover(start, end)
            conf = GAZETTEER if source == "gazetteer" else RULE
            self.emit(
                start,
                end,
                ent.label_,
                ident,
                conf,
                source,
                country=(country.name if country and ent.label_ == "Country" else forces),
            )
            return
        rule = getattr(self, "_rule_" + ident[1:])
        rule(tokens, ent.label_)

    def _rule_ministry(self, tokens: SpacySpan, type_: str) -> None:
        found = country_in(tokens)
        country = found[0].name if found else None
        kind = next(
            (pat.MINISTRY_KINDS[t.lower_] for t in tokens if t.lower_ in pat.MINISTRY_KINDS), None
        )
        start, end = tokens.start, tokens.end
        while end > start and self.doc[end - 1].pos_ == "ADP":
            end -= 1
        kind = kind or "Defence"
        owner = None if country else owner_before(self.doc, start)
        if owner:  # "Gaza's health ministry", "the Hamas-run health ministry"
            label = f"Ministry of {kind} of {owner}"
            self.emit(start, end, type_, label, RULE, "rule")
            return
        before = self.doc[start - 1] if start > 0 else None
        if (
            not country
            and before is not None
            and before.pos_ == "PROPN"
            and before.is_title
            and before.lower_ not in pat.country_by_name()
        ):  # "the Gaza Health Ministry": the place names it
            label = f"Ministry of {kind} of {before.text}"
            self.emit(start - 1, end, type_, label, RULE, "rule")
            return
        label = f"Ministry of {kind} of {country}" if country else f"Ministry of {kind}"
        self.emit(start, end, type_, label, RULE, "rule", country=country, kind=kind)

    def _rule_national(self, tokens: SpacySpan, type_: str) -> None:
        """ "Ukrainian General Staff", "Israeli air force": the adjective and the body."""
        found = country_in(tokens)
        country, after = found if found else (None, tokens.start + 1)
        rest = " ".join(t.text for t in tokens if t.i >= after and t.lower_ not in {"'s", "’s"})
        self._national(tokens, type_, country, titled(rest))

    def _rule_statemedia(self, tokens: SpacySpan, type_: str) -> None:
        found = country_in(tokens)
        country = found[0] if found else None
        last = tokens[-1].lower_
        what = {"media": "state media", "agency": "state news agency"}.get(last, "state television")
        self._national(tokens, type_, country, what)

    def _national(
        self, tokens: SpacySpan, type_: str, country: pat.Country | None, what: str
    ) -> None:
        """ "<nationality adjective> <what>", tied to the country when there is one."""
        adjective = country.adjectives[0] if country and country.adjectives else tokens[0].text
        label, name = f"{adjective} {what}", country.name if country else None
        self.emit(tokens.start, tokens.end, type_, label, RULE, "rule", country=name)

    def _rule_forces(self, tokens: SpacySpan, type_: str) -> None:
        found = country_in(tokens)
        if found is None:
            return
        country = found[0]
        after = self.doc[tokens.end] if tokens.end < len(self.doc) else None
        if after is not None and after.lower_ in pat.COMMENTATOR_NOUNS:
            # "a Ukrainian military blogger": the country, not its forces
            at = tokens.start
            while at < found[1] - 1 and self.doc[at].pos_ in ("DET", "PUNCT"):
                at += 1
            name = country.name
            self.emit(at, found[1], "Country", name, CONTEXT, "context", country=name)
            return
        self.emit(
            tokens.start, tokens.end, type_, country.forces, RULE, "rule", country=country.name
        )

    def _rule_command(self, tokens: SpacySpan, type_: str) -> None:
        """'Khortytsia group of forces' -> 'Khortytsia Group of Forces'; a dangling
        'of the' ('Operational Command of the ...' with no forces after it) is cut."""
        end = tokens.end
        while end > tokens.start and self.doc[end - 1].lower_ in {"of", "the"}:
            end -= 1
        words = [t.text for t in self.doc[tokens.start : end]]
        label = " ".join(w if w.lower() in {"of", "the"} else w[:1].upper() + w[1:] for w in words)
        self.emit(tokens.start, end, type_, label, RULE, "rule")

    def _rule_unit(self, tokens: SpacySpan, type_: str) -> None:
        self.emit(tokens.start, tokens.end, type_, titled(tokens.text), RULE, "rule")

    def _rule_group(self, tokens: SpacySpan, type_: str) -> None:
        name_end = tokens.start
        while name_end < tokens.end and not (
            self.doc[name_end].lower_ in pat.GROUP_MODIFIERS | pat.GROUP_NOUNS
            or self.doc[name_end].text in {"Force", "Forces"}
        ):
            name_end += 1
        name_start = tokens.start
        while name_start < name_end - 1 and (
            self.doc[name_start].pos_ != "PROPN"
            or self.doc[name_start].text in pat.ETHNIC_ADJECTIVES
            or self.doc[name_start].text in pat.country_by_adjective()
        ):
            name_start += 1
        for i in range(name_start, name_end):  # "Chechen Akhmat": the known "Akhmat"
            if pat.name_index().get(self.doc[i:name_end].text.lower()):
                name_start = i
                break
        name = self.doc[name_start:name_end].text
        entry = pat.name_index().get(name.lower())
        if entry and entry.type != "MilitaryUnit":  # "a Telegram group": the platform
            self.emit(name_start, name_end, entry.type, entry.name, GAZETTEER, "gazetteer")
            return
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
        start = tokens.start
        if armed_name([t.text for t in tokens]) and possessive_owner(self.doc, start):
            start -= 2  # "People's Defence Force"
            label = self.doc[start : tokens.end].text
        self.emit(start, tokens.end, type_, label, RULE, "rule")

    def _rule_region(self, tokens: SpacySpan, type_: str) -> None:
        words = [t for t in tokens if t.lower_ not in pat.REGION_NOUNS | {"of", "state"}]
        noun = next(
            (t.lower_ for t in tokens if t.lower_ in pat.REGION_NOUNS | {"state"}), "region"
        )
        name = self.doc[words[0].i : words[-1].i + 1].text if words else tokens.text
        if "military" in name.lower().split() and noun == "district":
            self.emit(tokens.start, tokens.end, "MilitaryUnit", tokens.text, RULE, "rule")
            return
        self.emit(tokens.start, tokens.end, type_, region_label(name, noun), RULE, "rule")

    def _rule_regions(self, tokens: SpacySpan, type_: str) -> None:
        """ "the Kyiv, Dnipropetrovsk and Odesa regions": one region per listed name."""
        noun = pat.PLURAL_REGION_NOUNS[tokens[-1].lower_]
        names = [t for t in tokens[:-1] if t.lower_ not in {",", "and"}]
        for tok in names:
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
            self.emit(tok.i, tok.i + 1, "Region", label, RULE, "rule")

    def _rule_org(self, tokens: SpacySpan, type_: str) -> None:
        """ "the Sudan Doctors Network", "International Organization for Migration"."""
        entry = pat.name_index().get(tokens.text.lower())
        if entry:
            self.emit(tokens.start, tokens.end, entry.type, entry.name, GAZETTEER, "gazetteer")
            return
        country = pat.country_by_name().get(tokens.text.lower())
        if country:  # "the Soviet Union"
            self.emit(
                tokens.start,
                tokens.end,
                "Country",
                country.name,
                RULE,
                "rule",
                country=country.name,
            )
            return
        if fighting_alliance([t.text for t in tokens], tokens.root):
            # "an offensive launched by the Three Brotherhood Alliance": an armed group
            self.emit(tokens.start, tokens.end, "MilitaryUnit", tokens.text, CONTEXT, "context")
            return
        self.emit(tokens.start, tokens.end, "Organization", tokens.text, RULE, "rule")

    def _rule_administration(self, tokens: SpacySpan, type_: str) -> None:
        """ "the Donetsk regional military administration": a body, not the place."""
        self.emit(tokens.start, tokens.end, "Organization", titled(tokens.text), RULE, "rule")

    def _rule_compass(self, tokens: SpacySpan, type_: str) -> None:
        """ "North Darfur", "South Kordofan": the compass word is part of the name."""
        entry = pat.name_index().get(tokens.text.lower())
        country = pat.country_by_name().get(tokens.text.lower())
        last = tokens[-1].lower_
        if not entry and not country and tokens[-1].pos_ == "ADJ":
            return  # "Central Asian states": an adjective, no region's name
        if entry:
            self.emit(tokens.start, tokens.end, entry.type, entry.name, GAZETTEER, "gazetteer")
        elif country:
            c = country.name
            self.emit(tokens.start, tokens.end, "Country", c, RULE, "rule", country=c)
        elif last in {"command", "front"} | pat.UNIT_NOUNS:
            self.emit(tokens.start, tokens.end, "MilitaryUnit", tokens.text, RULE, "rule")
        elif last in pat.ORG_WORDS:
            self.emit(tokens.start, tokens.end, "Organization", tokens.text, RULE, "rule")
        else:
            self.emit(tokens.start, tokens.end, "Region", tokens.text, RULE, "rule")

    def _rule_river(self, tokens: SpacySpan, type_: str) -> None:
        words = [t for t in tokens if t.lower_ != "river"]
        name = self.doc[words[0].i : words[-1].i + 1].text if words else tokens.text
        entry = pat.name_index().get(name.lower())
        label = entry.name if entry and entry.type == "River" else name
        self.emit(tokens.start, tokens.end, type_, label, RULE, "rule")

    def _rule_facility(self, tokens: SpacySpan, type_: str) -> None:
        entry = pat.name_index().get(tokens.text.lower())
        label = entry.name if entry else titled(tokens.text)
        self.emit(tokens.start, tokens.end, type_, label, RULE, "rule")

    def _rule_place(self, tokens: SpacySpan, type_: str) -> None:
        self.emit(tokens.start, tokens.end, type_, tokens.text, RULE, "rule")

    # NER entities ---------------------------------------------------------------
    def ner(self, ent: SpacySpan) -> None:
        doc = self.doc
        if owner_of_armed_name(doc, ent):
            return  # "People" of "People's Defence Force": part of the next name
        start = after_slash(doc, ent.start, ent.end)
        type_ = NER_TYPES[ent.label_]
        start, end = trim(doc, start, ent.end, type_)
        if start >= end:
            return
        if doc[start].lower_ in pat.SETTLEMENT_NOUNS and end - start > 1 and ent.label_ != "ORG":
            # "Kibbutz Be'eri", "Village Ivanivka": the noun is part of the place's name
            self.emit(start, end, "Settlement", doc[start:end].text, CONTEXT, "context")
            return
        if ent.label_ == "NORP" or doc[start].lower_ in {"pro", "anti"}:
            self._norp(start, end)
            return
        tokens = doc[start:end]
        text, root = tokens.text, tokens.root
        if end - start == 1 and tokens[0].is_sent_start and tokens[0].pos_ in _NOT_NAME_POS:
            return  # "Fierce fighting continued": a capitalised word, not a name
        if (
            end < len(doc)
            and doc[end].lower_ in REGION_TAIL_NOUNS
            and end not in self.p.covered
            and ent.label_ in {"GPE", "LOC", "PERSON", "ORG", "NORP"}
            and text.lower() not in pat.country_by_name()
        ):  # "Kani township", "Sagaing region", "Rakhine state"
            label = region_label(text, doc[end].lower_)
            self.emit(start, end + 1, "Region", label, CONTEXT, "context")
            return
        plural = self._plural_region_noun(end)
        if (
            plural is not None
            and ent.label_ in {"GPE", "LOC", "PERSON", "ORG", "NORP"}
            and text.lower() not in pat.country_by_name()
        ):  # "in Idlib and western Aleppo governorates", "Masisi and Rutshuru territories"
            self.emit(start, end, "Region", region_label(text, plural), CONTEXT, "context")
            return
        if ent.label_ == "LOC" and tokens[-1].text in REGION_NAME_HEADS and end - start > 1:
            self.emit(start, end, "Region", text, CONTEXT, "context")  # "the Bekaa Valley"
            return
        if ent.label_ in {"LOC", "FAC", "GPE", "ORG"} and geographic_name(tokens.text):
            self.emit(start, end, "Place", text, CONTEXT, "context")  # "Cape Khersones"
            return
        if text in pat.country_by_adjective():
            self.emit(
                start,
                end,
                "Country",
                pat.country_by_adjective()[text].name,
                CONTEXT,
                "context",
                country=pat.country_by_adjective()[text].name,
            )
            return
        if text in pat.country_by_demonym():
            self._demonym(start, end)
            return
        if text in pat.country_by_capital():
            country = pat.country_by_capital()[text]
            if is_government(doc[end - 1]):
                self.emit(
                    start, end, "Country", country.name, CONTEXT, "context", country=country.name
                )
            else:
                self.emit(start, end, "Settlement", text, NER, "ner")
            return
        country = pat.country_by_name().get(text.lower())
        if country and ent.label_ in {"GPE", "ORG", "LOC", "NORP"}:
            self.emit(start, end, "Country", country.name, NER, "ner", country=country.name)
            return
        entry = pat.name_index().get(text.lower())
        if entry:
            self.emit(start, end, entry.type, entry.name, GAZETTEER, "gazetteer")
            return
        if ent.label_ != "PERSON" and person_context(root):
            self.emit(start, end, "Person", text, CONTEXT, "context")
            return
        if ent.label_ == "FAC" and place_context(root, strong_only=True):
            if not any(w.lower() in _FACILITY_WORDS for w in (t.text for t in tokens)):
                # "a base at Um Kadada": a bare name in a place slot is a settlement
                self.emit(start, end, "Settlement", text, GUESS, "guess")
                return
        if ent.label_ == "PERSON":
            if listed_in_region(root):
                prev = doc[start - 1] if start > 0 else None
                if (
                    prev is not None
                    and prev.is_title
                    and root.head == prev
                    and not prev.is_sent_start
                ):
                    start -= 1  # "attacked Let Pan Hla, ...": the tagger left out "Let"
                self.emit(start, end, "Settlement", doc[start:end].text, GUESS, "guess")
            elif place_context(root, strong_only=True):
                self.emit(start, end, "Settlement", text, GUESS, "guess")
            else:
                self.emit(start, end, "Person", text, NER, "ner")
            return
        words = [t.text for t in tokens]
        if len(words) == 1 and text.lower() in pat.TITLES | pat.ORG_WORDS | {"state"}:
            return  # "Secretary of State": a title, not an organisation
        if ent.label_ in {"ORG", "LOC"} and not looks_like_org(words) and place_context(root):
            self.emit(start, end, "Settlement", text, CONTEXT, "context")
            return
        if ent.label_ == "ORG" and (armed_name(words) or fighting_alliance(words, root)):
            # "Arakan Army", "Kachin Independence Army", "People's Defence Force"
            if possessive_owner(doc, start):
                start -= 2
            self.emit(start, end, "MilitaryUnit", doc[start:end].text, CONTEXT, "context")
            return
        if (
            ent.label_ == "ORG"
            and words[-1].lower() in pat.FACILITY_NAME_NOUNS
            and not looks_like_org(words)
        ):  # "the Saudi Hospital", "Al-Shifa Hospital": a named building
            self.emit(start, end, "Facility", text, CONTEXT, "context")
            return
        if ent.label_ == "LOC" and "Front" in words:
            self.emit(start, end, "Place", text, NER, "ner")
            return
        self.emit(start, end, type_, text, NER, "ner")

    def _plural_region_noun(self, end: int) -> str | None:
        """The singular of a plural region noun closing a list this name ends or is in:
        "Idlib and western Aleppo governorates" -> "governorate" (for both names)."""
        doc = self.doc
        for i in range(end, min(end + 6, len(doc))):
            tok = doc[i]
            if tok.lower_ in PLURAL_TAIL_NOUNS:
                return PLURAL_TAIL_NOUNS[tok.lower_] if i not in self.p.covered else None
            if not (tok.lower_ in {",", "and"} or tok.pos_ in ("PROPN", "ADJ")):
                return None
        return None

    def _norp(self, start: int, end: int) -> None:
        """ "Russian", "pro-Moscow", "Ukrainians": a country or, in a fight, its forces."""
        for i in range(end - 1, start - 1, -1):
            text = self.doc[i].text
            country = pat.country_by_adjective().get(text)
            if country is None and text in pat.country_by_capital():
                country = pat.country_by_capital()[text]
            if country:
                self.emit(
                    i, i + 1, "Country", country.name, CONTEXT, "context", country=country.name
                )
                return
            if text in pat.country_by_demonym():
                self._demonym(i, i + 1)
                return
        tokens = self.doc[start:end]
        if all(t.tag_ == "NNP" for t in tokens) and place_context(tokens.root):
            # "rations to 22,000 people in Binnish": a town the tagger took for a nationality
            self.emit(start, end, "Settlement", tokens.text, GUESS, "guess")

    def _demonym(self, start: int, end: int) -> None:
        country = pat.country_by_demonym()[self.doc[start:end].text]
        definite = start > 0 and self.doc[start - 1].lower_ == "the"
        # "the Russians" in a paragraph about fighting; bare "Russians" in such a sentence
        context = self.doc[:] if definite else self.doc[start].sent
        if military(context) and not counted_or_harmed(self.doc[end - 1]):
            if definite:
                start -= 1
            self.emit(
                start, end, "MilitaryUnit", country.forces, CONTEXT, "context", country=country.name
            )

    # tokens the NER left alone ---------------------------------------------------
    def tokens(self) -> None:
        doc, covered = self.doc, self.p.covered
        i = 0
        while i < len(doc):
            tok = doc[i]
            if i in covered:
                i += 1
                continue
            pair = doc[i : i + 2].text if i + 1 < len(doc) and i + 1 not in covered else None
            if pair and pair in pat.country_by_adjective():
                name = pat.country_by_adjective()[pair].name
                self.emit(i, i + 2, "Country", name, CONTEXT, "context", country=name)
                i += 2
                continue
            if tok.text in pat.country_by_adjective():
                name = pat.country_by_adjective()[tok.text].name
                self.emit(i, i + 1, "Country", name, CONTEXT, "context", country=name)
            elif tok.text in pat.country_by_demonym():
                self._demonym(i, i + 1)
            elif tok.pos_ == "PROPN" and tok.is_title:
                j = i
                while (
                    j + 1 < len(doc)
                    and j + 1 not in covered
                    and doc[j + 1].pos_ == "PROPN"
                    and doc[j + 1].is_title
                ):
                    j += 1
                run = doc[i : j + 1]
                if run.text.lower().rstrip(".") in pat.TITLES:
                    pass
                elif place_context(run.root, strong_only=True):
                    self.emit(i, j + 1, "Settlement", run.text, GUESS, "guess")
                elif after_title(doc, i) and j > i:
                    self.emit(i, j + 1, "Person", run.text, GUESS, "guess")
                elif armed_name([t.text for t in run]):  # an armed group the NER missed
                    self.emit(i, j + 1, "MilitaryUnit", run.text, GUESS, "guess")
                else:  # kept only if a document pass recognises the name
                    self.emit(i, j + 1, UNKNOWN, run.text, GUESS, "guess")
                i = j + 1
                continue
            elif tok.pos_ == "NOUN":
                self._facility(tok)
            i += 1

    def x_platform(self) -> None:
        """ "posted on X", "Twitter/X": the platform formerly called Twitter."""
        doc = self.doc
        for tok in doc:
            if tok.text != "X" or tok.i in self.p.covered or tok.i == 0:
                continue
            before = doc[tok.i - 1]
            if before.lower_ in {"on", "via"} or (before.text == "/" and tok.i >= 2):
                self.emit(tok.i, tok.i + 1, "Organization", "Twitter", RULE, "rule")

    def _facility(self, tok: Token) -> None:
        lemma = tok.lemma_.lower()
        if lemma not in pat.FACILITY_NOUNS | pat.FACILITY_NEEDS_MODIFIER:
            return
        mods = []
        for child in reversed(list(tok.lefts)):
            low = child.lower_
            bare_poss = (
                child.dep_ == "poss"
                and child.pos_ == "NOUN"
                and child.lemma_ not in pat.SETTLEMENT_NOUNS | {"country", "region", "capital"}
                and not any(c.dep_ in {"amod", "compound", "nummod"} for c in child.children)
            )
            if (
                child.dep_ in {"compound", "nmod"}
                or bare_poss
                or (child.dep_ == "amod" and low in pat.FACILITY_MODIFIERS)
            ):
                mods.append(child)
            else:
                break
        start = tok.i
        for child in mods:
            if child.right_edge.i == start - 1 or (
                child.right_edge.i == start - 2 and tok.doc[start - 1].lower_ in {"'s", "’s"}
            ):
                start = child.left_edge.i
            else:
                break
        while start < tok.i and (
            tok.doc[start].pos_ in {"DET", "NUM", "PRON", "PUNCT"} or start in self.p.covered
        ):  # "the Kherson regional administration building": the building, not Kherson
            start += 1
        mod_words = {t.lower_ for t in tok.doc[start : tok.i]}
        end = tok.i + 1
        if lemma == "block":
            of = [c for c in tok.rights if c.lower_ == "of"]
            objs = [c for o in of for c in o.children if c.dep_ == "pobj"]
            if objs and objs[0].lemma_ in {"flat", "apartment", "office"}:
                end = objs[0].i + 1
                mod_words.add("flats")
        if lemma in pat.FACILITY_NEEDS_MODIFIER:
            if not (mod_words & pat.FACILITY_MODIFIERS or "flats" in mod_words):
                return
            if lemma in {"centre", "center"} and mod_words & {"city", "town"}:
                return
        if any(i in self.p.covered for i in range(start, end)):
            return
        text = tok.doc[start:end].text
        self.emit(start, end, "Facility", text.lower(), GUESS, "guess", generic=True)
        self.p.cover(start, end)


_FORCES: dict[str, str] = {}


def _forces_country() -> dict[str, str]:
    """Armed forces labels -> their country's name."""
    if not _FORCES:
        _FORCES.update({c.forces: c.name for c in pat.countries()})
    return _FORCES


def forces_country() -> dict[str, str]:
    """Armed forces labels ("Armed Forces of Ukraine") -> their country's name."""
    return dict(_forces_country())


def _gazetteer_names() -> set[str]:
    return {n.name for n in pat.names()} | {c.name for c in pat.countries()}


def paragraph_candidates(parsed: Parsed, para: Paragraph) -> list[Candidate]:
    p = _Para(parsed, para)
    finder = _Finder(p)
    end = dateline_place(para.doc) if para.offset == 0 else 0
    if end:
        place = para.doc[:end].text
        entry = pat.name_index().get(place.lower())
        kind = entry.type if entry and entry.type in PLACE_TYPES else "Settlement"
        finder.emit(0, end, kind, entry.name if entry else place.title(), CONTEXT, "context")
        p.cover(0, end)
    ents = after_dateline(para.doc, list(para.doc.ents)) if para.offset == 0 else para.doc.ents
    for ent in ents:
        if end and ent.start < end:
            continue
        p.cover(ent.start, ent.end)
    for ent in ents:
        if end and ent.start < end:
            continue
        if ent.label_ in CONTRACT_TYPES:
            finder.ruler(ent)
        elif ent.label_ in NER_TYPES:
            finder.ner(ent)
    finder.tokens()
    finder.x_platform()
    return finder.out
