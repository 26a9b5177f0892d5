"""Deterministic, fast Turtle / TriG / N-Triples / N-Quads text for our graphs.

rdflib's Turtle serialiser writes about 16k triples/s and its TriG orders graphs by
hash; this writer sorts everything (subjects, then ``a`` before other predicates in IRI
order, then objects) and formats each distinct term once, so the same triples give the
same bytes at several times rdflib's speed. Subjects are grouped with ``;`` and
objects with ``,``; IRIs become prefixed names when the local part is plainly safe,
otherwise ``<...>`` (mention IRIs such as ``doc:x#char=1,5`` stay readable that way).
Blank nodes are written as ``_:`` labels; literals with N-Triples escapes; numbers and
booleans in their canonical lexical forms bare, as rdflib does.

>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import RDF, RDFS
>>> g = Graph()
>>> s = URIRef("https://w3id.org/conflict-kg/id/place/izium")
>>> _ = g.add((s, RDF.type, URIRef("https://w3id.org/conflict-kg/ontology#Settlement")))
>>> _ = g.add((s, RDFS.label, Literal("Izium")))
>>> print(turtle([(None, g)]), end="")
@prefix ckg: <https://w3id.org/conflict-kg/ontology#> .
@prefix place: <https://w3id.org/conflict-kg/id/place/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<BLANKLINE>
place:izium a ckg:Settlement ;
    rdfs:label "Izium" .
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

from .ontology import NAMESPACES_LONGEST_FIRST, PREFIXES

_XSD = str(XSD)
_RDF_TYPE = RDF.type
_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\Z")
_BARE = {
    f"{_XSD}integer": re.compile(r"[+-]?[0-9]+\Z"),
    f"{_XSD}decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+\Z"),
    f"{_XSD}boolean": re.compile(r"(?:true|false)\Z"),
}
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
_ESCAPE = re.compile(r'[\\"\n\r\t\b\f\x00-\x1f\x7f]')
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')

Triples = Iterable[tuple[Any, Any, Any]]


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04X}"


def _string(text: str) -> str:
    return '"' + _ESCAPE.sub(_escape_char, text) + '"'


def _iri(value: str) -> str:
    return "<" + _IRI_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04X}", value) + ">"


class _Terms:
    """Formats terms, once each, as Turtle (with prefixes) or N-Triples."""

    def __init__(self, prefixed: bool) -> None:
        self.prefixed = prefixed
        self.used: set[str] = set()
        self.cache: dict[Any, str] = {}

    def __call__(self, term: Any) -> str:
        try:
            return self.cache[term]
        except KeyError:
            text = self.cache[term] = self._format(term)
            return text

    def _format(self, term: Any) -> str:
        if isinstance(term, URIRef):
            return self._name(str(term))
        if isinstance(term, BNode):
            return f"_:{term}"
        if isinstance(term, Literal):
            return self._literal(term)
        raise TypeError(f"not an RDF term: {term!r}")

    def _name(self, value: str) -> str:
        if self.prefixed:
            for namespace, prefix in NAMESPACES_LONGEST_FIRST:
                if value.startswith(namespace) and _LOCAL.match(value, len(namespace)):
                    self.used.add(prefix)
                    return f"{prefix}:{value[len(namespace) :]}"
        return _iri(value)

    def _literal(self, term: Literal) -> str:
        text = str(term)
        if term.language:
            return f"{_string(text)}@{term.language}"
        datatype = str(term.datatype) if term.datatype else None
        if datatype is None or datatype == f"{_XSD}string":
            return _string(text)
        if self.prefixed and datatype in _BARE and _BARE[datatype].match(text):
            return text
        return f"{_string(text)}^^{self._name(datatype)}"


def _sort_key(term: Any) -> tuple[int, str, str, str]:
    """A total order: IRIs, blank nodes, literals; literals by value, datatype, language."""
    if isinstance(term, Literal):
        return (2, str(term), str(term.datatype or ""), term.language or "")
    return (0 if isinstance(term, URIRef) else 1, str(term), "", "")


def _block(triples: Triples, fmt: _Terms, indent: str) -> list[str]:
    by_subject: dict[Any, dict[Any, list[Any]]] = {}
    for s, p, o in triples:
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)
    lines = []
    for subject in sorted(by_subject, key=_sort_key):
        predicates = by_subject[subject]
        parts = []
        for predicate in sorted(predicates, key=lambda p: (p != _RDF_TYPE, str(p))):
            objects = [fmt(o) for o in sorted(set(predicates[predicate]), key=_sort_key)]
            verb = "a" if predicate == _RDF_TYPE else fmt(predicate)
            one_line = ", ".join(objects)
            if len(one_line) + len(verb) > 80 and len(objects) > 1:
                one_line = f",\n{indent}        ".join(objects)  # one object a line
            parts.append(f"{verb} {one_line}")
        lines.append(f"{indent}{fmt(subject)} " + f" ;\n{indent}    ".join(parts) + " .\n")
    return lines


def _prefix_lines(used: set[str]) -> str:
    lines = [f"@prefix {p}: <{PREFIXES[p]}> .\n" for p in sorted(used)]
    return "".join(lines) + ("\n" if lines else "")


def turtle(graphs: Iterable[tuple[str | None, Triples]]) -> str:
    """Turtle of one graph, or TriG of several: ``(graph IRI or None, triples)`` pairs.

    With a single ``None`` graph the result is plain Turtle; otherwise each pair is a
    block, ``{ ... }`` for the default graph and ``<iri> { ... }`` for named ones.
    Empty graphs are left out.
    """
    graphs = list(graphs)
    fmt = _Terms(prefixed=True)
    if len(graphs) == 1 and graphs[0][0] is None:
        body = "\n".join(_block(graphs[0][1], fmt, ""))
        return _prefix_lines(fmt.used) + body
    blocks = []
    for iri, triples in graphs:
        lines = _block(triples, fmt, "    ")
        if lines:
            name = "" if iri is None else fmt(URIRef(iri)) + " "
            blocks.append(f"{name}{{\n" + "\n".join(lines) + "}\n")
    return _prefix_lines(fmt.used) + "\n".join(blocks)


def ntriples(graphs: Iterable[tuple[str | None, Triples]]) -> str:
    """N-Triples (all graphs None) or N-Quads, one sorted line per distinct statement."""
    fmt = _Terms(prefixed=False)
    lines = set()
    for iri, triples in graphs:
        tail = " .\n" if iri is None else f" {fmt(URIRef(iri))} .\n"
        for s, p, o in triples:
            lines.add(f"{fmt(s)} {fmt(p)} {fmt(o)}{tail}")
    return "".join(sorted(lines))
