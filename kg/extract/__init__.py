"""Extraction: SourceDoc -> Extraction, with spaCy and our own components.

The order of the components lives here:

1. ``nlp.load_nlp`` loads the English pipeline (plus our entity ruler patterns);
2. ``parse`` splits the text into paragraphs and parses each (offsets kept);
3. ``entities.find_entities`` builds the document's entity table;
4. ``statements.find_statements`` finds reported speech and its speakers;
5. ``events.find_events`` finds event triggers and their arguments, and marks events
   reported inside a statement as claimed.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..types import Extraction, SourceDoc

if TYPE_CHECKING:
    from spacy.language import Language

    from .parsed import Parsed

__all__ = ["extract", "extract_many", "load_nlp", "model_name", "Parsed", "parse"]

#: Names this package exports from its modules, imported when first used, so that
#: ``kg.extract.lexicon`` (read by ``kg.ontology`` and ``kg.link``) does not load spaCy.
_LAZY = {
    "load_nlp": "nlp",
    "model_name": "nlp",
    "Parsed": "parsed",
    "parse": "parsed",
    "parse_many": "parsed",
}
_STAGES = ("entities", "coref", "events", "statements")


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    if name in _STAGES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def extract_parsed(parsed: Parsed, model: str | None = None) -> Extraction:
    """Run our components over an already parsed document."""
    from . import entities, events, statements

    table = entities.find_entities(parsed)
    stmts = statements.find_statements(parsed, table)
    evts = events.find_events(parsed, table, stmts)
    return Extraction(
        doc=parsed.doc,
        entities=table.entities(),
        events=tuple(evts),
        statements=tuple(stmts),
        model=model,
    )


def extract(doc: SourceDoc, nlp: Language) -> Extraction:
    """Extract entities, events and statements from one document.

    >>> from kg.extract import load_nlp, extract  # doctest: +SKIP
    >>> doc = SourceDoc(id="a", text="Russian forces shelled Kharkiv.")
    >>> extract(doc, load_nlp()).events[0].type  # doctest: +SKIP
    'Shelling'
    """
    from .nlp import model_name
    from .parsed import parse

    return extract_parsed(parse(doc, nlp), model_name(nlp))


def extract_many(
    docs: Iterable[SourceDoc], nlp: Language, batch_size: int = 64
) -> Iterator[Extraction]:
    """Extract from many documents, parsing their paragraphs in batches."""
    from .nlp import model_name
    from .parsed import parse_many

    model = model_name(nlp)
    for parsed in parse_many(docs, nlp, batch_size=batch_size):
        yield extract_parsed(parsed, model)
