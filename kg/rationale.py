"""Which JAK inhibitor plausibly covers a disease's cytokine pathways, and why.

The model (also in the README and ``jakkg rank --help``):

- A drug *blocks* a receptor complex when it inhibits at least one JAK the complex uses.
- A cytokine is *covered* when all its JAK-using receptor complexes are blocked (weight 1),
  *partially covered* when some are (weight 0.5).
- A cytokine that signals without JAKs (IL-17A) is *indirectly covered* when a cytokine
  ``jk:upstreamOf`` it is covered or partially covered; its weight is 0.5 times the best such
  upstream cytokine's weight (all of them are named, and each gives explanation paths). A
  JAK-signalling cytokine is never counted as indirectly covered: a blocked upstream driver
  is only named in its gap.
- When every blocking JAK is only a *secondary* target of the drug, the weight is halved.
- A drug's *coverage* of a disease is the mean weight over the cytokines implicated in it.

Mechanistic coverage and clinical evidence (approvals, reported use) are reported side by
side and never folded into one number. Everything here runs on SPARQL rows from the query
library, so it works the same on the embedded graph and on a remote endpoint.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.namespaces import PREFIXES, local_name, vocab
from kg.provenance import Source, source_from_row
from kg.resolve import Entity
from kg.sparql import library_query
from kg.store import Graph, load_graph, select_rows

COVERED, PARTIAL, INDIRECT, UNCOVERED = "covered", "partial", "indirect", "uncovered"
WEIGHTS = {COVERED: 1.0, PARTIAL: 0.5}
INDIRECT_FACTOR = 0.5
SECONDARY_FACTOR = 0.5
PRIMARY, SECONDARY = "PrimaryTarget", "SecondaryTarget"
RDF_TYPE = PREFIXES["rdf"] + "type"


def natural(label: str) -> tuple:
    """Sort key that puts IL-4 before IL-13.

    >>> sorted(["IL-13", "IL-4", "IFN-γ"], key=natural)
    ['IFN-γ', 'IL-4', 'IL-13']
    """
    return tuple(int(p) if p.isdigit() else p.casefold() for p in re.split(r"(\d+)", label))


@dataclass
class Pathways:
    """The signalling part of the graph: implicated cytokines, their receptors and JAKs."""

    labels: dict[str, str] = field(default_factory=dict)
    implicated: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    receptors: dict[str, dict[str, set[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set))
    )
    upstream: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _jaks: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _words: dict[str, str] = field(default_factory=dict, repr=False)
    _weights: dict[tuple, float] = field(default_factory=dict, repr=False)
    _reach: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_rows(cls, rows: list[dict[str, str]]) -> Pathways:
        """Collect the rows of ``rationale-pathways.rq``."""
        self = cls()
        for row in rows:
            cytokine, signaller = row["cytokine"], row["signaller"]
            self.implicated[row["disease"]].add(cytokine)
            self.receptors.setdefault(signaller, defaultdict(set))
            self.receptors.setdefault(cytokine, defaultdict(set))
            if row["via"] == "upstream":
                self.upstream[cytokine].add(signaller)
            for key in ("disease", "cytokine", "signaller", "receptor", "jak"):
                if key in row:
                    self.labels[row[key]] = row[key + "Label"]
            if "receptor" in row:
                jaks = self.receptors[signaller][row["receptor"]]
                if "jak" in row:
                    jaks.add(row["jak"])
        return self

    def entity(self, iri: str, kind: str) -> Entity:
        """The entity ``iri`` with its label."""
        return Entity(self.labels.get(iri, local_name(iri)), kind, iri)

    def slash(self, cytokine: str) -> str:
        """``JAK1/JAK2``: the JAKs ``cytokine`` signals through (computed once)."""
        if cytokine not in self._words:
            self._words[cytokine] = _slash(self, self.jaks_of(cytokine))
        return self._words[cytokine]

    def upstream_labels(self, cytokine: str) -> str:
        """``IL-23, IL-6``: the cytokines upstream of ``cytokine`` (computed once)."""
        key = "upstream:" + cytokine
        if key not in self._words:
            labels = sorted(self.labels.get(u, u) for u in self.upstream.get(cytokine, ()))
            self._words[key] = ", ".join(labels)
        return self._words[key]

    def reach(self, disease: str) -> frozenset[str]:
        """The JAKs through which a drug can score for ``disease`` (computed once).

        Those of its cytokines, and, for a cytokine that signals without JAKs, those of the
        cytokines upstream of it. A drug that inhibits none of them covers nothing.
        """
        if disease not in self._reach:
            jaks: set[str] = set()
            for cytokine in self.implicated.get(disease, ()):
                own = self.jaks_of(cytokine)
                drivers = () if own else self.upstream.get(cytokine, ())
                jaks |= own.union(*(self.jaks_of(u) for u in drivers))
            self._reach[disease] = frozenset(jaks)
        return self._reach[disease]

    def weight(self, drug: Inhibitor, signature: frozenset, cytokine: str) -> float:
        """``assess(drug, cytokine).weight``, computed once per drug signature.

        The weight depends only on which of the disease's JAKs the drug inhibits and in which
        role (``signature``), so drugs that share one are scored once.
        """
        key = (signature, cytokine)
        known = self._weights.get(key)
        if known is None:
            known = self._weights[key] = assess(drug, cytokine, self).weight
        return known

    def jaks_of(self, cytokine: str) -> frozenset[str]:
        """Every JAK any receptor of ``cytokine`` uses (computed once per cytokine)."""
        known = self._jaks.get(cytokine)
        if known is None:
            known = self._jaks[cytokine] = frozenset().union(
                *self.receptors.get(cytokine, {}).values()
            )
        return known


@dataclass
class Inhibitor:
    """A JAK inhibitor and its targets, each with its role where the data gives one."""

    drug: Entity
    targets: dict[str, str | None]
    labels: dict[str, str]

    @property
    def jaks(self) -> set[str]:
        """IRIs of every JAK the drug inhibits."""
        return set(self.targets)

    @functools.cached_property
    def only(self) -> str:
        """``only TYK2`` or ``JAK1/JAK2``: what the drug inhibits, for a gap sentence."""
        labels = self.jak_labels()
        return ("only " if len(labels) == 1 else "") + "/".join(labels)

    def jak_labels(self, iris: set[str] | None = None) -> list[str]:
        """Sorted labels of ``iris`` (default: all targets)."""
        return sorted(self.labels[i] for i in (self.targets if iris is None else iris))


EVIDENCE_PREDICATES = ("approvedFor", "reportedEffectiveIn")


def inhibitors(
    graph: Graph,
    drug: str | None = None,
    reaching: Iterable[str] | None = None,
    evidence_for: str | None = None,
) -> list[Inhibitor]:
    """JAK inhibitors with all their targets and the targets' roles, sorted by label.

    One inhibitor (``drug``); or those inhibiting a JAK in ``reaching`` together with those
    approved for or reported in the disease ``evidence_for``; or, given none, every inhibitor.
    """
    queries = [library_query(q) for q in ("rationale-target-roles", "rationale-inhibitors")]
    if drug:
        roles_rows, drug_rows = (graph.select(q, {"drug": drug}) for q in queries)
    else:
        rows = [(vocab("inhibits"), jak) for jak in sorted(reaching or ())]
        if evidence_for:
            rows += [(vocab(p), evidence_for) for p in EVIDENCE_PREDICATES]
        if reaching is None and evidence_for is None:
            rows = [(RDF_TYPE, vocab("JAKInhibitor"))]
        names = ["selector", "target"]
        roles_rows, drug_rows = (select_rows(graph, q, names, rows) for q in queries)
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in roles_rows:
        roles[(row["drug"], row["jak"])].add(local_name(row["role"]))
    found: dict[str, Inhibitor] = {}
    for row in drug_rows:
        entity = Entity(row["drugLabel"], "JAKInhibitor", row["drug"])
        item = found.setdefault(row["drug"], Inhibitor(entity, {}, {}))
        given = roles.get((row["drug"], row["jak"]), set())
        item.targets[row["jak"]] = PRIMARY if PRIMARY in given else min(given, default=None)
        item.labels[row["jak"]] = row["jakLabel"]
    return sorted(found.values(), key=lambda i: i.drug.label.casefold())


@dataclass
class CytokineCoverage:
    """How one drug reaches one cytokine: status, weight, the JAKs that carry it, and why."""

    cytokine: Entity
    status: str
    weight: float
    jaks: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    unblocked: list[str] = field(default_factory=list)
    via: list[Entity] = field(default_factory=list)
    secondary_only: bool = False
    reason: str | None = None

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "cytokine": self.cytokine.label,
            "id": self.cytokine.curie,
            "status": self.status,
            "weight": self.weight,
            "jaks": self.jaks,
            "partial": self.status == PARTIAL,
            "indirect": self.status == INDIRECT,
            "secondary_only": self.secondary_only,
            "blocked_receptors": self.blocked,
            "unblocked_receptors": self.unblocked,
            "via": [e.label for e in self.via],
            "reason": self.reason,
        }


def assess(drug: Inhibitor, cytokine: str, pathways: Pathways) -> CytokineCoverage:
    """How ``drug`` covers ``cytokine``: directly, partly, through an upstream cytokine, or not.

    Only a cytokine that signals without JAKs can be covered indirectly; for one that does
    use JAKs, a covered upstream cytokine is named in the reason but not counted.
    """
    direct = _assess_direct(drug, cytokine, pathways)
    if direct.status == COVERED:
        return direct
    upstream = [
        u for u in sorted(pathways.upstream.get(cytokine, ())) if pathways.jaks_of(u) & drug.jaks
    ]
    if not upstream:
        direct.reason = _why_not(drug, cytokine, pathways, direct.reason or "")
        return direct
    if pathways.jaks_of(cytokine):
        names = ", ".join(pathways.labels.get(u, u) for u in upstream)
        direct.reason = (
            f"{direct.reason}; {drug.drug.label} does block {names}, upstream of it, "
            "which may lower its production (not counted: its own signalling is not blocked)"
        )
        return direct
    drivers = sorted(
        (_assess_direct(drug, u, pathways) for u in upstream),
        key=lambda d: (-d.weight, natural(d.cytokine.label)),
    )
    best = drivers[0]
    names = ", ".join(d.cytokine.label for d in drivers)
    return CytokineCoverage(
        cytokine=direct.cytokine,
        status=INDIRECT,
        weight=INDIRECT_FACTOR * best.weight,
        jaks=sorted({jak for d in drivers for jak in d.jaks}),
        via=[d.cytokine for d in drivers],
        secondary_only=best.secondary_only,
        reason=f"{direct.reason}; reached only through what drives it ({names})",
    )


def _assess_direct(drug: Inhibitor, cytokine: str, pathways: Pathways) -> CytokineCoverage:
    entity = pathways.entity(cytokine, "Cytokine")
    if not pathways.jaks_of(cytokine):
        return CytokineCoverage(entity, UNCOVERED, 0.0, reason=_no_jak_reason(entity, pathways))
    if not pathways.jaks_of(cytokine) & drug.jaks:
        reason = f"{entity.label} signals via {pathways.slash(cytokine)}; {drug.drug.label} "
        return CytokineCoverage(entity, UNCOVERED, 0.0, reason=reason + f"inhibits {drug.only}")
    receptors = {r: j for r, j in pathways.receptors.get(cytokine, {}).items() if j}
    blocked = {r: jaks & drug.jaks for r, jaks in receptors.items() if jaks & drug.jaks}
    carriers = set().union(*blocked.values())
    label = pathways.labels.get
    coverage = CytokineCoverage(
        cytokine=entity,
        status=UNCOVERED,
        weight=0.0,
        jaks=sorted(label(j, j) for j in carriers),
        blocked=sorted(label(r, r) for r in blocked),
        unblocked=sorted(label(r, r) for r in receptors if r not in blocked),
    )
    coverage.status = COVERED if len(blocked) == len(receptors) else PARTIAL
    coverage.secondary_only = all(
        all(drug.targets.get(j) == SECONDARY for j in jaks) for jaks in blocked.values()
    )
    factor = SECONDARY_FACTOR if coverage.secondary_only else 1.0
    coverage.weight = WEIGHTS[coverage.status] * factor
    if coverage.status == PARTIAL:
        missed = "; ".join(
            f"{label(r, r)} uses {_slash(pathways, receptors[r])}"
            for r in sorted(receptors, key=lambda r: label(r, r))
            if r not in blocked
        )
        blocks = ", ".join(coverage.blocked)
        coverage.reason = f"{drug.drug.label} blocks {blocks} but not: {missed}"
    return coverage


def _no_jak_reason(cytokine: Entity, pathways: Pathways) -> str:
    if pathways.receptors.get(cytokine.iri):
        return f"{cytokine.label} signals without JAKs"
    return f"the graph records no JAK-using receptor for {cytokine.label}"


def _why_not(drug: Inhibitor, cytokine: str, pathways: Pathways, direct: str) -> str:
    drivers = pathways.upstream_labels(cytokine)
    if not drivers:
        return direct
    return f"{direct}; nor does {drug.drug.label} cover what drives it ({drivers})"


def _slash(pathways: Pathways, jaks: set[str]) -> str:
    return "/".join(sorted(pathways.labels.get(j, j) for j in jaks)) or "no JAK"


@dataclass
class Evidence:
    """One piece of clinical evidence tying a drug to a disease."""

    predicate: str
    source: Source | None

    def sort_key(self) -> tuple:
        """Approvals first, then by year and source, so every engine gives the same order."""
        source = self.source
        return (self.predicate, source.year or "", source.iri) if source else (self.predicate,)

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "predicate": self.predicate,
            "source": self.source.to_dict() if self.source else None,
        }


def clinical_evidence(
    graph: Graph, bindings: dict[str, str] | None = None
) -> dict[tuple[str, str], list[Evidence]]:
    """Approvals and reported use keyed by (drug IRI, disease IRI), each with its sources.

    The edges and their statements come from two queries bound alike, so an edge that lacks
    a statement still shows (with no source).
    """
    edges = [
        (row["drug"], row["predicate"], row["disease"])
        for row in graph.select(library_query("rationale-evidence"), bindings)
    ]
    sources: dict[tuple[str, str, str], list[Source]] = defaultdict(list)
    for row in graph.select(library_query("rationale-evidence-sources"), bindings):
        bucket = sources[(row["drug"], row["predicate"], row["disease"])]
        if (source := source_from_row(row)) and source not in bucket:
            bucket.append(source)
    found: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    for edge in sorted(set(edges)):
        drug, predicate, disease = edge
        found[(drug, disease)] += [
            Evidence(local_name(predicate), source) for source in sorted(sources[edge]) or [None]
        ]
    for bucket in found.values():
        bucket.sort(key=Evidence.sort_key)
    return found


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
    pathways: Pathways = field(repr=False)

    @functools.cached_property
    def cytokines(self) -> list[CytokineCoverage]:
        """How the drug reaches each implicated cytokine, best first."""
        found = [
            assess(self.drug, c, self.pathways)
            for c in self.pathways.implicated.get(self.disease, ())
        ]
        found.sort(key=lambda c: (-c.weight, natural(c.cytokine.label)))
        return found

    @property
    def approved(self) -> bool:
        """Whether a label approves the drug for the disease."""
        return any(e.predicate == "approvedFor" for e in self.evidence)

    @property
    def reported(self) -> bool:
        """Whether use outside the label is reported effective."""
        return any(e.predicate == "reportedEffectiveIn" for e in self.evidence)

    def sort_key(self) -> tuple:
        """Best first: coverage, then approval, then reported use, then name."""
        return (-self.coverage, not self.approved, not self.reported, self.drug.drug.label)

    def to_dict(self) -> dict:
        """JSON-ready form (the keys ``jakkg rank --format json`` promises)."""
        reached = [c for c in self.cytokines if c.status != UNCOVERED]
        return {
            "drug": {"id": self.drug.drug.curie, "label": self.drug.drug.label},
            "coverage": round(self.coverage, 4),
            "targets": [
                {"jak": self.drug.labels[j], "role": self.drug.targets[j]}
                for j in sorted(self.drug.targets, key=self.drug.labels.__getitem__)
            ],
            "covered": [c.to_dict() for c in reached],
            "uncovered": [c.cytokine.label for c in self.cytokines if c.status == UNCOVERED],
            "gaps": [c.reason for c in self.cytokines if c.reason and c.status != COVERED],
            "approved": self.approved,
            "reported": self.reported,
            "evidence": [e.to_dict() for e in self.evidence],
            "sources": sorted({e.source.citation for e in self.evidence if e.source}),
        }


def candidate(
    drug: Inhibitor, disease: str, pathways: Pathways, evidence: list[Evidence]
) -> Candidate:
    """Score ``drug`` against ``disease``."""
    cytokines = pathways.implicated.get(disease, ())
    reach = pathways.reach(disease)
    signature = frozenset((j, r) for j, r in drug.targets.items() if j in reach)
    weights = [pathways.weight(drug, signature, c) for c in cytokines]
    coverage = sum(weights) / len(weights) if weights else 0.0
    return Candidate(drug, coverage, evidence, disease, pathways)


@dataclass
class Ranking:
    """Every inhibitor in the graph against one disease, best first."""

    disease: Entity
    cytokines: list[str]
    candidates: list[Candidate]
    every_drug: bool = True

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "disease": {"id": self.disease.curie, "label": self.disease.label},
            "cytokines": self.cytokines,
            "scope": "every inhibitor" if self.every_drug else "inhibitors of its JAKs",
            "model": MODEL,
            "candidates": [c.to_dict() for c in self.candidates],
        }


MODEL = {
    "weights": {"covered": 1.0, "partial": 0.5, "indirect": "0.5 × upstream weight"},
    "secondary_only_factor": SECONDARY_FACTOR,
    "coverage": "mean weight over the cytokines implicated in the disease",
}


def pathways_of(graph: Graph, disease: str | None = None) -> Pathways:
    """The signalling pathways of ``disease`` (default: of every disease)."""
    bindings = {"disease": disease} if disease else None
    return Pathways.from_rows(graph.select(library_query("rationale-pathways"), bindings))


def rank(disease: Entity, graph: Graph | None = None, every_drug: bool = True) -> Ranking:
    """Rank JAK inhibitors by their coverage of ``disease``'s cytokines.

    With ``every_drug`` false, only the inhibitors that can score (``Pathways.reach``) or
    that have clinical evidence for the disease are ranked: in a large graph the others,
    which all score 0, are most of them.
    """
    graph = graph or load_graph()
    pathways = pathways_of(graph, disease.iri)
    evidence = clinical_evidence(graph, {"disease": disease.iri})
    drugs = (
        inhibitors(graph)
        if every_drug
        else inhibitors(graph, reaching=pathways.reach(disease.iri), evidence_for=disease.iri)
    )
    candidates = [
        candidate(d, disease.iri, pathways, evidence.get((d.drug.iri, disease.iri), []))
        for d in drugs
    ]
    candidates.sort(key=Candidate.sort_key)
    labels = sorted(
        (pathways.labels[c] for c in pathways.implicated.get(disease.iri, ())), key=natural
    )
    return Ranking(disease, labels, candidates, every_drug)


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
        }


def coverage_matrix(graph: Graph | None = None) -> Matrix:
    """Coverage of every disease with implicated cytokines by every inhibitor (three queries)."""
    graph = graph or load_graph()
    pathways = pathways_of(graph)
    evidence = clinical_evidence(graph)
    drugs = inhibitors(graph)
    diseases = sorted(
        (pathways.entity(d, "Disease") for d in pathways.implicated),
        key=lambda e: e.label.casefold(),
    )
    cells = {
        (d.drug.iri, s.iri): candidate(d, s.iri, pathways, evidence.get((d.drug.iri, s.iri), []))
        for d in drugs
        for s in diseases
    }
    return Matrix([d.drug for d in drugs], diseases, cells)
