"""Shared fixtures: the shipped graph, tiny graphs built from Turtle snippets, and real
Oxigraph and Virtuoso servers."""

from __future__ import annotations

import os
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bench import servers
from kg.store import KnowledgeGraph, default_files, load_graph

ROOT = Path(__file__).resolve().parent.parent

TINY_PREFIXES = """\
@prefix jk:      <https://w3id.org/jakkg/vocab#> .
@prefix jkd:     <https://w3id.org/jakkg/id/> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""


@pytest.fixture(scope="session")
def graph() -> KnowledgeGraph:
    """The shipped ontology and data."""
    return load_graph()


@pytest.fixture
def tiny_graph(tmp_path: Path) -> Callable[[str], KnowledgeGraph]:
    """Build a graph of the ontology plus a Turtle snippet (prefixes predeclared)."""

    def build(turtle: str) -> KnowledgeGraph:
        path = tmp_path / f"tiny-{abs(hash(turtle))}.ttl"
        path.write_text(TINY_PREFIXES + turtle, encoding="utf-8")
        return load_graph([default_files()[0], path])

    return build


@pytest.fixture
def data_copy(tmp_path: Path) -> Callable[[str, str], Path]:
    """A copy of the shipped data with one text replacement applied (for breaking it)."""

    def make(old: str, new: str) -> Path:
        text = (ROOT / "data" / "triples.ttl").read_text(encoding="utf-8")
        assert old in text, f"fixture expects {old!r} in the data"
        path = tmp_path / "triples.ttl"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    return make


CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Debian Chromium; skipped outside CI when it or Playwright is missing."""
    if not os.environ.get("CI"):
        pytest.importorskip("playwright")
        if not CHROMIUM.exists():
            pytest.skip("needs /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def shipped_endpoint(oxigraph: str) -> str:
    """The shared Oxigraph server loaded with the shipped graph; its query URL."""
    for path in default_files():
        request = urllib.request.Request(
            oxigraph + "/store?default",
            data=path.read_bytes(),
            headers={"Content-Type": "text/turtle"},
            method="POST",
        )
        urllib.request.urlopen(request, timeout=30).close()
    return oxigraph + "/query"


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An empty Oxigraph server (``oxigraph serve``) on a free loopback port; its base URL."""
    binary = servers.oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server (PyPI package oxigraph) is not installed")
    port = servers.free_port()
    base = f"http://{servers.LOOPBACK}:{port}"
    command = servers.oxigraph_serve(binary, tmp_path_factory.mktemp("oxigraph"), port)
    with servers.running(command, base + "/"):
        yield base


VIRTUOSO_MAX_ROWS = 2_000  # ResultSetMaxRows: above every library query on the shipped graph,
# below the graph's triple count and the synthetic graph's pathway rows, so tests cross it


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[servers.Virtuoso]:
    """An empty OpenLink Virtuoso (``virtuoso-t``) on free loopback ports, writable over HTTP."""
    if servers.virtuoso_binary() is None:
        pytest.skip("virtuoso-t is not installed (Debian: virtuoso-opensource-7-bin; .ci/run)")
    with servers.virtuoso(tmp_path_factory.mktemp("virtuoso"), VIRTUOSO_MAX_ROWS) as server:
        yield server
