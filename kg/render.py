"""Plain-text views of library results for an 80-column terminal (colour only on a TTY)."""

from __future__ import annotations

import textwrap

import click

from kg.describe import Edge, EntityCard
from kg.namespaces import PREDICATE_WORDS as WORDS
from kg.provenance import Source
from kg.stats import Stats
from kg.validate import Report

WIDTH = 80
ARROWS = {"out": "—{}→", "in": "←{}—"}


def wrap(text: str, indent: str = "  ") -> str:
    """Wrap ``text`` to the terminal width with a hanging indent."""
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")


def source_line(source: Source) -> str:
    """``[case series] doi:10.36849/JDD.7500`` with agency/year/role where known."""
    extras = [x for x in (source.agency, source.year) if x]
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
    if not edge.sources and edge.predicate != "signalsVia":
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
    for direction, title in (("out", "edges out"), ("in", "edges in")):
        edges = [e for e in card.edges if e.direction == direction]
        if edges:
            lines += ["", click.style(title, underline=True)]
            for edge in edges:
                lines += edge_lines(edge)
    return "\n".join(lines)


def stats_text(stats: Stats) -> str:
    """Counts by class and property as two aligned tables."""
    lines = [f"{stats.triples} triples", "", click.style("entities by class", underline=True)]
    lines += [f"  {c.count:>6}  {c.label}" for c in stats.classes]
    lines += ["", click.style("edges by property (sourced)", underline=True)]
    lines += [f"  {p.count:>6}  {p.label} ({p.sourced})" for p in stats.properties]
    return "\n".join(lines)


def report_text(report: Report) -> str:
    """Validation outcome: OK, or one block per violation (entity, rule, fix)."""
    if report.conforms:
        return (
            click.style("valid", fg="green") + f": {len(report.files)} files conform to the shapes"
        )
    lines = [click.style(f"{len(report.violations)} violations", fg="red", bold=True)]
    for v in report.violations:
        lines.append(f"- {click.style(v.focus, bold=True)}  [{v.rule}]")
        lines.append(wrap(("value " + v.value + ": " if v.value else "") + v.message, "    "))
    return "\n".join(lines)
