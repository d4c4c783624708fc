"""The scoring rules: when a drug blocks a receptor, a cytokine, a disease — and why those weights.

Each rule is a claim about biology or a stated convention; the biology behind each receptor's
JAK needs lives in the data (``jk:jakRequirement`` on ``jk:associatedJAK`` statements, each with
its source and experiment), not here.

- A receptor complex is **blocked** (credit 1) when the drug inhibits a JAK the complex
  *requires*: loss of a required JAK abolishes signalling, so inhibiting it suffices.
- A *contributing* JAK (its loss reduces signalling) gives credit 0.5; so does a JAK whose
  requirement has not been studied (*unknown*), shown as such, never counted as required.
- An *associated-only* JAK (bound, but signalling goes on without it: TYK2 on gp130 in cells of
  TYK2-deficient patients, Kreins et al. 2015, doi:10.1084/jem.20140280) gives no credit, and
  the gap names it.
- A cytokine's weight is the mean credit over its JAK-using receptor complexes: *covered* at
  1, *partial* between 0 and 1. It is halved when only secondary targets of the drug carry it.
- A cytokine that signals without JAKs (IL-17A) is *indirectly covered* through a cytokine
  upstream of it that is itself implicated in the same disease (IL-23 → IL-17A in psoriasis):
  0.5 × that cytokine's weight. An upstream cytokine with no tie to the disease is not counted
  (the graph has no evidence that axis operates there), nor is one whose blockade failed there
  (IL-23 in rheumatoid arthritis: that route is refuted).
- Coverage of a disease is the tier-weighted mean of its cytokines' weights (``TIER_WEIGHTS``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.rationale.inhibitors import SECONDARY, Inhibitor
from kg.rationale.pathways import (
    ASSOCIATED_ONLY,
    CONTRIBUTING,
    REQUIRED,
    UNKNOWN,
    Pathways,
    natural,
)
from kg.resolve import Entity

COVERED, PARTIAL, INDIRECT, UNCOVERED = "covered", "partial", "indirect", "uncovered"

# Credit a receptor complex gives when the drug's best-placed JAK has this requirement.
REQUIREMENT_CREDIT = {REQUIRED: 1.0, CONTRIBUTING: 0.5, UNKNOWN: 0.5, ASSOCIATED_ONLY: 0.0}
INDIRECT_FACTOR = 0.5
SECONDARY_FACTOR = 0.5

# How much each cytokine counts in a disease's coverage, by the strength of its tie to the
# disease. A convention, not a measurement: each step down the evidence ladder halves the
# weight (a blocking therapy that works > human genetics or function > levels only), and a
# cytokine whose blockade failed in a randomised trial counts zero.
VALIDATED, SUPPORTED, ASSOCIATED, REFUTED = "validated", "supported", "associated", "refuted"
TIER_WEIGHTS = {VALIDATED: 1.0, SUPPORTED: 0.5, ASSOCIATED: 0.25, REFUTED: 0.0}


@dataclass
class CytokineCoverage:
    """How one drug reaches one cytokine: status, weight, the JAKs that carry it, and why."""

    cytokine: Entity
    status: str
    weight: float
    jaks: list[str] = field(default_factory=list)
    requirements: dict[str, str] = field(default_factory=dict)
    blocked: list[str] = field(default_factory=list)
    unblocked: list[str] = field(default_factory=list)
    via: list[Entity] = field(default_factory=list)
    secondary_only: bool = False
    reason: str | None = None

    def to_dict(self) -> dict:
        """JSON-ready form; ``required_jaks`` are the JAKs that carry the credit."""
        return {
            "cytokine": self.cytokine.label,
            "id": self.cytokine.curie,
            "status": self.status,
            "weight": self.weight,
            "jaks": self.jaks,
            "required_jaks": self.jaks,
            "jak_requirements": self.requirements,
            "partial": self.status == PARTIAL,
            "indirect": self.status == INDIRECT,
            "secondary_only": self.secondary_only,
            "blocked_receptors": self.blocked,
            "unblocked_receptors": self.unblocked,
            "via": [e.label for e in self.via],
            "reason": self.reason,
        }


def assess(drug: Inhibitor, disease: str, cytokine: str, pathways: Pathways) -> CytokineCoverage:
    """How ``drug`` covers ``cytokine`` in ``disease``: directly, partly, upstream, or not.

    Only a cytokine that signals without JAKs can be covered indirectly, and only through an
    upstream cytokine implicated in the same disease; for one that does use JAKs, a blocked
    upstream cytokine is named in the reason but not counted.
    """
    direct = assess_direct(drug, cytokine, pathways)
    if direct.status == COVERED:
        return direct
    upstream = [
        u
        for u in sorted(pathways.upstream_of(disease, cytokine))
        if assess_direct(drug, u, pathways).weight > 0
    ]
    if not upstream:
        direct.reason = _why_not(drug, disease, cytokine, pathways, direct.reason or "")
        return direct
    if pathways.jaks_of(cytokine):
        names = ", ".join(pathways.label(u) for u in upstream)
        direct.reason = (
            f"{direct.reason}; {drug.drug.label} does block {names}, upstream of it, "
            "which may lower its production (not counted: its own signalling is not blocked)"
        )
        return direct
    drivers = sorted(
        (assess_direct(drug, u, pathways) for u in upstream),
        key=lambda d: (-d.weight, natural(d.cytokine.label)),
    )
    best = drivers[0]
    names = ", ".join(d.cytokine.label for d in drivers)
    return CytokineCoverage(
        cytokine=direct.cytokine,
        status=INDIRECT,
        weight=INDIRECT_FACTOR * best.weight,
        jaks=sorted({jak for d in drivers for jak in d.jaks}),
        requirements=dict(sorted(kv for d in drivers for kv in d.requirements.items())),
        via=[d.cytokine for d in drivers],
        secondary_only=best.secondary_only,
        reason=f"{direct.reason}; reached only through what drives it ({names})",
    )


def weight_of(drug: Inhibitor, disease: str, cytokine: str, pathways: Pathways) -> float:
    """``assess(drug, disease, cytokine, pathways).weight``, without building the sentences.

    Ranking needs only the number for every drug; the sentences are built for the drugs shown.
    """
    direct, covered = _direct_weight(drug, cytokine, pathways)
    if covered or pathways.jaks_of(cytokine):
        return direct
    drivers = [
        _direct_weight(drug, u, pathways)[0] for u in pathways.upstream_of(disease, cytokine)
    ]
    best = max((w for w in drivers if w > 0), default=None)
    return direct if best is None else INDIRECT_FACTOR * best


def _direct_weight(drug: Inhibitor, cytokine: str, pathways: Pathways) -> tuple[float, bool]:
    """``assess_direct``'s weight, and whether its status is covered."""
    jaks = pathways.jaks_of(cytokine)
    if not jaks or jaks.isdisjoint(drug.targets):
        return 0.0, False
    receptors = [(r, j) for r, j in pathways.receptors.get(cytokine, {}).items() if j]
    credits = [receptor_credit(drug, r, j, pathways) for r, j in receptors]
    weight = sum(credit for credit, _ in credits) / len(credits)
    carriers = {j for credit, js in credits if credit > 0 for j in js}
    if carriers and all(drug.targets.get(j) == SECONDARY for j in carriers):
        return weight * SECONDARY_FACTOR, weight == 1
    return weight, weight == 1


def assess_direct(drug: Inhibitor, cytokine: str, pathways: Pathways) -> CytokineCoverage:
    """How ``drug`` blocks ``cytokine``'s own receptor complexes, by what they need."""
    entity = pathways.entity(cytokine, pathways.kind_of(cytokine))
    if not pathways.jaks_of(cytokine):
        return CytokineCoverage(entity, UNCOVERED, 0.0, reason=_no_jak_reason(entity, pathways))
    if not pathways.jaks_of(cytokine) & drug.jaks:
        reason = f"{entity.label} signals via {pathways.slash(cytokine)}; {drug.drug.label} "
        return CytokineCoverage(entity, UNCOVERED, 0.0, reason=reason + f"inhibits {drug.only}")
    receptors = {r: j for r, j in pathways.receptors.get(cytokine, {}).items() if j}
    credits = {r: receptor_credit(drug, r, jaks, pathways) for r, jaks in receptors.items()}
    carriers = {j for credit, jaks in credits.values() if credit > 0 for j in jaks}
    label = pathways.label
    weight = sum(credit for credit, _ in credits.values()) / len(credits)
    coverage = CytokineCoverage(
        cytokine=entity,
        status=COVERED if weight == 1 else PARTIAL if weight > 0 else UNCOVERED,
        weight=weight,
        jaks=sorted(label(j) for j in carriers),
        requirements=_strongest(
            (label(j), pathways.requirement(r, j))
            for r, (credit, jaks) in credits.items()
            if credit > 0
            for j in jaks
        ),
        blocked=sorted(label(r) for r, (credit, _) in credits.items() if credit == 1),
        unblocked=sorted(label(r) for r, (credit, _) in credits.items() if credit < 1),
    )
    coverage.secondary_only = bool(carriers) and all(
        drug.targets.get(j) == SECONDARY for j in carriers
    )
    if coverage.secondary_only:
        coverage.weight *= SECONDARY_FACTOR
    if coverage.status != COVERED:
        coverage.reason = _partial_reason(drug, entity, receptors, credits, pathways)
    return coverage


def _strongest(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each JAK's requirement where it earns the most credit (a JAK one complex requires and
    another has not been studied on is shown as required), by JAK label: the same whatever
    order the engine returns the complexes in."""
    found: dict[str, str] = {}
    for jak, need in pairs:
        if jak not in found or REQUIREMENT_CREDIT[need] > REQUIREMENT_CREDIT[found[jak]]:
            found[jak] = need
    return {jak: found[jak] for jak in sorted(found, key=natural)}


def receptor_credit(
    drug: Inhibitor, receptor: str, jaks: set[str], pathways: Pathways
) -> tuple[float, set[str]]:
    """The credit ``drug`` earns on one receptor complex, and the JAKs that earn it.

    The best-placed JAK counts: inhibiting one required JAK blocks the complex.
    """
    hit = jaks & drug.jaks
    if not hit:
        return 0.0, set()
    credit = max(REQUIREMENT_CREDIT[pathways.requirement(receptor, j)] for j in hit)
    if credit == 0:
        return 0.0, set()
    return credit, {
        j for j in hit if REQUIREMENT_CREDIT[pathways.requirement(receptor, j)] == credit
    }


def _partial_reason(
    drug: Inhibitor,
    cytokine: Entity,
    receptors: dict[str, set[str]],
    credits: dict[str, tuple[float, set[str]]],
    pathways: Pathways,
) -> str:
    """One clause per receptor complex the drug does not fully block, saying why."""
    label = pathways.label
    clauses = []
    for receptor in sorted(receptors, key=label):
        if credits[receptor][0] == 1:
            continue
        hit = sorted(receptors[receptor] & drug.jaks, key=label)
        if not hit:
            clauses.append(f"{label(receptor)} uses {_slash(pathways, receptors[receptor])}")
            continue
        by_need: dict[str, list[str]] = {}
        for jak in hit:
            by_need.setdefault(pathways.requirement(receptor, jak), []).append(jak)
        words = [
            _requirement_words(pathways, receptor, need, jaks) for need, jaks in by_need.items()
        ]
        clauses.append(f"on {label(receptor)}, " + "; ".join(words) + pathways.needs(receptor))
    return f"{cytokine.label}: " + "; ".join(clauses)


def _requirement_words(pathways: Pathways, receptor: str, need: str, jaks: list[str]) -> str:
    """``TYK2 is dispensable for its signalling (doi:...)``: what the data says of the JAKs."""
    names = " and ".join(pathways.label(j) for j in jaks)
    cited = "; ".join(c for j in jaks if (c := pathways.requirement_citations(receptor, j)))
    source = f" ({cited})" if cited else ""
    one = len(jaks) == 1
    if need == ASSOCIATED_ONLY:
        return f"{names} {'is' if one else 'are'} dispensable for its signalling{source}"
    if need == CONTRIBUTING:
        verb = "contributes but is" if one else "contribute but are"
        return f"{names} {verb} not required{source}: half credit"
    return f"whether it needs {names} has not been studied (unknown: half credit)"


def _no_jak_reason(cytokine: Entity, pathways: Pathways) -> str:
    if pathways.receptors.get(cytokine.iri):
        return f"{cytokine.label} signals without JAKs"
    return f"the graph records no JAK-using receptor for {cytokine.label}"


def _why_not(drug: Inhibitor, disease: str, cytokine: str, pathways: Pathways, direct: str) -> str:
    drivers = ", ".join(sorted(pathways.label(u) for u in pathways.upstream_of(disease, cytokine)))
    if not drivers:
        return direct
    return f"{direct}; nor does {drug.drug.label} cover what drives it ({drivers})"


def _slash(pathways: Pathways, jaks: set[str]) -> str:
    return "/".join(sorted(pathways.label(j) for j in jaks)) or "no JAK"
