"""What changed between two versions of the graph: entities and edges, by class and property.

Either side is a graph file (Turtle or N-Triples: ``data/triples.ttl``, a release's ``.nt``) or
a release folder (its one ``jakkg-*.nt``). Entities are compared on class, label, synonyms and
cross-references; edges on their presence and their sources, so a new citation for an existing
edge shows as a change. ``jakkg diff`` prints this, and ``make release`` writes it as the data
CHANGELOG.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import JakkgError
from kg.namespaces import local_name, shorten

ENTITY_FIELDS = ("class", "label", "synonyms", "xrefs")


@dataclass(frozen=True)
class EntityChange:
    """An entity present on both sides whose fields differ: field -> (old, new)."""

    entity: str
    label: str
    cls: str
    fields: dict[str, tuple[str, str]]


@dataclass(frozen=True)
class Edge:
    """One edge and its sources (short citations)."""

    subject: str
    predicate: str
    object: str
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "subject": self.subject,
            "predicate": self.predicate,
            "object": self.object,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class EdgeChange:
    """An edge on both sides whose sources differ."""

    edge: Edge
    sources_added: tuple[str, ...]
    sources_removed: tuple[str, ...]


@dataclass
class GraphDiff:
    """Entities and edges added, removed or changed from ``old`` to ``new``."""

    old: str
    new: str
    entities_added: list[dict[str, str]] = field(default_factory=list)
    entities_removed: list[dict[str, str]] = field(default_factory=list)
    entities_changed: list[EntityChange] = field(default_factory=list)
    edges_added: list[Edge] = field(default_factory=list)
    edges_removed: list[Edge] = field(default_factory=list)
    edges_changed: list[EdgeChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when nothing differs."""
        entities = (self.entities_added, self.entities_removed, self.entities_changed)
        edges = (self.edges_added, self.edges_removed, self.edges_changed)
        return not any(entities) and not any(edges)

    def by_class(self) -> dict[str, dict[str, int]]:
        """Counts of entities added, removed and changed per class."""
        counts: dict[str, Counter] = {}
        for kind, items in (("added", self.entities_added), ("removed", self.entities_removed)):
            for e in items:
                counts.setdefault(e["class"], Counter())[kind] += 1
        for change in self.entities_changed:
            counts.setdefault(change.cls, Counter())["changed"] += 1
        return {c: _counts(n) for c, n in sorted(counts.items())}

    def by_property(self) -> dict[str, dict[str, int]]:
        """Counts of edges added, removed and changed (sources) per property."""
        counts: dict[str, Counter] = {}
        for kind, items in (("added", self.edges_added), ("removed", self.edges_removed)):
            for e in items:
                counts.setdefault(e.predicate, Counter())[kind] += 1
        for change in self.edges_changed:
            counts.setdefault(change.edge.predicate, Counter())["changed"] += 1
        return {p: _counts(n) for p, n in sorted(counts.items())}

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "old": self.old,
            "new": self.new,
            "by_class": self.by_class(),
            "by_property": self.by_property(),
            "entities": {
                "added": self.entities_added,
                "removed": self.entities_removed,
                "changed": [
                    {
                        "entity": c.entity,
                        "label": c.label,
                        "class": c.cls,
                        "fields": {k: {"old": o, "new": n} for k, (o, n) in c.fields.items()},
                    }
                    for c in self.entities_changed
                ],
            },
            "edges": {
                "added": [e.to_dict() for e in self.edges_added],
                "removed": [e.to_dict() for e in self.edges_removed],
                "changed": [
                    c.edge.to_dict()
                    | {"sources_added": list(c.sources_added)}
                    | {"sources_removed": list(c.sources_removed)}
                    for c in self.edges_changed
                ],
            },
        }


def _counts(counter: Counter) -> dict[str, int]:
    return {k: counter[k] for k in ("added", "removed", "changed")}


def graph_file(path: Path | str) -> Path:
    """The graph file of a DIFF argument: the file itself, or a release folder's ``.nt``."""
    path = Path(path)
    if not path.is_dir():
        return path
    found = sorted(path.glob("*.nt"))
    if len(found) != 1:
        what = "no" if not found else f"{len(found)}"
        raise JakkgError(f"{path}: {what} N-Triples file (*.nt) in the folder; give the file")
    return found[0]


def snapshot(path: Path | str) -> tuple[dict[str, dict[str, str]], dict[tuple, tuple[str, ...]]]:
    """Entities (IRI -> fields) and edges ((s, p, o) -> sources) of one graph file.

    The shipped ontology is loaded beside it, so a data-only file reads like a release.
    """
    from kg.export import nodes_and_edges
    from kg.provenance import citation
    from kg.store import default_files, load_graph

    graph = load_graph([default_files()[0], graph_file(path)])
    nodes, edges = nodes_and_edges(graph)
    entities = {
        n["entity"]: {
            "entity": shorten(n["entity"]),
            "class": local_name(n["class"]),
            "label": n["label"],
            "synonyms": _sorted(n.get("synonyms", "")),
            "xrefs": _sorted(n.get("xrefs", "")),
        }
        for n in nodes
    }
    found = {
        (e["s"], e["p"], e["o"]): tuple(
            sorted(citation(s) for s in e.get("sources", "").split("|") if s)
        )
        for e in edges
    }
    return entities, found


def _sorted(joined: str) -> str:
    """A "|"-joined list in sorted order (GROUP_CONCAT's order is the engine's)."""
    return "|".join(sorted(joined.split("|"))) if joined else ""


def diff(old: Path | str, new: Path | str) -> GraphDiff:
    """What changed from graph ``old`` to graph ``new``."""
    old_entities, old_edges = snapshot(old)
    new_entities, new_edges = snapshot(new)
    result = GraphDiff(str(old), str(new))
    result.entities_added = [new_entities[k] for k in sorted(new_entities.keys() - old_entities)]
    result.entities_removed = [old_entities[k] for k in sorted(old_entities.keys() - new_entities)]
    for key in sorted(old_entities.keys() & new_entities.keys()):
        before, after = old_entities[key], new_entities[key]
        fields = {f: (before[f], after[f]) for f in ENTITY_FIELDS if before[f] != after[f]}
        if fields:
            result.entities_changed.append(
                EntityChange(after["entity"], after["label"], after["class"], fields)
            )

    def edge(key: tuple[str, str, str], sources: tuple[str, ...]) -> Edge:
        s, p, o = key
        return Edge(shorten(s), local_name(p), shorten(o), sources)

    result.edges_added = [edge(k, new_edges[k]) for k in sorted(new_edges.keys() - old_edges)]
    result.edges_removed = [edge(k, old_edges[k]) for k in sorted(old_edges.keys() - new_edges)]
    for key in sorted(old_edges.keys() & new_edges.keys()):
        before, after = set(old_edges[key]), set(new_edges[key])
        if before != after:
            result.edges_changed.append(
                EdgeChange(
                    edge(key, new_edges[key]),
                    tuple(sorted(after - before)),
                    tuple(sorted(before - after)),
                )
            )
    return result


def diff_text(result: GraphDiff) -> str:
    """The diff for people: counts by class and property, then each change with its sources."""
    lines = [f"{result.old} → {result.new}"]
    if result.empty:
        return lines[0] + "\nno differences in entities or edges"
    lines += ["", "entities by class (added / removed / changed)"]
    lines += [
        f"  {c:<24} +{n['added']} -{n['removed']} ~{n['changed']}"
        for c, n in result.by_class().items()
    ]
    lines += ["", "edges by property (added / removed / sources changed)"]
    lines += [
        f"  {p:<24} +{n['added']} -{n['removed']} ~{n['changed']}"
        for p, n in result.by_property().items()
    ]
    lines.append("")
    for sign, items in (("+", result.entities_added), ("-", result.entities_removed)):
        lines += [f"{sign} {e['entity']}  {e['label']} ({e['class']})" for e in items]
    for change in result.entities_changed:
        lines.append(f"~ {change.entity}  {change.label} ({change.cls})")
        lines += [f"    {k}: {o!r} → {n!r}" for k, (o, n) in change.fields.items()]
    for sign, edges in (("+", result.edges_added), ("-", result.edges_removed)):
        for e in edges:
            lines.append(f"{sign} {e.subject} {e.predicate} {e.object}")
            lines += [f"    source: {s}" for s in e.sources]
    for change in result.edges_changed:
        e = change.edge
        lines.append(f"~ {e.subject} {e.predicate} {e.object}")
        lines += [f"    + source: {s}" for s in change.sources_added]
        lines += [f"    - source: {s}" for s in change.sources_removed]
    return "\n".join(lines)
