"""Load the graph into an external SPARQL 1.1 store with the Graph Store Protocol (idempotent PUT).

``PUT`` replaces the target graph, so pushing twice leaves the store as after one push (no
duplicated blank nodes, no stale triples from an older version of the data). Credentials
(URL, environment or netrc; Basic or Digest) and redirects are handled by ``kg.httpclient``.
"""

from __future__ import annotations

import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from kg.httpclient import EndpointError, check_endpoint, redact, send
from kg.remote import check_graph

PUSH_TIMEOUT = 120.0


@dataclass(frozen=True)
class PushReport:
    """What was pushed where: target URL, graph (None: the default graph), triples, HTTP status."""

    url: str
    graph: str | None
    triples: int
    status: int

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return asdict(self)


def store_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of ``graph`` (or the default graph) at ``endpoint``.

    A URL that already names its graph (``?graph=`` or ``?default``) is used as it is.

    >>> store_url("http://localhost:7878/store", None)
    'http://localhost:7878/store?default'
    >>> store_url("http://localhost:7878/store", "https://w3id.org/jakkg/graph")
    'http://localhost:7878/store?graph=https%3A%2F%2Fw3id.org%2Fjakkg%2Fgraph'
    >>> store_url("http://localhost:8890/sparql-graph-crud?graph=urn:g", None)
    'http://localhost:8890/sparql-graph-crud?graph=urn:g'
    """
    if {"graph", "default"} & _fields(endpoint).keys():
        if graph is not None:
            raise EndpointError(f"{endpoint} already names a graph; drop --graph or the URL's")
        return endpoint
    joiner = "&" if "?" in endpoint else "?"
    if graph is None:
        return f"{endpoint}{joiner}default"
    return f"{endpoint}{joiner}graph={urllib.parse.quote(graph, safe='')}"


def _fields(url: str) -> dict[str, list[str]]:
    """The fields of ``url``'s query string (``graph=IRI``, ``default``, ...)."""
    return urllib.parse.parse_qs(urllib.parse.urlsplit(url).query, keep_blank_values=True)


def graph_bytes(files: Iterable[Path | str] | None = None) -> tuple[bytes, int]:
    """The ontology and data (or ``files``) as N-Triples, and the number of triples."""
    import pyoxigraph as ox

    from kg.store import load_graph

    store = load_graph(files).store
    body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return body, len(store)


def push(
    endpoint: str,
    graph: str | None = None,
    files: Iterable[Path | str] | None = None,
    timeout: float = PUSH_TIMEOUT,
) -> PushReport:
    """PUT the graph into ``endpoint`` (a Graph Store Protocol URL, e.g. Oxigraph's ``/store``).

    The report's URL never carries the credentials ``endpoint`` may hold.
    """
    check_endpoint(endpoint)
    url = store_url(endpoint, check_graph(graph))
    graph = graph or _fields(url).get("graph", [None])[0]
    body, triples = graph_bytes(files)
    request = urllib.request.Request(
        url, data=body, method="PUT", headers={"Content-Type": "application/n-triples"}
    )
    try:
        status = send(request, timeout).status
    except EndpointError as exc:
        if exc.status in (None, 401, 407) or graph is not None:
            raise
        raise EndpointError(
            f"{exc}\nThis store may not take writes to its default graph (Virtuoso does not):"
            " push into a named graph with --graph IRI, and read it with --graph IRI",
            exc.status,
        ) from None
    return PushReport(redact(url), graph, triples, status)
