"""Export the graph: RDF (Turtle, N-Triples, JSON-LD), GraphML, and KGX (Biolink TSV nodes/edges).

Every file is written atomically (temp file + rename), so an interrupted export leaves any
previous file intact.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.atomic import write_atomic
from kg.errors import JakkgError
from kg.namespaces import PREFIXES, local_name, shorten
from kg.provenance import citation
from kg.sparql import library_query

FORMATS = ("turtle", "nt", "jsonld", "graphml", "kgx")

# Biolink categories and predicates (https://biolink.github.io/biolink-model; see docs/sparql.md).
BIOLINK_CATEGORY = {
    "Cytokine": "biolink:Protein",
    "ReceptorChain": "biolink:Protein",
    "JanusKinase": "biolink:Protein",
    "ReceptorComplex": "biolink:MacromolecularComplex",
    "JAKInhibitor": "biolink:Drug",
    "Drug": "biolink:Drug",
    "Disease": "biolink:Disease",
}
BIOLINK_PREDICATE = {
    "inhibits": "biolink:directly_physically_interacts_with",
    "bindsReceptor": "biolink:directly_physically_interacts_with",
    "associatedJAK": "biolink:physically_interacts_with",
    "hasChain": "biolink:has_part",
    "implicatedIn": "biolink:contributes_to",
    "approvedFor": "biolink:treats",
    "reportedEffectiveIn": "biolink:applied_to_treat",
    "upstreamOf": "biolink:regulates",
    "signalsVia": "biolink:related_to",
}
KGX_NODE_COLUMNS = ("id", "category", "name", "synonym", "xref", "iri", "provided_by")
KGX_EDGE_COLUMNS = (
    "id", "subject", "predicate", "object", "original_predicate", "knowledge_level",
    "agent_type", "primary_knowledge_source", "publications", "has_evidence",
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
    """The KGX TSV pair (nodes, edges) as text."""
    nodes, edges = nodes_and_edges(graph)
    node_rows = [
        {
            "id": shorten(n["entity"]),
            "category": BIOLINK_CATEGORY[local_name(n["class"])],
            "name": n["label"],
            "synonym": n.get("synonyms", ""),
            "xref": n.get("xrefs", ""),
            "iri": n["entity"],
            "provided_by": PROVIDER,
        }
        for n in nodes
    ]
    edge_rows = []
    for number, e in enumerate(edges, 1):
        predicate = local_name(e["p"])
        sources = [s for s in e.get("sources", "").split("|") if s]
        edge_rows.append(
            {
                "id": f"jakkg:e{number}",
                "subject": shorten(e["s"]),
                "predicate": BIOLINK_PREDICATE[predicate],
                "object": shorten(e["o"]),
                "original_predicate": shorten(e["p"]),
                "knowledge_level": "logical_entailment"
                if predicate == "signalsVia"
                else "knowledge_assertion",
                "agent_type": "manual_agent",
                "primary_knowledge_source": PROVIDER,
                "publications": "|".join(sorted(citation(s) for s in sources)),
                "has_evidence": "|".join(
                    sorted(shorten(k) for k in e.get("kinds", "").split("|") if k)
                ),
            }
        )
    return _tsv(KGX_NODE_COLUMNS, node_rows), _tsv(KGX_EDGE_COLUMNS, edge_rows)


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


def export(fmt: str, output: Path | str, graph=None) -> ExportReport:
    """Write the graph to ``output`` as ``fmt`` (KGX: OUTPUT_nodes.tsv and OUTPUT_edges.tsv)."""
    from kg.store import load_graph

    if fmt not in FORMATS:
        raise JakkgError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    graph = graph or load_graph()
    target = Path(output)
    if not target.parent.is_dir():
        raise JakkgError(f"{target.parent} is not a folder")
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
