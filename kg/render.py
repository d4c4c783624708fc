"""Plain-text views of library results for an 80-column terminal (colour only on a TTY)."""

from __future__ import annotations

import re
import textwrap

import click

from kg.describe import Edge, EntityCard
from kg.explain import Explanation
from kg.namespaces import PREDICATE_WORDS as WORDS
from kg.namespaces import SOURCED_PREDICATES
from kg.paths import GraphPath
from kg.provenance import Source, citation
from kg.rationale import (
    Candidate,
    CytokineCoverage,
    Evidence,
    Inhibitor,
    Matrix,
    Ranking,
    Tier,
)
from kg.stats import Stats
from kg.validate import Report

WIDTH = 80
ARROWS = {"out": "—{}→", "in": "←{}—"}


def wrap(text: str, indent: str = "  ") -> str:
    """Wrap ``text`` to the terminal width with a hanging indent, never inside an arrow.

    A word longer than a line (a label URL) is kept whole on a line of its own, so it can
    still be copied or clicked.
    """
    text = ARROW_WORDS.sub(lambda m: m.group(0).replace(" ", NBSP), text)
    filled = textwrap.fill(
        text,
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_on_hyphens=False,
        break_long_words=False,
    )
    return filled.replace(NBSP, " ")


NBSP = "\u00a0"
ARROW_WORDS = re.compile(r"[—←][^—←→]*[→—]")


def source_line(source: Source) -> str:
    """``[case series] doi:10.36849/JDD.7500`` with agency/year/role where known."""
    extras = [x for x in (source.agency, source.year) if x]
    if source.phase:
        extras.append(f"phase {source.phase}")
    if source.status:
        extras.append(source.status.lower())
    if source.role:
        extras.append(source.role.replace("Target", " target").lower())
    suffix = f" ({', '.join(extras)})" if extras else ""
    return f"[{source.kind_words}] {source.citation}{suffix}"


def edge_lines(edge: Edge) -> list[str]:
    """The edge, then one indented line per source (or a warning when it has none)."""
    arrow = ARROWS[edge.direction].format(WORDS.get(edge.predicate, edge.predicate))
    head = f"  {arrow} {click.style(edge.other.label, bold=True)} ({edge.other.kind_words})"
    lines = [head]
    lines += [wrap(source_line(s), "      ") for s in edge.sources]
    if not edge.sources and edge.predicate in SOURCED_PREDICATES:
        lines.append("      " + click.style("(no source recorded)", fg="red"))
    return lines


def card_text(card: EntityCard) -> str:
    """Readable view of an entity card."""
    entity = card.entity
    lines = [click.style(entity.label, bold=True) + f"  ({entity.kind_words}, {entity.curie})"]
    if card.alt_labels:
        lines.append(wrap("also known as: " + ", ".join(card.alt_labels)))
    if card.definition:
        lines.append(wrap(card.definition))
    if card.xrefs:
        lines.append(wrap("cross-references: " + ", ".join(card.xrefs)))
    if card.selectivity:
        lines += [
            "",
            click.style("selectivity (IC50; compare only within one assay)", underline=True),
        ]
        lines += [
            wrap(
                f"{m.drug} on {m.kinase}: {m.ic50_nm:g} nM ({m.assay or 'assay not stated'}) "
                f"{m.source}"
            )
            for m in card.selectivity
        ]
    lines += pharmacology_lines(card)
    for direction, title in (("out", "edges out"), ("in", "edges in")):
        edges = [e for e in card.edges if e.direction == direction]
        if edges:
            lines += ["", click.style(title, underline=True)]
            for edge in edges:
                lines += edge_lines(edge)
    return "\n".join(lines)


def pharmacology_lines(card: EntityCard) -> list[str]:
    """A drug's measured signalling inhibition as a table, then the relations sources state."""
    lines: list[str] = []
    if card.measured:
        title = "pharmacology: cytokine signalling inhibition in cells (compare within one setting)"
        lines += ["", click.style(title, underline=True)]
        rows = [("cytokine", "readout", "cells", "IC50 nM", "avg daily %", "dose", "source")]
        rows += [
            (
                m.cytokine_label,
                m.readout,
                m.cell_type_curie or m.cell_type or "—",
                f"{m.ic50_nm:g}" if m.ic50_nm is not None else "—",
                f"{m.inhibition_percent:g}" if m.inhibition_percent is not None else "—",
                m.dose or "—",
                f"{citation(m.source)} {m.locator}",
            )
            for m in card.measured
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for number, row in enumerate(rows):
            line = "  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
            lines.append(line.rstrip())
            if number:
                m = card.measured[number - 1]
                lines.append(
                    wrap(
                        f"{m.matrix}; {m.population}" + (f"; {m.assay}" if m.assay else ""),
                        "      ",
                    )
                )
    if card.compared:
        title = "pharmacology as the sources state it (their numbers not transcribed)"
        lines += ["", click.style(title, underline=True)]
        lines += [wrap(c.summary()) for c in card.compared]
    return lines


def stats_text(stats: Stats) -> str:
    """Counts by class and property as two aligned tables."""
    lines = [f"{stats.triples} triples", "", click.style("entities by class", underline=True)]
    lines += [f"  {c.count:>6}  {c.label}" for c in stats.classes]
    lines += [
        "",
        click.style("edges by property (sourced; — = not sourced by design)", underline=True),
    ]
    lines += [
        f"  {p.count:>6}  {p.label} ({'—' if p.sourced is None else p.sourced})"
        for p in stats.properties
    ]
    return "\n".join(lines)


def report_text(report: Report) -> str:
    """Validation outcome: OK, or one block per violation (entity, rule, fix)."""
    context = (
        f" (checked together with the {len(report.context)} other curated files)"
        if report.context
        else ""
    )
    if report.conforms:
        return (
            click.style("valid", fg="green")
            + f": {len(report.files)} files conform to the shapes{context}"
        )
    lines = [click.style(f"{len(report.violations)} violations", fg="red", bold=True) + context]
    for v in report.violations:
        lines.append(f"- {click.style(v.focus, bold=True)}  [{v.rule}]")
        lines.append(wrap(("value " + v.value + ": " if v.value else "") + v.message, "    "))
    return "\n".join(lines)


MARKS = {
    "approvedFor": "A",
    "reportedEffectiveIn": "R",
    "failedIn": "F",
    "underInvestigationIn": "T",
}


def evidence_line(evidence: Evidence) -> str:
    """``approved for: [regulatory label] https://... (FDA, 2019)``, with patients if given."""
    word = WORDS.get(evidence.predicate, evidence.predicate)
    if evidence.source is None:
        return f"{word}: (no source recorded)"
    unit = "planned" if evidence.source.kind == "TrialRegistration" else "patients"
    patients = f", {evidence.source.patients} {unit}" if evidence.source.patients else ""
    return f"{word}: {source_line(evidence.source)}{patients}"


def candidate_lines(number: int, candidate: Candidate) -> list[str]:
    """One ranked drug: coverage, then each reached cytokine, the gaps and the evidence."""
    drug = candidate.drug
    marks = "".join(sorted({MARKS[e.predicate] for e in candidate.evidence}))
    head = f"{number:>2}. {click.style(drug.drug.label, bold=True):<{22 + _styled(drug)}}"
    targets = ", ".join(
        label + ("*" if drug.targets.get(iri) == "SecondaryTarget" else "")
        for iri, label in sorted(drug.labels.items(), key=lambda kv: kv[1])
    )
    lines = [f"{head} {candidate.coverage:>4.0%}  {marks:<3} inhibits {targets}"]
    if candidate.drug.topical_only:
        lines.append(
            wrap(f"{'route':<9} topical only" + (TOPICAL_NOTE * candidate.topical_only), "      ")
        )
    counted = [c for c in candidate.cytokines if candidate.tier(c).weight > 0]
    for status in ("covered", "partial", "indirect"):
        reached = [_reach(c, candidate) for c in counted if c.status == status]
        if reached:
            lines.append(wrap(f"{status:<9} " + ", ".join(reached), "      "))
    for c in candidate.cytokines:
        if c not in counted:
            lines.append(wrap(f"{'refuted':<9} {_refuted(candidate.tier(c))}", "      "))
    for c in counted:
        if c.status in ("partial", "uncovered") and c.reason:
            lines.append(wrap(f"{'gap':<9} {c.reason}", "      "))
    lines += [wrap(evidence_line(e), "      ") for e in candidate.evidence]
    lines += [wrap(f"{'measured':<9} {m.summary()}", "      ") for m in candidate.measured]
    if candidate.measured or candidate.stated:
        count = candidate.measured_count()
        stated = f"; {len(candidate.stated)} stated comparisons" if candidate.stated else ""
        lines.append(
            wrap(
                f"{'':<9} {count['measured']} of {count['of']} cytokines measured{stated}", "      "
            )
        )
    return lines


def _reach(coverage: CytokineCoverage, candidate: Candidate) -> str:
    """``IL-17A [validated] through IL-23 (TYK2)``; ``*`` marks a secondary-target-only block."""
    through = f" through {', '.join(v.label for v in coverage.via)}" if coverage.via else ""
    star = "*" if coverage.secondary_only else ""
    tier = candidate.tier(coverage).name
    return f"{coverage.cytokine.label} [{tier}]{through} ({'/'.join(coverage.jaks)}{star})"


def _refuted(tier: Tier) -> str:
    """``IL-17A: blocking it failed in a randomised trial (secukinumab); counts 0``."""
    names = ", ".join(e.label for e in tier.refuted_by)
    return f"{tier.entity.label}: blocking it failed in a randomised trial ({names}); counts 0"


TOPICAL_NOTE = (
    ", with no clinical evidence for this disease: ranked after the drugs given systemically"
)


def tier_line(tier: Tier) -> str:
    """``IL-4  validated (×1): dupilumab``: one cytokine's tier and what stands behind it."""
    behind = tier.validated_by or tier.refuted_by
    names = (
        ", ".join(e.label for e in behind)
        if behind
        else "; ".join(sorted({s.citation for s in tier.sources}))
    )
    kind = " (driver mutation)" if tier.entity.kind == "DriverMutation" else ""
    return f"{tier.entity.label}{kind}  {tier.name} (×{tier.weight:g})" + (
        f": {names}" if names else ""
    )


def _styled(drug: Inhibitor) -> int:
    """Extra width the bold escape codes add, so columns still line up."""
    return len(click.style(drug.drug.label, bold=True)) - len(drug.drug.label)


def ranking_text(ranking: Ranking) -> str:
    """The ranked inhibitors for one disease, best first."""
    lines = [click.style(ranking.disease.label, bold=True) + f" ({ranking.disease.curie})"]
    lines.append("implicated cytokines, by evidence tier:" if ranking.tiers else "")
    lines += [wrap(tier_line(t)) for t in ranking.tiers] or ["  none recorded"]
    lines += [wrap(COVERAGE_NOTE, ""), ""]
    for number, candidate in enumerate(ranking.candidates, 1):
        lines += candidate_lines(number, candidate)
    if not ranking.every_drug:
        lines += ["", wrap(REACHING_NOTE, "")]
    return "\n".join(lines)


REACHING_NOTE = (
    "(--reaching-only: inhibitors that reach none of these cytokines' JAKs and have no "
    "evidence for this disease are left out; they all score 0%.)"
)


COVERAGE_NOTE = (
    "coverage = mean of the cytokines' weights, each counted by its tier (validated 1, "
    "supported 0.5, associated 0.25, refuted 0). A receptor complex is blocked through a JAK "
    "it requires; a contributing or unstudied JAK gives half, a dispensable one nothing. "
    "Indirect = 0.5 × an implicated upstream cytokine's weight; halved when only secondary "
    "targets (*) block. A = approved for this disease, R = reported effective (off-label), "
    "F = failed in a randomised trial, T = a registered trial under way. Coverage is a "
    "mechanistic plausibility, not a prediction of efficacy: see jakkg rank --help."
)


def explanation_text(explanation: Explanation) -> str:
    """The supporting paths with their sources, the clinical evidence, then the gaps."""
    drug, disease = explanation.drug, explanation.disease
    coverage = explanation.candidate.coverage
    lines = [
        click.style(f"{drug.label} → {disease.label}", bold=True) + f"  coverage {coverage:.0%}"
    ]
    lines += ["", click.style("cytokines, by evidence tier", underline=True)]
    tiers = [explanation.candidate.tier(c) for c in explanation.candidate.cytokines]
    lines += [wrap(tier_line(t)) for t in sorted(tiers, key=lambda t: -t.weight)] or [
        "  none recorded"
    ]
    lines += ["", click.style("mechanism", underline=True)]
    if not explanation.candidate.cytokines:
        lines.append("  no path: the graph records no cytokine or driver for this disease")
    elif not explanation.paths:
        lines.append("  no path: the drug blocks none of the disease's cytokine receptors")
    for path in explanation.paths:
        lines.append(wrap(path.text(), "  "))
        for step, sources in zip(path.steps, path.sources, strict=True):
            cited = "; ".join(s.citation for s in sources) or "(no source recorded)"
            lines.append(wrap(f"{step.arrow()} {cited}", "      "))
    lines += ["", click.style("clinical evidence", underline=True)]
    lines += [wrap(evidence_line(e)) for e in explanation.evidence] or ["  none recorded"]
    scored = explanation.candidate
    if scored.measured or scored.stated:
        count = scored.measured_count()
        lines += [
            "",
            click.style(
                f"measured pharmacology ({count['measured']} of {count['of']} cytokines measured)",
                underline=True,
            ),
        ]
        lines += [wrap(m.summary()) for m in scored.measured]
        lines += [wrap("stated: " + c.summary()) for c in scored.stated]
    if explanation.gaps:
        lines += ["", click.style("why not (fully)", underline=True)]
        lines += [wrap("- " + gap) for gap in explanation.gaps]
    return "\n".join(lines)


def paths_text(paths: list[GraphPath], start: str, end: str) -> str:
    """Paths between two entities, shortest first, each with its sources."""
    if not paths:
        return f"no path between {start} and {end} within the hop limit"
    lines = []
    for path in paths:
        lines.append(wrap(f"[{len(path.hops)}] {path.text()}", ""))
        for hop in path.hops:
            cited = "; ".join(s.citation for s in hop.sources) or "(no source recorded)"
            lines.append(wrap(f"{hop.arrow()} {cited}", "      "))
    return "\n".join(lines)


def matrix_text(matrix: Matrix, width: int = WIDTH) -> str:
    """Disease × drug coverage in blocks of columns that fit the terminal, with a legend."""
    label_width = min(28, max((len(d.label) for d in matrix.diseases), default=10))
    per_block = max(1, (width - label_width - 1) // 6)
    lines = [wrap(COVERAGE_NOTE, ""), ""]
    for start in range(0, len(matrix.drugs), per_block):
        block = matrix.drugs[start : start + per_block]
        numbers = "".join(f"{start + i + 1:>5} " for i in range(len(block)))
        lines.append(" " * label_width + " " + numbers)
        for disease in matrix.diseases:
            cells = "".join(_cell(matrix.cell(drug, disease)) for drug in block)
            lines.append(f"{disease.label[:label_width]:<{label_width}} {cells}")
        lines.append("")
    lines += [f"{i:>3} = {drug.label}" for i, drug in enumerate(matrix.drugs, 1)]
    return "\n".join(lines)


def _cell(cell: Candidate) -> str:
    mark = "A" if cell.approved else "R" if cell.reported else "F" if cell.failed else " "
    return f" {cell.coverage:>4.0%}{mark}"
