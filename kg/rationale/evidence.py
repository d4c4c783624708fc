"""Evidence beside the mechanism: clinical evidence for a drug in a disease, and how strongly each
cytokine is tied to the disease (its tier), with the therapies and sources behind it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from kg.namespaces import local_name
from kg.provenance import Source, source_from_row
from kg.rationale.rules import ASSOCIATED, REFUTED, SUPPORTED, TIER_WEIGHTS, VALIDATED
from kg.resolve import Entity
from kg.sparql import library_query
from kg.store import Graph

CURATED_TIERS = {"Supported": SUPPORTED, "Associated": ASSOCIATED}
LINK_PREDICATES = ("implicatedIn", "driverOf")


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
    """Approvals, reported use and failed trials keyed by (drug IRI, disease IRI), with sources.

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
    for key, bucket in sources.items():
        sources[key] = _one_per_statement(bucket)
    found: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    for edge in sorted(set(edges)):
        drug, predicate, disease = edge
        found[(drug, disease)] += [
            Evidence(local_name(predicate), source) for source in sorted(sources[edge]) or [None]
        ]
    for bucket in found.values():
        bucket.sort(key=Evidence.sort_key)
    return found


def _one_per_statement(sources: list[Source]) -> list[Source]:
    """Sources that differ only in their trial number (a statement naming an NCT and a
    EudraCT number comes back as two rows) merged into one, its trials joined with "; "."""
    trials: dict[Source, set[str]] = defaultdict(set)
    for source in sources:
        trials[replace(source, trial=None)].add(source.trial or "")
    return [
        replace(source, trial="; ".join(sorted(t for t in found if t)) or None)
        for source, found in trials.items()
    ]


@dataclass
class Tier:
    """How strongly one cytokine (or driver mutation) is tied to one disease, and by what.

    validated: a blocking therapy is approved for the disease or met its primary endpoint in a
    randomised trial; refuted: one failed or worsened the disease in a randomised trial and
    none worked; otherwise the curated tier of the link's own sources (supported: human
    genetic or functional evidence), and associated where no curator said more.
    """

    entity: Entity
    name: str = ASSOCIATED
    sources: list[Source] = field(default_factory=list)
    validated_by: list[Entity] = field(default_factory=list)
    refuted_by: list[Entity] = field(default_factory=list)

    @property
    def weight(self) -> float:
        """How much the cytokine counts in coverage (``rules.TIER_WEIGHTS``)."""
        return TIER_WEIGHTS[self.name]

    def to_dict(self) -> dict:
        """JSON-ready form (the ``cytokines`` objects of ``rank`` and ``explain``)."""
        return {
            "id": self.entity.curie,
            "label": self.entity.label,
            "kind": "driver mutation" if self.entity.kind == "DriverMutation" else "cytokine",
            "tier": self.name,
            "weight": self.weight,
            "sources": sorted({s.citation for s in self.sources}),
            "validated_by": [{"id": e.curie, "label": e.label} for e in self.validated_by],
            "refuted_by": [{"id": e.curie, "label": e.label} for e in self.refuted_by],
        }


def tiers_of(
    graph: Graph, entities: dict[tuple[str, str], Entity], disease: str | None = None
) -> dict[tuple[str, str], Tier]:
    """The tier of every (disease, cytokine) link in ``entities``: from the link's own statements
    (``rationale-tiers.rq``) and the therapies that block the cytokine there
    (``rationale-tier-therapies.rq``)."""
    bindings = {"disease": disease} if disease else None
    rows = [
        row
        for name in ("rationale-tiers", "rationale-tier-therapies")
        for row in graph.select(library_query(name), bindings)
    ]
    found = {key: _Collect() for key in entities}
    for row in rows:
        collect = found.get((row["disease"], row["cytokine"]))
        if collect is not None:
            collect.add(row)
    return {key: collect.tier(entities[key]) for key, collect in found.items()}


@dataclass
class _Collect:
    """The rows of one (disease, cytokine) link, sorted into the kinds of evidence they give."""

    curated: set[str] = field(default_factory=set)
    own: list[Source] = field(default_factory=list)
    validating: dict[Entity, list[Source]] = field(default_factory=lambda: defaultdict(list))
    refuting: dict[Entity, list[Source]] = field(default_factory=lambda: defaultdict(list))

    def add(self, row: dict[str, str]) -> None:
        predicate, source = local_name(row["predicate"]), source_from_row(row)
        if predicate in LINK_PREDICATES:
            self.own.append(source)
            if "tier" in row:
                self.curated.add(CURATED_TIERS[local_name(row["tier"])])
            return
        blocker = Entity(row["blockerLabel"], "CytokineBlocker", row["blocker"])
        randomised = source.kind == "RandomisedTrial"
        if predicate == "approvedFor" or (predicate == "reportedEffectiveIn" and randomised):
            self.validating[blocker].append(source)
        elif predicate == "failedIn" and randomised:
            self.refuting[blocker].append(source)

    def tier(self, entity: Entity) -> Tier:
        refuted_by = sorted(self.refuting, key=lambda e: e.label)
        if self.validating:
            blockers = sorted(self.validating, key=lambda e: e.label)
            sources = [s for b in blockers for s in self.validating[b]]
            return Tier(entity, VALIDATED, sorted(set(sources)), blockers, refuted_by)
        if self.refuting:
            sources = [s for b in refuted_by for s in self.refuting[b]]
            return Tier(entity, REFUTED, sorted(set(sources)), [], refuted_by)
        name = SUPPORTED if SUPPORTED in self.curated else ASSOCIATED
        return Tier(entity, name, sorted(set(self.own)))
