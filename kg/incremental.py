"""Incremental builds: add documents to a persistent on-disk Oxigraph store without
rebuilding (``kg build --store DIR NEW_DOCS...``).

The store keeps what ``kg query`` expects: one named graph per document, and a default
graph holding the provenance plus the set union of every document's triples. Adding a
batch:

1. builds the batch's N-Quads with the streamed build (``kg.pipeline.build_to``); an
   entity the store already knows keeps the rdfs:label it has there (so it keeps one
   label: entities merge across documents by IRI, i.e. by QID or by NIL cluster);
2. for each document of the batch already in the store: removes from the union the
   triples no other document holds, then drops its graph (replaced, never duplicated);
3. bulk-loads the batch and copies its documents' triples into the union.

The work is proportional to the batch (and the replaced documents), not to the store.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from .errors import StoreError
from .types import BuildReport

_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def open_persistent(location: str | Path, read_only: bool = False):
    """The pyoxigraph Store at ``location`` (created when missing unless read-only)."""
    import pyoxigraph as ox

    try:
        if read_only:
            if not Path(location).is_dir():
                raise StoreError(
                    f"There is no store at {location}; build one with kg build --store."
                )
            return ox.Store.read_only(str(location))
        return ox.Store(str(location))
    except OSError as err:
        raise StoreError(
            f"Cannot open the store at {location}: {err} (is a kg serve using it?)"
        ) from err


def add_documents(inputs: Sequence[str | Path], location: str | Path, **options) -> BuildReport:
    """Extract ``inputs`` and add them to the store at ``location``; ``options`` are
    ``kg.pipeline.build_to``'s (date, model, link, jobs, engine...)."""
    import pyoxigraph as ox

    from .pipeline import build_to

    store = open_persistent(location)
    label = ox.NamedNode(_LABEL)
    default = ox.DefaultGraph()

    def known_label(iri: str) -> str | None:
        for quad in store.quads_for_pattern(ox.NamedNode(iri), label, None, default):
            return quad.object.value
        return None

    with tempfile.TemporaryDirectory(prefix="kg-add-") as tmp:
        batch = Path(tmp) / "batch.nq"
        report = build_to(inputs, batch, "nq", known_label=known_label, **options)
        documents = sorted(
            {
                q.graph_name.value
                for q in ox.parse(path=str(batch), format=ox.RdfFormat.N_QUADS)
                if isinstance(q.graph_name, ox.NamedNode)
            }
        )
        present = {g.value for g in store.named_graphs()}
        for iri in documents:
            if iri in present:
                remove_document(store, iri)
        store.bulk_load(path=str(batch), format=ox.RdfFormat.N_QUADS)
        for iri in documents:
            store.update(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")
        store.flush()
    return report


def remove_document(store, iri: str) -> None:
    """Drop a document's graph and the union triples that only it held."""
    store.update(
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{iri}>) }} }}; "
        f"DROP SILENT GRAPH <{iri}>"
    )
