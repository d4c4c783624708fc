"""Load the ontology and data into one SPARQL store, once per process."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from kg.errors import DataFileError, JakkgError
from kg.namespaces import PREFIXES


def project_root() -> Path:
    """Folder holding ontology/, data/ and queries/ (the checkout, or the wheel's copy)."""
    bundled = Path(__file__).resolve().parent / "_data"
    return bundled if bundled.is_dir() else Path(__file__).resolve().parent.parent


def default_files() -> tuple[Path, ...]:
    """The files that make up the shipped graph: the ontology and the curated data."""
    root = project_root()
    return (root / "ontology" / "jakkg.ttl", root / "data" / "triples.ttl")


LARGE_GRAPH_BYTES = 64 * 2**20  # above this, load_graph reopens a cached on-disk store
WHERE_OPEN = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def bind_values(sparql: str, bindings: dict[str, str]) -> str:
    """Fix variables to IRIs with a VALUES block opening the WHERE clause.

    Works on any SPARQL 1.1 engine, local or remote, and lets the engine start from
    the bound entity. Queries that take bindings spell out ``WHERE {``.

    >>> bind_values("SELECT ?p WHERE { ?e ?p ?o }", {"e": "http://x/a"})
    'SELECT ?p WHERE { VALUES ?e { <http://x/a> } ?e ?p ?o }'
    """
    if not bindings:
        return sparql
    match = WHERE_OPEN.search(sparql)
    if match is None:
        raise ValueError("a query that takes bindings needs an explicit WHERE {")
    values = " ".join(f"VALUES ?{name} {{ <{iri}> }}" for name, iri in bindings.items())
    return sparql[: match.end()] + " " + values + sparql[match.end() :]


def bind_rows(sparql: str, names: Sequence[str], rows: Iterable[Sequence[str | ox.Literal]]) -> str:
    """Fix a tuple of variables to several rows of terms (IRIs, or literals) with one VALUES block.

    >>> bind_rows("SELECT * WHERE { ?s ?p ?o }", ["s", "o"], [("http://x/a", "http://x/b")])
    'SELECT * WHERE { VALUES (?s ?o) { (<http://x/a> <http://x/b>) } ?s ?p ?o }'
    >>> bind_rows("SELECT * WHERE { ?s ?p ?o }", ["o"], [(ox.Literal("IL-4", language="en"),)])
    'SELECT * WHERE { VALUES (?o) { ("IL-4"@en) } ?s ?p ?o }'
    """
    match = WHERE_OPEN.search(sparql)
    if match is None:
        raise ValueError("a query that takes bindings needs an explicit WHERE {")
    head = " ".join(f"?{name}" for name in names)
    body = " ".join("(" + " ".join(map(_term, row)) + ")" for row in rows)
    values = f"VALUES ({head}) {{ {body} }}"
    return sparql[: match.end()] + " " + values + sparql[match.end() :]


def _term(value: str | ox.Literal) -> str:
    """A VALUES cell: a literal in N-Triples syntax (escaped by pyoxigraph), else an IRI."""
    return str(value) if isinstance(value, ox.Literal) else f"<{value}>"


BATCH = 256  # VALUES rows per query: Oxigraph 0.5 slows sharply past about 1,000 rows


def select_rows(
    graph: Graph, sparql: str, names: Sequence[str], rows: Iterable[Sequence[str]]
) -> list[dict[str, str]]:
    """Rows of ``sparql`` with ``names`` bound to each of ``rows`` (see ``bind_rows``).

    The rows go in batches of ``BATCH``: one query with thousands of VALUES rows took 63 s
    at 10^7 triples where batches of 256 take well under a second.
    """
    rows = list(rows)
    found: list[dict[str, str]] = []
    for start in range(0, len(rows), BATCH):
        found += graph.select(bind_rows(sparql, names, rows[start : start + BATCH]))
    return found


def parse_into(store: ox.Store, path: Path) -> None:
    """Parse one Turtle file into ``store``; a bad file raises DataFileError with its location."""
    try:
        exists, is_file = path.exists(), path.is_file()
    except (OSError, ValueError) as exc:
        raise DataFileError(str(path)[:200], getattr(exc, "strerror", None) or str(exc)) from None
    if not is_file:
        raise DataFileError(str(path), "is a folder, not a file" if exists else "no such file")
    if path.stat().st_size == 0:
        raise DataFileError(str(path), "file is empty")
    try:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    except SyntaxError as exc:
        message = str(exc.msg) if exc.msg else str(exc)
        raise DataFileError(str(path), _short(message), exc.lineno, exc.offset) from None
    except OSError as exc:
        raise DataFileError(str(path), exc.strerror or str(exc)) from None


def _short(message: str) -> str:
    """Drop pyoxigraph's own location prefix; we print file:line:column ourselves."""
    return message.split(": ", 1)[1] if message.startswith("Parser error") else message


class KnowledgeGraph:
    """The jakkg graph in an Oxigraph store, with the project's prefixes predeclared."""

    def __init__(self, store: ox.Store, files: Sequence[Path] = (), location: Path | None = None):
        self.store = store
        self.files = tuple(files)
        self.location = location  # the folder of a cached on-disk store (kg/cache.py)

    def query(self, sparql: str, bindings: dict[str, str] | None = None):
        """Run any SPARQL query; ``bindings`` map variable names to IRIs (see ``bind_values``)."""
        return self.store.query(bind_values(sparql, bindings or {}), prefixes=PREFIXES)

    def select(self, sparql: str, bindings: dict[str, str] | None = None) -> list[dict[str, str]]:
        """Rows of a SELECT query as ``{variable: value}``; unbound variables are left out."""
        solutions = self.query(sparql, bindings)
        names = [v.value for v in solutions.variables]
        return [
            {name: term.value for name in names if (term := row[name]) is not None}
            for row in solutions
        ]

    def __len__(self) -> int:
        return len(self.store)

    def __bool__(self) -> bool:
        """Always true, even when empty: ``graph or load_graph()`` must not count the triples
        (``len`` walks the whole store: 1.2 s at 10^7 triples)."""
        return True


class Graph(Protocol):
    """What the library needs of a graph: SELECT rows. Local store or remote endpoint."""

    def select(
        self, sparql: str, bindings: dict[str, str] | None = None
    ) -> list[dict[str, str]]: ...


def open_graph(endpoint: str | None = None, graph: str | None = None) -> Graph:
    """The shipped graph, or the graph behind a SPARQL endpoint URL (``graph``: which one)."""
    if endpoint is None:
        if graph is not None:
            raise JakkgError("--graph names a graph at an --endpoint; give the --endpoint too")
        return load_graph()
    from kg.httpclient import EndpointError, redact
    from kg.remote import RemoteGraph
    from kg.sparql import library_query

    remote = RemoteGraph(endpoint, graph)
    if not remote.select(library_query("jakkg-data-present")):
        raise EndpointError(
            f"{redact(endpoint)} holds no jakkg data (no inhibition, no disease association):"
            " load it there first, e.g. with jakkg push"
        )
    return remote


def load_graph(files: Iterable[Path | str] | None = None) -> KnowledgeGraph:
    """Graph of ``files`` (default: the shipped ontology and data), parsed once per process.

    >>> len(load_graph()) > 0
    True
    """
    paths = tuple(Path(f).resolve() for f in (files or default_files()))
    return _load_cached(paths)


@functools.lru_cache(maxsize=8)
def _load_cached(paths: tuple[Path, ...]) -> KnowledgeGraph:
    if sum(p.stat().st_size for p in paths if p.is_file()) >= LARGE_GRAPH_BYTES:
        from kg.cache import open_cached  # a persistent on-disk store, see kg/cache.py

        return open_cached(paths)
    store = ox.Store()
    for path in paths:
        parse_into(store, path)
    return KnowledgeGraph(store, paths)
