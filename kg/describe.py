"""Everything the graph says about one entity: names, cross-references, edges and sources."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.namespaces import local_name
from kg.pharmacology import Comparison, Measurement, comparisons, measurements
from kg.provenance import Source, edge_sources
from kg.resolve import Entity
from kg.sparql import library_query
from kg.store import KnowledgeGraph, load_graph


@dataclass
class Edge:
    """One curated edge touching the described entity, with all its sources."""

    direction: str
    predicate: str
    other: Entity
    sources: list[Source] = field(default_factory=list)

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "direction": self.direction,
            "predicate": self.predicate,
            "other": {"id": self.other.curie, "label": self.other.label, "class": self.other.kind},
            "sources": [s.to_dict() for s in self.sources],
        }


@dataclass(frozen=True)
class Selectivity:
    """One IC50 figure: only comparable with figures from the same assay."""

    drug: str
    kinase: str
    ic50_nm: float
    assay: str | None
    source: str

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "drug": self.drug,
            "kinase": self.kinase,
            "ic50_nM": self.ic50_nm,
            "assay": self.assay,
            "source": self.source,
        }


@dataclass
class EntityCard:
    """An entity's names, definition, cross-references and edges."""

    entity: Entity
    alt_labels: list[str]
    definition: str | None
    xrefs: list[str]
    exact_matches: list[str]
    edges: list[Edge]
    selectivity: list[Selectivity] = field(default_factory=list)
    measured: list[Measurement] = field(default_factory=list)
    compared: list[Comparison] = field(default_factory=list)

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "id": self.entity.curie,
            "iri": self.entity.iri,
            "label": self.entity.label,
            "class": self.entity.kind,
            "alt_labels": self.alt_labels,
            "definition": self.definition,
            "xrefs": self.xrefs,
            "exact_matches": self.exact_matches,
            "edges": [e.to_dict() for e in self.edges],
            "selectivity": [m.to_dict() for m in self.selectivity],
            "pharmacology": {
                "measured": [m.to_dict() for m in self.measured],
                "compared": [c.to_dict() for c in self.compared],
            },
        }


def describe(entity: Entity, graph: KnowledgeGraph | None = None) -> EntityCard:
    """The card of ``entity`` in ``graph`` (default: the shipped graph)."""
    graph = graph or load_graph()
    values: dict[str, list[str]] = {}
    for row in graph.select(library_query("entity-card"), {"entity": entity.iri}):
        values.setdefault(local_name(row["property"]), []).append(row["value"])
    definition = values.get("definition", [None])[0]
    return EntityCard(
        entity=entity,
        alt_labels=sorted(set(values.get("altLabel", [])) | set(values.get("geneSymbol", []))),
        definition=definition,
        xrefs=sorted(values.get("xref", [])),
        exact_matches=sorted(values.get("exactMatch", [])),
        edges=edges_of(entity, graph),
        selectivity=selectivity_of(entity, graph),
        measured=measurements(graph, drug=entity.iri) if _is_drug(entity) else [],
        compared=comparisons(graph, drug=entity.iri) if _is_drug(entity) else [],
    )


def _is_drug(entity: Entity) -> bool:
    return entity.kind in ("JAKInhibitor", "Drug")


def selectivity_of(entity: Entity, graph: KnowledgeGraph) -> list[Selectivity]:
    """IC50 figures recorded for a drug or a kinase."""
    return [
        Selectivity(
            row["drugLabel"],
            row["kinaseLabel"],
            float(row["ic50"]),
            row.get("assay"),
            row["source"],
        )
        for row in graph.select(library_query("entity-selectivity"), {"entity": entity.iri})
    ]


def edges_of(entity: Entity, graph: KnowledgeGraph) -> list[Edge]:
    """The curated edges in and out of ``entity``, each with its sources."""
    edges: dict[tuple[str, str, str], Edge] = {}
    for row in graph.select(library_query("entity-edges"), {"entity": entity.iri}):
        key = (row["direction"], row["predicate"], row["other"])
        if key not in edges:
            other = Entity(row["otherLabel"], local_name(row["otherClass"]), row["other"])
            edges[key] = Edge(row["direction"], local_name(row["predicate"]), other)
    triples = {key: _triple(entity, key) for key in edges}
    sources = edge_sources(graph, triples.values())
    for key, edge in edges.items():
        edge.sources = sources[triples[key]]
    return list(edges.values())


def _triple(entity: Entity, key: tuple[str, str, str]) -> tuple[str, str, str]:
    direction, predicate, other = key
    return (entity.iri, predicate, other) if direction == "out" else (other, predicate, entity.iri)
