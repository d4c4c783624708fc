"""Counts of entities by class and of edges by property."""

from __future__ import annotations

from dataclasses import dataclass

from kg.namespaces import SOURCED_PREDICATES, local_name
from kg.sparql import library_query
from kg.store import KnowledgeGraph, load_graph


@dataclass(frozen=True)
class Count:
    """How many entities a class has, or edges (and sourced edges) a property has."""

    name: str
    label: str
    count: int
    sourced: int | None = None


@dataclass(frozen=True)
class Stats:
    """Counts by class and by property, plus the triple total."""

    triples: int
    classes: list[Count]
    properties: list[Count]

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "triples": self.triples,
            "classes": {c.name: c.count for c in self.classes},
            "properties": {
                p.name: {"edges": p.count, "sourced": p.sourced} for p in self.properties
            },
        }


def graph_stats(graph: KnowledgeGraph | None = None) -> Stats:
    """Counts for ``graph`` (default: the shipped graph)."""
    graph = graph or load_graph()
    classes = [
        Count(local_name(r["class"]), r["label"], int(r["count"]))
        for r in graph.select(library_query("class-counts"))
    ]
    properties = [
        Count(local_name(r["property"]), r["label"], int(r["edges"]), _sourced(r))
        for r in graph.select(library_query("property-counts"))
    ]
    return Stats(len(graph), classes, properties)


def _sourced(row: dict[str, str]) -> int | None:
    """Sourced-edge count, or None for a property whose edges carry no sources by design.

    ``signalsVia`` is derived, ``route`` is a plain attribute, and ``drug``/``kinase`` link a
    selectivity measurement (sourced as a whole) to its drug and kinase.
    """
    return int(row["sourced"]) if local_name(row["property"]) in SOURCED_PREDICATES else None
