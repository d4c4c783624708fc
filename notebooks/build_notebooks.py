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

jakkg is a knowledge graph of **cytokines**, the **receptor complexes** they bind, the **Janus
kinases (JAKs)** those receptors use, the **JAK inhibitors** that block them, and the **diseases**
the cytokines drive. Every curated edge carries its source.

This notebook loads the graph, counts what is in it, looks entities up by any of their names, and
shows the JAK–STAT map as an interactive view. It uses only the public API of the `kg` package.
"""),
    code("""
import pandas as pd

import kg
import kg.viz

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
        {
            "direction": edge.direction,
            "predicate": edge.predicate,
            "other": edge.other.label,
            "sources": "; ".join(source.citation for source in edge.sources),
        }
        for edge in card.edges
    ]
)
"""),
    md("""
## The JAK–STAT map

The whole graph as an interactive network, laid out from the drugs through the JAKs they
inhibit, the receptor complexes that use those JAKs and the cytokines that bind them, to the
diseases the cytokines drive. Drag to pan, scroll to zoom, hover over a node or an edge for its
names, cross-references and sources; the search box and the class filters narrow the view. The
page is self-contained (vis-network is inlined), so it works offline; `jakkg viz -o map.html`
writes the same page to a file.
"""),
    code("""
kg.viz.show_inline(kg.viz.whole_view(graph))
"""),
    md("""
One disease at a time is easier to read: dermatomyositis with its cytokines, their receptors
and JAKs, and every inhibitor that reaches them or has clinical evidence in it.
"""),
    code("""
kg.viz.show_inline(kg.viz.disease_view("dermatomyositis", graph), height=550)
"""),
]


SPARQL: list[Cell] = [
    md("""
# Asking the graph research questions in SPARQL

The project's SPARQL lives in `queries/*.rq`, one file per question, each opening with a comment
that states the question and the shape of the answer. The command line (`jakkg sparql`,
`jakkg queries`), the rationale engine and this notebook all run the same files. Here we run
them from Python and read the answers as pandas DataFrames.

The prefixes `jk:` (vocabulary), `jkd:` (entities), `rdfs:`, `skos:`, `dcterms:`, `rdf:`, `owl:`
and `xsd:` are predeclared, so queries need no `PREFIX` lines.
"""),
    code("""
import matplotlib.pyplot as plt
import pandas as pd

import kg
import kg.namespaces
import kg.query

graph = kg.load_graph()
pd.set_option("display.max_colwidth", 100)
"""),
    md("""
## The query library

Every `.rq` file with the question its header asks (`jakkg queries` prints the same list):
"""),
    code("""
pd.DataFrame([(q.name, q.question) for q in kg.query.library()], columns=["query", "question"])
"""),
    md("""
A small helper runs a library query and turns its rows (a list of `{variable: value}` dicts)
into a DataFrame, writing IRIs as CURIEs (`jkd:JAK1`) so the tables stay readable. Keyword
arguments bind variables to entities, for the queries whose header asks for a binding; the
names resolve like everywhere else in jakkg (`DM`, `Rinvoq`, `IFN-γ`).
"""),
    code("""
def run(name, **bindings):
    \"\"\"Rows of library query NAME (variables bound to the entities named) as a DataFrame.\"\"\"
    iris = {variable: kg.resolve(value).iri for variable, value in bindings.items()}
    rows = graph.select(kg.library_query(name), iris)
    return pd.DataFrame(rows).map(kg.namespaces.shorten, na_action="ignore").fillna("")
"""),
    md("""
## What is in the graph?

`class-counts.rq` and `property-counts.rq`: entities per class, and edges per property with how
many of them carry a source. Every curated edge is sourced; `signals via` is derived from the
receptor edges, so it has no sources of its own.
"""),
    code("""
run("class-counts")
"""),
    code("""
run("property-counts")
"""),
    md("""
## How selective is each JAK inhibitor?

`inhibitor-selectivity.rq`: the JAKs each inhibitor blocks, primary and secondary targets
apart, most selective first.
"""),
    code("""
run("inhibitor-selectivity")[["label", "jaks", "primary", "secondary"]]
"""),
    md("""
## Which cytokines signal via TYK2?

`tyk2-cytokines.rq`, with the receptor complex that carries TYK2. Its header says to change
`jkd:TYK2` in the `VALUES` line to ask about another JAK, which is a one-line edit from Python:
"""),
    code("""
run("tyk2-cytokines")
"""),
    code("""
jak3 = graph.select(kg.library_query("tyk2-cytokines").replace("jkd:TYK2", "jkd:JAK3"))
sorted({row["label"] for row in jak3})
"""),
    md("""
## Cytokines per JAK

`jak-cytokine-matrix.rq` counts the cytokines that signal through each JAK, which makes the
one plot of this notebook.
"""),
    code("""
per_jak = run("jak-cytokine-matrix").astype({"cytokines": int})
per_jak[["label", "cytokines", "names"]]
"""),
    code("""
fig, ax = plt.subplots(figsize=(4.5, 2.8))
ax.bar(per_jak["label"], per_jak["cytokines"], color="#4c72b0")
ax.set_ylabel("cytokines signalling via it")
ax.set_title("Cytokines per JAK in jakkg")
ax.spines[["top", "right"]].set_visible(False)
plt.show()
"""),
    md("""
## Which cytokines drive each disease, and through which JAKs?

`disease-cytokine-jaks.rq`, one row per (disease, cytokine). A cytokine with no JAKs (IL-17A)
signals through a receptor that does not use them.
"""),
    code("""
run("disease-cytokine-jaks")
"""),
    md("""
`rationale-pathways.rq` gives the detail the rationale engine works from, here for one disease
bound by name (the seed paper's abbreviation `DM` resolves to dermatomyositis):
"""),
    code("""
pathways = run("rationale-pathways", disease="DM")
pathways[["cytokineLabel", "via", "receptorLabel", "jakLabel"]].drop_duplicates()
"""),
    md("""
## Which inhibitors cover every JAK-signalling cytokine of dermatomyositis?

`dermatomyositis-full-coverage.rq` answers it in pure SPARQL with a double negation: no
implicated cytokine is left whose JAKs the drug does not inhibit.
"""),
    code("""
run("dermatomyositis-full-coverage")[["label", "jaks"]]
"""),
    md("""
## Which cytokines can a JAK inhibitor reach only indirectly?

`indirect-cytokines.rq`: cytokines that signal without JAKs, with the JAK-signalling cytokines
upstream of them.
"""),
    code("""
run("indirect-cytokines")[["label", "driverLabel", "jaks"]]
"""),
    md("""
## Clinical evidence: approvals and reported use

`approvals.rq` lists each regulatory approval with agency and year; `off-label-without-approval.rq`
the uses reported effective where the drug has no approval for the disease; `evidence-profile.rq`
which kinds of evidence stand behind which kinds of edge.
"""),
    code("""
run("approvals")[["drugLabel", "diseaseLabel", "agency", "year"]]
"""),
    code("""
run("off-label-without-approval")[["drugLabel", "diseaseLabel", "sources", "patients"]]
"""),
    code("""
run("evidence-profile")
"""),
    md("""
## Everything the graph says about one drug, with sources

`entity-edges.rq` with `?entity` bound (here through a brand name) lists the edges out of and
into upadacitinib; `upadacitinib-edge-sources.rq` gives the source and evidence kind of each.
"""),
    code("""
edges = run("entity-edges", entity="Rinvoq")
edges[["direction", "predicate", "otherLabel"]]
"""),
    code("""
run("upadacitinib-edge-sources")[["predicate", "object", "source", "kind", "agency", "year"]]
"""),
    md("""
## Cross-references, to federate with other endpoints

`cross-references.rq`: each entity's identifiers in other resources (HGNC, UniProt, ChEBI,
ChEMBL, MONDO, MeSH, ...) and the resolvable IRI where the data gives one, the join keys for a
federated query against those resources' own SPARQL endpoints.
"""),
    code("""
xrefs = run("cross-references")
print(f"{len(xrefs)} cross-references")
xrefs.groupby("class").size().rename("cross-references").to_frame()
"""),
    md("""
## Your own query

Any SPARQL 1.1 SELECT runs the same way. For example, the receptor chains that more than one
receptor complex shares:
"""),
    code("""
SHARED_CHAINS = \"\"\"
SELECT ?chain (COUNT(DISTINCT ?complex) AS ?complexes) WHERE {
  ?complex jk:hasChain ?c .
  ?c rdfs:label ?chain .
}
GROUP BY ?chain
HAVING (COUNT(DISTINCT ?complex) > 1)
ORDER BY DESC(?complexes) ?chain
\"\"\"
pd.DataFrame(graph.select(SHARED_CHAINS))
"""),
    md("""
## The same queries against an external SPARQL endpoint

When the graph lives in a triple store (Oxigraph server, Apache Jena Fuseki, GraphDB, Virtuoso,
QLever, ...) holding `ontology/jakkg.ttl` and `data/triples.ttl`, `kg.open_graph(endpoint=URL)`
returns an object with the same `select` method, answered over the SPARQL 1.1 protocol. Every
query above, and the rationale engine, then runs unchanged. This cell is not executed here,
because the notebook works offline:

```python
remote = kg.open_graph(endpoint="http://localhost:7878/query")
pd.DataFrame(remote.select(kg.library_query("class-counts")))
kg.rank(kg.resolve("dermatomyositis"), remote).to_dict()
```

`kg.open_graph()` without an endpoint returns the embedded graph used in this notebook. From
the shell, `jakkg sparql --endpoint URL queries/NAME.rq` does the same.
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

## The model in four rules

1. **A receptor complex is blocked through a JAK it needs.** Each receptor → JAK link carries a
   sourced classification: *required* (losing the JAK abolishes signalling: credit 1),
   *contributing* (losing it reduces signalling: 0.5), *associated only* (bound but dispensable:
   0), or *unknown* when nobody has tested it (0.5, shown as unknown). Example: cells of
   TYK2-deficient patients answer IL-6 normally (Kreins et al. 2015), so a TYK2 inhibitor gets
   no IL-6 credit, however often TYK2 is drawn on the IL-6 receptor.
2. **A cytokine's weight** is the mean credit over its JAK-using receptor complexes, halved when
   only a secondary target of the drug carries it. A cytokine that signals without JAKs (IL-17A)
   is reached only through an upstream cytokine implicated in the same disease (IL-23), at half
   weight.
3. **Each cytokine counts by its evidence tier** in the disease: *validated* (1) when a therapy
   that blocks it is approved there or won a randomised trial, *supported* (0.5) for human genetic
   or functional evidence, *associated* (0.25) for levels or expression only, and *refuted* (0)
   when blocking it failed or worsened the disease in a randomised trial (IL-17A in Crohn's
   disease). The weights are a stated convention, not a measurement.
4. **Coverage** is the tier-weighted mean. Driver mutations (JAK2 V617F) count like cytokines,
   through the receptors they switch on. Topical-only drugs without evidence rank last.

What coverage cannot tell: how much of each pathway is blocked at the approved dose, how much
drug reaches the skin, cytokines the graph does not record, non-cytokine drivers, safety, or
whether the drug works. Drugs with the same JAK targets (upadacitinib, abrocitinib, filgotinib)
always tie here; only measured pharmacology can tell them apart. The full statement is in
`kg.rationale` and `jakkg rank --help`.
"""),
    code("""
%matplotlib inline
import pandas as pd
from matplotlib.patches import Rectangle

import kg
import kg.heatmap
import kg.viz

graph = kg.load_graph()
pd.set_option("display.max_colwidth", 200)
"""),
    md("""
## The cases, as the graph holds them

`seed-paper-evidence.rq` from the query library: every use the paper reports, with the patient
count where the curated statement gives one (the paper's summary does not split the three
dermatomyositis patients by drug).
"""),
    code("""
cases = pd.DataFrame(graph.select(kg.library_query("seed-paper-evidence")))
cases = cases.rename(columns={"drugLabel": "drug", "diseaseLabel": "disease"}).fillna("")
cases[["drug", "disease", "patients"]]
"""),
    md("""
## Three views of one case

For a (drug, disease) pair, `kg.explain` gives the drug's coverage of every cytokine implicated
in the disease, the supporting paths from the drug to the disease (each step with its sources),
the clinical evidence and the gaps; `kg.rank` puts the drug among all inhibitors in the graph.
These helpers only turn those objects into tables.
"""),
    code("""
def coverage_table(explanation):
    \"\"\"One row per implicated cytokine: how the drug reaches it, or why it does not.\"\"\"
    return pd.DataFrame(
        [
            {
                "cytokine": c.cytokine.label,
                "tier": explanation.candidate.tier(c).name,
                "status": c.status,
                "weight": c.weight,
                "JAK needs": ", ".join(f"{j}: {r}" for j, r in c.requirements.items()),
                "via JAKs": "/".join(c.jaks),
                "blocked receptors": ", ".join(c.blocked),
                "why not (fully)": c.reason or "",
            }
            for c in explanation.candidate.cytokines
        ]
    )


def path_table(explanation):
    \"\"\"One row per supporting path, with the sources of each step (steps separated by |).\"\"\"
    return pd.DataFrame(
        [
            {
                "path": path.text(),
                "sources per step": " | ".join(
                    ", ".join(sorted({s.citation for s in step})) for step in path.sources
                ),
            }
            for path in explanation.paths
        ]
    )


def evidence_table(explanation):
    \"\"\"The clinical evidence for the pair: approvals and reported use, with their sources.\"\"\"
    return pd.DataFrame(
        [
            {
                "evidence": e.predicate,
                "source": e.source.citation if e.source else "",
                "kind": e.source.kind_words if e.source else "",
                "patients": (e.source.patients or "") if e.source else "",
                "curator's note": (e.source.comment or "") if e.source else "",
            }
            for e in explanation.evidence
        ]
    )


def rank_table(ranking):
    \"\"\"Every inhibitor against the disease, best first, with its clinical evidence.\"\"\"
    return pd.DataFrame(
        [
            {
                "drug": c.drug.drug.label,
                "targets": "/".join(c.drug.jak_labels()),
                "route": "/".join(sorted(c.drug.routes)),
                "coverage": round(c.coverage, 2),
                "approved": c.approved,
                "reported": c.reported,
                "not covered": ", ".join(x.cytokine.label for x in c.cytokines if x.weight == 0),
            }
            for c in ranking.candidates
        ]
    )


def show_case(disease_name):
    \"\"\"The disease's rank table, then evidence, coverage and paths for each seed drug.\"\"\"
    disease = kg.resolve(disease_name, kind="Disease")
    ranking = kg.rank(disease, graph)
    if ranking.cytokines:
        print(f"Cytokines implicated in {disease.label}: {', '.join(ranking.cytokines)}")
        display(rank_table(ranking))
    else:
        print(
            f"The graph implicates no cytokine in {disease.label} yet, so coverage is 0 for"
            " every drug: the case rests on clinical evidence alone."
        )
    for drug_label in cases.loc[cases["disease"] == disease.label, "drug"]:
        explanation = kg.explain(kg.resolve(drug_label), disease, graph)
        print(
            f"\\n{drug_label} in {disease.label}: coverage {explanation.candidate.coverage:.2f},"
            f" {len(explanation.paths)} supporting paths"
        )
        display(evidence_table(explanation))
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
The same explanation as an interactive picture: dermatomyositis with its cytokines, receptors
and JAKs, upadacitinib, and the supporting paths highlighted (hover over an edge for its
sources).
"""),
    code("""
kg.viz.show_inline(kg.viz.explain_view("upadacitinib", "dermatomyositis", graph), height=500)
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

`kg.coverage_matrix` scores every JAK inhibitor against every disease with implicated cytokines
(diseases without any are left out: there is nothing to cover). Cells are marked **A** where a
label approves the drug for the disease and **R** where use outside the label is reported
effective.
"""),
    code("""
matrix = kg.coverage_matrix(graph)
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
    md("""
`kg.heatmap.heatmap_figure` draws the same matrix (it is what `jakkg heatmap -o coverage.png`
writes); here the seed cases are outlined in red on top of it.
"""),
    code("""
figure = kg.heatmap.heatmap_figure(matrix)
axes = figure.axes[0]
for case in cases.itertuples():
    if case.drug in coverage.index and case.disease in coverage.columns:
        i, j = coverage.index.get_loc(case.drug), coverage.columns.get_loc(case.disease)
        outline = Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, ec="#ff2d2d", lw=3, zorder=5)
        axes.add_patch(outline)
figure
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
        print(f"{name} differs from build_notebooks.py; run it to rewrite", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
