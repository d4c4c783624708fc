"""Export the graph: RDF (Turtle, N-Triples, JSON-LD), GraphML, and KGX (Biolink TSV nodes/edges).

Every file is written atomically (temp file + rename), so an interrupted export leaves any
previous file intact.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.atomic import output_target, write_atomic
from kg.errors import JakkgError
from kg.namespaces import PREFIXES, local_name, shorten
from kg.provenance import citation
from kg.sparql import library_query

FORMATS = ("turtle", "nt", "jsonld", "graphml", "kgx")
SUFFIX_FORMATS = {
    ".ttl": "turtle", ".nt": "nt", ".jsonld": "jsonld", ".graphml": "graphml", ".tsv": "kgx",
}  # fmt: skip

KGX_NODE_COLUMNS = ("id", "category", "name", "synonym", "xref", "iri", "provided_by")
KGX_EDGE_COLUMNS = (
    "id", "subject", "predicate", "object", "qualified_predicate", "object_aspect_qualifier",
    "object_direction_qualifier", "causal_mechanism_qualifier", "clinical_approval_status",
    "negated", "original_predicate", "knowledge_level", "agent_type", "primary_knowledge_source",
    "publications", "has_evidence",
)  # fmt: skip
PROVIDER = "infores:jakkg"


@dataclass(frozen=True)
class ExportReport:
    """Files written and what they hold."""

    format: str
    paths: tuple[str, ...]
    triples: int
    nodes: int
    edges: int

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "format": self.format,
            "paths": list(self.paths),
            "triples": self.triples,
            "nodes": self.nodes,
            "edges": self.edges,
        }


def nodes_and_edges(graph) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The entities and the jk: edges between them, with their sources, as rows.

    The ``|``-joined lists are sorted: GROUP_CONCAT's order is each engine's own.
    """
    nodes = [
        _sort_lists(n, "synonyms", "xrefs") for n in graph.select(library_query("export-nodes"))
    ]
    ids = {n["entity"] for n in nodes}
    edges = [
        _sort_lists(e, "sources", "kinds")
        for e in graph.select(library_query("export-edges"))
        if e["s"] in ids and e["o"] in ids
    ]
    return nodes, edges


def _sort_lists(row: dict[str, str], *keys: str) -> dict[str, str]:
    """``row`` with the ``|``-joined lists under ``keys`` sorted (missing ones empty)."""
    return row | {k: "|".join(sorted(v for v in row.get(k, "").split("|") if v)) for k in keys}


def kgx_tables(graph) -> tuple[str, str]:
    """The KGX TSV pair (nodes, edges) as text, in Biolink 4 terms (see ``kg.biolink``).

    A node's id is its Biolink-preferred identifier (the first of its category's id prefixes
    that it cites, e.g. UniProtKB for a protein, MONDO for a disease) when no other entity
    cites the same one, else its jakkg CURIE; the jakkg IRI is always in ``iri``.
    """
    from kg import biolink

    nodes, edges = nodes_and_edges(graph)
    ids = kgx_ids(nodes)
    node_rows = [
        {
            "id": ids[n["entity"]],
            "category": biolink.category(n["class"]).biolink,
            "name": n["label"],
            "synonym": "|".join(sorted(n.get("synonyms", "").split("|"))).strip("|"),
            "xref": "|".join(sorted([*standard_xrefs(n), shorten(n["entity"])])),
            "iri": n["entity"],
            "provided_by": PROVIDER,
        }
        for n in nodes
    ]
    edge_rows = []
    for number, e in enumerate(edges, 1):
        mapped = biolink.predicate(e["p"])
        sources = [s for s in e.get("sources", "").split("|") if s]
        edge_rows.append(
            dict.fromkeys(KGX_EDGE_COLUMNS, "")
            | mapped.qualifiers
            | {
                "id": f"jakkg:e{number}",
                "subject": ids[e["s"]],
                "predicate": mapped.biolink,
                "object": ids[e["o"]],
                "original_predicate": shorten(e["p"]),
                "knowledge_level": biolink.knowledge_level(e.get("derived") == "true"),
                "agent_type": biolink.AGENT_TYPE,
                "primary_knowledge_source": PROVIDER,
                "publications": "|".join(sorted(citation(s) for s in sources)),
                "has_evidence": "|".join(
                    sorted(shorten(k) for k in e.get("kinds", "").split("|") if k)
                ),
            }
        )
    return _tsv(KGX_NODE_COLUMNS, node_rows), _tsv(KGX_EDGE_COLUMNS, edge_rows)


def standard_xrefs(node: dict[str, str]) -> list[str]:
    """A node's cross-references in standard CURIE spelling (``UniProt:`` -> ``UniProtKB:``)."""
    from kg.prefixes import standardize

    return [standardize(x) for x in node.get("xrefs", "").split("|") if x]


def kgx_ids(nodes: list[dict[str, str]]) -> dict[str, str]:
    """KGX node id per entity IRI: its Biolink-preferred identifier if unique, else its CURIE."""
    from kg import biolink

    preferred: dict[str, str] = {}
    for n in nodes:
        xrefs = standard_xrefs(n)
        for prefix in biolink.category(n["class"]).id_prefixes:
            match = next((x for x in xrefs if x.startswith(prefix + ":")), None)
            if match:
                preferred[n["entity"]] = match
                break
    taken = Counter(preferred.values())
    return {
        n["entity"]: preferred[n["entity"]]
        if taken[preferred.get(n["entity"])] == 1
        else shorten(n["entity"])
        for n in nodes
    }


def _tsv(columns: Iterable[str], rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer,
        fieldnames=list(columns),
        delimiter="\t",
        lineterminator="\n",
        quoting=csv.QUOTE_NONE,
    )
    writer.writeheader()
    writer.writerows(
        {k: v.replace("\t", " ").replace("\n", " ") for k, v in r.items()} for r in rows
    )
    return buffer.getvalue()


def graphml_text(graph) -> str:
    """The entities and edges as GraphML (a NetworkX MultiDiGraph)."""
    import networkx as nx

    nodes, edges = nodes_and_edges(graph)
    multigraph = nx.MultiDiGraph()
    for n in nodes:
        multigraph.add_node(
            shorten(n["entity"]), label=n["label"], category=local_name(n["class"]), iri=n["entity"]
        )
    for e in edges:
        predicate = local_name(e["p"])
        multigraph.add_edge(
            shorten(e["s"]),
            shorten(e["o"]),
            key=predicate,
            predicate=predicate,
            sources=e.get("sources", ""),
        )
    return "\n".join(nx.generate_graphml(multigraph)) + "\n"


def rdf_bytes(graph, fmt: str) -> bytes:
    """The whole graph (ontology + data) as Turtle, N-Triples or JSON-LD."""
    import pyoxigraph as ox

    rdf = {
        "turtle": ox.RdfFormat.TURTLE,
        "nt": ox.RdfFormat.N_TRIPLES,
        "jsonld": ox.RdfFormat.JSON_LD,
    }
    options = {"prefixes": PREFIXES} if fmt != "nt" else {}
    return graph.store.dump(format=rdf[fmt], from_graph=ox.DefaultGraph(), **options)


def export_format(output: Path | str, fmt: str | None = None) -> str:
    """``fmt``, or the format ``output``'s suffix names; a suffix naming another format is refused.

    >>> export_format("graph.nt")
    'nt'
    >>> export_format("graph.rdf", "turtle")
    'turtle'
    """
    implied = SUFFIX_FORMATS.get(Path(output).suffix.lower())
    if fmt is None:
        if implied is None:
            names = ", ".join(f"{s} ({f})" for s, f in SUFFIX_FORMATS.items())
            raise JakkgError(f"{output}: give --format, or a file name ending in {names}")
        return implied
    if fmt not in FORMATS:
        raise JakkgError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if implied is not None and implied != fmt:
        raise JakkgError(
            f"{output}: the suffix says {implied} but --format is {fmt}; change one of them"
        )
    return fmt


def export(fmt: str | None, output: Path | str, graph=None) -> ExportReport:
    """Write the graph to ``output`` as ``fmt`` (default: from the suffix; KGX writes
    OUTPUT_nodes.tsv and OUTPUT_edges.tsv)."""
    from kg.store import load_graph

    fmt = export_format(output, fmt)
    target = output_target(output)
    graph = graph or load_graph()
    nodes, edges = nodes_and_edges(graph)
    if fmt == "kgx":
        stem = str(target).removesuffix(".tsv").removesuffix("_nodes").removesuffix("_edges")
        node_text, edge_text = kgx_tables(graph)
        paths = (Path(stem + "_nodes.tsv"), Path(stem + "_edges.tsv"))
        write_atomic(paths[0], node_text)
        write_atomic(paths[1], edge_text)
    elif fmt == "graphml":
        paths = (write_atomic(target, graphml_text(graph)),)
    else:
        paths = (write_atomic(target, rdf_bytes(graph, fmt)),)
    return ExportReport(fmt, tuple(str(p) for p in paths), len(graph), len(nodes), len(edges))
