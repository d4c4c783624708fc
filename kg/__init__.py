"""jakkg: an open knowledge graph of cytokine–JAK–disease relationships.

The library is the product; the CLI, HTML views and notebooks are thin faces over it.

>>> from kg import load_graph, resolve
>>> resolve("Rinvoq").curie
'jkd:upadacitinib'
"""

from __future__ import annotations

from kg.describe import EntityCard, describe
from kg.diff import GraphDiff, diff
from kg.errors import AmbiguousNameError, JakkgError, UnknownEntityError, WrongClassError
from kg.explain import Explanation, explain
from kg.paths import GraphPath, find_paths, metapaths
from kg.pharmacology import Comparison, Measurement, comparisons, measurements
from kg.projection import project
from kg.rationale import Matrix, Ranking, coverage_matrix, rank
from kg.release import build_release
from kg.resolve import Entity, resolve
from kg.sparql import library_query
from kg.stats import graph_stats
from kg.store import KnowledgeGraph, load_graph, open_graph
from kg.validate import validate

__all__ = [
    "AmbiguousNameError",
    "Comparison",
    "Entity",
    "EntityCard",
    "Explanation",
    "GraphDiff",
    "GraphPath",
    "JakkgError",
    "KnowledgeGraph",
    "Matrix",
    "Measurement",
    "Ranking",
    "UnknownEntityError",
    "WrongClassError",
    "build_release",
    "comparisons",
    "coverage_matrix",
    "describe",
    "diff",
    "explain",
    "find_paths",
    "graph_stats",
    "library_query",
    "load_graph",
    "measurements",
    "metapaths",
    "open_graph",
    "project",
    "rank",
    "resolve",
    "validate",
]
