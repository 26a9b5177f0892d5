"""Stage 1, entities: the entity ruler (gazetteers and patterns), NER repair into
candidates, name folding, and the document's one entity table."""

from .table import EntityTable, find_entities

__all__ = ["EntityTable", "find_entities"]
