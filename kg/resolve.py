"""Resolve what a person types (labels, synonyms, gene symbols, CURIEs) to graph entities."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from kg.errors import AmbiguousNameError, UnknownEntityError, WrongClassError
from kg.namespaces import local_name, shorten
from kg.sparql import library_query
from kg.store import Graph, bind_rows, load_graph

GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon",
    "κ": "kappa", "λ": "lambda", "ω": "omega", "µ": "mu", "μ": "mu",
}  # fmt: skip

# Human words for each class, most specific first; JAKInhibitor is a Drug.
KIND_WORDS = {
    "JAKInhibitor": "JAK inhibitor",
    "CytokineBlocker": "cytokine-blocking therapy",
    "Drug": "drug",
    "Cytokine": "cytokine",
    "ReceptorComplex": "receptor complex",
    "ReceptorChain": "receptor chain",
    "JanusKinase": "Janus kinase",
    "Disease": "disease",
    "BoxedWarning": "boxed warning",
    "Route": "route of administration",
    "DriverMutation": "driver mutation",
}
SUBCLASSES = {"Drug": {"Drug", "JAKInhibitor", "CytokineBlocker"}}


def normalize(name: str) -> str:
    """Fold case, spell out Greek letters and drop spaces, hyphens and punctuation.

    >>> normalize("IFN-γ") == normalize("ifn gamma") == "ifngamma"
    True
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    text = "".join(GREEK.get(ch, ch) for ch in text)
    return re.sub(r"[\W_]+", "", text)


@dataclass(frozen=True, order=True)
class Entity:
    """A graph entity as a person sees it: label, class and IRI."""

    label: str
    kind: str
    iri: str

    @property
    def curie(self) -> str:
        """Compact form, e.g. ``jkd:JAK1``."""
        return shorten(self.iri)

    @property
    def kind_words(self) -> str:
        """The class in words, e.g. ``JAK inhibitor``."""
        return KIND_WORDS.get(self.kind, self.kind)

    def is_a(self, kind: str) -> bool:
        """Whether the entity belongs to class ``kind`` (a JAK inhibitor is a drug)."""
        return self.kind in SUBCLASSES.get(kind, {kind})

    def __str__(self) -> str:
        return f"{self.label} ({self.kind_words}, {self.curie})"


def _collect(rows: list[dict[str, str]], entities: dict[str, Entity]) -> None:
    """Add the entity of each row to ``entities``, keeping its most specific class."""
    for row in rows:
        iri = row["entity"]
        kind = local_name(row["class"])
        known = entities.get(iri)
        if known is None or _more_specific(kind, known.kind):
            entities[iri] = Entity(row["label"], kind, iri)


def exact_matches(graph: Graph, name: str) -> list[Entity]:
    """Entities carrying exactly ``name`` (as typed, plain or @en): one bound query."""
    text = name.strip()
    if not text:
        return []
    names = [(ox.Literal(text, language=lang),) for lang in ("en", None)]
    entities: dict[str, Entity] = {}
    _collect(graph.select(bind_rows(library_query("entity-by-name"), ["name"], names)), entities)
    return sorted(entities.values())


class Resolver:
    """Name index over one graph; answers ``resolve`` and ``suggest``."""

    def __init__(self, graph: Graph):
        self.entities: dict[str, Entity] = {}
        self.index: dict[str, set[str]] = defaultdict(set)
        rows = graph.select(library_query("entity-names"))
        _collect(rows, self.entities)
        for row in rows:
            self.index[normalize(row["name"])].add(row["entity"])
        for iri in self.entities:
            for key in (local_name(iri), shorten(iri), iri):
                self.index[normalize(key)].add(iri)
        self.index.pop("", None)

    def candidates(self, name: str) -> list[Entity]:
        """Every entity one of whose names normalises to the same key as ``name``."""
        key = normalize(name)
        return sorted(self.entities[iri] for iri in self.index.get(key, ()))

    def suggest(self, name: str, kind: str | None = None, limit: int = 5) -> list[Entity]:
        """Close matches for a name that resolved to nothing, best first."""
        key = normalize(name)
        pool = {k: v for k, v in self.index.items() if self._fits(v, kind)}
        ranked = difflib.get_close_matches(key, pool, n=limit * 3, cutoff=0.6)
        if len(key) >= 3:
            ranked += sorted(k for k in pool if key in k and k not in ranked)
        found: list[Entity] = []
        for match in ranked:
            for iri in sorted(pool[match]):
                entity = self.entities[iri]
                if entity not in found:
                    found.append(entity)
        return found[:limit]

    def _fits(self, iris: set[str], kind: str | None) -> bool:
        return kind is None or any(self.entities[i].is_a(kind) for i in iris)

    def resolve(self, name: str, kind: str | None = None, purpose: str | None = None) -> Entity:
        """The one entity ``name`` denotes, optionally required to be of class ``kind``.

        Raises UnknownEntityError (with suggestions), AmbiguousNameError (with the
        choices) or WrongClassError (naming ``purpose``, e.g. the command, when given).
        """
        found = self.candidates(name)
        if not found:
            suggestions = [str(e) for e in self.suggest(name, kind)]
            raise UnknownEntityError(name, suggestions, KIND_WORDS.get(kind or ""))
        fitting = [e for e in found if kind is None or e.is_a(kind)]
        if not fitting:
            entity = found[0]
            wanted = KIND_WORDS.get(kind, kind)
            takes = f"{purpose} takes a {wanted}" if purpose else f"expected a {wanted}"
            raise WrongClassError(f"{entity.label} is a {entity.kind_words}; {takes}")
        if len(fitting) > 1:
            raise AmbiguousNameError(name, [str(e) for e in fitting])
        return fitting[0]

    def all(self, kind: str | None = None) -> list[Entity]:
        """Every entity, or every entity of class ``kind``, sorted by label."""
        return sorted(e for e in self.entities.values() if kind is None or e.is_a(kind))


def _more_specific(kind: str, than: str) -> bool:
    order = list(KIND_WORDS)
    return order.index(kind) < order.index(than) if kind in order and than in order else False


@functools.lru_cache(maxsize=8)
def resolver_for(graph: Graph) -> Resolver:
    """The resolver of ``graph``, built once per process."""
    return Resolver(graph)


def resolve(
    name: str,
    kind: str | None = None,
    graph: Graph | None = None,
    purpose: str | None = None,
) -> Entity:
    """Resolve ``name`` in ``graph`` (default: the shipped graph).

    A name carried exactly by one entity of the wanted class resolves with one bound query;
    only other names (other case or spelling, ambiguous, unknown) build the full name index,
    which takes seconds on a graph of millions of triples.

    >>> resolve("Rinvoq").label
    'upadacitinib'
    """
    graph = graph or load_graph()
    fitting = [e for e in exact_matches(graph, name) if kind is None or e.is_a(kind)]
    if len(fitting) == 1:
        return fitting[0]
    return resolver_for(graph).resolve(name, kind, purpose)
