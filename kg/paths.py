"""Path search over the NetworkX projection: metapaths and paths between any two entities."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.errors import JakkgError
from kg.namespaces import PREDICATE_WORDS
from kg.projection import node_entity
from kg.provenance import Source
from kg.resolve import Entity

if TYPE_CHECKING:
    import networkx as nx

PREDICATES = tuple(PREDICATE_WORDS)


def arrow(predicate: str, forward: bool) -> str:
    """``—inhibits→`` for an edge walked along its direction, ``←uses—`` against it."""
    word = PREDICATE_WORDS.get(predicate, predicate)
    return f"—{word}→" if forward else f"←{word}—"


def walk_text(nodes: Sequence[Entity], arrows: Sequence[str]) -> str:
    """``upadacitinib —inhibits→ JAK1 ←uses— IFNAR …``: labels joined by arrows."""
    parts = [nodes[0].label]
    for step, node in zip(arrows, nodes[1:], strict=True):
        parts += [step, node.label]
    return " ".join(parts)


@dataclass(frozen=True)
class Hop:
    """One edge walked from ``left`` to ``right``; ``forward`` when it points that way."""

    predicate: str
    forward: bool
    sources: tuple[Source, ...]

    def arrow(self) -> str:
        """``—inhibits→`` or ``←uses—``."""
        return arrow(self.predicate, self.forward)


@dataclass(frozen=True)
class GraphPath:
    """A walk through the graph: nodes and the hop between each pair."""

    nodes: tuple[Entity, ...]
    hops: tuple[Hop, ...]

    def text(self) -> str:
        """The path in one readable line."""
        return walk_text(self.nodes, [h.arrow() for h in self.hops])

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "text": self.text(),
            "nodes": [{"id": n.curie, "label": n.label} for n in self.nodes],
            "predicates": [h.predicate for h in self.hops],
            "directions": ["forward" if h.forward else "backward" for h in self.hops],
            "sources": [[s.to_dict() for s in h.sources] for h in self.hops],
        }


def find_paths(
    projection: nx.MultiDiGraph,
    start: Entity,
    end: Entity,
    max_hops: int = 4,
    predicates: tuple[str, ...] | None = None,
    limit: int = 20,
) -> list[GraphPath]:
    """Simple paths from ``start`` to ``end`` (edges walked either way), shortest first."""
    import networkx as nx

    unknown = set(predicates or ()) - set(PREDICATES)
    if unknown:
        raise JakkgError(
            f"unknown predicate {sorted(unknown)[0]!r}; choose from: {', '.join(PREDICATES)}"
        )
    if max_hops < 1:
        raise JakkgError("--max-hops must be at least 1")
    if start == end:
        raise JakkgError(f"start and end are the same entity ({start.label}): give two")
    view = _undirected(projection, predicates)
    if start.iri not in view or end.iri not in view:
        return []
    try:
        walks = nx.shortest_simple_paths(view, start.iri, end.iri)
        found: list[GraphPath] = []
        for walk in walks:
            if len(walk) - 1 > max_hops:
                break
            found += _expand(projection, walk, predicates)
            if len(found) >= limit:
                break
    except nx.NetworkXNoPath:
        return []
    return found[:limit]


def _undirected(projection: nx.MultiDiGraph, predicates: tuple[str, ...] | None) -> nx.Graph:
    import networkx as nx

    view = nx.Graph()
    view.add_nodes_from(projection.nodes)
    view.add_edges_from(
        (u, v) for u, v, key in projection.edges(keys=True) if not predicates or key in predicates
    )
    return view


def _expand(
    projection: nx.MultiDiGraph, walk: list[str], predicates: tuple[str, ...] | None
) -> list[GraphPath]:
    """Every way of labelling a node walk with edges (parallel edges give several paths)."""
    choices = [_hops(projection, a, b, predicates) for a, b in itertools.pairwise(walk)]
    nodes = tuple(node_entity(projection, n) for n in walk)
    return [GraphPath(nodes, hops) for hops in itertools.product(*choices)]


def _hops(
    projection: nx.MultiDiGraph, left: str, right: str, predicates: tuple[str, ...] | None
) -> list[Hop]:
    hops = []
    for a, b, forward in ((left, right, True), (right, left, False)):
        for key, data in projection.get_edge_data(a, b, default={}).items():
            if not predicates or key in predicates:
                hops.append(Hop(key, forward, tuple(sorted(data["sources"]))))
    return sorted(hops, key=lambda h: (h.predicate, not h.forward))


def metapaths(projection: nx.MultiDiGraph, drug: Entity, disease: Entity) -> list[GraphPath]:
    """drug → JAK ← receptor ← cytokine [→ upstream of → cytokine] → disease, by traversal."""
    found = []
    for cytokine in _sources_of(projection, disease.iri, "implicatedIn"):
        signallers = [(cytokine, ())] + [
            (up, ((up, cytokine, "upstreamOf"),))
            for up in _sources_of(projection, cytokine, "upstreamOf")
        ]
        for signaller, detour in signallers:
            for receptor in _targets_of(projection, signaller, "bindsReceptor"):
                for jak in _targets_of(projection, receptor, "associatedJAK"):
                    if projection.has_edge(drug.iri, jak, "inhibits"):
                        edges = (
                            (drug.iri, jak, "inhibits"),
                            (receptor, jak, "associatedJAK"),
                            (signaller, receptor, "bindsReceptor"),
                            *detour,
                            (cytokine, disease.iri, "implicatedIn"),
                        )
                        found.append(_walk(projection, edges))
    return sorted(found, key=lambda p: (len(p.hops), p.text()))


def _walk(projection: nx.MultiDiGraph, edges: tuple[tuple[str, str, str], ...]) -> GraphPath:
    nodes = [edges[0][0]]
    hops = []
    for subject, obj, key in edges:
        forward = nodes[-1] == subject
        nodes.append(obj if forward else subject)
        sources = tuple(sorted(projection.edges[subject, obj, key]["sources"]))
        hops.append(Hop(key, forward, sources))
    return GraphPath(tuple(node_entity(projection, n) for n in nodes), tuple(hops))


def _sources_of(projection: nx.MultiDiGraph, node: str, key: str) -> list[str]:
    return sorted(u for u, _, k in projection.in_edges(node, keys=True) if k == key)


def _targets_of(projection: nx.MultiDiGraph, node: str, key: str) -> list[str]:
    return sorted(v for _, v, k in projection.out_edges(node, keys=True) if k == key)
