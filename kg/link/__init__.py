"""Wikidata linking: a bundled knowledge base, a context-aware linker, KB import and
SPARQL fetching.

>>> from kg.link import link_extractions  # doctest: +SKIP
>>> linked = link_extractions(extractions)  # offline, bundled KB + user KB  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..errors import KbError, StoreError
from ..types import Extraction
from .kb import KbEntry, KnowledgeBase, bundled_kb, default_user_kb, load_kb
from .linker import Linker, LinkerConfig

__all__ = [
    "link_extractions",
    "KbEntry",
    "KnowledgeBase",
    "Linker",
    "LinkerConfig",
    "load_kb",
    "bundled_kb",
    "default_user_kb",
]

_DEFAULT_KB: dict[tuple, KnowledgeBase] = {}


def _default_kb() -> KnowledgeBase:
    user = default_user_kb()
    stamp = (str(user), user.stat().st_mtime_ns) if user.exists() else ()
    if stamp not in _DEFAULT_KB:
        _DEFAULT_KB.clear()
        _DEFAULT_KB[stamp] = load_kb() if stamp else bundled_kb()
    return _DEFAULT_KB[stamp]


def link_extractions(
    extractions: Sequence[Extraction],
    kb: KnowledgeBase | None = None,
    *,
    online: bool = False,
    endpoint: str | None = None,
    cache_dir: Path | str | None = None,
    config: LinkerConfig | None = None,
    on_failure: Callable[[int, str], None] | None = None,
) -> list[Extraction]:
    """New Extractions with ``Entity.link`` set where the linker is confident.

    ``kb=None`` uses the bundled KB plus the user KB (``kg kb import``), loaded once.
    All documents of a run are linked together so one real entity gets one Link. With
    ``online=True``, entities the KB has no candidate for are looked up at ``endpoint``
    (default: the Wikidata Query Service) through the on-disk cache in ``cache_dir``;
    network failures are not fatal there (the entity stays unlinked): with
    ``on_failure``, it is called with the number of mentions left unlinked and the
    endpoint's error.
    """
    extractions = list(extractions)
    kb = kb if kb is not None else _default_kb()
    linker = Linker(kb, config)
    if online:
        from .kb import split_designator
        from .linker import entity_names, unresolved
        from .sparql import DEFAULT_ENDPOINT, SparqlClient, lookup_names

        missing = unresolved(extractions, linker)
        if missing:
            client = SparqlClient(
                endpoint or DEFAULT_ENDPOINT, cache_dir=cache_dir, retries=2, backoff=0.5
            )
            names = {n for ent in missing for n in entity_names(ent)}
            names |= {split_designator(n)[0] for n in names}  # "Oskil river" -> "Oskil"
            try:
                found = lookup_names(client, names, kb, strict=on_failure is not None)
            except (KbError, StoreError) as exc:  # reported; the bundled KB still links what it can
                on_failure(sum(len(ent.mentions) for ent in missing), str(exc))  # type: ignore[misc]
                found = []
            if found:
                overlay = kb.copy()
                overlay.add(found)
                linker = Linker(overlay, config)
    return linker.link_all(extractions)
