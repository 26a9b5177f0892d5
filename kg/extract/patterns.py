"""Our entity ruler: patterns for units, media, rivers, regions and facilities."""

from __future__ import annotations

from spacy.language import Language


def add_entity_ruler(nlp: Language) -> None:
    """Add the conflict-kg entity ruler before spaCy's NER (idempotent)."""
    if "conflict_kg_ruler" in nlp.pipe_names:
        return
    ruler = nlp.add_pipe("entity_ruler", name="conflict_kg_ruler", before="ner")
    ruler.add_patterns(PATTERNS)


PATTERNS: list[dict] = [
    {"label": "River", "pattern": [{"IS_TITLE": True}, {"LOWER": "river"}]},
]
