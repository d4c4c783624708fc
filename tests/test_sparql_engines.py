"""pyoxigraph (the engine we run) and rdflib give the same answers to the query library."""

from __future__ import annotations

import pytest

from bench.sparql_engines import oxigraph_rows, rdflib_graph, rdflib_rows
from kg.query import read_query
from tests.test_sparql_library import RESEARCH


@pytest.fixture(scope="module")
def rdflib_copy():
    return rdflib_graph(None)


@pytest.mark.parametrize("name", RESEARCH)
def test_same_answers_from_both_engines(graph, rdflib_copy, name: str) -> None:
    text = read_query(name)
    ours = oxigraph_rows(graph.store, text)
    assert rdflib_rows(rdflib_copy, text) == ours
