"""Why a drug plausibly helps a disease: the supporting paths, each step with its sources.

A path reads ``drug —inhibits→ JAK ←uses— receptor ←binds— cytokine —implicated in→
disease``, with an ``—upstream of→`` detour for cytokines reached only through the
cytokines that drive them, or ``←signals through— mutation —driver of→ disease`` for a driver
mutation. Only JAKs that carry credit (required, contributing or unstudied) give a path. Then
the cytokines' tiers, the clinical evidence, then the gaps (why not).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from kg.namespaces import vocab
from kg.paths import arrow, walk_text
from kg.provenance import Source, Triple, edge_sources
from kg.rationale import (
    COVERED,
    INDIRECT,
    UNCOVERED,
    Candidate,
    CytokineCoverage,
    Evidence,
    Inhibitor,
    Pathways,
    candidate,
)
from kg.rationale.inhibitors import inhibitor_of
from kg.rationale.pathways import DRIVER
from kg.rationale.ranking import disease_facts
from kg.rationale.rules import receptor_credit
from kg.resolve import Entity
from kg.store import Graph, load_graph


@dataclass(frozen=True)
class Step:
    """One edge of a path: ``forward`` when it points from the left node to the right one."""

    predicate: str
    forward: bool
    triple: Triple

    def arrow(self) -> str:
        """``—inhibits→`` or ``←uses—``."""
        return arrow(self.predicate, self.forward)


@dataclass
class SupportPath:
    """A chain of sourced edges from the drug to the disease."""

    nodes: list[Entity]
    steps: list[Step]
    cytokine: CytokineCoverage
    sources: list[list[Source]] = field(default_factory=list)

    def text(self) -> str:
        """The path in one readable line."""
        return walk_text(self.nodes, [s.arrow() for s in self.steps])

    def to_dict(self) -> dict:
        """JSON-ready form (the keys ``jakkg explain --format json`` promises)."""
        return {
            "text": self.text(),
            "kind": "indirect" if self.cytokine.status == INDIRECT else "direct",
            "cytokine": self.cytokine.cytokine.label,
            "status": self.cytokine.status,
            "nodes": [{"id": n.curie, "label": n.label} for n in self.nodes],
            "predicates": [s.predicate for s in self.steps],
            "directions": ["forward" if s.forward else "backward" for s in self.steps],
            "sources": [[s.to_dict() for s in step] for step in self.sources],
        }


@dataclass
class Explanation:
    """The paths, the clinical evidence and the gaps for one (drug, disease) pair."""

    drug: Entity
    disease: Entity
    candidate: Candidate
    paths: list[SupportPath]

    @property
    def evidence(self) -> list[Evidence]:
        """Approvals and reported use of the drug for the disease."""
        return self.candidate.evidence

    @property
    def gaps(self) -> list[str]:
        """Why a cytokine is not (fully, directly) covered, one sentence each."""
        return [c.reason for c in self.candidate.cytokines if c.status != COVERED and c.reason]

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "drug": {"id": self.drug.curie, "label": self.drug.label},
            "disease": {"id": self.disease.curie, "label": self.disease.label},
            "coverage": round(self.candidate.coverage, 4),
            "cytokines": [self._cytokine_dict(c) for c in self.candidate.cytokines],
            "paths": [p.to_dict() for p in self.paths],
            "evidence": [e.to_dict() for e in self.evidence],
            "gaps": self.gaps,
            "measured": [m.to_dict() for m in self.candidate.measured],
            "measured_count": self.candidate.measured_count(),
            "stated_comparisons": [c.to_dict() for c in self.candidate.stated],
        }

    def _cytokine_dict(self, coverage: CytokineCoverage) -> dict:
        """The coverage of one cytokine with its tier (``weight`` stays the coverage weight)."""
        tier = self.candidate.tier(coverage).to_dict()
        return coverage.to_dict() | {
            "label": tier["label"],
            "kind": tier["kind"],
            "tier": tier["tier"],
            "tier_weight": tier["weight"],
            "sources": tier["sources"],
            "validated_by": tier["validated_by"],
            "refuted_by": tier["refuted_by"],
        }


def explain(drug: Entity, disease: Entity, graph: Graph | None = None) -> Explanation:
    """The sourced paths by which ``drug`` reaches the cytokines of ``disease``."""
    graph = graph or load_graph()
    inhibitor = inhibitor_of(graph, drug.iri) or Inhibitor(drug, {}, {})
    facts = disease_facts(graph, disease.iri)
    context = facts.context
    evidence = facts.evidence.get((drug.iri, disease.iri), [])
    scored = candidate(inhibitor, disease.iri, context, evidence)
    facts.attach_pharmacology([scored])
    paths = [
        path
        for coverage in scored.cytokines
        if coverage.status != UNCOVERED
        for path in _paths(inhibitor, disease, coverage, context.pathways)
    ]
    _attach_sources(graph, paths)
    return Explanation(drug, disease, scored, paths)


def _paths(
    drug: Inhibitor, disease: Entity, coverage: CytokineCoverage, pathways: Pathways
) -> list[SupportPath]:
    cytokine = coverage.cytokine
    driver = pathways.kind_of(cytokine.iri) == DRIVER
    tail = _step("driverOf" if driver else "implicatedIn", cytokine.iri, disease.iri)
    tail_nodes, tail_steps = [cytokine, disease], [tail]
    signallers = coverage.via if coverage.status == INDIRECT else [cytokine]
    paths = []
    for signaller in signallers:
        nodes, steps = tail_nodes, tail_steps
        if signaller != cytokine:
            nodes = [signaller, *tail_nodes]
            steps = [_step("upstreamOf", signaller.iri, cytokine.iri), *tail_steps]
        for receptor, jaks in sorted(pathways.receptors.get(signaller.iri, {}).items()):
            _, carriers = receptor_credit(drug, receptor, jaks, pathways)
            for jak in sorted(carriers, key=pathways.label):
                head = [
                    drug.drug,
                    pathways.entity(jak, "JanusKinase"),
                    pathways.entity(receptor, "ReceptorComplex"),
                ]
                head_steps = [
                    _step("inhibits", drug.drug.iri, jak),
                    _step("associatedJAK", receptor, jak, forward=False),
                    _step(
                        "signalsThrough" if driver else "bindsReceptor",
                        signaller.iri,
                        receptor,
                        forward=False,
                    ),
                ]
                paths.append(SupportPath([*head, *nodes], [*head_steps, *steps], coverage))
    return paths


def _step(predicate: str, subject: str, obj: str, forward: bool = True) -> Step:
    return Step(predicate, forward, (subject, vocab(predicate), obj))


SOURCES_KEPT = 4096  # edges whose sources are remembered per graph object
_SOURCES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _attach_sources(graph: Graph, paths: list[SupportPath]) -> None:
    """Each step's sources; an edge's sources are looked up once per graph object (paths of
    one disease share most of their edges: JAK–receptor, receptor–cytokine, cytokine–disease)."""
    try:
        kept = _SOURCES.setdefault(graph, {})
    except TypeError:
        kept = {}
    wanted = {step.triple for path in paths for step in path.steps}
    missing = wanted - kept.keys()
    if len(kept) + len(missing) > SOURCES_KEPT:
        kept.clear()
        missing = wanted
    if missing:
        kept.update(edge_sources(graph, missing))
    for path in paths:
        path.sources = [kept[step.triple] for step in path.steps]
