"""Which JAK inhibitor plausibly covers a disease's cytokine pathways, and why.

The model, in one place per concept:

- ``rules``: when a drug blocks a receptor complex (it inhibits a JAK the complex *requires*;
  a contributing or unstudied JAK gives half credit; an associated-only JAK none), a cytokine
  and a disease, and the weights with their reasons;
- ``pathways``: the disease's cytokines and driver mutations, their receptor complexes and
  the JAK requirements the data states, with sources;
- ``evidence``: clinical evidence for a drug in a disease, and each cytokine's evidence tier
  (validated, refuted, supported, associated) with the therapies and sources behind it;
- ``inhibitors``: the drugs, their targets and routes;
- ``ranking``: tier-weighted coverage, ranking and the drug × disease matrix.

Mechanistic coverage and clinical evidence are reported side by side and never folded into
one number. Everything runs on SPARQL rows from the query library, so it works the same on the
embedded graph and on a remote endpoint.
"""

from kg.rationale.evidence import Evidence, Tier, clinical_evidence, tiers_of
from kg.rationale.inhibitors import Inhibitor, inhibitors
from kg.rationale.pathways import Pathways, natural, pathways_of
from kg.rationale.ranking import (
    MODEL,
    Candidate,
    Context,
    Matrix,
    Ranking,
    candidate,
    context_of,
    coverage_matrix,
    rank,
)
from kg.rationale.rules import (
    COVERED,
    INDIRECT,
    PARTIAL,
    TIER_WEIGHTS,
    UNCOVERED,
    CytokineCoverage,
    assess,
)

__all__ = [
    "COVERED",
    "INDIRECT",
    "MODEL",
    "PARTIAL",
    "TIER_WEIGHTS",
    "UNCOVERED",
    "Candidate",
    "Context",
    "CytokineCoverage",
    "Evidence",
    "Inhibitor",
    "Matrix",
    "Pathways",
    "Ranking",
    "Tier",
    "assess",
    "candidate",
    "clinical_evidence",
    "context_of",
    "coverage_matrix",
    "inhibitors",
    "natural",
    "pathways_of",
    "rank",
    "tiers_of",
]
