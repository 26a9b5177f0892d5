"""Deterministic serialisation in every format, written atomically.

Formats: Turtle (default), N-Triples, TriG and N-Quads (one named graph per document),
JSON-LD (with a context of our prefixes). The same graph always gives the same bytes:
N-Triples and N-Quads lines are sorted; Turtle and TriG are written by rdflib, whose
serialisers sort subjects and predicates; the graph has no blank nodes.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from .build import KnowledgeGraph
from .errors import OutputError, UsageError
from .ontology import PREFIXES

FORMATS = {
    "ttl": "turtle",
    "nt": "nt",
    "trig": "trig",
    "nq": "nquads",
    "jsonld": "json-ld",
}
EXTENSIONS = {
    ".ttl": "ttl",
    ".turtle": "ttl",
    ".nt": "nt",
    ".trig": "trig",
    ".nq": "nq",
    ".jsonld": "jsonld",
    ".json": "jsonld",
}


def format_for(path: str | Path | None, fmt: str | None = None) -> str:
    """The output format: ``fmt`` if given, else from the file extension, else Turtle."""
    if fmt:
        fmt = fmt.lower().lstrip(".")
        fmt = {"turtle": "ttl", "ntriples": "nt", "nquads": "nq", "json-ld": "jsonld"}.get(fmt, fmt)
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        return fmt
    if path is None or str(path) == "-":
        return "ttl"
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        raise UsageError(
            f"cannot tell the format of {path!s} from its extension; use one of "
            f"{', '.join(sorted(EXTENSIONS))} or pass --format"
        )
    return EXTENSIONS[suffix]


def serialize(kg: KnowledgeGraph, fmt: str = "ttl") -> bytes:
    """The graph as bytes in ``fmt`` (one of FORMATS' keys)."""
    fmt = format_for(None, fmt)
    if fmt == "nt":
        return _sorted_lines(kg.union().serialize(format="nt", encoding="utf-8"))
    if fmt == "nq":
        return _sorted_lines(kg.dataset().serialize(format="nquads", encoding="utf-8"))
    if fmt == "trig":
        return _trig(kg)
    if fmt == "jsonld":
        context = {prefix: ns for prefix, ns in sorted(PREFIXES.items())}
        data = kg.union().serialize(format="json-ld", context=context)
        parsed = _sorted_json(json.loads(data))
        return (json.dumps(parsed, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
    return kg.union().serialize(format="turtle", encoding="utf-8")


def _sorted_json(value):
    """JSON-LD with every array in a stable order (RDF values are sets; we write no
    @list, so no order carries meaning)."""
    if isinstance(value, dict):
        return {key: _sorted_json(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    return value


def _trig(kg: KnowledgeGraph) -> bytes:
    """TriG: the default graph, then each document's graph in IRI order, each block
    written by rdflib's Turtle serialiser (sorted subjects) under shared prefixes.
    (rdflib's own TriG writer orders graphs by hash, so bytes varied between runs.)"""
    prefixes: set[str] = set()
    blocks = []
    parts = [(None, kg.default)] + sorted(kg.graphs.items())
    for iri, graph in parts:
        if not len(graph):
            continue
        lines = graph.serialize(format="turtle").split("\n")
        while lines and (lines[0].startswith("@prefix ") or not lines[0].strip()):
            if lines[0].startswith("@prefix "):
                prefixes.add(lines[0])
            lines.pop(0)
        body = "\n".join(lines).rstrip("\n")  # verbatim: long literals keep their lines
        name = "" if iri is None else f"<{iri}> "
        blocks.append(f"{name}{{\n{body}\n}}\n")
    head = "\n".join(sorted(prefixes)) + "\n\n"
    return (head + "\n".join(blocks)).encode("utf-8")


def _sorted_lines(data: bytes) -> bytes:
    lines = sorted(line for line in data.decode("utf-8").splitlines() if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_bytes(data: bytes, out: str | Path) -> None:
    """Write to ``out`` atomically (a temporary file renamed into place); ``-`` is stdout."""
    if str(out) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    path = Path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the output ({exc.strerror})") from exc


def write_graph(kg: KnowledgeGraph, out: str | Path, fmt: str | None = None) -> str:
    """Serialise ``kg`` to ``out`` (a path or ``-``); returns the format used."""
    fmt = format_for(out, fmt)
    write_bytes(serialize(kg, fmt), out)
    return fmt
