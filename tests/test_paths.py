"""The NetworkX layer: projection, metapaths and general path search."""

from __future__ import annotations

import pytest

from kg.errors import JakkgError
from kg.explain import explain
from kg.paths import find_paths, metapaths
from kg.projection import project
from kg.resolve import Resolver
from tests.test_rationale import MODEL


@pytest.fixture
def model(tiny_graph):
    graph = tiny_graph(MODEL)
    return graph, project(graph), Resolver(graph)


def test_projection_is_typed_and_keyed_by_predicate(model) -> None:
    _, projection, _ = model
    jkd = "https://w3id.org/jakkg/id/"
    assert projection.nodes[jkd + "JAK1"]["kind"] == "JanusKinase"
    assert projection.nodes[jkd + "drug-J1"]["kind"] == "JAKInhibitor"
    edge = projection.edges[jkd + "drug-J1", jkd + "JAK2", "inhibits"]
    assert [s.role for s in edge["sources"]] == ["SecondaryTarget"]
    assert not projection.has_edge(jkd + "C4", jkd + "JAK1")  # signalsVia is derived, left out


def test_metapaths_agree_with_the_sparql_explanation(model) -> None:
    graph, projection, resolver = model
    drug, disease = resolver.resolve("drug-T"), resolver.resolve("D")
    by_traversal = {p.text() for p in metapaths(projection, drug, disease)}
    by_sparql = {p.text() for p in explain(drug, disease, graph).paths}
    # The traversal walks every edge; the explanation keeps only JAKs that carry credit, so
    # the two paths through R2, where TYK2 is associated only, are the whole difference.
    assert by_sparql <= by_traversal and len(by_traversal) == 4
    assert {t for t in by_traversal - by_sparql} == {
        "drug-T —inhibits→ TYK2 ←uses— R2 ←binds— C4 —implicated in→ disease D",
        "drug-T —inhibits→ TYK2 ←uses— R2 ←binds— C13 —implicated in→ disease D",
    }


def test_find_paths_is_shortest_first_and_bounded(model) -> None:
    _, projection, resolver = model
    start, end = resolver.resolve("drug-J3"), resolver.resolve("C13")
    paths = find_paths(projection, start, end, 6)
    lengths = [len(p.hops) for p in paths]
    assert lengths == sorted(lengths) and lengths[0] == 5
    assert paths[0].text().startswith("drug-J3 —inhibits→ JAK3 ←uses— R1 ←binds— C4")
    assert find_paths(projection, start, end, 4) == []


def test_find_paths_honours_predicate_filters(model) -> None:
    _, projection, resolver = model
    start, end = resolver.resolve("drug-T"), resolver.resolve("D")
    assert [p.text() for p in find_paths(projection, start, end, 1)] == [
        "drug-T —reported effective in→ disease D"
    ]
    filtered = find_paths(projection, start, end, 4, predicates=("inhibits", "associatedJAK"))
    assert filtered == []
    with pytest.raises(JakkgError, match="unknown predicate 'treats'"):
        find_paths(projection, start, end, 2, predicates=("treats",))
