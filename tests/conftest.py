"""Shared fixtures: the shipped graph, and tiny graphs built from Turtle snippets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

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
