"""conflict-kg: English news about armed conflict -> an RDF knowledge graph.

Library first; the ``kg`` command is a thin layer over these calls::

    >>> import kg                                             # doctest: +SKIP
    >>> graph, report = kg.build_graph(["seeds/"])            # doctest: +SKIP
    >>> kg.write_graph(graph, "out/seeds.ttl")                # doctest: +SKIP
    >>> kg.run_query("list_timeline", ["out/seeds.ttl"]).rows  # doctest: +SKIP
    >>> kg.open("out/seeds.ttl").events()                     # doctest: +SKIP
    >>> kg.validate_graph("out/seeds.ttl").conforms            # doctest: +SKIP
"""

__version__ = "0.1.0"

from .api import open_graph  # noqa: E402
from .errors import KgError  # noqa: E402
from .pipeline import build_graph, extract_documents  # noqa: E402
from .query import run_query  # noqa: E402
from .store import load_graph  # noqa: E402
from .types import BuildReport, Entity, Event, Extraction, SourceDoc, Statement  # noqa: E402
from .validate import validate_graph  # noqa: E402
from .write import serialize, write_graph  # noqa: E402

open = open_graph  # noqa: A001  (kg.open(GRAPH): tables as DataFrames; not in __all__)

__all__ = [
    "__version__",
    "build_graph",
    "extract_documents",
    "write_graph",
    "serialize",
    "run_query",
    "load_graph",
    "open_graph",
    "validate_graph",
    "KgError",
    "SourceDoc",
    "Entity",
    "Event",
    "Statement",
    "Extraction",
    "BuildReport",
]
