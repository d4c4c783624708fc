"""Write the teaching notebooks in this folder from the cells below.

The notebooks are generated so that they stay reproducible and reviewable as plain Python:
edit the cells here, then run ``python notebooks/build_notebooks.py`` (``--check`` exits 1
when a committed notebook differs from what this script writes). Notebooks are written with
outputs cleared; ``tests/test_notebooks.py`` executes each one in a fresh kernel.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent
SEED = "doi:10.36849/JDD.7500"

Cell = tuple[str, str]


def md(text: str) -> Cell:
    """A markdown cell."""
    return ("markdown", text.strip("\n"))


def code(text: str) -> Cell:
    """A code cell."""
    return ("code", text.strip("\n"))


TOUR: list[Cell] = [
    md("""
# A tour of jakkg

jakkg is a knowledge graph of **cytokines**, the **receptor complexes** they bind, the **Janus kinases
(JAKs)** those receptors use, the **JAK inhibitors** that block them, and the **diseases** the
cytokines drive. Every curated edge carries its source.

This notebook loads the graph, counts what is in it, looks entities up by any of their names, and
shows the JAK–STAT map as an interactive view. It uses only the public API of the `kg` package.
"""),
    code("""
import pandas as pd

import kg

graph = kg.load_graph()
print(f"{len(graph):,} triples")
"""),
    md("""
## What is in the graph

Counts of entities by class, and of edges by property with how many of them are sourced.
"""),
    code("""
stats = kg.graph_stats(graph)
pd.DataFrame([(c.label, c.count) for c in stats.classes], columns=["class", "entities"])
"""),
    code("""
pd.DataFrame(
    [(p.label, p.count, p.sourced) for p in stats.properties],
    columns=["property", "edges", "sourced"],
)
"""),
    md("""
## Look an entity up by any of its names

Labels, synonyms, brand names, gene symbols and identifiers all resolve, whatever the case,
spacing, hyphens or Greek spelling.
"""),
    code("""
for name in ["Rinvoq", "IFN-γ", "interferon gamma", "IFNG", "HGNC:6190", "jkd:TYK2"]:
    entity = kg.resolve(name)
    print(f"{name!r:22} -> {entity.label} ({entity.kind_words}, {entity.curie})")
"""),
    md("""
A typo gets suggestions instead of a dead end:
"""),
    code("""
try:
    kg.resolve("upadacitnib")
except kg.UnknownEntityError as error:
    print(error)
"""),
    md("""
## Everything the graph says about one entity, with sources
"""),
    code("""
card = kg.describe(kg.resolve("IFN-gamma"))
pd.DataFrame(
    [
        (edge.direction, edge.predicate, edge.other.label, "; ".join(s.citation for s in edge.sources))
        for edge in card.edges
    ],
    columns=["direction", "predicate", "other", "sources"],
)
"""),
]


SPARQL: list[Cell] = [
    md("""
# Asking the graph research questions in SPARQL

The project's SPARQL lives in `queries/*.rq`, one file per question, each opening with a comment
that states the question and the shape of the answer. The command line (`jakkg`), the rationale
engine and this notebook all run the same files. Here we run them from Python and read the
answers as pandas DataFrames.

The prefixes `jk:` (vocabulary), `jkd:` (entities), `rdfs:`, `skos:`, `dcterms:`, `rdf:`, `owl:`
and `xsd:` are predeclared, so queries need no `PREFIX` lines.
"""),
    code("""
import matplotlib.pyplot as plt
import pandas as pd

import kg
import kg.namespaces
import kg.sparql

graph = kg.load_graph()
"""),
    md("""
## The query library

Every `.rq` file with the question its header asks:
"""),
    code("""
def header(path):
    \"\"\"The question a library query's header comment asks.\"\"\"
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("# "))
    text = " ".join(lines)
    return text.split("Answer:")[0].removeprefix("Question:").strip()


library = pd.DataFrame(
    [(path.stem, header(path)) for path in sorted(kg.sparql.query_dir().glob("*.rq"))],
    columns=["query", "question"],
)
with pd.option_context("display.max_colwidth", None):
    display(library)
"""),
    md("""
A small helper turns the rows of a query (a list of `{variable: value}` dicts) into a
DataFrame, writing IRIs as CURIEs (`jkd:JAK1`) so the tables stay readable. `bindings` fix
variables to entities, the way the `.rq` headers ask ("Bind ?entity to ...").
"""),
    code("""
def run(name, **bindings):
    \"\"\"Run library query NAME with variables bound to entity names; rows as a DataFrame.\"\"\"
    iris = {variable: kg.resolve(value).iri for variable, value in bindings.items()}
    rows = graph.select(kg.sparql.library_query(name), iris)
    return pd.DataFrame(rows).map(kg.namespaces.shorten, na_action="ignore")
"""),
    md("""
## How big is the graph?

`class-counts.rq`: how many entities of each class.
"""),
    code("""
run("class-counts")
"""),
    md("""
`property-counts.rq`: how many edges each property has, and how many carry a source. In a
graph where every curated edge is sourced, the two columns agree except for `signals via`,
which is derived from the receptor edges.
"""),
    code("""
run("property-counts")
"""),
    md("""
## Which JAKs does each inhibitor block?

`rationale-inhibitors.rq`, one row per (drug, JAK) with the target role where a source
distinguishes primary from secondary targets. Pivoted, it reads as a selectivity table.
"""),
    code("""
targets = run("rationale-inhibitors")
selectivity = targets.assign(
    role=targets["role"].fillna("target").str.removeprefix("jk:")
).pivot_table(index="drugLabel", columns="jakLabel", values="role", aggfunc="first", fill_value="")
selectivity
"""),
    md("""
## Which cytokines drive dermatomyositis, and through which receptors and JAKs?

`rationale-pathways.rq` with `?disease` bound. Names resolve through synonyms, so the seed
paper's abbreviation `DM` works.
"""),
    code("""
pathways = run("rationale-pathways", disease="DM")
pathways[["cytokineLabel", "via", "signallerLabel", "receptorLabel", "jakLabel"]].drop_duplicates()
"""),
    md("""
## What clinical evidence ties drugs to diseases?

`rationale-evidence.rq`: regulatory approvals (`jk:approvedFor`) and use outside the label
reported as effective (`jk:reportedEffectiveIn`), each with its source and evidence kind.
"""),
    code("""
evidence = run("rationale-evidence")
evidence.groupby(["predicate", "kind"]).size().rename("edges").reset_index()
"""),
    code("""
reported = evidence[evidence["predicate"] == "jk:reportedEffectiveIn"]
reported[["drug", "disease", "source", "kind", "patients"]].sort_values(["disease", "drug"])
"""),
    md("""
## Everything the graph says about one drug, with sources

`entity-edges.rq` with `?entity` bound: the edges out of and into upadacitinib and the source
of each.
"""),
    code("""
edges = run("entity-edges", entity="Rinvoq")
edges[["direction", "predicate", "otherLabel", "source", "kind", "agency", "year"]]
"""),
    md("""
## Your own query: cytokines per JAK

Any SPARQL 1.1 SELECT runs the same way. `jk:signalsVia` links a cytokine directly to the
JAKs its receptor complexes use, so counting cytokines per JAK is one pattern:
"""),
    code("""
CYTOKINES_PER_JAK = \"\"\"
SELECT ?jak (COUNT(DISTINCT ?cytokine) AS ?cytokines) WHERE {
  ?cytokine a jk:Cytokine ; jk:signalsVia ?j .
  ?j rdfs:label ?jak .
}
GROUP BY ?jak
ORDER BY ?jak
\"\"\"
per_jak = pd.DataFrame(graph.select(CYTOKINES_PER_JAK)).astype({"cytokines": int})
per_jak
"""),
    code("""
fig, ax = plt.subplots(figsize=(4.5, 2.8))
ax.bar(per_jak["jak"], per_jak["cytokines"], color="#4c72b0")
ax.set_ylabel("cytokines signalling via it")
ax.set_title("Cytokines per JAK in jakkg")
ax.spines[["top", "right"]].set_visible(False)
plt.show()
"""),
    md("""
## The same queries against an external SPARQL endpoint

When the graph lives in a triple store (Oxigraph server, Apache Jena Fuseki, GraphDB, Virtuoso,
QLever, ...) after loading `ontology/jakkg.ttl` and `data/triples.ttl` into it,
`kg.store.open_graph(endpoint=URL)` returns an object with the same `select` method, answered
over the SPARQL 1.1 protocol. Every query above, and the rationale engine, then runs unchanged.
This cell is not executed here, because the notebook works offline:

```python
import kg.rationale
import kg.store

remote = kg.store.open_graph(endpoint="http://localhost:7878/query")
pd.DataFrame(remote.select(kg.sparql.library_query("class-counts")))
kg.rationale.rank(kg.resolve("dermatomyositis"), remote).to_dict()
```

`kg.store.open_graph()` without an endpoint returns the embedded graph used in this notebook.
"""),
]


CASES: list[Cell] = [
    md(f"""
# The seed case series, re-read through the graph

jakkg started from one paper: Agarwal et al., *Off-label use of Janus kinase inhibitors in
inflammatory cutaneous diseases*, J Drugs Dermatol 2023;22(12):1183-1190, {SEED}. It reports
six refractory patients treated with upadacitinib or tofacitinib outside the label: three with
dermatomyositis, one each with hidradenitis suppurativa, cutaneous lupus erythematosus and
cutaneous Crohn's disease.

The graph records each (drug, disease) pair of the series as a `jk:reportedEffectiveIn` edge whose
statement cites the paper as a case series. This notebook asks, for each case, what the graph's
mechanism says: which cytokines are implicated in the disease, how many of them the drug reaches
through the JAKs it inhibits (its *coverage*), along which sourced paths, and how the drug ranks
against every other JAK inhibitor in the graph. It ends with the drug × disease coverage heatmap.

Mechanistic coverage and clinical evidence are shown side by side, never folded into one number.
The model is in `kg.rationale` (and `jakkg rank --help`).
"""),
    code("""
import matplotlib.pyplot as plt
import pandas as pd

import kg
import kg.explain
import kg.namespaces
import kg.rationale
import kg.sparql

graph = kg.load_graph()
pd.set_option("display.max_colwidth", 120)
"""),
    md("""
## The cases, as the graph holds them

The clinical-evidence query, narrowed to statements that cite the seed paper. The comment is
the curator's paraphrase of the case.
"""),
    code(f"""
SEED = "https://doi.org/{SEED.removeprefix("doi:")}"
rows = graph.select(kg.sparql.library_query("rationale-evidence"))
cases = pd.DataFrame(
    [
        {{
            "drug": kg.resolve(row["drug"]).label,
            "disease": kg.resolve(row["disease"]).label,
            "patients": row.get("patients", ""),
            "comment": row.get("comment", ""),
        }}
        for row in rows
        if row.get("source") == SEED and row["predicate"].endswith("reportedEffectiveIn")
    ]
).sort_values(["disease", "drug"], ignore_index=True)
cases
"""),
    md("""
## Three views of one case

For a (drug, disease) pair, `kg.explain.explain` gives the drug's coverage of every cytokine
implicated in the disease, the supporting paths from the drug to the disease (each step with
its sources), and the gaps; `kg.rationale.rank` puts the drug among all inhibitors in the graph.
These helpers only turn those objects into tables.
"""),
    code("""
def coverage_table(explanation):
    \"\"\"One row per implicated cytokine: how the drug reaches it, and why not where it doesn't.\"\"\"
    return pd.DataFrame(
        [
            {
                "cytokine": c.cytokine.label,
                "status": c.status,
                "weight": c.weight,
                "via JAKs": "/".join(c.jaks),
                "blocked receptors": ", ".join(c.blocked),
                "why not (fully)": c.reason or "",
            }
            for c in explanation.candidate.cytokines
        ]
    )


def path_table(explanation):
    \"\"\"One row per supporting path, with the sources of each step.\"\"\"
    return pd.DataFrame(
        [
            {
                "path": path.text(),
                "sources": " | ".join(
                    ", ".join(sorted({s.citation for s in step})) for step in path.sources
                ),
            }
            for path in explanation.paths
        ]
    )


def rank_table(ranking):
    \"\"\"Every inhibitor against the disease, best first, with its clinical evidence.\"\"\"
    return pd.DataFrame(
        [
            {
                "drug": c.drug.drug.label,
                "targets": "/".join(c.drug.jak_labels()),
                "coverage": round(c.coverage, 2),
                "approved": c.approved,
                "reported": c.reported,
                "uncovered": ", ".join(x.cytokine.label for x in c.cytokines if x.weight == 0),
            }
            for c in ranking.candidates
        ]
    )


def show_case(disease_name):
    \"\"\"Rank table for the disease, then coverage and paths for each seed drug used in it.\"\"\"
    disease = kg.resolve(disease_name, kind="Disease")
    ranking = kg.rationale.rank(disease, graph)
    if not ranking.cytokines:
        print(
            f"The graph implicates no cytokine in {disease.label} yet, so coverage is 0 for every"
            " drug: the case rests on clinical evidence alone."
        )
    else:
        print(f"Cytokines implicated in {disease.label}: {', '.join(ranking.cytokines)}")
        display(rank_table(ranking))
    for drug_label in cases.loc[cases["disease"] == disease.label, "drug"]:
        explanation = kg.explain.explain(kg.resolve(drug_label), disease, graph)
        print(
            f"\\n{drug_label} in {disease.label}: coverage {explanation.candidate.coverage:.2f}, "
            f"{len(explanation.paths)} supporting paths"
        )
        if explanation.candidate.cytokines:
            display(coverage_table(explanation))
        if explanation.paths:
            display(path_table(explanation))
"""),
    md("""
## Dermatomyositis (three cases: upadacitinib or tofacitinib)
"""),
    code("""
show_case("dermatomyositis")
"""),
    md("""
## Hidradenitis suppurativa (one case: upadacitinib)
"""),
    code("""
show_case("hidradenitis suppurativa")
"""),
    md("""
## Cutaneous lupus erythematosus (one case: tofacitinib)
"""),
    code("""
show_case("cutaneous lupus erythematosus")
"""),
    md("""
## Cutaneous Crohn's disease (one case: upadacitinib)
"""),
    code("""
show_case("cutaneous Crohn's disease")
"""),
    md("""
## Every drug against every disease

`kg.rationale.coverage_matrix` scores every JAK inhibitor against every disease with implicated
cytokines (diseases without any are left out: there is nothing to cover). Cells are marked **A**
where a label approves the drug for the disease and **R** where use outside the label is
reported effective. The seed paper's cases are outlined in red.
"""),
    code("""
matrix = kg.rationale.coverage_matrix(graph)
coverage = pd.DataFrame(
    [[matrix.cell(drug, disease).coverage for disease in matrix.diseases] for drug in matrix.drugs],
    index=[drug.label for drug in matrix.drugs],
    columns=[disease.label for disease in matrix.diseases],
)
marks = pd.DataFrame(
    [
        [
            ("A" if matrix.cell(drug, disease).approved else "")
            + ("R" if matrix.cell(drug, disease).reported else "")
            for disease in matrix.diseases
        ]
        for drug in matrix.drugs
    ],
    index=coverage.index,
    columns=coverage.columns,
)
coverage.round(2)
"""),
    code("""
fig, ax = plt.subplots(figsize=(1.0 + 0.9 * coverage.shape[1], 1.0 + 0.45 * coverage.shape[0]))
image = ax.imshow(coverage.to_numpy(), cmap="Blues", vmin=0, vmax=1, aspect="auto")
ax.set_xticks(range(coverage.shape[1]), coverage.columns, rotation=40, ha="right")
ax.set_yticks(range(coverage.shape[0]), coverage.index)
for i in range(coverage.shape[0]):
    for j in range(coverage.shape[1]):
        value = coverage.iat[i, j]
        ax.text(
            j,
            i,
            f"{value:.2f}\\n{marks.iat[i, j]}".strip(),
            ha="center",
            va="center",
            fontsize=8,
            color="white" if value > 0.6 else "black",
        )
for case in cases.itertuples():
    if case.drug in coverage.index and case.disease in coverage.columns:
        i, j = coverage.index.get_loc(case.drug), coverage.columns.get_loc(case.disease)
        ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, ec="#c44e52", lw=2.5))
fig.colorbar(image, ax=ax, label="coverage of implicated cytokines")
ax.set_title("JAK inhibitor × disease coverage\\n(A approved, R reported, red: seed case)")
plt.show()
"""),
]


NOTEBOOKS: dict[str, list[Cell]] = {
    "01-tour.ipynb": TOUR,
    "02-sparql.ipynb": SPARQL,
    "03-rationale.ipynb": CASES,
}


def build(name: str, cells: list[Cell]) -> nbformat.NotebookNode:
    """The notebook NAME with ``cells``, outputs cleared and cell ids stable across runs."""
    notebook = new_notebook(
        metadata={
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        }
    )
    for index, (kind, source) in enumerate(cells):
        cell = new_code_cell(source) if kind == "code" else new_markdown_cell(source)
        cell["id"] = f"c{index:02d}"
        notebook.cells.append(cell)
    return notebook


def render(name: str) -> str:
    """The notebook NAME as the text this script writes."""
    return nbformat.writes(build(name, NOTEBOOKS[name])) + "\n"


def main(argv: list[str]) -> int:
    """Write every notebook, or with ``--check`` report the ones that differ."""
    stale = []
    for name in NOTEBOOKS:
        path = HERE / name
        text = render(name)
        if "--check" in argv:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
    for name in stale:
        print(f"{name} differs from notebooks/build_notebooks.py; run it to rewrite", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
