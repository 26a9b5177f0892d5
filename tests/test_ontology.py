"""The OWL ontology (ontology/conflict-kg.ttl), its SHACL shapes and the closed CKG namespace."""

from __future__ import annotations

from pathlib import Path

import owlready2
import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from kg.ontology import CKG, ONTOLOGY_FILE, ONTOLOGY_IRI
from kg.types import ACTOR_TYPES, ENTITY_TYPES, EVENT_TYPES, PLACE_TYPES
from kg.validate import owl_check

SHAPES_FILE = ONTOLOGY_FILE.parent / "shapes.ttl"
CODES = "https://w3id.org/conflict-kg/codes/"
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
SH = Namespace("http://www.w3.org/ns/shacl#")
X = URIRef("https://w3id.org/conflict-kg/id/test/x")
Y = URIRef("https://w3id.org/conflict-kg/id/test/y")
# nodes of the contract's example.ttl
EVENT = URIRef("https://w3id.org/conflict-kg/id/event/seed-3067")
STATEMENT = URIRef("https://w3id.org/conflict-kg/id/statement/seed-1126")
KHARKIV = URIRef("https://w3id.org/conflict-kg/id/place/kharkiv")
GANCHEV = URIRef("https://w3id.org/conflict-kg/id/person/vitaliy-ganchev")

# Event classes that no ACLED, PLOVER or CAMEO code fits; each says so in an rdfs:comment.
NO_CLOSE_MATCH = {"Evacuation", "Casualties", "Other"}


@pytest.fixture(scope="module")
def onto_graph() -> Graph:
    return Graph().parse(ONTOLOGY_FILE)


@pytest.fixture(scope="module")
def example(shared: Path) -> Graph:
    return Graph().parse(shared / "contract" / "example.ttl")


def ckg_terms() -> list[str]:
    return list(CKG.__annotations__)


def declared_ckg_terms(graph: Graph) -> set[str]:
    ns = str(CKG._NS)
    return {
        str(s)[len(ns) :]
        for s in graph.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(ns)
    }


# --- the TTL and the namespace agree -------------------------------------------------


def test_ontology_header(onto_graph: Graph) -> None:
    onto = URIRef(ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in onto_graph
    assert onto_graph.value(onto, OWL.versionInfo) == Literal("0.1.0")
    for prop in (DCTERMS.title, DCTERMS.description):
        assert onto_graph.value(onto, prop) is not None
    assert "MIT" in str(onto_graph.value(onto, DCTERMS.license))


@pytest.mark.parametrize("name", ckg_terms())
def test_every_ckg_term_is_declared_with_label_and_definition(onto_graph: Graph, name: str) -> None:
    term = CKG[name]
    kinds = set(onto_graph.objects(term, RDF.type))
    assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}
    labels = [lab for lab in onto_graph.objects(term, RDFS.label) if lab.language == "en"]
    definitions = [d for d in onto_graph.objects(term, SKOS.definition) if d.language == "en"]
    assert len(labels) == 1 and str(labels[0]).strip()
    assert len(definitions) == 1 and len(str(definitions[0])) > 15


def test_ttl_declares_exactly_the_ckg_terms(onto_graph: Graph) -> None:
    assert declared_ckg_terms(onto_graph) == set(ckg_terms())


def test_closed_namespace_rejects_typos() -> None:
    with pytest.raises(AttributeError):
        CKG.Persn  # noqa: B018
    assert CKG.Person == URIRef("https://w3id.org/conflict-kg/ontology#Person")


def test_term_kinds(onto_graph: Graph) -> None:
    def kind(name: str) -> set[URIRef]:
        return set(onto_graph.objects(CKG[name], RDF.type))

    for name in (*ENTITY_TYPES, *EVENT_TYPES, "Actor", "Event", "Statement", "ExtractionRun"):
        assert OWL.Class in kind(name), name
    for name in ("Asserted", "Claimed", "Denied", "Hypothetical"):
        assert {OWL.NamedIndividual, CKG.Factuality} <= kind(name)
    for name in ("Day", "Week", "Month", "Year", "Vague"):
        assert {OWL.NamedIndividual, CKG.DatePrecision} <= kind(name + "Precision")


# --- properties ----------------------------------------------------------------------


def _properties(graph: Graph) -> list[URIRef]:
    return [
        s
        for kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in graph.subjects(RDF.type, kind)
        if str(s).startswith(str(CKG._NS))
    ]


def test_every_property_has_domain_and_range(onto_graph: Graph) -> None:
    props = _properties(onto_graph)
    assert len(props) == 25  # the contract's 22, ckg:decidedBy, the Other subtype and ACLED type
    for prop in props:
        assert onto_graph.value(prop, RDFS.domain) is not None, prop
        assert onto_graph.value(prop, RDFS.range) is not None, prop


def _class_set(graph: Graph, node) -> set:
    """A named class as {class}; an owl:unionOf class expression as its members."""
    union = graph.value(node, OWL.unionOf)
    return set(Collection(graph, union)) if union is not None else {node}


@pytest.mark.parametrize(
    ("prop", "domain", "range_"),
    [
        (CKG.agent, {CKG.Event}, {CKG.Actor}),
        (CKG.target, {CKG.Event}, {CKG.Actor, CKG.Place}),
        (CKG.place, {CKG.Event}, {CKG.Place}),
        (CKG.speaker, {CKG.Statement}, {CKG.Actor}),
        (CKG.medium, {CKG.Statement}, {CKG.Actor}),
        (CKG.about, {CKG.Statement}, {CKG.Actor, CKG.Place, CKG.Event}),
        (CKG.reportedBy, {CKG.Event}, {CKG.Statement}),
        (CKG.factuality, {CKG.Event}, {CKG.Factuality}),
        (CKG.datePrecision, {CKG.Event}, {CKG.DatePrecision}),
        (CKG.date, {CKG.Event}, {RDFS.Literal}),  # xsd:date values (not in OWL 2's map)
        (CKG.datePhrase, {CKG.Event}, {XSD.string}),
        (CKG.quote, {CKG.Statement}, {XSD.string}),
        (CKG.direct, {CKG.Statement}, {XSD.boolean}),
        (CKG.fatalities, {CKG.Event}, {XSD.nonNegativeInteger}),
        (CKG.injured, {CKG.Event}, {XSD.nonNegativeInteger}),
        (CKG.countIsLowerBound, {CKG.Event}, {XSD.boolean}),
        (CKG.model, {CKG.ExtractionRun}, {XSD.string}),
        (CKG.modelVersion, {CKG.ExtractionRun}, {XSD.string}),
        (CKG.toolVersion, {CKG.ExtractionRun}, {XSD.string}),
        (CKG.linkConfidence, {CKG.Actor, CKG.Place}, None),
        (CKG.confidence, {CKG.Actor, CKG.Place, CKG.Event, CKG.Statement}, None),
    ],
)
def test_domains_and_ranges(onto_graph: Graph, prop, domain, range_) -> None:
    assert _class_set(onto_graph, onto_graph.value(prop, RDFS.domain)) == domain
    rng = onto_graph.value(prop, RDFS.range)
    if range_ is None:  # a datatype restriction: xsd:decimal in [0, 1]
        assert onto_graph.value(rng, OWL.onDatatype) == XSD.decimal
    else:
        assert _class_set(onto_graph, rng) == range_


def test_sub_properties_keep_their_kind(onto_graph: Graph) -> None:
    """OWL 2 DL: a datatype property is never a sub-property of an object property."""
    for sub, sup in onto_graph.subject_objects(RDFS.subPropertyOf):
        sub_kinds = set(onto_graph.objects(sub, RDF.type))
        sup_kinds = set(onto_graph.objects(sup, RDF.type))
        for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
            assert (kind in sub_kinds) == (kind in sup_kinds), (sub, sup)


# --- hierarchy and alignments --------------------------------------------------------


def test_class_hierarchy_follows_the_contract(onto_graph: Graph) -> None:
    def supers(name: str) -> set:
        return set(onto_graph.objects(CKG[name], RDFS.subClassOf))

    for name in ACTOR_TYPES:
        assert CKG.Actor in supers(name), name
    for name in PLACE_TYPES - {"Place"}:
        assert CKG.Place in supers(name), name
    for name in EVENT_TYPES:
        assert CKG.Event in supers(name), name
    assert {CKG.Actor, CKG.Place} <= supers("Country")


def test_disjointness_axioms(onto_graph: Graph) -> None:
    groups = [
        set(Collection(onto_graph, onto_graph.value(node, OWL.members)))
        for node in onto_graph.subjects(RDF.type, OWL.AllDisjointClasses)
    ]
    most_specific = {CKG[n] for n in ENTITY_TYPES if n != "Place"}
    assert most_specific in groups
    assert {CKG[n] for n in EVENT_TYPES} in groups
    assert any({CKG.Actor, CKG.Event, CKG.Statement} <= group for group in groups)


@pytest.mark.parametrize(
    ("name", "external"),
    [
        ("Event", SEM.Event),
        ("Actor", SEM.Actor),
        ("Place", SEM.Place),
        ("Place", GEO.Feature),
        ("Place", SCHEMA.Place),
        ("Person", SCHEMA.Person),
        ("Organization", SCHEMA.Organization),
        ("Event", SCHEMA.Event),
        ("Statement", PROV.Entity),
        ("ExtractionRun", PROV.Activity),
    ],
)
def test_class_alignments(onto_graph: Graph, name: str, external: URIRef) -> None:
    assert (CKG[name], RDFS.subClassOf, external) in onto_graph


def test_property_alignments(onto_graph: Graph) -> None:
    for prop, sup in [
        (CKG.agent, SEM.hasActor),
        (CKG.target, SEM.hasActor),
        (CKG.place, SEM.hasPlace),
        (CKG.date, SEM.hasTimeStamp),
    ]:
        assert (prop, RDFS.subPropertyOf, sup) in onto_graph
    assert (CKG.date, SKOS.closeMatch, SEM.hasTime) in onto_graph
    assert (CKG.Statement, SKOS.closeMatch, SCHEMA.Quotation) in onto_graph


@pytest.mark.parametrize("name", EVENT_TYPES)
def test_event_classes_are_matched_to_codes(onto_graph: Graph, name: str) -> None:
    matches = set(onto_graph.objects(CKG[name], SKOS.closeMatch))
    if name in NO_CLOSE_MATCH:
        assert not matches
        comments = " ".join(onto_graph.objects(CKG[name], RDFS.comment))
        assert "No close match" in comments
        return
    assert matches, name
    for code in matches:
        assert str(code).startswith(CODES), code
        assert onto_graph.value(code, RDFS.label) is not None, code


@pytest.mark.parametrize(
    ("name", "code", "label"),
    [
        ("Battle", "acled#ArmedClash", "Armed clash"),
        ("Battle", "plover#ASSAULT", "ASSAULT"),
        ("Battle", "cameo#190", "Use conventional military force, not specified below"),
        ("Shelling", "acled#ShellingArtilleryMissileAttack", "Shelling/artillery/missile attack"),
        ("Shelling", "cameo#194", "Fight with artillery and tanks"),
        ("AirStrike", "acled#AirDroneStrike", "Air/drone strike"),
        ("DroneStrike", "cameo#195", "Employ aerial weapons"),
        ("Capture", "acled#GovernmentRegainsTerritory", "Government regains territory"),
        ("Capture", "acled#NonStateActorOvertakesTerritory", "Non-state actor overtakes territory"),
        ("Capture", "cameo#192", "Occupy territory"),
        ("Withdrawal", "plover#RETREAT", "RETREAT"),
        ("Withdrawal", "cameo#0874", "Retreat or surrender militarily"),
        ("Encirclement", "cameo#191", "Impose blockade, restrict movement"),
        ("Reinforcement", "plover#MOBILIZE", "MOBILIZE"),
        ("Negotiation", "cameo#046", "Engage in negotiation"),
        ("AidDelivery", "plover#AID", "AID"),
        ("Destruction", "acled#LootingPropertyDestruction", "Looting/property destruction"),
        ("Attack", "acled#Attack", "Attack"),
    ],
)
def test_known_code_matches(onto_graph: Graph, name: str, code: str, label: str) -> None:
    code_iri = URIRef(CODES + code)
    assert (CKG[name], SKOS.closeMatch, code_iri) in onto_graph
    assert onto_graph.value(code_iri, RDFS.label) == Literal(label, lang="en")


# --- SHACL ---------------------------------------------------------------------------


def _validate(data: Graph, shapes: Path, allow_warnings: bool = False) -> tuple[bool, Graph]:
    conforms, report, _ = validate(
        data, shacl_graph=Graph().parse(shapes), allow_warnings=allow_warnings
    )
    return conforms, report


def test_example_conforms_to_the_contract_shapes(example: Graph, shared: Path) -> None:
    conforms, _ = _validate(example, shared / "contract" / "shapes.ttl")
    assert conforms


def test_example_conforms_to_our_shapes(example: Graph) -> None:
    conforms, _ = _validate(example, SHAPES_FILE, allow_warnings=True)
    assert conforms


def test_missing_link_confidence_is_only_a_warning(example: Graph) -> None:
    conforms, report = _validate(example, SHAPES_FILE)
    assert not conforms
    results = list(report.subjects(RDF.type, SH.ValidationResult))
    assert len(results) == 1
    assert report.value(results[0], SH.resultSeverity) == SH.Warning
    assert report.value(results[0], SH.focusNode) == KHARKIV
    linked = example + Graph()
    linked.add((KHARKIV, CKG.linkConfidence, Literal("0.93", datatype=XSD.decimal)))
    assert _validate(linked, SHAPES_FILE)[0]


@pytest.mark.parametrize(
    ("triples", "message"),
    [
        ([(EVENT, CKG.factuality, CKG.DayPrecision)], "ckg:factuality is one of"),
        ([(EVENT, CKG.datePrecision, CKG.Claimed)], "ckg:datePrecision is one of"),
        ([(EVENT, CKG.confidence, Literal("1.5", datatype=XSD.decimal))], "in [0, 1]"),
        ([(EVENT, CKG.confidence, Literal("0.9", datatype=XSD.double))], "in [0, 1]"),
        ([(KHARKIV, CKG.linkConfidence, Literal("-0.1", datatype=XSD.decimal))], "in [0, 1]"),
        ([(STATEMENT, CKG.medium, KHARKIV)], "ckg:medium is an entity that can publish"),
        (
            [(STATEMENT, CKG.medium, Literal("Telegram"))],
            "ckg:medium is an entity that can publish",
        ),
        ([(EVENT, CKG.reportedBy, GANCHEV)], "ckg:reportedBy points at a ckg:Statement"),
        ([(EVENT, RDF.type, CKG.Capture)], "exactly one event class"),
        (
            [(GANCHEV, CKG.linkConfidence, Literal("0.8", datatype=XSD.decimal))],
            "without an owl:sameAs",
        ),
        ([(GANCHEV, CKG.place, KHARKIV)], "only events"),
        ([(GANCHEV, CKG.quote, Literal("We will hold."))], "only a ckg:Statement"),
        ([(STATEMENT, CKG.about, Literal("the breach"))], "ckg:about points at"),
        ([(EVENT, CKG.target, Literal("the town"))], "ckg:target is an actor or a place"),
        ([(EVENT, CKG.countIsLowerBound, Literal(True))], "countIsLowerBound true without"),
        ([(STATEMENT, CKG.confidence, Literal("2", datatype=XSD.decimal))], None),
        ([(EVENT, CKG.fatalities, Literal("-3", datatype=XSD.integer))], None),
    ],
)
def test_our_shapes_catch_mistakes(example: Graph, triples, message: str | None) -> None:
    broken = example + Graph()
    for triple in triples:
        broken.add(triple)
    conforms, report = _validate(broken, SHAPES_FILE, allow_warnings=True)
    assert not conforms
    violations = [
        r
        for r in report.subjects(RDF.type, SH.ValidationResult)
        if report.value(r, SH.resultSeverity) == SH.Violation
    ]
    assert violations
    if message is not None:
        messages = " | ".join(str(report.value(r, SH.resultMessage)) for r in violations)
        assert message in messages


def test_good_event_details_conform(example: Graph) -> None:
    good = example + Graph()
    for p, o in [
        (CKG.factuality, CKG.Claimed),
        (CKG.datePrecision, CKG.DayPrecision),
        (CKG.datePhrase, Literal("on Thursday")),
        (CKG.confidence, Literal("0.75", datatype=XSD.decimal)),
        (CKG.fatalities, Literal("10", datatype=XSD.nonNegativeInteger)),
        (CKG.countIsLowerBound, Literal(True)),
        (CKG.reportedBy, STATEMENT),
        (CKG.target, KHARKIV),
        (CKG.agent, GANCHEV),
    ]:
        good.add((EVENT, p, o))
    good.add((STATEMENT, CKG.about, EVENT))
    good.add((KHARKIV, CKG.linkConfidence, Literal("0.9", datatype=XSD.decimal)))
    run = URIRef("https://w3id.org/conflict-kg/id/run/r1")
    good.add((run, RDF.type, CKG.ExtractionRun))
    good.add((run, CKG.toolVersion, Literal("0.1.0")))
    good.add((run, CKG.model, Literal("en_core_web_sm")))
    conforms, report = _validate(good, SHAPES_FILE)
    assert conforms, report.serialize(format="turtle")


# --- owlready2 and HermiT ------------------------------------------------------------


def _load(tmp_path: Path, extra: Graph | None = None):
    """Load the ontology (plus ``extra`` triples) into a fresh owlready2 World.

    owlready2 does not read Turtle, so rdflib writes N-Triples to a temp file first.
    """
    graph = Graph().parse(ONTOLOGY_FILE)
    if extra is not None:
        graph += extra
    path = tmp_path / "conflict-kg.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load()
    return world, onto


def _consistent(tmp_path: Path, extra: Graph | None = None) -> bool:
    """HermiT on the ontology as shipped plus ``extra``, as ``kg validate`` runs it (no
    ignore_unsupported_datatypes; xsd:date values go in as xsd:dateTime)."""
    check = owl_check(extra if extra is not None else Graph(), sample=10_000)
    assert check.skipped is None, check.skipped
    return check.consistent


def test_owlready2_loads_the_ontology(tmp_path: Path) -> None:
    world, onto = _load(tmp_path)
    assert onto.base_iri == str(CKG._NS)
    person = world[str(CKG.Person)]
    assert world[str(CKG.Actor)] in person.is_a
    assert isinstance(world[str(CKG.place)], owlready2.ObjectPropertyClass)
    assert isinstance(world[str(CKG.date)], owlready2.DataPropertyClass)


def _graph(*triples) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


@pytest.mark.slow
def test_hermit_finds_the_ontology_consistent(tmp_path: Path) -> None:
    assert _consistent(tmp_path)


@pytest.mark.slow
def test_hermit_accepts_the_contract_example(tmp_path: Path, example: Graph) -> None:
    assert _consistent(tmp_path, example)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("triples", "consistent"),
    [
        ([(X, RDF.type, CKG.Person), (X, RDF.type, CKG.Settlement)], False),
        ([(X, RDF.type, CKG.MilitaryUnit), (X, RDF.type, CKG.Organization)], False),
        ([(X, RDF.type, CKG.Country)], True),
        ([(X, RDF.type, CKG.Battle), (X, RDF.type, CKG.Shelling)], False),
        ([(X, RDF.type, CKG.Statement), (X, RDF.type, CKG.Event)], False),
        ([(X, RDF.type, CKG.Region), (Y, RDF.type, CKG.Attack), (Y, CKG.agent, X)], False),
        ([(X, RDF.type, CKG.Battle), (X, CKG.factuality, CKG.Claimed)], True),
        (
            [
                (X, RDF.type, CKG.Battle),
                (X, CKG.factuality, CKG.Claimed),
                (X, CKG.factuality, CKG.Denied),
            ],
            False,
        ),
        ([(X, CKG.confidence, Literal("0.5", datatype=XSD.decimal))], True),
        ([(X, CKG.confidence, Literal("1.5", datatype=XSD.decimal))], False),
    ],
    ids=[
        "person-settlement",
        "unit-organization",
        "country",
        "two-event-classes",
        "statement-event",
        "region-as-agent",
        "claimed",
        "two-factualities",
        "confidence-ok",
        "confidence-too-high",
    ],
)
def test_hermit_disjointness_is_real(tmp_path: Path, triples, consistent: bool) -> None:
    assert _consistent(tmp_path, _graph(*triples)) is consistent
