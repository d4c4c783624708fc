"""A graph that lives in an external SPARQL 1.1 store, and the HTTP every client of one uses."""

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
    """The endpoint could not be reached or refused the request."""


def check_endpoint(url: str) -> str:
    """``url`` if it is an http(s) URL, else a clear error."""
    if not url.startswith(("http://", "https://")):
        raise EndpointError(f"endpoint must be an http(s) URL, got {url!r}")
    return url


def post_form(url: str, form: dict[str, str], accept: str, timeout: float) -> tuple[bytes, str]:
    """POST ``form`` (SPARQL 1.1 Protocol style) and return the body and its media type."""
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(form).encode("utf-8"),
        headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
    )
    body, media, _ = send(request, timeout)
    return body, media


def send(request: urllib.request.Request, timeout: float) -> tuple[bytes, str, int]:
    """Send ``request`` and return body, media type and status; failures become EndpointError."""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read(), response.headers.get("Content-Type", ""), response.status
    except urllib.error.HTTPError as exc:
        body = exc.read().decode("utf-8", "replace").strip()[:500]
        raise EndpointError(f"{request.full_url} answered {exc.code}: {body}") from None
    except TimeoutError:
        raise EndpointError(f"{request.full_url} gave no answer within {timeout:g} s") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EndpointError(f"cannot reach {request.full_url}: {reason}") from None


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
            data = json.loads(body)
        except json.JSONDecodeError:
            raise EndpointError(f"{self.endpoint} did not return SPARQL JSON results") from None
        return [
            {name: cell["value"] for name, cell in row.items()}
            for row in data["results"]["bindings"]
        ]
