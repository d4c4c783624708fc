"""Measured pharmacology: how strongly each JAK inhibitor blocks each cytokine's signalling.

Two kinds of curated record (``data/curated/80-pharmacology.ttl``), kept apart from the
enzyme IC50s of ``kg.describe.Selectivity``:

- a ``Measurement`` is a number a source states for one drug, cytokine, readout, cell type,
  matrix and population: an IC50 in nM and/or the average daily percent inhibition at a dose;
- a ``Comparison`` is a relation a source states in words (the drug's IC50, time above IC50
  or average daily inhibition is lower, higher or similar to another drug's) where the
  source's numbers were not transcribed. It is never turned into a number.

Values are comparable only within one source, readout, cell type and matrix; nothing here
pools them. ``measurements(graph, drug=D, cytokines=[...])`` is the call for a rationale
that wants, per candidate drug, what is measured on a disease's cytokines.

>>> from kg.namespaces import entity
>>> [m.ic50_nm for m in measurements(drug=entity("upadacitinib"), cytokines=[entity("IL-6")])]
[60.7]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from kg.provenance import citation
from kg.sparql import library_query
from kg.store import Graph, load_graph, select_rows

CL_PREFIX = "http://purl.obolibrary.org/obo/CL_"
FLIPPED = {"lower": "higher", "higher": "lower", "similar": "similar"}


@dataclass(frozen=True)
class Measurement:
    """One measured inhibition of one cytokine's signalling by one drug, in one setting."""

    drug: str
    drug_label: str
    cytokine: str
    cytokine_label: str
    readout: str
    cell_type: str | None
    cell_type_term: str | None
    matrix: str
    population: str
    dose: str | None
    ic50_nm: float | None
    assay: str | None
    inhibition_percent: float | None
    source: str
    locator: str

    def to_dict(self) -> dict:
        """The JSON item scripts rely on (the keys of ``rank``/``explain``'s ``measured``)."""
        return {
            "cytokine": self.cytokine_label,
            "readout": self.readout,
            "cell_type": self.cell_type_curie or self.cell_type,
            "matrix": self.matrix,
            "population": self.population,
            "dose": self.dose,
            "ic50_nM": self.ic50_nm,
            "inhibition_percent": self.inhibition_percent,
            "source": self.source,
            "locator": self.locator,
        }

    @property
    def cell_type_curie(self) -> str | None:
        """The Cell Ontology term as a CURIE (``CL:0000624``), when one is recorded."""
        if self.cell_type_term and self.cell_type_term.startswith(CL_PREFIX):
            return "CL:" + self.cell_type_term[len(CL_PREFIX) :]
        return None

    def summary(self) -> str:
        """One line: ``IL-6 → pSTAT3, CD4+ T cells: 68% avg daily at 15 mg QD; IC50 …``."""
        setting = f"{self.cytokine_label} → {self.readout}"
        if self.cell_type:
            setting += f", {self.cell_type}"
        values = []
        if self.inhibition_percent is not None:
            values.append(f"{self.inhibition_percent:g}% average daily at {self.dose}")
        if self.ic50_nm is not None:
            values.append(f"IC50 {self.ic50_nm:g} nM")
        where = f"{self.matrix}; {self.population}"
        return f"{setting}: {'; '.join(values)} [{where}] ({citation(self.source)}, {self.locator})"


@dataclass(frozen=True)
class Comparison:
    """A relation a source states between two drugs' inhibition of one cytokine's signalling."""

    drug: str
    drug_label: str
    comparator: str
    comparator_label: str
    cytokine: str
    cytokine_label: str
    readout: str | None
    quantity: str
    relation: str
    dose: str | None
    comparator_dose: str | None
    matrix: str
    population: str
    source: str
    locator: str

    def seen_from(self, drug: str) -> Comparison:
        """The same relation with ``drug`` first: ``A lower than B`` read as ``B higher than A``."""
        if drug != self.comparator:
            return self
        return replace(
            self,
            drug=self.comparator,
            drug_label=self.comparator_label,
            comparator=self.drug,
            comparator_label=self.drug_label,
            relation=FLIPPED[self.relation],
            dose=self.comparator_dose,
            comparator_dose=self.dose,
        )

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "drug": self.drug_label,
            "comparator": self.comparator_label,
            "cytokine": self.cytokine_label,
            "readout": self.readout,
            "quantity": self.quantity,
            "relation": self.relation,
            "dose": self.dose,
            "comparator_dose": self.comparator_dose,
            "matrix": self.matrix,
            "population": self.population,
            "source": self.source,
            "locator": self.locator,
        }

    def summary(self) -> str:
        """One line: ``IL-2: average daily inhibition at 200 mg once daily lower than …``."""
        signal = self.cytokine_label + (f" → {self.readout}" if self.readout else "")
        mine = f" at {self.dose}" if self.dose else ""
        theirs = f" at {self.comparator_dose}" if self.comparator_dose else ""
        words = "similar to" if self.relation == "similar" else f"{self.relation} than"
        return (
            f"{signal}: {self.quantity}{mine} {words} {self.comparator_label}{theirs} "
            f"({citation(self.source)}, {self.locator})"
        )


def measurements(
    graph: Graph | None = None, drug: str | None = None, cytokines: Iterable[str] | None = None
) -> list[Measurement]:
    """Signalling inhibition measurements, optionally of one drug and/or some cytokines (IRIs).

    An empty ``cytokines`` list gives no measurements (none was asked for); ``None`` gives all.
    """
    rows = _bound_rows(graph or load_graph(), "pharmacology-measurements", "drug", drug, cytokines)
    return [_measurement(row) for row in rows]


def comparisons(
    graph: Graph | None = None, drug: str | None = None, cytokines: Iterable[str] | None = None
) -> list[Comparison]:
    """Source-stated comparisons a drug takes part in (either side), read with that drug first."""
    rows = _bound_rows(graph or load_graph(), "pharmacology-comparisons", "entity", drug, cytokines)
    found = [_comparison(row) for row in rows]
    return [c.seen_from(drug) for c in found] if drug else found


def strongest(cytokine: str, graph: Graph | None = None) -> list[Measurement]:
    """Measurements of ``cytokine`` with an average daily % inhibition at a dose, highest first.

    Answers "which drug inhibits this cytokine's signalling most at its dose, in which cells?"
    (``queries/pharmacology-strongest.rq``). Rows from different settings stay separate.
    """
    rows = (graph or load_graph()).select(
        library_query("pharmacology-strongest"), {"cytokine": cytokine}
    )
    return [_measurement(row) for row in rows]


@dataclass(frozen=True)
class InhibitionGrid:
    """Drug × cytokine: the highest measured average daily % inhibition per cell, or None.

    None means no average daily inhibition is recorded for the pair: drawn blank, never 0.
    ``notes`` holds, per pair, every measurement and stated comparison behind the cell, and
    ``kinds`` what they are: ``percent``, ``ic50`` (a measured IC50) or ``stated``.
    """

    drugs: list[tuple[str, str]]
    cytokines: list[tuple[str, str]]
    values: list[list[float | None]]
    notes: dict[tuple[str, str], list[str]]
    kinds: dict[tuple[str, str], set[str]]


def inhibition_grid(graph: Graph | None = None) -> InhibitionGrid:
    """The drug × cytokine grid of every drug and cytokine with a measurement or comparison."""
    graph = graph or load_graph()
    found = measurements(graph)
    stated = comparisons(graph)
    drugs = {m.drug: m.drug_label for m in found} | {c.drug: c.drug_label for c in stated}
    drugs |= {c.comparator: c.comparator_label for c in stated}
    cytokines = {m.cytokine: m.cytokine_label for m in found}
    cytokines |= {c.cytokine: c.cytokine_label for c in stated}
    best: dict[tuple[str, str], float] = {}
    notes: dict[tuple[str, str], list[str]] = {}
    kinds: dict[tuple[str, str], set[str]] = {}
    for m in found:
        key = (m.drug, m.cytokine)
        notes.setdefault(key, []).append(m.summary())
        if m.inhibition_percent is not None:
            best[key] = max(best.get(key, m.inhibition_percent), m.inhibition_percent)
            kinds.setdefault(key, set()).add("percent")
        if m.ic50_nm is not None:
            kinds.setdefault(key, set()).add("ic50")
    for c in stated:
        for side in (c, c.seen_from(c.comparator)):
            notes.setdefault((side.drug, side.cytokine), []).append(side.summary())
            kinds.setdefault((side.drug, side.cytokine), set()).add("stated")
    drug_rows = sorted(drugs.items(), key=lambda item: item[1])
    cytokine_columns = sorted(cytokines.items(), key=lambda item: item[1])
    values = [[best.get((d, c)) for c, _ in cytokine_columns] for d, _ in drug_rows]
    return InhibitionGrid(drug_rows, cytokine_columns, values, notes, kinds)


def _bound_rows(
    graph: Graph, query: str, drug_var: str, drug: str | None, cytokines: Iterable[str] | None
) -> list[dict[str, str]]:
    """Rows of a library query with the drug and cytokines bound through one VALUES block."""
    text = library_query(query)
    if cytokines is None:
        return graph.select(text, {drug_var: drug} if drug else None)
    wanted = list(dict.fromkeys(cytokines))
    if drug:
        return select_rows(graph, text, [drug_var, "cytokine"], [(drug, c) for c in wanted])
    return select_rows(graph, text, ["cytokine"], [(c,) for c in wanted])


def _measurement(row: dict[str, str]) -> Measurement:
    return Measurement(
        drug=row["drug"],
        drug_label=row["drugLabel"],
        cytokine=row["cytokine"],
        cytokine_label=row["cytokineLabel"],
        readout=row["readout"],
        cell_type=row.get("cellType"),
        cell_type_term=row.get("cellTypeTerm"),
        matrix=row["matrix"],
        population=row["population"],
        dose=row.get("dose"),
        ic50_nm=_number(row.get("ic50")),
        assay=row.get("assay"),
        inhibition_percent=_number(row.get("percent")),
        source=row["source"],
        locator=row["locator"],
    )


def _comparison(row: dict[str, str]) -> Comparison:
    return Comparison(
        drug=row["drug"],
        drug_label=row["drugLabel"],
        comparator=row["comparator"],
        comparator_label=row["comparatorLabel"],
        cytokine=row["cytokine"],
        cytokine_label=row["cytokineLabel"],
        readout=row.get("readout"),
        quantity=row["quantity"],
        relation=row["relation"],
        dose=row.get("dose"),
        comparator_dose=row.get("comparatorDose"),
        matrix=row["matrix"],
        population=row["population"],
        source=row["source"],
        locator=row["locator"],
    )


def _number(value: str | None) -> float | None:
    return None if value is None else float(value)
