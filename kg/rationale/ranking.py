"""Ranking: each drug's tier-weighted coverage of a disease, beside its clinical evidence."""

from __future__ import annotations

import functools
import weakref
from dataclasses import dataclass, field

from kg.pharmacology import Comparison, Measurement, comparisons, measurements
from kg.rationale.evidence import Evidence, Tier, clinical_evidence, tiers_of
from kg.rationale.inhibitors import Inhibitor, every_inhibitor, inhibitors
from kg.rationale.pathways import Pathways, natural, pathways_of
from kg.rationale.rules import (
    COVERED,
    INDIRECT_FACTOR,
    REQUIREMENT_CREDIT,
    SECONDARY_FACTOR,
    TIER_WEIGHTS,
    UNCOVERED,
    CytokineCoverage,
    assess,
    weight_of,
)
from kg.resolve import Entity
from kg.store import Graph, load_graph


@dataclass
class Context:
    """What scoring one disease needs: its pathways, its cytokines' tiers, a weight cache."""

    pathways: Pathways
    tiers: dict[tuple[str, str], Tier]
    _weights: dict[tuple, float] = field(default_factory=dict, repr=False)
    _ordered: dict[str, list[Tier]] = field(default_factory=dict, repr=False)
    _coverage: dict[tuple, float] = field(default_factory=dict, repr=False)

    def tiers_for(self, disease: str) -> list[Tier]:
        """The disease's cytokines and driver mutations with their tiers, best first."""
        found = self._ordered.get(disease)
        if found is None:
            implicated = self.pathways.implicated.get(disease, ())
            found = self._ordered[disease] = sorted(
                (self.tiers[(disease, c)] for c in implicated),
                key=lambda t: (-t.weight, natural(t.entity.label)),
            )
        return list(found)

    def coverage(self, drug: Inhibitor, disease: str) -> float:
        """The tier-weighted mean of ``drug``'s cytokine weights, once per drug signature.

        The signature is which of the disease's JAKs (``Pathways.reach``) the drug inhibits and
        in which role; a drug that inhibits none of them shares the empty one and scores 0.
        """
        reach = self.pathways.reach(disease)
        if reach.isdisjoint(drug.targets):
            signature: frozenset = frozenset()
        else:
            signature = frozenset((j, r) for j, r in drug.targets.items() if j in reach)
        key = (signature, disease)
        known = self._coverage.get(key)
        if known is None:
            tiers = self._ordered.get(disease) or self.tiers_for(disease)
            total = sum(t.weight for t in tiers)
            score = sum(
                t.weight * self.weight(drug, signature, disease, t.entity.iri)
                for t in tiers
                if t.weight
            )
            known = self._coverage[key] = score / total if total else 0.0
        return known

    def weight(self, drug: Inhibitor, signature: frozenset, disease: str, cytokine: str) -> float:
        """``assess(...).weight``, computed once per drug signature, disease and cytokine.

        The weight depends only on which of the disease's JAKs the drug inhibits and in which
        role (``signature``), so drugs that share one are scored once.
        """
        key = (signature, disease, cytokine)
        known = self._weights.get(key)
        if known is None:
            known = self._weights[key] = weight_of(drug, disease, cytokine, self.pathways)
        return known


def context_of(graph: Graph, disease: str | None = None) -> Context:
    """Pathways and tiers of ``disease`` (default: of every disease)."""
    pathways = pathways_of(graph, disease)
    links = {
        (d, c): pathways.entity(c, pathways.kind_of(c))
        for d, cytokines in pathways.implicated.items()
        for c in cytokines
    }
    tiers = tiers_of(graph, links, disease)
    for (d, cytokine), tier in tiers.items():
        if tier.weight == 0:
            pathways.refuted[d].add(cytokine)
    return Context(pathways, tiers)


@dataclass
class Candidate:
    """One drug's mechanistic coverage of one disease, beside its clinical evidence.

    The per-cytokine detail (``cytokines``) is worked out when first read, so ranking many
    drugs costs one weight lookup per (drug, cytokine).
    """

    drug: Inhibitor
    coverage: float
    evidence: list[Evidence]
    disease: str
    context: Context = field(repr=False)
    measured: list[Measurement] = field(default_factory=list)
    stated: list[Comparison] = field(default_factory=list)

    @functools.cached_property
    def cytokines(self) -> list[CytokineCoverage]:
        """How the drug reaches each implicated cytokine, best first."""
        pathways = self.context.pathways
        found = [
            assess(self.drug, self.disease, c, pathways)
            for c in pathways.implicated.get(self.disease, ())
        ]
        found.sort(key=lambda c: (-c.weight, natural(c.cytokine.label)))
        return found

    def tier(self, cytokine: CytokineCoverage) -> Tier:
        """The tier of one of the disease's cytokines."""
        return self.context.tiers[(self.disease, cytokine.cytokine.iri)]

    def measured_count(self) -> dict[str, int]:
        """How many of the disease's cytokines have a measured inhibition for this drug."""
        cytokines = self.context.pathways.implicated.get(self.disease, set())
        return {
            "measured": len({m.cytokine for m in self.measured} & cytokines),
            "of": len(cytokines),
        }

    def has(self, predicate: str) -> bool:
        """Whether evidence of this kind (``approvedFor``, ...) ties the drug to the disease."""
        return any(e.predicate == predicate for e in self.evidence)

    @property
    def approved(self) -> bool:
        """Whether a label approves the drug for the disease."""
        return self.has("approvedFor")

    @property
    def reported(self) -> bool:
        """Whether use outside the label is reported effective."""
        return self.has("reportedEffectiveIn")

    @property
    def failed(self) -> bool:
        """Whether a randomised trial of the drug failed in the disease."""
        return self.has("failedIn")

    @property
    def investigating(self) -> bool:
        """Whether a registered trial of the drug in the disease is under way or unpublished."""
        return self.has("underInvestigationIn")

    @property
    def topical_only(self) -> bool:
        """A topical-only drug with no clinical evidence here: ranked after systemic drugs."""
        return self.drug.topical_only and not (self.approved or self.reported)

    def sort_key(self) -> tuple:
        """Best first: systemic (or with evidence), coverage, approval, reported use, name."""
        return (
            self.topical_only,
            -self.coverage,
            not self.approved,
            not self.reported,
            self.drug.drug.label,
        )

    def to_dict(self) -> dict:
        """JSON-ready form (the keys ``jakkg rank --format json`` promises)."""
        reached = [c for c in self.cytokines if c.status != UNCOVERED]
        return {
            "drug": {"id": self.drug.drug.curie, "label": self.drug.drug.label},
            "coverage": round(self.coverage, 4),
            "route": sorted(self.drug.routes),
            "topical_only": self.drug.topical_only,
            "targets": [
                {"jak": self.drug.labels[j], "role": self.drug.targets[j]}
                for j in sorted(self.drug.targets, key=self.drug.labels.__getitem__)
            ],
            "covered": [
                c.to_dict() | {"tier": self.tier(c).name, "counted": self.tier(c).weight > 0}
                for c in reached
            ],
            "uncovered": [c.cytokine.label for c in self.cytokines if c.status == UNCOVERED],
            "gaps": [c.reason for c in self.cytokines if c.reason and c.status != COVERED],
            "approved": self.approved,
            "reported": self.reported,
            "failed": self.failed,
            "under_investigation": self.investigating,
            "evidence": [e.to_dict() for e in self.evidence],
            "sources": sorted({e.source.citation for e in self.evidence if e.source}),
            "measured": [m.to_dict() for m in self.measured],
            "measured_count": self.measured_count(),
            "stated_comparisons": [c.to_dict() for c in self.stated],
        }


def candidate(
    drug: Inhibitor, disease: str, context: Context, evidence: list[Evidence]
) -> Candidate:
    """Score ``drug`` against ``disease``: the tier-weighted mean of its cytokines' weights."""
    return Candidate(drug, context.coverage(drug, disease), evidence, disease, context)


@dataclass
class Ranking:
    """Every inhibitor in the graph against one disease, best first."""

    disease: Entity
    tiers: list[Tier]
    candidates: list[Candidate]
    every_drug: bool = True

    @property
    def cytokines(self) -> list[str]:
        """Labels of the disease's cytokines and driver mutations, in tier order."""
        return [t.entity.label for t in self.tiers]

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "disease": {"id": self.disease.curie, "label": self.disease.label},
            "cytokines": [t.to_dict() for t in self.tiers],
            "scope": "every inhibitor" if self.every_drug else "inhibitors of its JAKs",
            "model": MODEL,
            "candidates": [c.to_dict() for c in self.candidates],
        }


MODEL = {
    "receptor_credit": REQUIREMENT_CREDIT,
    "cytokine_weight": "mean receptor credit over the cytokine's JAK-using receptor complexes",
    "weights": {
        "covered": 1.0,
        "partial": "between 0 and 1",
        "indirect": f"{INDIRECT_FACTOR} × the best implicated upstream cytokine's weight",
    },
    "secondary_only_factor": SECONDARY_FACTOR,
    "tier_weights": TIER_WEIGHTS,
    "coverage": "tier-weighted mean of the cytokine weights over the disease's cytokines",
    "route": "topical-only drugs without clinical evidence for the disease rank after the others",
    "measured": "measured inhibition is shown beside coverage; it neither scores nor breaks ties",
}


def rank(disease: Entity, graph: Graph | None = None, every_drug: bool = True) -> Ranking:
    """Rank JAK inhibitors by their tier-weighted coverage of ``disease``'s cytokines.

    With ``every_drug`` false, only the inhibitors that can score (``Pathways.reach``) or
    that have clinical evidence for the disease are ranked: in a large graph the others,
    which all score 0, are most of them.
    """
    graph = graph or load_graph()
    facts = disease_facts(graph, disease.iri)
    context, evidence = facts.context, facts.evidence
    reach = context.pathways.reach(disease.iri)
    drugs = every_inhibitor(graph)
    if not every_drug:
        drugs = [d for d in drugs if d.jaks & reach or (d.drug.iri, disease.iri) in evidence]
    candidates = _ordered(
        [
            candidate(d, disease.iri, context, evidence.get((d.drug.iri, disease.iri), []))
            for d in drugs
        ]
    )
    facts.attach_pharmacology(candidates)
    return Ranking(disease, context.tiers_for(disease.iri), candidates, every_drug)


def _ordered(candidates: list[Candidate]) -> list[Candidate]:
    """``sorted(candidates, key=Candidate.sort_key)``, without a sort key for every drug.

    ``candidates`` come in label order. Most drugs score 0 with no approval or reported use:
    their keys differ only in route and label, and they rank after every other drug of the
    same route group, so only the others are sorted (Python's sort is stable: same order).
    """
    scored = [c for c in candidates if c.coverage or c.approved or c.reported]
    if len(scored) == len(candidates):
        return sorted(candidates, key=Candidate.sort_key)
    scored.sort(key=Candidate.sort_key)
    chosen = {id(c) for c in scored}
    rest = sorted(
        (c for c in candidates if id(c) not in chosen),
        key=lambda c: (c.drug.topical_only, c.drug.drug.label),
    )
    groups = []
    for topical in (False, True):
        groups += [c for c in scored if c.topical_only is topical]
        groups += [c for c in rest if c.drug.topical_only is topical]
    return groups


@dataclass
class DiseaseFacts:
    """What ranking or explaining any drug in one disease reads from the graph, read once.

    Its pathways and tiers (``Context``), its clinical evidence, and the measured inhibition and
    stated comparisons of its cytokines, by drug. None of it depends on the drug, so ``rank``
    and ``explain`` share it: a later call for the same disease on the same graph object asks
    no query for it.
    """

    context: Context
    evidence: dict[tuple[str, str], list[Evidence]]
    measured: dict[str, list[Measurement]]
    stated: dict[str, list[Comparison]]

    def attach_pharmacology(self, candidates: list[Candidate]) -> None:
        """Give each candidate the measured inhibition, and stated comparisons, of the disease's
        cytokines. Beside coverage only: coverage stays the ranking key, and no tie is broken
        by these figures (too few drugs have every cytokine measured)."""
        for item in candidates:
            item.measured = self.measured.get(item.drug.drug.iri, [])
            item.stated = self.stated.get(item.drug.drug.iri, [])


FACTS_KEPT = 64  # diseases remembered per graph object
_FACTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def disease_facts(graph: Graph, disease: str) -> DiseaseFacts:
    """``DiseaseFacts`` of ``disease``: seven bound queries the first time, then remembered for
    the graph object (a loaded graph is not changed by the library)."""
    try:
        kept = _FACTS.setdefault(graph, {})
    except TypeError:  # a graph that cannot be weakly referenced: read the facts each time
        kept = {}
    if disease in kept:
        return kept[disease]
    context = context_of(graph, disease)
    cytokines = sorted(context.pathways.implicated.get(disease, ()))
    measured: dict[str, list[Measurement]] = {}
    for m in measurements(graph, cytokines=cytokines):
        measured.setdefault(m.drug, []).append(m)
    stated: dict[str, list[Comparison]] = {}
    for c in comparisons(graph, cytokines=cytokines):
        for side in {c.drug, c.comparator}:
            stated.setdefault(side, []).append(c.seen_from(side))
    evidence = clinical_evidence(graph, {"disease": disease})
    if len(kept) >= FACTS_KEPT:
        kept.clear()
    found = kept[disease] = DiseaseFacts(context, evidence, measured, stated)
    return found


@dataclass
class Matrix:
    """Drug × disease coverage for the whole graph."""

    drugs: list[Entity]
    diseases: list[Entity]
    cells: dict[tuple[str, str], Candidate]

    def cell(self, drug: Entity, disease: Entity) -> Candidate:
        """The candidate for one (drug, disease) pair."""
        return self.cells[(drug.iri, disease.iri)]

    def to_dict(self) -> dict:
        """JSON-ready form: one row per drug, one cell per disease."""
        return {
            "diseases": [{"id": d.curie, "label": d.label} for d in self.diseases],
            "model": MODEL,
            "rows": [
                {
                    "drug": {"id": drug.curie, "label": drug.label},
                    "cells": [self._cell_dict(drug, d) for d in self.diseases],
                }
                for drug in self.drugs
            ],
        }

    def _cell_dict(self, drug: Entity, disease: Entity) -> dict:
        cell = self.cell(drug, disease)
        return {
            "disease": disease.label,
            "coverage": round(cell.coverage, 4),
            "approved": cell.approved,
            "reported": cell.reported,
            "failed": cell.failed,
            "topical_only": cell.topical_only,
        }


def coverage_matrix(graph: Graph | None = None) -> Matrix:
    """Coverage of every disease with implicated cytokines by every inhibitor."""
    graph = graph or load_graph()
    context = context_of(graph)
    evidence = clinical_evidence(graph)
    drugs = inhibitors(graph)
    diseases = sorted(
        (context.pathways.entity(d, "Disease") for d in context.pathways.implicated),
        key=lambda e: e.label.casefold(),
    )
    cells = {
        (d.drug.iri, s.iri): candidate(d, s.iri, context, evidence.get((d.drug.iri, s.iri), []))
        for d in drugs
        for s in diseases
    }
    return Matrix([d.drug for d in drugs], diseases, cells)
