"""JSON-LD of our graphs, written directly: a ``@graph`` of nodes, sorted; in a dataset
(:func:`jsonld_dataset`, what ``kg build -o x.jsonld`` writes) each document's named
graph is a ``{"@id": graph, "@graph": [nodes]}`` entry, as TriG keeps it.

rdflib's JSON-LD serialiser writes about 26k triples/s and emits nodes and values in hash
order (we had to sort its output afterwards); this writer builds the same document shape
from the triples in one pass. Each node is ``{"@id", "@type", property: [values]}`` with
compact IRIs under a ``@context`` of the prefixes used; IRI values are ``{"@id": ...}``,
literals ``{"@value": ..., "@type"/"@language": ...}`` (numbers stay strings, so no value
changes on the way through JSON).

>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import RDF, RDFS
>>> s = URIRef("https://w3id.org/conflict-kg/id/place/izium")
>>> g = Graph()
>>> _ = g.add((s, RDF.type, URIRef("https://w3id.org/conflict-kg/ontology#Settlement")))
>>> _ = g.add((s, RDFS.label, Literal("Izium")))
>>> print(jsonld(g))  # doctest: +NORMALIZE_WHITESPACE
{
  "@context": {
    "ckg": "https://w3id.org/conflict-kg/ontology#",
    "place": "https://w3id.org/conflict-kg/id/place/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#"
  },
  "@graph": [
    {
      "@id": "place:izium",
      "@type": [
        "ckg:Settlement"
      ],
      "rdfs:label": [
        {
          "@value": "Izium"
        }
      ]
    }
  ]
}
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from rdflib import BNode, Literal
from rdflib.namespace import RDF, XSD

from .ontology import NAMESPACES_LONGEST_FIRST, PREFIXES

_XSD_STRING = str(XSD.string)


class _Compactor:
    def __init__(self) -> None:
        self.used: set[str] = set()
        self.cache: dict[str, str] = {}

    def iri(self, value: str) -> str:
        try:
            return self.cache[value]
        except KeyError:
            pass
        text = value
        for namespace, prefix in NAMESPACES_LONGEST_FIRST:
            local = value[len(namespace) :]
            if value.startswith(namespace) and local and not local.startswith("//"):
                self.used.add(prefix)
                text = f"{prefix}:{local}"
                break
        self.cache[value] = text
        return text

    def node(self, term: Any) -> str:
        return f"_:{term}" if isinstance(term, BNode) else self.iri(str(term))

    def value(self, term: Any) -> dict[str, str]:
        if isinstance(term, Literal):
            out = {"@value": str(term)}
            if term.language:
                out["@language"] = term.language
            elif term.datatype is not None and str(term.datatype) != _XSD_STRING:
                out["@type"] = self.iri(str(term.datatype))
            return out
        return {"@id": self.node(term)}


def _key(value: dict[str, str]) -> tuple[str, str, str, str]:
    return (
        value.get("@id", ""),
        value.get("@value", ""),
        value.get("@type", ""),
        value.get("@language", ""),
    )


def _nodes(
    triples: Iterable[tuple[Any, Any, Any]], compact: _Compactor
) -> dict[str, dict[str, Any]]:
    """{compact id: node object} of the triples, keys and arrays sorted."""
    nodes: dict[str, dict[str, set]] = {}
    values: dict[tuple, dict[str, str]] = {}
    for s, p, o in triples:
        props = nodes.setdefault(compact.node(s), {})
        if p == RDF.type and not isinstance(o, Literal):
            props.setdefault("@type", set()).add(compact.node(o))
            continue
        value = compact.value(o)
        key = _key(value)
        values.setdefault(key, value)
        props.setdefault(compact.iri(str(p)), set()).add(key)
    out: dict[str, dict[str, Any]] = {}
    for node_id in sorted(nodes):
        node: dict[str, Any] = {"@id": node_id}
        for prop, items in sorted(nodes[node_id].items()):
            if prop == "@type":
                node["@type"] = sorted(items)
            else:
                node[prop] = [values[key] for key in sorted(items)]
        out[node_id] = node
    return out


def _document(compact: _Compactor, graph: list[dict[str, Any]]) -> str:
    context = {prefix: str(PREFIXES[prefix]) for prefix in sorted(compact.used)}
    document = {"@context": context, "@graph": graph}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def jsonld(triples: Iterable[tuple[Any, Any, Any]]) -> str:
    """The triples (repeats merged) as an indented JSON-LD document, keys and arrays sorted."""
    compact = _Compactor()
    return _document(compact, list(_nodes(triples, compact).values()))


def jsonld_dataset(graphs: Iterable[tuple[Any, Iterable[tuple[Any, Any, Any]]]]) -> str:
    """A dataset as JSON-LD: ``(None, triples)`` is the default graph; every
    ``(iri, triples)`` becomes ``{"@id": iri, "@graph": [...]}`` (a named graph, as in
    TriG), so a document's triples stay apart. Empty named graphs are left out.

    >>> from rdflib import Literal, URIRef
    >>> doc = URIRef("https://w3id.org/conflict-kg/id/doc/a")
    >>> text = jsonld_dataset([(None, []), (doc, [(doc, doc, Literal("x"))])])
    >>> json.loads(text)["@graph"][0]["@id"], len(json.loads(text)["@graph"][0]["@graph"])
    ('doc:a', 1)
    """
    compact = _Compactor()
    top: dict[str, dict[str, Any]] = {}
    for name, triples in graphs:
        nodes = _nodes(triples, compact)
        if name is None:
            for node_id, node in nodes.items():
                top.setdefault(node_id, {"@id": node_id}).update(node)
        elif nodes:
            graph_id = compact.node(name)
            top.setdefault(graph_id, {"@id": graph_id})["@graph"] = list(nodes.values())
    return _document(compact, [top[node_id] for node_id in sorted(top)])
