"""A read-only SPARQL 1.1 Protocol endpoint over the embedded graph (Starlette + uvicorn).

GET and POST (``application/sparql-query`` or form-encoded) on ``/sparql``; content negotiation
for SPARQL JSON/XML/CSV/TSV and Turtle/N-Triples/JSON-LD; a service description (Turtle) on a
GET without a query; an offline HTML page with a query box on ``/``. UPDATE, LOAD and SERVICE
are refused (403). Queries run in killable worker processes with time and result limits.
"""

from __future__ import annotations

import contextlib
import html
import ipaddress
import json
import logging
import urllib.parse
from collections.abc import AsyncIterator
from dataclasses import dataclass

import anyio.to_thread
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg.errors import JakkgError
from kg.query import (
    DEFAULT_LIMIT,
    DEFAULT_MEMORY_MB,
    QueryFailedError,
    QueryRefusedError,
    QueryService,
    QuerySyntaxError,
    QueryTimeoutError,
    ResultTooLargeError,
    library,
    shape,
)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8573  # not 7878: that is Oxigraph's, and `jakkg push` must not hit us by mistake
DEFAULT_TIMEOUT = 10.0
MAX_QUERY_BYTES = 100_000

# Media types a client may ask for, per query form; the first is the default.
SOLUTION_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/plain": "table",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
}
LOG = logging.getLogger("jakkg.serve")
FORMAT_NAMES = {"json", "xml", "csv", "tsv", "table", "turtle", "nt", "jsonld"}

STATUS = {
    QuerySyntaxError: 400,
    QueryRefusedError: 403,
    ResultTooLargeError: 400,
    QueryTimeoutError: 503,
    QueryFailedError: 500,
}


@dataclass(frozen=True)
class Settings:
    """Endpoint limits (worker processes, seconds per query, result rows, worker memory) and
    the web origins allowed to query it from a browser (CORS; none by default)."""

    workers: int = 2
    timeout: float = DEFAULT_TIMEOUT
    limit: int = DEFAULT_LIMIT
    memory_mb: int = DEFAULT_MEMORY_MB
    cors: tuple[str, ...] = ()


def negotiate(accept: str, form: str) -> str | None:
    """Our format name for an Accept header and a query form, or None if nothing fits.

    >>> negotiate("text/csv;q=0.9, application/sparql-results+xml", "select")
    'xml'
    >>> negotiate("*/*", "graph")
    'turtle'
    """
    offered = GRAPH_TYPES if form == "graph" else SOLUTION_TYPES
    choices = []
    for position, part in enumerate((accept or "*/*").split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        choices.append((-quality, position, media.lower()))
    for quality, _, media in sorted(choices):
        if quality == 0:
            break
        if media in offered:
            return offered[media]
        if media in ("*/*", "application/*", "text/*"):
            default = next(iter(offered.values()))
            if media == "*/*" or default in _matching(media, offered):
                return default
            found = _matching(media, offered)
            if found:
                return found[0]
    return None


def _matching(wildcard: str, offered: dict[str, str]) -> list[str]:
    major = wildcard.split("/")[0]
    return [name for media, name in offered.items() if media.startswith(major + "/")]


def error_response(error: JakkgError) -> Response:
    """A plain-text refusal with the status that fits the error."""
    status = getattr(error, "status", None) or next(
        (code for cls, code in STATUS.items() if isinstance(error, cls)), 400
    )
    return PlainTextResponse(str(error) + "\n", status_code=status)


def service_description(url: str, triples: int) -> str:
    """SPARQL 1.1 Service Description of this endpoint, in Turtle."""
    formats = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
               "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD"]  # fmt: skip
    result_formats = ", ".join(f"<http://www.w3.org/ns/formats/{f}>" for f in formats)
    return f"""\
@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix void: <http://rdfs.org/ns/void#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

<{url}> a sd:Service ;
    sd:endpoint <{url}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat {result_formats} ;
    dcterms:title "jakkg: cytokine-JAK-disease knowledge graph (read-only)" ;
    dcterms:description "Read-only: UPDATE, LOAD and SERVICE are refused." ;
    sd:defaultDataset [
        a sd:Dataset ;
        sd:defaultGraph [ a sd:Graph ; void:triples {triples} ]
    ] .
"""


def create_app(settings: Settings | None = None, files=None) -> Starlette:
    """The endpoint as an ASGI app; worker processes start with the app and stop with it."""
    settings = settings or Settings()
    state: dict[str, object] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        service = await anyio.to_thread.run_sync(
            lambda: QueryService(
                files,
                workers=settings.workers,
                timeout=settings.timeout,
                limit=max(settings.limit, 1),
                memory_mb=settings.memory_mb,
                start_method="forkserver",
            )
        )
        state["service"] = service
        count = await anyio.to_thread.run_sync(
            service.run, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "csv"
        )
        state["triples"] = int(count.body.decode().split()[-1])
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(service.close)

    async def sparql(request: Request) -> Response:
        try:
            text = await _query_text(request)
        except JakkgError as error:
            return error_response(error)
        except ClientDisconnect:
            LOG.warning("%s left before sending the whole request", _peer(request))
            return Response(status_code=400)
        if text is None:
            url = str(request.url.replace(query=""))
            body = service_description(url, int(state["triples"]))
            return Response(body, media_type="text/turtle")
        form = shape(text).form
        fmt = request.query_params.get("format")
        if fmt not in FORMAT_NAMES:
            fmt = negotiate(request.headers.get("accept", "*/*"), form)
        if fmt is None:
            wanted = request.headers.get("accept")
            return PlainTextResponse(f"cannot answer a {form} query as {wanted}\n", 406)
        service: QueryService = state["service"]  # type: ignore[assignment]
        try:
            answer = await anyio.to_thread.run_sync(service.run, text, fmt)
        except JakkgError as error:
            return error_response(error)
        return Response(
            answer.body,
            media_type=answer.media_type,
            headers={"X-Query-Seconds": f"{answer.seconds:.4f}", "Vary": "Accept"},
        )

    async def home(request: Request) -> Response:
        return HTMLResponse(page())

    async def health(request: Request) -> Response:
        service: QueryService = state["service"]  # type: ignore[assignment]
        data = {"workers": sorted(service.worker_pids), "restarts": service.restarts}
        return Response(json.dumps(data), media_type="application/json")

    routes = [
        Route("/", home),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/health", health),
    ]
    middleware = []
    if settings.cors:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors),
                allow_methods=["GET", "POST"],
                allow_headers=["Accept", "Content-Type"],
                expose_headers=["X-Query-Seconds"],
            )
        )
    return Starlette(routes=routes, lifespan=lifespan, middleware=middleware)


def _peer(request: Request) -> str:
    return f"{request.client.host}:{request.client.port}" if request.client else "a client"


class ProtocolError(JakkgError):
    """A request the SPARQL 1.1 Protocol does not allow here, answered with ``status``."""

    def __init__(self, message: str, status: int = 400):
        self.status = status
        super().__init__(message)


QUERY_TYPES = ("application/sparql-query", "application/x-www-form-urlencoded")


async def _query_text(request: Request) -> str | None:
    """The query of a SPARQL Protocol request, None for none; refuses updates and datasets."""
    params = list(request.query_params.multi_items())
    if request.method == "POST":
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/sparql-update":
            raise QueryRefusedError("UPDATE refused: this endpoint is read-only")
        if kind not in QUERY_TYPES:
            raise ProtocolError(
                f"cannot read a body of type {kind or 'none'!r}: POST a query as "
                + " or ".join(QUERY_TYPES),
                415,
            )
        raw = await _body(request)
        if kind == "application/sparql-query":
            params.append(("query", _utf8(raw, "query")))
        else:
            params += urllib.parse.parse_qsl(_utf8(raw, "form"))
    names = [name for name, _ in params]
    if "update" in names:
        raise QueryRefusedError("UPDATE refused: this endpoint is read-only")
    for name in ("default-graph-uri", "named-graph-uri"):
        if name in names:
            raise ProtocolError(
                f"{name} is not supported: this endpoint has one graph, its default graph;"
                f" drop {name} (use GRAPH or FROM only for graphs the data has)"
            )
    queries = [value for name, value in params if name == "query"]
    if len(queries) > 1:
        raise ProtocolError(f"give one query, not {len(queries)} (the query parameter repeats)")
    query = queries[0] if queries else None
    if query is not None and len(query.encode("utf-8")) > MAX_QUERY_BYTES:
        raise ProtocolError(f"the query is over {MAX_QUERY_BYTES} bytes", 413)
    return query


async def _body(request: Request) -> bytes:
    """The request body, refused (413) once it passes MAX_QUERY_BYTES without reading it all."""
    too_large = ProtocolError(f"the request is over {MAX_QUERY_BYTES} bytes", 413)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_QUERY_BYTES:
        raise too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_QUERY_BYTES:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _utf8(raw: bytes, what: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(f"the {what} is not UTF-8") from None


def page() -> str:
    """The offline HTML query page: a query box, the library as examples, results as a table."""
    examples = "\n".join(
        f'<option value="{html.escape(q.name)}" data-query="{html.escape(q.text)}">'
        f"{html.escape(q.name)}: {html.escape(q.question)}</option>"
        for q in library()
    )
    first = html.escape(library()[0].text) if library() else ""
    return PAGE.replace("{examples}", examples).replace("{first}", first)


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>jakkg SPARQL</title>
<style>
body { font: 15px/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; }
textarea { width: 100%; height: 16em; font: 13px monospace; }
select { max-width: 100%; }
table { border-collapse: collapse; margin-top: 1em; font-size: 13px; }
td, th { border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; }
#status { color: #555; margin-top: .5em; white-space: pre-wrap; font-family: monospace; }
</style></head>
<body>
<h1>jakkg SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 over the cytokine&ndash;JAK&ndash;disease graph. Prefixes
<code>jk:</code>, <code>jkd:</code>, <code>rdfs:</code>, <code>skos:</code>, <code>dcterms:</code>
and more are predeclared. Protocol endpoint: <code>/sparql</code>.</p>
<form id="form" method="post" action="sparql">
<label>Example: <select id="examples">{examples}</select></label>
<textarea id="query" name="query">{first}</textarea>
<label>Format: <select name="format" id="format">
<option value="table">table</option><option value="json">json</option>
<option value="xml">xml</option><option value="csv">csv</option><option value="tsv">tsv</option>
<option value="turtle">turtle</option><option value="nt">n-triples</option>
<option value="jsonld">json-ld</option></select></label>
<button type="submit">Run</button>
</form>
<div id="status"></div>
<div id="results"></div>
<script>
const q = document.getElementById("query"), status = document.getElementById("status"),
      out = document.getElementById("results"), fmt = document.getElementById("format");
document.getElementById("examples").addEventListener("change", (e) => {
  q.value = e.target.selectedOptions[0].dataset.query;
});
document.getElementById("form").addEventListener("submit", async (e) => {
  if (fmt.value !== "table") return;
  e.preventDefault();
  out.replaceChildren(); status.textContent = "running…";
  const response = await fetch("sparql", {
    method: "POST",
    headers: {"Content-Type": "application/sparql-query",
              "Accept": "application/sparql-results+json, text/turtle;q=0.9"},
    body: q.value});
  const text = await response.text();
  if (!response.ok) { status.textContent = response.status + ": " + text; return; }
  if (!(response.headers.get("content-type") || "").includes("json")) {
    const pre = document.createElement("pre"); pre.textContent = text;
    out.append(pre); status.textContent = ""; return;
  }
  const data = JSON.parse(text);
  if ("boolean" in data) { status.textContent = String(data.boolean); return; }
  const table = document.createElement("table"), head = table.insertRow();
  for (const v of data.head.vars) {
    const th = document.createElement("th"); th.textContent = "?" + v; head.append(th);
  }
  for (const b of data.results.bindings) {
    const row = table.insertRow();
    for (const v of data.head.vars) row.insertCell().textContent = b[v] ? b[v].value : "";
  }
  status.textContent = data.results.bindings.length + " rows, " +
    response.headers.get("x-query-seconds") + " s";
  out.append(table);
});
</script>
</body></html>
"""


def check_free(host: str, port: int) -> list[str]:
    """The addresses ``host`` stands for; JakkgError unless ``host:port`` can be bound (checked
    before any worker starts)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise JakkgError(f"cannot use host {host!r}: {exc}") from None
    family, kind, _, _, address = infos[0]
    with socket.socket(family, kind) as probe:
        try:
            probe.bind(address)
        except OSError as exc:
            raise JakkgError(
                f"cannot listen on {host}:{port} ({exc.strerror}); pick another --port"
            ) from None
    return [info[4][0] for info in infos]


def is_loopback(addresses: list[str]) -> bool:
    """Whether every address is a loopback one (127.0.0.0/8, ::1), reachable only from here.

    >>> is_loopback(["127.0.0.1"]), is_loopback(["0.0.0.0"]), is_loopback(["::"])
    (True, False, False)
    """
    return all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses)


def endpoint_url(host: str, port: int) -> str:
    """The endpoint's URL, an IPv6 host in brackets.

    >>> endpoint_url("::1", 8573), endpoint_url("localhost", 80)
    ('http://[::1]:8573/sparql', 'http://localhost:80/sparql')
    """
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/sparql"


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, settings: Settings | None = None):
    """Run the endpoint until interrupted; a client that leaves mid-request is one log line."""
    import uvicorn

    check_free(host, port)
    logging.basicConfig(format="jakkg serve: %(message)s")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
