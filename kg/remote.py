"""A graph that lives in an external SPARQL 1.1 store (the HTTP itself is kg.httpclient).

An answer the store cut or stopped early is never passed on as complete: Virtuoso caps a
result at ``ResultSetMaxRows`` and says so only in an ``X-SPARQL-MaxRows`` header, and returns
what it had at its time limit with ``X-SQL-State: S1TAT``; both raise IncompleteResultError.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from email.message import Message

from kg.httpclient import EndpointError, Reply, check_endpoint, redact, send
from kg.namespaces import sparql_prologue
from kg.store import bind_values

TIMEOUT_SECONDS = 60.0
COUNT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


class IncompleteResultError(EndpointError):
    """The store answered, but cut the result at its row cap or stopped it at its time limit."""


def check_graph(graph: str | None) -> str | None:
    """``graph`` if it is an absolute IRI (or None), else a clear error."""
    if graph is not None and not graph.startswith(("http://", "https://", "urn:")):
        raise EndpointError(f"--graph must be an absolute IRI, got {graph!r}")
    return graph


def post_form(url: str, form: dict[str, str], accept: str, timeout: float) -> Reply:
    """POST ``form`` (SPARQL 1.1 Protocol style); a cut or partial answer raises."""
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(form).encode("utf-8"),
        headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
    )
    reply = send(request, timeout)
    check_complete(url, reply.headers)
    return reply


def check_complete(url: str, headers: Message) -> None:
    """Raise IncompleteResultError if the store flagged its answer as cut or partial."""
    shown = redact(url)
    if headers.get("X-SQL-State", "").strip() == "S1TAT":
        raise IncompleteResultError(
            f"{shown} returned a partial result: the store stopped the query at its time limit"
            " (X-SQL-State: S1TAT). Nothing is shown; narrow the query or raise the store's"
            " limit (Virtuoso: the request's timeout parameter, in ms)"
        )
    cap = headers.get("X-SPARQL-MaxRows")
    if cap:
        raise IncompleteResultError(
            f"{shown} cut the result at its row cap of {cap.strip()} rows (X-SPARQL-MaxRows)."
            " Nothing is shown; raise the store's cap (Virtuoso: ResultSetMaxRows in [SPARQL]"
            " of virtuoso.ini) or narrow the query"
        )


def query_form(query: str, graph: str | None) -> dict[str, str]:
    """The SPARQL 1.1 Protocol form of ``query``, with ``default-graph-uri`` when ``graph``."""
    return {"query": query} | ({"default-graph-uri": graph} if graph else {})


class RemoteGraph:
    """Same ``select`` as KnowledgeGraph, answered by a remote SPARQL endpoint.

    ``graph`` names the graph to query (sent as ``default-graph-uri``); without it the store
    decides, and Virtuoso answers from the union of all its graphs, its own included.
    """

    def __init__(self, endpoint: str, graph: str | None = None, timeout: float = TIMEOUT_SECONDS):
        self.endpoint = check_endpoint(endpoint)
        self.graph = check_graph(graph)
        self.timeout = timeout

    def select(self, sparql: str, bindings: dict[str, str] | None = None) -> list[dict[str, str]]:
        """Rows of a SELECT query as ``{variable: value}``; unbound variables are left out."""
        form = query_form(sparql_prologue() + bind_values(sparql, bindings or {}), self.graph)
        reply = post_form(self.endpoint, form, "application/sparql-results+json", self.timeout)
        try:
            return _rows(json.loads(reply.body))
        except (ValueError, KeyError, TypeError, AttributeError):
            raise EndpointError(
                f"{redact(self.endpoint)} did not return SPARQL JSON results"
            ) from None

    def __len__(self) -> int:
        """Triples in the graph queried (a COUNT at the endpoint)."""
        return int(self.select(COUNT_TRIPLES)[0]["n"])

    def __bool__(self) -> bool:
        """Always true: ``graph or load_graph()`` must not send a COUNT."""
        return True


def _rows(data: dict) -> list[dict[str, str]]:
    """The bindings of SPARQL JSON results; KeyError/TypeError if the JSON has another shape."""
    rows = []
    for row in data["results"]["bindings"]:
        values = {name: cell["value"] for name, cell in row.items()}
        if not all(isinstance(value, str) for value in values.values()):
            raise TypeError("a binding's value is not a string")
        rows.append(values)
    return rows
