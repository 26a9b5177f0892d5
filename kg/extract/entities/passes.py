"""Document passes over entity candidates: one reading per name across the document.

Each pass rewrites the candidates in place (``acronyms`` returns a new list):

- ``one_type_per_name``: one type per name in the document (the strongest reading wins;
  the rules of ``entities.one_type_per_name``);
- ``surnames``: a surname alone joins the full name;
- ``service_tails``: "the Navy" after "Ukraine's Navy" is that navy;
- ``bare_ministries``: a bare "ministry of defence" goes to the most recently named
  country;
- ``definite_rivers``: "the Dnipro" after "the Dnipro river" is the river;
- ``acronyms``: an acronym introduced in brackets joins its expansion.

``entities.find_candidates`` runs them in that order.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from ...types import Span
from .. import lexicon
from ..parsed import Parsed
from ..rules import NOTHING, RuleList
from . import ruler as pat
from .candidates import PLACE_TYPES, UNKNOWN, Candidate
from .cues import REGION_TAIL_NOUNS
from .names import fold

__all__ = [
    "ONE_TYPE",
    "Readings",
    "acronyms",
    "bare_ministries",
    "definite_rivers",
    "one_type_per_name",
    "readings",
    "repeated_settlements",
    "service_tails",
    "surnames",
]


ONE_TYPE: RuleList[Candidate] = RuleList("entities.one_type_per_name")


@dataclass
class Readings:
    """How the document reads each name: the strongest reading of each folded name, a
    place reading of one-word names (however weak), the last words of full person names."""

    best: dict[str, Candidate]
    places: dict[str, Candidate]
    surnames: set[str]


def readings(cands: list[Candidate]) -> Readings:
    """The readings of the names of ``cands``."""
    best: dict[str, Candidate] = {}
    for c in cands:
        if (
            c.generic
            or c.type in {"Country", UNKNOWN}
            or c.source == "context"
            and c.type != "Settlement"
        ):
            continue
        for name in {fold(c.span.text), fold(c.label)}:
            old = best.get(name)
            if old is None or c.confidence > old.confidence:
                best[name] = c
    places: dict[str, Candidate] = {}
    surnames = set()
    for c in cands:
        if c.type in ("Settlement", "Region") and not c.generic and " " not in c.span.text:
            places.setdefault(fold(c.span.text), c)
        elif c.type == "Region" and not c.generic and _region_noun_after(c.span.text):
            places.setdefault(fold(c.span.text.rsplit(" ", 1)[0]), c)  # "Mahaday district"
        if c.type == "Person" and " " in c.span.text.strip():
            surnames.add(fold(c.span.text.split()[-1]))
    return Readings(best, places, surnames)


def _region_noun_after(text: str) -> bool:
    """ "Mahaday district", "El Gezira state": a name and a region noun."""
    words = text.split()
    return len(words) >= 2 and words[-1].lower() in REGION_TAIL_NOUNS


def one_type_per_name(cands: list[Candidate]) -> None:
    """NER guesses take the type and label of the strongest reading of the same name
    (the rules of ``entities.one_type_per_name``)."""
    found = readings(cands)
    for i, c in enumerate(cands):
        new = ONE_TYPE.value(found, c)
        if new is not None:
            cands[i] = new


@ONE_TYPE.rule
def sure_reading(r: Readings, c: Candidate):
    """A gazetteer or rule mention, a country, a generic mention keep their reading."""
    if c.source not in {"ner", "guess", "context"} or c.generic or c.type == "Country":
        return NOTHING
    return None


@ONE_TYPE.rule
def lone_name_read_as_place(r: Readings, c: Candidate):
    """ "Goma" a person or organisation here, "west of Goma" there: the place (unless
    it is some person's surname)."""
    place = r.places.get(fold(c.span.text))
    lone = c.source == "ner" and " " not in c.span.text and place is not None
    if lone and c.type in ("Person", "Organization") and fold(c.span.text) not in r.surnames:
        return replace(c, type=place.type, label=place.label)
    return None


@ONE_TYPE.rule
def place_slot_over_lone_name(r: Readings, c: Candidate):
    """ "in Kostiantynivka" keeps its place reading over a lone name the tagger called an
    organisation or person (which ``lone_name_read_as_place`` turns into this place)."""
    other = r.best.get(fold(c.span.text))
    if c.type not in ("Settlement", "Region") or other is None or other is c:
        return None
    lone = other.source == "ner" and " " not in other.span.text
    if lone and other.type in ("Person", "Organization") and fold(c.span.text) not in r.surnames:
        return NOTHING
    return None


@ONE_TYPE.rule
def name_of_a_named_region(r: Readings, c: Candidate):
    """ "El Gezira" after "El Gezira state": the tagger's unknown name is that region."""
    if c.source != "ner" or c.type not in ("Settlement", "Organization"):
        return None
    place = r.places.get(fold(c.span.text))
    known = pat.name_index().get(c.span.text.lower())
    if place is not None and place.type == "Region" and place is not c and known is None:
        return replace(c, type="Region", label=place.label)
    return None


@ONE_TYPE.rule
def no_other_reading(r: Readings, c: Candidate):
    """A name read only here, or read elsewhere as a person, keeps its reading."""
    other = r.best.get(fold(c.span.text))
    return NOTHING if not other or other is c or other.type == "Person" else None


@ONE_TYPE.rule
def full_person_name(r: Readings, c: Candidate):
    """A person's name of two or more words stays a person."""
    return NOTHING if c.type == "Person" and " " in c.span.text else None


@ONE_TYPE.rule
def stronger_reading(r: Readings, c: Candidate):
    """A stronger reading of the same name wins (a lone "person" yields to an equally
    strong place)."""
    other = r.best[fold(c.span.text)]
    lone_person = c.type == "Person" and " " not in c.span.text
    if other.confidence > c.confidence or (
        lone_person and other.type in PLACE_TYPES and other.confidence >= c.confidence
    ):
        return replace(c, type=other.type, label=other.label)
    return None


def surnames(cands: list[Candidate]) -> None:
    """A lone surname (or first name used alone) joins the one full name that ends with it."""
    full: dict[str, set[str]] = {}
    for c in cands:
        if c.type == "Person" and " " in c.label:
            last = re.split(r"[\s-]+", c.label)[-1]
            full.setdefault(fold(last), set()).add(c.label)
            full.setdefault(fold(c.label.split()[-1]), set()).add(c.label)
    by_fold: dict[str, str] = {}  # the fullest spelling of each name, deterministically
    for label in sorted({label for labels in full.values() for label in labels}):
        old = by_fold.get(fold(label))
        if old is None or len(label) > len(old):
            by_fold[fold(label)] = label
    for i, c in enumerate(cands):
        if c.source not in {"ner", "context", "guess"} or c.generic:
            continue
        words = c.span.text.split()
        if fold(c.span.text) in by_fold and c.type == UNKNOWN:
            cands[i] = replace(c, type="Person", label=by_fold[fold(c.span.text)])
        elif len(words) == 1 and c.type in {
            "Person",
            "Organization",
            "Settlement",
            "Place",
            UNKNOWN,
        }:
            labels = full.get(fold(words[0]))
            if labels and len(labels) == 1:
                cands[i] = replace(c, type="Person", label=next(iter(labels)))
        elif c.type == "Person" and fold(c.label) in by_fold:
            cands[i] = replace(c, label=by_fold[fold(c.label)])


_BANK = re.compile(r"\b(?:left|right|east|west|eastern|western|opposite|far)\s+banks?\s+of\s+the$")


def _lower_tail(text: str, end: int, size: int = 200) -> str:
    """``text[:end].rstrip().lower()`` as far as "the" and ``_BANK`` can tell: its last
    ``size`` characters, unless they hold a long run of spaces (then all of it), so each
    look costs the same however long the document."""
    if end <= size:
        return text[:end].rstrip().lower()
    tail = text[end - size : end].rstrip().lower()
    if len(tail) < size - 40 or _LONG_SPACE.search(tail):
        return text[:end].rstrip().lower()
    return tail


_LONG_SPACE = re.compile(r"\s{40}")


def definite_rivers(parsed: Parsed, cands: list[Candidate]) -> None:
    """ "the Dnipro" after "the Dnipro river": a bare name with "the" is the river."""
    rivers = {}
    for c in cands:
        if c.type == "River":
            rivers[fold(c.label)] = c.label
            rivers[fold(re.sub(r"(?i)\briver\b", "", c.span.text))] = c.label
    text = parsed.doc.text
    for i, c in enumerate(cands):
        name = fold(c.span.text)
        if c.type == "River" or c.generic or c.type not in PLACE_TYPES:
            continue
        before = _lower_tail(text, c.span.start)
        if name in rivers and before.endswith(("the", "river")):
            cands[i] = replace(c, type="River", label=rivers[name])
        elif _BANK.search(before):  # "on the left bank of the Dnipro": a river
            label = rivers.get(name, c.label)
            cands[i] = replace(c, type="River", label=label)


#: Service names a story shortens a named force to ("the Navy" after "Ukraine's Navy").
SERVICE_TAILS = lexicon.words("service_tails")


def service_tails(cands: list[Candidate]) -> None:
    """ "The Navy said" after "Ukraine's Navy", "the Air Force" after "the Ukrainian Air
    Force": a bare service name the tagger read on its own is the force named before it
    whose label ends in those words."""
    forces: list[str] = []
    for i, c in enumerate(cands):
        text = c.span.text.lower().removeprefix("the ")
        if c.type == "MilitaryUnit" and c.label.lower() not in SERVICE_TAILS:
            forces.append(c.label)
        elif text in SERVICE_TAILS and c.source in {"ner", "guess", "context"} and not c.generic:
            named = [f for f in forces if f.lower().endswith(" " + text)]
            if named:
                cands[i] = replace(c, type="MilitaryUnit", label=named[-1])


def bare_ministries(cands: list[Candidate]) -> None:
    """ "the ministry of defence" with no country: the most recently named country's."""
    last_country = None
    for i, c in enumerate(cands):
        if c.kind and c.country is None and last_country:
            cands[i] = replace(
                c, label=f"Ministry of {c.kind} of {last_country}", country=last_country
            )
        elif c.country:
            last_country = c.country


_ACRONYM = re.compile(r"\s*[(\[]\s*([A-Z][A-Za-z]?[A-Z]{1,7})\s*[)\]]")
_SMALL = frozenset("of the and for in on de al".split())


def _initials(text: str, skip_small: bool) -> str:
    words = re.findall(r"[A-Za-z]+", text)
    return "".join(w[0] for w in words if not (skip_small and w.lower() in _SMALL)).upper()


def acronyms(parsed: Parsed, cands: list[Candidate]) -> list[Candidate]:
    """ "Armed Forces of Ukraine (AFU)": AFU, there and later, is that entity."""
    text = parsed.doc.text
    known: dict[str, Candidate] = {}
    for c in cands:
        if c.generic:
            continue
        match = _ACRONYM.match(text, c.span.end)
        if not match:
            continue
        acro = match.group(1)
        if acro.upper() in {
            _initials(c.label, True),
            _initials(c.label, False),
            _initials(c.span.text, True),
            _initials(c.span.text, False),
        }:
            known.setdefault(acro, c)
    if not known:
        return cands
    by_span = {(c.span.start, c.span.end): i for i, c in enumerate(cands)}
    out = list(cands)
    for para in parsed.paragraphs:
        for tok in para.doc:
            source = known.get(tok.text)
            if source is None:
                continue
            span = parsed.span_of(para, tok)
            if span.start < source.span.end:
                if span.start > source.span.end + 3 or span.start < source.span.start:
                    continue  # only the bracketed one and later mentions
            new = Candidate(
                span, source.type, source.label, source.confidence, "rule", country=source.country
            )
            idx = by_span.get((span.start, span.end))
            if idx is not None:
                out[idx] = new
            elif not any(c.span.start < span.end and span.start < c.span.end for c in out):
                out.append(new)
    return sorted(out, key=lambda c: c.span.start)


def repeated_settlements(parsed: Parsed, cands: list[Candidate]) -> list[Candidate]:
    """A settlement named once is that settlement wherever the same capitalised words
    recur and nothing else was found there ("the town of Sake" ... "near Sake", where
    the tagger read a common noun)."""
    text = parsed.doc.text
    taken = _Intervals((c.span.start, c.span.end) for c in cands)
    words: dict[str, list[int]] | None = None  # each word -> where it starts, built once
    seen: set[str] = set()
    out = list(cands)
    for c in cands:
        name = c.span.text
        if c.type != "Settlement" or c.generic or name in seen or not name[:1].isupper():
            continue
        if name.isupper():
            continue  # a dateline's capitals
        seen.add(name)
        if words is None:
            words = _word_starts(text)
        for start, end in _occurrences(text, name, words):
            if taken.overlaps(start, end):
                continue
            span = Span(start, end, name)
            out.append(replace(c, span=span, confidence=c.confidence * 0.9, source="context"))
            taken.add(start, end)
    return sorted(out, key=lambda c: c.span.start)


_WORD = re.compile(r"\w+")


def _word_starts(text: str) -> dict[str, list[int]]:
    """Where each word (a run of word characters not after one) starts, in order."""
    starts: dict[str, list[int]] = {}
    for m in _WORD.finditer(text):
        starts.setdefault(m.group(), []).append(m.start())
    return starts


def _occurrences(text: str, name: str, words: dict[str, list[int]]) -> Iterator[tuple[int, int]]:
    """What ``re.finditer(r"(?<![\\w-])NAME(?![\\w-])", text)`` finds, looked up through the
    positions of the name's first word instead of a scan of the whole text (a name that
    starts with a letter can only match where a word starts)."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    first = _WORD.match(name)
    if first is None:  # not a word character first: scan the text after all
        yield from (m.span() for m in pattern.finditer(text))
        return
    after = 0
    for start in words.get(first.group(), ()):
        if start >= after and (m := pattern.match(text, start)):
            after = m.end()
            yield m.start(), m.end()


class _Intervals:
    """Character ranges, for "does [start, end) overlap any of them" in about log time."""

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        self._ranges = sorted(ranges)
        self._longest = max((e - s for s, e in self._ranges), default=0)

    def add(self, start: int, end: int) -> None:
        insort(self._ranges, (start, end))
        self._longest = max(self._longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        lo = bisect_left(self._ranges, (start - self._longest, -1))
        hi = bisect_left(self._ranges, (end, -1), lo=lo)
        return any(s < end and start < e for s, e in self._ranges[lo:hi])


_COMPOUND = re.compile(r"-[a-z]+ed\b")  # "UK-based", "Iranian-backed", "Saudi-owned"
_TITLE_AND_NAME = re.compile(r"\s+([A-Za-z]+)\.?\s+[A-Z]")  # " President Ebrahim"


def modifier_countries(parsed: Parsed, cands: list[Candidate]) -> list[Candidate]:
    """A country's adjective or short name that only qualifies a word is no mention of it:
    "a UK-based monitor", "the Iranian-backed Houthis", "Iranian President Ebrahim Raisi"."""
    text = parsed.doc.text
    kept = []
    for c in cands:
        after = text[c.span.end : c.span.end + 40]
        if c.type != "Country" or c.span.text == c.label or c.span.text in pat.country_by_capital():
            # "Iran-backed" names Iran, "Moscow-installed" its government
            kept.append(c)
            continue
        title = _TITLE_AND_NAME.match(after)
        if not _COMPOUND.match(after) and not (title and title.group(1).lower() in pat.TITLES):
            kept.append(c)
    return kept


def shared_borders(cands: list[Candidate]) -> None:
    """ "its border with Azerbaijan" after "the Armenia–Azerbaijan border": the one border
    of two countries the document names that holds the country."""
    full = {c.label for c in cands if c.type == "Place" and "–" in c.label}
    for i, c in enumerate(cands):
        if c.type != "Place" or "–" in c.label or not c.label.endswith(" border"):
            continue
        country = c.label.removesuffix(" border")
        holders = [label for label in full if country in label.removesuffix(" border").split("–")]
        if len(holders) == 1:
            cands[i] = replace(c, label=holders[0])
