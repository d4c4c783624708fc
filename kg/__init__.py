"""jakkg: an open knowledge graph of cytokine–JAK–disease relationships.

The library is the product; the CLI, HTML views and notebooks are thin faces over it.

>>> from kg import load_graph, resolve
>>> resolve("Rinvoq").curie
'jkd:upadacitinib'
"""

from __future__ import annotations

from kg.describe import EntityCard, describe
from kg.errors import AmbiguousNameError, JakkgError, UnknownEntityError, WrongClassError
from kg.resolve import Entity, resolve
from kg.stats import graph_stats
from kg.store import KnowledgeGraph, load_graph
from kg.validate import validate

__all__ = [
    "AmbiguousNameError",
    "Entity",
    "EntityCard",
    "JakkgError",
    "KnowledgeGraph",
    "UnknownEntityError",
    "WrongClassError",
    "describe",
    "graph_stats",
    "load_graph",
    "resolve",
    "validate",
]
