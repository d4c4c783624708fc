"""``jakkg serve`` as a subprocess on a free loopback port, queried by SPARQLWrapper and HTTP."""

from __future__ import annotations

import json
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.client import HTTPConnection
from pathlib import Path

import pyoxigraph as ox
import pytest
from SPARQLWrapper import CSV, JSON, N3, POST, POSTDIRECTLY, TSV, XML, SPARQLWrapper

from bench import servers
from kg.cli import serve as serve_command
from kg.query import execute
from kg.results import serialize
from kg.serve import DEFAULT_PORT

pytestmark = pytest.mark.server

SIGNALS = "SELECT ?c ?k WHERE { ?c jk:signalsVia ?k } ORDER BY ?c ?k"
PREFIXED = "PREFIX jk: <https://w3id.org/jakkg/vocab#>\n" + SIGNALS
CONSTRUCT = (
    "PREFIX jk: <https://w3id.org/jakkg/vocab#>\n"
    "CONSTRUCT { ?c jk:signalsVia ?k } WHERE { ?c jk:signalsVia ?k }"
)
ORIGIN = "https://notebook.example.org"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    port = servers.free_port()
    base = f"http://{servers.LOOPBACK}:{port}"
    options = ("--timeout", "2", "--limit", "500", "--workers", "2")
    with servers.running(servers.jakkg_serve(port, *options), base + "/health"):
        yield base + "/sparql"


def http(url: str, *, data: bytes | None = None, headers: dict | None = None):
    """(status, content type, body) of one request; errors are answers too."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def get(url: str, query: str, accept: str = "*/*", **params: str):
    qs = urllib.parse.urlencode({"query": query, **params})
    return http(f"{url}?{qs}", headers={"Accept": accept})


def post_form(url: str, form: dict[str, str], accept: str = "*/*"):
    data = urllib.parse.urlencode(form).encode()
    headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}
    return http(url, data=data, headers=headers)


def local_rows(graph, text: str) -> list[dict[str, str]]:
    return execute(graph.store, text).records()


# ------------------------------------------------------------------ SPARQLWrapper


@pytest.mark.parametrize("method", ["GET", POST, POSTDIRECTLY])
def test_sparqlwrapper_json_matches_the_embedded_graph(endpoint: str, graph, method: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery(PREFIXED)
    client.setReturnFormat(JSON)
    if method == POSTDIRECTLY:
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
    else:
        client.setMethod(method)
    data = client.query().convert()
    rows = [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]
    assert rows == local_rows(graph, SIGNALS) and len(rows) > 10


def test_sparqlwrapper_xml_csv_tsv(endpoint: str, graph) -> None:
    expected = len(local_rows(graph, SIGNALS))
    client = SPARQLWrapper(endpoint)
    client.setQuery(PREFIXED)
    client.setReturnFormat(XML)
    document = client.query().convert()
    assert len(document.getElementsByTagName("result")) == expected
    client.setReturnFormat(CSV)
    assert len(client.query().convert().decode().strip().splitlines()) == expected + 1
    client.setReturnFormat(TSV)
    lines = client.query().convert().decode().strip().splitlines()
    assert lines[0] == "?c\t?k" and len(lines) == expected + 1


def test_sparqlwrapper_ask_and_construct(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery("PREFIX jk: <https://w3id.org/jakkg/vocab#> ASK { ?c jk:signalsVia ?k }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(N3)
    body = client.query().convert()
    body = body if isinstance(body, bytes) else body.serialize(format="nt").encode()
    assert len(list(ox.parse(body, format=ox.RdfFormat.TURTLE))) > 10


# ------------------------------------------------------------------ plain HTTP


@pytest.mark.parametrize(
    ("accept", "media", "fmt"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", "json"),
        ("application/sparql-results+xml", "application/sparql-results+xml", "xml"),
        ("text/csv", "text/csv", "csv"),
        ("text/tab-separated-values", "text/tab-separated-values", "tsv"),
        ("*/*", "application/sparql-results+json", "json"),
        ("text/html, text/csv;q=0.5", "text/csv", "csv"),
    ],
)
def test_select_content_negotiation(
    endpoint: str, graph, accept: str, media: str, fmt: str
) -> None:
    status, content_type, body = get(endpoint, SIGNALS, accept)
    assert status == 200 and content_type.startswith(media)
    assert body == serialize(execute(graph.store, SIGNALS), fmt)


@pytest.mark.parametrize(
    ("accept", "media", "rdf"),
    [
        ("text/turtle", "text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
        ("*/*", "text/turtle", ox.RdfFormat.TURTLE),
    ],
)
def test_construct_content_negotiation(endpoint: str, accept: str, media: str, rdf) -> None:
    status, content_type, body = get(endpoint, CONSTRUCT, accept)
    assert status == 200 and content_type.startswith(media)
    assert len(list(ox.parse(body, format=rdf))) > 10


def test_format_parameter_overrides_accept(endpoint: str) -> None:
    status, content_type, _ = get(endpoint, SIGNALS, "text/csv", format="xml")
    assert status == 200 and content_type.startswith("application/sparql-results+xml")


def test_post_sparql_query_body(endpoint: str) -> None:
    status, _, body = http(
        endpoint,
        data=SIGNALS.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert status == 200 and body.startswith(b"c,k\r\n")


def test_service_description_on_get_without_query(endpoint: str) -> None:
    status, content_type, body = http(endpoint)
    assert status == 200 and content_type.startswith("text/turtle")
    store = ox.Store()
    store.load(body, format=ox.RdfFormat.TURTLE)
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert store.query(f"ASK {{ <{endpoint}> a <{sd}Service> ; <{sd}endpoint> <{endpoint}> }}")


def test_html_page_is_offline_and_lists_the_library(endpoint: str) -> None:
    status, content_type, body = http(endpoint.removesuffix("sparql"))
    page = body.decode()
    assert status == 200 and content_type.startswith("text/html")
    assert "<textarea" in page and "tyk2-cytokines" in page and "class-counts" in page
    assert "src=" not in page and "https://cdn" not in page and "<link" not in page


# ------------------------------------------------------------------ refusals and limits


@pytest.mark.parametrize(
    ("request_kind", "payload", "status", "words"),
    [
        ("form", {"update": "INSERT DATA { <a:a> <a:b> <a:c> }"}, 403, "UPDATE refused"),
        ("update-body", "DELETE WHERE { ?s ?p ?o }", 403, "UPDATE refused"),
        ("form", {"query": "INSERT DATA { <a:a> <a:b> <a:c> }"}, 403, "UPDATE refused"),
        ("form", {"query": "LOAD <http://example.org/x.ttl>"}, 403, "LOAD refused"),
        (
            "form",
            {"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"},
            403,
            "SERVICE refused",
        ),
        ("form", {"query": "SELECT * WHERE {\n ?s ?p "}, 400, "at line 2, column"),
        ("form", {"query": RUNAWAY}, 503, "time limit (2 s)"),
        ("form", {"query": "SELECT * WHERE { ?s ?p ?o }"}, 400, "more than 500 rows"),
        ("form", {"query": SIGNALS, "default-graph-uri": "http://e/g"}, 400, "one graph"),
        (
            "form",
            {"query": SIGNALS, "named-graph-uri": "http://e/g"},
            400,
            "named-graph-uri is not supported",
        ),
        ("text-body", SIGNALS, 415, "cannot read a body of type 'text/plain'"),
    ],
)
def test_refusals_are_clear(
    endpoint: str, request_kind: str, payload, status: int, words: str
) -> None:
    if request_kind == "form":
        answer = post_form(endpoint, payload)
    else:
        kind = "application/sparql-update" if request_kind == "update-body" else "text/plain"
        answer = http(endpoint, data=payload.encode(), headers={"Content-Type": kind})
    assert answer[0] == status, answer
    assert answer[1].startswith("text/plain")
    assert words in answer[2].decode()
    assert b"Traceback" not in answer[2]
    assert b"--allow" not in answer[2], "the endpoint has no CLI flags to offer"
    assert b"syntax error" not in answer[2] or "line" in words


def test_unacceptable_format_is_406(endpoint: str) -> None:
    status, _, body = get(endpoint, SIGNALS, "text/turtle")
    assert status == 406 and b"select" in body


def test_runaway_query_leaves_the_endpoint_answering(endpoint: str) -> None:
    assert post_form(endpoint, {"query": RUNAWAY})[0] == 503
    health = json.loads(http(endpoint.removesuffix("sparql") + "health")[2])
    assert len(health["workers"]) == 2 and health["restarts"] >= 1
    assert get(endpoint, "ASK { jkd:JAK1 a jk:JanusKinase }")[2] == b'{"head": {}, "boolean": true}'


def test_binds_loopback_by_default() -> None:
    host = next(p for p in serve_command.params if p.name == "host")
    assert host.default == "127.0.0.1"


def test_the_default_port_is_not_oxigraphs() -> None:
    port = next(p for p in serve_command.params if p.name == "port")
    assert port.default == DEFAULT_PORT != 7878


def test_a_repeated_query_parameter_is_400(endpoint: str) -> None:
    qs = urllib.parse.urlencode([("query", SIGNALS), ("query", "ASK {}")])
    status, _, body = http(f"{endpoint}?{qs}")
    assert status == 400 and b"give one query, not 2" in body
    form = urllib.parse.urlencode({"query": "ASK {}"}).encode()
    url = f"{endpoint}?{urllib.parse.urlencode({'query': SIGNALS})}"
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    assert http(url, data=form, headers=headers)[0] == 400


@pytest.mark.parametrize("chunked", [False, True])
def test_a_body_over_the_limit_is_413(endpoint: str, chunked: bool) -> None:
    parts = urllib.parse.urlsplit(endpoint)
    body = b"ASK { " + b"#" * 200_000 + b"\n}"
    connection = HTTPConnection(parts.hostname, parts.port, timeout=30)
    headers = {"Content-Type": "application/sparql-query"}
    if chunked:
        connection.request("POST", parts.path, iter([body]), headers, encode_chunked=True)
    else:
        connection.request("POST", parts.path, body, headers)
    answer = connection.getresponse()
    assert answer.status == 413 and b"over 100000 bytes" in answer.read()
    connection.close()


def test_a_deeply_nested_query_is_refused_and_kills_no_worker(endpoint: str) -> None:
    health = endpoint.removesuffix("sparql") + "health"
    before = json.loads(http(health)[2])
    nested = "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000
    status, _, body = post_form(endpoint, {"query": nested})
    assert status == 400 and b"nested too deeply (3000 levels" in body
    assert b"memory" not in body
    assert json.loads(http(health)[2]) == before


@pytest.fixture(scope="module")
def logged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A second endpoint, open to one web origin (--cors), whose stderr the tests read."""
    port = servers.free_port()
    base = f"http://{servers.LOOPBACK}:{port}"
    log = tmp_path_factory.mktemp("serve") / "stderr.txt"
    command = servers.jakkg_serve(port, "--workers", "1", "--cors", ORIGIN)
    with servers.running(command, base + "/health", log=log):
        yield base + "/sparql", log


def test_clients_that_leave_mid_body_cost_one_log_line_each(logged: tuple[str, Path]) -> None:
    endpoint, log = logged
    parts = urllib.parse.urlsplit(endpoint)
    for _ in range(5):
        with socket.create_connection((parts.hostname, parts.port), timeout=10) as client:
            client.sendall(
                b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query"
                b"\r\nContent-Length: 1000\r\n\r\nSELECT * W"
            )
    assert get(endpoint, "ASK {}")[0] == 200  # still answering, and the log is written by now
    deadline = time.monotonic() + 10
    while log.read_text().count("left before") < 5 and time.monotonic() < deadline:
        time.sleep(0.1)
    text = log.read_text()
    assert text.count("left before sending the whole request") == 5, text
    assert "Traceback" not in text and "ClientDisconnect" not in text
    assert len(text.splitlines()) <= 6, text


def test_cors_only_for_the_origins_given(logged: tuple[str, Path], endpoint: str) -> None:
    open_endpoint, _ = logged
    preflight = urllib.request.Request(
        open_endpoint,
        method="OPTIONS",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    with urllib.request.urlopen(preflight, timeout=30) as answer:
        assert answer.status == 200
        assert answer.headers["Access-Control-Allow-Origin"] == ORIGIN
        assert "POST" in answer.headers["Access-Control-Allow-Methods"]
    request = urllib.request.Request(
        f"{open_endpoint}?{urllib.parse.urlencode({'query': 'ASK {}'})}", headers={"Origin": ORIGIN}
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert answer.headers["Access-Control-Allow-Origin"] == ORIGIN
    elsewhere = urllib.request.Request(request.full_url, headers={"Origin": "https://evil.example"})
    with urllib.request.urlopen(elsewhere, timeout=30) as answer:
        assert answer.headers["Access-Control-Allow-Origin"] is None
    closed = urllib.request.Request(
        f"{endpoint}?{urllib.parse.urlencode({'query': 'ASK {}'})}", headers={"Origin": ORIGIN}
    )
    with urllib.request.urlopen(closed, timeout=30) as answer:
        assert answer.headers["Access-Control-Allow-Origin"] is None, "no CORS unless asked"


def test_a_non_loopback_host_gets_a_warning(monkeypatch) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    started = []
    monkeypatch.setattr("kg.serve.serve", lambda *args: started.append(args))
    port = str(servers.free_port())
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", port])
    assert result.exit_code == 0 and started
    assert "Warning: 0.0.0.0 is not a loopback address" in result.output
    quiet = CliRunner().invoke(main, ["serve", "--host", "localhost", "--port", port])
    assert "Warning" not in quiet.output


def _has_ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _has_ipv6_loopback(), reason="no IPv6 loopback here")
def test_an_ipv6_host_is_printed_as_a_url_that_works(tmp_path) -> None:
    port = servers.free_port()
    log = tmp_path / "stderr.txt"
    command = [*servers.jakkg_serve(port, "--workers", "1"), "--host", "::1"]
    with servers.running(command, f"http://[::1]:{port}/health", log=log):
        url = re.search(r"endpoint: (\S+)", log.read_text())[1]
        assert url == f"http://[::1]:{port}/sparql"
        assert get(url, "ASK {}")[0] == 200


def test_jakkg_sparql_against_jakkg_serve_gives_the_local_output(endpoint: str) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    runner = CliRunner()
    for name in ("tyk2-cytokines", "approvals", "off-label-without-approval"):
        for fmt in ("csv", "json", "table"):
            local = runner.invoke(main, ["sparql", name, "--format", fmt])
            remote = runner.invoke(main, ["sparql", name, "--format", fmt, "--endpoint", endpoint])
            assert remote.exit_code == 0, remote.output
            assert remote.output == local.output


def test_html_page_carries_each_library_query_intact(endpoint: str) -> None:
    from html.parser import HTMLParser

    from kg.query import library

    found: dict[str, str] = {}

    class Options(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attributes = dict(attrs)
            if tag == "option" and "data-query" in attributes:
                found[attributes["value"]] = attributes["data-query"]

    Options().feed(http(endpoint.removesuffix("sparql"))[2].decode())
    assert found == {q.name: q.text for q in library()}


def test_allow_service_federates_with_an_endpoint(endpoint: str) -> None:
    from kg.query import run_query

    text = f"SELECT ?k WHERE {{ SERVICE <{endpoint}> {{ ?k a jk:JanusKinase }} }} ORDER BY ?k"
    body = run_query(text, "csv", allow_service=True).body.decode()
    assert body.split() == [
        "k",
        *(f"https://w3id.org/jakkg/id/{k}" for k in ("JAK1", "JAK2", "JAK3", "TYK2")),
    ]


def test_a_busy_port_is_a_clear_error(endpoint: str) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    port = endpoint.rsplit(":", 1)[1].split("/")[0]
    result = CliRunner().invoke(main, ["serve", "--port", port])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output and "--port" in result.output
