"""A built graph as pandas DataFrames, for notebooks.

    >>> import kg                                   # doctest: +SKIP
    >>> graph = kg.open("out/seeds.ttl")            # doctest: +SKIP
    >>> graph.events()[["event_date", "event_type", "actor1", "location"]]  # doctest: +SKIP
    >>> graph.statements().query("direct")          # doctest: +SKIP
    >>> graph.places()                              # doctest: +SKIP

pandas is imported when a table is first asked for, so ``import kg`` stays light; the
columns are those of ``kg export`` (``kg.export.EVENT_COLUMNS``, ``STATEMENT_COLUMNS``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .export import EVENT_COLUMNS, PLACE_COLUMNS, STATEMENT_COLUMNS
from .store import open_store
from .tables import GraphTables, read_tables

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["OpenGraph", "open_graph"]


class OpenGraph:
    """Graph files loaded into an in-memory pyoxigraph store, read as tables on demand."""

    def __init__(self, paths: Sequence[str | Path]):
        self.paths = [Path(p) for p in paths]
        self.store = open_store(self.paths)

    @cached_property
    def tables(self) -> GraphTables:
        """The plain rows behind the DataFrames (read once)."""
        return read_tables(self.store)

    def _frame(self, rows: list[dict], columns: Sequence[str]) -> pd.DataFrame:
        import pandas as pd

        frame = pd.DataFrame([{c: row.get(c) for c in columns} for row in rows], columns=columns)
        for column in ("event_date", "document_date", "date"):
            if column in frame:
                frame[column] = pd.to_datetime(frame[column].replace("", None), errors="coerce")
        return frame

    def events(self) -> pd.DataFrame:
        """One row per event, ACLED-like columns (``kg.export.EVENT_COLUMNS``)."""
        return self._frame(self.tables.events, EVENT_COLUMNS)

    def statements(self) -> pd.DataFrame:
        """One row per reported statement (``kg.export.STATEMENT_COLUMNS``)."""
        return self._frame(self.tables.statements, STATEMENT_COLUMNS)

    def places(self) -> pd.DataFrame:
        """One row per place with coordinates (``kg.export.PLACE_COLUMNS``)."""
        return self._frame(self.tables.places(), PLACE_COLUMNS)

    def documents(self) -> pd.DataFrame:
        """One row per document: id, date, url, title (and text when the graph holds it)."""
        return self._frame(self.tables.documents, ("id", "date", "url", "title", "text"))

    def query(self, sparql: str) -> list[dict[str, str]]:
        """Run any SPARQL SELECT on the graph; rows as {variable: value}."""
        solutions = self.store.query(sparql)
        names = [v.value for v in solutions.variables]
        return [{n: getattr(s[n], "value", None) for n in names} for s in solutions]


def open_graph(*paths: str | Path) -> OpenGraph:
    """Open graph files (.ttl, .nt, .trig, .nq, .jsonld) for analysis; see the module doc."""
    return OpenGraph(paths)
