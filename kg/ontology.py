"""The ontology's namespaces as closed rdflib namespaces: a typo raises, never mints.

``CKG`` lists every term of ``ontology/conflict-kg.ttl``; a test checks the two agree.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from .extract import lexicon
from .resources import resource_dir

ONTOLOGY_FILE = resource_dir("ontology") / "conflict-kg.ttl"
ONTOLOGY_IRI = "https://w3id.org/conflict-kg/ontology"
ID = "https://w3id.org/conflict-kg/id/"


class CKG(DefinedNamespace):
    """conflict-kg ontology terms (https://w3id.org/conflict-kg/ontology#)."""

    _NS = Namespace("https://w3id.org/conflict-kg/ontology#")
    _fail = True

    # entity classes
    Actor: URIRef
    Person: URIRef
    Organization: URIRef
    MilitaryUnit: URIRef
    Place: URIRef
    Country: URIRef
    Settlement: URIRef
    Region: URIRef
    River: URIRef
    Facility: URIRef
    GenericFacility: URIRef
    # event classes
    Event: URIRef
    Attack: URIRef
    Shelling: URIRef
    AirStrike: URIRef
    MissileStrike: URIRef
    DroneStrike: URIRef
    Battle: URIRef
    Offensive: URIRef
    Advance: URIRef
    Capture: URIRef
    Liberation: URIRef
    Withdrawal: URIRef
    Encirclement: URIRef
    Reinforcement: URIRef
    Deployment: URIRef
    Evacuation: URIRef
    Casualties: URIRef
    Destruction: URIRef
    Shootdown: URIRef
    Surrender: URIRef
    Occupation: URIRef
    Negotiation: URIRef
    AidDelivery: URIRef
    Other: URIRef
    # statements and attribution
    Statement: URIRef
    Factuality: URIRef
    Asserted: URIRef
    Claimed: URIRef
    Denied: URIRef
    Hypothetical: URIRef
    DatePrecision: URIRef
    DayPrecision: URIRef
    WeekPrecision: URIRef
    MonthPrecision: URIRef
    YearPrecision: URIRef
    VaguePrecision: URIRef
    ExtractionRun: URIRef
    ExtractionRule: URIRef
    # object properties
    agent: URIRef
    target: URIRef
    place: URIRef
    speaker: URIRef
    medium: URIRef
    about: URIRef
    reportedBy: URIRef
    decidedBy: URIRef
    factuality: URIRef
    datePrecision: URIRef
    # datatype properties
    date: URIRef
    datePhrase: URIRef
    quote: URIRef
    direct: URIRef
    confidence: URIRef
    linkConfidence: URIRef
    fatalities: URIRef
    injured: URIRef
    countIsLowerBound: URIRef
    generic: URIRef
    model: URIRef
    modelVersion: URIRef
    toolVersion: URIRef
    eventSubtype: URIRef
    acledSubEventType: URIRef


#: Prefix -> namespace, in the order the writers declare them (``kg/data/lexicon/prefixes.tsv``).
PREFIXES: dict[str, str] = lexicon.table("prefixes")
NIF = Namespace(PREFIXES["nif"])
GAF = Namespace(PREFIXES["gaf"])
ITSRDF = Namespace(PREFIXES["itsrdf"])
SCHEMA = Namespace(PREFIXES["schema"])
WD = Namespace(PREFIXES["wd"])
GEO = Namespace(PREFIXES["geo"])
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
GEONAMES = Namespace("https://sws.geonames.org/")

#: (namespace, prefix) pairs, longest namespace first, so "id/doc/" wins over "id/".
NAMESPACES_LONGEST_FIRST: list[tuple[str, str]] = sorted(
    ((ns, prefix) for prefix, ns in PREFIXES.items()), key=lambda pair: -len(pair[0])
)
