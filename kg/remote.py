"""A graph that lives in an external SPARQL 1.1 store (the HTTP itself is kg.httpclient)."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

from kg.httpclient import EndpointError, check_endpoint, redact, send
from kg.namespaces import sparql_prologue
from kg.store import bind_values

TIMEOUT_SECONDS = 60.0


def post_form(url: str, form: dict[str, str], accept: str, timeout: float) -> tuple[bytes, str]:
    """POST ``form`` (SPARQL 1.1 Protocol style) and return the body and its media type."""
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(form).encode("utf-8"),
        headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
    )
    body, media, _ = send(request, timeout)
    return body, media


class RemoteGraph:
    """Same ``select`` as KnowledgeGraph, answered by a remote SPARQL endpoint."""

    def __init__(self, endpoint: str, timeout: float = TIMEOUT_SECONDS):
        self.endpoint = check_endpoint(endpoint)
        self.timeout = timeout

    def select(self, sparql: str, bindings: dict[str, str] | None = None) -> list[dict[str, str]]:
        """Rows of a SELECT query as ``{variable: value}``; unbound variables are left out."""
        query = sparql_prologue() + bind_values(sparql, bindings or {})
        body, _ = post_form(
            self.endpoint, {"query": query}, "application/sparql-results+json", self.timeout
        )
        try:
            return _rows(json.loads(body))
        except (ValueError, KeyError, TypeError, AttributeError):
            raise EndpointError(
                f"{redact(self.endpoint)} did not return SPARQL JSON results"
            ) from None


def _rows(data: dict) -> list[dict[str, str]]:
    """The bindings of SPARQL JSON results; KeyError/TypeError if the JSON has another shape."""
    rows = []
    for row in data["results"]["bindings"]:
        values = {name: cell["value"] for name, cell in row.items()}
        if not all(isinstance(value, str) for value in values.values()):
            raise TypeError("a binding's value is not a string")
        rows.append(values)
    return rows
