"""Check a graph: the SHACL shapes and the OWL ontology's consistency.

Two checks, both on what ``kg build`` writes (any of its formats; named graphs are read
as their union):

1. **SHACL** (pySHACL) against the shipped shapes: ``ontology/shapes.ttl`` (the
   project's) and ``ontology/contract-shapes.ttl`` (a copy of the graph contract's).
   Results of severity ``sh:Violation`` fail the check; ``sh:Warning`` ones are listed.
2. **OWL 2 consistency** (owlready2 with HermiT, which needs Java) of the ontology plus
   the graph. On a graph with more than ``sample`` entities, events and statements, a
   deterministic sample of that many is reasoned over, with every triple about them and
   the types of the nodes they point at. xsd:date is not in the OWL 2 datatype map, so
   each xsd:date value is given to HermiT as the xsd:dateTime at the start of its day.

>>> report = validate_graph("out/seeds.ttl")       # doctest: +SKIP
>>> report.conforms, format_report(report)          # doctest: +SKIP
"""

from __future__ import annotations

import random
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from .errors import ValidationError
from .ontology import CKG, NAMESPACES_LONGEST_FIRST, ONTOLOGY_FILE
from .resources import resource_dir
from .types import ENTITY_TYPES, EVENT_TYPES

__all__ = [
    "DEFAULT_SAMPLE",
    "OwlCheck",
    "ValidationReport",
    "Violation",
    "default_shapes",
    "format_report",
    "narrow_down",
    "owl_check",
    "read_graph",
    "shacl_check",
    "validate_graph",
]

DEFAULT_SAMPLE = 1000
_SH = "http://www.w3.org/ns/shacl#"
_FORMATS = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld"}


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the offending node, the property path, the value and the message."""

    focus: str
    path: str | None
    value: str | None  # the offending value, or the node's values on the path (maxCount)
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    shapes: str  # the shapes file's name
    constraint: str = ""  # "MaxCount", "Datatype", "SPARQL", ...


@dataclass(frozen=True)
class OwlCheck:
    """HermiT's verdict on the ontology plus (a sample of) the graph."""

    consistent: bool
    checked: int  # entities, events and statements reasoned over
    total: int  # entities, events and statements in the graph
    triples: int  # triples of the graph given to HermiT
    unsatisfiable: tuple[str, ...] = ()  # classes HermiT found empty by necessity
    skipped: str | None = None  # why no reasoning ran (no Java)
    culprits: tuple[str, ...] = ()  # with explain: the nodes a contradiction involves


@dataclass(frozen=True)
class ValidationReport:
    triples: int
    shapes: tuple[str, ...]
    violations: tuple[Violation, ...]
    warnings: tuple[Violation, ...]
    owl: OwlCheck | None

    @property
    def conforms(self) -> bool:
        owl_ok = self.owl is None or self.owl.skipped is not None or self.owl.consistent
        return not self.violations and owl_ok


# --------------------------------------------------------------------------- reading


def default_shapes() -> list[Path]:
    """The shipped shapes: the project's and the graph contract's."""
    folder = resource_dir("ontology")
    return [folder / "shapes.ttl", folder / "contract-shapes.ttl"]


def read_graph(path: str | Path) -> Graph:
    """A graph file as one rdflib Graph (the union of its named graphs)."""
    path = Path(path)
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValidationError(
            f"{path}: cannot tell the format from the extension; use one of " + ", ".join(_FORMATS)
        )
    if not path.is_file():
        raise ValidationError(f"{path} does not exist or is not a file.")
    dataset = Dataset(default_union=True)
    try:
        dataset.parse(path, format=fmt)
    except Exception as err:  # rdflib raises many kinds for a malformed file
        raise ValidationError(f"{path} is not readable as {fmt}: {err}") from None
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def _read_shapes(path: Path) -> Graph:
    try:
        return Graph().parse(path, format="turtle")
    except FileNotFoundError:
        raise ValidationError(f"The shapes file {path} does not exist.") from None
    except Exception as err:
        raise ValidationError(f"The shapes file {path} is not readable Turtle: {err}") from None


# --------------------------------------------------------------------------- SHACL


def shacl_check(graph: Graph, shapes: Path) -> list[Violation]:
    """Every SHACL result of ``graph`` against one shapes file, in a stable order."""
    from pyshacl import validate

    with _each_sparql_text_parsed_once():
        _, results, _ = validate(
            graph, shacl_graph=_read_shapes(shapes), advanced=True, allow_warnings=True
        )
    found = [
        _violation(graph, results, result, shapes.name)
        for result in results.subjects(RDF.type, URIRef(_SH + "ValidationResult"))
    ]
    return sorted(found, key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))


def _violation(graph: Graph, results: Graph, result: Node, shapes: str) -> Violation:
    def get(name: str) -> Node | None:
        return results.value(result, URIRef(_SH + name))

    focus, path, value = get("focusNode"), get("resultPath"), get("value")
    if value is not None:
        shown = _show(value)
    elif isinstance(path, URIRef):  # e.g. maxCount: the values there are
        values = sorted(graph.objects(focus, path), key=str)
        shown = ", ".join(_show(v) for v in values[:5]) or None
    else:
        shown = None
    component = str(get("sourceConstraintComponent") or "").removeprefix(_SH)
    return Violation(
        focus=_show(focus),
        path=_show(path) if path is not None else None,
        value=shown,
        message=str(get("resultMessage") or ""),
        severity=str(get("resultSeverity")).removeprefix(_SH),
        shapes=shapes,
        constraint=component.removesuffix("ConstraintComponent"),
    )


@contextmanager
def _each_sparql_text_parsed_once() -> Iterator[None]:
    """pySHACL runs each ``sh:sparql`` constraint once per focus node with the same text,
    and rdflib parses the text every time (pyparsing: about 0.1 s a parse). While this is
    open, rdflib keeps each parsed query: the seed graph's check takes ~4 s, not ~30 s."""
    from rdflib.plugins.sparql import processor
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    original = processor.SPARQLProcessor.query
    parsed: dict = {}

    def query(self, text, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
        if isinstance(text, str):
            key = (text, base, frozenset((initNs or {}).items()))
            if key not in parsed:
                parsed[key] = translateQuery(parseQuery(text), base, initNs)
            text = parsed[key]
        return original(self, text, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = query
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original


def _show(node: Node | None) -> str:
    """A node as a reader writes it: ``ckg:date``, ``id:place/kharkiv``, ``"1.5"^^xsd:decimal``."""
    if isinstance(node, URIRef):
        text = str(node)
        for ns, prefix in NAMESPACES_LONGEST_FIRST:
            if text.startswith(ns) and len(text) > len(ns):
                return f"{prefix}:{text[len(ns) :]}"
        return f"<{text}>"
    if isinstance(node, Literal):
        text = Literal(str(node)).n3()  # quoted and escaped
        if node.datatype is not None:
            return f"{text}^^{_show(node.datatype)}"
        return f"{text}@{node.language}" if node.language else text
    return str(node)


# --------------------------------------------------------------------------- OWL


def _subjects_to_reason_over(graph: Graph) -> list[Node]:
    names = (*ENTITY_TYPES, "GenericFacility", *EVENT_TYPES, "Statement")
    classes = [CKG[name] for name in names]
    nodes = {s for cls in classes for s in graph.subjects(RDF.type, cls)}
    return sorted(nodes, key=str)


def _sample_graph(graph: Graph, nodes: Sequence[Node]) -> Graph:
    """Every triple about ``nodes``, plus the rdf:types of the nodes they point at."""
    part = Graph()
    for node in nodes:
        for _, p, o in graph.triples((node, None, None)):
            part.add((node, p, o))
            if isinstance(o, URIRef):
                for cls in graph.objects(o, RDF.type):
                    part.add((o, RDF.type, cls))
    return part


def _owl2_literal(node: Node) -> Node:
    """xsd:date is outside OWL 2's datatype map: the xsd:dateTime its day starts at."""
    if isinstance(node, Literal) and node.datatype == XSD.date:
        return Literal(f"{node}T00:00:00", datatype=XSD.dateTime)
    return node


def owl_check(graph: Graph, sample: int = DEFAULT_SAMPLE, explain: bool = False) -> OwlCheck:
    """Is the ontology plus ``graph`` (or a sample of it) consistent for HermiT?

    With ``explain``, an inconsistency is narrowed down to the nodes it involves
    (:func:`narrow_down`: a few more HermiT runs).
    """
    import owlready2

    nodes = _subjects_to_reason_over(graph)
    total = len(nodes)
    if total > sample:
        nodes = random.Random(0).sample(nodes, sample)
        part = _sample_graph(graph, nodes)
    else:
        part = graph
    if shutil.which(owlready2.JAVA_EXE) is None:
        why = f"no Java runtime ({owlready2.JAVA_EXE!r} not found); HermiT needs one"
        return OwlCheck(True, 0, total, 0, skipped=why)
    consistent, unsatisfiable = _hermit(_with_ontology(part))
    culprits = narrow_down(graph, nodes) if explain and not consistent else ()
    checked = len(nodes)
    return OwlCheck(consistent, checked, total, len(part), unsatisfiable, culprits=culprits)


def _with_ontology(part: Graph) -> Graph:
    merged = Graph().parse(ONTOLOGY_FILE, format="turtle")
    for s, p, o in part:
        merged.add((s, p, _owl2_literal(o)))
    return merged


def narrow_down(graph: Graph, nodes: Sequence[Node], runs: int = 24) -> tuple[str, ...]:
    """The fewest of ``nodes`` found, by halves, whose triples (with the types of what
    they point at) HermiT still finds inconsistent with the ontology; at most ``runs``
    HermiT runs. It stops early when the contradiction needs nodes of both halves."""
    suspects = list(nodes)
    while len(suspects) > 1 and runs >= 2:
        half = len(suspects) // 2
        for group in (suspects[:half], suspects[half:]):
            runs -= 1
            if not _hermit(_with_ontology(_sample_graph(graph, group)))[0]:
                suspects = group
                break
        else:
            break
    return tuple(_show(node) for node in suspects)


def _hermit(graph: Graph) -> tuple[bool, tuple[str, ...]]:
    """Run HermiT on ``graph`` in a fresh owlready2 World (it reads N-Triples, not Turtle)."""
    import owlready2

    with tempfile.TemporaryDirectory(prefix="kg-validate-") as tmp:
        path = Path(tmp) / "graph.nt"
        graph.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load()
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return False, ()
        except owlready2.OwlReadyJavaError as err:
            raise ValidationError(f"HermiT could not reason over the graph: {_java(err)}") from None
        unsatisfiable = tuple(sorted(_show(URIRef(c.iri)) for c in world.inconsistent_classes()))
        return not unsatisfiable, unsatisfiable


def _java(err: Exception) -> str:
    """The one informative line of a Java stack trace."""
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    useful = [line for line in lines if not line.startswith(("at ", "..."))]
    return " ".join(useful[-4:])[:600] if useful else "no message"


# --------------------------------------------------------------------------- together


def validate_graph(
    source: str | Path | Graph,
    *,
    shapes: Iterable[str | Path] | None = None,
    owl: bool = True,
    sample: int = DEFAULT_SAMPLE,
    explain: bool = False,
) -> ValidationReport:
    """SHACL (the shipped shapes, or ``shapes``) and, with ``owl``, HermiT on ``source``."""
    if sample < 1:
        raise ValidationError(f"--sample {sample}: give a positive number of nodes")
    graph = source if isinstance(source, Graph) else read_graph(source)
    files = [Path(p) for p in shapes] if shapes else default_shapes()
    results = [v for path in files for v in shacl_check(graph, path)]
    return ValidationReport(
        triples=len(graph),
        shapes=tuple(path.name for path in files),
        violations=tuple(v for v in results if v.severity == "Violation"),
        warnings=tuple(v for v in results if v.severity != "Violation"),
        owl=owl_check(graph, sample, explain) if owl else None,
    )


def format_report(report: ValidationReport, limit: int = 20) -> str:
    """A readable report: the verdict, then the first ``limit`` violations and warnings."""
    lines = [
        f"SHACL   {len(report.violations)} violations, {len(report.warnings)} warnings "
        f"({report.triples} triples; shapes: {', '.join(report.shapes)})"
    ]
    lines.append("OWL     " + _owl_line(report.owl))
    if report.owl is not None and report.owl.culprits:
        shown = report.owl.culprits[:limit]
        more = len(report.owl.culprits) - len(shown)
        lines.append(
            f"OWL contradiction among {len(report.owl.culprits)} nodes: "
            + ", ".join(shown)
            + (f" and {more} more" if more > 0 else "")
        )
    for title, items in (("violation", report.violations), ("warning", report.warnings)):
        for item in items[:limit]:
            lines.append(f"{title}: {item.focus}")
            if item.path is not None:
                lines.append(f"  path    {item.path}")
            if item.value is not None:
                lines.append(f"  value   {item.value}")
            lines.append(f"  message {item.message or '(none)'}")
            lines.append(f"  broken  {item.constraint or '?'} in {item.shapes}")
        if len(items) > limit:
            lines.append(f"... and {len(items) - limit} more {title}s")
    lines.append("conforms" if report.conforms else "does not conform")
    return "\n".join(lines)


def _owl_line(owl: OwlCheck | None) -> str:
    if owl is None:
        return "not checked (--no-owl)"
    if owl.skipped is not None:
        return f"not checked: {owl.skipped}"
    scope = (
        f"all {owl.total} entities, events and statements"
        if owl.checked == owl.total
        else f"a sample of {owl.checked} of {owl.total} entities, events and statements"
    )
    if owl.consistent:
        return f"consistent with the ontology (HermiT; {scope})"
    if owl.unsatisfiable:
        return f"unsatisfiable classes: {', '.join(owl.unsatisfiable)} (HermiT; {scope})"
    return (
        f"INCONSISTENT with the ontology (HermiT; {scope}); the SHACL violations "
        "below usually name the nodes, --explain narrows it down"
    )
