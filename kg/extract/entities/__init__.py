"""Stage 1, entities: the entity ruler (gazetteers and patterns), the named rules that
make ruler and NER entities and bare tokens candidates (entities.ruler, entities.ner,
entities.token, entities.name_run, entities.facility, entities.one_type_per_name), name
folding, and the document's one entity table."""

from .table import EntityTable, find_entities

__all__ = ["EntityTable", "find_entities"]
