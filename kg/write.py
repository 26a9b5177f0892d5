"""Deterministic serialisation in every format, written atomically.

Formats: Turtle (default), N-Triples, TriG and N-Quads (one named graph per document),
JSON-LD (with a context of our prefixes; one named graph per document too). The same
graph always gives the same bytes:
Turtle, TriG, N-Triples and N-Quads come from :mod:`kg.turtle` (everything sorted);
JSON-LD from :mod:`kg.jsonld` (keys and arrays sorted).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from rdflib.term import Node

from .build import KnowledgeGraph
from .errors import OutputError, UnwritableOutputError, UsageError
from .jsonld import jsonld_dataset
from .turtle import ntriples, turtle

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
    named = [(iri, kg.graphs[iri]) for iri in sorted(kg.graphs)]
    if fmt == "ttl":
        return turtle([(None, _chain(kg))]).encode("utf-8")
    if fmt == "trig":
        return turtle([(None, kg.default), *named]).encode("utf-8")
    if fmt == "nt":
        return ntriples([(None, _chain(kg))]).encode("utf-8")
    if fmt == "nq":
        return ntriples([(None, kg.default), *named]).encode("utf-8")
    return jsonld_dataset([(None, kg.default), *named]).encode("utf-8")


def _chain(kg: KnowledgeGraph) -> Iterator[tuple[Node, Node, Node]]:
    """Every triple of every graph (repeats are merged by the writers)."""
    for graph in (kg.default, *kg.graphs.values()):
        yield from graph


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


def check_writable(out: str | Path) -> None:
    """Fail at once (exit 2), before any input is read, when ``out`` cannot be written:
    a folder, a path under a file, or a folder we may not write to."""
    if str(out) == "-":
        return
    path = Path(out)
    if path.is_dir():
        raise UnwritableOutputError(f"{path}: is a folder; give a file, e.g. {path}/graph.ttl")
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        if not folder.is_dir():
            raise NotADirectoryError(20, "Not a directory")
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".check", dir=folder)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise UnwritableOutputError(
            f"{path}: cannot write the output there ({exc.strerror} in {folder}); choose another -o"
        ) from None


def write_graph(kg: KnowledgeGraph, out: str | Path, fmt: str | None = None) -> str:
    """Serialise ``kg`` to ``out`` (a path or ``-``); returns the format used."""
    fmt = format_for(out, fmt)
    write_bytes(serialize(kg, fmt), out)
    return fmt
