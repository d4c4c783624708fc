"""A graph that lives in an external SPARQL 1.1 store, queried over the SPARQL protocol."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

from kg.errors import JakkgError
from kg.namespaces import sparql_prologue
from kg.store import bind_values

TIMEOUT_SECONDS = 60.0


class EndpointError(JakkgError):
    """The endpoint could not be reached or refused the query."""


class RemoteGraph:
    """Same ``select`` as KnowledgeGraph, answered by a remote SPARQL endpoint."""

    def __init__(self, endpoint: str, timeout: float = TIMEOUT_SECONDS):
        if not endpoint.startswith(("http://", "https://")):
            raise EndpointError(f"endpoint must be an http(s) URL, got {endpoint!r}")
        self.endpoint = endpoint
        self.timeout = timeout

    def select(self, sparql: str, bindings: dict[str, str] | None = None) -> list[dict[str, str]]:
        """Rows of a SELECT query as ``{variable: value}``; unbound variables are left out."""
        data = self._post(sparql_prologue() + bind_values(sparql, bindings or {}))
        return [
            {name: cell["value"] for name, cell in row.items()}
            for row in data["results"]["bindings"]
        ]

    def _post(self, query: str) -> dict:
        request = urllib.request.Request(
            self.endpoint,
            data=urllib.parse.urlencode({"query": query}).encode("utf-8"),
            headers={
                "Accept": "application/sparql-results+json",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.load(response)
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace")[:500]
            raise EndpointError(f"{self.endpoint} answered {exc.code}: {body}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise EndpointError(f"cannot reach {self.endpoint}: {reason}") from None
        except json.JSONDecodeError:
            raise EndpointError(f"{self.endpoint} did not return SPARQL JSON results") from None
