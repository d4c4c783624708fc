"""The README's data card, counted from the graph so it never drifts from the data.

``python -m kg.datacard`` (run by ``make data``) rewrites the block between the
``<!-- DATA-CARD -->`` markers in README.md; a test fails when the two disagree.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from kg.atomic import write_atomic
from kg.namespaces import local_name
from kg.sparql import library_query
from kg.store import Graph, load_graph, project_root

START, END = "<!-- DATA-CARD -->", "<!-- /DATA-CARD -->"
CLASSES = {  # class: how the card names it (singular, plural)
    "JanusKinase": ("Janus kinase", "Janus kinases"),
    "Cytokine": ("cytokine", "cytokines"),
    "ReceptorComplex": ("receptor complex", "receptor complexes"),
    "ReceptorChain": ("receptor chain", "receptor chains"),
    "JAKInhibitor": ("JAK inhibitor", "JAK inhibitors"),
    "CytokineBlocker": ("cytokine-blocking therapy", "cytokine-blocking therapies"),
    "DriverMutation": ("driver mutation", "driver mutations"),
    "Disease": ("disease", "diseases"),
}
STATIC_ROWS = [
    (
        "What",
        "cytokines, their receptor complexes and chains, the JAKs each complex uses and whether "
        "it needs them, JAK inhibitors with their targets, routes and regulatory approvals, "
        "diseases with their implicated cytokines (tiered by the cytokine-blocking therapies "
        "approved or tried there) and driver mutations, off-label reported use, failed "
        "randomised trials, and measured inhibition of cytokine signalling in cells",
    ),
    (
        "Identifiers",
        "HGNC, NCBI Gene, UniProt (proteins); ChEBI, DrugBank, ChEMBL, PubChem, or the FDA "
        "application number where no chemical record was verified (drugs); MONDO, DOID, MeSH "
        "(diseases) — each checked against a public record, listed per fact in `docs/data-*.md`",
    ),
    (
        "Left out",
        'what could not be sourced or verified is listed under "Left out" in '
        "`docs/data-drugs.md`, `docs/data-cytokines.md`, `docs/data-diseases.md` and "
        "`docs/data-pharmacology.md`",
    ),
    ("License", "curated data (`data/`, `ontology/`) CC BY 4.0; code MIT"),
    (
        "Cite",
        "the jakkg graph (this repository) and, for the off-label cases, the seed case series "
        "(see Citing)",
    ),
]


@dataclass(frozen=True)
class DataCard:
    """The figures on the card."""

    classes: dict[str, int]
    figures: dict[str, int]
    kinds: list[tuple[str, int]]
    triples: int

    def size(self) -> str:
        """The Size row."""
        parts = [_count(self.classes.get(c, 0), *words) for c, words in CLASSES.items()]
        parts[1] += f" ({self.figures['nonJak']} of them non-JAK comparators)"
        f = self.figures
        edges = [
            _count(f["approvals"], "JAK-inhibitor approval", "JAK-inhibitor approvals"),
            _count(f["reported"], "reported off-label use", "reported off-label uses"),
            _count(
                f["blockerApprovals"], "blocking-therapy approval", "blocking-therapy approvals"
            ),
            _count(f["failed"], "failed randomised trial", "failed randomised trials"),
            _count(f["links"], "cytokine–disease link", "cytokine–disease links"),
            _count(f["drivers"], "driver–disease link", "driver–disease links"),
            _count(f["requirements"], "JAK-requirement verdict", "JAK-requirement verdicts"),
            _count(f["ic50"], "enzyme IC50 figure", "enzyme IC50 figures"),
            _count(
                f["cellular"], "cellular signalling measurement", "cellular signalling measurements"
            ),
            _count(
                f["comparisons"],
                "source-stated signalling comparison",
                "source-stated signalling comparisons",
            ),
        ]
        return f"{', '.join(parts)}; {', '.join(edges)}; {self.triples:,} triples (`jakkg stats`)"

    def sources(self) -> str:
        """The Sources row."""
        kinds = ", ".join(f"{label} ({n})" for label, n in self.kinds)
        statements = _count(
            self.figures["statements"], "provenance statement", "provenance statements"
        )
        sources = _count(self.figures["sources"], "distinct source", "distinct sources")
        return f"{statements} citing {sources}; statements by evidence kind: {kinds}"

    def markdown(self) -> str:
        """The card as the Markdown table between the markers."""
        rows = [STATIC_ROWS[0], ("Size", self.size()), ("Sources", self.sources())]
        rows += STATIC_ROWS[1:]
        body = "\n".join(f"| **{name}** | {text} |" for name, text in rows)
        return f"{START}\n| | |\n| --- | --- |\n{body}\n{END}"


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n:,} {singular if n == 1 else plural}"


def data_card(graph: Graph | None = None) -> DataCard:
    """Count the card's figures in ``graph`` (default: the shipped graph)."""
    graph = graph or load_graph()
    classes = {
        local_name(r["class"]): int(r["count"]) for r in graph.select(library_query("class-counts"))
    }
    figures = {k: int(v) for k, v in graph.select(library_query("data-card"))[0].items()}
    kinds = [
        (r["label"], int(r["statements"])) for r in graph.select(library_query("evidence-kinds"))
    ]
    triples = int(graph.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"])
    return DataCard(classes, figures, kinds, triples)


def with_card(readme: str, card: DataCard) -> str:
    """``readme`` with the block between the markers replaced by ``card``."""
    head, found, rest = readme.partition(START)
    if not found or END not in rest:
        raise ValueError(f"README has no {START} … {END} block")
    return head + card.markdown() + rest.partition(END)[2]


def update_readme(path: Path | None = None) -> Path:
    """Rewrite the data card in README.md (atomically) and return its path."""
    target = path or project_root() / "README.md"
    text = target.read_text(encoding="utf-8")
    updated = with_card(text, data_card())
    if updated != text:
        write_atomic(target, updated)
    return target


if __name__ == "__main__":
    sys.stdout.write(f"data card written to {update_readme()}\n")
