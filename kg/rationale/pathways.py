"""Pathway facts of a disease: its cytokines and driver mutations, their receptor complexes,
the JAKs each complex uses and whether it needs them — as the graph states, with sources."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from kg.namespaces import local_name
from kg.provenance import citation
from kg.resolve import Entity
from kg.sparql import library_query
from kg.store import Graph, select_rows

REQUIRED, CONTRIBUTING, ASSOCIATED_ONLY, UNKNOWN = (
    "required",
    "contributing",
    "associated only",
    "unknown",
)
REQUIREMENTS = {
    "Required": REQUIRED,
    "Contributing": CONTRIBUTING,
    "AssociatedOnly": ASSOCIATED_ONLY,
}
# When statements disagree about one link, the weaker classification counts.
STRENGTH = (ASSOCIATED_ONLY, CONTRIBUTING, REQUIRED)
CYTOKINE, DRIVER = "Cytokine", "DriverMutation"


def natural(label: str) -> tuple:
    """Sort key that puts IL-4 before IL-13.

    >>> sorted(["IL-13", "IL-4", "IFN-γ"], key=natural)
    ['IFN-γ', 'IL-4', 'IL-13']
    """
    return tuple(int(p) if p.isdigit() else p.casefold() for p in re.split(r"(\d+)", label))


@dataclass
class Pathways:
    """The signalling part of the graph for one disease or for all of them."""

    labels: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    implicated: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    receptors: dict[str, dict[str, set[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set))
    )
    upstream: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    requirements: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    requirement_sources: dict[tuple[str, str], set[str]] = field(
        default_factory=lambda: defaultdict(set)
    )
    refuted: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _jaks: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _reach: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_rows(cls, rows: list[dict[str, str]], needs: list[dict[str, str]]) -> Pathways:
        """Collect the rows of ``rationale-pathways.rq`` and ``rationale-requirements.rq``."""
        self = cls()
        for row in sorted(rows, key=lambda r: (r.get("receptor", ""), r.get("jak", ""))):
            cytokine, signaller = row["cytokine"], row["signaller"]
            self.implicated[row["disease"]].add(cytokine)
            self.kinds[cytokine] = DRIVER if row.get("kind") == "driver" else CYTOKINE
            self.kinds.setdefault(signaller, CYTOKINE)
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
        for row in needs:
            link = (row["receptor"], row["jak"])
            self.requirements[link].add(REQUIREMENTS[local_name(row["requirement"])])
            self.requirement_sources[link].add(row["requirementSource"])
        return self

    def label(self, iri: str) -> str:
        """The label of ``iri`` (its local name if the rows gave none)."""
        return self.labels.get(iri) or local_name(iri)

    def entity(self, iri: str, kind: str) -> Entity:
        """The entity ``iri`` with its label."""
        return Entity(self.label(iri), kind, iri)

    def kind_of(self, iri: str) -> str:
        """``Cytokine`` or ``DriverMutation``."""
        return self.kinds.get(iri, CYTOKINE)

    def requirement(self, receptor: str, jak: str) -> str:
        """Whether ``receptor`` needs ``jak``: required, contributing, associated only, unknown."""
        given = self.requirements.get((receptor, jak))
        return min(given, key=STRENGTH.index) if given else UNKNOWN

    def requirement_citations(self, receptor: str, jak: str) -> str:
        """``doi:...; PMID:...``: the sources of the requirement of one link."""
        return "; ".join(
            sorted(citation(s) for s in self.requirement_sources.get((receptor, jak), ()))
        )

    def needs(self, receptor: str) -> str:
        """``; it needs JAK1``: the JAKs ``receptor`` requires, for a gap sentence."""
        required = sorted(
            self.label(j)
            for r, j in self.requirements
            if r == receptor and self.requirement(r, j) == REQUIRED
        )
        return f"; it needs {'/'.join(required)}" if required else ""

    def upstream_of(self, disease: str, cytokine: str) -> set[str]:
        """Cytokines upstream of ``cytokine`` implicated in ``disease`` and not refuted there."""
        implicated = self.implicated.get(disease, set()) - self.refuted.get(disease, set())
        return self.upstream.get(cytokine, set()) & implicated

    def slash(self, cytokine: str) -> str:
        """``JAK1/JAK2``: the JAKs ``cytokine`` signals through."""
        return "/".join(sorted(self.label(j) for j in self.jaks_of(cytokine))) or "no JAK"

    def reach(self, disease: str) -> frozenset[str]:
        """The JAKs through which a drug can score for ``disease`` (computed once).

        The JAKs its cytokines' complexes do not merely carry (required, contributing or not
        studied), and, for a cytokine that signals without JAKs, those of the implicated
        cytokines upstream of it; refuted cytokines (weight 0) are left out. A drug that
        inhibits none of them covers nothing.
        """
        if disease not in self._reach:
            jaks: set[str] = set()
            for cytokine in self.implicated.get(disease, set()) - self.refuted.get(disease, set()):
                own = self.jaks_of(cytokine)
                drivers = () if own else self.upstream_of(disease, cytokine)
                for signaller in (cytokine, *drivers):
                    jaks |= self._credited_jaks(signaller)
            self._reach[disease] = frozenset(jaks)
        return self._reach[disease]

    def _credited_jaks(self, signaller: str) -> set[str]:
        return {
            jak
            for receptor, jaks in self.receptors.get(signaller, {}).items()
            for jak in jaks
            if self.requirement(receptor, jak) != ASSOCIATED_ONLY
        }

    def jaks_of(self, cytokine: str) -> frozenset[str]:
        """Every JAK any receptor of ``cytokine`` uses (computed once per cytokine)."""
        known = self._jaks.get(cytokine)
        if known is None:
            known = self._jaks[cytokine] = frozenset().union(
                *self.receptors.get(cytokine, {}).values()
            )
        return known


def pathways_of(graph: Graph, disease: str | None = None) -> Pathways:
    """The signalling pathways of ``disease`` (default: of every disease)."""
    bindings = {"disease": disease} if disease else None
    rows = graph.select(library_query("rationale-pathways"), bindings)
    links = sorted({(row["receptor"], row["jak"]) for row in rows if "jak" in row})
    needs = select_rows(graph, library_query("rationale-requirements"), ("receptor", "jak"), links)
    return Pathways.from_rows(rows, needs)
