"""The RDF graph as a typed NetworkX multigraph, built once per process for path search.

Nodes are entity IRIs with ``kind`` (class local name) and ``label``; each curated edge is
keyed by its predicate's local name and carries its ``sources``. NetworkX is imported here
only, so lookups that do not search paths never pay for it.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from kg.namespaces import local_name
from kg.provenance import source_from_row
from kg.resolve import Entity
from kg.sparql import library_query
from kg.store import Graph, load_graph

if TYPE_CHECKING:
    import networkx as nx


def project(graph: Graph | None = None) -> nx.MultiDiGraph:
    """A MultiDiGraph of ``graph`` (default: the shipped graph, cached per process)."""
    if graph is None:
        return _shipped()
    return _build(graph)


@functools.cache
def _shipped() -> nx.MultiDiGraph:
    return _build(load_graph())


def _build(graph: Graph) -> nx.MultiDiGraph:
    import networkx as nx

    projection = nx.MultiDiGraph()
    for row in graph.select(library_query("projection-nodes")):
        projection.add_node(row["entity"], kind=local_name(row["class"]), label=row["label"])
    for row in graph.select(library_query("curated-edges")):
        subject, obj, key = row["s"], row["o"], local_name(row["p"])
        if subject not in projection or obj not in projection:
            continue
        if not projection.has_edge(subject, obj, key):
            projection.add_edge(subject, obj, key=key, sources=[])
        source = source_from_row(row)
        sources = projection.edges[subject, obj, key]["sources"]
        if source and source not in sources:
            sources.append(source)
    return projection


def node_entity(projection: nx.MultiDiGraph, iri: str) -> Entity:
    """The entity behind a node."""
    data = projection.nodes[iri]
    return Entity(data["label"], data["kind"], iri)
