"""A graph that lives in an external SPARQL 1.1 store, and the HTTP every client of one uses.

An answer the store cut or stopped early is never passed on as complete: Virtuoso caps a
result at ``ResultSetMaxRows`` and says so only in an ``X-SPARQL-MaxRows`` header, and returns
what it had at its time limit with ``X-SQL-State: S1TAT``; both raise IncompleteResultError.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message

from kg.errors import JakkgError
from kg.namespaces import sparql_prologue
from kg.store import bind_values

TIMEOUT_SECONDS = 60.0
COUNT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


class EndpointError(JakkgError):
    """The endpoint could not be reached or refused the request (``status``: its HTTP code)."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


class IncompleteResultError(EndpointError):
    """The store answered, but cut the result at its row cap or stopped it at its time limit."""


def check_endpoint(url: str) -> str:
    """``url`` if it is an http(s) URL, else a clear error."""
    if not url.startswith(("http://", "https://")):
        raise EndpointError(f"endpoint must be an http(s) URL, got {url!r}")
    return url


def check_graph(graph: str | None) -> str | None:
    """``graph`` if it is an absolute IRI (or None), else a clear error."""
    if graph is not None and not graph.startswith(("http://", "https://", "urn:")):
        raise EndpointError(f"--graph must be an absolute IRI, got {graph!r}")
    return graph


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: body, media type, status and headers."""

    body: bytes
    media: str
    status: int
    headers: Message


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
    if headers.get("X-SQL-State", "").strip() == "S1TAT":
        raise IncompleteResultError(
            f"{url} returned a partial result: the store stopped the query at its time limit"
            " (X-SQL-State: S1TAT). Nothing is shown; narrow the query or raise the store's"
            " limit (Virtuoso: the request's timeout parameter, in ms)"
        )
    cap = headers.get("X-SPARQL-MaxRows")
    if cap:
        raise IncompleteResultError(
            f"{url} cut the result at its row cap of {cap.strip()} rows (X-SPARQL-MaxRows)."
            " Nothing is shown; raise the store's cap (Virtuoso: ResultSetMaxRows in [SPARQL]"
            " of virtuoso.ini) or narrow the query"
        )


def send(request: urllib.request.Request, timeout: float) -> Reply:
    """Send ``request`` and return the answer; failures become EndpointError."""
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return Reply(
                response.read(),
                response.headers.get("Content-Type", ""),
                response.status,
                response.headers,
            )
    except urllib.error.HTTPError as exc:
        raise EndpointError(
            f"{request.full_url} answered {exc.code}: {_error_text(exc.read(), exc.headers)}",
            exc.code,
        ) from None
    except TimeoutError:
        raise EndpointError(f"{request.full_url} gave no answer within {timeout:g} s") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EndpointError(f"cannot reach {request.full_url}: {reason}") from None


def _error_text(body: bytes, headers: Message) -> str:
    """An error body as one short line: an HTML page (Virtuoso's) reduced to its text."""
    text = body.decode("utf-8", "replace")
    if "html" in headers.get("Content-Type", "") or text.lstrip().startswith("<"):
        text = re.sub(r"<title>.*?</title>|<[^>]*>", " ", text, flags=re.DOTALL | re.IGNORECASE)
    return " ".join(text.split())[:500]


class _AnswerFirst:
    """A connection that keeps the server's answer when the server replies, and closes, before
    reading the whole body (Virtuoso refusing a large PUT): the HTTP error is then reported
    instead of "Broken pipe" or "Connection reset"."""

    def send(self, data) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().send(data)  # type: ignore[misc]
        # getresponse() then reads the server's answer, or fails if there is none


class _HTTPConnection(_AnswerFirst, http.client.HTTPConnection):
    pass


class _HTTPSConnection(_AnswerFirst, http.client.HTTPSConnection):
    pass


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_HTTPSConnection, req, context=self._context)


_OPENER = urllib.request.build_opener(_HTTPHandler, _HTTPSHandler)


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
            data = json.loads(reply.body)
        except json.JSONDecodeError:
            raise EndpointError(f"{self.endpoint} did not return SPARQL JSON results") from None
        return [
            {name: cell["value"] for name, cell in row.items()}
            for row in data["results"]["bindings"]
        ]

    def __len__(self) -> int:
        """Triples in the graph queried (a COUNT at the endpoint)."""
        return int(self.select(COUNT_TRIPLES)[0]["n"])

    def __bool__(self) -> bool:
        """Always true: ``graph or load_graph()`` must not send a COUNT."""
        return True


def query_form(query: str, graph: str | None) -> dict[str, str]:
    """The SPARQL 1.1 Protocol form of ``query``, with ``default-graph-uri`` when ``graph``."""
    return {"query": query} | ({"default-graph-uri": graph} if graph else {})
