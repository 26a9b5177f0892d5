"""Saved SPARQL queries: find, read their header, bind parameters safely, run, format.

A saved query is ``queries/<verb>_<noun>.rq``. Its leading comment block says what it
answers; special lines declare its parameters and the remote services it calls::

    # Statements about a place or a person, with who said them.
    # params: name (a place or person label, case-insensitive, optional)
    # service: wikidata = https://query.wikidata.org/sparql

``params:`` lists ``name (description, flags)`` items separated by ``;``; the flags
(after the last commas) are ``optional`` and one type of ``string`` (the default),
``iri``, ``date``, ``integer`` or ``decimal``. A ``service:`` line names a SERVICE IRI
that a parameter of that name may redirect (tests point it at a local server).

Parameter values are never pasted into the query text: on the embedded store they are
pyoxigraph ``substitutions``; for remote endpoints (and on the embedded store when
pyoxigraph refuses a substitution) they become a ``VALUES`` block of escaped RDF terms
inserted at the top of the query's WHERE group, and the result is parsed again.

>>> result = run_query("list_timeline", [Path("out/seeds.ttl")])   # doctest: +SKIP
>>> print(format_result(result, "table"))                           # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal as TypingLiteral

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import QueryError, StoreError, UsageError
from kg.ontology import PREFIXES
from kg.resources import resource_dir
from kg.store import credentials, open_store
from kg.turtle import ntriples, turtle

__all__ = [
    "QUERIES_DIR",
    "SELECT_FORMATS",
    "GRAPH_FORMATS",
    "Param",
    "QueryResult",
    "SavedQuery",
    "bind_values",
    "find_query",
    "format_result",
    "list_queries",
    "parse_header",
    "run_query",
    "strip_comments",
]

QUERIES_DIR = resource_dir("queries")
SELECT_FORMATS = ("table", "csv", "tsv", "json")
GRAPH_FORMATS = ("ttl", "nt")
PARAM_TYPES = ("string", "iri", "date", "integer", "decimal")
_XSD_STRING = str(XSD.string)
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Characters that may not appear in an IRIREF (SPARQL 1.1 grammar, production 139).
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


# --------------------------------------------------------------------------- header


@dataclass(frozen=True)
class Param:
    """One declared parameter of a saved query."""

    name: str
    description: str = ""
    type: str = "string"
    optional: bool = False


@dataclass(frozen=True)
class SavedQuery:
    """A ``.rq`` file and what its header says about it."""

    name: str
    path: Path
    text: str
    summary: str
    params: tuple[Param, ...] = ()
    services: Mapping[str, str] = field(default_factory=dict)


def parse_header(text: str) -> tuple[str, tuple[Param, ...], dict[str, str]]:
    """Read a query's leading comment block: (summary, params, services).

    >>> parse_header("# Events.\\n# params: place (a label, optional)\\nSELECT * {}")[1]
    (Param(name='place', description='a label', type='string', optional=True),)
    """
    lines: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            if lines:
                lines.append("")
            continue
        if not stripped.startswith("#"):
            break
        lines.append(stripped.lstrip("#").strip())
    summary_lines: list[str] = []
    params: list[Param] = []
    services: dict[str, str] = {}
    for line in lines:
        key, _, rest = line.partition(":")
        key = key.strip().lower()
        if key == "params" and rest.strip():
            params.extend(_parse_params(rest))
        elif key == "service" and "=" in rest:
            name, _, iri = rest.partition("=")
            services[name.strip()] = iri.strip().strip("<>")
        elif key not in ("params", "service"):
            summary_lines.append(line)
    summary = " ".join(part for part in summary_lines if part).strip()
    return summary, tuple(params), services


def _parse_params(spec: str) -> Iterator[Param]:
    for item in spec.split(";"):
        item = item.strip()
        if not item or item.lower() == "none":
            continue
        match = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)\s*(?:\((.*)\))?\s*$", item)
        if not match:
            raise QueryError(
                f"Cannot read the parameter declaration {item!r}; write it as "
                "'name (description, optional)'."
            )
        name, inner = match.group(1), (match.group(2) or "")
        parts = [part.strip() for part in inner.split(",")]
        kind, optional = "string", False
        while parts and parts[-1].lower() in (*PARAM_TYPES, "optional", "required"):
            flag = parts.pop().lower()
            if flag == "optional":
                optional = True
            elif flag in PARAM_TYPES:
                kind = flag
        yield Param(name, ", ".join(part for part in parts if part), kind, optional)


# --------------------------------------------------------------------------- finding


def list_queries(directory: Path = QUERIES_DIR) -> list[SavedQuery]:
    """Every saved query in ``directory``, sorted by name."""
    return [_read_saved(path) for path in sorted(Path(directory).glob("*.rq"))]


def _read_saved(path: Path) -> SavedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise QueryError(f"Cannot read the query file {path}: {err.strerror}.") from err
    summary, params, services = parse_header(text)
    return SavedQuery(path.stem, path, text, summary, params, services)


def find_query(name_or_path: str | Path, directory: Path = QUERIES_DIR) -> SavedQuery:
    """Find a saved query by path, exact stem, or a unique part of its name.

    ``timeline`` finds ``queries/list_timeline.rq``. Raise QueryError listing the
    available names when nothing (or more than one query) matches.
    """
    candidate = Path(name_or_path)
    if candidate.suffix == ".rq" or candidate.is_file() or "/" in str(name_or_path):
        if not candidate.is_file():
            raise QueryError(f"The query file {candidate} does not exist.")
        return _read_saved(candidate)
    name = str(name_or_path).removesuffix(".rq")
    paths = sorted(Path(directory).glob("*.rq"))
    exact = [path for path in paths if path.stem == name]
    matches = exact or [path for path in paths if name.lower() in path.stem.lower()]
    if len(matches) == 1:
        return _read_saved(matches[0])
    available = ", ".join(path.stem for path in paths) or "(none)"
    if not matches:
        raise QueryError(
            f"No saved query is called {name!r}. Available: {available}. "
            "Give a name, part of one, or a path to a .rq file."
        )
    names = ", ".join(path.stem for path in matches)
    raise QueryError(f"{name!r} matches several saved queries: {names}. Use a longer name.")


# --------------------------------------------------------------------------- results


@dataclass
class QueryResult:
    """What a query returned: rows (SELECT), a boolean (ASK) or a graph (CONSTRUCT)."""

    kind: TypingLiteral["select", "ask", "graph"]
    variables: tuple[str, ...] = ()
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Node, Node, Node]] = field(default_factory=list)
    """CONSTRUCT/DESCRIBE: the distinct triples (:attr:`graph` has them as a Graph)."""
    truncated: bool = False
    """True when a remote store cut the result short (Virtuoso's X-SPARQL-MaxRows)."""

    def __post_init__(self) -> None:
        self.triples = list(dict.fromkeys(self.triples))
        self._graph: Graph | None = None

    @property
    def graph(self) -> Graph | None:
        """CONSTRUCT/DESCRIBE: the triples as an rdflib Graph, made on first use."""
        if self.kind != "graph":
            return None
        if self._graph is None:
            self._graph = _new_graph()
            self._graph.addN((*triple, self._graph) for triple in self.triples)
        return self._graph

    def __len__(self) -> int:
        if self.kind == "graph":
            return len(self.triples)
        return len(self.rows) if self.kind == "select" else 1

    def column(self, name: str) -> list[Node | None]:
        """All values of one variable, in row order."""
        try:
            index = self.variables.index(name)
        except ValueError as err:
            raise QueryError(
                f"The result has no variable ?{name}; it has {', '.join(self.variables)}."
            ) from err
        return [row[index] for row in self.rows]

    def dicts(self) -> list[dict[str, str]]:
        """Rows as {variable: lexical value} with unbound variables left out."""
        return [
            {
                name: str(value)
                for name, value in zip(self.variables, row, strict=True)
                if value is not None
            }
            for row in self.rows
        ]


def _from_ox(term: object) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    return Literal(str(term))


def _to_ox(term: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    assert isinstance(term, Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


# --------------------------------------------------------------------------- binding


def make_term(value: str, kind: str = "string") -> URIRef | Literal:
    """Turn a parameter's text into an RDF term of the declared type (never into syntax)."""
    if kind == "iri":
        value = value.strip().removeprefix("<").removesuffix(">")
        if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) or _BAD_IRI.search(value):
            raise UsageError(f"{value!r} is not an absolute IRI (e.g. https://example.org/x).")
        return URIRef(value)
    if kind == "date":
        if not re.match(r"^-?\d{4,}-\d{2}-\d{2}$", value.strip()):
            raise UsageError(f"{value!r} is not a date; write it as YYYY-MM-DD.")
        return Literal(value.strip(), datatype=XSD.date)
    if kind == "integer":
        if not re.match(r"^[+-]?\d+$", value.strip()):
            raise UsageError(f"{value!r} is not an integer.")
        return Literal(value.strip(), datatype=XSD.integer)
    if kind == "decimal":
        if not re.match(r"^[+-]?(\d+\.?\d*|\.\d+)$", value.strip()):
            raise UsageError(f"{value!r} is not a decimal number.")
        return Literal(value.strip(), datatype=XSD.decimal)
    return Literal(value)


_TOKEN = re.compile(
    r"(?P<comment>\#[^\n]*)"
    r'|(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')'
    r'|(?P<iri><[^\x00-\x20<>"{}|^`\\]*>)'
    r"|(?P<open>\{)|(?P<close>\})"
    r"|(?P<word>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<other>\S)",
    re.DOTALL,
)


def _tokens(query: str) -> Iterator[tuple[str, str, int, int]]:
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup or "other"
        if kind != "comment":
            yield kind, match.group(), match.start(), match.end()


def _where_brace(query: str) -> int:
    """Offset just after the ``{`` that opens the query's WHERE group."""
    depth = 0
    form: str | None = None
    skip_template = False
    previous_word = ""
    for kind, text, _start, end in _tokens(query):
        if kind == "word" and depth == 0:
            upper = text.upper()
            if form is None and upper in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"):
                form = upper
            previous_word = upper
        elif kind == "open":
            if depth == 0 and form is not None:
                if form == "CONSTRUCT" and previous_word == "CONSTRUCT" and not skip_template:
                    skip_template = True  # the template, not the WHERE group
                else:
                    return end
            depth += 1
            previous_word = ""
        elif kind == "close":
            depth -= 1
            previous_word = ""
        elif depth == 0:
            previous_word = ""
    raise QueryError("Cannot find the WHERE group of the query to bind parameters into.")


def bind_values(query: str, bindings: Mapping[str, Node]) -> str:
    """Return ``query`` with a one-row ``VALUES`` block of the bindings inside its WHERE.

    The values are written with rdflib's ``n3()`` escaping, so a value such as
    ``Izium" } DROP ALL #`` stays one string literal.
    """
    if not bindings:
        return query
    for name in bindings:
        if not _NAME.match(name):
            raise UsageError(f"{name!r} is not a valid parameter name (letters, digits, _).")
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(term.n3() for term in bindings.values())
    position = _where_brace(query)
    block = f"\n  VALUES ({names}) {{ ({values}) }}\n"
    return query[:position] + block + query[position:]


def _redirect_services(query: str, redirects: Mapping[str, str]) -> str:
    """Replace ``SERVICE <iri>`` tokens (outside strings and comments) by other IRIs."""
    if not redirects:
        return query
    pieces: list[str] = []
    last = 0
    after_service = False
    for kind, text, start, end in _tokens(query):
        if kind == "iri" and after_service and text[1:-1] in redirects:
            pieces.append(query[last:start])
            pieces.append(f"<{redirects[text[1:-1]]}>")
            last = end
        after_service = kind == "word" and text.upper() == "SERVICE"
    pieces.append(query[last:])
    return "".join(pieces)


def _prepare(
    text: str, params: Mapping[str, str], declared: Sequence[Param], services: Mapping[str, str]
) -> tuple[str, dict[str, Node]]:
    """Check params against the declaration; return (query text, bindings)."""
    known = {param.name: param for param in declared}
    bindings: dict[str, Node] = {}
    redirects: dict[str, str] = {}
    for name, value in params.items():
        if name in services:
            redirects[services[name]] = str(make_term(value, "iri"))
            continue
        if declared and name not in known:
            names = ", ".join(sorted([*known, *services])) or "none"
            raise UsageError(f"The query takes no parameter {name!r}; it takes: {names}.")
        bindings[name] = make_term(value, known[name].type if name in known else "string")
    missing = [p.name for p in declared if not p.optional and p.name not in params]
    if missing:
        raise UsageError(f"The query needs the parameter(s): {', '.join(missing)} (--param k=v).")
    return _redirect_services(text, redirects), bindings


# --------------------------------------------------------------------------- running


def _syntax_error(err: Exception, text: str) -> QueryError:
    message = str(err)
    where = re.search(r"(\d+):(\d+)", message)
    if where:
        line_no = int(where.group(1))
        lines = text.splitlines()
        if 1 <= line_no <= len(lines):
            message += f"\n  line {line_no}: {lines[line_no - 1].strip()}"
    return QueryError(f"The query has a syntax error: {message}")


def run_query(
    query: str | Path,
    graphs: Sequence[Path] = (),
    *,
    endpoint: str | None = None,
    params: Mapping[str, str] | None = None,
    auth: tuple[str, str] | None = None,
    auth_scheme: str = "auto",
    timeout: float = 60.0,
    store: ox.Store | None = None,
) -> QueryResult:
    """Run a saved query (name or path) or SPARQL text on graph files or an endpoint.

    ``graphs`` are loaded into an embedded pyoxigraph store whose default graph is
    the set union of all graphs (:func:`kg.store.open_store`); ``store`` reuses one
    made that way; ``endpoint`` sends the query to
    a SPARQL endpoint instead.
    """
    text, declared, services = _resolve(query)
    text, bindings = _prepare(text, params or {}, declared, services)
    if endpoint:
        return _run_remote(
            text, bindings, endpoint, auth=auth, timeout=timeout, auth_scheme=auth_scheme
        )
    if store is None:
        if not graphs:
            raise UsageError("Give at least one graph file or --endpoint URL to query.")
        store = open_store(graphs)
    elif graphs:
        raise UsageError("Give graph files or an already loaded store, not both.")
    return _run_embedded(text, bindings, store)


def _resolve(query: str | Path) -> tuple[str, tuple[Param, ...], dict[str, str]]:
    if isinstance(query, Path) or ("{" not in query and re.fullmatch(r"[\w./\\-]+", query.strip())):
        saved = find_query(query)
        return saved.text, saved.params, dict(saved.services)
    _summary, params, services = parse_header(query)
    return query, params, services


def _run_embedded(text: str, bindings: Mapping[str, Node], store: ox.Store) -> QueryResult:
    substitutions = {ox.Variable(name): _to_ox(term) for name, term in bindings.items()}
    try:
        try:
            answer = store.query(
                text, use_default_graph_as_union=False, substitutions=substitutions or None
            )
        except RuntimeError as err:
            if "projection" not in str(err):
                raise
            # pyoxigraph only substitutes projected variables; bind the rest with VALUES.
            answer = store.query(bind_values(text, bindings), use_default_graph_as_union=False)
        return _collect(answer)
    except SyntaxError as err:
        raise _syntax_error(err, text) from err
    except (OSError, RuntimeError, ValueError) as err:
        raise QueryError(f"The query failed: {err}") from err


def _collect(answer: object) -> QueryResult:
    # Results repeat terms (types, places, dates, the entity described): convert each
    # distinct term once (an rdflib typed Literal parses its value, ~5 us each).
    cache: dict[object, Node | None] = {None: None}

    def convert(term: object) -> Node | None:
        try:
            return cache[term]
        except KeyError:
            node = cache[term] = _from_ox(term)
            return node

    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = tuple(var.value for var in answer.variables)
        # a solution iterates its values in variable order (None when unbound); looking
        # each up by name costs six times as much on 21k-row answers
        rows = [tuple(map(convert, solution)) for solution in answer]
        return QueryResult("select", variables, rows)
    triples = [
        (convert(t.subject), convert(t.predicate), convert(t.object))
        for t in answer  # type: ignore[attr-defined]
    ]
    return QueryResult("graph", triples=triples)


def _new_graph() -> Graph:
    graph = Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True)
    return graph


def _query_form(text: str) -> str:
    for kind, word, _start, _end in _tokens(text):
        if kind == "word" and word.upper() in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"):
            return word.upper()
    raise QueryError("The text is not a SPARQL query (no SELECT, CONSTRUCT, ASK or DESCRIBE).")


def check_syntax(text: str) -> None:
    """Parse ``text`` with rdflib's SPARQL parser (nothing runs); raise QueryError."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepareQuery(text)
    except ParseException as err:
        line = err.line.strip() if err.line else ""
        raise QueryError(
            f"The query has a syntax error at line {err.lineno}, column {err.col}: {err.msg}"
            f"\n  line {err.lineno}: {line}"
        ) from err
    except Exception as err:  # rdflib raises plain exceptions for unknown prefixes etc.
        raise QueryError(f"The query cannot be parsed: {err}") from err


def _run_remote(
    text: str,
    bindings: Mapping[str, Node],
    endpoint: str,
    *,
    auth: tuple[str, str] | None,
    timeout: float,
    auth_scheme: str = "auto",
) -> QueryResult:
    """POST the query (comments stripped) through :class:`kg.http_client.HttpClient`."""
    from kg.http_client import HttpClient

    check_syntax(text)
    text = bind_values(text, bindings)
    check_syntax(text)
    form = _query_form(text)
    graph_form = form in ("CONSTRUCT", "DESCRIBE")
    client = HttpClient(
        auth if auth is not None else credentials(endpoint),
        auth_scheme=auth_scheme,
        timeout=timeout,
        error=QueryError,
        user_agent="conflict-kg-query",
    )
    accept = (
        "application/n-triples, text/turtle;q=0.9"
        if graph_form
        else "application/sparql-results+json"
    )
    response = client.request(
        "POST", endpoint, data={"query": strip_comments(text)}, headers={"Accept": accept}
    )
    truncated = bool(response.headers.get("X-SPARQL-MaxRows"))
    content_type = response.headers.get("Content-Type", "")
    try:
        if graph_form:
            graph = _new_graph()
            graph.parse(
                data=response.content, format="nt" if "n-triples" in content_type else "turtle"
            )
            return QueryResult("graph", triples=list(graph), truncated=truncated)
        document = json.loads(response.content)
    except (ValueError, SyntaxError) as err:
        raise StoreError(
            f"The endpoint {endpoint} did not answer with SPARQL results ({content_type}): {err}"
        ) from err
    if "boolean" in document:
        return QueryResult("ask", boolean=bool(document["boolean"]))
    variables = tuple(document["head"].get("vars", []))
    rows = [
        tuple(_from_json(binding.get(name)) for name in variables)
        for binding in document["results"]["bindings"]
    ]
    return QueryResult("select", variables, rows, truncated=truncated)


def strip_comments(text: str) -> str:
    """The query without its ``#`` comments (strings and IRIs are left alone).

    Clients that guess a query's form from keywords (SPARQLWrapper) then see the query.

    >>> strip_comments('# load the graph\\nSELECT ("#x" AS ?a) {} # done\\n')
    '\\nSELECT ("#x" AS ?a) {} \\n'
    """
    pieces: list[str] = []
    last = 0
    for match in _TOKEN.finditer(text):
        if match.lastgroup == "comment":
            pieces.append(text[last : match.start()])
            last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


def _from_json(value: Mapping[str, str] | None) -> Node | None:
    if value is None:
        return None
    if value["type"] == "uri":
        return URIRef(value["value"])
    if value["type"] == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    datatype = value.get("datatype")
    if datatype and datatype != _XSD_STRING:
        return Literal(value["value"], datatype=URIRef(datatype))
    return Literal(value["value"])


# --------------------------------------------------------------------------- formatting


def format_result(result: QueryResult, fmt: str | None = None) -> str:
    """Render a result: table/csv/tsv/json for SELECT and ASK, ttl/nt for graphs."""
    if result.kind == "graph":
        fmt = fmt or "ttl"
        if fmt not in GRAPH_FORMATS:
            raise UsageError(
                f"A CONSTRUCT/DESCRIBE result is RDF; use --format {' or '.join(GRAPH_FORMATS)}."
            )
        write = turtle if fmt == "ttl" else ntriples
        return write([(None, result.triples)])
    fmt = fmt or "table"
    if fmt not in SELECT_FORMATS:
        raise UsageError(
            f"A SELECT/ASK result is a table; use --format one of {', '.join(SELECT_FORMATS)}."
        )
    if fmt == "json":
        return json.dumps(_json_results(result), indent=2, ensure_ascii=False) + "\n"
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "table":
        return _table(result)
    buffer = io.StringIO()
    if fmt == "csv":
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(result.variables)
        writer.writerows(
            [str(value) if value is not None else "" for value in row] for row in result.rows
        )
        return buffer.getvalue()
    lines = ["\t".join(f"?{name}" for name in result.variables)]
    for row in result.rows:
        lines.append("\t".join(_tsv_term(value) for value in row))
    return "\n".join(lines) + "\n"


def _tsv_term(value: Node | None) -> str:
    if value is None:
        return ""
    return value.n3().replace("\t", "\\t").replace("\n", "\\n")


def _json_results(result: QueryResult) -> dict[str, object]:
    if result.kind == "ask":
        return {"head": {}, "boolean": bool(result.boolean)}
    bindings = []
    for row in result.rows:
        binding: dict[str, dict[str, str]] = {}
        for name, value in zip(result.variables, row, strict=True):
            if value is None:
                continue
            if isinstance(value, URIRef):
                binding[name] = {"type": "uri", "value": str(value)}
            elif isinstance(value, BNode):
                binding[name] = {"type": "bnode", "value": str(value)}
            else:
                assert isinstance(value, Literal)
                entry = {"type": "literal", "value": str(value)}
                if value.language:
                    entry["xml:lang"] = value.language
                elif value.datatype:
                    entry["datatype"] = str(value.datatype)
                binding[name] = entry
        bindings.append(binding)
    return {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}


def _short(value: Node | None) -> str:
    """A compact cell: IRIs as CURIEs with our prefixes (longest namespace wins)."""
    if value is None:
        return ""
    if isinstance(value, URIRef):
        iri = str(value)
        matches = [
            (len(namespace), prefix, iri[len(namespace) :])
            for prefix, namespace in PREFIXES.items()
            if iri.startswith(namespace)
        ]
        matches = [match for match in matches if re.fullmatch(r"[\w.-]*", match[2])]
        if matches:
            _length, prefix, local = max(matches)
            return f"{prefix}:{local}"
        return f"<{iri}>"
    if isinstance(value, BNode):
        return f"_:{value}"
    return str(value).replace("\n", " ")


def _table(result: QueryResult, max_width: int = 60) -> str:
    header = list(result.variables)
    cells = [[_clip(_short(value), max_width) for value in row] for row in result.rows]
    widths = [len(name) for name in header]
    for row in cells:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            value.ljust(width) for value, width in zip(values, widths, strict=True)
        ).rstrip()

    out = [line(header), line(["-" * width for width in widths])]
    out.extend(line(row) for row in cells)
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out) + "\n"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
